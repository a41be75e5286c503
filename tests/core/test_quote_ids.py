"""Quote ids: unique within an article, the same on every run, and the short
form kept wherever it is free (marks stored by id keep naming their quote)."""

from __future__ import annotations

from newsreader.model import Article, Quote, Span
from newsreader.nlp.engine import SpacyAnnotator
from newsreader.nlp.ids import quote_id, with_unique_ids
from newsreader.nlp.pipeline import FALLBACK_NAME, ModelChoice
from newsreader.sources.text import split_paragraphs

RULES_ONLY = ModelChoice("", FALLBACK_NAME, "1", fallback=True)

COLLIDING = (17482, 85822)
"""Starts of two 10-character spans whose six-digit ids are equal."""


def quote(start: int, end: int) -> Quote:
    return Quote(quote_id(start, end), Span(start, end), "direct", None)


def test_the_colliding_spans_do_collide() -> None:
    first, second = COLLIDING
    assert quote_id(first, first + 10) == quote_id(second, second + 10)


def test_article_with_colliding_spans_gets_distinct_stable_ids() -> None:
    filler = list("x " * 50_000)
    for start in COLLIDING:
        filler[start : start + 11] = '"abcdefgh" '
    text = "".join(filler)
    article = Article(
        text=text, paragraphs=split_paragraphs(text), title="t", source="t"
    )
    annotator = SpacyAnnotator(RULES_ONLY)
    quotes = annotator.annotate(article).quotes
    assert [q.span.start for q in quotes] == list(COLLIDING)
    ids = [q.id for q in quotes]
    assert len(set(ids)) == 2
    # The first quote keeps the short id an earlier version stored.
    assert ids[0] == quote_id(COLLIDING[0], COLLIDING[0] + 10)
    assert [q.id for q in annotator.annotate(article).quotes] == ids


def test_thousands_of_quotes_have_unique_ids() -> None:
    quotes = [quote(start, start + 7) for start in range(0, 50_000 * 9, 9)]
    ids = [q.id for q in with_unique_ids(quotes)]
    assert len(set(ids)) == len(ids)
    assert len(set(q.id for q in quotes)) < len(quotes)  # six digits alone collide
    assert [q.id for q in with_unique_ids(quotes)] == ids
    kept = sum(
        1 for before, after in zip(quotes, ids, strict=True) if before.id == after
    )
    assert kept > len(quotes) * 0.9


def test_identical_spans_get_a_counter() -> None:
    ids = [q.id for q in with_unique_ids([quote(3, 9)] * 3)]
    long = quote_id(3, 9, 12)
    assert ids == [quote_id(3, 9), long, f"{long}-2"]
