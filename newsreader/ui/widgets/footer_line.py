"""What the key footer shows, laid out as one line of styled runs.

No widget here: the screen's bindings become entries (a key and its
description, or a group's keys and the group's description, as Textual's
footer shows them), and the entries become runs of text of one role each,
cut to a width by dropping whole entries from the end. The footer widget
turns the roles into theme styles and draws the runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from textual.binding import Binding
from textual.dom import DOMNode

Role = Literal["gap", "key", "description", "border"]
"""How a run is styled: ``gap`` in the footer's own colours, ``key`` bold in
the key colours, ``description`` in the description colours, ``border`` as
the rule before the command-palette key."""

ActiveBindings = Mapping[str, tuple[DOMNode, Binding, bool, str]]
"""``Screen.active_bindings``: key → (node, binding, enabled, tooltip)."""

PALETTE_BORDER = "▏"
"""The rule between the keys and the command-palette key on the right."""


@dataclass(frozen=True)
class FooterKey:
    """One key the footer offers."""

    key: str
    """The key's Textual name (what pressing it sends)."""
    display: str
    """The key as the app displays it."""
    description: str
    """What the footer says it does (a grouped key: the group's description)."""
    enabled: bool
    """False when the key does nothing right now (shown dimmed)."""
    tooltip: str
    """The longer explanation shown when the pointer rests on the key."""


@dataclass(frozen=True)
class FooterEntry:
    """A key and its description, or a group's keys and the group's."""

    keys: tuple[FooterKey, ...]
    description: str
    grouped: bool = False
    compact_group: bool = True
    """For a group: its keys written together (``[]``), not apart (``[ ]``)."""


@dataclass(frozen=True)
class Run:
    """Cells of one role; ``key`` is the key a click on them presses."""

    text: str
    role: Role
    key: FooterKey | None = None


@dataclass(frozen=True)
class FooterLine:
    """The footer's runs for one width, and the keys that fit whole."""

    runs: tuple[Run, ...]
    shown: tuple[FooterKey, ...]

    @property
    def text(self) -> str:
        """The line as plain text (without the padding to the full width)."""
        return "".join(run.text for run in self.runs)

    def key_at(self, x: int) -> FooterKey | None:
        """The key whose cells include column ``x``, if any."""
        start = 0
        for run in self.runs:
            end = start + len(run.text)
            if start <= x < end:
                return run.key
            start = end
        return None


def footer_entries(
    bindings: ActiveBindings, key_display: Callable[[Binding], str]
) -> tuple[FooterEntry, ...]:
    """The entries for the bindings shown in the footer, in binding order.

    As in Textual's footer: an action bound to several keys shows its first;
    consecutive actions of one ``Binding.Group`` show as one entry (their keys
    together, then the group's description); a lone member of a group shows
    as an ordinary key.
    """
    first_of_action: dict[str, FooterKey] = {}
    group_of_action: dict[str, Binding.Group | None] = {}
    for key, (_node, binding, enabled, tooltip) in bindings.items():
        if not binding.show or binding.action in first_of_action:
            continue
        first_of_action[binding.action] = FooterKey(
            key, key_display(binding), binding.description, enabled, tooltip
        )
        group_of_action[binding.action] = binding.group
    entries: list[FooterEntry] = []
    for group, actions in groupby(first_of_action, group_of_action.__getitem__):
        keys = [first_of_action[action] for action in actions]
        if group is None or len(keys) == 1:
            entries.extend(FooterEntry((key,), key.description) for key in keys)
            continue
        entries.append(
            FooterEntry(
                tuple(
                    FooterKey(
                        key.key,
                        key.display,
                        group.description,
                        key.enabled,
                        key.tooltip or key.description,
                    )
                    for key in keys
                ),
                group.description,
                grouped=True,
                compact_group=group.compact,
            )
        )
    return tuple(entries)


def palette_key(
    bindings: ActiveBindings,
    palette_binding: str,
    key_display: Callable[[Binding], str],
) -> FooterKey | None:
    """The command-palette key, when the screen has it bound."""
    found = bindings.get(palette_binding)
    if found is None:
        return None
    _node, binding, enabled, _tooltip = found
    return FooterKey(
        binding.key,
        key_display(binding),
        binding.description,
        enabled,
        binding.tooltip or binding.description,
    )


def entry_runs(entry: FooterEntry, *, compact: bool) -> tuple[Run, ...]:
    """One entry's runs.

    Wide: `` k Description `` (the key padded by a space each side) and
    `` [] Quote `` for a group. Compact: ``k Description`` and ``[] Quote``,
    led by the one space that separates entries.
    """
    runs: list[Run] = []
    if entry.grouped:
        runs.append(Run(" ", "gap"))
        for index, key in enumerate(entry.keys):
            if index and not entry.compact_group:
                runs.append(Run(" ", "gap"))
            runs.append(Run(key.display, "key", key))
        runs.append(Run(" ", "gap"))
        label = entry.description if compact else f"{entry.description} "
        runs.append(Run(label, "description"))
        return tuple(runs)
    key = entry.keys[0]
    if compact:
        runs.append(Run(" ", "gap"))
        runs.append(Run(key.display, "key", key))
        if entry.description:
            runs.append(Run(f" {entry.description}", "description", key))
    else:
        runs.append(Run(f" {key.display} ", "key", key))
        if entry.description:
            runs.append(Run(f"{entry.description} ", "description", key))
    return tuple(runs)


def palette_runs(key: FooterKey) -> tuple[Run, ...]:
    """The command-palette key's runs (on the right of a wide footer)."""
    return (
        Run(PALETTE_BORDER, "border", key),
        Run(key.display, "key", key),
        Run(f" {key.description} ", "description", key),
    )


def lay_out(
    entries: Iterable[FooterEntry],
    width: int,
    *,
    compact: bool,
    palette: FooterKey | None = None,
) -> FooterLine:
    """The runs for a footer ``width`` cells wide.

    Entries come in order of importance: from the first that does not fit
    whole, it and every later one are left out, so no key is cut and none
    shows out of order. The palette key, when given, is kept at the right.
    """
    right = palette_runs(palette) if palette is not None else ()
    room = width - sum(len(run.text) for run in right)
    runs: list[Run] = []
    shown: list[FooterKey] = []
    used = 0
    for entry in entries:
        these = entry_runs(entry, compact=compact)
        size = sum(len(run.text) for run in these)
        if used + size > room:
            break
        runs.extend(these)
        shown.extend(entry.keys)
        used += size
    if palette is not None:
        runs.append(Run(" " * max(0, room - used), "gap"))
        runs.extend(right)
        shown.append(palette)
    return FooterLine(tuple(runs), tuple(shown))
