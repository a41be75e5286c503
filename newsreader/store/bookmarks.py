"""Bookmarks and the local library, in one SQLite database.

Each article the reader opens or bookmarks is stored once per version of its
text, keyed by the SHA-256 of :attr:`~newsreader.model.Article.text`, together
with a snapshot of that text and its paragraph spans. Every offset stored here
(reading positions, bookmarked quotes) points into that snapshot, so a bookmark
reopens offline with valid offsets even when the source file has gone or the
web page has changed. When a source's text changes, the new text is a new
version with its own entry; the old snapshot and its bookmark are kept.

The file is opened by :class:`~newsreader.store.sqlite_safe.SafeDatabase`:
``user_version`` migrations in one ``BEGIN IMMEDIATE`` transaction, WAL with
``synchronous=FULL``, one short-lived connection per call (the reader calls the
store from worker threads), a corrupt file moved aside as
``bookmarks.sqlite3.corrupt-<timestamp>`` (:attr:`BookmarkStore.notice` says
where), and a read-only fallback for an unwritable data directory (existing
bookmarks can still be listed and opened). No operation raises anything but
:class:`BookmarkStoreError`, whose message is one line.

Nothing happens at import time, and nothing touches the disk until the first
call. This module imports the standard library, :mod:`newsreader.model` and
the store's own helpers only.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from newsreader.model import Article, Span, content_sha256
from newsreader.store import locations
from newsreader.store.sqlite_safe import BUSY_TIMEOUT_MS, DatabaseStatus, SafeDatabase

DB_NAME: Final = "bookmarks.sqlite3"
"""File name of the database in the data directory."""

HISTORY_LIMIT: Final = 200
"""Recently opened articles kept; older entries are pruned."""

MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    # Version 1: article snapshots and one bookmark per article version.
    (
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            byline TEXT,
            site TEXT,
            published TEXT,
            url TEXT,
            retrieved TEXT,
            text TEXT NOT NULL,
            paragraphs TEXT NOT NULL,
            created TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE bookmarks (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL UNIQUE
                REFERENCES articles (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            marked TEXT NOT NULL DEFAULT '[]',
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )
        """,
    ),
    # Version 2: notes, quote counts, single-quote bookmarks, reading history.
    (
        "ALTER TABLE bookmarks ADD COLUMN note TEXT",
        "ALTER TABLE articles ADD COLUMN quote_count INTEGER",
        """
        CREATE TABLE quote_bookmarks (
            id INTEGER PRIMARY KEY,
            bookmark_id INTEGER NOT NULL
                REFERENCES bookmarks (id) ON DELETE CASCADE,
            quote_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            created TEXT NOT NULL,
            UNIQUE (bookmark_id, quote_id)
        )
        """,
        """
        CREATE TABLE history (
            article_id INTEGER PRIMARY KEY
                REFERENCES articles (id) ON DELETE CASCADE,
            opened TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0
        )
        """,
        "CREATE INDEX history_by_opened ON history (opened)",
        "CREATE INDEX articles_by_source ON articles (source)",
    ),
    # Version 3: the reading state a bookmark resumes beyond position and marks.
    (
        "ALTER TABLE bookmarks ADD COLUMN current_quote TEXT",
        "ALTER TABLE bookmarks ADD COLUMN speaker_filter TEXT",
    ),
    # Version 4: the reporter's reviews of quotes (see newsreader.store.reviews),
    # keyed by article text and the quote's machine span; not tied to a
    # snapshot row, so forgetting an article never drops its reviews.
    (
        """
        CREATE TABLE reviews (
            sha256 TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            verified INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            speaker TEXT,
            anonymous INTEGER NOT NULL DEFAULT 0,
            span_start INTEGER,
            span_end INTEGER,
            note TEXT,
            machine_speaker TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (sha256, start, "end")
        )
        """,
    ),
)
"""Schema migrations; ``MIGRATIONS[n]`` takes the database from version n to n+1."""

SCHEMA_VERSION: Final = len(MIGRATIONS)
"""The schema version this code reads and writes."""

StoreStatus = DatabaseStatus
"""Whether the store has been opened, and what it can do."""


class BookmarkStoreError(Exception):
    """A bookmark operation failed; ``str(error)`` is one line for the user."""


