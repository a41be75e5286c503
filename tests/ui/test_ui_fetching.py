"""A URL loads inside the reader: "fetching <host> … N s", q cancels and quits
(Pilot; esc, which cancels to the library, is in test_ui_escape_rules)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsreader.services.container import Services
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.fetching import FetchingScreen
from newsreader.ui.screens.reader import ReaderScreen
from tests.support.local_http import base_url, serving
from tests.ui.ui_fakes import FakeAnnotator
from tests.ui.ui_helpers import settle

PAGE = b'Harbour reopens\n\nBy Ana Ruiz\n\n"We are back," said the harbour master.\n'


class SlowHandler(BaseHTTPRequestHandler):
    """Answers after a delay set on the server."""

    def do_GET(self) -> None:
        time.sleep(self.server.delay)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[ThreadingHTTPServer]:
    with serving(SlowHandler) as server:
        server.delay = 1.2  # type: ignore[attr-defined]
        yield server


def make(url: str) -> NewsReaderApp:
    services = Services(annotator_factory=FakeAnnotator, engine_id="fake-1+nr1")
    return NewsReaderApp(None, services=services, theme="textual-dark", fetch=url)


def url_of(server: ThreadingHTTPServer) -> str:
    return f"{base_url(server)}/harbour.txt"


async def test_fetching_shows_the_host_and_seconds_then_the_article(
    slow_server: ThreadingHTTPServer,
) -> None:
    app = make(url_of(slow_server))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.7)
        screen = app.screen
        assert isinstance(screen, FetchingScreen)
        assert screen.status_text().startswith("fetching 127.0.0.1 … ")
        assert "esc cancels" in screen.status_text()
        deadline = time.monotonic() + 10
        while not isinstance(app.screen, ReaderScreen) and time.monotonic() < deadline:
            await pilot.pause(0.1)
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.article.title == "Harbour reopens"


async def test_q_cancels_the_fetch_quits_and_says_so(
    slow_server: ThreadingHTTPServer,
) -> None:
    slow_server.delay = 5  # type: ignore[attr-defined]
    url = url_of(slow_server)
    app = make(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("q")
        await pilot.pause()
        # Quit did not wait for the 5 s server: the app ended while it still sends.
        assert not app.is_running
    assert app.return_code == 1
    assert app.exit_message == f"cancelled fetching {url}"
