"""Shared fixtures: every test runs with user directories inside tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Root config, data, cache and exports in a fresh temporary directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    yield home


@pytest.fixture(scope="session")
def annotator() -> Any:
    """The real default pipeline, loaded once per test session (never skipped)."""
    from newsreader.nlp.engine import load_annotator

    return load_annotator()
