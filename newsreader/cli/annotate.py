"""``newsreader annotate``: print the annotations of one article, or of a batch.

``newsreader annotate PATH [--format text|json]`` prints one article's quotes,
entities and topics; ``--jsonl IN.jsonl [-o OUT.jsonl] [--jobs N]`` annotates
every line of a JSON-lines file (see :mod:`newsreader.services.batch`).
spaCy is imported only when something must be annotated.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsreader.cli.basics import PROG, error
from newsreader.cli.common import (
    Stop,
    annotations_or_stop,
    article_or_stop,
    model_or_stop,
)
from newsreader.model import REASON_LABELS, Annotations, Article
from newsreader.nlp.pipeline import ModelChoice
from newsreader.safe_text import printable
from newsreader.serialize import annotations_to_dict

if TYPE_CHECKING:
    from newsreader.services.batch import BadLine


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsreader annotate``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} annotate",
        description="Print the quotes, speakers, entities and topics of an article.",
    )
    parser.add_argument("source", nargs="?", metavar="PATH|URL|-")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--jsonl",
        nargs="+",
        metavar="IN.jsonl",
        help='batch mode: annotate the "text" of every JSON line of these files '
        "or patterns ('archive/*.jsonl'; - = stdin)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT.jsonl", default="-", help="batch output file"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (batch; with --scheduler local, the workers started)",
    )
    parser.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="local|tcp://HOST:PORT",
        help="batch on Dask: a local cluster or a running scheduler "
        "(needs: pip install 'newsreader[scale]')",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="batch: skip the ids already in OUT or in its finished partitions",
    )
    parser.add_argument(
        "--progress",
        action="store_true",
        help="batch: show progress even when standard error is not a terminal",
    )
    parser.add_argument(
        "--partition-chars",
        type=_positive,
        metavar="N",
        help="batch: characters of article text per partition (default 1.5 M)",
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    return parser


def _scheduler(value: str) -> str:
    if value == "local" or "://" in value:
        return value
    raise argparse.ArgumentTypeError(
        "give local or a scheduler address (tcp://HOST:PORT)"
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def main(argv: Sequence[str]) -> int:
    """Run ``newsreader annotate``; returns the exit code."""
    parser = build_parser()
    options = parser.parse_args(list(argv))
    try:
        choice = model_or_stop(options.model)
    except Stop as stop:
        return stop.code
    if options.jsonl:
        if options.source:
            parser.error("give either PATH or --jsonl, not both")
        return _batch(parser, options, choice)
    if options.scheduler or options.resume:
        parser.error("--scheduler and --resume go with --jsonl")
    if not options.source:
        parser.error("PATH (or --jsonl IN.jsonl) is required")
    try:
        article = article_or_stop(options.source)
        annotations = annotations_or_stop(article, choice)
    except Stop as stop:
        return stop.code
    if options.format == "json":
        json.dump(
            {"article": article_metadata(article), **annotations_to_dict(annotations)},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        sys.stdout.write(annotations_as_text(article, annotations))
    return 0


def article_metadata(article: Article) -> dict[str, Any]:
    """The article's descriptive fields as a dictionary."""
    return {
        "title": article.title,
        "byline": article.byline,
        "site": article.site,
        "published": article.published,
        "source": printable(article.source),
        "url": article.url,
        "sha256": article.sha256,
        "paragraphs": len(article.paragraphs),
        "characters": len(article.text),
    }


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def annotations_as_text(article: Article, annotations: Annotations) -> str:
    """A readable report: quotes with speakers, then entities, then topics."""
    lines = [article.title, f"engine: {annotations.engine}", ""]
    lines.append(f"QUOTES ({len(annotations.quotes)})")
    lines.append(
        f"{'#':>3}  {'speaker':<24} {'cue':<12} {'conf':>4}  {'kind':<8} quote"
    )
    for number, quote in enumerate(annotations.quotes, start=1):
        speaker = quote.speaker or (
            f"({quote.speaker_mention})" if quote.speaker_mention else "—"
        )
        lines.append(
            f"{number:>3}  {_clip(speaker, 24):<24} {_clip(quote.cue or '—', 12):<12} "
            f"{quote.confidence:>4.2f}  {quote.kind:<8} "
            f"{_clip(article.span_text(quote.span), 70)}"
        )
        lines.append(
            f"{'':>5}¶{article.paragraph_index(quote.span.start) + 1} · "
            f"{REASON_LABELS[quote.reason]}"
        )
    lines.append("")
    lines.append(f"ENTITIES ({len(annotations.entities)})")
    for entity in annotations.entities:
        quoted = f", quoted {entity.quote_count}×" if entity.quoted else ""
        variants = [v for v in entity.variants if v != entity.name]
        also = f"  (also: {', '.join(variants)})" if variants else ""
        lines.append(
            f"  {entity.label:<8} {entity.name} — {len(entity.mentions)} mentions"
            f"{quoted}{also}"
        )
    lines.append("")
    lines.append(f"TOPICS ({len(annotations.topics)})")
    for rank, topic in enumerate(annotations.topics, start=1):
        lines.append(f"  {rank:>2}. {topic.phrase} ({len(topic.mentions)}×)")
    return "\n".join(printable(line) for line in lines) + "\n"


