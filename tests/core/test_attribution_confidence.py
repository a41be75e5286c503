"""Confidence per quote and speaker kinds, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from newsreader.model import Quote
from newsreader.services.batch import article_from_text


def annotate(annotator: Any, text: str) -> list[Quote]:
    return list(annotator.annotate(article_from_text("t", text)).quotes)


def test_speaker_named_in_the_sentence_is_in_the_top_band(annotator: Any) -> None:
    (quote,) = annotate(annotator, '"The pier is unsafe," Margaret Hollis said.')
    assert quote.speaker == "Margaret Hollis"
    assert quote.confidence >= 0.85
    assert quote.speaker_kind == "person"


def test_resolved_pronoun_never_reaches_the_top_band(annotator: Any) -> None:
    text = (
        "Margaret Hollis has fished from the pier for forty years.\n\n"
        '"Nobody has repaired it since the storm," she said.'
    )
    (quote,) = annotate(annotator, text)
    assert quote.speaker == "Margaret Hollis"
    assert 0.27 <= quote.confidence < 0.85


def test_ambiguous_pronoun_withholds_the_name(annotator: Any) -> None:
    text = (
        "Thomas Baker and Paul Green waited at the station.\n\n"
        '"It was far too cold for that," he said.'
    )
    (quote,) = annotate(annotator, text)
    assert quote.speaker is None
    assert quote.speaker_mention == "he"
    assert quote.reason == "unresolved"
    assert quote.display_speaker == "he"


def test_speaker_kinds(annotator: Any) -> None:
    text = (
        '"Fares will rise in May," the company said.\n\n'
        '"The timetable is final," a spokeswoman said.\n\n'
        '"Delays doubled last year," the report said.'
    )
    kinds = [q.speaker_kind for q in annotate(annotator, text)]
    assert kinds == ["organisation", "anonymous", "document"]


def test_unattributed_quote_has_no_speaker_kind(annotator: Any) -> None:
    text = 'The hall fell silent.\n\n"Enough is enough."'
    (quote,) = annotate(annotator, text)
    assert quote.speaker_kind == "unknown"
