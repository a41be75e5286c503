"""The single registry of the reader's key actions.

Each :class:`KeyAction` says where its binding lives (``scope``), its default
keys, a title and a group. Widgets build their ``BINDINGS`` from this table, the
command palette offers every entry as "Group: Title", and the help screen lists
the *live* bindings (after any keymap) grouped the same way, so keys, palette
and help never drift apart.

Keys follow ``docs``/``ux.md`` section 3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from textual.binding import Binding, BindingType

Scope = Literal[
    "app", "reader", "article", "pane", "library", "library-list", "archive", "fetching"
]
"""Where a binding lives: app, reader screen, article view, side pane, library
screen, the library's list, the quote archive screen or the screen shown
while a URL loads."""

GROUP_ORDER: Final = (
    "Quotes",
    "Review",
    "Export",
    "Search",
    "Scrolling",
    "View",
    "Side pane",
    "Library",
    "Archive",
    "Loading",
    "App",
)
"""Order of the groups on the help screen."""

ESCAPE_RULE: Final = (
    "esc closes the topmost thing: a dialog, else the search, else the filter, "
    "else the screen (back to the reader or the library); it never quits. "
    "q leaves a screen as it quits the reader or the start library, and "
    "cancels a dialog without a text field; in a text field q is text "
    "(ctrl+q still quits). Cancelling a dialog never writes anything."
)
"""How esc and q behave on every screen (the help screen and README say it)."""


@dataclass(frozen=True, slots=True)
class KeyAction:
    """One bindable action."""

    id: str
    """Binding id (kebab-case), the handle for keymap overrides."""
    keys: str
    """Default keys, comma-separated, in Textual key names."""
    action: str
    """Action name, run on the scope's node."""
    title: str
    """Short description, also the footer label."""
    group: str
    """Help-screen section and command-palette prefix."""
    scope: Scope
    show: bool = False
    """Show in the footer."""
    key_display: str | None = None
    """How the footer shows the key, when Textual's default is unhelpful."""
    palette: bool = True
    """Offer in the command palette."""
    footer_group: str | None = None
    """Actions sharing a footer group show as one compact footer entry."""
    help: str = ""
    """Longer explanation for the palette and the help screen."""
    priority: bool = False
    """Checked before the focused widget (and over dialogs): only for keys
    that are never text."""

    def binding(self) -> Binding:
        """The Textual binding for this action."""
        return Binding(
            self.keys,
            self.action,
            self.title,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
            tooltip=self.help,
            group=None
            if self.footer_group is None
            else Binding.Group(self.footer_group, compact=True),
        )


