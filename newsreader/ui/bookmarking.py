"""Calling the bookmark store from the UI without ever blocking a frame.

Store calls are sub-millisecond reads and a few milliseconds of ``fsync`` for
writes, but a write may wait for another newsreader's transaction (the busy
timeout), so :func:`run_store_call` runs them in a thread worker. The worker
only posts a :class:`StoreCallDone` message; the app handles it on the UI
thread: it runs the callback, or shows the error in a notification (one line,
``markup=False``), and shows the store's one-time notice (a damaged database
moved aside, a read-only data directory) once per session.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker

from newsreader.ui.text import one_line

if TYPE_CHECKING:
    from textual.app import App

    from newsreader.model import Annotations, Article, Quote
    from newsreader.services.container import Services
    from newsreader.store.bookmarks import Bookmark, BookmarkStore
    from newsreader.ui.navigation import QuoteCursor
    from newsreader.ui.widgets.article_view import ArticleView

STORE_GROUP = "bookmarks"
"""Worker group of store calls."""


class StoreCallDone(Message):
    """A store call finished (posted from the worker thread)."""

    def __init__(
        self,
        on_done: Callable[[Any], object] | None,
        result: Any,
        error: str | None,
        notice: str | None,
        *,
        quiet: bool = False,
    ) -> None:
        super().__init__()
        self.on_done = on_done
        """Called with the result on the UI thread (not on error)."""
        self.result = result
        self.error = error
        """One-line reason the call failed, or None."""
        self.notice = notice
        """The store's one-time notice, if it has one."""
        self.quiet = quiet
        """A background call: an error repeating the notice is not shown again."""


def run_store_call(
    node: DOMNode,
    store: BookmarkStore,
    call: Callable[[BookmarkStore], Any],
    on_done: Callable[[Any], object] | None = None,
    *,
    quiet: bool = False,
    description: str = "bookmark store",
) -> Worker[None]:
    """Run ``call(store)`` in a thread; ``on_done(result)`` follows on the UI thread.

    The message is posted to ``node`` and bubbles up to the app, which handles
    it. A node removed meanwhile drops it (its callback would be stale anyway).
    ``quiet`` marks a background call the user did not ask for (recording the
    history): when the store is unavailable its notice is shown once, not an
    error at every call.
    """

    def work() -> None:
        from newsreader.store.bookmarks import BookmarkStoreError

        error: str | None = None
        result: Any = None
        try:
            result = call(store)
        except BookmarkStoreError as failure:
            error = str(failure)
        except Exception as failure:  # a bug: still one line, never a traceback
            error = " ".join(f"Bookmarks: {type(failure).__name__}: {failure}".split())
        node.post_message(
            StoreCallDone(on_done, result, error, store.notice, quiet=quiet)
        )

    return node.run_worker(
        work,
        thread=True,
        group=STORE_GROUP,
        exit_on_error=False,
        description=description,
    )


