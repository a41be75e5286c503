"""The plain-text convention (see the :mod:`newsreader.sources` docstring)."""

from __future__ import annotations

import re
from typing import Final

from newsreader.sources.parsed import ParsedArticle
from newsreader.sources.text import normalise_newlines, split_paragraphs

BYLINE_PREFIX = "By "
"""A paragraph starting with this (case-sensitive) right after the headline is
the byline."""


TRAILING_BYLINE: Final = re.compile(
    r"^(?:By|BY|by|[•·●▪‣∙*–—-])\s*"
    r"(?P<name>[A-Z][\w.'’-]*(?:[ ,]+(?:and |& )?[A-Z][\w.'’-]*){0,7})\s*$"
)
"""A last paragraph that is a byline: ``• Name``, ``— Name`` or ``By Name``
(one line of capitalised words, at most eight)."""


def trailing_byline(paragraph: str) -> str | None:
    """The author named by a byline printed as the article's last paragraph."""
    if "\n" in paragraph or len(paragraph) > 80:
        return None
    found = TRAILING_BYLINE.match(paragraph.strip())
    return found.group("name").strip(" ,") if found else None


def clean_plain_text(text: str) -> str:
    """Normalise decoded plain text the only ways the convention allows.

    A leading BOM is removed, CRLF and lone CR become LF, and leading and
    trailing whitespace is stripped. Nothing else changes: no Unicode
    normalisation, quotes, dashes and inner whitespace stay exactly as written.
    """
    return normalise_newlines(text.removeprefix("\ufeff")).strip()


def parse_plain_text(text: str) -> ParsedArticle:
    """Apply the plain-text convention to decoded text.

    Args:
        text: The decoded file contents.

    Returns:
        The cleaned text, with the first non-empty line as the headline and a
        one-line "By …" second paragraph, if any, as the byline. Both stay in
        the text as its first paragraphs. Without such a second paragraph, a
        last paragraph like "• Name" or "By Name" is the byline (it stays in
        the text too).
    """
    text = clean_plain_text(text)
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return ParsedArticle(text=text)
    first = paragraphs[0]
    title = text[first.start : first.end].split("\n", 1)[0].strip()
    byline = None
    if len(paragraphs) > 1:
        second = text[paragraphs[1].start : paragraphs[1].end]
        if "\n" not in second and second.startswith(BYLINE_PREFIX):
            byline = second[len(BYLINE_PREFIX) :].strip() or None
    if byline is None and len(paragraphs) > 2:
        last = paragraphs[-1]
        byline = trailing_byline(text[last.start : last.end])
    return ParsedArticle(text=text, title=title, byline=byline)
