"""User settings from ``config.toml`` in the platformdirs config directory.

The file is optional. A file that cannot be read or parsed, or that holds values
of the wrong type, is reported in one line (``Settings.problem``) and ignored:
a bad config never stops the reader from opening.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from newsreader.store import locations

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
        expected = KNOWN_KEYS.get(key)
        if expected is None:
            if key not in {"keymap"}:
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


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Set one top-level string ``key`` in ``config.toml``, keeping other lines.

    Written atomically (temporary file + rename) so a crash never leaves a
    half-written config.
    """
    if key not in KNOWN_KEYS:
        raise KeyError(key)
    path = path or locations.config_file()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        lines = []
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    new_line = f'{key} = "{escaped}"'
    for index, line in enumerate(lines):
        if line.split("=", 1)[0].strip() == key:
            lines[index] = new_line
            break
    else:
        lines.insert(0, new_line)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
