"""The article pane: a Line-API ``ScrollView`` that wraps and highlights lazily.

Only the lines on screen are ever styled. Paragraphs are wrapped into offsets
(:mod:`newsreader.ui.layout`); ``render_line`` slices the displayed text for one
line, applies the highlights that overlap it (:mod:`newsreader.ui.highlights`)
and caches the strip. The cache is cleared when the width, the theme or the
highlights change. On a resize the text re-wraps and the character offset at
the top of the view stays at the top.

Non-colour cues (for colour-blind readers and ``NO_COLOR``): quotes are
underlined, speaker mentions bold, lines holding a quote carry a ``▌`` gutter
marker, the current quote has ``▶``/``┃`` markers, bold text and a band,
the line where a quote starts shows its review state next to that marker
(``✔`` verified, ``✎`` edited, ``!`` to check; ``▶✔`` on the current quote),
quotes marked for export are bold with a ``✓`` after that, unresolved speaker
mentions are italic rather than bold, and
search matches are bold (the current one underlined as well; with ``NO_COLOR``
matches are reversed, see ``newsreader.tcss``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.selection import Selection
from textual.strip import Strip

from newsreader.model import Article, Span
from newsreader.ui.actions import bindings_for
from newsreader.ui.highlights import Highlight, HighlightLayer, Highlights
from newsreader.ui.layout import (
    LineIndex,
    estimate_line_count,
    extend_line_index,
    is_single_cell,
)
from newsreader.ui.palette import ENTITY_LABEL_GROUPS, SPEAKER_SLOTS
from newsreader.ui.text import display_text
from newsreader.ui.widgets.scrollbar import cached_vertical_scrollbar

LAYERS = (
    "entities",
    "quotes",
    "speakers",
    "marked",
    "current",
    "focus",
    "focus-current",
    "search",
    "search-current",
)
"""Highlight layers, bottom to top."""

PREFETCH_BATCH = 8
"""Lines rendered ahead per idle callback (see :meth:`ArticleView._prefetch`)."""

WRAP_CHUNK_LINES = 2_000
"""Lines wrapped per frame after the first paint (a few ms), so wrapping a
long article never holds up a key press for long."""

GUTTER_WIDTH = 3
"""Cells left of the text: the quote marker, the review state of a quote
starting on the line, and the marked-for-export tick."""

GUTTER_QUOTE = "▌"
"""Gutter marker of a line holding (part of) a quote."""
GUTTER_CURRENT_START = "▶"
"""Gutter marker of the first line of the current quote."""
GUTTER_CURRENT = "┃"
"""Gutter marker of the other lines of the current quote."""
GUTTER_MARKED = "✓"
"""Third gutter cell of the line where a quote marked for export starts."""
GUTTER_REVIEWED = {
    "article--to-check": "!",
    "article--edited": "✎",
    "article--verified": "✔",
}
"""Second gutter cell of the line where a quote in that review state starts
(most pressing first, for a line where several quotes start)."""


def _entity_classes() -> str:
    return "\n".join(
        f"    ArticleView > .article--entity-{group} "
        f"{{ background: $entity-{group}; text-style: italic; }}"
        for group in ENTITY_LABEL_GROUPS
    )


def _speaker_classes() -> str:
    """Quote text in ``speaker-N-fg`` on ``speaker-N-bg``; markers in ``speaker-N``."""
    return "\n".join(
        f"    ArticleView > .article--speaker-{slot} "
        f"{{ color: $speaker-{slot}-fg; background: $speaker-{slot}-bg; }}\n"
        f"    ArticleView > .article--speaker-{slot}-gutter "
        f"{{ color: $speaker-{slot}; }}"
        for slot in range(1, SPEAKER_SLOTS + 1)
    )


def marker_classes(names: tuple[str, ...]) -> tuple[str, ...]:
    """The gutter-marker classes for a quote's style names.

    A speaker's marker takes the speaker's own colour (``speaker-N``), never the
    text colour or band of their quotes (``speaker-N-fg``/``-bg``).
    """
    return tuple(
        f"{name}-gutter" if name.startswith("article--speaker-") else name
        for name in names
    )


class ArticleView(ScrollView, can_focus=True):
    """Shows one article with quotes, speakers, entities and search matches."""

    BINDINGS = bindings_for("article")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--heading",
        "article--byline",
        "article--gutter",
        "article--quote",
        "article--quote-unattributed",
        "article--cue",
        "article--speaker",
        "article--speaker-unresolved",
        "article--verified",
        "article--edited",
        "article--to-check",
        "article--review-gutter",
        "article--marked",
        "article--marked-gutter",
        "article--current-quote",
        "article--current-gutter",
        "article--focus-mention",
        "article--focus-current",
        "article--search-match",
        "article--search-current",
        "article--entity-person",
        "article--entity-org",
        "article--entity-place",
        "article--entity-other",
        *(f"article--speaker-{slot}" for slot in range(1, SPEAKER_SLOTS + 1)),
        *(f"article--speaker-{slot}-gutter" for slot in range(1, SPEAKER_SLOTS + 1)),
    }
    """Style names used by highlights; their colours are theme variables."""

    DEFAULT_CSS = (
        """
    ArticleView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        padding: 0 1;
    }
    ArticleView > .article--heading { text-style: bold; }
    ArticleView > .article--byline { text-style: italic; color: $foreground 75%; }
    ArticleView > .article--gutter { color: $gutter-fg; }
    ArticleView > .article--quote { text-style: underline; }
    ArticleView > .article--quote-unattributed { color: $quote-fg; }
    ArticleView > .article--cue { text-style: italic; }
    ArticleView > .article--speaker { text-style: bold; }
    ArticleView > .article--speaker-unresolved { text-style: italic; }
    ArticleView > .article--marked {
        text-style: bold;
        background: $marked-quote-bg;
    }
    ArticleView > .article--marked-gutter {
        text-style: bold;
        color: $marked-quote-fg;
    }
    ArticleView > .article--current-quote {
        background: $current-quote-bg;
        text-style: bold;
    }
    ArticleView > .article--current-gutter { text-style: bold; }
    ArticleView > .article--review-gutter { text-style: bold; }
    ArticleView > .article--focus-mention {
        background: $focus-mention-bg;
        text-style: bold;
    }
    ArticleView > .article--focus-current { text-style: bold reverse; }
    ArticleView > .article--search-match {
        background: $search-match-bg;
        color: $search-match-fg;
        text-style: bold;
    }
    ArticleView > .article--search-current {
        background: $search-current-bg;
        color: $search-match-fg;
        text-style: bold underline;
    }
