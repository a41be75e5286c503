"""The key footer on screen (Pilot): what fits, narrow and wide, dimmed keys,
clicks, and that a change of keys costs no mount and no layout."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget

from newsreader.ui.app import NewsReaderApp
from newsreader.ui.widgets.footer import NARROW_FOOTER, KeyFooter
from tests.ui.test_ui_terminal import screen_lines
from tests.ui.ui_helpers import AppFactory, settle

WORDS = (
    "Alpha",
    "Bravo",
    "Charlie",
    "Delta",
    "Echo",
    "Foxtrot",
    "Golf",
    "Hotel",
    "India",
    "Juliett",
    "Kilo",
    "Lima",
)


class KeysApp(App[None]):
    """Twelve keys (too many for 120 columns), one of
    them (``e``) shown but disabled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(word[0].lower(), f"note('{word}')", f"{word} long text")
        for word in WORDS
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield KeyFooter()

    def action_note(self, word: str) -> None:
        self.ran.append(word)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if parameters == ("Echo",) else True

    def bell(self) -> None:
        self.bells += 1


def footer(app: App[Any]) -> KeyFooter:
    return app.screen.query_one(KeyFooter)


def drawn(app: App[Any]) -> list[Segment]:
    """The segments of the footer's line as drawn."""
    return list(footer(app).render_line(0))


def segment_of(app: App[Any], text: str) -> Segment:
    return next(segment for segment in drawn(app) if segment.text.strip() == text)


@pytest.mark.parametrize("width", [80, 120])
async def test_keys_that_do_not_fit_are_left_out_whole(width: int) -> None:
    app = KeysApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        row = screen_lines(app)[-1]
        shown = footer(app).shown
        words = [description.split()[0] for _key, description, _ in shown]
        palette = width >= NARROW_FOOTER
        if palette:
            assert shown[-1][0] == "^p"
            assert row.rstrip().endswith(f"▏^p {shown[-1][1]}")
            words = words[:-1]
        # The first keys, in order, each whole; the rest left out.
        assert 3 <= len(words) < len(WORDS)
        assert words == list(WORDS[: len(words)])
        for word in words:
            assert f"{word[0].lower()} {word} long text" in row
        next_word = WORDS[len(words)]
        assert f" {next_word[0].lower()} " not in row
        assert next_word not in row
        assert row.startswith(footer(app).visible_text)


async def test_disabled_keys_are_dimmed_and_keys_are_bold() -> None:
    app = KeysApp()
    async with app.run_test(size=(200, 10)) as pilot:
        await pilot.pause()
        assert ("e", "Echo long text", False) in footer(app).shown
        assert ("d", "Delta long text", True) in footer(app).shown
        echo, delta = segment_of(app, "e"), segment_of(app, "d")
        assert echo.style is not None and delta.style is not None
        assert echo.style.bold and delta.style.bold
        assert echo.style.dim and not delta.style.dim
        description = segment_of(app, "Echo long text")
        assert description.style is not None and description.style.dim


async def test_clicking_a_key_presses_it_and_a_disabled_one_rings() -> None:
    app = KeysApp()
    async with app.run_test(size=(200, 10)) as pilot:
        await pilot.pause()
        text = footer(app).visible_text
        await pilot.click(KeyFooter, offset=(text.index("Charlie"), 0))
        await pilot.pause()
        assert app.ran == ["Charlie"]
        await pilot.click(KeyFooter, offset=(text.index(" b ") + 1, 0))
        await pilot.pause()
        assert app.ran == ["Charlie", "Bravo"]
        await pilot.click(KeyFooter, offset=(text.index("Echo"), 0))
        await pilot.pause()
        assert app.ran == ["Charlie", "Bravo"]
        assert app.bells == 1


async def test_reader_footer_groups_keys_and_offers_the_palette_when_wide(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        row = screen_lines(app)[-1]
        assert row.startswith(" [] Quote  s Filter to speaker  )( Check  / Search ")
        assert row.rstrip().endswith("▏^p Command palette")
        assert ("[", "Quote", True) in footer(app).shown
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        row = screen_lines(app)[-1]
        assert row.startswith(" [] Quote s Filter to speaker )( Check / Search ")
        assert "^p" not in row
        assert "^p" not in [key for key, _description, _ in footer(app).shown]


async def test_no_colour_keeps_keys_bold(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        key, description = segment_of(app, "s"), segment_of(app, "Filter to speaker")
        assert key.style is not None and key.style.bold
        assert description.style is not None and not description.style.bold


async def test_search_bar_changes_the_keys_without_mounts_or_extra_layouts(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts: list[str] = []
    lay_out = Screen._refresh_layout

    def counting(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
        layouts.append(type(screen).__name__)
        lay_out(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "escape")  # the search bar is mounted on first use
        await pilot.pause(0.2)
        before = {id(node) for node in app._registry}
        for key, offered in (("slash", "^q"), ("escape", "q")):
            layouts.clear()
            await pilot.press(key)
            await pilot.pause(0.2)
            assert offered in [k for k, _description, _ in footer(app).shown]
            # One layout: the search bar and the status line trade places.
            assert len(layouts) <= 1, layouts
        mounted = [
            node
            for node in app._registry
            if isinstance(node, Widget) and id(node) not in before
        ]
        assert mounted == []
        assert list(footer(app).children) == []


async def test_unchanged_keys_are_not_drawn_again(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        repaints = footer(app).repaint_count
        app.screen.refresh_bindings()
        await pilot.press("j", "j")
        await pilot.pause()
        assert footer(app).repaint_count == repaints
        await pilot.press("slash")
        await pilot.pause()
        assert footer(app).repaint_count > repaints


async def test_hovering_a_key_highlights_it_and_explains_it(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        resting = segment_of(app, "?")
        text = footer(app).visible_text
        await pilot.hover(KeyFooter, offset=(text.index(" ? ") + 1, 0))
        await pilot.pause()
        assert footer(app).tooltip == "Show this list of keys"
        hovered = segment_of(app, "?")
        assert hovered.style is not None and resting.style is not None
        assert hovered.style.bgcolor != resting.style.bgcolor
        await pilot.hover(KeyFooter, offset=(text.index("Quit"), 0))
        await pilot.pause()
        assert segment_of(app, "?").style == resting.style
