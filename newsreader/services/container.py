"""What the reader depends on, passed in so tests can substitute fakes.

The app never reaches for user directories or spaCy by itself: it receives a
:class:`Services`. :func:`default_services` builds the real one for the CLI
(the resolved spaCy model, the platformdirs annotation cache, annotation in a
child process); tests build one around a deterministic fake annotator and a
temporary cache directory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsreader.nlp import Annotator

if TYPE_CHECKING:
    # Imported by the functions that need them: the reader (and the annotation
    # child, which unpickles the factory from this module) never pays for
    # SQLite or the cache when it does not use them.
    from pathlib import Path

    from newsreader.model import Article
    from newsreader.nlp.pipeline import ModelChoice
    from newsreader.services.child import ChildProcessAnnotation
    from newsreader.store.annotation_cache import AnnotationCache
    from newsreader.store.archive import QuoteArchive
    from newsreader.store.bookmarks import BookmarkStore


@dataclass(frozen=True)
class Services:
    """The reader's collaborators."""

    annotator_factory: Callable[[], Annotator] | None
    """Builds the annotator (slow: called in the worker); None disables annotation."""
    model_label: str = "no model"
    """Shown in the status line, e.g. ``en_core_web_sm 3.8.0``."""
    engine_id: str = ""
    """Annotation cache key of the annotator the factory builds."""
    fallback: bool = False
    """The annotator is the rules-only fallback; the status line says so."""
    cache: AnnotationCache | None = None
    """Annotation cache; None never reads or writes one."""
    isolate: bool = False
    """Annotate in a child process (the factory must then be picklable)."""
    preload: tuple[str, ...] = ()
    """Modules the annotation child imports while the reader starts up (when
    isolating), so the slow spaCy import overlaps the first paint."""
    bookmarks: BookmarkStore | None = None
    """Bookmarks and reading history; None turns the library off."""
    archive: QuoteArchive | None = None
    """The quote archive annotated articles are recorded in; None turns it off."""

    @property
    def annotation_enabled(self) -> bool:
        """Whether the reader annotates at all."""
        return self.annotator_factory is not None


def load_spacy_annotator(choice: ModelChoice) -> Annotator:
    """Load the real annotator for ``choice`` (imports spaCy: call it off the UI).

    Module-level so that ``functools.partial(load_spacy_annotator, choice)``
    pickles into the annotation child process.
    """
    from newsreader.nlp.engine import load_annotator

    return load_annotator(choice)


def spacy_preload(choice: ModelChoice) -> tuple[str, ...]:
    """What the annotation child imports and loads before its job arrives:
    spaCy and ``choice``'s pipeline."""
    return (
        "newsreader.nlp.engine",
        f"newsreader.nlp.pipeline:warm:{choice.load_name}",
    )


def start_annotation_child(
    article: Article, choice: ModelChoice, *, cache_dir: Path | None = None
) -> ChildProcessAnnotation | None:
    """Launch the annotation child for ``article`` now, before the UI's imports.

    The child imports spaCy and loads ``choice``'s pipeline while this process
    imports Textual and paints; hand it to the reader (``run_reader(child=…)``),
    which sends it the job. None when the annotation cache (``cache_dir``,
    default the user's) already holds the article's annotations.
    """
    from newsreader.services.child import ChildProcessAnnotation
    from newsreader.store import locations
    from newsreader.store.annotation_cache import AnnotationCache

    cache = AnnotationCache(cache_dir or locations.cache_dir())
    try:
        if cache.contains(article.sha256, choice.engine_id):
            return None
    except OSError:
        return None
    child = ChildProcessAnnotation(
        functools.partial(load_spacy_annotator, choice),
        article,
        preload=spacy_preload(choice),
    )
    child.start()
    return child


def default_services(
    model: str | ModelChoice | None = None,
    *,
    cache_dir: Path | None = None,
    isolate: bool = True,
) -> Services:
    """The services the CLI uses: the resolved model and the user's cache.

    Args:
        model: Requested spaCy pipeline (``--model`` or config), or None for the
            default resolution order, or an already resolved choice.
        cache_dir: Annotation cache directory (default: the platform cache dir).
        isolate: Annotate in a child process.

    Raises:
        ModelError: ``model`` was requested but is not installed.
    """
    from newsreader.nlp.pipeline import ModelChoice, resolve_model
    from newsreader.store import locations
    from newsreader.store.annotation_cache import AnnotationCache
    from newsreader.store.archive import QuoteArchive
    from newsreader.store.bookmarks import BookmarkStore

    choice = model if isinstance(model, ModelChoice) else resolve_model(model)
    return Services(
        annotator_factory=functools.partial(load_spacy_annotator, choice),
        model_label=choice.label,
        engine_id=choice.engine_id,
        fallback=choice.fallback,
        cache=AnnotationCache(cache_dir or locations.cache_dir()),
        isolate=isolate,
        # The child imports spaCy and loads the model while the reader paints.
        preload=spacy_preload(choice),
        bookmarks=BookmarkStore(),
        archive=QuoteArchive(),
    )
