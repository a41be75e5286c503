"""A filterable choice list: the speaker picker and the rejected-quote list.

Typing filters the choices (case-insensitive, anywhere in the label); up and
down move the highlight; enter takes the highlighted choice. With
``free_text`` on, what was typed is offered as a choice of its own ("Use
“…”"), for a name the engine did not recognise. Labels are plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.ui.text import one_line

MAX_TYPED = 120
"""Longest free-text entry, in characters."""

TYPED_KEY = "typed"
"""The :attr:`Choice.key` of a free-text entry."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry: what the caller gets back (``key``) and what is shown."""

    key: str
    label: str
    hint: str = ""
    """Dim text after the label (a kind, a count)."""
    always: bool = False
    """Shown whatever is typed (e.g. "unknown / anonymous")."""


@dataclass(frozen=True, slots=True)
class Chosen:
    """The result: the chosen key, and the typed text for a free-text entry."""

    key: str
    text: str = ""


class ChoiceScreen(ModalScreen[Chosen | None]):
    """Pick one of ``choices``, or type a new one (``free_text``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice-cancel"),
        Binding("down", "move(1)", "Next", show=False, id="choice-down"),
        Binding("up", "move(-1)", "Previous", show=False, id="choice-up"),
    ]

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > #choice {
        width: 70;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ChoiceScreen #choice-title { text-style: bold; padding-bottom: 1; }
    ChoiceScreen #choice-list { height: auto; max-height: 16; border: none; }
    ChoiceScreen #choice-hint { color: $text-muted; }
    """

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice],
        *,
        free_text: bool = False,
        placeholder: str = "Type to filter",
    ) -> None:
        super().__init__()
        self.choice_title = title
        self.choices = tuple(choices)
        self.free_text = free_text
        self.placeholder = placeholder
        self._shown: dict[str, Chosen] = {}

    def compose(self) -> ComposeResult:
        """Title, filter input, list, hint."""
        hint = "type to filter · ↑↓ move · enter chooses · esc cancels"
        with Vertical(id="choice"):
            yield Static(Content(one_line(self.choice_title, 64)), id="choice-title")
            yield Input(
                placeholder=self.placeholder, max_length=MAX_TYPED, id="choice-input"
            )
            yield OptionList(id="choice-list", markup=False)
            yield Static(Content(hint), id="choice-hint")

    def on_mount(self) -> None:
        """Show every choice; typing goes to the filter."""
        self.query_one(OptionList).can_focus = False
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, typed: str) -> None:
        wanted = " ".join(typed.split())
        needle = wanted.casefold()
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        self._shown = {}
        options: list[Option] = []
        exact = False
        matched = False
        for number, choice in enumerate(self.choices):
            label = choice.label.casefold()
            if needle and needle not in label and not choice.always:
                continue
            matched = matched or bool(needle and needle in label)
            exact = exact or label == needle
            option_id = f"choice-{number}"
            self._shown[option_id] = Chosen(choice.key)
            options.append(
                Option(
                    Content.assemble(
                        (one_line(choice.label, 48), "bold"),
                        (f"  {choice.hint}" if choice.hint else "", "dim"),
                    ),
                    id=option_id,
                )
            )
        if self.free_text and wanted and not exact:
            self._shown["choice-typed"] = Chosen(TYPED_KEY, wanted)
            typed_option = Option(
                Content.assemble(
                    ("Use ", "dim"), (f"“{one_line(wanted, 48)}”", "bold")
                ),
                id="choice-typed",
            )
            # The typed name comes first when no choice matches it, last
            # when one does (enter then takes the match).
            options.insert(len(options) if matched else 0, typed_option)
        if not options:
            options.append(Option(Content("Nothing matches"), disabled=True))
        option_list.add_options(options)
        if self._shown:
            option_list.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter as the user types."""
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Take the highlighted choice."""
        event.stop()
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if index is None:
            return
        option_id = option_list.get_option_at_index(index).id
        if option_id in self._shown:
            self.dismiss(self._shown[option_id])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a choice takes it."""
        event.stop()
        if event.option.id in self._shown:
            self.dismiss(self._shown[event.option.id])

    def action_move(self, step: int) -> None:
        """Move the highlight."""
        option_list = self.query_one(OptionList)
        if step > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
