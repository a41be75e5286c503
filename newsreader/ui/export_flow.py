"""The one way the UI writes an export: write → confirm overwrite → notify.

Both the ``e`` key and the export dialog (``E``) hand an :class:`ExportJob` to
an :class:`ExportFlow`. Rendering and the atomic write (with its ``fsync``)
run in a thread worker, which only posts an :class:`ExportFinished` message
(data only) to the node that owns the flow; that node's handler passes it back
to :meth:`ExportFlow.finished` on the UI thread, which asks what to do with an
existing file (overwrite it, append to it, or keep it), reports a failure in
one line, or announces the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.dom import DOMNode
from textual.message import Message

from newsreader.ui.reading_state import plural

if TYPE_CHECKING:
    # Imported when an export is made: the reader's first paint needs none.
    from newsreader.export import ExportDocument, Format

EXPORT_GROUP = "export"
"""Worker group of export writes."""


def destination_file(destination: str, title: str, fmt: Format) -> Path:
    """The file an export to ``destination`` (as typed) writes.

    The rule is :func:`newsreader.export.target_path`'s, shared with the
    command line; ``~`` is expanded and blank means the working directory.
    """
    from newsreader.export.files import target_path

    typed = os.path.expanduser(destination.strip()) or os.curdir
    return target_path(typed, title, fmt)


def directory_destination(directory: Path) -> str:
    """``directory`` written as a destination that names a directory.

    The trailing separator keeps it a directory even before it exists.
    """
    return os.path.join(str(directory), "")


WriteMode = Literal["new", "overwrite", "append"]
"""Write a new file only; replace an existing one; add to its end."""

APPENDABLE: tuple[Format, ...] = ("md", "csv")
"""Formats whose files can take an append (a JSON export is one object)."""

JSON_APPEND_NOTE = "A JSON export is one object: it cannot be appended to."
"""Why a JSON file is offered no append."""


@dataclass(frozen=True, slots=True)
class ExportJob:
    """One export to write."""

    document: ExportDocument
    fmt: Format
    path: Path
    mode: WriteMode = "new"
    plain: bool = False
    """Markdown without character offsets and quote ids."""


ExportOutcome = Literal["written", "exists", "failed"]


class ExportFinished(Message):
    """An export write ended (posted from the worker thread)."""

    def __init__(
        self, job: ExportJob, outcome: ExportOutcome, reason: str | None = None
    ) -> None:
        super().__init__()
        self.job = job
        """What was to be written."""
        self.outcome = outcome
        """``written``; ``exists`` (nothing written); ``failed`` (nothing written)."""
        self.reason = reason
        """Why it failed (one line), when it did."""


def write_job(job: ExportJob) -> ExportFinished:
    """Render and write ``job`` (blocking); returns the message to post."""
    from newsreader.export import (
        ExportError,
        ExportExistsError,
        append_export,
        render,
        write_atomic,
    )

    try:
        if job.mode == "append":
            append_export(job.document, job.fmt, job.path, plain=job.plain)
        else:
            text = render(job.document, job.fmt, plain=job.plain)
            write_atomic(job.path, text, overwrite=job.mode == "overwrite")
    except ExportExistsError:
        return ExportFinished(job, "exists")
    except ExportError as error:
        return ExportFinished(job, "failed", str(error))
    return ExportFinished(job, "written")


class ExportFlow:
    """Writes exports for one node (the reader screen or the export dialog)."""

    def __init__(
        self,
        node: DOMNode,
        *,
        on_written: Callable[[ExportJob], object],
        on_failed: Callable[[str], object] | None = None,
    ) -> None:
        """Create the flow.

        Args:
            node: Owns the worker and receives :class:`ExportFinished`; its
                handler must call :meth:`finished`.
            on_written: Called on the UI thread after the file is written.
            on_failed: Called on the UI thread with the error message.
        """
        self._node = node
        self._on_written = on_written
        self._on_failed = on_failed

    def start(self, job: ExportJob) -> None:
        """Write ``job`` in a thread worker."""
        node = self._node

        def work() -> None:
            node.post_message(write_job(job))

        node.run_worker(
            work,
            thread=True,
            group=EXPORT_GROUP,
            exit_on_error=False,
            description=f"export {job.path.name}",
        )

    def finished(self, message: ExportFinished) -> None:
        """Ask about an existing file, report a failure, or announce the file."""
        job = message.job
        app = self._node.app
        if message.outcome == "exists":
            from newsreader.ui.screens.confirm import FileExistsScreen

            def answered(mode: WriteMode | None) -> None:
                if mode is not None:
                    self.start(replace(job, mode=mode))

            app.push_screen(
                FileExistsScreen(job.path, can_append=job.fmt in APPENDABLE),
                answered,
            )
        elif message.outcome == "failed":
            text = f"Export failed: {message.reason}"
            app.notify(text, severity="error", markup=False, timeout=8)
            if self._on_failed is not None:
                self._on_failed(text)
        else:
            count = job.document.quote_count
            verb = "Appended" if job.mode == "append" else "Exported"
            app.notify(f"{verb} {plural(count)} to {job.path}", markup=False, timeout=6)
            self._on_written(job)
