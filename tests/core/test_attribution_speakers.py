"""Pronoun speakers: who "he" or "she" is, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from newsreader.model import Annotations, Quote
from newsreader.services.batch import article_from_text


def annotate(annotator: Any, text: str) -> Annotations:
    result: Annotations = annotator.annotate(article_from_text("t", text))
    return result


def last_quote(annotator: Any, text: str) -> Quote:
    return annotate(annotator, text).quotes[-1]


def test_person_named_as_object_does_not_take_the_pronoun(annotator: Any) -> None:
    text = (
        "Peter Grant handed the award to Simon Hale on Friday.\n\n"
        "“He earned every bit of it,” he said."
    )
    assert last_quote(annotator, text).speaker == "Peter Grant"


def test_person_inside_reported_content_does_not_take_the_pronoun(
    annotator: Any,
) -> None:
    text = (
        "Daniel Reyes said that Victor Shaw had ignored every warning.\n\n"
        "“Nobody listened,” he said."
    )
    assert last_quote(annotator, text).speaker == "Daniel Reyes"


def test_new_subject_after_a_quote_outranks_the_previous_speaker(
    annotator: Any,
) -> None:
    text = (
        "“We will rebuild the pier,” said Peter Marsh.\n\n"
        "But Kwabena Osei was not convinced by the plan of the Harbour Trust.\n\n"
        "“Not with this budget,” he said."
    )
    assert last_quote(annotator, text).speaker == "Kwabena Osei"


def test_previous_speaker_keeps_the_pronoun_when_no_one_else_acts(
    annotator: Any,
) -> None:
    text = (
        "“We will rebuild the pier,” said Peter Marsh.\n\n"
        "The council meets again in June to discuss Owen Pike's report.\n\n"
        "“Not before the summer,” he said."
    )
    assert last_quote(annotator, text).speaker == "Peter Marsh"


def test_untagged_surname_of_a_speaker_is_still_that_person(
    annotator: Any,
) -> None:
    text = (
        "“The count was wrong,” said Okonjo.\n\n"
        "Marcus Webb, the returning officer, defended the result.\n\n"
        "Okonjo openly admitted that his complaint was political.\n\n"
        "“I will appeal anyway,” he said."
    )
    assert last_quote(annotator, text).speaker == "Okonjo"


def test_speaker_of_a_by_saying_phrase_is_the_subject(annotator: Any) -> None:
    text = "Nadia Fenn opened the meeting by saying, “This will be a long night.”"
    (quote,) = annotate(annotator, text).quotes
    assert quote.speaker == "Nadia Fenn"


def test_passive_cue_with_an_agent_is_spoken_by_the_agent(annotator: Any) -> None:
    text = (
        "Councillor Ben Adair was asked by presenter Clara Voss, "
        "“Will the library close this year?”"
    )
    (quote,) = annotate(annotator, text).quotes
    assert quote.speaker == "Clara Voss"


def test_shot_back_introduces_a_quote(annotator: Any) -> None:
    text = (
        "After Tom Rudd criticised the budget during the debate, "
        "Maya Lind shot back, “You never read it.”"
    )
    assert last_quote(annotator, text).speaker == "Maya Lind"


def test_barked_introduces_a_quote(annotator: Any) -> None:
    (quote,) = annotate(annotator, "“Sit down,” Sergeant Ivo Kral barked.").quotes
    assert quote.speaker == "Ivo Kral"


def test_quote_after_narration_about_the_last_speaker_continues_them(
    annotator: Any,
) -> None:
    text = (
        "“We will win the vote,” said Peter Marsh.\n\n"
        "Marsh is upbeat about the ballot in June.\n\n"
        "“Nobody can stop us now.”"
    )
    quote = last_quote(annotator, text)
    assert quote.speaker == "Peter Marsh"
    assert quote.reason == "continuation"


def test_quote_after_narration_about_someone_else_stays_unattributed(
    annotator: Any,
) -> None:
    text = (
        "“We will win the vote,” said Peter Marsh.\n\n"
        "Owen Pike is less sure about the ballot in June.\n\n"
        "“Nobody can stop us now.”"
    )
    assert last_quote(annotator, text).speaker is None


def test_speaker_parsed_inside_fronted_content(annotator: Any) -> None:
    text = (
        "The cause of the fire was not yet known, a spokeswoman for the "
        "company, Joanne Pike, said on Sunday afternoon."
    )
    (quote,) = annotate(annotator, text).quotes
    assert text[quote.span.start : quote.span.end] == (
        "The cause of the fire was not yet known"
    )
    assert quote.speaker == "Joanne Pike"


def test_capitalised_common_noun_opening_a_headline_is_not_a_person(
    annotator: Any,
) -> None:
    text = (
        "Owner says bakery will reopen after the flood\n\n"
        "The bakery's owner said the ovens were undamaged."
    )
    entities = {e.name for e in annotate(annotator, text).entities}
    assert "Owner" not in entities


def test_subject_of_an_infinitive_does_not_take_the_pronoun(annotator: Any) -> None:
    text = (
        "One member, club secretary Helen Marsh, gave her backing to Maria "
        "Alvarez in a bid to settle the race and allow Alvarez to concentrate on "
        "the annual meeting.\n\n"
        "“We have to get this vote behind us,” she said."
    )
    assert last_quote(annotator, text).speaker == "Helen Marsh"


def test_one_of_a_group_with_an_apposed_name_is_that_person(annotator: Any) -> None:
    text = (
        "On Monday, one of the tenants' advisers, Peter Hanlon, said the "
        "photos show the roof leaking."
    )
    assert last_quote(annotator, text).speaker == "Peter Hanlon"


def test_one_of_a_group_without_a_name_stays_unnamed(annotator: Any) -> None:
    text = "The talks stalled.\n\n“We are done,” one of the lawyers said."
    assert last_quote(annotator, text).speaker is None
