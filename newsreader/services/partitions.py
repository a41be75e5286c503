"""A batch run in partitions, resumable: the driver behind ``--scheduler`` and
``--resume``.

Input lines are read one file after another and grouped into partitions of
about ``partition_chars`` characters of article text. A *runner* annotates the
partitions (in this process, in local worker processes or on a Dask cluster;
see :mod:`newsreader.services.distributed`) and hands them back in any order.
Each finished partition is committed as one file in ``OUT.parts/`` with the
atomic writer, so a killed run loses only the partitions in flight. At the end
the part files are merged in input order into ``OUT`` (atomically) and
removed.

A part file line is ``POSITION<TAB>ID<TAB>RECORD``: the input position (file
and line, fixed width so it sorts as text), the article id as JSON, and the
output record exactly as the single-process batch writes it. JSON never holds a
raw tab, so the line splits unambiguously.

With ``resume``, articles whose id is already in ``OUT`` or in a part file are
skipped; the records already in ``OUT`` come first in the new ``OUT``.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsreader.atomic import write_atomic, write_atomic_chunks
from newsreader.nlp.pipeline import ModelChoice
from newsreader.services.batch import (
    BadLine,
    InputTooLarge,
    annotate_partition,
    parse_line,
    read_lines,
    record_line,
    warm_annotator,
)

PARTITION_CHARS = 1_500_000
"""Default characters of article text per partition."""

PARTS_SUFFIX = ".parts"
"""``OUT.parts/`` holds the committed partitions of ``OUT``."""

Outcome = dict[str, Any] | str
"""An output record, or why the article could not be annotated."""


@dataclass(frozen=True, slots=True)
class Input:
    """One batch input: a file, or standard input when ``path`` is None."""

    name: str
    """The name given on the command line, used in messages."""
    path: Path | None
    stream: IO[bytes] | None = None
    """An open stream to read instead of ``path`` (standard input)."""


@dataclass(slots=True)
class Partition:
    """Articles annotated together, in input order."""

    items: list[tuple[Any, str]] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    origins: list[tuple[str, int]] = field(default_factory=list)
    """The input name and line number of each item, for failure reports."""
    chars: int = 0
    lines: int = 0
    """Input lines this partition accounts for, skipped ones included."""


Runner = Callable[
    [ModelChoice, Iterator[Partition]], Iterator[tuple[Partition, list[Outcome]]]
]
"""Annotates partitions (with :func:`annotate_partition`); yields each with its
outcomes, in any order."""


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a run is: input lines done of ``total`` (None when unknown)."""

    done: int
    total: int | None
    annotated: int
    """Articles annotated by this run."""
    elapsed: float

    @property
    def rate(self) -> float:
        """Articles annotated per second by this run."""
        return self.annotated / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, when it can be told."""
        if self.total is None or self.rate <= 0:
            return None
        return max(0, self.total - self.done) / self.rate


class ResumeError(Exception):
    """``OUT`` or a part file is not batch output: the run cannot resume."""


def parts_directory(output: Path) -> Path:
    """Where the committed partitions of ``output`` are kept."""
    return output.with_name(output.name + PARTS_SUFFIX)


def id_key(article_id: Any) -> str:
    """A hashable, tab-free key for an article id of any JSON type."""
    return json.dumps(article_id, sort_keys=True)


def _position(file_index: int, number: int) -> str:
    return f"{file_index:06d}-{number:012d}"


def count_lines(inputs: Iterable[Input]) -> int | None:
    """Lines in all the inputs, or None when one is a stream."""
    total = 0
    for source in inputs:
        if source.path is None:
            return None
        with source.path.open("rb") as handle:
            last = b"\n"
            while block := handle.read(1 << 20):
                total += block.count(b"\n")
                last = block[-1:]
            total += last != b"\n"
    return total


def done_ids(output: Path) -> set[str]:
    """The id keys already written to ``output`` or to its part files."""
    done: set[str] = set()
    if output.is_file():
        with output.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    done.add(id_key(json.loads(line)["id"]))
                except (ValueError, KeyError, TypeError) as error:
                    raise ResumeError(
                        f"{output}: line {number} is not batch output; cannot resume"
                    ) from error
    parts = parts_directory(output)
    for part in sorted(parts.glob("*.jsonl")) if parts.is_dir() else []:
        with part.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                fields = line.split(b"\t", 2)
                if len(fields) != 3:
                    raise ResumeError(
                        f"{part}: line {number} is not a batch part; cannot resume"
                    )
                done.add(fields[1].decode("utf-8"))
    return done


def clear_parts(output: Path) -> None:
    """Remove the part files of ``output`` and their directory."""
    parts = parts_directory(output)
    if not parts.is_dir():
        return
    # Finished part files, and any temporary file a killed write left.
    for part in [*parts.glob("*.jsonl"), *parts.glob(".*.jsonl.*.tmp")]:
        part.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # something else lives there: leave it
        parts.rmdir()


def partitions(
    inputs: list[Input],
    *,
    skip: set[str],
    partition_chars: int,
    on_bad: Callable[[str, BadLine], None],
) -> Iterator[Partition]:
    """The partitions of the inputs' good lines whose id is not in ``skip``.

    Unreadable and unusable lines go to ``on_bad`` with their input's name, in
    input order; blank lines are passed over, as in the single-process batch.
    The last partition may hold no item (it accounts for trailing lines).
    """
    current = Partition()
    for file_index, source in enumerate(inputs):
        if source.stream is not None:
            yield from _partition_lines(
                file_index,
                source,
                source.stream,
                current,
                skip,
                partition_chars,
                on_bad,
            )
        else:
            assert source.path is not None
            with source.path.open("rb") as stream:
                yield from _partition_lines(
                    file_index, source, stream, current, skip, partition_chars, on_bad
                )
    yield current


def _partition_lines(
    file_index: int,
    source: Input,
    stream: IO[bytes],
    current: Partition,
    skip: set[str],
    partition_chars: int,
    on_bad: Callable[[str, BadLine], None],
) -> Iterator[Partition]:
    """Fill ``current`` from one input; yield it (and start it anew, in place)
    each time it is full."""
    for number, line in _numbered(source, stream):
        current.lines += 1
        if isinstance(line, BadLine):
            on_bad(source.name, line)
            continue
        if not line.strip():
            continue
        parsed = parse_line(number, line)
        if isinstance(parsed, BadLine):
            on_bad(source.name, parsed)
            continue
        key = id_key(parsed[0])
        if key in skip:
            continue
        current.items.append(parsed)
        current.positions.append(_position(file_index, number))
        current.keys.append(key)
        current.origins.append((source.name, number))
        current.chars += len(parsed[1])
        if current.chars >= partition_chars:
            yield _take(current)


def _numbered(source: Input, stream: IO[bytes]) -> Iterator[tuple[int, str | BadLine]]:
    """The input's lines with their numbers; too much input names the input."""
    try:
        yield from enumerate(read_lines(stream), start=1)
    except InputTooLarge as problem:
        raise InputTooLarge(f"{source.name}: {problem}") from problem


