"""What the reader is doing in one article, kept apart from the widgets (no Textual).

:class:`ReadingState` holds the annotations, the quote cursor and speaker
filter, the search, the selected entity or topic, the marks and whether
entities are highlighted. It answers the questions the reader screen asks
("which quotes are marked?", "what does the quote layer look like now?",
"which quotes would ``e`` export?") and the screen applies the answers to the
widgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsreader.model import Annotations, Quote, Span
from newsreader.review import QuoteState, ReviewedAnnotations
from newsreader.ui.highlights import Highlight, HighlightLayer, OnDemandLayer
from newsreader.ui.labels import ENTITY_CLASSES, assign_speaker_slots, entity_group
from newsreader.ui.marks import QuoteMarks
from newsreader.ui.navigation import (
    MentionCursor,
    QuoteCursor,
    SearchState,
    find_matches,
)
from newsreader.ui.text import one_line

UNATTRIBUTED_CLASS = "article--quote-unattributed"
"""Article-view style of a quote without an identified speaker."""

REVIEW_CLASSES = {
    "verified": "article--verified",
    "edited": "article--edited",
}
"""Article-view style marking a reviewed quote (its gutter shows a symbol)."""

TO_CHECK_CLASS = "article--to-check"
"""Article-view style of an unreviewed quote that needs a look (gutter ``!``)."""

UNRESOLVED_SPEAKER_CLASS = "article--speaker-unresolved"
"""Article-view style of a speaker mention not resolved to a name."""


def plural(count: int, word: str = "quote") -> str:
    """``1 quote``, ``2 quotes``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class ExportOption:
    """One "which quotes" choice of the export dialog."""

    key: str
    """``marked``, ``current``, ``speaker`` or ``all``."""
    label: str
    """Plain text shown next to the choice."""
    quote_ids: tuple[str, ...] | None
    """The quotes to export; None means every quote."""


@dataclass(frozen=True, slots=True)
class MarkAllResult:
    """What ``V`` did."""

    visible: int
    """Quotes in view (the filtered speaker's, or all)."""
    added: int
    """Quotes newly marked."""
    marked: int
    """Quotes marked now, in all."""
    speaker: str | None
    """The speaker filter in force, if any."""

    def message(self) -> str:
        """One line for the user."""
        who = f" by {one_line(self.speaker, 40)}" if self.speaker is not None else ""
        if not self.visible:
            return "No quotes to mark"
        if not self.added:
            return f"All {plural(self.visible)}{who} are already marked"
        return f"Marked {plural(self.added)}{who} · {self.marked} marked"


