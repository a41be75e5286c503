"""Annotations for an article, from the cache when possible.

Shared by the command-line tools (``annotate``, ``export``, ``bookmarks
export``): spaCy is imported only on a cache miss.
"""

from __future__ import annotations

from newsreader.model import Annotations, Article
from newsreader.nlp.pipeline import ModelChoice
from newsreader.store import locations
from newsreader.store.annotation_cache import AnnotationCache


def annotate_cached(article: Article, choice: ModelChoice) -> Annotations:
    """Annotations from the cache, or computed (and cached) on a miss."""
    cache = AnnotationCache(locations.cache_dir())
    cached = cache.get(article.sha256, choice.engine_id)
    if cached is not None:
        return cached
    from newsreader.nlp.engine import SpacyAnnotator

    annotations = SpacyAnnotator(choice).annotate(article)
    cache.put(annotations)
    return annotations
