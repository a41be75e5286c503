"""The header above the article: headline, then byline, site, date and source."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from newsreader.model import Article
from newsreader.ui.text import one_line


def byline_text(article: Article) -> str:
    """``By … · site · date`` (whichever are known), or the source when none is."""
    parts: list[str] = []
    if article.byline:
        parts.append(f"By {one_line(article.byline)}")
    if article.site:
        parts.append(one_line(article.site))
    if article.published:
        parts.append(one_line(article.published))
    if not parts or not article.site:
        parts.append(one_line(article.url or article.source))
    return " · ".join(parts)


class ArticleHeader(Vertical):
    """Two lines naming the article; every string is shown literally."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: auto;
        padding: 0 1 0 3;
        background: $panel;
    }
    ArticleHeader > Static {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ArticleHeader > #article-title { text-style: bold; color: $text; }
    ArticleHeader > #article-meta { color: $text-muted; }
    """

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article

    def compose(self) -> ComposeResult:
        """Headline and metadata, as plain Content (never markup)."""
        yield Static(Content(one_line(self.article.title)), id="article-title")
        yield Static(Content(byline_text(self.article)), id="article-meta")