# -- data ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteBookmark:
    """One quote bookmarked on its own."""

    id: int
    """Numeric id of the quote bookmark."""
    quote_id: str
    """The quote's id (``Quote.id``) in the article version."""
    span: Span
    """The quote's offsets in the snapshot text."""
    text: str
    """The quote as it appears in the snapshot."""
    created: str
    """ISO 8601 UTC time it was bookmarked."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmarked article version (without its text: see
    :meth:`BookmarkStore.article_from_bookmark`)."""

    id: int
    """Numeric id, shown by ``newsreader bookmarks list``."""
    sha256: str
    """SHA-256 of the snapshot text (``Article.sha256``)."""
    source: str
    """Where the article came from: a path, a URL or ``-``."""
    title: str
    byline: str | None
    site: str | None
    published: str | None
    url: str | None
    retrieved: str | None
    position: int
    """Reading position: a character offset into the snapshot text."""
    marked_quote_ids: tuple[str, ...]
    """Ids of the quotes marked for export, in marking order."""
    note: str | None
    created: str
    """ISO 8601 UTC time the bookmark was made."""
    updated: str
    """ISO 8601 UTC time of the last change (position, marks, note)."""
    quote_count: int | None = None
    """Quotes found in the article, when it had been annotated."""
    quotes: tuple[QuoteBookmark, ...] = ()
    """Quotes bookmarked on their own, in text order."""
    text_length: int = 0
    """Length of the snapshot text in characters."""
    current_quote_id: str | None = None
    """The quote that was current when the bookmark was saved."""
    speaker_filter: str | None = None
    """The speaker whose quotes alone were shown, if any."""


@dataclass(frozen=True, slots=True)
class MarkChanges:
    """Marks made and removed by one reader since it last read the bookmark.

    Applied to the stored marks in one transaction, so marks another reader
    stored meanwhile are kept (merged per quote id) rather than overwritten.
    """

    mark: tuple[str, ...] = ()
    """Quote ids to add (after the stored ones, in this order)."""
    unmark: tuple[str, ...] = ()
    """Quote ids to remove."""

    def __bool__(self) -> bool:
        return bool(self.mark or self.unmark)

    def apply(self, stored: Iterable[str]) -> tuple[str, ...]:
        """``stored`` without :attr:`unmark`, then :attr:`mark` not yet there."""
        removed = set(self.unmark)
        kept = dict.fromkeys(i for i in stored if i not in removed)
        kept.update(dict.fromkeys(i for i in self.mark if i not in removed))
        return tuple(kept)


@dataclass(frozen=True, slots=True)
class ReadingFocus:
    """The current quote and speaker filter a bookmark resumes."""

    current_quote_id: str | None = None
    speaker_filter: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A recently opened article version."""

    sha256: str
    source: str
    title: str
    site: str | None
    published: str | None
    url: str | None
    opened: str
    """ISO 8601 UTC time it was last opened."""
    position: int
    """Where the reader was when it last left the article."""
    quote_count: int | None
    bookmark_id: int | None
    """The id of the article version's bookmark, if it has one."""


# -- helpers --------------------------------------------------------------------


def default_db_path() -> Path:
    """``bookmarks.sqlite3`` in the user data directory."""
    return locations.data_dir() / DB_NAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dedupe(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(i) for i in ids))


def _paragraphs_json(paragraphs: Sequence[Span]) -> str:
    return json.dumps([[p.start, p.end] for p in paragraphs], separators=(",", ":"))


def _marks_json(ids: Iterable[str]) -> str:
    return json.dumps(list(ids))


