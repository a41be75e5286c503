"""Annotations for an article, from the cache when possible.

:func:`cached_annotations` is the one cache-or-annotate path: the command-line
tools (``annotate``, ``export``, ``bookmarks export``, through
:func:`annotate_cached`) and the reader's annotation worker (with the child
process as its runner) both use it. spaCy is imported only on a cache miss.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.model import Annotations, Article
from newsreader.nlp import AnnotationCancelled, CancelCheck, ProgressCallback

if TYPE_CHECKING:
    from newsreader.nlp.pipeline import ModelChoice
    from newsreader.store.annotation_cache import AnnotationCache

Runner = Callable[[Article, ProgressCallback | None, CancelCheck | None], Annotations]
"""Annotates an article, reporting progress and polling for cancellation."""


@dataclass(frozen=True, slots=True)
class CachedAnnotations:
    """Annotations and where they came from."""

    annotations: Annotations
    from_cache: bool


def cached_annotations(
    article: Article,
    *,
    engine_id: str,
    cache: AnnotationCache | None,
    runner: Runner | None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    on_miss: Callable[[], None] | None = None,
) -> CachedAnnotations | None:
    """The cached annotations of ``article``, or ``runner``'s (then cached).

    Args:
        article: The article.
        engine_id: The annotator's cache key.
        cache: The annotation cache; None neither reads nor writes one.
        runner: Annotates on a miss; None means cached annotations only.
        progress: Passed to the runner.
        cancelled: Polled before and after the run (and by the runner).
        on_miss: Called when the runner is about to start.

    Returns:
        The annotations, or None on a miss without a runner.

    Raises:
        AnnotationCancelled: ``cancelled()`` became true; nothing is cached.
        Exception: Whatever the runner raised.
    """
    if cache is not None:
        cached = cache.get(article.sha256, engine_id)
        if cached is not None:
            return CachedAnnotations(cached, from_cache=True)
    if runner is None:
        return None
    if cancelled is not None and cancelled():
        raise AnnotationCancelled()
    if on_miss is not None:
        on_miss()
    annotations = runner(article, progress, cancelled)
    if cancelled is not None and cancelled():
        raise AnnotationCancelled()
    if cache is not None:
        cache.put(annotations)
    return CachedAnnotations(annotations, from_cache=False)


def annotate_cached(article: Article, choice: ModelChoice) -> Annotations:
    """Annotations from the user's cache, or computed in this process (and
    cached) on a miss: the command-line tools' call."""
    from newsreader.store import locations
    from newsreader.store.annotation_cache import AnnotationCache

    def run(
        article: Article,
        progress: ProgressCallback | None,
        cancelled: CancelCheck | None,
    ) -> Annotations:
        from newsreader.nlp.engine import SpacyAnnotator

        return SpacyAnnotator(choice).annotate(
            article, progress=progress, cancelled=cancelled
        )

    result = cached_annotations(
        article,
        engine_id=choice.engine_id,
        cache=AnnotationCache(locations.cache_dir()),
        runner=run,
    )
    assert result is not None  # a runner was given
    return result.annotations
