"""Side-pane lists fill a chunk per frame and change many prompts in one batch."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.css.styles import RulesMap
from textual.pilot import Pilot
from textual.strip import Strip
from textual.style import Style
from textual.widgets.option_list import Option

import newsreader.ui.screens.reader as reader_module
from newsreader.ui.widgets.side_pane import FILL_CHUNK, PaneList
from tests.ui.ui_helpers import AppFactory, pane, reader, settle

MANY = FILL_CHUNK * 6 + 7


class ListApp(App[None]):
    """One pane list on its own."""

    def compose(self) -> ComposeResult:
        yield PaneList(id="list")


def options(count: int, built: list[int]) -> Iterator[Option]:
    """``count`` options, recording which were built (they are built lazily)."""
    for number in range(count):
        built.append(number)
        yield Option(Content(f"option {number}"), id=f"option-{number}")


async def test_a_long_list_is_filled_a_chunk_per_frame() -> None:
    app = ListApp()
    async with app.run_test() as pilot:
        option_list = app.query_one(PaneList)
        built: list[int] = []
        option_list.fill(options(MANY, built))
        # Only the first chunk is built and added before the next frame.
        assert option_list.option_count == FILL_CHUNK
        assert len(built) <= FILL_CHUNK + 1
        assert option_list.filling
        for _ in range(20):
            await pilot.pause()
        assert option_list.option_count == MANY
        assert not option_list.filling
        assert option_list.chunks_added == MANY // FILL_CHUNK + 1


async def test_an_option_not_yet_added_can_be_reached_at_once() -> None:
    app = ListApp()
    async with app.run_test():
        option_list = app.query_one(PaneList)
        option_list.fill(options(MANY, []))
        assert option_list.ensure_option(f"option-{MANY - 1}")
        assert option_list.option_count == MANY
        assert not option_list.ensure_option("option-missing")


async def test_refilling_drops_the_old_pending_options() -> None:
    app = ListApp()
    async with app.run_test() as pilot:
        option_list = app.query_one(PaneList)
        option_list.fill(options(MANY, []))
        option_list.fill([Option(Content("only"), id="only")])
        for _ in range(10):
            await pilot.pause()
        assert [option.id for option in option_list.options] == ["only"]


async def test_mark_all_changes_the_quote_list_in_one_batch(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quote_list = pane(app).list_for("quotes")
        batches = quote_list.prompt_batches
        await pilot.press("V")
        await pilot.pause()
        assert quote_list.prompt_batches == batches + 1
        prompts = [
            str(quote_list.prompt(option.id))
            for option in quote_list.options
            if option.id
        ]
        assert prompts and all("✓" in prompt for prompt in prompts)


def two_line_options(count: int) -> list[Option]:
    return [
        Option(Content(f"speaker {n}\n  quote {n}"), id=f"option-{n}")
        for n in range(count)
    ]


async def filled_list(pilot: Pilot[None], app: ListApp, count: int) -> PaneList:
    """The app's list once ``count`` two-line options are all added."""
    option_list = app.query_one(PaneList)
    option_list.fill(two_line_options(count))
    for _ in range(count // FILL_CHUNK + 3):
        await pilot.pause()
    return option_list


def shown_rows(option_list: PaneList) -> list[str]:
    height = option_list.scrollable_content_region.height
    return [option_list.render_line(y).text.rstrip() for y in range(height)]


async def test_new_prompts_of_the_same_height_are_shown_without_re_measuring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = await filled_list(pilot, app, 50)
        assert len(option_list._line_cache.lines) == 100
        measured: list[Content] = []
        get_height = Content.get_height

        def counted(self: Content, rules: RulesMap, width: int) -> int:
            measured.append(self)
            return get_height(self, rules, width)

        monkeypatch.setattr(Content, "get_height", counted)
        option_list.defer_prompts(
            ["option-0", "option-1"],
            lambda option_id: Content(
                f"speaker {option_id[-1]} ✓\n  quote {option_id[-1]}"
            ),
        )
        await pilot.pause()
        # No option was measured again (at 17,000 quotes re-measuring the
        # list is a visible stall), and the new prompts are on screen.
        assert measured == []
        rows = shown_rows(option_list)
        assert rows[:4] == ["speaker 0 ✓", "  quote 0", "speaker 1 ✓", "  quote 1"]


async def test_a_prompt_that_changes_height_moves_the_options_below() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = await filled_list(pilot, app, 10)
        option_list.defer_prompts(
            ["option-0"], lambda option_id: Content("speaker 0\n  a\n  b")
        )
        await pilot.pause()
        rows = shown_rows(option_list)
        assert rows[:5] == ["speaker 0", "  a", "  b", "speaker 1", "  quote 1"]
        assert option_list.virtual_size.height == 21


def tracked(thing: object) -> bool:
    """Whether the cyclic GC would walk ``thing`` in a full collection."""
    return any(candidate is thing for candidate in gc.get_objects())


async def test_long_built_lists_are_kept_out_of_full_collections(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sample's 5 quotes stand in for a long article's thousands.
    monkeypatch.setattr(reader_module, "FREEZE_AFTER", 5)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quote_list = pane(app).list_for("quotes")
        first = quote_list.options[0]
        assert first.id is not None
        assert not tracked(first) and not tracked(quote_list.prompt(first.id))


async def test_short_lists_freeze_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        frozen = gc.get_freeze_count()
        reader(app).set_speaker_filter("Maria Lopez")
        for _ in range(5):
            await pilot.pause()
        assert gc.get_freeze_count() <= frozen  # frozen objects may be freed


async def test_rows_off_screen_are_rebuilt_only_when_drawn_or_read() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = await filled_list(pilot, app, 200)
        built: list[str] = []

        def build(option_id: str) -> Content:
            built.append(option_id)
            number = option_id.removeprefix("option-")
            return Content(f"speaker {number} ✓\n  quote {number}")

        option_list.defer_prompts([f"option-{n}" for n in range(200)], build)
        await pilot.pause()
        # Only the rows on screen were built for the frame.
        assert 0 < len(built) <= 12
        assert shown_rows(option_list)[0] == "speaker 0 ✓"
        # A row far down is built when read, with the same builder.
        assert str(option_list.prompt("option-150")) == "speaker 150 ✓\n  quote 150"
        assert "option-150" in built and len(built) <= 13


async def test_a_filled_list_builds_only_the_prompts_it_draws() -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = app.query_one(PaneList)
        built: list[str] = []

        def build(option_id: str) -> Content:
            built.append(option_id)
            number = option_id.removeprefix("option-")
            return Content(f"speaker {number}\n  quote {number}")

        placeholder = Content("\n")
        option_list.fill(
            (Option(placeholder, id=f"option-{n}") for n in range(MANY)), build=build
        )
        for _ in range(20):
            await pilot.pause()
        assert option_list.option_count == MANY
        assert shown_rows(option_list)[:3] == ["speaker 0", "  quote 0", "speaker 1"]
        # A screenful (12 rows of 2-line options), not the whole list.
        assert 0 < len(set(built)) <= 7
        option_list.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert f"speaker {MANY - 1}" in shown_rows(option_list)
        assert len(set(built)) <= 14


async def test_building_a_row_when_drawn_keeps_the_other_drawn_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ListApp()
    async with app.run_test(size=(40, 12)) as pilot:
        option_list = app.query_one(PaneList)
        placeholder = Content("\n")
        option_list.fill(
            (Option(placeholder, id=f"option-{n}") for n in range(100)),
            build=lambda option_id: Content(f"{option_id}\n  quote"),
        )
        for _ in range(5):
            await pilot.pause()
        drawn: list[str | None] = []
        get_render = PaneList._get_option_render

        def counted(self: PaneList, option: Option, style: Style) -> list[Strip]:
            cached = self._option_render_cache.keys()
            if not any(key[0] is option for key in cached):
                drawn.append(option.id)
            return get_render(self, option, style)

        monkeypatch.setattr(PaneList, "_get_option_render", counted)
        option_list.scroll_to(y=2, animate=False, immediate=True)
        await pilot.pause()
        # One option came into view and was built and drawn ...
        assert drawn and len(set(drawn)) == 1
        # ... and building it threw away no other drawn row.
        drawn.clear()
        option_list.refresh()
        await pilot.pause()
        assert drawn == []
