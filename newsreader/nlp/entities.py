"""Grouping named-entity mentions into entities with canonical names.

``Maria Lopez``, ``Lopez``, ``Ms Lopez`` and ``Lopez's`` become one entity named
by the fullest form used in the article; its label is chosen by a vote across
mentions, since the small model often tags a lone surname PERSON in one
sentence and ORG in the next.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from newsreader.nlp.cues import (
    FEMALE_NAMES,
    HONORIFICS,
    HONORIFICS_FEMALE,
    HONORIFICS_MALE,
    MALE_NAMES,
    TITLE_WORDS,
)

KEPT_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "GPE",
        "NORP",
        "LOC",
        "FAC",
        "EVENT",
        "PRODUCT",
        "WORK_OF_ART",
        "LAW",
    }
)
"""Labels shown as entities; numbers, dates and quantities are left out."""

_TITLES = frozenset(h.rstrip(".") for h in HONORIFICS)
_MALE_TITLES = frozenset(h.rstrip(".") for h in HONORIFICS_MALE)
_FEMALE_TITLES = frozenset(h.rstrip(".") for h in HONORIFICS_FEMALE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'S|’S|'|’)$")
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){1,}[A-Za-z]?\.?(?=\s|$)")
"""An abbreviation written with full stops: ``U.S.``, ``U.S``, ``U.K.``."""

_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Za-z]\.[A-Za-z]\.$")

ALIASES: Final = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "great britain": "united kingdom",
    "britain": "united kingdom",
    "un": "united nations",
    "eu": "european union",
    "uae": "united arab emirates",
}
"""Short forms of a few countries and bodies, to their full names' keys."""
_DATELINE = re.compile(
    r"^[A-Z][A-Z.,’' ]*[A-Z.]\s*(?:\([A-Za-z]+\)\s*)?[-—–]+\s+(?=[A-Z])"
)
"""A dateline the recogniser glued to the name after it ("CLEVELAND - Ana Ruiz")."""
_EDGE = re.compile(r"^[\s\"'“”‘’(\[]+|[\s\"'“”‘’)\].,;:]+$")


@dataclass(slots=True)
class RawMention:
    """One NER mention, with absolute offsets."""

    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class EntityGroup:
    """Mentions believed to name the same entity."""

    key: str
    mentions: list[RawMention] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    gender: str | None = None
    titles: set[str] = field(default_factory=set)
    """Title words seen before the name ("dr", "councillor")."""
    full_person_name: bool = False
    """Whether some mention is a name of two or more words tagged PERSON."""

    def add_mention(self, mention: RawMention) -> None:
        """Record ``mention`` (in document order) and its label vote."""
        self.mentions.append(mention)
        self.labels[mention.label] += 1
        if mention.label == "PERSON" and len(mention.text.split()) >= 2:
            self.full_person_name = True

    @property
    def label(self) -> str:
        """The majority label; a full personal name tagged PERSON outvotes the
        small model's habit of tagging a lone surname ORG or GPE."""
        if self.full_person_name:
            return "PERSON"
        ranked = self.labels.most_common()
        top = ranked[0][1]
        if self.labels.get("PERSON", 0) == top:
            return "PERSON"  # a tie: the model is likelier to miss a person
        return ranked[0][0]

    @property
    def name(self) -> str:
        """The fullest form used: most words, then not all capitals, then longest,
        then most frequent, then first seen."""
        return max(
            self.names,
            key=lambda n: (len(n.split()), not n.isupper(), len(n), self.names[n]),
        )


def clean_name(text: str) -> tuple[str, str | None]:
    """Strip quotes, a possessive, a leading "the" and honorifics.

    Returns the bare name and the gender an honorific implies ("m", "f" or None).
    """
    name = _EDGE.sub("", text)
    if _ABBREVIATION_END.search(text.strip()) and not name.endswith("."):
        name += "."  # "U.S.": the last full stop belongs to the abbreviation
    name = _POSSESSIVE.sub("", name).strip()
    gender = None
    words = name.split()
    while len(words) > 1 and (
        words[0].lower().rstrip(".") in _TITLES
        or words[0].lower().rstrip(".") in TITLE_WORDS
    ):
        title = words[0].lower().rstrip(".")
        if title in _MALE_TITLES:
            gender = "m"
        elif title in _FEMALE_TITLES:
            gender = "f"
        words = words[1:]
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(words), gender


def _titles(text: str) -> set[str]:
    """Title words at the end of ``text`` (the words just before a name)."""
    found: set[str] = set()
    for word in reversed(text.split()):
        bare = word.lower().strip(".,;:").rstrip(".")
        if bare in _TITLES or bare in TITLE_WORDS:
            found.add(bare)
        elif found or word:
            break
    return found


