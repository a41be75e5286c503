"""The bookmark store: schema and migrations, round trips, versions, faults, CLI.

Every database lives in ``tmp_path`` (and the autouse fixture roots the user
directories there too). The fault tests use real processes: one killed with
SIGKILL in the middle of writing, two writing at once, and one without the
right to write the data directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.model import Annotations, Article, Quote, Span
from newsreader.store import locations
from newsreader.store.bookmarks import (
    MIGRATIONS,
    SCHEMA_VERSION,
    BookmarkStore,
    BookmarkStoreError,
    default_db_path,
)
from tests.support.builders import make_article
from tests.support.paths import REPO


def quote_span(article: Article, needle: str) -> Span:
    start = article.text.index(needle)
    return Span(start, start + len(needle))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "bookmarks.sqlite3"


@pytest.fixture
def store(db_path: Path) -> BookmarkStore:
    return BookmarkStore(db_path)


# -- schema ----------------------------------------------------------------------


def test_nothing_is_written_until_the_first_call(db_path: Path) -> None:
    store = BookmarkStore(db_path)
    assert store.status == "unopened"
    assert not db_path.parent.exists()
    assert store.list() == []
    assert db_path.exists()
    assert store.status == "ok"


def test_default_path_is_in_the_data_directory(isolated_home: Path) -> None:
    assert default_db_path() == locations.data_dir() / "bookmarks.sqlite3"
    assert str(default_db_path()).startswith(str(isolated_home))
    assert BookmarkStore().db_path == default_db_path()


def test_import_does_no_io(tmp_path: Path) -> None:
    home = tmp_path / "import-home"
    env = {**os.environ, "NEWSREADER_HOME": str(home)}
    code = "import newsreader.store.bookmarks, newsreader.cli.bookmarks"
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not home.exists()


def test_the_store_is_headless() -> None:
    code = (
        "import json, sys\n"
        "import newsreader.store.bookmarks, newsreader.cli.bookmarks\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert not loaded & {"textual", "rich", "spacy"}


def test_new_database_is_wal_at_the_current_version(
    store: BookmarkStore, db_path: Path
) -> None:
    store.open()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    finally:
        conn.close()
    assert {"articles", "bookmarks", "quote_bookmarks", "history"} <= tables


def _create_version_1(db_path: Path, article: Article) -> None:
    """A database as the first schema version left it, with one bookmark."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path)
    try:
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO articles (sha256, source, title, byline, site, published, "
            "url, retrieved, text, paragraphs, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.sha256,
                article.source,
                article.title,
                article.byline,
                article.site,
                article.published,
                article.url,
                article.retrieved,
                article.text,
                json.dumps([[p.start, p.end] for p in article.paragraphs]),
                "2025-01-01T00:00:00+00:00",
            ),
        )
        conn.execute(
            "INSERT INTO bookmarks (article_id, position, marked, created, updated) "
            "VALUES (1, 60, '[\"q-1\"]', '2025-01-01T00:00:00+00:00', "
            "'2025-01-01T00:00:00+00:00')"
        )
        conn.commit()
    finally:
        conn.close()


def test_migrates_a_version_1_database(db_path: Path) -> None:
    article = make_article()
    _create_version_1(db_path, article)
    store = BookmarkStore(db_path)
    bookmark = store.get_by_sha(article.sha256)
    assert bookmark is not None
    assert bookmark.position == 60
    assert bookmark.marked_quote_ids == ("q-1",)
    assert bookmark.note is None
    assert bookmark.quote_count is None
    assert bookmark.quotes == ()
    # The columns and tables of version 2 work.
    assert store.set_note(bookmark.id, "check the vote count")
    store.bookmark_quote(article, "q-2", quote_span(article, '"This is a waste'))
    store.record_opened(article, quote_count=2)
    again = store.get(bookmark.id)
    assert again is not None
    assert again.note == "check the vote count"
    assert again.quote_count == 2
    assert [q.quote_id for q in again.quotes] == ["q-2"]
    assert store.article_from_bookmark(again) == article
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


