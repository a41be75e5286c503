"""The reader application and the CLI's entry point, :func:`run_reader`.

Importing this module imports Textual but never spaCy: the article paints first
and the annotator is loaded by the annotation worker (in a child process by
default, see :mod:`newsreader.services.child`).
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual.app import App, InvalidThemeError
from textual.binding import Binding
from textual.screen import Screen

from newsreader.model import Article
from newsreader.ui.actions import bindings_for
from newsreader.ui.bookmarking import StoreCallDone
from newsreader.ui.messages import AnnotationsReady
from newsreader.ui.palette import theme_variable_defaults
from newsreader.ui.reviewing import FLUSH_TIMEOUT
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.text import one_line
from newsreader.ui.themes import (
    DEFAULT_THEME,
    FALLBACK_THEME,
    ThemeCatalogue,
    UnknownThemeError,
    load_theme,
    load_themes,
    startup_theme,
)

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

    from newsreader.services.child import ChildProcessAnnotation
    from newsreader.services.container import Services
    from newsreader.store.bookmarks import BookmarkStore
    from newsreader.store.settings import Settings
    from newsreader.ui.screens.library import LibraryScreen


def reader_commands() -> type[Provider]:
    """The command-palette provider, imported when the palette first opens."""
    from newsreader.ui.commands import ReaderCommands

    return ReaderCommands


class NewsReaderApp(App[int], inherit_bindings=False):
    """A terminal reader showing who said what in one article."""

    CSS_PATH = Path(__file__).parent / "newsreader.tcss"
    """Absolute, so subclasses defined elsewhere (tests, benchmarks) find it."""
    TITLE = "newsreader"
    COMMANDS: ClassVar = App.COMMANDS | {reader_commands}
    # Textual's own ctrl+q would come first in the footer (before q): the
    # registry binds it instead, and ctrl+c keeps Textual's "how to quit" hint.
    BINDINGS: ClassVar = [
        *bindings_for("app"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    _theme_catalogue: ThemeCatalogue | None = None

    def __init__(
        self,
        article: Article | None,
        *,
        services: Services,
        theme: str | None = None,
        notices: Iterable[str] = (),
        themes: ThemeCatalogue | None = None,
        fetch: str | None = None,
        sixteen_colours: bool = False,
        child: ChildProcessAnnotation | None = None,
    ) -> None:
        """Create the app.

        Args:
            article: The article to read; None starts in the library.
            services: Annotator factory, cache and model label (see
                :class:`~newsreader.services.container.Services`).
            theme: Name of a registered theme (default: :data:`DEFAULT_THEME`).
            notices: Plain-text warnings to show once the reader is up (for
                example a problem in the config file).
            themes: The theme files to offer (default: loaded from the shipped
                and user themes folders); their problems become one notice.
            fetch: A URL to download and then read (``article`` is then None),
                with "fetching …" on screen meanwhile.
            sixteen_colours: The terminal has only the 16 ANSI colours: show
                speakers in ANSI colours and quote states by text style.
            child: An annotation child already started for ``article`` (see
                :func:`~newsreader.services.container.start_annotation_child`).
        """
        # A cyclic-GC pass over the freshly loaded article costs ~15 ms at
        # 100,000 words; none is needed before the first paint, after which the
        # reader screen re-enables the collector and freezes the survivors.
        gc.disable()
        self.sixteen_colours = sixteen_colours
        """Whether the terminal shows only the 16 ANSI colours (read while
        Textual builds the stylesheet, so set before it)."""
        super().__init__()
        self.set_class(sixteen_colours, "-ansi16")
        self.article = article
        """The article on show (None while only the library has been shown)."""
        self.services = services
        """The reader's collaborators."""
        self.fetch = fetch
        """The URL being downloaded at start, if any."""
        self._child = child
        self.exit_message: str | None = None
        """One line the command prints on leaving (a failed or cancelled fetch)."""
        self._notices = [notice for notice in notices if notice]
        self._store_notices_shown: set[str] = set()
        self._theme_catalogue: ThemeCatalogue | None = None
        if themes is not None:
            self._register_catalogue(themes)
        else:
            # Only the active theme is needed for the first frame: read its
            # one file now; the rest are loaded (and their problems reported)
            # after the first paint, or as soon as anything asks for them.
            spec = load_theme(theme or DEFAULT_THEME)
            if spec is not None:
                self.register_theme(spec.to_textual())
        try:
            self.theme = theme or self._default_theme()
        except InvalidThemeError:
            default = self._default_theme()
            self._notices.append(f"Unknown theme {theme!r}; using {default}")
            self.theme = default
        self._saved_theme = self.theme
        """The theme in config.toml, or the one given for this run only."""

    # -- themes ------------------------------------------------------------------

    @property
    def theme_catalogue(self) -> ThemeCatalogue:
        """The shipped and user themes, all registered with Textual."""
        if self._theme_catalogue is None:
            self._register_catalogue(load_themes())
        assert self._theme_catalogue is not None
        return self._theme_catalogue

    def _register_catalogue(self, catalogue: ThemeCatalogue) -> None:
        self._theme_catalogue = catalogue
        for spec in catalogue.themes.values():
            self.register_theme(spec.to_textual())

    def _default_theme(self) -> str:
        if DEFAULT_THEME in self._registered_themes:
            return DEFAULT_THEME
        available = self.available_themes
        return DEFAULT_THEME if DEFAULT_THEME in available else FALLBACK_THEME

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Every theme (loads the theme files not loaded yet)."""
        self.theme_catalogue  # noqa: B018 - registers every theme file
        return super().available_themes

    def get_theme(self, theme_name: str) -> Theme | None:
        """A registered theme by name (loads the other theme files if needed)."""
        theme = self._registered_themes.get(theme_name)
        return theme if theme is not None else super().get_theme(theme_name)

    def _validate_theme(self, theme_name: str) -> str:
        if theme_name in self._registered_themes:
            return theme_name
        return super()._validate_theme(theme_name)

    def get_default_screen(self) -> Screen[None]:
        """The reader screen is the app's base screen (the library without an
        article)."""
        if self.article is None and self.fetch is not None:
            from newsreader.sources import load_article
            from newsreader.ui.screens.fetching import FetchingScreen

            return FetchingScreen(self.fetch, load_article)
        if self.article is None:
            from newsreader.ui.screens.library import LibraryScreen

            return LibraryScreen(self.services, base=True)
        child, self._child = self._child, None
        return ReaderScreen(self.article, self.services, child=child)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Defaults for every custom CSS variable (themes may override them)."""
        return theme_variable_defaults(dark=self.current_theme.dark)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables; in 16 colours, ANSI speakers and no tints."""
        variables = super().get_css_variables()
        if self.sixteen_colours:
            from newsreader.ui.colour_check import ansi16_variables

            variables.update(ansi16_variables(dark=self.current_theme.dark))
        return variables

    def on_unmount(self) -> None:
        """Never leave the cyclic GC disabled (e.g. when quitting before painting)."""
        gc.enable()

    def on_mount(self) -> None:
        """Show start-up notices (markup-free: they may quote user text)."""
        for notice in self._notices:
            self.notify(one_line(notice), severity="warning", markup=False, timeout=8)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        # After the first paint, and after the screens' own after-paint work
        # (which starts the annotation), so neither waits for the theme files.
        self.call_after_refresh(self.call_later, self._load_all_themes)

    def _load_all_themes(self) -> None:
        """Register every theme file; say once what was wrong with any of them."""
        theme_notice = self.theme_catalogue.notice()
        if theme_notice:
            lines = [one_line(line) for line in theme_notice.splitlines()]
            self.notify("\n".join(lines), severity="warning", markup=False, timeout=20)

    def search_themes(self) -> None:
        """The palette's "Theme" command: pick one of newsreader's themes."""
        from textual.command import CommandPalette

        from newsreader.ui.theme_picker import ThemePicker

        self.push_screen(
            CommandPalette(providers=[ThemePicker], placeholder="Search for themes…")
        )

    def choose_theme(self, name: str) -> None:
        """Switch to theme ``name`` and save it in config.toml for next time."""
        self.theme = name
        self._save_theme(name)

    def _theme_changed(self, theme: Theme) -> None:
        """Save a theme chosen while the reader runs (not one given with --theme)."""
        if theme.name != self._saved_theme and theme.name in self.theme_catalogue:
            self._save_theme(theme.name)

    def _save_theme(self, name: str) -> None:
        from newsreader.store.settings import SettingsWriteError, save_setting

        self._saved_theme = name
        try:
            save_setting("theme", name)
        except SettingsWriteError as error:
            self.notify(str(error), severity="error", markup=False)

    @property
    def reader(self) -> ReaderScreen:
        """The reader screen (the bottom of the screen stack)."""
        screen = self.current_reader
        assert screen is not None, "no article is open"
        return screen

    @property
    def current_reader(self) -> ReaderScreen | None:
        """The topmost reader screen, or None while only the library was shown."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        return None

    def action_help(self) -> None:
        """Show every key, generated from the live bindings."""
        from newsreader.ui.screens.help import HelpScreen, live_key_help
        from newsreader.ui.screens.library import LibraryScreen, LibraryTable
        from newsreader.ui.widgets.article_view import ArticleView
        from newsreader.ui.widgets.side_pane import PaneList, SidePane

        if isinstance(self.screen, HelpScreen):
            return
        if isinstance(self.screen, LibraryScreen):
            library = self.screen
            nodes = [self, library, *library.query(LibraryTable)]
            self.push_screen(HelpScreen(live_key_help(self, nodes)))
            return
        reader = self.current_reader
        if reader is None:
            return
        nodes = [self, reader, reader.query_one(ArticleView)]
        nodes.extend(reader.query(SidePane))
        nodes.extend(list(reader.query(PaneList))[:1])
        self.push_screen(HelpScreen(live_key_help(self, nodes)))

    async def action_quit(self) -> None:
        """Quit at once, abandoning any annotation in progress."""
        reader = self.current_reader
        if reader is not None:
            reader.cancel_annotation()
            reader.remember_position(wait=True)
            reader.review_writer.flush()
        self.exit(0)

    # -- library and bookmarks -----------------------------------------------

    def action_open_library(self) -> None:
        """Show the library over the article."""
        from newsreader.ui.screens.library import LibraryScreen

        if isinstance(self.screen, LibraryScreen):
            return
        self.push_screen(LibraryScreen(self.services))

    async def open_article(
        self,
        article: Article,
        *,
        position: int | None = None,
        marks: Iterable[str] = (),
    ) -> None:
        """Replace the article on show (and close the library).

        Args:
            article: The article to read.
            position: Character offset to show at the top.
            marks: Ids of the quotes to mark.
        """
        previous = self.current_reader
        if previous is not None:
            previous.remember_position()
            previous.cancel_annotation()
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ReaderScreen):
            await self.pop_screen()
        reader = ReaderScreen(article, self.services)
        reader.restore_reading(position, marks)
        self.article = article
        if len(self.screen_stack) > 1:
            await self.switch_screen(reader)
        else:
            # Textual cannot switch away from the default screen (it has no
            # result callback), so the first article opened goes on top of it;
            # later ones replace that one.
            await self.push_screen(reader)

    async def on_library_screen_open_article(
        self, message: LibraryScreen.OpenArticle
    ) -> None:
        """Open what was chosen in the library."""
        await self.open_article(
            message.article, position=message.position, marks=message.marks
        )

    def on_store_call_done(self, message: StoreCallDone) -> None:
        """Finish a store call on the UI thread: show its error or notice."""
        notice = message.notice
        if notice and notice not in self._store_notices_shown:
            self._store_notices_shown.add(notice)
            self.notify(
                one_line(notice),
                title="Bookmarks",
                severity="warning",
                markup=False,
                timeout=10,
            )
        if message.error is not None:
            if message.quiet and (
                message.error == notice or message.error in self._store_notices_shown
            ):
                return
            self.notify(
                one_line(message.error), severity="error", markup=False, timeout=6
            )

    def on_annotations_ready(self, message: AnnotationsReady) -> None:
        """Keep the quote count the library shows."""
        reader = self.current_reader
        annotations = message.annotations
        if reader is not None and annotations.article_sha256 == reader.article.sha256:
            reader.bookmarks.record_quote_count(len(annotations.quotes))


