"""The key footer, rebuilt only when the keys it shows change.

Textual's :class:`~textual.widgets.Footer` throws away and recomposes all its
key widgets whenever the focused widget changes (opening and closing the
search bar does it twice), and every recompose leaves the old key widgets
registered as watchers of the footer's ``compact`` setting, so they are never
freed. This footer recomposes only when the shown keys differ, and drops the
watchers of key widgets that are gone after each recompose.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class ReaderFooter(Footer):
    """A :class:`Footer` that repaints only changed keys and does not leak."""

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._shown: Hashable | None = None
        self.recompose_count = 0
        """How many times the keys were rebuilt (for tests and diagnostics)."""

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
        """Rebuild the keys, then forget the watchers of the removed ones."""
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
