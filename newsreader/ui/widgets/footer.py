"""The footer, showing only the keys that fit whole.

Textual's footer lets keys run off the right edge, cut mid-word (``? H``). This
one lays the keys out, then hides every key from the first that does not fit
(keys come in order of importance), and drops the command-palette hint when
the terminal is narrow (``ctrl+p`` is still listed by ``?``).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

NARROW_FOOTER = 100
"""Below this many columns the footer is compact and has no palette hint."""


class ReaderFooter(Footer):
    """A footer whose keys are never clipped."""

    def __init__(self, *, width: int) -> None:
        narrow = width < NARROW_FOOTER
        super().__init__(compact=narrow, show_command_palette=not narrow)

    def fit_width(self, width: int) -> None:
        """Re-fit to a terminal ``width`` columns wide."""
        narrow = width < NARROW_FOOTER
        self.compact = narrow
        self.show_command_palette = not narrow
        self.call_after_refresh(self._fit)

    async def recompose(self) -> None:
        """Rebuild the keys, then hide those that do not fit."""
        await super().recompose()
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
