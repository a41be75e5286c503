"""The quote archive: recording, search, speakers, reviews, trace and safety."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from newsreader.services.archive import record_annotated, speaker_kinds
from newsreader.store.archive import ArchiveError, QuoteArchive, SearchQuery, iso_date
from newsreader.store.speakers import KnownSpeaker, choose_speaker, parse_name
from newsreader.store.wording import inline_diff, word_diff
from tests.support.archive_helpers import make_article


@pytest.fixture
def archive(tmp_path: Path) -> QuoteArchive:
    return QuoteArchive(tmp_path / "archive.sqlite3")


def record(archive: QuoteArchive, *args: object, **kwargs: object) -> None:
    article, annotations = make_article(*args, **kwargs)  # type: ignore[arg-type]
    archive.record(article, annotations, speaker_kinds=speaker_kinds(annotations))


# -- recording and search ----------------------------------------------------------


def test_search_finds_quotes_with_speaker_outlet_and_date(
    archive: QuoteArchive,
) -> None:
    record(
        archive,
        "Bridge vote",
        [("The bridge will reopen in May", "Catherine Doyle")],
        outlet="Harbour Herald",
        published="March 3, 2024",
    )
    (hit,) = archive.search(SearchQuery("reopen"))
    assert hit.text == "“The bridge will reopen in May,”"
    assert hit.speaker == "Catherine Doyle"
    assert hit.article.outlet == "Harbour Herald"
    assert hit.article.date == "2024-03-03"
    assert hit.review == "machine"


def test_diacritics_are_ignored_in_search(archive: QuoteArchive) -> None:
    record(archive, "Café culture", [("Zoë knows the café owners", "Zoë Martín")])
    assert [q.speaker for q in archive.search(SearchQuery("zoe"))] == ["Zoë Martín"]
    assert archive.search(SearchQuery("cafe owners"))
    assert archive.search(SearchQuery("martin"))


def test_search_matches_titles_and_prefixes(archive: QuoteArchive) -> None:
    record(
        archive, "Ferry timetable shake-up", [("We will run later boats", "Ann Lee")]
    )
    assert archive.search(SearchQuery("timetable"))
    assert not archive.search(SearchQuery("timet"))
    assert archive.search(SearchQuery("timet", prefix=True))


def test_very_common_words_list_the_newest_first(
    archive: QuoteArchive, monkeypatch: pytest.MonkeyPatch
) -> None:
    record(archive, "Old", [("The harbour harbour harbour plan", "Ann Lee")])
    record(archive, "New", [("A harbour plan", "Ann Lee")])
    ranked = [q.article.title for q in archive.search(SearchQuery("harbour"))]
    assert ranked == ["Old", "New"]  # more occurrences rank higher
    monkeypatch.setattr("newsreader.store.archive.RANK_LIMIT", 1)
    newest = [q.article.title for q in archive.search(SearchQuery("harbour"))]
    assert newest == ["New", "Old"]


def test_recording_again_replaces_quotes_and_keeps_reviews(
    archive: QuoteArchive,
) -> None:
    article, annotations = make_article("Budget", [("We cut nothing", "Ruth Adeyemi")])
    archive.record(article, annotations)
    assert archive.set_review(article.sha256, "q-0", "verified")
    result = archive.record(article, annotations)
    assert result.replaced
    assert archive.counts() == (1, 1, 1)
    (hit,) = archive.search(SearchQuery("cut"))
    assert hit.review == "verified"


def test_filters_by_speaker_entity_dates_kind_and_review(archive: QuoteArchive) -> None:
    record(
        archive,
        "Spring",
        [("The harbour plan is sound", "Catherine Doyle")],
        published="2024-03-01",
        entities=("Harbour Trust",),
    )
    record(
        archive,
        "Autumn",
        [("The harbour plan is dead", "Peter Doyle")],
        published="2024-10-01",
    )
    assert len(archive.search(SearchQuery("harbour"))) == 2
    assert [
        q.speaker for q in archive.search(SearchQuery("harbour", speaker="Peter"))
    ] == ["Peter Doyle"]
    assert [
        q.article.title for q in archive.search(SearchQuery(entity="harbour trust"))
    ] == ["Spring"]
    assert [
        q.article.title for q in archive.search(SearchQuery(since="2024-06-01"))
    ] == ["Autumn"]
    assert [
        q.article.title for q in archive.search(SearchQuery(until="2024-06-01"))
    ] == ["Spring"]
    assert archive.search(SearchQuery(kind="indirect")) == []
    assert archive.search(SearchQuery(verified=True)) == []


def test_reviews_update_the_archive(archive: QuoteArchive) -> None:
    article, annotations = make_article(
        "Review", [("The pool stays open", "Ann Lee"), ("So-called experts", None)]
    )
    archive.record(article, annotations)
    assert archive.set_review(
        article.sha256, "q-0", "edited", text="The pool stays open all year"
    )
    assert archive.set_review(article.sha256, "q-1", "not-a-quote")
    assert not archive.set_review(article.sha256, "q-9", "verified")
    (edited,) = archive.search(SearchQuery("all year", verified=True))
    assert edited.review == "edited"
    assert edited.text == "The pool stays open all year"
    assert archive.search(SearchQuery("experts")) == []
    with pytest.raises(ArchiveError):
        archive.set_review(article.sha256, "q-0", "approved")  # type: ignore[arg-type]


def test_iso_dates() -> None:
    assert iso_date("2025-02-11T08:00:00Z") == "2025-02-11"
    assert iso_date("11 February 2025") == "2025-02-11"
    assert iso_date("Feb 11, 2025") == "2025-02-11"
    assert iso_date("last Tuesday") is None


# -- speakers ---------------------------------------------------------------------


def test_name_parts() -> None:
    parsed = parse_name("Mayor Cathy Doyle")
    assert parsed is not None
    assert (parsed.first, parsed.surname, parsed.role) == (
        "catherine",
        "doyle",
        "mayor",
    )


def test_one_person_under_four_names(archive: QuoteArchive) -> None:
    record(archive, "One", [("The bridge will go", "Catherine Doyle")])
    record(archive, "Two", [("The bridge is unsafe", "Doyle")])
    record(archive, "Three", [("The vote was fair", "Mayor Catherine Doyle")])
    record(archive, "Four", [("We acted in time", "Cathy Doyle")])
    (speaker,) = archive.speakers()
    assert speaker.name == "Catherine Doyle"
    assert speaker.quotes == 4
    assert speaker.kind == "person"


def test_different_first_names_stay_apart(archive: QuoteArchive) -> None:
    record(archive, "One", [("The bridge will go", "Mayor Catherine Doyle")])
    record(archive, "Two", [("The bridge must stay", "Peter Doyle")])
    record(archive, "Three", [("It is a sad day", "Doyle")])
    record(archive, "Four", [("The budget holds", "Mayor Doyle")])
    by_name = {s.name: s.quotes for s in archive.speakers()}
    # "Doyle" alone could be either, so it is its own speaker; the mayor is
    # known by her role.
    assert by_name == {"Catherine Doyle": 2, "Peter Doyle": 1, "Doyle": 1}


def test_surname_speaker_takes_a_first_name_when_unique() -> None:
    bare = KnownSpeaker(1, "person", frozenset({"doyle"}), None, "doyle", frozenset())
    assert choose_speaker("Catherine Doyle", "person", [bare]) is bare
    peter = KnownSpeaker(
        2, "person", frozenset({"peter doyle"}), "peter", "doyle", frozenset()
    )
    assert choose_speaker("Catherine Doyle", "person", [bare, peter]) is None


def test_organisations_match_on_their_whole_name(archive: QuoteArchive) -> None:
    article, annotations = make_article(
        "Org", [("We deny it", "Acme Ltd")], entities=()
    )
    annotations = annotations.__class__(
        annotations.article_sha256,
        annotations.engine,
        annotations.quotes,
        tuple(e.__class__(e.name, "ORG", e.mentions) for e in annotations.entities),
    )
    archive.record(article, annotations, speaker_kinds=speaker_kinds(annotations))
    record(archive, "Person", [("I deny it", "Jo Ltd")])
    assert sorted((s.name, s.kind) for s in archive.speakers()) == [
        ("Acme Ltd", "organisation"),
        ("Jo Ltd", "person"),
    ]


def test_user_merge_is_stored_and_respected(archive: QuoteArchive) -> None:
    record(archive, "One", [("The bridge will go", "Catherine Doyle")])
    record(archive, "Two", [("The river is rising", "Kate Moreno-Doyle")])
    keep = archive.find_speakers("Catherine Doyle")[0]
    other = archive.find_speakers("Kate Moreno-Doyle")[0]
    merged = archive.merge_speakers(keep.id, other.id)
    assert merged.quotes == 2
    record(archive, "Three", [("The river is falling", "Kate Moreno-Doyle")])
    (speaker,) = archive.speakers()
    assert speaker.quotes == 3
    assert [q.speaker for q in archive.search(SearchQuery("river"))] == [
        "Catherine Doyle",
        "Catherine Doyle",
    ]


def test_user_split_is_stored_and_respected(archive: QuoteArchive) -> None:
    record(archive, "One", [("The bridge will go", "Catherine Doyle")])
    record(archive, "Two", [("Not my decision", "Cathy Doyle")])
    (together,) = archive.speakers()
    made = archive.split_speaker(together.id, "Cathy Doyle")
    assert (made.name, made.quotes) == ("Cathy Doyle", 1)
    record(archive, "Three", [("Still not my decision", "Cathy Doyle")])
    counts = {s.name: s.quotes for s in archive.speakers()}
    assert counts == {"Catherine Doyle": 1, "Cathy Doyle": 2}
    with pytest.raises(ArchiveError, match="no quotes recorded as"):
        archive.split_speaker(made.id, "Peter Doyle")


# -- provenance ----------------------------------------------------------------------


ORIGINAL = "We will not close a single clinic in the eastern district before the winter"


def test_trace_finds_the_original_of_an_altered_quote(archive: QuoteArchive) -> None:
    record(
        archive, "First report", [(ORIGINAL, "Ruth Adeyemi")], published="2024-01-05"
    )
    altered = "We will not shut a single clinic in the east before the winter"
    record(archive, "Agency copy", [(altered, "Ruth Adeyemi")], published="2024-01-09")
    record(archive, "Unrelated", [("The ferry leaves at noon", "Ann Lee")])
    occurrences = archive.trace(altered)
    assert [o.quote.article.title for o in occurrences] == [
        "First report",
        "Agency copy",
    ]
    assert occurrences[0].changes == ()
    changes = {(c.before, c.after, c.marked) for c in occurrences[1].changes}
    assert ("close", "shut", None) in changes
    assert ("eastern district", "east", None) in changes


def test_trace_among_many_similar_quotes(archive: QuoteArchive) -> None:
    filler = [
        (f"The council will review item {n} of the harbour budget next week", "Ann Lee")
        for n in range(60)
    ]
    record(archive, "Filler", filler)
    record(
        archive, "First report", [(ORIGINAL, "Ruth Adeyemi")], published="2024-01-05"
    )
    found = archive.trace(ORIGINAL.replace("winter", "spring"))
    assert [o.quote.article.title for o in found] == ["First report"]


def test_marked_changes_are_told_from_silent_ones() -> None:
    earlier = "The council has failed the people of this town for years"
    later = "[The council] has failed the people … for years"
    changes = word_diff(earlier, later)
    assert [(c.kind, c.marked) for c in changes] == [
        ("replace", "bracket"),
        ("replace", "ellipsis"),
    ]
    silent = word_diff(earlier, "The council has betrayed the people of this town")
    assert [(c.before, c.after, c.marked) for c in silent] == [
        ("failed", "betrayed", None),
        ("for years", "", None),
    ]
    assert inline_diff("a b c", "a x c") == "a [-b-] {+x+} c"


# -- safety --------------------------------------------------------------------------


def test_corrupt_archive_is_moved_aside_and_recovered(tmp_path: Path) -> None:
    path = tmp_path / "archive.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    archive = QuoteArchive(path)
    record(archive, "After", [("We start again", "Ann Lee")])
    assert archive.notice is not None and "moved to" in archive.notice
    moved = list(tmp_path.glob("archive.sqlite3.corrupt-*"))
    assert len(moved) == 1
    assert moved[0].read_bytes().startswith(b"this is not a database")
    assert len(archive.search(SearchQuery("again"))) == 1


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "archive.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(ArchiveError, match="newer newsreader"):
        QuoteArchive(path).counts()
    assert path.read_bytes() == before


def test_record_annotated_never_raises(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    article, annotations = make_article("X", [("Words here", "Ann Lee")])
    notice = record_annotated(article, annotations, QuoteArchive(blocker / "a.sqlite3"))
    assert notice is not None and notice.startswith("Not archived:")
    assert "\n" not in notice


def _write_many(path: str, prefix: str, count: int) -> None:
    archive = QuoteArchive(Path(path))
    for number in range(count):
        record(
            archive,
            f"{prefix} {number}",
            [
                (
                    f"{prefix} statement number {number} about the harbour",
                    f"{prefix} Speaker",
                )
            ],
        )


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "archive.sqlite3")
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_write_many, args=(path, name, 25))
        for name in ("Alpha", "Bravo")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    archive = QuoteArchive(Path(path))
    assert archive.counts() == (50, 50, 2)
    assert len(archive.search(SearchQuery("harbour", limit=500))) == 50
