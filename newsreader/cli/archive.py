"""``newsreader archive``: fill and inspect the quote archive.

``newsreader archive import OUT.jsonl [--texts IN.jsonl]`` records the output
of ``newsreader annotate --jsonl`` (article texts come from each line's
``text`` or from the batch's input file); ``newsreader archive info`` says
where the archive is and what it holds. Exit codes: 0 success, 1 unreadable
input, skipped lines or a failed archive, 2 usage errors.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from newsreader.cli.basics import PROG, error
from newsreader.cli.common import run_on_archive
from newsreader.services.archive import ImportProblem, import_batch
from newsreader.store.archive import QuoteArchive


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsreader archive``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} archive", description="Fill and inspect the quote archive."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    batch = commands.add_parser(
        "import", help="record the output of `newsreader annotate --jsonl`"
    )
    batch.add_argument("output", metavar="OUT.jsonl")
    batch.add_argument(
        "--texts",
        metavar="IN.jsonl",
        help='the batch\'s input file, for output lines without a "text"',
    )
    commands.add_parser("info", help="where the archive is and what it holds")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``newsreader archive``; returns the exit code."""
    options = build_parser().parse_args(list(argv))
    return run_on_archive(_info if options.command == "info" else _import, options)


def _info(archive: QuoteArchive, options: argparse.Namespace) -> int:
    articles, quotes, speakers = archive.counts()
    print(f"{archive.db_path}")
    print(f"{articles} articles, {quotes} quotes, {speakers} speakers")
    return 0


def _import(archive: QuoteArchive, options: argparse.Namespace) -> int:
    texts = Path(options.texts) if options.texts else None
    try:
        report = import_batch(Path(options.output), archive, texts=texts)
    except ImportProblem as problem:
        error(str(problem))
        return 1
    for number, reason in report.skipped:
        error(f"{options.output}: line {number}: {reason}; skipped")
    print(
        f"{report.recorded} article{'s' if report.recorded != 1 else ''}, "
        f"{report.quotes} quote{'s' if report.quotes != 1 else ''} archived"
        + (f", {len(report.skipped)} lines skipped" if report.skipped else "")
    )
    return 1 if report.skipped else 0
