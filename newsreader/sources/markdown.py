"""Markdown articles rendered to readable plain text with markdown-it-py.

Rendering rules:

* Optional front matter (a first line ``---``, a YAML mapping read with
  ``yaml.safe_load``, a closing ``---`` or ``...``) is removed; ``title``,
  ``author``/``authors``/``byline``, ``date``/``published``,
  ``site``/``site_name``/``sitename`` and ``url`` become metadata. A list of
  authors is joined as a byline prints them ("A, B and C").
* Each heading, paragraph, blockquote paragraph and list item becomes one
  paragraph; paragraphs are joined by a blank line (``"\\n\\n"``).
* Headings keep their text only (no ``#``). Emphasis, strong and code markers
  are removed but their text is kept; links keep their text; images and raw
  HTML blocks are dropped.
* Bullet-list items are prefixed with ``"• "``; ordered-list items keep their
  number (``"1. "``), which is part of what the author wrote.
* **Line breaks inside a paragraph (soft and hard) become a single space**, so a
  rendered paragraph is always one line, as a reader would reflow it. Only
  fenced or indented code blocks keep their line breaks (blank lines inside
  them are dropped so they stay one paragraph).
* markdown-it's typographer is off: straight quotes, apostrophes and dashes
  come through exactly as written.

The headline is the front-matter title, else the text of the first block (the
first heading when the body opens with one). The text always starts with the
headline paragraph: a front-matter title is prepended unless the body already
opens with it. The byline is the front-matter author, else a first body
paragraph starting with "By "; a front-matter author that the body does not
print is added as a "By …" paragraph after the headline.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsreader.sources.parsed import ParsedArticle, join_names, same_text
from newsreader.sources.plaintext import BYLINE_PREFIX
from newsreader.sources.text import normalise_newlines

if TYPE_CHECKING:
    from markdown_it.token import Token

_FRONT_MATTER_OPEN = "---"
_FRONT_MATTER_CLOSE = ("---", "...")
_HTML_BREAK = re.compile(r"^<br\s*/?>$", re.IGNORECASE)

FrontMatter = dict[str, str | list[str]]


def _text(value: object) -> str | None:
    """A YAML scalar as text: dates in ISO form, nothing for null or mappings."""
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, datetime.date):  # datetime.datetime is one too
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse_front_matter(lines: Sequence[str]) -> FrontMatter | None:
    """The block's keys (lower-cased) and values; ``None`` if it is not
    front matter (not YAML, or not a mapping: a document that merely starts
    with a ``---`` rule).

    Lists become lists of their scalars as text; nested mappings are ignored.
    """
    import yaml

    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError:
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        return None
    meta: FrontMatter = {}
    for key, value in data.items():
        if isinstance(value, list):
            items = [_text(item) for item in value]
            meta[str(key).lower()] = [item for item in items if item is not None]
            continue
        text = _text(value)
        if text is not None:
            meta[str(key).lower()] = text
    return meta


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Separate front matter from the Markdown body.

    Args:
        text: Markdown with LF line endings.

    Returns:
        The parsed front matter (empty when there is none) and the body.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FRONT_MATTER_OPEN:
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _FRONT_MATTER_CLOSE:
            meta = _parse_front_matter(lines[1:index])
            if meta is None:
                return {}, text
            return meta, "\n".join(lines[index + 1 :])
    return {}, text


def _field(meta: FrontMatter, *keys: str) -> str | None:
    """The first non-empty value among ``keys``, lists joined as names."""
    for key in keys:
        value = meta.get(key)
        text = join_names(value) if isinstance(value, list) else (value or "")
        text = " ".join(text.split())
        if text:
            return text
    return None


def _render_inline(children: Sequence[Token]) -> str:
    """The readable text of an inline token's children."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and _HTML_BREAK.match(child.content)
        ):
            parts.append(" ")
        # Markup tokens (emphasis, links), images and other inline HTML add
        # no text of their own; their inner text comes as separate tokens.
    return "".join(parts).strip()


def _render_code(content: str) -> str:
    """A code block as one paragraph: its lines, minus blank ones."""
    return "\n".join(line.rstrip() for line in content.split("\n") if line.strip())


def render_blocks(body: str) -> list[tuple[str, str]]:
    """Render Markdown into ``(kind, text)`` blocks, ``kind`` being
    ``"heading"`` or ``"paragraph"``.

    Args:
        body: Markdown without front matter.

    Returns:
        The non-empty blocks in document order.
    """
    # Imported here: markdown-it is only needed for Markdown sources.
    from markdown_it import MarkdownIt

    # Commonmark preset: typographer (smart quotes) is off, so quotes stay as written.
    parser = MarkdownIt("commonmark", {"typographer": False})
    tokens = parser.parse(body)

    blocks: list[tuple[str, str]] = []
    lists: list[str] = []  # kinds of the enclosing lists, innermost last
    item_prefix: str | None = None  # prefix waiting for a list item's first block
    in_heading = False

    def add(kind: str, text: str) -> None:
        nonlocal item_prefix
        if not text:
            return
        if item_prefix is not None:
            text = item_prefix + text
            item_prefix = None
        blocks.append((kind, text))

    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            ordered = bool(lists) and lists[-1] == "ordered_list_open"
            item_prefix = f"{token.info}{token.markup} " if ordered else "• "
        elif kind == "list_item_close":
            item_prefix = None
        elif kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "inline":
            text = _render_inline(token.children or [])
            add("heading" if in_heading else "paragraph", text)
        elif kind in ("fence", "code_block"):
            add("paragraph", _render_code(token.content))
        # html_block, hr and the remaining open/close tokens add no text.
    return blocks


def parse_markdown(text: str) -> ParsedArticle:
    """Render a Markdown article.

    Args:
        text: The decoded file contents.

    Returns:
        The rendered article; its text is empty when the body renders to
        nothing (even if front matter gave a title).
    """
    text = normalise_newlines(text.removeprefix("\ufeff"))
    meta, body = split_front_matter(text)
    blocks = render_blocks(body)
    if not blocks:
        return ParsedArticle(text="")

    paragraphs = [block_text for _, block_text in blocks]
    title = _field(meta, "title")
    if title is None:
        title = paragraphs[0]
    elif not (blocks[0][0] == "heading" and same_text(paragraphs[0], title)):
        paragraphs.insert(0, title)

    byline = _field(meta, "author", "authors", "byline")
    if len(paragraphs) > 1 and paragraphs[1].startswith(BYLINE_PREFIX):
        if byline is None:
            byline = paragraphs[1][len(BYLINE_PREFIX) :].strip() or None
    elif byline is not None:
        paragraphs.insert(1, f"{BYLINE_PREFIX}{byline}")

    return ParsedArticle(
        text="\n\n".join(paragraphs),
        title=title,
        byline=byline,
        site=_field(meta, "site", "site_name", "sitename"),
        published=_field(meta, "date", "published"),
        url=_field(meta, "url"),
    )
