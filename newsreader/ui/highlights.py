"""Highlight layers: styled character ranges, queried one screen line at a time.

A :class:`Highlight` names a component class of the article view (for example
``article--quote``); the view turns names into styles, so colours stay in CSS.
Layers are applied in order, later layers on top, so the current quote and
search matches stay visible over quote and entity highlighting.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled half-open range ``[start, end)`` of article offsets."""

    start: int
    end: int
    styles: tuple[str, ...]
    """Component class names combined, in order, to style the range."""
    tag: int = -1
    """Caller's reference, e.g. the index of the quote the highlight belongs to."""


_START_END = operator.attrgetter("start", "end")
_END = operator.attrgetter("end")


class HighlightLayer:
    """Highlights sorted by start, for fast lookup of those overlapping a range."""

    __slots__ = ("_highlights", "_longest", "_starts")

    def __init__(self, highlights: Iterable[Highlight] = ()) -> None:
        self._highlights = [item for item in highlights if item.end > item.start]
        self._highlights.sort(key=_START_END)
        self._starts = [item.start for item in self._highlights]
        self._longest = max(
            map(operator.sub, map(_END, self._highlights), self._starts), default=0
        )

    def __len__(self) -> int:
        return len(self._highlights)

    def __bool__(self) -> bool:
        return bool(self._highlights)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """The highlights sharing at least one character with ``[start, end)``."""
        if not self._highlights or end <= start:
            return []
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [item for item in self._highlights[first:last] if item.end > start]


class Highlights:
    """A stack of named layers in a fixed order (first name at the bottom)."""

    __slots__ = ("_layers", "_order")

    def __init__(self, order: Iterable[str]) -> None:
        self._order = tuple(order)
        self._layers: dict[str, HighlightLayer] = {}

    def set_layer(self, name: str, layer: HighlightLayer | None) -> None:
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

    def layer(self, name: str) -> HighlightLayer | None:
        """The layer called ``name``, if any."""
        return self._layers.get(name)

    def highlights_between(self, start: int, end: int) -> list[Highlight]:
        """All highlights overlapping ``[start, end)``, bottom layer first."""
        found: list[Highlight] = []
        layers = self._layers
        for name in self._order:
            layer = layers.get(name)
            if layer is not None:
                found.extend(layer.overlapping(start, end))
        return found


class _OffsetLayer(HighlightLayer):
    """Ranges kept as two offset lists sorted by start; highlights are made
    only for the ranges a screen line asks about."""

    __slots__ = ("_ends", "_range_starts")

    def __init__(self, starts: Sequence[int], ends: Sequence[int]) -> None:
        super().__init__()
        self._range_starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._range_starts)

    def __bool__(self) -> bool:
        return bool(self._range_starts)


class RangeLayer(_OffsetLayer):
    """One style over many non-overlapping ranges.

    Setting a layer of thousands of search matches costs nothing per match.
    """

    __slots__ = ("_styles",)

    def __init__(
        self, starts: Sequence[int], ends: Sequence[int], styles: tuple[str, ...]
    ) -> None:
        super().__init__(starts, ends)
        self._styles = styles

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """The ranges sharing at least one character with ``[start, end)``."""
        if end <= start:
            return []
        starts, ends = self._range_starts, self._ends
        first = bisect.bisect_right(ends, start)
        last = bisect.bisect_left(starts, end)
        styles = self._styles
        return [Highlight(starts[i], ends[i], styles) for i in range(first, last)]


class OnDemandLayer(_OffsetLayer):
    """Ranges that may overlap, each made into a highlight by
    ``make(position)`` only when a screen line asks about it.

    Building the layer costs two lists of offsets, so a layer of every quote
    of a long article (marking them all) is ready at once.
    """

    __slots__ = ("_make",)

    def __init__(
        self,
        starts: Sequence[int],
        ends: Sequence[int],
        make: Callable[[int], Highlight],
    ) -> None:
        super().__init__(starts, ends)
        self._make = make
        self._longest = max(map(operator.sub, ends, starts), default=0)

    def overlapping(self, start: int, end: int) -> list[Highlight]:
        """The ranges sharing at least one character with ``[start, end)``."""
        if end <= start:
            return []
        starts, ends = self._range_starts, self._ends
        first = bisect.bisect_left(starts, start - self._longest)
        last = bisect.bisect_left(starts, end)
        return [
            self._make(position)
            for position in range(first, last)
            if ends[position] > start and ends[position] > starts[position]
        ]
