"""``load_article``: read a path, URL or stdin and dispatch on the format."""

from __future__ import annotations

import re
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal
from urllib.parse import urlsplit

from newsreader.model import Article
from newsreader.sources.decoding import (
    SNIFF_BYTES,
    declared_html_charset,
    decode_bytes,
)
from newsreader.sources.errors import (
    SourceError,
    too_large_error,
    unsupported_scheme_error,
)
from newsreader.sources.html import parse_html
from newsreader.sources.markdown import parse_markdown
from newsreader.sources.parsed import ParsedArticle
from newsreader.sources.plaintext import parse_plain_text
from newsreader.sources.reading import read_capped
from newsreader.sources.text import neutralise_controls, split_paragraphs

Kind = Literal["html", "markdown", "text"]
"""The formats a source can be parsed as."""

STDIN_SOURCE = "-"
"""The ``source`` that means standard input."""
STDIN_LABEL = "standard input"
"""How standard input is named in messages and as a fallback title."""
DEFAULT_MAX_BYTES = 50_000_000
"""The default size limit of an article source."""

URL_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
"""A source matching this is a URL; anything else is a path."""
# "javascript:…", "mailto:…": scheme-like strings that are not existing files.
_SCHEME_LIKE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})

_HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MARKDOWN_MEDIA_TYPES = frozenset({"text/markdown", "text/x-markdown"})
_UNLABELLED_MEDIA_TYPES = frozenset({"", "application/octet-stream"})
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]")


def _looks_like_html(head: str) -> bool:
    """Whether the start of a document is HTML (a tag first, and an html,
    head or body tag or an HTML doctype near the start)."""
    head = head.lstrip("\ufeff \t\r\n\f")[:SNIFF_BYTES].lower()
    return head.startswith("<") and _HTML_START.search(head) is not None


