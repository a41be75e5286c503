"""``newsreader annotate --jsonl`` in partitions: on Dask (``--scheduler``) or
resumable on this machine (``--resume``); see
:mod:`newsreader.services.partitions`.

This module turns the command line into inputs, a runner and a progress line;
the work itself is in the services layer.
"""

from __future__ import annotations

import glob
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from newsreader.atomic import WriteError
from newsreader.cli.basics import error
from newsreader.nlp.pipeline import ModelChoice
from newsreader.services.batch import BadLine, InputTooLarge
from newsreader.services.partitions import (
    Input,
    Progress,
    ResumeError,
    Runner,
    local_runner,
    parts_directory,
    run_partitioned,
)

PROGRESS_EVERY = 2.0
"""Seconds between progress lines when standard error is not a terminal."""


class InputError(Exception):
    """An input argument names nothing readable; one line for the user."""


def expand_inputs(arguments: Sequence[str]) -> list[str]:
    """The input files named by ``arguments``: each existing path as given, a
    pattern (``'archive/*.jsonl'``) as its matches in sorted order.

    Raises:
        InputError: a pattern matches nothing, or ``-`` is not alone.
    """
    if "-" in arguments and len(arguments) > 1:
        raise InputError("- (standard input) cannot be combined with files")
    names: list[str] = []
    for argument in arguments:
        if argument == "-" or Path(argument).exists() or not glob.has_magic(argument):
            names.append(argument)
            continue
        matches = sorted(glob.glob(argument))
        if not matches:
            raise InputError(f"{argument}: no file matches")
        names.extend(matches)
    return names


def format_duration(seconds: float) -> str:
    """``H:MM:SS``."""
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def progress_line(progress: Progress) -> str:
    """``1,200/10,000 articles · 35.2/s · ETA 0:04:10``."""
    total = f"/{progress.total:,}" if progress.total is not None else ""
    eta = progress.eta
    left = f" · ETA {format_duration(eta)}" if eta is not None else ""
    return f"{progress.done:,}{total} articles · {progress.rate:,.1f}/s{left}"


def progress_printer(stream: IO[str], *, live: bool) -> Callable[[Progress], None]:
    """Show progress on ``stream``: rewritten in place on a terminal
    (``live``), else one line every :data:`PROGRESS_EVERY` seconds."""
    last = 0.0

    def show(progress: Progress) -> None:
        nonlocal last
        if live:
            stream.write("\r\x1b[K" + progress_line(progress))
            stream.flush()
            return
        now = time.monotonic()
        finished = progress.total is not None and progress.done >= progress.total
        if now - last >= PROGRESS_EVERY or finished:
            last = now
            stream.write(progress_line(progress) + "\n")
            stream.flush()

    return show


@contextmanager
def _runner(scheduler: str | None, jobs: int | None) -> Iterator[Runner]:
    if scheduler is None:
        yield local_runner(max(1, jobs or 1))
        return
    from newsreader.services.distributed import dask_client, dask_runner

    with dask_client(scheduler, workers=jobs) as client:
        yield dask_runner(client)


def run_batch(
    names: list[str],
    output: Path,
    choice: ModelChoice,
    *,
    scheduler: str | None,
    jobs: int | None,
    resume: bool,
    partition_chars: int,
    progress: bool,
) -> int:
    """Annotate ``names`` into ``output`` in partitions; returns the exit code
    (1 when a line was skipped or the run failed, 2 when Dask is missing)."""
    from newsreader.services.distributed import (
        ScaleUnavailable,
        SchedulerError,
        require_dask,
    )

    if scheduler is not None:
        try:
            require_dask()
        except ScaleUnavailable as problem:
            error(str(problem))
            return 2
    inputs = [
        Input("-", None, sys.stdin.buffer) if name == "-" else Input(name, Path(name))
        for name in names
    ]
    live = sys.stderr.isatty()
    show = progress_printer(sys.stderr, live=live) if progress or live else None

    def report(name: str, line: BadLine) -> None:
        if live:
            sys.stderr.write("\r\x1b[K")
        error(f"{name}: line {line.number}: {line.reason}; skipped")

    kept = (
        f"; finished partitions are kept in {parts_directory(output)}"
        ", rerun with --resume"
    )
    try:
        with _runner(scheduler, jobs) as runner:
            skipped = run_partitioned(
                inputs,
                output,
                choice,
                runner,
                partition_chars=partition_chars,
                resume=resume,
                on_bad=report,
                on_progress=show,
            )
    except (ScaleUnavailable, SchedulerError, ResumeError) as problem:
        error(f"{problem}{kept if isinstance(problem, SchedulerError) else ''}")
        return 1
    except InputTooLarge as problem:
        error(f"{problem}{kept}")
        return 1
    except WriteError as problem:
        error(f"{problem}{kept}")
        return 1
    except KeyboardInterrupt:
        error(f"interrupted{kept}")
        raise
    except OSError as problem:
        name = problem.filename or ", ".join(names)
        error(f"{name}: cannot read ({problem.strerror or problem}){kept}")
        return 1
    finally:
        if live:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
    return 1 if skipped else 0
