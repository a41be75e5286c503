"""A yes/no confirmation dialog (deleting from the library, overwriting an
export)."""

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


class ConfirmOverwriteScreen(ConfirmScreen):
    """Asks whether to replace an existing file; dismisses with the answer."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            Content.assemble(("File exists: ", "bold"), str(path), "\nReplace it?"),
            yes="Overwrite",
            no="Keep it",
            variant="warning",
        )
        self.path = path
        """The file that exists."""
