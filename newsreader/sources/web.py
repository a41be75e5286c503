"""Fetching articles over HTTP(S) with the standard library.

Only ``http`` and ``https`` are allowed, both for the URL given and for every
redirect; at most :data:`MAX_REDIRECTS` redirects are followed; each network
operation times out after :data:`TIMEOUT_SECONDS` and the whole download
(connect, headers, redirects and body) after :data:`DEADLINE_SECONDS`; at most
``max_bytes`` are read. Every failure becomes a one-line :class:`SourceError`
naming the URL and the reason.

The total deadline is enforced below http.client: every socket read first
checks the time left and sets the socket timeout to it, so a server that sends
one byte at a time (each read returning quickly) still cannot stretch the
download. Name resolution is the one step it cannot interrupt.
"""

from __future__ import annotations

import functools
import http.client
import io
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import IO, Any

from newsreader import __version__
from newsreader.sources.errors import (
    SourceError,
    too_large_error,
    unsupported_scheme_error,
)
from newsreader.sources.reading import read_capped

ALLOWED_SCHEMES = ("http", "https")
"""URL schemes newsreader opens."""
MAX_REDIRECTS = 5
"""Redirects followed before giving up."""
TIMEOUT_SECONDS = 15.0
"""Timeout of each network operation (connect, each read)."""
DEADLINE_SECONDS = 60.0
"""Limit on the whole download, so a server dripping bytes cannot hang us."""
USER_AGENT = f"newsreader/{__version__} (terminal news reader)"
"""The User-Agent header sent with every request."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successfully downloaded response."""

    data: bytes
    """The body, at most ``max_bytes`` long."""
    url: str
    """The final URL, after redirects."""
    content_type: str
    """The media type, lower case without parameters ("" when not sent)."""
    charset: str | None
    """The charset parameter of ``Content-Type``, if any."""


class _DeadlineExceeded(TimeoutError):
    """The whole download took longer than its deadline."""


class _Deadline:
    """The moment a download must be finished by."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._at = time.monotonic() + seconds

    def expired(self) -> bool:
        """Whether the deadline has passed (a socket timeout set to the time
        left may fire a hair early, hence the small tolerance)."""
        return time.monotonic() >= self._at - 0.01

    def timeout(self) -> float:
        """The timeout for the next network operation: the per-operation
        timeout or the time left, whichever is shorter.

        Raises:
            _DeadlineExceeded: No time is left.
        """
        left = self._at - time.monotonic()
        if left <= 0:
            raise _DeadlineExceeded()
        return min(TIMEOUT_SECONDS, left)


class _DeadlineReader(io.RawIOBase):
    """A socket's byte stream that checks the deadline before every read."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._deadline.timeout())
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """A connected socket whose reader (what http.client reads the status
    line, headers and body from) honours a :class:`_Deadline`."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "r", *args: Any, **kwargs: Any) -> IO[bytes]:
        if mode != "rb":
            raise ValueError(f"unsupported socket file mode {mode!r}")
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def sendall(self, data: Any, *args: Any) -> None:
        self._sock.settimeout(self._deadline.timeout())
        self._sock.sendall(data, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _DeadlineHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection bounded by a :class:`_Deadline` (the connect, and
    every read and write after it)."""

    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        # For HTTPS the next class in line is HTTPSConnection: the TLS socket
        # it makes is the one wrapped here.
        self.timeout = self._deadline.timeout()
        super().connect()
        self.sock = _DeadlineSocket(self.sock, self._deadline)


class _DeadlineHTTPSConnection(_DeadlineHTTPConnection, http.client.HTTPSConnection):
    """An HTTPS connection bounded by a :class:`_Deadline`."""


class _DeadlineHTTPHandler(urllib.request.HTTPHandler):
    """Opens http URLs through :class:`_DeadlineHTTPConnection`."""

    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_DeadlineHTTPConnection, deadline=self._deadline)
        return self.do_open(connection, req)


class _DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    """Opens https URLs through :class:`_DeadlineHTTPSConnection`."""

    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(
            _DeadlineHTTPSConnection, deadline=self._deadline
        )
        return self.do_open(connection, req)


class _RedirectRefused(Exception):
    """A redirect that must not be followed; the message is the reason."""