ACTIONS: Final[tuple[KeyAction, ...]] = (
    # Quotes
    KeyAction(
        "previous-quote",
        "left_square_bracket",
        "previous_quote",
        "Previous quote (or mention)",
        "Quotes",
        "reader",
        show=True,
        key_display="[",
        footer_group="Quote",
        help="Previous quote, or previous mention of the selected entity or topic",
    ),
    KeyAction(
        "next-quote",
        "right_square_bracket",
        "next_quote",
        "Next quote (or mention)",
        "Quotes",
        "reader",
        show=True,
        key_display="]",
        footer_group="Quote",
        help="Next quote, or next mention of the selected entity or topic",
    ),
    KeyAction(
        "next-same-speaker",
        "right_curly_bracket",
        "next_same_speaker",
        "Next quote by this speaker",
        "Quotes",
        "reader",
        key_display="}",
    ),
    KeyAction(
        "previous-same-speaker",
        "left_curly_bracket",
        "previous_same_speaker",
        "Previous quote by this speaker",
        "Quotes",
        "reader",
        key_display="{",
    ),
    KeyAction(
        "speaker-filter",
        "s",
        "toggle_speaker_filter",
        "Filter to speaker",
        "Quotes",
        "reader",
        show=True,
        help="Show only the current quote's speaker (toggle)",
    ),
    KeyAction(
        "quote-details",
        "enter",
        "screen.quote_details",
        "Quote details",
        "Quotes",
        "article",
        help="Speaker, cue, kind, confidence and reason",
    ),
    # Review: check, correct and sign off attributions (Prodigy-style keys;
    # none of them scrolls in less or vim, so a reader's habits are safe:
    # undo is U because less scrolls up with u).
    KeyAction(
        "next-to-check",
        "right_parenthesis",
        "next_to_check",
        "Next quote to check",
        "Review",
        "reader",
        show=True,
        key_display=")",
        footer_group="Check",
        help="Next quote whose attribution needs a look (not yet checked)",
    ),
    KeyAction(
        "previous-to-check",
        "left_parenthesis",
        "previous_to_check",
        "Previous quote to check",
        "Review",
        "reader",
        show=True,
        key_display="(",
        footer_group="Check",
        help="Previous quote whose attribution needs a look",
    ),
    KeyAction(
        "verify-quote",
        "a",
        "verify_quote",
        "Verify attribution",
        "Review",
        "reader",
        help="The speaker is right: sign the quote off (again to withdraw)",
    ),
    KeyAction(
        "change-speaker",
        "c",
        "change_speaker",
        "Change speaker…",
        "Review",
        "reader",
        help="Pick the speaker from the article's people and organisations, "
        "type a name, or choose unknown / anonymous",
    ),
    KeyAction(
        "reject-quote",
        "x",
        "reject_quote",
        "Not a quote",
        "Review",
        "reader",
        help="Hide the quote from quotes, exports and counts (U undoes)",
    ),
    KeyAction(
        "restore-quote",
        "",
        "restore_quote",
        "Restore a rejected quote…",
        "Review",
        "reader",
        help="Bring back a quote marked as not a quote",
    ),
    KeyAction(
        "adjust-span",
        "C",
        "adjust_span",
        "Adjust span",
        "Review",
        "reader",
        help="Cycle the quote's span: the whole sentence, the quote marks, "
        "the machine's span",
    ),
    KeyAction(
        "note-quote",
        "i",
        "note_quote",
        "Note on quote…",
        "Review",
        "reader",
        help="Write a note on the current quote (exported with it)",
    ),
    KeyAction(
        "undo-review",
        "U",
        "undo_review",
        "Undo review action",
        "Review",
        "reader",
        help="Undo the last verify, speaker change, rejection, span or note",
    ),
    # Export: marking, copying and exporting quotes
    KeyAction(
        "mark-quote",
        "v",
        "toggle_mark",
        "Mark quote",
        "Export",
        "reader",
        help="Mark or unmark the current quote for export",
    ),
    KeyAction(
        "mark-all",
        "V",
        "mark_all",
        "Mark all quotes",
        "Export",
        "reader",
        help="Mark every quote in view (only the speaker's while filtered)",
    ),
    KeyAction(
        "clear-marks",
        "",
        "clear_marks",
        "Clear marks",
        "Export",
        "reader",
        help="Unmark every quote",
    ),
    KeyAction(
        "copy-quote",
        "y",
        "copy_quote",
        "Copy quote as Markdown",
        "Export",
        "reader",
        help="Copy the current quote with its attribution and link",
    ),
    KeyAction(
        "copy-link",
        "Y",
        "copy_link",
        "Copy link to quote",
        "Export",
        "reader",
        help="Copy the link that opens the page at the quote (or the source)",
    ),
    KeyAction(
        "export-marked",
        "e",
        "export_marked",
        "Export marked quotes",
        "Export",
        "reader",
        help="Write the marked quotes (or the current one) to Markdown",
    ),
    KeyAction(
        "export-dialog",
        "E",
        "export_dialog",
        "Export…",
        "Export",
        "reader",
        help="Choose quotes, format (Markdown, JSON, CSV) and destination",
    ),
    # Search
    KeyAction(
        "search",
        "slash",
        "open_search",
        "Search",
        "Search",
        "reader",
        show=True,
        key_display="/",
    ),
    KeyAction("next-match", "n", "next_match", "Next match", "Search", "reader"),
    KeyAction(
        "previous-match", "N", "previous_match", "Previous match", "Search", "reader"
    ),
    # Scrolling (the article view)
    KeyAction("line-down", "j,down", "line_down", "Line down", "Scrolling", "article"),
    KeyAction("line-up", "k,up", "line_up", "Line up", "Scrolling", "article"),
    KeyAction(
        "page-down",
        "space,pagedown,ctrl+f",
        "page_down",
        "Page down",
        "Scrolling",
        "article",
    ),
    KeyAction(
        "page-up", "b,pageup,ctrl+b", "page_up", "Page up", "Scrolling", "article"
    ),
    KeyAction(
        "half-page-down",
        "ctrl+d",
        "half_page_down",
        "Half page down",
        "Scrolling",
        "article",
    ),
    KeyAction(
        "half-page-up", "ctrl+u", "half_page_up", "Half page up", "Scrolling", "article"
    ),
    KeyAction("top", "g,home", "top", "Top", "Scrolling", "article"),
    KeyAction("bottom", "G,end", "bottom", "Bottom", "Scrolling", "article"),
    KeyAction(
        "go-to-percent",
        "percent_sign",
        "go_to_percent",
        "Go to N% of the article",
        "Scrolling",
        "article",
        key_display="%",
        help="Type a number first: 50% goes halfway; a number also repeats "
        "j, k, space, b, ctrl+d and ctrl+u (5j)",
    ),
    # View
    KeyAction(
        "toggle-entities",
        "h",
        "toggle_entities",
        "Highlight entities",
        "View",
        "reader",
        help="Show or hide entity highlighting in the text",
    ),
    KeyAction(
        "open-in-browser",
        "o",
        "open_in_browser",
        "Open in the browser",
        "View",
        "reader",
        help="Open the article's web page at the current quote",
    ),
    KeyAction(
        "toggle-pane",
        "p",
        "toggle_pane",
        "Side pane",
        "View",
        "reader",
        show=True,
        key_display="p",
    ),
    KeyAction(
        "focus-next-pane",
        "tab",
        "focus_next_pane",
        "Next pane",
        "View",
        "reader",
        palette=False,
    ),
    KeyAction(
        "focus-previous-pane",
        "shift+tab",
        "focus_previous_pane",
        "Previous pane",
        "View",
        "reader",
        palette=False,
    ),
    KeyAction(
        "close",
        "escape",
        "close_topmost",
        "Close or clear",
        "View",
        "reader",
        help="Close search, then the entity selection, then the speaker filter",
    ),
    # Side pane
    KeyAction("pane-next-tab", "right,l", "next_tab", "Next tab", "Side pane", "pane"),
    KeyAction(
        "pane-previous-tab", "left", "previous_tab", "Previous tab", "Side pane", "pane"
    ),
    KeyAction(
        "show-quotes", "", "show_tab('quotes')", "Show quotes", "Side pane", "pane"
    ),
    KeyAction(
        "show-speakers",
        "",
        "show_tab('speakers')",
        "Show speakers",
        "Side pane",
        "pane",
    ),
    KeyAction(
        "show-entities",
        "",
        "show_tab('entities')",
        "Show entities",
        "Side pane",
        "pane",
    ),
    KeyAction(
        "show-topics", "", "show_tab('topics')", "Show topics", "Side pane", "pane"
    ),
    # Library (bookmarks and reading history)
    KeyAction(
        "bookmark",
        "m",
        "bookmark_article",
        "Bookmark here",
        "Library",
        "reader",
        help="Bookmark the article at the reading position, with its marked quotes",
    ),
    KeyAction(
        "bookmark-quote",
        "",
        "bookmark_quote",
        "Bookmark this quote",
        "Library",
        "reader",
        help="Keep the current quote in the library on its own",
    ),
    KeyAction(
        "library",
        "apostrophe",
        "open_library",
        "Open library",
        "Library",
        "app",
        show=False,
        key_display="'",
        help="Bookmarks, recently opened articles and the samples",
    ),
    KeyAction(
        "library-leave-filter",
        "escape",
        "leave_filter",
        "Leave filter",
        "Library",
        "library",
        show=True,
        key_display="esc",
        palette=False,
        help="Clear the filter and go back to the list",
    ),
    KeyAction(
        "library-close",
        "escape",
        "close_library",
        "Back",
        "Library",
        "library",
        show=True,
        key_display="esc",
        palette=False,
        help="Go back to the article (when the library was opened from it)",
    ),
    KeyAction(
        "library-down",
        "down",
        "cursor('down')",
        "Next entry",
        "Library",
        "library",
        palette=False,
    ),
    KeyAction(
        "library-up",
        "up",
        "cursor('up')",
        "Previous entry",
        "Library",
        "library",
        palette=False,
    ),
    KeyAction(
        "library-page-down",
        "pagedown",
        "cursor('page_down')",
        "Page down",
        "Library",
        "library",
        palette=False,
    ),
    KeyAction(
        "library-page-up",
        "pageup",
        "cursor('page_up')",
        "Page up",
        "Library",
        "library",
        palette=False,
    ),
    KeyAction(
        "library-open",
        "enter",
        "open_entry",
        "Open",
        "Library",
        "library-list",
        show=True,
        palette=False,
        help="Open the article where you left it, with its marks",
    ),
    KeyAction(
        "library-note",
        "n",
        "edit_note",
        "Edit note",
        "Library",
        "library-list",
        show=True,
        palette=False,
    ),
    KeyAction(
        "library-delete",
        "d,delete",
        "delete_entry",
        "Delete",
        "Library",
        "library-list",
        show=True,
        key_display="d",
        palette=False,
        help="Delete the bookmark (or forget the article), after confirming",
    ),
    KeyAction(
        "library-next",
        "j",
        "cursor_down",
        "Next entry",
        "Library",
        "library-list",
        palette=False,
    ),
    KeyAction(
        "library-previous",
        "k",
        "cursor_up",
        "Previous entry",
        "Library",
        "library-list",
        palette=False,
    ),
    KeyAction(
        "library-back",
        "q",
        "screen.back",
        "Back",
        "Library",
        "library-list",
        show=True,
        palette=False,
        help="Go back to the article (q quits when the library is the start screen)",
    ),
    KeyAction(
        "library-filter",
        "slash",
        "focus_filter",
        "Filter",
        "Library",
        "library-list",
        show=True,
        key_display="/",
        palette=False,
    ),
    # Quote archive
    KeyAction(
        "archive",
        "A",
        "open_archive",
        "Quote archive",
        "Library",
        "reader",
        help="Search every quote you have annotated, grouped by speaker",
    ),
    KeyAction(
        "archive-close",
        "escape",
        "close",
        "Back",
        "Archive",
        "archive",
        show=True,
        key_display="esc",
        palette=False,
        help="Go back to where the archive was opened from",
    ),
    KeyAction(
        "archive-back",
        "q",
        "back",
        "Back",
        "Archive",
        "archive",
        show=True,
        palette=False,
        help="Go back (in the search field q is text)",
    ),
    KeyAction(
        "archive-open",
        "enter",
        "open_quote",
        "Open article",
        "Archive",
        "archive",
        show=True,
        palette=False,
        help="Open the archived article at the quote",
    ),
    KeyAction(
        "archive-trace",
        "t",
        "trace",
        "Provenance",
        "Archive",
        "archive",
        show=True,
        palette=False,
        help="Every archived occurrence of the highlighted quote",
    ),
    KeyAction(
        "archive-results",
        "down",
        "focus_results",
        "Results",
        "Archive",
        "archive",
        palette=False,
    ),
    KeyAction(
        "trace-quote",
        "",
        "trace_quote",
        "Trace this quote",
        "Quotes",
        "reader",
        help="Every archived occurrence of the current quote, and how it changed",
    ),
    # Loading a URL
    KeyAction(
        "fetching-cancel",
        "escape",
        "cancel",
        "Cancel",
        "Loading",
        "fetching",
        show=True,
        key_display="esc",
        palette=False,
        help="Stop waiting for the download and show the library",
    ),
    KeyAction(
        "fetching-quit",
        "q",
        "quit",
        "Quit",
        "Loading",
        "fetching",
        show=True,
        palette=False,
        help="Stop waiting for the download and quit",
    ),
    # App. Quit comes first: the footer keeps this order and drops keys from
    # the end. It has two entries: the footer shows the first key of an action
    # that works, so it offers q, and ^q inside a text field (where q is text).
    KeyAction("quit", "q", "quit", "Quit", "App", "app", show=True),
    KeyAction(
        "quit-anywhere",
        "ctrl+q",
        "quit",
        "Quit",
        "App",
        "app",
        show=True,
        priority=True,
        palette=False,
        help="Quit from anywhere, also in a text field or a dialog",
    ),
    KeyAction(
        "help",
        "question_mark,f1",
        "help",
        "Help",
        "App",
        "app",
        show=True,
        key_display="?",
        help="Show this list of keys",
    ),
    KeyAction(
        "command-palette",
        "ctrl+p",
        "command_palette",
        "Command palette",
        "App",
        "app",
        palette=False,
    ),
)
"""Every key action of the reader."""