class ReaderBookmarks:
    """Reader-screen bookmark actions: ``m`` and "Bookmark this quote".

    Mixed into the reader screen. A screen opened from the library gets its
    reading position and marks through :meth:`restore_reading` before it
    mounts; :meth:`start_bookmarks` (called from the screen's ``on_mount``)
    applies them and :meth:`record_history` (called after the first paint)
    records the article in the reading history.
    """

    _pending_position: int | None = None
    _pending_marks: tuple[str, ...] = ()

    if TYPE_CHECKING:  # provided by the reader screen (and its marking mixin)
        article: Article
        annotations: Annotations | None
        cursor: QuoteCursor
        services: Services

        @property
        def app(self) -> App[Any]: ...

        @property
        def article_view(self) -> ArticleView: ...

        @property
        def marked_ids(self) -> tuple[str, ...]: ...

        def set_marks(self, quote_ids: Iterable[str]) -> None: ...

        def current_quote_or_hint(self) -> Quote | None: ...

        def _quotes_ready(self) -> bool: ...

    def restore_reading(self, position: int | None, marks: Iterable[str] = ()) -> None:
        """Open at character offset ``position`` with ``marks`` marked.

        Call before the screen mounts (the first frame is then already at the
        position).
        """
        self._pending_position = position
        self._pending_marks = tuple(marks)

    def start_bookmarks(self) -> None:
        """Apply a restored position and marks (before the first paint).

        The history is written by :meth:`record_history`, after the first paint.
        """
        if self._pending_position:
            self.article_view.go_to_offset(self._pending_position)
        if self._pending_marks:
            self.set_marks(self._pending_marks)

    def record_history(self) -> None:
        """Record the article in the reading history (opens the store).

        Called after the first paint: opening the SQLite store (and importing
        it) is no part of what the first frame needs.
        """
        store = self.services.bookmarks
        if store is None:
            return
        article = self.article
        position = self._pending_position

        def opened(s: BookmarkStore) -> list[Bookmark]:
            s.record_opened(article, position=position)
            return s.other_versions(article)

        run_store_call(
            self.screen_node,
            store,
            opened,
            self._earlier_versions,
            quiet=True,
            description="record opened article",
        )

    @property
    def screen_node(self) -> DOMNode:
        """The reader screen as a DOM node (this mixin is only used on one)."""
        assert isinstance(self, DOMNode)
        return self

    def _earlier_versions(self, versions: list[Bookmark]) -> None:
        if not versions:
            return
        latest = versions[0]
        self.app.notify(
            f"This text differs from the version you bookmarked on "
            f"{latest.created[:10]}; that version is kept in the library (') and "
            "this one gets its own entry",
            title="Article changed",
            markup=False,
            timeout=8,
        )

    def remember_position(self, *, wait: bool = False) -> None:
        """Save the reading position in the history (on leaving the article).

        Args:
            wait: Write now, on this thread (when quitting); otherwise in a worker.
        """
        store = self.services.bookmarks
        if store is None:
            return
        article = self.article
        position = self.article_view.top_offset
        if wait:
            from newsreader.store.bookmarks import BookmarkStoreError

            with contextlib.suppress(BookmarkStoreError):
                store.record_position(article, position)
            return
        run_store_call(
            self.screen_node,
            store,
            lambda s: s.record_position(article, position),
            quiet=True,
            description="remember reading position",
        )

    def _store_or_say(self) -> BookmarkStore | None:
        store = self.services.bookmarks
        if store is None:
            self.app.notify("Bookmarks are off", markup=False, timeout=3)
        return store

    def action_bookmark_article(self) -> None:
        """Bookmark the article at the reading position, with its marked quotes."""
        store = self._store_or_say()
        if store is None:
            return
        article = self.article
        position = self.article_view.top_offset
        marks = self.marked_ids
        quote_count = len(self.annotations.quotes) if self.annotations else None
        paragraph = article.paragraph_index(position) + 1

        def save(s: BookmarkStore) -> tuple[bool, Bookmark]:
            existed = s.get_by_sha(article.sha256) is not None
            return existed, s.save(
                article,
                position=position,
                marked_quote_ids=marks,
                quote_count=quote_count,
            )

        def saved(result: tuple[bool, Bookmark]) -> None:
            existed, bookmark = result
            what = "Bookmark updated" if existed else "Bookmarked"
            marked = f", {len(bookmark.marked_quote_ids)} marked" if marks else ""
            self.app.notify(
                f"{what} at ¶{paragraph} of {len(article.paragraphs)}{marked} · "
                "' opens the library",
                markup=False,
                timeout=4,
            )

        run_store_call(
            self.screen_node, store, save, saved, description="bookmark article"
        )

    def action_bookmark_quote(self) -> None:
        """Bookmark the current quote on its own."""
        store = self._store_or_say()
        if store is None or not self._quotes_ready():
            return
        quote = self.current_quote_or_hint()
        if quote is None:
            return
        article = self.article
        quote_count = len(self.annotations.quotes) if self.annotations else None
        paragraph = article.paragraph_index(quote.span.start) + 1
        speaker = one_line(quote.display_speaker or "no speaker", 40)

        def saved(_: object) -> None:
            self.app.notify(
                f"Bookmarked the quote by {speaker} (¶{paragraph})",
                markup=False,
                timeout=4,
            )

        run_store_call(
            self.screen_node,
            store,
            lambda s: s.bookmark_quote(
                article, quote.id, quote.span, quote_count=quote_count
            ),
            saved,
            description="bookmark quote",
        )
