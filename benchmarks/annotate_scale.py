"""Annotation throughput as articles grow, and peak memory on one huge paragraph.

Speed: the sample articles are repeated into texts of about 100,000 and
10,000,000 characters, each annotated once (cache off) by the same loaded
annotator; the words per second of both and their ratio are printed.

Memory: a fresh process loads the pipeline and annotates a single paragraph of
1,200,000 characters (the sample articles with their paragraph breaks
removed); its peak resident set size (``ru_maxrss``, model included) is
printed.

    python benchmarks/annotate_scale.py [--sizes 100000 10000000]
                                        [--paragraph 1200000] [--skip-memory]

Goals (issue 11): the two speeds within 1.5x of each other; peak memory on the
1.2 M-character paragraph under 1 GB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def sample_texts() -> list[str]:
    from newsreader.resources import sample_articles
    from newsreader.sources import load_article

    return [load_article(str(path)).text for path in sample_articles()]


def generated(chars: int, separator: str = "\n\n") -> str:
    """The sample articles repeated until the text has ``chars`` characters."""
    texts = sample_texts()
    if separator != "\n\n":
        texts = [" ".join(text.split()) for text in texts]
    pieces: list[str] = []
    size = 0
    while size < chars:
        for text in texts:
            pieces.append(text)
            size += len(text) + len(separator)
            if size >= chars:
                break
    return separator.join(pieces)[:chars]


def measure_speed(sizes: list[int]) -> None:
    from newsreader.nlp.engine import load_annotator
    from newsreader.services.batch import article_from_text

    annotator = load_annotator()
    annotator.annotate(article_from_text("warm-up", generated(20_000)))
    speeds: list[float] = []
    for chars in sizes:
        text = generated(chars)
        words = len(text.split())
        started = time.perf_counter()
        annotations = annotator.annotate(article_from_text(f"{chars}", text))
        seconds = time.perf_counter() - started
        speeds.append(words / seconds)
        ids = {quote.id for quote in annotations.quotes}
        print(
            f"{chars:>12,} chars {words:>10,} words {seconds:8.1f} s "
            f"{words / seconds:9,.0f} words/s   "
            f"{len(annotations.quotes):,} quotes, {len(ids):,} distinct ids",
            flush=True,
        )
    if len(speeds) > 1:
        ratio = speeds[0] / speeds[-1]
        print(f"speed ratio smallest/largest: {ratio:.2f} (goal <= 1.5)")


def child_paragraph(chars: int) -> None:
    """Annotate one paragraph of ``chars`` characters; print peak RSS in MB."""
    from newsreader.nlp.engine import load_annotator
    from newsreader.services.batch import article_from_text

    annotator = load_annotator()
    text = generated(chars, separator=" ")
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    annotations = annotator.annotate(article_from_text("paragraph", text))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{chars:,}-character paragraph: {seconds:.1f} s, "
        f"{len(annotations.quotes):,} quotes, peak RSS {peak:,.0f} MB "
        f"(model loaded: {loaded:,.0f} MB; goal < 1024 MB)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 10_000_000])
    parser.add_argument("--paragraph", type=int, default=1_200_000)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--child-paragraph", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child_paragraph:
        child_paragraph(options.child_paragraph)
        return
    measure_speed(options.sizes)
    if not options.skip_memory:
        subprocess.run(
            [sys.executable, __file__, "--child-paragraph", str(options.paragraph)],
            check=True,
        )


if __name__ == "__main__":
    main()
