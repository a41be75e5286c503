"""Themes in the running reader: registration, notices, the picker, persistence,
NO_COLOR, and a snapshot of the main screen per shipped theme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from newsreader.resources import themes_dir
from newsreader.store.locations import config_file, user_themes_dir
from newsreader.store.settings import load_settings
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.palette import custom_variable_names
from newsreader.ui.themes import css_value, load_themes, startup_theme
from newsreader.ui.widgets.article_view import GUTTER_CURRENT_START, GUTTER_QUOTE
from newsreader.ui.widgets.search_bar import SearchBar
from tests.ui.ui_helpers import (
    AppFactory,
    in_256_colours,
    rendered_lines,
    settle,
    view,
)

SHIPPED = sorted(path.stem for path in themes_dir().glob("*.toml"))
SIZE = (100, 30)

GOOD = """\
dark = false
primary = "#004578"
secondary = "#0178D4"
accent = "#8A4A00"
foreground = "#111111"
background = "#FFFFFF"
surface = "#F0F0F0"
panel = "#E0E0E0"
warning = "#8A5A00"
error = "#B3261E"
success = "#1B6E3A"
"""

Notes = list[tuple[str, dict[str, Any]]]


def record_notifications(app: NewsReaderApp) -> Notes:
    """Every notification with its keyword arguments (to check markup=False)."""
    seen: Notes = []
    original: Callable[..., None] = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        seen.append((message, kwargs))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Pause until ``condition()`` holds (the palette searches asynchronously)."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")


def palette_prompts(app: App[Any]) -> list[str]:
    """The plain text of the options in the open command palette."""
    found = app.screen.query(CommandList)
    if not isinstance(app.screen, CommandPalette) or not found:
        return []
    command_list = found.first()
    return [
        str(command_list.get_option_at_index(index).prompt).split("\n")[0]
        for index in range(command_list.option_count)
    ]


async def pick_theme(pilot: Pilot[Any], name: str) -> None:
    """ctrl+p → "Theme" → ``name``, as a user would."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*"theme")
    await wait_for(pilot, lambda: "Theme" in palette_prompts(app))
    await pilot.press("enter")
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, CommandPalette) and name in palette_prompts(app),
    )
    await pilot.press(*name)
    await wait_for(pilot, lambda: palette_prompts(app)[:1] == [name])
    await pilot.press("enter")
    await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
    await pilot.pause()


# -- registration -----------------------------------------------------------------


async def test_default_theme_is_the_shipped_dark(make_app: AppFactory) -> None:
    app = make_app()
    app.theme = "dark"
    fresh = NewsReaderApp(app.article, services=app.services)
    assert fresh.theme == "dark"
    for name in SHIPPED:
        assert name in fresh.available_themes


@pytest.mark.parametrize("name", SHIPPED)
async def test_each_theme_sets_every_variable(make_app: AppFactory, name: str) -> None:
    app = make_app()
    app.theme = name
    spec = app.theme_catalogue.themes[name]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        variables = app.get_css_variables()
        for variable in custom_variable_names():
            assert variables[variable] == css_value(spec.variables[variable])
        assert app.current_theme.background == spec.colours["background"]
        assert app.current_theme.dark == spec.dark


async def test_switching_theme_restyles_the_article(make_app: AppFactory) -> None:
    app = make_app()
    app.theme = "dark"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_view = view(app)
        before = article_view._style(("article--speaker-1",))
        app.theme = "colour-blind-light"
        await pilot.pause()
        await pilot.pause()
        after = article_view._style(("article--speaker-1",))
        assert before != after
        assert after.bgcolor is not None  # the colour-blind-light band


# -- problems with theme files -----------------------------------------------------


async def test_broken_user_themes_give_one_notice(make_app: AppFactory) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "bad-colour.toml").write_text(GOOD.replace('"#111111"', '"#11111"'))
    (folder / "extra-key.toml").write_text(GOOD + 'glow = "#FFFFFF"\n')
    (folder / "broken.toml").write_text("dark = \n")
    (folder / "paper.toml").write_text(GOOD)
    app = make_app()
    seen = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        theme_notices = [note for note in seen if "theme file" in note[0]]
        assert len(theme_notices) == 1
        message, options = theme_notices[0]
        assert options["markup"] is False
        assert message.startswith("3 theme files skipped")
        for needle in ("bad-colour.toml", "extra-key.toml", "broken.toml"):
            assert needle in message
        assert "unknown key 'glow'" in message
        # The reader still works, with every good theme.
        assert GUTTER_QUOTE in "".join(rendered_lines(app))
        assert "paper" in app.available_themes
        app.theme = "paper"
        await pilot.pause()
        assert app.current_theme.background == "#FFFFFF"


async def test_user_theme_replaces_a_shipped_one(make_app: AppFactory) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "light.toml").write_text(GOOD.replace('"#FFFFFF"', '"#FFFFF0"'))
    app = make_app()
    app.theme = "light"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_theme.background == "#FFFFF0"
        assert app.theme_catalogue.themes["light"].origin == "user"


