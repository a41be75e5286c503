"""Applying the reporter's reviews to annotations, and what needs checking."""

from __future__ import annotations

import dataclasses

from newsreader.model import Annotations, Entity, Quote, Span
from newsreader.review import (
    ANONYMOUS_LABEL,
    Review,
    apply_reviews,
    check_reasons,
    is_relayed,
    naming_sentence,
    quote_marks_span,
    span_choices,
    speaker_kind,
)
from newsreader.sentences import sentence_around
from newsreader.services.review import ReviewSession
from tests.support.review_fixtures import find, make_annotations, make_article


def test_unreviewed_quotes_needing_a_look_are_on_the_walk() -> None:
    article = make_article()
    view = apply_reviews(article, make_annotations(article), ())
    walk = [quote.id for quote in view.to_check()]
    # Pronoun, anonymous, relayed, organisation-ish "Officials" (anonymous),
    # and a document speaker all need a look.
    assert walk == ["q-lopez", "q-source", "q-baker", "q-officials", "q-report"]
    checks = {q: view.states[q].checks for q in walk}
    assert "speaker resolved from a pronoun" in checks["q-lopez"]
    assert "anonymous source" in checks["q-source"]
    assert "relayed (second-hand)" in checks["q-baker"]
    assert "speaker is not a person" in checks["q-report"]
    assert all(view.states[q].status == "machine" for q in walk)


def test_speaker_kinds() -> None:
    article = make_article()
    annotations = make_annotations(article)
    kinds = {q.id: speaker_kind(q, annotations.entities) for q in annotations.quotes}
    assert kinds == {
        "q-lopez": "person",
        "q-source": "anonymous",
        "q-baker": "person",
        "q-officials": "anonymous",
        "q-report": "document",
    }


def test_verified_edited_and_rejected_quotes() -> None:
    article = make_article()
    annotations = make_annotations(article)
    sha = article.sha256
    by_id = {q.id: q for q in annotations.quotes}
    reviews = [
        Review(sha, by_id["q-lopez"].span, verified=True, note="checked tape"),
        Review(
            sha,
            by_id["q-source"].span,
            speaker="Tom Baker",
            verified=True,
            machine_speaker="a source close to the council",
        ),
        Review(sha, by_id["q-report"].span, rejected=True),
        Review(sha, by_id["q-officials"].span, anonymous=True),
    ]
    view = apply_reviews(article, annotations, reviews)
    ids = [q.id for q in view.annotations.quotes]
    assert "q-report" not in ids
    assert [s.quote.id for s in view.rejected] == ["q-report"]
    assert view.states["q-lopez"].status == "verified"
    assert view.states["q-lopez"].note == "checked tape"
    edited = view.states["q-source"]
    assert edited.status == "edited"
    assert edited.quote.speaker == "Tom Baker"
    assert edited.machine_label == "a source close to the council"
    anonymous = view.states["q-officials"]
    assert anonymous.kind == "anonymous"
    assert anonymous.quote.speaker_mention == ANONYMOUS_LABEL
    # Only the unchecked relayed quote is left to check.
    assert [q.id for q in view.to_check()] == ["q-baker"]
    # Rejected quotes leave the counts.
    assert len(view.annotations.quotes) == 4


def test_a_review_follows_a_moved_span_and_a_lost_one_still_shows() -> None:
    article = make_article()
    annotations = make_annotations(article)
    lopez = find(article, '"We cannot wait any longer,"')
    moved_key = Span(lopez.start + 1, lopez.end)  # an older engine's span
    lost_key = find(article, "The vote was 7-4")
    reviews = [
        Review(article.sha256, moved_key, speaker="Maria Lopez", verified=True),
        Review(article.sha256, lost_key, speaker="Clerk", machine_speaker="he"),
    ]
    view = apply_reviews(article, annotations, reviews)
    assert view.states["q-lopez"].match == "moved"
    assert view.states["q-lopez"].flag == "the engine's span changed since this review"
    lost = [s for s in view.states.values() if s.match == "missing"]
    assert len(lost) == 1 and lost[0].quote.span == lost_key
    assert lost[0].quote.speaker == "Clerk"
    assert lost[0].flag == "the engine no longer finds this quote"
    assert lost[0].needs_check
    assert lost[0].quote.id in {q.id for q in view.annotations.quotes}


def test_reviews_of_another_text_are_ignored() -> None:
    article = make_article()
    annotations = make_annotations(article)
    key = annotations.quotes[0].span
    view = apply_reviews(article, annotations, [Review("0" * 64, key, rejected=True)])
    assert len(view.annotations.quotes) == len(annotations.quotes)


