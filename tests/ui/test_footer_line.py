"""The key footer's line: entries from bindings, and fitting them to a width."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode

from newsreader.ui.widgets.footer_line import (
    ActiveBindings,
    FooterEntry,
    FooterKey,
    footer_entries,
    lay_out,
)

QUOTE = Binding.Group("Quote", compact=True)


def display(binding: Binding) -> str:
    """Keys shown as their names (the app's own display is tested in Pilot)."""
    return binding.key_display or binding.key


def active(
    *bindings: Binding, disabled: frozenset[str] = frozenset()
) -> ActiveBindings:
    """Bindings as ``Screen.active_bindings`` lists them."""
    node = DOMNode()
    return {
        binding.key: (node, binding, binding.key not in disabled, binding.tooltip)
        for binding in bindings
    }


def entry(key: str, description: str, *, enabled: bool = True) -> FooterEntry:
    return FooterEntry((FooterKey(key, key, description, enabled, ""),), description)


def test_consecutive_members_of_a_group_show_as_one_entry() -> None:
    entries = footer_entries(
        active(
            Binding("[", "previous", "Previous quote", group=QUOTE, tooltip="Back"),
            Binding("]", "next", "Next quote", group=QUOTE),
            Binding("s", "filter", "Filter"),
        ),
        display,
    )
    assert [(e.description, [k.display for k in e.keys]) for e in entries] == [
        ("Quote", ["[", "]"]),
        ("Filter", ["s"]),
    ]
    assert entries[0].grouped
    assert [k.description for k in entries[0].keys] == ["Quote", "Quote"]
    # A grouped key's tooltip falls back to its own description.
    assert [k.tooltip for k in entries[0].keys] == ["Back", "Next quote"]


def test_a_lone_group_member_shows_as_an_ordinary_key() -> None:
    entries = footer_entries(
        active(
            Binding("[", "previous", "Previous quote", group=QUOTE),
            Binding("s", "filter", "Filter"),
        ),
        display,
    )
    assert [(e.description, e.grouped) for e in entries] == [
        ("Previous quote", False),
        ("Filter", False),
    ]


def test_an_action_shows_its_first_key_and_hidden_bindings_are_left_out() -> None:
    entries = footer_entries(
        active(
            Binding("q", "quit", "Quit"),
            Binding("ctrl+q", "quit", "Quit"),
            Binding("j", "down", "Down", show=False),
            Binding("question_mark", "help", "Help", key_display="?"),
        ),
        display,
    )
    assert [(e.keys[0].key, e.keys[0].display) for e in entries] == [
        ("q", "q"),
        ("question_mark", "?"),
    ]


def test_disabled_keys_are_marked() -> None:
    entries = footer_entries(
        active(
            Binding("q", "quit", "Quit"),
            Binding("e", "export", "Export"),
            disabled=frozenset({"e"}),
        ),
        display,
    )
    assert [k.enabled for e in entries for k in e.keys] == [True, False]


ENTRIES = (
    FooterEntry(
        (
            FooterKey("[", "[", "Quote", True, ""),
            FooterKey("]", "]", "Quote", True, ""),
        ),
        "Quote",
        grouped=True,
    ),
    entry("s", "Filter to speaker"),
    entry("/", "Search"),
    entry("q", "Quit"),
)


def test_wide_and_compact_spacing() -> None:
    wide = lay_out(ENTRIES, 200, compact=False)
    assert wide.text == " [] Quote  s Filter to speaker  / Search  q Quit "
    compact = lay_out(ENTRIES, 200, compact=True)
    assert compact.text == " [] Quote s Filter to speaker / Search q Quit"


def test_keys_that_do_not_fit_are_dropped_whole_from_the_end() -> None:
    full = lay_out(ENTRIES, 200, compact=True).text
    for width in range(len(full) + 1):
        line = lay_out(ENTRIES, width, compact=True)
        assert len(line.text) <= width
        # What is shown is a prefix of the full line ending at an entry's end.
        assert full.startswith(line.text)
        assert full[len(line.text) : len(line.text) + 1] in ("", " ")
    # " / Search" would end at column 38: it and "q Quit" after it are dropped.
    line = lay_out(ENTRIES, 36, compact=True)
    assert line.text == " [] Quote s Filter to speaker"
    assert [key.display for key in line.shown] == ["[", "]", "s"]


def test_the_palette_key_is_kept_on_the_right() -> None:
    palette = FooterKey("ctrl+p", "^p", "Command palette", True, "")
    line = lay_out(ENTRIES, 60, compact=False, palette=palette)
    assert len(line.text) == 60
    assert line.text.endswith("▏^p Command palette ")
    assert line.text.startswith(" [] Quote  s Filter to speaker ")
    assert "Search" not in line.text  # dropped to leave room for the palette key
    assert line.shown[-1] == palette


def test_key_at_maps_columns_to_keys() -> None:
    line = lay_out(ENTRIES, 200, compact=False)
    text = line.text
    assert line.key_at(text.index("[")) == ENTRIES[0].keys[0]
    assert line.key_at(text.index("]")) == ENTRIES[0].keys[1]
    assert line.key_at(text.index("Quote")) is None  # a group's label
    assert line.key_at(text.index("Filter")) == ENTRIES[1].keys[0]
    assert line.key_at(0) is None
    assert line.key_at(len(text) + 5) is None
