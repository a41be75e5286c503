"""The archive screen: the reader records, ``A`` searches, ``t`` traces and
``enter`` opens the archived article."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import Input, OptionList

from newsreader.model import Article
from newsreader.services.container import Services
from newsreader.store.archive import QuoteArchive, SearchQuery
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.archive import ArchiveScreen
from newsreader.ui.screens.provenance import ProvenanceScreen
from tests.ui.ui_fakes import ENGINE_ID, FakeAnnotator
from tests.ui.ui_helpers import settle

sys.path.insert(0, str(Path(__file__).parent.parent))

from tests.support.archive_helpers import make_article


async def test_archive_screen_search_trace_and_open(
    article: Article, annotator: FakeAnnotator, tmp_path: Path
) -> None:
    archive = QuoteArchive(tmp_path / "archive.sqlite3")
    earlier, earlier_annotations = make_article(
        "Earlier wire story",
        [("We cannot wait any longer for the new bridge", "Maria Lopez")],
        outlet="Wire",
        published="2025-01-02",
    )
    archive.record(earlier, earlier_annotations)
    services = Services(
        annotator_factory=lambda: annotator,
        model_label="fake model 1.0",
        engine_id=ENGINE_ID,
        archive=archive,
    )
    app = NewsReaderApp(article, services=services, theme="textual-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The reader recorded the annotated article in a worker.
        assert {
            q.article.title for q in archive.search(SearchQuery("cannot wait"))
        } == {
            "Earlier wire story",
            article.title,
        }

        await pilot.press("A")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArchiveScreen)
        for key in "wait":
            await pilot.press(key)
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.query_one(Input).value == "wait"
        assert len(screen.results) == 2
        options = screen.query_one(OptionList)
        headers = [
            str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
            if options.get_option_at_index(i).disabled
        ]
        assert len(headers) == len({q.speaker for q in screen.results})

        await pilot.press("down")
        await pilot.pause()
        assert screen.current is not None
        # Walk to the earlier story's quote, then trace it.
        while screen.current.article.title != "Earlier wire story":
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("t")
        await settle(pilot)
        provenance = app.screen
        assert isinstance(provenance, ProvenanceScreen)
        assert provenance.occurrences is not None
        assert [o.quote.article.title for o in provenance.occurrences] == [
            "Earlier wire story",
            article.title,
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.article.title == "Earlier wire story"
        assert app.reader.article.sha256 == earlier.sha256