def test_migration_is_all_or_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.store.bookmarks as module

    article = make_article()
    _create_version_1(db_path, article)
    broken = (MIGRATIONS[0], (*MIGRATIONS[1][:2], "CREATE TABLE oops ("))
    monkeypatch.setattr(module, "MIGRATIONS", broken)
    with pytest.raises(BookmarkStoreError):
        BookmarkStore(db_path).open()
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [row[1] for row in conn.execute("PRAGMA table_info(bookmarks)")]
    finally:
        conn.close()
    assert "note" not in columns  # the ALTER before the failure was rolled back
    assert db_path.exists()  # a failed migration is not mistaken for corruption


def test_a_newer_schema_is_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    store = BookmarkStore(db_path)
    with pytest.raises(BookmarkStoreError, match="newer newsreader"):
        store.list()
    assert store.status == "unavailable"
    assert store.is_empty()
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.corrupt-*"))


# -- round trips ---------------------------------------------------------------


def test_save_and_read_back(store: BookmarkStore) -> None:
    article = make_article()
    bookmark = store.save(
        article, position=70, marked_quote_ids=["q-2", "q-1", "q-2"], quote_count=2
    )
    assert bookmark.id >= 1
    assert bookmark.position == 70
    assert bookmark.marked_quote_ids == ("q-2", "q-1")
    assert bookmark.quote_count == 2
    assert bookmark.text_length == len(article.text)
    assert (bookmark.title, bookmark.site, bookmark.byline) == (
        article.title,
        article.site,
        article.byline,
    )
    assert (bookmark.url, bookmark.published, bookmark.retrieved) == (
        article.url,
        article.published,
        article.retrieved,
    )
    assert store.get(bookmark.id) == bookmark
    assert store.get_by_sha(article.sha256) == bookmark
    assert store.marked_quote_ids(article.sha256) == ("q-2", "q-1")
    assert store.list() == [bookmark]
    assert store.get(bookmark.id + 100) is None
    assert store.get_by_sha("0" * 64) is None
    assert store.marked_quote_ids("0" * 64) == ()


def test_snapshot_rebuilds_the_article_exactly(store: BookmarkStore) -> None:
    article = make_article(
        ("Title with “curly” quotes", "Ünïcödé — and \t tabs", "Emoji 🙂 offsets")
    )
    bookmark = store.save(article, position=30)
    rebuilt = store.article_from_bookmark(bookmark.id)
    assert rebuilt == article
    assert rebuilt.span_text(rebuilt.paragraphs[2]) == "Emoji 🙂 offsets"
    assert store.article_from_bookmark(bookmark) == article


def test_updating_keeps_one_bookmark_per_version(store: BookmarkStore) -> None:
    article = make_article()
    first = store.save(article, position=10, marked_quote_ids=["q-1"], note="first")
    second = store.save(article, position=90)
    assert second.id == first.id
    assert second.position == 90
    assert second.marked_quote_ids == ("q-1",)  # kept: no marks given
    assert second.note == "first"  # kept: no note given
    third = store.save(article, position=5, marked_quote_ids=[])
    assert third.marked_quote_ids == ()
    assert len(store.list()) == 1


def test_position_is_clamped_to_the_text(store: BookmarkStore) -> None:
    article = make_article()
    bookmark = store.save(article, position=10**9)
    assert bookmark.position == len(article.text)
    assert store.update_position(bookmark.id, -5)
    updated = store.get(bookmark.id)
    assert updated is not None and updated.position == 0
    assert not store.update_position(bookmark.id + 1, 3)


def test_marks_notes_and_removal(store: BookmarkStore) -> None:
    article = make_article()
    bookmark = store.save(article)
    assert store.set_marks(bookmark.id, ["q-3", "q-1"])
    assert store.marked_quote_ids(article.sha256) == ("q-3", "q-1")
    assert store.set_note(bookmark.id, "  call Lopez back  ")
    noted = store.get(bookmark.id)
    assert noted is not None and noted.note == "call Lopez back"
    assert store.set_note(bookmark.id, "   ")
    cleared = store.get(bookmark.id)
    assert cleared is not None and cleared.note is None
    assert store.remove(bookmark.id)
    assert not store.remove(bookmark.id)
    assert store.get(bookmark.id) is None
    assert store.snapshot(article.sha256) is None  # nothing refers to it any more
    assert not store.set_note(bookmark.id, "gone")