def test_sentence_and_quote_mark_spans() -> None:
    article = make_article()
    text = article.text
    quote = find(article, "We cannot wait")
    sentence = sentence_around(text, quote)
    assert text[sentence.start : sentence.end] == (
        '"We cannot wait any longer," she said.'
    )
    marks = quote_marks_span(text, quote)
    assert marks is not None
    assert text[marks.start : marks.end] == '"We cannot wait any longer,"'
    choices = span_choices(text, find(article, "the plan was dead"))
    assert [text[c.start : c.end] for c in choices] == [
        "the plan was dead",
        "The agency quoted Baker as saying the plan was dead.",
    ]


def test_the_naming_sentence_of_a_pronoun_speaker() -> None:
    article = make_article()
    annotations = make_annotations(article)
    span = naming_sentence(article.text, annotations.entities, annotations.quotes[0])
    assert span is not None
    assert article.text[span.start : span.end] == "Mayor Maria Lopez spoke first."


def test_session_actions_and_undo() -> None:
    article = make_article()
    session = ReviewSession(article)
    session.set_annotations(make_annotations(article))
    outcome = session.set_speaker("q-source", "Tom Baker")
    assert outcome.write is not None
    assert outcome.write.changes == {
        "speaker": "Tom Baker",
        "anonymous": False,
        "verified": True,
    }
    assert outcome.write.machine_speaker == "a source close to the council"
    assert session.view is not None
    assert session.view.states["q-source"].status == "edited"
    session.toggle_rejected("q-report")
    assert "q-report" not in session.view.states
    undo = session.undo()
    assert undo.write is not None and undo.write.changes == {"rejected": False}
    assert session.view.states["q-report"].status == "machine"
    span = session.cycle_span("q-baker")
    assert span.message == "Span: the whole sentence"
    assert session.view.states["q-baker"].quote.span == find(
        article, "The agency quoted Baker as saying the plan was dead."
    )
    session.cycle_span("q-baker")
    assert session.view.states["q-baker"].status == "machine"
    session.set_note("q-lopez", "  call back  ")
    assert session.view.states["q-lopez"].note == "call back"
    session.verify("q-lopez")
    assert session.view.states["q-lopez"].status == "verified"
    session.undo()
    session.undo()
    assert session.view.states["q-lopez"].review is None
    assert dataclasses.asdict(session.undo())["message"].startswith("Undid")


def test_a_quote_the_engine_saw_relayed_needs_a_check() -> None:
    text = "The mayor will resign, the paper said."
    quote = Quote(
        id="q-1",
        span=Span(0, 21),
        kind="indirect",
        speaker="Ann Lee",
        confidence=0.95,
        reason="named",
        via="the paper",
    )
    assert is_relayed(text, quote)
    assert "relayed (second-hand)" in check_reasons(text, quote, "person")


def test_a_view_prepared_before_the_reviews_changed_is_not_shown() -> None:
    article = make_article()
    annotations = make_annotations(article)
    session = ReviewSession(article)
    prepared = session.prepare(annotations)
    # A stored review arrives between the worker's preparing and the UI's adopting.
    lopez = next(q for q in annotations.quotes if q.id == "q-lopez")
    session.set_reviews([Review(article.sha256, lopez.span, verified=True)])
    view = session.adopt(prepared)
    assert view.states["q-lopez"].status == "verified"
    assert session.review_of("q-lopez") is not None


def test_a_prepared_view_is_used_when_the_reviews_did_not_change() -> None:
    article = make_article()
    annotations = make_annotations(article)
    session = ReviewSession(article)
    prepared = session.prepare(annotations)
    assert session.adopt(prepared) is prepared.view
    assert session.annotations is annotations
    assert session.view is not None
    assert session.view.states["q-lopez"].status == "machine"


def test_a_corrected_speaker_takes_the_kind_of_the_new_speaker() -> None:
    quote = Quote(
        id="q-1",
        span=Span(30, 47),
        kind="indirect",
        speaker="Harbour Trust",
        confidence=0.9,
        reason="named",
        speaker_kind="organisation",
    )
    entities = (
        Entity("Harbour Trust", "ORG", (Span(0, 13),)),
        Entity("Ann Lee", "PERSON", (Span(49, 56),)),
    )
    article = make_article()
    annotations = Annotations(article.sha256, "test", (quote,), entities)
    reviewed = apply_reviews(
        article, annotations, [Review(article.sha256, quote.span, speaker="Ann Lee")]
    )
    assert reviewed.states["q-1"].kind == "person"
