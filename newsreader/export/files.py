"""Export file names and atomic writing.

A file is written to a temporary file in the destination directory, flushed to
disk and renamed over the target with :func:`os.replace`, so readers only ever
see the old file or the complete new one; on any error the temporary file is
removed and nothing is left behind. An existing file is replaced only when the
caller says so.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Final

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


class ExportError(Exception):
    """An export could not be written; the message is one line for the user."""


class ExportExistsError(ExportError):
    """The target file exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists")
        self.path = path


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


def target_path(destination: Path, title: str, extension: str) -> Path:
    """Where to write: inside ``destination`` when it is a directory, else it.

    ``destination`` counts as a directory when it exists as one, or when it
    does not exist and has no file extension.
    """
    if destination.is_dir() or (not destination.exists() and not destination.suffix):
        return destination / file_name(title, extension)
    return destination


@functools.cache
def _new_file_mode() -> int:
    """The mode a newly created file gets under the process umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _describe(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def write_atomic(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns ``path``.

    The parent directory is created when missing.

    Raises:
        ExportExistsError: ``path`` exists and ``overwrite`` is False.
        ExportError: The file could not be written (the message says why);
            no file, temporary or final, is left behind.
    """
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    if not overwrite and path.exists():
        raise ExportExistsError(path)
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create {directory}: {_describe(error)}") from error
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise ExportError(f"cannot write to {directory}: {_describe(error)}") from error
    try:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates the file private (0600); give it the mode a
            # plain new file (or the file it replaces) would have.
            try:
                mode = path.stat().st_mode & 0o777
            except OSError:
                mode = _new_file_mode()
            os.chmod(tmp_name, mode)
            if not overwrite and path.exists():
                raise ExportExistsError(path)
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ExportError(f"cannot write {path}: {_describe(error)}") from error
    except UnicodeEncodeError as error:
        raise ExportError(f"cannot write {path}: {error.reason}") from error
    return path