def test_quote_bookmarks(store: BookmarkStore) -> None:
    article = make_article()
    span = quote_span(article, '"This is a waste of money,"')
    bookmark, quote = store.bookmark_quote(article, "q-2", span, quote_count=2)
    assert bookmark.position == span.start  # a new bookmark starts at the quote
    assert quote.text == '"This is a waste of money,"'
    assert quote.span == span
    again, _ = store.bookmark_quote(article, "q-2", span)
    assert again.id == bookmark.id
    assert len(again.quotes) == 1
    first = quote_span(article, '"We cannot wait any longer,"')
    both, _ = store.bookmark_quote(article, "q-1", first)
    assert [q.quote_id for q in both.quotes] == ["q-1", "q-2"]  # text order
    assert store.remove_quote(quote.id)
    left = store.get(bookmark.id)
    assert left is not None and [q.quote_id for q in left.quotes] == ["q-1"]
    with pytest.raises(BookmarkStoreError):
        store.bookmark_quote(article, "q-9", Span(0, len(article.text) + 1))


def test_history(store: BookmarkStore) -> None:
    one = make_article(source="one.txt", title="One")
    two = make_article(
        ("Second story", "By Someone", "Different text entirely."), source="two.txt"
    )
    assert store.is_empty()
    store.record_opened(one)
    store.record_opened(two, position=20, quote_count=0)
    recent = store.recent()
    assert [h.source for h in recent] == ["two.txt", "one.txt"]
    assert recent[0].position == 20
    assert recent[0].quote_count == 0
    assert recent[0].bookmark_id is None
    assert not store.is_empty()
    store.record_position(two, 35)
    store.record_opened(two)  # position None keeps the stored one
    assert store.recent()[0].position == 35
    bookmark = store.save(one, position=3)
    by_sha = {h.sha256: h for h in store.recent()}
    assert by_sha[one.sha256].bookmark_id == bookmark.id
    assert store.article_from_bookmark(by_sha[two.sha256]) == two
    # Removing the bookmark keeps the snapshot while the history refers to it.
    store.remove(bookmark.id)
    assert store.snapshot(one.sha256) == one
    assert store.forget(one.sha256)
    assert store.snapshot(one.sha256) is None
    assert not store.forget(one.sha256)


