"""Batch annotation of JSON lines, in the format the quote scorer reads.

Input lines hold at least ``{"id", "text"}`` (other keys are ignored, so a gold
file is valid input); ``text`` is annotated verbatim. Output is one line per
good input line, in input order whatever the number of worker processes.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsreader.model import Annotations, Article, Quote
from newsreader.nlp.cues import PERSON_PRONOUNS
from newsreader.nlp.entities import clean_name
from newsreader.nlp.pipeline import ModelChoice
from newsreader.nlp.resolve import short_names
from newsreader.serialize import entity_to_dict, topic_to_dict
from newsreader.sources.text import split_paragraphs


@dataclass(frozen=True, slots=True)
class BadLine:
    """An input line that could not be annotated."""

    number: int
    reason: str


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
    """One output record.

    ``speaker`` is the resolved speaker named as briefly as is unambiguous in
    the article (a person's surname when no other person shares it), else the
    mention as written, else null; ``speaker_name`` is the full canonical name.
    """
    short = short_names([(e.name, e.label) for e in annotations.entities])
    quotes = []
    for quote in annotations.quotes:
        speaker = brief_speaker(quote, short)
        quotes.append(
            {
                "start": quote.span.start,
                "end": quote.span.end,
                "kind": quote.kind,
                "speaker": speaker,
                "speaker_name": quote.speaker,
                "speaker_mention": quote.speaker_mention,
                "speaker_start": quote.speaker_span.start
                if quote.speaker_span
                else None,
                "speaker_end": quote.speaker_span.end if quote.speaker_span else None,
                "cue": quote.cue,
                "cue_start": quote.cue_span.start if quote.cue_span else None,
                "cue_end": quote.cue_span.end if quote.cue_span else None,
                "confidence": round(quote.confidence, 3),
                "reason": quote.reason,
                "speaker_kind": quote.speaker_kind,
            }
        )
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


_worker_annotator: Any = None


def _init_worker(choice: ModelChoice) -> None:
    global _worker_annotator
    from newsreader.nlp.engine import SpacyAnnotator

    _worker_annotator = SpacyAnnotator(choice)


def _annotate_one(item: tuple[Any, str]) -> dict[str, Any] | str:
    article_id, text = item
    try:
        annotations = _worker_annotator.annotate(
            article_from_text(str(article_id), text)
        )
    except Exception as error:  # one bad article must not stop the batch
        return f"annotation failed: {error}"
    return result_line(article_id, annotations)


def annotate_lines(
    lines: Iterable[str], choice: ModelChoice, jobs: int = 1
) -> Iterator[dict[str, Any] | BadLine]:
    """Annotate every line; yield output records and :class:`BadLine` reports in
    input order."""
    parsed: list[tuple[int, tuple[Any, str] | BadLine]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parsed.append((number, parse_line(number, line)))
    good = [(n, p) for n, p in parsed if not isinstance(p, BadLine)]
    items = [p for _, p in good if not isinstance(p, BadLine)]
    if jobs > 1 and len(items) > 1:
        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, initializer=_init_worker, initargs=(choice,)) as pool:
            results = pool.imap(_annotate_one, items, chunksize=1)
            yield from _merge(parsed, results)
    else:
        _init_worker(choice)
        yield from _merge(parsed, map(_annotate_one, items))


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
