"""A SQLite file opened safely: WAL, versioned migrations, corruption recovery.

:class:`SafeDatabase` holds the opening rules every newsreader database
follows (the bookmark store and the quote archive):

* The schema is versioned with ``PRAGMA user_version`` and migrated forward in
  one ``BEGIN IMMEDIATE`` transaction, so two processes never both migrate; a
  file written by a newer schema is left untouched.
* WAL mode, ``synchronous=FULL`` and a busy timeout: readers never wait for
  writers, concurrent writers queue, committed work survives a crash.
* One short-lived connection per transaction, so a database object can be
  shared between threads and processes.
* A file that is not SQLite or fails ``PRAGMA quick_check`` when first opened
  is renamed ``NAME.corrupt-<timestamp>`` (under a file lock, so only one
  process does it) and a fresh database is created; :attr:`notice` says where
  the old one went.
* An unwritable directory falls back to reading an existing file; every
  failure is raised as the caller's one-line error class.

Rows come back as :class:`sqlite3.Row` (access by column name). Standard
library only; nothing touches the disk until the first transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Final, Literal
from urllib.parse import quote as url_quote

BUSY_TIMEOUT_MS: Final = 5000
"""How long a write waits for another process's write to finish."""

DatabaseStatus = Literal["unopened", "ok", "read-only", "unavailable"]
"""Whether the database has been opened, and what it can do."""

Migration = Sequence[str]
"""The statements taking a database from one schema version to the next."""


def one_line(text: object) -> str:
    """``text`` with every run of whitespace collapsed to one space."""
    return " ".join(str(text).split())


def _error_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(error: sqlite3.Error) -> bool:
    """Whether ``error`` says the file is damaged or not a database."""
    if _error_code(error) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


def _is_unwritable(error: sqlite3.Error) -> bool:
    if _error_code(error) in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
        return True
    message = str(error).lower()
    return (
        "readonly" in message or "read-only" in message or "unable to open" in message
    )