def test_history_is_pruned(
    store: BookmarkStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.store.bookmarks as module

    monkeypatch.setattr(module, "HISTORY_LIMIT", 3)
    articles = [
        make_article((f"Story {n}", "By X", f"Text {n}."), source=f"{n}.txt")
        for n in range(5)
    ]
    for article in articles:
        store.record_opened(article)
    assert len(store.recent()) == 3
    assert store.snapshot(articles[0].sha256) is None


def test_changed_source_gets_a_new_entry_and_keeps_the_old(
    store: BookmarkStore,
) -> None:
    old = make_article(source="https://example.com/bridge")
    old_bookmark = store.save(old, position=40, marked_quote_ids=["q-1"])
    new = make_article(
        (
            "Council backs bridge",
            "By Ana Ruiz",
            '"We cannot wait any longer," said Mayor Maria Lopez.',
            "Update: the vote was 8-3.",
        ),
        source="https://example.com/bridge",
    )
    assert new.sha256 != old.sha256
    store.record_opened(new)
    assert [b.id for b in store.other_versions(new)] == [old_bookmark.id]
    assert store.other_versions(old) == []  # the new version has no bookmark yet
    new_bookmark = store.save(new, position=5)
    assert new_bookmark.id != old_bookmark.id
    assert len(store.list()) == 2
    kept = store.article_from_bookmark(old_bookmark.id)
    assert kept == old
    assert kept.text[40:] == old.text[40:]
    assert store.marked_quote_ids(old.sha256) == ("q-1",)
    assert store.marked_quote_ids(new.sha256) == ()


def test_bookmark_opens_after_its_source_file_is_gone(
    store: BookmarkStore, tmp_path: Path
) -> None:
    from newsreader.sources import load_article

    path = tmp_path / "gone.txt"
    shutil.copy(REPO / "sample_articles" / "harbour-bridge-vote.txt", path)
    article = load_article(str(path))
    bookmark = store.save(article, position=article.paragraphs[3].start)
    path.unlink()
    reopened = store.article_from_bookmark(bookmark.id)
    assert reopened == article
    assert reopened.paragraph_index(bookmark.position) == 3


def test_a_tampered_snapshot_is_refused(store: BookmarkStore, db_path: Path) -> None:
    article = make_article()
    bookmark = store.save(article)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE articles SET text = 'changed'")
    conn.commit()
    conn.close()
    with pytest.raises(BookmarkStoreError, match="does not match"):
        store.article_from_bookmark(bookmark.id)


def test_threads_share_a_store(store: BookmarkStore) -> None:
    articles = [
        make_article((f"Story {n}", "By X", f"Body {n}."), source=f"{n}.txt")
        for n in range(40)
    ]
    errors: list[BaseException] = []

    def work(chunk: list[Article]) -> None:
        try:
            for article in chunk:
                store.save(article, position=1)
                store.record_opened(article)
                store.list()
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(articles[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.list()) == 40
    assert store.integrity_check() == "ok"


# -- faults ----------------------------------------------------------------------

CORRUPT_NAME = re.compile(r"^bookmarks\.sqlite3\.corrupt-\d{8}T\d{6}(-\d+)?$")


def test_a_file_that_is_not_a_database_is_moved_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database, just some bytes\n" * 200
    db_path.write_bytes(garbage)
    store = BookmarkStore(db_path)
    article = make_article()
    store.save(article, position=3)  # works on a fresh database
    moved = [p for p in db_path.parent.iterdir() if CORRUPT_NAME.match(p.name)]
    assert len(moved) == 1
    assert moved[0].read_bytes() == garbage  # kept for the user, byte for byte
    assert store.notice is not None
    assert str(moved[0]) in store.notice
    assert "\n" not in store.notice
    assert store.status == "ok"
    assert len(store.list()) == 1
    assert store.integrity_check() == "ok"


def test_a_damaged_database_is_moved_aside(db_path: Path) -> None:
    store = BookmarkStore(db_path)
    for n in range(60):
        store.save(make_article((f"Story {n}", "By X", "Body " * 400), source=f"{n}"))
    # Checkpoint and close, then overwrite pages in the middle of the file.
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:
        for offset in range(4096, size - 4096, 8192):
            handle.seek(offset)
            handle.write(os.urandom(512))
    fresh = BookmarkStore(db_path)
    assert fresh.list() == []
    assert fresh.notice is not None and "moved to" in fresh.notice
    assert [p for p in db_path.parent.iterdir() if CORRUPT_NAME.match(p.name)]


def test_the_cli_says_where_the_damaged_file_went(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli.bookmarks import main

    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\x00garbage" * 1000)
    assert main(["list"], store=BookmarkStore(db_path)) == 0
    err = capsys.readouterr().err
    assert "moved to" in err and ".corrupt-" in err
    assert len(err.strip().splitlines()) == 2  # the notice, then "No bookmarks yet"


def _unprivileged(code: str, *, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python that file permissions apply to.

    As root, permission bits do not stop writes, so the capabilities that
    bypass them are dropped with ``setpriv``.
    """
    command = [sys.executable, "-c", textwrap.dedent(code)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop DAC override")
        command = [
            setpriv,
            "--bounding-set=-dac_override,-dac_read_search",
            *command,
        ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    data = tmp_path / "ro-data"
    data.mkdir()
    yield data
    data.chmod(0o755)


def test_read_only_directory_without_a_database(read_only_dir: Path) -> None:
    read_only_dir.chmod(0o555)
    result = _unprivileged(
        f"""
        from pathlib import Path
        from newsreader.store.bookmarks import BookmarkStore, BookmarkStoreError
        from tests.support.builders import make_article
        store = BookmarkStore(Path({str(read_only_dir)!r}) / "bookmarks.sqlite3")
        assert store.is_empty()
        assert store.status == "unavailable", store.status
        try:
            store.save(make_article())
        except BookmarkStoreError as error:
            print(error)
        else:
            raise SystemExit("saved into a read-only directory")
        """,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    message = result.stdout.strip()
    assert "\n" not in message
    assert "Bookmarks unavailable" in message
    assert "cannot be written" in message or "cannot create" in message
    assert "reading works" in message
    assert list(read_only_dir.iterdir()) == []


def test_read_only_directory_with_a_database(read_only_dir: Path) -> None:
    db_path = read_only_dir / "bookmarks.sqlite3"
    article = make_article()
    BookmarkStore(db_path).save(article, position=12, marked_quote_ids=["q-1"])
    read_only_dir.chmod(0o555)
    result = _unprivileged(
        f"""
        from pathlib import Path
        from newsreader.store.bookmarks import BookmarkStore, BookmarkStoreError
        from tests.support.builders import make_article
        article = make_article()
        store = BookmarkStore(Path({str(db_path)!r}))
        assert [b.position for b in store.list()] == [12]
        assert store.marked_quote_ids(article.sha256) == ("q-1",)
        assert store.article_from_bookmark(store.list()[0]) == article
        assert store.status == "read-only", store.status
        print(store.notice)
        try:
            store.save(article, position=50)
        except BookmarkStoreError as error:
            print(error)
        else:
            raise SystemExit("wrote to a read-only database")
        """,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    notice, error = result.stdout.strip().splitlines()
    assert notice.startswith("Bookmarks are read-only:")
    assert str(read_only_dir) in notice
    assert error == notice
    read_only_dir.chmod(0o755)
    bookmark = BookmarkStore(db_path).list()[0]
    assert bookmark.position == 12


def test_cli_lists_from_a_read_only_directory(read_only_dir: Path) -> None:
    db_path = read_only_dir / "bookmarks.sqlite3"
    BookmarkStore(db_path).save(make_article(), position=12)
    read_only_dir.chmod(0o555)
    result = _unprivileged(
        f"""
        import sys
        from pathlib import Path
        from newsreader.store.bookmarks import BookmarkStore
        from newsreader.cli.bookmarks import main
        store = BookmarkStore(Path({str(db_path)!r}))
        sys.exit(main(["list"], store=store))
        """,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "Council backs bridge" in result.stdout
    assert "read-only" in result.stderr


WRITER = """
import sys
import time
from pathlib import Path
from newsreader.store.bookmarks import BookmarkStore
from tests.support.builders import make_article

db, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
start_file = Path(sys.argv[4]) if sys.argv[4] else None
while start_file is not None and not start_file.exists():
    time.sleep(0.001)
store = BookmarkStore(db)
body = "Filler text for a long paragraph. " * 300
for n in range(count):
    article = make_article(
        (f"{tag} story {n}", "By X", body + f"{tag} {n}"), source=f"{tag}-{n}.txt"
    )
    store.record_opened(article)
    bookmark = store.save(article, position=n, marked_quote_ids=[f"q-{n}"])
    print(bookmark.id, article.sha256, flush=True)
"""


def _writer(
    db_path: Path, tag: str, count: int, start: Path | None = None
) -> list[str]:
    go = "" if start is None else str(start)
    return [sys.executable, "-c", WRITER, str(db_path), tag, str(count), go]


def _committed(lines: str) -> list[tuple[int, str]]:
    """``(id, sha256)`` of every complete line a writer printed after a commit."""
    found = []
    for line in lines.splitlines(keepends=True):
        parts = line.split()
        if line.endswith("\n") and len(parts) == 2 and len(parts[1]) == 64:
            found.append((int(parts[0]), parts[1]))
    return found


@pytest.mark.parametrize("delay", [0.0, 0.007, 0.05])
def test_a_killed_writer_loses_nothing_committed(db_path: Path, delay: float) -> None:
    store = BookmarkStore(db_path)
    store.save(make_article(), position=2, marked_quote_ids=["q-1"])
    process = subprocess.Popen(
        _writer(db_path, "killed", 100_000),
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    committed: list[tuple[int, str]] = []
    while len(committed) < 25:
        line = process.stdout.readline()
        assert line, "the writer stopped early"
        committed += _committed(line)
    # Let it get into its next transactions, then kill it without warning.
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    committed += _committed(process.stdout.read())
    assert process.returncode == -signal.SIGKILL

    reopened = BookmarkStore(db_path)
    assert reopened.integrity_check() == "ok"
    for bookmark_id, sha in committed:
        bookmark = reopened.get(bookmark_id)
        assert bookmark is not None and bookmark.sha256 == sha
        assert reopened.snapshot(sha) is not None
    assert reopened.marked_quote_ids(make_article().sha256) == ("q-1",)
    assert not [p for p in db_path.parent.iterdir() if ".corrupt-" in p.name]
    reopened.save(make_article(("After", "By X", "the kill.")), position=1)
    assert reopened.integrity_check() == "ok"


def test_two_processes_bookmarking_at_once_keep_both(
    db_path: Path, tmp_path: Path
) -> None:
    start = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writers = [
        subprocess.Popen(
            _writer(db_path, tag, 30, start),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        for tag in ("left", "right")
    ]
    time.sleep(0.3)  # both are importing and waiting
    start.touch()
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
    shas = [line.split()[1] for out, _err in outputs for line in out.splitlines()]
    assert len(shas) == 60
    store = BookmarkStore(db_path)
    assert {b.sha256 for b in store.list()} == set(shas)
    assert len(store.recent(limit=100)) == 60
    assert store.integrity_check() == "ok"


# -- CLI ----------------------------------------------------------------------------


@pytest.fixture
def cli_store(tmp_path: Path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "cli" / "bookmarks.sqlite3")


def _cached_annotations(article: Article) -> tuple[str, str]:
    """Put fake annotations of ``article`` in the cache the CLI reads."""
    from newsreader.nlp.pipeline import resolve_model
    from newsreader.store.annotation_cache import AnnotationCache

    choice = resolve_model(None)
    first = quote_span(article, '"We cannot wait any longer,"')
    second = quote_span(article, '"This is a waste of money,"')
    quotes = (
        Quote(
            "q-1",
            first,
            "direct",
            "Maria Lopez",
            "Mayor Lopez",
            cue="said",
            confidence=0.9,
            reason="named",
        ),
        Quote(
            "q-2",
            second,
            "direct",
            "Tom Baker",
            "Baker",
            cue="told",
            confidence=0.8,
            reason="named",
        ),
    )
    AnnotationCache(locations.cache_dir()).put(
        Annotations(article.sha256, choice.engine_id, quotes)
    )
    return "q-1", "q-2"


def test_cli_list(cli_store: BookmarkStore, capsys: pytest.CaptureFixture[str]) -> None:
    from newsreader.cli.bookmarks import main

    assert main(["list"], store=cli_store) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No bookmarks yet" in captured.err
    one = cli_store.save(
        make_article(), position=60, marked_quote_ids=["q-1", "q-2"], quote_count=2
    )
    cli_store.set_note(one.id, "ring the mayor's office")
    two = cli_store.save(
        make_article(("Another story", "By Y", "Text."), source="b.txt")
    )
    assert main(["list"], store=cli_store) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    by_id = {int(line.split()[0]): line for line in lines}
    assert set(by_id) == {one.id, two.id}
    assert "Council backs bridge" in by_id[one.id]
    assert "Example [Gazette]" in by_id[one.id]
    assert "2025-03-14" in by_id[one.id]
    assert "2 quotes" in by_id[one.id] and "2 marked" in by_id[one.id]
    assert "note: ring the mayor's office" in by_id[one.id]
    assert "0 marked" in by_id[two.id]


def test_cli_list_json(
    cli_store: BookmarkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli.bookmarks import main

    bookmark = cli_store.save(make_article(), position=60, marked_quote_ids=["q-1"])
    assert main(["list", "--json"], store=cli_store) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["id"] == bookmark.id
    assert data[0]["marked_quote_ids"] == ["q-1"]
    assert data[0]["sha256"] == bookmark.sha256
    assert "text" not in data[0]


def test_cli_show(cli_store: BookmarkStore, capsys: pytest.CaptureFixture[str]) -> None:
    from newsreader.cli.bookmarks import main

    article = make_article()
    bookmark = cli_store.save(
        article, position=article.paragraphs[3].start, marked_quote_ids=["q-1"]
    )
    cli_store.bookmark_quote(article, "q-2", quote_span(article, '"This is a waste'))
    assert main(["show", str(bookmark.id)], store=cli_store) == 0
    out = capsys.readouterr().out
    assert "title:      Council backs bridge" in out
    assert f"sha256:     {article.sha256}" in out
    assert "position:   ¶4 of 5" in out
    assert "marked:     q-1" in out
    assert 'saved quote q-2 (¶5): "This is a waste' in out
    assert main(["show", "999"], store=cli_store) == 1
    assert "no bookmark with id 999" in capsys.readouterr().err


def test_cli_remove(
    cli_store: BookmarkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli.bookmarks import main

    bookmark = cli_store.save(make_article())
    assert main(["remove", str(bookmark.id)], store=cli_store) == 0
    assert f"Removed bookmark {bookmark.id}" in capsys.readouterr().out
    assert cli_store.list() == []
    assert main(["remove", str(bookmark.id)], store=cli_store) == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["remove", "abc"], store=cli_store)
    assert exit_info.value.code == 2


def test_cli_export_marked_quotes(
    cli_store: BookmarkStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli.bookmarks import main

    article = make_article()
    _cached_annotations(article)
    bookmark = cli_store.save(article, marked_quote_ids=["q-2"])
    assert main(["export", str(bookmark.id)], store=cli_store) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("---\n")
    assert '"This is a waste of money,"' in markdown
    assert "We cannot wait" not in markdown  # not marked
    assert article.sha256 in markdown

    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    code = main(
        ["export", str(bookmark.id), "--format", "json", "-o", str(out_dir)],
        store=cli_store,
    )
    assert code == 0
    written = list(out_dir.iterdir())
    assert [p.suffix for p in written] == [".json"]
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert "This is a waste of money" in json.dumps(data)
    assert "1 quote" in capsys.readouterr().err
    # An existing file needs --force.
    again = ["export", str(bookmark.id), "--format", "json", "-o", str(written[0])]
    assert main(again, store=cli_store) == 1
    assert "--force" in capsys.readouterr().err
    assert main([*again, "--force"], store=cli_store) == 0


def test_cli_export_csv_includes_saved_quotes(
    cli_store: BookmarkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli.bookmarks import main

    article = make_article()
    _cached_annotations(article)
    bookmark, _ = cli_store.bookmark_quote(
        article, "q-1", quote_span(article, '"We cannot wait any longer,"')
    )
    assert main(["export", str(bookmark.id), "--format", "csv"], store=cli_store) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2  # header and the one saved quote
    assert "We cannot wait any longer" in rows[1]


def test_cli_export_without_marks_fails(
    cli_store: BookmarkStore, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.cli.bookmarks import main

    article = make_article()
    _cached_annotations(article)
    bookmark = cli_store.save(article)
    assert main(["export", str(bookmark.id)], store=cli_store) == 1
    assert "no marked quotes" in capsys.readouterr().err
    assert main(["export", str(bookmark.id), "--all"], store=cli_store) == 0
    assert "Tom Baker" in capsys.readouterr().out


def test_cli_bookmarks_through_the_main_entry_point(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsreader.cli import main

    BookmarkStore().save(make_article(), position=1)
    assert main(["bookmarks", "list"]) == 0
    assert "Council backs bridge" in capsys.readouterr().out


# -- first run ------------------------------------------------------------------------


def test_no_argument_opens_the_sample_on_a_first_run_then_the_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsreader.ui.app as app_module
    from newsreader.cli import main
    from newsreader.resources import default_sample

    calls: list[Article | None] = []

    def fake_run_reader(article: Article | None, **kwargs: object) -> int:
        calls.append(article)
        return 0

    monkeypatch.setattr(app_module, "run_reader", fake_run_reader)
    assert main([]) == 0
    assert calls[-1] is not None
    assert calls[-1].source == str(default_sample())
    BookmarkStore().record_opened(calls[-1])
    assert main([]) == 0
    assert calls[-1] is None  # the library
    assert main([str(default_sample())]) == 0
    assert calls[-1] is not None
