"""Small articles built in code, for tests of any layer."""

from __future__ import annotations

from newsreader.model import Article, Span


def make_article(
    paragraphs: tuple[str, ...] | None = None,
    *,
    source: str = "story.txt",
    title: str | None = None,
) -> Article:
    """An article from paragraphs joined by blank lines."""
    paragraphs = paragraphs or (
        "Council backs bridge",
        "By Ana Ruiz",
        '"We cannot wait any longer," said Mayor Lopez.',
        "The vote was 7-4 after a long debate about the cost.",
        '"This is a waste of money," Baker told reporters.',
    )
    text = "\n\n".join(paragraphs)
    spans = []
    position = 0
    for paragraph in paragraphs:
        spans.append(Span(position, position + len(paragraph)))
        position += len(paragraph) + 2
    return Article(
        text=text,
        paragraphs=tuple(spans),
        title=title or paragraphs[0],
        source=source,
        byline="Ana Ruiz",
        site="Example [Gazette]",
        published="2025-03-14",
        url="https://example.com/bridge",
        retrieved="2025-03-15T08:02:11+00:00",
    )
