"""Which spaCy pipeline to use: the command line's, the config file's, or the default.

A model named on the command line must exist (the caller reports a usage
error); a model named in ``config.toml`` that is not installed is only a
problem with the config, so the default is used and the user is told where the
bad value is.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.nlp import ModelError
from newsreader.nlp.pipeline import ModelChoice, resolve_model
from newsreader.store.settings import Settings


@dataclass(frozen=True, slots=True)
class ModelDecision:
    """The pipeline to use and, when the configured one was replaced, why."""

    choice: ModelChoice
    notice: str | None = None
    """One plain-text line announcing the fallback to the default model."""


def decide_model(requested: str | None, settings: Settings) -> ModelDecision:
    """Resolve ``requested`` (from the command line), else the configured model.

    Raises:
        ModelError: ``requested`` names a pipeline that is not installed.
    """
    if requested:
        return ModelDecision(resolve_model(requested))
    if not settings.model:
        return ModelDecision(resolve_model(None))
    try:
        return ModelDecision(resolve_model(settings.model))
    except ModelError:
        default = resolve_model(None)
    where = settings.model_origin or "config.toml"
    using = "the " + default.label if default.fallback else default.label
    return ModelDecision(
        default,
        f"{where}: model {settings.model!r} is not installed; using {using}",
    )
