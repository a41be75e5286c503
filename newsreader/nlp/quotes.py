"""Quote candidates in one parsed paragraph: spans, cues and speaker mentions.

Pure functions over a spaCy ``Doc`` of a single paragraph. Offsets returned are
absolute (into the article text): the paragraph's start is added here, so
nothing downstream needs the ``Doc``. Resolving speaker mentions to entities
across paragraphs is :mod:`newsreader.nlp.resolve`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from newsreader.nlp.cues import (
    DIRECT_ONLY_VERBS,
    DOCUMENT_NOUNS,
    HONORIFICS,
    INDIRECT_VERBS,
    OBJECT_CONTENT_VERBS,
    PERSON_PRONOUNS,
    SETTING_PREPOSITIONS,
    SPEECH_SETTINGS,
    SPEECH_VERBS,
)
from newsreader.nlp.marks import ALL_MARKS, QuotedRun, find_quoted_runs
from newsreader.nlp.reported import QUESTION_WORDS, object_content

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

INDEFINITE_SPEAKERS = frozenset(
    "someone somebody anyone anybody everyone everybody nobody one another".split()
)
"""Subjects that name nobody: a quote they introduce stays unattributed."""

MentionType = Literal["name", "pronoun", "descriptor"]

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MENTION_LEFT_DEPS = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
AFFILIATION_PREPS = frozenset({"for", "of", "at", "with", "from"})


@dataclass(slots=True)
class Mention:
    """A speaker mention as written, with absolute offsets."""

    text: str
    start: int
    end: int
    type: MentionType
    label: str | None = None
    """Entity label when the mention is (part of) a named entity."""
    head_lemma: str = ""
    """Lemma of the mention's head word (``spokeswoman``, ``he``)."""


@dataclass(slots=True)
class Candidate:
    """A quote found in one paragraph, before speaker resolution."""

    start: int
    end: int
    kind: Literal["direct", "mixed", "indirect"]
    paragraph: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    mention: Mention | None = None
    closed: bool = True
    """False for a direct quote left open at the paragraph's end."""
    at_paragraph_start: bool = False
    cue_distance: int = 0
    """How the cue was found: 0 same clause, 1 same sentence, 2 adjacent sentence."""
    partners: list[Candidate] = field(default_factory=list)
    indefinite: bool = False
    """The cue's subject names nobody ("“…,” one said"): never a continuation."""
    via: Mention | None = None
    """Who relayed the words ("the agency quoted him as saying")."""


@dataclass(slots=True)
class PersonMention:
    """A PERSON-like mention usable as a pronoun antecedent."""

    start: int
    end: int
    text: str
    label: str
    is_subject: bool
    is_possessive: bool = False
    in_quote: bool = False
    is_object: bool = False
    """Named as an object ("told Ruiz", "met with Ruiz"), not as the actor."""
    in_content: bool = False
    """Named inside someone's reported speech ("she said Ruiz would resign")."""


def _run_index(doc: Doc, runs: list[QuotedRun]) -> list[int]:
    """For each token, the index of the quoted run containing it, or -1."""
    owner = [-1] * len(doc)
    for run_number, run in enumerate(runs):
        for token in doc.char_span(run.start, run.end, alignment_mode="expand") or ():
            owner[token.i] = run_number
    return owner


NOT_IN_NAMES = frozenset({"VERB", "AUX", "PRON", "SCONJ", "ADV"})
"""Parts of speech that end a person's name the recogniser ran on into a
title-case headline ("Ruiz Says She Will Run")."""


def name_part(ent: Span) -> Span:
    """The entity ``ent`` cut where a headline's capitals let the recogniser
    run on past the name: at a colon ("Ruiz: Vote No"), and for a person at
    a verb, pronoun or adverb after the first word ("Ruiz Says She Will Run")."""
    for token in ent[1:]:
        if token.text == ":" or (ent.label_ == "PERSON" and token.pos_ in NOT_IN_NAMES):
            return ent.doc[ent.start : token.i]
    return ent


def _entity_span(token: Token) -> Span | None:
    if token.ent_type_ and token.ent_iob_ != "O":
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                part = name_part(ent)
                return ent if token.i >= part.end else part
    return None


def _mention_for(token: Token, offset: int) -> Mention:
    """The speaker mention headed by ``token`` (a subject or object)."""
    # "the area manager, Colin Pryce, said": the apposed name is the speaker.
    if token.pos_ == "NOUN":
        for child in token.children:
            if (
                child.dep_ == "appos"
                and child.ent_type_ in {"PERSON", "ORG", ""}
                and child.pos_ == "PROPN"
            ):
                token = child
                break
    lower = token.lower_
    if token.pos_ == "PRON" or lower in PERSON_PRONOUNS:
        return Mention(
            token.text,
            offset + token.idx,
            offset + token.idx + len(token.text),
            "pronoun",
            head_lemma=lower,
        )
    entity = _entity_span(token)
    if entity is not None and token.ent_type_ in NAME_LABELS:
        start, end = entity.start, entity.end
        # "Sen. Maria Lopez": keep a title token that precedes the entity.
        while start > 0 and token.doc[start - 1].lower_ in HONORIFICS:
            start -= 1
        span = token.doc[start:end]
        text = span.text
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        return Mention(
            text,
            offset + span.start_char,
            offset + span.start_char + len(text),
            "name",
            label=token.ent_type_,
            head_lemma=token.lemma_.lower(),
        )
    left = token.i
    for child in token.lefts:
        if child.dep_ in MENTION_LEFT_DEPS or token.like_num:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPS:
            right = max(right, child.right_edge.i)
        elif child.dep_ == "compound":
            right = max(right, child.i)
    span = token.doc[left : right + 1]
    mention_type: MentionType = "name" if token.pos_ == "PROPN" else "descriptor"
    return Mention(
        span.text,
        offset + span.start_char,
        offset + span.end_char,
        mention_type,
        label="PERSON" if mention_type == "name" else None,
        head_lemma=token.lemma_.lower(),
    )


def _speaker_token(verb: Token, owner: list[int] | None = None) -> Token | None:
    """The token naming who speaks through ``verb``.

    ``owner`` maps tokens to quoted runs; subjects inside a quote are skipped
    (the parser sometimes makes the quote's first noun the verb's subject).
    """
    # "the agency quoted him as saying …" / "he was quoted as saying …"
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        quoting = verb.head.head
        if quoting.lemma_ == "quote":
            for child in quoting.children:
                if child.dep_ in {"dobj", "nsubjpass"}:
                    return child
    # "she was asked by the host, “…”": the agent speaks, not the subject.
    agent = _agent(verb)
    if agent is not None and (owner is None or owner[agent.i] == -1):
        return agent
    # "he began by saying …": the subject of the verb "by" depends on.
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ == "by"
        and verb.head.head.pos_ in {"VERB", "AUX"}
    ):
        for child in verb.head.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    for child in verb.children:
        if owner is not None and owner[child.i] >= 0:
            continue
        if child.dep_ in SUBJECT_DEPS and verb.lemma_ != "quote":
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return child
    # "she said A and said B", parsed with the second "said" inside A: the
    # subject of the first.
    if (
        verb.dep_ in {"conj", "advcl"}
        and verb.lemma_.lower() in REPORTING_VERBS
        and verb.head.dep_ == "ccomp"
        and verb.head.head.lemma_.lower() in SPEECH_VERBS
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    ):
        outer = _speaker_token(verb.head.head, owner)
        if outer is not None:
            return outer
    # "…, adding that …" / "she said and added …": the subject of the head verb.
    if (
        verb.dep_ in {"advcl", "conj", "xcomp", "dep"}
        and verb.head.pos_ in {"VERB", "AUX"}
        and (verb.dep_ in {"conj", "xcomp"} or verb.tag_ == "VBG")
    ):
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    # "the board issued a statement saying …": the subject of "issued".
    if (
        verb.dep_ == "acl"
        and verb.head.lemma_.lower() in STATEMENT_NOUNS
        and verb.head.head.pos_ in {"VERB", "AUX"}
    ):
        for child in verb.head.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    # "…, who said …": the noun the relative clause modifies.
    if verb.dep_ == "relcl":
        return verb.head
    # "About 4 in 10 say …": a share of people, parsed as a number modifier.
    for child in verb.lefts:
        if child.dep_ in {"nummod", "npadvmod"} and child.like_num:
            return child
    return _subject_up_the_chain(verb, owner)


CHAIN_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep"})
"""Dependencies a non-finite cue hangs by from the verb whose subject speaks:
"going on to say", "began by saying", "despite admitting", "and for saying"."""


