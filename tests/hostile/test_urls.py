"""A download has a total deadline that a server dripping bytes cannot stretch.

Each read returning a byte quickly used to reset the per-operation timeout, and
a read waited for a whole 64 KiB chunk before the deadline was looked at, so a
server sending one byte every 0.2 s held the reader for as long as it liked.
"""

from __future__ import annotations

import http.server
import time
from collections.abc import Iterator

import pytest

from newsreader.sources import SourceError, load_article
from tests.support.local_http import base_url, serving

DRIP_INTERVAL = 0.2


class _DripHandler(http.server.BaseHTTPRequestHandler):
    """``/body``: headers at once, then the body one byte at a time.
    ``/headers``: the status line, then the headers one byte at a time.
    ``/big``: a body larger than the size cap, at full speed."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    dripped = 0
    """Bytes dripped so far (all routes); the test reads it when the load fails."""

    def _drip(self, data: bytes) -> None:
        try:
            for index in range(len(data)):
                type(self).dripped += 1
                self.wfile.write(data[index : index + 1])
                self.wfile.flush()
                time.sleep(DRIP_INTERVAL)
        except OSError:
            pass  # the client gave up, as it should

    def do_GET(self) -> None:
        """Serve the route named by the path."""
        body = b"Slow news\n\n" + b"x" * 200
        if self.path == "/body":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            self._drip(body)
        elif self.path == "/headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._drip(b"X-Padding: " + b"y" * 100 + b"\r\n\r\n")
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"Big\n\n" + b"z" * 5000)


@pytest.fixture
def server() -> Iterator[str]:
    """Base URL of a local server running :class:`_DripHandler`."""
    with serving(_DripHandler) as httpd:
        yield base_url(httpd)


@pytest.mark.parametrize("route", ["/body", "/headers"])
def test_dripping_server_hits_the_total_deadline(server: str, route: str) -> None:
    url = f"{server}{route}"
    _DripHandler.dripped = 0
    with pytest.raises(SourceError) as caught:
        load_article(url, deadline_seconds=1.0)
    # The whole response takes 20-40 s to drip; the reader gave up long before.
    assert _DripHandler.dripped < 50
    assert str(caught.value) == (
        f"{url}: cannot open: the download took longer than 1 s"
    )


def test_size_cap_still_applies_within_the_deadline(server: str) -> None:
    url = f"{server}/big"
    with pytest.raises(SourceError) as caught:
        load_article(url, max_bytes=1000, deadline_seconds=5.0)
    assert str(caught.value) == (f"{url}: is too large (over 1 kB; the limit is 1 kB)")
