"""Quote archive at scale: import throughput, search and trace latency.

Builds an archive of generated articles (default 10,000 articles with 10
quotes each: 100,000 quotes), recording them the way ``newsreader archive
import`` does (200 articles per transaction), then measures:

* import throughput in articles per second;
* search latency (median / p95) of ``QuoteArchive.search`` for one- and
  two-word queries, against a bare FTS5 ``MATCH … ORDER BY rank LIMIT`` over
  the same index in the same run;
* trace latency (median / p95) of ``QuoteArchive.trace`` on archived quotes
  with two or three words changed, and how often the original was found.

Text comes from generated pseudo-words drawn with a Zipf-like distribution,
so some words are common and most are rare, as in news copy.

    python benchmarks/archive.py [--articles N] [--quotes-per-article N] [--keep PATH]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsreader.model import Annotations, Article, Quote, Span  # noqa: E402
from newsreader.store.archive import QuoteArchive, SearchQuery  # noqa: E402

SYLLABLES = (
    "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu "
    "na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu "
    "bra cre dri fro glu pla sto tri"
).split()
FIRST_NAMES = (
    "Ada Ben Cara Dev Ella Finn Gita Hugo Iris Jon Kemi Liam Mira Nico Omar Pia "
    "Quinn Rosa Sami Tara Umar Vera Wes Xena Yara Zoë"
).split()
OUTLETS = (
    "Harbour Herald",
    "Valley Gazette",
    "Wire Service",
    "City Post",
    "Daily Ledger",
)


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


class Generator:
    """Generated articles, quotes and speakers (deterministic for a seed)."""

    def __init__(self, seed: int = 7, vocab: int = 20000) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, vocab)
        self.cumulative = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words)))
        )
        surnames = [w.capitalize() for w in vocabulary(self.rng, 1500)]
        self.speakers = [f"{self.rng.choice(FIRST_NAMES)} {s}" for s in surnames]

    def sentence(self, length: int) -> str:
        chosen = self.rng.choices(self.words, cum_weights=self.cumulative, k=length)
        return " ".join(chosen).capitalize()

    def article(self, number: int, quotes: int) -> tuple[Article, Annotations]:
        rng = self.rng
        paragraphs = [f"{self.sentence(6)} {number}"]
        spans: list[tuple[int, int, str]] = []
        position = len(paragraphs[0]) + 2
        for _ in range(quotes):
            speaker = rng.choice(self.speakers)
            words = f"“{self.sentence(rng.randint(12, 30))},”"
            paragraph = f"{words} {speaker} said. {self.sentence(15)}."
            spans.append((position, position + len(words), speaker))
            paragraphs.append(paragraph)
            position += len(paragraph) + 2
        text = "\n\n".join(paragraphs)
        starts = [0]
        for paragraph in paragraphs[:-1]:
            starts.append(starts[-1] + len(paragraph) + 2)
        article = Article(
            text=text,
            paragraphs=tuple(
                Span(s, s + len(p)) for s, p in zip(starts, paragraphs, strict=True)
            ),
            title=paragraphs[0],
            source=f"generated/{number}.txt",
            site=rng.choice(OUTLETS),
            published=(
                f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}"
            ),
        )
        found = tuple(
            Quote(
                id=f"q-{n}",
                span=Span(start, end),
                kind="direct",
                speaker=speaker,
                speaker_mention=speaker,
                cue="said",
                confidence=0.9,
                reason="named",
            )
            for n, (start, end, speaker) in enumerate(spans)
        )
        return article, Annotations(article.sha256, "benchmark", found)

    def altered(self, text: str, changes: int) -> str:
        words = text.strip("“”,").split()
        for _ in range(changes):
            words[self.rng.randrange(len(words))] = self.rng.choice(self.words)
        return " ".join(words)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--quotes-per-article", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="write the archive here (kept)")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        path = options.keep or Path(scratch) / "archive.sqlite3"
        archive = QuoteArchive(path)
        generator = Generator()
        generated: list[tuple[Article, Annotations, dict[str, str]]] = []
        sample_quotes: list[str] = []
        for number in range(options.articles):
            article, annotations = generator.article(number, options.quotes_per_article)
            kinds = {q.id: "person" for q in annotations.quotes}
            generated.append((article, annotations, kinds))
            if number % 97 == 0:
                sample_quotes.append(article.span_text(annotations.quotes[0].span))
        started = time.perf_counter()
        for first in range(0, len(generated), 200):
            archive.record_many(generated[first : first + 200])
        elapsed = time.perf_counter() - started
        articles, quotes, speakers = archive.counts()
        print(f"archive: {articles} articles, {quotes} quotes, {speakers} speakers")
        print(f"import: {articles / elapsed:.0f} articles/s ({elapsed:.1f} s)")

        rng = random.Random(11)
        queries = []
        for _ in range(options.queries):
            words = rng.choice(sample_quotes).strip("“”,").split()
            if rng.random() < 0.5:
                queries.append(rng.choice(words))
            else:
                start = rng.randrange(len(words) - 1)
                queries.append(" ".join(words[start : start + 2]))

        import sqlite3

        from newsreader.store.archive import fts_expression

        bare = sqlite3.connect(path)
        bare_times, search_times = [], []
        for phrase in queries:
            expression = fts_expression(phrase)
            t0 = time.perf_counter()
            bare.execute(
                "SELECT rowid FROM quote_fts WHERE quote_fts MATCH ? "
                "ORDER BY rank LIMIT 200",
                (expression,),
            ).fetchall()
            bare_times.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            archive.search(SearchQuery(phrase, limit=200))
            search_times.append((time.perf_counter() - t0) * 1000)
        bare.close()
        b_med, b_p95 = percentiles(bare_times)
        s_med, s_p95 = percentiles(search_times)
        print(f"bare FTS5 query: median {b_med:.1f} ms, p95 {b_p95:.1f} ms")
        print(f"archive search:  median {s_med:.1f} ms, p95 {s_p95:.1f} ms")

        trace_times, hits = [], 0
        traced = sample_quotes[: min(len(sample_quotes), options.queries // 2)]
        for original in traced:
            altered = generator.altered(original, rng.randint(2, 3))
            t0 = time.perf_counter()
            found = archive.trace(altered)
            trace_times.append((time.perf_counter() - t0) * 1000)
            hits += any(o.quote.text == original for o in found)
        t_med, t_p95 = percentiles(trace_times)
        print(
            f"trace (2-3 words changed): median {t_med:.1f} ms, p95 {t_p95:.1f} ms; "
            f"original found {hits}/{len(traced)}"
        )


if __name__ == "__main__":
    main()