class _LimitedRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows at most :data:`MAX_REDIRECTS` redirects, only to http(s) URLs."""

    # The stdlib's own loop detection would otherwise fire first with a vaguer
    # message; our counter is the one limit.
    max_repeats = MAX_REDIRECTS + 1
    max_redirections = MAX_REDIRECTS + 1

    def __init__(self) -> None:
        super().__init__()
        self.redirects = 0

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        """Count the redirect and refuse it when over the limit or off http(s)."""
        self.redirects += 1
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        reason = None
        if self.redirects > MAX_REDIRECTS:
            reason = f"more than {MAX_REDIRECTS} redirects"
        elif scheme not in ALLOWED_SCHEMES:
            reason = f"redirected to an unsupported {scheme!r} URL"
        if reason is not None:
            # The stdlib closes the redirect response only when we return.
            fp.close()
            raise _RedirectRefused(reason)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _to_ascii_url(url: str) -> str:
    """Percent-encode non-ASCII characters and IDNA-encode the host.

    http.client only sends ASCII request lines; people paste URLs with accents.
    """
    if url.isascii():
        return url
    parts = urllib.parse.urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.partition(":")
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    safe = "/%:@!$&'()*+,;=?~-._"
    return urllib.parse.urlunsplit(
        (
            parts.scheme,
            f"{userinfo}{at}{host}{colon}{port}",
            urllib.parse.quote(parts.path, safe=safe),
            urllib.parse.quote(parts.query, safe=safe),
            urllib.parse.quote(parts.fragment, safe=safe),
        )
    )


def _reason(error: BaseException) -> str:
    """A short human reason for a network failure."""
    if isinstance(error, urllib.error.HTTPError):
        return f"the server answered HTTP {error.code} {error.reason}".rstrip()
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, BaseException):
            return _reason(reason)
        return str(reason)
    if isinstance(error, socket.gaierror):
        return "could not resolve the host name (offline, or a wrong address?)"
    if isinstance(error, TimeoutError):
        return f"no answer within {TIMEOUT_SECONDS:g} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLError):
        return f"secure connection failed ({error.reason or error})"
    if isinstance(error, http.client.HTTPException | ConnectionError):
        return f"the connection broke ({type(error).__name__})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error) or type(error).__name__


def fetch(
    url: str, *, max_bytes: int, deadline_seconds: float = DEADLINE_SECONDS
) -> Fetched:
    """Download ``url``.

    Args:
        url: An ``http://`` or ``https://`` URL.
        max_bytes: The largest body accepted.
        deadline_seconds: The limit on the whole download.

    Returns:
        The body and what the server said about it.

    Raises:
        SourceError: Unsupported scheme, network or HTTP failure, too many or
            unsafe redirects, a body larger than ``max_bytes``, or a download
            taking longer than ``deadline_seconds``.
    """
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ALLOWED_SCHEMES:
        raise unsupported_scheme_error(scheme)
    deadline = _Deadline(deadline_seconds)
    opener = urllib.request.build_opener(
        _LimitedRedirectHandler(),
        _DeadlineHTTPHandler(deadline),
        _DeadlineHTTPSHandler(deadline),
    )
    try:
        request = urllib.request.Request(
            _to_ascii_url(url),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": (
                    "text/html,application/xhtml+xml,text/markdown;q=0.9,"
                    "text/plain;q=0.9,*/*;q=0.5"
                ),
            },
        )
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise too_large_error(url, int(length), max_bytes)
            data = read_capped(response, url, max_bytes)
            headers = response.headers
            final_url = response.geturl()
    except SourceError:
        raise
    except _RedirectRefused as error:
        raise SourceError(f"{url}: cannot open: {error}") from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        if deadline.expired():
            raise SourceError(
                f"{url}: cannot open: the download took longer than "
                f"{deadline_seconds:g} s"
            ) from error
        # URLError and HTTPError are OSErrors; ValueError covers malformed URLs
        # and UnicodeError (a ValueError) host names IDNA cannot encode.
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        raise SourceError(f"{url}: cannot open: {_reason(error)}") from error
    return Fetched(
        data=data,
        url=final_url,
        content_type=headers.get_content_type().lower()
        if headers.get("Content-Type")
        else "",
        charset=headers.get_content_charset(),
    )
