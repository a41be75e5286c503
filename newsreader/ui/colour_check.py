"""Whether a theme keeps its meaning in truecolor, 256 and 16 colours.

A terminal without truecolor gets every colour rounded to its palette (Rich's
:meth:`rich.color.Color.downgrade`, which Textual's output goes through): the
6×6×6 cube and grey ramp of 256 colours, or the 16 ANSI colours. Two tints
that differ in truecolor can land on the same 256-colour index, and a speaker
colour can land on another speaker's.

:func:`theme_problems` computes the colours a reader actually sees for the
states of a quote (page, current, marked, verified, search match) and for each
speaker, rounds them as the terminal would, and checks that

* the state backgrounds differ from each other and from the page by at least
  :data:`MIN_STATE_DELTA` (CIEDE2000),
* the speakers differ from each other by at least :data:`MIN_SPEAKER_DELTA`,
* every speaker's text keeps a contrast ratio of :data:`MIN_TEXT_CONTRAST` on
  the page and on the current-quote band.

In 16 colours the reader does not rely on theme tints at all (see
:func:`ansi16_variables`): the terminal's own palette is unknown, so states are
shown by text style and speakers take the terminal's named ANSI colours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Final, Literal

from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color

from newsreader.ui.palette import SPEAKER_SLOTS, theme_variable_defaults

System = Literal["truecolor", "256", "16"]
"""The colour systems a theme is checked in."""

SYSTEMS: Final[tuple[System, ...]] = ("truecolor", "256", "16")

MIN_STATE_DELTA: Final = 5.0
"""Smallest CIEDE2000 difference between two quote-state backgrounds."""

MIN_CURRENT_DELTA: Final = 10.0
"""Smallest CIEDE2000 difference between the current quote's band and the page:
the current quote must stand out by more than its gutter marker."""

MIN_SPEAKER_DELTA: Final = 8.0
"""Smallest CIEDE2000 difference between two speakers' colours."""

MIN_TEXT_CONTRAST: Final = 3.0
"""Smallest WCAG contrast ratio of quote text on its background."""

MAX_SURFACE_DRIFT: Final = 10.0
"""Largest CIEDE2000 shift of the page, side pane or bars when rounded to a
palette (a cream page must not turn pink)."""

SURFACES: Final = ("background", "surface", "panel")
"""Theme colours that fill large areas."""

STATES: Final = ("page", "current", "marked", "verified", "search")
"""Quote-state backgrounds, in the order they are reported."""