def _unwritable(target: Path) -> str | None:
    """Why the batch output cannot go to ``target``, or None when it can."""
    if target.is_dir():
        return "is a directory; name the output file"
    if target.exists() and not target.is_file():
        return "is not a regular file; name a file (or - for standard output)"
    parent = target.parent
    if not parent.is_dir():
        return f"cannot write: no directory {str(parent)!r}"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"cannot write in {str(parent)!r}: permission denied"
    return None


def _batch(
    parser: argparse.ArgumentParser, options: argparse.Namespace, choice: ModelChoice
) -> int:
    """Run batch mode: in partitions with ``--scheduler`` or ``--resume``, else
    in one pass."""
    from newsreader.cli.batch import InputError, expand_inputs, run_batch
    from newsreader.services.partitions import PARTITION_CHARS

    try:
        names = expand_inputs(options.jsonl)
    except InputError as problem:
        error(str(problem))
        return 1
    if not (options.scheduler or options.resume):
        return _annotate_batch(names, options.output, choice, options.jobs or 1)
    if options.output == "-":
        parser.error("--scheduler and --resume need -o OUT.jsonl")
    target = Path(options.output)
    unwritable = _unwritable(target)
    if unwritable is not None:
        error(f"{options.output}: {unwritable}")
        return 1
    return run_batch(
        names,
        target,
        choice,
        scheduler=options.scheduler,
        jobs=options.jobs,
        resume=options.resume,
        partition_chars=options.partition_chars or PARTITION_CHARS,
        progress=options.progress,
    )


def _annotate_batch(
    sources: list[str], output: str, choice: ModelChoice, jobs: int
) -> int:
    """Annotate JSON-lines files, one after another, into ``output``.

    The destination is checked before any work; the output is written to a
    ``.part`` file renamed into place at the end, and removed on any failure.
    """
    from newsreader.services.batch import InputTooLarge, annotate_lines, read_lines

    target = None if output == "-" else Path(output)
    if target is not None:
        problem = _unwritable(target)
        if problem is not None:
            error(f"{output}: {problem}")
            return 1
    inputs: list[tuple[str, list[str | BadLine]]] = []
    for source in sources:
        try:
            if source == "-":
                inputs.append((source, list(read_lines(sys.stdin.buffer))))
            else:
                with open(source, "rb") as stream:
                    inputs.append((source, list(read_lines(stream))))
        except InputTooLarge as problem:
            error(f"{source}: {problem}; nothing written")
            return 1
        except OSError as problem:
            error(f"{source}: cannot read ({problem.strerror or problem})")
            return 1

    def write_all(out: IO[str]) -> int:
        return max(
            _write_records(annotate_lines(lines, choice, jobs=max(1, jobs)), out, name)
            for name, lines in inputs
        )

    if target is None:
        return write_all(sys.stdout)
    part = target.with_name(target.name + ".part")
    done = False
    try:
        with part.open("w", encoding="utf-8") as out:
            status = write_all(out)
        part.replace(target)
        done = True
    except OSError as problem:
        reason = problem.strerror or problem
        error(f"{output}: cannot write ({reason}); nothing written")
        return 1
    finally:
        if not done:
            part.unlink(missing_ok=True)
    return status


def _write_records(
    records: Iterable[dict[str, Any] | BadLine], out: IO[str], source: str
) -> int:
    """Write the good records as JSON lines and report the bad ones; returns
    the exit code (1 when a line was skipped)."""
    from newsreader.services.batch import BadLine, record_line

    skipped = 0
    for record in records:
        if isinstance(record, BadLine):
            skipped += 1
            error(f"{source}: line {record.number}: {record.reason}; skipped")
            continue
        out.write(record_line(record))
    return 1 if skipped else 0
