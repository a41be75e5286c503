"""Golden annotations of every sample article.

A change in the engine's output shows up here as a diff to review; after a
deliberate change, regenerate the syrupy snapshots with ``python -m pytest
tests/core/test_golden_annotations.py -n0 --snapshot-update`` and commit them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from newsreader.resources import sample_articles
from newsreader.serialize import annotations_to_dict
from newsreader.sources import load_article
from tests.support.snapshots import JSONSnapshot


@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.stem)
def test_annotations_match_golden_file(
    annotator: Any, path: Path, snapshot: SnapshotAssertion
) -> None:
    article = load_article(str(path))
    data = annotations_to_dict(annotator.annotate(article))
    data["engine"] = "<engine>"  # the model version is not part of the golden text
    rendered = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert rendered == snapshot.use_extension(JSONSnapshot)
    for quote in data["quotes"]:
        assert 0 <= quote["start"] < quote["end"] <= len(article.text)
