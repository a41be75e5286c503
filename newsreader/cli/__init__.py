"""The ``newsreader`` command line: one module per subcommand.

``newsreader [PATH|URL|-]`` opens the reader (:mod:`.read`); ``newsreader
annotate|export|bookmarks|themes|quotes|archive …`` run the other subcommands.
Core modules are imported eagerly (they are cheap); Textual only inside the
function that starts the app and spaCy only when something must be annotated,
so ``--help``, ``--version`` and ``--paths`` import neither.

Exit codes: 0 success, 1 bad input or failed work, 2 usage errors (unknown
option, unknown model).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from newsreader.cli import annotate, archive, bookmarks, export, quotes, read, themes

Command = Callable[[list[str]], int]
"""A subcommand: the arguments after its name in, the exit code out."""

COMMANDS: dict[str, Command] = {
    "annotate": annotate.main,
    "export": export.main,
    "bookmarks": bookmarks.main,
    "themes": themes.main,
    "quotes": quotes.main,
    "archive": archive.main,
}
"""Subcommands by name; a name wins over a file of the same name (use ``./export``)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    A first word that names no subcommand is the reader's PATH, so a
    misspelt subcommand is a missing file (exit 1) or, with options the
    reader does not take, a usage error (exit 2).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return COMMANDS[args[0]](args[1:])
        return read.main(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
