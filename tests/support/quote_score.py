"""A small implementation of the project's quote metric, for the tests.

Written from the metric's description (span overlap = one-to-one greedy matching
of spans whose character Jaccard, after trimming quote marks, whitespace, edge
punctuation and a leading "that ", is at least 0.5; a speaker is right when its
tokens are a subset of the gold speaker's or gold entity's tokens, and where the
gold speaker is a pronoun only the resolved entity counts). Returns F1 figures
in percent.
"""

from __future__ import annotations

from typing import Any

MARKS = "\"'“”‘’„‟«»‹›`"
EDGE = MARKS + " \t\r\n\u00a0,.;:"
STOP = {"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "s"}
PRONOUNS = {
    "i",
    "me",
    "we",
    "us",
    "you",
    "he",
    "him",
    "she",
    "her",
    "it",
    "they",
    "them",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    if text[start:end].lower().startswith("that "):
        start += 5
    return start, end


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def _tokens(name: str | None) -> set[str]:
    words = "".join(c.lower() if c.isalnum() else " " for c in (name or "")).split()
    return {w for w in words if w not in STOP}


def _speaker_ok(predicted: str | None, gold: dict[str, Any]) -> bool:
    surface, entity = gold.get("speaker"), gold.get("speaker_entity")
    mine = _tokens(predicted)
    if not surface and not entity:
        return not mine
    if not mine:
        return False
    if (not surface or surface.lower() in PRONOUNS) and entity:
        return mine <= _tokens(entity)
    return mine <= _tokens(entity) or mine <= _tokens(surface)


def _f1(correct: int, predicted: int, gold: int) -> float:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    total = precision + recall
    return round(100 * 2 * precision * recall / total, 1) if total else 0.0


def score(
    gold: list[dict[str, Any]], predictions: list[dict[str, Any]]
) -> dict[str, float]:
    """span_overlap and e2e_resolved F1 over all articles."""
    by_id = {p["id"]: p for p in predictions}
    n_gold = n_pred = matched = correct = 0
    for article in gold:
        text = article["text"]
        golds = article["quotes"]
        preds = by_id.get(article["id"], {"quotes": []})["quotes"]
        n_gold += len(golds)
        n_pred += len(preds)
        pairs = []
        for i, g in enumerate(golds):
            gs = _trim(text, g["start"], g["end"])
            for j, p in enumerate(preds):
                value = _jaccard(gs, _trim(text, p["start"], p["end"]))
                if value >= 0.5:
                    pairs.append((value, i, j))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, i, j in sorted(pairs, reverse=True):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            matched += 1
            correct += _speaker_ok(preds[j].get("speaker"), golds[i])
    return {
        "span_overlap": _f1(matched, n_pred, n_gold),
        "e2e_resolved": _f1(correct, n_pred, n_gold),
    }
