"""The search bar opened with ``/``: a literal, smart-case search of the article.

A keystroke in the bar repaints only the bar and what the search changed: the
input and the match count never change size, so typing triggers no layout of
the screen (which would repaint every widget on it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input, Static

COUNT_WIDTH: Final = 17
"""Columns of the match count (``10000 / 10000`` and padding)."""


class SearchInput(Input):
    """An input that searches as it changes, in the same frame as the keystroke.

    ``on_value(text)`` runs as soon as the text changes, before the frame
    that shows it: the typed character, the highlights and the match count
    appear together. (Through :class:`Input.Changed`, the message reaches the
    screen after the input has already painted, and the search's repaint
    waits for the next frame, up to 1/60 s later.)

    :class:`Input` also records the text's width as its virtual size, which by
    default asks for a layout of the whole screen on every keystroke; the
    input's own size never depends on it here (it is ``1fr`` wide).
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(
        self, on_value: Callable[[str], None], *, placeholder: str, id: str
    ) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)
        self._on_value = on_value

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self._on_value(value)


class MatchCount(Widget):
    """``3 / 17`` or ``no matches``, right-aligned in a fixed width."""

    DEFAULT_CSS = f"""
    MatchCount {{ width: {COUNT_WIDTH}; height: 1; padding: 0 1; }}
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    @property
    def text(self) -> str:
        """The count on show."""
        return self._text

    def show(self, text: str) -> None:
        """Show ``text`` (repaints this line only, and only if it changed)."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Content:
        """The count, right-aligned and dimmed."""
        width = max(self.content_region.width, 0)
        return Content(self._text.rjust(width)).stylize("$text-muted")


class SearchBar(Horizontal):
    """A prompt, an input and the match count; hidden until ``/`` is pressed.

    ``on_value(text)`` is called whenever the text changes (see
    :class:`SearchInput`).
    """

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
    """

    def __init__(self, on_value: Callable[[str], None], *, id: str) -> None:
        super().__init__(id=id)
        self._on_value = on_value

    def compose(self) -> ComposeResult:
        """Prompt, input, count."""
        yield Static(Content("/"), id="search-prompt")
        yield SearchInput(
            self._on_value,
            placeholder="search the article (smart case)",
            id="search-input",
        )
        yield MatchCount(id="search-count")

    @property
    def input(self) -> Input:
        """The text input."""
        return self.query_one("#search-input", Input)

    @property
    def count(self) -> str:
        """The match count on show."""
        return self.query_one(MatchCount).text

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
        self.query_one(MatchCount).show(text)