def describe(error: BaseException) -> str:
    """A one-line description of an OS or SQLite error."""
    if isinstance(error, OSError):
        return error.strerror or one_line(error) or type(error).__name__
    return one_line(error) or type(error).__name__


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``path`` (a no-op where ``fcntl`` is missing)."""
    try:
        import fcntl
    except ImportError:  # Windows: the rename is the only guard.
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _Unwritable(Exception):
    """The database or its directory cannot be written."""


class _Corrupt(Exception):
    """``PRAGMA quick_check`` found damage."""


class SafeDatabase:
    """One SQLite file with the opening and transaction rules above."""

    def __init__(
        self,
        path: Path,
        *,
        label: str,
        migrations: Sequence[Migration],
        probe_table: str,
        error: Callable[[str], Exception],
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        plural: bool = False,
        unavailable_hint: str = "",
    ) -> None:
        """Describe the database; nothing is read or written yet.

        Args:
            path: The database file.
            label: What the file holds, capitalised, for messages ("Archive").
            migrations: ``migrations[n]`` takes the schema from version n to n+1.
            probe_table: A table read to check a read-only file is usable.
            error: Builds the exception raised for every failure (one line).
            busy_timeout_ms: How long a write waits for another writer.
            plural: Whether ``label`` reads as a plural ("Bookmarks are busy").
            unavailable_hint: Added to the message when there is no file to
                fall back to reading ("reading works, bookmarks are off").
        """
        self.path = path
        """The database file."""
        self.label = label
        self.migrations = tuple(tuple(m) for m in migrations)
        self.schema_version = len(self.migrations)
        """The schema version this code reads and writes."""
        self.probe_table = probe_table
        self.busy_timeout_ms = busy_timeout_ms
        self._is = "are" if plural else "is"
        self._unavailable_hint = f"; {unavailable_hint}" if unavailable_hint else ""
        self.status: DatabaseStatus = "unopened"
        """``unopened`` until the first call, then ``ok``, ``read-only`` or
        ``unavailable``."""
        self.notice: str | None = None
        """One line for the user about what happened when the file was opened
        (a corrupt file moved aside, a read-only directory), else None."""
        self._make_error = error
        self._failure: str | None = None
        self._uri = ""
        self._lock = threading.Lock()

    # -- opening -----------------------------------------------------------------

    def open(self) -> None:
        """Open (create, migrate or recover) the database if not done yet.

        Raises:
            Exception: the caller's error class; the store is unavailable.
        """
        if self.status in ("ok", "read-only"):
            return
        with self._lock:
            if self.status in ("ok", "read-only"):
                return
            if self._failure is not None:
                raise self._make_error(self._failure)
            try:
                self._open_writable()
            except _Unwritable as reason:
                self._open_read_only(str(reason))

    def _fail(self, message: str) -> Exception:
        self.status = "unavailable"
        self._failure = message
        self.notice = message
        return self._make_error(message)

    def _open_writable(self, *, recovered: bool = False) -> None:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _Unwritable(
                f"cannot create {path.parent} ({describe(error)})"
            ) from error
        self._uri = f"file:{url_quote(str(path))}?mode=rwc"
        try:
            self._initialise()
        except sqlite3.Error as error:
            if is_corruption(error) and not recovered:
                self._move_aside(describe(error))
                self._open_writable(recovered=True)
                return
            if _is_unwritable(error):
                raise _Unwritable(
                    f"{path} cannot be written ({describe(error)})"
                ) from error
            raise self._fail(
                f"{self.label} unavailable: {path}: {describe(error)}"
            ) from error
        except _Corrupt as error:
            if recovered:
                raise self._fail(
                    f"{self.label} unavailable: a new database at {path} failed "
                    f"its check ({error})"
                ) from error
            self._move_aside(str(error))
            self._open_writable(recovered=True)
            return
        self.status = "ok"

    def _initialise(self) -> None:
        with contextlib.closing(self._connect()) as conn:
            self._check_version(conn)  # a newer file is not touched at all
            self._set_wal(conn)
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = self._check_version(conn)
                for number in range(version, self.schema_version):
                    for statement in self.migrations[number]:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise _Corrupt(one_line(result[0] if result else "quick_check failed"))

    def _set_wal(self, conn: sqlite3.Connection) -> None:
        """Switch to WAL, retrying while another process holds a lock (changing
        the journal mode does not wait on the busy timeout)."""
        deadline = time.monotonic() + self.busy_timeout_ms / 1000
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as error:
                message = str(error).lower()
                retryable = "locked" in message or "busy" in message
                if not retryable or time.monotonic() >= deadline:
                    raise
                time.sleep(0.02)

    def _check_version(self, conn: sqlite3.Connection) -> int:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > self.schema_version:
            raise self._fail(
                f"{self.label} unavailable: {self.path} was written by a newer "
                f"newsreader (schema {version}, this one reads "
                f"{self.schema_version}); it was left untouched"
            )
        return version

    def _open_read_only(self, reason: str) -> None:
        path = self.path
        if not path.is_file():
            raise self._fail(
                f"{self.label} unavailable: {reason}{self._unavailable_hint}"
            )
        quoted = url_quote(str(path))
        # ``mode=ro`` needs the WAL index or a writable directory; ``immutable``
        # reads a cleanly closed file in a read-only directory as it is.
        for uri in (f"file:{quoted}?mode=ro", f"file:{quoted}?mode=ro&immutable=1"):
            self._uri = uri
            try:
                with contextlib.closing(self._connect()) as conn:
                    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                    conn.execute(f"SELECT count(*) FROM {self.probe_table}").fetchone()
            except sqlite3.Error:
                continue
            if version != self.schema_version:
                raise self._fail(
                    f"{self.label} unavailable: {reason}, and {path} needs an "
                    "upgrade that cannot be written"
                )
            self.status = "read-only"
            self.notice = f"{self.label} {self._is} read-only: {reason}"
            return
        raise self._fail(f"{self.label} unavailable: {reason}{self._unavailable_hint}")

    def _move_aside(self, reason: str) -> None:
        """Rename a corrupt database (and its WAL) with a timestamp."""
        path = self.path
        target = path
        try:
            with _file_lock(path.with_name(path.name + ".lock")):
                if not self._still_corrupt():
                    return  # another process recovered it meanwhile
                stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
                target = path.with_name(f"{path.name}.corrupt-{stamp}")
                counter = 1
                while target.exists():
                    target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
                    counter += 1
                path.replace(target)
                wal = path.with_name(path.name + "-wal")
                if wal.exists():
                    wal.replace(target.with_name(target.name + "-wal"))
                shm = path.with_name(path.name + "-shm")
                if shm.exists():
                    shm.unlink()
        except OSError as error:
            raise self._fail(
                f"{self.label} unavailable: {path} is damaged ({reason}) and could "
                f"not be moved aside ({describe(error)})"
            ) from error
        self.notice = (
            f"The {self.label.lower()} database was damaged ({reason}); it was "
            f"moved to {target} and a new one was started"
        )

    def _still_corrupt(self) -> bool:
        if not self.path.exists():
            return False
        try:
            with contextlib.closing(self._connect()) as conn:
                row = conn.execute("PRAGMA quick_check").fetchone()
        except sqlite3.Error as error:
            return is_corruption(error)
        return row is None or row[0] != "ok"

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self._uri,
            uri=True,
            timeout=self.busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
        return conn

    # -- transactions ------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, write: bool) -> Iterator[sqlite3.Connection]:
        """One short transaction on a fresh connection.

        SQLite errors become the caller's error class with a one-line message;
        a write to a read-only database is refused the same way.
        """
        self.open()
        if write and self.status != "ok":
            raise self._make_error(self.notice or f"{self.label} {self._is} read-only")
        try:
            conn = self._connect()
        except sqlite3.Error as error:
            raise self._make_error(
                f"{self.label}: cannot open {self.path}: {describe(error)}"
            ) from error
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(conn)
            if is_corruption(error):
                with self._lock:
                    self.status = "unopened"  # re-check (and recover) next time
            raise self._make_error(self._explain(error)) from error
        except BaseException:
            _rollback(conn)
            raise
        finally:
            conn.close()

    def _explain(self, error: sqlite3.Error) -> str:
        code = _error_code(error)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return (
                f"{self.label} {self._is} busy (another newsreader is writing); "
                "try again"
            )
        if is_corruption(error):
            return f"The {self.label.lower()} database is damaged ({describe(error)})"
        if _is_unwritable(error) or code == sqlite3.SQLITE_FULL:
            return f"{self.label} could not be saved: {describe(error)}"
        return f"{self.label}: {describe(error)}"


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


__all__ = ["BUSY_TIMEOUT_MS", "DatabaseStatus", "SafeDatabase", "describe", "one_line"]
