"""One cache-or-annotate path for the command line and the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.model import Annotations, Article
from newsreader.nlp import AnnotationCancelled, CancelCheck, ProgressCallback
from newsreader.services.annotate import cached_annotations
from newsreader.store.annotation_cache import AnnotationCache
from tests.support.builders import make_article

ENGINE = "fake-cache-1"


class Runner:
    """Annotates with no quotes, reporting one paragraph of progress."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(
        self,
        article: Article,
        progress: ProgressCallback | None,
        cancelled: CancelCheck | None,
    ) -> Annotations:
        self.calls += 1
        if progress is not None:
            progress(1, 1)
        return Annotations(article.sha256, ENGINE, ())


def test_a_miss_runs_and_caches_then_a_hit_does_not_run(tmp_path: Path) -> None:
    cache = AnnotationCache(tmp_path)
    article = make_article()
    runner = Runner()
    seen: list[tuple[int, int]] = []
    misses: list[str] = []
    first = cached_annotations(
        article,
        engine_id=ENGINE,
        cache=cache,
        runner=runner,
        progress=lambda done, total: seen.append((done, total)),
        on_miss=lambda: misses.append("miss"),
    )
    assert first is not None and not first.from_cache
    assert seen == [(1, 1)] and misses == ["miss"]
    second = cached_annotations(article, engine_id=ENGINE, cache=cache, runner=runner)
    assert second is not None and second.from_cache
    assert second.annotations == first.annotations
    assert runner.calls == 1


def test_a_miss_without_a_runner_is_none(tmp_path: Path) -> None:
    article = make_article()
    cache = AnnotationCache(tmp_path)
    assert (
        cached_annotations(article, engine_id=ENGINE, cache=cache, runner=None) is None
    )


def test_cancelled_runs_cache_nothing(tmp_path: Path) -> None:
    cache = AnnotationCache(tmp_path)
    article = make_article()
    with pytest.raises(AnnotationCancelled):
        cached_annotations(
            article,
            engine_id=ENGINE,
            cache=cache,
            runner=Runner(),
            cancelled=lambda: True,
        )
    assert cache.get(article.sha256, ENGINE) is None
