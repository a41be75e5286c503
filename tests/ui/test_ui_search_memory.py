"""Searching again and again keeps the number of live widgets flat."""

from __future__ import annotations

import gc

from textual.widget import Widget

from tests.ui.ui_helpers import AppFactory, settle

SEARCHES = 6
"""Each round opens the bar twice; the old footer left ~26 widgets per opening."""


def live_widgets() -> int:
    """Widgets still reachable after a full collection (frozen ones included)."""
    gc.unfreeze()
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, Widget))


async def test_repeated_searches_leave_no_widgets_behind(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # One search first: the search bar is mounted on first use.
        await pilot.press("slash", *"council", "escape")
        await pilot.pause(0.1)
        before = live_widgets()
        for _ in range(SEARCHES):
            await pilot.press("slash", *"co", "enter", "n", "escape")
            await pilot.press("slash", "x", "escape")
        await pilot.pause(0.1)
        after = live_widgets()
        assert after - before < 10, f"{after - before} widgets left behind"
