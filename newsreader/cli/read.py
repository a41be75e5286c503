"""``newsreader [PATH|URL|-]``: open the reader (or the library).

Textual is imported only inside :func:`main` once the reader is sure to start,
so ``--help``, ``--version`` and ``--paths`` never load it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import IO

from newsreader import __version__
from newsreader.cli.basics import PROG, error, user_settings
from newsreader.nlp import ModelError
from newsreader.nlp.pipeline import resolve_model
from newsreader.resources import default_sample
from newsreader.safe_text import printable
from newsreader.sources import SourceError, load_article
from newsreader.store import locations
from newsreader.store.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsreader`` without a subcommand."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "A terminal reader for journalists: quotes and their speakers "
            "highlighted inline, people, organisations, places and topics beside "
            "the article."
        ),
        epilog=(
            "subcommands: annotate, export, bookmarks, themes (each has --help). "
            "With no PATH the library opens (the bundled sample on a first run)."
        ),
    )
    parser.add_argument(
        "source",
        nargs="?",
        metavar="PATH|URL|-",
        help="article file (.txt, .md, .html), http(s) URL, or - for stdin",
    )
    parser.add_argument("--theme", metavar="NAME", help="theme for this run")
    parser.add_argument(
        "--model", metavar="NAME", help="spaCy pipeline to use (any installed one)"
    )
    parser.add_argument(
        "--paths",
        action="store_true",
        help="print where config, data, cache, exports and user themes live",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def print_paths(settings: Settings, out: IO[str]) -> None:
    """Write ``key<TAB>path`` lines for every user location."""
    rows = [
        ("config", locations.config_file()),
        ("data", locations.data_dir()),
        ("cache", locations.cache_dir()),
        ("exports", settings.exports_dir()),
        ("themes", locations.user_themes_dir()),
    ]
    for key, path in rows:
        print(f"{key}\t{printable(str(path))}", file=out)


def main(argv: Sequence[str]) -> int:
    """Run the reader; returns the exit code."""
    options = build_parser().parse_args(list(argv))
    loaded = user_settings()
    if options.paths:
        print_paths(loaded, sys.stdout)
        return 0
    source: str | None = options.source or None
    bookmarks = None
    if source is None:
        # No argument: the library, except on a first run (no bookmarks and no
        # history, or no usable store), which opens the default sample.
        from newsreader.store.bookmarks import BookmarkStore

        bookmarks = BookmarkStore()
        if bookmarks.is_empty():
            source = str(default_sample())
        if bookmarks.notice:
            error(bookmarks.notice)
    # A URL downloads inside the reader, which shows "fetching …" meanwhile.
    fetch = source if source is not None and is_web_url(source) else None
    try:
        article = load_article(source) if source and fetch is None else None
        if options.model:
            # An unknown --model is a usage error before the UI starts; an
            # unknown configured model is announced in the reader instead.
            resolve_model(options.model)
    except SourceError as problem:
        error(str(problem))
        return 1
    except ModelError as problem:
        error(str(problem))
        return 2
    child = None
    if article is not None:
        # Started before the UI's imports: spaCy loads while Textual does.
        from newsreader.services.container import start_annotation_child
        from newsreader.services.models import decide_model

        child = start_annotation_child(
            article, decide_model(options.model, loaded).choice
        )
    from newsreader.ui.app import run_reader

    return run_reader(
        article,
        model=options.model,
        theme=options.theme,
        settings=loaded,
        bookmarks=bookmarks,
        fetch=fetch,
        child=child,
    )


def is_web_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL (other schemes fail in the loader)."""
    return source.split("://", 1)[0].lower() in ("http", "https") and "://" in source
