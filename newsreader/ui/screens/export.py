"""The export dialog (``E``).

The dialog picks which quotes (marked, current, the speaker filter's, all), the
format (Markdown, JSON, CSV), whether Markdown is plain (no character offsets
or quote ids, as ``newsreader export --plain``) and the destination (the
configured export directory by default). When the file exists, the shared flow
asks whether to overwrite it, append to it (Markdown and CSV, as ``--append``)
or keep it; the target line says so beforehand. Where the file goes follows
the one export rule (:func:`newsreader.ui.export_flow.destination_file`). It
writes through the shared :class:`~newsreader.ui.export_flow.ExportFlow`, so an
unwritable
destination is reported inside the dialog and the user can fix the path
without starting over. It dismisses with what was written, or None when
cancelled.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from newsreader.export import FORMAT_NAMES, FORMATS, ExportDocument, Format
from newsreader.ui.export_flow import (
    APPENDABLE,
    JSON_APPEND_NOTE,
    ExportFinished,
    ExportFlow,
    ExportJob,
    destination_file,
    directory_destination,
)
from newsreader.ui.reading_state import ExportOption
from newsreader.ui.screens.confirm import FileExistsScreen
from newsreader.ui.text import one_line

__all__ = ["ExportResult", "ExportScreen", "FileExistsScreen"]

DocumentBuilder = Callable[[tuple[str, ...] | None], ExportDocument]
"""Builds the export of the given quote ids (all quotes for None)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What the dialog wrote."""

    path: Path
    format: Format
    quote_count: int


class ExportScreen(ModalScreen[ExportResult | None]):
    """Which quotes, which format, where: then write the file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
    ]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > #export {
        width: 80%;
        max-width: 96;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ExportScreen #export-title { text-style: bold; }
    ExportScreen Label { text-style: bold; margin-top: 1; }
    ExportScreen RadioSet { width: 1fr; height: auto; }
    ExportScreen #export-format { layout: horizontal; }
    ExportScreen #export-format RadioButton { margin-right: 2; }
    ExportScreen #export-plain { margin-top: 1; }
    ExportScreen #export-target { color: $text-muted; }
    ExportScreen #export-error { color: $error; text-style: bold; }
    ExportScreen #export-buttons { height: auto; align: right middle; margin-top: 1; }
    ExportScreen #export-buttons Button { margin-left: 2; }
    """

    def __init__(
        self,
        title: str,
        choices: Sequence[ExportOption],
        directory: Path,
        build: DocumentBuilder,
        *,
        fmt: Format = "md",
    ) -> None:
        """Create the dialog.

        Args:
            title: The article's title (names the file).
            choices: Which-quotes options, the default first.
            directory: Initial destination folder.
            build: Builds the document of the chosen quotes.
            fmt: Initial format.
        """
        super().__init__()
        if not choices:
            raise ValueError("the export dialog needs at least one choice")
        self.title_text = title
        self.choices = tuple(choices)
        self.directory = directory
        self.build = build
        self.format: Format = fmt
        self.choice = self.choices[0]
        """The chosen quotes."""
        self.error: str | None = None
        """Why the last attempt failed, if it did."""
        self._flow = ExportFlow(
            self, on_written=self._written, on_failed=self._show_error
        )

    def compose(self) -> ComposeResult:
        """Quotes, format, folder, target preview, error line, buttons."""
        with Vertical(id="export"):
            yield Static(
                Content.assemble(
                    ("Export quotes · ", "bold"), one_line(self.title_text, 60)
                ),
                id="export-title",
            )
            yield Label("Quotes")
            with RadioSet(id="export-which", compact=True):
                for number, choice in enumerate(self.choices):
                    yield RadioButton(
                        Content(choice.label),
                        value=number == 0,
                        id=f"which-{choice.key}",
                        compact=True,
                    )
            yield Label("Format")
            with RadioSet(id="export-format", compact=True):
                for fmt in FORMATS:
                    yield RadioButton(
                        Content(FORMAT_NAMES[fmt].split(" (")[0]),
                        value=fmt == self.format,
                        id=f"format-{fmt}",
                        compact=True,
                    )
            yield Checkbox(
                "Plain Markdown: leave out character offsets and quote ids",
                value=False,
                id="export-plain",
                compact=True,
                disabled=self.format != "md",
            )
            yield Label(f"Folder (an existing one, or ending in {os.sep}) or file")
            yield Input(
                directory_destination(self.directory),
                id="export-destination",
                compact=True,
            )
            yield Static(Content(""), id="export-target")
            yield Static(Content(""), id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok", compact=True)
                yield Button("Cancel", id="export-cancel-button", compact=True)

    def on_mount(self) -> None:
        """Show where the file would go; start on the quotes choice."""
        self._show_target()
        self.query_one("#export-which", RadioSet).focus()

    @property
    def target(self) -> Path:
        """The file an export would write now."""
        destination = self.query_one("#export-destination", Input).value
        return destination_file(destination, self.title_text, self.format)

    @property
    def plain(self) -> bool:
        """Whether a Markdown export leaves out offsets and ids."""
        return self.format == "md" and self.query_one("#export-plain", Checkbox).value

    def _show_target(self) -> None:
        target = self.target
        if not target.is_file():
            note = ""
        elif self.format in APPENDABLE:
            note = "  (exists: you can overwrite it or append to it)"
        else:
            note = f"  (exists: you can overwrite it. {JSON_APPEND_NOTE})"
        self.query_one("#export-target", Static).update(
            Content.assemble("→ ", str(target), (note, "italic"))
        )

    def _show_error(self, message: str | None) -> None:
        self.error = message
        self.query_one("#export-error", Static).update(Content(message or ""))

    @on(RadioSet.Changed, "#export-which")
    def _which_changed(self, event: RadioSet.Changed) -> None:
        self.choice = self.choices[max(event.index, 0)]

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.format = FORMATS[max(event.index, 0)]
        self.query_one("#export-plain", Checkbox).disabled = self.format != "md"
        self._show_target()

    @on(Input.Changed, "#export-destination")
    def _destination_changed(self) -> None:
        self._show_error(None)
        self._show_target()

    @on(Input.Submitted, "#export-destination")
    @on(Button.Pressed, "#export-ok")
    def _export_pressed(self) -> None:
        self.export()

    @on(Button.Pressed, "#export-cancel-button")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)

    def export(self) -> None:
        """Write the file (asking first if it exists); errors show in place."""
        self._show_error(None)
        document = self.build(self.choice.quote_ids)
        self._flow.start(
            ExportJob(document, self.format, self.target, plain=self.plain)
        )

    def on_export_finished(self, message: ExportFinished) -> None:
        """The write ended: continue the flow on the UI thread."""
        message.stop()
        self._flow.finished(message)

    def _written(self, job: ExportJob) -> None:
        self.dismiss(ExportResult(job.path, job.fmt, job.document.quote_count))
