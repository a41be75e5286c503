"""Word-wrapping the article into screen lines, as character offsets only.

The article view never builds text objects for the whole article: it wraps
paragraphs into ``(start, end)`` offsets into the displayed text (the output of
:func:`newsreader.ui.text.display_text`, which has the same offsets as
``Article.text``), and renders only the lines on screen. Wrapping 100,000 words
takes a few milliseconds because most paragraphs take a fast path: when every
character is one cell wide, a line break is one ``str.rfind``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from rich.cells import cell_len, get_character_cell_size

from newsreader.model import Span

_SINGLE_CELL: Final = frozenset(
    chr(code)
    for start, end in (
        (0x20, 0x7E),  # ASCII printable
        (0xA0, 0xAC),  # Latin-1 (soft hyphen 0xAD excluded)
        (0xAE, 0x2FF),  # Latin-1, Latin Extended, IPA, spacing modifiers
        (0x370, 0x482),  # Greek and Cyrillic
        (0x2010, 0x2027),  # dashes, curly quotes, bullets, ellipsis
        (0x2030, 0x205E),  # per mille, primes, guillemets
        (0x20A0, 0x20C0),  # currency signs
        (0x2400, 0x2426),  # control pictures
        (0x2500, 0x25FC),  # box drawing, geometric shapes
        (0xFFFD, 0xFFFD),  # replacement character
    )
    for code in range(start, end + 1)
)
"""Characters known to take exactly one terminal cell."""

_is_single_cell: Final = _SINGLE_CELL.issuperset
_CHUNK: Final = re.compile(r"\S+\s*|\s+")


def is_single_cell(text: str) -> bool:
    """Whether every character of ``text`` is known to be one cell wide."""
    return _is_single_cell(text)


def _wrap_single_cell(text: str, start: int, end: int, width: int) -> list[int]:
    """Line starts for ``text[start:end]`` when every character is one cell."""
    starts = [start]
    position = start
    while end - position > width:
        cut = text.rfind(" ", position, position + width + 1)
        if cut <= position:
            following = position + width  # no space: fold the long word
        else:
            following = cut + 1
            while following < end and text[following] == " ":
                following += 1
        if following >= end:
            break
        starts.append(following)
        position = following
    return starts


def _wrap_cells(text: str, start: int, end: int, width: int) -> list[int]:
    """Line starts for ``text[start:end]`` measuring each chunk in cells."""
    starts = [start]
    used = 0
    for match in _CHUNK.finditer(text, start, end):
        chunk_start = match.start()
        word = match.group().rstrip(" ")
        word_cells = cell_len(word)
        trailing = len(match.group()) - len(word)
        if used and used + word_cells > width:
            starts.append(chunk_start)
            used = 0
        if word_cells > width:
            # Fold a word longer than a line, character by character.
            position = chunk_start
            for character in word:
                size = get_character_cell_size(character)
                if used + size > width and used:
                    starts.append(position)
                    used = 0
                used += size
                position += 1
        else:
            used += word_cells
        used += trailing
    return starts


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[int]:
    """The offsets at which each wrapped line of ``text[start:end]`` begins.

    Lines break after spaces; a word longer than ``width`` cells is folded.
    Trailing spaces stay on the end of a line (renderers strip them).

    Args:
        text: The whole displayed text (no tabs, no line breaks).
        start: Offset of the paragraph's first character.
        end: Offset just past the paragraph's last character.
        width: Line width in cells (at least 1).

    Returns:
        Absolute line-start offsets, the first being ``start``.
    """
    width = max(width, 2)
    if _is_single_cell(text[start:end]):
        return _wrap_single_cell(text, start, end, width)
    return _wrap_cells(text, start, end, width)


@dataclass(slots=True)
class LineIndex:
    """Screen lines of the article at one width.

    Line ``y`` shows ``text[starts[y]:ends[y]]`` from paragraph
    ``paragraphs[y]``; a blank separator line between paragraphs has paragraph
    ``-1`` and an empty range at the start of the next paragraph.

    An index may be partial (``complete`` is False): the first paragraphs are
    wrapped, and :func:`extend_line_index` wraps the rest. That lets the first
    screen of a long article paint before the whole article is wrapped.
    """

    width: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    next_paragraph: int = 0
    """Index of the first paragraph not wrapped yet."""
    complete: bool = False
    """Whether every paragraph is wrapped."""

    def __len__(self) -> int:
        return len(self.starts)

    def line_for_offset(self, offset: int) -> int:
        """The line showing character ``offset`` (or the nearest line before it)."""
        if not self.starts:
            return 0
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def lines_for_span(self, span: Span) -> range:
        """The lines that show any part of ``span``."""
        first = self.line_for_offset(span.start)
        last = self.line_for_offset(max(span.end - 1, span.start))
        return range(first, last + 1)


def extend_line_index(
    index: LineIndex,
    text: str,
    paragraphs: Sequence[Span],
    *,
    max_lines: int | None = None,
) -> LineIndex:
    """Wrap further paragraphs into ``index`` (in place).

    Args:
        index: The index to extend (its ``width`` is used).
        text: The article text; each paragraph is passed through
            :func:`newsreader.ui.text.display_text` before wrapping, so tabs,
            line breaks and control characters measure as they display.
        paragraphs: Paragraph spans, in order.
        max_lines: Stop once the index holds at least this many lines; None
            wraps everything.

    Returns:
        ``index``.
    """
    from newsreader.ui.text import display_text

    starts = index.starts
    ends = index.ends
    numbers = index.paragraphs
    width = index.width
    number = index.next_paragraph
    total = len(paragraphs)
    while number < total:
        if max_lines is not None and len(starts) >= max_lines:
            break
        paragraph = paragraphs[number]
        if number:
            starts.append(paragraph.start)
            ends.append(paragraph.start)
            numbers.append(-1)
        shown = display_text(text[paragraph.start : paragraph.end])
        line_starts = wrap_offsets(shown, 0, len(shown), width)
        base = paragraph.start
        starts.extend(base + start for start in line_starts)
        ends.extend(base + start for start in line_starts[1:])
        ends.append(paragraph.end)
        numbers.extend([number] * len(line_starts))
        number += 1
    index.next_paragraph = number
    index.complete = number >= total
    return index


def build_line_index(text: str, paragraphs: Sequence[Span], width: int) -> LineIndex:
    """Wrap every paragraph of ``text`` to ``width`` cells.

    Args:
        text: The article text.
        paragraphs: Paragraph spans, in order.
        width: Line width in cells.

    Returns:
        The complete line index, with one blank line between paragraphs.
    """
    return extend_line_index(LineIndex(width), text, paragraphs)


def estimate_line_count(text_length: int, paragraph_count: int, width: int) -> int:
    """A rough number of wrapped lines, used until wrapping completes."""
    return paragraph_count * 2 + int(text_length / max(width - 6, 1))
