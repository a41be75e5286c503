"""The export model: one :class:`ExportDocument` feeds every output format.

:func:`build_document` turns an :class:`~newsreader.model.Article`, its
:class:`~newsreader.model.Annotations` and the chosen quote ids into plain,
frozen data: everything a renderer needs is computed here once (exact text,
paragraph number, selectors, context, text-fragment link), so the renderers
stay simple string formatting.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from newsreader.export.anchors import (
    context_parts,
    fragment_url,
    paragraph_of,
    selector_prefix,
    selector_suffix,
)
from newsreader.model import REASON_LABELS, Annotations, Article, Entity, Quote
from newsreader.review import (
    ANONYMOUS_LABEL,
    QuoteState,
    ReviewedAnnotations,
    apply_reviews,
)
from newsreader.safe_text import printable

SCHEMA: Final = "newsreader-quotes/2"
"""Version of the export format, written into every file."""

STDIN_SOURCE: Final = "-"
"""``Article.source`` of an article read from standard input."""

_URL: Final = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_AUTHOR_SEPARATORS: Final = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_APPOSITIVE: Final = re.compile(
    r",\s+((?:the|a|an|its|their|his|her)\s+[^,.;:\"“”\n]{2,80}?|"
    r"[a-z][^,.;:\"“”\n]{2,60}?),"
)
_NOT_A_ROLE: Final = re.compile(
    r"\b(?:said|says|told|added|who|which|that|when|while|as|according)\b"
)


@dataclass(frozen=True, slots=True)
class ExportedQuote:
    """One quote with everything needed to cite and find it again."""

    id: str
    """The quote's stable id (``q-xxxxxx``), used as the block id."""
    text: str
    """The quote exactly as in the article text."""
    start: int
    """Code-point offset of the quote's first character in the article text."""
    end: int
    """Code-point offset just past the quote (half-open)."""
    paragraph: int
    """Number of the paragraph holding the quote's start, from 1."""
    kind: str
    """``direct``, ``mixed`` or ``indirect``."""
    speaker: str | None
    """The resolved speaker, or None."""
    speaker_mention: str | None
    """The speaker as written (``she``, ``the mayor``), when found."""
    cue: str | None
    """The cue as written (``said``, ``told``)."""
    confidence: float
    """How likely the speaker is right, in [0, 1]."""
    reason: str
    """How the speaker was resolved (an ``AttributionReason``)."""
    reason_label: str
    """:data:`~newsreader.model.REASON_LABELS` text for :attr:`reason`."""
    prefix: str
    """Article text just before the quote (TextQuoteSelector ``prefix``)."""
    suffix: str
    """Article text just after the quote (TextQuoteSelector ``suffix``)."""
    context_before: str
    """The rest of the quote's sentence (or the previous one) before it."""
    context_after: str
    """The rest of the quote's sentence (or the next one) after it."""
    fragment_url: str | None
    """Link to the quote on the web page (``#:~:text=``), for URL sources."""
    quote: Quote
    """The quote as the (reviewed) annotations hold it; JSON writes it in the
    shared shape (:func:`newsreader.serialize.quote_to_dict`)."""
    speaker_kind: str = "unknown"
    """``person``, ``organisation``, ``anonymous``, ``document`` or ``unknown``."""
    role: str | None = None
    """The speaker's role as the article gives it ("the union's general
    secretary"), when it does."""
    review_status: str = "machine"
    """``machine`` (not checked), ``verified`` or ``edited``."""
    machine_speaker: str | None = None
    """The machine's attribution, kept for edited quotes."""
    note: str | None = None
    """The reporter's note."""
    checks: tuple[str, ...] = ()
    """Why the machine attribution needs a look (empty: nothing doubtful)."""
    review_flag: str | None = None
    """Why the review is flagged (the engine's span moved or is gone)."""

    @property
    def speaker_label(self) -> str:
        """Who to credit: the speaker, the unresolved mention, or "Unattributed"."""
        if self.speaker:
            return self.speaker
        if self.speaker_mention == ANONYMOUS_LABEL or (
            self.speaker_kind == "anonymous" and not self.speaker_mention
        ):
            return "Unknown / anonymous source"
        if self.speaker_mention:
            if self.speaker_kind == "anonymous":
                return f"{self.speaker_mention} (anonymous)"
            return f"{self.speaker_mention} (unresolved)"
        return "Unattributed"

    @property
    def needs_review(self) -> bool:
        """Whether the attribution is doubtful and nobody has checked it."""
        if self.review_status != "machine":
            return self.review_flag is not None
        return bool(self.checks) or self.confidence < 0.5 or self.speaker is None

    @property
    def paraphrase(self) -> bool:
        """Whether the quote is reported speech (indirect or mixed), not verbatim."""
        return self.kind != "direct"


@dataclass(frozen=True, slots=True)
class ExportDocument:
    """An article's metadata and the quotes chosen for export, in reading order.

    ``source_url`` and ``source_path`` are on one line and free of terminal
    controls (:func:`newsreader.safe_text.printable`): a file name can hold
    escape sequences, and these fields land in Markdown source lines and in
    files people ``cat``.
    """

    title: str
    source_url: str | None
    """The article's URL (web pages, or declared by the source)."""
    source_path: str | None
    """The file the article was read from (absolute), ``-`` for stdin."""
    site_name: str | None
    authors: tuple[str, ...]
    published: str | None
    retrieved: str | None
    """When the article was opened or fetched (ISO 8601)."""
    content_sha256: str
    """SHA-256 of the article text every offset refers to."""
    nlp_model: str
    """The model that found the quotes, e.g. ``en_core_web_sm 3.8.0``."""
    exported: str
    """When the export was made (ISO 8601, UTC, seconds)."""
    quotes: tuple[ExportedQuote, ...]

    @property
    def speakers(self) -> list[str]:
        """Resolved speakers of the exported quotes, in order of first quote."""
        seen: dict[str, None] = {}
        for quote in self.quotes:
            if quote.speaker:
                seen.setdefault(quote.speaker, None)
        return list(seen)

    @property
    def quote_count(self) -> int:
        """Number of exported quotes."""
        return len(self.quotes)


