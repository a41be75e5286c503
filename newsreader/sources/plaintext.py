"""The plain-text convention (see the :mod:`newsreader.sources` docstring)."""

from __future__ import annotations

from newsreader.sources.parsed import ParsedArticle
from newsreader.sources.text import normalise_newlines, split_paragraphs

BYLINE_PREFIX = "By "
"""A paragraph starting with this (case-sensitive) right after the headline is
the byline."""


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
        the text as its first paragraphs.
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
    return ParsedArticle(text=text, title=title, byline=byline)
