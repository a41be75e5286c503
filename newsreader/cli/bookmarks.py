"""``newsreader bookmarks``: list, show, remove and export bookmarks.

``list`` prints one bookmark a line, each with the numeric id the other
subcommands take. ``export`` writes a bookmark's marked quotes through the
exporter (:mod:`newsreader.export`), from the bookmark's text snapshot, so it
works offline and after the source has changed or gone.

Exit codes: 0 success, 1 no such bookmark or the store or export failed, 2 usage
errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import IO, Any

from newsreader.cli.basics import error
from newsreader.safe_text import printable
from newsreader.store.bookmarks import (
    Bookmark,
    BookmarkStore,
    BookmarkStoreError,
)

PROG = "newsreader bookmarks"


def _parser() -> argparse.ArgumentParser:
    from newsreader.cli.export import add_output_arguments

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="List, show, remove and export bookmarks.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    listing = commands.add_parser(
        "list", help="one bookmark a line, with its id (newest first)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    show = commands.add_parser("show", help="everything stored about one bookmark")
    show.add_argument("id", type=int, metavar="ID")
    remove = commands.add_parser("remove", help="delete a bookmark")
    remove.add_argument("id", type=int, metavar="ID")
    export = commands.add_parser(
        "export", help="export a bookmark's marked quotes (md, json or csv)"
    )
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument(
        "--format",
        choices=("md", "json", "csv"),
        default="md",
        help="output format (default: md)",
    )
    add_output_arguments(export)
    export.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    export.add_argument(
        "--all",
        action="store_true",
        help="export every quote of the article, not only the marked ones",
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, store: BookmarkStore | None = None
) -> int:
    """Run ``newsreader bookmarks``; returns the exit code.

    Args:
        argv: The arguments after ``bookmarks``.
        store: The store to use (default: the user's).
    """
    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    store = store if store is not None else BookmarkStore()
    try:
        store.open()
    except BookmarkStoreError as problem:
        error(str(problem))
        return 1
    if store.notice:
        error(store.notice)
    try:
        if options.command == "list":
            return _list(store, as_json=options.json, out=sys.stdout)
        if options.command == "show":
            return _show(store, options.id, out=sys.stdout)
        if options.command == "remove":
            return _remove(store, options.id, out=sys.stdout)
        return _export(store, options)
    except BookmarkStoreError as problem:
        error(str(problem))
        return 1


# -- formatting -------------------------------------------------------------------


def _one_line(text: str, width: int | None = None) -> str:
    """``text`` on one terminal-safe line, cut to ``width``."""
    text = printable(" ".join(text.split()))
    if width is not None and len(text) > width:
        return text[: width - 1] + "…"
    return text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def bookmark_date(bookmark: Bookmark) -> str:
    """The published date when known, else the day it was bookmarked."""
    return bookmark.published or bookmark.created[:10]


def counts_text(bookmark: Bookmark) -> str:
    """``7 quotes · 2 marked`` (plus quotes bookmarked on their own)."""
    parts = []
    if bookmark.quote_count is not None:
        parts.append(_plural(bookmark.quote_count, "quote"))
    parts.append(f"{len(bookmark.marked_quote_ids)} marked")
    if bookmark.quotes:
        parts.append(_plural(len(bookmark.quotes), "saved quote"))
    return " · ".join(parts)


def list_line(bookmark: Bookmark) -> str:
    """One line of ``bookmarks list``."""
    fields = [_one_line(bookmark.title, 60)]
    if bookmark.site:
        fields.append(_one_line(bookmark.site, 30))
    fields.append(bookmark_date(bookmark))
    fields.append(counts_text(bookmark))
    if bookmark.note:
        fields.append(f"note: {_one_line(bookmark.note, 50)}")
    return printable(f"{bookmark.id:>4}  " + " · ".join(fields))


def bookmark_to_dict(bookmark: Bookmark) -> dict[str, Any]:
    """A bookmark as JSON-friendly data (without the snapshot text)."""
    data = asdict(bookmark)
    data["marked_quote_ids"] = list(bookmark.marked_quote_ids)
    data["quotes"] = [
        {
            "id": quote.id,
            "quote_id": quote.quote_id,
            "start": quote.span.start,
            "end": quote.span.end,
            "text": quote.text,
            "created": quote.created,
        }
        for quote in bookmark.quotes
    ]
    return data


# -- subcommands --------------------------------------------------------------------


def _list(store: BookmarkStore, *, as_json: bool, out: IO[str]) -> int:
    bookmarks = store.list()
    if as_json:
        json.dump(
            [bookmark_to_dict(b) for b in bookmarks], out, ensure_ascii=False, indent=2
        )
        print(file=out)
        return 0
    if not bookmarks:
        print("No bookmarks yet: press m in the reader to add one.", file=sys.stderr)
    for bookmark in bookmarks:
        print(list_line(bookmark), file=out)
    return 0


MAX_ID = 2**63 - 1
"""The largest SQLite row id; a larger one would overflow the query."""


def _get(store: BookmarkStore, bookmark_id: int) -> Bookmark:
    bookmark = store.get(bookmark_id) if 0 < bookmark_id <= MAX_ID else None
    if bookmark is None:
        raise BookmarkStoreError(
            f"no bookmark with id {bookmark_id} (see 'newsreader bookmarks list')"
        )
    return bookmark


def _show(store: BookmarkStore, bookmark_id: int, *, out: IO[str]) -> int:
    bookmark = _get(store, bookmark_id)
    article = store.article_from_bookmark(bookmark)
    paragraph = article.paragraph_index(bookmark.position) + 1
    rows: list[tuple[str, str | None]] = [
        ("id", str(bookmark.id)),
        ("title", bookmark.title),
        ("byline", bookmark.byline),
        ("site", bookmark.site),
        ("published", bookmark.published),
        ("source", bookmark.source),
        ("url", bookmark.url),
        ("retrieved", bookmark.retrieved),
        ("sha256", bookmark.sha256),
        ("bookmarked", bookmark.created),
        ("updated", bookmark.updated),
        (
            "position",
            f"¶{paragraph} of {len(article.paragraphs)}, "
            f"character {bookmark.position} of {len(article.text)}",
        ),
        ("quotes", counts_text(bookmark)),
        ("marked", ", ".join(bookmark.marked_quote_ids) or "—"),
        ("note", bookmark.note),
    ]
    for key, value in rows:
        if value:
            print(f"{key + ':':<11} {_one_line(value)}", file=out)
    for quote in bookmark.quotes:
        where = article.paragraph_index(quote.span.start) + 1
        print(
            f"saved quote {quote.quote_id} (¶{where}): {_one_line(quote.text, 100)}",
            file=out,
        )
    return 0


def _remove(store: BookmarkStore, bookmark_id: int, *, out: IO[str]) -> int:
    bookmark = _get(store, bookmark_id)
    if not store.remove(bookmark_id):
        raise BookmarkStoreError(f"no bookmark with id {bookmark_id}")
    print(f"Removed bookmark {bookmark_id}: {_one_line(bookmark.title, 70)}", file=out)
    return 0


def _export(store: BookmarkStore, options: argparse.Namespace) -> int:
    """Export a bookmark's marked (and saved) quotes with ``newsreader export``'s
    rules: the annotation cache (spaCy only on a miss), stdout unless ``-o``,
    ``-o DIR`` names the file from the title, atomic writes, ``--force`` to
    overwrite, exit 1 when no quote matches."""
    bookmark = _get(store, options.id)
    article = store.article_from_bookmark(bookmark)
    quote_ids: list[str] | None = None
    if not options.all:
        quote_ids = list(bookmark.marked_quote_ids)
        quote_ids += [
            q.quote_id for q in bookmark.quotes if q.quote_id not in quote_ids
        ]
        if not quote_ids:
            error(
                f"bookmark {bookmark.id} has no marked quotes "
                "(mark quotes with v in the reader, or use --all)"
            )
            return 1

    from newsreader.cli.common import (
        Stop,
        annotations_or_stop,
        model_or_stop,
        reviewed_or_warn,
    )
    from newsreader.cli.export import MACHINE_ONLY, write_output
    from newsreader.export import build_document

    try:
        choice = model_or_stop(options.model, announce_fallback=False)
        annotations = annotations_or_stop(article, choice, archive=False)
    except Stop as stop:
        return stop.code
    reviewed, _ = reviewed_or_warn(article, annotations, warning=MACHINE_ONLY)
    document = build_document(
        article, annotations, quote_ids, model=choice.label, reviewed=reviewed
    )
    if not document.quotes:
        error(
            f"none of the quotes of bookmark {bookmark.id} is in the current "
            "annotations of its text"
        )
        return 1
    return write_output(
        document,
        options.format,
        options.output,
        force=options.force,
        raw_csv=options.raw_csv,
        plain=options.plain,
        append=options.append,
    )
