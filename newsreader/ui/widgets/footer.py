"""The key footer: one widget that draws its one line itself.

Textual's footer is a container of one widget per key, rebuilt whenever the
bindings change (the focused widget changing is enough), and every rebuild
mounts widgets and lays out the whole screen. This footer has no children:
a change of bindings is worked out into a line of styled runs
(``footer_line``) and, only when that line differs, one repaint of one row.

Keys come in order of importance and are never cut: from the first that does
not fit whole, the rest are left out. Below ``NARROW_FOOTER`` columns the
spacing is compact and the command-palette key is not shown (``ctrl+p`` is
still listed by ``?``). Clicking a key presses it; clicking one that does
nothing right now rings the bell.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from newsreader.ui.widgets.footer_line import (
    FooterKey,
    FooterLine,
    Role,
    footer_entries,
    lay_out,
    palette_key,
)

NARROW_FOOTER = 100
"""Below this many columns the footer is compact and has no palette hint."""


class KeyFooter(Widget, can_focus=False):
    """The keys of the screen's bindings, drawn as one line."""

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--border",
        "key-footer--disabled",
        "key-footer--hover",
    }

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--border {
            color: $foreground 20%;
        }
        & > .key-footer--disabled {
            text-style: dim;
        }
        & > .key-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._line = FooterLine((), ())
        self._hover: FooterKey | None = None
        self._strip: Strip | None = None
        self.repaint_count = 0
        """How many times the shown line changed (for tests and diagnostics)."""

    # -- what is shown ----------------------------------------------------------

    @property
    def shown(self) -> list[tuple[str, str, bool]]:
        """The keys shown, in order: (key as displayed, description, enabled).

        Keys of a group carry the group's description; the command-palette
        key, when shown, comes last.
        """
        return [(key.display, key.description, key.enabled) for key in self._line.shown]

    @property
    def visible_text(self) -> str:
        """The line as shown, without trailing spaces (for tests)."""
        return self._line.text.rstrip()

    @property
    def compact(self) -> bool:
        """Whether the footer is narrow: compact spacing, no palette key."""
        return self.size.width < NARROW_FOOTER

    def key_at(self, x: int) -> FooterKey | None:
        """The key drawn at column ``x``, if any."""
        return self._line.key_at(x)

    def update_keys(self) -> None:
        """Work the line out from the screen's bindings; repaint if it changed."""
        if not self.is_attached:
            return
        app = self.app
        bindings = self.screen.active_bindings
        compact = self.compact
        palette = (
            palette_key(bindings, app.COMMAND_PALETTE_BINDING, app.get_key_display)
            if app.ENABLE_COMMAND_PALETTE and not compact
            else None
        )
        line = lay_out(
            footer_entries(bindings, app.get_key_display),
            self.size.width,
            compact=compact,
            palette=palette,
        )
        if line != self._line:
            self._line = line
            self._strip = None
            self.repaint_count += 1
            self.refresh()

    # -- events -----------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.update_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        # While the terminal has lost focus nothing is focused: keep the keys
        # that were shown (as Textual's footer does) until focus returns.
        if screen is self.screen and self.app.app_focus:
            self.update_keys()

    def on_resize(self, event: events.Resize) -> None:
        self.update_keys()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: FooterKey | None) -> None:
        if key == self._hover:
            return
        self._hover = key
        self.tooltip = (key.tooltip or None) if key is not None else None
        self._strip = None
        self.refresh()

    # -- drawing ----------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Styles (a theme, a class) changed: draw the line again."""
        super().notify_style_update()
        self._strip = None

    def render_line(self, y: int) -> Strip:
        """The footer's one line (any other row, were it taller, is blank)."""
        width = self.size.width
        if y:
            return Strip.blank(width, self.rich_style)
        if self._strip is None or self._strip.cell_length != width:
            self._strip = self._draw(width)
        return self._strip

    def _draw(self, width: int) -> Strip:
        base = self.rich_style
        styles: dict[Role, Style] = {
            "gap": base,
            "key": base + self.get_component_rich_style("key-footer--key"),
            "description": base
            + self.get_component_rich_style("key-footer--description"),
            "border": base + self.get_component_rich_style("key-footer--border"),
        }
        dim = self.get_component_rich_style("key-footer--disabled", partial=True)
        # The hover colour may be translucent: take it as blended on the footer.
        hover = Style(
            bgcolor=self.get_component_rich_style("key-footer--hover").bgcolor
        )
        segments: list[Segment] = []
        for run in self._line.runs:
            style = styles[run.role]
            if run.key is not None and run.role != "border":
                if not run.key.enabled:
                    style += dim
                if run.key == self._hover:
                    style += hover
            segments.append(Segment(run.text, style))
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)
