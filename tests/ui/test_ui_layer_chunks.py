"""Long articles: quote highlights and marked rows are built a chunk at a time."""

from __future__ import annotations

import pytest

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens import reader as reader_module
from tests.ui.ui_helpers import AppFactory, quote_rows, reader, settle, view


def layer_size(app: NewsReaderApp, name: str) -> int:
    layer = view(app).highlights.layer(name)
    return 0 if layer is None else len(layer)


async def test_every_quote_is_highlighted_once_the_chunks_are_built(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five quotes in chunks of two, only the first quote near the top.
    monkeypatch.setattr(reader_module, "QUOTE_LAYER_CHUNK", 2)
    monkeypatch.setattr(reader_module, "NEAR_VIEW_CHARS", 200)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert layer_size(app, "quotes") == 5
        assert layer_size(app, "speakers") > 0


async def test_a_newer_rebuild_replaces_one_still_in_progress(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_module, "QUOTE_LAYER_CHUNK", 2)
    monkeypatch.setattr(reader_module, "NEAR_VIEW_CHARS", 200)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        screen = reader(app)
        screen.go_to_quote(0)
        screen.set_speaker_filter("Maria Lopez")  # 3 of the 5 quotes
        await pilot.pause(0.3)
        assert layer_size(app, "quotes") == 3
        screen.set_speaker_filter(None)
        screen.set_speaker_filter("Maria Lopez")  # before the first build ends
        await pilot.pause(0.3)
        assert layer_size(app, "quotes") == 3


async def test_marking_every_quote_ticks_every_row_with_the_latest_marks(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("V")
        await pilot.press("right_square_bracket", "v")  # unmark quote 1 meanwhile
        await pilot.pause(0.3)
        rows = quote_rows(app)
        assert not rows["quote-0"].startswith("▌✓")
        assert all(rows[f"quote-{i}"].startswith("▌✓") for i in range(1, 5))
