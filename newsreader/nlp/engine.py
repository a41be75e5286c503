"""The spaCy-backed annotator: paragraphs in, plain dataclasses out.

The article is fed to ``nlp.pipe`` paragraph by paragraph (never as one huge
``Doc``); from each parsed paragraph only plain data is kept (quote candidates,
entity mentions, noun-chunk phrases), so memory stays flat on a 100,000-word
article and cancellation is checked between paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.model import Annotations, Article, Entity, Quote, Span
from newsreader.nlp import AnnotationCancelled, CancelCheck, ProgressCallback
from newsreader.nlp.entities import EntityIndex, RawMention
from newsreader.nlp.fallback import fallback_candidates
from newsreader.nlp.ids import with_unique_ids
from newsreader.nlp.pipeline import ModelChoice, load_pipeline, resolve_model
from newsreader.nlp.quotes import (
    Candidate,
    PersonMention,
    extract_candidates,
    name_part,
    paragraph_intro,
)
from newsreader.nlp.resolve import (
    SpeakerResolver,
    adopt_speaker_names,
    build_quote,
    learn_genders,
)
from newsreader.nlp.topics import TopicCollector

if TYPE_CHECKING:
    from spacy.tokens import Doc

BATCH_SIZE = 64
"""At most this many paragraphs per ``nlp.pipe`` batch."""

BATCH_CHARS = 100_000
"""At most this many characters per ``nlp.pipe`` batch (one over-long chunk
still forms a batch of its own): the parser's memory grows with the text of a
batch, so a batch of 64 chunks of 100,000 characters would need gigabytes."""

MAX_PARAGRAPH_CHARS = 100_000
"""Paragraphs longer than this are split into chunks before parsing."""


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of the article parsed as one ``Doc``: a paragraph or part of one."""

    span: Span
    paragraph: int
    """Index of the paragraph the chunk belongs to."""


def _chunks(article: Article, max_chars: int = MAX_PARAGRAPH_CHARS) -> list[Chunk]:
    """Paragraph spans, with any paragraph over ``max_chars`` cut into pieces
    (at a space when there is one), each tagged with its paragraph index."""
    pieces: list[Chunk] = []
    for number, paragraph in enumerate(article.paragraphs):
        start = paragraph.start
        while paragraph.end - start > max_chars:
            cut = article.text.rfind(" ", start, start + max_chars)
            if cut <= start:
                cut = start + max_chars
            pieces.append(Chunk(Span(start, cut), number))
            start = cut
        pieces.append(Chunk(Span(start, paragraph.end), number))
    return pieces


def _batches(
    chunks: list[Chunk], max_chars: int, max_count: int
) -> Iterator[list[Chunk]]:
    """Consecutive runs of ``chunks`` holding at most ``max_count`` chunks and
    ``max_chars`` characters (a longer chunk is a batch on its own)."""
    batch: list[Chunk] = []
    size = 0
    for chunk in chunks:
        length = len(chunk.span)
        if batch and (size + length > max_chars or len(batch) >= max_count):
            yield batch
            batch, size = [], 0
        batch.append(chunk)
        size += length
    if batch:
        yield batch


def _hand_on_introductions(
    candidates: list[Candidate], intros: dict[int, Candidate]
) -> None:
    """Give a cue-less quote opening a paragraph the speaker and cue of a
    preceding paragraph that ended with a colon ("The agency reported:")."""
    for candidate in candidates:
        intro = intros.get(candidate.paragraph - 1)
        if (
            intro is None
            or candidate.mention is not None
            or not candidate.at_paragraph_start
        ):
            continue
        candidate.mention = intro.mention
        candidate.cue = intro.cue
        candidate.cue_start = intro.cue_start
        candidate.cue_end = intro.cue_end
        candidate.cue_distance = 2
        del intros[candidate.paragraph - 1]


