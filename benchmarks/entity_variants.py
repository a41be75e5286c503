"""How well entity variants merge, against the hand list in
``sample_articles/entity_variants.json``.

For each article (or short text) the annotator runs, and each listed name is
looked up among the entities' variants:

* a merge group counts as merged when all its names are variants of one entity;
* an apart pair counts as kept apart when its names are in different entities.

A name the model did not tag at all makes its group unmerged (it is reported).

    python benchmarks/entity_variants.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsreader.model import Annotations, Article
from newsreader.nlp.engine import load_annotator
from newsreader.nlp.entities import clean_name, entity_key
from newsreader.sources.loader import load_article
from newsreader.sources.text import split_paragraphs

ROOT = Path(__file__).resolve().parents[1]
HAND_LIST = ROOT / "sample_articles" / "entity_variants.json"


def owner(annotations: Annotations, name: str) -> int | None:
    """Index of the entity having ``name`` (bare, case-folded) as a variant."""
    wanted = entity_key(clean_name(name)[0])
    for number, entity in enumerate(annotations.entities):
        keys = {entity_key(variant) for variant in (entity.name, *entity.variants)}
        if wanted in keys or name in entity.variants:
            return number
    return None


def score(
    annotations: Annotations, case: dict[str, list[list[str]]], label: str
) -> tuple[int, int, int, int]:
    """Merged groups, merge groups, pairs kept apart, apart pairs."""
    merged = 0
    for group in case["merge"]:
        owners = {owner(annotations, name) for name in group}
        if len(owners) == 1 and None not in owners:
            merged += 1
        else:
            print(f"  not merged in {label}: {group} -> {sorted(owners, key=str)}")
    apart = 0
    for first, second in case["apart"]:
        one, two = owner(annotations, first), owner(annotations, second)
        if one is None or two is None or one != two:
            apart += 1
        else:
            print(f"  wrongly merged in {label}: {first} / {second}")
    return merged, len(case["merge"]), apart, len(case["apart"])


def main() -> int:
    hand = json.loads(HAND_LIST.read_text(encoding="utf-8"))
    annotator = load_annotator()
    totals = [0, 0, 0, 0]
    cases: list[tuple[str, Article, dict[str, list[list[str]]]]] = []
    for name, case in hand["articles"].items():
        article = load_article(str(ROOT / "sample_articles" / name))
        cases.append((name, article, case))
    for number, case in enumerate(hand["texts"], start=1):
        text = f"Snippet {number}\n\n{case['text']}"
        article = Article(
            text=text,
            paragraphs=split_paragraphs(text),
            title=f"Snippet {number}",
            source=f"text-{number}",
        )
        cases.append((f"text {number}", article, case))
    for label, article, case in cases:
        result = score(annotator.annotate(article), case, label)
        totals = [a + b for a, b in zip(totals, result, strict=True)]
    merged, groups, apart, pairs = totals
    print(f"merge groups merged: {merged}/{groups}; pairs kept apart: {apart}/{pairs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
