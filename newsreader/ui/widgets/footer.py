"""The key footer: only keys that fit whole, rebuilt only when they change.

Textual's footer lets keys run off the right edge, cut mid-word (``? H``). This
one lays the keys out, then hides every key from the first that does not fit
(keys come in order of importance), and drops the command-palette hint when
the terminal is narrow (``ctrl+p`` is still listed by ``?``).

Textual's footer also throws away and recomposes all its key widgets whenever
the focused widget changes (opening and closing the search bar does it twice),
and every recompose leaves the old key widgets registered as watchers of the
footer's ``compact`` setting, so they are never freed. This footer recomposes
only when the shown keys differ, and drops the watchers of key widgets that
are gone after each recompose.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual import events
from textual.screen import Screen
from textual.widgets import Footer

NARROW_FOOTER = 100
"""Below this many columns the footer is compact and has no palette hint."""


class ReaderFooter(Footer):
    """A footer whose keys are never clipped, and which does not leak."""

    def __init__(self, *, width: int, id: str | None = None) -> None:
        narrow = width < NARROW_FOOTER
        super().__init__(compact=narrow, show_command_palette=not narrow, id=id)
        self._shown: Hashable | None = None
        self.recompose_count = 0
        """How many times the keys were rebuilt (for tests and diagnostics)."""

    def fit_width(self, width: int) -> None:
        """Re-fit to a terminal ``width`` columns wide."""
        narrow = width < NARROW_FOOTER
        self.compact = narrow
        self.show_command_palette = not narrow
        self.call_after_refresh(self._fit)

    def shown_keys(self) -> tuple[Hashable, ...]:
        """What the footer would show for the screen's current bindings."""
        app = self.app
        return tuple(
            (
                key,
                binding.action,
                binding.description,
                app.get_key_display(binding),
                enabled,
                tooltip,
                binding.group,
            )
            for key, (_node, binding, enabled, tooltip) in (
                self.screen.active_bindings.items()
            )
            if binding.show
        )

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild the keys only when what they show changed."""
        shown = self.shown_keys() if self.is_attached else None
        if shown is not None and shown == self._shown:
            self._bindings_ready = True
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """Rebuild the keys, forget the watchers of the removed ones, then hide
        those that do not fit."""
        if not self.is_attached:
            return
        self._shown = self.shown_keys()
        self.recompose_count += 1
        await super().recompose()
        watchers: dict[str, list[tuple[object, object]]] = getattr(
            self, "__watchers", {}
        )
        for entries in watchers.values():
            entries[:] = [
                (node, callback)
                for node, callback in entries
                if getattr(node, "is_attached", True)
            ]
        self.call_after_refresh(self._fit)

    def on_resize(self, event: events.Resize) -> None:
        """Show every key again and re-measure at the new width."""
        for child in self.children:
            child.display = True
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        room = self.size.width
        keys = []
        for child in self.children:
            if child.has_class("-command-palette"):
                room -= child.outer_size.width
            else:
                keys.append(child)
        used = 0
        fits = True
        for child in keys:
            width = child.outer_size.width
            fits = fits and used + width <= room
            child.display = fits
            if fits:
                used += width

    @property
    def visible_text(self) -> str:
        """The keys and labels shown, in order (for tests)."""
        parts: list[str] = []
        for child in self.children:
            if child.display:
                parts.append(" ".join(str(child.render()).split()))
        return "  ".join(parts)