class ReadingState:
    """The reading state of one article."""

    def __init__(self) -> None:
        self.annotations: Annotations | None = None
        """The annotations, once ready."""
        self.cursor = QuoteCursor()
        """Current quote and speaker filter."""
        self.search: SearchState | None = None
        """The active search, if any."""
        self.mentions: MentionCursor | None = None
        """The selected entity or topic whose mentions are highlighted."""
        self.marks = QuoteMarks()
        """The quotes the user marked for export."""
        self.entities_shown = False
        """Whether entity mentions are highlighted."""
        self.slots: dict[str, int] = {}
        """Colour slot of each speaker."""
        self.reviewed: ReviewedAnnotations | None = None
        """The annotations with the reporter's reviews (what is shown)."""
        self._to_check: tuple[Quote, ...] = ()
        """``reviewed.to_check()``, worked out once per reviewed view."""
        self._quote_ids: frozenset[str] = frozenset()
        """Ids of the shown quotes, for filtering marks."""

    # -- annotations -----------------------------------------------------------

    def set_annotations(self, annotations: Annotations) -> None:
        """Start over on ``annotations`` (marks are kept)."""
        self.annotations = annotations
        self._quote_ids = frozenset(quote.id for quote in annotations.quotes)
        self.cursor = QuoteCursor(annotations.quotes)
        self.slots = assign_speaker_slots(annotations)

    def set_reviewed(self, reviewed: ReviewedAnnotations) -> None:
        """Show ``reviewed``: keeps the current quote (by id) and the speaker
        filter when they still exist."""
        current = self.cursor.current_quote
        speaker_filter = self.cursor.speaker_filter
        self.reviewed = reviewed
        self._to_check = tuple(reviewed.to_check())
        self.set_annotations(reviewed.annotations)
        if current is not None:
            self.cursor.current = self.cursor.index_of(current.id)
        if speaker_filter is not None and any(
            quote.speaker == speaker_filter for quote in self.cursor.quotes
        ):
            self.cursor.speaker_filter = speaker_filter

    def quote_state(self, quote: Quote) -> QuoteState | None:
        """The review state of a shown quote."""
        return None if self.reviewed is None else self.reviewed.state(quote.id)

    def to_check_count(self) -> int | None:
        """How many quotes still need a look (None before annotations)."""
        return None if self.reviewed is None else len(self._to_check)

    def step_to_check(self, forward: bool, from_offset: int | None) -> int | None:
        """The index of the next (or previous) quote that needs a look.

        Starts from the current quote, or from ``from_offset`` when given.
        """
        if self.reviewed is None:
            return None
        wanted = {quote.id for quote in self._to_check}
        quotes = self.cursor.quotes
        pool = [i for i in self.cursor.visible() if quotes[i].id in wanted]
        if not pool:
            return None
        current = self.cursor.current
        if from_offset is not None or current is None:
            pivot = from_offset or 0
            if forward:
                later = [i for i in pool if quotes[i].span.start >= pivot]
                return later[0] if later else None
            earlier = [i for i in pool if quotes[i].span.start < pivot]
            return earlier[-1] if earlier else None
        if forward:
            later = [i for i in pool if i > current]
            return later[0] if later else None
        earlier = [i for i in pool if i < current]
        return earlier[-1] if earlier else None

    # -- marks -----------------------------------------------------------------

    @property
    def marked_ids(self) -> tuple[str, ...]:
        """Ids of the marked quotes in marking order (only quotes that exist)."""
        if self.annotations is None:
            return self.marks.known(None)
        return self.marks.known(self._quote_ids)

    def toggle_current_mark(self) -> bool | None:
        """Mark or unmark the current quote; None when there is none."""
        quote = self.cursor.current_quote
        if quote is None:
            return None
        return self.marks.toggle(quote.id)

    def mark_visible(self) -> MarkAllResult:
        """Mark every quote in view (the filtered speaker's, or all)."""
        cursor = self.cursor
        ids = [cursor.quotes[index].id for index in cursor.visible()]
        added = self.marks.add(ids) if ids else []
        return MarkAllResult(
            len(ids), len(added), len(self.marked_ids), cursor.speaker_filter
        )

    # -- quotes ----------------------------------------------------------------

    def speaker_class(self, quote: Quote) -> str:
        """The article-view style naming the colour of ``quote``'s speaker."""
        slot = self.slots.get(quote.speaker) if quote.speaker else None
        return UNATTRIBUTED_CLASS if slot is None else f"article--speaker-{slot}"

    def set_speaker_filter(self, speaker: str | None) -> None:
        """Show only ``speaker``'s quotes (None: all); a current quote by
        someone else stops being current."""
        cursor = self.cursor
        cursor.speaker_filter = speaker
        current = cursor.current_quote
        if speaker is not None and current is not None and current.speaker != speaker:
            cursor.current = None

    def quote_at(self, offset: int) -> int | None:
        """The index of the visible quote containing ``offset``."""
        cursor = self.cursor
        for index in cursor.visible():
            if cursor.quotes[index].span.contains(offset):
                return index
        return None

    def quote_highlights(
        self, indices: Iterable[int] | None = None
    ) -> tuple[list[Highlight], list[Highlight]]:
        """The quote layer and the speaker-and-cue layer of the visible quotes
        (or of the quotes at ``indices`` only)."""
        quotes: list[Highlight] = []
        speakers: list[Highlight] = []
        cursor = self.cursor
        for index in cursor.visible() if indices is None else indices:
            quote = cursor.quotes[index]
            colour = self.speaker_class(quote)
            span = quote.span
            state = self.quote_state(quote)
            styles: tuple[str, ...] = (colour, "article--quote")
            reviewed = REVIEW_CLASSES.get(state.status) if state else None
            if reviewed is None and state is not None and state.needs_check:
                reviewed = TO_CHECK_CLASS
            if reviewed is not None:
                styles += (reviewed,)
            quotes.append(Highlight(span.start, span.end, styles, index))
            if quote.cue_span is not None:
                cue = quote.cue_span
                speakers.append(Highlight(cue.start, cue.end, ("article--cue",), index))
            if quote.speaker_span is not None:
                who = quote.speaker_span
                style = (
                    "article--speaker" if quote.speaker else UNRESOLVED_SPEAKER_CLASS
                )
                speakers.append(Highlight(who.start, who.end, (colour, style), index))
        return quotes, speakers

    def marked_layer(self) -> HighlightLayer:
        """The marked layer: the visible quotes that are marked.

        Highlights are made only for the lines on screen, so marking every
        quote of a long article costs two lists of offsets here.
        """
        cursor = self.cursor
        quotes = cursor.quotes
        marks = self.marks
        indices = sorted(
            (index for index in cursor.visible() if quotes[index].id in marks),
            key=lambda index: (quotes[index].span.start, quotes[index].span.end),
        )

        def make(position: int) -> Highlight:
            index = indices[position]
            quote = quotes[index]
            return Highlight(
                quote.span.start,
                quote.span.end,
                (self.speaker_class(quote), "article--marked"),
                index,
            )

        return OnDemandLayer(
            [quotes[index].span.start for index in indices],
            [quotes[index].span.end for index in indices],
            make,
        )

    def current_highlight(self) -> Highlight | None:
        """The current quote as a highlight (its tag is the quote's index)."""
        index = self.cursor.current
        if index is None:
            return None
        quote = self.cursor.quotes[index]
        return Highlight(
            quote.span.start, quote.span.end, (self.speaker_class(quote),), index
        )

    def entity_highlights(self) -> list[Highlight]:
        """The entity layer (empty while entities are hidden or unknown)."""
        if not self.entities_shown or self.annotations is None:
            return []
        return [
            Highlight(s.start, s.end, (ENTITY_CLASSES[entity_group(entity.label)],))
            for entity in self.annotations.entities
            for s in entity.mentions
        ]

    # -- mentions and search -----------------------------------------------------

    def select_mentions(self, title: str, key: str, spans: Iterable[Span]) -> bool:
        """Select an entity's or topic's mentions; False when already selected."""
        if self.mentions is not None and self.mentions.key == key:
            return False
        self.mentions = MentionCursor(title, key, tuple(sorted(spans)))
        return True

    def start_search(self, text: str, query: str) -> SearchState | None:
        """Search ``text`` for ``query`` (an empty query ends the search)."""
        self.search = SearchState(query, find_matches(text, query)) if query else None
        return self.search

    # -- export ----------------------------------------------------------------

    def marked_or_current(self) -> tuple[str, ...]:
        """What ``e`` exports: the marked quotes, else the current one, else none."""
        marked = self.marked_ids
        if marked:
            return marked
        quote = self.cursor.current_quote
        return (quote.id,) if quote is not None else ()

    def export_options(self) -> list[ExportOption]:
        """The export dialog's "which quotes" choices, the default first."""
        cursor = self.cursor
        options: list[ExportOption] = []
        marked = self.marked_ids
        if marked:
            options.append(
                ExportOption("marked", f"Marked quotes ({len(marked)})", marked)
            )
        quote = cursor.current_quote
        if quote is not None:
            speaker = one_line(quote.display_speaker or "no speaker", 40)
            options.append(
                ExportOption("current", f"Current quote ({speaker})", (quote.id,))
            )
        if cursor.speaker_filter is not None:
            ids = tuple(cursor.quotes[index].id for index in cursor.visible())
            who = one_line(cursor.speaker_filter, 40)
            options.append(
                ExportOption("speaker", f"Quotes by {who} ({len(ids)})", ids)
            )
        options.append(ExportOption("all", f"All quotes ({len(cursor.quotes)})", None))
        return options
