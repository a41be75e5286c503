"""Sentence boundaries in article text: one light heuristic for every caller.

Pure string work (no NLP, standard library only), shared by the review
workflow (the sentence around a quote, the span ``C`` cycles through) and the
export anchors (context sentences). A sentence ends at ``.``, ``!``, ``?`` or
``…`` (plus any closing quotation marks or brackets) followed by white space
and something that can start a sentence (a capital, a digit, an opening mark);
a full stop after an abbreviation ("Dr.", "U.S.") or an initial ("J. Smith")
ends nothing. Sentences never cross a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from newsreader.model import Span

__all__ = [
    "ABBREVIATIONS",
    "paragraph_bounds",
    "sentence_around",
    "sentence_ends",
    "sentence_spans",
]

ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr prof st sr jr gen col lt sgt capt gov sen rep rev hon "
    "no vs etc inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec "
    "mt ft u.s u.k e.g i.e a.m p.m".split()
)
"""Words that end with a full stop without ending a sentence."""

_SENTENCE_END: Final = re.compile(
    r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]*[A-Z0-9À-ÖØ-Þ])"
)
_WORD_BEFORE: Final = re.compile(r"([\w.]+)[.!?…]*[\"'”’»)\]]*$")
_PARAGRAPH_BREAK: Final = "\n\n"


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate sentence end is real (not ``Dr.`` or an initial)."""
    if not match.group().startswith("."):
        return True
    word = _WORD_BEFORE.search(text, max(match.end() - 40, 0), match.end())
    if word is None:
        return True
    token = word.group(1).rstrip(".").lower()
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. Smith"
    return token not in ABBREVIATIONS


def sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets just after each sentence end in ``text[start:end]``, in order.

    Only text before ``end`` is looked at, so ``end`` should be a paragraph's
    end (a boundary needs to see the start of the next sentence).
    """
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_boundary(text, match):
            yield match.end()


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph of ``text``, in order, never empty."""
    spans: list[Span] = []
    start = paragraph.start
    for end in sentence_ends(text, paragraph.start, paragraph.end):
        spans.append(Span(start, end))
        start = end
        while start < paragraph.end and text[start].isspace():
            start += 1
    if start < paragraph.end:
        spans.append(Span(start, paragraph.end))
    return [span for span in spans if len(span)]


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the paragraph (blank-line separated) holding ``offset``."""
    start = text.rfind(_PARAGRAPH_BREAK, 0, offset)
    start = 0 if start < 0 else start + len(_PARAGRAPH_BREAK)
    end = text.find(_PARAGRAPH_BREAK, offset)
    return start, len(text) if end < 0 else end


def sentence_around(text: str, span: Span) -> Span:
    """The sentence(s) holding ``span``, within its paragraph.

    Starts after the last sentence end before ``span`` and ends at the first
    sentence end at or after its end; the span's own inner full stops never
    cut it. Never narrower than ``span``.
    """
    para_start, para_end = paragraph_bounds(text, span.start)
    para_end = max(para_end, min(span.end, len(text)))
    start = para_start
    end = para_end
    for boundary in sentence_ends(text, para_start, para_end):
        if boundary <= span.start:
            start = boundary
        elif boundary >= span.end:
            end = boundary
            break
    while start < span.start and text[start].isspace():
        start += 1
    return Span(min(start, span.start), max(end, span.end))
