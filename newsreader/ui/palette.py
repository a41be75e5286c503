"""The reader's colours: defaults for every custom theme variable.

This is the only UI module holding colour values. Widgets refer to colours as
CSS variables (``$speaker-1``, ``$search-match-bg`` …) and the app declares the
defaults below through :meth:`App.get_theme_variable_defaults`, so a theme file
can override any of them.

Speakers use the Okabe–Ito palette, which stays distinguishable for the common
colour-vision deficiencies, plus grey for speakers beyond the seventh. Colour is
never the only cue: quotes are also underlined, speaker mentions bold, the
current quote marked in the gutter, and search matches bold.

Each speaker slot has three variables: ``speaker-N`` is the speaker's colour
(gutter and side-pane markers), ``speaker-N-fg`` the colour of their quote text
and mentions, and ``speaker-N-bg`` a tint behind that text (transparent unless a
theme shows a colour that is too dark or too light for text as a band instead).
The shipped theme files in ``themes/`` set every variable.
"""

from __future__ import annotations

from typing import Final

OKABE_ITO: Final = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#0072B2",  # blue: least legible on dark backgrounds, so used last
)
"""The seven Okabe–Ito colours, in the order speakers receive them."""

AMBER: Final = "#F5C710"
"""Replaces the pale yellow on light backgrounds, where yellow text is weak."""

GREY: Final = "#999999"
"""Colour of the eighth and later speakers."""

TRANSPARENT: Final = "#00000000"
"""No colour: the default ``speaker-N-bg`` (no band behind quote text)."""

SPEAKER_SLOTS: Final = 8
"""Number of ``speaker-N`` variables: seven Okabe–Ito colours plus grey."""

ENTITY_LABEL_GROUPS: Final = ("person", "org", "place", "other")
"""Suffixes of the ``entity-*`` variables, one per side-pane entity group."""


def speaker_variable(slot: int) -> str:
    """The CSS variable name of speaker colour ``slot`` (1-based)."""
    return f"speaker-{slot}"


def theme_variable_defaults(*, dark: bool) -> dict[str, str]:
    """Default values of every custom variable the reader's CSS uses.

    Args:
        dark: Whether the active theme is dark; a few defaults differ so that
            text stays legible on light backgrounds.

    Returns:
        Variable name (without ``$``) to CSS colour value.
    """
    speakers = list(OKABE_ITO)
    if not dark:
        speakers[3] = AMBER
    variables: dict[str, str] = {}
    for slot, colour in enumerate([*speakers, GREY], start=1):
        name = speaker_variable(slot)
        variables[name] = colour
        variables[f"{name}-fg"] = colour
        variables[f"{name}-bg"] = TRANSPARENT
    variables.update(
        {
            "quote-fg": "#B0B0B0" if dark else "#505050",
            "gutter-fg": "#707070" if dark else "#909090",
            "current-quote-bg": "#56B4E9 22%" if dark else "#56B4E9 18%",
            "search-match-bg": "#F0E442",
            "search-match-fg": "#000000",
            "search-current-bg": "#E69F00",
            "focus-mention-bg": "#CC79A7 45%",
            "entity-person": "#E69F00 28%",
            "entity-org": "#56B4E9 28%",
            "entity-place": "#009E73 30%",
            "entity-other": "#999999 28%",
            "progress-fg": "#56B4E9",
            "fallback-fg": "#D55E00",
            "marked-quote-fg": "#009E73" if dark else "#007A59",
            "marked-quote-bg": "#009E73 26%" if dark else "#009E73 16%",
            "verified-quote-fg": "#56B4E9" if dark else "#0072B2",
            "verified-quote-bg": "#CC79A7 24%" if dark else "#CC79A7 18%",
        }
    )
    return variables


def custom_variable_names() -> tuple[str, ...]:
    """Names of every custom variable (what a theme file may set besides Textual's)."""
    return tuple(theme_variable_defaults(dark=True))