_RICH_SYSTEM: Final = {"256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}


@dataclass(frozen=True, slots=True)
class SeenColours:
    """The colours a reader sees for one theme in one colour system."""

    states: Mapping[str, Color]
    """Background of the page and of each quote state."""
    speakers: tuple[Color, ...]
    """Each speaker's identifying colour (band if the theme has one, else text)."""
    speaker_text: tuple[Color, ...]
    """Each speaker's quote-text colour."""


def parse(value: str) -> Color:
    """A theme value (``"#77AADD 17%"``, ``"transparent"``) as a colour."""
    from newsreader.ui.themes import parse_colour

    return parse_colour(value)


def downgrade(colour: Color, system: System) -> Color:
    """``colour`` as a terminal with ``system`` shows it (opaque)."""
    if system == "truecolor":
        return colour.with_alpha(1.0)
    rich = RichColor.from_rgb(colour.r, colour.g, colour.b).downgrade(
        _RICH_SYSTEM[system]
    )
    red, green, blue = rich.get_truecolor()
    return Color(red, green, blue)


def theme_variables(dark: bool, variables: Mapping[str, str]) -> dict[str, str]:
    """The theme's variables over the reader's defaults."""
    return {**theme_variable_defaults(dark=dark), **variables}


def seen_colours(
    background: str, dark: bool, variables: Mapping[str, str], system: System
) -> SeenColours:
    """Blend each tint over the page as the article view does, then downgrade."""
    values = theme_variables(dark, variables)
    page = parse(background)

    def over(base: Color, name: str) -> Color:
        return base + parse(values[name])

    states = {
        "page": page,
        "current": over(page, "current-quote-bg"),
        "marked": over(page, "marked-quote-bg"),
        "verified": over(page, "verified-quote-bg"),
        "search": over(page, "search-match-bg"),
    }
    speakers: list[Color] = []
    texts: list[Color] = []
    for slot in range(1, SPEAKER_SLOTS + 1):
        band = parse(values[f"speaker-{slot}-bg"])
        text = over(page + band, f"speaker-{slot}-fg")
        speakers.append(page + band if band.a > 0 else text)
        texts.append(text)
    return SeenColours(
        {name: downgrade(colour, system) for name, colour in states.items()},
        tuple(downgrade(colour, system) for colour in speakers),
        tuple(downgrade(colour, system) for colour in texts),
    )


def theme_problems(
    colours: Mapping[str, str],
    dark: bool,
    variables: Mapping[str, str],
    system: System,
) -> list[str]:
    """What is lost when the theme is shown in ``system`` (empty: nothing).

    Args:
        colours: The theme's Textual colours (``background``, ``surface`` …).
        dark: Whether the theme is dark.
        variables: The theme's variables (the reader's defaults fill the rest).
        system: The colour system to check in.
    """
    seen = seen_colours(colours["background"], dark, variables, system)
    problems: list[str] = []
    for name in SURFACES:
        if name not in colours:
            continue
        original = parse(colours[name])
        shown = downgrade(original, system)
        drift = delta_e(original, shown)
        if drift > MAX_SURFACE_DRIFT:
            problems.append(
                f"{system}: {name} {original.hex} becomes {shown.hex} (ΔE {drift:.1f})"
            )
    for first, second in combinations(STATES, 2):
        distance = delta_e(seen.states[first], seen.states[second])
        if distance < MIN_STATE_DELTA:
            problems.append(
                f"{system}: {first} and {second} backgrounds look alike "
                f"(ΔE {distance:.1f}: {seen.states[first].hex} / "
                f"{seen.states[second].hex})"
            )
    lift = delta_e(seen.states["current"], seen.states["page"])
    if lift < MIN_CURRENT_DELTA:
        problems.append(
            f"{system}: the current quote's band is too faint (ΔE {lift:.1f})"
        )
    for (one, colour_one), (two, colour_two) in combinations(
        enumerate(seen.speakers, start=1), 2
    ):
        distance = delta_e(colour_one, colour_two)
        if distance < MIN_SPEAKER_DELTA:
            problems.append(
                f"{system}: speakers {one} and {two} look alike "
                f"(ΔE {distance:.1f}: {colour_one.hex} / {colour_two.hex})"
            )
    for slot, text in enumerate(seen.speaker_text, start=1):
        for state in ("page", "current"):
            ratio = contrast_ratio(text, seen.states[state])
            if ratio < MIN_TEXT_CONTRAST:
                problems.append(
                    f"{system}: speaker {slot} text on the {state} background "
                    f"has contrast {ratio:.2f}"
                )
    return problems


# -- 16 colours ------------------------------------------------------------------

ANSI_SPEAKERS_DARK: Final = (
    "ansi_bright_yellow",
    "ansi_bright_cyan",
    "ansi_bright_green",
    "ansi_bright_magenta",
    "ansi_bright_red",
    "ansi_bright_blue",
    "ansi_yellow",
    "ansi_white",
)
"""Speaker colours on a dark theme in 16 colours: the terminal's own."""

ANSI_SPEAKERS_LIGHT: Final = (
    "ansi_red",
    "ansi_blue",
    "ansi_green",
    "ansi_magenta",
    "ansi_cyan",
    "ansi_yellow",
    "ansi_bright_blue",
    "ansi_bright_black",
)
"""Speaker colours on a light theme in 16 colours."""


def terminal_has_sixteen_colours() -> bool:
    """Whether the terminal (as Textual will detect it) has only 16 colours."""
    from rich.console import Console
    from textual import constants

    requested = constants.COLOR_SYSTEM
    if requested in ("standard", "windows"):
        return True
    if requested in ("256", "truecolor"):
        return False
    return Console(force_terminal=True).color_system in ("standard", "windows")


def ansi16_variables(*, dark: bool) -> dict[str, str]:
    """Variables that replace a theme's tints when the terminal has 16 colours.

    Each speaker gets a distinct named ANSI colour, which the terminal draws
    from its own palette (so it is legible on the terminal's own background).
    The quote states lose their tints; the article view shows them by text
    style instead (``.-ansi16`` rules in ``newsreader.tcss``).
    """
    speakers = ANSI_SPEAKERS_DARK if dark else ANSI_SPEAKERS_LIGHT
    variables: dict[str, str] = {}
    for slot, colour in enumerate(speakers, start=1):
        variables[f"speaker-{slot}"] = colour
        variables[f"speaker-{slot}-fg"] = colour
        variables[f"speaker-{slot}-bg"] = "transparent"
    for name in (
        "current-quote-bg",
        "marked-quote-bg",
        "verified-quote-bg",
        "focus-mention-bg",
        "entity-person",
        "entity-org",
        "entity-place",
        "entity-other",
    ):
        variables[name] = "transparent"
    variables["marked-quote-fg"] = "ansi_green" if not dark else "ansi_bright_green"
    variables["verified-quote-fg"] = "ansi_blue" if not dark else "ansi_bright_cyan"
    variables["search-match-bg"] = "ansi_yellow"
    variables["search-match-fg"] = "ansi_black"
    variables["search-current-bg"] = "ansi_bright_red" if dark else "ansi_red"
    return variables


# -- colour science ---------------------------------------------------------------


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Color) -> float:
    """WCAG relative luminance (0 black … 1 white)."""
    red, green, blue = (_linear(c) for c in (colour.r, colour.g, colour.b))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    one, two = sorted((relative_luminance(first), relative_luminance(second)))
    return (two + 0.05) / (one + 0.05)


