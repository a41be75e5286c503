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
    "build_document",
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
