"""What the subcommands share: the program name, error lines and settings (from
:mod:`.basics`), the model, and the steps from a source to its reviewed
annotations.

The steps (:func:`model_or_stop`, :func:`article_or_stop`,
:func:`annotations_or_stop`, :func:`reviewed_or_warn`) report a problem as one
line on standard error; a fatal one raises :class:`Stop` with the exit code
(2 for a model, 1 for a source), which the subcommand returns.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from newsreader.cli.basics import error, user_settings
from newsreader.model import Annotations, Article
from newsreader.nlp import ModelError
from newsreader.nlp.pipeline import ModelChoice
from newsreader.review import ReviewedAnnotations
from newsreader.services.annotate import annotate_cached
from newsreader.services.archive import record_annotated
from newsreader.services.models import decide_model
from newsreader.services.review import load_reviewed
from newsreader.sources import SourceError, load_article
from newsreader.store.archive import ArchiveError, QuoteArchive
from newsreader.store.settings import Settings

FALLBACK_NOTICE = "no spaCy pipeline is installed: using the rules-only fallback"


def choose_model(
    requested: str | None, settings: Settings, *, announce_fallback: bool = True
) -> ModelChoice:
    """The spaCy pipeline to use: ``--model``, else the configured one.

    A configured model that is not installed is replaced by the default, with
    one line on standard error naming the config file and line; with
    ``announce_fallback``, the rules-only fallback is announced too.

    Raises:
        ModelError: ``requested`` (from ``--model``) is not installed.
    """
    decision = decide_model(requested, settings)
    if decision.notice:
        error(decision.notice)
    elif announce_fallback and decision.choice.fallback:
        error(FALLBACK_NOTICE)
    return decision.choice


# -- the annotate-an-article steps of annotate, export, review, bookmarks export --


class Stop(Exception):
    """Ends a subcommand with exit code :attr:`code`; the reason is already on
    standard error."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def model_or_stop(
    requested: str | None, *, announce_fallback: bool = True
) -> ModelChoice:
    """:func:`choose_model` with the user's settings; an unknown ``--model`` is
    one line on standard error and :class:`Stop` (exit 2)."""
    try:
        return choose_model(
            requested, user_settings(), announce_fallback=announce_fallback
        )
    except ModelError as problem:
        error(str(problem))
        raise Stop(2) from problem


def article_or_stop(source: str) -> Article:
    """The article at ``source`` (path, URL or ``-``); a bad source is one line
    on standard error and :class:`Stop` (exit 1)."""
    try:
        return load_article(source)
    except SourceError as problem:
        error(str(problem))
        raise Stop(1) from problem


def annotations_or_stop(
    article: Article,
    choice: ModelChoice,
    *,
    archive: bool = True,
    announce_fallback: bool = False,
) -> Annotations:
    """``article``'s annotations from the cache (spaCy only on a miss), recorded
    in the quote archive with ``archive`` (a failure to record is one line, not
    fatal). A model that fails to load is one line and :class:`Stop` (exit 2).

    ``announce_fallback`` says here, rather than when the model was chosen,
    that the rules-only fallback is in use (for commands that may stop before
    annotating).
    """
    if announce_fallback and choice.fallback:
        error(FALLBACK_NOTICE)
    try:
        annotations = annotate_cached(article, choice)
    except ModelError as problem:
        error(str(problem))
        raise Stop(2) from problem
    if archive:
        archived = record_annotated(article, annotations)
        if archived:
            error(archived)
    return annotations


def reviewed_or_warn(
    article: Article,
    annotations: Annotations,
    *,
    warning: str = "reviews unavailable",
) -> tuple[ReviewedAnnotations, str | None]:
    """``annotations`` with the reporter's stored reviews applied, and the
    problem when the store could not be read (reported as ``WARNING: problem``
    on standard error; the machine's attributions are used)."""
    reviewed, problem = load_reviewed(article, annotations)
    if problem:
        error(f"{warning}: {problem}")
    return reviewed, problem


ArchiveCommand = Callable[[QuoteArchive, argparse.Namespace], int]
"""A subcommand's work on the quote archive; returns the exit code."""


def run_on_archive(command: ArchiveCommand, options: argparse.Namespace) -> int:
    """Run ``command`` on the user's quote archive: an archive error is one line
    and exit 1; how the archive was opened (recovered, read-only) is said after
    the output."""
    archive = QuoteArchive()
    try:
        code = command(archive, options)
    except ArchiveError as problem:
        error(str(problem))
        return 1
    if archive.notice:
        error(archive.notice)
    return code
