"""``newsreader review``: an article's quotes with their review state.

``newsreader review PATH|URL|- [--json] [--model NAME]`` lists every quote
(rejected ones too) with what the reporter decided in the reader (verified,
edited, not a quote, notes) and what still needs checking. Annotations come
from the cache (spaCy only on a miss); reviews from the bookmark database.
Exit codes: 0 success, 1 bad input, 2 usage errors (unknown option or model).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import IO, Any

from newsreader.cli.basics import PROG
from newsreader.cli.common import (
    Stop,
    annotations_or_stop,
    article_or_stop,
    model_or_stop,
    reviewed_or_warn,
)
from newsreader.model import Article
from newsreader.review import QuoteState, ReviewedAnnotations
from newsreader.safe_text import printable
from newsreader.serialize import quote_to_dict

STATUS_MARKS = {
    "machine": "·",
    "verified": "✔",
    "edited": "✎",
    "rejected": "✗",
}
"""The symbol before each quote, by review status (the same as the reader's)."""

PREVIEW = 70
"""Characters of quote text shown per quote."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``newsreader review``."""
    parser = argparse.ArgumentParser(
        prog=f"{PROG} review",
        description=(
            "List an article's quotes with their review state (machine, "
            "verified, edited, not a quote), notes, and what needs checking."
        ),
    )
    parser.add_argument("source", metavar="PATH|URL|-", help="the article")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")
    return parser


def _one_line(text: str, limit: int) -> str:
    line = printable(" ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def state_record(article: Article, state: QuoteState) -> dict[str, Any]:
    """One quote's review state as a JSON-ready dictionary: the quote as shown
    (after review) in the shared shape (:func:`newsreader.serialize.quote_to_dict`),
    its text, and the review fields beside it, as in the JSON export."""
    quote = state.quote
    return {
        "quote": quote_to_dict(quote),
        "text": article.span_text(quote.span),
        "speaker_kind": state.kind,
        "status": state.status,
        "machine_speaker": state.machine_label,
        "note": state.note,
        "needs_check": state.needs_check,
        "checks": list(state.checks),
        "flag": state.flag,
    }


def counts(view: ReviewedAnnotations) -> dict[str, int]:
    """How many quotes are in each state, and how many still need checking."""
    found = {"quotes": len(view.annotations.quotes), "machine": 0}
    found.update(verified=0, edited=0, rejected=len(view.rejected))
    for state in view.states.values():
        found[state.status] = found.get(state.status, 0) + 1
    found["to_check"] = len(view.to_check())
    return found


def _speaker_text(state: QuoteState) -> str:
    quote = state.quote
    if quote.speaker:
        name = quote.speaker
    elif quote.speaker_mention:
        name = f"{quote.speaker_mention}?"
    else:
        name = "(no speaker)"
    if state.kind in ("organisation", "anonymous", "document"):
        name += f" [{'not a person' if state.kind == 'document' else state.kind}]"
    return name


def print_text(
    article: Article, view: ReviewedAnnotations, problem: str | None, out: IO[str]
) -> None:
    """The human-readable listing."""
    totals = counts(view)
    print(_one_line(article.title, 100), file=out)
    summary = (
        f"{totals['quotes']} quotes · {totals['verified']} verified · "
        f"{totals['edited']} edited · {totals['rejected']} not a quote · "
        f"{totals['to_check']} to check"
    )
    print(summary, file=out)
    if problem:
        print(f"(reviews unavailable: {_one_line(problem, 90)})", file=out)
    print(file=out)
    for number, state in enumerate(view.all_states(), start=1):
        mark = "!" if state.needs_check else STATUS_MARKS[state.status]
        label = "to check" if state.needs_check else state.status
        paragraph = article.paragraph_index(state.quote.span.start) + 1
        print(
            f"{number:>3} {mark} {label:<9} {_one_line(_speaker_text(state), 56)}"
            f"  ¶{paragraph}",
            file=out,
        )
        text = _one_line(article.span_text(state.quote.span), PREVIEW)
        print(f"      {text}", file=out)
        if state.status == "edited":
            print(
                f"      machine said: {state.machine_label or 'no speaker'}", file=out
            )
        if state.needs_check and state.checks:
            print(f"      check: {', '.join(state.checks)}", file=out)
        if state.flag:
            print(f"      ⚠ {state.flag}", file=out)
        if state.note:
            print(f"      note: {_one_line(state.note, PREVIEW)}", file=out)


def main(argv: Sequence[str]) -> int:
    """Run ``newsreader review``; returns the exit code."""
    options = build_parser().parse_args(list(argv))
    try:
        choice = model_or_stop(options.model)
        article = article_or_stop(options.source)
        annotations = annotations_or_stop(article, choice, archive=False)
    except Stop as stop:
        return stop.code
    view, unavailable = reviewed_or_warn(article, annotations)
    if options.json:
        data = {
            "title": article.title,
            "source": article.source,
            "content_sha256": article.sha256,
            "counts": counts(view),
            "quotes": [state_record(article, s) for s in view.all_states()],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print_text(article, view, unavailable, sys.stdout)
    return 0
