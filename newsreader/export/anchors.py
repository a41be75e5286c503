"""Anchoring a quote to its source: context sentence, prefix/suffix, text fragment.

Pure string work over ``Article.text`` (no NLP). Sentence boundaries are
:mod:`newsreader.sentences`' (the same the review workflow uses), split once
per paragraph and looked up by bisection, so exporting n quotes stays linear.
"""

from __future__ import annotations

import bisect
import re
from typing import Final
from urllib.parse import quote as percent_encode

from newsreader.model import Article, Span
from newsreader.sentences import sentence_spans as split_sentences

SELECTOR_CONTEXT: Final = 32
"""Characters of prefix and suffix in a TextQuoteSelector (as Hypothesis uses)."""

FRAGMENT_WORDS: Final = 4
"""Words of ``textStart`` and ``textEnd`` when a quote is too long for one term."""

FRAGMENT_MAX_WORDS: Final = 8
"""Quotes up to this many words become a single ``text=`` term."""

QUOTE_PLACEHOLDER: Final = "⟪quote⟫"
"""Stands for the quote itself in its context sentence."""

_EDGE_PUNCTUATION: Final = re.compile(r"^[^\w]+|[^\w]+$")
_WHITESPACE: Final = re.compile(r"\s+")
_FRAGMENT_DELIMITERS: Final = str.maketrans({"-": "%2D", ",": "%2C", "&": "%26"})


