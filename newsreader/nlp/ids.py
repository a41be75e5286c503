"""Quote ids: short, stable across runs, and unique within an article.

A quote's id is ``q-`` and the first six hex digits of a SHA-1 of its span, so
the same text annotated again gives the same ids and marks stored by id keep
naming their quotes. Six digits collide in a long article (2,500 quotes are
likely to share one), so a quote whose short id is already taken by an earlier
quote gets the longer twelve-digit form of the same digest, and a counter in
the rare case that is taken too. The first quote keeps the short id, so an id
stored before collisions were told apart still names the quote it named then.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable

from newsreader.model import Quote

SHORT_DIGITS = 6
LONG_DIGITS = 12


def _digest(start: int, end: int) -> str:
    return hashlib.sha1(f"{start}:{end}".encode()).hexdigest()


def quote_id(start: int, end: int, digits: int = SHORT_DIGITS) -> str:
    """The id of the quote spanning ``[start, end)`` with ``digits`` hex digits."""
    return f"q-{_digest(start, end)[:digits]}"


def with_unique_ids(quotes: Iterable[Quote]) -> list[Quote]:
    """``quotes`` (in document order) with ids made unique, as described above."""
    taken: set[str] = set()
    result: list[Quote] = []
    for quote in quotes:
        new_id = quote.id
        if new_id in taken:
            new_id = quote_id(quote.span.start, quote.span.end, LONG_DIGITS)
            base, number = new_id, 2
            while new_id in taken:
                new_id = f"{base}-{number}"
                number += 1
            quote = dataclasses.replace(quote, id=new_id)
        taken.add(new_id)
        result.append(quote)
    return result