"""
        + _entity_classes()
        + _speaker_classes()
    )

    SCROLL_MARGIN: ClassVar[int] = 3
    """Lines kept above a quote jumped to (fewer on a short view)."""

    MAX_TEXT_WIDTH: ClassVar[int] = 100
    """Lines never get longer than this many cells, for readability."""

    class Moved(Message):
        """The view scrolled (the reading position changed)."""

    class Clicked(Message):
        """The user clicked on the text at article ``offset``."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(
        self,
        article: Article,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        """The article shown."""
        self._index: LineIndex | None = None
        self._frame: tuple[Style, int] | None = None
        self._prefetch_pending = False
        self._cache: LRUCache[int, Strip] = LRUCache(512)
        self._styles: dict[tuple[str, ...], Style] = {}
        self._top_offset = 0
        self._rewrapping = False
        self._current: Highlight | None = None
        self._count = ""
        self._count_stale = False
        self._paragraph_starts: list[int] | None = None
        self._current_seen = False
        self._seen_size = Size(0, 0)
        self._heading_paragraphs = self._find_heading_paragraphs()
        self.highlights = Highlights(LAYERS)
        """The highlight layers; call :meth:`refresh_highlights` after changing them."""

    # -- layout ---------------------------------------------------------------

    def _find_heading_paragraphs(self) -> dict[int, str]:
        """Paragraph index to component class for the headline and byline."""
        article = self.article
        found: dict[int, str] = {}
        paragraphs = article.paragraphs
        if (
            paragraphs
            and article.span_text(paragraphs[0]).strip() == article.title.strip()
        ):
            found[0] = "article--heading"
            if article.byline and len(paragraphs) > 1:
                second = article.span_text(paragraphs[1])
                if article.byline in second and len(second) < len(article.byline) + 8:
                    found[1] = "article--byline"
        return found

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The scrollbar, drawn from cached strips (see :mod:`.scrollbar`)."""
        return cached_vertical_scrollbar(self)

    @property
    def text_width(self) -> int:
        """Width available for text, in cells."""
        return self._text_width_for(self.scrollable_content_region.width)

    def _text_width_for(self, region_width: int) -> int:
        return max(min(region_width - GUTTER_WIDTH, self.MAX_TEXT_WIDTH), 8)

    @property
    def line_index(self) -> LineIndex:
        """The wrapped lines at the current width (wrapping the rest if needed)."""
        index = self._layout()
        if not index.complete:
            self._finish_wrap()
        return index

    def _layout(self, text_width: int | None = None) -> LineIndex:
        """The current, possibly partial, index (re-wrapped if the width changed)."""
        if text_width is None:
            text_width = self.text_width
        if self._index is None or self._index.width != text_width:
            self._rewrap()
        assert self._index is not None
        return self._index

    def _rewrap(self) -> None:
        """Re-wrap to the current width, keeping the top offset at the top.

        At the top of the article only the first few screens are wrapped before
        the first paint; the rest follows right after it (see
        :meth:`_finish_wrap`). Elsewhere (a resize mid-article) the whole text is
        wrapped at once, so the anchor line is exact.
        """
        anchor = self._top_offset
        article = self.article
        index = LineIndex(self.text_width)
        first_screens = None if anchor else max(self.size.height, 24) * 3
        extend_line_index(
            index, article.text, article.paragraphs, max_lines=first_screens
        )
        self._index = index
        self._cache.clear()
        if not index.complete:
            self.call_after_refresh(self._wrap_more, index)
        self._rewrapping = True
        try:
            self._update_virtual_size()
            self.scroll_to(y=index.line_for_offset(anchor), animate=False, force=True)
        finally:
            self._rewrapping = False
        self._top_offset = anchor

    def _update_virtual_size(self) -> None:
        index = self._index
        if index is None:
            return
        height = len(index)
        if not index.complete:
            article = self.article
            estimate = estimate_line_count(
                len(article.text), len(article.paragraphs), index.width
            )
            height = max(height, estimate)
        self.virtual_size = Size(index.width + GUTTER_WIDTH, height)

    def _wrap_more(self, index: LineIndex) -> None:
        """Wrap one more chunk of a partial index, then yield to the next frame."""
        if index is not self._index or index.complete:
            return
        extend_line_index(
            index,
            self.article.text,
            self.article.paragraphs,
            max_lines=len(index) + WRAP_CHUNK_LINES,
        )
        self._update_virtual_size()
        if not index.complete:
            self.call_after_refresh(self._wrap_more, index)

    def _finish_wrap(self) -> None:
        """Wrap the paragraphs a partial index has not reached yet."""
        index = self._index
        if index is None or index.complete:
            return
        extend_line_index(index, self.article.text, self.article.paragraphs)
        self._update_virtual_size()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the text width changed; keep the current quote in view.

        The top line's offset stays at the top; if the current quote was on
        screen before the resize, it is brought back into view after it.
        """
        current = self._current
        keep = current is not None and self._current_seen
        self._seen_size = self.size
        if self._index is None or self._index.width != self.text_width:
            self._rewrap()
            self.refresh()
        if keep and current is not None:
            self.show_span(Span(current.start, max(current.end, current.start + 1)))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Remember the offset at the top of the view (the resize anchor)."""
        super().watch_scroll_y(old_value, new_value)
        index = self._index
        if not self._rewrapping and index is not None and len(index):
            if int(new_value) >= len(index) and not index.complete:
                self._finish_wrap()
            line = min(int(new_value), len(index) - 1)
            self._top_offset = index.starts[line]
        if int(old_value) != int(new_value):
            self.post_message(self.Moved())

    @property
    def top_offset(self) -> int:
        """Article offset of the first character in the top line of the view."""
        return self._top_offset

    def is_span_visible(self, span: Span) -> bool:
        """Whether all of ``span`` is on screen (or it fills the whole screen)."""
        lines = self.line_index.lines_for_span(span)
        top = int(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        if len(lines) >= bottom - top:
            return lines.start < bottom and lines.stop > top
        return lines.start >= top and lines.stop <= bottom

    def show_span(self, span: Span) -> None:
        """Scroll so that ``span`` is in view, with some context above it.

        A span already on screen but within :attr:`SCROLL_MARGIN` lines of the
        top is moved down too, so the line naming a quote's speaker (often the
        one before it) stays in view.
        """
        lines = self.line_index.lines_for_span(span)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        margin = min(self.SCROLL_MARGIN, height // 6)
        if self.is_span_visible(span):
            if top == 0 or lines.start - top >= margin or len(lines) >= height:
                return
            self.scroll_to(y=max(lines.start - margin, 0), animate=False)
            return
        context = height // 4 if len(lines) < height - height // 4 else 0
        self.scroll_to(y=max(lines.start - context, 0), animate=False)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the line holding ``offset`` is at the top."""
        self.scroll_to(y=self.line_index.line_for_offset(offset), animate=False)

    def go_to_offset(self, offset: int) -> None:
        """Put the line holding ``offset`` at the top, now or at the first layout.

        Before the view has been laid out the offset becomes the anchor the
        first wrap keeps at the top (as on a resize), so a restored reading
        position is on screen from the first frame.
        """
        offset = min(max(offset, 0), len(self.article.text))
        if self._index is None:
            self._top_offset = offset
        else:
            self.scroll_to_offset(offset)

    # -- highlights -------------------------------------------------------------

    def set_layer(
        self, name: str, highlights: Iterable[Highlight] | HighlightLayer | None
    ) -> None:
        """Replace one highlight layer (highlights or a ready layer) and repaint."""
        if highlights is None or isinstance(highlights, HighlightLayer):
            layer = highlights
        else:
            layer = HighlightLayer(highlights)
        self.highlights.set_layer(name, layer)
        self.refresh_highlights()

    def set_current(self, highlight: Highlight | None) -> None:
        """Set the current quote (a highlight whose ``tag`` is the quote index)."""
        previous = self._current
        self._current = highlight
        self.highlights.set_layer(
            "current",
            None
            if highlight is None
            else HighlightLayer(
                [
                    Highlight(
                        highlight.start,
                        highlight.end,
                        ("article--current-quote",),
                        highlight.tag,
                    )
                ]
            ),
        )
        # Only the lines of the old and the new current quote change.
        self.refresh_spans([m for m in (previous, highlight) if m is not None])

    def refresh_highlights(self) -> None:
        """Drop cached lines and repaint after a highlight change."""
        self._cache.clear()
        self.refresh()

    def refresh_spans(self, highlights: Iterable[Highlight]) -> None:
        """Repaint only the lines showing ``highlights`` (after a local change).

        Lines not wrapped yet are skipped: nothing of them is cached or shown.
        """
        index = self._layout()
        if not len(index):
            return
        for highlight in highlights:
            lines = index.lines_for_span(
                Span(highlight.start, max(highlight.end, highlight.start))
            )
            for line in lines:
                self._cache.discard(line)
            self.refresh_lines(lines.start, len(lines))

    def notify_style_update(self) -> None:
        """The theme or CSS changed: styles and cached lines are stale."""
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _component_style(self, name: str, background: Color) -> Style:
        """A component class as a Rich style, translucent colours blended in."""
        styles = self.get_component_styles(name)
        style = Style()
        bgcolor: Color | None = None
        if styles.has_rule("background") and styles.background.a > 0:
            bgcolor = background + styles.background
            style += Style(bgcolor=bgcolor.rich_color)
        if styles.has_rule("color") and styles.color.a > 0:
            style += Style(color=((bgcolor or background) + styles.color).rich_color)
        if styles.has_rule("text_style"):
            style += styles.text_style
        return style

    def _style(self, names: tuple[str, ...]) -> Style:
        style = self._styles.get(names)
        if style is None:
            background = self.background_colors[1]
            style = Style()
            for name in names:
                style += self._component_style(name, background)
            self._styles[names] = style
        return style

    # -- rendering ----------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Render a frame, computing per-frame values once (not once per line)."""
        self._frame = (self.rich_style, self.scrollable_content_region.width)
        current = self._current
        # A frame drawn at a new size before the resize is handled says
        # nothing about what the reader saw.
        if (
            current is not None
            and self._index is not None
            and (self.size == self._seen_size)
        ):
            self._current_seen = self.is_span_visible(
                Span(current.start, max(current.end, current.start + 1))
            )
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            self._schedule_prefetch()

    def _schedule_prefetch(self) -> None:
        if not self._prefetch_pending:
            self._prefetch_pending = True
            self.call_after_refresh(self._prefetch)

    def _prefetch(self) -> None:
        """While idle, render the next page into the cache, a few lines at a time.

        Paging down then finds its lines ready; a key press arriving meanwhile
        waits for at most one small batch.
        """
        self._prefetch_pending = False
        index = self._index
        if index is None or self.text_selection is not None or not self.is_mounted:
            return
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        base = self.rich_style
        done = 0
        for line in range(top + height, min(top + 2 * height, len(index))):
            if line in self._cache:
                continue
            self._cache[line] = self._render_text_line(line, index, base, None)
            done += 1
            if done >= PREFETCH_BATCH:
                self._schedule_prefetch()
                return

    def render_line(self, y: int) -> Strip:
        """Render screen row ``y`` (Line API)."""
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        rich_style, width = self._frame or (
            self.rich_style,
            self.scrollable_content_region.width,
        )
        index = self._layout(self._text_width_for(width))
        if line >= len(index) and not index.complete:
            self._finish_wrap()
        if line >= len(index):
            return Strip.blank(width, rich_style)
        selection = self.text_selection
        strip = self._cache.get(line) if selection is None else None
        if strip is None:
            strip = self._render_text_line(line, index, rich_style, selection)
            if selection is None:
                self._cache[line] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, rich_style)

    def _shown_text(self, index: LineIndex, line: int) -> str:
        """The safe, displayed text of wrapped line ``line``."""
        raw = self.article.text[index.starts[line] : index.ends[line]]
        return display_text(raw).rstrip(" ")

    def _render_text_line(
        self, line: int, index: LineIndex, base: Style, selection: Selection | None
    ) -> Strip:
        paragraph = index.paragraphs[line]
        if paragraph < 0:
            return Strip.blank(GUTTER_WIDTH, base)
        start = index.starts[line]
        text = self._shown_text(index, line)
        end = start + len(text)
        heading = self._heading_paragraphs.get(paragraph)
        if heading is not None:
            base = base + self._style((heading,))
        found = self.highlights.highlights_between(start, end)
        segments = self._segments(text, start, found, base)
        if selection is not None:
            span = selection.get_span(line)
            if span is not None:
                selected_to = len(text) if span[1] == -1 else span[1]
                screen_style = self.screen.get_component_rich_style("screen--selection")
                segments = self._restyle(segments, span[0], selected_to, screen_style)
        cells = len(text) if is_single_cell(text) else None
        body = Strip(segments, cells).apply_offsets(0, line)
        return Strip.join([self._gutter(start, end, base), body])

    def _segments(
        self, text: str, start: int, found: list[Highlight], base: Style
    ) -> list[Segment]:
        if not found:
            return [Segment(text, base)] if text else []
        length = len(text)
        cuts = {0, length}
        for item in found:
            cuts.add(min(max(item.start - start, 0), length))
            cuts.add(min(max(item.end - start, 0), length))
        ordered = sorted(cuts)
        segments: list[Segment] = []
        for left, right in itertools.pairwise(ordered):
            if left == right:
                continue
            style = base
            absolute_left = start + left
            absolute_right = start + right
            for item in found:
                if item.start <= absolute_left and item.end >= absolute_right:
                    style = style + self._style(item.styles)
            segments.append(Segment(text[left:right], style))
        return segments

    @staticmethod
    def _restyle(
        segments: list[Segment], start: int, end: int, extra: Style
    ) -> list[Segment]:
        """Add ``extra`` to the characters ``[start, end)`` of the segments."""
        result: list[Segment] = []
        position = 0
        for segment in segments:
            text, style = segment.text, segment.style
            left, right = position, position + len(text)
            position = right
            if right <= start or left >= end:
                result.append(segment)
                continue
            cut_from, cut_to = max(start - left, 0), min(end - left, len(text))
            if cut_from:
                result.append(Segment(text[:cut_from], style))
            result.append(Segment(text[cut_from:cut_to], (style or Style()) + extra))
            if cut_to < len(text):
                result.append(Segment(text[cut_to:], style))
        return result

    def _gutter(self, start: int, end: int, base: Style) -> Strip:
        """The gutter cells of a line spanning ``[start, end)``: quote marker,
        review state, marked tick."""
        current = self._current
        quotes = self.highlights.layer("quotes")
        stop = max(end, start + 1)
        found = quotes.overlapping(start, stop) if quotes is not None else []
        marker = " "
        style = base
        if current is not None and current.start < stop and current.end > start:
            marker = GUTTER_CURRENT_START if current.start >= start else GUTTER_CURRENT
            style = base + self._style(
                (*marker_classes(current.styles[:1]), "article--current-gutter")
            )
        elif found:
            marker = GUTTER_QUOTE
            style = base + self._style(marker_classes(found[0].styles[:1]))
        review = self._review_cell(found, start, stop, base)
        tick = self._marked_tick(start, end)
        if marker == " " and review is None and tick is None:
            return Strip.blank(GUTTER_WIDTH, base)
        return Strip(
            [
                Segment(marker, style),
                review or Segment(" ", base),
                Segment(" ", base)
                if tick is None
                else Segment(GUTTER_MARKED.ljust(GUTTER_WIDTH - 2), base + tick),
            ],
            GUTTER_WIDTH,
        )

    def _review_cell(
        self, found: list[Highlight], start: int, stop: int, base: Style
    ) -> Segment | None:
        """The review symbol of the quotes starting on this line, if any."""
        starting = {
            name
            for item in found
            if start <= item.start < stop
            for name in item.styles
            if name in GUTTER_REVIEWED
        }
        for name, symbol in GUTTER_REVIEWED.items():
            if name in starting:
                return Segment(symbol, base + self._style(("article--review-gutter",)))
        return None

    def _marked_tick(self, start: int, end: int) -> Style | None:
        """The style of the ``✓`` when a marked quote starts on this line."""
        marked = self.highlights.layer("marked")
        if marked is None:
            return None
        stop = max(end, start + 1)
        for item in marked.overlapping(start, stop):
            if start <= item.start < stop:
                return self._style(("article--marked-gutter",))
        return None

    # -- text access ------------------------------------------------------------

    def line_text(self, line: int) -> str:
        """The displayed text of wrapped line ``line`` (without the gutter)."""
        return self._shown_text(self.line_index, line)

    def visible_lines(self) -> list[str]:
        """The displayed text of the lines on screen (for tests and tools)."""
        index = self.line_index
        top = int(self.scroll_y)
        bottom = min(top + self.scrollable_content_region.height, len(index))
        return [self.line_text(line) for line in range(top, bottom)]

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text (mouse selection), for copying."""
        index = self.line_index
        text = "\n".join(self.line_text(line) for line in range(len(index)))
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        """Repaint when the mouse selection changes."""
        self._cache.clear()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Report a click on the text as an article offset."""
        meta = event.style.meta if event.style else {}
        offset = meta.get("offset")
        if offset is None:
            return
        column, line = offset
        index = self.line_index
        if 0 <= line < len(index) and index.paragraphs[line] >= 0:
            self.post_message(
                self.Clicked(min(index.starts[line] + column, index.ends[line]))
            )

    # -- counts (less and vim: 5j, 50%) ------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Collect the digits of a count typed before a motion key.

        A count applies to the next key only: the key after that starts afresh.
        """
        character = event.character
        if character is not None and character.isdigit() and event.key == character:
            if self._count_stale:
                self._count = ""
                self._count_stale = False
            if self._count or character != "0":
                self._count += character
                event.stop()
                event.prevent_default()
            return
        if self._count_stale:
            self._count = ""
        self._count_stale = bool(self._count)

    def take_count(self, default: int = 1) -> int:
        """The count typed before this key (``default`` without one); clears it."""
        count = int(self._count[:6]) if self._count else default
        self._count = ""
        self._count_stale = False
        return count

    # -- scrolling actions ----------------------------------------------------

    def _page(self) -> int:
        return max(self.scrollable_content_region.height, 1)

    def action_line_down(self) -> None:
        """Scroll one line down (N lines after a count)."""
        self.scroll_to(y=self.scroll_y + self.take_count(), animate=False)

    def action_line_up(self) -> None:
        """Scroll one line up (N lines after a count)."""
        self.scroll_to(y=self.scroll_y - self.take_count(), animate=False)

    def action_page_down(self) -> None:
        """Scroll one page down (N pages after a count)."""
        self.scroll_to(
            y=self.scroll_y + self._page() * self.take_count(), animate=False
        )

    def action_page_up(self) -> None:
        """Scroll one page up (N pages after a count)."""
        self.scroll_to(
            y=self.scroll_y - self._page() * self.take_count(), animate=False
        )

    def action_half_page_down(self) -> None:
        """Scroll half a page down (N lines after a count)."""
        lines = self.take_count(self._page() // 2)
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def action_half_page_up(self) -> None:
        """Scroll half a page up (N lines after a count)."""
        lines = self.take_count(self._page() // 2)
        self.scroll_to(y=self.scroll_y - lines, animate=False)

    def action_go_to_percent(self) -> None:
        """Put the line N% into the article at the top (``50%``)."""
        if not self._count:
            self.notify(
                "Type a number before %: 50% goes halfway", markup=False, timeout=3
            )
            return
        percent = min(self.take_count(), 100)
        index = self.line_index
        line = min(len(index) * percent // 100, max(len(index) - 1, 0))
        self.scroll_to(y=min(line, self.max_scroll_y), animate=False)

    def position(self) -> tuple[int, int]:
        """Paragraph at the top of the view (1-based) and the number of paragraphs."""
        paragraphs = self.article.paragraphs
        if not paragraphs:
            return 0, 0
        if self._paragraph_starts is None:
            self._paragraph_starts = [paragraph.start for paragraph in paragraphs]
        number = max(bisect.bisect_right(self._paragraph_starts, self._top_offset), 1)
        if self.scroll_y >= self.max_scroll_y > 0:
            number = len(paragraphs)
        return min(number, len(paragraphs)), len(paragraphs)

    def action_top(self) -> None:
        """Scroll to the top."""
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        """Scroll to the bottom."""
        self.scroll_to(y=self.max_scroll_y, animate=False)
