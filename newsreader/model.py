"""The data model shared by every layer: plain, frozen dataclasses.

Every offset in newsreader is a half-open ``[start, end)`` pair of Python string
indices (Unicode code points) into :attr:`Article.text`. spaCy objects never
leave :mod:`newsreader.nlp`; the UI, exporter and store only ever see these
classes. This module imports the standard library only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "mixed", "indirect"]
"""Direct: verbatim words in quote marks. Mixed: a reported clause containing a
quoted fragment. Indirect: reported speech without quote marks."""

AttributionReason = Literal[
    "named",  # the speaker is named in the quote's own sentence
    "pronoun",  # a pronoun speaker resolved to a named entity
    "descriptor",  # a descriptor ("the spokeswoman") resolved to a named entity
    "continuation",  # a cue-less quote continuing the previous quote's speaker
    "unresolved",  # a speaker mention was found but not resolved to a name
    "unattributed",  # no speaker could be determined
]
"""Why a quote carries the speaker it does."""

SpeakerKind = Literal["person", "organisation", "anonymous", "document", "unknown"]
"""Who speaks: a named person; an organisation (a company, party, government);
an unnamed or anonymous source ("a spokesman", "officials", "one"); a document
or outlet ("the report", "the website", a newspaper); or nobody known."""

REASON_LABELS: dict[str, str] = {
    "named": "speaker named in the sentence",
    "pronoun": "speaker resolved from a pronoun",
    "descriptor": "speaker resolved from a description",
    "continuation": "continues the previous quote's speaker",
    "unresolved": "speaker mention not resolved to a name",
    "unattributed": "no speaker found",
}
"""Human-readable explanations of :data:`AttributionReason` values."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range of code-point offsets into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, offset: int) -> bool:
        """Whether ``offset`` lies inside the span."""
        return self.start <= offset < self.end

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


def content_sha256(text: str) -> str:
    """The SHA-256 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """An article as newsreader reads it.

    ``text`` starts with the headline (when there is one) as its first paragraph,
    then the byline paragraph (when the source has one), then the body
    paragraphs, separated by blank lines. See ``newsreader.sources`` for how each
    source format maps onto this.
    """

    text: str
    """The article text every offset refers to."""
    paragraphs: tuple[Span, ...]
    """Spans of the paragraphs of ``text``, in order, never overlapping."""
    title: str
    """The headline, or the file name when the source has none."""
    source: str
    """Where the article came from: a file path, a URL, or ``-`` for stdin."""
    byline: str | None = None
    """The author(s) as printed, without a leading "By"."""
    site: str | None = None
    """The publication or site name."""
    published: str | None = None
    """Publication date as printed or as an ISO 8601 date."""
    url: str | None = None
    """The article's URL when it came from the web (or declared one)."""
    retrieved: str | None = None
    """ISO 8601 time at which the source was read."""
    sha256: str = field(default="")
    """SHA-256 of ``text``; filled in automatically."""

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", content_sha256(self.text))

    def span_text(self, span: Span) -> str:
        """The text covered by ``span``."""
        return self.text[span.start : span.end]

    def paragraph_index(self, offset: int) -> int:
        """Index (from 0) of the paragraph containing or following ``offset``."""
        import bisect

        # A binary search over the paragraphs themselves: O(log n) per call,
        # so exporting thousands of quotes stays linear in their number.
        index = bisect.bisect_right(self.paragraphs, offset, key=_span_start) - 1
        return max(index, 0)


def _span_start(span: Span) -> int:
    return span.start


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote with its attribution."""

    id: str
    """Stable id derived from the span, e.g. ``q-1a2b3c``."""
    span: Span
    """The quote: for direct quotes the quoted text with its marks; for mixed
    and indirect quotes the reported content clause."""
    kind: QuoteKind
    speaker: str | None
    """Resolved speaker: the canonical entity name, or ``None``."""
    speaker_mention: str | None = None
    """The speaker mention as written (``she``, ``the minister``, ``Lopez``)."""
    speaker_span: Span | None = None
    cue: str | None = None
    """The cue as written (``said``, ``according to``, ``told``)."""
    cue_span: Span | None = None
    confidence: float = 0.0
    """How likely the speaker is right, in [0, 1]."""
    reason: AttributionReason = "unattributed"
    speaker_kind: SpeakerKind = "unknown"
    """What kind of speaker :attr:`display_speaker` is."""
    via: str | None = None
    """Who relayed the words, as written, when the speaker was quoted through
    someone else ("the agency quoted him as saying", "…, according to CNN")."""

    @property
    def display_speaker(self) -> str | None:
        """The resolved name when there is one, else the mention as written."""
        return self.speaker or self.speaker_mention


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: all mentions of one person, organisation, place, …"""

    name: str
    """Canonical name: the fullest form used in the article."""
    label: str
    """spaCy label chosen by vote across mentions (PERSON, ORG, GPE, …)."""
    mentions: tuple[Span, ...]
    variants: tuple[str, ...] = ()
    """Distinct surface forms merged into this entity."""
    quote_count: int = 0
    """How many quotes this entity is the resolved speaker of."""

    @property
    def quoted(self) -> bool:
        """Whether the entity speaks in the article (not only being mentioned)."""
        return self.quote_count > 0


@dataclass(frozen=True, slots=True)
class Topic:
    """A key phrase of the article."""

    phrase: str
    score: float
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything the annotation engine found in one article."""

    article_sha256: str
    engine: str
    """Model name and version plus engine version, e.g. ``en_core_web_sm-3.8.0+nr1``."""
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    topics: tuple[Topic, ...] = ()
    fallback: bool = False
    """True when produced by the rules-only fallback (no spaCy pipeline)."""

    def speakers(self) -> list[tuple[str, int]]:
        """Resolved speakers with their quote counts, most quoted first."""
        counts: dict[str, int] = {}
        for quote in self.quotes:
            if quote.speaker:
                counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
