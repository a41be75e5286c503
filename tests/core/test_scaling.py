"""Work that must grow linearly with the article: no per-chunk or per-quote
rescans of the whole text, and batches bounded in characters.

Each test injects small limits (chunk and batch sizes, a few hundred
characters) so it stays fast; benchmarks/annotate_scale.py measures the real
sizes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from newsreader.export import anchors
from newsreader.export.document import export_quote
from newsreader.model import Article, Quote, Span
from newsreader.nlp.engine import SpacyAnnotator
from newsreader.nlp.pipeline import FALLBACK_NAME, ModelChoice
from newsreader.sources.text import split_paragraphs

RULES_ONLY = ModelChoice("", FALLBACK_NAME, "1", fallback=True)
"""The rules-only pipeline: a blank spaCy model, quick to load and run."""

QUOTED = '"We will build it," said Ana Ruiz. The council met on Monday.'


def article_of(text: str) -> Article:
    return Article(text=text, paragraphs=split_paragraphs(text), title="t", source="t")


class RecordingPipeline:
    """Wraps a pipeline, remembering the texts of every ``pipe`` call."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.calls: list[list[str]] = []

    def pipe(self, texts: Iterable[str], batch_size: int = 1) -> Iterator[Any]:
        batch = list(texts)
        self.calls.append(batch)
        return iter(self.nlp.pipe(batch, batch_size=batch_size))


def test_paragraph_of_each_chunk_is_not_searched_per_chunk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    original = Article.paragraph_index

    def counting(self: Article, offset: int) -> int:
        nonlocal calls
        calls += 1
        return original(self, offset)

    monkeypatch.setattr(Article, "paragraph_index", counting)
    paragraphs = [QUOTED] * 300
    article = article_of("\n\n".join(paragraphs))
    annotations = SpacyAnnotator(RULES_ONLY).annotate(article)
    assert len(annotations.quotes) == 300
    assert calls == 0


def test_nlp_batches_are_bounded_in_characters() -> None:
    annotator = SpacyAnnotator(RULES_ONLY, chunk_chars=80, batch_chars=200)
    recorder = RecordingPipeline(annotator.nlp)
    annotator.nlp = recorder  # type: ignore[assignment]
    long_paragraph = " ".join([QUOTED] * 40)
    article = article_of(f"Headline\n\n{long_paragraph}\n\nThe end.")
    annotations = annotator.annotate(article)
    assert recorder.calls
    assert all(sum(map(len, batch)) <= 200 for batch in recorder.calls)
    assert all(len(text) <= 80 for batch in recorder.calls for text in batch)
    # Every piece of the long paragraph was parsed, in order, exactly once.
    assert "".join(t for batch in recorder.calls for t in batch) == "".join(
        article.text[p.start : p.end] for p in article.paragraphs
    )
    assert annotations.quotes


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SpacyAnnotator(RULES_ONLY, batch_chars=0)


def test_export_splits_each_paragraph_into_sentences_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    original = anchors.sentence_spans

    def counting(article: Article, paragraph: Span) -> list[Span]:
        nonlocal calls
        calls += 1
        return original(article, paragraph)

    monkeypatch.setattr(anchors, "sentence_spans", counting)
    sentence = 'Then "we will build it," she said.'
    text = "Headline\n\n" + " ".join([sentence] * 200)
    article = Article(
        text=text,
        paragraphs=split_paragraphs(text),
        title="t",
        source="t",
        url="https://example.org/a",
    )
    starts = [i for i in range(len(text)) if text.startswith('"we', i)]
    quotes = [
        Quote(id=f"q{i}", span=Span(s, s + 18), kind="direct", speaker=None)
        for i, s in enumerate(starts)
    ]
    exported = [export_quote(article, quote) for quote in quotes]
    assert len(exported) == 200
    assert calls <= len(article.paragraphs)
    assert exported[5].context_before == "…Then "
    assert exported[5].context_after == '" she said. …'
    assert exported[5].paragraph == 2
    # The same words recur everywhere: the link carries words before the quote.
    assert exported[5].fragment_url is not None
    assert exported[5].fragment_url.endswith(
        "text=said.%20Then%20%22-,we%20will%20build%20it"
    )
