"""``newsreader quotes``: search the quote archive, list speakers, trace wording.

``newsreader quotes search "PHRASE" [--speaker NAME] [--entity NAME]
[--since DATE] [--until DATE] [--kind direct|indirect|mixed] [--verified]
[--format table|json|md|csv]``, ``newsreader quotes speakers [NAME]``,
``newsreader quotes trace "TEXT"``, ``newsreader quotes merge A B`` and
``newsreader quotes split SPEAKER NAME``.

Every archived string is printed through :func:`printable` (terminal control
characters made visible). Exit codes: 0 success, 1 nothing found or the
archive failed, 2 usage errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from newsreader.cli.basics import PROG, error
from newsreader.cli.common import ArchiveCommand, run_on_archive
from newsreader.safe_text import printable as safe_printable
from newsreader.store.archive import (
    ArchivedQuote,
    Occurrence,
    QuoteArchive,
    SearchQuery,
    SpeakerSummary,
)
from newsreader.store.wording import inline_diff

FORMATS = ("table", "json", "md", "csv")


def printable(text: str | None) -> str:
    """Archived text made safe for a terminal, on one line."""
    return " ".join(safe_printable(text or "").split())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date (YYYY-MM-DD): {value!r}"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsreader quotes``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} quotes",
        description="Search the archive of every quote you have annotated.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    search = commands.add_parser("search", help="find quotes by words, speaker, date…")
    search.add_argument("phrase", nargs="?", default="", metavar="PHRASE")
    search.add_argument("--speaker", metavar="NAME")
    search.add_argument("--entity", metavar="NAME", help="articles mentioning NAME")
    search.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    search.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD")
    search.add_argument("--kind", choices=("direct", "indirect", "mixed"))
    search.add_argument(
        "--verified", action="store_true", help="only quotes you verified or corrected"
    )
    search.add_argument("--format", choices=FORMATS, default="table")
    search.add_argument("--limit", type=int, default=200, metavar="N")

    speakers = commands.add_parser("speakers", help="people with their quote counts")
    speakers.add_argument("name", nargs="?", metavar="NAME")
    speakers.add_argument("--format", choices=("table", "json"), default="table")

    trace = commands.add_parser(
        "trace", help="every archived occurrence of a quote, and how it changed"
    )
    trace.add_argument("text", metavar="TEXT")
    trace.add_argument("--format", choices=("table", "json"), default="table")

    merge = commands.add_parser("merge", help="make speaker B the same person as A")
    merge.add_argument("keep", metavar="A", help="a speaker name or #id")
    merge.add_argument("other", metavar="B", help="a speaker name or #id")

    split = commands.add_parser(
        "split", help="give a speaker's quotes recorded under NAME to a new speaker"
    )
    split.add_argument("speaker", metavar="SPEAKER", help="a speaker name or #id")
    split.add_argument(
        "name", metavar="NAME", help="one of the names it was recorded as"
    )
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``newsreader quotes``; returns the exit code."""
    options = build_parser().parse_args(list(argv))
    handlers: dict[str, ArchiveCommand] = {
        "search": _search,
        "speakers": _speakers,
        "trace": _trace,
        "merge": _merge,
        "split": _split,
    }
    return run_on_archive(handlers[options.command], options)


# -- search ----------------------------------------------------------------------


def quote_record(quote: ArchivedQuote) -> dict[str, Any]:
    """A quote as a JSON-friendly dictionary."""
    article = quote.article
    return {
        "id": quote.id,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_id": quote.speaker_id,
        "speaker_as_written": quote.speaker_written,
        "speaker_kind": quote.speaker_kind,
        "cue": quote.cue,
        "kind": quote.kind,
        "confidence": round(quote.confidence, 3),
        "review": quote.review,
        "start": quote.span.start,
        "end": quote.span.end,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date or article.published,
        "location": article.location,
        "article_sha256": article.sha256,
    }


