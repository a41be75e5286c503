"""The library (``'``): bookmarks, recently opened articles and the samples.

One list: bookmarks first (most recently changed), then
articles opened recently that have no bookmark, then the bundled sample
articles. Opening a bookmark or a recent article rebuilds it from its stored
snapshot, so it opens offline, at the reading position, with its marks, even
when the source has changed or gone. Deleting asks first; ``n`` edits a
bookmark's note.

Keys on the list are commands (``q`` quits, or goes back to the article when
the library was opened from it); ``/``, or any letter that is no command,
starts the filter, where every key is text until ``esc`` leaves it.

Every store call (reading the lists, writes, opening a snapshot) and reading
the sample files run in thread workers, which post data messages back.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Final, Literal

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from newsreader.model import Article
from newsreader.store.bookmarks import (
    Bookmark,
    BookmarkStore,
    BookmarkStoreError,
    HistoryEntry,
)
from newsreader.ui.actions import bindings_for
from newsreader.ui.bookmarking import StoreCallDone, run_store_call
from newsreader.ui.text import one_line
from newsreader.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from newsreader.services.container import Services

EntryKind = Literal["bookmark", "recent", "sample"]

KIND_LABELS: dict[EntryKind, str] = {
    "bookmark": "★ Bookmark",
    "recent": "↺ Recent",
    "sample": "· Sample",
}
"""How each kind of entry is labelled (a symbol and a word, never colour alone)."""

WIDE: Final = 110
"""From this many columns the list also shows the site and the note."""

CELL_PADDING: Final = 2
"""Cells of padding DataTable adds to every column."""


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One row of the library."""

    key: str
    """Row key: ``b:<id>``, ``h:<sha256>`` or ``s:<path>``."""
    kind: EntryKind
    title: str
    site: str | None
    date: str | None
    quote_count: int | None
    marks: int | None
    """Marked quotes (bookmarks only)."""
    note: str | None
    source: str
    bookmark: Bookmark | None = None
    history: HistoryEntry | None = None
    sample: Path | None = None

    def matches(self, query: str) -> bool:
        """Whether every word of ``query`` occurs in the entry (any case)."""
        haystack = " ".join(
            part
            for part in (
                self.title,
                self.site,
                self.date,
                self.note,
                self.source,
                KIND_LABELS[self.kind],
            )
            if part
        ).casefold()
        return all(word in haystack for word in query.casefold().split())


def bookmark_entry(bookmark: Bookmark) -> LibraryEntry:
    """The library row of a bookmark."""
    return LibraryEntry(
        key=f"b:{bookmark.id}",
        kind="bookmark",
        title=bookmark.title,
        site=bookmark.site,
        date=bookmark.published or bookmark.created[:10],
        quote_count=bookmark.quote_count,
        marks=len(bookmark.marked_quote_ids),
        note=bookmark.note,
        source=bookmark.source,
        bookmark=bookmark,
    )


def history_entry(entry: HistoryEntry) -> LibraryEntry:
    """The library row of a recently opened article."""
    return LibraryEntry(
        key=f"h:{entry.sha256}",
        kind="recent",
        title=entry.title,
        site=entry.site,
        date=entry.published or entry.opened[:10],
        quote_count=entry.quote_count,
        marks=None,
        note=None,
        source=entry.source,
        history=entry,
    )


@dataclass(frozen=True, slots=True)
class SampleInfo:
    """What the library shows of a bundled sample article."""

    path: Path
    title: str
    site: str | None
    published: str | None
    sha256: str | None
    quote_count: int | None = None


def sample_entry(info: SampleInfo) -> LibraryEntry:
    """The library row of a sample article."""
    return LibraryEntry(
        key=f"s:{info.path}",
        kind="sample",
        title=info.title,
        site=info.site,
        date=info.published,
        quote_count=info.quote_count,
        marks=None,
        note=None,
        source=str(info.path),
        sample=info.path,
    )


def build_entries(
    bookmarks: Iterable[Bookmark],
    recent: Iterable[HistoryEntry],
    samples: Iterable[SampleInfo],
) -> list[LibraryEntry]:
    """Bookmarks, then recent articles without a bookmark, then the samples."""
    entries = [bookmark_entry(b) for b in bookmarks]
    entries += [history_entry(h) for h in recent if h.bookmark_id is None]
    entries += [sample_entry(s) for s in samples]
    return entries