def _subject_up_the_chain(verb: Token, owner: list[int] | None) -> Token | None:
    """The subject of the nearest finite verb a subjectless, non-finite cue
    depends on ("Ruiz, a doctor, then appeared on TV and began by saying …" →
    Ruiz), through at most four links."""
    if verb.tag_ not in {"VBG", "VB"}:
        return None
    node = verb
    for _ in range(4):
        if node.dep_ not in CHAIN_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if not _is_verb(node):
            continue
        if node.dep_ == "ccomp":
            return None  # inside someone's reported clause: not the speaker
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS and (owner is None or owner[child.i] == -1):
                if child.lower_ in RELATIVE_PRONOUNS:
                    return None
                return child
    return None


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" agent ("asked by Ruiz" → Ruiz)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


REPORTING_VERBS = SPEECH_VERBS | OBJECT_CONTENT_VERBS
"""Verbs that start a report of their own inside another's content."""

PHRASAL_CUES = frozenset(
    {
        ("point", "out"),
        ("lay", "out"),
        ("spell", "out"),
        ("go", "on"),
        ("chime", "in"),
        ("weigh", "in"),
        ("shoot", "back"),
        ("fire", "back"),
        ("hit", "back"),
    }
)
"""Particle verbs that introduce speech ("she pointed out that …", "“…,” he
went on")."""


def _is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and not any(
        (lemma, child.lower_) in PHRASAL_CUES for child in token.children
    ):
        return False
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def _gerund_subject_clause(verb: Token) -> Token | None:
    """A reported clause whose subject is a gerund, parsed as the gerund
    with the clause under it ("said having Ruiz on the ticket helps"): the
    gerund right after the cue, with a finite clause of its own."""
    following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if (
        following is None
        or following.head.i != verb.i
        or following.dep_ != "xcomp"
        or following.tag_ != "VBG"
    ):
        return None
    for child in following.children:
        if child.dep_ == "ccomp" and child.i > following.i:
            finite = child.tag_ in FINITE_TAGS or any(
                c.dep_ == "aux" and c.tag_ == "MD" for c in child.children
            )
            if finite:
                return following
    return None


def _content_head(verb: Token) -> Token | None:
    clauses = [child for child in verb.children if child.dep_ == "ccomp"]
    if clauses:
        # "The probe set off fireworks: Republicans said they …": a clause
        # before a colon or semicolon is not what the cue after it reports.
        after = [c for c in clauses if c.i > verb.i]
        first = clauses[0]
        if after and first.i < verb.i:
            between = verb.doc[first.right_edge.i + 1 : verb.i]
            if any(t.text in {":", ";"} for t in between):
                return after[0]
            # "Writing for the paper, Ruiz noted that …": a that-clause
            # after the cue is its report, whatever was parsed before it
            if _is_that_complementizer(after[0].left_edge):
                return after[0]
        return first
    gerund = _gerund_subject_clause(verb)
    if gerund is not None:
        return gerund
    if verb.dep_ == "parataxis" and verb.head.pos_ in {"VERB", "AUX"}:
        return verb.head
    return (
        _clause_parsed_as_object(verb)
        or _clause_parsed_as_adverbial(verb)
        or _detached_that_clause(verb)
    )


FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
TRIVIAL_OBJECTS = frozenset(
    "it this that something nothing anything everything much little so yes no".split()
)


def _clause_parsed_as_object(verb: Token) -> Token | None:
    """The object of "say" when it is really a clause with a long subject
    ("says the plan that the board approved will fail", parsed with "plan" as
    the object): an object whose words include a finite verb after a noun."""
    if verb.lemma_.lower() != "say":
        return None
    for child in verb.rights:
        if child.dep_ != "dobj" or child.lower_ in TRIVIAL_OBJECTS:
            continue
        words = [t for t in child.subtree if not t.is_punct]
        if len(words) >= 5 and any(
            t.tag_ in FINITE_TAGS and t.i > child.i for t in child.subtree
        ):
            return child
    return None


def _is_that_complementizer(token: Token) -> bool:
    """ "that" introducing a clause, however the parser labelled it."""
    return token.lower_ == "that" and (
        token.dep_ == "mark" or (token.dep_ == "advmod" and token.tag_ == "WDT")
    )


def _clause_parsed_as_adverbial(verb: Token) -> Token | None:
    """A reported clause the parser hung from a speech verb as an adverbial
    clause ("said after the vote he would resign", "tweeted at dawn that the
    plan was dead"): a finite clause with its own subject after the verb,
    introduced by nothing or by "that" (never "if", "because", …)."""
    if verb.lemma_.lower() not in INDIRECT_VERBS:
        return None
    for child in verb.rights:
        if child.dep_ != "advcl" or child.left_edge.i - verb.i > DETACHED_CLAUSE_GAP:
            continue
        finite = child.tag_ in FINITE_TAGS or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in child.children
        )
        marked = any(
            (c.dep_ == "mark" or c.tag_ in {"WRB", "WDT", "WP"})
            and not _is_that_complementizer(c)
            for c in child.children
            if c.i < child.i
        )
        if (
            finite
            and not marked
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        ):
            return child
    return None


DETACHED_CLAUSE_GAP = 12
"""How many words may separate a speech verb from a that-clause the parser
hung elsewhere."""


def _detached_that_clause(verb: Token) -> Token | None:
    """A that-clause reported by ``verb`` but parsed under a word in between
    ("said, smiling, that …", "told the crowd at the rally for veterans that
    …", with the clause made a relative clause of "veterans"): the first
    "that" marking a clause with its own subject, with no finite verb between
    it and the cue but a participle set off by a comma."""
    if verb.lemma_.lower() not in INDIRECT_VERBS:
        return None
    doc = verb.doc
    end = min(verb.sent.end, verb.i + 1 + DETACHED_CLAUSE_GAP)
    for token in doc[verb.i + 1 : end]:
        if _is_that_complementizer(token):
            clause = token.head
            has_subject = any(c.dep_ in SUBJECT_DEPS for c in clause.children)
            # "tell each other stories that everyone has heard": right after
            # the verb's own object, "that" opens a relative clause.
            previous = doc[token.i - 1]
            relative = previous.dep_ == "dobj" and previous.head.i == verb.i
            if clause.i > token.i and has_subject and not relative:
                return clause
            return None
        aside = token.tag_ == "VBG" and doc[token.i - 1].text == ","
        if (
            (_is_verb(token) and not aside)
            or token.text in {";", ":"}
            or token.text in ALL_MARKS
        ):
            return None
    return None


CLAUSE_SUBJECTS = SUBJECT_DEPS | {"expl", "csubj", "csubjpass"}
REASON_MARKS = frozenset({"because", "since"})


def _with_stray_parts(
    verb: Token, head: Token, first: int, last: int
) -> tuple[int, int]:
    """The reported clause ``head`` with the parts the parser hung from the
    cue instead: a subject made the cue's modifier when the clause has none
    ("said about half of the rise reflected …", "about half" under "said"),
    and further bare verbs of a coordination ("is needed to build a school,
    hire teachers and …", "hire" under "said")."""
    doc = verb.doc
    imperative = head.tag_ == "VB" and not any(c.dep_ == "aux" for c in head.children)
    if not imperative and not any(c.dep_ in CLAUSE_SUBJECTS for c in head.children):
        stray = [
            c
            for c in verb.rights
            if c.i < first
            and c.dep_ in {"prep", "dobj"}
            and c.left_edge.i == verb.i + 1
        ]
        if (
            stray
            and stray[0].right_edge.i == first - 1
            and not any(t.is_punct for t in stray[0].subtree)
        ):
            first = stray[0].left_edge.i
    for child in verb.rights:
        if (
            child.i > last
            and child.dep_ == "advcl"
            and child.left_edge.lower_ in REASON_MARKS
            and child.left_edge.i - 1 <= last + 1
            and doc[child.left_edge.i - 1].text == ","
        ):
            # "said the claim was hypocritical, because …": the reason is the
            # speaker's, hung from the cue by the parser
            last = child.right_edge.i
        if (
            child.i > last
            and child.dep_ in {"advcl", "conj"}
            and child.tag_ == "VB"
            and doc[child.left_edge.i - 1].text == ","
            and child.left_edge.i - 1 <= last + 1
        ):
            last = child.right_edge.i
    return first, last


CONTENT_RELATIVES = frozenset({"which", "that", "who", "whom", "what"})
"""Relative words that can open a clause reported by a cue after them."""


