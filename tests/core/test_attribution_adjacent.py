"""A short attribution right after a quote ("“…,” said X", "“…!” X shouted"),
found from the words when the parse tears the clause apart; sentences written
for these tests."""

from __future__ import annotations

from typing import Any

from newsreader.model import Quote
from newsreader.services.batch import article_from_text


def first_quote(annotator: Any, text: str) -> Quote:
    quote: Quote = annotator.annotate(article_from_text("t", text)).quotes[0]
    return quote


def test_name_and_cue_after_an_exclamation(annotator: Any) -> None:
    text = (
        "Supporters cheered.\n\n"
        '"Back the bridge!" Ana Ruiz shouted, waving a flag above her head as '
        "the crowd chanted along."
    )
    quote = first_quote(annotator, text)
    assert (quote.speaker, quote.cue) == ("Ana Ruiz", "shouted")


def test_name_and_cue_after_an_exclamation_with_a_long_aside(annotator: Any) -> None:
    text = (
        "Several hundred people came.\n\n"
        '"We are not going anywhere!" Okafor declared, a line she likes to repeat '
        "after every appearance on the local radio station during which listeners "
        "call in."
    )
    assert first_quote(annotator, text).speaker == "Okafor"


def test_name_and_cue_after_a_question(annotator: Any) -> None:
    text = (
        "Reddy left early.\n\n"
        "“Can anyone explain why the lights are off?” Reddy asks as a janitor "
        "walks past her desk, saying he is “here to fix it.”"
    )
    assert first_quote(annotator, text).speaker == "Reddy"


def test_inverted_cue_before_a_titled_name(annotator: Any) -> None:
    text = (
        "He was busy.\n\n"
        '"Great debate," tweeted council spokesman Dan Ruiz. "The mayor won."'
    )
    assert first_quote(annotator, text).speaker == "Dan Ruiz"


def test_inverted_cue_with_a_trailing_aside(annotator: Any) -> None:
    text = "It was late.\n\n“Mark my words,” said Tom Reddy, half joking."
    assert first_quote(annotator, text).speaker == "Tom Reddy"


def test_a_text_reads_its_words(annotator: Any) -> None:
    text = (
        "The council met on Monday.\n\n"
        '"The plan is dead," read the statement, which was signed by Ruiz.'
    )
    quote = first_quote(annotator, text)
    assert (quote.speaker_mention, quote.speaker_kind) == ("the statement", "document")


def test_a_person_reading_is_not_an_attribution(annotator: Any) -> None:
    text = "It was late.\n\n“We won,” the man read from his notes."
    assert first_quote(annotator, text).speaker_mention is None


def test_a_new_report_after_a_closed_sentence_is_not_the_quote_s_cue(
    annotator: Any,
) -> None:
    text = "It was late.\n\n“We won.” Ruiz said the count was rigged."
    assert first_quote(annotator, text).speaker is None


def test_a_description_the_parse_splits_is_kept_whole(annotator: Any) -> None:
    text = (
        "The campaign sent an email.\n\n"
        '"Neighbour, I will be honest. We can fix this. They cannot," the email read. '
        "It stated that the polls were wrong."
    )
    assert first_quote(annotator, text).speaker_mention == "the email"


def test_questioned_attributes_a_quote(annotator: Any) -> None:
    text = (
        "The host kept going.\n\n"
        "“What made him change his mind so completely?” Mulroy questioned."
    )
    assert first_quote(annotator, text).speaker == "Mulroy"


def test_pressed_attributes_a_quote(annotator: Any) -> None:
    text = "The host kept going.\n\n“Would you let some tenants stay?” Garvey pressed."
    assert first_quote(annotator, text).speaker_mention == "Garvey"


def test_a_round_up_line_after_an_attribution_line_is_a_quote(annotator: Any) -> None:
    text = (
        "Readers wrote in.\n\n"
        "“I am tired of this. He never grew up.” ― Jacklyn Ashley\n"
        "“The mayor must stop portraying us as criminals.” ― Carla Sanchez\n\n"
        "Photo."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [q.speaker for q in result.quotes] == ["Jacklyn Ashley", "Carla Sanchez"]


def test_a_dash_glued_to_the_closing_mark_attributes_the_quote(annotator: Any) -> None:
    text = (
        "Readers wrote in.\n\n"
        "“The mayor must stop portraying us as criminals.”― Carla Sanchez.\n\n"
        "Photo."
    )
    quote = first_quote(annotator, text)
    assert (quote.speaker, quote.cue) == ("Carla Sanchez", "―")
