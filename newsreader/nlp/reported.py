"""Reported speech whose content is not a ``that``-clause.

Communication verbs also report what was said through a noun phrase ("denied
the charges"), an object with a predicate ("called the plan a disgrace"), an
infinitive ("vowed to appeal", "urged the council to wait"), an indirect
question ("asked whether the road would reopen") or a prepositional object
("called for an inquiry", "accused the firm of lying"). This module finds the
token range of that content from the dependency parse; :mod:`quotes` turns it
into a candidate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsreader.nlp.cues import CONTENT_PREPOSITIONS, OBJECT_CONTENT_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTENT_DEPS = frozenset({"dobj", "oprd", "xcomp", "ccomp", "dative"})
"""Dependents of a communication verb that carry what was said."""
PREDICATE_DEPS = frozenset({"oprd", "xcomp", "ccomp"})
"""Dependents that complete an object: "called it a sham", "urged them to go"."""
NEEDS_PREDICATE = frozenset(
    {"call", "ask", "describe", "characterize", "label", "tell"}
)
"""Verbs whose bare object is not speech: "called him" is a phone call,
"asked him", "told them" and "described it" say nothing about what was
said."""
QUESTION_WORDS = frozenset("whether if what why how who whom which when where".split())


def object_content(verb: Token) -> tuple[int, int] | None:
    """Token range ``[first, last]`` of what ``verb`` reports, when it is a
    noun phrase, infinitive, question or prepositional object; else None.

    Args:
        verb: a token whose lemma is in :data:`OBJECT_CONTENT_VERBS`.
    """
    lemma = verb.lemma_.lower()
    if lemma not in OBJECT_CONTENT_VERBS or _is_passive(verb):
        return None
    allowed_preps = CONTENT_PREPOSITIONS.get(lemma, frozenset())
    parts: list[Token] = []
    has_object = has_predicate = False
    for child in verb.rights:
        if child.dep_ in CONTENT_DEPS:
            if child.dep_ == "ccomp" and not _is_question(child):
                continue
            parts.append(child)
            has_object = has_object or child.dep_ in {"dobj", "dative"}
            has_predicate = has_predicate or child.dep_ in PREDICATE_DEPS
        elif child.dep_ == "prep" and child.lower_ == "as" and has_object:
            # "attacked her rival as a fraud": the object's predicate
            parts.append(child)
            has_predicate = True
        elif (
            child.dep_ == "conj"
            and child.tag_ == "VBG"
            and parts
            and parts[-1].dep_ == "dobj"
            and any(t.tag_ == "VBG" for t in parts[-1].subtree)
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
        ):
            # "mentioned refinancing loans and forcing colleges to pay"
            parts.append(child)
        elif (
            child.dep_ == "prep"
            and child.lower_ in allowed_preps
            and not _is_time(child)
            and (child.lower_ != "on" or _has_infinitive(verb))
        ):
            # "called on the board to resign", never "called on Sunday".
            parts.append(child)
            has_predicate = True
        elif (
            child.dep_ == "advcl"
            and "for" in allowed_preps
            and any(c.dep_ == "mark" and c.lower_ == "for" for c in child.children)
        ):
            # "called for all sides to talk", parsed as a "for" clause.
            parts.append(child)
            has_predicate = True
    if not parts:
        return None
    if lemma in NEEDS_PREDICATE and not has_predicate:
        return None
    # "asked the minister whether …": the question, not the person asked.
    if has_object and has_predicate and lemma in {"ask", "tell"}:
        parts = [p for p in parts if p.dep_ not in {"dobj", "dative"}]
    first_part = parts[0]
    if first_part.dep_ == "prep" and not has_object:
        # "called for an inquiry": the object of the preposition.
        objects = [c for c in first_part.children if c.dep_ in {"pobj", "pcomp"}]
        if not objects:
            return None
        first = objects[0].left_edge.i
    else:
        first = first_part.left_edge.i
        if verb.doc[first].dep_ == "mark" and verb.doc[first].lower_ == "for":
            first += 1
    last = max(p.right_edge.i for p in parts)
    doc = verb.doc
    while last > first and (doc[last].is_punct or doc[last].is_space):
        if doc[last].text in {"”", '"', "’", "''"}:
            break
        last -= 1
    if first <= verb.i <= last:
        return None
    words = [t for t in doc[first : last + 1] if not t.is_punct and not t.is_space]
    if len(words) < 2:
        return None
    return first, last


def _is_time(prep: Token) -> bool:
    return any(
        c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"} for c in prep.children
    )


def _has_infinitive(verb: Token) -> bool:
    return any(t.dep_ == "xcomp" for t in verb.subtree if t.head.i >= verb.i)


def _is_passive(verb: Token) -> bool:
    """Passive, including a reduced participle ("Ortega, asked about …")."""
    if verb.tag_ == "VBN" and verb.dep_ in {"acl", "advcl", "relcl"}:
        return True
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _is_question(head: Token) -> bool:
    """Whether a clausal complement is an indirect question."""
    return (
        any(t.lower_ in QUESTION_WORDS and t.i <= head.i for t in head.subtree)
        and head.left_edge.lower_ in QUESTION_WORDS
    )
