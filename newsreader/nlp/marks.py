"""Finding quoted stretches of text from quotation marks alone (no spaCy).

News copy is messy: straight and curly marks mix, apostrophes look like single
quotes, and a multi-paragraph quote opens a mark in every paragraph but closes
it only in the last. This module pairs marks within one paragraph and reports
an unclosed opening mark as a quote running to the paragraph's end, never
giving up on a paragraph because of an odd number of marks.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
ALL_MARKS = "\"'“”„‟«»‘’‚‛‹›`"
"""Every character that may open or close a quotation."""

_CLOSER_FOR = {"“": '”"', "„": "“”", "«": "»", '"': '"”', "‘": "’", "‹": "›"}
"""Marks that may close a run opened by each mark. Straight and curly double
marks close each other, since copy often mixes them (“…," or "…”)."""


@dataclass(frozen=True, slots=True)
class QuotedRun:
    """A top-level quoted stretch inside one paragraph (offsets into that paragraph)."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just past the closing mark, or the paragraph end when unclosed."""
    closed: bool
    """False when the paragraph ends before the closing mark."""

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _opens_straight(text: str, index: int) -> bool:
    """Whether the straight double mark at ``index`` opens (not closes) a quote."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/:;" or index == 0:
        return not after.isspace()
    return False


def find_quoted_runs(text: str) -> list[QuotedRun]:
    """Top-level double-quoted runs in one paragraph of ``text``.

    Single marks are treated as quotes only inside a double-quoted run (nested
    quotes, which stay part of the outer run) or when the paragraph has no
    double marks at all and a ``‘`` opens after a non-letter and closes before
    a non-letter (British-style quotes); apostrophes never start a quote.
    """
    original = text
    if "''" in text:
        # Two apostrophes standing for a double mark (''like this''): scan a
        # same-length copy where the pair reads as one straight double mark.
        text = text.replace("''", '"\x01')
    runs: list[QuotedRun] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        closers = ""
        if char in DOUBLE_OPEN:
            closers = _CLOSER_FOR[char]
        elif char == STRAIGHT_DOUBLE and _opens_straight(text, index):
            closers = _CLOSER_FOR[STRAIGHT_DOUBLE]
        if not closers:
            index += 1
            continue
        close, closed = _find_closer(text, index + 1, closers)
        if closed:
            runs.append(QuotedRun(index, close + 1, closed=True))
            index = close + 1
        else:
            end = close
            while end > index and text[end - 1].isspace():
                end -= 1
            runs.append(QuotedRun(index, end, closed=False))
            index = close
    if not runs:
        runs = _single_quoted_runs(original)
    runs = [
        QuotedRun(run.start, run.end + 1, True)
        if run.closed and run.end < length and text[run.end] == "\x01"
        else run
        for run in runs
    ]
    return [run for run in runs if _has_words(text, run)]


def _find_closer(text: str, start: int, closers: str) -> tuple[int, bool]:
    """Where the run opened just before ``start`` ends.

    Returns ``(index of the closing mark, True)``, or ``(index, False)`` when
    the run is never closed: it then ends at the paragraph end, or just before
    a fresh curly opening mark that follows whitespace ("“A … “B …”").
    """
    for index in range(start, len(text)):
        char = text[index]
        if char in closers:
            return index, True
        if char in DOUBLE_OPEN and char not in closers and text[index - 1].isspace():
            return index, False
    return len(text), False


def _single_quoted_runs(text: str) -> list[QuotedRun]:
    runs: list[QuotedRun] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in SINGLE_OPEN and (index == 0 or not _is_word_char(text[index - 1])):
            for close in range(index + 1, len(text)):
                if text[close] in SINGLE_CLOSE:
                    after = text[close + 1] if close + 1 < len(text) else " "
                    if not _is_word_char(after):
                        runs.append(QuotedRun(index, close + 1, closed=True))
                        index = close
                        break
            index += 1
            continue
        index += 1
    return runs


def _has_words(text: str, run: QuotedRun) -> bool:
    start, end = run.inner
    return any(_is_word_char(c) for c in text[start:end])
