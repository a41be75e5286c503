"""``newsreader export``: quotes of an article as Markdown, JSON or CSV.

``newsreader export PATH [--all | --speaker NAME | --marked] [--format md|json|csv]
[-o FILE|DIR|-] [--append] [--plain] [--model NAME]``

Annotations come from the annotation cache, so spaCy is imported only on a
cache miss; the reporter's reviews (from the reader) are applied as the reader
applies them: rejected quotes left out, corrected speakers marked as edited.
Exit codes follow ``newsreader annotate``: 0 success, 1 bad input,
no matching quotes or an unwritable destination, 2 usage errors (unknown
option or model).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, cast

from newsreader.cli.basics import error
from newsreader.cli.common import (
    Stop,
    annotations_or_stop,
    article_or_stop,
    model_or_stop,
    reviewed_or_warn,
)
from newsreader.export import append_export
from newsreader.export.document import build_document, quotes_by_speaker
from newsreader.export.files import (
    ExportError,
    ExportExistsError,
    target_path,
    write_atomic,
)
from newsreader.export.renderers import FORMATS, Format, render
from newsreader.safe_text import printable

if TYPE_CHECKING:
    from newsreader.export.document import ExportDocument
    from newsreader.model import Article

PROG = "newsreader export"


MACHINE_ONLY = "reviews unavailable, exporting machine attributions"
"""The warning before a review store problem, when exporting without reviews."""


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``-o/--output FILE|DIR|-``, ``-f/--force`` and ``--raw-csv``
    (see :func:`write_output`)."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR|-",
        default="-",
        help="where to write: a file, a directory (the file is named from the "
        "title) or - for standard output (the default)",
    )
    parser.add_argument(
        "-f",
        "--force",
        action="store_true",
        help="overwrite an existing output file",
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="add to the end of an existing notes file (Markdown without a "
        "second front matter, CSV without a second header) instead of "
        "refusing or overwriting",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="Markdown: leave out character offsets and quote ids (JSON and "
        "CSV always keep them)",
    )
    parser.add_argument(
        "--raw-csv",
        action="store_true",
        help="CSV: keep cells starting with = + - @, tab or CR as written (by "
        "default they get a leading ' so spreadsheets do not run them as "
        "formulas); JSON and Markdown always keep the exact text",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsreader export``."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Export an article's quotes with their speakers and exact offsets as "
            "Markdown (YAML front matter, one blockquote per quote), JSON (W3C Web "
            "Annotation selectors) or CSV."
        ),
    )
    parser.add_argument("source", metavar="PATH|URL|-", help="the article to export")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every quote (the default)")
    which.add_argument(
        "--speaker",
        metavar="NAME",
        action="append",
        help="quotes whose speaker matches NAME (case-insensitive; 'Lopez' "
        "matches 'Maria Lopez'); repeat for several speakers",
    )
    which.add_argument(
        "--marked",
        action="store_true",
        help="the quotes marked in the reader (saved in the article's bookmark)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="md", help="output format (default: md)"
    )
    add_output_arguments(parser)
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    return parser


def marked_quote_ids(article: Article) -> list[str] | str:
    """The ids marked in ``article``'s bookmark, or a message saying why not."""
    try:
        from newsreader.store.bookmarks import BookmarkStore, BookmarkStoreError
    except ImportError:
        return "--marked needs the bookmark store, which this build does not have"
    store = BookmarkStore()
    try:
        ids = list(store.marked_quote_ids(article.sha256))
    except BookmarkStoreError as problem:
        return str(problem)
    if not ids:
        return (
            f"{article.title}: no quotes are marked in this article's bookmark "
            "(mark them with v in the reader)"
        )
    return ids


def write_output(
    document: ExportDocument,
    fmt: Format,
    output: str,
    *,
    force: bool = False,
    raw_csv: bool = False,
    plain: bool = False,
    append: bool = False,
) -> int:
    """Render ``document`` and write it where ``-o OUTPUT`` says; returns the
    exit code.

    ``-`` writes to standard output; anything else goes through
    :func:`~newsreader.export.files.target_path` and is written atomically,
    replacing an existing file only with ``force``, or added to its end with
    ``append``. Errors are reported on
    standard error (exit 1); a written file is reported with its quote count
    (exit 0).
    """
    text = render(document, fmt, raw_csv=raw_csv, plain=plain)
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    path = target_path(output, document.title, fmt)
    try:
        if append:
            written = append_export(document, fmt, path, plain=plain, raw_csv=raw_csv)
        else:
            written = write_atomic(path, text, overwrite=force)
    except ExportExistsError as exists:
        error(f"{exists.path} already exists (use --force to overwrite)")
        return 1
    except ExportError as problem:
        error(str(problem))
        return 1
    count = document.quote_count
    quotes = f"{count} quote{'s' if count != 1 else ''}"
    print(f"{printable(str(written))}: {quotes}", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    """Run ``newsreader export``; returns the exit code."""
    options = build_parser().parse_args(argv)
    fmt = cast(Format, options.format)

    try:
        choice = model_or_stop(options.model, announce_fallback=False)
        article = article_or_stop(options.source)
        quote_ids: list[str] | None = None
        if options.marked:
            found = marked_quote_ids(article)
            if isinstance(found, str):
                error(found)
                return 1
            quote_ids = found
        annotations = annotations_or_stop(article, choice, announce_fallback=True)
    except Stop as stop:
        return stop.code
    reviewed, _ = reviewed_or_warn(article, annotations, warning=MACHINE_ONLY)
    shown = reviewed.annotations
    if options.speaker is not None:
        wanted = {
            quote_id
            for name in options.speaker
            for quote_id in quotes_by_speaker(shown, name)
        }
        quote_ids = [quote.id for quote in shown.quotes if quote.id in wanted]

    document = build_document(
        article, annotations, quote_ids, model=choice.label, reviewed=reviewed
    )
    if not document.quotes:
        if options.speaker is not None:
            names = ", ".join(name for name, _count in shown.speakers())
            asked = " or ".join(repr(name) for name in options.speaker)
            error(
                f"no quotes by a speaker matching {asked} in "
                f"{options.source} (speakers: {names or 'none'})"
            )
        elif options.marked:
            error(
                f"none of the marked quotes is in the current annotations of "
                f"{options.source}"
            )
        else:
            error(f"no quotes found in {options.source}")
        return 1

    return write_output(
        document,
        fmt,
        options.output,
        force=options.force,
        raw_csv=options.raw_csv,
        plain=options.plain,
        append=options.append,
    )
