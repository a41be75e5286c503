"""Where newsreader keeps user files, following each platform's conventions.

Functions, not constants: nothing is computed or created at import time, and the
``NEWSREADER_HOME`` environment variable (used by the tests) roots every
directory in one place.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"


def _home_override() -> Path | None:
    home = os.environ.get("NEWSREADER_HOME")
    return Path(home) if home else None


def config_dir() -> Path:
    """Directory of ``config.toml`` and user themes."""
    home = _home_override()
    if home:
        return home / "config"
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """Directory of the bookmarks database."""
    home = _home_override()
    if home:
        return home / "data"
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Directory of the annotation cache."""
    home = _home_override()
    if home:
        return home / "cache"
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def default_exports_dir() -> Path:
    """Default destination of exported quotes (overridable in ``config.toml``)."""
    home = _home_override()
    if home:
        return home / "exports"
    return platformdirs.user_documents_path() / APP_NAME


def user_themes_dir() -> Path:
    """Directory searched for the user's own theme files."""
    return config_dir() / "themes"


def config_file() -> Path:
    """Path of the user's ``config.toml``."""
    return config_dir() / "config.toml"