def _clamp(position: int, length: int) -> int:
    """``position`` moved into ``0..length``."""
    return min(max(int(position), 0), length)


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _marks_from_json(raw: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return _dedupe(v for v in value if isinstance(v, str))


# -- the store ------------------------------------------------------------------

_BOOKMARK_COLUMNS: Final = """
    b.id AS id, a.sha256 AS sha256, a.source AS source, a.title AS title,
    a.byline AS byline, a.site AS site, a.published AS published, a.url AS url,
    a.retrieved AS retrieved, b.position AS position, b.marked AS marked,
    b.note AS note, b.created AS created, b.updated AS updated,
    a.quote_count AS quote_count, length(a.text) AS text_length,
    b.current_quote AS current_quote, b.speaker_filter AS speaker_filter
"""


class BookmarkStore:
    """Bookmarks, quote bookmarks and reading history in a SQLite file.

    Every public method opens the database on first use (creating, migrating or
    recovering it as needed), runs one short transaction on a connection of its
    own and closes it, so the store is safe to share between threads and
    processes.
    """

    def __init__(
        self, db_path: Path | None = None, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> None:
        """Describe the store; nothing is read or written until the first call.

        Args:
            db_path: The database file (default: ``bookmarks.sqlite3`` in the
                user data directory).
            busy_timeout_ms: How long a write waits for another writer.
        """
        self.db = SafeDatabase(
            db_path if db_path is not None else default_db_path(),
            label="Bookmarks",
            plural=True,
            migrations=MIGRATIONS,
            probe_table="bookmarks",
            error=BookmarkStoreError,
            busy_timeout_ms=busy_timeout_ms,
            unavailable_hint="reading works, bookmarks are off",
        )

    @property
    def db_path(self) -> Path:
        """The database file."""
        return self.db.path

    @property
    def status(self) -> StoreStatus:
        """``unopened`` until the first call, then ``ok``, ``read-only`` or
        ``unavailable``."""
        return self.db.status

    @property
    def notice(self) -> str | None:
        """One line for the user about what happened when the store opened (a
        corrupt file moved aside, a read-only directory), else None."""
        return self.db.notice

    def open(self) -> None:
        """Open (create, migrate or recover) the database if not done yet.

        Raises:
            BookmarkStoreError: The store is unavailable; the message says why.
        """
        self.db.open()

    def transaction(
        self, *, write: bool
    ) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One short transaction on this database for a companion store (the
        reviews): same file, same opening, recovery and one-line errors."""
        return self.db.transaction(write=write)

    def _execute(
        self, sql: str, params: tuple[Any, ...], *, drop_orphans: bool = False
    ) -> bool:
        """Run one write statement in its own transaction; whether it changed a
        row. With ``drop_orphans``, unreferenced snapshots go when it did."""
        with self.db.transaction(write=True) as conn:
            changed = conn.execute(sql, params).rowcount > 0
            if changed and drop_orphans:
                self._drop_orphans(conn)
        return changed

    def _fetch_one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        """The first row of one query in a read transaction (None if none)."""
        with self.db.transaction(write=False) as conn:
            return conn.execute(sql, params).fetchone()

    def _fetch_all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        """Every row of one query in a read transaction."""
        with self.db.transaction(write=False) as conn:
            return conn.execute(sql, params).fetchall()

    # -- articles ------------------------------------------------------------

    def _article_id(
        self, conn: sqlite3.Connection, article: Article, quote_count: int | None
    ) -> int:
        """The row id of ``article``'s version, inserting its snapshot if new."""
        row = conn.execute(
            "SELECT id FROM articles WHERE sha256 = ?", (article.sha256,)
        ).fetchone()
        if row is not None:
            if quote_count is not None:
                conn.execute(
                    "UPDATE articles SET quote_count = ? WHERE id = ?",
                    (quote_count, row["id"]),
                )
            return int(row["id"])
        if content_sha256(article.text) != article.sha256:
            raise BookmarkStoreError("Bookmarks: the article's hash does not match")
        cursor = conn.execute(
            """
            INSERT INTO articles (sha256, source, title, byline, site, published,
                                  url, retrieved, text, paragraphs, quote_count,
                                  created)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                article.sha256,
                article.source,
                article.title,
                article.byline,
                article.site,
                article.published,
                article.url,
                article.retrieved,
                article.text,
                _paragraphs_json(article.paragraphs),
                quote_count,
                _now(),
            ),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    @staticmethod
    def _drop_orphans(conn: sqlite3.Connection) -> None:
        conn.execute(
            """
            DELETE FROM articles
            WHERE id NOT IN (SELECT article_id FROM bookmarks)
              AND id NOT IN (SELECT article_id FROM history)
            """
        )

    def snapshot(self, sha256: str) -> Article | None:
        """The stored version of an article, rebuilt as an :class:`Article`.

        Raises:
            BookmarkStoreError: The stored row is inconsistent (text and hash or
                paragraph spans disagree).
        """
        row = self._fetch_one(
            """
            SELECT text, paragraphs, title, source, byline, site, published,
                   url, retrieved, sha256
            FROM articles WHERE sha256 = ?
            """,
            (sha256,),
        )
        if row is None:
            return None
        text, title = str(row["text"]), row["title"]
        if content_sha256(text) != row["sha256"]:
            raise BookmarkStoreError(
                f"Bookmarks: the stored text of {title!r} does not match its hash"
            )
        try:
            spans = tuple(
                Span(int(s), int(e)) for s, e in json.loads(row["paragraphs"])
            )
        except (ValueError, TypeError) as error:
            raise BookmarkStoreError(
                f"Bookmarks: the paragraphs of {title!r} are unreadable"
            ) from error
        if any(span.end > len(text) for span in spans):
            raise BookmarkStoreError(
                f"Bookmarks: the paragraphs of {title!r} run past its text"
            )
        return Article(
            text=text,
            paragraphs=spans,
            title=title,
            source=row["source"],
            byline=row["byline"],
            site=row["site"],
            published=row["published"],
            url=row["url"],
            retrieved=row["retrieved"],
            sha256=row["sha256"],
        )

    def article_from_bookmark(self, bookmark: Bookmark | HistoryEntry | int) -> Article:
        """The article a bookmark (or history entry, or bookmark id) was made on.

        Rebuilt from the snapshot, so it opens offline and its offsets match
        the bookmark's position and quotes.

        Raises:
            BookmarkStoreError: No such bookmark or snapshot.
        """
        if isinstance(bookmark, int):
            found = self.get(bookmark)
            if found is None:
                raise BookmarkStoreError(f"No bookmark with id {bookmark}")
            bookmark = found
        article = self.snapshot(bookmark.sha256)
        if article is None:
            raise BookmarkStoreError(f"The text of {bookmark.title!r} is not stored")
        return article

    # -- bookmarks -------------------------------------------------------------

    def _bookmarks_where(
        self, conn: sqlite3.Connection, where: str, params: tuple[Any, ...]
    ) -> list[Bookmark]:
        rows = conn.execute(
            f"""
            SELECT {_BOOKMARK_COLUMNS}
            FROM bookmarks b JOIN articles a ON a.id = b.article_id
            {where}
            """,
            params,
        ).fetchall()
        if not rows:
            return []
        ids = [int(row["id"]) for row in rows]
        quotes: dict[int, list[QuoteBookmark]] = {}
        placeholders = ",".join("?" * len(ids))
        for qrow in conn.execute(
            f"""
            SELECT q.bookmark_id AS bookmark_id, q.id AS id, q.quote_id AS quote_id,
                   q.start AS start, q."end" AS "end",
                   substr(a.text, q.start + 1, q."end" - q.start) AS text,
                   q.created AS created
            FROM quote_bookmarks q
            JOIN bookmarks b ON b.id = q.bookmark_id
            JOIN articles a ON a.id = b.article_id
            WHERE q.bookmark_id IN ({placeholders})
            ORDER BY q.start, q.id
            """,
            ids,
        ):
            quotes.setdefault(int(qrow["bookmark_id"]), []).append(
                QuoteBookmark(
                    id=int(qrow["id"]),
                    quote_id=qrow["quote_id"],
                    span=Span(int(qrow["start"]), int(qrow["end"])),
                    text=qrow["text"] or "",
                    created=qrow["created"],
                )
            )
        return [
            Bookmark(
                id=int(row["id"]),
                sha256=row["sha256"],
                source=row["source"],
                title=row["title"],
                byline=row["byline"],
                site=row["site"],
                published=row["published"],
                url=row["url"],
                retrieved=row["retrieved"],
                position=int(row["position"]),
                marked_quote_ids=_marks_from_json(row["marked"]),
                note=row["note"],
                created=row["created"],
                updated=row["updated"],
                quote_count=_int_or_none(row["quote_count"]),
                quotes=tuple(quotes.get(int(row["id"]), ())),
                text_length=int(row["text_length"] or 0),
                current_quote_id=row["current_quote"],
                speaker_filter=row["speaker_filter"],
            )
            for row in rows
        ]

    def _find(self, where: str, params: tuple[Any, ...]) -> Bookmark | None:
        """The first bookmark matching ``where``, in a read transaction."""
        with self.db.transaction(write=False) as conn:
            found = self._bookmarks_where(conn, where, params)
        return found[0] if found else None

    def get(self, bookmark_id: int) -> Bookmark | None:
        """The bookmark with numeric id ``bookmark_id``."""
        return self._find("WHERE b.id = ?", (int(bookmark_id),))

    def get_by_sha(self, sha256: str) -> Bookmark | None:
        """The bookmark of the article version whose text hashes to ``sha256``."""
        return self._find("WHERE a.sha256 = ?", (sha256,))

    def marked_quote_ids(self, sha256: str) -> tuple[str, ...]:
        """Ids of the quotes marked in the bookmark of article version ``sha256``.

        Empty when the version has no bookmark (or nothing marked).
        """
        row = self._fetch_one(
            """
            SELECT b.marked FROM bookmarks b JOIN articles a ON a.id = b.article_id
            WHERE a.sha256 = ?
            """,
            (sha256,),
        )
        return _marks_from_json(row["marked"]) if row else ()

    def list(self) -> list[Bookmark]:
        """Every bookmark, most recently changed first."""
        with self.db.transaction(write=False) as conn:
            return self._bookmarks_where(conn, "ORDER BY b.updated DESC, b.id DESC", ())

    def other_versions(self, article: Article) -> builtins.list[Bookmark]:
        """Bookmarks of the same source (or URL) made on a different text."""
        with self.db.transaction(write=False) as conn:
            return self._bookmarks_where(
                conn,
                """
                WHERE a.sha256 != ?
                  AND (a.source = ? OR (a.url IS NOT NULL AND a.url = ?))
                ORDER BY b.created DESC
                """,
                (article.sha256, article.source, article.url),
            )

    @staticmethod
    def _bookmark_id(
        conn: sqlite3.Connection,
        article_id: int,
        *,
        position: int,
        now: str,
        marked: str = "[]",
        note: str | None = None,
    ) -> tuple[int, bool]:
        """The id of the article version's bookmark, made with these values if
        it has none; and whether it was made."""
        row = conn.execute(
            "SELECT id FROM bookmarks WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is not None:
            return int(row["id"]), False
        cursor = conn.execute(
            """
            INSERT INTO bookmarks (article_id, position, marked, note, created,
                                   updated)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            (article_id, position, marked, note, now, now),
        )
        return int(cursor.lastrowid or 0), True

    def save(
        self,
        article: Article,
        *,
        position: int = 0,
        marked_quote_ids: Iterable[str] | None = None,
        quote_count: int | None = None,
        note: str | None = None,
        mark_changes: MarkChanges | None = None,
        focus: ReadingFocus | None = None,
    ) -> Bookmark:
        """Bookmark ``article`` at ``position``, or update its bookmark.

        The article version's snapshot is stored the first time. An existing
        bookmark keeps its note (unless ``note`` is given), its marks (unless
        ``marked_quote_ids`` replaces them or ``mark_changes`` changes them)
        and its focus (unless ``focus`` is given).

        Args:
            article: The article as read.
            position: Character offset of the reading position in ``article.text``.
            marked_quote_ids: Ids of the quotes marked for export (replaces the
                stored marks).
            quote_count: How many quotes the article has, when known.
            note: A note to set.
            mark_changes: Marks to add and remove, merged with the stored ones
                (applied after ``marked_quote_ids``).
            focus: The current quote and speaker filter to resume.

        Returns:
            The bookmark as saved.
        """
        position = _clamp(position, len(article.text))
        now = _now()
        marks = None if marked_quote_ids is None else _dedupe(marked_quote_ids)
        with self.db.transaction(write=True) as conn:
            article_id = self._article_id(conn, article, quote_count)
            bookmark_id, made = self._bookmark_id(
                conn,
                article_id,
                position=position,
                now=now,
                marked=_marks_json(marks or ()),
                note=note,
            )
            if not made:
                conn.execute(
                    "UPDATE bookmarks SET position = ?, updated = ? WHERE id = ?",
                    (position, now, bookmark_id),
                )
                if marks is not None:
                    conn.execute(
                        "UPDATE bookmarks SET marked = ? WHERE id = ?",
                        (_marks_json(marks), bookmark_id),
                    )
                if note is not None:
                    conn.execute(
                        "UPDATE bookmarks SET note = ? WHERE id = ?",
                        (note.strip() or None, bookmark_id),
                    )
            if mark_changes:
                self._apply_mark_changes(conn, bookmark_id, mark_changes, now)
            if focus is not None:
                conn.execute(
                    "UPDATE bookmarks SET current_quote = ?, speaker_filter = ? "
                    "WHERE id = ?",
                    (focus.current_quote_id, focus.speaker_filter, bookmark_id),
                )
            return self._bookmarks_where(conn, "WHERE b.id = ?", (bookmark_id,))[0]

    @staticmethod
    def _apply_mark_changes(
        conn: sqlite3.Connection, bookmark_id: int, changes: MarkChanges, now: str
    ) -> None:
        """Merge ``changes`` into the stored marks (inside the caller's
        write transaction, so no other writer comes between read and write)."""
        row = conn.execute(
            "SELECT marked FROM bookmarks WHERE id = ?", (bookmark_id,)
        ).fetchone()
        stored = _marks_from_json(row["marked"] if row else None)
        merged = changes.apply(stored)
        if merged != stored:
            conn.execute(
                "UPDATE bookmarks SET marked = ?, updated = ? WHERE id = ?",
                (_marks_json(merged), now, bookmark_id),
            )

    def change_marks(self, sha256: str, changes: MarkChanges) -> Bookmark | None:
        """Merge ``changes`` into the marks of article version ``sha256``'s
        bookmark; returns the bookmark as stored, or None if it has none."""
        with self.db.transaction(write=True) as conn:
            row = conn.execute(
                """
                SELECT b.id FROM bookmarks b JOIN articles a ON a.id = b.article_id
                WHERE a.sha256 = ?
                """,
                (sha256,),
            ).fetchone()
            if row is None:
                return None
            bookmark_id = int(row["id"])
            if changes:
                self._apply_mark_changes(conn, bookmark_id, changes, _now())
            return self._bookmarks_where(conn, "WHERE b.id = ?", (bookmark_id,))[0]

    def update_position(self, bookmark_id: int, position: int) -> bool:
        """Move a bookmark's reading position; False if there is no such bookmark."""
        with self.db.transaction(write=True) as conn:
            row = conn.execute(
                """
                SELECT length(a.text) AS text_length FROM bookmarks b
                JOIN articles a ON a.id = b.article_id WHERE b.id = ?
                """,
                (int(bookmark_id),),
            ).fetchone()
            if row is None:
                return False
            clamped = _clamp(position, int(row["text_length"]))
            conn.execute(
                "UPDATE bookmarks SET position = ?, updated = ? WHERE id = ?",
                (clamped, _now(), int(bookmark_id)),
            )
        return True

    def set_marks(self, bookmark_id: int, quote_ids: Iterable[str]) -> bool:
        """Replace a bookmark's marked quotes; False if there is no such bookmark."""
        return self._execute(
            "UPDATE bookmarks SET marked = ?, updated = ? WHERE id = ?",
            (_marks_json(_dedupe(quote_ids)), _now(), int(bookmark_id)),
        )

    def set_note(self, bookmark_id: int, note: str | None) -> bool:
        """Set (or with None or blank text, clear) a bookmark's note."""
        cleaned = note.strip() if note else None
        return self._execute(
            "UPDATE bookmarks SET note = ?, updated = ? WHERE id = ?",
            (cleaned or None, _now(), int(bookmark_id)),
        )

    def remove(self, bookmark_id: int) -> bool:
        """Delete a bookmark and its quote bookmarks; False if it did not exist.

        The article snapshot stays while the article is in the history.
        """
        return self._execute(
            "DELETE FROM bookmarks WHERE id = ?", (int(bookmark_id),), drop_orphans=True
        )

    # -- quote bookmarks -------------------------------------------------------

    def bookmark_quote(
        self,
        article: Article,
        quote_id: str,
        span: Span,
        *,
        quote_count: int | None = None,
    ) -> tuple[Bookmark, QuoteBookmark]:
        """Bookmark one quote of ``article``.

        The article gets a bookmark at the quote if it has none yet. Bookmarking
        the same quote again changes nothing.

        Returns:
            The article's bookmark and the quote bookmark.
        """
        if span.end > len(article.text):
            raise BookmarkStoreError("Bookmarks: the quote lies outside the article")
        now = _now()
        with self.db.transaction(write=True) as conn:
            article_id = self._article_id(conn, article, quote_count)
            bookmark_id, made = self._bookmark_id(
                conn, article_id, position=span.start, now=now
            )
            if not made:
                conn.execute(
                    "UPDATE bookmarks SET updated = ? WHERE id = ?", (now, bookmark_id)
                )
            conn.execute(
                """
                INSERT INTO quote_bookmarks (bookmark_id, quote_id, start, "end",
                                             created)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (bookmark_id, quote_id)
                DO UPDATE SET start = excluded.start, "end" = excluded."end"
                """,
                (bookmark_id, quote_id, span.start, span.end, now),
            )
            bookmark = self._bookmarks_where(conn, "WHERE b.id = ?", (bookmark_id,))[0]
        quote = next(q for q in bookmark.quotes if q.quote_id == quote_id)
        return bookmark, quote

    def remove_quote(self, quote_bookmark_id: int) -> bool:
        """Delete one quote bookmark; False if it did not exist."""
        return self._execute(
            "DELETE FROM quote_bookmarks WHERE id = ?", (int(quote_bookmark_id),)
        )

    # -- history ------------------------------------------------------------------

    def record_opened(
        self,
        article: Article,
        *,
        position: int | None = None,
        quote_count: int | None = None,
    ) -> None:
        """Put ``article`` at the top of the recently opened list.

        Args:
            article: The article opened.
            position: Reading position to remember (None keeps the stored one).
            quote_count: How many quotes it has, when known.
        """
        now = _now()
        with self.db.transaction(write=True) as conn:
            article_id = self._article_id(conn, article, quote_count)
            clamped = 0 if position is None else _clamp(position, len(article.text))
            conn.execute(
                """
                INSERT INTO history (article_id, opened, position) VALUES (?, ?, ?)
                ON CONFLICT (article_id) DO UPDATE SET opened = excluded.opened,
                    position = CASE WHEN ? THEN history.position
                               ELSE excluded.position END
                """,
                (article_id, now, clamped, position is None),
            )
            conn.execute(
                """
                DELETE FROM history WHERE article_id NOT IN (
                    SELECT article_id FROM history
                    ORDER BY opened DESC, rowid DESC LIMIT ?)
                """,
                (HISTORY_LIMIT,),
            )
            self._drop_orphans(conn)

    def record_position(self, article: Article, position: int) -> None:
        """Remember where the reader left ``article`` (if it is in the history)."""
        self._execute(
            """
            UPDATE history SET position = ?
            WHERE article_id = (SELECT id FROM articles WHERE sha256 = ?)
            """,
            (_clamp(position, len(article.text)), article.sha256),
        )

    def recent(self, limit: int = 50) -> builtins.list[HistoryEntry]:
        """Recently opened article versions, most recent first."""
        rows = self._fetch_all(
            """
            SELECT a.sha256 AS sha256, a.source AS source, a.title AS title,
                   a.site AS site, a.published AS published, a.url AS url,
                   h.opened AS opened, h.position AS position,
                   a.quote_count AS quote_count, b.id AS bookmark_id
            FROM history h JOIN articles a ON a.id = h.article_id
            LEFT JOIN bookmarks b ON b.article_id = a.id
            ORDER BY h.opened DESC, h.rowid DESC
            LIMIT ?
            """,
            (int(limit),),
        )
        return [
            HistoryEntry(
                sha256=row["sha256"],
                source=row["source"],
                title=row["title"],
                site=row["site"],
                published=row["published"],
                url=row["url"],
                opened=row["opened"],
                position=int(row["position"]),
                quote_count=_int_or_none(row["quote_count"]),
                bookmark_id=_int_or_none(row["bookmark_id"]),
            )
            for row in rows
        ]

    def forget(self, sha256: str) -> bool:
        """Remove an article version from the history; False if it was not there."""
        return self._execute(
            """
            DELETE FROM history
            WHERE article_id = (SELECT id FROM articles WHERE sha256 = ?)
            """,
            (sha256,),
            drop_orphans=True,
        )

    def is_empty(self) -> bool:
        """Whether there are neither bookmarks nor history (a first run).

        An unavailable store counts as empty.
        """
        try:
            row = self._fetch_one(
                "SELECT EXISTS (SELECT 1 FROM bookmarks) "
                "OR EXISTS (SELECT 1 FROM history) AS used"
            )
        except BookmarkStoreError:
            return True
        return not row["used"]

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: ``"ok"`` for a sound database."""
        rows = self._fetch_all("PRAGMA integrity_check")
        return "; ".join(str(row["integrity_check"]) for row in rows)


__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_NAME",
    "SCHEMA_VERSION",
    "Bookmark",
    "BookmarkStore",
    "BookmarkStoreError",
    "HistoryEntry",
    "MarkChanges",
    "QuoteBookmark",
    "ReadingFocus",
    "default_db_path",
]
