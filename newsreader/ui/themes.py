"""Theme files: the shipped ``themes/*.toml`` plus the user's own.

A theme is one TOML file; its name is the file stem (``high-contrast.toml`` is
the theme ``high-contrast``). Files in the user's themes directory
(:func:`newsreader.store.locations.user_themes_dir`) are loaded after the
shipped ones, so a user file with a shipped theme's name replaces it.

The top level of a file holds Textual's theme colours and ``dark``; the
``[variables]`` table holds newsreader's own variables (see
:mod:`newsreader.ui.palette`) and, optionally, any of Textual's generated ones
(``block-cursor-background`` …)::

    description = "Optional one-line description"
    dark = true
    primary = "#6CA6E0"
    ...
    [variables]
    speaker-1 = "#EE8866"
    current-quote-bg = "#77AADD 22%"   # a colour with an optional opacity

Every file is checked (unknown keys, colours :meth:`Color.parse` rejects,
missing keys, wrong types). A bad file is skipped, every problem of every file
is collected, and :meth:`ThemeCatalogue.notice` turns them into one message, so
the reader still starts and shows it once.

This module imports ``textual.color`` and ``textual.design`` only; the
``textual.theme.Theme`` objects are built on demand by :meth:`ThemeSpec.to_textual`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS

from newsreader.resources import themes_dir
from newsreader.store.locations import user_themes_dir
from newsreader.ui.palette import custom_variable_names

if TYPE_CHECKING:
    from textual.theme import Theme

Origin = Literal["shipped", "user"]

DEFAULT_THEME: Final = "dark"
"""The theme used when neither ``--theme`` nor ``config.toml`` names one."""

FALLBACK_THEME: Final = "textual-dark"
"""Textual's own theme, used only if the default theme file is missing."""

THEME_COLOURS: Final = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "warning",
    "error",
    "success",
)
"""Textual theme colours every theme file must set."""

OPTIONAL_COLOURS: Final = ("boost",)
"""Textual theme colours a theme file may set."""

OPTIONAL_NUMBERS: Final = ("luminosity_spread", "text_alpha")
"""Textual theme numbers (0 to 1) a theme file may set."""

REQUIRED_KEYS: Final = (*THEME_COLOURS, "dark")
"""Top-level keys every theme file must have."""

TOP_LEVEL_KEYS: Final = frozenset(
    (*REQUIRED_KEYS, *OPTIONAL_COLOURS, *OPTIONAL_NUMBERS, "description", "variables")
)
"""Every top-level key a theme file may have."""

SUFFIX: Final = ".toml"
"""Theme files are the ``*.toml`` files of a themes directory."""

_OPACITY: Final = re.compile(r"(?P<colour>.*?)\s*(?<![\w(,])(?P<percent>[0-9.]+)%")
"""A colour followed by an opacity: ``#56B4E9 22%``."""

_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
"""Allowed theme names (Textual turns the name into a CSS class)."""


