"""The program name, error lines and the user's settings.

Kept apart from :mod:`.common` (which brings the annotation, review and archive
services) so that opening the reader imports only what it needs before its
first frame.
"""

from __future__ import annotations

import sys

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