def run_reader(
    article: Article | None,
    *,
    model: str | None = None,
    theme: str | None = None,
    settings: Settings | None = None,
    bookmarks: BookmarkStore | None = None,
    fetch: str | None = None,
    child: ChildProcessAnnotation | None = None,
) -> int:
    """Open ``article`` in the reader; returns the process exit code.

    Takes the arguments of :func:`build_reader`. ``child`` is an annotation
    child already started for ``article``; it is stopped when the reader ends.

    Returns:
        0 after a normal quit, 2 when the model given with ``--model`` is not
        installed or the requested theme does not exist, 1 when the app
        stopped on an error.
    """
    from newsreader.nlp import ModelError

    try:
        app = build_reader(
            article,
            model=model,
            theme=theme,
            settings=settings,
            bookmarks=bookmarks,
            fetch=fetch,
            child=child,
        )
    except (ModelError, UnknownThemeError) as error:
        if child is not None:
            child.cancel()
        print(f"newsreader: {error}", file=sys.stderr)
        return 2
    _attach_keyboard()
    try:
        result = asyncio.run(_run_until_signalled(app))
    finally:
        gc.enable()
        if child is not None:
            child.cancel()
    if app.exit_message:
        print(f"newsreader: {one_line(app.exit_message)}", file=sys.stderr)
    if app.return_code not in (None, 0):
        return app.return_code
    return result if isinstance(result, int) else 0