def _now_utc() -> str:
    """The current UTC time, ISO 8601 with seconds precision."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _finish(
    parsed: ParsedArticle,
    *,
    source: str,
    label: str,
    fallback_title: str,
    url: str | None = None,
) -> Article:
    """Turn a parser's result into an :class:`Article`.

    Neutralises control characters in every field (so nothing from the source
    can drive the terminal), refuses an empty article and splits paragraphs.
    """
    text = neutralise_controls(parsed.text)
    if not text.strip():
        raise SourceError(f"{label}: the article is empty")

    def clean(value: str | None) -> str | None:
        return neutralise_controls(value) if value else None

    return Article(
        text=text,
        paragraphs=split_paragraphs(text),
        title=neutralise_controls(parsed.title or fallback_title),
        source=source,
        byline=clean(parsed.byline),
        site=clean(parsed.site),
        published=clean(parsed.published),
        url=clean(url or parsed.url),
        retrieved=_now_utc(),
    )


def _parse(
    data: bytes,
    *,
    label: str,
    kind: Kind | None,
    charset: str | None = None,
    url: str | None = None,
) -> ParsedArticle:
    """Decode ``data`` and parse it as ``kind`` ("html", "markdown", "text"),
    sniffing HTML against plain text when ``kind`` is ``None``."""
    if not data:
        raise SourceError(f"{label}: the article is empty")
    if kind is None:
        # The byte sniff sees ASCII-compatible pages (and their <meta> charset);
        # the text sniff below catches pages in UTF-16.
        head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").decode("latin-1")
        kind = "html" if _looks_like_html(head) else None
    if kind == "html":
        declared = charset or declared_html_charset(data)
        text = decode_bytes(data, label, declared=declared)
    else:
        text = decode_bytes(data, label, declared=charset)
        if kind is None:
            kind = "html" if _looks_like_html(text[:SNIFF_BYTES]) else "text"
    if not text.strip():
        raise SourceError(f"{label}: the article is empty")
    if kind == "html":
        return parse_html(text, label=label, url=url)
    if kind == "markdown":
        return parse_markdown(text)
    return parse_plain_text(text)


def _parse_safely(
    data: bytes,
    *,
    label: str,
    kind: Kind | None,
    charset: str | None = None,
    url: str | None = None,
) -> ParsedArticle:
    """:func:`_parse`, with stray low-level exceptions turned into one line.

    Lower layers (decoders, parsers) are not supposed to raise these, but if
    one does the user still gets a single line, not a traceback.
    """
    try:
        return _parse(data, label=label, kind=kind, charset=charset, url=url)
    except (OSError, ValueError, RecursionError) as error:
        raise SourceError(
            f"{label}: cannot read the article ({type(error).__name__}: {error})"
        ) from error


def _kind_for_suffix(suffix: str) -> Kind | None:
    """The format a file suffix names, or ``None`` to sniff."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def _read_file(path: Path, label: str, source: str, max_bytes: int) -> bytes:
    """Read a file's bytes, turning every failure into a one-line error."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError) as error:
        scheme = _SCHEME_LIKE.match(source)
        if scheme:
            # "javascript:alert(1)" or "mailto:x" is a URL, not a missing file.
            raise unsupported_scheme_error(scheme.group(1).lower()) from error
        raise SourceError(f"{label}: no such file") from error
    except ValueError as error:
        # Path.stat raises ValueError for names with NUL characters.
        raise SourceError(f"{label}: not a valid file name") from error
    except OSError as error:
        raise _read_error(label, error) from error
    if stat.S_ISDIR(info.st_mode):
        raise _read_error(label, IsADirectoryError())
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise too_large_error(label, info.st_size, max_bytes)
    try:
        with path.open("rb") as handle:
            return read_capped(handle, label, max_bytes)
    except OSError as error:
        raise _read_error(label, error) from error


def _read_error(label: str, error: OSError) -> SourceError:
    """One line for a file that exists but cannot be read."""
    if isinstance(error, IsADirectoryError):
        return SourceError(f"{label}: is a directory, not an article file")
    if isinstance(error, PermissionError):
        return SourceError(f"{label}: permission denied")
    return SourceError(f"{label}: cannot read ({error.strerror or error})")


def _load_url(url: str, max_bytes: int, deadline_seconds: float | None) -> Article:
    """Fetch and parse an http(s) article."""
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise unsupported_scheme_error(scheme)
    # Imported here: urllib.request pulls in http.client, email and ssl.
    from newsreader.sources.web import fetch

    if deadline_seconds is None:
        fetched = fetch(url, max_bytes=max_bytes)
    else:
        fetched = fetch(url, max_bytes=max_bytes, deadline_seconds=deadline_seconds)
    path_suffix = PurePosixPath(urlsplit(fetched.url).path).suffix
    media_type = fetched.content_type
    kind: Kind | None
    if media_type in _HTML_MEDIA_TYPES:
        kind = "html"
    elif media_type in _MARKDOWN_MEDIA_TYPES:
        kind = "markdown"
    elif media_type == "text/plain":
        # Raw Markdown files are commonly served as text/plain.
        is_markdown = path_suffix.lower() in MARKDOWN_SUFFIXES
        kind = "markdown" if is_markdown else "text"
    elif media_type in _UNLABELLED_MEDIA_TYPES:
        kind = _kind_for_suffix(path_suffix)
    else:
        raise SourceError(
            f"{url}: cannot open: the server sent {media_type},"
            " not an HTML, Markdown or plain-text page"
        )
    parsed = _parse_safely(
        fetched.data, label=url, kind=kind, charset=fetched.charset, url=fetched.url
    )
    return _finish(parsed, source=url, label=url, fallback_title=url, url=fetched.url)


def load_article(
    source: str,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    deadline_seconds: float | None = None,
) -> Article:
    """Read an article from a file, an http(s) URL or standard input.

    Args:
        source: A path, an ``http://``/``https://`` URL, or ``-`` for stdin. Only
            strings matching ``scheme://`` are URLs; anything else is a path.
        stdin: The stream read for ``-``; defaults to ``sys.stdin.buffer``.
        max_bytes: The largest source accepted, in bytes.
        deadline_seconds: The limit on a whole download (connect, headers and
            body); ``None`` means :data:`newsreader.sources.web.DEADLINE_SECONDS`.

    Returns:
        The article, with control characters neutralised in every field.

    Raises:
        SourceError: The source cannot be read or holds no article; its message
            is one line meant for the user.
    """
    if source == STDIN_SOURCE:
        label = STDIN_LABEL
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise SourceError(f"{label}: is not available")
        try:
            data = read_capped(stream, label, max_bytes)
        except (OSError, ValueError) as error:
            # ValueError: reading a closed stream.
            raise SourceError(f"{label}: cannot read ({error})") from error
        parsed = _parse_safely(data, label=label, kind=None)
        return _finish(parsed, source=source, label=label, fallback_title=label)

    if URL_PATTERN.match(source):
        return _load_url(source, max_bytes, deadline_seconds)

    label = source
    path = Path(source)
    data = _read_file(path, label, source, max_bytes)
    parsed = _parse_safely(data, label=label, kind=_kind_for_suffix(path.suffix))
    return _finish(
        parsed, source=source, label=label, fallback_title=path.stem or source
    )
