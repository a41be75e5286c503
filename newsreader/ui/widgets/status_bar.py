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


MIN_RIGHT = 12
"""Below this many free cells the right half (model, cache) is left out."""


class StatusBar(Widget):
    """A one-line bar: quote and search on the left, model on the right, and the
    reading position (``¶ 3/27``) at the far right.

    When the line is too narrow, the right half gives way first (it is cut,
    then left out), then the end of the left half: its fields are ordered by
    priority (quote position, speaker, confidence, then cue).
    """

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
        self._position = ""

    def show(self, left: Content, right: Content) -> None:
        """Replace both halves (repaints only when something changed)."""
        if _same(left, self._left) and _same(right, self._right):
            return
        self._left = left
        self._right = right
        self.refresh()

    def set_position(self, text: str) -> None:
        """The reading position shown at the far right (``¶ 3/27``)."""
        if text != self._position:
            self._position = text
            self.refresh()

    def render(self) -> Content:
        """Left part first, the position always, the right part in what is left."""
        width = self.content_region.width
        position = Content(self._position)
        if position.cell_length:
            position = Content.assemble("  ", (self._position, "bold"))
        room = max(width - position.cell_length, 0)
        left = self._left
        if left.cell_length > room:
            left = left.truncate(room, ellipsis=True)
        right = self._right
        free = room - left.cell_length - 2
        if free < min(MIN_RIGHT, right.cell_length):
            right = Content("")
        elif right.cell_length > free:
            right = right.truncate(free, ellipsis=True)
        gap = max(room - left.cell_length - right.cell_length, 0)
        return Content.assemble(left, " " * gap, right, position)

    @property
    def left_text(self) -> str:
        """The left half as plain text (for tests)."""
        return self._left.plain

    @property
    def position_text(self) -> str:
        """The reading position as shown (for tests)."""
        return self._position

    @property
    def right_text(self) -> str:
        """The right half as plain text (for tests)."""
        return self._right.plain
