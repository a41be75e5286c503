"""Who a speaker name refers to across articles: pure name logic.

One person should be one archive speaker however the articles name them:
"Catherine Doyle", "Mayor Catherine Doyle", "Cathy Doyle" and (when nobody
else is called Doyle) "Doyle". :func:`parse_name` splits a name into title
(role), first name and surname; :func:`choose_speaker` decides, from the
speakers already known, which one a new name is, using only evidence that
allows it:

1. the same full name (first names compared through :data:`NICKNAMES`, so
   "Cathy" is "Catherine"; an initial matches when only one known first name
   fits);
2. the surname with a role the speaker has held ("Mayor Doyle");
3. the surname alone, only when exactly one known person has that surname.

Two people who share a surname but have different first names are never the
same speaker. Organisations and other non-persons match on their whole
normalised name only. Standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

TITLES: Final[frozenset[str]] = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father
    mayor deputy governor gov lieutenant lt senator sen representative rep
    congressman congresswoman councillor councilor alderman president vice
    prime minister premier chancellor secretary chairman chairwoman chair
    judge justice chief commissioner superintendent inspector detective
    sergeant sgt officer captain capt general gen colonel col major admiral
    ambassador spokesman spokeswoman spokesperson director ceo king queen
    prince princess pope bishop archbishop rabbi imam sheriff attorney
    former acting state us u.s the
    """.split()
)
"""Words before a name that are titles or roles, not part of the name."""

NICKNAMES: Final[dict[str, str]] = {
    # Common English diminutives → the formal first name.
    "cathy": "catherine", "kathy": "catherine", "kate": "catherine",
    "katie": "catherine", "cath": "catherine", "katherine": "catherine",
    "kathryn": "catherine", "bill": "william", "will": "william",
    "billy": "william", "bob": "robert", "rob": "robert",
    "bobby": "robert", "robbie": "robert", "dick": "richard", "rick": "richard",
    "rich": "richard", "ricky": "richard", "jim": "james", "jimmy": "james",
    "jamie": "james", "mike": "michael", "mick": "michael", "mikey": "michael",
    "tom": "thomas", "tommy": "thomas", "joe": "joseph", "joey": "joseph",
    "dan": "daniel", "danny": "daniel", "dave": "david", "davy": "david",
    "steve": "stephen", "steven": "stephen", "chris": "christopher",
    "tony": "anthony", "andy": "andrew", "drew": "andrew", "ed": "edward",
    "ted": "edward", "eddie": "edward", "ned": "edward", "matt": "matthew",
    "pat": "patrick", "paddy": "patrick", "pete": "peter", "sam": "samuel",
    "ben": "benjamin", "alex": "alexander", "nick": "nicholas",
    "greg": "gregory", "jeff": "jeffrey", "geoff": "geoffrey", "jon": "jonathan",
    "larry": "lawrence", "len": "leonard", "charlie": "charles",
    "chuck": "charles", "hank": "henry", "harry": "henry", "jack": "john",
    "johnny": "john", "ken": "kenneth", "kenny": "kenneth", "ron": "ronald",
    "don": "donald", "doug": "douglas", "fred": "frederick", "gerry": "gerald",
    "jerry": "gerald", "tim": "timothy", "vince": "vincent", "walt": "walter",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth",
    "lizzie": "elizabeth", "eliza": "elizabeth", "libby": "elizabeth",
    "maggie": "margaret", "meg": "margaret", "peggy": "margaret",
    "sue": "susan", "susie": "susan", "suzanne": "susan", "jenny": "jennifer",
    "jen": "jennifer", "becky": "rebecca", "becca": "rebecca", "deb": "deborah",
    "debbie": "deborah", "abby": "abigail", "patty": "patricia",
    "trish": "patricia", "tricia": "patricia", "sandy": "sandra",
    "mandy": "amanda", "vicky": "victoria", "tori": "victoria",
    "annie": "ann", "anne": "ann",
    "jo": "josephine", "josie": "josephine", "sally": "sarah", "sara": "sarah",
    "val": "valerie", "tina": "christina",
    "nell": "helen", "nellie": "helen", "dot": "dorothy", "dottie": "dorothy",
    "judy": "judith", "kim": "kimberly", "jackie": "jacqueline",
    "mo": "maureen", "rosie": "rose", "theo": "theodore", "zach": "zachary",
}  # fmt: skip
"""Diminutive → formal first name (lowercase, without diacritics)."""

_SUFFIXES: Final = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)

PERSON_KINDS: Final = frozenset({"person", "pronoun", "unknown"})
"""Speaker kinds whose names are parsed as personal names."""


