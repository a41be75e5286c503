"""Helpers shared by the UI tests."""

from __future__ import annotations

from collections.abc import Callable

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color as TextualColor
from textual.filter import LineFilter
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


def quote_rows(app: NewsReaderApp) -> dict[str, str]:
    """Side-pane quote rows by option id, as plain text (as they are drawn)."""
    quote_list = pane(app).list_for("quotes")
    rows = {}
    for index in range(quote_list.option_count):
        option = quote_list.get_option_at_index(index)
        if option.id:
            rows[option.id] = str(quote_list.prompt(option.id))
    return rows


class PaletteFilter(LineFilter):
    """Rounds every colour as a terminal with fewer colours shows it, so a
    snapshot (always exported in truecolor) looks as it would in that terminal."""

    def __init__(self, system: ColorSystem = ColorSystem.EIGHT_BIT) -> None:
        super().__init__()
        self.system = system

    def _round(self, colour: RichColor | None) -> RichColor | None:
        if colour is None or colour.triplet is None:
            return colour
        return RichColor.from_triplet(colour.downgrade(self.system).get_truecolor())

    def apply(self, segments: list[Segment], background: TextualColor) -> list[Segment]:
        """The segments with their colours rounded to the palette."""
        result: list[Segment] = []
        for text, style, control in segments:
            if style is not None:
                style = style + Style(
                    color=self._round(style.color), bgcolor=self._round(style.bgcolor)
                )
            result.append(Segment(text, style, control))
        return result


def in_256_colours(app: NewsReaderApp) -> NewsReaderApp:
    """``app``, drawing every frame as a 256-colour terminal would."""
    filters = app.get_line_filters
    palette = PaletteFilter()
    app.get_line_filters = lambda: [*filters(), palette]  # type: ignore[method-assign]
    return app
