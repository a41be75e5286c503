"""A tiny YAML emitter for export front matter: flat keys, safe scalars.

Only what the front matter needs: ``None``, booleans, integers, floats,
strings and lists of those. Every string is written double-quoted with escapes,
so a title holding colons, quotes, ``#``, a leading ``-``, slashes, emoji or
line breaks stays one valid scalar that any YAML 1.1 or 1.2 parser reads back
unchanged (and dates stay strings instead of turning into timestamps).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Final

Scalar = str | int | float | bool | None
"""A value the emitter writes as one YAML scalar."""
Value = Scalar | Iterable[Scalar]
"""A front-matter value: a scalar or a flat list of scalars."""

_SIMPLE_ESCAPES: Final = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
}

# Characters a YAML reader refuses or folds inside a quoted scalar: C0 and C1
# controls (with NEL), DEL, the line and paragraph separators (line breaks in
# YAML 1.1), surrogates, the byte-order mark and the two non-characters.
_NEEDS_ESCAPE: Final = re.compile(
    '[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]'
)

_KEY: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    simple = _SIMPLE_ESCAPES.get(character)
    if simple is not None:
        return simple
    code = ord(character)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def quote_string(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def scalar(value: Scalar) -> str:
    """One scalar in YAML syntax.

    Raises:
        TypeError: ``value`` is not a supported scalar type.
    """
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, str):
        return quote_string(value)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def value(item: Value) -> str:
    """A scalar, or a list of scalars in flow style (``["a", "b"]``)."""
    if item is None or isinstance(item, str | int | float | bool):
        return scalar(item)
    return "[" + ", ".join(scalar(element) for element in item) + "]"


def front_matter(fields: Mapping[str, Value]) -> str:
    """A front-matter block: ``---``, one ``key: value`` line per field, ``---``.

    Args:
        fields: Keys (plain identifiers) to values, in the order to write them.

    Returns:
        The block, ending with a newline.

    Raises:
        ValueError: A key is not a plain identifier.
    """
    lines = ["---"]
    for key, item in fields.items():
        if not _KEY.match(key):
            raise ValueError(f"front matter key {key!r} is not a plain identifier")
        lines.append(f"{key}: {value(item)}")
    lines.append("---")
    return "\n".join(lines) + "\n"
