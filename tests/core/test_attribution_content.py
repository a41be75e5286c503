"""Reported speech whose content is not a that-clause, on sentences written for
these tests: noun-phrase objects, infinitives, questions, prepositional objects."""

from __future__ import annotations

from typing import Any

from newsreader.services.batch import article_from_text


def quotes(annotator: Any, text: str) -> list[tuple[str, str, str | None]]:
    result = annotator.annotate(article_from_text("t", text))
    return [(text[q.span.start : q.span.end], q.kind, q.speaker) for q in result.quotes]


def test_noun_phrase_object_of_deny(annotator: Any) -> None:
    text = "Harriet Olsen denied the allegations about the harbour contract."
    assert quotes(annotator, text) == [
        ("the allegations about the harbour contract", "indirect", "Harriet Olsen")
    ]


def test_object_and_preposition_of_accuse(annotator: Any) -> None:
    text = "Marcus Webb accused the water board of hiding the test results."
    assert quotes(annotator, text) == [
        ("the water board of hiding the test results", "indirect", "Marcus Webb")
    ]


def test_object_with_predicate_of_call_with_quoted_fragment(annotator: Any) -> None:
    text = "Senator Alma Reyes called the new levy “a tax on breathing.”"
    found = quotes(annotator, text)
    assert found == [("the new levy “a tax on breathing.”", "mixed", "Alma Reyes")]


def test_bare_object_of_call_is_not_speech(annotator: Any) -> None:
    text = "Peter Lindqvist called his brother on Sunday evening."
    assert quotes(annotator, text) == []


def test_infinitive_complement_of_vow(annotator: Any) -> None:
    text = "Grace Adeyemi vowed to keep the library open through the winter."
    assert quotes(annotator, text) == [
        ("to keep the library open through the winter", "indirect", "Grace Adeyemi")
    ]


def test_object_and_infinitive_of_urge(annotator: Any) -> None:
    text = "Oscar Lindahl urged the council to delay the vote until spring."
    assert quotes(annotator, text) == [
        ("the council to delay the vote until spring", "indirect", "Oscar Lindahl")
    ]


def test_indirect_question_after_ask_leaves_out_the_person_asked(
    annotator: Any,
) -> None:
    text = "Rosa Delgado asked the minister whether the clinic would reopen."
    assert quotes(annotator, text) == [
        ("whether the clinic would reopen", "indirect", "Rosa Delgado")
    ]


def test_object_of_call_for(annotator: Any) -> None:
    text = "Tomas Berger called for an independent inquiry into the fire."
    assert quotes(annotator, text) == [
        ("an independent inquiry into the fire", "indirect", "Tomas Berger")
    ]


def test_describe_as(annotator: Any) -> None:
    text = "Helen Fraser described the budget as a betrayal of rural schools."
    assert quotes(annotator, text) == [
        ("the budget as a betrayal of rural schools", "indirect", "Helen Fraser")
    ]


def test_cue_split_mid_sentence_gives_two_fragments(annotator: Any) -> None:
    text = (
        "The families on our street have mostly moved away, Ingrid Solberg "
        "said, and the school will close in June."
    )
    found = quotes(annotator, text)
    assert [span for span, _, _ in found] == [
        "The families on our street have mostly moved away",
        "and the school will close in June",
    ]
    assert {speaker for _, _, speaker in found} == {"Ingrid Solberg"}


def test_headline_label_names_the_speaker(annotator: Any) -> None:
    text = (
        "Harriet Olsen: The harbour contract was never put out to tender.\n\n"
        "The councillor spoke at a packed meeting on Thursday."
    )
    found = quotes(annotator, text)
    assert found[0] == (
        "The harbour contract was never put out to tender.",
        "indirect",
        "Harriet Olsen",
    )


def test_rubric_label_is_not_a_speaker(annotator: Any) -> None:
    text = "Editor's Note: This story was updated with figures from the county."
    assert quotes(annotator, text) == []


def test_quote_with_an_indefinite_speaker_does_not_continue_the_last_one(
    annotator: Any,
) -> None:
    text = (
        "Leonard Okafor read out the letters at the meeting.\n\n"
        '"We were never consulted," he said.\n\n'
        '"Nobody asked the tenants," one wrote.'
    )
    found = quotes(annotator, text)
    assert found[-1] == ('"Nobody asked the tenants,"', "direct", None)


def test_statement_issued_saying_gives_the_subject(annotator: Any) -> None:
    text = (
        "The Harbour Trust issued a statement saying the pier would close for repairs."
    )
    found = quotes(annotator, text)
    assert found == [("the pier would close for repairs", "indirect", "Harbour Trust")]


