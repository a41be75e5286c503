"""The help screen (``?``), generated from the live key bindings.

Keys are read from the widgets' binding maps with the app's keymap applied, so
the screen always shows the keys that actually work, including user overrides.
Titles and groups come from :mod:`newsreader.ui.actions`. Below the keys, a
legend of the symbols the article gutter and the side pane draw, built from
the same constants the widgets draw with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.ui.actions import ACTIONS, ESCAPE_RULE, GROUP_ORDER, action_by_id
from newsreader.ui.widgets.article_view import (
    GUTTER_CURRENT,
    GUTTER_CURRENT_START,
    GUTTER_MARKED,
    GUTTER_QUOTE,
    GUTTER_REVIEWED,
)
from newsreader.ui.widgets.side_pane import (
    KIND_TAGS,
    MENTIONS_SYMBOL,
    QUOTED_SYMBOL,
    STATUS_SYMBOLS,
    TO_CHECK_SYMBOL,
)

LIST_GROUP = "Side pane"
"""Group of the side-pane list bindings (ids ``list-*``)."""


def live_key_help(
    app: App[Any], nodes: Iterable[DOMNode]
) -> dict[str, list[tuple[str, str]]]:
    """Group title to ``(keys, description)`` rows for the bindings of ``nodes``.

    Only bindings with an id are listed (Textual's own are left out); keys of
    one id, or of ids with the same title in a group, are merged (``j / ↓``).
    """
    keymap = getattr(app, "_keymap", {})
    keys_by_id: dict[str, list[tuple[str, str]]] = {}
    titles: dict[str, str] = {}
    for node in nodes:
        bindings = node._bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        for key, binding in bindings:
            if binding.id is None:
                continue
            display = app.get_key_display(Binding(key, binding.action))
            shown = keys_by_id.setdefault(binding.id, [])
            if all(display != existing for _key, existing in shown):
                shown.append((key, display))
            titles.setdefault(binding.id, binding.description)
    order = [action.id for action in ACTIONS]
    rows: dict[str, list[tuple[str, str]]] = {group: [] for group in GROUP_ORDER}
    for binding_id in sorted(
        keys_by_id, key=lambda i: order.index(i) if i in order else len(order)
    ):
        action = action_by_id(binding_id)
        group = action.group if action is not None else LIST_GROUP
        title = action.title if action is not None else titles[binding_id]
        default_keys = [] if action is None else action.keys.split(",")
        shown = sorted(
            keys_by_id[binding_id],
            key=lambda item: (
                default_keys.index(item[0]) if item[0] in default_keys else -1
            ),
        )
        keys = " / ".join(d for _key, d in shown)
        entries = rows.setdefault(group, [])
        # Ids sharing a title (q and ctrl+q both quit) make one row.
        same = next((n for n, (_k, t) in enumerate(entries) if t == title), None)
        if same is None:
            entries.append((keys, title))
        else:
            entries[same] = (f"{entries[same][0]} / {keys}", title)
    return {group: entries for group, entries in rows.items() if entries}


def help_content(groups: dict[str, list[tuple[str, str]]]) -> Content:
    """The help text: one section per group, keys in a column."""
    width = max((len(keys) for rows in groups.values() for keys, _ in rows), default=4)
    lines: list[Content] = []
    for group, rows in groups.items():
        if lines:
            lines.append(Content(""))
        lines.append(Content.assemble((group, "bold underline")))
        for keys, title in rows:
            lines.append(
                Content.assemble((f"  {keys:<{width}}  ", "bold $accent"), title)
            )
    return Content("\n").join(lines)


def symbol_legend() -> dict[str, list[tuple[str, str]]]:
    """What the article gutter and the side pane's symbols mean, by place."""
    to_check = GUTTER_REVIEWED["article--to-check"]
    verified = GUTTER_REVIEWED["article--verified"]
    edited = GUTTER_REVIEWED["article--edited"]
    kinds = " ".join(f"[{tag}]" for tag in KIND_TAGS.values())
    return {
        "Article gutter (marker, review state, mark)": [
            (GUTTER_QUOTE, "the line holds (part of) a quote, in its speaker's colour"),
            (
                f"{GUTTER_CURRENT_START} {GUTTER_CURRENT}",
                "the current quote (its first line, the others)",
            ),
            (to_check, "a quote that needs checking starts on this line"),
            (verified, "a quote you verified starts here"),
            (edited, "a quote whose speaker or span you changed starts here"),
            (
                GUTTER_MARKED,
                f"a quote marked for export starts here (e.g. "
                f"{GUTTER_CURRENT_START}{verified}{GUTTER_MARKED})",
            ),
        ],
        "Quote list and Speakers tab": [
            (
                f"{TO_CHECK_SYMBOL} {STATUS_SYMBOLS['verified']} "
                f"{STATUS_SYMBOLS['edited']} {GUTTER_MARKED}",
                "to check, verified, edited, marked (as in the gutter)",
            ),
            ("name?", "italic: the speaker as written, not resolved to a name"),
            ("(no speaker)", "no speaker found"),
            ("[kind]", f"the speaker is not a named person: {kinds}"),
            (
                f"{MENTIONS_SYMBOL}N {QUOTED_SYMBOL}N",
                "Entities tab: N mentions, N quotes",
            ),
        ],
    }


class HelpScreen(ModalScreen[None]):
    """Every key of the reader, grouped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help-close"),
        Binding("j,down", "scroll('down')", "Down", show=False, id="help-down"),
        Binding("k,up", "scroll('up')", "Up", show=False, id="help-up"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > #help {
        width: 84;
        max-width: 95%;
        height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; }
    HelpScreen #help-hint { color: $text-muted; }
    HelpScreen #help-rule { padding-bottom: 1; }
    HelpScreen VerticalScroll { height: 1fr; }
    """

    def __init__(self, groups: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__()
        self.groups = groups
        """The rows shown (see :func:`live_key_help`)."""

    def compose(self) -> ComposeResult:
        """Title, scrollable key list, hint."""
        with Vertical(id="help"):
            yield Static(Content("newsreader keys"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(Content(ESCAPE_RULE), id="help-rule")
                yield Static(help_content(self.groups), id="help-text")
                yield Static(Content(""))
                yield Static(help_content(symbol_legend()), id="help-symbols")
            yield Static(
                Content(
                    "Every action is also in the command palette (ctrl+p) · esc closes"
                ),
                id="help-hint",
            )

    def action_scroll(self, direction: str) -> None:
        """Scroll the key list."""
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help screen."""
        self.dismiss(result)
