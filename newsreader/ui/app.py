"""The reader application and the CLI's entry point, :func:`run_reader`.

Importing this module imports Textual but never spaCy: the article paints first
and the annotator is loaded by the annotation worker (in a child process by
default, see :mod:`newsreader.ui.annotation`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, InvalidThemeError
from textual.screen import Screen

from newsreader.model import Article
from newsreader.ui.actions import bindings_for
from newsreader.ui.palette import theme_variable_defaults
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.text import one_line

if TYPE_CHECKING:
    from textual.command import Provider

    from newsreader.store.settings import Settings
    from newsreader.ui.services import Services


def reader_commands() -> type[Provider]:
    """The command-palette provider, imported when the palette first opens."""
    from newsreader.ui.commands import ReaderCommands

    return ReaderCommands


class NewsReaderApp(App[int]):
    """A terminal reader showing who said what in one article."""

    CSS_PATH = Path(__file__).parent / "newsreader.tcss"
    """Absolute, so subclasses defined elsewhere (tests, benchmarks) find it."""
    TITLE = "newsreader"
    COMMANDS: ClassVar = App.COMMANDS | {reader_commands}
    BINDINGS = bindings_for("app")

    def __init__(
        self,
        article: Article,
        *,
        services: Services,
        theme: str | None = None,
        notices: Iterable[str] = (),
    ) -> None:
        """Create the app.

        Args:
            article: The article to read.
            services: Annotator factory, cache and model label (see
                :class:`~newsreader.ui.services.Services`).
            theme: Name of a registered Textual theme.
            notices: Plain-text warnings to show once the reader is up (for
                example a problem in the config file).
        """
        # A cyclic-GC pass over the freshly loaded article costs ~15 ms at
        # 100,000 words; none is needed before the first paint, after which the
        # reader screen re-enables the collector and freezes the survivors.
        gc.disable()
        super().__init__()
        self.article = article
        """The article on show."""
        self.services = services
        """The reader's collaborators."""
        self._notices = [notice for notice in notices if notice]
        if theme:
            try:
                self.theme = theme
            except InvalidThemeError:
                self._notices.append(f"Unknown theme {theme!r}; using {self.theme}")

    def get_default_screen(self) -> Screen[None]:
        """The reader screen is the app's base screen."""
        return ReaderScreen(self.article, self.services)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Defaults for every custom CSS variable (themes may override them)."""
        return theme_variable_defaults(dark=self.current_theme.dark)

    def on_unmount(self) -> None:
        """Never leave the cyclic GC disabled (e.g. when quitting before painting)."""
        gc.enable()

    def on_mount(self) -> None:
        """Show start-up notices (markup-free: they may quote user text)."""
        for notice in self._notices:
            self.notify(one_line(notice), severity="warning", markup=False, timeout=8)

    @property
    def reader(self) -> ReaderScreen:
        """The reader screen (the bottom of the screen stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    def action_help(self) -> None:
        """Show every key, generated from the live bindings."""
        from newsreader.ui.screens.help import HelpScreen, live_key_help
        from newsreader.ui.widgets.article_view import ArticleView
        from newsreader.ui.widgets.side_pane import PaneList, SidePane

        if isinstance(self.screen, HelpScreen):
            return
        reader = self.reader
        nodes = [self, reader, reader.query_one(ArticleView)]
        nodes.extend(reader.query(SidePane))
        nodes.extend(list(reader.query(PaneList))[:1])
        self.push_screen(HelpScreen(live_key_help(self, nodes)))

    async def action_quit(self) -> None:
        """Quit at once, abandoning any annotation in progress."""
        if self.screen_stack:
            self.reader.cancel_annotation()
        self.exit(0)


def run_reader(
    article: Article,
    *,
    model: str | None = None,
    theme: str | None = None,
    settings: Settings | None = None,
) -> int:
    """Open ``article`` in the reader; returns the process exit code.

    Args:
        article: The loaded article.
        model: spaCy pipeline requested with ``--model`` (else the config's).
        theme: Theme requested with ``--theme`` (else the config's).
        settings: User settings (loaded from ``config.toml`` when None).

    Returns:
        0 after a normal quit, 2 when the requested model is not installed, 1
        when the app stopped on an error.
    """
    from newsreader.nlp import ModelError
    from newsreader.store.settings import load_settings
    from newsreader.ui.services import default_services

    settings = settings if settings is not None else load_settings()
    try:
        services = default_services(model or settings.model)
    except ModelError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return 2
    _attach_keyboard()
    app = NewsReaderApp(
        article,
        services=services,
        theme=theme or settings.theme,
        notices=[settings.problem] if settings.problem else [],
    )
    try:
        result = app.run()
    finally:
        gc.enable()
    if app.return_code not in (None, 0):
        return app.return_code
    return result if isinstance(result, int) else 0


def _attach_keyboard() -> None:
    """Read keys from the terminal even when the article came through a pipe.

    ``newsreader - < article.txt`` leaves standard input at the end of the
    pipe; Textual reads keys from file descriptor 0, so point it at the
    controlling terminal instead (where there is one).
    """
    stdin = sys.__stdin__
    if stdin is None or stdin.isatty():
        return
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return
    try:
        os.dup2(terminal, stdin.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(terminal)