def test_went_on_is_a_cue(annotator: Any) -> None:
    text = (
        "Maria Castellano took the microphone.\n\n"
        "Outside, the rain kept falling.\n\n"
        '"We will not be moved," Castellano went on.'
    )
    assert quotes(annotator, text)[-1] == (
        '"We will not be moved,"',
        "direct",
        "Maria Castellano",
    )


def test_person_asked_in_a_reduced_passive_is_not_the_asker(annotator: Any) -> None:
    text = (
        "Dana Whitlock, asked about the delays, told reporters that the crews "
        "were working nights."
    )
    found = quotes(annotator, text)
    assert found == [
        ("that the crews were working nights", "indirect", "Dana Whitlock")
    ]


def test_class_defined_by_what_it_says_is_not_a_report(annotator: Any) -> None:
    text = (
        "Voters who say the ferry is most important in their decision were "
        "evenly divided. Those who said the bridge was their top issue backed "
        "the mayor."
    )
    assert quotes(annotator, text) == []


def test_relative_clause_on_a_person_is_a_report(annotator: Any) -> None:
    text = "The firm never paid a builder who said he was owed for the pier."
    assert quotes(annotator, text) == [("he was owed for the pier", "indirect", None)]


def test_speech_declined_is_not_a_report(annotator: Any) -> None:
    text = "Ruth Kell declined to say whether the ferry would run in winter."
    assert quotes(annotator, text) == []


def test_headline_label_naming_the_audience(annotator: Any) -> None:
    text = "Ana Ruiz to Harbour Board: ferry fares will rise in May."
    assert quotes(annotator, text) == [
        ("ferry fares will rise in May.", "indirect", "Ana Ruiz")
    ]


def test_headline_label_of_a_bare_surname(annotator: Any) -> None:
    text = "Okafor: Ferry fares will rise in May."
    assert quotes(annotator, text) == [
        ("Ferry fares will rise in May.", "indirect", "Okafor")
    ]


def test_opening_asked_clause_is_the_unnamed_askers_question(annotator: Any) -> None:
    text = (
        "Asked whether the ferry cuts had worried the crews as well, "
        "Ana Ruiz said the crews were calm."
    )
    assert quotes(annotator, text) == [
        ("whether the ferry cuts had worried the crews as well", "indirect", None),
        ("the crews were calm", "indirect", "Ana Ruiz"),
    ]


def test_opening_asked_clause_with_quoted_words_is_one_quote(annotator: Any) -> None:
    text = (
        "Asked whether the mayor is “fit to serve a second term,” "
        "most tenants said yes."
    )
    found = quotes(annotator, text)
    assert found == [
        ("whether the mayor is “fit to serve a second term,”", "mixed", None),
        ("yes", "indirect", None),
    ]


def test_asked_about_a_topic_is_not_a_question(annotator: Any) -> None:
    text = (
        "Asked about the vote in the harbour district, which the mayor lost "
        "badly last spring, Ana Ruiz said the count was fair."
    )
    assert quotes(annotator, text) == [("the count was fair", "indirect", "Ana Ruiz")]


def test_call_for_someone_to_act(annotator: Any) -> None:
    text = "Ana Ruiz called for every bidder to publish the price of their offers."
    assert quotes(annotator, text) == [
        ("every bidder to publish the price of their offers", "indirect", "Ana Ruiz")
    ]


def test_nominal_demand_for_with_who_made_it(annotator: Any) -> None:
    text = (
        "The leak has revived Conservative demands for a special master to "
        "review the harbour accounts."
    )
    assert quotes(annotator, text) == [
        (
            "a special master to review the harbour accounts",
            "indirect",
            "Conservative",
        )
    ]


def test_call_for_without_a_caller_is_not_reported(annotator: Any) -> None:
    text = "The leak has revived calls for a special master."
    assert quotes(annotator, text) == []


def test_report_inside_a_relative_clause_starts_after_its_cue(annotator: Any) -> None:
    text = "The district drew 30 applicants, which he said were evenly split."
    result = annotator.annotate(article_from_text("t", text))
    assert [text[q.span.start : q.span.end] for q in result.quotes] == [
        "were evenly split"
    ]


def test_report_inside_a_parenthetical_relative_clause(annotator: Any) -> None:
    text = (
        "The shipping firm, which investigators said was accused of hiding losses, "
        "shut down in April."
    )
    result = annotator.annotate(article_from_text("t", text))
    quote = result.quotes[0]
    assert text[quote.span.start : quote.span.end] == "was accused of hiding losses"
    assert quote.speaker_mention == "investigators"


