"""A local HTTP server for tests that load URLs."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextlib.contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """A threaded server on a free local port answering with ``handler``; shut
    down (without waiting for slow requests) when the block ends."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def base_url(httpd: ThreadingHTTPServer) -> str:
    """``http://127.0.0.1:PORT`` of a server from :func:`serving`."""
    return f"http://127.0.0.1:{httpd.server_address[1]}"