async def test_unknown_theme_name_falls_back_with_a_notice(
    make_app: AppFactory,
) -> None:
    app = make_app()
    fallback = NewsReaderApp(app.article, services=app.services, theme="neon")
    seen = record_notifications(fallback)
    async with fallback.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert fallback.theme == "dark"
        assert any("Unknown theme 'neon'" in message for message, _ in seen)


# -- switching from the palette -----------------------------------------------------


async def test_palette_lists_newsreader_themes_only(make_app: AppFactory) -> None:
    app = make_app()
    app.theme = "dark"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.search_themes()
        await wait_for(pilot, lambda: len(palette_prompts(app)) == len(SHIPPED))
        assert sorted(palette_prompts(app)) == SHIPPED
        assert "textual-dark" not in palette_prompts(app)


async def test_palette_switch_persists_to_config(make_app: AppFactory) -> None:
    app = make_app()
    app.theme = "dark"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not config_file().exists()
        await pick_theme(pilot, "sepia")
        assert app.theme == "sepia"
        assert 'theme = "sepia"' in config_file().read_text()
    # Next run: the saved theme is used.
    settings = load_settings()
    assert settings.theme == "sepia"
    name, notice = startup_theme(None, settings.theme, load_themes())
    assert (name, notice) == ("sepia", None)
    again = NewsReaderApp(app.article, services=app.services, theme=name)
    assert again.current_theme.name == "sepia"


async def test_palette_switch_keeps_other_settings(make_app: AppFactory) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('model = "en_core_web_sm"\ntheme = "light"\n')
    app = make_app()
    app.theme = "light"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.choose_theme("high-contrast")  # what the picker calls
        await pilot.pause()
    settings = load_settings()
    assert settings.theme == "high-contrast"
    assert settings.model == "en_core_web_sm"


async def test_theme_given_for_one_run_is_not_saved(make_app: AppFactory) -> None:
    app = make_app()
    app.theme = "light"  # as with --theme light
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not config_file().exists()
        app.theme = "colour-blind"  # any later change is the user's choice
        await pilot.pause()
        await pilot.pause()
    assert load_settings().theme == "colour-blind"


async def test_unparsable_config_is_reported_and_kept(make_app: AppFactory) -> None:
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    original = b'export_dir = "~/clips"\n[keymap\n'
    path.write_bytes(original)
    app = make_app()
    app.theme = "dark"
    seen = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.choose_theme("light")
        await pilot.pause()
        assert app.theme == "light"
        errors = [(m, o) for m, o in seen if "not saved" in m]
        assert [m for m, _ in errors] == [
            f"{path} is not valid TOML (line 2): theme not saved"
        ]
        assert errors[0][1]["severity"] == "error"
        assert errors[0][1]["markup"] is False
    assert path.read_bytes() == original


# -- no colour ------------------------------------------------------------------------


async def test_no_color_keeps_every_highlight_distinct(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    app.theme = "dark"
    async with app.run_test(size=SIZE) as pilot:
        await _highlights(pilot)
        assert app.no_color
        article_view = view(app)

        def style(*names: str) -> Any:
            return article_view._style(names)

        quote = style("article--speaker-1", "article--quote")
        assert quote.underline
        assert style("article--speaker-1", "article--speaker").bold
        assert style("article--current-quote").bold
        assert style("article--speaker-1", "article--marked").bold
        match = style("article--search-match")
        current = style("article--search-current")
        assert match.reverse and not match.bold
        assert current.reverse and current.bold and current.italic
        # A reversed block needs a light text colour on a dark page (or the
        # reverse): the tint's own dark-on-yellow pair would cancel out.
        assert match.color is not None and match.bgcolor is not None
        assert match.color.triplet != match.bgcolor.triplet
        lines = "\n".join(rendered_lines(app))
        assert GUTTER_QUOTE in lines and GUTTER_CURRENT_START in lines
        assert "✓" in lines


async def _highlights(pilot: Pilot[Any]) -> None:
    """A marked quote, a current quote and a search (matches in and out of quotes)."""
    await settle(pilot)
    await pilot.press("right_square_bracket", "v")
    await pilot.press("right_square_bracket", "right_square_bracket")
    await pilot.press("slash")
    pilot.app.screen.query_one(SearchBar).input.value = "bridge"  # faster than typing
    await pilot.press("enter", "n")
    await pilot.pause()
    await pilot.pause()


# -- snapshots ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_snapshot_per_theme(snap_compare: Any, make_app: AppFactory, name: str) -> None:
    app = make_app()
    app.theme = name
    assert snap_compare(app, terminal_size=SIZE, run_before=_highlights)


@pytest.mark.parametrize("name", SHIPPED)
def test_snapshot_per_theme_256_colours(
    snap_compare: Any, make_app: AppFactory, name: str
) -> None:
    """As tmux shows it by default: current, marked and search stay distinct."""
    app = in_256_colours(make_app())
    app.theme = name
    assert snap_compare(app, terminal_size=SIZE, run_before=_highlights)


def test_snapshot_no_color(
    snap_compare: Any, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    app.theme = "dark"
    assert snap_compare(app, terminal_size=SIZE, run_before=_highlights)


def test_snapshots_use_the_shipped_files() -> None:
    assert Path(themes_dir()).is_dir() and len(SHIPPED) >= 5
