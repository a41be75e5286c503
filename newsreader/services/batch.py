"""Batch annotation of JSON lines, in the format the quote scorer reads.

Input lines hold at least ``{"id", "text"}`` (other keys are ignored, so a gold
file is valid input); ``text`` is annotated verbatim. Output is one line per
good input line, in input order whatever the number of worker processes.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from newsreader.model import Annotations, Article, Quote
from newsreader.nlp.cues import PERSON_PRONOUNS
from newsreader.nlp.entities import clean_name
from newsreader.nlp.pipeline import ModelChoice
from newsreader.nlp.resolve import short_names
from newsreader.serialize import entity_to_dict, quote_to_dict, topic_to_dict
from newsreader.sources.text import split_paragraphs

if TYPE_CHECKING:
    from newsreader.nlp.engine import SpacyAnnotator

MAX_LINE_BYTES = 20 * 1024 * 1024
"""Longest input line accepted (20 MiB); a longer one is reported and skipped."""

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Most input read in one batch (512 MiB); beyond it the batch stops."""

_SKIP_BLOCK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BadLine:
    """An input line that could not be annotated."""

    number: int
    reason: str


class InputTooLarge(Exception):
    """The batch input is larger than :data:`MAX_INPUT_BYTES`."""


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):g} MB"


def read_lines(
    stream: IO[bytes],
    *,
    max_line_bytes: int | None = None,
    max_input_bytes: int | None = None,
) -> Iterator[str | BadLine]:
    """The lines of a JSON-lines byte stream, one item per line.

    Lines end at ``\n`` only: U+2028, U+2029 and U+0085 may stand inside a JSON
    string and never split a line. A line that is not UTF-8 or is longer than
    ``max_line_bytes`` (default :data:`MAX_LINE_BYTES`) is a :class:`BadLine`;
    the rest of an over-long line is read past in small blocks, never held.

    Raises:
        InputTooLarge: more than ``max_input_bytes`` (default
            :data:`MAX_INPUT_BYTES`) were read.
        OSError: reading failed.
    """
    line_limit = MAX_LINE_BYTES if max_line_bytes is None else max_line_bytes
    input_limit = MAX_INPUT_BYTES if max_input_bytes is None else max_input_bytes
    total = 0

    def count(size: int) -> None:
        nonlocal total
        total += size
        if total > input_limit:
            raise InputTooLarge(f"input is larger than {_megabytes(input_limit)}")

    number = 0
    while True:
        raw = stream.readline(line_limit + 1)
        if not raw:
            return
        number += 1
        count(len(raw))
        if len(raw.rstrip(b"\n")) > line_limit:
            while not raw.endswith(b"\n"):
                raw = stream.readline(_SKIP_BLOCK)
                if not raw:
                    break
                count(len(raw))
            yield BadLine(number, f"longer than {_megabytes(line_limit)}")
            continue
        try:
            yield raw.rstrip(b"\n").decode("utf-8")
        except UnicodeDecodeError:
            yield BadLine(number, "not valid UTF-8")


def worker_count(requested: int, articles: int) -> int:
    """Worker processes worth starting: no more than asked for, than there are
    processors, or than there are articles to annotate; at least one."""
    return max(1, min(requested, os.cpu_count() or 1, articles))


def article_from_text(article_id: str, text: str) -> Article:
    """An :class:`Article` whose text is exactly ``text``."""
    return Article(
        text=text,
        paragraphs=split_paragraphs(text),
        title=article_id,
        source=article_id,
    )


def brief_speaker(quote: Quote, short: dict[str, str]) -> str | None:
    """The speaker as briefly as the article allows.

    A speaker named in the text is given as named there, without titles
    ("Sen. Maria Lopez" → "Maria Lopez", "Lopez" stays "Lopez"); a speaker
    resolved from a pronoun or description gets the entity's short name.
    """
    mention = quote.speaker_mention
    if (
        quote.speaker
        and mention
        and quote.reason in {"named", "continuation"}
        and mention[:1].isupper()
        and mention.lower() not in PERSON_PRONOUNS
    ):
        name, _ = clean_name(mention)
        if name:
            return name
    if quote.speaker:
        return short.get(quote.speaker, quote.speaker)
    return mention


