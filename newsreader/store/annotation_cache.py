"""A JSON file cache of annotations, keyed by article content and engine.

One file per (article text hash, engine id) in the platformdirs cache directory.
Reading needs no spaCy, so a cached article shows its highlights at once. A
corrupt or unreadable entry is treated as a miss (and rebuilt by the caller);
writes are atomic, so two instances or a crash never leave a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from newsreader.atomic import WriteError, write_atomic
from newsreader.model import Annotations
from newsreader.serialize import annotations_from_dict, annotations_to_dict

CACHE_FORMAT = 1
"""Bumped when the file layout changes."""


class AnnotationCache:
    """Annotations cached as JSON files under ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, article_sha256: str, engine_id: str) -> Path:
        engine_key = hashlib.sha256(engine_id.encode("utf-8")).hexdigest()[:16]
        name = f"{article_sha256}-{engine_key}-v{CACHE_FORMAT}.json"
        return self.directory / "annotations" / name

    def contains(self, article_sha256: str, engine_id: str) -> bool:
        """Whether an entry exists (without reading or validating it)."""
        return self._path(article_sha256, engine_id).is_file()

    def get(self, article_sha256: str, engine_id: str) -> Annotations | None:
        """The cached annotations, or None on a miss or an unreadable entry."""
        path = self._path(article_sha256, engine_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            annotations = annotations_from_dict(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if (
            annotations.article_sha256 != article_sha256
            or annotations.engine != engine_id
        ):
            return None
        return annotations

    def put(self, annotations: Annotations) -> bool:
        """Store ``annotations``; returns False if the cache is unwritable."""
        path = self._path(annotations.article_sha256, annotations.engine)
        try:
            write_atomic(
                path, json.dumps(annotations_to_dict(annotations)), overwrite=True
            )
        except WriteError:
            return False
        return True
