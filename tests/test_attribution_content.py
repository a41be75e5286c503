"""Reported speech whose content is not a that-clause, on sentences written for
these tests: noun-phrase objects, infinitives, questions, prepositional objects."""

from __future__ import annotations

from typing import Any

from newsreader.nlp.batch import article_from_text


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