@functools.cache
def _sample_info(path: Path, mtime: float) -> SampleInfo:
    from newsreader.sources import SourceError, load_article

    try:
        article = load_article(str(path))
    except SourceError:
        return SampleInfo(path, path.name, None, None, None)
    return SampleInfo(
        path, article.title, article.site, article.published, article.sha256
    )


def sample_infos(services: Services | None = None) -> list[SampleInfo]:
    """Titles of the bundled samples (slow the first time: call it off the UI).

    Quote counts come from the annotation cache when it has the sample.
    """
    from dataclasses import replace

    from newsreader.resources import sample_articles

    infos: list[SampleInfo] = []
    try:
        paths = sample_articles()
    except OSError:
        return infos
    for path in paths:
        try:
            info = _sample_info(path, path.stat().st_mtime)
        except OSError:
            continue
        cache = services.cache if services is not None else None
        if cache is not None and services is not None and info.sha256:
            cached = cache.get(info.sha256, services.engine_id)
            if cached is not None:
                info = replace(info, quote_count=len(cached.quotes))
        infos.append(info)
    return infos


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def column_widths(width: int) -> dict[str, int]:
    """Column titles and widths for a screen ``width`` cells wide.

    Narrow screens leave out the site and the note (the status line shows
    them for the highlighted entry); the title takes what is left.
    """
    wide = width >= WIDE
    columns = {"Kind": 10, "Title": 0, "Site": 16, "Date": 10, "Quotes": 6}
    columns["Marked"] = 6
    if not wide:
        del columns["Site"]
    fixed = sum(columns.values())
    count = len(columns) + (1 if wide else 0)
    spare = width - 4 - fixed - count * CELL_PADDING
    if wide:
        note = max(spare // 4, 12)
        columns["Note"] = note
        columns["Title"] = max(spare - note, 20)
    else:
        columns["Title"] = max(spare, 16)
    return columns


def row_cells(entry: LibraryEntry, columns: dict[str, int]) -> list[Text]:
    """The cells of ``entry`` for ``columns`` (literal text, cut with "…")."""
    values = {
        "Kind": KIND_LABELS[entry.kind],
        "Title": entry.title,
        "Site": entry.site,
        "Date": entry.date,
        "Quotes": _count(entry.quote_count),
        "Marked": "" if entry.marks is None else str(entry.marks),
        "Note": entry.note,
    }
    return [
        Text(one_line(values[name] or "", width), no_wrap=True, overflow="ellipsis")
        for name, width in columns.items()
    ]


class LibraryTable(DataTable[Text]):
    """The library's list; typing a letter that is not a key starts filtering."""

    BINDINGS = bindings_for("library-list")

    def on_key(self, event: events.Key) -> None:
        """Send printable keys without a binding to the filter."""
        if not event.is_printable or event.character is None:
            return
        if event.key in self.screen.active_bindings:
            return
        if (screen := self._library()) is not None:
            event.stop()
            event.prevent_default()
            screen.type_into_filter(event.character)

    def _library(self) -> LibraryScreen | None:
        """The library screen this table is on (None while it is elsewhere)."""
        screen = self.screen
        return screen if isinstance(screen, LibraryScreen) else None

    def action_open_entry(self) -> None:
        """Open the highlighted entry."""
        if (screen := self._library()) is not None:
            screen.open_current()

    def action_edit_note(self) -> None:
        """Edit the highlighted bookmark's note."""
        if (screen := self._library()) is not None:
            screen.edit_note()

    def action_delete_entry(self) -> None:
        """Delete the highlighted bookmark (or forget the recent article)."""
        if (screen := self._library()) is not None:
            screen.delete_current()

    def action_focus_filter(self) -> None:
        """Go back to the filter."""
        if (screen := self._library()) is not None:
            screen.filter_input.focus()


class FilterInput(Input):
    """The library's filter: every printable key is text here.

    The app's help key is shown as ``?``, which types into the filter; this
    binding puts the help key that still works in the footer instead (the
    app's own footer entry for quitting turns into ``^q`` by itself).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", "Help"),
    ]


class LibraryScreen(Screen[None]):
    """Bookmarks, recently opened articles and sample articles."""

    BINDINGS = bindings_for("library")
    AUTO_FOCUS = "#library-table"

    DEFAULT_CSS = """
    LibraryScreen { layout: vertical; }
    LibraryScreen #library-title { text-style: bold; padding: 0 1; }
    LibraryScreen #library-filter { margin: 0 1; }
    LibraryScreen #library-table { height: 1fr; margin: 0 1; }
    LibraryScreen #library-status { color: $text-muted; padding: 0 1; height: 1; }
    """

    class OpenArticle(Message):
        """Open ``article`` in the reader, at ``position``, with ``marks``."""

        def __init__(
            self, article: Article, position: int | None, marks: tuple[str, ...]
        ) -> None:
            super().__init__()
            self.article = article
            self.position = position
            """Character offset to show at the top, or None for the start."""
            self.marks = marks
            """Ids of the quotes to mark once annotations are ready."""

    class StoreRead(Message):
        """The bookmarks and history were read (posted by a worker)."""

        def __init__(
            self,
            bookmarks: list[Bookmark],
            recent: list[HistoryEntry],
            problem: str | None,
            keep: str | None,
        ) -> None:
            super().__init__()
            self.bookmarks = bookmarks
            self.recent = recent
            self.problem = problem
            """Why the store could not be read, if it could not."""
            self.keep = keep
            """Row key to keep highlighted, if it is still listed."""

    class Changed(Message):
        """A store write from the library finished (posted by a worker)."""

        def __init__(self, keep: str | None) -> None:
            super().__init__()
            self.keep = keep
            """Row key to keep highlighted, if it is still listed."""

    class SamplesLoaded(Message):
        """The sample articles' titles are known (posted by a worker)."""

        def __init__(self, samples: list[SampleInfo]) -> None:
            super().__init__()
            self.samples = samples

    def __init__(self, services: Services, *, base: bool = False) -> None:
        """Create the library.

        Args:
            services: The reader's services (the store is ``services.bookmarks``).
            base: Whether the library is the app's start screen (``q`` then
                quits) rather than shown over the reader.
        """
        super().__init__()
        self.services = services
        self.base = base
        """True when there is no article under the library."""
        self.entries: list[LibraryEntry] = []
        """Every entry, unfiltered."""
        self.shown: list[LibraryEntry] = []
        """The entries in the list (after the filter)."""
        self._bookmarks: list[Bookmark] = []
        self._recent: list[HistoryEntry] = []
        self._samples: list[SampleInfo] = []
        self._problem: str | None = None
        self._store_listed = False

    @property
    def store(self) -> BookmarkStore | None:
        """The bookmark store, if the library has one."""
        return self.services.bookmarks

    @property
    def filter_input(self) -> Input:
        """The filter box."""
        return self.query_one("#library-filter", Input)

    @property
    def table(self) -> LibraryTable:
        """The list."""
        return self.query_one(LibraryTable)

    def compose(self) -> ComposeResult:
        """Title, filter, list, status line, footer."""
        yield Static(Content("Library"), id="library-title")
        yield FilterInput(
            placeholder=(
                "/ filters (title, site, date, note) · ↑↓ choose · enter opens "
                "· esc leaves the filter"
            ),
            select_on_focus=False,
            id="library-filter",
        )
        yield LibraryTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="library-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the store, list what is known, look up the samples' titles."""
        self.reload()
        self._load_samples()

    # -- data ------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        """Re-read bookmarks and history (in a worker) and refresh the list.

        Args:
            keep: Row key to highlight afterwards, if it is still listed.
        """
        store = self.store
        if store is None:
            self.post_message(self.StoreRead([], [], None, keep))
            return
        self._read_store(store, keep)

    @work(thread=True, exit_on_error=False, group="library-read", exclusive=True)
    def _read_store(self, store: BookmarkStore, keep: str | None) -> None:
        try:
            read = self.StoreRead(store.list(), store.recent(), None, keep)
        except BookmarkStoreError as error:
            read = self.StoreRead([], [], str(error), keep)
        self.post_message(read)
        if store.notice:
            # The app shows each store notice once per session.
            self.post_message(StoreCallDone(None, store.notice))

    def on_library_screen_store_read(self, message: StoreRead) -> None:
        """Show what the store holds."""
        self._bookmarks, self._recent = message.bookmarks, message.recent
        self._problem = message.problem
        first_read = not self._store_listed
        self._store_listed = True
        self._rebuild()
        keep = message.keep
        if first_read and self.shown:
            # Open on the top row even if the samples were listed first.
            keep = self.shown[0].key
        if keep is not None:
            keys = [e.key for e in self.shown]
            if keep in keys:
                self.table.move_cursor(row=keys.index(keep), animate=False)
            self._update_status()

    @work(thread=True, exit_on_error=False, group="library-samples")
    def _load_samples(self) -> None:
        self.post_message(self.SamplesLoaded(sample_infos(self.services)))

    def on_library_screen_samples_loaded(self, message: SamplesLoaded) -> None:
        """Add the samples to the list."""
        self._samples = message.samples
        self._rebuild()

    def _rebuild(self) -> None:
        self.entries = build_entries(self._bookmarks, self._recent, self._samples)
        self._refresh_table()

    def _refresh_table(self, *, keep: str | None = None) -> None:
        table = self.table
        current = keep or self.current_key()
        query = self.filter_input.value.strip() if self.is_mounted else ""
        self.shown = [e for e in self.entries if not query or e.matches(query)]
        columns = column_widths(self.size.width or self.app.size.width)
        table.clear(columns=True)
        for name, width in columns.items():
            table.add_column(name, width=width, key=name.lower())
        for entry in self.shown:
            table.add_row(*row_cells(entry, columns), key=entry.key)
        if current is not None:
            keys = [e.key for e in self.shown]
            if current in keys:
                table.move_cursor(row=keys.index(current), animate=False)
        self._update_status()

    def on_resize(self, event: events.Resize) -> None:
        """Share the new width between the title and note columns."""
        if self.is_mounted:
            self._refresh_table()

    def current_key(self) -> str | None:
        """Row key of the highlighted entry."""
        if not self.is_mounted:
            return None
        table = self.table
        if not table.row_count:
            return None
        row = table.cursor_row
        if 0 <= row < len(self.shown):
            return self.shown[row].key
        return None

    @property
    def current(self) -> LibraryEntry | None:
        """The highlighted entry."""
        key = self.current_key()
        return next((e for e in self.shown if e.key == key), None)

    def _update_status(self) -> None:
        status = self.query_one("#library-status", Static)
        store = self.store
        problem = self._problem
        if problem is None and store is not None and store.status != "ok":
            problem = store.notice
        if problem:
            status.update(Content(one_line(problem)))
            return
        query = self.filter_input.value.strip()
        if query and not self.shown:
            status.update(Content(f"Nothing matches “{one_line(query, 40)}”"))
            return
        entry = self.current
        counts = (
            f"{len(self._bookmarks)} bookmarks · "
            f"{sum(1 for h in self._recent if h.bookmark_id is None)} recent · "
            f"{len(self._samples)} samples"
        )
        if entry is None:
            status.update(Content(counts))
            return
        detail = f"{entry.title} — {entry.site or entry.source}"
        if entry.note:
            detail += f" · note: {entry.note}"
        status.update(Content(one_line(detail)))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._update_status()

    # -- filter ----------------------------------------------------------------

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._refresh_table()
        if self.shown:
            self.table.move_cursor(row=0, animate=False)
        self.refresh_bindings()

    @property
    def filtering(self) -> bool:
        """Whether the filter has focus or holds text."""
        if not self.is_mounted:
            return False
        box = self.filter_input
        return bool(box.value) or self.focused is box

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer (in the footer too) only what ``esc`` and ``q`` do right now."""
        if action == "leave_filter":
            return self.filtering
        if action == "close_library":
            return not self.base and not self.filtering
        if action == "back":
            # On the start screen the app's own "q Quit" applies.
            return not self.base
        return True

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.open_current()

    def type_into_filter(self, character: str) -> None:
        """Append ``character`` to the filter and focus it."""
        box = self.filter_input
        box.value += character
        box.cursor_position = len(box.value)
        box.focus()

    def action_cursor(self, direction: str) -> None:
        """Move the list's cursor while the filter has focus."""
        table = self.table
        moves = {
            "down": table.action_cursor_down,
            "up": table.action_cursor_up,
            "page_down": table.action_page_down,
            "page_up": table.action_page_up,
        }
        moves[direction]()

    def action_leave_filter(self) -> None:
        """Clear the filter and give the keys back to the list."""
        self.filter_input.value = ""
        self.table.focus()

    def action_close_library(self) -> None:
        """Go back to the article."""
        if not self.base:
            self.app.pop_screen()

    def action_back(self) -> None:
        """Go back to the article (quit when the library is the start screen)."""
        if self.base:
            self.app.exit(0)
        else:
            self.app.pop_screen()

    # -- opening ---------------------------------------------------------------

    def open_current(self) -> None:
        """Open the highlighted entry in the reader."""
        entry = self.current
        if entry is None:
            return
        if entry.sample is not None:
            self._open_sample(entry.sample)
            return
        store = self.store
        if store is None:
            return
        run_store_call(
            self,
            store,
            functools.partial(_open_stored, entry=entry),
            description="open from the library",
        )

    @work(thread=True, exit_on_error=False, group="library-open", exclusive=True)
    def _open_sample(self, path: Path) -> None:
        from newsreader.sources import SourceError, load_article

        try:
            article = load_article(str(path))
        except SourceError as error:
            self.post_message(StoreCallDone(str(error), None))
            return
        self.post_message(self.OpenArticle(article, None, ()))

    # -- editing ---------------------------------------------------------------

    def edit_note(self) -> None:
        """Edit the highlighted bookmark's note."""
        entry = self.current
        store = self.store
        if entry is None or store is None:
            return
        bookmark = entry.bookmark
        if bookmark is None:
            self.app.notify(
                "Only bookmarks have notes: open the article and press m",
                markup=False,
                timeout=4,
            )
            return
        from newsreader.ui.screens.note import NoteScreen

        def save(note: str | None) -> None:
            if note is None:
                return

            def save_note(s: BookmarkStore) -> LibraryScreen.Changed:
                s.set_note(bookmark.id, note)
                return LibraryScreen.Changed(entry.key)

            run_store_call(self, store, save_note, description="save note")

        self.app.push_screen(
            NoteScreen(one_line(bookmark.title, 60), bookmark.note), save
        )

    def delete_current(self) -> None:
        """Delete the highlighted bookmark, or forget the recent article, once
        confirmed."""
        entry = self.current
        store = self.store
        if entry is None:
            return
        if entry.kind == "sample" or store is None:
            self.app.notify(
                "Sample articles cannot be deleted", markup=False, timeout=3
            )
            return
        title = one_line(entry.title, 60)
        if entry.bookmark is not None:
            bookmark = entry.bookmark
            question = f"Delete the bookmark “{title}”"
            extra = len(bookmark.marked_quote_ids) + len(bookmark.quotes)
            if extra or bookmark.note:
                question += " with its marks and note"
            question += "?"

            def remove(s: BookmarkStore) -> object:
                return s.remove(bookmark.id)

        else:
            assert entry.history is not None
            sha = entry.history.sha256
            question = f"Forget “{title}” from the recently opened list?"

            def remove(s: BookmarkStore) -> object:
                return s.forget(sha)

        rows = [e.key for e in self.shown]
        index = rows.index(entry.key)
        following = rows[index + 1] if index + 1 < len(rows) else None
        previous = rows[index - 1] if index > 0 else None

        keep = following or previous

        def removed(s: BookmarkStore) -> LibraryScreen.Changed:
            remove(s)
            return LibraryScreen.Changed(keep)

        def confirmed(answer: bool | None) -> None:
            if answer:
                run_store_call(
                    self, store, removed, description="delete from the library"
                )

        from newsreader.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(question), confirmed)

    def on_library_screen_changed(self, message: Changed) -> None:
        """A note was saved or an entry deleted: list what the store holds now."""
        self.reload(keep=message.keep)


def _open_stored(
    store: BookmarkStore, *, entry: LibraryEntry
) -> LibraryScreen.OpenArticle:
    """The stored article of a bookmark or recent entry, with where to resume."""
    if entry.bookmark is not None:
        bookmark = store.get(entry.bookmark.id) or entry.bookmark
        article = store.article_from_bookmark(bookmark)
        return LibraryScreen.OpenArticle(
            article, bookmark.position, bookmark.marked_quote_ids
        )
    assert entry.history is not None
    article = store.article_from_bookmark(entry.history)
    return LibraryScreen.OpenArticle(article, entry.history.position or None, ())


__all__: Sequence[str] = [
    "LibraryEntry",
    "LibraryScreen",
    "LibraryTable",
    "SampleInfo",
    "build_entries",
    "sample_infos",
]
