"""What every subcommand shares: the program name, error lines, settings, model."""

from __future__ import annotations

import sys

from newsreader.nlp.pipeline import ModelChoice, resolve_model
from newsreader.safe_text import printable
from newsreader.store.settings import Settings, load_settings

PROG = "newsreader"


def error(message: str) -> None:
    """Print ``newsreader: MESSAGE`` on standard error."""
    print(f"{PROG}: {printable(message)}", file=sys.stderr)


def user_settings() -> Settings:
    """The user's settings; a problem with the config file is reported, not fatal."""
    loaded = load_settings()
    if loaded.problem:
        error(loaded.problem)
    return loaded


def choose_model(requested: str | None) -> ModelChoice:
    """The spaCy pipeline to use, announcing the rules-only fallback.

    Raises:
        ModelError: ``requested`` names a pipeline that is not installed.
    """
    choice = resolve_model(requested)
    if choice.fallback:
        error("no spaCy pipeline is installed: using the rules-only fallback")
    return choice
