"""Confirmation dialogs: yes/no (deleting from the library) and what to do
with an export's existing file (overwrite, append, keep)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question; dismisses with True for yes, False for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape,q", "answer(False)", "No", id="confirm-no"),
    ]

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > #confirm {
        width: 64;
        max-width: 95%;
        height: auto;
        border: round $error;
        background: $surface;
        padding: 0 1;
    }
    ConfirmScreen.-warning > #confirm { border: round $warning; }
    ConfirmScreen #confirm-question { padding: 1 0; }
    ConfirmScreen #confirm-buttons { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """

    def __init__(
        self,
        question: str | Content,
        *,
        yes: str = "Delete",
        no: str = "Cancel",
        variant: Literal["error", "warning"] = "error",
    ) -> None:
        """Create the dialog.

        Args:
            question: Plain text (never parsed as markup) or styled content.
            yes: Label of the confirming button.
            no: Label of the cancelling button (focused, so a stray enter
                never confirms).
            variant: ``error`` for a destructive action, ``warning`` for a
                milder one; colours the border and the confirming button.
        """
        super().__init__(classes=f"-{variant}")
        self.question = question
        self.yes_label = yes
        self.no_label = no
        self.variant: Literal["error", "warning"] = variant

    def compose(self) -> ComposeResult:
        """Question and two buttons."""
        question = (
            self.question
            if isinstance(self.question, Content)
            else Content(self.question)
        )
        with Vertical(id="confirm"):
            yield Static(question, id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    Content(f"{self.yes_label} (y)"),
                    variant=self.variant,
                    id="confirm-ok",
                )
                yield Button(Content(f"{self.no_label} (n)"), id="confirm-cancel")

    def on_mount(self) -> None:
        """Cancel is focused, so a stray enter never confirms."""
        self.query_one("#confirm-cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        event.stop()
        self.dismiss(event.button.id == "confirm-ok")

    def action_answer(self, answer: bool) -> None:
        """Answer from the keyboard."""
        self.dismiss(answer)


ExistingFileChoice = Literal["overwrite", "append"]
"""What to do with an existing file (None: keep it, write nothing)."""


class FileExistsScreen(ModalScreen[ExistingFileChoice | None]):
    """An export's file exists: overwrite it, append to it, or keep it.

    Keep is focused, so a stray enter never replaces anything. A format that
    cannot be appended to (JSON) gets the append button disabled and a line
    saying why.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,o", "answer('overwrite')", "Overwrite", id="exists-overwrite"),
        Binding("a", "answer('append')", "Append", id="exists-append"),
        Binding("n,escape,q", "answer(None)", "Keep it", id="exists-keep"),
    ]

    DEFAULT_CSS = """
    FileExistsScreen { align: center middle; }
    FileExistsScreen > #exists {
        width: 72;
        max-width: 95%;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    FileExistsScreen #exists-question { padding: 1 0 0 0; }
    FileExistsScreen #exists-note { color: $text-muted; }
    FileExistsScreen #exists-buttons {
        height: auto; align-horizontal: right; margin-top: 1;
    }
    FileExistsScreen Button { margin-left: 1; }
    """

    def __init__(self, path: Path, *, can_append: bool = True) -> None:
        """Create the dialog.

        Args:
            path: The file that exists.
            can_append: Whether the export's format can be appended to.
        """
        super().__init__()
        self.path = path
        """The file that exists."""
        self.can_append = can_append
        """Whether appending is offered."""

    def compose(self) -> ComposeResult:
        """Question, what appending does (or why it cannot), three buttons."""
        note = (
            "Append adds these quotes at the end (Markdown without a second "
            "front matter, CSV without a second header)."
            if self.can_append
            else "A JSON export is one object: it cannot be appended to."
        )
        with Vertical(id="exists"):
            yield Static(
                Content.assemble(("File exists: ", "bold"), str(self.path)),
                id="exists-question",
            )
            yield Static(Content(note), id="exists-note")
            with Horizontal(id="exists-buttons"):
                yield Button(
                    Content("Overwrite (y)"), variant="warning", id="exists-overwrite"
                )
                yield Button(
                    Content("Append (a)"),
                    variant="primary",
                    id="exists-append",
                    disabled=not self.can_append,
                )
                yield Button(Content("Keep it (n)"), id="exists-keep")

    def on_mount(self) -> None:
        """Keep is focused, so a stray enter never writes."""
        self.query_one("#exists-keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        event.stop()
        answers: dict[str | None, ExistingFileChoice] = {
            "exists-overwrite": "overwrite",
            "exists-append": "append",
        }
        self.dismiss(answers.get(event.button.id))

    def action_answer(self, answer: ExistingFileChoice | None) -> None:
        """Answer from the keyboard (append only where it is offered)."""
        if answer == "append" and not self.can_append:
            self.app.bell()
            return
        self.dismiss(answer)
