"""The annotation engine: quotes with resolved speakers, entities and topics.

Importing this package is cheap: spaCy is imported only when a pipeline is
actually loaded (:func:`load_annotator`), which the UI does off its own thread.
Results are the plain dataclasses of :mod:`newsreader.model`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from newsreader.model import Annotations, Article

ENGINE_VERSION = 6
"""Bumped whenever the engine's output changes, invalidating cached annotations."""

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` with paragraph counts."""

CancelCheck = Callable[[], bool]
"""Returns True when the caller wants annotation to stop."""


class AnnotationCancelled(Exception):
    """Raised by :meth:`Annotator.annotate` when ``cancelled()`` became true."""


class ModelError(Exception):
    """An explicitly requested model cannot be loaded; the message names the fix."""


class Annotator(Protocol):
    """Anything that turns an :class:`Article` into :class:`Annotations`."""

    @property
    def engine_id(self) -> str:
        """Model name and version plus engine version: the annotation cache key."""
        ...

    @property
    def model_label(self) -> str:
        """Short human-readable name of the model in use, for the status bar."""
        ...

    @property
    def fallback(self) -> bool:
        """True for the rules-only fallback used when no spaCy pipeline exists."""
        ...

    def annotate(
        self,
        article: Article,
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> Annotations:
        """Annotate ``article``; raise :class:`AnnotationCancelled` if asked to stop."""
        ...
