"""Reviews in the bookmark database: round trips, migration, two stores, a kill."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.model import Span
from newsreader.store.bookmarks import MIGRATIONS, BookmarkStore, BookmarkStoreError
from newsreader.store.reviews import ReviewStore

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHA = "a" * 64


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bookmarks.sqlite3"


def test_round_trip_writes_only_the_fields_given(db_path: Path) -> None:
    store = ReviewStore(BookmarkStore(db_path))
    key = Span(10, 40)
    first = store.update(SHA, key, {"verified": True}, machine_speaker="she")
    assert first is not None and first.verified and first.machine_speaker == "she"
    store.update(SHA, key, {"note": "call back"}, machine_speaker="someone else")
    store.update(SHA, key, {"span": Span(5, 45)})
    (review,) = store.reviews_for(SHA)
    assert review.key == key
    assert review.verified and review.note == "call back"
    assert review.span == Span(5, 45)
    assert review.machine_speaker == "she"  # kept from the first review
    assert review.status == "edited"
    assert store.reviews_for("b" * 64) == []


def test_a_review_back_at_nothing_is_deleted(db_path: Path) -> None:
    store = ReviewStore(BookmarkStore(db_path))
    key = Span(1, 2)
    store.update(SHA, key, {"rejected": True})
    assert store.update(SHA, key, {"rejected": False}) is None
    assert store.reviews_for(SHA) == []


def test_unknown_fields_are_refused_in_one_line(db_path: Path) -> None:
    store = ReviewStore(BookmarkStore(db_path))
    with pytest.raises(BookmarkStoreError, match="unknown fields colour"):
        store.update(SHA, Span(1, 2), {"colour": "red"})


def test_a_version_2_database_gains_the_reviews_table(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    for migration in MIGRATIONS[:2]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    store = ReviewStore(BookmarkStore(db_path))
    store.update(SHA, Span(3, 9), {"verified": True})
    assert store.reviews_for(SHA)[0].verified


def test_two_stores_on_one_file_keep_both_changes(db_path: Path) -> None:
    left = ReviewStore(BookmarkStore(db_path))
    right = ReviewStore(BookmarkStore(db_path))
    key = Span(10, 40)
    left.update(SHA, key, {"verified": True})
    right.update(SHA, key, {"note": "from the other window"})
    right.update(SHA, Span(50, 60), {"rejected": True})
    reviews = {r.key: r for r in left.reviews_for(SHA)}
    assert reviews[key].verified and reviews[key].note == "from the other window"
    assert reviews[Span(50, 60)].rejected


def test_the_store_is_the_bookmark_file(db_path: Path) -> None:
    bookmarks = BookmarkStore(db_path)
    ReviewStore(bookmarks).update(SHA, Span(1, 4), {"verified": True})
    assert db_path.is_file()
    assert bookmarks.integrity_check() == "ok"


def test_a_corrupt_database_is_moved_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    bookmarks = BookmarkStore(db_path)
    store = ReviewStore(bookmarks)
    store.update(SHA, Span(1, 4), {"verified": True})
    assert bookmarks.notice is not None
    assert [p for p in db_path.parent.iterdir() if ".corrupt-" in p.name]
    assert store.reviews_for(SHA)[0].verified


WRITER = """
import sys
from pathlib import Path
from newsreader.model import Span
from newsreader.store.bookmarks import BookmarkStore
from newsreader.store.reviews import ReviewStore
store = ReviewStore(BookmarkStore(Path(sys.argv[1])))
for number in range(int(sys.argv[2])):
    store.update("a" * 64, Span(number, number + 5), {"note": f"n{number}"})
    print(number, flush=True)
"""


@pytest.mark.parametrize("delay", [0.0, 0.01])
def test_a_killed_writer_loses_no_committed_review(db_path: Path, delay: float) -> None:
    store = ReviewStore(BookmarkStore(db_path))
    store.update(SHA, Span(1000, 1010), {"verified": True})
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), "100000"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    committed: list[int] = []
    while len(committed) < 20:
        line = process.stdout.readline()
        assert line, "the writer stopped early"
        committed.append(int(line))
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    rest = process.stdout.read()
    committed += [int(x) for x in rest.splitlines(keepends=True) if x.endswith("\n")]
    assert process.returncode == -signal.SIGKILL
    reopened = BookmarkStore(db_path)
    assert reopened.integrity_check() == "ok"
    reviews = {r.key: r for r in ReviewStore(reopened).reviews_for(SHA)}
    for number in committed:
        assert reviews[Span(number, number + 5)].note == f"n{number}"
    assert reviews[Span(1000, 1010)].verified