def _content_range(verb: Token, head: Token) -> tuple[int, int]:
    """Token range [first, last] of the reported content of ``verb``."""
    if head.i == verb.head.i:  # parataxis: the clause around the cue
        first, last = head.left_edge.i, head.right_edge.i
    else:
        first, last = head.left_edge.i, head.right_edge.i
    doc = verb.doc
    if head.head.i == verb.i and head.dep_ == "ccomp" and head.i > verb.i:
        first, last = _with_stray_parts(verb, head, first, last)
    if first < verb.i < last and head.i != verb.head.i:
        # "a change that he said would end the fight": the relative word
        # before the cue stands for the antecedent; the report is what follows.
        fronted = [
            t for t in doc[first : verb.i] if t in head.subtree and not t.is_punct
        ]
        if fronted and all(t.lower_ in CONTENT_RELATIVES for t in fronted):
            first = verb.i + 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        if doc[last].text in ALL_MARKS:
            break
        last -= 1
    while first < last and (doc[first].is_punct and doc[first].text not in ALL_MARKS):
        first += 1
    # "… , saying/adding that …" or "… and said that …" starts a report of
    # its own: one prediction per reported clause.
    for index in range(first + 2, last + 1):
        token = doc[index]
        if not (
            _is_verb(token)
            and token.lemma_.lower() in REPORTING_VERBS
            and token.i != verb.i
        ):
            continue
        cut = None
        if (token.tag_ == "VBG" and doc[index - 1].text == ",") or (
            doc[_verb_group_start(token) - 1].lower_ in {"and", "but"}
            and token.dep_ in {"conj", "advcl"}
            and (
                not _reports_own_actions(token.head)
                or any(child.dep_ == "ccomp" for child in token.children)
            )
        ):
            cut = _verb_group_start(token)
        else:
            cut = _second_reporter_start(token, first)
        if cut is not None:
            last = cut - 1
            while last > first and (
                doc[last].lower_ in JOINING_WORDS or doc[last].is_punct
            ):
                last -= 1
            break
    while last > first and (
        doc[last].lower_ in {"and", "but"}
        or (doc[last].is_punct and doc[last].text not in ALL_MARKS)
    ):
        last -= 1
    last = _before_speaker_predicate(doc, first, last, verb)
    last = trim_gloss(doc, first, _without_speech_setting(doc, first, last))
    return first, trim_aside(doc, first, last)


JOINING_WORDS = frozenset("and but while whereas though although".split())
"""Words that join a second clause to the first inside one sentence."""


def _second_reporter_start(token: Token, first: int) -> int | None:
    """Where a second report with a speaker of its own starts inside content
    ("…, and a third said …", "… while the mayor argues …"), or None. The
    clause begins at its subject and follows a joining word."""
    if token.dep_ not in {"conj", "advcl", "ccomp"}:
        return None
    subjects = [child for child in token.lefts if child.dep_ in SUBJECT_DEPS]
    if not subjects:
        return None
    start = min(subjects[0].left_edge.i, _verb_group_start(token))
    doc = token.doc
    before = start - 1
    if start <= first + 2:
        return None
    if doc[before].lower_ in JOINING_WORDS:
        return start
    if doc[before].text != "," or not any(c.dep_ == "ccomp" for c in token.children):
        return None
    # "…, experts affirm that …": a comma and a report with its own clause,
    # with any opening phrase of its own ("…, and when pressed, she replied").
    openers = [
        c.left_edge.i
        for c in token.lefts
        if c.dep_ not in {"cc", "punct"} and c.i < start and c.left_edge.i > first + 2
    ]
    if openers:
        start = min(openers)
        if doc[start - 1].text == "," or doc[start - 1].lower_ in JOINING_WORDS:
            return start
        return None
    return start


def _before_second_report(doc: Doc, first: int, last: int, verb: Token) -> int:
    """``last`` moved before a second report with its own speaker inside
    ``[first, last]`` (see :func:`_second_reporter_start`)."""
    for token in doc[first + 2 : last + 1]:
        if (
            token.i == verb.i
            or not _is_verb(token)
            or token.lemma_.lower() not in REPORTING_VERBS
        ):
            continue
        cut = _second_reporter_start(token, first)
        if cut is not None:
            end = cut - 1
            while end > first and (
                doc[end].lower_ in JOINING_WORDS
                or (doc[end].is_punct and doc[end].text not in ALL_MARKS)
            ):
                end -= 1
            return end
    return last


NON_TENSE_TAGS = frozenset({"MD", "VB", "VBN", "VBG"})


def _finite_tag(verb: Token) -> str:
    """The tense tag of ``verb``'s verb group: its first auxiliary's, else its own."""
    auxiliaries = [c for c in verb.lefts if c.dep_ in {"aux", "auxpass"}]
    return auxiliaries[0].tag_ if auxiliaries else verb.tag_


def _before_speaker_predicate(doc: Doc, first: int, last: int, verb: Token) -> int:
    """``last`` moved before a second predicate of the speaker joined to the
    content ("suggested the aide be fired and defended the candidate"): a
    subjectless verb after "and"/"but" in the cue's tense, joined to a verb
    group with no tense of its own (modal, subjunctive, infinitive)."""
    cue_tag = _finite_tag(verb)
    if cue_tag not in FINITE_TAGS - {"MD"}:
        return last
    for token in doc[first + 2 : last + 1]:
        if (
            token.dep_ != "conj"
            or not _is_verb(token)
            or any(c.dep_ in SUBJECT_DEPS for c in token.children)
        ):
            continue
        start = _verb_group_start(token)
        if doc[start - 1].lower_ not in {"and", "but"}:
            continue
        tag = _finite_tag(token)
        if tag == cue_tag and _finite_tag(token.head) in NON_TENSE_TAGS:
            end = start - 1
            while end > first and (
                doc[end].lower_ in {"and", "but"}
                or (doc[end].is_punct and doc[end].text not in ALL_MARKS)
            ):
                end -= 1
            return end
    return last


def _verb_group_start(verb: Token) -> int:
    """Where ``verb`` with its auxiliaries and negation starts ("did not say")."""
    start = verb.i
    for child in verb.lefts:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i < start:
            start = child.i
    return start


def trim_gloss(doc: Doc, first: int, last: int) -> int:
    """``last`` moved before a trailing apposition that glosses a name at the
    content's end ("…to repeal the Hale Act, a rule that bars …"): the writer's
    explanation of who or what is named, not the speaker's words. Quotation
    marks inside stop it."""
    for index in range(first + 3, last + 1):
        token = doc[index]
        if (
            token.dep_ == "appos"
            and (token.head.pos_ == "PROPN" or token.head.ent_type_ in NAME_LABELS)
            and token.left_edge.i > first + 2
            and token.left_edge.lower_ in {"a", "an", "the"}
            and not any(t.dep_ == "cc" for t in token.subtree)
            and doc[token.left_edge.i - 1].text == ","
            and token.right_edge.i >= last
            and not any(t.text in ALL_MARKS for t in doc[token.left_edge.i : last + 1])
        ):
            end = token.left_edge.i - 2
            return end if end > first else last
    return last


ASIDE_MARKERS = frozenset({"while", "whereas", "though", "although"})
"""Subordinators of a contrasting clause the writer adds after the content."""
ASIDE_RELATIVES = frozenset({"whom", "whose", "when"})
"""Relative words that open a non-restrictive clause about a person or time
("…, with whom he clashed"); a "which" or "where" clause is as often the
speaker's own elaboration, so "which" counts only after a preposition."""
COMMA_OR_DASH = frozenset({",", "—", "–"})


def _is_trailing_aside(token: Token) -> bool:
    """Whether ``token`` heads a phrase the writer appends after a comma to
    explain or continue the report: a contrasting "while"/"though" clause, a
    non-restrictive relative clause ("…, with whom she clashed", "…, who
    leads the race" after a name), or an
    apposition ("…, a message that …")."""
    if token.dep_ == "advcl":
        return any(
            child.dep_ == "mark" and child.lower_ in ASIDE_MARKERS
            for child in token.children
        )
    if token.dep_ == "relcl":
        edge = token.left_edge
        if edge.dep_ == "prep":  # "…, with whom he clashed", "…, in which …"
            return edge.nbor(1).lower_ in ASIDE_RELATIVES | {"which"}
        if edge.lower_ == "who":  # "…, who leads the race": a gloss on a name
            return token.head.pos_ == "PROPN" or token.head.ent_type_ == "PERSON"
        return edge.lower_ in ASIDE_RELATIVES
    if token.dep_ == "appos":
        return token.left_edge.lower_ in {"a", "an"}
    return False


def trim_aside(doc: Doc, first: int, last: int) -> int:
    """``last`` moved before a trailing aside (see :func:`_is_trailing_aside`)
    that runs to the content's end. Quotation marks inside the aside keep
    it: quoted words there are the speaker's."""
    for index in range(first + 3, last + 1):
        token = doc[index]
        start = token.left_edge.i
        if (
            start > first + 2
            and doc[start - 1].text in COMMA_OR_DASH
            and token.right_edge.i >= last
            and _is_trailing_aside(token)
            and not any(t.text in ALL_MARKS for t in doc[start : last + 1])
        ):
            end = start - 2
            while end > first and doc[end].is_punct and doc[end].text not in ALL_MARKS:
                end -= 1
            return end if end > first else last
    return last


def _reports_own_actions(clause: Token) -> bool:
    """Whether a reported clause has a personal pronoun for subject ("she said
    she met the board and asked …"): the speaker recounting what they did,
    so a speech verb joined to it is part of the account."""
    return any(
        child.dep_ in SUBJECT_DEPS and child.lower_ in PERSON_PRONOUNS
        for child in clause.children
    )


