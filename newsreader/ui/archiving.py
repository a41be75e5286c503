"""Recording the reader's annotated article in the quote archive, off the UI thread.

The reader calls :meth:`ArchiveRecorder.record` when annotations arrive; the
archive write (a few milliseconds, or a wait on another newsreader's write)
runs in a thread worker. A failure is a one-line notice, shown once per
session; it never interrupts reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.worker import Worker

if TYPE_CHECKING:
    from newsreader.model import Annotations, Article
    from newsreader.store.archive import QuoteArchive

ARCHIVE_GROUP = "archive"
"""Worker group of archive writes."""


class ArchiveRecorder:
    """Records annotated articles for one node (the reader screen)."""

    def __init__(self, node: DOMNode, archive: QuoteArchive | None) -> None:
        self.node = node
        self.archive = archive
        """The archive; None records nothing."""
        self.notified = False
        """Whether a notice has been shown this session."""

    def record(
        self, article: Article, annotations: Annotations
    ) -> Worker[str | None] | None:
        """Record ``annotations`` of ``article`` in a thread worker (None when
        the archive is off)."""
        archive = self.archive
        if archive is None:
            return None

        def work() -> str | None:
            from newsreader.services.archive import record_annotated

            notice = record_annotated(article, annotations, archive)
            if notice and not self.notified:
                self.notified = True
                app = self.node.app
                app.call_from_thread(
                    app.notify, notice, severity="warning", markup=False, timeout=8
                )
            return notice

        return self.node.run_worker(
            work,
            thread=True,
            group=ARCHIVE_GROUP,
            exit_on_error=False,
            description="record in the archive",
        )
