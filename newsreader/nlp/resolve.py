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
import re
from dataclasses import dataclass

from newsreader.model import AttributionReason, Quote, Span, SpeakerKind
from newsreader.nlp.cues import DOCUMENT_NOUNS, ORGANISATION_NOUNS, TITLE_WORDS
from newsreader.nlp.entities import EntityGroup, EntityIndex, RawMention
from newsreader.nlp.ids import quote_id
from newsreader.nlp.quotes import Candidate, Mention, PersonMention

PRONOUN_WINDOW = 4
"""How many paragraphs back a pronoun may reach for its antecedent."""

CONFIDENCE: dict[str, float] = {
    "named": 0.95,
    "named-far": 0.8,
    "descriptor": 0.4,
    "continuation-open": 0.8,
    "continuation-same": 0.8,
    "continuation-next": 0.55,
    "continuation-narrated": 0.5,
    "unresolved": 0.5,
    "unattributed": 0.0,
}
"""Starting confidence per way of attribution; the signals of each quote move
it (see :func:`named_confidence` and :func:`pronoun_confidence`). A
continuation never exceeds its source."""

SIGNALS: dict[str, float] = {
    "named-not-person": -0.05,
    "named-unknown": -0.15,
    "pronoun-base": 0.235,
    "pronoun-margin": 0.245,
    "pronoun-last-speaker": 0.085,
    "pronoun-subject": 0.035,
    "pronoun-gender-known": 0.035,
    "pronoun-per-paragraph": -0.03,
    "pronoun-ceiling": 0.6,
}
"""How much each signal moves a quote's confidence. A handful of constants
fitted on the PolNeAR train split so that confidence approximates the share of
speakers that are right (benchmarks/quote_accuracy.py prints it per band):
a resolved pronoun is right far less often than a name in the sentence, so it
never reaches the top band."""

WITHHOLD_BELOW = 0.27
"""Below this confidence a resolved name is withheld: the quote shows the
mention as written ("he"), marked unresolved, rather than a guess."""


