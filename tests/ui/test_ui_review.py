"""Reviewing attributions in the reader (Pilot): the walk, every action, a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from newsreader.model import Annotations, Article
from newsreader.services.container import Services
from newsreader.services.review import load_reviewed
from newsreader.store.bookmarks import BookmarkStore
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.choice import ChoiceScreen
from newsreader.ui.screens.note import NoteScreen
from newsreader.ui.screens.quote_details import QuoteDetailsScreen
from newsreader.ui.widgets.side_pane import SidePane
from tests.support.review_fixtures import make_annotations, make_article
from tests.ui.ui_helpers import rendered_lines, settle

ENGINE = "review-fake-1"


class ReviewAnnotator:
    """The hand-made annotations of :mod:`tests.support.review_fixtures`."""

    engine_id = ENGINE
    model_label = "review fake 1"
    fallback = False

    def annotate(self, article: Article, **_: Any) -> Annotations:
        return make_annotations(article)


@pytest.fixture
def store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "data" / "bookmarks.sqlite3")


def make(store: BookmarkStore | None, article: Article | None = None) -> NewsReaderApp:
    services = Services(
        annotator_factory=ReviewAnnotator,
        model_label="review fake 1",
        engine_id=ENGINE,
        bookmarks=store,
    )
    return NewsReaderApp(
        article or make_article(), services=services, theme="textual-dark"
    )


def current_id(app: NewsReaderApp) -> str | None:
    quote = app.reader.cursor.current_quote
    return quote.id if quote else None


def status_text(app: NewsReaderApp) -> str:
    return app.reader.status_bar.left_text


async def walk(pilot: Pilot[int]) -> None:
    await pilot.press("right_parenthesis")
    await pilot.pause()


async def test_the_walk_visits_only_quotes_to_check(store: BookmarkStore) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reader.state.to_check_count() == 5
        assert "5 to check" in status_text(app)
        seen = []
        for _ in range(5):
            await walk(pilot)
            seen.append(current_id(app))
        assert seen == ["q-lopez", "q-source", "q-baker", "q-officials", "q-report"]
        await pilot.press("left_parenthesis")
        await pilot.pause()
        assert current_id(app) == "q-officials"


async def test_verify_drops_out_of_the_walk_and_shows_in_the_gutter(
    store: BookmarkStore,
) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert app.reader.state.to_check_count() == 4
        assert "4 to check" in status_text(app)
        await walk(pilot)
        assert current_id(app) == "q-source"
        # Off the current quote, the verified one's gutter shows ✔.
        assert any(line[1] == "✔" for line in rendered_lines(app))
        app.reader.review_writer.flush()
    (review,) = [r for r in store_reviews(store) if r.verified]
    assert review.key == make_annotations(make_article()).quotes[0].span


def gutter_of(app: NewsReaderApp, text: str) -> str:
    """The gutter cells (quote marker, review state, marked tick) of the
    first rendered line holding ``text``."""
    (line,) = [line for line in rendered_lines(app) if text in line][:1]
    return line[:3]


async def test_every_quote_shows_its_review_state_where_it_starts(
    store: BookmarkStore,
) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Quotes starting mid-line ("… spoke first. \"We cannot …", "… as
        # saying the plan …") show their state too: ! to check.
        assert gutter_of(app, "Mayor Maria Lopez") == "▌! "
        assert gutter_of(app, "quoted Baker") == "▌! "
        assert gutter_of(app, "The vote was 7-4") == "   "
        await walk(pilot)
        assert gutter_of(app, "Mayor Maria Lopez") == "▶! "
        await pilot.press("a")
        await pilot.pause()
        # The current quote keeps ▶ and shows its state beside it.
        assert gutter_of(app, "Mayor Maria Lopez") == "▶✔ "
        await pilot.press("v")
        await pilot.pause()
        assert gutter_of(app, "Mayor Maria Lopez") == "▶✔✓"
        await walk(pilot)
        assert gutter_of(app, "Mayor Maria Lopez") == "▌✔✓"
        assert gutter_of(app, "a waste of money") == "▶! "
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"bak", "enter")
        await pilot.pause()
        assert gutter_of(app, "a waste of money") == "▶✎ "


def store_reviews(store: BookmarkStore) -> list[Any]:
    from newsreader.store.reviews import ReviewStore

    return ReviewStore(store).reviews_for(make_article().sha256)


async def test_change_speaker_from_the_picker_and_by_typing(
    store: BookmarkStore,
) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk(pilot)
        await walk(pilot)
        assert current_id(app) == "q-source"
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press(*"bak", "enter")
        await pilot.pause()
        quote = app.reader.cursor.current_quote
        assert quote is not None and quote.speaker == "Baker"
        state = app.reader.state.quote_state(quote)
        assert state is not None and state.status == "edited"
        await walk(pilot)
        assert any(line[1] == "✎" for line in rendered_lines(app))
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert current_id(app) == "q-source"
        # A name the engine never found: typed in full.
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Tom Reyes", "enter")
        await pilot.pause()
        assert app.reader.cursor.current_quote.speaker == "Tom Reyes"  # type: ignore[union-attr]
        # Unknown / anonymous.
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"unknown", "enter")
        await pilot.pause()
        quote = app.reader.cursor.current_quote
        assert quote is not None and quote.speaker is None
        assert app.reader.state.quote_state(quote).kind == "anonymous"  # type: ignore[union-attr]


async def test_not_a_quote_hides_it_and_undo_and_restore_bring_it_back(
    store: BookmarkStore,
) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(5):
            await walk(pilot)
        assert current_id(app) == "q-report"
        await pilot.press("x")
        await pilot.pause()
        ids = [q.id for q in app.reader.cursor.quotes]
        assert "q-report" not in ids and len(ids) == 4
        await pilot.press("U")
        await pilot.pause()
        assert "q-report" in [q.id for q in app.reader.cursor.quotes]
        await pilot.press("x")
        await pilot.pause()
        app.reader.action_restore_quote()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "q-report" in [q.id for q in app.reader.cursor.quotes]


async def test_adjust_span_and_note(store: BookmarkStore) -> None:
    app = make(store)
    article = make_article()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk(pilot)
        await walk(pilot)
        await walk(pilot)
        assert current_id(app) == "q-baker"
        await pilot.press("C")
        await pilot.pause()
        quote = app.reader.cursor.current_quote
        assert quote is not None
        assert article.span_text(quote.span) == (
            "The agency quoted Baker as saying the plan was dead."
        )
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"ask the agency", "enter")
        await pilot.pause()
        state = app.reader.state.quote_state(app.reader.cursor.current_quote)  # type: ignore[arg-type]
        assert state is not None and state.note == "ask the agency"
        document = app.reader.export_document(None)
        exported = next(q for q in document.quotes if q.id == "q-baker")
        assert exported.note == "ask the agency"
        assert exported.review_status == "edited"


async def test_details_show_the_sentence_and_who_the_pronoun_is(
    store: BookmarkStore,
) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuoteDetailsScreen)
        texts = " ".join(str(w.render()) for w in screen.query(".details-context"))
        assert "Mayor Maria Lopez spoke first." in texts
        assert '"We cannot wait any longer," she said.' in texts


async def test_speakers_tab_counts_every_quote(store: BookmarkStore) -> None:
    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane = app.reader.query_one(SidePane)
        speakers = pane.list_for("speakers")
        prompts = [
            str(speakers.get_option_at_index(i).prompt)
            for i in range(speakers.option_count)
        ]
        joined = "\n".join(prompts)
        assert "5 quotes" in prompts[0]
        assert "Unresolved" in joined and "Anonymous / relayed" in joined
        assert "the report? [not a person]" in joined


async def test_reviews_survive_a_restart(store: BookmarkStore, tmp_path: Path) -> None:
    source = tmp_path / "bridge.txt"
    source.write_text(make_article().text, encoding="utf-8")
    from newsreader.sources import load_article

    article = load_article(str(source))
    app = make(store, article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await walk(pilot)
        await pilot.press("a")  # verify Lopez
        await walk(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"Tom Reyes", "enter")
        await pilot.pause()
        for _ in range(3):
            await walk(pilot)
        await pilot.press("x")  # the report is not a quote
        await pilot.pause()
        await pilot.press("q")
    # Reopened by path in a new app with a new store instance.
    again = make(BookmarkStore(store.db_path), load_article(str(source)))
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = again.reader
        ids = [q.id for q in reader.cursor.quotes]
        assert "q-report" not in ids
        states = reader.state.reviewed.states  # type: ignore[union-attr]
        assert states["q-lopez"].status == "verified"
        assert states["q-source"].quote.speaker == "Tom Reyes"
        assert states["q-source"].machine_label == "a source close to the council"
        assert reader.state.to_check_count() == 2
    # The command line sees the same reviews.
    view, problem = load_reviewed(article, make_annotations(article), store)
    assert problem is None
    assert [s.status for s in view.all_states()].count("rejected") == 1


async def test_help_lists_the_review_keys_and_explains_the_symbols(
    store: BookmarkStore,
) -> None:
    from newsreader.ui.screens.help import HelpScreen

    app = make(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        review = dict(help_screen.groups["Review"])
        assert review[")"] == "Next quote to check"
        assert review["a"] == "Verify attribution"
        assert review["U"] == "Undo review action"
        legend = str(help_screen.query_one("#help-symbols").render())
        rows: dict[str, str] = {}
        for line in legend.splitlines():
            if line.startswith("  "):  # the first row of a symbol wins
                key, *rest = line.split()
                rows.setdefault(key, " ".join(rest))
        assert "needs checking" in rows["!"]
        assert "verified" in rows["✔"]
        assert "changed" in rows["✎"]
        assert "current quote" in rows["▶"]
        assert "marked for export" in rows["✓"] and "▶✔✓" in rows["✓"]
        assert "not resolved" in rows["name?"]
        assert "[org] [anonymous] [not a person]" in rows["[kind]"]
        assert rows["×N"] == "❝N Entities tab: N mentions, N quotes"
