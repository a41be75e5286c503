"""``esc`` and ``q`` on every screen and dialog (Pilot).

The rule (:data:`newsreader.ui.actions.ESCAPE_RULE`): ``esc`` closes the
topmost thing and never quits; ``q`` leaves a screen the way it quits the
reader at the bottom, is text inside a text field (the footer then offers
``^q``), and cancels a dialog without a text field. Cancelling writes nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from newsreader.model import Article
from newsreader.services.container import Services
from newsreader.store.archive import QuoteArchive
from newsreader.ui.actions import ESCAPE_RULE
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.archive import ArchiveScreen
from newsreader.ui.screens.choice import ChoiceScreen
from newsreader.ui.screens.confirm import ConfirmScreen, FileExistsScreen
from newsreader.ui.screens.export import ExportScreen
from newsreader.ui.screens.fetching import FetchingScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.library import LibraryScreen
from newsreader.ui.screens.note import NoteScreen
from newsreader.ui.screens.provenance import ProvenanceScreen
from newsreader.ui.screens.quote_details import QuoteDetailsScreen
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.widgets.footer import KeyFooter
from tests.ui.ui_fakes import ENGINE_ID, FakeAnnotator
from tests.ui.ui_helpers import AppFactory, settle

SIZE = (120, 40)
README = Path(__file__).resolve().parents[2] / "README.md"


def footer_keys(app: NewsReaderApp) -> dict[str, str]:
    """What the footer of the screen on show offers: key as shown → label."""
    footer = app.screen.query_one(KeyFooter)
    return {key: description for key, description, _enabled in footer.shown}


def services(archive: QuoteArchive | None = None) -> Services:
    return Services(
        annotator_factory=FakeAnnotator,
        model_label="fake model 1.0",
        engine_id=ENGINE_ID,
        archive=archive,
    )


async def press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def expect_quit(pilot: Pilot[int], *keys: str) -> None:
    await press(pilot, *keys)
    await pilot.pause()
    assert not pilot.app.is_running


# -- the rule is written once --------------------------------------------------


async def test_the_rule_is_on_the_help_screen_and_in_the_readme(
    make_app: AppFactory,
) -> None:
    assert " ".join(ESCAPE_RULE.split()) in " ".join(
        README.read_text(encoding="utf-8").split()
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = " ".join(str(help_screen.query_one("#help-rule").render()).split())
        assert shown == " ".join(ESCAPE_RULE.split())


# -- the reader (the bottom screen) --------------------------------------------


async def test_reader_esc_closes_search_then_filter_and_never_quits(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert footer_keys(app)["q"] == "Quit"
        await press(pilot, "right_square_bracket", "s")
        assert reader.cursor.speaker_filter is not None
        await press(pilot, "slash", "q", "u")
        search_input = reader.query_one("#search-input", Input)
        assert search_input.value == "qu"  # q is text in the search field
        keys = footer_keys(app)
        assert "q" not in keys and keys["^q"] == "Quit"
        await press(pilot, "escape")  # the search first
        assert reader.search is None and reader.cursor.speaker_filter is not None
        assert footer_keys(app)["q"] == "Quit"
        await press(pilot, "escape")  # then the speaker filter
        assert reader.cursor.speaker_filter is None
        for _ in range(3):  # nothing left to close: esc never quits
            await press(pilot, "escape")
        assert app.is_running and app.screen is reader
        await expect_quit(pilot, "q")
    assert app.return_code == 0


# -- screens over the reader ---------------------------------------------------


async def test_library_over_the_reader_goes_back_on_esc_and_q(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        for back in ("escape", "q"):
            await press(pilot, "apostrophe")
            library = app.screen
            assert isinstance(library, LibraryScreen)
            keys = footer_keys(app)
            assert keys["q"] == "Back" and keys["esc"] == "Back"
            await press(pilot, "slash", "q")
            assert library.filter_input.value == "q"
            keys = footer_keys(app)
            assert "q" not in keys and keys["esc"] == "Leave filter"
            assert keys["^q"] == "Quit"
            await press(pilot, "escape")  # leaves the filter, not the library
            assert library.filter_input.value == ""
            assert app.screen is library
            await press(pilot, back)
            assert app.screen is reader
        assert app.is_running


async def test_library_as_start_screen_quits_on_q_never_on_esc() -> None:
    app = NewsReaderApp(None, services=services(), theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        keys = footer_keys(app)
        assert keys["q"] == "Quit" and "esc" not in keys
        await press(pilot, "escape", "escape")
        assert app.is_running and app.screen is library
        await expect_quit(pilot, "q")


@pytest.fixture
def archive(tmp_path: Path) -> QuoteArchive:
    return QuoteArchive(tmp_path / "archive.sqlite3")


async def open_archive(pilot: Pilot[int]) -> ArchiveScreen:
    await press(pilot, "A")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ArchiveScreen)
    return screen


async def test_archive_goes_back_on_esc_and_on_q_outside_the_search_field(
    article: Article, archive: QuoteArchive
) -> None:
    app = NewsReaderApp(article, services=services(archive), theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        # In the search field q is text; esc goes back.
        screen = await open_archive(pilot)
        await press(pilot, "q")
        assert app.screen is screen
        assert screen.query_one("#archive-query", Input).value == "q"
        keys = footer_keys(app)
        assert "q" not in keys
        assert keys["esc"] == "Back" and keys["^q"] == "Quit"
        await press(pilot, "escape")
        assert app.screen is reader
        # In the results, q goes back too (and the footer says so).
        screen = await open_archive(pilot)
        await press(pilot, "down")
        assert screen.current is not None
        keys = footer_keys(app)
        assert keys["q"] == "Back" and keys["esc"] == "Back"
        await press(pilot, "q")
        assert app.screen is reader and app.is_running


# -- dialogs -------------------------------------------------------------------


async def test_help_and_quote_details_close_on_esc_and_q(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await press(pilot, "right_square_bracket")
        for close in ("escape", "q"):
            await press(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            await press(pilot, close)
            assert app.screen is reader
            reader.article_view.focus()
            await press(pilot, "enter")
            assert isinstance(app.screen, QuoteDetailsScreen)
            await press(pilot, close)
            assert app.screen is reader
        assert app.is_running


async def test_provenance_closes_on_esc_and_q(
    article: Article, archive: QuoteArchive
) -> None:
    app = NewsReaderApp(article, services=services(archive), theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_archive(pilot)
        for close in ("escape", "q"):
            await press(pilot, "down", "t")
            await settle(pilot)
            assert isinstance(app.screen, ProvenanceScreen)
            await press(pilot, close)
            assert app.screen is screen
        assert app.is_running


async def dialog_result(
    pilot: Pilot[int], dialog: Screen[Any], *keys: str
) -> list[object]:
    """Push ``dialog``, press ``keys``; what it was dismissed with."""
    results: list[object] = []
    pilot.app.push_screen(dialog, results.append)
    await pilot.pause()
    await press(pilot, *keys)
    assert pilot.app.screen is not dialog
    return results


async def test_confirm_and_file_exists_cancel_on_esc_and_q(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    existing = tmp_path / "notes.md"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for close in ("escape", "q"):
            assert await dialog_result(
                pilot, ConfirmScreen("Delete the bookmark?"), close
            ) == [False]
            existing.write_text("keep me", encoding="utf-8")
            assert await dialog_result(
                pilot, FileExistsScreen(existing, can_append=True), close
            ) == [None]
            assert existing.read_text(encoding="utf-8") == "keep me"
        assert app.is_running and isinstance(app.screen, ReaderScreen)


async def test_export_dialog_cancels_on_esc_and_writes_nothing(
    make_app: AppFactory, isolated_dirs: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        await press(pilot, "right_square_bracket", "E")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        target = dialog.target
        await press(pilot, "q")  # a dialog with a text field: q is not cancel
        assert app.screen is dialog and app.is_running
        await press(pilot, "escape")
        assert app.screen is reader
        await pilot.app.workers.wait_for_complete()
        assert not target.exists()
        exports = isolated_dirs / "exports"
        assert not exports.exists() or list(exports.iterdir()) == []


async def test_note_and_speaker_picker_take_q_as_text_and_cancel_on_esc(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await press(pilot, "right_square_bracket")
        quote = reader.cursor.current_quote
        assert quote is not None
        speaker = quote.display_speaker

        await press(pilot, "i")
        note = app.screen
        assert isinstance(note, NoteScreen)
        await press(pilot, "q")
        assert app.screen is note
        assert note.query_one(Input).value == "q"
        await press(pilot, "escape")
        assert app.screen is reader
        state = reader.state.quote_state(quote)
        assert state is None or not state.note

        await press(pilot, "c")
        picker = app.screen
        assert isinstance(picker, ChoiceScreen)
        await press(pilot, "q")
        assert app.screen is picker
        assert picker.query_one(Input).value == "q"
        await press(pilot, "escape")
        assert app.screen is reader
        current = reader.cursor.current_quote
        assert current is not None and current.display_speaker == speaker
        assert app.is_running


# -- fetching a URL --------------------------------------------------------------


class SlowHandler(BaseHTTPRequestHandler):
    """Answers only after the test is over."""

    def do_GET(self) -> None:
        time.sleep(5)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/story.txt"
    server.shutdown()
    server.server_close()


def fetching_app(url: str) -> NewsReaderApp:
    return NewsReaderApp(None, services=services(), theme="textual-dark", fetch=url)


async def test_fetching_esc_cancels_to_the_library(slow_url: str) -> None:
    app = fetching_app(slow_url)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, FetchingScreen)
        keys = footer_keys(app)
        assert keys["esc"] == "Cancel" and keys["q"] == "Quit"
        await press(pilot, "escape")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert app.is_running
        await press(pilot, "escape")  # nothing to close on the library: stays
        assert app.screen is library and app.is_running
        await expect_quit(pilot, "q")


async def test_fetching_q_quits(slow_url: str) -> None:
    app = fetching_app(slow_url)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, FetchingScreen)
        await expect_quit(pilot, "q")
    assert app.exit_message == f"cancelled fetching {slow_url}"


async def test_ctrl_q_quits_from_a_dialog_with_a_text_field(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "right_square_bracket", "i")
        assert isinstance(app.screen, NoteScreen)
        await expect_quit(pilot, "ctrl+q")
    assert app.return_code == 0