def _without_speech_setting(doc: Doc, first: int, last: int) -> int:
    """``last`` moved before a trailing phrase that says where the words were
    spoken ("…, in an interview with the paper on Sunday"), which describes
    the speech rather than belonging to what was said."""
    for index in range(first + 3, last + 1):
        token = doc[index]
        if token.dep_ != "prep" or token.lower_ not in SETTING_PREPOSITIONS:
            continue
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects or objects[0].lemma_.lower() not in SPEECH_SETTINGS:
            continue
        if token.right_edge.i < last:
            continue
        end = index - 1
        while end > first and doc[end].text == ",":
            end -= 1
        return end
    return last


def _speaker_in_fronted_content(
    content: Token, verb: Token
) -> tuple[Token, int] | None:
    """The speaker the parser put inside content that precedes its cue.

    "The cause is not known, a spokeswoman, Ana Ruiz, said.": with no subject
    of its own, "said" gets the content as its complement and the speaker as a
    loose noun at the content's end. Returns that noun (the name when there is
    one) and the token where the content really ends.
    """
    doc = verb.doc
    loose = [
        child
        for child in content.rights
        if child.dep_ in {"npadvmod", "nsubj", "appos", "dobj", "attr"}
        and child.pos_ in {"NOUN", "PROPN"}
        and child.left_edge.i > content.i
        and doc[child.left_edge.i - 1].text == ","
        and child.right_edge.i < verb.i
    ]
    if not loose:
        return None
    names = [child for child in loose if child.pos_ == "PROPN"]
    speaker = names[-1] if names else loose[0]
    end = loose[0].left_edge.i - 1
    while end > content.left_edge.i and doc[end].is_punct:
        end -= 1
    return speaker, end


def _according_to(token: Token) -> tuple[Token, Token] | None:
    """For "according to X", return (the "according" token, X)."""
    if token.lower_ != "according":
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    for child in nxt.children:
        if child.dep_ == "pobj":
            return token, child
    return None


def _add_according(
    doc: Doc,
    offset: int,
    paragraph: int,
    first: int,
    last: int,
    according: Token,
    source: Token,
    cues: list[Token],
    owner: list[int],
    run_cue: dict[int, tuple[Token, Token | None, int]],
    mixed_ranges: list[tuple[int, int, Token, Token | None]],
    candidates: list[Candidate],
) -> None:
    """Record the words ``first``..``last`` reported "according to" ``source``:
    as the cue of quoted runs they consist of, a mixed range, or an indirect
    quote."""
    if any(owner[i] >= 0 for i in range(first, last + 1)) and any(
        first <= verb.i < according.i and according.head.i == verb.i for verb in cues
    ):
        return  # "“…,” X said, according to Y": Y relays X's words
    if any(owner[i] >= 0 for i in range(first, last + 1)):
        covered = {owner[i] for i in range(first, last + 1) if owner[i] >= 0}
        inside = sum(1 for i in range(first, last + 1) if owner[i] >= 0)
        if inside >= (last - first + 1) * 0.8:
            for run_number in covered:
                run_cue.setdefault(run_number, (according, source, 0))
            return
        mixed_ranges.append((first, last, according, source))
        return
    cue_end = according.i + 2
    candidates.append(
        Candidate(
            offset + doc[first].idx,
            offset + doc[last].idx + len(doc[last].text),
            "indirect",
            paragraph,
            cue=doc[according.i : cue_end].text,
            cue_start=offset + according.idx,
            cue_end=offset + doc[cue_end - 1].idx + len(doc[cue_end - 1].text),
            mention=_mention_for(source, offset),
        )
    )


def extract_candidates(
    doc: Doc, offset: int, paragraph: int
) -> tuple[list[Candidate], list[PersonMention]]:
    """Quote candidates and person mentions of one paragraph ``doc``.

    Args:
        doc: the parsed paragraph.
        offset: where the paragraph starts in the article text.
        paragraph: the paragraph's index.
    """
    text = doc.text
    transcript = transcript_candidate(text, offset, paragraph)
    if transcript is not None:
        return [transcript], _person_mentions(doc, offset, [-1] * len(doc))
    labelled = labelled_statement(doc, offset, paragraph)
    if labelled is not None:
        return [labelled], _person_mentions(doc, offset, [-1] * len(doc))
    runs = find_quoted_runs(text)
    owner = _run_index(doc, runs) if runs else [-1] * len(doc)
    candidates: list[Candidate] = []
    run_cue: dict[int, tuple[Token, Token | None, int]] = {}
    mixed_ranges: list[tuple[int, int, Token, Token | None]] = []

    cues = [t for t in doc if owner[t.i] == -1 and _is_cue(t)]
    for verb in cues:
        speaker = _speaker_token(verb, owner)
        content = _content_head(verb)
        if content is None:
            continue
        first, last = _content_range(verb, content)
        if speaker is None and content.i < verb.i:
            fronted = _speaker_in_fronted_content(content, verb)
            if fronted is not None:
                speaker, last = fronted
        covered = {owner[i] for i in range(first, last + 1) if owner[i] >= 0}
        if covered:
            outside_words = [
                doc[i]
                for i in range(first, last + 1)
                if owner[i] == -1
                and not doc[i].is_punct
                and not doc[i].is_space
                and doc[i].lower_ != "that"
                and not (verb.i <= i <= verb.i)
                and not (speaker is not None and doc[i] in speaker.subtree)
            ]
            if len(outside_words) >= 2 and verb.dep_ != "parataxis":
                mixed_ranges.append((first, last, verb, speaker))
            else:
                for run_number in covered:
                    run_cue.setdefault(run_number, (verb, speaker, 0))
        elif last - first >= 1 and (
            verb.lemma_.lower() in INDIRECT_VERBS
            or (
                verb.lemma_.lower() in DIRECT_ONLY_VERBS and doc[first].lower_ == "that"
            )
        ):
            if speaker is None:
                continue
            _add_indirect(
                candidates, doc, offset, paragraph, first, last, verb, speaker
            )
            if content.i < verb.i:
                continued = _continued_report(verb, owner)
                if continued is not None:
                    _add_indirect(
                        candidates, doc, offset, paragraph, *continued, verb, speaker
                    )

    for verb in doc:
        if owner[verb.i] >= 0 or not _is_verb(verb):
            continue
        lemma = verb.lemma_.lower()
        if lemma in INDIRECT_VERBS and _content_head(verb) is not None:
            continue  # a reported clause, handled above
        found_range = object_content(verb)
        if found_range is None:
            continue
        speaker = _speaker_token(verb, owner)
        if speaker is None or (speaker.i > verb.i and verb.dep_ != "relcl"):
            continue
        if not _speech_happened(verb):
            continue
        first, last = found_range
        last = trim_aside(doc, first, trim_gloss(doc, first, last))
        last = _before_second_report(doc, first, last, verb)
        last = _before_speaker_predicate(doc, first, last, verb)
        covered = {owner[i] for i in range(first, last + 1) if owner[i] >= 0}
        outside = [
            i for i in range(first, last + 1) if owner[i] == -1 and not doc[i].is_punct
        ]
        if covered and not outside:
            # "told the host, “…”": the quotation is the report
            for run_number in covered:
                run_cue.setdefault(run_number, (verb, speaker, 0))
            continue
        if covered:
            mixed_ranges.append((first, last, verb, speaker))
            continue
        candidates.append(
            _report_over(doc, first, last, paragraph, verb, speaker, offset)
        )

    # "according to X, …"
    for token in doc:
        found = _according_to(token) if owner[token.i] == -1 else None
        if found is None:
            continue
        according, source = found
        sentence = token.sent
        opening = doc[sentence.start : according.i]
        pieces = [(sentence.start, according.i - 1)]
        if according.i == sentence.start or not any(
            t.tag_ in FINITE_TAGS for t in opening
        ):
            # "According to X, …", also after an opening adverbial ("Since
            # May, according to X, …"): the report follows, and a fronted
            # phrase of two words or more is a fragment of it; a lone
            # connective ("But according to X, …") is not.
            after = _trim_punct(doc, according.right_edge.i + 1, sentence.end - 1)
            if after is not None and after[1] - after[0] >= 2:
                before = _trim_punct(doc, sentence.start, according.i - 1)
                pieces = [after]
                if before is not None and _word_count(doc, *before) >= 2:
                    pieces.insert(0, before)
        for first, last in pieces:
            while first <= last and doc[first].is_punct:
                first += 1
            while (
                last >= first and doc[last].is_punct and doc[last].text not in ALL_MARKS
            ):
                last -= 1
            if last - first < 2 and not (len(pieces) > 1 and last >= first + 1):
                continue
            _add_according(
                doc,
                offset,
                paragraph,
                first,
                last,
                according,
                source,
                cues,
                owner,
                run_cue,
                mixed_ranges,
                candidates,
            )

    absorbed: set[int] = set()
    for first, last, verb, speaker in mixed_ranges:
        runs_inside = {owner[i] for i in range(first, last + 1) if owner[i] >= 0}
        start_char = doc[first].idx
        end_char = doc[last].idx + len(doc[last].text)
        for run_number in runs_inside:
            start_char = min(start_char, runs[run_number].start)
            end_char = max(end_char, runs[run_number].end)
        absorbed |= runs_inside
        candidates.append(
            _candidate(
                offset + start_char,
                offset + end_char,
                "mixed",
                paragraph,
                verb,
                speaker,
                offset,
            )
        )

    for noun in doc:
        found_call = _nominal_call(noun) if owner[noun.i] == -1 else None
        if found_call is None:
            continue
        first, last, caller = found_call
        if any(owner[i] >= 0 for i in range(first, last + 1)):
            continue
        candidates.append(
            _report_over(doc, first, last, paragraph, noun, caller, offset)
        )

    for verb in cues:
        answer = _yes_or_no(verb)
        speaker = _speaker_token(verb, owner) if answer is not None else None
        if answer is None or speaker is None:
            continue
        candidates.append(
            _report_over(doc, answer[0], answer[1], paragraph, verb, speaker, offset)
        )

    for asked in doc:
        question_range = _asked_question(asked) if owner[asked.i] == -1 else None
        if question_range is None:
            continue
        first, last = question_range
        quoted = {owner[i] for i in range(first, last + 1) if owner[i] >= 0}
        start_char = min([doc[first].idx] + [runs[r].start for r in quoted])
        end_char = max(
            [doc[last].idx + len(doc[last].text)] + [runs[r].end for r in quoted]
        )
        absorbed |= quoted
        question = _candidate(
            offset + start_char,
            offset + end_char,
            "mixed" if quoted else "indirect",
            paragraph,
            asked,
            None,
            offset,
        )
        question.indefinite = True  # the one who asked is not named
        candidates.append(question)

    for run_number, run in enumerate(runs):
        if run_number in absorbed:
            continue
        direct = _direct_candidate(
            doc, run, run_cue.get(run_number), owner, cues, offset, paragraph
        )
        if direct is not None:
            candidates.append(direct)

    candidates.sort(key=lambda c: c.start)
    kept = _drop_nested(candidates)
    persons = _person_mentions(doc, offset, owner)
    _mark_reported(persons, kept)
    return kept, persons


