"""Does the reader's UI ever stall? A heartbeat measurement (a script, not a test).

The reader runs headless at 120x40 with a 10 ms heartbeat timer; every gap
between beats longer than the interval is time the event loop could not
answer a key. Measured at 100,000 and 1,000,000 words (the sample articles
repeated), with real annotations of the samples shifted to every copy and
served from the annotation cache, so the run shows the UI's own work:

* **start**: launch to 3 s after the first paint (side pane mounts,
  wrapping the rest of the article, annotations applied, side-pane lists
  filled);
* **mark all**: ``V`` on every quote, then ``V`` again.

Goal (issue 16): no gap longer than one frame (16.7 ms) plus the heartbeat's
own interval. Prints the worst gaps of each phase.

Usage::

    python benchmarks/ui_stalls.py [--words 100000 1000000] [--runs 2]

Set ``PYTHONPATH`` to another checkout to measure it with the same script.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve()
HEARTBEAT = 0.010
FRAME = 1 / 60


def build(words: int, directory: Path) -> tuple[Path, Path, str]:
    """The article file, its annotation cache dir, and a note."""
    sys.path.insert(0, str(SCRIPT.parent))
    import reader_latency
    from reader_latency import build_big_article, cache_big_annotations

    from newsreader.resources import samples_dir

    reader_latency.TARGET_WORDS = words
    samples = sorted(samples_dir().glob("*.txt"))
    path, offsets, copies = build_big_article(samples, directory)
    cache = directory / "cache"
    real, note = cache_big_annotations(path, offsets, copies, cache)
    return path, cache, note if real else "no spaCy engine: no quotes"


def run_once(article_path: Path, cache_dir: Path) -> dict[str, list[float]]:
    """One headless reader run; gaps (ms) per phase."""
    from textual import events

    from newsreader.services.container import Services
    from newsreader.sources import load_article
    from newsreader.store.annotation_cache import AnnotationCache
    from newsreader.ui.app import NewsReaderApp

    article = load_article(str(article_path))
    services = Services(
        annotator_factory=None,
        engine_id=_engine_id(),
        cache=AnnotationCache(cache_dir),
    )
    app = NewsReaderApp(article, services=services, theme="textual-dark")
    beats: list[float] = []
    phases: dict[str, list[float]] = {"start": [], "mark all": []}

    def beat() -> None:
        beats.append(time.perf_counter())

    def gaps_since(start: int) -> list[float]:
        return [
            (later - earlier) * 1000
            for earlier, later in zip(beats[start:], beats[start + 1 :], strict=False)
        ]

    async def pilot(_: Any) -> None:
        app.set_interval(HEARTBEAT, beat)
        await asyncio.sleep(3.0)
        phases["start"] = gaps_since(0)
        reader = app.reader
        deadline = time.perf_counter() + 30
        while reader.annotation_state != "ready" and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)
        # From the last beat before the first press: the gap that holds the
        # press's handling counts.
        first = max(len(beats) - 1, 0)
        for _ in range(2):
            app.post_message(events.Key("V", "V"))
            await asyncio.sleep(1.0)
        phases["mark all"] = gaps_since(first)
        app.exit(0)

    app.run(headless=True, size=(120, 40), auto_pilot=pilot)
    return phases


def _engine_id() -> str:
    from newsreader.nlp.pipeline import resolve_model

    return resolve_model().engine_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    budget = (HEARTBEAT + FRAME) * 1000
    print(f"{'article':<14} {'phase':<10} {'worst gaps (ms)':<34} goal ≤ {budget:.0f}")
    for words in args.words:
        directory = Path(tempfile.mkdtemp(prefix="newsreader-stalls-"))
        path, cache, note = build(words, directory)
        print(f"  ({words:,} words: {note})", file=sys.stderr)
        results: dict[str, list[float]] = {"start": [], "mark all": []}
        for _ in range(args.runs):
            for phase, gaps in run_once(path, cache).items():
                results[phase].extend(gaps)
        for phase, gaps in results.items():
            worst = sorted(gaps, reverse=True)[:3]
            median = statistics.median(gaps) if gaps else float("nan")
            verdict = "PASS" if worst and worst[0] <= budget else "FAIL"
            shown = ", ".join(f"{gap:.0f}" for gap in worst)
            print(
                f"{words:<14,} {phase:<10} {shown + f' (median {median:.0f})':<34} "
                f"{verdict}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
