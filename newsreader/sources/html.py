"""HTML pages: the article is extracted with trafilatura.

trafilatura finds the main text of the page and drops boilerplate: navigation,
cookie banners, related links, comment sections, footers. Its text output has
one paragraph per line; each becomes a paragraph of the article. The article
text is the headline, a "By <author>" paragraph when the page names an author,
then the body paragraphs, joined by blank lines (the headline and byline are not
repeated when the extracted body already starts with them).
"""

from __future__ import annotations

from typing import Any

from newsreader.sources.errors import SourceError
from newsreader.sources.parsed import ParsedArticle, join_names, same_text
from newsreader.sources.plaintext import BYLINE_PREFIX
from newsreader.sources.text import normalise_newlines

# Navigation is never article text. trafilatura usually drops it, but on a page
# with nothing else it falls back to returning the menu as the "article".
_PRUNE_XPATHS = ["//nav", "//*[@role='navigation']"]


def _ensure_document(html: str) -> str:
    """Make a fragment acceptable to trafilatura.

    trafilatura rejects input whose first 50 characters do not mention "html"
    and that parses to fewer than two top-level elements, which refuses bare
    fragments such as ``<article>…</article>``.
    """
    head = html.lstrip()[:50].lower()
    if "html" in head:
        return html
    if "<html" in html[:4096].lower() or "<body" in html[:4096].lower():
        return f"<!DOCTYPE html>\n{html}"
    return f"<!DOCTYPE html>\n<html><body>{html}</body></html>"


def _clean(value: Any) -> str | None:
    """A metadata value as one trimmed line, or ``None`` when blank."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def parse_html(html: str, *, label: str, url: str | None = None) -> ParsedArticle:
    """Extract the article from an HTML page.

    Args:
        html: The decoded page.
        label: How the source is named in error messages.
        url: The page's URL when it was fetched, which helps trafilatura.

    Returns:
        The extracted article.

    Raises:
        SourceError: No article text could be found in the page.
    """
    # Imported here: trafilatura takes a noticeable time to import.
    import trafilatura

    no_article = SourceError(f"{label}: no article text found in this HTML page")
    try:
        result = trafilatura.bare_extraction(
            _ensure_document(html),
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            prune_xpath=_PRUNE_XPATHS,
        )
    except Exception as error:
        # A third-party parser on untrusted input: whatever it raises (lxml
        # errors, recursion on absurdly deep trees), the user gets one line.
        raise SourceError(
            f"{label}: could not extract the article from this HTML page"
            f" ({type(error).__name__})"
        ) from error
    if result is None:
        raise no_article
    data: dict[str, Any] = result if isinstance(result, dict) else result.as_dict()

    body_text = data.get("text")
    body = [
        line.strip()
        for line in normalise_newlines(
            body_text if isinstance(body_text, str) else ""
        ).split("\n")
        if line.strip()
    ]
    if not body:
        raise no_article

    title = _clean(data.get("title"))
    author = _clean(data.get("author"))
    if author:
        # trafilatura separates several authors with semicolons.
        author = join_names(author.split(";"))

    paragraphs = list(body)
    if title and not same_text(paragraphs[0], title):
        paragraphs.insert(0, title)
    byline_index = 1 if title else 0
    has_printed_byline = len(paragraphs) > byline_index and paragraphs[
        byline_index
    ].startswith(BYLINE_PREFIX)
    if author and not has_printed_byline:
        paragraphs.insert(byline_index, f"{BYLINE_PREFIX}{author}")
    elif author is None and has_printed_byline:
        author = paragraphs[byline_index][len(BYLINE_PREFIX) :].strip() or None

    return ParsedArticle(
        text="\n\n".join(paragraphs),
        title=title,
        byline=author,
        site=_clean(data.get("sitename")),
        published=_clean(data.get("date")),
        url=_clean(data.get("url")),
    )
