"""``newsreader annotate``: print the annotations of one article, or of a batch.

``newsreader annotate PATH [--format text|json]`` prints one article's quotes,
entities and topics; ``--jsonl IN.jsonl [-o OUT.jsonl] [--jobs N]`` annotates
every line of a JSON-lines file (see :mod:`newsreader.services.batch`).
spaCy is imported only when something must be annotated.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from newsreader.cli.common import PROG, choose_model, error, user_settings
from newsreader.model import REASON_LABELS, Annotations, Article
from newsreader.nlp import ModelError
from newsreader.nlp.pipeline import ModelChoice
from newsreader.serialize import annotations_to_dict
from newsreader.services.annotate import annotate_cached
from newsreader.services.archive import record_annotated
from newsreader.sources import SourceError, load_article


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
        metavar="IN.jsonl",
        help='batch mode: annotate the "text" of every JSON line ("-" = stdin)',
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT.jsonl", default="-", help="batch output file"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (batch)"
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run ``newsreader annotate``; returns the exit code."""
    parser = build_parser()
    options = parser.parse_args(list(argv))
    settings = user_settings()
    try:
        choice = choose_model(options.model or settings.model)
    except ModelError as problem:
        error(str(problem))
        return 2
    if options.jsonl:
        if options.source:
            parser.error("give either PATH or --jsonl, not both")
        return _annotate_batch(options.jsonl, options.output, choice, options.jobs)
    if not options.source:
        parser.error("PATH (or --jsonl IN.jsonl) is required")
    try:
        article = load_article(options.source)
    except SourceError as problem:
        error(str(problem))
        return 1
    try:
        annotations = annotate_cached(article, choice)
    except ModelError as problem:
        error(str(problem))
        return 2
    archived = record_annotated(article, annotations)
    if archived:
        error(archived)
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
        "source": article.source,
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
    return "\n".join(lines) + "\n"


def _annotate_batch(source: str, output: str, choice: ModelChoice, jobs: int) -> int:
    from newsreader.services.batch import BadLine, annotate_lines

    try:
        if source == "-":
            lines = sys.stdin.read().splitlines()
        else:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as problem:
        error(f"{source}: cannot read ({problem})")
        return 1
    skipped = 0
    out: IO[str]
    if output == "-":
        out = sys.stdout
        tmp_path = None
    else:
        target = Path(output)
        tmp_path = target.with_name(target.name + ".part")
        try:
            out = tmp_path.open("w", encoding="utf-8")
        except OSError as problem:
            error(f"{output}: cannot write ({problem.strerror or problem})")
            return 1
    try:
        for record in annotate_lines(lines, choice, jobs=max(1, jobs)):
            if isinstance(record, BadLine):
                skipped += 1
                error(f"{source}: line {record.number}: {record.reason}; skipped")
                continue
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if tmp_path is not None:
            out.close()
    if tmp_path is not None:
        tmp_path.replace(Path(output))
    return 1 if skipped else 0
