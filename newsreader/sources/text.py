"""Plain-string helpers shared by every source format.

Everything here works on Python strings and code-point offsets, has no
dependencies beyond the standard library, :mod:`newsreader.model` and
:mod:`newsreader.safe_text`, and is cheap to import.
"""

from __future__ import annotations

import functools

from newsreader.model import Span
from newsreader.safe_text import printable


def neutralise_controls(text: str) -> str:
    """Make every terminal control character in ``text`` visible and inert.

    Article text ends up on a terminal, so an ESC in it must not start an escape
    sequence, nor a bidirectional override reorder what follows. This is
    :func:`newsreader.safe_text.printable` keeping newlines and tabs: the result
    has the same length as ``text``, so every offset into it stays valid.

    Args:
        text: Any string.

    Returns:
        ``text`` with control characters replaced; unchanged if it has none.
    """
    return printable(text, keep_newlines=True)


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF.

    Args:
        text: Any string.

    Returns:
        ``text`` with ``\\r\\n`` and ``\\r`` replaced by ``\\n``.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _stripped_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of ``text[start:end]`` without surrounding whitespace.

    Returns ``None`` when that slice is empty or whitespace only. Whitespace
    means what :meth:`str.isspace` says, the same rule as :meth:`str.strip`.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


@functools.lru_cache(maxsize=4)
def split_paragraphs(text: str) -> tuple[Span, ...]:
    """Find the paragraphs of ``text``.

    Paragraphs are blocks of lines separated by one or more blank lines; a line
    holding only whitespace counts as blank. When the text has no blank line
    between two non-blank lines (a single block), every non-blank line is a
    paragraph of its own, which is how files with one paragraph per line come
    through. Lines end at ``\\n`` only: callers normalise line endings first.

    Args:
        text: The article text.

    Returns:
        Half-open code-point spans of the paragraphs, in order, never
        overlapping, each non-empty and without leading or trailing whitespace.
        Every non-whitespace character of ``text`` lies in exactly one span.
    """
    # One pass over the lines, collecting (start, end) of each non-blank line
    # and grouping consecutive non-blank lines into blocks.
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    line_start = 0
    length = len(text)
    while line_start <= length:
        newline = text.find("\n", line_start)
        line_end = length if newline == -1 else newline
        bounds = _stripped_bounds(text, line_start, line_end)
        if bounds is None:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(bounds)
        if newline == -1:
            break
        line_start = newline + 1
    if current:
        blocks.append(current)

    if len(blocks) == 1:
        # No blank line separates anything: one paragraph per line.
        return tuple(Span(start, end) for start, end in blocks[0])
    return tuple(Span(block[0][0], block[-1][1]) for block in blocks)
