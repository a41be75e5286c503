"""Batch throughput: bare spaCy against ``annotate --jsonl`` with ``--jobs`` and
on a local Dask cluster, over the same generated corpus in one run.

The corpus is articles of about 700 words cut from the sample articles. Each
configuration runs as a fresh process, timed from launch to exit (imports,
model loading and, for Dask, starting the cluster included), and is reported
in words per second with its ratio to the bare counterpart: one process
against bare ``nlp.pipe``, two against ``nlp.pipe(n_process=2)``.

    python benchmarks/batch_scale.py [--articles 150] [--partition-chars 100000]

Goal (issue 16): Dask with 2 workers within 1.15x of ``nlp.pipe(n_process=2)``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARTICLE_WORDS = 700

BARE = """
import json, sys, spacy
from newsreader.nlp.pipeline import resolve_model
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(resolve_model().load_name)
processes = int(sys.argv[2])
# Small batches, so that every process gets texts (the default is 1,000).
batch = max(1, len(texts) // (8 * processes))
for doc in nlp.pipe(texts, n_process=processes, batch_size=batch):
    pass
"""


def corpus(articles: int) -> list[dict[str, str]]:
    """``articles`` articles of about :data:`ARTICLE_WORDS` words, made of
    consecutive paragraphs of the sample articles."""
    from newsreader.resources import sample_articles
    from newsreader.sources import load_article

    paragraphs = [
        paragraph
        for path in sample_articles()
        for paragraph in load_article(str(path)).text.split("\n\n")
        if paragraph.strip()
    ]
    result: list[dict[str, str]] = []
    index = 0
    while len(result) < articles:
        piece: list[str] = []
        words = 0
        while words < ARTICLE_WORDS:
            paragraph = paragraphs[index % len(paragraphs)]
            index += 1
            piece.append(paragraph)
            words += len(paragraph.split())
        result.append({"id": f"a{len(result)}", "text": "\n\n".join(piece)})
    return result


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--partition-chars", type=int, default=100_000)
    options = parser.parse_args()

    articles = corpus(options.articles)
    words = sum(len(article["text"].split()) for article in articles)
    chars = sum(len(article["text"]) for article in articles)
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "corpus.jsonl"
        source.write_text(
            "".join(json.dumps(article) + "\n" for article in articles),
            encoding="utf-8",
        )
        out = str(Path(directory) / "out.jsonl")
        annotate = [sys.executable, "-m", "newsreader", "annotate", "--jsonl"]
        dask = [*annotate, str(source), "-o", out, "--scheduler", "local"]
        dask += ["--partition-chars", str(options.partition_chars)]
        runs = [
            ("bare nlp.pipe", None, [sys.executable, "-c", BARE, str(source), "1"]),
            (
                "bare nlp.pipe(n_process=2)",
                None,
                [sys.executable, "-c", BARE, str(source), "2"],
            ),
            ("--jobs 1", 0, [*annotate, str(source), "-o", out, "--jobs", "1"]),
            ("--jobs 2", 1, [*annotate, str(source), "-o", out, "--jobs", "2"]),
            ("--scheduler local, 1 worker", 0, [*dask, "--jobs", "1"]),
            ("--scheduler local, 2 workers", 1, [*dask, "--jobs", "2"]),
        ]
        print(
            f"corpus: {len(articles)} articles, {words:,} words, {chars:,} chars; "
            "each run a fresh process, launch to exit"
        )
        print(f"{'run':<30} {'seconds':>8} {'words/s':>9} {'bare/this':>10}")
        bare: list[float] = []
        for name, counterpart, command in runs:
            seconds = timed(command)
            speed = words / seconds
            if counterpart is None:
                bare.append(speed)
                ratio = ""
            else:
                ratio = f"{bare[counterpart] / speed:.2f}x"
            print(f"{name:<30} {seconds:8.1f} {speed:9,.0f} {ratio:>10}", flush=True)
    print("goal: --scheduler local, 2 workers <= 1.15x of nlp.pipe(n_process=2)")


if __name__ == "__main__":
    main()
