"""Fixtures for the UI tests: isolated user dirs, a fake annotator, an app builder."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsreader.model import Article
from newsreader.nlp import Annotator
from newsreader.services import child
from newsreader.services.container import Services
from newsreader.store.annotation_cache import AnnotationCache
from newsreader.ui.app import NewsReaderApp
from tests.support.paths import REPO
from tests.ui.ui_fakes import ENGINE_ID, FakeAnnotator, build_article
from tests.ui.ui_helpers import AppFactory


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Root every user directory in the test's temporary directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    for variable in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield home


@pytest.fixture(autouse=True)
def child_finds_the_test_fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the isolated annotation child import the fakes in ``tests``.

    The child leaves the working directory off its import path (a hostile
    ``spacy.py`` there must never run). When the suite runs from the checkout
    that is also where the ``tests`` package lives, so the fakes' directory is
    named explicitly, as a caller outside the installed environment would.
    """
    found = child.child_import_path

    def with_repository() -> list[str]:
        return [*found(), str(REPO)]

    monkeypatch.setattr(child, "child_import_path", with_repository)


@pytest.fixture
def article() -> Article:
    """The small test article."""
    return build_article()


@pytest.fixture
def annotator() -> FakeAnnotator:
    """A deterministic annotator that records its calls."""
    return FakeAnnotator()


@pytest.fixture
def cache(tmp_path: Path) -> AnnotationCache:
    """An annotation cache in the test's temporary directory."""
    return AnnotationCache(tmp_path / "cache")


@pytest.fixture
def make_app(article: Article, annotator: FakeAnnotator) -> AppFactory:
    """Build a reader app around the fake annotator (no cache unless given)."""

    def make(
        *,
        the_article: Article | None = None,
        factory: Callable[[], Annotator] | str | None = "default",
        cache: AnnotationCache | None = None,
        isolate: bool = False,
        fallback: bool = False,
    ) -> NewsReaderApp:
        chosen: Callable[[], Annotator] | None
        chosen = (lambda: annotator) if factory == "default" else factory  # type: ignore[assignment]
        services = Services(
            annotator_factory=chosen,
            model_label="fake model 1.0",
            engine_id=ENGINE_ID,
            fallback=fallback,
            cache=cache,
            isolate=isolate,
        )
        return NewsReaderApp(
            the_article or article, services=services, theme="textual-dark"
        )

    return make


def pytest_configure(config: pytest.Config) -> None:
    """Write the snapshot failure report to the temp dir, not the working tree."""
    if config.getoption("--snapshot-report", default=None) == "snapshot_report.html":
        config.option.snapshot_report = str(
            Path(tempfile.gettempdir()) / "newsreader-ui-snapshot-report.html"
        )
