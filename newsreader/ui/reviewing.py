"""Saving the reader's review actions, in order, off the UI thread.

Each review action changes the in-memory
:class:`~newsreader.services.review.ReviewSession` at once (the screen redraws
immediately) and hands a
:class:`~newsreader.services.review.ReviewWrite` to :class:`ReviewWriter`,
which writes them one after another on a single background thread, so an
action and its undo reach the database in the order they were made. Leaving
the article or quitting waits for the queue (:meth:`ReviewWriter.flush`).
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable

from newsreader.review import Review
from newsreader.services.archive import record_review
from newsreader.services.review import ReviewWrite
from newsreader.store.archive import QuoteArchive
from newsreader.store.bookmarks import BookmarkStore, BookmarkStoreError
from newsreader.store.reviews import ReviewStore

FLUSH_TIMEOUT = 10.0
"""Longest wait for queued writes when leaving the article, in seconds."""


class ReviewWriter:
    """Writes review changes to the store, in order, on one worker thread."""

    def __init__(
        self,
        database: BookmarkStore | None,
        on_error: Callable[[str], None],
        archive: QuoteArchive | None = None,
    ) -> None:
        """Args:
        database: The bookmark database (None: reviews are kept in memory only).
        on_error: Called (on the worker thread) with a one-line message when a
            write fails.
        archive: The quote archive, which carries each review too (None: not).
        """
        self.store = ReviewStore(database) if database is not None else None
        self.archive = archive
        self._on_error = on_error
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._pending: list[concurrent.futures.Future[None]] = []

    @property
    def enabled(self) -> bool:
        """Whether reviews are saved at all."""
        return self.store is not None

    def submit(self, write: ReviewWrite) -> None:
        """Queue ``write``."""
        if self.store is None:
            return
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="review-writer"
            )
        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(self._executor.submit(self._save, write))

    def _save(self, write: ReviewWrite) -> None:
        assert self.store is not None
        try:
            review = write.save(self.store)
        except BookmarkStoreError as error:
            self._on_error(f"Review not saved: {error}")
            return
        if self.archive is not None:
            # No review left (undone to nothing) puts the archive back to machine.
            problem = record_review(
                review or Review(write.sha256, write.key),
                self.archive,
                write.speaker_kind,
            )
            if problem is not None:
                self._on_error(f"Review not carried into the archive: {problem}")

    def flush(self) -> None:
        """Wait for every queued write (bounded by :data:`FLUSH_TIMEOUT`)."""
        if self._pending:
            concurrent.futures.wait(self._pending, timeout=FLUSH_TIMEOUT)
            self._pending = []

    def close(self) -> None:
        """Flush, then stop the worker thread."""
        self.flush()
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None
