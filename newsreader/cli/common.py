"""What every subcommand shares: the program name, error lines, settings, model."""

from __future__ import annotations

import sys

from newsreader.nlp.pipeline import ModelChoice
from newsreader.safe_text import printable
from newsreader.services.models import decide_model
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


FALLBACK_NOTICE = "no spaCy pipeline is installed: using the rules-only fallback"


def choose_model(
    requested: str | None, settings: Settings, *, announce_fallback: bool = True
) -> ModelChoice:
    """The spaCy pipeline to use: ``--model``, else the configured one.

    A configured model that is not installed is replaced by the default, with
    one line on standard error naming the config file and line; with
    ``announce_fallback``, the rules-only fallback is announced too.

    Raises:
        ModelError: ``requested`` (from ``--model``) is not installed.
    """
    decision = decide_model(requested, settings)
    if decision.notice:
        error(decision.notice)
    elif announce_fallback and decision.choice.fallback:
        error(FALLBACK_NOTICE)
    return decision.choice
