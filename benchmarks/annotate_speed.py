"""Annotation speed and memory against bare spaCy, measured in the same run.

Speed: ``annotate(article)`` (cache off) against the anchor, bare
``nlp.pipe(paragraphs, batch_size=64)`` of the same loaded pipeline over the
same paragraph texts, keeping nothing. Rounds alternate anchor / engine and the
ratio is taken pair by pair (the machine is shared and noisy).

Memory: fresh processes each load the pipeline, note ``ru_maxrss``, then either
stream ``nlp.pipe`` keeping only ``(start, end, label)`` of entities (the anchor)
or run ``annotate()``; the figure is the peak RSS (sampled every 10 ms) minus
the RSS just before (Linux only).

    python benchmarks/annotate_speed.py [--rounds 5] [--skip-memory]

Goals (issue 3): time ≤ 1.2× bare ``nlp.pipe``; memory added at 100,000 words
≤ 1.5× the streaming anchor.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_WORDS = 100_000


def big_text() -> str:
    """The sample articles concatenated until the text has 100,000 words."""
    from newsreader.resources import sample_articles
    from newsreader.sources import load_article

    texts = [load_article(str(p)).text for p in sample_articles()]
    pieces: list[str] = []
    words = 0
    while words < TARGET_WORDS:
        for text in texts:
            pieces.append(text)
            words += len(text.split())
            if words >= TARGET_WORDS:
                break
    return "\n\n".join(pieces)


def documents() -> dict[str, str]:
    from newsreader.resources import samples_dir
    from newsreader.sources import load_article

    return {
        "default sample": load_article(
            str(samples_dir() / "harbour-bridge-vote.txt")
        ).text,
        "long read": load_article(
            str(samples_dir() / "long-read-the-last-ferry.txt")
        ).text,
        "100k words": big_text(),
    }


def time_speed(rounds: int) -> None:
    from newsreader.nlp.engine import BATCH_SIZE, load_annotator
    from newsreader.services.batch import article_from_text

    annotator = load_annotator()
    nlp = annotator.nlp
    print(f"model: {annotator.model_label}; pipes: {', '.join(nlp.pipe_names)}")
    print(
        f"\n{'document':<16} {'words':>7} {'bare pipe s':>12} {'annotate s':>11} "
        f"{'ms/1k words':>12} {'ratio (paired median)':>22}"
    )
    for name, text in documents().items():
        article = article_from_text(name, text)
        paragraphs = [text[p.start : p.end] for p in article.paragraphs]
        words = len(text.split())
        runs = rounds if words < 20_000 else max(1, rounds // 2)
        # warm-up
        for _ in nlp.pipe(paragraphs[:20], batch_size=BATCH_SIZE):
            pass
        bare: list[float] = []
        engine: list[float] = []
        for _ in range(runs):
            started = time.perf_counter()
            for _doc in nlp.pipe(paragraphs, batch_size=BATCH_SIZE):
                pass
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            annotator.annotate(article)
            engine.append(time.perf_counter() - started)
        ratios = [e / b for e, b in zip(engine, bare, strict=True)]
        print(
            f"{name:<16} {words:>7} {statistics.median(bare):>12.2f} "
            f"{statistics.median(engine):>11.2f} "
            f"{1000 * statistics.median(engine) / words * 1000:>12.0f} "
            f"{statistics.median(ratios):>10.2f} "
            f"({min(ratios):.2f}–{max(ratios):.2f}) n={runs}"
        )
    print("goal: ratio ≤ 1.20")


def memory_child(mode: str) -> None:
    """Run in a fresh process: print RSS added by one 100k-word annotation."""
    from newsreader.nlp.engine import BATCH_SIZE, load_annotator
    from newsreader.services.batch import article_from_text

    annotator = load_annotator()
    text = big_text()
    article = article_from_text("big", text)
    paragraphs = [text[p.start : p.end] for p in article.paragraphs]
    for _ in annotator.nlp.pipe(paragraphs[:20]):
        pass
    import gc
    import threading

    gc.collect()
    before = current_rss_mib()
    peak = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], current_rss_mib())
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if mode == "anchor":
        kept = []
        for doc in annotator.nlp.pipe(paragraphs, batch_size=BATCH_SIZE):
            kept.extend((e.start_char, e.end_char, e.label_) for e in doc.ents)
    else:
        annotator.annotate(article)
    done.set()
    sampler.join()
    peak[0] = max(peak[0], current_rss_mib())
    print(json.dumps({"before_mib": before, "added_mib": peak[0] - before}))


def current_rss_mib() -> float:
    """Resident set size now (Linux /proc), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def measure_memory(repeats: int) -> None:
    results: dict[str, list[float]] = {"anchor": [], "annotate": []}
    for _ in range(repeats):
        for mode in ("anchor", "annotate"):
            output = subprocess.run(
                [sys.executable, __file__, "--memory-child", mode],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[mode].append(
                json.loads(output.strip().splitlines()[-1])["added_mib"]
            )
    anchor = statistics.median(results["anchor"])
    mine = statistics.median(results["annotate"])
    print("\nmemory added by annotating 100,000 words (peak RSS − RSS after load):")
    print(
        f"  streaming nlp.pipe keeping entity spans: {anchor:.0f} MiB  "
        f"{results['anchor']}"
    )
    print(
        f"  annotate():                              {mine:.0f} MiB  "
        f"{results['annotate']}"
    )
    print(f"  ratio {mine / anchor:.2f} (goal ≤ 1.50), n={repeats}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--memory-repeats", type=int, default=2)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-child", choices=("anchor", "annotate"))
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return
    time_speed(args.rounds)
    if not args.skip_memory:
        measure_memory(args.memory_repeats)


if __name__ == "__main__":
    main()
