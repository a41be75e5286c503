"""A reporter's reviews reach the quote archive (verified, edited, rejected, undone)."""

from __future__ import annotations

from pathlib import Path

from newsreader.model import SpeakerKind
from newsreader.services.review import ReviewWrite
from newsreader.store.archive import QuoteArchive, SearchQuery
from newsreader.store.bookmarks import BookmarkStore
from newsreader.ui.reviewing import ReviewWriter
from tests.support.archive_helpers import make_article


def test_review_actions_are_carried_into_the_archive(tmp_path: Path) -> None:
    archive = QuoteArchive(tmp_path / "archive.sqlite3")
    article, annotations = make_article(
        "Leisure", [("The pool stays open", "Ann Lee"), ("Nobody asked us", "Bo Chan")]
    )
    archive.record(article, annotations)
    first, second = annotations.quotes
    problems: list[str] = []
    writer = ReviewWriter(
        BookmarkStore(tmp_path / "bookmarks.sqlite3"), problems.append, archive
    )

    def write(span_of: object, kind: SpeakerKind = "person", **changes: object) -> None:
        quote = first if span_of is first else second
        writer.submit(
            ReviewWrite(article.sha256, quote.span, changes, quote.speaker, kind)
        )
        writer.flush()

    write(first, verified=True)
    write(second, "organisation", speaker="Harbour Trust")
    (verified,) = archive.search(SearchQuery("pool", verified=True))
    assert verified.review == "verified"
    (edited,) = archive.search(SearchQuery("asked"))
    assert (edited.review, edited.speaker) == ("edited", "Harbour Trust")
    assert edited.speaker_kind == "organisation"

    write(second, rejected=True)
    assert archive.search(SearchQuery("asked")) == []
    write(second, rejected=False, speaker=None)
    (back,) = archive.search(SearchQuery("asked"))
    assert back.review == "machine"
    writer.close()
    assert problems == []
