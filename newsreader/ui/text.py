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

from newsreader.safe_text import printable

_LAYOUT_WHITESPACE: Final = re.compile("[\t\n\r\x0b\x0c\u2028\u2029]")
"""Whitespace controls: the article view lays out lines itself."""
_WHITESPACE_RUN: Final = re.compile(r"\s+")


def display_text(text: str) -> str:
    """``text`` with every control character replaced by one visible character.

    Tabs and line breaks become spaces (the article view wraps paragraphs
    itself); everything else a terminal would act on goes through
    :func:`newsreader.safe_text.printable` (ESC shows as ``␛``, C1 controls and
    bidirectional overrides as ``�``). The result has the same length as
    ``text``, so offsets carry over unchanged.
    """
    return printable(_LAYOUT_WHITESPACE.sub(" ", text))


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
