"""Variants of one entity are merged: abbreviations with and without full
stops, country short forms, possessives and all-capital forms."""

from __future__ import annotations

import pytest

from newsreader.nlp.entities import EntityIndex, RawMention, entity_key


def group_names(mentions: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Feed ``(text, label)`` mentions in order; each group's name and variants."""
    index = EntityIndex()
    position = 0
    for text, label in mentions:
        index.add(RawMention(position, position + len(text), text, label))
        position += len(text) + 10
    return [(group.name, sorted(group.names)) for group in index.groups]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("U.S.", "united states"),
        ("U.S", "united states"),
        ("US", "united states"),
        ("USA", "united states"),
        ("United States", "united states"),
        ("U.K.", "united kingdom"),
        ("DOYLE", "doyle"),
        ("Doyle", "doyle"),
        ("St. Ives", "st. ives"),
        ("A.B. Carter", "ab carter"),
    ],
)
def test_entity_key(name: str, key: str) -> None:
    assert entity_key(name) == key


def test_us_variants_are_one_entity_named_in_full() -> None:
    groups = group_names(
        [
            ("U.S.", "GPE"),
            ("US", "GPE"),
            ("the United States", "GPE"),
            ("USA", "GPE"),
            ("U.S", "GPE"),
            ("Geneva", "GPE"),
        ]
    )
    assert groups == [
        ("United States", ["U.S", "U.S.", "US", "USA", "United States"]),
        ("Geneva", ["Geneva"]),
    ]


def test_possessive_and_capitals_join_the_person() -> None:
    groups = group_names(
        [("Catherine Doyle", "PERSON"), ("Doyle's", "PERSON"), ("DOYLE", "ORG")]
    )
    assert groups == [("Catherine Doyle", ["Catherine Doyle", "DOYLE", "Doyle"])]


def test_an_all_capitals_form_never_names_the_entity() -> None:
    groups = group_names([("NORDLINK", "ORG"), ("Nordlink", "ORG")])
    assert groups == [("Nordlink", ["NORDLINK", "Nordlink"])]


def test_different_bodies_stay_apart() -> None:
    groups = group_names(
        [("EU", "ORG"), ("UN", "ORG"), ("European Union", "ORG"), ("UK", "GPE")]
    )
    assert [name for name, _ in groups] == ["European Union", "UN", "UK"]


def test_a_tied_label_vote_names_a_person() -> None:
    index = EntityIndex()
    index.add(RawMention(0, 7, "Okonkwo", "GPE"))
    index.add(RawMention(40, 47, "Okonkwo", "PERSON"))
    assert [group.label for group in index.groups] == ["PERSON"]


def test_a_majority_label_still_wins_over_a_lone_person_tag() -> None:
    index = EntityIndex()
    for start in (0, 40):
        index.add(RawMention(start, start + 6, "Dakota", "GPE"))
    index.add(RawMention(80, 86, "Dakota", "PERSON"))
    assert [group.label for group in index.groups] == ["GPE"]


def test_a_dateline_glued_to_a_name_is_dropped() -> None:
    index = EntityIndex()
    index.add(RawMention(0, 24, "TORONTO - Maria Okonkwo", "ORG"))
    index.add(RawMention(60, 67, "Okonkwo", "PERSON"))
    assert [(g.name, g.label) for g in index.groups] == [("Maria Okonkwo", "PERSON")]
    assert index.groups[0].mentions[0].start == len("TORONTO - ")


def test_a_hyphenated_name_is_not_a_dateline() -> None:
    assert group_names([("AFL-CIO", "ORG")]) == [("AFL-CIO", ["AFL-CIO"])]