WEIGHTS: dict[str, float] = {
    "subject": 0.4,
    "possessive": 0.3,
    "in_quote": 0.5,
    "object": 0.3,
    "in_content": 0.3,
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


class _RoleIndex:
    """Which people were introduced with which title word, and where.

    A person is introduced as a role either by a title before the name
    ("Mayor Ana Ruiz", recorded in the group's ``titles``) or in apposition
    after a mention ("Ruiz, the mayor,"), which counts from that mention on.
    Built once, so resolving a description costs a lookup and a bisect rather
    than a walk over every mention of the article.
    """

    def __init__(self, index: EntityIndex, text: str) -> None:
        self._titled: dict[str, list[EntityGroup]] = {}
        appositions: dict[str, list[tuple[int, int, EntityGroup]]] = {}
        for order, group in enumerate(index.groups):
            if group.label != "PERSON":
                continue
            for role in group.titles:
                self._titled.setdefault(role, []).append(group)
            first_seen: dict[str, int] = {}
            for raw in group.mentions:
                after = text[raw.end : raw.end + 40].lower()
                if not after.startswith(", the "):
                    continue
                for word in after.split(",")[1].split():
                    if word in TITLE_WORDS and word not in group.titles:
                        first_seen.setdefault(word, raw.start)
            for role, start in first_seen.items():
                appositions.setdefault(role, []).append((start, order, group))
        self._starts: dict[str, list[int]] = {}
        self._apposed: dict[str, list[EntityGroup]] = {}
        for role, entries in appositions.items():
            entries.sort(key=lambda entry: entry[:2])
            self._starts[role] = [start for start, _, _ in entries]
            self._apposed[role] = [group for _, _, group in entries]

    def only_person(self, role: str, before: int) -> EntityGroup | None:
        """The one person introduced as ``role`` (by title, or in apposition
        before offset ``before``), or None when there is none or several."""
        titled = self._titled.get(role, [])
        apposed = bisect.bisect_left(self._starts.get(role, []), before)
        if len(titled) + apposed != 1:
            return None
        return titled[0] if titled else self._apposed[role][0]


class SpeakerResolver:
    """Resolves candidates in document order, remembering the discourse."""

    def __init__(
        self,
        index: EntityIndex,
        persons: list[PersonMention],
        text: str,
    ) -> None:
        self.index = index
        self.persons = sorted(persons, key=lambda p: p.start)
        self.text = text
        # Looked up once: the pronoun search visits each person many times.
        self._person_starts = [p.start for p in self.persons]
        self._person_groups = [
            index.group_at(p.start, p.end) if p.label else _known_person(index, p.text)
            for p in self.persons
        ]
        self._roles: _RoleIndex | None = None
        self.last: Attribution | None = None
        self.last_end: int | None = None
        """Where the previous speaker's quote ends."""
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
        if self._roles is None:
            self._roles = _RoleIndex(self.index, self.text)
        return self._roles.only_person(role, mention.start)

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
            attribution = self._continuation(candidate, paragraphs)
        self.last_candidate = candidate
        if attribution.speaker or attribution.mention:
            self.last = attribution
            self.last_end = candidate.end
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
            confidence = named_confidence(far, group)
            return Attribution(name, group, mention, "named", confidence)
        if mention.type == "pronoun":
            pronoun = mention.head_lemma
            if pronoun in {"he", "him", "she", "her"}:
                gender = "m" if pronoun in {"he", "him"} else "f"
                found = self._resolve_pronoun(candidate, mention, gender, paragraphs)
                if found is not None:
                    group, signals = found
                    confidence = pronoun_confidence(signals)
                    if confidence < WITHHOLD_BELOW:
                        return Attribution(
                            None, None, mention, "unresolved", confidence
                        )
                    return Attribution(
                        group.name, group, mention, "pronoun", confidence
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
    ) -> tuple[EntityGroup, PronounSignals] | None:
        """The person a speaker pronoun most likely refers to.

        Candidates are people mentioned in the last few paragraphs whose known
        gender agrees; recency, being a sentence subject, a gender known to agree
        and having spoken the previous quote all count in their favour.
        """
        floor = paragraphs[max(candidate.paragraph - PRONOUN_WINDOW, 0)].start
        scores: dict[int, float] = {}
        groups: dict[int, EntityGroup] = {}
        nearest: dict[int, PersonMention] = {}
        rank = 0
        # Only the people between the window's floor and the pronoun are
        # visited, nearest first: bisect instead of walking the whole list.
        newest = bisect.bisect_left(self._person_starts, mention.start)
        oldest = bisect.bisect_left(self._person_starts, floor)
        for position in range(newest - 1, oldest - 1, -1):
            person = self.persons[position]
            group = self._person_groups[position]
            if group is None or group.label != "PERSON":
                continue
            if group.gender is not None and group.gender != gender:
                continue
            rank += 1
            score = 1.0 / rank + (WEIGHTS["subject"] if person.is_subject else 0.0)
            score -= WEIGHTS["possessive"] if person.is_possessive else 0.0
            score -= WEIGHTS["in_quote"] if person.in_quote else 0.0
            score -= WEIGHTS["object"] if person.is_object else 0.0
            score -= WEIGHTS["in_content"] if person.in_content else 0.0
            score += WEIGHTS["gender"] if group.gender == gender else 0.0
            key = id(group)
            groups[key] = group
            if score > scores.get(key, float("-inf")):
                scores[key] = score
                nearest[key] = person
        last = self.last.group if self.last is not None else None
        if (
            last is not None
            and id(last) in scores
            and not self._new_subject_since_last(newest, last)
        ):
            scores[id(last)] += WEIGHTS["last_speaker"]
        if not scores:
            return None
        best = max(scores, key=lambda k: scores[k])
        ordered = sorted(scores.values(), reverse=True)
        margin = ordered[0] - ordered[1] if len(ordered) > 1 else 1.0
        where = nearest[best]
        distance = candidate.paragraph - _paragraph_of(paragraphs, where.start)
        return groups[best], PronounSignals(
            margin=margin,
            last_speaker=groups[best] is last,
            subject=where.is_subject,
            gender_known=groups[best].gender == gender,
            paragraphs_back=distance,
        )

    def _new_subject_since_last(self, newest: int, last: EntityGroup) -> bool:
        """Whether the narrative moved on from the previous speaker: another
        person is the subject of a clause between that speaker's quote and
        ``newest`` (an index into the people)."""
        if self.last_end is None:
            return False
        oldest = bisect.bisect_left(self._person_starts, self.last_end)
        for position in range(oldest, newest):
            person = self.persons[position]
            group = self._person_groups[position]
            if (
                person.is_subject
                and not person.in_quote
                and not person.in_content
                and group is not None
                and group is not last
                and group.label == "PERSON"
            ):
                return True
        return False

    def _continuation(
        self, candidate: Candidate, paragraphs: list[Span]
    ) -> Attribution:
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
            if self._narration_about_last_speaker(candidate, paragraphs):
                assert self.last is not None
                return self._inherit(self.last, "continuation-narrated")
        return Attribution(None, None, None, "unattributed", CONFIDENCE["unattributed"])

    def _narration_about_last_speaker(
        self, candidate: Candidate, paragraphs: list[Span]
    ) -> bool:
        """Whether the narration since the previous speaker's quote is about
        that speaker alone: every person acting as a subject between that quote
        and ``candidate`` (at least one) is the previous speaker, within the
        next paragraph or two ("Ruiz is upbeat about the vote. “…”")."""
        last = self.last.group if self.last is not None else None
        if last is None or last.label != "PERSON" or self.last_end is None:
            return False
        if candidate.paragraph - _paragraph_of(paragraphs, self.last_end) > 2:
            return False
        oldest = bisect.bisect_left(self._person_starts, self.last_end)
        newest = bisect.bisect_left(self._person_starts, candidate.start)
        subjects = [
            self._person_groups[position]
            for position in range(oldest, newest)
            if self.persons[position].is_subject
            and not self.persons[position].in_quote
            and not self.persons[position].in_content
        ]
        people = [g for g in subjects if g is not None and g.label == "PERSON"]
        return bool(people) and all(group is last for group in people)

    @staticmethod
    def _inherit(source: Attribution, key: str) -> Attribution:
        confidence = min(source.confidence, CONFIDENCE[key])
        return Attribution(
            source.speaker, source.group, source.mention, "continuation", confidence
        )


@dataclass(slots=True)
class PronounSignals:
    """What speaks for the antecedent chosen for a speaker pronoun."""

    margin: float
    """Score lead over the runner-up (1.0 when there is none)."""
    last_speaker: bool
    subject: bool
    """Whether its nearest mention is a sentence subject."""
    gender_known: bool
    """Whether its gender is known to agree (rather than unknown)."""
    paragraphs_back: int


def named_confidence(far: bool, group: EntityGroup | None) -> float:
    """Confidence of a speaker named in or next to the quote's sentence."""
    confidence = CONFIDENCE["named-far" if far else "named"]
    if group is None:
        confidence += SIGNALS["named-unknown"]
    elif group.label != "PERSON":
        confidence += SIGNALS["named-not-person"]
    return confidence


def pronoun_confidence(signals: PronounSignals) -> float:
    """Confidence of a pronoun resolved to a person, from its signals."""
    confidence = SIGNALS["pronoun-base"]
    confidence += SIGNALS["pronoun-margin"] * min(max(signals.margin, 0.0), 1.0)
    if signals.last_speaker:
        confidence += SIGNALS["pronoun-last-speaker"]
    if signals.subject:
        confidence += SIGNALS["pronoun-subject"]
    if signals.gender_known:
        confidence += SIGNALS["pronoun-gender-known"]
    confidence += SIGNALS["pronoun-per-paragraph"] * max(signals.paragraphs_back, 0)
    return round(min(max(confidence, 0.05), SIGNALS["pronoun-ceiling"]), 3)


def adopt_speaker_names(
    index: EntityIndex, candidates: list[Candidate], text: str
) -> None:
    """Record speakers named by a proper noun the recogniser left untagged
    ("Cruz admitted …") as people, so that later mentions of the same name,
    tagged or not, and pronouns can find them."""
    lower_words: set[str] | None = None
    for candidate in candidates:
        mention = candidate.mention
        if (
            mention is None
            or mention.type != "name"
            or mention.label != "PERSON"
            or (candidate.cue or "").lower() == "according to"
            or index.group_at(mention.start, mention.end) is not None
        ):
            continue
        if lower_words is None:
            lower_words = set(_LOWER_WORD.findall(text))
        if _looks_like_a_name(mention.text, lower_words):
            index.add(RawMention(mention.start, mention.end, mention.text, "PERSON"))


_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")
"""A word written in lower case."""


def _looks_like_a_name(words: str, lower_words: set[str]) -> bool:
    """Capitalised words with no article; a single word must not also occur in
    lower case in the article (``lower_words``): a capitalised common noun at
    the start of a headline ("Owner says …") is not a name."""
    parts = words.split()
    if not parts or parts[0].lower() in {"the", "a", "an"}:
        return False
    if not all(part[:1].isupper() for part in parts):
        return False
    return len(parts) > 1 or parts[0].lower() not in lower_words


def _known_person(index: EntityIndex, text: str) -> EntityGroup | None:
    """The person an untagged proper noun names, when the article already
    knows a person by that name or surname; None otherwise."""
    group = index.lookup_name(text)
    return group if group is not None and group.label == "PERSON" else None


def _paragraph_of(paragraphs: list[Span], offset: int) -> int:
    return max(bisect.bisect_right(paragraphs, offset, key=lambda p: p.start) - 1, 0)


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
        confidence=round(attribution.confidence, 3),
        reason=attribution.reason,
        speaker_kind=speaker_kind(attribution),
        via=candidate.via.text if candidate.via is not None else None,
    )


PERSON_LABELS = frozenset({"PERSON"})
ORGANISATION_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
SINGULAR_PERSON_PRONOUNS = frozenset({"he", "him", "she", "her", "i"})


def speaker_kind(attribution: Attribution) -> SpeakerKind:
    """Whether the speaker is a person, an organisation, an unnamed source or
    a document/outlet, from the entity's label and the mention's head word."""
    mention = attribution.mention
    if mention is None and attribution.group is None:
        return "unknown"
    head = mention.head_lemma if mention is not None else ""
    if head in DOCUMENT_NOUNS:
        return "document"
    label = (
        attribution.group.label
        if attribution.group is not None
        else mention.label
        if mention is not None and mention.type == "name"
        else None
    )
    if label in PERSON_LABELS:
        return "person"
    if label in ORGANISATION_LABELS:
        return "organisation"
    if mention is not None and mention.type == "pronoun":
        return "person" if head in SINGULAR_PERSON_PRONOUNS else "anonymous"
    if head in ORGANISATION_NOUNS:
        return "organisation"
    return "anonymous"


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
