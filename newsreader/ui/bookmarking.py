"""Calling the bookmark store from the UI without ever blocking a frame.

Store calls are sub-millisecond reads and a few milliseconds of ``fsync`` for
writes, but a write may wait for another newsreader's transaction (the busy
timeout), so :func:`run_store_call` runs them in a thread worker. The call
returns the data message to post (or None); the worker posts it, then a
:class:`StoreCallDone` with the error and the store's notice, which the app
shows on the UI thread (one line, ``markup=False``; a notice once per
session). Messages carry data only.

:class:`ReaderBookmarks` is the reader screen's collaborator for the history
and the ``m`` / "Bookmark this quote" actions; it is given the screen (to run
workers and post messages on), the store and the article.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

from newsreader.ui.marks import MarkSync
from newsreader.ui.text import one_line

if TYPE_CHECKING:
    from newsreader.model import Article, Quote
    from newsreader.store.bookmarks import Bookmark, BookmarkStore, MarkChanges

STORE_GROUP = "bookmarks"
"""Worker group of store calls."""


class StoreCallDone(Message):
    """A store call finished (posted from the worker thread)."""

    def __init__(
        self, error: str | None, notice: str | None, *, quiet: bool = False
    ) -> None:
        super().__init__()
        self.error = error
        """One-line reason the call failed, or None."""
        self.notice = notice
        """The store's one-time notice, if it has one."""
        self.quiet = quiet
        """A background call: an error repeating the notice is not shown again."""


def run_store_call(
    node: DOMNode,
    store: BookmarkStore,
    call: Callable[[BookmarkStore], Message | None],
    *,
    quiet: bool = False,
    description: str = "bookmark store",
) -> Worker[None]:
    """Run ``call(store)`` in a thread and post the message it returns to ``node``.

    A :class:`StoreCallDone` follows (it bubbles up to the app). On an error
    only the :class:`StoreCallDone` is posted. ``quiet`` marks a background
    call the user did not ask for (recording the history): when the store is
    unavailable its notice is shown once, not an error at every call.
    """

    def work() -> None:
        from newsreader.store.bookmarks import BookmarkStoreError

        error: str | None = None
        try:
            result = call(store)
        except BookmarkStoreError as failure:
            error = str(failure)
        except Exception as failure:  # a bug: still one line, never a traceback
            error = " ".join(f"Bookmarks: {type(failure).__name__}: {failure}".split())
        else:
            if result is not None:
                node.post_message(result)
        node.post_message(StoreCallDone(error, store.notice, quiet=quiet))

    return node.run_worker(
        work,
        thread=True,
        group=STORE_GROUP,
        exit_on_error=False,
        description=description,
    )


class EarlierVersions(Message):
    """Other versions of the article on show are bookmarked or were opened."""

    def __init__(self, created: tuple[str, ...]) -> None:
        super().__init__()
        self.created = created
        """When each other version was bookmarked, newest first (ISO 8601)."""

    def text(self) -> str:
        """One line for the user."""
        return (
            f"This text differs from the version you bookmarked on "
            f"{self.created[0][:10]}; that version is kept in the library (') and "
            "this one gets its own entry"
        )


class BookmarkLoaded(Message):
    """The article's bookmark was read when the reader opened it."""

    def __init__(self, bookmark: Bookmark | None) -> None:
        super().__init__()
        self.bookmark = bookmark
        """The bookmark of this article version, or None if it has none."""


class MarksStored(Message):
    """Mark changes were merged into the bookmark (or failed to be)."""

    def __init__(self, stored: tuple[str, ...] | None, *, gone: bool = False) -> None:
        super().__init__()
        self.stored = stored
        """The bookmark's marks after the merge; None when nothing was stored
        (the write failed, or the bookmark is gone)."""
        self.gone = gone
        """The bookmark was removed (by another newsreader) meanwhile."""


@dataclass(frozen=True, slots=True)
class ArticleBookmark:
    """What ``m`` saves."""

    position: int
    """Character offset at the top of the view."""
    paragraph: int
    """1-based paragraph at ``position``."""
    paragraphs: int
    """Paragraphs in the article."""
    marks: tuple[str, ...]
    """The reader's marks (merged with the stored ones, never replacing them)."""
    quote_count: int | None
    current_quote_id: str | None = None
    """The current quote, resumed with the bookmark."""
    speaker_filter: str | None = None
    """The speaker filter, resumed with the bookmark."""


