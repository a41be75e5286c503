"""Making article strings safe to show in a terminal.

Article text is data, never markup and never terminal control: the reader shows
``[bold]``, ``[Reuters]`` and ``$5`` literally, and a stray escape character
cannot reach the terminal. :func:`display_text` replaces each unsafe character
with exactly one visible character, so character offsets into
``Article.text`` stay valid for the displayed string.
"""

from __future__ import annotations

import re
from typing import Final

_UNSAFE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
"""C0 and C1 controls, line/paragraph separators and bidirectional overrides."""

_WHITESPACE_CONTROLS: Final = frozenset("\t\n\r\x0b\x0c\u2028\u2029")
_WHITESPACE_RUN: Final = re.compile(r"\s+")


def _replacement(match: re.Match[str]) -> str:
    character = match.group()
    if character in _WHITESPACE_CONTROLS:
        return " "
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def display_text(text: str) -> str:
    """``text`` with every control character replaced by one visible character.

    Tabs and line breaks become spaces (the article view wraps paragraphs
    itself); other C0 controls become Unicode control pictures (ESC shows as
    ``␛``); C1 controls and bidirectional overrides become ``�``. The result has
    the same length as ``text``, so offsets carry over unchanged.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_replacement, text)


def one_line(text: str, limit: int | None = None) -> str:
    """A safe single-line form of ``text`` (whitespace collapsed), cut to ``limit``.

    Used for titles, speaker names and list entries; an ellipsis marks a cut.
    """
    line = _WHITESPACE_RUN.sub(" ", display_text(text)).strip()
    if limit is not None and len(line) > limit:
        line = line[: max(limit - 1, 0)].rstrip() + "…"
    return line


def escape_markup(text: str) -> str:
    """``text`` escaped so that Textual markup shows it literally.

    For the few APIs that insist on parsing markup (the command palette's help
    line). Unlike ``textual.markup.escape`` this escapes *every* ``[``, so
    ``[Reuters]`` and ``[$x]`` survive as well as ``[bold]``.
    """
    return text.replace("[", "\\[")