def paragraph_intro(doc: Doc, offset: int, paragraph: int) -> Candidate | None:
    """A paragraph ending in a colon ("The agency reported:") introduces the
    quote that opens the next paragraph: its speaker mention and cue, as an
    empty candidate for :mod:`newsreader.nlp.resolve` to hand on."""
    text = doc.text
    if not text.rstrip().endswith(":") or not len(doc):
        return None
    runs = find_quoted_runs(text)
    owner = _run_index(doc, runs) if runs else [-1] * len(doc)
    end = len(text.rstrip())
    cues = [t for t in doc if owner[t.i] == -1 and _is_cue(t)]
    last_sentence = doc[-1].sent
    verbs = [c for c in cues if last_sentence.start <= c.i < last_sentence.end]
    for verb in reversed(verbs):
        speaker = _speaker_token(verb, owner)
        if speaker is not None:
            return _candidate(
                offset + end, offset + end, "direct", paragraph, verb, speaker, offset
            )
    found = _colon_speaker(doc, end, owner)
    if found is None:
        return None
    colon, subject = found
    return _candidate(
        offset + end, offset + end, "direct", paragraph, colon, subject, offset
    )


def _direct_candidate(
    doc: Doc,
    run: QuotedRun,
    parsed_cue: tuple[Token, Token | None, int] | None,
    owner: list[int],
    cues: list[Token],
    offset: int,
    paragraph: int,
) -> Candidate | None:
    """The direct quote of one quoted run with its cue, or None when the run is
    a title, name or scare quote rather than a quotation."""
    text = doc.text
    if parsed_cue is None and _is_embedded_fragment(doc, text, run):
        return None
    inner = text[run.start + 1 : run.end].strip(ALL_MARKS + " .,")
    if inner.startswith(("(", "[")) and inner.endswith((")", "]")):
        return None  # "(CROSSTALK)", "[inaudible]": a transcript's note
    found = parsed_cue or _nearby_cue(doc, run, owner, cues)
    phrase: list[Token] = []
    if found is None or found[1] is None:
        adjacent = _adjacent_attribution(doc, run, owner)
        if adjacent is not None:
            found = (adjacent[0], adjacent[1], 1)
            phrase = adjacent[2]
    verb: Token | None = None
    speaker: Token | None = None
    distance = 3
    if found is not None:
        verb, speaker, distance = found
    else:
        dash = _dash_attribution(doc, run)
        colon = _colon_attribution(doc, run, owner)
        if dash is not None:
            verb, speaker, distance = dash, _name_head(_next_word(dash)), 1
        elif colon is not None:
            verb, speaker = colon
            distance = 2
        elif len(text[run.start : run.end].split()) < 4 and text[: run.start].rstrip()[
            -1:
        ] not in {"", ".", "!", "?", ":", "—"}:
            return None  # a short quoted phrase inside a sentence: a title or label
    candidate = _candidate(
        offset + run.start, offset + run.end, "direct", paragraph, verb, speaker, offset
    )
    mention = candidate.mention
    if phrase and mention is not None and mention.type == "descriptor":
        # The parse may split a description it did not see as a subject
        # ("the email read" as a compound noun): its words as written.
        first, last = phrase[0], phrase[-1]
        candidate.mention = Mention(
            doc[first.i : last.i + 1].text,
            offset + first.idx,
            offset + last.idx + len(last.text),
            "descriptor",
            head_lemma=mention.head_lemma,
        )
    if verb is not None and verb.text not in DASHES and verb.text[-1:] in DASHES:
        # a dash the tokenizer glued to the closing mark: the cue is the dash
        candidate.cue = verb.text[-1]
        candidate.cue_start = offset + verb.idx + len(verb.text) - 1
    candidate.closed = run.closed
    candidate.at_paragraph_start = not text[: run.start].strip()
    candidate.cue_distance = distance
    return candidate


DECLINING_VERBS = frozenset("decline refuse fail".split())
"""Verbs whose infinitive reports speech that did not happen ("declined to
say whether …")."""


def _speech_happened(verb: Token) -> bool:
    """Whether ``verb`` reports something said, rather than speech declined
    ("refused to say whether") or a class of people defined by what they say
    ("voters who say the economy matters most")."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in DECLINING_VERBS:
        return False
    if _idiom_of_saying(verb):
        return False
    return not _defines_a_class(verb)


def _idiom_of_saying(verb: Token) -> bool:
    """ "Let's say …" (a supposition) and "it goes without saying …" (an
    aside): "say" that reports no one's words."""
    doc = verb.doc
    if verb.lemma_.lower() != "say" or verb.i < 2:
        return False
    before = (doc[verb.i - 2].lower_, doc[verb.i - 1].lower_)
    return before in {("let", "'s"), ("let", "’s"), ("let", "us")} or (
        before[1] == "without" and doc[verb.i - 2].lemma_.lower() == "go"
    )


CLASS_PRONOUNS = frozenset("those anyone anybody everyone everybody all".split())
RESPONDENT_NOUNS = frozenset(
    "voter respondent people adult resident participant american".split()
)
"""Plural nouns that, bare, name a class of poll respondents ("voters who
say …")."""


def _defines_a_class(verb: Token) -> bool:
    """A restrictive "who" clause on a common noun or "those" ("those who
    said …", "voters who say …"), as opposed to "Ruiz, who said …"."""
    if verb.dep_ != "relcl" or not any(
        child.dep_ in SUBJECT_DEPS and child.lower_ == "who" for child in verb.children
    ):
        return False
    antecedent = verb.head
    generic = antecedent.lower_ in CLASS_PRONOUNS or (
        antecedent.lemma_.lower() in RESPONDENT_NOUNS
        and antecedent.tag_ == "NNS"
        and not any(c.dep_ == "det" for c in antecedent.children)
    )
    if not generic:
        return False
    return not any(t.text == "," for t in antecedent.doc[antecedent.i + 1 : verb.i])


CALL_NOUNS = frozenset("call demand plea appeal".split())
"""Nouns that report a demand when followed by "for" ("her calls for …")."""


