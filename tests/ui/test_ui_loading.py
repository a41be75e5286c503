"""Loading: paint before annotation, errors, cache hits, child process, quitting."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from typing import Any

import pytest

from newsreader.model import Article
from newsreader.nlp import ModelError
from newsreader.store.annotation_cache import AnnotationCache
from newsreader.ui.commands import ReaderCommands
from newsreader.ui.messages import AnnotationProgress
from tests.ui.ui_fakes import (
    FakeAnnotator,
    build_annotations,
    picklable_fake,
    picklable_model_error,
    picklable_stuck,
)
from tests.ui.ui_helpers import AppFactory, pane, reader, rendered_lines, settle, view


def test_importing_the_app_does_not_import_spacy() -> None:
    code = (
        "import sys, newsreader.ui.app; "
        "bad = [m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc'}]; "
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_progress_messages_coalesce() -> None:
    older = AnnotationProgress("abc", 1, 10)
    newer = AnnotationProgress("abc", 2, 10)
    assert newer.can_replace(older)
    assert not newer.can_replace(AnnotationProgress("other", 1, 10))


async def test_article_paints_while_annotating(
    make_app: AppFactory, annotator: FakeAnnotator
) -> None:
    annotator.gate = threading.Event()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause(0.15)
        screen = reader(app)
        assert "Council [bold] vote on $5 bridge" in "\n".join(rendered_lines(app))
        assert screen.annotation_state == "running"
        assert "annotating" in screen.status_bar.right_text
        await pilot.press("j")  # keys work meanwhile
        annotator.gate.set()
        await settle(pilot)
        assert screen.annotation_state == "ready"
        assert "fake model 1.0" in screen.status_bar.right_text


async def test_annotation_error_leaves_article_readable(
    make_app: AppFactory, annotator: FakeAnnotator
) -> None:
    annotator.error = ModelError("model [en_core_web_xx] is not installed")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.annotation_state == "failed"
        assert screen.annotation_error == "model [en_core_web_xx] is not installed"
        assert "annotation failed" in screen.status_bar.right_text
        assert "rebuild the bridge [Reuters]." in "\n".join(rendered_lines(app))
        await pilot.press("right_square_bracket", "j", "slash", *"vote", "enter")
        assert screen.search is not None and len(screen.search.matches) == 3
        quotes = pane(app).list_for("quotes")
        assert "Annotation failed" in str(quotes.get_option_at_index(0).prompt)


async def test_unexpected_exception_is_reported(
    make_app: AppFactory, annotator: FakeAnnotator
) -> None:
    annotator.error = RuntimeError("boom")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert reader(app).annotation_error == "RuntimeError: boom"
        assert app.is_running


async def test_cache_hit_shows_highlights_without_the_annotator(
    make_app: AppFactory, article: Article, cache: AnnotationCache
) -> None:
    assert cache.put(build_annotations(article))
    calls: list[str] = []

    def factory() -> FakeAnnotator:
        calls.append("called")
        raise AssertionError("the annotator must not be built on a cache hit")

    app = make_app(factory=factory, cache=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert calls == []
        assert screen.from_cache
        assert "cached" in screen.status_bar.right_text
        layer = view(app).highlights.layer("quotes")
        assert layer is not None and len(layer) == 5


async def test_cache_miss_annotates_and_stores(
    make_app: AppFactory,
    article: Article,
    cache: AnnotationCache,
    annotator: FakeAnnotator,
) -> None:
    app = make_app(cache=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert annotator.calls == [article.sha256]
        assert not reader(app).from_cache
    assert cache.get(article.sha256, "fake-1+nr1") == build_annotations(article)


async def test_annotation_disabled(make_app: AppFactory) -> None:
    app = make_app(factory=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.annotations is None
        assert "annotation off" in screen.status_bar.right_text
        await pilot.press("right_square_bracket")
        assert screen.cursor.current is None


async def test_fallback_is_announced(make_app: AppFactory) -> None:
    app = make_app(fallback=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "rules-only fallback" in reader(app).status_bar.right_text


async def test_child_process_annotation(make_app: AppFactory) -> None:
    app = make_app(factory=picklable_fake, isolate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = reader(app)
        assert screen.annotation_state == "ready"
        assert len(screen.cursor.quotes) == 5


async def test_child_process_model_error(make_app: AppFactory) -> None:
    app = make_app(factory=picklable_model_error, isolate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        error = reader(app).annotation_error
        assert error is not None and "xx_missing" in error


def child_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a reaped or zombie child does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_quitting_during_annotation_is_fast(make_app: AppFactory) -> None:
    app = make_app(factory=picklable_stuck, isolate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = reader(app)
        child = screen._child
        assert child is not None and child.pid is not None
        pid = child.pid
        await pilot.press("q")
        await app.workers.wait_for_complete()
    # Quitting kills the child instead of waiting for its 60 s factory.
    assert not app.is_running
    assert not child_alive(pid)


async def test_quitting_during_in_thread_annotation_is_fast(
    make_app: AppFactory, annotator: FakeAnnotator
) -> None:
    annotator.gate = threading.Event()  # never opened: only cancelling ends it
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("q")
        # Bounded only so a broken cancel fails instead of hanging the suite.
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=20)
    assert not app.is_running
    assert annotator.calls


async def test_command_palette_provider(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(reader(app))
        titles = [entry.title for entry in provider.entries()]
        for expected in (
            "Quotes: Next quote (or mention)",
            "Quotes: Filter to speaker",
            "Search: Search",
            "Scrolling: Page down",
            "View: Side pane",
            "App: Help",
            "Speaker: Maria Lopez (3)",
            "Entity: Reuters [wire] (Organisations, ×1)",
            "Topic: bridge (×3)",
        ):
            assert expected in titles, expected
        hits = [hit async for hit in provider.search("next quote")]
        assert hits and hits[0].text == "Quotes: Next quote (or mention)"
        assert "[Reuters]" not in str([hit.help for hit in hits])
        tom = [hit async for hit in provider.search("tom baker")]
        choose = next(hit for hit in tom if hit.text and hit.text.startswith("Quote 3"))
        choose.command()
        await pilot.pause()
        assert reader(app).cursor.current == 2
        next_quote = hits[0]
        next_quote.command()
        await pilot.pause()
        await pilot.pause()
        assert reader(app).cursor.current == 3


def test_run_reader_rejects_a_missing_model(
    article: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.ui.app import run_reader

    assert run_reader(article, model="xx_no_such_pipeline_installed") == 2
    assert "xx_no_such_pipeline_installed" in capsys.readouterr().err


async def test_the_reader_annotates_through_the_shared_cache_path(
    make_app: AppFactory, cache: AnnotationCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsreader.services.annotate as annotate

    calls: list[str] = []
    shared = annotate.cached_annotations

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["engine_id"])
        return shared(*args, **kwargs)

    monkeypatch.setattr(annotate, "cached_annotations", spy)
    app = make_app(cache=cache)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert reader(app).annotation_state == "ready"
    assert len(calls) == 1
