"""Pure parts of the UI: wrapping, text safety, highlight lookup, cursors (no app)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from newsreader.model import Span
from newsreader.ui.highlights import (
    Highlight,
    HighlightLayer,
    Highlights,
    OnDemandLayer,
)
from newsreader.ui.layout import build_line_index, wrap_offsets
from newsreader.ui.navigation import (
    MentionCursor,
    QuoteCursor,
    SearchState,
    find_matches,
)
from newsreader.ui.palette import OKABE_ITO, SPEAKER_SLOTS, theme_variable_defaults
from newsreader.ui.screens.reader import assign_speaker_slots
from newsreader.ui.text import display_text, escape_markup, one_line
from tests.ui.ui_fakes import build_annotations, build_article

WORDS = st.text(
    alphabet=st.sampled_from([*list("abcdefghij “”’—é"), "字", "😀"]),
    min_size=0,
    max_size=300,
)


@given(text=WORDS, width=st.integers(min_value=2, max_value=60))
def test_wrap_keeps_every_character_and_fits(text: str, width: int) -> None:
    starts = wrap_offsets(text, 0, len(text), width)
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    ends = [*starts[1:], len(text)]
    assert "".join(text[s:e] for s, e in zip(starts, ends, strict=True)) == text
    for start, end in zip(starts, ends, strict=True):
        assert cell_len(text[start:end].rstrip(" ")) <= max(width, 2)


def test_wrap_breaks_at_spaces() -> None:
    text = "The quick brown fox jumps over the lazy dog"
    starts = wrap_offsets(text, 0, len(text), 10)
    lines = [
        text[s:e].rstrip()
        for s, e in zip(starts, [*starts[1:], len(text)], strict=True)
    ]
    assert lines == ["The quick", "brown fox", "jumps over", "the lazy", "dog"]


def test_line_index_maps_offsets_to_lines() -> None:
    article = build_article()
    index = build_line_index(display_text(article.text), article.paragraphs, 30)
    assert index.paragraphs.count(-1) == len(article.paragraphs) - 1
    for offset in range(0, len(article.text), 7):
        line = index.line_for_offset(offset)
        if index.paragraphs[line] >= 0:
            assert index.starts[line] <= offset
    quote = build_annotations(article).quotes[0].span
    lines = index.lines_for_span(quote)
    assert index.starts[lines.start] <= quote.start < index.ends[lines.stop - 1]


@given(st.text(max_size=200))
def test_display_text_keeps_length_and_removes_controls(text: str) -> None:
    shown = display_text(text)
    assert len(shown) == len(text)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_display_text_shows_escape_as_a_symbol() -> None:
    assert display_text("a\x1b[31mb\tc\nd") == "a␛[31mb c d"
    assert display_text("x\u202ey") == "x\ufffdy"
    assert one_line("  a\n\n b  ", 10) == "a b"
    assert one_line("abcdefghijkl", 5) == "abcd…"


@given(st.text(max_size=80))
def test_escape_markup_round_trips(text: str) -> None:
    from textual.content import Content

    assert Content.from_markup(escape_markup(display_text(text))).plain == display_text(
        text
    )


def test_mark_layer_overlap_queries() -> None:
    layer = HighlightLayer(
        [
            Highlight(0, 100, ("a",)),
            Highlight(10, 12, ("b",)),
            Highlight(50, 60, ("c",)),
        ]
    )
    assert [m.styles for m in layer.overlapping(11, 20)] == [("a",), ("b",)]
    assert [m.styles for m in layer.overlapping(60, 70)] == [("a",)]
    assert layer.overlapping(100, 120) == []
    stack = Highlights(("low", "high"))
    stack.set_layer("high", HighlightLayer([Highlight(5, 6, ("h",))]))
    stack.set_layer("low", HighlightLayer([Highlight(0, 10, ("l",))]))
    assert [m.styles for m in stack.highlights_between(0, 10)] == [("l",), ("h",)]


RANGES = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 40)).map(
        lambda pair: (pair[0], pair[0] + pair[1])
    ),
    max_size=30,
)


@given(ranges=RANGES, query=st.tuples(st.integers(0, 260), st.integers(0, 60)))
def test_on_demand_layer_answers_like_a_built_layer(
    ranges: list[tuple[int, int]], query: tuple[int, int]
) -> None:
    ordered = sorted(ranges)
    made: list[int] = []

    def make(position: int) -> Highlight:
        made.append(position)
        start, end = ordered[position]
        return Highlight(start, end, ("m",), position)

    lazy = OnDemandLayer([s for s, _ in ordered], [e for _, e in ordered], make)
    built = HighlightLayer(
        Highlight(start, end, ("m",), position)
        for position, (start, end) in enumerate(ordered)
    )
    start, end = query[0], query[0] + query[1]
    assert sorted(lazy.overlapping(start, end), key=lambda h: h.tag) == sorted(
        built.overlapping(start, end), key=lambda h: h.tag
    )
    # Only ranges near the query are ever made into highlights.
    assert all(ordered[position][1] > start for position in made)


def test_quote_cursor_steps_filters_and_pivots() -> None:
    quotes = build_annotations(build_article()).quotes
    cursor = QuoteCursor(quotes)
    assert cursor.step(True) == 0
    cursor.current = 0
    assert cursor.step(True) == 1
    assert cursor.step(True, same_speaker=True) == 1
    cursor.current = 1
    assert cursor.step(True, same_speaker=True) == 3
    assert cursor.step(False) == 0
    assert cursor.step(True, from_offset=quotes[2].span.start) == 2
    assert cursor.step(False, from_offset=quotes[2].span.start) == 1
    cursor.speaker_filter = "Tom Baker"
    assert cursor.visible() == [2]
    assert cursor.position() == (0, 1)
    cursor.current = 2
    assert cursor.position() == (1, 1)
    assert cursor.step(True) is None


def test_search_and_mentions_wrap_around() -> None:
    text = "Bridge bridge BRIDGE [bridge]"
    assert len(find_matches(text, "bridge")) == 4
    assert len(find_matches(text, "Bridge")) == 1
    assert find_matches(text, "") == []
    search = SearchState("bridge", find_matches(text, "bridge"))
    assert search.step(True, from_offset=7) == Span(7, 13)
    search.step(True)
    search.step(True)
    assert search.step(True) == Span(0, 6) and search.wrapped
    mentions = MentionCursor("x", "k", (Span(1, 2), Span(5, 6)))
    assert mentions.step(False) == Span(5, 6)
    assert mentions.step(True) == Span(1, 2)


def test_speaker_slots_and_palette() -> None:
    annotations = build_annotations(build_article())
    assert assign_speaker_slots(annotations) == {"Maria Lopez": 1, "Tom Baker": 2}
    dark = theme_variable_defaults(dark=True)
    assert [dark[f"speaker-{slot}"] for slot in range(1, 8)] == list(OKABE_ITO)
    slots = [key for key in dark if re.fullmatch(r"speaker-\d+", key)]
    assert len(slots) == SPEAKER_SLOTS
    for slot in slots:  # text colour and band of each slot
        assert dark[f"{slot}-fg"] == dark[slot]
        assert f"{slot}-bg" in dark
    light = theme_variable_defaults(dark=False)
    assert light["speaker-4"] != dark["speaker-4"]
