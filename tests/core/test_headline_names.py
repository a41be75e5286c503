"""A name in a title-case headline ends where the name ends, however far the
recogniser ran on into the headline's capitals; sentences written for these
tests."""

from __future__ import annotations

from typing import Any

import pytest

from newsreader.services.batch import article_from_text


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("Maria Hinojosa Explained Why Voters Stayed Home", "Maria Hinojosa"),
        ("Trump Says He Never Wanted the Job", "Trump"),
        ("De Blasio: Trust Bratton on Crime", "De Blasio"),
    ],
)
def test_headline_name_stops_at_the_verb_or_colon(
    annotator: Any, headline: str, speaker: str
) -> None:
    surname = speaker.split()[-1]
    text = f"{headline}\n\nThe speech was on Monday.\n\n“Nobody asked,” {surname} said."
    result = annotator.annotate(article_from_text("t", text))
    assert speaker in {entity.name for entity in result.entities}
    assert result.quotes[-1].speaker == speaker