def bindings_for(scope: Scope) -> list[BindingType]:
    """The ``BINDINGS`` of the node that owns ``scope`` (actions with keys only)."""
    return [
        action.binding() for action in ACTIONS if action.scope == scope and action.keys
    ]


def action_by_id(binding_id: str) -> KeyAction | None:
    """The registry entry with id ``binding_id``."""
    for action in ACTIONS:
        if action.id == binding_id:
            return action
    return None


def checked_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """The entries of a user keymap that name a binding, and a notice for the rest.

    Args:
        keymap: Binding id to comma-separated Textual key names, from
            ``config.toml``'s ``[keymap]`` table.

    Returns:
        The usable entries (for :meth:`textual.app.App.set_keymap`) and a
        one-line notice naming unknown ids (None when every id is known).
    """
    known = {action.id for action in ACTIONS}
    usable = {
        binding_id: ",".join(key.strip() for key in keys.split(",") if key.strip())
        for binding_id, keys in keymap.items()
        if binding_id in known
    }
    unknown = sorted(binding_id for binding_id in keymap if binding_id not in known)
    if not unknown:
        return usable, None
    return usable, (
        "config.toml [keymap]: unknown binding "
        + ", ".join(repr(binding_id) for binding_id in unknown)
        + " (the ids are in the README's keys table)"
    )


_KEY_NAMES: Final = {"slash": "/", "space": "space", "escape": "esc"}


def key_label(key: str) -> str:
    """A Textual key name as the README writes it (``left_square_bracket`` → ``[``)."""
    from textual.keys import key_to_character

    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    character = key_to_character(key)
    if character is not None and len(character) == 1 and character.isprintable():
        return character
    return key


def keys_markdown() -> str:
    """The README's keys table, generated from :data:`ACTIONS`.

    One row per action, in help-screen group order: its default keys, what it
    does, and its binding id (the name to use in ``config.toml``'s ``[keymap]``).
    Actions without a key are reached through the command palette.
    """
    rows = ["| keys | action | id (for `[keymap]`) |", "|---|---|---|"]
    for group in GROUP_ORDER:
        for action in ACTIONS:
            if action.group != group:
                continue
            keys = (
                " ".join(f"`{key_label(key)}`" for key in action.keys.split(","))
                if action.keys
                else "palette"
            )
            title = action.title.replace("|", "\\|")
            rows.append(f"| {keys} | {group}: {title} | `{action.id}` |")
    return "\n".join(rows)
