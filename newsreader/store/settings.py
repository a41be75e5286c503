"""User settings from ``config.toml`` in the platformdirs config directory.

The file is optional. A file that cannot be read or parsed, or that holds values
of the wrong type, is reported in one line (``Settings.problem``) and ignored:
a bad config never stops the reader from opening.

Saving a setting (the theme chosen in the reader) edits the file structurally
with tomlkit, so the user's comments, other keys and tables survive; a file
that cannot be parsed is left untouched and the save is refused with a reason.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.atomic import WriteError, write_atomic
from newsreader.store import locations

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

KNOWN_KEYS = {"model": str, "theme": str, "export_dir": str}
"""Keys accepted in ``config.toml`` and the type each must have."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Defaults chosen by the user."""

    model: str | None = None
    """spaCy pipeline to load instead of the default."""
    theme: str | None = None
    """Theme name used when ``--theme`` is not given."""
    export_dir: Path | None = None
    """Where exports go by default."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id to keys (``next-quote = "x,right"``), from ``[keymap]``."""
    problem: str | None = None
    """One-line description of what was wrong with the file, if anything."""
    model_origin: str | None = None
    """Where ``model`` was set, e.g. ``…/newsreader/config.toml line 3``."""

    def exports_dir(self) -> Path:
        """The configured export directory, or the platform default."""
        return self.export_dir or locations.default_exports_dir()


def load_settings(path: Path | None = None) -> Settings:
    """Read settings from ``path`` (default: the user's ``config.toml``)."""
    path = path or locations.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as error:
        return Settings(problem=f"cannot read {path}: {error.strerror or error}")
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(problem=f"ignoring {path}: {error}")
    settings = Settings()
    problems: list[str] = []
    for key, value in data.items():
        if key == "keymap":
            keymap, problem = _keymap(value)
            settings = replace(settings, keymap=keymap)
            if problem:
                problems.append(problem)
            continue
        expected = KNOWN_KEYS.get(key)
        if expected is None:
            problems.append(f"unknown key {key!r}")
            continue
        if not isinstance(value, expected):
            problems.append(f"{key!r} must be a {expected.__name__}")
            continue
        if key == "export_dir":
            settings = replace(settings, export_dir=Path(value).expanduser())
        elif key == "model":
            line = top_level_key_line(text, key)
            origin = f"{path} line {line}" if line is not None else str(path)
            settings = replace(settings, model=value, model_origin=origin)
        else:
            settings = replace(settings, theme=value)
    if problems:
        settings = replace(settings, problem=f"in {path}: " + "; ".join(problems))
    return settings


_TABLE_HEADER = re.compile(r"\s*\[")


def top_level_key_line(text: str, key: str) -> int | None:
    """The 1-based line of the top-level ``key = …`` in TOML ``text``, if found.

    Only lines before the first table header are top-level; the key may be
    bare or quoted.
    """
    assignment = re.compile(
        rf"""\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if _TABLE_HEADER.match(line):
            return None
        if assignment.match(line):
            return number
    return None


def _keymap(value: object) -> tuple[dict[str, str], str | None]:
    """The ``[keymap]`` table's string entries, and what was wrong with the rest."""
    if not isinstance(value, dict):
        return {}, "'keymap' must be a table ([keymap])"
    keymap = {k: v for k, v in value.items() if isinstance(v, str) and v.strip()}
    bad = [k for k in value if k not in keymap]
    if bad:
        names = ", ".join(repr(k) for k in bad)
        return keymap, f'keymap {names} must be keys such as "ctrl+n,x"'
    return keymap, None


class SettingsWriteError(WriteError):
    """A setting was not saved; the message is one line for the user."""


def _parse_for_edit(path: Path, raw: bytes, key: str) -> TOMLDocument:
    """The file as an editable document that keeps comments and layout.

    Raises:
        SettingsWriteError: The file is not UTF-8 or not TOML; it is left as is.
    """
    import tomlkit
    from tomlkit.exceptions import ParseError, TOMLKitError

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        number = raw.count(b"\n", 0, error.start) + 1
        raise SettingsWriteError(
            f"{path} is not valid UTF-8 (line {number}): {key} not saved", path
        ) from error
    try:
        tomllib.loads(text)
        return tomlkit.parse(text)
    except tomllib.TOMLDecodeError as error:
        line = _error_line(str(error))
        raise SettingsWriteError(
            f"{path} is not valid TOML{line}: {key} not saved", path
        ) from error
    except TOMLKitError as error:
        line = f" (line {error.line})" if isinstance(error, ParseError) else ""
        raise SettingsWriteError(
            f"{path} is not valid TOML{line}: {key} not saved", path
        ) from error


def _error_line(message: str) -> str:
    """`` (line N)`` from a :mod:`tomllib` error message, or nothing."""
    found = re.search(r"\(at line (\d+)", message)
    return f" (line {found.group(1)})" if found else ""


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set the top-level string ``key`` in ``config.toml``; returns the file.

    Only that key changes: comments, other keys, tables (and a key of the same
    name inside a table) are kept as written. A missing file is created. The
    file is written atomically, so a crash never leaves a half-written config.

    Raises:
        KeyError: ``key`` is not a known setting.
        SettingsWriteError: The file is not valid UTF-8 or TOML (it is not
            touched) or could not be written; the message says which.
    """
    if key not in KNOWN_KEYS:
        raise KeyError(key)
    path = path or locations.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raw = b""
    except OSError as error:
        raise SettingsWriteError(
            f"cannot read {path}: {error.strerror or error}: {key} not saved", path
        ) from error
    import tomlkit

    document = _parse_for_edit(path, raw, key)
    if isinstance(document.get(key), dict):
        raise SettingsWriteError(
            f"{path} has a [{key}] table, not a {key} value: {key} not saved", path
        )
    document[key] = value
    # A config file linked from elsewhere (a dotfiles checkout) is edited
    # where it lives; the link stays.
    target = path.resolve() if path.is_symlink() else path
    try:
        write_atomic(target, tomlkit.dumps(document), overwrite=True)
    except WriteError as error:
        raise SettingsWriteError(f"{error}: {key} not saved", path) from error
    return path
