"""Every shipped theme keeps quote states and speakers apart in truecolor, 256
and 16 colours, as a terminal with each colour system shows them."""

from __future__ import annotations

import pytest
from textual.color import Color

from newsreader.resources import themes_dir
from newsreader.ui.colour_check import (
    ANSI_SPEAKERS_DARK,
    ANSI_SPEAKERS_LIGHT,
    ansi16_variables,
    delta_e,
    delta_e_lab,
    downgrade,
    seen_colours,
    theme_problems,
)
from newsreader.ui.palette import SPEAKER_SLOTS
from newsreader.ui.themes import load_themes

SHIPPED = sorted(path.stem for path in themes_dir().glob("*.toml"))


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("system", ["truecolor", "256"])
def test_theme_keeps_its_meaning(name: str, system: str) -> None:
    spec = load_themes().themes[name]
    problems = theme_problems(spec.colours, spec.dark, spec.variables, system)  # type: ignore[arg-type]
    assert problems == []


@pytest.mark.parametrize("name", SHIPPED)
def test_current_and_marked_never_share_a_256_colour_index(name: str) -> None:
    spec = load_themes().themes[name]
    seen = seen_colours(spec.colours["background"], spec.dark, spec.variables, "256")
    assert len({seen.states[state].hex for state in seen.states}) == len(seen.states)


def test_the_old_dark_tints_collapsed_in_256_colours() -> None:
    """The check fails on the tints that became one teal in tmux."""
    spec = load_themes().themes["dark"]
    old = {
        **spec.variables,
        "current-quote-bg": "#77AADD 17%",
        "marked-quote-bg": "#44BB99 17%",
    }
    problems = theme_problems(spec.colours, True, old, "256")
    assert any("current and marked backgrounds look alike" in p for p in problems)
    assert theme_problems(spec.colours, True, old, "truecolor") != []  # too faint


def test_a_pink_side_pane_is_caught() -> None:
    spec = load_themes().themes["sepia"]
    colours = {**spec.colours, "surface": "#EDE3CB"}
    problems = theme_problems(colours, False, spec.variables, "256")
    assert any("surface #EDE3CB becomes #FFD7D7" in p for p in problems)


@pytest.mark.parametrize("dark", [True, False])
def test_sixteen_colours_give_each_speaker_its_own_ansi_colour(dark: bool) -> None:
    variables = ansi16_variables(dark=dark)
    speakers = [variables[f"speaker-{slot}"] for slot in range(1, SPEAKER_SLOTS + 1)]
    assert len(set(speakers)) == SPEAKER_SLOTS
    assert speakers == list(ANSI_SPEAKERS_DARK if dark else ANSI_SPEAKERS_LIGHT)
    assert all(Color.parse(colour).ansi is not None for colour in speakers)
    assert variables["current-quote-bg"] == "transparent"


def test_sixteen_colours_would_merge_theme_tints() -> None:
    """Why 16 colours use text styles: the dark theme's tints all become one."""
    spec = load_themes().themes["dark"]
    problems = theme_problems(spec.colours, True, spec.variables, "16")
    assert any("backgrounds look alike" in problem for problem in problems)


def test_downgrade_uses_the_256_colour_cube() -> None:
    assert downgrade(Color.parse("#252B5A"), "256").hex == "#00005F"
    assert downgrade(Color.parse("#1E4A2A"), "256").hex == "#005F00"


def test_ciede2000_reference_pairs() -> None:
    """Pairs from Sharma, Wu and Dalal's CIEDE2000 test data."""
    assert delta_e_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(
        2.0425, abs=1e-4
    )
    assert delta_e_lab(
        (60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)
    ) == pytest.approx(1.2644, abs=1e-4)
    assert delta_e(Color(0, 0, 0), Color(0, 0, 0)) == 0
