"""The CLI launches the annotation child before the UI's imports.

spaCy's import and model load (most of a second) then overlap Textual's import
and the first paint instead of following them, so highlights appear sooner.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newsreader.model import Article
from newsreader.nlp.pipeline import resolve_model
from newsreader.services.container import start_annotation_child
from newsreader.sources.text import split_paragraphs
from newsreader.store.annotation_cache import AnnotationCache

TEXT = '"The bridge opens in May," said Maria Lopez, the harbour engineer.'

# Runs ``newsreader ARTICLE`` with the UI module replaced by a probe that
# records what the reader would be handed, and whether Textual was imported.
PROBE = """
import json, sys, types
probe = types.ModuleType("newsreader.ui.app")
def run_reader(article, **options):
    child = options.get("child")
    result = {
        "textual_imported": any(n.split(".")[0] == "textual" for n in sys.modules),
        "child_started": child is not None and child.pid is not None,
    }
    annotations = child.run() if child is not None else None
    result["speakers"] = (
        [q.speaker for q in annotations.quotes] if annotations else None
    )
    print(json.dumps(result))
    return 0
probe.run_reader = run_reader
sys.modules["newsreader.ui.app"] = probe
from newsreader.cli.read import main
raise SystemExit(main(sys.argv[1:]))
"""


def article() -> Article:
    return Article(text=TEXT, paragraphs=split_paragraphs(TEXT), title="t", source="t")


def test_the_child_is_running_before_textual_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(TEXT + "\n", encoding="utf-8")
    environment = dict(os.environ, NEWSREADER_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "textual_imported": False,
        "child_started": True,
        "speakers": ["Maria Lopez"],
    }


def test_no_child_when_the_cache_holds_the_annotations(tmp_path: Path) -> None:
    choice = resolve_model()
    text = article()
    first = start_annotation_child(text, choice, cache_dir=tmp_path)
    assert first is not None and first.pid is not None
    annotations = first.run()
    assert AnnotationCache(tmp_path).put(annotations)

    assert start_annotation_child(text, choice, cache_dir=tmp_path) is None