class ArticleBookmarked(Message):
    """``m`` saved the article's bookmark."""

    def __init__(
        self,
        saved: ArticleBookmark,
        *,
        existed: bool,
        marked: int,
        stored: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.saved = saved
        self.existed = existed
        """Whether a bookmark was updated rather than created."""
        self.marked = marked
        """Marked quotes the bookmark holds."""
        self.stored = stored
        """The bookmark's marks as stored (merged with other readers')."""

    def text(self) -> str:
        """One line for the user."""
        what = "Bookmark updated" if self.existed else "Bookmarked"
        marked = f", {self.marked} marked" if self.marked else ""
        return (
            f"{what} at ¶{self.saved.paragraph} of {self.saved.paragraphs}{marked} · "
            "' opens the library"
        )


class QuoteBookmarked(Message):
    """A quote was bookmarked on its own."""

    def __init__(self, speaker: str, paragraph: int) -> None:
        super().__init__()
        self.speaker = speaker
        """Who said it (one line), or ``no speaker``."""
        self.paragraph = paragraph
        """1-based paragraph of the quote."""

    def text(self) -> str:
        """One line for the user."""
        return f"Bookmarked the quote by {self.speaker} (¶{self.paragraph})"


class ReaderBookmarks:
    """The reader's bookmark work: history, position, ``m``, quote bookmarks.

    Every store call runs in a worker on ``node``; the data messages it posts
    (:class:`EarlierVersions`, :class:`ArticleBookmarked`,
    :class:`QuoteBookmarked`) are handled by the node.
    """

    def __init__(
        self, node: DOMNode, store: BookmarkStore | None, article: Article
    ) -> None:
        self._node = node
        self.store = store
        """The bookmark store; None when bookmarks are off."""
        self._article = article
        self.sync = MarkSync()
        """Where the marks stand against the bookmark's."""

    def record_opened(self, position: int | None) -> None:
        """Read the article's bookmark (posting :class:`BookmarkLoaded`) and
        record the article in the reading history (in the background)."""
        store = self.store
        if store is None:
            return
        article = self._article
        node = self._node

        def opened(s: BookmarkStore) -> EarlierVersions | None:
            node.post_message(BookmarkLoaded(s.get_by_sha(article.sha256)))
            s.record_opened(article, position=position)
            versions: list[Bookmark] = s.other_versions(article)
            if not versions:
                return None
            return EarlierVersions(tuple(v.created for v in versions))

        run_store_call(
            self._node,
            store,
            opened,
            quiet=True,
            description="record opened article",
        )

    def record_quote_count(self, quote_count: int) -> None:
        """Keep the quote count the library shows."""
        store = self.store
        if store is None:
            return
        article = self._article

        def record(s: BookmarkStore) -> None:
            s.record_opened(article, quote_count=quote_count)

        run_store_call(
            self._node, store, record, quiet=True, description="record quote count"
        )

    def remember_position(self, position: int, *, wait: bool = False) -> None:
        """Save the reading position in the history (on leaving the article).

        Args:
            position: Character offset at the top of the view.
            wait: Write now, on this thread (when quitting); otherwise in a worker.
        """
        store = self.store
        if store is None:
            return
        article = self._article
        if wait:
            from newsreader.store.bookmarks import BookmarkStoreError

            with contextlib.suppress(BookmarkStoreError):
                store.record_position(article, position)
            return

        def record(s: BookmarkStore) -> None:
            s.record_position(article, position)

        run_store_call(
            self._node,
            store,
            record,
            quiet=True,
            description="remember reading position",
        )

    def bookmark_article(self, saved: ArticleBookmark) -> None:
        """Bookmark the article at ``saved.position`` with ``saved.marks``."""
        store = self.store
        if store is None:
            return
        article = self._article

        from newsreader.store.bookmarks import ReadingFocus

        changes = self.sync.begin(saved.marks, saving=True)
        focus = ReadingFocus(saved.current_quote_id, saved.speaker_filter)
        node = self._node

        def save(s: BookmarkStore) -> ArticleBookmarked:
            existed = s.get_by_sha(article.sha256) is not None
            try:
                bookmark = s.save(
                    article,
                    position=saved.position,
                    quote_count=saved.quote_count,
                    mark_changes=changes,
                    focus=focus,
                )
            except Exception:
                node.post_message(MarksStored(None))
                raise
            return ArticleBookmarked(
                saved,
                existed=existed,
                marked=len(bookmark.marked_quote_ids),
                stored=bookmark.marked_quote_ids,
            )

        run_store_call(node, store, save, description="bookmark article")

    def bookmark_quote(self, quote: Quote, quote_count: int | None) -> None:
        """Bookmark ``quote`` on its own."""
        store = self.store
        if store is None:
            return
        article = self._article
        paragraph = article.paragraph_index(quote.span.start) + 1
        speaker = one_line(quote.display_speaker or "no speaker", 40)

        def save(s: BookmarkStore) -> QuoteBookmarked:
            s.bookmark_quote(article, quote.id, quote.span, quote_count=quote_count)
            return QuoteBookmarked(speaker, paragraph)

        run_store_call(self._node, store, save, description="bookmark quote")

    def keep_marks(self, local: tuple[str, ...]) -> None:
        """Merge the marks made and removed here into the article's bookmark
        (if it has one and it was loaded); :class:`MarksStored` answers."""
        store = self.store
        if store is None:
            return
        changes = self.sync.begin(local)
        if changes is None:
            return
        sha = self._article.sha256
        node = self._node

        def merge(s: BookmarkStore, changes: MarkChanges = changes) -> MarksStored:
            try:
                bookmark = s.change_marks(sha, changes)
            except Exception:
                node.post_message(MarksStored(None))
                raise
            if bookmark is None:
                return MarksStored(None, gone=True)
            return MarksStored(bookmark.marked_quote_ids)

        run_store_call(node, store, merge, quiet=True, description="keep marks")
