"""Moving between quotes, entity mentions and search matches (no Textual).

These classes hold the reader's cursors and answer "where does ``]`` go
next?"; the screen applies the answer to the widgets. Every method is pure
bookkeeping over offsets, so it is tested without running the app.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

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


class Matches(Sequence[Span]):
    """Search matches in reading order, kept as offsets (spans built on access).

    A one-letter search at 100,000 words finds thousands of matches; keeping
    two lists of integers instead of one object per match keeps a keystroke
    in the search bar cheap.
    """

    __slots__ = ("ends", "starts")

    def __init__(self, starts: Sequence[int] = (), ends: Sequence[int] = ()) -> None:
        self.starts = starts
        """Start offsets, ascending."""
        self.ends = ends
        """End offsets, ascending (matches never overlap)."""

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Span: ...

    @overload
    def __getitem__(self, index: slice) -> list[Span]: ...

    def __getitem__(self, index: int | slice) -> Span | list[Span]:
        if isinstance(index, slice):
            return [
                Span(start, end)
                for start, end in zip(self.starts[index], self.ends[index], strict=True)
            ]
        return Span(self.starts[index], self.ends[index])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


@functools.lru_cache(maxsize=2)
def _lowered(text: str) -> str | None:
    """``text`` in lower case, or None when that changes its length."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def find_matches(text: str, query: str, limit: int = MAX_SEARCH_MATCHES) -> Matches:
    """Non-overlapping occurrences of ``query`` in ``text``.

    Smart case: the search ignores case unless ``query`` contains a capital
    letter. The query is literal text, not a regular expression.
    """
    if not query:
        return Matches()
    sensitive = any(character.isupper() for character in query)
    haystack = text if sensitive else _lowered(text)
    needle = query if sensitive else query.lower()
    if haystack is None or len(needle) != len(query):
        # Rare letters whose lower case is longer: let the regex engine match.
        pattern = re.compile(re.escape(query), 0 if sensitive else re.IGNORECASE)
        found = [
            match.span() for match in itertools.islice(pattern.finditer(text), limit)
        ]
        return Matches([s for s, _ in found], [e for _, e in found])
    starts: list[int] = []
    find = haystack.find
    size = len(needle)
    position = find(needle)
    while position >= 0 and len(starts) < limit:
        starts.append(position)
        position = find(needle, position + size)
    return Matches(starts, [start + size for start in starts])


@dataclass(slots=True)
class SearchState:
    """The active search: its query, matches and current match."""

    query: str
    matches: Matches = field(default_factory=Matches)
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
            starts = self.matches.starts
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
