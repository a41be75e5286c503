"""Reading a byte stream with a size cap."""

from __future__ import annotations

from typing import IO

from newsreader.sources.errors import too_large_error

CHUNK = 65536
"""Bytes read per call."""


def read_capped(stream: IO[bytes], label: str, max_bytes: int) -> bytes:
    """Read ``stream`` to its end.

    Downloads bound their time below this (see :mod:`newsreader.sources.web`):
    a blocking ``read`` here may wait for a whole chunk.

    Raises:
        SourceError: more than ``max_bytes`` arrive.
    """
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
    return b"".join(chunks)
