"""Recall of the top ten topics against hand-written key phrases.

``sample_articles/topics.json`` lists, per sample article, the key phrases a
reader would expect. A phrase is found when one of the top ten topics matches
it: same words after lower-casing and dropping a plural "s", or one contains
the other. Compares newsreader's noun-chunk scorer with YAKE (when the ``yake``
package is installed) on the same articles.

    python benchmarks/topic_recall.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _norm(phrase: str) -> str:
    words = phrase.lower().replace("’", "'").split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def found(expected: str, topics: list[str]) -> bool:
    target = _norm(expected)
    return any(
        target == _norm(t) or target in _norm(t) or _norm(t) in target for t in topics
    )


def main() -> None:
    from newsreader.nlp.engine import load_annotator
    from newsreader.resources import samples_dir
    from newsreader.sources import load_article

    expected: dict[str, list[str]] = json.loads(
        (samples_dir() / "topics.json").read_text(encoding="utf-8")
    )
    annotator = load_annotator()
    try:
        import yake  # type: ignore[import-untyped]

        extractor = yake.KeywordExtractor(lan="en", n=3, top=20)
    except ImportError:
        extractor = None
    totals = {"noun chunks": [0, 0], "yake": [0, 0]}
    print(f"{'article':<28} {'phrases':>7} {'noun-chunk@10':>14} {'yake@10':>8}")
    for article_id, phrases in expected.items():
        path = next(p for p in samples_dir().iterdir() if p.stem == article_id)
        article = load_article(str(path))
        annotations = annotator.annotate(article)
        ours = [t.phrase for t in annotations.topics[:10]]
        hits = sum(found(p, ours) for p in phrases)
        totals["noun chunks"][0] += hits
        totals["noun chunks"][1] += len(phrases)
        yake_cell = "–"
        if extractor is not None:
            names = {e.name.lower() for e in annotations.entities} | {
                v.lower() for e in annotations.entities for v in e.variants
            }
            keywords = [
                k
                for k, _ in extractor.extract_keywords(article.text)
                if k.lower() not in names
            ][:10]
            yake_hits = sum(found(p, keywords) for p in phrases)
            totals["yake"][0] += yake_hits
            totals["yake"][1] += len(phrases)
            yake_cell = f"{yake_hits}/{len(phrases)}"
        print(
            f"{article_id:<28} {len(phrases):>7} "
            f"{hits:>11}/{len(phrases):<2} {yake_cell:>8}"
        )
    for name, (hits, total) in totals.items():
        if total:
            print(f"{name}: recall@10 {100 * hits / total:.1f}% ({hits}/{total})")


if __name__ == "__main__":
    main()
