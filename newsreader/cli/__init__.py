"""The ``newsreader`` command line: one module per subcommand.

``newsreader [PATH|URL|-]`` opens the reader (:mod:`.read`); ``newsreader
annotate|export|review|bookmarks|themes|quotes|archive …`` run the other
subcommands. A subcommand's module is imported only when it runs, so opening
the reader imports none of the others; Textual is imported only inside the
function that starts the app and spaCy only when something must be annotated,
so ``--help``, ``--version`` and ``--paths`` import neither.

Exit codes: 0 success, 1 bad input or failed work (including output that
cannot be written), 2 usage errors (unknown option, unknown ``--model``), 141
when standard output was closed early (``| head``), 143 and 129 when the reader
was ended by SIGTERM and SIGHUP.
"""

from __future__ import annotations

import errno
import importlib
import os
import signal
import sys
from collections.abc import Callable, Sequence

from newsreader.cli.basics import error

Command = Callable[[list[str]], int]
"""A subcommand: the arguments after its name in, the exit code out."""


def _imported_when_run(module: str) -> Command:
    """The ``main`` of ``newsreader.cli.<module>``, imported on first call."""

    def run(argv: list[str]) -> int:
        command: Command = importlib.import_module(f"newsreader.cli.{module}").main
        return command(argv)

    return run


COMMANDS: dict[str, Command] = {
    name: _imported_when_run(name)
    for name in (
        "annotate",
        "export",
        "bookmarks",
        "review",
        "themes",
        "quotes",
        "archive",
    )
}
"""Subcommands by name; a name wins over a file of the same name (use ``./export``)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    A first word that names no subcommand is the reader's PATH, so a
    misspelt subcommand is a missing file (exit 1) or, with options the
    reader does not take, a usage error (exit 2).

    Output that cannot be written is handled here for every subcommand: a
    closed pipe (``| head``) ends the program quietly with the shell's
    SIGPIPE status, 141; a full disk or a device error is one line on
    standard error and exit 1.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _dispatch(args)
        # Surface a failed write here rather than at interpreter exit.
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return 128 + signal.SIGPIPE
    except OSError as problem:
        if problem.filename is not None or problem.errno not in OUTPUT_ERRORS:
            raise
        _discard_stdout()
        error(f"cannot write the output: {os.strerror(problem.errno)}")
        return 1
    return code


OUTPUT_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}
)
"""Errors of a write to standard output that are the output's fault, not a bug."""


def _dispatch(args: list[str]) -> int:
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    from newsreader.cli import read

    return read.main(args)


def _discard_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final
    flush of what could not be written fails no second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass
