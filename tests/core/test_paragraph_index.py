"""Finding the paragraph of an offset is a binary search (exports of many
quotes call it several times per quote)."""

from __future__ import annotations

from newsreader.model import Article, Span


class CountingSpans(tuple[Span, ...]):
    """Paragraph spans that count how many of them are looked at."""

    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        CountingSpans.reads += 1
        return super().__getitem__(index)

    def __iter__(self):  # type: ignore[no-untyped-def]
        for index in range(len(self)):
            yield self[index]


def test_paragraph_index_reads_log_n_paragraphs() -> None:
    count = 4096
    text = "\n\n".join(f"p{n:05d}" for n in range(count))
    spans = CountingSpans(Span(n * 8, n * 8 + 6) for n in range(count))
    article = Article(text=text, paragraphs=spans, title="t", source="-")
    CountingSpans.reads = 0
    assert article.paragraph_index(8 * 3000 + 2) == 3000
    assert article.paragraph_index(0) == 0
    assert article.paragraph_index(len(text)) == count - 1
    assert CountingSpans.reads <= 3 * 14