def _take(current: Partition) -> Partition:
    """A copy of ``current``, which is emptied."""
    full = Partition(
        current.items,
        current.positions,
        current.keys,
        current.origins,
        current.chars,
        current.lines,
    )
    current.items, current.positions, current.keys, current.origins = [], [], [], []
    current.chars = current.lines = 0
    return full


def commit(parts: Path, partition: Partition, outcomes: list[Outcome]) -> list[int]:
    """Write the partition's records as one part file; returns the indices of
    the items that failed."""
    lines: list[str] = []
    failed: list[int] = []
    first = ""
    for index, outcome in enumerate(outcomes):
        if isinstance(outcome, str):
            failed.append(index)
            continue
        if not first:
            first = partition.positions[index]
        lines.append(
            f"{partition.positions[index]}\t{partition.keys[index]}\t"
            + record_line(outcome)
        )
    if lines:
        write_atomic(parts / f"{first}.jsonl", "".join(lines))
    return failed


def merged(output: Path, *, keep_existing: bool) -> Iterator[bytes]:
    """The final output: the records already in ``output`` (when kept), then
    every part file's records in input order.

    Part files are named by their first position and opened only when the merge
    reaches it, so few are open at once.
    """
    if keep_existing and output.is_file():
        with output.open("rb") as existing:
            yield from existing
    parts = parts_directory(output)
    files = sorted(parts.glob("*.jsonl")) if parts.is_dir() else []
    heap: list[tuple[bytes, int, bytes, IO[bytes]]] = []
    opened = 0
    try:
        while heap or opened < len(files):
            upcoming = files[opened].stem.encode() if opened < len(files) else None
            if upcoming is not None and (not heap or heap[0][0] >= upcoming):
                _push(heap, files[opened].open("rb"), opened)
                opened += 1
                continue
            _, order, payload, current = heapq.heappop(heap)
            yield payload
            _push(heap, current, order)
    finally:
        for entry in heap:
            entry[3].close()