def _nominal_call(noun: Token) -> tuple[int, int, Token] | None:
    """For "<someone's> call(s) for X", the token range of X and the token
    naming who called: a possessive ("her calls for") or a name or
    nationality word before the noun ("Republican calls for"); else None."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CALL_NOUNS:
        return None
    callers = [
        c
        for c in noun.lefts
        if c.dep_ == "poss"
        or (c.dep_ in {"compound", "amod"} and c.ent_type_ in NAME_LABELS)
    ]
    preps = [c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "for"]
    if not callers or not preps:
        return None
    objects = [c for c in preps[0].children if c.dep_ in {"pobj", "pcomp"}]
    if not objects:
        return None
    doc = noun.doc
    first, last = objects[0].left_edge.i, noun.right_edge.i
    while last > first and doc[last].is_punct:
        last -= 1
    if _word_count(doc, first, last) < 2:
        return None
    return first, trim_aside(doc, first, last), callers[0]


def _asked_question(asked: Token) -> tuple[int, int] | None:
    """For a sentence-opening "Asked whether …, she said …", the token range
    of the question put to the subject of the main clause; else None."""
    if asked.lower_ != "asked" or asked.i != asked.sent.start or asked.dep_ != "advcl":
        return None
    doc = asked.doc
    last = asked.right_edge.i
    while last > asked.i and (doc[last].is_punct and doc[last].text not in ALL_MARKS):
        last -= 1
    first = next(
        (t.i for t in doc[asked.i + 1 : last + 1] if t.lower_ in QUESTION_WORDS),
        None,
    )
    if first is None or _word_count(doc, first, last) < 4:
        return None
    if any(_is_verb(t) or t.is_punct for t in doc[asked.i + 1 : first]):
        return None  # the wh-word opens a later clause, not the question
    return first, last


ANSWERS = frozenset({"yes", "no"})


def _yes_or_no(verb: Token) -> tuple[int, int] | None:
    """The answer a speech verb reports when it is a bare "yes" or "no"
    ("46 percent said yes", "she said yes, yes, yes"), repeats included."""
    doc = verb.doc
    first = verb.i + 1
    if first >= len(doc) or doc[first].lower_ not in ANSWERS:
        return None
    last = first
    while (
        last + 2 < len(doc)
        and doc[last + 1].text == ","
        and doc[last + 2].lower_ in ANSWERS
    ):
        last += 2
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and not (
        after.is_punct or after.lower_ in {"to", "and", "but"}
    ):
        return None  # "said no one came": not an answer
    return first, last


def _continued_report(verb: Token, owner: list[int]) -> tuple[int, int] | None:
    """A clause joined to a parenthetical cue by "and" or "but" that goes on
    with the report before it ("Fares rose 9 percent, the board said in May,
    and tolls rose 4 percent"): a finite clause with its own subject, no cue
    of its own and no quotation."""
    for child in verb.rights:
        if (
            child.dep_ == "conj"
            and child.tag_ in FINITE_TAGS
            and child.lemma_.lower() not in REPORTING_VERBS
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
            and any(
                c.dep_ == "cc" and c.lower_ in {"and", "but"} for c in verb.children
            )
        ):
            first = child.left_edge.i
            last = child.right_edge.i
            doc = verb.doc
            while last > first and doc[last].is_punct:
                last -= 1
            if any(owner[i] >= 0 for i in range(first, last + 1)):
                return None
            return first, last
    return None


def _add_indirect(
    candidates: list[Candidate],
    doc: Doc,
    offset: int,
    paragraph: int,
    first: int,
    last: int,
    verb: Token,
    speaker: Token,
) -> None:
    if not _speech_happened(verb):
        return
    if verb.lemma_.lower() in DIRECT_ONLY_VERBS and doc[first].lower_ != "that":
        return  # "joked that …" reports; "joked" with no "that" rarely does
    # The speaker or cue inside the content range means a parse we cannot use.
    if first <= verb.i <= last and verb.dep_ != "parataxis":
        return
    pieces = [(first, last)]
    if verb.dep_ == "parataxis":
        # "X, she said, Y": one attribution in two fragments, one quote each
        # (a side of a single word is a connective, not content).
        cue_first = min(t.i for t in verb.subtree)
        cue_last = max(t.i for t in verb.subtree)
        pieces = [
            piece
            for piece in (
                _trim_punct(doc, first, cue_first - 1),
                _trim_punct(doc, cue_last + 1, last),
            )
            if piece is not None and _word_count(doc, *piece) >= 2
        ]
    for piece_first, piece_last in pieces:
        start = doc[piece_first].idx
        end = doc[piece_last].idx + len(doc[piece_last].text)
        if end - start < 6:
            continue
        candidates.append(
            _candidate(
                offset + start,
                offset + end,
                "indirect",
                paragraph,
                verb,
                speaker,
                offset,
            )
        )


def _trim_punct(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """``[first, last]`` without punctuation at either edge, or None if empty."""
    while first <= last and doc[first].is_punct:
        first += 1
    while last >= first and doc[last].is_punct:
        last -= 1
    return (first, last) if first <= last else None


def _word_count(doc: Doc, first: int, last: int) -> int:
    return sum(1 for t in doc[first : last + 1] if not t.is_punct and not t.is_space)


def _report_over(
    doc: Doc,
    first: int,
    last: int,
    paragraph: int,
    verb: Token | None,
    speaker: Token | None,
    offset: int,
) -> Candidate:
    """An indirect report over tokens ``first`` to ``last`` (inclusive)."""
    return _candidate(
        offset + doc[first].idx,
        offset + doc[last].idx + len(doc[last].text),
        "indirect",
        paragraph,
        verb,
        speaker,
        offset,
    )


def _candidate(
    start: int,
    end: int,
    kind: Literal["direct", "mixed", "indirect"],
    paragraph: int,
    verb: Token | None,
    speaker: Token | None,
    offset: int,
) -> Candidate:
    candidate = Candidate(start, end, kind, paragraph)
    if verb is not None:
        candidate.cue = verb.text
        candidate.cue_start = offset + verb.idx
        candidate.cue_end = offset + verb.idx + len(verb.text)
        if verb.lower_ == "according":
            candidate.cue = "according to"
            candidate.cue_end = candidate.cue_start + len(
                verb.doc[verb.i : verb.i + 2].text
            )
    if speaker is not None and speaker.lower_ in INDEFINITE_SPEAKERS:
        # "one of the lawyers, Dan Cole, said": the apposed name speaks
        named = next(
            (
                c
                for c in speaker.children
                if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > speaker.i
            ),
            None,
        )
        if named is None:
            candidate.indefinite = True
        else:
            candidate.mention = _mention_for(named, offset)
    elif speaker is not None:
        candidate.mention = _mention_for(speaker, offset)
    relay = _relay_token(verb) if verb is not None and speaker is not None else None
    if relay is not None and relay is not speaker:
        candidate.via = _mention_for(relay, offset)
    return candidate


def _relay_token(verb: Token) -> Token | None:
    """Who passed the words on, when ``verb``'s speaker was quoted through
    someone: "the agency quoted him as saying" (the agency), "he was quoted by
    the paper as saying" (the paper), "she said, according to the network"."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        quoting = verb.head.head
        if quoting.lemma_ == "quote":
            agent = _agent(quoting)
            if agent is not None:
                return agent
            for child in quoting.children:
                if child.dep_ == "nsubj" or (
                    child.dep_ == "npadvmod" and child.pos_ == "PROPN"
                ):
                    return child
    for child in verb.children:
        found = _according_to(child)
        if found is not None:
            return found[1]
    return None


def _nearby_cue(
    doc: Doc, run: QuotedRun, owner: list[int], cues: list[Token]
) -> tuple[Token, Token | None, int] | None:
    """A cue for a quoted run not reached through the parse tree.

    Looks in the sentence(s) the run touches, then in a short following
    sentence ("“…” Lopez said."), then in a preceding sentence ending with a
    colon ("Lopez said: “…”").
    """
    if not cues:
        return None
    first_token = doc.char_span(run.start, run.end, alignment_mode="expand")
    if first_token is None or len(first_token) == 0:
        return None
    run_first, run_last = first_token[0].i, first_token[-1].i
    sentences = list(doc.sents)
    start_sent = next(
        i for i, s in enumerate(sentences) if s.start <= run_first < s.end
    )
    end_sent = next(i for i, s in enumerate(sentences) if s.start <= run_last < s.end)

    def with_speaker(tokens: list[Token]) -> list[tuple[Token, Token]]:
        found = []
        for token in tokens:
            speaker = _speaker_token(token, owner)
            if speaker is not None and owner[speaker.i] == -1:
                found.append((token, speaker))
        return found

    # Same sentence(s): the nearest cue outside any quote.
    lo, hi = sentences[start_sent].start, sentences[end_sent].end
    nearby = with_speaker([c for c in cues if lo <= c.i < hi])
    if nearby:
        # Prefer a cue right after the run, then right before it.
        def distance(pair: tuple[Token, Token]) -> int:
            token = pair[0]
            return (
                token.i - run_last if token.i > run_last else (run_first - token.i) * 2
            )

        verb, speaker = min(nearby, key=distance)
        return verb, speaker, 1
    # A short following sentence carrying the attribution.
    if end_sent + 1 < len(sentences):
        following = sentences[end_sent + 1]
        outside = [t for t in following if owner[t.i] == -1 and not t.is_punct]
        if len(outside) <= 12:
            pairs = with_speaker(
                [c for c in cues if following.start <= c.i < following.end]
            )
            if pairs and not any(
                _content_head(v) for v, _ in pairs if _has_outside_content(v, owner)
            ):
                verb, speaker = pairs[0]
                return verb, speaker, 2
    # A preceding sentence ending with a colon.
    if start_sent > 0:
        previous = sentences[start_sent - 1]
        last_token = doc[previous.end - 1]
        if last_token.text == ":" or doc[run_first - 1].text == ":":
            pairs = with_speaker(
                [c for c in cues if previous.start <= c.i < previous.end]
            )
            if pairs:
                verb, speaker = pairs[-1]
                return verb, speaker, 2
    return None


STATEMENT_NOUNS = frozenset(
    "reply answer response message statement verdict view words comment retort "
    "advice warning explanation assessment summary".split()
)
"""Nouns whose possessor speaks: "Harding's reply was short: “…”"."""
NON_SPEAKER_SUBJECTS = frozenset({"it", "this", "that", "there", "which", "what"})


def _colon_attribution(
    doc: Doc, run: QuotedRun, owner: list[int]
) -> tuple[Token, Token] | None:
    """Speaker of a quote introduced by a colon with no speech verb:
    "The researcher put it bluntly: “…”" → the sentence's subject."""
    return _colon_speaker(doc, run.start, owner)


def _colon_speaker(
    doc: Doc, position: int, owner: list[int]
) -> tuple[Token, Token] | None:
    """The colon ending the text before ``position`` and the subject of its
    sentence, when the text there ends with a colon."""
    before = doc.text[:position].rstrip()
    if not before.endswith(":"):
        return None
    colon_span = doc.char_span(len(before) - 1, len(before))
    if colon_span is None:
        return None
    colon = colon_span[0]
    sentence = doc[colon.i - 1].sent if colon.i > 0 else colon.sent
    subjects = [
        t
        for t in sentence
        if t.i < colon.i
        and owner[t.i] == -1
        and t.dep_ in SUBJECT_DEPS
        and t.lower_ not in NON_SPEAKER_SUBJECTS
    ]
    if not subjects:
        return None
    subject = min(subjects, key=lambda t: (t.head.dep_ != "ROOT", t.i))
    if subject.lemma_.lower() in STATEMENT_NOUNS:
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        if possessor is None:
            return None
        subject = possessor
    if subject.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    return colon, subject


FRAGMENT_MAX_WORDS = 10
"""Quoted phrases this short, embedded in a sentence, are not quotations."""


def _is_embedded_fragment(doc: Doc, text: str, run: QuotedRun) -> bool:
    """Whether ``run`` is a short phrase inside a sentence ("called it a
    “brazen breach” of", "the so-called “experts”") rather than a quotation.

    A quotation is introduced by punctuation, a paragraph start or a speech
    verb ("said “…”", "as saying “…”"); a fragment follows an ordinary word.
    """
    before = text[: run.start].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in "’'"):
        return False
    if "\n" in text[len(before) : run.start]:
        return False  # a quote opening a new line is not inside a sentence
    if len(text[run.start : run.end].split()) > FRAGMENT_MAX_WORDS:
        return False
    tokens = doc.char_span(0, len(before), alignment_mode="contract")
    if tokens is None or len(tokens) == 0:
        return False
    previous = tokens[-1]
    return not (
        previous.lemma_.lower() in SPEECH_VERBS
        or previous.lower_ in {"as", "that", "saying", "reads", "read"}
    )


