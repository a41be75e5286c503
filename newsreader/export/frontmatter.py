"""YAML front matter for the Markdown export, written with PyYAML.

PyYAML's safe dumper quotes whatever a YAML reader would otherwise turn into
something else (``"3"``, ``"2025-03-15"``, ``"yes"``, ``"# x"``, ``"- a"``,
``"---"``), so every value reads back equal with :func:`yaml.safe_load`.
Lines are never wrapped, and a value with line breaks continues on indented
lines, so no line of the block is a bare ``---`` before the closing one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Final

Scalar = str | int | float | bool | None
"""A value written as one YAML scalar."""
Value = Scalar | Iterable[Scalar]
"""A front-matter value: a scalar or a flat list of scalars."""

DELIMITER: Final = "---"
"""The line that opens and closes the block."""


def _plain(item: Value) -> Any:
    """``item`` as the types :func:`yaml.safe_dump` writes (lists for iterables)."""
    if item is None or isinstance(item, str | int | float | bool):
        return item
    return list(item)


_ODD_BREAKS: Final = frozenset("\x85\u2028\u2029")
"""Characters YAML counts as line breaks that PyYAML folds inside single quotes."""


def _dumper() -> type[Any]:
    """A safe dumper that writes strings holding odd line breaks double-quoted
    (escaped), where they survive exactly."""
    import yaml

    class FrontMatterDumper(yaml.SafeDumper):  # type: ignore[misc]
        pass

    def represent_str(dumper: Any, text: str) -> Any:
        style = '"' if _ODD_BREAKS.intersection(text) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    FrontMatterDumper.add_representer(str, represent_str)
    return FrontMatterDumper


def front_matter(fields: Mapping[str, Value]) -> str:
    """A front-matter block: ``---``, the fields in order as YAML, ``---``.

    Raises:
        ValueError: A float is not finite (YAML readers disagree on those).
    """
    import yaml

    data = {key: _plain(item) for key, item in fields.items()}
    for key, item in data.items():
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"front matter value {key!r} is not a finite number")
    body = yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=math.inf,
    )
    return f"{DELIMITER}\n{body}{DELIMITER}\n"
