"""Bookmarks keep every reader's marks and the reading focus (schema 3).

Marks are stored as changes merged per quote id, so two readers of the same
article (two store instances on one database, as two processes would be) never
erase each other's marks.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsreader.store.bookmarks import (
    MIGRATIONS,
    SCHEMA_VERSION,
    BookmarkStore,
    MarkChanges,
    ReadingFocus,
)
from tests.support.builders import make_article


def test_changes_merge_with_marks_stored_by_another_reader(tmp_path: Path) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    article = make_article()
    reader_a, reader_b = BookmarkStore(db), BookmarkStore(db)
    reader_a.save(article, position=0, mark_changes=MarkChanges(mark=("q-1",)))
    # B loaded the article before A's mark and marks another quote.
    merged = reader_b.change_marks(article.sha256, MarkChanges(mark=("q-2",)))
    assert merged is not None and merged.marked_quote_ids == ("q-1", "q-2")
    # A unmarks nothing it did not load and adds a third: B's mark stays.
    again = reader_a.change_marks(article.sha256, MarkChanges(mark=("q-3",)))
    assert again is not None and again.marked_quote_ids == ("q-1", "q-2", "q-3")
    # B removes its own mark only.
    last = reader_b.change_marks(article.sha256, MarkChanges(unmark=("q-2",)))
    assert last is not None and last.marked_quote_ids == ("q-1", "q-3")
    assert reader_a.marked_quote_ids(article.sha256) == ("q-1", "q-3")


def test_save_with_changes_keeps_stored_marks(tmp_path: Path) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    article = make_article()
    BookmarkStore(db).save(article, marked_quote_ids=["q-1", "q-2"])
    saved = BookmarkStore(db).save(
        article, position=40, mark_changes=MarkChanges(mark=("q-3",), unmark=("q-1",))
    )
    assert saved.marked_quote_ids == ("q-2", "q-3")
    assert saved.position == 40


def test_changing_marks_without_a_bookmark_writes_nothing(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    article = make_article()
    assert store.change_marks(article.sha256, MarkChanges(mark=("q-1",))) is None
    assert store.list() == []


def test_focus_round_trips_and_is_kept_unless_given(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    article = make_article()
    store.save(article, focus=ReadingFocus("q-2", "Baker"))
    kept = store.save(article, position=10)
    assert (kept.current_quote_id, kept.speaker_filter) == ("q-2", "Baker")
    cleared = store.save(article, focus=ReadingFocus())
    assert (cleared.current_quote_id, cleared.speaker_filter) == (None, None)


def test_a_version_2_database_migrates_keeping_its_bookmarks(tmp_path: Path) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    article = make_article()
    # Build schema 2 by hand and store a bookmark in it.
    with sqlite3.connect(db) as conn:
        for migration in MIGRATIONS[:2]:
            for statement in migration:
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 2")
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO articles (sha256, source, title, text, paragraphs, created) "
            "VALUES (?, ?, ?, ?, ?, '2025-01-01')",
            (article.sha256, article.source, article.title, article.text, "[[0,1]]"),
        )
        conn.execute(
            "INSERT INTO bookmarks (article_id, position, marked, created, updated) "
            "VALUES (1, 12, '[\"q-1\"]', '2025-01-01', '2025-01-01')"
        )
    store = BookmarkStore(db)
    bookmark = store.get_by_sha(article.sha256)
    assert bookmark is not None
    assert bookmark.position == 12
    assert bookmark.marked_quote_ids == ("q-1",)
    assert bookmark.current_quote_id is None and bookmark.speaker_filter is None
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
