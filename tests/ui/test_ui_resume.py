"""Reopening a bookmarked article resumes it, and marks are never lost (Pilot).

Repro of the lost marks: mark two quotes and bookmark (``] v ] v m q``), reopen
the same file, mark one more (``] v q``): the bookmark must hold all three.
"""

from __future__ import annotations

from pathlib import Path

from newsreader.model import Article
from newsreader.store.bookmarks import BookmarkStore, MarkChanges
from tests.ui.test_ui_bookmarks import (
    QuoteMarksAnnotator,
    long_article,
    make,
    record_notifications,
)
from tests.ui.ui_helpers import settle


def quote_ids(article: Article) -> list[str]:
    """The ids of the article's first three quotes."""
    quotes = QuoteMarksAnnotator().annotate(article).quotes
    return [quote.id for quote in quotes[:3]]


async def test_reopening_resumes_position_marks_quote_and_filter(
    tmp_path: Path,
) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    article = long_article()
    paragraph_12 = article.paragraphs[11]
    app = make(article, BookmarkStore(db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.reader.article_view.scroll_to_offset(paragraph_12.start)
        await pilot.pause()
        await pilot.press("right_square_bracket", "v", "right_square_bracket", "v")
        await pilot.press("s")  # filter to the second quote's speaker
        marked = app.reader.marked_ids
        current = app.reader.cursor.current_quote
        speaker = app.reader.cursor.speaker_filter
        assert len(marked) == 2 and current is not None and speaker is not None
        app.reader.article_view.scroll_to_offset(paragraph_12.start)
        await pilot.pause()
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("q")

    again = make(article, BookmarkStore(db))
    async with again.run_test(size=(100, 30)) as pilot:
        notes = record_notifications(again)
        await settle(pilot)
        reader = again.reader
        assert "Resumed your bookmark: ¶12, 2 marked" in [n for n, _ in notes]
        assert article.paragraph_index(reader.article_view.top_offset) == 11
        assert reader.marked_ids == marked
        assert reader.cursor.current_quote == current
        assert reader.cursor.speaker_filter == speaker
        await pilot.press("right_square_bracket", "v")
        third = reader.cursor.current_quote
        assert third is not None and third.id not in marked
        await settle(pilot)
        await pilot.press("q")
    assert BookmarkStore(db).marked_quote_ids(article.sha256) == (*marked, third.id)


async def test_a_session_never_writes_back_marks_it_did_not_load(
    tmp_path: Path,
) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    article = long_article(8)
    store = BookmarkStore(db)
    ids = quote_ids(article)
    store.save(article, marked_quote_ids=ids[:2])
    app = make(article, BookmarkStore(db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # The first quote is marked (resumed): v unmarks it, and only it.
        await pilot.press("right_square_bracket", "v")
        await settle(pilot)
        await pilot.press("q")
    assert store.marked_quote_ids(article.sha256) == (ids[1],)


async def test_two_readers_merge_their_marks(tmp_path: Path) -> None:
    db = tmp_path / "bookmarks.sqlite3"
    article = long_article(8)
    other = BookmarkStore(db)  # the second newsreader, on the same database
    ids = quote_ids(article)
    other.save(article, marked_quote_ids=[ids[0]])
    app = make(article, BookmarkStore(db))
    async with app.run_test(size=(100, 30)) as pilot:
        notes = record_notifications(app)
        await settle(pilot)
        assert app.reader.marked_ids == (ids[0],)
        # The other reader marks the second quote after this one loaded.
        other.change_marks(article.sha256, MarkChanges(mark=(ids[1],)))
        await pilot.press(*["right_square_bracket"] * 3, "v")
        await settle(pilot)
        # Both readers' marks are stored, and this reader shows them all.
        assert other.marked_quote_ids(article.sha256) == tuple(ids)
        assert app.reader.marked_ids == tuple(ids)
        await pilot.press("m")
        await settle(pilot)
        assert any("3 marked" in n for n, _ in notes)
        await pilot.press("q")
    assert other.marked_quote_ids(article.sha256) == tuple(ids)
