"""The reporter's review of attributions, and what it does to the annotations.

A :class:`Review` records what a reporter decided about one quote: verified,
a corrected speaker ("unknown / anonymous" included), not a quote, a span
adjusted to the sentence or the quote marks, a note. It is keyed by the
article text's SHA-256 and the *machine* span the quote had when it was
reviewed (never a position in a list), so it finds its quote again whenever
the same text is annotated.

:func:`apply_reviews` is the one pure function every consumer uses (reader,
``newsreader review``, exports): engine annotations plus reviews in, a
:class:`ReviewedAnnotations` out, whose ``annotations`` are what the reader
shows and exports (rejected quotes gone, corrections applied) and whose
``states`` say, per quote, its review status, the machine's original
attribution and what needs a human look.

A review made against an older engine's output still shows when the quote
spans moved: a quote overlapping the reviewed span takes it, flagged
``moved``; with no such quote the review shows as its own quote, flagged
``missing``.

This is a base module: standard library and :mod:`newsreader.model` only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from newsreader.model import Annotations, Article, Entity, Quote, Span, SpeakerKind
from newsreader.sentences import sentence_around

ReviewStatus = Literal["machine", "verified", "edited", "rejected"]
"""Machine: nobody checked it. Verified: checked and right. Edited: corrected
(speaker or span). Rejected: not a quote."""

MatchState = Literal["exact", "moved", "missing"]
"""How a review found its quote: at the reviewed span, at an overlapping span
of a newer annotation, or not at all."""

CHECK_CONFIDENCE: Final = 0.6
"""Quotes whose attribution confidence is below this need a human look."""

ANONYMOUS_LABEL: Final = "unknown / anonymous"
"""How a speaker corrected to "unknown / anonymous" is written."""

MOVED_OVERLAP: Final = 0.5
"""Least character Jaccard overlap for a review to follow a moved quote span."""

REVIEW_FIELDS: Final = ("verified", "rejected", "speaker", "anonymous", "span", "note")
"""The fields of a review a reporter sets (one action changes one or two)."""

MATCH_FLAGS: Final[dict[str, str]] = {
    "moved": "the engine's span changed since this review",
    "missing": "the engine no longer finds this quote",
}
"""Why a review is flagged, by :data:`MatchState`."""

_ANONYMOUS: Final = re.compile(
    r"\b(?:sources?|insiders?|officials?|aides?|people|persons?|someone|"
    r"spokes(?:wo)?m[ae]n|spokesperson|employees?|residents?|witnesses?|"
    r"diplomats?|executives?|staff(?:er)?s?|members?)\b",
    re.IGNORECASE,
)
_ANONYMOUS_DETERMINER: Final = re.compile(
    r"^(?:an?|one|two|three|several|some|many|other|senior|unnamed|anonymous)\b",
    re.IGNORECASE,
)
_DOCUMENT: Final = re.compile(
    r"\b(?:reports?|statement|website|study|survey|document|release|post|"
    r"letter|filing|memo|paper|newspaper|analysis|data|figures|poll|guidance|"
    r"notice|bulletin|article|minutes|ruling|judgment|complaint)\b",
    re.IGNORECASE,
)
_ORGANISATION: Final = re.compile(
    r"\b(?:agency|ministry|department|company|firm|police|government|council|"
    r"union|office|authority|committee|board|court|party|club|group|"
    r"association|federation|hospital|university|school|bank|regulator|"
    r"commission|service|organi[sz]ation|administration|campaign|team)\b",
    re.IGNORECASE,
)
_ORGANISATION_LABELS: Final = frozenset({"ORG", "NORP", "GPE", "FAC", "LOC"})
_DOCUMENT_LABELS: Final = frozenset({"WORK_OF_ART", "LAW", "PRODUCT"})
_RELAYED: Final = re.compile(
    r"\bquoted\s+(?:\w+\s+){0,3}?as\s+saying\b|\bwas\s+quoted\b|\bas\s+quoted\s+by\b"
    r"|\btold\s+(?:the\s+)?[A-Z][\w'’&.-]*|\bin\s+an\s+interview\s+with\b"
    r"|\baccording\s+to\s+(?:an?\s+|the\s+)?(?:report|statement|post|newspaper|"
    r"website|transcript|broadcast)\b|\breportedly\b|\bwas\s+cited\b"
    r"|\bcited\s+by\b|\breported\s+(?:that\s+)?\w+\s+(?:said|as\s+saying)\b",
)
_OPENING_MARKS: Final = '"“«‘'
_CLOSING_MARKS: Final = {'"': '"', "“": "”", "«": "»", "‘": "’"}


# -- the review record ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Review:
    """What a reporter decided about one quote."""

    article_sha256: str
    """SHA-256 of the article text the review belongs to."""
    key: Span
    """The machine span of the quote when it was first reviewed (the key)."""
    verified: bool = False
    """The attribution was checked and signed off."""
    rejected: bool = False
    """Not a quote: hidden from quotes, exports and counts (reversible)."""
    speaker: str | None = None
    """The corrected speaker's name, when the reporter changed it."""
    anonymous: bool = False
    """The speaker was corrected to "unknown / anonymous"."""
    span: Span | None = None
    """The adjusted span, when the reporter changed it."""
    note: str | None = None
    """The reporter's note on the quote."""
    machine_speaker: str | None = None
    """The machine's speaker (resolved name or mention) when first reviewed."""
    updated: str = ""
    """ISO 8601 UTC time of the last change."""

    @property
    def speaker_changed(self) -> bool:
        """Whether the reporter corrected the speaker."""
        return self.speaker is not None or self.anonymous

    @property
    def status(self) -> ReviewStatus:
        """The quote's status under this review."""
        if self.rejected:
            return "rejected"
        if self.speaker_changed or self.span is not None:
            return "edited"
        return "verified" if self.verified else "machine"

    @property
    def is_empty(self) -> bool:
        """Whether the review records nothing (every field at its default)."""
        return not (
            self.verified
            or self.rejected
            or self.speaker_changed
            or self.span is not None
            or self.note
        )

    def field_values(self, fields: Iterable[str]) -> dict[str, object]:
        """The current values of ``fields`` (names from :data:`REVIEW_FIELDS`)."""
        return {name: getattr(self, name) for name in fields}

    def changed(self, changes: Mapping[str, object]) -> Review:
        """This review with ``changes`` (names from :data:`REVIEW_FIELDS`) applied.

        Raises:
            ValueError: A name is not a review field.
        """
        unknown = set(changes) - set(REVIEW_FIELDS)
        if unknown:
            raise ValueError(f"not review fields: {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


# -- what needs a look ---------------------------------------------------------------


def speaker_kind(quote: Quote, entities: Sequence[Entity] = ()) -> SpeakerKind:
    """Who ``quote``'s speaker is, from the speaker's entity label or its words.

    The engine's own kind wins when it reports one; otherwise (annotations
    from an engine without kinds) it is derived here.
    """
    if quote.speaker_kind != "unknown":
        return quote.speaker_kind
    if quote.speaker:
        for entity in entities:
            if entity.name == quote.speaker:
                if entity.label == "PERSON":
                    return "person"
                if entity.label in _ORGANISATION_LABELS:
                    return "organisation"
                if entity.label in _DOCUMENT_LABELS:
                    return "document"
                break
    words = quote.speaker or quote.speaker_mention or ""
    if not words:
        return "unknown"
    if _ANONYMOUS.search(words) and (
        quote.speaker is None or _ANONYMOUS_DETERMINER.search(words)
    ):
        return "anonymous"
    if _DOCUMENT.search(words):
        return "document"
    if _ORGANISATION.search(words):
        return "organisation"
    if quote.speaker is None:
        return "unknown"
    return "person"


def is_relayed(text: str, quote: Quote) -> bool:
    """Whether the quote reached the article second-hand ("the agency quoted
    him as saying", "told the BBC", "according to a statement"): the engine
    names who passed it on (``Quote.via``), or the sentence says so."""
    if quote.via is not None:
        return True
    sentence = sentence_around(text, quote.span)
    return bool(_RELAYED.search(text[sentence.start : sentence.end]))


def check_reasons(text: str, quote: Quote, kind: SpeakerKind) -> tuple[str, ...]:
    """Why the machine attribution of ``quote`` needs a human look (empty: none)."""
    reasons: list[str] = []
    if quote.reason == "unresolved":
        reasons.append("speaker not resolved to a name")
    elif quote.reason == "unattributed":
        reasons.append("no speaker found")
    elif quote.reason == "pronoun":
        reasons.append("speaker resolved from a pronoun")
    elif quote.reason == "continuation":
        reasons.append("speaker carried over from the previous quote")
    if quote.confidence < CHECK_CONFIDENCE:
        reasons.append(f"low confidence {quote.confidence:.2f}")
    if kind == "anonymous":
        reasons.append("anonymous source")
    elif kind == "organisation":
        reasons.append("speaker is an organisation")
    elif kind == "document":
        reasons.append("speaker is not a person")
    if is_relayed(text, quote):
        reasons.append("relayed (second-hand)")
    return tuple(reasons)


# -- spans -------------------------------------------------------------------------


def quote_marks_span(text: str, span: Span) -> Span | None:
    """The quotation marks nearest ``span`` and what they enclose, or None.

    The first pair of matching marks in the quote's sentence that overlaps
    ``span`` wins (``"…"``, ``“…”``, ``«…»``, ``‘…’``).
    """
    sentence = sentence_around(text, span)
    position = sentence.start
    while position < sentence.end:
        char = text[position]
        if char in _OPENING_MARKS:
            close = text.find(_CLOSING_MARKS[char], position + 1, sentence.end)
            if close < 0:
                return None
            found = Span(position, close + 1)
            if found.overlaps(span) or (span.start <= found.start < span.end):
                return found
            position = close + 1
            continue
        position += 1
    return None


def span_choices(text: str, machine: Span) -> list[Span]:
    """The spans ``C`` cycles through: the machine's, the sentence, the marks."""
    choices = [machine]
    for span in (sentence_around(text, machine), quote_marks_span(text, machine)):
        if span is not None and span not in choices:
            choices.append(span)
    return choices


def naming_sentence(text: str, entities: Sequence[Entity], quote: Quote) -> Span | None:
    """For a pronoun (or description) speaker, the sentence that names the
    person it was resolved to: the last mention of the speaker's entity before
    the quote (or the first one after, failing that)."""
    if not quote.speaker or quote.reason not in ("pronoun", "descriptor"):
        return None
    mentions: list[Span] = []
    for entity in entities:
        if entity.name == quote.speaker:
            mentions.extend(entity.mentions)
    if not mentions:
        return None
    mentions.sort()
    before = [m for m in mentions if m.end <= quote.span.start]
    chosen = before[-1] if before else mentions[0]
    return sentence_around(text, chosen)


def _jaccard(a: Span, b: Span) -> float:
    overlap = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return overlap / union if union else 0.0


def review_quote_id(key: Span) -> str:
    """The id of the quote a review shows as when the engine no longer finds it."""
    digest = hashlib.sha1(f"review:{key.start}:{key.end}".encode()).hexdigest()[:6]
    return f"r-{digest}"


# -- the reviewed view ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuoteState:
    """One quote as reviewed."""

    quote: Quote
    """The quote as shown and exported (corrections applied)."""
    machine: Quote | None
    """The engine's quote (None when the engine no longer finds it)."""
    review: Review | None
    """The reporter's review, if any."""
    kind: SpeakerKind
    """Who the shown speaker is."""
    checks: tuple[str, ...]
    """Why the machine attribution needs a look (kept after it was checked)."""
    match: MatchState = "exact"
    """How the review found this quote."""

    @property
    def status(self) -> ReviewStatus:
        """``machine``, ``verified``, ``edited`` or ``rejected``."""
        return "machine" if self.review is None else self.review.status

    @property
    def needs_check(self) -> bool:
        """Whether the quote is on the walk: doubtful and not checked yet, or
        its review lost its quote."""
        if self.match != "exact":
            return self.status != "rejected"
        return self.status == "machine" and bool(self.checks)

    @property
    def flag(self) -> str | None:
        """Why the review is flagged (its quote moved or went), else None."""
        return MATCH_FLAGS.get(self.match)

    @property
    def note(self) -> str | None:
        """The reporter's note."""
        return self.review.note if self.review is not None else None

    @property
    def machine_label(self) -> str | None:
        """The machine's attribution, as written when the quote was reviewed."""
        if self.review is not None and self.review.machine_speaker:
            return self.review.machine_speaker
        if self.machine is not None:
            return self.machine.display_speaker
        return None


@dataclass(frozen=True, slots=True)
class ReviewedAnnotations:
    """Engine annotations with the reporter's reviews applied."""

    annotations: Annotations
    """What to show and export: rejected quotes removed, corrections applied."""
    states: Mapping[str, QuoteState]
    """The state of every shown quote, by quote id."""
    rejected: tuple[QuoteState, ...] = ()
    """Quotes marked "not a quote", in reading order."""

    def state(self, quote_id: str) -> QuoteState | None:
        """The state of the shown quote ``quote_id``."""
        return self.states.get(quote_id)

    def to_check(self) -> list[Quote]:
        """The shown quotes that still need a look, in reading order."""
        return [
            quote
            for quote in self.annotations.quotes
            if (state := self.states.get(quote.id)) is not None and state.needs_check
        ]

    def all_states(self) -> list[QuoteState]:
        """Every quote's state, rejected ones included, in reading order."""
        found = [*self.states.values(), *self.rejected]
        return sorted(found, key=lambda state: state.quote.span)


def reviewed_quote(quote: Quote, review: Review, text: str) -> Quote:
    """``quote`` with ``review``'s corrections applied."""
    changes: dict[str, object] = {}
    if review.span is not None and review.span.end <= len(text):
        changes["span"] = review.span
    if review.anonymous:
        changes.update(
            speaker=None,
            speaker_mention=ANONYMOUS_LABEL,
            speaker_span=None,
            confidence=1.0,
        )
    elif review.speaker is not None:
        changes.update(
            speaker=review.speaker,
            speaker_mention=review.speaker,
            speaker_span=None,
            confidence=1.0,
        )
    return dataclasses.replace(quote, **changes) if changes else quote  # type: ignore[arg-type]


def _kind_of(
    quote: Quote, review: Review | None, entities: Sequence[Entity]
) -> SpeakerKind:
    if review is not None and review.anonymous:
        return "anonymous"
    if review is not None and review.speaker_changed:
        # The engine's kind described the speaker the reporter replaced.
        quote = dataclasses.replace(quote, speaker_kind="unknown")
    return speaker_kind(quote, entities)


def apply_reviews(
    article: Article, annotations: Annotations, reviews: Iterable[Review]
) -> ReviewedAnnotations:
    """``annotations`` as the reporter reviewed them (see the module docstring).

    Reviews of another article text are ignored.
    """
    text = article.text
    entities = annotations.entities
    pending = {
        review.key: review
        for review in reviews
        if review.article_sha256 == annotations.article_sha256
    }
    machine_quotes = sorted(annotations.quotes, key=lambda quote: quote.span)
    matched: dict[str, tuple[Review, MatchState]] = {}
    no_review: tuple[None, MatchState] = (None, "exact")
    for quote in machine_quotes:
        review = pending.pop(quote.span, None)
        if review is not None:
            matched[quote.id] = (review, "exact")
    for key, review in sorted(pending.items()):
        best: Quote | None = None
        best_overlap = MOVED_OVERLAP
        for quote in machine_quotes:
            if quote.id in matched:
                continue
            overlap = _jaccard(key, quote.span)
            if overlap >= best_overlap:
                best, best_overlap = quote, overlap
        if best is not None:
            matched[best.id] = (review, "moved")
            del pending[key]

    shown: list[Quote] = []
    states: dict[str, QuoteState] = {}
    rejected: list[QuoteState] = []
    for quote in machine_quotes:
        review, match = matched.get(quote.id, no_review)
        checks = check_reasons(text, quote, speaker_kind(quote, entities))
        final = reviewed_quote(quote, review, text) if review is not None else quote
        state = QuoteState(
            final, quote, review, _kind_of(final, review, entities), checks, match
        )
        if state.status == "rejected":
            rejected.append(state)
            continue
        shown.append(final)
        states[final.id] = state
    for key, review in pending.items():
        if key.end > len(text):
            continue
        base = Quote(
            id=review_quote_id(key),
            span=key,
            kind="direct"
            if text[key.start : key.start + 1] in _OPENING_MARKS
            else "indirect",
            speaker=None,
            speaker_mention=review.machine_speaker,
            reason="unresolved" if review.machine_speaker else "unattributed",
        )
        final = reviewed_quote(base, review, text)
        state = QuoteState(
            final, None, review, _kind_of(final, review, entities), (), "missing"
        )
        if state.status == "rejected":
            rejected.append(state)
            continue
        shown.append(final)
        states[final.id] = state
    shown.sort(key=lambda quote: quote.span)
    reviewed = dataclasses.replace(annotations, quotes=tuple(shown))
    return ReviewedAnnotations(reviewed, states, tuple(rejected))


def unreviewed(article: Article, annotations: Annotations) -> ReviewedAnnotations:
    """``annotations`` with no reviews (every quote ``machine``)."""
    return apply_reviews(article, annotations, ())
