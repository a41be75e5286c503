"""The note editor: one line of text on a bookmark or a quote."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

MAX_NOTE = 500
"""Longest note, in characters."""


class NoteScreen(ModalScreen[str | None]):
    """Edits a note; dismisses with the new text ("" clears), None to cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note-cancel"),
    ]

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > #note {
        width: 80;
        max-width: 95%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    NoteScreen #note-title { text-style: bold; padding-bottom: 1; }
    NoteScreen #note-hint { color: $text-muted; }
    """

    def __init__(
        self, title: str, note: str | None, *, subject: str = "bookmark"
    ) -> None:
        """Create the editor.

        Args:
            title: The bookmark's title (or the quote's start), shown literally.
            note: The current note.
            subject: What the note is on (``bookmark`` or ``quote``).
        """
        super().__init__()
        self.bookmark_title = title
        self.note = note or ""
        self.subject = subject

    def compose(self) -> ComposeResult:
        """Title, input, hint."""
        with Vertical(id="note"):
            yield Static(Content(f"Note on “{self.bookmark_title}”"), id="note-title")
            yield Input(
                self.note,
                placeholder=f"A note for this {self.subject}",
                max_length=MAX_NOTE,
                id="note-input",
            )
            yield Static(
                Content("enter saves · an empty note clears it · esc cancels"),
                id="note-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Save."""
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Leave the note as it was."""
        self.dismiss(None)
