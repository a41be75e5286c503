"""The user's marks: which quotes are selected for export (no Textual).

Marks are quote ids kept in the order they were made. Ids may be set before
the quotes are known (a bookmark restored while the article is still being
annotated); :meth:`QuoteMarks.known` filters them against the quotes that
exist once they do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable


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
