"""Export file names and where an export goes.

Files are written by :func:`newsreader.atomic.write_atomic`, re-exported here
with its errors under their export names.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Final

from newsreader.atomic import TargetExistsError, WriteError, write_atomic

__all__ = [
    "ExportError",
    "ExportExistsError",
    "file_name",
    "slugify",
    "target_path",
    "write_atomic",
]

ExportError = WriteError
"""An export could not be written; the message is one line for the user."""

ExportExistsError = TargetExistsError
"""The target file exists and overwriting was not asked for."""

SLUG_MAX: Final = 80
"""Longest slug, in characters (file names stay well under 255 bytes)."""

FALLBACK_SLUG: Final = "quotes"
"""Slug of a title with no letters or digits."""

_RESERVED: Final = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(10)}
    | {f"lpt{n}" for n in range(10)}
)
"""Names Windows refuses as file names, whatever the extension."""

_NOT_WORD: Final = re.compile(r"[^\w]+|_+")


def slugify(title: str, *, limit: int = SLUG_MAX) -> str:
    """A safe file-name stem from ``title``: lower-case words joined by ``-``.

    Accents are dropped (``é`` → ``e``); letters of other scripts are kept;
    everything else (slashes, dots, quotes, emoji, control characters) separates
    words. Never empty, never starting with a dot, never a reserved name.
    """
    decomposed = unicodedata.normalize("NFKD", title)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = [w for w in _NOT_WORD.split(unicodedata.normalize("NFC", stripped)) if w]
    slug = "-".join(words).lower()
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
    slug = slug.strip("-") or FALLBACK_SLUG
    if slug in _RESERVED:
        slug = f"{slug}-{FALLBACK_SLUG}"
    return slug


def file_name(title: str, extension: str) -> str:
    """``<slug of title>.<extension>``."""
    return f"{slugify(title)}.{extension}"


def target_path(destination: str | Path, title: str, extension: str) -> Path:
    """The file an export to ``destination`` writes.

    ``destination`` is a directory when it exists as one or when its text ends
    in a path separator (the caller's writer creates it); the file inside is
    then named from the title (:func:`file_name`). Anything else is the file
    itself: ``notes`` is a file named ``notes``, ``out.txt`` a file. A leading
    ``~`` is expanded.
    """
    text = os.fspath(destination)
    path = Path(text).expanduser()
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if text.endswith(separators) or path.is_dir():
        return path / file_name(title, extension)
    return path