def _push(
    heap: list[tuple[bytes, int, bytes, IO[bytes]]], handle: IO[bytes], order: int
) -> None:
    line = handle.readline()
    if not line:
        handle.close()
        return
    position, _, payload = line.split(b"\t", 2)
    heapq.heappush(heap, (position, order, payload, handle))


def run_partitioned(
    inputs: list[Input],
    output: Path,
    choice: ModelChoice,
    runner: Runner,
    *,
    partition_chars: int = PARTITION_CHARS,
    resume: bool = False,
    on_bad: Callable[[str, BadLine], None],
    on_progress: Callable[[Progress], None] | None = None,
) -> int:
    """Annotate ``inputs`` into ``output`` through ``runner``; returns the
    number of lines reported to ``on_bad`` (unusable or failed).

    Raises:
        ResumeError: ``resume`` and ``output`` or a part file is not batch
            output.
        InputTooLarge, OSError: reading an input failed; committed partitions
            are kept for ``resume``.
        WriteError: a part file or ``output`` could not be written.
    """
    if resume:
        skip = done_ids(output)
    else:
        skip = set()
        clear_parts(output)
    parts = parts_directory(output)
    total = count_lines(inputs)
    bad = 0

    def report(name: str, line: BadLine) -> None:
        nonlocal bad
        bad += 1
        on_bad(name, line)

    started = time.monotonic()
    done = annotated = 0
    chunks = partitions(
        inputs, skip=skip, partition_chars=partition_chars, on_bad=report
    )
    for partition, outcomes in runner(choice, chunks):
        for index in commit(parts, partition, outcomes):
            name, number = partition.origins[index]
            outcome = outcomes[index]
            assert isinstance(outcome, str)
            report(name, BadLine(number, outcome))
        done += partition.lines
        annotated += len(partition.items)
        if on_progress is not None:
            on_progress(Progress(done, total, annotated, time.monotonic() - started))
    write_atomic_chunks(output, merged(output, keep_existing=resume), overwrite=True)
    clear_parts(output)
    return bad


def local_runner(jobs: int) -> Runner:
    """A runner on this machine: in this process for one job, else in ``jobs``
    worker processes with a few partitions queued for each."""

    def in_process(
        choice: ModelChoice, chunks: Iterator[Partition]
    ) -> Iterator[tuple[Partition, list[Outcome]]]:
        for partition in chunks:
            yield partition, annotate_partition(choice, partition.items)

    def in_pool(
        choice: ModelChoice, chunks: Iterator[Partition]
    ) -> Iterator[tuple[Partition, list[Outcome]]]:
        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, initializer=warm_annotator, initargs=(choice,)) as pool:
            pending: deque[tuple[Partition, Any]] = deque()
            for partition in chunks:
                task = pool.apply_async(annotate_partition, (choice, partition.items))
                pending.append((partition, task))
                if len(pending) >= 2 * jobs:
                    first, result = pending.popleft()
                    yield first, result.get()
            while pending:
                first, result = pending.popleft()
                yield first, result.get()

    return in_pool if jobs > 1 else in_process
