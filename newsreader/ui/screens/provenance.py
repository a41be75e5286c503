"""The provenance view: every archived occurrence of a quote, earliest first.

Each later occurrence shows its words against the earliest: deleted words
struck through, inserted or changed words underlined, and changes the writer
marked (``[...]`` insertions, ellipses for cuts) told apart from silent ones.
The trace runs in a thread worker.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.store.archive import ArchiveError, Occurrence, QuoteArchive
from newsreader.store.wording import diff_pieces
from newsreader.ui.text import one_line


class TraceFinished(Message):
    """The trace of the screen's text finished (posted from the worker)."""

    def __init__(self, occurrences: list[Occurrence], error: str | None) -> None:
        super().__init__()
        self.occurrences = occurrences
        self.error = error


def diff_content(earlier: str, later: str) -> Content:
    """``later`` with its changes from ``earlier`` styled (text never markup)."""
    parts: list[Content] = []
    for piece in diff_pieces(earlier, later):
        if piece.kind == "equal":
            parts.append(Content(one_line(piece.after)))
            continue
        if piece.before:
            parts.append(Content(one_line(piece.before)).stylize("strike $error"))
        if piece.after:
            style = "italic $secondary" if piece.marked else "bold underline $warning"
            parts.append(Content(one_line(piece.after)).stylize(style))
    return Content(" ").join(parts)


def occurrence_content(number: int, occurrence: Occurrence, earliest: str) -> Content:
    """One occurrence: where and when, then its (diffed) words and changes."""
    quote = occurrence.quote
    article = quote.article
    heading = " · ".join(
        one_line(part)
        for part in (
            article.date or article.published or "undated",
            article.outlet or "—",
            article.title,
            quote.speaker or "unattributed",
            f"{occurrence.similarity:.0%}",
        )
    )
    lines = [Content(f"{number}. {heading}").stylize("bold")]
    if number == 1:
        lines.append(Content(one_line(quote.text)))
        lines.append(Content("earliest").stylize("dim"))
    elif not occurrence.changes:
        lines.append(Content(one_line(quote.text)))
        lines.append(Content("same words as the earliest").stylize("dim"))
    else:
        lines.append(diff_content(earliest, quote.text))
        for change in occurrence.changes:
            lines.append(Content("  – " + one_line(change.describe())).stylize("dim"))
    return Content("\n").join(lines)


class ProvenanceScreen(ModalScreen[None]):
    """Where a quote has appeared in the archive, and how its wording changed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Close", id="provenance-close"),
    ]

    DEFAULT_CSS = """
    ProvenanceScreen { align: center middle; }
    ProvenanceScreen > #provenance {
        width: 90%;
        height: 85%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ProvenanceScreen .occurrence { margin-bottom: 1; }
    """

    def __init__(self, archive: QuoteArchive, text: str) -> None:
        super().__init__()
        self.archive = archive
        self.text = text
        """The words traced."""
        self.occurrences: list[Occurrence] | None = None
        """The trace's result, once it has finished."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="provenance") as scroll:
            scroll.border_title = "Provenance"
            yield Static(
                Content(f"Tracing: {one_line(self.text, 200)}"), id="provenance-status"
            )

    def on_mount(self) -> None:
        """Start the trace."""
        self.run_trace()

    @work(thread=True, exclusive=True, exit_on_error=False, group="trace")
    def run_trace(self) -> None:
        """Trace the text (in a thread); the result is posted."""
        try:
            found = self.archive.trace(self.text)
        except ArchiveError as error:
            self.post_message(TraceFinished([], str(error)))
            return
        self.post_message(TraceFinished(found, None))

    async def on_trace_finished(self, message: TraceFinished) -> None:
        """Show the occurrences."""
        self.occurrences = message.occurrences
        status = self.query_one("#provenance-status", Static)
        if message.error:
            status.update(Content(one_line(message.error)))
            return
        if not message.occurrences:
            status.update(Content("No archived quote has these words."))
            return
        count = len(message.occurrences)
        status.update(
            Content(
                f"{count} occurrence{'s' if count != 1 else ''}, earliest first "
                "(struck: removed · underlined: silent change · italic: marked change)"
            )
        )
        earliest = message.occurrences[0].quote.text
        scroll = self.query_one("#provenance", VerticalScroll)
        await scroll.mount_all(
            Static(occurrence_content(n, o, earliest), classes="occurrence")
            for n, o in enumerate(message.occurrences, start=1)
        )
