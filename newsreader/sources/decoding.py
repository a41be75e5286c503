"""Bytes to text: encoding detection and the "is this even text?" check.

The order of attempts is: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-8; a
charset the document declares (an HTTP ``Content-Type`` header or an HTML
``<meta>`` tag); then the Western legacy encodings news files actually come in
(cp1252, or latin-1 when cp1252 cannot decode the bytes), unless
charset-normalizer finds strong evidence for another encoding. Data with NUL
bytes near the start (outside UTF-16/32) or full of control characters once
decoded is refused as binary.

Why not simply take charset-normalizer's first guess: on short Western texts
several single-byte code pages explain the bytes about equally well, and it
ranks lookalikes first (cp775 reads "José Núñez" as "Josķ N·±ez" and "€" as
"Ć"; cp1250 reads "crème" as "crčme"). Its guess wins only when it reads the
text in another script (Cyrillic, Greek, CJK, ...) or when the Western reading
is a mess and the guess clearly is not (Polish in cp1250 read as cp1252 gives
"£ódŸ"). Central European text whose cp1252 reading looks plausible (Czech,
Turkish) therefore comes out as cp1252: the price of never garbling the far
more common Western case.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Any

from newsreader.sources.errors import SourceError

SNIFF_BYTES = 8192
"""How much of the start of the data the binary and charset checks look at."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)

# Labels that browsers (per the WHATWG Encoding standard) read as windows-1252;
# pages that declare them routinely contain cp1252 punctuation.
_WINDOWS_1252_ALIASES = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
)

_WESTERN_GUESSES = frozenset({"ascii", "cp1252", "latin_1", "iso8859_15"})
"""charset-normalizer names that mean "the Western reading is right"."""
_OTHER_SCRIPT_SHARE = 0.5
"""A guess reads the text in another script when at least this share of its
letters are not Latin letters."""
_MIN_SCRIPT_LETTERS = 8
"""Fewer letters than this are too little evidence for another script."""
_MESSY = 0.5
"""A reading this messy (charset-normalizer's chaos, 0 to 1; it discards a
code page from 0.2) is wrong..."""
_MESS_MARGIN = 0.1
"""...when a guess in the same script is at least this much cleaner."""

_MAX_CONTROL_RATIO = 0.05
"""Above this share of odd control characters, decoded "text" is binary."""
_MIN_CONTROL_COUNT = 8
"""Fewer odd controls than this never make text binary: in a short text a
couple of stray BELs or ESCs would otherwise exceed the ratio."""

# Controls that real text legitimately contains: whitespace, and ESC for files
# with ANSI colours (which neutralise_controls later defuses).
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_ODD_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
"""C0/C1 controls other than :data:`_TEXT_CONTROLS` (tab, newlines, form feed,
vertical tab, ESC), counted with a regex because a Python loop over 64 KiB
costs milliseconds."""


def binary_error(label: str) -> SourceError:
    """The error for data that is not text."""
    return SourceError(f"{label}: looks like a binary file, not an article")


def declared_html_charset(data: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag near the start of an HTML page."""
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _utf16_without_bom(sample: bytes) -> str | None:
    """Guess UTF-16 without a BOM from where the NUL bytes sit.

    Mostly-Latin UTF-16 text has a NUL in nearly every high byte and almost
    none in the low bytes; binary formats do not show that pattern.
    """
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.9 * pairs and even_nuls <= 0.1 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.9 * pairs and odd_nuls <= 0.1 * pairs:
        return "utf-16-be"
    return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded strictly, or ``None`` when that fails."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    """Whether decoded text is full of controls that real text never has."""
    sample = text[:65536]
    if not sample:
        return False
    odd = len(_ODD_CONTROL.findall(sample))
    return odd >= _MIN_CONTROL_COUNT and odd > _MAX_CONTROL_RATIO * len(sample)


def _declared_candidates(declared: str | None) -> list[str]:
    """Codecs to try for a declared charset, most likely first."""
    if not declared:
        return []
    name = declared.strip().strip("\"'").lower()
    if name in _WINDOWS_1252_ALIASES:
        # cp1252 leaves five bytes undefined; latin-1 decodes anything.
        return ["cp1252", "latin-1"]
    return [name]


def _in_another_script(text: str) -> bool:
    """Whether most letters of ``text`` are outside the Latin script.

    All letters count, ASCII included: a Western text misread in a lookalike
    code page keeps its ASCII letters, so a few odd letters never outvote them,
    while Cyrillic, Greek or CJK text is made almost only of its own letters.
    """
    letters = [char for char in text[:SNIFF_BYTES] if char.isalpha()]
    if len(letters) < _MIN_SCRIPT_LETTERS:
        return False
    other = sum(
        char > "\x7f" and not unicodedata.name(char, "LATIN").startswith("LATIN")
        for char in letters
    )
    return other >= _OTHER_SCRIPT_SHARE * len(letters)


def _chaos(data: bytes, encoding: str) -> float:
    """charset-normalizer's mess measure of ``data`` read as ``encoding``."""
    import charset_normalizer

    match = charset_normalizer.from_bytes(
        data, cp_isolation=[encoding], threshold=1.0
    ).best()
    return 1.0 if match is None else float(match.chaos)


def _decode_legacy(data: bytes) -> str:
    """Decode bytes that are neither UTF-8 nor in a declared charset.

    cp1252 (latin-1 when cp1252 leaves a byte undefined) unless
    charset-normalizer's guess reads the text in another script, or reads it
    with clearly less mess (see the module docstring).
    """
    # Imported here: charset-normalizer is only needed for non-UTF-8 input.
    import charset_normalizer

    western_encoding = "cp1252"
    western = _try_decode(data, western_encoding)
    if western is None:
        western_encoding = "latin_1"
        western = data.decode("latin-1")
    guess: Any = charset_normalizer.from_bytes(data).best()
    if (
        guess is None
        or guess.encoding in _WESTERN_GUESSES
        # UTF-16/32 text without a BOM has NUL bytes, handled before this.
        or guess.encoding.startswith(("utf_16", "utf_32"))
    ):
        return western
    guessed = str(guess)
    if _in_another_script(guessed):
        return guessed
    western_chaos = _chaos(data, western_encoding)
    if western_chaos >= _MESSY and western_chaos - float(guess.chaos) >= _MESS_MARGIN:
        return guessed
    return western


def decode_bytes(data: bytes, label: str, *, declared: str | None = None) -> str:
    """Decode the raw bytes of an article.

    Args:
        data: The bytes as read from the file, stream or network.
        label: How the source is named in error messages.
        declared: A charset the source declares (HTTP header or HTML meta), used
            when the data is not valid UTF-8.

    Returns:
        The decoded text with any byte-order mark removed. Line endings and
        everything else are left as they are.

    Raises:
        SourceError: The data is binary or no encoding explains it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data[len(bom) :], encoding)
            if text is None or _looks_binary(text):
                raise binary_error(label)
            return text

    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        # Text never contains NUL, except UTF-16 that came without a BOM.
        utf16 = _utf16_without_bom(sample)
        text = _try_decode(data, utf16) if utf16 else None
        if text is None or _looks_binary(text):
            raise binary_error(label)
        return text

    text = _try_decode(data, "utf-8")
    if text is None:
        for encoding in _declared_candidates(declared):
            text = _try_decode(data, encoding)
            if text is not None:
                break
    if text is None:
        text = _decode_legacy(data)
    if _looks_binary(text):
        raise binary_error(label)
    return text
