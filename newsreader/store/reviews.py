"""The reporter's reviews of quotes, in the bookmark database.

Reviews live in the ``reviews`` table of ``bookmarks.sqlite3`` (schema version
4, see :data:`newsreader.store.bookmarks.MIGRATIONS`) rather than a file of
their own: they sit next to the article snapshots a library entry reopens,
one file holds everything a reporter would back up, and the store's WAL mode,
``user_version`` migration, corrupt-file recovery, read-only fallback and
one-line :class:`~newsreader.store.bookmarks.BookmarkStoreError` messages
cover them without a second copy of that machinery.

A row is keyed by the article text's SHA-256 and the quote's machine span
(``start``, ``end``), never by a position in a list. Each change writes only
the fields it sets (``INSERT … ON CONFLICT DO UPDATE`` of those columns in one
``BEGIN IMMEDIATE`` transaction), so two readers reviewing different aspects
of the same quote at once both keep their change; a row whose fields are all
back at their defaults (after an undo) is deleted in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from newsreader.model import Span
from newsreader.review import REVIEW_FIELDS, Review
from newsreader.store.bookmarks import BookmarkStore, BookmarkStoreError

_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "verified": ("verified",),
    "rejected": ("rejected",),
    "speaker": ("speaker",),
    "anonymous": ("anonymous",),
    "span": ("span_start", "span_end"),
    "note": ("note",),
}
"""The table columns of each review field."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _column_values(field: str, value: object) -> tuple[Any, ...]:
    if field in ("verified", "rejected", "anonymous"):
        return (1 if value else 0,)
    if field == "span":
        if value is None:
            return (None, None)
        if not isinstance(value, Span):
            raise BookmarkStoreError("Reviews: a span must be a Span")
        return (value.start, value.end)
    if value is not None and not isinstance(value, str):
        raise BookmarkStoreError(f"Reviews: {field} must be text")
    if field == "note" and value is not None and not value.strip():
        return (None,)
    return (value,)


def review_from_row(row: sqlite3.Row) -> Review:
    """A :class:`Review` from a ``reviews`` row."""
    span: Span | None = None
    if row["span_start"] is not None and row["span_end"] is not None:
        try:
            span = Span(int(row["span_start"]), int(row["span_end"]))
        except ValueError:
            span = None
    return Review(
        article_sha256=row["sha256"],
        key=Span(int(row["start"]), int(row["end"])),
        verified=bool(row["verified"]),
        rejected=bool(row["rejected"]),
        speaker=row["speaker"],
        anonymous=bool(row["anonymous"]),
        span=span,
        note=row["note"],
        machine_speaker=row["machine_speaker"],
        updated=row["updated"],
    )


class ReviewStore:
    """Reviews of quotes, stored in a :class:`BookmarkStore`'s database."""

    def __init__(self, database: BookmarkStore) -> None:
        """Use ``database``'s file; nothing is read until the first call."""
        self.database = database
        """The bookmark store whose SQLite file holds the reviews."""

    def reviews_for(self, sha256: str) -> list[Review]:
        """Every review of the article text with hash ``sha256``, in text order.

        Raises:
            BookmarkStoreError: The store is unavailable; the message says why.
        """
        with self.database.transaction(write=False) as conn:
            rows = conn.execute(
                'SELECT * FROM reviews WHERE sha256 = ? ORDER BY start, "end"',
                (sha256,),
            ).fetchall()
        return [review_from_row(row) for row in rows]

    def update(
        self,
        sha256: str,
        key: Span,
        changes: Mapping[str, object],
        *,
        machine_speaker: str | None = None,
    ) -> Review | None:
        """Set ``changes`` (review fields) on the review of quote ``key``.

        Only the given fields are written; ``machine_speaker`` is recorded when
        the review is first made and kept afterwards. Returns the review as
        stored now, or None when it went back to nothing and was deleted.

        Raises:
            BookmarkStoreError: Unknown field, or the store cannot be written.
        """
        unknown = set(changes) - set(REVIEW_FIELDS)
        if unknown:
            raise BookmarkStoreError(
                f"Reviews: unknown fields {', '.join(sorted(unknown))}"
            )
        columns: list[str] = []
        values: list[Any] = []
        for field, value in changes.items():
            columns.extend(_COLUMNS[field])
            values.extend(_column_values(field, value))
        now = _now()
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join("?" for _ in columns)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns)
        prefix = ", " if columns else ""
        sql = (
            f'INSERT INTO reviews (sha256, start, "end", machine_speaker, created, '
            f"updated{prefix}{names}) VALUES (?, ?, ?, ?, ?, ?{prefix}{marks}) "
            f'ON CONFLICT (sha256, start, "end") DO UPDATE SET '
            f"updated = excluded.updated{prefix}{updates}"
        )
        params = (sha256, key.start, key.end, machine_speaker, now, now, *values)
        with self.database.transaction(write=True) as conn:
            conn.execute(sql, params)
            row = conn.execute(
                'SELECT * FROM reviews WHERE sha256 = ? AND start = ? AND "end" = ?',
                (sha256, key.start, key.end),
            ).fetchone()
            review = review_from_row(row)
            if review.is_empty:
                conn.execute(
                    'DELETE FROM reviews WHERE sha256 = ? AND start = ? AND "end" = ?',
                    (sha256, key.start, key.end),
                )
                return None
        return review

    def count(self) -> int:
        """How many quotes have a review, in every article."""
        with self.database.transaction(write=False) as conn:
            row = conn.execute("SELECT count(*) AS n FROM reviews").fetchone()
        return int(row["n"])