def fold(text: str) -> str:
    """Lowercase ``text`` without diacritics ("Zoë" → "zoe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def display_name(name: str) -> str:
    """``name`` without leading titles or a possessive, as written otherwise.

    >>> display_name("Mayor Catherine Doyle's")
    'Catherine Doyle'
    """
    words = " ".join(name.split()).removesuffix("'s").removesuffix("’s").split(" ")
    while len(words) > 1 and name_key(words[0]) in TITLES:
        words.pop(0)
    return " ".join(words).strip(" ,;:")


def speaker_key(name: str, kind: str) -> str:
    """The key a speaker name is stored and looked up under: a person's name
    without titles, any other name as it is (both through :func:`name_key`)."""
    return name_key(display_name(name) if is_person(kind) else name)


def name_key(name: str) -> str:
    """A name reduced for comparison: folded words joined by single spaces."""
    words = [w.strip(".'’-") for w in _WORD.findall(fold(name))]
    return " ".join(w for w in words if w)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A personal name split into its parts (all folded)."""

    first: str | None
    """Formal first name (nicknames mapped), or None when only a surname is given."""
    initial: str | None
    """First letter of the first name (also set when only an initial is given)."""
    surname: str
    """The last word of the name."""
    role: str | None
    """The title or role written before the name ("mayor", "prime minister")."""

    @property
    def key(self) -> str:
        """``first surname`` (or the surname alone)."""
        return f"{self.first} {self.surname}" if self.first else self.surname


def parse_name(name: str) -> PersonName | None:
    """Split a personal name; None when nothing name-like remains.

    >>> parse_name("Mayor Cathy Doyle")
    PersonName(first='catherine', initial='c', surname='doyle', role='mayor')
    """
    words = name_key(name.replace("’s", "").replace("'s", "")).split()
    role_words: list[str] = []
    while words and words[0] in TITLES:
        role_words.append(words.pop(0))
    while words and words[-1] in _SUFFIXES:
        words.pop()
    if not words:
        return None
    role_words = [w for w in role_words if w not in {"the", "former", "acting"}]
    role = " ".join(role_words) or None
    surname = words[-1]
    if len(words) == 1:
        return PersonName(None, None, surname, role)
    given = words[0]
    if len(given) == 1:
        return PersonName(None, given, surname, role)
    first = NICKNAMES.get(given, given)
    return PersonName(first, first[0], surname, role)


@dataclass(frozen=True, slots=True)
class KnownSpeaker:
    """What the archive knows of one speaker, for matching."""

    id: int
    kind: str
    """``person``, ``organisation`` … (see the archive's speaker kinds)."""
    keys: frozenset[str]
    """Name keys (:func:`name_key`) of every name recorded for the speaker."""
    first: str | None
    surname: str | None
    roles: frozenset[str]


def is_person(kind: str) -> bool:
    """Whether names of this kind of speaker are personal names."""
    return kind in PERSON_KINDS


def choose_speaker(
    name: str, kind: str, known: Iterable[KnownSpeaker]
) -> KnownSpeaker | None:
    """The known speaker ``name`` refers to, or None when the evidence is not
    enough (the caller then creates a new speaker).

    Args:
        name: The speaker's name as resolved in the article.
        kind: The speaker's kind.
        known: Speakers already in the archive (at least those sharing the
            name's surname or key).
    """
    key = name_key(name)
    candidates = list(known)
    exact = [s for s in candidates if key in s.keys]
    if not is_person(kind):
        return exact[0] if exact else None
    parsed = parse_name(name)
    if parsed is None:
        return exact[0] if len(exact) == 1 else None
    if parsed.first is not None and len(exact) == 1:
        return exact[0]
    people = [
        s for s in candidates if is_person(s.kind) and s.surname == parsed.surname
    ]
    if parsed.first is not None:
        same_first = [s for s in people if s.first == parsed.first]
        if len(same_first) == 1:
            return same_first[0]
        if same_first:
            return None
        # A surname-only speaker takes a first name when no other first name
        # competes for the surname.
        named = [s for s in people if s.first is not None]
        bare = [s for s in people if s.first is None]
        if not named and len(bare) == 1:
            return bare[0]
        return None
    if parsed.initial is not None:
        fitting = [s for s in people if s.first and s.first[0] == parsed.initial]
        return fitting[0] if len(fitting) == 1 else None
    if parsed.role is not None:
        with_role = [s for s in people if parsed.role in s.roles]
        if len(with_role) == 1:
            return with_role[0]
    return people[0] if len(people) == 1 else None


__all__ = [
    "NICKNAMES",
    "TITLES",
    "KnownSpeaker",
    "PersonName",
    "choose_speaker",
    "display_name",
    "fold",
    "is_person",
    "name_key",
    "parse_name",
    "speaker_key",
]
