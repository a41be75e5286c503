"""Golden annotations of every sample article.

A change in the engine's output shows up here as a diff to review; after a
deliberate change, regenerate with ``NEWSREADER_UPDATE_GOLDEN=1 pytest
tests/test_golden_annotations.py`` and commit the new files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsreader.resources import sample_articles
from newsreader.serialize import annotations_to_dict
from newsreader.sources import load_article

GOLDEN = Path(__file__).parent / "golden" / "annotations"


@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.stem)
def test_annotations_match_golden_file(annotator: Any, path: Path) -> None:
    article = load_article(str(path))
    data = annotations_to_dict(annotator.annotate(article))
    data["engine"] = "<engine>"  # the model version is not part of the golden text
    rendered = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("NEWSREADER_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run with NEWSREADER_UPDATE_GOLDEN=1"
    assert rendered == golden.read_text(encoding="utf-8")
    for quote in data["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(article.text)
