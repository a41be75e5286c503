"""Marking quotes for export, copying them and exporting them (reader actions).

:class:`QuoteMarking` is mixed into the reader self. Marks are quote ids kept
in the order they were made; they survive speaker filtering and ``esc`` (which
never clears marks), and are shown three ways at once: bold text with a ``✓``
in the article's gutter, a ``✓`` in the side pane's quote list, and a count
in the status line. Every change posts :class:`~newsreader.ui.messages.MarksChanged`
so a bookmark can keep the marks.

The exporter (:mod:`newsreader.export`) builds the files; this module only
decides which quotes, where, and what to tell the user.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.ui.highlights import Highlight
from newsreader.ui.messages import MarksChanged
from newsreader.ui.text import one_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message

    from newsreader.export import ExportDocument
    from newsreader.model import Annotations, Article, Quote
    from newsreader.ui.navigation import QuoteCursor
    from newsreader.ui.screens.export import ExportChoice, ExportResult
    from newsreader.ui.services import Services
    from newsreader.ui.widgets.article_view import ArticleView
    from newsreader.ui.widgets.side_pane import SidePane


def export_directory() -> Path:
    """The export directory from the user's settings (or the platform default)."""
    from newsreader.store.settings import load_settings

    return load_settings().exports_dir()


def _plural(count: int, word: str = "quote") -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class QuoteMarking:
    """Reader-screen actions: ``v`` ``V`` ``y`` ``Y`` ``e`` ``E`` and "Clear marks".

    Relies on the reader screen's ``article``, ``annotations``, ``cursor``,
    ``services``, ``article_view``, ``side_pane``, ``speaker_class``,
    ``_quotes_ready`` and ``_update_status``, and on ``_marks`` (a dict used as
    an ordered set) and ``last_export`` being set in its ``__init__``.
    """

    _marks: dict[str, None]
    last_export: Path | None

    if TYPE_CHECKING:  # provided by the reader screen
        article: Article
        annotations: Annotations | None
        cursor: QuoteCursor
        services: Services
        app: App[Any]

        @property
        def article_view(self) -> ArticleView: ...

        @property
        def side_pane(self) -> SidePane | None: ...

        def speaker_class(self, quote: Quote) -> str: ...

        def post_message(self, message: Message) -> bool: ...

        def _quotes_ready(self) -> bool: ...

        def current_quote_or_hint(self) -> Quote | None: ...

        def _update_status(self) -> None: ...

    # -- state -------------------------------------------------------------------

    @property
    def marked_ids(self) -> tuple[str, ...]:
        """Ids of the marked quotes in marking order (only quotes that exist)."""
        annotations = self.annotations
        if annotations is None:
            return tuple(self._marks)
        known = {quote.id for quote in annotations.quotes}
        return tuple(quote_id for quote_id in self._marks if quote_id in known)

    def is_marked(self, quote_id: str) -> bool:
        """Whether the quote with id ``quote_id`` is marked."""
        return quote_id in self._marks

    def set_marks(self, quote_ids: Iterable[str]) -> None:
        """Replace the marks, e.g. with a bookmark's.

        May be called before the screen is mounted or annotated: the ids are
        kept and shown once the quotes are known (ids of quotes the current
        annotations lack are ignored).
        """
        self._marks = dict.fromkeys(quote_ids)
        if getattr(self, "is_mounted", False):
            self._marks_changed()

    def _marks_changed(self) -> None:
        self._rebuild_marked_layer()
        self._update_status()
        self.post_message(MarksChanged(self.article.sha256, self.marked_ids))

    def _rebuild_marked_layer(self) -> None:
        """Show the marks of the visible quotes in the article and side pane."""
        cursor = self.cursor
        marks: list[Highlight] = []
        for index in cursor.visible():
            quote = cursor.quotes[index]
            if quote.id in self._marks:
                marks.append(
                    Highlight(
                        quote.span.start,
                        quote.span.end,
                        (self.speaker_class(quote), "article--marked"),
                        index,
                    )
                )
        self.article_view.set_layer("marked", marks or None)
        pane = self.side_pane
        if pane is not None:
            pane.set_marked(self.marked_ids)

    # -- marking actions -------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        """Mark or unmark the current quote."""
        if not self._quotes_ready():
            return
        quote = self.current_quote_or_hint()
        if quote is None:
            return
        if quote.id in self._marks:
            del self._marks[quote.id]
        else:
            self._marks[quote.id] = None
        self._marks_changed()

    def action_mark_all(self) -> None:
        """Mark every visible quote (the speaker's, while a filter is on)."""
        if not self._quotes_ready():
            return
        cursor = self.cursor
        ids = [cursor.quotes[index].id for index in cursor.visible()]
        if not ids:
            self.app.notify("No quotes to mark", markup=False, timeout=3)
            return
        new = [quote_id for quote_id in ids if quote_id not in self._marks]
        who = (
            f" by {one_line(cursor.speaker_filter, 40)}"
            if cursor.speaker_filter is not None
            else ""
        )
        if not new:
            self.app.notify(
                f"All {_plural(len(ids))}{who} are already marked",
                markup=False,
                timeout=3,
            )
            return
        self._marks.update(dict.fromkeys(new))
        self._marks_changed()
        self.app.notify(
            f"Marked {_plural(len(new))}{who} · {len(self.marked_ids)} marked",
            markup=False,
            timeout=3,
        )

    def action_clear_marks(self) -> None:
        """Unmark every quote."""
        count = len(self.marked_ids)
        if not self._marks:
            self.app.notify("No quotes are marked", markup=False, timeout=3)
            return
        self._marks = {}
        self._marks_changed()
        self.app.notify(f"Cleared {_plural(count, 'mark')}", markup=False, timeout=3)

    # -- export ------------------------------------------------------------------------

    def export_document(self, quote_ids: Iterable[str] | None) -> ExportDocument:
        """The export of ``quote_ids`` (all quotes when None); needs annotations."""
        annotations = self.annotations
        if annotations is None:
            raise RuntimeError("no annotations to export yet")
        from newsreader.export import build_document

        return build_document(
            self.article,
            annotations,
            quote_ids,
            model=self.services.model_label,
        )

    def _marked_or_current(self) -> list[str] | None:
        """The marked quotes, else the current one, else None (after saying so)."""
        marked = self.marked_ids
        if marked:
            return list(marked)
        quote = self.cursor.current_quote
        if quote is not None:
            return [quote.id]
        self.app.notify(
            "Mark quotes with v (or choose one with ] or [) to export them",
            markup=False,
            timeout=4,
        )
        return None

    def action_copy_quote(self) -> None:
        """Copy the current quote as Markdown (quote, attribution, link)."""
        if not self._quotes_ready():
            return
        quote = self.current_quote_or_hint()
        if quote is None:
            return
        from newsreader.export import quote_markdown

        document = self.export_document([quote.id])
        self.app.copy_to_clipboard(quote_markdown(document, document.quotes[0]))
        speaker = document.quotes[0].speaker_label
        self.app.notify(
            f"Copied the quote by {one_line(speaker, 40)} as Markdown",
            markup=False,
            timeout=3,
        )

    def action_copy_link(self) -> None:
        """Copy the link that opens the page at the current quote (or the source)."""
        article = self.article
        quote = self.cursor.current_quote if self.annotations else None
        link: str | None = None
        if quote is not None and article.url:
            link = self.export_document([quote.id]).quotes[0].fragment_url
        if link is None:
            link = article.url or (
                os.path.abspath(article.source) if article.source != "-" else None
            )
        if link is None:
            self.app.notify("This article has no link", markup=False, timeout=3)
            return
        self.app.copy_to_clipboard(link)
        self.app.notify(f"Copied {one_line(link, 70)}", markup=False, timeout=3)

    def action_export_marked(self) -> None:
        """Export the marked quotes (or the current one) to Markdown."""
        if not self._quotes_ready():
            return
        ids = self._marked_or_current()
        if ids is None:
            return
        from newsreader.export import file_name

        document = self.export_document(ids)
        path = export_directory() / file_name(document.title, "md")
        self._write(document, path, overwrite=False)

    def _write(self, document: ExportDocument, path: Path, *, overwrite: bool) -> None:
        from newsreader.export import (
            ExportError,
            ExportExistsError,
            render,
            write_atomic,
        )

        try:
            write_atomic(path, render(document, "md"), overwrite=overwrite)
        except ExportExistsError:
            from newsreader.ui.screens.export import ConfirmOverwriteScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(document, path, overwrite=True)

            self.app.push_screen(ConfirmOverwriteScreen(path), answered)
            return
        except ExportError as error:
            self.app.notify(
                f"Export failed: {error}", severity="error", markup=False, timeout=8
            )
            return
        self._announce_export(path, document.quote_count)

    def _announce_export(self, path: Path, count: int) -> None:
        self.last_export = path
        self.app.notify(f"Exported {_plural(count)} to {path}", markup=False, timeout=6)

    def _export_choices(self) -> list[ExportChoice]:
        from newsreader.ui.screens.export import ExportChoice

        cursor = self.cursor
        choices: list[ExportChoice] = []
        marked = self.marked_ids
        if marked:
            choices.append(
                ExportChoice(
                    "marked",
                    f"Marked quotes ({len(marked)})",
                    lambda: self.export_document(marked),
                )
            )
        quote = cursor.current_quote
        if quote is not None:
            speaker = one_line(quote.display_speaker or "no speaker", 40)
            choices.append(
                ExportChoice(
                    "current",
                    f"Current quote ({speaker})",
                    lambda: self.export_document([quote.id]),
                )
            )
        if cursor.speaker_filter is not None:
            ids = [cursor.quotes[index].id for index in cursor.visible()]
            choices.append(
                ExportChoice(
                    "speaker",
                    f"Quotes by {one_line(cursor.speaker_filter, 40)} ({len(ids)})",
                    lambda: self.export_document(ids),
                )
            )
        choices.append(
            ExportChoice(
                "all",
                f"All quotes ({len(cursor.quotes)})",
                lambda: self.export_document(None),
            )
        )
        return choices

    def action_export_dialog(self) -> None:
        """Open the export dialog: which quotes, format, destination."""
        if not self._quotes_ready():
            return
        if not self.cursor.quotes:
            self.app.notify("No quotes to export", markup=False, timeout=3)
            return
        from newsreader.ui.screens.export import ExportScreen

        def done(result: ExportResult | None) -> None:
            if result is not None:
                self._announce_export(result.path, result.quote_count)

        self.app.push_screen(
            ExportScreen(
                self.article.title, self._export_choices(), export_directory()
            ),
            done,
        )