def sentence_spans(article: Article, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph, as spans of ``article.text``
    (:func:`newsreader.sentences.sentence_spans`)."""
    return split_sentences(article.text, paragraph)


class _ArticleIndex:
    """Lookups over one article computed once and shared by all its quotes,
    so exporting n quotes never splits a paragraph or scans the text n times."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._starts = [paragraph.start for paragraph in article.paragraphs]
        self._sentences: dict[int, tuple[list[Span], list[int], list[int]]] = {}
        self._collapsed: str | None = None
        self._repeated: dict[str, bool] = {}

    def paragraph_index(self, offset: int) -> int:
        """As :meth:`Article.paragraph_index`, by bisection."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def sentences(self, number: int) -> tuple[list[Span], list[int], list[int]]:
        """The sentences of paragraph ``number`` with their starts and ends."""
        found = self._sentences.get(number)
        if found is None:
            spans = sentence_spans(self.article, self.article.paragraphs[number])
            found = (spans, [s.start for s in spans], [s.end for s in spans])
            self._sentences[number] = found
        return found

    def repeated(self, term: str) -> bool:
        """Whether ``term`` occurs more than once in the whitespace-collapsed
        text, ignoring case (the search stops at the second match)."""
        known = self._repeated.get(term)
        if known is None:
            if self._collapsed is None:
                self._collapsed = _collapse(self.article.text)
            matches = re.finditer(re.escape(term), self._collapsed, re.IGNORECASE)
            known = bool(term) and next(matches, None) is not None
            known = known and next(matches, None) is not None
            self._repeated[term] = known
        return known


_last_index: _ArticleIndex | None = None


def _index(article: Article) -> _ArticleIndex:
    """The lookups for ``article``, kept for the article used last."""
    global _last_index
    current = _last_index
    if current is None or current.article is not article:
        current = _ArticleIndex(article)
        _last_index = current
    return current


def paragraph_of(article: Article, offset: int) -> int:
    """Index (from 0) of the paragraph containing or following ``offset``;
    fast when called for many quotes of the same article."""
    return _index(article).paragraph_index(offset)


def _paragraph_range(article: Article, span: Span) -> tuple[int, int]:
    """Indices of the first and last paragraph holding part of ``span``."""
    index = _index(article)
    first = index.paragraph_index(span.start)
    last = index.paragraph_index(max(span.end - 1, span.start))
    return first, last


def _sentences_between(
    article: Article, first: int, last: int
) -> tuple[list[Span], list[int], list[int]]:
    """The sentences of paragraphs ``first`` to ``last`` with starts and ends."""
    index = _index(article)
    if first == last:
        return index.sentences(first)
    spans: list[Span] = []
    for number in range(first, last + 1):
        spans.extend(index.sentences(number)[0])
    return spans, [s.start for s in spans], [s.end for s in spans]


def context_span(article: Article, span: Span) -> Span:
    """The sentence(s) around ``span``, widened so they say more than the quote.

    Starts with the sentence holding the quote's start and ends with the one
    holding its end. When nothing precedes the quote in its sentence, the
    previous sentence of the paragraph is included, and likewise the next one
    when nothing follows it. A quote that is a whole paragraph gets the last
    sentence of the previous paragraph (or the first of the next).
    """
    paragraphs = article.paragraphs
    if not paragraphs:
        return span
    first_paragraph, last_paragraph = _paragraph_range(article, span)
    sentences, starts, ends = _sentences_between(
        article, first_paragraph, last_paragraph
    )
    if not sentences:
        return span
    first = min(bisect.bisect_right(ends, span.start), len(sentences) - 1)
    last = bisect.bisect_left(starts, span.end) - 1
    last = max(last if last >= 0 else first, first)
    text = article.text
    if not text[sentences[first].start : span.start].strip() and first > 0:
        first -= 1
    if not text[span.end : sentences[last].end].strip() and last + 1 < len(sentences):
        last += 1
    start = min(sentences[first].start, span.start)
    end = max(sentences[last].end, span.end)
    if not text[start : span.start].strip() and not text[span.end : end].strip():
        # The quote is a paragraph of its own: borrow from a neighbour.
        index = _index(article)
        if first_paragraph > 0:
            previous = index.sentences(first_paragraph - 1)[0]
            start = previous[-1].start if previous else start
        elif last_paragraph + 1 < len(paragraphs):
            following = index.sentences(last_paragraph + 1)[0]
            end = following[0].end if following else end
    return Span(start, end)


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def context_parts(article: Article, span: Span) -> tuple[str, str]:
    """The context before and after the quote, whitespace collapsed.

    A part keeps one space on the quote's side when the article has whitespace
    there, so ``before + quote + after`` reads as the article does. A part
    starts (or ends) with ``…`` when the context begins (or ends) inside a
    paragraph.
    """
    around = context_span(article, span)
    before = _collapse(article.text[around.start : span.start]).lstrip()
    after = _collapse(article.text[span.end : around.end]).rstrip()
    paragraphs = article.paragraphs
    index = _index(article)
    if (
        before
        and paragraphs
        and paragraphs[index.paragraph_index(around.start)].start < around.start
    ):
        before = "…" + before
    if (
        after
        and paragraphs
        and paragraphs[index.paragraph_index(around.end - 1)].end > around.end
    ):
        after = after + ("…" if after[-1].isalnum() else " …")
    return before, after


def context_sentence(article: Article, span: Span) -> str:
    """The context with the quote shown as ``⟪quote⟫``."""
    before, after = context_parts(article, span)
    return (before + QUOTE_PLACEHOLDER + after).strip()


def selector_prefix(article: Article, span: Span, size: int = SELECTOR_CONTEXT) -> str:
    """Up to ``size`` characters of article text just before ``span``."""
    return article.text[max(span.start - size, 0) : span.start]


def selector_suffix(article: Article, span: Span, size: int = SELECTOR_CONTEXT) -> str:
    """Up to ``size`` characters of article text just after ``span``."""
    return article.text[span.end : span.end + size]


def encode_fragment_term(term: str) -> str:
    """A text-directive term percent-encoded (``-``, ``,`` and ``&`` included)."""
    return percent_encode(term, safe="").translate(_FRAGMENT_DELIMITERS)


def _words(text: str) -> list[str]:
    return _WHITESPACE.sub(" ", text).strip().split(" ") if text.strip() else []


def _trim(text: str) -> str:
    """``text`` without the quote marks and punctuation at its ends."""
    return _EDGE_PUNCTUATION.sub("", text)


def _last_words(text: str, low: int, high: int, count: int) -> list[str]:
    """The last ``count`` words of ``text[low:high]``, reading only as far
    back as needed (a long paragraph is not split for every quote)."""
    window = 256
    while True:
        start = max(low, high - window)
        words = _words(text[start:high])
        # Past the first word (possibly cut short), every word is whole.
        if start == low or len(words) > count:
            return words[-count:] if count else []
        window *= 4


def _first_words(text: str, low: int, high: int, count: int) -> list[str]:
    """The first ``count`` words of ``text[low:high]``, reading only as far
    ahead as needed."""
    window = 256
    while True:
        end = min(high, low + window)
        words = _words(text[low:end])
        if end == high or len(words) > count:
            return words[:count]
        window *= 4


def text_directive(article: Article, span: Span) -> str | None:
    """The ``text=…`` directive that finds ``span`` in the rendered page.

    Short quotes become one term; long or multi-paragraph ones a
    ``textStart,textEnd`` pair (a single term never crosses a block). Quote
    marks and punctuation at the ends are left out, since a page may render
    them differently from the extracted text. When the start is not unique in
    the article, the words before it in its paragraph are added as a
    ``prefix-`` term (or, at a paragraph's start, the words after the quote as
    a ``-suffix``).
    """
    text = article.span_text(span)
    lines = [line for line in (_trim(line) for line in text.splitlines()) if line]
    if not lines:
        return None
    single_block = len(lines) == 1
    words = _words(" ".join(lines))
    if single_block and len(words) <= FRAGMENT_MAX_WORDS:
        terms = [" ".join(words)]
        start_term = terms[0]
    else:
        first_words = _words(lines[0])
        last_words = _words(lines[-1])
        start_term = " ".join(first_words[:FRAGMENT_WORDS])
        end_term = " ".join(last_words[-FRAGMENT_WORDS:])
        terms = [start_term, end_term]
    directive = ",".join(encode_fragment_term(term) for term in terms)
    if _index(article).repeated(start_term):
        prefix, suffix = _context_terms(article, span, start_term, terms[-1])
        if prefix:
            directive = f"{encode_fragment_term(prefix)}-,{directive}"
        elif suffix:
            directive = f"{directive},-{encode_fragment_term(suffix)}"
    return "text=" + directive


def _context_terms(
    article: Article, span: Span, start_term: str, end_term: str
) -> tuple[str, str]:
    """Up to three words just before the match, else just after it.

    Both stay inside the quote's paragraph: a term never crosses a block.
    """
    text = article.text
    first_paragraph, last_paragraph = _paragraph_range(article, span)
    paragraphs = article.paragraphs
    offset = text.find(start_term, span.start, span.end)
    start = span.start if offset < 0 else offset
    paragraph_start = paragraphs[first_paragraph].start if paragraphs else 0
    prefix = " ".join(_last_words(text, paragraph_start, start, 3))
    if any(character.isalnum() for character in prefix):
        return prefix, ""
    end_offset = text.rfind(end_term, span.start, span.end)
    end = span.end if end_offset < 0 else end_offset + len(end_term)
    paragraph_end = paragraphs[last_paragraph].end if paragraphs else len(text)
    suffix = " ".join(_first_words(text, end, paragraph_end, 3))
    if any(character.isalnum() for character in suffix):
        return "", suffix
    return "", ""


def fragment_url(url: str, article: Article, span: Span) -> str | None:
    """``url`` with a ``#:~:text=`` directive that scrolls to ``span``.

    An existing fragment of ``url`` is kept (the directive follows it); spaces
    and parentheses in ``url`` are percent-encoded so the link survives
    Markdown.
    """
    directive = text_directive(article, span)
    if directive is None:
        return None
    safe_url = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    separator = ":~:" if "#" in safe_url else "#:~:"
    return f"{safe_url}{separator}{directive}"
