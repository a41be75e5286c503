"""The user's marks: which quotes are selected for export (no Textual).

Marks are quote ids kept in the order they were made. Ids may be set before
the quotes are known (a bookmark restored while the article is still being
annotated); :meth:`QuoteMarks.known` filters them against the quotes that
exist once they do. :class:`MarkSync` keeps them in step with the bookmark.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.store.bookmarks import MarkChanges


class QuoteMarks:
    """An ordered set of marked quote ids."""

    __slots__ = ("_ids",)

    def __init__(self, quote_ids: Iterable[str] = ()) -> None:
        self._ids: dict[str, None] = dict.fromkeys(quote_ids)

    def __contains__(self, quote_id: object) -> bool:
        return quote_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def known(self, quote_ids: Collection[str] | None) -> tuple[str, ...]:
        """The marked ids in marking order, keeping only those in ``quote_ids``.

        ``None`` means the quotes are not known yet: every id is kept.
        """
        if quote_ids is None:
            return tuple(self._ids)
        return tuple(quote_id for quote_id in self._ids if quote_id in quote_ids)

    def replace(self, quote_ids: Iterable[str]) -> None:
        """Mark exactly ``quote_ids`` (in that order)."""
        self._ids = dict.fromkeys(quote_ids)

    def toggle(self, quote_id: str) -> bool:
        """Mark ``quote_id``, or unmark it if it was marked; returns whether marked."""
        if quote_id in self._ids:
            del self._ids[quote_id]
            return False
        self._ids[quote_id] = None
        return True

    def add(self, quote_ids: Iterable[str]) -> list[str]:
        """Mark ``quote_ids`` after the existing marks; returns the newly marked."""
        new = [
            quote_id for quote_id in dict.fromkeys(quote_ids) if quote_id not in self
        ]
        self._ids.update(dict.fromkeys(new))
        return new

    def clear(self) -> None:
        """Unmark everything."""
        self._ids = {}


class MarkSync:
    """Keeps one reader's marks in step with its article's bookmark.

    The reader never writes its whole set of marks: it sends the marks it made
    and removed since it last heard from the store (a
    :class:`~newsreader.store.bookmarks.MarkChanges`), which the store merges
    with what other readers stored meanwhile. Nothing is sent before the
    bookmark was loaded, so a session never removes marks it did not load, and
    one change is in flight at a time, so changes reach the store in order.
    """

    __slots__ = ("_sent", "_stored", "bookmarked", "loaded")

    def __init__(self) -> None:
        self.loaded = False
        """Whether the bookmark (or its absence) has been read."""
        self.bookmarked = False
        """Whether the article has a bookmark to keep the marks in."""
        self._stored: tuple[str, ...] = ()
        self._sent: tuple[str, ...] | None = None

    @property
    def in_flight(self) -> bool:
        """Whether changes were sent and their answer has not come back."""
        return self._sent is not None

    def changes(self, local: Iterable[str]) -> MarkChanges:
        """The marks ``local`` adds to and removes from the stored ones."""
        from newsreader.store.bookmarks import MarkChanges

        here = dict.fromkeys(local)
        stored = set(self._stored)
        return MarkChanges(
            mark=tuple(i for i in here if i not in stored),
            unmark=tuple(i for i in self._stored if i not in here),
        )

    def load(self, stored: tuple[str, ...] | None, local: Iterable[str]) -> list[str]:
        """The bookmark's marks were read (None: no bookmark); returns the
        marks to show: the stored ones, then any made before they arrived."""
        self.loaded = True
        self.bookmarked = stored is not None
        self._stored = stored or ()
        return list(dict.fromkeys([*self._stored, *local]))

    def begin(
        self, local: tuple[str, ...], *, saving: bool = False
    ) -> MarkChanges | None:
        """The changes to send now, or None (nothing to send, nowhere to send
        it, or an earlier change still on its way). ``saving`` is ``m``, which
        creates the bookmark and sends even before the load and while a change
        is in flight (marks are only added and removed by id, so resending is
        harmless)."""
        if not saving and (not self.loaded or not self.bookmarked or self.in_flight):
            return None
        changes = self.changes(local)
        if not changes and not saving:
            return None
        self._sent = local
        return changes

    def done(self, stored: tuple[str, ...], local: Iterable[str]) -> list[str]:
        """The store answered with its merged marks; returns the marks to show:
        the stored ones with the changes made here since the send applied."""
        sent = set(self._sent or ())
        here = dict.fromkeys(local)
        self._sent = None
        self._stored = stored
        self.bookmarked = True
        removed = {i for i in sent if i not in here}
        merged = dict.fromkeys(i for i in stored if i not in removed)
        merged.update(dict.fromkeys(i for i in here if i not in sent))
        return list(merged)

    def failed(self) -> None:
        """The send failed; the next change sends everything again."""
        self._sent = None
