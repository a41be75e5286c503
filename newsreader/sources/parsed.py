"""The intermediate result every format parser returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """What a format parser extracted, before the loader turns it into an Article.

    The loader neutralises control characters in every field, splits ``text``
    into paragraphs, checks that it is not empty and adds the source and the
    retrieval time.
    """

    text: str
    """The article text: headline, byline and body paragraphs joined by blank lines."""
    title: str | None = None
    """The headline, or ``None`` when the source has none."""
    byline: str | None = None
    """The author(s) without a leading "By"."""
    site: str | None = None
    """The publication or site name."""
    published: str | None = None
    """The publication date as the source gives it."""
    url: str | None = None
    """The article's URL as the source declares it."""


def join_names(names: list[str]) -> str:
    """Join author names the way a byline prints them.

    Args:
        names: Names in order; blanks are skipped.

    Returns:
        ``"A"``, ``"A and B"`` or ``"A, B and C"``.
    """
    cleaned = [name.strip() for name in names if name.strip()]
    if len(cleaned) <= 1:
        return "".join(cleaned)
    return f"{', '.join(cleaned[:-1])} and {cleaned[-1]}"


def same_text(first: str, second: str) -> bool:
    """Whether two strings are equal up to whitespace and case.

    Used to avoid repeating a headline that the body already starts with.
    """
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()
