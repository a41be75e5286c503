"""Putting annotated articles into the quote archive.

:func:`record_annotated` is what the reader (in a worker), ``annotate`` and
``export`` call after annotating: it never raises, and a failure comes back as
a one-line notice. :func:`import_batch` reads the JSON lines written by
``newsreader annotate --jsonl`` (see :mod:`newsreader.services.batch`) into the
archive, taking each article's text from the output line itself or from the
batch's input file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from newsreader.model import Annotations, Article, Quote, Span, SpeakerKind
from newsreader.review import Review, ReviewStatus, speaker_kind
from newsreader.serialize import entity_from_dict
from newsreader.sources.text import split_paragraphs
from newsreader.store.archive import ArchiveError, QuoteArchive, ReviewState

ARCHIVE_STATES: Final[dict[ReviewStatus, ReviewState]] = {
    "machine": "machine",
    "verified": "verified",
    "edited": "edited",
    "rejected": "not-a-quote",
}
"""A review's status as the archive names it."""

IMPORT_BATCH: Final = 200
"""Articles recorded per transaction by :func:`import_batch`."""


def speaker_kinds(annotations: Annotations) -> dict[str, str]:
    """The kind of every quote's speaker (:func:`newsreader.review.speaker_kind`),
    by quote id."""
    entities = annotations.entities
    return {quote.id: speaker_kind(quote, entities) for quote in annotations.quotes}


def record_review(
    review: Review,
    archive: QuoteArchive | None = None,
    speaker_kind: SpeakerKind = "unknown",
) -> str | None:
    """Carry a reporter's review into the archive; returns a one-line notice
    on failure, None when recorded (or when the quote is not archived)."""
    try:
        archive = archive or QuoteArchive()
        archive.set_review_at(
            review.article_sha256,
            review.key,
            ARCHIVE_STATES[review.status],
            speaker=review.speaker,
            speaker_kind="anonymous" if review.anonymous else speaker_kind,
        )
    except ArchiveError as error:
        return str(error)
    return None


def record_annotated(
    article: Article, annotations: Annotations, archive: QuoteArchive | None = None
) -> str | None:
    """Record an annotated article in the archive; never raises.

    Args:
        article: The article.
        annotations: Its annotations.
        archive: The archive (default: the user's).

    Returns:
        None when recorded without remark, else one line for the user: why it
        was not recorded, or what happened when the archive opened (a damaged
        file moved aside).
    """
    target = archive if archive is not None else QuoteArchive()
    try:
        target.record(article, annotations, speaker_kinds=speaker_kinds(annotations))
    except ArchiveError as error:
        return f"Not archived: {error}"
    except Exception as error:  # a bug must not cost the user their reading
        return " ".join(f"Not archived: {type(error).__name__}: {error}".split())
    return target.notice


@dataclass(slots=True)
class ImportReport:
    """What :func:`import_batch` did."""

    recorded: int = 0
    """Articles recorded."""
    quotes: int = 0
    """Quotes recorded."""
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """``(line number, reason)`` of each line not imported."""


class ImportProblem(Exception):
    """An import cannot start (unreadable file); one line."""


def _quote(data: Mapping[str, Any], number: int) -> Quote:
    start, end = int(data["start"]), int(data["end"])
    speaker_start = data.get("speaker_start")
    cue_start = data.get("cue_start")
    return Quote(
        id=str(data.get("id") or f"q-{number}-{start}-{end}"),
        span=Span(start, end),
        kind=data["kind"],
        speaker=data.get("speaker_name") or data.get("speaker_resolved"),
        speaker_mention=data.get("speaker_mention"),
        speaker_span=None
        if speaker_start is None
        else Span(int(speaker_start), int(data["speaker_end"])),
        cue=data.get("cue"),
        cue_span=None
        if cue_start is None
        else Span(int(cue_start), int(data["cue_end"])),
        confidence=float(data.get("confidence") or 0.0),
        reason=data.get("reason") or "unattributed",
    )


