"""Small articles built in code, for tests of any layer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsreader.model import Article, Span

BRIDGE_STORY = (
    "Council backs bridge",
    "By Ana Ruiz",
    '"We cannot wait any longer," said Mayor Lopez.',
    "The vote was 7-4 after a long debate about the cost.",
    '"This is a waste of money," Baker told reporters.',
)
"""The paragraphs of :func:`make_article`'s default article."""

METADATA: dict[str, str | None] = {
    "source": "story.txt",
    "byline": "Ana Ruiz",
    "site": "Example [Gazette]",
    "published": "2025-03-14",
    "url": "https://example.com/bridge",
    "retrieved": "2025-03-15T08:02:11+00:00",
}
"""The descriptive fields of :func:`make_article`'s articles (the site holds
markup-like text on purpose)."""


def article_from_paragraphs(paragraphs: Sequence[str], **fields: Any) -> Article:
    """An article whose text is ``paragraphs`` joined by blank lines, one
    paragraph span each; titled by the first paragraph unless ``fields`` gives
    a title. ``fields`` sets any other :class:`Article` field."""
    spans = []
    position = 0
    for paragraph in paragraphs:
        spans.append(Span(position, position + len(paragraph)))
        position += len(paragraph) + 2
    values: dict[str, Any] = {"title": paragraphs[0], "source": "story.txt"}
    values.update(fields)
    return Article(text="\n\n".join(paragraphs), paragraphs=tuple(spans), **values)


def make_article(
    paragraphs: Sequence[str] | None = None,
    *,
    title: str | None = None,
    **fields: Any,
) -> Article:
    """An article with a byline, site, date, URL and retrieval time
    (:data:`METADATA`, each overridable through ``fields``)."""
    paragraphs = paragraphs or BRIDGE_STORY
    return article_from_paragraphs(
        paragraphs, title=title or paragraphs[0], **{**METADATA, **fields}
    )
