"""The status line: where you are (quote, search, mentions) and the model state.

One widget that renders both halves itself, so an update only repaints one
line: no layout pass, which keeps key presses cheap even while annotation
progress updates arrive.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget


def _same(first: Content, second: Content) -> bool:
    return first.plain == second.plain and list(first.spans) == list(second.spans)


class StatusBar(Widget):
    """A one-line bar: position on the left, model and progress on the right."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left = Content("")
        self._right = Content("")

    def show(self, left: Content, right: Content) -> None:
        """Replace both halves (repaints only when something changed)."""
        if _same(left, self._left) and _same(right, self._right):
            return
        self._left = left
        self._right = right
        self.refresh()

    def render(self) -> Content:
        """Left part, truncated with an ellipsis, then the right part flush right."""
        width = self.content_region.width
        right = self._right
        if right.cell_length > width * 3 // 5:
            right = right.truncate(width * 3 // 5, ellipsis=True)
        room = max(width - right.cell_length - 2, 0)
        left = self._left
        if left.cell_length > room:
            left = left.truncate(room, ellipsis=True)
        gap = max(width - left.cell_length - right.cell_length, 0)
        return Content.assemble(left, " " * gap, right)

    @property
    def left_text(self) -> str:
        """The left half as plain text (for tests)."""
        return self._left.plain

    @property
    def right_text(self) -> str:
        """The right half as plain text (for tests)."""
        return self._right.plain
