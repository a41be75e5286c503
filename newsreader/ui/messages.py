"""Messages of the reader: from the annotation and review workers, and about marks.

Workers never touch widgets: they only post these messages (``post_message`` is
thread-safe) and the screen's handlers update the widgets on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from newsreader.model import Annotations
from newsreader.review import Review

if TYPE_CHECKING:
    from newsreader.services.review import PreparedView


class AnnotationStarted(Message):
    """The annotation cache missed; the annotator is loading or running."""

    def __init__(self, article_sha256: str) -> None:
        super().__init__()
        self.article_sha256 = article_sha256
        """Which article is being annotated."""


class AnnotationProgress(Message):
    """Paragraphs annotated so far; a newer progress message replaces an older one."""

    def __init__(self, article_sha256: str, done: int, total: int) -> None:
        super().__init__()
        self.article_sha256 = article_sha256
        """Which article the progress is for."""
        self.done = done
        """Paragraphs annotated."""
        self.total = total
        """Paragraphs in all."""

    def can_replace(self, message: Message) -> bool:
        """Coalesce a queue of progress messages into the latest one."""
        return (
            isinstance(message, AnnotationProgress)
            and message.article_sha256 == self.article_sha256
        )


class AnnotationsReady(Message):
    """Annotations for the article are available."""

    def __init__(
        self,
        annotations: Annotations,
        *,
        from_cache: bool,
        prepared: PreparedView | None = None,
    ) -> None:
        super().__init__()
        self.annotations = annotations
        """The quotes, entities and topics found."""
        self.from_cache = from_cache
        """Whether they came from the annotation cache (no model was loaded)."""
        self.prepared = prepared
        """Their reviewed view, computed by the worker (None: compute it)."""


class AnnotationFailed(Message):
    """Annotation failed; the article stays readable without highlights."""

    def __init__(self, article_sha256: str, reason: str) -> None:
        super().__init__()
        self.article_sha256 = article_sha256
        """Which article failed."""
        self.reason = reason
        """One line for the user (plain text, never markup)."""


class MarksChanged(Message):
    """The quotes marked for export changed (posted by the reader screen)."""

    def __init__(self, article_sha256: str, quote_ids: tuple[str, ...]) -> None:
        super().__init__()
        self.article_sha256 = article_sha256
        """Which article's marks."""
        self.quote_ids = quote_ids
        """Ids of the marked quotes, in the order they were marked."""


class ReviewsLoaded(Message):
    """The article's stored reviews were read (``problem``: why they were not)."""

    def __init__(self, reviews: tuple[Review, ...], problem: str | None) -> None:
        super().__init__()
        self.reviews = reviews
        self.problem = problem
