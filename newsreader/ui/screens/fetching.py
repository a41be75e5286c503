"""The screen shown while a URL loads: "fetching <host> … N s".

``esc`` cancels the download and shows the library (``esc`` never quits);
``q`` cancels it and quits, saying so on the way out.

The download runs in a daemon thread (a blocked socket read cannot be
interrupted, and a cancelled fetch must not keep the app from exiting); the
thread posts data-only messages back, and a cancelled fetch's late answer is
ignored.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from newsreader.model import Article
from newsreader.ui.actions import bindings_for
from newsreader.ui.text import one_line
from newsreader.ui.widgets.footer import KeyFooter

Loader = Callable[[str], Article]
"""Loads an article from a source; raises ``SourceError`` with one line."""


def host_of(url: str) -> str:
    """The host a URL names (or the URL itself, shortened)."""
    return one_line(urlsplit(url).hostname or url, 60)


class FetchingScreen(Screen[None]):
    """Waits for an article to download, showing the elapsed time."""

    BINDINGS = bindings_for("fetching")

    class Fetched(Message):
        """The article arrived."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class FetchFailed(Message):
        """The article could not be loaded."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason
            """One line for the user."""

    def __init__(self, url: str, load: Loader) -> None:
        super().__init__()
        self.url = url
        self.host = host_of(url)
        self._load = load
        self._started = time.monotonic()
        self._cancelled = False

    def compose(self) -> ComposeResult:
        yield Static(self.status_text(), id="fetching", markup=False)
        yield KeyFooter()

    def status_text(self) -> str:
        """``fetching <host> … N s`` with the seconds since the fetch started."""
        elapsed = int(time.monotonic() - self._started)
        return f"fetching {self.host} … {elapsed} s  (esc cancels, q quits)"

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.5, self._tick)
        threading.Thread(target=self._fetch, name="fetch", daemon=True).start()

    def _tick(self) -> None:
        self.query_one("#fetching", Static).update(self.status_text())

    def _fetch(self) -> None:
        from newsreader.sources import SourceError

        try:
            article = self._load(self.url)
        except SourceError as error:
            self.post_message(self.FetchFailed(one_line(str(error), 300)))
        except Exception as error:  # a bug: still one line, never a traceback
            self.post_message(self.FetchFailed(f"{type(error).__name__}: {error}"))
        else:
            self.post_message(self.Fetched(article))

    async def on_fetching_screen_fetched(self, message: Fetched) -> None:
        self._timer.stop()
        if not self._cancelled:
            from newsreader.ui.app import NewsReaderApp

            app = self.app
            assert isinstance(app, NewsReaderApp)
            await app.open_article(message.article)

    def on_fetching_screen_fetch_failed(self, message: FetchFailed) -> None:
        if not self._cancelled:
            self._leave(message.reason)

    def action_cancel(self) -> None:
        """Stop waiting for the download; show the library instead."""
        from newsreader.ui.app import NewsReaderApp
        from newsreader.ui.screens.library import LibraryScreen

        self._stop()
        app = self.app
        if not isinstance(app, NewsReaderApp):
            return
        app.notify(f"Cancelled fetching {self.host}", markup=False, timeout=4)
        # This is the app's first screen, which Textual cannot switch away
        # from: the library goes on top, as the start screen.
        app.push_screen(LibraryScreen(app.services, base=True))

    def action_quit(self) -> None:
        """Stop waiting for the download and quit."""
        self._stop()
        self._leave(f"cancelled fetching {self.url}")

    def _stop(self) -> None:
        self._cancelled = True
        self._timer.stop()

    def _leave(self, reason: str) -> None:
        from newsreader.ui.app import NewsReaderApp

        app = self.app
        if isinstance(app, NewsReaderApp):
            app.exit_message = reason
        app.exit(1, return_code=1)
