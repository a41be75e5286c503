"""Theme files: loading, validation, contrast (WCAG 2), `--theme`, `newsreader themes`.

No app runs here; the reader-side tests are in ``tests/ui/test_ui_themes.py``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.cli.themes import main as themes_main
from newsreader.cli.themes import print_themes
from newsreader.resources import default_sample, themes_dir
from newsreader.sources import load_article
from newsreader.store.locations import user_themes_dir
from newsreader.ui.palette import (
    AMBER,
    ENTITY_LABEL_GROUPS,
    OKABE_ITO,
    SPEAKER_SLOTS,
    custom_variable_names,
    theme_variable_defaults,
)
from newsreader.ui.themes import (
    DEFAULT_THEME,
    REQUIRED_KEYS,
    ThemeFileError,
    ThemeSpec,
    UnknownThemeError,
    css_value,
    load_themes,
    parse_colour,
    read_theme_file,
    startup_theme,
)
from tests.support.paths import REPO

SHIPPED = sorted(path.stem for path in themes_dir().glob("*.toml"))
DARK = """\
dark = true
primary = "#6EA8DC"
secondary = "#A995E0"
accent = "#F0AD58"
foreground = "#DDE1E6"
background = "#1B1D23"
surface = "#202329"
panel = "#2A2E36"
warning = "#EDBA5A"
error = "#F08A8A"
success = "#8FD19A"
"""
"""A minimal valid theme file."""


@pytest.fixture
def user_dir() -> Iterator[Path]:
    """The (isolated) user themes directory, created."""
    directory = user_themes_dir()
    directory.mkdir(parents=True, exist_ok=True)
    yield directory


# -- WCAG 2 contrast, computed here ----------------------------------------------

RGB = tuple[float, float, float]


def rgba(value: str) -> tuple[RGB, float]:
    """A theme colour as 0–255 channels and an alpha."""
    colour = parse_colour(value)
    return (float(colour.r), float(colour.g), float(colour.b)), colour.a


def over(base: RGB, value: str) -> RGB:
    """``value`` (possibly translucent) composited over the opaque ``base``."""
    (r, g, b), alpha = rgba(value)
    return (
        base[0] * (1 - alpha) + r * alpha,
        base[1] * (1 - alpha) + g * alpha,
        base[2] * (1 - alpha) + b * alpha,
    )


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour (channels 0–255)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    black, white = (0.0, 0.0, 0.0), (255.0, 255.0, 255.0)
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(white, white) == pytest.approx(1)
    # Reference value: #767676 is the lightest grey with 4.5:1 on white.
    assert contrast((118.0, 118.0, 118.0), white) == pytest.approx(4.54, abs=0.01)
    assert over(black, "#FFFFFF 50%") == (127.5, 127.5, 127.5)


def contrast_pairs(spec: ThemeSpec) -> list[tuple[str, float, float]]:
    """Every text/background pair the reader can show: (what, ratio, minimum).

    Text must reach 4.5:1 (7:1 in the high-contrast theme) on every background
    it can appear on: the page, the tints of the current quote, marked quotes,
    focused mentions and entities, the speaker's own band, the side pane and its
    cursor, the status line. A speaker colour must reach 3:1 against the page,
    unless the theme shows it as a band behind text (checked at 4.5:1 above).
    """
    text_min = 7.0 if spec.name == "high-contrast" else 4.5
    variables = {**theme_variable_defaults(dark=spec.dark), **spec.variables}
    page = rgba(spec.colours["background"])[0]
    surface = rgba(spec.colours["surface"])[0]
    panel = rgba(spec.colours["panel"])[0]
    foreground = rgba(spec.colours["foreground"])[0]
    tints = {
        "current quote": over(page, variables["current-quote-bg"]),
        "marked quote": over(page, variables["marked-quote-bg"]),
        "focused mention": over(page, variables["focus-mention-bg"]),
    }
    entities = {
        f"{group} entity": over(page, variables[f"entity-{group}"])
        for group in ENTITY_LABEL_GROUPS
    }
    pane = {"side pane": surface}
    for name in ("block-cursor-background", "block-cursor-blurred-background"):
        if name in variables:
            pane[name] = over(surface, variables[name])

    pairs: list[tuple[str, float, float]] = []

    def text(what: str, colour: str, backgrounds: dict[str, RGB]) -> None:
        for where, background in backgrounds.items():
            ratio = contrast(over(background, colour), background)
            pairs.append((f"{what} on {where}", ratio, text_min))

    everywhere = {"background": page, **tints, **entities}
    text("body text", spec.colours["foreground"], everywhere)
    text("byline", spec.colours["foreground"] + " 75%", {"background": page})
    text("unattributed quote", variables["quote-fg"], {**everywhere, **pane})
    for slot in range(1, SPEAKER_SLOTS + 1):
        name = f"speaker-{slot}"
        band = variables[f"{name}-bg"]
        has_band = rgba(band)[1] > 0
        own = {"its band" if has_band else "background": over(page, band)}
        backgrounds = {**own, **tints, **({} if has_band else entities)}
        text(f"{name}-fg", variables[f"{name}-fg"], backgrounds)
        text(
            f"{name}-fg (name)",
            variables[f"{name}-fg"],
            {where: over(colour, band) for where, colour in pane.items()},
        )
        marker = contrast(over(page, variables[name]), page)
        if not has_band or marker >= 3:
            pairs.append((f"{name} marker on background", marker, 3.0))
    match_fg = rgba(variables["search-match-fg"])[0]
    for name in ("search-match-bg", "search-current-bg"):
        background = over(page, variables[name])
        pairs.append(
            (f"search match on {name}", contrast(match_fg, background), text_min)
        )
    pairs.append(("body text on panel", contrast(foreground, panel), text_min))
    for name in ("accent", "error"):  # footer keys, status-line error
        colour = rgba(spec.colours[name])[0]
        pairs.append((f"{name} on panel", contrast(colour, panel), text_min))
    for name in ("progress-fg", "fallback-fg"):
        pairs.append(
            (
                f"{name} on panel",
                contrast(over(panel, variables[name]), panel),
                text_min,
            )
        )
    for name in ("gutter-fg", "marked-quote-fg"):
        pairs.append(
            (f"{name} on background", contrast(over(page, variables[name]), page), 3.0)
        )
    return pairs


# -- shipped themes -----------------------------------------------------------------


def test_at_least_the_five_kinds_ship() -> None:
    catalogue = load_themes()
    assert catalogue.errors == ()
    assert {"dark", "light", "high-contrast", "colour-blind"} <= set(catalogue.names())
    assert len(catalogue.names()) >= 5
    assert DEFAULT_THEME in catalogue
    assert catalogue.themes["dark"].dark and not catalogue.themes["light"].dark
    assert all(spec.origin == "shipped" for spec in catalogue.themes.values())


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_loads_and_defines_every_variable(name: str) -> None:
    spec = read_theme_file(themes_dir() / f"{name}.toml", "shipped")
    assert spec.name == name
    assert set(custom_variable_names()) <= set(spec.variables)
    assert set(REQUIRED_KEYS) - {"dark"} <= set(spec.colours)
    assert spec.description
    theme = spec.to_textual()
    assert theme.name == name and theme.dark == spec.dark


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_contrast(name: str) -> None:
    spec = read_theme_file(themes_dir() / f"{name}.toml", "shipped")
    pairs = contrast_pairs(spec)
    failures = [
        f"{what}: {ratio:.2f} < {minimum}"
        for what, ratio, minimum in pairs
        if ratio < minimum
    ]
    assert not failures, f"{name}: " + "; ".join(failures)
    assert len(pairs) > 80  # every speaker on every background was checked


def test_colour_blind_themes_use_okabe_ito() -> None:
    catalogue = load_themes()
    grey_like = {"#999999", "#7A7A7A"}
    dark = catalogue.themes["colour-blind"]
    speakers = [dark.variables[f"speaker-{slot}"] for slot in range(1, 8)]
    assert speakers == list(OKABE_ITO)
    assert dark.variables["speaker-8"] in grey_like
    light = catalogue.themes["colour-blind-light"]
    expected = [AMBER if colour == "#F0E442" else colour for colour in OKABE_ITO]
    assert [light.variables[f"speaker-{slot}"] for slot in range(1, 8)] == expected
    assert light.variables["speaker-8"] in grey_like


def test_palette_defaults_cover_every_variable_the_css_uses() -> None:
    css = (REPO / "newsreader/ui/newsreader.tcss").read_text()
    from newsreader.ui.widgets.article_view import ArticleView

    css += ArticleView.DEFAULT_CSS
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    used = set(re.findall(r"\$([a-z][a-z0-9-]*)", css))
    from newsreader.ui.themes import textual_variable_names

    assert used - textual_variable_names() <= set(custom_variable_names())
    assert {"marked-quote-bg", "marked-quote-fg"} <= used


# -- colours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "alpha"),
    [
        ("#56B4E9", 1.0),
        ("#56B4E9 22%", 0.22),
        ("transparent", 0.0),
        ("rgb(1, 2, 3)", 1.0),
    ],
)
def test_parse_colour(value: str, alpha: float) -> None:
    assert parse_colour(value).a == pytest.approx(alpha)


@pytest.mark.parametrize(
    "value", ["", "bogus", "#12345", "#56B4E9 120%", "#fff #000", "50%"]
)
def test_parse_colour_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_colour(value)


def test_css_value_keeps_the_opacity_in_hex() -> None:
    assert css_value("#0072B2 62%") == "#0072B29E"
    assert css_value("#0072B2") == "#0072B2"
    assert css_value("auto 87%") == "auto 87%"


# -- loader failures ---------------------------------------------------------------


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    text = DARK.replace('background = "#1B1D23"', 'background = "#12345"')
    text = text.replace('panel = "#2A2E36"\n', "")
    text += (
        'primery = "#000000"\ndark_mode = true\n'
        '[variables]\nspeaker-1 = "nope"\nquote-colour = "#FFFFFF"\n'
    )
    path = write(tmp_path, "messy", text)
    with pytest.raises(ThemeFileError) as caught:
        read_theme_file(path)
    problems = "\n".join(caught.value.problems)
    for expected in (
        "unknown key 'primery'",
        "unknown key 'dark_mode'",
        "missing key 'panel'",
        "background: '#12345' is not a colour",
        "speaker-1: 'nope' is not a colour",
        "unknown variable 'quote-colour'",
    ):
        assert expected in problems
    assert len(caught.value.problems) == 6


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('dark = "yes"\n' + DARK.split("\n", 1)[1], "'dark' must be true or false"),
        (DARK + "text_alpha = 2\n", "'text_alpha' must be between 0 and 1"),
        (DARK.replace('"#6EA8DC"', "12"), "'primary' must be a string"),
        (
            DARK.replace('"#6EA8DC"', '"#6EA8DC 50%"'),
            "primary: must be an opaque colour",
        ),
        (DARK + 'variables = "x"\n', "'variables' must be a table"),
        (
            DARK + '[variables]\nblock-cursor-text-style = "shiny"\n',
            "is not a text style",
        ),
        ("dark = true\nprimary = ", "not valid TOML"),
    ],
)
def test_invalid_files(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, "bad", text)
    with pytest.raises(ThemeFileError, match=problem):
        read_theme_file(path)


def test_textual_variables_may_be_set(tmp_path: Path) -> None:
    extra = (
        '[variables]\nblock-cursor-text-style = "bold underline"\n'
        'scrollbar = "#333333"\n'
    )
    spec = read_theme_file(write(tmp_path, "ok", DARK + extra))
    assert spec.variables["scrollbar"] == "#333333"


def test_bad_file_names_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ThemeFileError, match="file name"):
        read_theme_file(write(tmp_path, "my theme", DARK))


def test_all_broken_files_in_one_notice(user_dir: Path) -> None:
    write(user_dir, "bad-colour", DARK.replace('"#DDE1E6"', '"#GGGGGG"'))
    write(user_dir, "unknown-key", DARK + 'shadow = "#000000"\n')
    write(user_dir, "broken", "dark = true\n[variables\n")
    write(user_dir, "mine", DARK)
    (user_dir / "notes.txt").write_text("not a theme")
    catalogue = load_themes()
    assert [error.path.stem for error in catalogue.errors] == [
        "bad-colour",
        "broken",
        "unknown-key",
    ]
    assert "mine" in catalogue and set(SHIPPED) <= set(catalogue.names())
    notice = catalogue.notice()
    assert notice is not None
    assert notice.startswith("3 theme files skipped")
    for needle in (
        "bad-colour.toml",
        "'#GGGGGG' is not a colour",
        "unknown key 'shadow'",
        "broken.toml: not valid TOML",
    ):
        assert needle in notice


def test_user_theme_replaces_shipped_one(user_dir: Path) -> None:
    path = write(user_dir, "dark", DARK.replace('"#1B1D23"', '"#000000"'))
    catalogue = load_themes()
    spec = catalogue.themes["dark"]
    assert spec.origin == "user" and spec.path == path
    assert spec.replaces == themes_dir() / "dark.toml"
    assert spec.colours["background"] == "#000000"
    assert catalogue.names().count("dark") == 1


def test_broken_user_theme_keeps_the_shipped_one(user_dir: Path) -> None:
    write(user_dir, "light", "nonsense = [")
    catalogue = load_themes()
    assert catalogue.themes["light"].origin == "shipped"
    assert [error.path.stem for error in catalogue.errors] == ["light"]


# -- choosing the theme at start -------------------------------------------------


def test_startup_theme() -> None:
    catalogue = load_themes()
    assert startup_theme(None, None, catalogue) == (None, None)
    assert startup_theme(None, "sepia", catalogue) == ("sepia", None)
    assert startup_theme("light", "sepia", catalogue) == ("light", None)
    name, notice = startup_theme(None, "neon", catalogue)
    assert name is None and notice is not None and "'neon'" in notice
    with pytest.raises(UnknownThemeError, match="available themes: colour-blind"):
        startup_theme("neon", None, catalogue)


def test_unknown_theme_exits_2_with_the_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.ui import app as app_module

    def no_app(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader must not start")

    monkeypatch.setattr(app_module.NewsReaderApp, "run", no_app)
    article = load_article(str(default_sample()))
    assert app_module.run_reader(article, theme="neon") == 2
    err = capsys.readouterr().err
    assert "unknown theme 'neon'" in err
    assert "available themes: " + ", ".join(load_themes().names()) in err
    assert str(user_themes_dir()) in err


def test_cli_theme_option_unknown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli import main
    from newsreader.ui import app as app_module

    monkeypatch.setattr(app_module.NewsReaderApp, "run", None)
    assert main(["--theme", "Dark"]) == 2
    assert "available themes: colour-blind" in capsys.readouterr().err


def test_skipped_theme_named_with_theme_says_why(user_dir: Path) -> None:
    write(user_dir, "neon", DARK.replace('"#DDE1E6"', '"#GGGGGG"'))
    with pytest.raises(UnknownThemeError, match="theme 'neon' was skipped: foreground"):
        startup_theme("neon", None, load_themes())


# -- `newsreader themes` ------------------------------------------------------------


def test_themes_command_lists_themes(capsys: pytest.CaptureFixture[str]) -> None:
    assert themes_main([]) == 0
    out = capsys.readouterr().out
    rows = {
        line.split()[-4]: line.split()[-3:]
        for line in out.splitlines()[1 : len(SHIPPED) + 1]
    }
    for name in SHIPPED:
        spec = load_themes().themes[name]
        assert rows[name] == [spec.mode, "shipped", str(spec.path)]
    assert f"User themes go in: {user_themes_dir()}" in out
    assert "* in use: dark" in out


def test_themes_command_reports_user_themes_and_problems(
    user_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(user_dir, "sepia", DARK)
    write(user_dir, "broken", "x = ")
    assert themes_main([]) == 1
    captured = capsys.readouterr()
    row = next(line for line in captured.out.splitlines() if " sepia " in line)
    assert "dark" in row and "user (replaces shipped)" in row and str(user_dir) in row
    assert "broken.toml: not valid TOML" in captured.err


def test_themes_command_marks_the_configured_theme() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert print_themes(load_themes(), "sepia", out, err) == 0
    row = next(line for line in out.getvalue().splitlines() if " sepia " in line)
    assert row.startswith("*")
    assert err.getvalue() == ""


def test_themes_command_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        themes_main(["--help"])
    assert caught.value.code == 0
    assert "newsreader themes" in capsys.readouterr().out