def to_lab(colour: Color) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    red, green, blue = (_linear(c) for c in (colour.r, colour.g, colour.b))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: Color, second: Color) -> float:
    """CIEDE2000 colour difference (about 2.3 is just noticeable)."""
    return delta_e_lab(to_lab(first), to_lab(second))


def delta_e_lab(
    first: tuple[float, float, float], second: tuple[float, float, float]
) -> float:
    """CIEDE2000 difference of two CIE L*a*b* colours."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    delta_l = l2 - l1
    delta_c = c2p - c1p
    if c1p * c2p == 0:
        delta_h_angle = 0.0
    elif abs(h2p - h1p) <= 180:
        delta_h_angle = h2p - h1p
    elif h2p - h1p > 180:
        delta_h_angle = h2p - h1p - 360
    else:
        delta_h_angle = h2p - h1p + 360
    delta_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(delta_h_angle / 2))
    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    if c1p * c2p == 0:
        hp_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hp_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        hp_mean = (h1p + h2p + 360) / 2
    else:
        hp_mean = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_mean - 30))
        + 0.24 * math.cos(math.radians(2 * hp_mean))
        + 0.32 * math.cos(math.radians(3 * hp_mean + 6))
        - 0.20 * math.cos(math.radians(4 * hp_mean - 63))
    )
    delta_theta = 30 * math.exp(-(((hp_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * delta_theta)) * r_c
    return math.sqrt(
        (delta_l / s_l) ** 2
        + (delta_c / s_c) ** 2
        + (delta_h / s_h) ** 2
        + r_t * (delta_c / s_c) * (delta_h / s_h)
    )
