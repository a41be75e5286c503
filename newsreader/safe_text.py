"""The one sanitiser for text that reaches a terminal or an export.

File names, URLs, titles and article text can hold characters that a terminal
acts on instead of showing: ESC starts escape sequences that retitle the window,
clear the screen or move the cursor; C1 controls (U+009B is a one-byte CSI on
some terminals) do the same; bidirectional overrides and isolates reorder what
follows them, so a line can display differently from what it holds; zero-width
and other invisible characters hide text. :func:`printable` replaces each of
them with a visible stand-in.

Every replacement is exactly one code point for one code point, so offsets into
a text stay valid after sanitising it (article text relies on this).

Standard library only, so every layer (sources, store, export, CLI, UI) can
import it.
"""

from __future__ import annotations

import re
from typing import Final

REPLACEMENT: Final = "\ufffd"
"""Stand-in for characters without a Unicode Control Picture."""
NEWLINE_SYMBOL: Final = "\u2424"
"""Stand-in ("␤") for the line and paragraph separators on a single line."""

_BIDI_CONTROLS: Final = (
    # Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI,
    # RLI, FSI, PDI): they reorder the text after them. The plain marks (LRM,
    # RLM, ALM) stay: right-to-left text needs them and they override nothing.
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)
_INVISIBLE_FORMAT: Final = (
    0x180E,  # Mongolian vowel separator (zero width in current Unicode)
    0x200B,  # zero width space
    *range(0x2060, 0x2065),  # word joiner, invisible operators
    *range(0x206A, 0x2070),  # deprecated shaping and digit controls
    0xFEFF,  # zero width no-break space / a byte-order mark inside the text
    *range(0xFFF9, 0xFFFC),  # interlinear annotation controls
)
# Joiners (U+200C, U+200D), the soft hyphen and variation selectors are left
# alone: emoji sequences and several scripts (Persian, Indic) need them.


def _base_table() -> dict[int, str]:
    """Replacements shared by both modes; ``\\n`` and ``\\t`` are added per mode."""
    table: dict[int, str] = {
        # C0 controls get their Control Picture: ESC -> "␛", NUL -> "␀".
        code: chr(0x2400 + code)
        for code in range(0x20)
        if code not in (0x09, 0x0A)
    }
    table[0x7F] = "\u2421"  # DEL -> "␡"
    table.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
    table.update({code: REPLACEMENT for code in _BIDI_CONTROLS})
    table.update({code: REPLACEMENT for code in _INVISIBLE_FORMAT})
    # Lone surrogates (from undecodable file names) cannot be encoded for output.
    table.update({code: REPLACEMENT for code in range(0xD800, 0xE000)})
    return table


_MULTILINE_TABLE: Final = _base_table()
_SINGLE_LINE_TABLE: Final = {
    **_MULTILINE_TABLE,
    0x09: "\u2409",  # "␉"
    0x0A: "\u240a",  # "␊"
    0x2028: NEWLINE_SYMBOL,
    0x2029: NEWLINE_SYMBOL,
}


def _pattern(table: dict[int, str]) -> re.Pattern[str]:
    """A character class matching every key of ``table``.

    Runs of consecutive code points are written as ranges: the class holds
    the 2,048 surrogates, and listing each made compiling the two patterns
    cost ~10 ms of every start-up.
    """
    ranges: list[list[int]] = []
    for code in sorted(table):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (
        re.escape(chr(first))
        if first == last
        else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in ranges
    )
    return re.compile("[" + "".join(parts) + "]")


_MULTILINE_PATTERN: Final = _pattern(_MULTILINE_TABLE)
_SINGLE_LINE_PATTERN: Final = _pattern(_SINGLE_LINE_TABLE)


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character a terminal would act on made visible.

    C0 controls become their Unicode Control Picture (``"\\x1b"`` -> ``"␛"``),
    DEL becomes ``"␡"``; C1 controls, bidirectional embeddings, overrides and
    isolates (U+202A-U+202E, U+2066-U+2069), invisible format characters
    (zero-width space, word joiner, an inner BOM, ...) and lone surrogates
    become U+FFFD.

    Args:
        text: Any string.
        keep_newlines: Keep ``"\\n"`` and ``"\\t"`` (and the Unicode line and
            paragraph separators) as they are, for multi-line text such as an
            article body. Otherwise the result is one line: they become
            ``"␊"``, ``"␉"`` and ``"␤"``.

    Returns:
        The sanitised text, the same length as ``text``; ``text`` itself when
        there is nothing to replace.
    """
    if keep_newlines:
        pattern, table = _MULTILINE_PATTERN, _MULTILINE_TABLE
    else:
        pattern, table = _SINGLE_LINE_PATTERN, _SINGLE_LINE_TABLE
    if pattern.search(text) is None:
        return text  # the common case
    # Substituting only the matches is far faster than str.translate over a
    # long article that holds a handful of controls.
    return pattern.sub(lambda match: table[ord(match.group())], text)