def without_dateline(mention: RawMention) -> RawMention:
    """``mention`` without a dateline glued before it ("CLEVELAND - Ana Ruiz"
    is "Ana Ruiz"). What the recogniser tagged was the whole run, so its label
    says little about the name left: a name starting with a known first name
    is a person."""
    found = _DATELINE.match(mention.text)
    if found is None:
        return mention
    rest = mention.text[found.end() :]
    label = (
        "PERSON"
        if first_name_gender(rest) and len(rest.split()) >= 2
        else mention.label
    )
    return RawMention(mention.start + found.end(), mention.end, rest, label)


def first_name_gender(name: str) -> str | None:
    """Gender suggested by a common first name, or None."""
    words = name.split()
    if not words:
        return None
    first = words[0].lower()
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


def entity_key(name: str) -> str:
    """The grouping key of a bare name: case, full stops and known short forms
    folded, so "U.S.", "U.S", "US", "USA" and "United States" share one key,
    and "DOYLE" is "Doyle"."""
    folded = _DOTTED.sub(lambda match: match.group().replace(".", ""), name)
    key = " ".join(folded.lower().split())
    return ALIASES.get(key, key)


class EntityIndex:
    """Builds entity groups from mentions in document order."""

    def __init__(self) -> None:
        self.groups: list[EntityGroup] = []
        self._by_key: dict[str, EntityGroup] = {}
        self._by_surname: dict[str, list[EntityGroup]] = {}
        self._by_last_word: dict[str, EntityGroup] = {}
        """The newest group whose key has two or more words, by its last word."""
        self._starts: list[int] = []
        self._mention_groups: list[tuple[RawMention, EntityGroup]] = []

    def add(self, mention: RawMention, before: str = "") -> EntityGroup | None:
        """Assign ``mention`` to a group (creating one if needed)."""
        if mention.label not in KEPT_LABELS:
            return None
        mention = without_dateline(mention)
        name, gender = clean_name(mention.text)
        titles = _titles(before + " " + mention.text[: len(mention.text) - len(name)])
        if not name or not any(c.isalpha() for c in name):
            return None
        key = entity_key(name)
        words = key.split()
        if (
            len(words) == 1
            and key.endswith("s")
            and key not in self._by_key
            and key[:-1] in self._by_surname
        ):
            key = key[:-1]  # "the Abernethys": the family of a known surname
            words = [key]
        group = self._by_key.get(key)
        surname_candidates = self._by_surname.get(key, []) if len(words) == 1 else []
        if len(surname_candidates) > 1:
            group = None  # two people share this surname: decide below
        if group is None and mention.label in {"PERSON", "ORG", "GPE", "NORP"}:
            if len(words) == 1:
                candidates = self._by_surname.get(words[0], [])
                titled = [g for g in candidates if titles & g.titles]
                if titled:
                    group = titled[-1]
                elif candidates:
                    # Two people share the surname: the more prominent one.
                    group = max(reversed(candidates), key=lambda g: len(g.mentions))
                elif mention.label in {"PERSON", "ORG"}:
                    # A full name the model tagged ORG ("Councillor Marcus
                    # Fenwick") still owns its surname, however "Fenwick" is
                    # tagged later.
                    group = self._by_last_word.get(key)
            elif mention.label == "PERSON":
                # "Maria Lopez" after a lone "Lopez": adopt the earlier group.
                lone = self._by_key.get(words[-1])
                if lone is not None and len(lone.name.split()) == 1:
                    group = lone
        if group is None:
            group = EntityGroup(key)
            self.groups.append(group)
            if len(words) >= 2:
                self._by_last_word[words[-1]] = group
        self._by_key[key] = group
        if mention.label == "PERSON" and len(words) >= 2:
            surname_groups = self._by_surname.setdefault(words[-1], [])
            if group in surname_groups:
                surname_groups.remove(group)
            surname_groups.append(group)
        elif mention.label == "PERSON" and len(words) == 1:
            self._by_surname.setdefault(words[0], [])
            if group not in self._by_surname[words[0]]:
                self._by_surname[words[0]].append(group)
        group.add_mention(mention)
        group.titles |= titles
        group.names[name] += 1
        group.gender = group.gender or gender or first_name_gender(name)
        index = bisect.bisect_right(self._starts, mention.start)
        self._starts.insert(index, mention.start)
        self._mention_groups.insert(index, (mention, group))
        return group

    def group_at(self, start: int, end: int) -> EntityGroup | None:
        """The group with a mention overlapping ``[start, end)``, if any."""
        index = bisect.bisect_left(self._starts, start - 200)
        while index < len(self._starts) and self._starts[index] < end:
            mention, group = self._mention_groups[index]
            if mention.start < end and start < mention.end:
                return group
            index += 1
        return None

    def lookup_name(self, text: str) -> EntityGroup | None:
        """The group a bare name refers to (full name or unique surname)."""
        name, _ = clean_name(text)
        key = entity_key(name)
        if key in self._by_key:
            return self._by_key[key]
        words = key.split()
        if words:
            candidates = self._by_surname.get(words[-1], [])
            if len(candidates) == 1:
                return candidates[0]
        return None