def split_authors(byline: str | None) -> tuple[str, ...]:
    """The names in a byline (``A, B and C`` gives three)."""
    if not byline:
        return ()
    names = (name.strip() for name in _AUTHOR_SEPARATORS.split(byline))
    return tuple(name for name in names if name)


def iso_time(moment: datetime | str | None = None) -> str:
    """``moment`` (default: now) as ISO 8601 in UTC with seconds precision."""
    if isinstance(moment, str):
        return moment
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _source_path(article: Article) -> str | None:
    source = article.source
    if not source or _URL.match(source):
        return None
    if source == STDIN_SOURCE:
        return STDIN_SOURCE
    return printable(os.path.abspath(source))


def speaker_role(
    article: Article, entities: Sequence[Entity], speaker: str | None
) -> str | None:
    """The speaker's role from an apposition after one of their mentions
    ("Luis Ortega, the union's general secretary, said"), else None."""
    if not speaker:
        return None
    text = article.text
    for entity in entities:
        if entity.name != speaker or entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            found = _APPOSITIVE.match(text, mention.end, mention.end + 90)
            if found is None:
                continue
            role = " ".join(found.group(1).split())
            if not _NOT_A_ROLE.search(role) and len(role.split()) <= 10:
                return role
    return None


def export_quote(
    article: Article,
    quote: Quote,
    state: QuoteState | None = None,
    entities: Sequence[Entity] = (),
) -> ExportedQuote:
    """One quote of ``article`` in export form, with its review ``state``."""
    span = quote.span
    before, after = context_parts(article, span)
    status = "machine" if state is None else state.status
    reason_label = REASON_LABELS.get(quote.reason, quote.reason)
    if state is not None and state.review is not None and state.review.speaker_changed:
        reason_label = "speaker set by the reporter"
    return ExportedQuote(
        id=quote.id,
        text=article.span_text(span),
        start=span.start,
        end=span.end,
        paragraph=paragraph_of(article, span.start) + 1,
        kind=quote.kind,
        speaker=quote.speaker,
        speaker_mention=quote.speaker_mention,
        cue=quote.cue,
        confidence=quote.confidence,
        reason=quote.reason,
        reason_label=reason_label,
        prefix=selector_prefix(article, span),
        suffix=selector_suffix(article, span),
        context_before=before,
        context_after=after,
        fragment_url=fragment_url(article.url, article, span) if article.url else None,
        quote=quote,
        speaker_kind=state.kind if state is not None else "unknown",
        role=speaker_role(article, entities, quote.speaker),
        review_status=status,
        machine_speaker=state.machine_label
        if state is not None and status == "edited"
        else None,
        note=state.note if state is not None else None,
        checks=state.checks if state is not None else (),
        review_flag=state.flag if state is not None else None,
    )


def build_document(
    article: Article,
    annotations: Annotations,
    quote_ids: Iterable[str] | None = None,
    *,
    model: str,
    exported: datetime | str | None = None,
    reviewed: ReviewedAnnotations | None = None,
) -> ExportDocument:
    """The export of ``quote_ids`` (all quotes when None), in reading order.

    Args:
        article: The article the annotations belong to.
        annotations: Its (engine) annotations.
        quote_ids: Ids of the quotes to export; unknown ids are ignored (a
            bookmark may outlive a re-annotation).
        model: Label of the NLP model, e.g. ``en_core_web_sm 3.8.0``.
        exported: Export time (default: now); a string is used as given.
        reviewed: ``annotations`` with the reporter's reviews applied
            (:func:`newsreader.review.apply_reviews`); rejected quotes are
            left out and each quote carries its review state. Without it every
            quote is exported as the machine found it.

    Raises:
        ValueError: The annotations are of a different article text.
    """
    if annotations.article_sha256 != article.sha256:
        raise ValueError("the annotations belong to a different article text")
    if reviewed is None:
        reviewed = apply_reviews(article, annotations, ())
    quotes: Sequence[Quote] = reviewed.annotations.quotes
    if quote_ids is not None:
        wanted = set(quote_ids)
        quotes = [quote for quote in quotes if quote.id in wanted]
    ordered = sorted(quotes, key=lambda quote: (quote.span.start, quote.span.end))
    return ExportDocument(
        title=article.title,
        source_url=printable(article.url) if article.url else None,
        source_path=_source_path(article),
        site_name=article.site,
        authors=split_authors(article.byline),
        published=article.published,
        retrieved=article.retrieved,
        content_sha256=article.sha256,
        nlp_model=model,
        exported=iso_time(exported),
        quotes=tuple(
            export_quote(article, quote, reviewed.state(quote.id), annotations.entities)
            for quote in ordered
        ),
    )


def speaker_matches(speaker: str | None, name: str) -> bool:
    """Whether ``name`` picks ``speaker``: case-insensitive, whole words.

    ``Lopez`` and ``maria lopez`` match ``Maria Lopez``; ``Lope`` does not.
    """
    if not speaker:
        return False
    wanted = [word.casefold() for word in re.findall(r"\w+", name)]
    if not wanted:
        return False
    words = [word.casefold() for word in re.findall(r"\w+", speaker)]
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def quotes_by_speaker(annotations: Annotations, name: str) -> list[str]:
    """Ids of the quotes whose resolved speaker matches ``name``."""
    return [
        quote.id for quote in annotations.quotes if speaker_matches(quote.speaker, name)
    ]
