"""Exporting quotes: one data model, three renderers, atomic files, a CLI.

Headless core: this package never imports Textual, Rich or ``newsreader.ui``.
:func:`build_document` makes an :class:`ExportDocument` from an article, its
annotations and the chosen quote ids; :func:`render` turns it into Markdown,
JSON or CSV; :func:`write_export` writes it atomically.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.export.document import (
    SCHEMA,
    ExportDocument,
    ExportedQuote,
    build_document,
    quotes_by_speaker,
    speaker_matches,
)
from newsreader.export.files import (
    ExportError,
    ExportExistsError,
    file_name,
    slugify,
    target_path,
    write_atomic,
)
from newsreader.export.renderers import (
    FORMAT_NAMES,
    FORMATS,
    Format,
    citation,
    quote_markdown,
    render,
    render_csv,
    render_json,
    render_markdown,
)

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "SCHEMA",
    "ExportDocument",
    "ExportError",
    "ExportExistsError",
    "ExportedQuote",
    "Format",
    "append_export",
    "appended_text",
    "build_document",
    "citation",
    "file_name",
    "quote_markdown",
    "quotes_by_speaker",
    "render",
    "render_csv",
    "render_json",
    "render_markdown",
    "slugify",
    "speaker_matches",
    "target_path",
    "write_atomic",
    "write_export",
]


def write_export(
    document: ExportDocument,
    fmt: Format,
    destination: str | Path,
    *,
    overwrite: bool = False,
) -> Path:
    """Render ``document`` and write it atomically; returns the file written.

    Args:
        document: What to export.
        fmt: ``md``, ``json`` or ``csv``.
        destination: A directory (an existing one, or a path ending in a
            separator; the file is named from the title's slug) or the file
            (see :func:`target_path`).
        overwrite: Replace an existing file.

    Raises:
        ExportExistsError: The file exists and ``overwrite`` is False.
        ExportError: The file could not be written; nothing was left behind.
    """
    path = target_path(destination, document.title, fmt)
    return write_atomic(path, render(document, fmt), overwrite=overwrite)


def appended_text(
    existing: str,
    document: ExportDocument,
    fmt: Format,
    *,
    plain: bool = False,
    raw_csv: bool = False,
) -> str:
    """``existing`` notes with ``document`` added at the end.

    Markdown gets the title, source line and quotes without a second front
    matter; CSV gets the rows without a second header (the existing header must
    match). A JSON file is one object and cannot be appended to.

    Raises:
        ExportError: JSON, or a CSV file with other columns.
    """
    if not existing.strip():
        return render(document, fmt, plain=plain, raw_csv=raw_csv)
    if fmt == "md":
        body = render_markdown(document, plain=plain, header=False)
        return existing.rstrip("\n") + "\n\n" + body
    if fmt == "csv":
        header, _, rows = render_csv(document, raw=raw_csv).partition("\r\n")
        first = existing.splitlines()[0] if existing else ""
        if first != header:
            raise ExportError(
                "the existing CSV file has other columns; write a new file instead"
            )
        separator = "" if existing.endswith(("\n", "\r")) else "\r\n"
        return existing + separator + rows
    raise ExportError(
        "a JSON export cannot be appended to; overwrite it or write a new file"
    )


def append_export(
    document: ExportDocument,
    fmt: Format,
    destination: str | Path,
    *,
    plain: bool = False,
    raw_csv: bool = False,
) -> Path:
    """Add ``document`` to the end of the notes file at ``destination``
    (created when missing); the whole file is rewritten atomically.

    Raises:
        ExportError: The file cannot be read or written, or cannot take an
            append (see :func:`appended_text`); nothing was changed.
    """
    path = target_path(destination, document.title, fmt)
    try:
        existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ExportError(f"cannot read {path}: {reason}") from error
    text = appended_text(existing, document, fmt, plain=plain, raw_csv=raw_csv)
    return write_atomic(path, text, overwrite=True)
