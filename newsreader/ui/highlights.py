"""Highlight layers: styled character ranges, queried one screen line at a time.

A :class:`Mark` names a component class of the article view (for example
``article--quote``); the view turns names into styles, so colours stay in CSS.
Layers are applied in order, later layers on top, so the current quote and
search matches stay visible over quote and entity highlighting.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled half-open range ``[start, end)`` of article offsets."""

    start: int
    end: int
    styles: tuple[str, ...]
    """Component class names combined, in order, to style the range."""
    tag: int = -1
    """Caller's reference, e.g. the index of the quote the mark belongs to."""


class MarkLayer:
    """Marks sorted by start, for fast lookup of those overlapping a range."""

    __slots__ = ("_longest", "_marks", "_starts")

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        self._marks = sorted(
            (mark for mark in marks if mark.end > mark.start),
            key=lambda mark: (mark.start, mark.end),
        )
        self._starts = [mark.start for mark in self._marks]
        self._longest = max((mark.end - mark.start for mark in self._marks), default=0)

    def __len__(self) -> int:
        return len(self._marks)

    def __bool__(self) -> bool:
        return bool(self._marks)

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """The marks sharing at least one character with ``[start, end)``."""
        if not self._marks or end <= start:
            return []
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [mark for mark in self._marks[first:last] if mark.end > start]


class Highlights:
    """A stack of named layers in a fixed order (first name at the bottom)."""

    __slots__ = ("_layers", "_order")

    def __init__(self, order: Iterable[str]) -> None:
        self._order = tuple(order)
        self._layers: dict[str, MarkLayer] = {}

    def set_layer(self, name: str, layer: MarkLayer | None) -> None:
        """Replace (or with ``None`` remove) the layer called ``name``.

        Raises:
            KeyError: ``name`` is not one of the names given at construction.
        """
        if name not in self._order:
            raise KeyError(name)
        if layer is None or not layer:
            self._layers.pop(name, None)
        else:
            self._layers[name] = layer

    def layer(self, name: str) -> MarkLayer | None:
        """The layer called ``name``, if any."""
        return self._layers.get(name)

    def marks_between(self, start: int, end: int) -> list[Mark]:
        """All marks overlapping ``[start, end)``, bottom layer first."""
        marks: list[Mark] = []
        layers = self._layers
        for name in self._order:
            layer = layers.get(name)
            if layer is not None:
                marks.extend(layer.overlapping(start, end))
        return marks
