"""Where reported content starts and ends, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from newsreader.services.batch import article_from_text


def quotes(annotator: Any, text: str) -> list[tuple[str, str | None]]:
    result = annotator.annotate(article_from_text("t", text))
    return [(text[q.span.start : q.span.end], q.speaker) for q in result.quotes]


def test_second_speech_verb_starts_a_second_quote(annotator: Any) -> None:
    text = (
        "Ada Brook said the old timetable had cost the town too much and said "
        "that a new one would be ready in June."
    )
    assert quotes(annotator, text) == [
        ("the old timetable had cost the town too much", "Ada Brook"),
        ("that a new one would be ready in June", "Ada Brook"),
    ]


def test_speaker_recounting_own_actions_stays_one_quote(annotator: Any) -> None:
    text = "Ada Brook said she met the ferry board and asked them to wait."
    (found,) = quotes(annotator, text)
    assert found == ("she met the ferry board and asked them to wait", "Ada Brook")


def test_occasion_of_speech_is_not_content(annotator: Any) -> None:
    text = "Ada Brook said the pool would reopen in May, in an interview with the Post."
    assert quotes(annotator, text) == [("the pool would reopen in May", "Ada Brook")]


def test_joined_report_inside_a_telling_clause_keeps_the_speaker(
    annotator: Any,
) -> None:
    text = (
        "Ada Brook hardened her tone on Friday, telling reporters that the plan "
        "was a “mirage” and questioning how the board had approved it."
    )
    found = quotes(annotator, text)
    assert [speaker for _, speaker in found] == ["Ada Brook", "Ada Brook"]
    assert found[0][0] == "that the plan was a “mirage”"


def test_clause_with_a_long_subject_parsed_as_an_object_is_content(
    annotator: Any,
) -> None:
    text = (
        "Senator Ann Pike says the movement that is sweeping the county and "
        "boosting outsiders in the race appeals to the worst in people."
    )
    ((span, speaker),) = quotes(annotator, text)
    assert span.startswith("the movement that is sweeping")
    assert span.endswith("the worst in people")
    assert speaker == "Ann Pike"


def test_plain_object_of_say_is_not_content(annotator: Any) -> None:
    assert quotes(annotator, "She said a few words to the crowd.") == []


def test_share_of_respondents_speaks(annotator: Any) -> None:
    text = "About 4 in 10 say they want the next mayor to cut bus fares."
    (quote,) = annotator.annotate(article_from_text("t", text)).quotes
    assert text[quote.span.start : quote.span.end] == (
        "they want the next mayor to cut bus fares"
    )
    assert quote.speaker_mention == "About 4 in 10"
    assert quote.speaker is None


def test_gloss_after_the_last_noun_is_not_content(annotator: Any) -> None:
    text = (
        "Ruth Kell vowed to repeal the Harbour Levy Act, a law that charges "
        "boat owners twice."
    )
    assert quotes(annotator, text) == [("to repeal the Harbour Levy Act", "Ruth Kell")]


def test_elaboration_of_a_common_noun_stays_in_content(annotator: Any) -> None:
    text = (
        "Ruth Kell noted that the study had enrolled few people over 80, the "
        "age group most likely to need hospital care."
    )
    ((span, _),) = quotes(annotator, text)
    assert span.endswith("the age group most likely to need hospital care")


def test_name_in_apposition_stays_in_content(annotator: Any) -> None:
    text = (
        "Ruth Kell said the mayor was travelling with his wife, Lonnie, and two aides."
    )
    ((span, _),) = quotes(annotator, text)
    assert span.endswith("with his wife, Lonnie, and two aides")


def test_negated_joined_speech_verb_is_not_content(annotator: Any) -> None:
    text = (
        "Ruth Kell said the ferry timetable would change but did not say "
        "which routes would close."
    )
    found = quotes(annotator, text)
    assert found[0] == ("the ferry timetable would change", "Ruth Kell")


def test_trailing_relative_clause_about_a_person_is_not_content(
    annotator: Any,
) -> None:
    text = (
        "Ada Brook said the council had ignored the harbour master, with whom "
        "she quarrelled for years."
    )
    assert quotes(annotator, text) == [
        ("the council had ignored the harbour master", "Ada Brook")
    ]


def test_contrasting_while_clause_is_not_content(annotator: Any) -> None:
    text = (
        "Ada Brook said most tenants prefer the old landlord, while a third of "
        "the building wants the new one."
    )
    assert quotes(annotator, text) == [
        ("most tenants prefer the old landlord", "Ada Brook")
    ]


def test_quoted_words_keep_a_trailing_clause(annotator: Any) -> None:
    text = (
        "Ada Brook said the council had ignored the harbour master, with whom "
        "she “never once agreed.”"
    )
    ((span, _),) = quotes(annotator, text)
    assert span.endswith("“never once agreed.”")


def test_second_speaker_joined_inside_content_starts_a_second_quote(
    annotator: Any,
) -> None:
    text = (
        "Ada Brook accuses Tom Hale of subjecting her to an artful smear over "
        "her budget while Hale suggests the mayor is a captive of the harbour "
        "board."
    )
    assert quotes(annotator, text) == [
        ("Tom Hale of subjecting her to an artful smear over her budget", "Ada Brook"),
        ("the mayor is a captive of the harbour board", "Tom Hale"),
    ]


def test_content_does_not_end_on_a_dangling_conjunction(annotator: Any) -> None:
    text = (
        "Ada Brook emphasized that the ferry repairs were not complete, and "
        "union leaders warned that the board was losing the port."
    )
    assert quotes(annotator, text)[0] == (
        "that the ferry repairs were not complete",
        "Ada Brook",
    )


def test_joined_speech_verb_with_its_own_clause_splits_own_account(
    annotator: Any,
) -> None:
    text = (
        "Ada Brook said that she did not want to guess the result and "
        "predicted that the ferry board will lose the vote."
    )
    assert quotes(annotator, text) == [
        ("that she did not want to guess the result", "Ada Brook"),
        ("that the ferry board will lose the vote", "Ada Brook"),
    ]


def test_contrasting_though_clause_is_not_content(annotator: Any) -> None:
    text = (
        "Ada Brook said the new timetable was the best yet, though the ferry "
        "still ran late twice a week."
    )
    assert quotes(annotator, text) == [
        ("the new timetable was the best yet", "Ada Brook")
    ]


def test_who_clause_glossing_a_name_is_not_content(annotator: Any) -> None:
    text = (
        "Ada Brook predicted the winner would be Tom Hale, who has a large "
        "lead among the ferry crews."
    )
    assert quotes(annotator, text) == [("the winner would be Tom Hale", "Ada Brook")]


def test_second_predicate_of_the_speaker_is_not_content(annotator: Any) -> None:
    text = (
        "Ada Brook suggested the harbour master be replaced and defended the "
        "ferry crews."
    )
    assert quotes(annotator, text) == [("the harbour master be replaced", "Ada Brook")]


def test_report_after_a_comma_with_its_own_clause_ends_the_content(
    annotator: Any,
) -> None:
    text = (
        "Ana Ruiz said tenants would not be eligible for the new rebate, and "
        "when pressed on why the scheme shuts out renters, the 40-year-old "
        'mayor replied, "It is meant for families who own their homes."'
    )
    found = quotes(annotator, text)
    assert found[0] == ("tenants would not be eligible for the new rebate", "Ana Ruiz")
    assert found[1][0] == '"It is meant for families who own their homes."'
