"""Moving between quotes, entity mentions and search matches (no Textual).

These classes hold the reader's cursors and answer "where does ``]`` go
next?"; the screen applies the answer to the widgets. Every method is pure
bookkeeping over offsets, so it is tested without running the app.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.model import Quote, Span

MAX_SEARCH_MATCHES = 10_000
"""Searching stops after this many matches, keeping a one-letter search cheap."""


class QuoteCursor:
    """The current quote and the optional speaker filter.

    Quotes are kept in reading order. "Visible" quotes are all quotes, or only
    the filtered speaker's quotes while a filter is on.
    """

    def __init__(self, quotes: Sequence[Quote] = ()) -> None:
        self.quotes: tuple[Quote, ...] = tuple(sorted(quotes, key=lambda q: q.span))
        self._starts = [quote.span.start for quote in self.quotes]
        self.current: int | None = None
        """Index into :attr:`quotes` of the current quote."""
        self.speaker_filter: str | None = None
        """Only this speaker's quotes are navigable while set."""

    @property
    def current_quote(self) -> Quote | None:
        """The current quote, if any."""
        return None if self.current is None else self.quotes[self.current]

    def index_of(self, quote_id: str) -> int | None:
        """The index of the quote with id ``quote_id``."""
        for index, quote in enumerate(self.quotes):
            if quote.id == quote_id:
                return index
        return None

    def visible(self) -> list[int]:
        """Indices of the quotes that pass the speaker filter."""
        if self.speaker_filter is None:
            return list(range(len(self.quotes)))
        return [
            index
            for index, quote in enumerate(self.quotes)
            if quote.speaker == self.speaker_filter
        ]

    def step(
        self,
        forward: bool,
        *,
        from_offset: int | None = None,
        same_speaker: bool = False,
    ) -> int | None:
        """Find the next (or previous) quote; does not move the cursor.

        Args:
            forward: Search after (True) or before (False) the pivot.
            from_offset: Pivot on this article offset instead of the current
                quote (used when the current quote is off screen): forward
                finds the first quote starting at or after it, backward the
                last one starting before it.
            same_speaker: Only consider quotes by the current quote's speaker.

        Returns:
            The index of the quote to go to, or None when there is none.
        """
        pool = self.visible()
        if same_speaker:
            speaker = self.current_quote.speaker if self.current_quote else None
            if speaker is None:
                return None
            pool = [i for i in pool if self.quotes[i].speaker == speaker]
        if not pool:
            return None
        if from_offset is None and self.current is not None:
            if forward:
                position = bisect.bisect_right(pool, self.current)
                return pool[position] if position < len(pool) else None
            position = bisect.bisect_left(pool, self.current) - 1
            return pool[position] if position >= 0 else None
        pivot = 0 if from_offset is None else from_offset
        starts = [self._starts[i] for i in pool]
        if forward:
            position = bisect.bisect_left(starts, pivot)
            return pool[position] if position < len(pool) else None
        position = bisect.bisect_left(starts, pivot) - 1
        return pool[position] if position >= 0 else None

    def position(self) -> tuple[int, int]:
        """``(k, n)``: the current quote is the k-th (1-based) of n visible quotes.

        ``k`` is 0 when there is no current quote or it is filtered out.
        """
        pool = self.visible()
        if self.current is None or self.current not in pool:
            return 0, len(pool)
        return pool.index(self.current) + 1, len(pool)


@dataclass(slots=True)
class MentionCursor:
    """Stepping through the mentions of one selected entity or topic."""

    title: str
    """What the mentions are of, e.g. ``Catherine Doyle`` (for the status line)."""
    key: str
    """Identifies the selection, so choosing it again steps instead of restarting."""
    spans: tuple[Span, ...]
    current: int = -1

    def step(self, forward: bool) -> Span | None:
        """Move to the next or previous mention, wrapping around at the ends."""
        if not self.spans:
            return None
        if self.current < 0:
            self.current = 0 if forward else len(self.spans) - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % len(self.spans)
        return self.spans[self.current]


def find_matches(text: str, query: str, limit: int = MAX_SEARCH_MATCHES) -> list[Span]:
    """Non-overlapping occurrences of ``query`` in ``text``.

    Smart case: the search ignores case unless ``query`` contains a capital
    letter. The query is literal text, not a regular expression.
    """
    if not query:
        return []
    flags = 0 if any(character.isupper() for character in query) else re.IGNORECASE
    pattern = re.compile(re.escape(query), flags)
    matches: list[Span] = []
    for match in pattern.finditer(text):
        matches.append(Span(match.start(), match.end()))
        if len(matches) >= limit:
            break
    return matches


@dataclass(slots=True)
class SearchState:
    """The active search: its query, matches and current match."""

    query: str
    matches: list[Span]
    current: int = -1
    wrapped: bool = False
    """Whether the last step wrapped around the end (or start) of the article."""

    def step(self, forward: bool, *, from_offset: int | None = None) -> Span | None:
        """Move to the next or previous match, wrapping around like vim.

        Args:
            forward: Direction.
            from_offset: Pivot offset used when there is no current match (or it
                is off screen): the first match at or after it going forward,
                the last before it going backward.
        """
        self.wrapped = False
        if not self.matches:
            return None
        count = len(self.matches)
        if from_offset is not None or self.current < 0:
            pivot = from_offset or 0
            starts = [span.start for span in self.matches]
            if forward:
                position = bisect.bisect_left(starts, pivot)
                if position >= count:
                    position, self.wrapped = 0, True
            else:
                position = bisect.bisect_left(starts, pivot) - 1
                if position < 0:
                    position, self.wrapped = count - 1, True
            self.current = position
        else:
            following = self.current + (1 if forward else -1)
            self.wrapped = not 0 <= following < count
            self.current = following % count
        return self.matches[self.current]
