"""The real pipeline through the reader: open a sample, annotate it with spaCy,
walk to a quote and find a named speaker in the status line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsreader.resources import default_sample
from newsreader.services.container import Services
from newsreader.sources import load_article
from newsreader.store.annotation_cache import AnnotationCache
from newsreader.ui.app import NewsReaderApp


async def test_real_annotation_lands_on_a_named_speaker(
    annotator: Any, tmp_path: Path
) -> None:
    article = load_article(str(default_sample()))
    cache = AnnotationCache(tmp_path / "cache")
    services = Services(
        annotator_factory=lambda: annotator,
        model_label=annotator.model_label,
        engine_id=annotator.engine_id,
        cache=cache,
    )
    app = NewsReaderApp(article, services=services)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):  # the worker posts its result; wait up to ~10 s
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if app.reader.cursor.quotes:
                break
        assert app.reader.cursor.quotes, "annotation produced no quotes"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        status = app.reader.status_bar.left_text
        assert status.startswith("Quote 1 / ")
        assert "Catherine Doyle" in status
    # The result was cached, so reopening shows highlights without spaCy.
    assert cache.contains(article.sha256, annotator.engine_id)
