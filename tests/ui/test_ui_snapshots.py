"""SVG snapshots of the reader (review the SVGs when they change)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.ui.ui_helpers import AppFactory, settle


async def _loaded(pilot: Pilot[Any]) -> None:
    await settle(pilot)


async def _quote_selected(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press(
        "right_square_bracket", "right_square_bracket", "right_square_bracket"
    )
    await pilot.pause()


def test_main_screen_loaded(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_loaded)


def test_quote_selected(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_quote_selected)


def test_small_terminal(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_quote_selected)
