"""The search bar opened with ``/``: a literal, smart-case search of the article."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """A prompt, an input and the match count; hidden until ``/`` is pressed."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        display: none;
        background: $panel;
    }
    SearchBar.-open { display: block; }
    SearchBar > #search-prompt { width: 2; padding-left: 1; text-style: bold; }
    SearchBar > Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: $panel;
    }
    SearchBar > #search-count { width: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        """Prompt, input, count."""
        yield Static(Content("/"), id="search-prompt")
        yield Input(
            placeholder="search the article (smart case)",
            id="search-input",
            compact=True,
        )
        yield Static(Content(""), id="search-count")

    @property
    def input(self) -> Input:
        """The text input."""
        return self.query_one("#search-input", Input)

    @property
    def is_open(self) -> bool:
        """Whether the bar is shown."""
        return self.has_class("-open")

    def open(self, query: str) -> None:
        """Show the bar with ``query`` and focus the input."""
        self.add_class("-open")
        self.input.value = query
        self.input.cursor_position = len(query)
        self.input.focus()

    def close(self) -> None:
        """Hide the bar."""
        self.remove_class("-open")

    def set_count(self, text: str) -> None:
        """Show the match count."""
        self.query_one("#search-count", Static).update(Content(text))
