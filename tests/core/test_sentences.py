"""Sentence boundaries: one rule for the review workflow and the export anchors."""

from __future__ import annotations

from newsreader.export.anchors import context_span
from newsreader.model import Article, Span
from newsreader.sentences import sentence_around, sentence_spans
from newsreader.sources.text import split_paragraphs

TEXT = (
    "Headline\n\n"
    'Dr. Amara Osei met J. Smith at 9 a.m. on Monday. "We are ready. Truly," '
    "she said. The vote is next week.\n\n"
    "A second paragraph."
)


def spans_text(spans: list[Span]) -> list[str]:
    return [TEXT[span.start : span.end] for span in spans]


def find(part: str) -> Span:
    start = TEXT.index(part)
    return Span(start, start + len(part))


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    paragraph = find(TEXT.split("\n\n")[1])
    assert spans_text(sentence_spans(TEXT, paragraph)) == [
        "Dr. Amara Osei met J. Smith at 9 a.m. on Monday.",
        '"We are ready.',
        'Truly," she said.',
        "The vote is next week.",
    ]


def test_the_sentence_around_a_quote_keeps_its_inner_stops() -> None:
    around = sentence_around(TEXT, find("We are ready. Truly,"))
    assert TEXT[around.start : around.end] == '"We are ready. Truly," she said.'
    # "Dr." does not cut the first sentence short.
    first = sentence_around(TEXT, find("Amara Osei"))
    assert TEXT[first.start : first.end] == (
        "Dr. Amara Osei met J. Smith at 9 a.m. on Monday."
    )


def test_a_sentence_never_crosses_a_paragraph() -> None:
    around = sentence_around(TEXT, find("second"))
    assert TEXT[around.start : around.end] == "A second paragraph."


def test_review_and_export_agree_on_the_sentence() -> None:
    article = Article(
        text=TEXT, paragraphs=split_paragraphs(TEXT), title="t", source="t"
    )
    quote = find("she said")
    around = sentence_around(TEXT, quote)
    # The export widens only when nothing else is in the quote's sentence.
    assert context_span(article, quote) == around