class ThemeFileError(Exception):
    """A theme file could not be used; ``problems`` lists every reason."""

    def __init__(self, path: Path, problems: Iterable[str]) -> None:
        self.path = path
        """The file."""
        self.problems = tuple(problems)
        """Each problem, one short phrase."""
        super().__init__(f"{path}: " + "; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    """A validated theme file."""

    name: str
    """The theme's name: the file stem."""
    path: Path
    """The file it came from."""
    origin: Origin
    """Shipped with newsreader or the user's own."""
    dark: bool
    """Whether the theme has a dark background."""
    colours: Mapping[str, str]
    """Textual theme colours (``primary`` …) as written in the file."""
    variables: Mapping[str, str] = field(default_factory=dict)
    """CSS variables set by the theme (newsreader's and Textual's)."""
    numbers: Mapping[str, float] = field(default_factory=dict)
    """``luminosity_spread`` / ``text_alpha`` when the file sets them."""
    description: str = ""
    """One line shown by ``newsreader themes``."""
    replaces: Path | None = None
    """The shipped file this user theme replaces, if any."""

    @property
    def mode(self) -> str:
        """``"dark"`` or ``"light"``."""
        return "dark" if self.dark else "light"

    def to_textual(self) -> Theme:
        """The :class:`textual.theme.Theme` to register with the app."""
        from textual.theme import Theme

        return Theme(
            name=self.name,
            dark=self.dark,
            variables={
                name: css_value(value) for name, value in self.variables.items()
            },
            **self.colour_arguments(),
        )

    def colour_arguments(self) -> dict[str, Any]:
        """The colours and numbers as keyword arguments of ``Theme``."""
        return {**self.colours, **self.numbers}


@dataclass(frozen=True, slots=True)
class ThemeCatalogue:
    """Every usable theme, and what was wrong with the files that were not."""

    themes: Mapping[str, ThemeSpec]
    """Theme name to theme, sorted by name."""
    errors: tuple[ThemeFileError, ...] = ()
    """One entry per skipped file (or unreadable directory)."""
    user_dir: Path | None = None
    """Where the user's own themes go."""

    def names(self) -> list[str]:
        """The theme names, sorted."""
        return list(self.themes)

    def __contains__(self, name: object) -> bool:
        return name in self.themes

    def unknown_theme(self, name: str) -> str:
        """Why ``name`` cannot be used, and which themes can (for ``--theme``)."""
        lines = [f"unknown theme {name!r}"]
        for error in self.errors:
            if error.path.stem == name:
                lines = [f"theme {name!r} was skipped: " + "; ".join(error.problems)]
        lines.append("available themes: " + (", ".join(self.names()) or "none"))
        if self.user_dir is not None:
            lines.append(f"user themes go in {self.user_dir}")
        return "\n".join(lines)

    def notice(self) -> str | None:
        """All problems as one plain-text message (None when there are none)."""
        if not self.errors:
            return None
        count = len(self.errors)
        folders = {error.path.parent for error in self.errors}
        where = f" in {folders.pop()}" if len(folders) == 1 else ""
        lines = [
            f"{count} theme file{'s' if count != 1 else ''} skipped{where} "
            "(fix and restart newsreader):"
        ]
        for error in self.errors:
            name = error.path.name if where else str(error.path)
            lines.append(f"• {name}: " + "; ".join(error.problems))
        return "\n".join(lines)


class UnknownThemeError(Exception):
    """``--theme`` named a theme that is not available (the message lists them)."""


def startup_theme(
    requested: str | None, configured: str | None, catalogue: ThemeCatalogue
) -> tuple[str | None, str | None]:
    """The theme to start with, and a notice about the configured one if needed.

    Args:
        requested: The ``--theme`` value (used for this run only).
        configured: The ``theme`` of ``config.toml``.
        catalogue: The available themes.

    Returns:
        The theme name (None: the default) and a plain-text notice when the
        configured theme does not exist.

    Raises:
        UnknownThemeError: ``requested`` is not an available theme.
    """
    if requested is not None:
        if requested not in catalogue:
            raise UnknownThemeError(catalogue.unknown_theme(requested))
        return requested, None
    if configured and configured not in catalogue:
        notice = (
            f"config.toml names the unknown theme {configured!r}; using "
            f"{DEFAULT_THEME} (available: {', '.join(catalogue.names())})"
        )
        return None, notice
    return configured or None, None


# -- colours --------------------------------------------------------------------


def parse_colour(value: str) -> Color:
    """Parse a theme colour: a colour Textual accepts, optionally with an opacity.

    ``"#56B4E9"``, ``"#56B4E9 22%"``, ``"rgb(86, 180, 233)"``, ``"transparent"``.

    Raises:
        ValueError: With a short reason when the value is not such a colour.
    """
    text = value.strip()
    alpha = 1.0
    match = _OPACITY.fullmatch(text)
    if match is not None:
        text = match.group("colour").strip()
        try:
            percent = float(match.group("percent"))
        except ValueError:
            raise ValueError(f"bad opacity in {value!r}") from None
        if not 0 <= percent <= 100:
            raise ValueError(f"opacity {percent:g}% is not between 0% and 100%")
        alpha = percent / 100
    if not text:
        raise ValueError("no colour" if value.strip() else "empty colour")
    try:
        colour = Color.parse(text)
    except ColorParseError:
        raise ValueError(f"{text!r} is not a colour") from None
    return colour.multiply_alpha(alpha)


def css_value(value: str) -> str:
    """A variable value as Textual should see it.

    ``"#0072B2 62%"`` becomes ``"#0072B29E"``: Textual drops the opacity of a
    variable used in a Content style (``"on $speaker-7-bg"``), but keeps the
    alpha of an eight-digit hex colour. Other values are returned unchanged.
    """
    if "%" not in value or value.split()[0] in ("auto", "initial"):
        return value
    try:
        colour = parse_colour(value)
    except ValueError:
        return value
    return value if colour.ansi is not None else colour.hex


@cache
def textual_variable_names() -> frozenset[str]:
    """Variables Textual generates from a theme (which a theme may override)."""
    from textual.design import ColorSystem

    return frozenset(ColorSystem(primary="#000000").generate())


@cache
def known_variables() -> frozenset[str]:
    """Every variable name a theme file may set."""
    return frozenset(custom_variable_names()) | textual_variable_names()


def _check_variable(name: str, value: str) -> str | None:
    """Why ``value`` is not a valid value of variable ``name`` (None: it is)."""
    if name in textual_variable_names():
        if name.endswith("-style"):
            words = value.split()
            bad = [word for word in words if word not in VALID_STYLE_FLAGS]
            if not words or bad:
                return f"{name}: {value!r} is not a text style"
            return None
        if value.split()[:1] in (["auto"], ["initial"]):
            return None
    try:
        parse_colour(value)
    except ValueError as error:
        return f"{name}: {error}"
    return None


# -- files ------------------------------------------------------------------------


def read_theme_file(path: Path, origin: Origin = "user") -> ThemeSpec:
    """Read and validate one theme file.

    Raises:
        ThemeFileError: Listing every problem found in the file.
    """
    import tomllib

    name = path.stem
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ThemeFileError(
            path, [f"cannot read: {error.strerror or error}"]
        ) from None
    except UnicodeDecodeError:
        raise ThemeFileError(path, ["not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as error:
        raise ThemeFileError(path, [f"not valid TOML ({error})"]) from None

    problems: list[str] = []
    if not _NAME.fullmatch(name):
        problems.append(
            "the file name must start with a letter or digit and use only "
            "letters, digits, '-' and '_'"
        )
    problems.extend(f"unknown key {key!r}" for key in data if key not in TOP_LEVEL_KEYS)
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if len(missing) == 1:
        problems.append(f"missing key {missing[0]!r}")
    elif missing:
        problems.append("missing keys " + ", ".join(missing))

    colours: dict[str, str] = {}
    for key in (*THEME_COLOURS, *OPTIONAL_COLOURS):
        if key not in data:
            continue
        value = data[key]
        if not isinstance(value, str):
            problems.append(f'{key!r} must be a string such as "#1E1E1E"')
            continue
        try:
            colour = parse_colour(value)
        except ValueError as error:
            problems.append(f"{key}: {error}")
            continue
        if colour.a < 1 or len(value.split()) > 1:
            problems.append(f"{key}: must be an opaque colour, without an opacity")
            continue
        colours[key] = value

    numbers: dict[str, float] = {}
    for key in OPTIONAL_NUMBERS:
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{key!r} must be a number")
        elif not 0 <= value <= 1:
            problems.append(f"{key!r} must be between 0 and 1")
        else:
            numbers[key] = float(value)

    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        problems.append("'dark' must be true or false")
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append("'description' must be a string")
        description = ""

    variables: dict[str, str] = {}
    raw_variables = data.get("variables", {})
    if not isinstance(raw_variables, dict):
        problems.append("'variables' must be a table ([variables])")
        raw_variables = {}
    known = known_variables()
    for key, value in raw_variables.items():
        if key not in known:
            problems.append(f"unknown variable {key!r}")
        elif not isinstance(value, str):
            problems.append(f"variable {key!r} must be a string")
        elif (problem := _check_variable(key, value)) is not None:
            problems.append(problem)
        else:
            variables[key] = value

    if problems:
        raise ThemeFileError(path, problems)
    spec = ThemeSpec(
        name=name,
        path=path,
        origin=origin,
        dark=bool(dark),
        colours=colours,
        variables=variables,
        numbers=numbers,
        description=" ".join(description.split()),
    )
    _check_with_textual(spec)
    return spec


def _check_with_textual(spec: ThemeSpec) -> None:
    """Let Textual derive its colour system, as the app will."""
    from textual.design import ColorSystem

    try:
        ColorSystem(
            dark=spec.dark,
            variables=dict(spec.variables),
            **spec.colour_arguments(),
        ).generate()
    except Exception as error:
        raise ThemeFileError(spec.path, [f"Textual cannot use it ({error})"]) from None


def theme_files(directory: Path) -> list[Path]:
    """The theme files of ``directory``, sorted (none if it does not exist).

    Raises:
        OSError: When the directory exists but cannot be listed.
    """
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() == SUFFIX
        and not path.name.startswith(".")
        and path.is_file()
    )


def load_theme(
    name: str, shipped: Path | None = None, user: Path | None = None
) -> ThemeSpec | None:
    """The theme ``name`` as :func:`load_themes` would load it, reading one file.

    Used before the reader's first paint, when only the active theme is needed
    (the others are loaded, and their problems reported, after it).

    Args:
        name: The theme name (a file stem).
        shipped: Folder of shipped themes (default: the bundled ``themes/``).
        user: Folder of the user's themes (default: the platform config dir's).

    Returns:
        The theme, or None when no file provides it, a folder cannot be listed
        or the file that provides it is invalid (:func:`load_themes` then says
        what :func:`load_theme` cannot).
    """
    shipped = shipped if shipped is not None else themes_dir()
    user = user if user is not None else user_themes_dir()
    found: list[tuple[Path, Origin]] = []
    sources: tuple[tuple[Path, Origin], ...] = ((shipped, "shipped"), (user, "user"))
    for directory, origin in sources:
        try:
            paths = theme_files(directory)
        except OSError:
            return None
        found.extend((path, origin) for path in paths if path.stem == name)
    if not found:
        return None
    path, origin = found[-1]  # the user's file wins, as in load_themes
    try:
        spec = read_theme_file(path, origin)
    except ThemeFileError:
        return None
    shipped_paths = [p for p, o in found if o == "shipped"]
    if origin == "user" and shipped_paths:
        spec = replace(spec, replaces=shipped_paths[-1])
    return spec


def load_themes(
    shipped: Path | None = None, user: Path | None = None
) -> ThemeCatalogue:
    """The shipped themes, then the user's (a user theme replaces a shipped one).

    Args:
        shipped: Folder of shipped themes (default: the bundled ``themes/``).
        user: Folder of the user's themes (default: the platform config dir's).

    Returns:
        The usable themes and one error per skipped file.
    """
    shipped = shipped if shipped is not None else themes_dir()
    user = user if user is not None else user_themes_dir()
    themes: dict[str, ThemeSpec] = {}
    errors: list[ThemeFileError] = []
    sources: tuple[tuple[Path, Origin], ...] = ((shipped, "shipped"), (user, "user"))
    for directory, origin in sources:
        try:
            paths = theme_files(directory)
        except OSError as error:
            errors.append(
                ThemeFileError(directory, [f"cannot list: {error.strerror or error}"])
            )
            continue
        for path in paths:
            try:
                spec = read_theme_file(path, origin)
            except ThemeFileError as error:
                errors.append(error)
                continue
            previous = themes.get(spec.name)
            if previous is not None and previous.origin == "shipped":
                spec = replace(spec, replaces=previous.path)
            themes[spec.name] = spec
    return ThemeCatalogue(
        themes=dict(sorted(themes.items())), errors=tuple(errors), user_dir=user
    )