def result_line(article_id: Any, annotations: Annotations) -> dict[str, Any]:
    """One output record: each quote in the shared shape
    (:func:`~newsreader.serialize.quote_to_dict`) plus the scorer's fields.

    ``speaker`` is the resolved speaker named as briefly as is unambiguous in
    the article (a person's surname when no other person shares it), else the
    mention as written, else null; ``speaker_name`` is the full canonical name.
    """
    short = short_names([(e.name, e.label) for e in annotations.entities])
    quotes = [
        {
            **quote_to_dict(quote),
            "speaker": brief_speaker(quote, short),
            "speaker_name": quote.speaker,
        }
        for quote in annotations.quotes
    ]
    return {
        "id": article_id,
        "quotes": quotes,
        "entities": [entity_to_dict(e) for e in annotations.entities],
        "topics": [topic_to_dict(t) for t in annotations.topics],
    }


def parse_line(number: int, line: str) -> tuple[Any, str] | BadLine:
    """The ``(id, text)`` of one input line, or why it is unusable."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return BadLine(number, f"not valid JSON ({error.msg})")
    if not isinstance(record, dict):
        return BadLine(number, "not a JSON object")
    if "id" not in record:
        return BadLine(number, 'missing "id"')
    text = record.get("text")
    if not isinstance(text, str):
        return BadLine(number, '"text" missing or not a string')
    return record["id"], text


@functools.cache
def cached_annotator(choice: ModelChoice) -> SpacyAnnotator:
    """The annotator for ``choice``, loaded once per process: every worker,
    local or on a Dask cluster, loads the model on its first article only."""
    from newsreader.nlp.engine import SpacyAnnotator

    return SpacyAnnotator(choice)


def warm_annotator(choice: ModelChoice) -> None:
    """Load the model in this process now (a worker's initialiser)."""
    cached_annotator(choice)


def annotate_item(choice: ModelChoice, item: tuple[Any, str]) -> dict[str, Any] | str:
    """The output record of one ``(id, text)`` item, or why it failed.

    The one per-article step of every batch: in process, in ``--jobs`` workers
    and in Dask partitions."""
    article_id, text = item
    try:
        annotations = cached_annotator(choice).annotate(
            article_from_text(str(article_id), text)
        )
    except Exception as error:  # one bad article must not stop the batch
        return f"annotation failed: {error}"
    return result_line(article_id, annotations)


def annotate_partition(
    choice: ModelChoice, items: Sequence[tuple[Any, str]]
) -> list[dict[str, Any] | str]:
    """:func:`annotate_item` of every item, in order."""
    return [annotate_item(choice, item) for item in items]


def record_line(record: dict[str, Any]) -> str:
    """One output record as a JSON line (with its newline)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def annotate_lines(
    lines: Iterable[str | BadLine], choice: ModelChoice, jobs: int = 1
) -> Iterator[dict[str, Any] | BadLine]:
    """Annotate every line; yield output records and :class:`BadLine` reports in
    input order. A :class:`BadLine` among ``lines`` (one :func:`read_lines`
    could not read) is reported in its place. At most :func:`worker_count`
    worker processes are started."""
    parsed: list[tuple[int, tuple[Any, str] | BadLine]] = []
    for number, line in enumerate(lines, start=1):
        if isinstance(line, BadLine):
            parsed.append((number, line))
            continue
        if not line.strip():
            continue
        parsed.append((number, parse_line(number, line)))
    items = [p for _, p in parsed if not isinstance(p, BadLine)]
    jobs = worker_count(jobs, len(items))
    annotate = functools.partial(annotate_item, choice)
    if jobs > 1:
        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, initializer=warm_annotator, initargs=(choice,)) as pool:
            yield from _merge(parsed, pool.imap(annotate, items, chunksize=1))
    else:
        yield from _merge(parsed, map(annotate, items))


def _merge(
    parsed: list[tuple[int, tuple[Any, str] | BadLine]],
    results: Iterator[dict[str, Any] | str],
) -> Iterator[dict[str, Any] | BadLine]:
    for number, item in parsed:
        if isinstance(item, BadLine):
            yield item
            continue
        result = next(results)
        yield BadLine(number, result) if isinstance(result, str) else result