DASHES = frozenset("—―–-")
_DASH_AFTER = re.compile(r"[ \t\u00a0]*([—―–-])[ \t\u00a0]*(?=\w)")
"""A dash right after a quote, before the words of an attribution."""


def _dash_attribution(doc: Doc, run: QuotedRun) -> Token | None:
    """The dash of a "“…” — Name" attribution, when a name follows it."""
    found = _DASH_AFTER.match(doc.text, run.end)
    if found is None:
        return None
    # The tokenizer may glue the dash to the closing mark ("”―"): find both
    # by character offset.
    dash_at = found.start(1)
    dash = next((t for t in doc if t.idx <= dash_at < t.idx + len(t.text)), None)
    name = next((t for t in doc if t.idx > dash_at and t.text.strip()), None)
    if dash is None or name is None:
        return None
    if not (name.ent_type_ in NAME_LABELS or name.pos_ == "PROPN"):
        return None
    return dash


NOMINAL_POS = frozenset({"DET", "ADJ", "PROPN", "NOUN", "NUM", "PRON"})
HEAD_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM"})
ATTRIBUTION_MAX_WORDS = 6
"""Longest noun phrase taken as the speaker of an adjacent attribution."""
READ_SUBJECTS = DOCUMENT_NOUNS | frozenset(
    "it sign message banner headline caption note card placard poster text "
    "inscription slogan".split()
)
"""What can be said to "read" words: a text, never a person ("the sign read")."""
ENDS_CLAUSE = frozenset(",.;:!?—–")


def _is_nominal(token: Token) -> bool:
    """Whether ``token`` can be part of a speaker's noun phrase: a determiner,
    adjective, noun, number or pronoun, a possessive or hyphen, or a
    capitalised word the parser took for something else ("Dayton" as a verb)."""
    return (
        token.pos_ in NOMINAL_POS
        or token.tag_ == "POS"
        or token.text == "-"
        or (token.is_alpha and token.text[:1].isupper())
    )


def _is_attribution_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma == "read"


def _speaker_head(words: list[Token], verb: Token) -> Token | None:
    """The head of the noun phrase ``words`` (its last noun, name, number or
    pronoun) when it can speak through ``verb``: a pronoun only alone, and
    only a text "reads" something."""
    heads = [t for t in words if t.is_alpha or t.like_num]
    if not heads or (not words[-1].is_alpha and words[-1].tag_ != "POS"):
        return None
    head = heads[-1]
    if head.pos_ not in HEAD_POS and head.pos_ != "ADJ" and not head.is_title:
        return None
    if head.pos_ == "PRON" and len(words) > 1:
        return None
    if verb.lemma_.lower() == "read" and head.lemma_.lower() not in READ_SUBJECTS:
        return None
    return head


