"""MarkSync: which mark changes a reader sends, and what it shows after."""

from __future__ import annotations

from newsreader.store.bookmarks import MarkChanges
from newsreader.ui.marks import MarkSync


def test_nothing_is_sent_before_the_bookmark_was_loaded() -> None:
    sync = MarkSync()
    assert sync.begin(("a",)) is None
    assert sync.load(None, ("a",)) == ["a"]
    assert sync.begin(("a",)) is None  # no bookmark to keep them in


def test_only_changes_against_what_was_loaded_are_sent() -> None:
    sync = MarkSync()
    shown = sync.load(("a", "b"), ())
    assert shown == ["a", "b"]
    assert sync.begin(("b", "c")) == MarkChanges(mark=("c",), unmark=("a",))
    assert sync.begin(("b",)) is None  # one change in flight at a time


def test_the_answer_merges_other_readers_marks_and_later_local_changes() -> None:
    sync = MarkSync()
    sync.load(("a",), ())
    sync.begin(("a", "b"))
    # Meanwhile another reader stored "x", and here "b" was unmarked, "c" marked.
    shown = sync.done(("a", "x", "b"), ("a", "c"))
    assert shown == ["a", "x", "c"]
    assert sync.begin(tuple(shown)) == MarkChanges(mark=("c",), unmark=("b",))


def test_a_failed_send_is_retried_with_the_next_change() -> None:
    sync = MarkSync()
    sync.load(("a",), ())
    assert sync.begin(()) == MarkChanges(unmark=("a",))
    sync.failed()
    assert sync.begin(("z",)) == MarkChanges(mark=("z",), unmark=("a",))
