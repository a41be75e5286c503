"""The status line: where you are (quote, search, mentions) and the model state."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


class StatusBar(Horizontal):
    """A one-line bar with a left part (position) and a right part (model)."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    StatusBar > #status-left {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    StatusBar > #status-right {
        width: auto;
        max-width: 60%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding-left: 2;
    }
    """

    def compose(self) -> ComposeResult:
        """The two halves."""
        yield Static(Content(""), id="status-left")
        yield Static(Content(""), id="status-right")

    def show(self, left: Content, right: Content) -> None:
        """Replace both halves."""
        self.query_one("#status-left", Static).update(left)
        self.query_one("#status-right", Static).update(right)

    @property
    def left_text(self) -> str:
        """The left half as plain text (for tests)."""
        content = self.query_one("#status-left", Static).content
        return content.plain if isinstance(content, Content) else str(content)

    @property
    def right_text(self) -> str:
        """The right half as plain text (for tests)."""
        content = self.query_one("#status-right", Static).content
        return content.plain if isinstance(content, Content) else str(content)
