"""Quote attribution on sentences written for these tests, one phenomenon each."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.model import Annotations
from newsreader.nlp.engine import SpacyAnnotator
from newsreader.services.batch import article_from_text


def annotate(annotator: Any, text: str) -> tuple[str, Annotations]:
    return text, annotator.annotate(article_from_text("t", text))


def quotes(annotator: Any, text: str) -> list[tuple[str, str, str | None]]:
    text, result = annotate(annotator, text)
    return [(text[q.span.start : q.span.end], q.kind, q.speaker) for q in result.quotes]


def test_pipeline_has_parser_and_ner(annotator: Any) -> None:
    assert {"parser", "ner"} <= set(annotator.nlp.pipe_names)
    assert not annotator.fallback


def test_straight_quote_with_inverted_cue(annotator: Any) -> None:
    found = quotes(
        annotator, 'Tenants packed the hall.\n\n"We will appeal," said Maria Lopez.'
    )
    assert found == [('"We will appeal,"', "direct", "Maria Lopez")]


def test_curly_quotes_and_apostrophes(annotator: Any) -> None:
    text = "“We don’t accept the council’s figures,” Daniel Brooks said on Tuesday."
    assert quotes(annotator, text) == [
        ("“We don’t accept the council’s figures,”", "direct", "Daniel Brooks")
    ]


def test_split_quote_is_two_quotes_by_one_speaker(annotator: Any) -> None:
    text = '"The bridge is safe," Ana Ruiz said, "but it will not last another decade."'
    found = quotes(annotator, text)
    assert [kind for _, kind, _ in found] == ["direct", "direct"]
    assert {speaker for _, _, speaker in found} == {"Ana Ruiz"}


def test_pronoun_speaker_resolves_to_the_named_person(annotator: Any) -> None:
    text = (
        "Thomas Keller has run the ferry for thirty years.\n\n"
        '"Nobody asked us before they changed the timetable," he said.'
    )
    assert quotes(annotator, text)[0][2] == "Thomas Keller"


def test_descriptor_speaker_resolves_to_the_titled_person(annotator: Any) -> None:
    text = (
        "Mayor Helen Ashdown opened the meeting at seven.\n\n"
        '"We have waited long enough for this road," the mayor said.'
    )
    found = quotes(annotator, text)
    assert found[0][2] == "Helen Ashdown"


def test_multi_paragraph_quote_continues_the_speaker(annotator: Any) -> None:
    text = (
        'Priya Natarajan remembered the storm. She said: "The water came up '
        "through the floor first.\n\n"
        '"By midnight we were on the roof, waiting for a boat."'
    )
    found = quotes(annotator, text)
    assert [speaker for _, _, speaker in found] == [
        "Priya Natarajan",
        "Priya Natarajan",
    ]


def test_cue_less_quote_after_narration_stays_unattributed(annotator: Any) -> None:
    text = (
        "The square was quiet by noon and most shops had closed early.\n\n"
        '"Everything must go," read a sign in one window.'
    )
    for _, _, speaker in quotes(annotator, text):
        assert speaker is None


def test_according_to(annotator: Any) -> None:
    text = "According to Carla Mendes, the clinic will close in March."
    found = quotes(annotator, text)
    assert found == [("the clinic will close in March", "indirect", "Carla Mendes")]


def test_speaker_of_told_is_the_subject_not_the_listener(annotator: Any) -> None:
    text = "Victor Ortega told reporters that the strike would continue into next week."
    found = quotes(annotator, text)
    assert found[0][2] == "Victor Ortega"
    assert found[0][0].startswith("that the strike")


def test_quoted_him_as_saying(annotator: Any) -> None:
    text = (
        "Samuel Birch resigned on Friday.\n\n"
        'A local paper quoted him as saying "the board left me no choice."'
    )
    found = quotes(annotator, text)
    assert found[-1][2] == "Samuel Birch"


def test_mixed_quote_spans_the_reported_clause(annotator: Any) -> None:
    text = (
        'Grace Hollis said the proposal was "dead on arrival" and would be withdrawn.'
    )
    found = quotes(annotator, text)
    assert len(found) == 1
    span, kind, speaker = found[0]
    assert kind == "mixed"
    assert speaker == "Grace Hollis"
    assert "dead on arrival" in span and "withdrawn" in span


def test_indirect_quote(annotator: Any) -> None:
    text = "The harbour master said that the channel would reopen on Monday."
    found = quotes(annotator, text)
    assert found == [("that the channel would reopen on Monday", "indirect", None)]


def test_reported_speech_inside_a_quote_is_one_quote(annotator: Any) -> None:
    text = '"Maybe he thinks we are not ready, but we are," Ngozi Okafor said.'
    found = quotes(annotator, text)
    assert len(found) == 1
    assert found[0][2] == "Ngozi Okafor"


def test_nested_single_quotes_stay_inside(annotator: Any) -> None:
    text = "“My coach always said, ‘Play the board,’ and I still do,” Lena Wirth said."
    found = quotes(annotator, text)
    assert len(found) == 1
    assert found[0][2] == "Lena Wirth"


def test_scare_quotes_are_not_speech(annotator: Any) -> None:
    text = 'The so-called "experts" never visited the site before the vote.'
    assert quotes(annotator, text) == []


def test_byline_is_never_a_speaker(annotator: Any) -> None:
    text = (
        "Council cuts library hours\n\nBy Jane Whitcombe\n\n"
        "The libraries will close early."
    )
    assert quotes(annotator, text) == []


def test_entity_variants_merge_under_the_fullest_name(annotator: Any) -> None:
    text = (
        "Maria Lopez chairs the transport committee.\n\n"
        "Ms Lopez said the vote was close. Lopez's deputy disagreed, and Lopez left."
    )
    _, result = annotate(annotator, text)
    people = [e for e in result.entities if "Lopez" in e.name]
    assert len(people) == 1
    assert people[0].name == "Maria Lopez"
    assert people[0].label == "PERSON"
    assert len(people[0].mentions) >= 3


def test_offsets_round_trip_on_a_long_paragraph(annotator: Any) -> None:
    # A small chunk size stands in for the real one: the paragraph is still
    # parsed in several pieces whose offsets must add up.
    chunked = SpacyAnnotator(annotator.choice, chunk_chars=2_000, batch_chars=4_000)
    sentence = '"We will rebuild," Maria Lopez said, as the crowd cheered loudly. '
    text = sentence * (10_000 // len(sentence) + 1)
    assert len(text) > 5 * chunked.chunk_chars
    result = chunked.annotate(article_from_text("long", text))
    assert result.quotes
    for quote in result.quotes:
        assert 0 <= quote.span.start < quote.span.end <= len(text)
        if quote.kind == "direct":
            assert text[quote.span.start : quote.span.end].startswith('"')


quote_heavy_text = st.lists(
    st.sampled_from([*"ab \n\"'“”‘’«»,.:—", "said", " He ", "Ann Lee", "\n\n"]),
    max_size=80,
).map("".join)


@settings(
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.one_of(st.text(max_size=300), quote_heavy_text))
def test_any_text_gives_valid_spans(annotator: Any, text: str) -> None:
    result = annotator.annotate(article_from_text("h", text))
    for quote in result.quotes:
        assert 0 <= quote.span.start <= quote.span.end <= len(text)
        if quote.speaker_span:
            assert 0 <= quote.speaker_span.start <= quote.speaker_span.end <= len(text)
        assert 0.0 <= quote.confidence <= 1.0
    for entity in result.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start <= mention.end <= len(text)


@pytest.mark.parametrize("text", ["", "   ", '"', "“", '""', "”“", "\n\n\n"])
def test_degenerate_input_never_fails(annotator: Any, text: str) -> None:
    annotator.annotate(article_from_text("d", text))


def test_colon_introduction_without_speech_verb(annotator: Any) -> None:
    text = 'Rosa Delgado kept it short: "We are not moving, and that is final."'
    assert quotes(annotator, text)[0][2] == "Rosa Delgado"


def test_possessor_of_a_reply_is_the_speaker(annotator: Any) -> None:
    text = (
        "Councillor Owen Pratt listened to the plan.\n\n"
        'Pratt\'s reply was brief: "Then fund it properly."'
    )
    assert quotes(annotator, text)[-1][2] == "Owen Pratt"


def test_apposed_name_beats_the_description(annotator: Any) -> None:
    text = "The company's plant manager, Irene Kowalski, said that no one was hurt."
    found = quotes(annotator, text)
    assert found[0][2] == "Irene Kowalski"


def test_indefinite_subject_leaves_a_sign_unattributed(annotator: Any) -> None:
    text = 'On the harbour wall someone had painted "KEEP OUR BOAT SAILING".'
    for _, _, speaker in quotes(annotator, text):
        assert speaker is None


def test_doubled_apostrophes_act_as_quote_marks(annotator: Any) -> None:
    text = "''We have waited twenty years for this,'' said Amos Tembo."
    found = quotes(annotator, text)
    assert found == [
        ("''We have waited twenty years for this,''", "direct", "Amos Tembo")
    ]


def test_dash_attribution_after_a_quote(annotator: Any) -> None:
    text = "“The rent doubled in two years and nobody noticed.” — Marta Quill"
    assert quotes(annotator, text)[0][2] == "Marta Quill"


def test_transcript_speaker_label(annotator: Any) -> None:
    text = "HOST: Welcome back. Tonight we are talking about the budget vote."
    found = quotes(annotator, text)
    assert found[0][0] == "Welcome back. Tonight we are talking about the budget vote."
    assert found[0][2] == "HOST"


def test_transcript_label_inside_a_quoted_transcript(annotator: Any) -> None:
    text = (
        "The partial transcript follows:\n\n"
        '"HOST: Welcome back. Tonight we are talking about the budget vote.\n\n'
        '"MAYOR: Thank you. The vote is on Tuesday."'
    )
    assert quotes(annotator, text) == [
        (
            "Welcome back. Tonight we are talking about the budget vote.",
            "indirect",
            "HOST",
        ),
        ("Thank you. The vote is on Tuesday.", "indirect", "MAYOR"),
    ]


def test_transcript_note_in_quotes_is_not_a_quotation(annotator: Any) -> None:
    text = 'The debate got loud.\n\n"(CROSSTALK.)\n\nThe host moved on.'
    assert quotes(annotator, text) == []


def test_short_title_in_quotes_is_not_a_quotation(annotator: Any) -> None:
    text = 'She appeared on the radio show "Morning Ledger" last week.'
    assert quotes(annotator, text) == []


def test_plural_surname_joins_the_family_member(annotator: Any) -> None:
    text = (
        "Ken Abernethy runs the island shop.\n\n"
        "The Abernethys have kept it open since 1961.\n\n"
        '"We sell everything except hope," he said.'
    )
    assert quotes(annotator, text)[-1][2] == "Ken Abernethy"


def test_mixed_straight_and_curly_marks_pair_up(annotator: Any) -> None:
    text = '"The bridge has a decade left at most,” said Tariq Haddad.'
    assert quotes(annotator, text) == [
        ('"The bridge has a decade left at most,”', "direct", "Tariq Haddad")
    ]


def test_short_standalone_quote_is_kept(annotator: Any) -> None:
    text = 'Mira Sand laughed at the question. "Not a chance," she said.'
    assert quotes(annotator, text)[0][2] == "Mira Sand"


def test_paragraph_ending_in_a_colon_introduces_the_next_quote(annotator: Any) -> None:
    text = (
        "The harbour board released a statement on Friday. Its chair, Nadia Petrov,"
        " wrote:\n\n"
        '"We will reopen the north quay as soon as the divers have finished."'
    )
    assert quotes(annotator, text)[-1][2] == "Nadia Petrov"
