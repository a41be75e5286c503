"""The reader's state objects, without the app: marks and reading state."""

from __future__ import annotations

import subprocess
import sys

from newsreader.model import Span
from newsreader.ui.marks import QuoteMarks
from newsreader.ui.reading_state import ReadingState
from tests.ui.ui_fakes import build_annotations, build_article


def ready_state() -> ReadingState:
    """A state holding the test article's five quotes (Lopez 1, 2, 4; Baker 3)."""
    state = ReadingState()
    state.set_annotations(build_annotations(build_article()))
    return state


def test_reading_state_loads_neither_textual_nor_rich() -> None:
    code = (
        "import sys, newsreader.ui.reading_state, newsreader.ui.marks\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_marks_keep_marking_order_and_toggle() -> None:
    marks = QuoteMarks(["q-3", "q-1"])
    assert marks.known(None) == ("q-3", "q-1")
    assert marks.toggle("q-2") is True
    assert marks.toggle("q-3") is False
    assert marks.known(None) == ("q-1", "q-2")
    assert marks.add(["q-2", "q-4", "q-4", "q-5"]) == ["q-4", "q-5"]
    assert marks.known({"q-1", "q-5"}) == ("q-1", "q-5")
    marks.clear()
    assert not marks and len(marks) == 0


def test_marks_set_before_annotations_are_filtered_once_quotes_are_known() -> None:
    state = ReadingState()
    state.marks.replace(["q-2", "q-gone", "q-5"])
    assert state.marked_ids == ("q-2", "q-gone", "q-5")
    state.set_annotations(build_annotations(build_article()))
    assert list(state.marked_ids) == ["q-2", "q-5"]


def test_toggle_current_mark_needs_a_current_quote() -> None:
    state = ready_state()
    assert state.toggle_current_mark() is None
    state.cursor.current = 2
    assert state.toggle_current_mark() is True
    assert state.marked_ids == ("q-3",)
    assert state.toggle_current_mark() is False
    assert list(state.marked_ids) == []


def test_mark_visible_follows_the_speaker_filter_and_says_what_it_did() -> None:
    state = ready_state()
    state.set_speaker_filter("Maria Lopez")
    result = state.mark_visible()
    assert set(state.marked_ids) == {"q-1", "q-2", "q-4"}
    assert result.message() == "Marked 3 quotes by Maria Lopez · 3 marked"
    assert state.mark_visible().message() == (
        "All 3 quotes by Maria Lopez are already marked"
    )
    state.set_speaker_filter(None)
    assert state.mark_visible().message() == "Marked 2 quotes · 5 marked"


def test_speaker_filter_drops_a_current_quote_by_someone_else() -> None:
    state = ready_state()
    state.cursor.current = 2  # Baker
    state.set_speaker_filter("Maria Lopez")
    assert state.cursor.current is None
    state.cursor.current = 0
    state.set_speaker_filter("Maria Lopez")
    assert state.cursor.current == 0


def test_quote_at_only_finds_visible_quotes() -> None:
    state = ready_state()
    baker = state.cursor.quotes[2].span
    assert state.quote_at(baker.start) == 2
    state.set_speaker_filter("Maria Lopez")
    assert state.quote_at(baker.start) is None


def test_highlight_layers_follow_filter_marks_and_current() -> None:
    state = ready_state()
    quotes, speakers = state.quote_highlights()
    assert [h.tag for h in quotes] == [0, 1, 2, 3, 4]
    assert quotes[4].styles == ("article--quote-unattributed", "article--quote")
    assert any("article--cue" in h.styles for h in speakers)
    state.marks.replace(["q-3"])
    everywhere = (0, max(quote.span.end for quote in state.cursor.quotes))
    marked = state.marked_layer().overlapping(*everywhere)
    assert [h.tag for h in marked] == [2]
    assert marked[0].styles[-1] == "article--marked"
    assert Span(marked[0].start, marked[0].end) == state.cursor.quotes[2].span
    state.set_speaker_filter("Maria Lopez")
    assert not state.marked_layer()
    assert [h.tag for h in state.quote_highlights()[0]] == [0, 1, 3]
    assert state.current_highlight() is None
    state.cursor.current = 3
    current = state.current_highlight()
    assert current is not None and current.tag == 3
    assert current.styles == (state.speaker_class(state.cursor.quotes[3]),)


def test_entity_layer_only_while_shown() -> None:
    state = ready_state()
    assert state.entity_highlights() == []
    state.entities_shown = True
    assert len(state.entity_highlights()) == 6


def test_mentions_select_once_then_step() -> None:
    state = ready_state()
    spans = state.cursor.quotes[0].span, state.cursor.quotes[1].span
    assert state.select_mentions("Lopez", "entity:lopez", reversed(spans)) is True
    assert state.mentions is not None and state.mentions.spans == spans
    assert state.select_mentions("Lopez", "entity:lopez", spans) is False


def test_search_starts_and_ends() -> None:
    state = ready_state()
    text = build_article().text
    search = state.start_search(text, "bridge")
    assert search is not None and search.matches
    assert state.start_search(text, "") is None
    assert state.search is None


def test_export_choices_and_what_e_exports() -> None:
    state = ready_state()
    assert state.marked_or_current() == ()
    assert [o.key for o in state.export_options()] == ["all"]
    state.cursor.current = 2
    assert state.marked_or_current() == ("q-3",)
    state.marks.replace(["q-4", "q-1"])
    assert state.marked_or_current() == ("q-4", "q-1")
    state.set_speaker_filter("Tom Baker")
    options = {o.key: o for o in state.export_options()}
    assert list(options) == ["marked", "current", "speaker", "all"]
    assert options["marked"].quote_ids == ("q-4", "q-1")
    assert options["current"].label == "Current quote (Tom Baker)"
    assert options["speaker"].quote_ids == ("q-3",)
    assert options["all"].quote_ids is None
    assert options["all"].label == "All quotes (5)"
