"""How long ``V`` (mark every quote) and ``e`` (export them) hold the UI thread.

Generates an article of N short quotes, annotates it with a deterministic
regex annotator (no spaCy), presses ``V`` and then ``e`` in a headless app, and
reports the time the ``V`` handler took and the longest gap between frames
while the export runs (the export renders and writes in a worker).

    .venv/bin/python benchmarks/mark_all_latency.py [--quotes 2500]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsreader.model import Annotations, Article, Quote, Span
from newsreader.services.container import Services
from newsreader.ui.app import NewsReaderApp
from newsreader.ui.screens.reader import ReaderScreen

ENGINE = "bench-quotes-1"


def generated_article(quotes: int) -> Article:
    """One short quoted sentence per paragraph."""
    paragraphs = [f"Many voices ({quotes})", "By the desk"]
    paragraphs += [f'"Point {n} stands," said Person{n % 40}.' for n in range(quotes)]
    text = "\n\n".join(paragraphs)
    spans, position = [], 0
    for paragraph in paragraphs:
        spans.append(Span(position, position + len(paragraph)))
        position += len(paragraph) + 2
    return Article(text=text, paragraphs=tuple(spans), title=paragraphs[0], source="-")


class QuoteAnnotator:
    """Every double-quoted stretch is a quote."""

    engine_id = ENGINE

    def annotate(self, article: Article, **_: Any) -> Annotations:
        found = re.finditer(r'"[^"]+"', article.text)
        quotes = tuple(
            Quote(f"b{m.start()}", Span(m.start(), m.end()), "direct", f"P{i % 40}")
            for i, m in enumerate(found)
        )
        return Annotations(article.sha256, ENGINE, quotes)


async def measure(quotes: int) -> dict[str, float]:
    article = generated_article(quotes)
    services = Services(annotator_factory=QuoteAnnotator, engine_id=ENGINE)
    app = NewsReaderApp(article, services=services, theme="textual-dark")
    timings: dict[str, float] = {}
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.annotations is not None
        started = time.perf_counter()
        reader.action_mark_all()
        timings["V handler ms"] = (time.perf_counter() - started) * 1000
        await pilot.pause()
        timings["V to next frame ms"] = (time.perf_counter() - started) * 1000
        assert len(reader.marked_ids) == quotes
        started = time.perf_counter()
        reader.action_export_marked()
        timings["e handler ms"] = (time.perf_counter() - started) * 1000
        # Key presses keep being answered while the export is written.
        worst = 0.0
        while reader.last_export is None and time.perf_counter() - started < 120:
            tick = time.perf_counter()
            await pilot.press("j")
            worst = max(worst, time.perf_counter() - tick)
        timings["export total s"] = time.perf_counter() - started
        timings["worst key during export ms"] = worst * 1000
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=2500)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["NEWSREADER_HOME"] = home
        for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            os.environ[variable] = str(Path(home) / variable.lower())
        for quotes in (options.quotes // 4, options.quotes):
            timings = asyncio.run(measure(quotes))
            shown = ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
            print(f"{quotes} quotes: {shown}", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
