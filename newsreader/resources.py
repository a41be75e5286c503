"""Where the bundled ``themes/`` and ``sample_articles/`` folders live.

In an installed wheel they are copied inside the package (see ``pyproject.toml``);
in a source checkout they are the top-level folders next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_SAMPLE = "harbour-bridge-vote.txt"
"""File name of the sample article opened on a first run."""


def _bundled(name: str) -> Path:
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def samples_dir() -> Path:
    """The folder of bundled sample articles."""
    return _bundled("sample_articles")


def themes_dir() -> Path:
    """The folder of shipped theme files."""
    return _bundled("themes")


def default_sample() -> Path:
    """The sample article opened when newsreader starts with no argument."""
    return samples_dir() / DEFAULT_SAMPLE


def sample_articles() -> list[Path]:
    """Every bundled sample article (txt, md and html files), sorted by name."""
    suffixes = {".txt", ".md", ".html", ".htm"}
    return sorted(p for p in samples_dir().iterdir() if p.suffix.lower() in suffixes)