def _text_of(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def article_from_record(record: Mapping[str, Any], text: str) -> Article:
    """The :class:`Article` of one batch line (metadata keys are optional)."""
    article_id = str(record.get("id"))
    return Article(
        text=text,
        paragraphs=split_paragraphs(text),
        title=_text_of(record.get("title")) or article_id,
        source=_text_of(record.get("source")) or article_id,
        byline=_text_of(record.get("author")) or _text_of(record.get("byline")),
        site=_text_of(record.get("outlet")) or _text_of(record.get("site")),
        published=_text_of(record.get("date")) or _text_of(record.get("published")),
        url=_text_of(record.get("url")),
    )


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8"
        raise ImportProblem(f"{path}: cannot read ({reason or error})") from error


def _inputs(path: Path) -> dict[str, dict[str, Any]]:
    """Batch input records by id (lines that are not objects with an id are
    ignored: the batch skipped them too)."""
    records: dict[str, dict[str, Any]] = {}
    for line in _read_lines(path):
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and "id" in record:
            records[str(record["id"])] = record
    return records


def _parse(
    number: int, line: str, inputs: Mapping[str, Mapping[str, Any]]
) -> tuple[Article, Annotations] | str:
    """One output line as an article and its annotations, or why not."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"not valid JSON ({error.msg})"
    if not isinstance(record, dict) or "id" not in record:
        return 'not a JSON object with an "id"'
    source = {**inputs.get(str(record["id"]), {}), **record}
    text = source.get("text")
    if not isinstance(text, str):
        return 'no "text" (give the batch input with --texts IN.jsonl)'
    article = article_from_record(source, text)
    try:
        quotes = tuple(_quote(q, number) for q in record.get("quotes") or ())
        entities = tuple(entity_from_dict(e) for e in record.get("entities") or ())
    except (KeyError, TypeError, ValueError) as error:
        return f"malformed quote or entity ({type(error).__name__}: {error})"
    if any(q.span.end > len(text) for q in quotes):
        return "a quote lies outside the text"
    annotations = Annotations(
        article_sha256=article.sha256,
        engine=str(record.get("engine") or "batch"),
        quotes=quotes,
        entities=entities,
    )
    return article, annotations


def _chunks(
    items: Iterable[tuple[Article, Annotations]], size: int
) -> Iterator[list[tuple[Article, Annotations]]]:
    chunk: list[tuple[Article, Annotations]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_batch(
    output: Path, archive: QuoteArchive, *, texts: Path | None = None
) -> ImportReport:
    """Record every line of a batch output file.

    Args:
        output: The JSON lines written by ``newsreader annotate --jsonl``.
        archive: Where to record them.
        texts: The batch's input file, for lines that carry no ``text``.

    Raises:
        ImportProblem: A file cannot be read.
        ArchiveError: The archive cannot be written (nothing half-written: each
            transaction of :data:`IMPORT_BATCH` articles is whole).
    """
    inputs = _inputs(texts) if texts is not None else {}
    report = ImportReport()
    parsed: list[tuple[Article, Annotations]] = []
    for number, line in enumerate(_read_lines(output), start=1):
        if not line.strip():
            continue
        result = _parse(number, line, inputs)
        if isinstance(result, str):
            report.skipped.append((number, result))
        else:
            parsed.append(result)
    for chunk in _chunks(parsed, IMPORT_BATCH):
        archive.record_many(
            (article, annotations, speaker_kinds(annotations))
            for article, annotations in chunk
        )
        report.recorded += len(chunk)
        report.quotes += sum(len(annotations.quotes) for _, annotations in chunk)
    return report


__all__ = [
    "IMPORT_BATCH",
    "ImportProblem",
    "ImportReport",
    "article_from_record",
    "import_batch",
    "record_annotated",
    "speaker_kind",
    "speaker_kinds",
]
