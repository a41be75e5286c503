"""Reading a byte stream with a size cap (and, for downloads, a time limit)."""

from __future__ import annotations

import time
from typing import IO

from newsreader.sources.errors import SourceError, too_large_error

CHUNK = 65536
"""Bytes read per call."""


def read_capped(
    stream: IO[bytes],
    label: str,
    max_bytes: int,
    *,
    deadline_seconds: float | None = None,
) -> bytes:
    """Read ``stream`` to its end.

    Raises:
        SourceError: more than ``max_bytes`` arrive, or reading takes longer than
            ``deadline_seconds`` (a server sending bytes very slowly).
    """
    deadline = None if deadline_seconds is None else time.monotonic() + deadline_seconds
    chunks: list[bytes] = []
    received = 0
    while True:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - received))
        if not chunk:
            break
        chunks.append(chunk)
        received += len(chunk)
        if received > max_bytes:
            raise too_large_error(label, None, max_bytes)
        if deadline is not None and time.monotonic() > deadline:
            raise SourceError(
                f"{label}: the download took longer than {deadline_seconds:g} seconds"
            )
    return b"".join(chunks)
