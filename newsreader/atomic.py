"""The one way files are written: atomically, never through a special file.

A regular file is written to a temporary file in the destination directory,
flushed to disk and renamed over the target with :func:`os.replace`, so readers
only ever see the old file or the complete new one; on any error the temporary
file is removed and nothing is left behind. An existing file is replaced only
when the caller says so.

Special files are never replaced: a symbolic link, a FIFO, a socket, a block
device or a directory at the target is refused with a one-line reason. A
character device (``/dev/stdout`` on a terminal, ``/dev/null``) and the
process's own descriptors (``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``,
whatever they point at) are opened and written to, not replaced.

Standard library only: every layer may use it.
"""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Final

_OWN_DESCRIPTOR: Final = re.compile(
    r"^/(?:dev/(?:stdout|stderr|fd/\d+)|proc/self/fd/\d+)$"
)
"""Paths naming a descriptor of this process: written to, whatever they are."""

_SPECIAL_KINDS: Final = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISBLK, "a block device"),
)


class WriteError(Exception):
    """A file could not be written; the message is one line for the user."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        """The file that was to be written, when known."""


class TargetExistsError(WriteError):
    """The target file exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists", path)


@functools.cache
def new_file_mode() -> int:
    """The mode a newly created file gets under the process umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _describe(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _encode(path: Path, data: str | bytes) -> bytes:
    if isinstance(data, bytes):
        return data
    try:
        return data.encode("utf-8")
    except UnicodeEncodeError as error:
        raise WriteError(f"cannot write {path}: {error.reason}", path) from error


def _is_written_in_place(path: Path) -> bool:
    """Whether ``path`` is a character device or one of our own descriptors."""
    if _OWN_DESCRIPTOR.match(str(path)):
        return True
    try:
        return stat.S_ISCHR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _refuse_special(path: Path) -> os.stat_result | None:
    """The target's own status (None when it does not exist).

    Raises:
        WriteError: The target is not a regular file.
    """
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise WriteError(f"cannot write {path}: {_describe(error)}", path) from error
    for is_kind, name in _SPECIAL_KINDS:
        if is_kind(status.st_mode):
            raise WriteError(f"{path} is {name}: not replaced", path)
    return status


def _write_in_place(path: Path, data: bytes) -> Path:
    """Write ``data`` into an existing device or descriptor."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as error:
        raise WriteError(f"cannot write {path}: {_describe(error)}", path) from error
    return path


def _sync_directory(directory: Path) -> None:
    """Make a rename durable; a platform that cannot sync directories is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _publish(tmp_name: str, path: Path, *, overwrite: bool) -> None:
    """Rename the finished temporary file to ``path``.

    The target is checked again just before the rename, so a file or special
    file that appeared while writing is neither replaced nor followed.
    """
    if overwrite:
        _refuse_special(path)
    elif os.path.lexists(path):
        raise TargetExistsError(path)
    os.replace(tmp_name, path)


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` (text as UTF-8, bytes as given) to ``path``; returns ``path``.

    The parent directory is created when missing. A regular file keeps its
    permission bits when replaced; a new file gets the umask's default.

    Raises:
        TargetExistsError: ``path`` exists and ``overwrite`` is False.
        WriteError: ``path`` is a special file, or it could not be written (the
            message says why); no file, temporary or final, is left behind.
    """
    path = Path(path)
    return write_atomic_chunks(path, [_encode(path, data)], overwrite=overwrite)


def write_atomic_chunks(
    path: Path, chunks: Iterable[bytes], *, overwrite: bool = False
) -> Path:
    """Write ``chunks`` one after another to ``path``, as :func:`write_atomic`
    does, without holding them all: for outputs larger than memory.

    An exception raised while producing the chunks removes the temporary file
    and propagates (an :class:`OSError` as a :class:`WriteError`).

    Raises:
        TargetExistsError: ``path`` exists and ``overwrite`` is False.
        WriteError: as for :func:`write_atomic`.
    """
    path = Path(path)
    if _is_written_in_place(path):
        return _write_in_place(path, b"".join(chunks))
    existing = _refuse_special(path)
    if existing is not None and not overwrite:
        raise TargetExistsError(path)
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(
            f"cannot create {directory}: {_describe(error)}", path
        ) from error
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise WriteError(
            f"cannot write to {directory}: {_describe(error)}", path
        ) from error
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates the file private (0600); give it the mode a
            # plain new file (or the file it replaces) would have.
            mode = (
                stat.S_IMODE(existing.st_mode)
                if existing is not None
                else new_file_mode()
            )
            os.chmod(tmp_name, mode)
            _publish(tmp_name, path, overwrite=overwrite)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise WriteError(f"cannot write {path}: {_describe(error)}", path) from error
    _sync_directory(directory)
    return path
