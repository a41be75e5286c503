"""The one exception type that :mod:`newsreader.sources` lets escape, and
builders for the messages several modules share."""

from __future__ import annotations

from newsreader.safe_text import printable


class SourceError(Exception):
    """An article could not be read.

    ``str(error)`` is a single user-facing line such as
    ``"notes.png: looks like a binary file, not an article"``; the CLI prints it
    as ``newsreader: <message>`` and exits with status 1, so it must never
    contain a traceback, a newline or internal jargon.
    """

    def __init__(self, message: str) -> None:
        # One line even if a lower layer's reason spans several, and no control
        # characters: messages quote user input (paths, URLs) that may hold ESC.
        super().__init__(printable(" ".join(message.split())))


def unsupported_scheme_error(scheme: str) -> SourceError:
    """The error for a URL newsreader will not open."""
    return SourceError(
        f"unsupported URL scheme {scheme!r}: only http and https URLs can be opened"
    )


def format_size(size: int) -> str:
    """A byte count for people: ``"12.5 MB"``, ``"3 kB"``, ``"100 bytes"``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f}".removesuffix(".0") + " kB"
    return f"{size} bytes"


def too_large_error(label: str, size: int | None, limit: int) -> SourceError:
    """The error for a source bigger than ``limit`` bytes (``size`` if known)."""
    actual = format_size(size) if size is not None else f"over {format_size(limit)}"
    return SourceError(
        f"{label}: is too large ({actual}; the limit is {format_size(limit)})"
    )