def neutralised(value: Any) -> Any:
    """``value`` with every string in it (recursively) made terminal-safe."""
    if isinstance(value, str):
        return safe_printable(value, keep_newlines=True)
    if isinstance(value, dict):
        return {key: neutralised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [neutralised(item) for item in value]
    return value


def render_quotes(quotes: Sequence[ArchivedQuote], fmt: str) -> str:
    """Search results in one of :data:`FORMATS` (every string made printable)."""
    if fmt == "json":
        records = neutralised([quote_record(q) for q in quotes])
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        fields = list(quote_record(quotes[0]).keys()) if quotes else []
        writer = csv.DictWriter(buffer, fieldnames=fields)
        writer.writeheader()
        for quote in quotes:
            writer.writerow(
                {
                    k: printable(v) if isinstance(v, str) else v
                    for k, v in quote_record(quote).items()
                }
            )
        return buffer.getvalue()
    if fmt == "md":
        lines: list[str] = []
        for quote in quotes:
            article = quote.article
            source = ", ".join(
                printable(part)
                for part in (article.outlet, article.date or article.published)
                if part
            )
            lines.append(f"> {printable(quote.text)}")
            lines.append(">")
            lines.append(
                f"> — {printable(quote.speaker) or 'unattributed'}, "
                f"*{printable(article.title)}*" + (f" ({source})" if source else "")
            )
            lines.append("")
        return "\n".join(lines)
    rows = [
        f"{'#':>6}  {'date':<10}  {'outlet':<14}  {'speaker':<20}  {'kind':<8}  quote"
    ]
    for quote in quotes:
        article = quote.article
        mark = " ✓" if quote.review in ("verified", "edited") else ""
        when = article.date or article.published or "—"
        rows.append(
            f"{quote.id:>6}  {_clip(printable(when), 10):<10}  "
            f"{_clip(printable(article.outlet) or '—', 14):<14}  "
            f"{_clip(printable(quote.speaker) or '—', 20):<20}  {quote.kind:<8}  "
            f"{_clip(printable(quote.text), 80)}{mark}"
        )
    return "\n".join(rows) + "\n"


def _search(archive: QuoteArchive, options: argparse.Namespace) -> int:
    query = SearchQuery(
        phrase=options.phrase,
        speaker=options.speaker,
        entity=options.entity,
        since=options.since,
        until=options.until,
        kind=options.kind,
        verified=options.verified,
        limit=max(1, options.limit),
    )
    quotes = archive.search(query)
    if not quotes:
        error("no archived quotes match")
        return 1
    sys.stdout.write(render_quotes(quotes, options.format))
    return 0


# -- speakers --------------------------------------------------------------------


def _speakers(archive: QuoteArchive, options: argparse.Namespace) -> int:
    speakers = archive.speakers(options.name)
    if not speakers:
        error(
            "no speakers in the archive"
            + (f" match {options.name!r}" if options.name else "")
        )
        return 1
    if options.format == "json":
        records = neutralised(
            [
                {
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind,
                    "quotes": s.quotes,
                    "articles": s.articles,
                    "outlets": list(s.outlets),
                    "names": list(s.names),
                }
                for s in speakers
            ]
        )
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return 0
    print(
        f"{'#':>5}  {'speaker':<28}  {'kind':<12}  {'quotes':>6}  "
        f"{'articles':>8}  outlets"
    )
    for s in speakers:
        others = [n for n in s.names if n != s.name]
        also = f"  (also: {printable(', '.join(others))})" if others else ""
        print(
            f"{s.id:>5}  {_clip(printable(s.name), 28):<28}  {s.kind:<12}  "
            f"{s.quotes:>6}  {s.articles:>8}  "
            f"{printable(', '.join(s.outlets)) or '—'}{also}"
        )
    return 0


def _one_speaker(archive: QuoteArchive, word: str) -> SpeakerSummary | str:
    found = archive.find_speakers(word)
    if not found:
        return f"no archived speaker matches {word!r}"
    if len(found) > 1:
        choices = ", ".join(f"#{s.id} {printable(s.name)}" for s in found[:8])
        return f"{word!r} matches several speakers ({choices}): give the #id"
    return found[0]


def _merge(archive: QuoteArchive, options: argparse.Namespace) -> int:
    keep = _one_speaker(archive, options.keep)
    other = _one_speaker(archive, options.other)
    for found in (keep, other):
        if isinstance(found, str):
            error(found)
            return 1
    assert isinstance(keep, SpeakerSummary) and isinstance(other, SpeakerSummary)
    merged = archive.merge_speakers(keep.id, other.id)
    print(
        f"#{merged.id} {printable(merged.name)}: {merged.quotes} quotes "
        f"(merged #{other.id} {printable(other.name)})"
    )
    return 0


def _split(archive: QuoteArchive, options: argparse.Namespace) -> int:
    speaker = _one_speaker(archive, options.speaker)
    if isinstance(speaker, str):
        error(speaker)
        return 1
    made = archive.split_speaker(speaker.id, options.name)
    print(
        f"#{made.id} {printable(made.name)}: {made.quotes} quotes "
        f"(split from #{speaker.id} {printable(speaker.name)})"
    )
    return 0


# -- trace -----------------------------------------------------------------------


def occurrence_record(occurrence: Occurrence) -> dict[str, Any]:
    """A trace result as a JSON-friendly dictionary."""
    record = quote_record(occurrence.quote)
    record["similarity"] = round(occurrence.similarity, 3)
    record["changes"] = [
        {"kind": c.kind, "before": c.before, "after": c.after, "marked": c.marked}
        for c in occurrence.changes
    ]
    return record


def render_trace(occurrences: Sequence[Occurrence]) -> str:
    """Occurrences earliest first, each later one with its word changes."""
    lines: list[str] = []
    earliest = occurrences[0].quote.text
    for number, occurrence in enumerate(occurrences, start=1):
        quote = occurrence.quote
        article = quote.article
        when = printable(article.date or article.published) or "undated"
        lines.append(
            f"{number}. {when} · {printable(article.outlet) or '—'} · "
            f"{printable(article.title)} · {printable(quote.speaker) or 'unattributed'}"
            f" · {occurrence.similarity:.0%}"
        )
        if number == 1:
            lines.append(f"   {printable(quote.text)}")
            lines.append("   (earliest)")
        elif not occurrence.changes:
            lines.append(f"   {printable(quote.text)}")
            lines.append("   same words as the earliest")
        else:
            lines.append(f"   {printable(inline_diff(earliest, quote.text))}")
            for change in occurrence.changes:
                lines.append(f"   - {printable(change.describe())}")
        lines.append("")
    return "\n".join(lines)


def _trace(archive: QuoteArchive, options: argparse.Namespace) -> int:
    occurrences = archive.trace(options.text)
    if not occurrences:
        error("no archived quote has these words")
        return 1
    if options.format == "json":
        records = neutralised([occurrence_record(o) for o in occurrences])
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_trace(occurrences))
    return 0
