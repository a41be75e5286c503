"""Where the repository and its data are, for tests that read files or run Python."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository root (it holds ``pyproject.toml``)."""