TERMINATION_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""Signals that end the reader through its normal exit (terminal restored)."""

SIGNAL_EXIT_GRACE = FLUSH_TIMEOUT + 5.0
"""Seconds a termination signal leaves the normal exit (which waits up to
``FLUSH_TIMEOUT`` for queued review writes) before the process ends anyway."""


class _Exitable(Protocol):
    def exit(self, result: None = None, return_code: int = 0) -> None: ...

    async def run_async(self) -> int | None: ...


async def _run_until_signalled(app: _Exitable) -> int | None:
    """Run ``app``; a termination signal quits it as ``q`` would.

    Without this the process dies on SIGTERM or SIGHUP with the terminal
    still in the alternate screen and reporting the mouse. The exit code is
    the shell's for a signal, 128 + its number.

    The normal exit can hang when the terminal has gone (a closed window
    hangs up while a frame is being written: Textual's output thread dies on
    the failed write and its shutdown then waits on it forever), which would
    leave the reader running with no terminal. So the signal also starts a
    timer that ends the process after :data:`SIGNAL_EXIT_GRACE` seconds; the
    user's data is already saved by then (bookmarks and marks as they change,
    reviews flushed on the way out).
    """
    loop = asyncio.get_running_loop()

    def terminate(signum: int) -> None:
        app.exit(None, 128 + signum)
        deadline = threading.Timer(SIGNAL_EXIT_GRACE, os._exit, args=(128 + signum,))
        deadline.daemon = True
        deadline.start()

    for signum in TERMINATION_SIGNALS:
        loop.add_signal_handler(signum, terminate, signum)
    try:
        return await app.run_async()
    finally:
        for signum in TERMINATION_SIGNALS:
            loop.remove_signal_handler(signum)


def build_reader(
    article: Article | None,
    *,
    model: str | None = None,
    theme: str | None = None,
    settings: Settings | None = None,
    bookmarks: BookmarkStore | None = None,
    fetch: str | None = None,
    child: ChildProcessAnnotation | None = None,
) -> NewsReaderApp:
    """The reader app with the user's services, settings and notices.

    Args:
        article: The loaded article, or None to start in the library.
        model: spaCy pipeline requested with ``--model`` (else the config's; a
            configured model that is not installed is replaced by the default,
            with a notice).
        theme: Theme requested with ``--theme`` (else the config's).
        settings: User settings (loaded from ``config.toml`` when None).
        bookmarks: The bookmark store (default: the user's), when the caller
            has already opened it.
        fetch: A URL to download inside the reader (``article`` is None).
        child: An annotation child already started for ``article``.

    Raises:
        ModelError: ``model`` is not installed.
        UnknownThemeError: ``theme`` does not exist.
    """
    from newsreader.services.container import default_services
    from newsreader.services.models import decide_model
    from newsreader.store.settings import load_settings

    settings = settings if settings is not None else load_settings()
    themes = load_themes()
    theme, theme_notice = startup_theme(theme, settings.theme, themes)
    decision = decide_model(model, settings)
    notices = [n for n in (settings.problem, decision.notice, theme_notice) if n]
    services = default_services(decision.choice)
    if bookmarks is not None:
        from dataclasses import replace

        services = replace(services, bookmarks=bookmarks)
    from newsreader.ui.actions import checked_keymap
    from newsreader.ui.colour_check import terminal_has_sixteen_colours

    keymap, keymap_notice = checked_keymap(settings.keymap)
    if keymap_notice:
        notices.append(keymap_notice)
    app = NewsReaderApp(
        article,
        services=services,
        theme=theme,
        notices=notices,
        themes=themes,
        fetch=fetch,
        sixteen_colours=terminal_has_sixteen_colours(),
        child=child,
    )
    app.set_keymap(keymap)
    return app


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
