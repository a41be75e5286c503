"""How annotations are grouped and coloured in the UI (no Textual).

Speakers get colour slots (``speaker-1`` … ``speaker-8``); entity labels are
grouped into the side pane's People / Organisations / Places / Other.
"""

from __future__ import annotations

from typing import Final

from newsreader.model import Annotations
from newsreader.ui.palette import SPEAKER_SLOTS

ENTITY_GROUPS: Final = (
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
)
"""Side-pane entity groups by spaCy label; every other label goes under "Other"."""

ENTITY_CLASSES: Final = {
    "People": "article--entity-person",
    "Organisations": "article--entity-org",
    "Places": "article--entity-place",
    "Other": "article--entity-other",
}
"""Article-view style of each entity group."""


def entity_group(label: str) -> str:
    """The side-pane group ("People", "Organisations", "Places", "Other") of a label."""
    for title, labels in ENTITY_GROUPS:
        if label in labels:
            return title
    return "Other"


def assign_speaker_slots(annotations: Annotations) -> dict[str, int]:
    """Colour slot (1–8) of each resolved speaker.

    The most quoted speakers get the seven Okabe–Ito colours (ties in reading
    order); every further speaker shares slot 8 (grey).
    """
    first_seen: dict[str, int] = {}
    for quote in annotations.quotes:
        if quote.speaker and quote.speaker not in first_seen:
            first_seen[quote.speaker] = quote.span.start
    ranked = sorted(
        annotations.speakers(), key=lambda item: (-item[1], first_seen.get(item[0], 0))
    )
    return {
        speaker: min(rank, SPEAKER_SLOTS)
        for rank, (speaker, _count) in enumerate(ranked, start=1)
    }
