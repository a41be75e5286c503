"""The ``newsreader`` command line.

``newsreader [PATH|URL|-]`` opens the reader; ``newsreader annotate …`` prints
annotations. Core modules are imported eagerly (they are cheap); Textual only
inside the function that starts the app and spaCy only when something must be
annotated, so ``--help``, ``--version`` and ``--paths`` import neither.

Exit codes: 0 success, 1 bad input or failed work, 2 usage errors (unknown
option, unknown model).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsreader import __version__
from newsreader.annotating import annotate_cached
from newsreader.model import REASON_LABELS, Annotations, Article
from newsreader.nlp import ModelError
from newsreader.nlp.pipeline import ModelChoice, resolve_model
from newsreader.resources import default_sample
from newsreader.serialize import annotations_to_dict
from newsreader.sources import SourceError, load_article
from newsreader.store import locations
from newsreader.store.settings import Settings, load_settings

if TYPE_CHECKING:
    from newsreader.nlp.batch import BadLine

PROG = "newsreader"
SUBCOMMANDS = ("annotate", "export", "bookmarks", "themes")
"""Subcommand names; they win over files of the same name (use ``./export``)."""

SUBCOMMAND_MODULES = {
    "export": "newsreader.export.command",
    "bookmarks": "newsreader.store.bookmarks_command",
    "themes": "newsreader.ui.themes_command",
}
"""Modules implementing the other subcommands; each has ``main(argv) -> int``."""


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _read_parser() -> argparse.ArgumentParser:
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


def _annotate_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} annotate",
        description="Print the quotes, speakers, entities and topics of an article.",
    )
    parser.add_argument("source", nargs="?", metavar="PATH|URL|-")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--jsonl",
        metavar="IN.jsonl",
        help='batch mode: annotate the "text" of every JSON line ("-" = stdin)',
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT.jsonl", default="-", help="batch output file"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (batch)"
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
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
        print(f"{key}\t{path}", file=out)


def _settings() -> Settings:
    settings = load_settings()
    if settings.problem:
        _error(settings.problem)
    return settings


def _choose_model(requested: str | None) -> ModelChoice:
    choice = resolve_model(requested)
    if choice.fallback:
        _error("no spaCy pipeline is installed: using the rules-only fallback")
    return choice


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            command, rest = args[0], args[1:]
            if command == "annotate":
                return annotate_command(rest)
            return _run_subcommand(command, rest)
        return read_command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_subcommand(command: str, rest: list[str]) -> int:
    import importlib

    try:
        module = importlib.import_module(SUBCOMMAND_MODULES[command])
    except ModuleNotFoundError:
        _error(f"'{command}' is not available in {PROG} {__version__} yet")
        return 2
    return int(module.main(rest))


def read_command(args: list[str]) -> int:
    """``newsreader [PATH|URL|-]``: open the reader."""
    options = _read_parser().parse_args(args)
    settings = _settings()
    if options.paths:
        print_paths(settings, sys.stdout)
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
            _error(bookmarks.notice)
    try:
        article = load_article(source) if source is not None else None
        model = options.model or settings.model
        resolve_model(model)  # an unknown model is an error before the UI starts
    except SourceError as error:
        _error(str(error))
        return 1
    except ModelError as error:
        _error(str(error))
        return 2
    from newsreader.ui.app import run_reader

    return run_reader(
        article,
        model=model,
        theme=options.theme,
        settings=settings,
        bookmarks=bookmarks,
    )


def annotate_command(args: list[str]) -> int:
    """``newsreader annotate``: print annotations of one article, or a batch."""
    parser = _annotate_parser()
    options = parser.parse_args(args)
    settings = _settings()
    try:
        choice = _choose_model(options.model or settings.model)
    except ModelError as error:
        _error(str(error))
        return 2
    if options.jsonl:
        if options.source:
            parser.error("give either PATH or --jsonl, not both")
        return _annotate_batch(options.jsonl, options.output, choice, options.jobs)
    if not options.source:
        parser.error("PATH (or --jsonl IN.jsonl) is required")
    try:
        article = load_article(options.source)
    except SourceError as error:
        _error(str(error))
        return 1
    try:
        annotations = annotate_cached(article, choice)
    except ModelError as error:
        _error(str(error))
        return 2
    if options.format == "json":
        json.dump(
            {"article": article_metadata(article), **annotations_to_dict(annotations)},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        sys.stdout.write(annotations_as_text(article, annotations))
    return 0


def article_metadata(article: Article) -> dict[str, Any]:
    """The article's descriptive fields as a dictionary."""
    return {
        "title": article.title,
        "byline": article.byline,
        "site": article.site,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "sha256": article.sha256,
        "paragraphs": len(article.paragraphs),
        "characters": len(article.text),
    }


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def annotations_as_text(article: Article, annotations: Annotations) -> str:
    """A readable report: quotes with speakers, then entities, then topics."""
    lines = [article.title, f"engine: {annotations.engine}", ""]
    lines.append(f"QUOTES ({len(annotations.quotes)})")
    lines.append(
        f"{'#':>3}  {'speaker':<24} {'cue':<12} {'conf':>4}  {'kind':<8} quote"
    )
    for number, quote in enumerate(annotations.quotes, start=1):
        speaker = quote.speaker or (
            f"({quote.speaker_mention})" if quote.speaker_mention else "—"
        )
        lines.append(
            f"{number:>3}  {_clip(speaker, 24):<24} {_clip(quote.cue or '—', 12):<12} "
            f"{quote.confidence:>4.2f}  {quote.kind:<8} "
            f"{_clip(article.span_text(quote.span), 70)}"
        )
        lines.append(
            f"{'':>5}¶{article.paragraph_index(quote.span.start) + 1} · "
            f"{REASON_LABELS[quote.reason]}"
        )
    lines.append("")
    lines.append(f"ENTITIES ({len(annotations.entities)})")
    for entity in annotations.entities:
        quoted = f", quoted {entity.quote_count}×" if entity.quoted else ""
        variants = [v for v in entity.variants if v != entity.name]
        also = f"  (also: {', '.join(variants)})" if variants else ""
        lines.append(
            f"  {entity.label:<8} {entity.name} — {len(entity.mentions)} mentions"
            f"{quoted}{also}"
        )
    lines.append("")
    lines.append(f"TOPICS ({len(annotations.topics)})")
    for rank, topic in enumerate(annotations.topics, start=1):
        lines.append(f"  {rank:>2}. {topic.phrase} ({len(topic.mentions)}×)")
    return "\n".join(lines) + "\n"


