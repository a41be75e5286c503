"""Resolving speaker mentions to named entities across the whole article.

Runs after every paragraph has been parsed, on plain data only: quote
candidates, entity groups and person mentions. The rules, in order of trust:

1. a name in the quote's own sentence names the speaker;
2. a pronoun (``he``, ``she``) resolves to the most recent compatible person,
   preferring the previous speaker;
3. a description (``the mayor``) resolves to the one person introduced with
   that role word, when there is exactly one;
4. a cue-less quote continues the previous speaker when it follows that
   speaker's quote directly (same paragraph, or the next paragraph of a
   multi-paragraph quote); otherwise it stays unattributed, because a wrong
   name is worse than none.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

from newsreader.model import AttributionReason, Quote, Span
from newsreader.nlp.cues import TITLE_WORDS
from newsreader.nlp.entities import EntityGroup, EntityIndex
from newsreader.nlp.quotes import Candidate, Mention, PersonMention

PRONOUN_WINDOW = 4
"""How many paragraphs back a pronoun may reach for its antecedent."""

CONFIDENCE: dict[str, float] = {
    "named": 0.95,
    "named-far": 0.85,
    "pronoun": 0.6,
    "pronoun-speaker": 0.75,
    "pronoun-ambiguous": 0.45,
    "descriptor": 0.6,
    "continuation-open": 0.85,
    "continuation-same": 0.85,
    "continuation-next": 0.65,
    "unresolved": 0.5,
    "unattributed": 0.0,
}
"""Confidence per way of attribution: the speaker precision each way reached on
the development data (PolNeAR dev and the project's gold; see
benchmarks/quote_accuracy.py). A continuation never exceeds its source."""


WEIGHTS: dict[str, float] = {
    "subject": 0.4,
    "possessive": 0.3,
    "in_quote": 0.5,
    "gender": 0.3,
    "last_speaker": 0.5,
}
"""Pronoun antecedent scoring: bonuses and penalties added to 1/recency-rank."""


@dataclass(slots=True)
class Attribution:
    """The speaker decided for one candidate."""

    speaker: str | None
    group: EntityGroup | None
    mention: Mention | None
    reason: AttributionReason
    confidence: float


def quote_id(start: int, end: int) -> str:
    """A short stable id for a quote span."""
    digest = hashlib.sha1(f"{start}:{end}".encode()).hexdigest()[:6]
    return f"q-{digest}"


class SpeakerResolver:
    """Resolves candidates in document order, remembering the discourse."""

    def __init__(
        self,
        index: EntityIndex,
        persons: list[PersonMention],
        text: str,
    ) -> None:
        self.index = index
        self.persons = persons
        self.text = text
        self.last: Attribution | None = None
        self.last_candidate: Candidate | None = None
        self.last_paragraph_quotes: dict[int, list[tuple[Candidate, Attribution]]] = {}

    # -- helpers -------------------------------------------------------------

    def _descriptor_group(self, mention: Mention) -> EntityGroup | None:
        """The one person a definite title description refers to.

        Only "the <title>" ("the mayor", "the former president") resolves, and
        only to a person introduced with that title: right before the name
        ("Mayor Ana Ruiz") or in apposition after it ("Ruiz, the mayor,").
        Descriptions like "a spokeswoman" or "another source" name someone
        the article leaves anonymous, so they stay as written.
        """
        role = mention.head_lemma
        words = mention.text.lower().split()
        if role not in TITLE_WORDS or not words or words[0] != "the":
            return None
        found: list[EntityGroup] = []
        for group in self.index.groups:
            if group.label != "PERSON" or group in found:
                continue
            if role in group.titles:
                found.append(group)
                continue
            for raw in group.mentions:
                if raw.start >= mention.start:
                    break
                after = self.text[raw.end : raw.end + 40].lower()
                if after.startswith(", the ") and role in after.split(",")[1].split():
                    found.append(group)
                    break
        return found[0] if len(found) == 1 else None

    # -- main ----------------------------------------------------------------

    def attribute(self, candidate: Candidate, paragraphs: list[Span]) -> Attribution:
        """Decide the speaker of ``candidate`` (call in document order)."""
        mention = candidate.mention
        attribution: Attribution
        if mention is not None:
            attribution = self._from_mention(candidate, mention, paragraphs)
        elif candidate.indefinite:
            attribution = Attribution(
                None, None, None, "unattributed", CONFIDENCE["unattributed"]
            )
        else:
            attribution = self._continuation(candidate)
        self.last_candidate = candidate
        if attribution.speaker or attribution.mention:
            self.last = attribution
        self.last_paragraph_quotes.setdefault(candidate.paragraph, []).append(
            (candidate, attribution)
        )
        return attribution

    def _from_mention(
        self, candidate: Candidate, mention: Mention, paragraphs: list[Span]
    ) -> Attribution:
        far = candidate.cue_distance >= 2
        if mention.type == "name":
            group = self.index.group_at(mention.start, mention.end)
            if group is None:
                group = self.index.lookup_name(mention.text)
            name = group.name if group is not None else mention.text
            confidence = CONFIDENCE["named-far" if far else "named"]
            return Attribution(name, group, mention, "named", confidence)
        if mention.type == "pronoun":
            pronoun = mention.head_lemma
            if pronoun in {"he", "him", "she", "her"}:
                gender = "m" if pronoun in {"he", "him"} else "f"
                found = self._resolve_pronoun(candidate, mention, gender, paragraphs)
                if found is not None:
                    group, key = found
                    return Attribution(
                        group.name, group, mention, "pronoun", CONFIDENCE[key]
                    )
            return Attribution(
                None, None, mention, "unresolved", CONFIDENCE["unresolved"]
            )
        group = self._descriptor_group(mention)
        if group is not None:
            return Attribution(
                group.name, group, mention, "descriptor", CONFIDENCE["descriptor"]
            )
        return Attribution(None, None, mention, "unresolved", CONFIDENCE["unresolved"])

    def _resolve_pronoun(
        self,
        candidate: Candidate,
        mention: Mention,
        gender: str,
        paragraphs: list[Span],
    ) -> tuple[EntityGroup, str] | None:
        """The person a speaker pronoun most likely refers to.

        Candidates are people mentioned in the last few paragraphs whose known
        gender agrees; recency, being a sentence subject, a gender known to agree
        and having spoken the previous quote all count in their favour.
        """
        floor = paragraphs[max(candidate.paragraph - PRONOUN_WINDOW, 0)].start
        scores: dict[int, float] = {}
        groups: dict[int, EntityGroup] = {}
        rank = 0
        for person in reversed(self.persons):
            if person.start >= mention.start:
                continue
            if person.start < floor:
                break
            group = self.index.group_at(person.start, person.end)
            if group is None or group.label != "PERSON":
                continue
            if group.gender is not None and group.gender != gender:
                continue
            rank += 1
            score = 1.0 / rank + (WEIGHTS["subject"] if person.is_subject else 0.0)
            score -= WEIGHTS["possessive"] if person.is_possessive else 0.0
            score -= WEIGHTS["in_quote"] if person.in_quote else 0.0
            score += WEIGHTS["gender"] if group.gender == gender else 0.0
            key = id(group)
            groups[key] = group
            scores[key] = max(scores.get(key, 0.0), score)
        last = self.last.group if self.last is not None else None
        if last is not None and id(last) in scores:
            scores[id(last)] += WEIGHTS["last_speaker"]
        if not scores:
            return None
        best = max(scores, key=lambda k: scores[k])
        ordered = sorted(scores.values(), reverse=True)
        if len(ordered) > 1 and ordered[0] - ordered[1] < 0.15:
            how = "pronoun-ambiguous"
        elif groups[best] is last:
            how = "pronoun-speaker"
        else:
            how = "pronoun"
        return groups[best], how

    def _continuation(self, candidate: Candidate) -> Attribution:
        if candidate.kind == "direct":
            same_paragraph = self.last_paragraph_quotes.get(candidate.paragraph, [])
            for _, earlier in reversed(same_paragraph):
                if earlier.speaker or earlier.mention:
                    return self._inherit(earlier, "continuation-same")
            previous = self.last_paragraph_quotes.get(candidate.paragraph - 1, [])
            if previous and candidate.at_paragraph_start:
                last_candidate, last_attribution = previous[-1]
                if last_attribution.speaker or last_attribution.mention:
                    key = (
                        "continuation-open"
                        if not last_candidate.closed
                        else "continuation-next"
                    )
                    return self._inherit(last_attribution, key)
        return Attribution(None, None, None, "unattributed", CONFIDENCE["unattributed"])

    @staticmethod
    def _inherit(source: Attribution, key: str) -> Attribution:
        confidence = min(source.confidence, CONFIDENCE[key])
        return Attribution(
            source.speaker, source.group, source.mention, "continuation", confidence
        )


def build_quote(candidate: Candidate, attribution: Attribution) -> Quote:
    """The public :class:`Quote` for a resolved candidate."""
    mention = attribution.mention
    own_mention = candidate.mention is not None
    cue_span = (
        Span(candidate.cue_start, candidate.cue_end)
        if candidate.cue_start is not None and candidate.cue_end is not None
        else None
    )
    return Quote(
        id=quote_id(candidate.start, candidate.end),
        span=Span(candidate.start, candidate.end),
        kind=candidate.kind,
        speaker=attribution.speaker,
        speaker_mention=mention.text if mention is not None else None,
        speaker_span=(
            Span(mention.start, mention.end)
            if mention is not None and own_mention
            else None
        ),
        cue=candidate.cue,
        cue_span=cue_span,
        confidence=attribution.confidence,
        reason=attribution.reason,
    )


def short_names(entities: list[tuple[str, str]]) -> dict[str, str]:
    """The shortest unambiguous way to name each entity: a person's surname
    when no other person in the article shares it, else the full name.

    Args:
        entities: ``(canonical name, label)`` pairs.
    """
    surnames: dict[str, int] = {}
    for name, label in entities:
        words = name.split()
        if label == "PERSON" and len(words) >= 2:
            surnames[words[-1].lower()] = surnames.get(words[-1].lower(), 0) + 1
    result: dict[str, str] = {}
    for name, label in entities:
        words = name.split()
        if label == "PERSON" and len(words) >= 2 and surnames[words[-1].lower()] == 1:
            result[name] = words[-1]
        else:
            result[name] = name
    return result


_MALE_PRONOUNS = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_FEMALE_PRONOUNS = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)


def learn_genders(index: EntityIndex, persons: list[PersonMention], text: str) -> None:
    """Guess the gender of people the name lists and titles left open from the
    pronouns that follow their mentions (up to the next person mentioned)."""
    starts = [p.start for p in persons]
    for group in index.groups:
        if group.gender is not None or group.label != "PERSON":
            continue
        male = female = 0
        for raw in group.mentions:
            following = bisect.bisect_right(starts, raw.start)
            limit = min(
                raw.end + 200,
                starts[following] if following < len(starts) else len(text),
            )
            window = text[raw.end : limit]
            male += len(_MALE_PRONOUNS.findall(window))
            female += len(_FEMALE_PRONOUNS.findall(window))
        if male > female:
            group.gender = "m"
        elif female > male:
            group.gender = "f"
