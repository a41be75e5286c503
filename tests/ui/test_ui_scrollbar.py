"""The article's scrollbar: drawn from cached rows, identical to Textual's own."""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from newsreader.ui.widgets.scrollbar import CachedScrollBar
from tests.ui.ui_helpers import AppFactory, settle, view


def cells(strip: Strip) -> list[tuple[str, str]]:
    """Each cell's character and style, however the strip splits segments."""
    return [
        (character, str(segment.style))
        for segment in strip
        for character in segment.text
    ]


async def test_scrollbar_matches_textuals_bar_wherever_the_view_is(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 14)) as pilot:
        await settle(pilot)
        article_view = view(app)
        bar = article_view.vertical_scrollbar
        assert isinstance(bar, CachedScrollBar)
        assert bar.display, "the sample should be longer than a 14-row terminal"
        bottom = int(article_view.max_scroll_y)
        assert bottom > 4
        thumbs: set[int] = set()
        for target in (0, 1, bottom // 3, bottom // 2, bottom - 1, bottom):
            article_view.scroll_to(y=target, animate=False)
            await pilot.pause()
            region = Region(0, 0, *bar.size)
            ours = bar.render_lines(region)
            stock = ScrollBar.render_lines(bar, region)
            assert len(ours) == len(stock) == bar.size.height
            assert [cells(s) for s in ours] == [cells(s) for s in stock]
            rows = [cells(s) for s in ours]
            thumbs.add(next(y for y, row in enumerate(rows) if "reverse" in row[0][1]))
        # The thumb really moves with the view (the comparison is not vacuous).
        assert len(thumbs) >= 3


async def test_scrollbar_rows_are_reused_between_frames(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 14)) as pilot:
        await settle(pilot)
        article_view = view(app)
        bar = article_view.vertical_scrollbar
        region = Region(0, 0, *bar.size)
        first = bar.render_lines(region)
        article_view.scroll_to(y=2, animate=False)
        await pilot.pause()
        second = bar.render_lines(region)
        # Rows away from the thumb are the very same strip objects.
        assert first[-1] is second[-1]


async def test_clicking_the_track_below_the_thumb_scrolls_down(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 14)) as pilot:
        await settle(pilot)
        article_view = view(app)
        bar = article_view.vertical_scrollbar
        assert article_view.scroll_y == 0
        region = bar.region
        await pilot.click(offset=(region.x, region.bottom - 1))
        await pilot.pause()
        assert article_view.scroll_y > 0
