"""The archive screen (``A``): search every archived quote as you type.

Results are grouped by speaker. ``enter`` opens the archived article at the
quote (from the stored text, so it works offline); ``t`` shows the quote's
provenance; ``esc`` (and ``q`` outside the search field) goes back. Searches
run in a thread worker, started once typing pauses.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.model import Article
from newsreader.store.archive import (
    ArchivedQuote,
    ArchiveError,
    QuoteArchive,
    SearchQuery,
)
from newsreader.ui.actions import bindings_for
from newsreader.ui.text import one_line
from newsreader.ui.widgets.footer import KeyFooter

SEARCH_DELAY = 0.15
"""Seconds after the last key before the search runs."""

RESULT_LIMIT = 200
"""Most quotes shown for one search."""


class SearchFinished(Message):
    """A search finished (posted from the worker)."""

    def __init__(
        self, phrase: str, quotes: list[ArchivedQuote], error: str | None
    ) -> None:
        super().__init__()
        self.phrase = phrase
        self.quotes = quotes
        self.error = error


class ArticleFetched(Message):
    """The archived article of a chosen quote was read (posted from the worker)."""

    def __init__(
        self, article: Article | None, position: int, error: str | None
    ) -> None:
        super().__init__()
        self.article = article
        self.position = position
        self.error = error


def grouped(quotes: list[ArchivedQuote]) -> list[tuple[str, list[ArchivedQuote]]]:
    """Quotes grouped by speaker: groups in order of their best result."""
    groups: dict[str, list[ArchivedQuote]] = {}
    for quote in quotes:
        groups.setdefault(quote.speaker or "Unattributed", []).append(quote)
    return list(groups.items())


def quote_prompt(quote: ArchivedQuote) -> Content:
    """One result line: the words, then where and when."""
    article = quote.article
    where = " · ".join(
        one_line(part)
        for part in (article.date or article.published, article.outlet, article.title)
        if part
    )
    mark = " ✓" if quote.review in ("verified", "edited") else ""
    return Content.assemble(
        Content(one_line(quote.text, 160) + mark),
        "\n",
        Content(f"   {where}").stylize("dim"),
    )


class ArchiveScreen(Screen[None]):
    """Search the quote archive."""

    BINDINGS = bindings_for("archive")

    DEFAULT_CSS = """
    ArchiveScreen #archive-query { dock: top; }
    ArchiveScreen #archive-status { height: 1; padding: 0 1; color: $text-muted; }
    ArchiveScreen #archive-results { height: 1fr; }
    """

    def __init__(self, archive: QuoteArchive, phrase: str = "") -> None:
        super().__init__()
        self.archive = archive
        self.phrase = phrase
        """The search on show."""
        self.results: list[ArchivedQuote] = []
        """The quotes on show, in list order."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            self.phrase,
            placeholder="Search quotes, speakers, titles…",
            id="archive-query",
        )
        yield Static("", id="archive-status")
        yield OptionList(id="archive-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the newest quotes (or the given search) at once."""
        self.query_one(Input).focus()
        self.search(self.phrase)

    @on(Input.Changed, "#archive-query")
    def _query_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        phrase = event.value

        def run() -> None:
            self._timer = None
            self.search(phrase)

        self._timer = self.set_timer(SEARCH_DELAY, run)

    @on(Input.Submitted, "#archive-query")
    def _query_submitted(self) -> None:
        self.action_focus_results()

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-search")
    def search(self, phrase: str) -> None:
        """Search in a thread; the result is posted."""
        query = SearchQuery(phrase=phrase, prefix=True, limit=RESULT_LIMIT)
        try:
            found = self.archive.search(query)
        except ArchiveError as error:
            self.post_message(SearchFinished(phrase, [], str(error)))
            return
        self.post_message(SearchFinished(phrase, found, None))

    def on_search_finished(self, message: SearchFinished) -> None:
        """Show the results grouped by speaker (a stale search is ignored)."""
        if message.phrase != self.query_one(Input).value:
            return
        self.phrase = message.phrase
        status = self.query_one("#archive-status", Static)
        results = self.query_one("#archive-results", OptionList)
        results.clear_options()
        self.results = []
        if message.error:
            status.update(Content(one_line(message.error)))
            return
        options: list[Option] = []
        for speaker, quotes in grouped(message.quotes):
            options.append(
                Option(
                    Content(f"{one_line(speaker)} ({len(quotes)})").stylize("bold"),
                    disabled=True,
                )
            )
            for quote in quotes:
                options.append(Option(quote_prompt(quote), id=f"q{len(self.results)}"))
                self.results.append(quote)
        results.add_options(options)
        count = len(message.quotes)
        what = "newest quotes" if not message.phrase.strip() else "matches"
        status.update(
            Content(f"{count} {what}" if count else "No archived quote matches")
        )

    @property
    def current(self) -> ArchivedQuote | None:
        """The highlighted result."""
        results = self.query_one("#archive-results", OptionList)
        index = results.highlighted
        if index is None:
            return None
        option_id = results.get_option_at_index(index).id
        if not option_id or not option_id.startswith("q"):
            return None
        return self.results[int(option_id[1:])]

    def action_focus_results(self) -> None:
        """Move to the results, on the first quote."""
        results = self.query_one("#archive-results", OptionList)
        if not self.results:
            return
        results.focus()
        if results.highlighted is None or self.current is None:
            results.action_first()
            while self.current is None and results.highlighted is not None:
                before = results.highlighted
                results.action_cursor_down()
                if results.highlighted == before:
                    break

    def action_close(self) -> None:
        """Back to where the archive was opened from."""
        self.dismiss()

    def action_back(self) -> None:
        """``q`` (outside the search field): back, like ``esc``."""
        self.dismiss()

    def action_trace(self) -> None:
        """Show the provenance of the highlighted quote."""
        quote = self.current
        if quote is None:
            self.app.notify("Choose a quote first", markup=False, timeout=2)
            return
        from newsreader.ui.screens.provenance import ProvenanceScreen

        self.app.push_screen(ProvenanceScreen(self.archive, quote.text))

    @on(OptionList.OptionSelected, "#archive-results")
    def _option_selected(self) -> None:
        self.action_open_quote()

    def action_open_quote(self) -> None:
        """Open the highlighted quote's article at the quote."""
        quote = self.current
        if quote is None:
            if self.results:
                self.action_focus_results()
            return
        self.fetch_article(quote.article.sha256, quote.span.start)

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-open")
    def fetch_article(self, sha256: str, position: int) -> None:
        """Read the archived article (in a thread); it is posted."""
        try:
            article = self.archive.article(sha256)
        except ArchiveError as error:
            self.post_message(ArticleFetched(None, position, str(error)))
            return
        self.post_message(ArticleFetched(article, position, None))

    def on_article_fetched(self, message: ArticleFetched) -> None:
        """Open the article in the reader (once this handler has returned: the
        app closes this screen on the way)."""
        if message.article is None:
            self.app.notify(
                message.error or "The article is no longer archived",
                severity="error",
                markup=False,
            )
            return
        open_article = getattr(self.app, "open_article", None)
        if open_article is not None:
            self.app.call_later(
                open_article, message.article, position=message.position
            )