def test_reported_clause_with_a_gerund_subject(annotator: Any) -> None:
    text = "Ana Ruiz said having Okafor on the ticket puts the seat at risk."
    result = annotator.annotate(article_from_text("t", text))
    assert [(text[q.span.start : q.span.end], q.speaker) for q in result.quotes] == [
        ("having Okafor on the ticket puts the seat at risk", "Ana Ruiz")
    ]


def test_that_clause_after_a_participle_aside(annotator: Any) -> None:
    text = "Ana Ruiz said, smiling, that the vote was fine."
    result = annotator.annotate(article_from_text("t", text))
    assert [(text[q.span.start : q.span.end], q.speaker) for q in result.quotes] == [
        ("that the vote was fine", "Ana Ruiz")
    ]


def test_that_clause_after_a_long_addressee(annotator: Any) -> None:
    text = (
        "Maria Okonkwo told the crowd at her rally for nurses that she and the "
        "union had several meetings on Monday."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [text[q.span.start : q.span.end] for q in result.quotes] == [
        "that she and the union had several meetings on Monday"
    ]


def test_that_clause_after_another_verb_is_not_reported(annotator: Any) -> None:
    text = (
        "Okafor answered by reading out the figures for the ferry to prove that "
        "the levy is not the answer."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert result.quotes == ()


def test_relative_clause_on_the_object_is_not_reported(annotator: Any) -> None:
    text = (
        "Retired crew members take over a table and tell each other stories that "
        "everybody present has heard many times."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert result.quotes == ()


def test_subject_the_parser_hung_from_the_cue_is_part_of_the_report(
    annotator: Any,
) -> None:
    text = (
        "The transport office said about a third of the extra delay in its rail "
        "timetables came from signal faults near the depot."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [text[q.span.start : q.span.end] for q in result.quotes] == [
        "about a third of the extra delay in its rail timetables came from signal "
        "faults near the depot"
    ]


def test_coordinated_verbs_the_parser_hung_from_the_cue_are_reported(
    annotator: Any,
) -> None:
    text = (
        "Local doctors said funding is urgently needed to open a clinic, train "
        "new staff and learn more about the outbreak."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [text[q.span.start : q.span.end] for q in result.quotes] == [
        "funding is urgently needed to open a clinic, train new staff and learn "
        "more about the outbreak"
    ]


def test_according_to_after_a_connective_reports_what_follows(annotator: Any) -> None:
    text = (
        "But according to interviews with several of his friends, Okafor wants to "
        "campaign this fall."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [text[q.span.start : q.span.end] for q in result.quotes] == [
        "Okafor wants to campaign this fall"
    ]


def test_according_to_inside_a_sentence_splits_the_report(annotator: Any) -> None:
    text = (
        "Since last November, according to the Harbour Trust, the ferries have "
        "missed 400 sailings."
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [text[q.span.start : q.span.end] for q in result.quotes] == [
        "Since last November",
        "the ferries have missed 400 sailings",
    ]


def reported(annotator: Any, text: str) -> list[str]:
    result = annotator.annotate(article_from_text("t", text))
    return [text[q.span.start : q.span.end] for q in result.quotes]


def test_clause_parsed_as_an_adverbial_of_the_cue(annotator: Any) -> None:
    text = "Okafor said after the vote he would not accept the board's offer."
    assert reported(annotator, text) == [
        "after the vote he would not accept the board's offer"
    ]


def test_that_clause_hung_from_a_time_phrase(annotator: Any) -> None:
    text = (
        "Still, the Herald reported in those days that the editor told Ms. Ruiz "
        "that her column was wrong."
    )
    assert reported(annotator, text) == [
        "that the editor told Ms. Ruiz that her column was wrong"
    ]


def test_joked_that_reports_a_clause(annotator: Any) -> None:
    text = "Okafor joked that, among fishermen, the mayor comes third of two."
    assert reported(annotator, text) == [
        "that, among fishermen, the mayor comes third of two"
    ]


def test_a_clause_of_reason_after_a_cue_is_not_reported(annotator: Any) -> None:
    assert reported(annotator, "Okafor said nothing because he was tired.") == []


def test_a_when_clause_after_a_cue_is_not_reported(annotator: Any) -> None:
    text = "Councillors have not said when they will debate the harbour bill."
    assert reported(annotator, text) == []


def test_told_someone_to_do_something_reports_the_order(annotator: Any) -> None:
    text = "The mayor told her advisers to find a way to cut fares without the council."
    assert reported(annotator, text) == [
        "to find a way to cut fares without the council"
    ]


def test_told_someone_alone_reports_nothing(annotator: Any) -> None:
    assert reported(annotator, "Okafor told reporters on Monday.") == []


def test_quotation_told_to_someone_stays_a_direct_quote(annotator: Any) -> None:
    text = (
        "Former ambassador Ana Ruiz told radio host Dan Cole, “Their motto might as "
        "well be Trust Us – Not Audited, Yet!”"
    )
    result = annotator.annotate(article_from_text("t", text))
    assert [(q.kind, q.speaker) for q in result.quotes] == [("direct", "Ana Ruiz")]


def speakers(annotator: Any, text: str) -> list[tuple[str, str | None]]:
    result = annotator.annotate(article_from_text("t", text))
    return [(text[q.span.start : q.span.end], q.speaker) for q in result.quotes]


def test_began_by_saying_in_a_second_clause_is_said_by_its_subject(
    annotator: Any,
) -> None:
    text = (
        "Dean, a vet, then went on the radio on Friday and began by saying he "
        "would never treat an animal over the phone."
    )
    assert speakers(annotator, text) == [
        ("he would never treat an animal over the phone", "Dean")
    ]


def test_despite_admitting_is_said_by_the_main_subject(annotator: Any) -> None:
    text = (
        "Speaker Ana Ruiz, despite admitting that she had doubts about the plan, "
        "said the harbour needs the money."
    )
    assert speakers(annotator, text)[0] == (
        "that she had doubts about the plan",
        "Ana Ruiz",
    )


def test_a_participle_inside_a_report_is_not_said_by_its_subject(
    annotator: Any,
) -> None:
    text = (
        "A senior adviser said Okafor must soon decide which camp she is in, "
        "saying, “Sooner or later the strain will be too great.”"
    )
    assert ("“Sooner or later the strain will be too great.”", "Okafor") not in (
        speakers(annotator, text)
    )


def test_object_with_an_as_predicate_is_reported_whole(annotator: Any) -> None:
    text = "The senator attacked his rival as a bully and a liar."
    assert reported(annotator, text) == ["his rival as a bully and a liar"]


def test_coordinated_gerund_objects_are_reported_together(annotator: Any) -> None:
    text = (
        "Okafor has mentioned cutting bus fares and asking landlords to pay more "
        "toward street repairs."
    )
    assert reported(annotator, text) == [
        "cutting bus fares and asking landlords to pay more toward street repairs"
    ]


def test_clause_before_a_colon_is_not_the_report_of_a_cue_after_it(
    annotator: Any,
) -> None:
    text = (
        "The vote set off another round of fireworks on Friday: councillors said "
        "they are convinced the harbour board mishandled the sale."
    )
    assert reported(annotator, text) == [
        "they are convinced the harbour board mishandled the sale"
    ]


def test_clause_joined_to_a_parenthetical_cue_continues_the_report(
    annotator: Any,
) -> None:
    text = (
        "The top tenth paid 12.4 percent, the office said in a March survey, and "
        "those in the lowest tenth of earners paid 1.1 percent."
    )
    assert reported(annotator, text) == [
        "The top tenth paid 12.4 percent",
        "those in the lowest tenth of earners paid 1.1 percent",
    ]


def test_action_joined_to_a_cue_is_not_a_report(annotator: Any) -> None:
    text = "The bridge will close, Ruiz said, and left the room."
    assert reported(annotator, text) == ["The bridge will close"]


def test_a_bare_yes_is_a_reported_answer(annotator: Any) -> None:
    text = "Asked about the toll, 58 percent of drivers said yes, against 31 percent."
    assert "yes" in reported(annotator, text)


def test_said_no_one_is_not_an_answer(annotator: Any) -> None:
    assert reported(annotator, "Okafor said no one came to the harbour meeting.") == [
        "no one came to the harbour meeting"
    ]


def test_lets_say_is_a_supposition_not_a_report(annotator: Any) -> None:
    text = "Let's say you think a degree will cost $160,000 in 18 years."
    assert reported(annotator, text) == []


def test_goes_without_saying_is_not_a_report(annotator: Any) -> None:
    text = "It goes without saying that a higher toll is unpopular."
    assert reported(annotator, text) == []


def test_a_reason_after_the_report_belongs_to_it(annotator: Any) -> None:
    text = (
        "Okafor said the charge reeked of double standards, because the board had "
        "questioned every earlier sale."
    )
    assert reported(annotator, text) == [
        "the charge reeked of double standards, because the board had questioned "
        "every earlier sale"
    ]


def test_that_clause_after_the_cue_beats_a_clause_parsed_before_it(
    annotator: Any,
) -> None:
    text = (
        "Writing for a Herald panel that all agreed Okafor won the debate, Dan Cole "
        "noted that the calm Okafor showed on stage was key to his win."
    )
    assert "that the calm Okafor showed on stage was key to his win" in (
        reported(annotator, text)
    )
