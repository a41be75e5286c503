"""The theme picker: the command palette listing newsreader's themes.

Opened by the palette's built-in "Theme" command (``App.search_themes``). It
lists the shipped and user themes only: Textual's own themes do not set the
reader's colours and were never checked for contrast. Choosing a theme applies
it; the app saves the choice to ``config.toml``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from newsreader.ui.text import escape_markup, one_line
from newsreader.ui.themes import ThemeCatalogue, ThemeSpec


def theme_help(spec: ThemeSpec, current: str) -> str:
    """The plain-text line under a theme's name in the picker."""
    parts = [spec.mode, spec.origin]
    if spec.name == current:
        parts.append("current")
    if spec.description:
        parts.append(one_line(spec.description, 80))
    return " · ".join(parts)


class ThemePicker(Provider):
    """Palette entries for every theme of the app's catalogue."""

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        catalogue = getattr(self.app, "theme_catalogue", None)
        if not isinstance(catalogue, ThemeCatalogue):
            return
        current = self.app.theme
        for spec in catalogue.themes.values():
            yield (
                spec.name,
                theme_help(spec, current),
                partial(self._apply, spec.name),
            )

    def _apply(self, name: str) -> None:
        choose = getattr(self.app, "choose_theme", None)
        if callable(choose):
            choose(name)  # applies and saves the choice
        else:
            self.app.theme = name

    async def discover(self) -> Hits:
        """Every theme, before anything is typed."""
        for name, help_text, run in self._entries():
            yield DiscoveryHit(
                Content(name), run, text=name, help=escape_markup(help_text)
            )

    async def search(self, query: str) -> Hits:
        """The themes whose name matches ``query``."""
        matcher = self.matcher(query)
        for name, help_text, run in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    run,
                    text=name,
                    help=escape_markup(help_text),
                )
