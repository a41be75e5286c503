"""Key phrases of an article from its noun chunks.

Each paragraph contributes its noun chunks (determiners, pronouns and
possessives stripped); phrases are grouped by their lower-cased lemmas, scored
by frequency with a bonus for multi-word phrases and early first use, and
phrases that are (part of) entity names are left out, since entities have
their own list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsreader.model import Span, Topic

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SKIP_POS = frozenset({"DET", "PRON", "PUNCT", "NUM", "CCONJ", "ADP", "PART", "SYM"})
GENERIC_HEADS = frozenset(
    """
    time year day week month people thing way lot part number kind sort percent
    today yesterday tomorrow something anything everything nothing statement
    interview reporter reporters comment comments
    """.split()
)
"""Heads too general to make a topic on their own."""


@dataclass(slots=True)
class PhraseStats:
    """Occurrences of one key phrase."""

    surface: dict[str, int] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)
    first: int = 0
    words: int = 1


class TopicCollector:
    """Collects candidate phrases paragraph by paragraph, then ranks them."""

    def __init__(self) -> None:
        self.phrases: dict[str, PhraseStats] = defaultdict(PhraseStats)
        self.order = 0

    def add(self, doc: Doc, offset: int) -> None:
        """Record the noun chunks of one paragraph ``doc``."""
        if not doc.has_annotation("DEP"):
            return
        text = doc.text  # built anew on every access: read it once
        for chunk in doc.noun_chunks:
            tokens = [t for t in chunk if t.pos_ not in SKIP_POS and not t.is_stop]
            while tokens and tokens[0].pos_ not in {"NOUN", "PROPN", "ADJ"}:
                tokens = tokens[1:]
            if not tokens or tokens[-1].pos_ not in {"NOUN", "PROPN"}:
                continue
            if any(t.ent_type_ for t in tokens):
                continue
            # Count the head noun and the two-word ending as phrases of their
            # own, so "the 26-month construction period" also counts towards
            # "construction period" and "period".
            for size in sorted({1, 2, min(len(tokens), 3)}):
                if size > len(tokens):
                    continue
                self._count(text, offset, tokens[-size:])
            self.order += 1

    def _count(self, text: str, offset: int, tokens: list[Token]) -> None:
        if len(tokens) == 1 and (
            tokens[0].lemma_.lower() in GENERIC_HEADS
            or len(tokens[0].text) < 4
            or tokens[0].pos_ != "NOUN"
        ):
            return
        if tokens[0].pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return
        key = " ".join(t.lemma_.lower() for t in tokens)
        start = offset + tokens[0].idx
        end = offset + tokens[-1].idx + len(tokens[-1].text)
        surface = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        stats = self.phrases[key]
        if not stats.mentions:
            stats.first = self.order
            stats.words = len(tokens)
        stats.mentions.append(Span(start, end))
        stats.surface[surface.lower()] = stats.surface.get(surface.lower(), 0) + 1

    def _most_used_by_head(self) -> dict[str, tuple[str, int]]:
        """For each last word, the multi-word phrase ending in it that is used
        most (the first seen among equals) and its count; built in one pass."""
        best: dict[str, tuple[str, int]] = {}
        for phrase, stats in self.phrases.items():
            if " " not in phrase:
                continue
            head = phrase.rsplit(" ", 1)[1]
            count = len(stats.mentions)
            if count > best.get(head, ("", 0))[1]:
                best[head] = (phrase, count)
        return best

    def _fuller(self, key: str, by_head: dict[str, tuple[str, int]]) -> str:
        """A more specific phrase with the same head ("pay offer" for "offer")
        when it accounts for a good share of the head's uses."""
        if " " in key:
            return key
        count = len(self.phrases[key].mentions)
        best, best_count = by_head.get(key, (key, 0))
        return best if best_count >= max(2, 0.4 * count) else key

    def ranked(self, entity_names: set[str], limit: int = 15) -> list[Topic]:
        """The top phrases, most important first, never an entity name."""
        total = max(self.order, 1)
        scored: list[tuple[float, str]] = []
        for key, stats in self.phrases.items():
            count = len(stats.mentions)
            if count < 2:
                continue
            if key in entity_names:
                continue
            position = 1.0 - stats.first / total
            score = count * (1.0 + 0.5 * (stats.words - 1)) * (1.0 + 0.5 * position)
            scored.append((score, key))
        scored.sort(key=lambda item: (-item[0], item[1]))
        topics: list[Topic] = []
        seen_words: list[set[str]] = []
        best = scored[0][0] if scored else 1.0
        by_head = self._most_used_by_head()
        for score, key in scored:
            key = self._fuller(key, by_head)
            words = set(key.split())
            # Drop a phrase that is a subset of, or contains, a better-ranked one.
            if any(words <= other or other <= words for other in seen_words):
                continue
            stats = self.phrases[key]
            label = max(stats.surface, key=lambda s: stats.surface[s])
            topics.append(
                Topic(label, round(math.sqrt(score / best), 4), tuple(stats.mentions))
            )
            seen_words.append(words)
            if len(topics) >= limit:
                break
        return topics
