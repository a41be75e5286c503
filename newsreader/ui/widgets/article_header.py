"""The header above the article: headline, then byline, site, date and source."""

from __future__ import annotations

from pathlib import PurePath

from textual.content import Content
from textual.widget import Widget

from newsreader.model import Article
from newsreader.ui.text import one_line


def source_label(article: Article) -> str:
    """Where the article came from, briefly: the site's host, ``standard input``
    or the file's name (never a long installed path)."""
    if article.url:
        from urllib.parse import urlsplit

        host = urlsplit(article.url).hostname or article.url
        return host.removeprefix("www.")
    if article.source == "-":
        return "standard input"
    return PurePath(article.source).name or article.source


def byline_text(article: Article) -> str:
    """``By author · outlet · date`` (whichever are known); the source stands in
    for the outlet when the article names none."""
    parts: list[str] = []
    if article.byline:
        parts.append(f"By {one_line(article.byline)}")
    parts.append(one_line(article.site or source_label(article)))
    if article.published:
        parts.append(one_line(article.published))
    return " · ".join(parts)


class ArticleHeader(Widget):
    """Two lines naming the article; every string is shown literally."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: 2;
        padding: 0 1 0 3;
        background: $panel;
    }
    """

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article
        self.title_text = one_line(article.title)
        """The headline as shown."""
        self.meta_text = byline_text(article)
        """The byline line as shown."""

    def render(self) -> Content:
        """Headline (bold) over the byline line (muted), each cut to the width."""
        width = max(self.content_region.width, 1)
        title = Content(self.title_text).truncate(width, ellipsis=True)
        meta = Content(self.meta_text).truncate(width, ellipsis=True)
        return Content.assemble(title.stylize("bold"), "\n", meta.stylize("dim"))