def _adjacent_attribution(
    doc: Doc, run: QuotedRun, owner: list[int]
) -> tuple[Token, Token, list[Token]] | None:
    """The cue and speaker of a short attribution right after a quote, read
    from the words rather than the parse (which often tears such a clause
    apart, or starts a new sentence after "?" or "!"):
    "“…,” said Ana Ruiz", "“…!” Dayton police Chief Ana Ruiz shouted",
    "“…,” the editorial read". The attribution must end its clause
    (a comma, a full stop, …) or carry no content of its own, so that
    "“….” Ruiz said the vote was rigged" starts a new report instead.
    Returns the cue, the speaker's head word and the speaker's words."""
    span = doc.char_span(run.start, run.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    window: list[Token] = []
    for token in doc[span[-1].i + 1 :]:
        if token.is_space:
            if "\n" in token.text:
                break
            continue
        if not window and token.text == ",":
            continue
        if owner[token.i] >= 0 or token.text in ALL_MARKS:
            break
        if token.is_punct and token.text != "-" and token.tag_ != "POS":
            break
        window.append(token)
        if len(window) > ATTRIBUTION_MAX_WORDS + 1:
            break
    if not window:
        return None
    verb: Token | None = None
    speaker: Token | None = None
    phrase: list[Token] = []
    if _is_attribution_verb(window[0]):
        # "“…,” said the mayor"
        words: list[Token] = []
        for token in window[1:]:
            if not _is_nominal(token) or _is_attribution_verb(token):
                break
            words.append(token)
        if words and len(words) <= ATTRIBUTION_MAX_WORDS:
            verb, speaker = window[0], _speaker_head(words, window[0])
            phrase = words
    else:
        # "“…,” the mayor said"
        for position, token in enumerate(window[: ATTRIBUTION_MAX_WORDS + 1]):
            last = position + 1 == len(window)
            # A noun-like cue ("the email read") counts as the verb only
            # where the phrase ends.
            if (
                _is_attribution_verb(token)
                and position > 0
                and (_is_verb(token) or last or not _is_nominal(window[position + 1]))
            ):
                verb, speaker = token, _speaker_head(window[:position], token)
                phrase = window[:position]
                break
            if not _is_nominal(token):
                break
    if verb is None or speaker is None:
        return None
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    content = _content_head(verb)
    if (
        after is not None
        and after.text not in ENDS_CLAUSE
        and content is not None
        and any(owner[t.i] == -1 for t in content.subtree)
    ):
        return None
    return verb, speaker, phrase


def _name_head(token: Token) -> Token:
    """The last word of the name ``token`` starts ("Ana" in "Ana Ruiz")."""
    while (
        token.dep_ == "compound"
        and token.head.i > token.i
        and token.head.pos_ == "PROPN"
    ):
        token = token.head
    return token


def _next_word(token: Token) -> Token:
    for candidate in token.doc[token.i + 1 :]:
        if candidate.text.strip():
            return candidate
    return token


TRANSCRIPT_SPEAKER = re.compile(r"^[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z]):\s+(?=\S)")
"""A transcript line's speaker label: "WALLACE: …", also inside the quotation
mark that opens each paragraph of a quoted transcript."""


def transcript_candidate(text: str, offset: int, paragraph: int) -> Candidate | None:
    """The whole paragraph as one quote when it opens with a "NAME:" label."""
    match = TRANSCRIPT_SPEAKER.match(text)
    if match is None:
        return None
    name = match.group(1)
    end = len(text.rstrip())
    if text[end - 1 : end] in {'"', "”"} and text[:1] in {'"', "“"}:
        end -= 1
    if end - match.end() < 10:
        return None
    candidate = Candidate(offset + match.end(), offset + end, "indirect", paragraph)
    candidate.mention = Mention(
        name,
        offset + match.start(1),
        offset + match.end(1),
        "name",
        label="PERSON",
        head_lemma=name.lower(),
    )
    candidate.cue = ":"
    candidate.cue_start = offset + match.end(1)
    candidate.cue_end = candidate.cue_start + 1
    return candidate


LABEL_MAX_WORDS = 5
"""A "Speaker: statement" label is a name, not a sentence."""
LABEL_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
LABEL_NOT_SPEAKERS = frozenset(
    """note update watch video photo photos poll exclusive breaking analysis
    opinion live correction review daily podcast recap timeline""".split()
)
"""Label words of a rubric or section ("Editor's Note:", "Poll:"), not a speaker."""


LABEL_ADDRESS_WORDS = frozenset({"to", "at"})
"""Label words after which the audience or occasion follows ("Mayor to
council:", "Minister at summit:")."""
LABEL_LINK_WORDS = frozenset({"of", "the", "'s", "’s"}) | LABEL_ADDRESS_WORDS
"""Lower-case words a label may hold between its capitalised words."""


def labelled_statement(doc: Doc, offset: int, paragraph: int) -> Candidate | None:
    """A headline-style "Name: what they said" paragraph ("Harbour board:
    ferry fares to rise in May") as one quote by the named speaker.

    The label must be a few capitalised words holding a person or organisation
    name, so "Among the findings: …" or "10:30 a.m.: …" never qualify.
    """
    text = doc.text
    colon = text.find(":")
    if colon <= 0 or "\n" in text.strip() or not text[colon + 1 : colon + 2].isspace():
        return None
    label = doc.char_span(0, colon, alignment_mode="contract")
    if label is None or not 1 <= len(label) <= LABEL_MAX_WORDS:
        return None
    words = [t for t in label if not t.is_punct]
    if (
        not words
        or not words[0].text[:1].isupper()
        or any(
            not (t.text[:1].isupper() or t.lower_ in LABEL_LINK_WORDS) for t in words
        )
    ):
        return None
    if not any(
        t.ent_type_ in LABEL_ENTITIES or (len(words) == 1 and t.pos_ == "PROPN")
        for t in words
    ) or any(t.lower_ in LABEL_NOT_SPEAKERS for t in words):
        return None
    body = text[colon + 1 :].strip()
    if len(body.split()) < 3 or find_quoted_runs(text[:colon]):
        return None
    addressed = [t for t in words if t.lower_ in LABEL_ADDRESS_WORDS]
    if addressed:
        # "Mayor Ruiz to council:" is said by the words before "to".
        speaker_words = [t for t in words if t.i < addressed[0].i]
        if not speaker_words:
            return None
        root = speaker_words[-1]
    else:
        outer = next(
            (t for t in label if not (label.start <= t.head.i < label.end)), None
        )
        if outer is None or (outer.head.i == outer.i and outer.dep_ != "ROOT"):
            root = words[-1]
        else:
            root = outer
    start = (
        offset + colon + 1 + (len(text[colon + 1 :]) - len(text[colon + 1 :].lstrip()))
    )
    end = offset + len(text.rstrip())
    candidate = Candidate(start, end, "indirect", paragraph)
    candidate.mention = _mention_for(root, offset)
    candidate.cue = ":"
    candidate.cue_start = offset + colon
    candidate.cue_end = offset + colon + 1
    return candidate


def _has_outside_content(verb: Token, owner: list[int]) -> bool:
    head = _content_head(verb)
    if head is None:
        return False
    return any(owner[t.i] == -1 and not t.is_punct for t in head.subtree)


def _drop_nested(candidates: list[Candidate]) -> list[Candidate]:
    """Remove candidates lying inside another (reported speech inside a quote)
    and repeats of a span already kept (two cues finding the same words)."""
    kept: list[Candidate] = []
    for candidate in candidates:
        if any(k.start == candidate.start and k.end == candidate.end for k in kept):
            continue
        inside = any(
            other is not candidate
            and other.start <= candidate.start
            and candidate.end <= other.end
            and (other.end - other.start) > (candidate.end - candidate.start)
            for other in candidates
        )
        overlapping = any(
            other.start < candidate.end
            and candidate.start < other.end
            and other.kind != "indirect"
            and candidate.kind == "indirect"
            for other in candidates
            if other is not candidate
        )
        if not inside and not overlapping:
            kept.append(candidate)
    return kept


OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj", "oprd", "attr"})
"""Dependencies of a person acted on or spoken to rather than acting."""


def _mark_reported(persons: list[PersonMention], candidates: list[Candidate]) -> None:
    """Flag people named inside reported (non-quoted) content of a candidate,
    and people who speak in one as acting subjects, however parsed."""
    spans = [(c.start, c.end) for c in candidates if c.kind != "direct"]
    speakers = [
        (c.mention.start, c.mention.end) for c in candidates if c.mention is not None
    ]
    for person in persons:
        if any(start <= person.start and person.end <= end for start, end in spans):
            person.in_content = True
        if any(start < person.end and person.start < end for start, end in speakers):
            person.is_subject = True
            person.is_object = False


def _is_object(root: Token) -> bool:
    """Whether an entity's root is an object, directly or through apposition."""
    if root.dep_ in {"appos", "compound", "conj"} and root.head.i != root.i:
        root = root.head
    return root.dep_ in OBJECT_DEPS


def _subject_of_infinitive(root: Token) -> bool:
    """Whether ``root`` is the subject of a to-infinitive ("allow Ruiz to
    speak", "wants Ruiz to go"): the person acted on, not the one acting."""
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in SUBJECT_DEPS and any(
        child.dep_ == "aux" and child.tag_ == "TO" for child in root.head.children
    )


def _person_mentions(doc: Doc, offset: int, owner: list[int]) -> list[PersonMention]:
    mentions = []
    for whole in doc.ents:
        if whole.label_ in {"PERSON", "ORG", "GPE", "NORP"}:
            ent = name_part(whole)
            root = ent.root
            infinitive = _subject_of_infinitive(root)
            mentions.append(
                PersonMention(
                    offset + ent.start_char,
                    offset + ent.end_char,
                    ent.text,
                    whole.label_,
                    is_subject=not infinitive
                    and (
                        root.dep_ in SUBJECT_DEPS
                        or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)
                    ),
                    is_possessive=root.dep_ == "poss"
                    or ent.text.endswith(("'s", "’s")),
                    in_quote=owner[root.i] >= 0,
                    is_object=infinitive or _is_object(root),
                )
            )
    mentions.extend(_untagged_names(doc, offset, owner))
    mentions.sort(key=lambda m: m.start)
    return mentions


OUTSIDE_ENTITY = 2
"""spaCy's ``ENT_IOB`` value for a token outside every entity ("O")."""


def _untagged_names(doc: Doc, offset: int, owner: list[int]) -> list[PersonMention]:
    """Capitalised proper nouns the recogniser left untagged ("Cruz said" with
    no entity), as mentions with no label: the resolver keeps those that name
    a person already known in the article."""
    found = []
    # Read part of speech and entity tags as one array: creating a Token for
    # every word of a long article costs more than the whole check.
    tags = doc.to_array(["POS", "ENT_IOB"])
    proper = doc.vocab.strings["PROPN"]
    for position in range(len(doc)):
        if tags[position][0] != proper or tags[position][1] != OUTSIDE_ENTITY:
            continue
        token = doc[position]
        if (
            not token.text[:1].isupper()
            or token.dep_ == "compound"
            or (token.is_sent_start and token.dep_ not in SUBJECT_DEPS)
        ):
            continue
        first = token.i
        while (
            first > 0
            and doc[first - 1].dep_ == "compound"
            and doc[first - 1].head.i == token.i
            and doc[first - 1].ent_iob_ == "O"
        ):
            first -= 1
        span = doc[first : token.i + 1]
        found.append(
            PersonMention(
                offset + span.start_char,
                offset + span.end_char,
                span.text,
                "",
                is_subject=token.dep_ in SUBJECT_DEPS
                and not _subject_of_infinitive(token),
                is_possessive=token.dep_ == "poss",
                in_quote=owner[token.i] >= 0,
                is_object=_is_object(token) or _subject_of_infinitive(token),
            )
        )
    return found
