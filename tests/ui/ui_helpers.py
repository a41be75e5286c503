"""Helpers shared by the UI tests."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.side_pane import SidePane

AppFactory = Callable[..., NewsReaderApp]
"""The ``make_app`` fixture: builds a reader app around the fake annotator."""


async def settle(pilot: Pilot[int]) -> None:
    """Wait for the annotation worker and the messages it posted."""
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def reader(app: NewsReaderApp) -> ReaderScreen:
    """The reader screen."""
    return app.reader


def view(app: NewsReaderApp) -> ArticleView:
    """The article view."""
    return app.reader.query_one(ArticleView)


def rendered_lines(app: NewsReaderApp) -> list[str]:
    """The article view's on-screen rows as rendered (gutter included)."""
    article_view = view(app)
    height = article_view.scrollable_content_region.height
    return [article_view.render_line(y).text for y in range(height)]


def current_index(app: NewsReaderApp) -> int | None:
    """Index of the current quote."""
    return app.reader.cursor.current


def pane(app: NewsReaderApp) -> SidePane:
    """The side pane (mounted right after the first paint)."""
    side_pane = app.reader.side_pane
    assert side_pane is not None
    return side_pane