class SpacyAnnotator:
    """Annotates articles with a loaded spaCy pipeline (or the rules-only fallback)."""

    def __init__(
        self,
        choice: ModelChoice,
        *,
        chunk_chars: int = MAX_PARAGRAPH_CHARS,
        batch_chars: int = BATCH_CHARS,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        """Load the pipeline for ``choice``.

        Args:
            chunk_chars: longest piece of a paragraph parsed as one ``Doc``.
            batch_chars: most characters handed to ``nlp.pipe`` at once.
            batch_size: most pieces handed to ``nlp.pipe`` at once.
        """
        if min(chunk_chars, batch_chars, batch_size) < 1:
            raise ValueError("chunk and batch limits must be positive")
        self.choice = choice
        self.nlp = load_pipeline(choice)
        self.chunk_chars = chunk_chars
        self.batch_chars = batch_chars
        self.batch_size = batch_size

    @property
    def engine_id(self) -> str:
        return self.choice.engine_id

    @property
    def model_label(self) -> str:
        return self.choice.label

    @property
    def fallback(self) -> bool:
        return self.choice.fallback

    def _parsed(self, chunks: list[Chunk], text: str) -> Iterator[tuple[Chunk, Doc]]:
        """Each chunk with its parsed ``Doc``, batch by bounded batch."""
        for batch in _batches(chunks, self.batch_chars, self.batch_size):
            texts = [text[c.span.start : c.span.end] for c in batch]
            docs = self.nlp.pipe(texts, batch_size=len(batch))
            yield from zip(batch, docs, strict=True)

    def annotate(
        self,
        article: Article,
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> Annotations:
        """Annotate ``article``; see :class:`newsreader.nlp.Annotator`."""
        chunks = _chunks(article, self.chunk_chars)
        total = len(chunks)
        candidates: list[Candidate] = []
        persons: list[PersonMention] = []
        intros: dict[int, Candidate] = {}
        index = EntityIndex()
        topics = TopicCollector()
        if progress:
            progress(0, total)
        for number, (chunk, doc) in enumerate(self._parsed(chunks, article.text)):
            if cancelled is not None and cancelled():
                raise AnnotationCancelled()
            offset = chunk.span.start
            paragraph = chunk.paragraph
            for whole in doc.ents:
                ent = name_part(whole)
                start = offset + ent.start_char
                index.add(
                    RawMention(start, offset + ent.end_char, ent.text, whole.label_),
                    before=article.text[max(0, start - 24) : start],
                )
            if self.fallback:
                found = fallback_candidates(doc.text, offset, paragraph)
                candidates.extend(found)
            else:
                found_candidates, found_persons = extract_candidates(
                    doc, offset, paragraph
                )
                candidates.extend(found_candidates)
                persons.extend(found_persons)
                intro = paragraph_intro(doc, offset, paragraph)
                if intro is not None:
                    intros[paragraph] = intro
                topics.add(doc, offset)
            if progress and (number % 16 == 15 or number + 1 == total):
                progress(number + 1, total)
        _hand_on_introductions(candidates, intros)
        return self._assemble(article, candidates, persons, index, topics)

    def _assemble(
        self,
        article: Article,
        candidates: list[Candidate],
        persons: list[PersonMention],
        index: EntityIndex,
        topics: TopicCollector,
    ) -> Annotations:
        adopt_speaker_names(index, candidates, article.text)
        learn_genders(index, persons, article.text)
        resolver = SpeakerResolver(index, persons, article.text)
        paragraphs = list(article.paragraphs)
        quotes: list[Quote] = []
        quote_counts: dict[str, int] = {}
        for candidate in sorted(candidates, key=lambda c: c.start):
            attribution = resolver.attribute(candidate, paragraphs)
            quote = build_quote(candidate, attribution)
            quotes.append(quote)
            if attribution.group is not None:
                quote_counts[attribution.group.key] = (
                    quote_counts.get(attribution.group.key, 0) + 1
                )
        quotes = with_unique_ids(quotes)
        entities = [
            Entity(
                name=group.name,
                label=group.label,
                mentions=tuple(Span(m.start, m.end) for m in group.mentions),
                variants=tuple(sorted(group.names)),
                quote_count=quote_counts.get(group.key, 0),
            )
            for group in index.groups
        ]
        entities.sort(key=lambda e: (-len(e.mentions), e.name))
        entity_words = {e.name.lower() for e in entities} | {
            v.lower() for e in entities for v in e.variants
        }
        return Annotations(
            article_sha256=article.sha256,
            engine=self.engine_id,
            quotes=tuple(quotes),
            entities=tuple(entities),
            topics=tuple(topics.ranked(entity_words)),
            fallback=self.fallback,
        )


def load_annotator(
    choice: ModelChoice | None = None,
    *,
    chunk_chars: int = MAX_PARAGRAPH_CHARS,
    batch_chars: int = BATCH_CHARS,
) -> SpacyAnnotator:
    """Load the annotator for ``choice`` (default: :func:`resolve_model`).

    Slow the first time (imports spaCy and loads the model); call it off the UI
    thread. ``chunk_chars`` and ``batch_chars`` are as for
    :class:`SpacyAnnotator`.
    """
    return SpacyAnnotator(
        choice or resolve_model(), chunk_chars=chunk_chars, batch_chars=batch_chars
    )
