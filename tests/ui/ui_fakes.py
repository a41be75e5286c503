"""A small hand-built article and deterministic annotators for the UI tests.

Module-level factories (not closures) so they also pickle into the annotation
child process in the isolation tests.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from newsreader.model import Annotations, Article, Entity, Quote, Span, Topic
from newsreader.nlp import (
    AnnotationCancelled,
    CancelCheck,
    ModelError,
    ProgressCallback,
)
from tests.support.builders import article_from_paragraphs

ENGINE_ID = "fake-1+nr1"
"""Engine id of the fake annotator (the cache key)."""

PARAGRAPHS = (
    "Council [bold] vote on $5 bridge",
    "By Ana Ruiz",
    "The council voted on Tuesday to rebuild the bridge [Reuters]. The vote "
    "was 7-4 and the project costs $5 million, which critics call [sic] too much.",
    '"We cannot wait any longer," said Mayor Lopez. "The bridge is failing."',
    "Tom Baker, who led the opposition, disagreed. "
    '"This is a waste of money," Baker told reporters at the council meeting.',
    "Residents of the east side fear the closure will cut them off from shops, "
    "schools and the hospital for two years.",
    '"We will keep one lane open," Lopez said. '
    "Control \x1b[31mcodes\x1b[0m stay inert.",
    'Someone shouted "shame" from the gallery as the council left the chamber.',
)
"""The article's paragraphs; note the markup-like and control characters."""


def build_article(
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    source: str = "sample.txt",
    site: str = "Example [Gazette]",
    published: str = "2025-03-14",
) -> Article:
    """The UI article (or one of other ``paragraphs``), with no URL."""
    return article_from_paragraphs(
        paragraphs, source=source, byline="Ana Ruiz", site=site, published=published
    )


def _find(article: Article, needle: str, start: int = 0) -> Span:
    index = article.text.index(needle, start)
    return Span(index, index + len(needle))


def build_annotations(article: Article) -> Annotations:
    """Four quotes (Lopez ×2, Baker ×1, one unattributed), entities and topics."""
    q1 = _find(article, '"We cannot wait any longer,"')
    q2 = _find(article, '"The bridge is failing."')
    q3 = _find(article, '"This is a waste of money,"')
    q4 = _find(article, '"We will keep one lane open,"')
    q5 = _find(article, '"shame"')
    lopez1 = _find(article, "Mayor Lopez")
    baker = _find(article, "Baker told")
    baker = Span(baker.start, baker.start + len("Baker"))
    lopez2 = _find(article, "Lopez said")
    lopez2 = Span(lopez2.start, lopez2.start + len("Lopez"))
    said1 = _find(article, "said Mayor")
    said1 = Span(said1.start, said1.start + 4)
    quotes = (
        Quote(
            "q-1",
            q1,
            "direct",
            "Maria Lopez",
            "Mayor Lopez",
            lopez1,
            "said",
            said1,
            0.9,
            "named",
        ),
        Quote(
            "q-2",
            q2,
            "direct",
            "Maria Lopez",
            None,
            None,
            None,
            None,
            0.7,
            "continuation",
        ),
        Quote(
            "q-3",
            q3,
            "direct",
            "Tom Baker",
            "Baker",
            baker,
            "told",
            None,
            0.85,
            "named",
        ),
        Quote(
            "q-4",
            q4,
            "direct",
            "Maria Lopez",
            "Lopez",
            lopez2,
            "said",
            None,
            0.9,
            "named",
        ),
        Quote(
            "q-5",
            q5,
            "direct",
            None,
            "Someone",
            None,
            "shouted",
            None,
            0.2,
            "unresolved",
        ),
    )
    entities = (
        Entity(
            "Maria Lopez",
            "PERSON",
            (lopez1, lopez2),
            ("Lopez", "Mayor Lopez"),
            quote_count=3,
        ),
        Entity(
            "Tom Baker",
            "PERSON",
            (_find(article, "Tom Baker"), baker),
            ("Baker", "Tom Baker"),
            1,
        ),
        Entity("Reuters [wire]", "ORG", (_find(article, "Reuters"),), ("Reuters",)),
        Entity("east side", "LOC", (_find(article, "east side"),), ("east side",)),
    )
    council = [
        _find(article, "council", 0),
        _find(article, "council", _find(article, "council").end),
    ]
    topics = (
        Topic("bridge", 1.0, tuple(_find_all(article, "bridge"))),
        Topic("council", 0.8, tuple(council)),
    )
    return Annotations(article.sha256, ENGINE_ID, quotes, entities, topics)


def _find_all(article: Article, needle: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    while (index := article.text.find(needle, start)) >= 0:
        spans.append(Span(index, index + len(needle)))
        start = index + len(needle)
    return spans


@dataclass
class FakeAnnotator:
    """Returns :func:`build_annotations`; counts calls; can fail or be slow."""

    error: Exception | None = None
    delay: float = 0.0
    gate: threading.Event | None = None
    """When set, annotation waits (cancellably) until the test opens the gate."""
    calls: list[str] = field(default_factory=list)
    fallback: bool = False

    @property
    def engine_id(self) -> str:
        return ENGINE_ID

    @property
    def model_label(self) -> str:
        return "fake model 1.0"

    def annotate(
        self,
        article: Article,
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> Annotations:
        self.calls.append(article.sha256)
        total = len(article.paragraphs)
        step = self.delay / max(total, 1)
        for done in range(total):
            if cancelled is not None and cancelled():
                raise AnnotationCancelled()
            if progress is not None:
                progress(done, total)
            pause_until = time.monotonic() + step
            while time.monotonic() < pause_until:
                time.sleep(0.005)
                if cancelled is not None and cancelled():
                    raise AnnotationCancelled()
        while self.gate is not None and not self.gate.wait(0.01):
            if cancelled is not None and cancelled():
                raise AnnotationCancelled()
        if progress is not None:
            progress(total, total)
        if self.error is not None:
            raise self.error
        return build_annotations(article)


def picklable_fake() -> FakeAnnotator:
    """Factory for the child-process tests."""
    return FakeAnnotator()


def picklable_model_error() -> FakeAnnotator:
    """Factory whose model cannot be loaded (child-process tests)."""
    raise ModelError(
        "spaCy model 'xx_missing' is not installed; choose another with --model"
    )


def picklable_stuck() -> FakeAnnotator:
    """Factory that hangs like a slow spaCy import and ignores cancellation."""
    time.sleep(60)
    return FakeAnnotator()
