"""Bookmarks and the library in the reader (Pilot)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from newsreader.model import Annotations, Article, Quote, Span
from newsreader.services.container import Services
from newsreader.store.bookmarks import BookmarkStore
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.library import LibraryScreen, LibraryTable
from newsreader.ui.screens.note import NoteScreen
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.widgets.footer import KeyFooter
from tests.ui.ui_fakes import build_article
from tests.ui.ui_helpers import settle

ENGINE = "fake-long-1"


def long_article(paragraph_count: int = 40, *, source: str = "long.txt") -> Article:
    """A headline, a byline and numbered paragraphs, each ending in a quote."""
    paragraphs = ["The last ferry across the bay", "By Ana Ruiz"]
    for number in range(3, paragraph_count + 1):
        paragraphs.append(
            f"Paragraph {number} starts here. "
            + "The crossing takes forty minutes in calm weather. " * 5
            + f'"This is quote {number}," said Speaker{number % 3}.'
        )
    return build_article(
        tuple(paragraphs), source=source, site="Bay [Herald]", published="2025-06-01"
    )


class QuoteMarksAnnotator:
    """Every double-quoted stretch is a quote (deterministic, no spaCy)."""

    engine_id = ENGINE
    model_label = "fake long 1"
    fallback = False

    def annotate(self, article: Article, **_: Any) -> Annotations:
        quotes = tuple(
            Quote(
                f"q-{match.start()}",
                Span(match.start(), match.end()),
                "direct",
                f"Speaker{index % 3}",
                confidence=0.9,
                reason="named",
            )
            for index, match in enumerate(re.finditer(r'"[^"]+"', article.text))
        )
        return Annotations(article.sha256, ENGINE, quotes)


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "data" / "bookmarks.sqlite3")


def services_for(store: BookmarkStore | None) -> Services:
    return Services(
        annotator_factory=QuoteMarksAnnotator,
        model_label="fake long 1",
        engine_id=ENGINE,
        bookmarks=store,
    )


def make(article: Article | None, store: BookmarkStore | None) -> NewsReaderApp:
    return NewsReaderApp(article, services=services_for(store), theme="textual-dark")


Notes = list[tuple[str, dict[str, Any]]]


def record_notifications(app: NewsReaderApp) -> Notes:
    """Every notification, with its keyword arguments (to check markup=False)."""
    seen: Notes = []
    original: Callable[..., None] = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append((message, kwargs))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def paragraph_on_top(app: NewsReaderApp) -> int:
    reader = app.reader
    return reader.article.paragraph_index(reader.article_view.top_offset)


async def open_library(pilot: Pilot[int]) -> LibraryScreen:
    await pilot.press("apostrophe")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    return screen


async def test_bookmark_at_paragraph_12_reopens_there_at_another_size(
    store: BookmarkStore,
) -> None:
    article = long_article()
    paragraph_12 = article.paragraphs[11]
    app = make(article, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.reader.article_view
        view.scroll_to_offset(paragraph_12.start)
        await pilot.pause()
        assert paragraph_on_top(app) == 11
        # Mark the quote of paragraph 12 and the next one, then come back.
        await pilot.press("right_square_bracket")
        first = app.reader.cursor.current_quote
        await pilot.press("v", "right_square_bracket", "v")
        second = app.reader.cursor.current_quote
        assert first is not None and second is not None
        assert app.reader.marked_ids == (first.id, second.id)
        view.scroll_to_offset(paragraph_12.start)
        await pilot.pause()
        notes = record_notifications(app)
        await pilot.press("m")
        await settle(pilot)
        assert any("Bookmarked at ¶12 of 40, 2 marked" in n for n, _ in notes)
        assert all(kwargs.get("markup") is False for _, kwargs in notes)
        await pilot.press("q")
    saved = store.get_by_sha(article.sha256)
    assert saved is not None
    assert article.paragraph_index(saved.position) == 11
    assert saved.marked_quote_ids == (first.id, second.id)
    assert saved.quote_count == 38

    # A new session, in a smaller terminal, starting in the library.
    app = make(None, store)
    async with app.run_test(size=(72, 20)) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert library.shown[0].key == f"b:{saved.id}"
        await pilot.press("enter")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.article == article
        assert paragraph_on_top(app) == 11
        assert reader.article_view.visible_lines()[0].startswith("Paragraph 12 starts")
        assert reader.marked_ids == (first.id, second.id)
        gutters = [line[:3] for line in _rendered(reader)]
        assert sum("✓" in gutter for gutter in gutters) >= 1
        # The narrower terminal wraps differently: still the same paragraph.
        await pilot.resize_terminal(120, 45)
        await pilot.pause()
        assert paragraph_on_top(app) == 11


def _rendered(reader: ReaderScreen) -> list[str]:
    view = reader.article_view
    height = view.scrollable_content_region.height
    return [view.render_line(y).text for y in range(height)]


async def test_bookmark_the_current_quote_from_the_palette(
    store: BookmarkStore,
) -> None:
    article = long_article(8)
    app = make(article, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        quote = app.reader.cursor.current_quote
        assert quote is not None
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"bookmark this quote")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
    bookmark = store.get_by_sha(article.sha256)
    assert bookmark is not None
    assert [(q.quote_id, q.span) for q in bookmark.quotes] == [(quote.id, quote.span)]


async def test_library_filters_as_you_type_and_opens(store: BookmarkStore) -> None:
    ferry = long_article(6)
    harbour = long_article(5, source="harbour.txt")
    harbour = Article(
        text=harbour.text.replace("The last ferry across the bay", "Harbour works"),
        paragraphs=harbour.paragraphs,
        title="Harbour works",
        source="harbour.txt",
        site="Port News",
    )
    store.save(ferry, position=ferry.paragraphs[3].start)
    store.record_opened(harbour)
    app = make(harbour, store)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        library = await open_library(pilot)
        kinds = [entry.kind for entry in library.shown]
        assert kinds[0] == "bookmark"
        assert "recent" in kinds and "sample" in kinds
        await pilot.press(*"port news")
        await pilot.pause()
        assert [e.title for e in library.shown] == ["Harbour works"]
        await pilot.press(*" nothing-like-this")
        await pilot.pause()
        assert library.shown == []
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert library.filter_input.value == ""
        await pilot.press(*"herald")
        await pilot.pause()
        assert [e.kind for e in library.shown] == ["bookmark"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.article == ferry
        assert paragraph_on_top(app) == 3
        assert len(app.screen_stack) == 2  # the replaced reader is gone


async def test_typing_in_the_list_goes_to_the_filter(store: BookmarkStore) -> None:
    store.save(long_article(5), position=0)
    app = make(long_article(5), store)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        library = await open_library(pilot)
        assert isinstance(library.focused, LibraryTable)
        await pilot.press("f", "e")
        assert library.filter_input.value == "fe"
        assert library.focused is library.filter_input


def footer_keys(app: NewsReaderApp) -> dict[str, str]:
    """What the footer offers: key as shown → description."""
    footer = app.screen.query_one(KeyFooter)
    return {key: description for key, description, _enabled in footer.shown}


async def test_q_quits_the_start_library_unless_typing_in_the_filter(
    store: BookmarkStore,
) -> None:
    store.save(long_article(5), position=0)
    app = make(None, store)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert footer_keys(app)["q"] == "Quit"
        assert "esc" not in footer_keys(app)  # nothing to leave on the start screen
        # After /, every key is text, and the footer says so.
        await pilot.press("slash", *"quay")
        await pilot.pause()
        assert library.filter_input.value == "quay"
        assert app.is_running
        keys = footer_keys(app)
        assert "q" not in keys and "?" not in keys
        assert keys["^q"] == "Quit" and keys["esc"] == "Leave filter"
        # esc clears the filter and gives the keys back to the list.
        await pilot.press("escape")
        await pilot.pause()
        assert library.filter_input.value == ""
        assert isinstance(library.focused, LibraryTable)
        assert footer_keys(app)["q"] == "Quit"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_and_esc_go_back_from_the_library_over_the_reader(
    store: BookmarkStore,
) -> None:
    article = long_article(5)
    app = make(article, store)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        reader = app.reader
        for back in ("q", "escape"):
            library = await open_library(pilot)
            keys = footer_keys(app)
            assert keys["q"] == "Back" and keys["esc"] == "Back"
            await pilot.press("slash", "q", "escape")  # a q in the filter is text
            await pilot.pause()
            assert app.screen is library
            await pilot.press(back)
            await pilot.pause()
            assert app.screen is reader
        assert app.is_running


async def test_escape_goes_back_to_the_same_article(store: BookmarkStore) -> None:
    article = long_article(20)
    app = make(article, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reader = app.reader
        reader.article_view.scroll_to_offset(article.paragraphs[9].start)
        await pilot.pause()
        await open_library(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader
        assert paragraph_on_top(app) == 9


async def test_delete_asks_first(store: BookmarkStore) -> None:
    bookmark = store.save(long_article(5), position=0)
    app = make(long_article(5), store)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        library = await open_library(pilot)
        assert library.current is not None
        assert library.current.key == f"b:{bookmark.id}"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Cancel has focus: enter never deletes
        await pilot.pause()
        assert app.screen is library
        assert store.get(bookmark.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert store.get(bookmark.id) is None
        assert app.screen is library
        assert all(e.kind != "bookmark" for e in library.shown)


async def test_edit_the_note(store: BookmarkStore) -> None:
    bookmark = store.save(long_article(5), position=0, note="old")
    app = make(long_article(5), store)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        library = await open_library(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*["backspace"] * 3, *"call [the] mayor $5")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is library
        saved = store.get(bookmark.id)
        assert saved is not None and saved.note == "call [the] mayor $5"
        assert library.shown[0].note == "call [the] mayor $5"
        cells = library.table.get_row(f"b:{bookmark.id}")
        assert str(cells[-1]).startswith("call [the]")  # shown literally


async def test_marks_follow_a_bookmarked_article(store: BookmarkStore) -> None:
    article = long_article(6)
    store.save(article, position=0)
    app = make(article, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "v")
        await settle(pilot)
        quote = app.reader.cursor.current_quote
        assert quote is not None
        assert store.marked_quote_ids(article.sha256) == (quote.id,)
        await pilot.press("v")
        await settle(pilot)
        assert store.marked_quote_ids(article.sha256) == ()


async def test_marks_of_an_unbookmarked_article_are_not_saved(
    store: BookmarkStore,
) -> None:
    article = long_article(6)
    app = make(article, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "v")
        await settle(pilot)
    assert store.get_by_sha(article.sha256) is None
    assert [h.sha256 for h in store.recent()] == [article.sha256]


async def test_a_changed_text_gets_its_own_entry(store: BookmarkStore) -> None:
    old = long_article(6, source="story.txt")
    store.save(old, position=old.paragraphs[2].start, marked_quote_ids=["q-1"])
    new = long_article(7, source="story.txt")
    app = make(new, store)
    notes = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("differs from the version you bookmarked" in n for n, _ in notes)
        await pilot.press("m")
        await settle(pilot)
        library = await open_library(pilot)
        assert [e.kind for e in library.shown[:2]] == ["bookmark", "bookmark"]
    assert len(store.list()) == 2
    assert store.article_from_bookmark(store.list()[-1]) == old


async def test_recent_articles_reopen_where_you_left_them(store: BookmarkStore) -> None:
    first = long_article(20, source="first.txt")
    second = long_article(6, source="second.txt")
    app = make(first, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.reader.article_view.scroll_to_offset(first.paragraphs[14].start)
        await pilot.pause()
        await app.open_article(second)
        await settle(pilot)
        assert app.reader.article == second
        library = await open_library(pilot)
        keys = [e.key for e in library.shown]
        await pilot.press(*["down"] * keys.index(f"h:{first.sha256}"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.article == first
        assert paragraph_on_top(app) == 14


async def test_starting_in_the_library_lists_the_samples(store: BookmarkStore) -> None:
    from newsreader.resources import sample_articles

    app = make(None, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        samples = [e for e in library.shown if e.kind == "sample"]
        assert len(samples) == len(sample_articles())
        assert all(e.title for e in samples)
        await pilot.press(*"harbour bridge")
        await pilot.pause()
        assert library.shown and library.shown[0].kind == "sample"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert "Harbour Bridge" in app.reader.article.title
        await open_library(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    assert store.recent()[0].source.endswith("harbour-bridge-vote.txt")


async def test_q_in_the_start_library_quits(store: BookmarkStore) -> None:
    app = make(None, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_unusable_store_never_stops_reading(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be")
    store = BookmarkStore(blocker / "bookmarks.sqlite3")
    article = long_article(8)
    app = make(article, store)
    notes = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.reader.annotations is not None  # reading and annotating work
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.reader.cursor.current == 1
        library = await open_library(pilot)
        assert any(e.kind == "sample" for e in library.shown)
        status = str(library.query_one("#library-status").render())
        assert "Bookmarks unavailable" in status
    unavailable = [n for n, _ in notes if "Bookmarks unavailable" in n]
    assert unavailable, notes
    assert all(kwargs.get("markup") is False for _, kwargs in notes)
    assert all("\n" not in n for n, _ in notes)
    assert store.status == "unavailable"


async def test_without_a_store_bookmarking_says_so() -> None:
    app = make(long_article(5), None)
    notes = record_notifications(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
    assert ("Bookmarks are off", {"markup": False, "timeout": 3}) in notes
