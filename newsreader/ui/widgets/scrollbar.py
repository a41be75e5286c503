"""A vertical scrollbar that draws its rows directly and reuses them.

Textual's stock scrollbar renders a Rich renderable through a console on every
frame it is refreshed: about 2 ms for a 36-row bar, which is a third of the
work behind a scrolling key press in the reader. The bar itself only depends
on its geometry (rows, thumb size and position) and its colours, so this one
builds the same segments Textual's bar uses (thumb, track and their mouse
actions, so clicking and dragging still work) and reuses one strip per
distinct row.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget


class CachedScrollBar(ScrollBar):
    """Textual's vertical scrollbar, drawn from cached strips."""

    def __init__(self, thickness: int) -> None:
        super().__init__(vertical=True, name="vertical", thickness=thickness)
        # One strip per distinct row (track above, thumb, track below and the
        # two partial-thumb glyphs): a frame reuses them instead of building
        # a strip per row.
        self._rows: LRUCache[tuple[Segment, Style], Strip] = LRUCache(32)

    def render_lines(self, crop: Region) -> list[Strip]:
        renderable = self.render()
        if not isinstance(renderable, ScrollBarRender):
            return super().render_lines(crop)
        width, height = self.size
        style = _style_of(renderable)
        segments = ScrollBarRender.render_bar(
            size=height,
            virtual_size=renderable.virtual_size,
            window_size=renderable.window_size,
            position=renderable.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        ).segments
        base = self.rich_style
        strips: list[Strip] = []
        for segment in segments[crop.y : crop.bottom]:
            key = (segment, base)
            strip = self._rows.get(key)
            if strip is None:
                text, own, _ = segment
                strip = Strip([Segment(text, base + own)], width)
                self._rows[key] = strip
            strips.append(strip.crop(crop.x, crop.right))
        return strips


def _style_of(bar: ScrollBarRender) -> Style:
    style = bar.style
    return style if isinstance(style, Style) else Style.parse(style)


def cached_vertical_scrollbar(widget: Widget) -> ScrollBar:
    """``widget``'s vertical scrollbar, created as a :class:`CachedScrollBar`.

    Mirrors how Textual creates a widget's scrollbar lazily on first use
    (``Widget.vertical_scrollbar``), with this class in place of its own; a
    widget overrides that property with this function.
    """
    bar = widget._vertical_scrollbar
    if bar is None:
        bar = CachedScrollBar(thickness=widget.scrollbar_size_vertical)
        bar.display = False
        widget._vertical_scrollbar = bar
        widget.app._start_widget(widget, bar)
    return bar