def _unwritable(target: Path) -> str | None:
    """Why the batch output cannot go to ``target``, or None when it can."""
    if target.is_dir():
        return "is a directory; name the output file"
    if target.exists() and not target.is_file():
        return "is not a regular file; name a file (or - for standard output)"
    parent = target.parent
    if not parent.is_dir():
        return f"cannot write: no directory {str(parent)!r}"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot write in {str(parent)!r}: permission denied"
    return None


def _annotate_batch(source: str, output: str, choice: ModelChoice, jobs: int) -> int:
    """Annotate a JSON-lines file into ``output``.

    The destination is checked before any work; the output is written to a
    ``.part`` file renamed into place at the end, and removed on any failure.
    """
    from newsreader.nlp.batch import InputTooLarge, annotate_lines, read_lines

    target = None if output == "-" else Path(output)
    if target is not None:
        problem = _unwritable(target)
        if problem is not None:
            _error(f"{output}: {problem}")
            return 1
    try:
        if source == "-":
            lines = list(read_lines(sys.stdin.buffer))
        else:
            with open(source, "rb") as stream:
                lines = list(read_lines(stream))
    except InputTooLarge as error:
        _error(f"{source}: {error}; nothing written")
        return 1
    except OSError as error:
        _error(f"{source}: cannot read ({error.strerror or error})")
        return 1
    records = annotate_lines(lines, choice, jobs=max(1, jobs))
    if target is None:
        return _write_records(records, sys.stdout, source)
    part = target.with_name(target.name + ".part")
    done = False
    try:
        with part.open("w", encoding="utf-8") as out:
            status = _write_records(records, out, source)
        part.replace(target)
        done = True
    except OSError as error:
        _error(f"{output}: cannot write ({error.strerror or error}); nothing written")
        return 1
    finally:
        if not done:
            part.unlink(missing_ok=True)
    return status


def _write_records(
    records: Iterable[dict[str, Any] | BadLine], out: IO[str], source: str
) -> int:
    """Write the good records as JSON lines and report the bad ones; returns
    the exit code (1 when a line was skipped)."""
    from newsreader.nlp.batch import BadLine

    skipped = 0
    for record in records:
        if isinstance(record, BadLine):
            skipped += 1
            _error(f"{source}: line {record.number}: {record.reason}; skipped")
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if skipped else 0
