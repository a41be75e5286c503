"""The reader screen: article, side pane, search bar, status line and footer.

The screen composes the widgets, routes messages and applies the answers of
its collaborators to the widgets:

* :class:`~newsreader.ui.reading_state.ReadingState` holds the reading state
  (annotations, current quote, speaker filter, search, selected entity, marks);
* :class:`~newsreader.ui.bookmarking.ReaderBookmarks` calls the bookmark store;
* :class:`~newsreader.ui.export_flow.ExportFlow` writes exports;
* :class:`~newsreader.services.review.ReviewSession` applies the reporter's
  review actions and :class:`~newsreader.ui.reviewing.ReviewWriter` saves them.

Workers (annotation, store calls, export writes) only post data messages
(:mod:`newsreader.ui.messages` and the collaborators' modules); the handlers
here apply them to the widgets on the UI thread.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from newsreader.model import Annotations, Article, Quote, Span
from newsreader.review import ReviewedAnnotations
from newsreader.services.review import PreparedView, ReviewOutcome, ReviewSession
from newsreader.ui.actions import bindings_for
from newsreader.ui.archiving import ArchiveRecorder
from newsreader.ui.bookmarking import (
    ArticleBookmark,
    ArticleBookmarked,
    BookmarkLoaded,
    EarlierVersions,
    MarksStored,
    QuoteBookmarked,
    ReaderBookmarks,
)
from newsreader.ui.export_flow import (
    ExportFinished,
    ExportFlow,
    ExportJob,
    destination_file,
    directory_destination,
)
from newsreader.ui.highlights import Highlight, RangeLayer
from newsreader.ui.labels import assign_speaker_slots
from newsreader.ui.messages import (
    AnnotationFailed,
    AnnotationProgress,
    AnnotationsReady,
    AnnotationStarted,
    MarksChanged,
    ReviewsLoaded,
)
from newsreader.ui.navigation import MentionCursor, QuoteCursor, SearchState
from newsreader.ui.reading_state import ReadingState, plural
from newsreader.ui.reviewing import ReviewWriter
from newsreader.ui.status import match_count, model_status, position_status
from newsreader.ui.text import one_line
from newsreader.ui.widgets.article_header import ArticleHeader
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.footer import KeyFooter
from newsreader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from pathlib import Path

    from textual.timer import Timer
    from textual.widgets import Input

    from newsreader.export import ExportDocument
    from newsreader.nlp import CancelCheck, ProgressCallback
    from newsreader.services.child import ChildProcessAnnotation
    from newsreader.services.container import Services
    from newsreader.store.bookmarks import Bookmark, ReadingFocus
    from newsreader.ui.screens.choice import Choice
    from newsreader.ui.screens.export import ExportResult
    from newsreader.ui.widgets.search_bar import SearchBar
    from newsreader.ui.widgets.side_pane import PaneList, SidePane

NARROW_WIDTH = 100
"""Below this many columns the side pane starts collapsed."""

QUOTE_LAYER_CHUNK = 2_000
"""Quotes whose highlights are built per frame in a very long article."""
LAYER_CHUNK_PAUSE = 0.002
"""Seconds between two chunks of a layer build (other events run between)."""
FREEZE_AFTER = 1_000
"""Quote layers or a side-pane list of at least this many items are frozen out
of the cyclic GC once built (see ``ReaderScreen._freeze_long_lived``)."""
NEAR_VIEW_CHARS = 40_000
"""Characters around the top of the view whose quotes are highlighted first."""
PANE_SYNC_DELAY = 0.12
"""Seconds after the last quote move before the side pane's list follows."""

CHOOSE_QUOTE_HINT = "Choose a quote first with ] or ["
"""Said when an action needs a current quote and there is none."""

__all__ = ["NARROW_WIDTH", "ReaderScreen", "assign_speaker_slots", "export_directory"]


ANONYMOUS_KEY = "anonymous"
"""Speaker-picker key of "unknown / anonymous"."""

MACHINE_KEY = "machine"
"""Speaker-picker key of "back to the machine's speaker"."""

PICKER_LABELS = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
"""Entity labels offered in the speaker picker, and how they are shown."""


def speaker_choices(annotations: Annotations, quote: Quote) -> list[Choice]:
    """The speaker picker's entries: the article's people and organisations
    (speakers first), then "unknown / anonymous" and the machine's speaker."""
    from newsreader.ui.screens.choice import Choice

    entities = [e for e in annotations.entities if e.label in PICKER_LABELS]
    entities.sort(key=lambda e: (-e.quote_count, -len(e.mentions), e.name))
    choices = [
        Choice(
            entity.name,
            entity.name,
            PICKER_LABELS[entity.label]
            + (f" · {entity.quote_count} quoted" if entity.quote_count else ""),
        )
        for entity in entities
    ]
    choices.append(Choice(ANONYMOUS_KEY, "Unknown / anonymous source", always=True))
    machine = next((q for q in annotations.quotes if q.id == quote.id), None)
    machine_label = machine.display_speaker if machine is not None else None
    choices.append(
        Choice(
            MACHINE_KEY,
            "Back to the machine's speaker",
            machine_label or "no speaker",
            always=True,
        )
    )
    return choices


def export_directory() -> Path:
    """The export directory from the user's settings (or the platform default)."""
    from newsreader.store.settings import load_settings

    return load_settings().exports_dir()


class ReaderScreen(Screen[None]):
    """Reads one article."""

    BINDINGS = bindings_for("reader")
    AUTO_FOCUS = "ArticleView"

    def __init__(
        self,
        article: Article,
        services: Services,
        *,
        child: ChildProcessAnnotation | None = None,
    ) -> None:
        """``child``: an annotation child already started for ``article`` (it
        is used instead of starting one)."""
        super().__init__()
        self.article = article
        """The article on show."""
        self.services = services
        """Annotator, cache and model label."""
        self.state = ReadingState()
        """Annotations, current quote, filter, search, selection and marks."""
        self.bookmarks = ReaderBookmarks(self, services.bookmarks, article)
        """Reading history and bookmarks."""
        self.exports = ExportFlow(self, on_written=self._export_written)
        """Writes the ``e`` key's exports."""
        self.review = ReviewSession(article)
        """The reporter's reviews of this article's quotes."""
        self.review_writer = ReviewWriter(
            services.bookmarks, self._review_error, services.archive
        )
        """Saves review actions in order, off the UI thread."""
        self.archive_recorder = ArchiveRecorder(self, services.archive)
        """Records the annotations in the quote archive."""
        self.annotation_state = "idle"
        """``idle``, ``running``, ``ready`` or ``failed``."""
        self.annotation_error: str | None = None
        """Why annotation failed, if it did."""
        self.from_cache = False
        """Whether the annotations came from the cache."""
        self.last_export: Path | None = None
        """The file written by the last export, if any."""
        self._progress: tuple[int, int] = (0, 0)
        self._child: ChildProcessAnnotation | None = child
        self._pane_choice: bool | None = None
        self._search_origin = 0
        self._side_pane: SidePane | None = None
        self._pane_sync_timer: Timer | None = None
        self._search_bar: SearchBar | None = None
        self._restore_position: int | None = None
        self._restored = False
        self._resume_focus: ReadingFocus | None = None
        self._layer_generation = 0

    # -- reading state (read through the state object) ---------------------------

    @property
    def annotations(self) -> Annotations | None:
        """The annotations, once ready."""
        return self.state.annotations

    @property
    def cursor(self) -> QuoteCursor:
        """Current quote and speaker filter."""
        return self.state.cursor

    @property
    def search(self) -> SearchState | None:
        """The active search, if any."""
        return self.state.search

    @property
    def mentions(self) -> MentionCursor | None:
        """The selected entity or topic whose mentions are highlighted."""
        return self.state.mentions

    @property
    def entities_shown(self) -> bool:
        """Whether entity mentions are highlighted."""
        return self.state.entities_shown

    @property
    def marked_ids(self) -> tuple[str, ...]:
        """Ids of the marked quotes in marking order (only quotes that exist)."""
        return self.state.marked_ids

    def speaker_class(self, quote: Quote) -> str:
        """The article-view style naming the colour of ``quote``'s speaker."""
        return self.state.speaker_class(quote)

    # -- composition ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, article, side-pane slot, status line, footer.

        Only what the first frame needs is composed here: the side pane's
        lists and the search bar are mounted after the article has painted
        (the slot keeps the article's width from changing).
        """
        yield ArticleHeader(self.article, id="header")
        with Horizontal(id="body"):
            yield ArticleView(self.article, id="article")
            yield Vertical(id="side-slot")
        yield StatusBar(id="status")
        yield KeyFooter()

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def side_pane(self) -> SidePane | None:
        """The side pane, once mounted (shortly after the first paint)."""
        return self._side_pane

    @property
    def search_bar(self) -> SearchBar | None:
        """The search bar, once ``/`` has been pressed."""
        return self._search_bar

    @property
    def side_slot(self) -> Widget:
        """The container the side pane lives in (shown or hidden as a whole)."""
        return self.query_one("#side-slot", Vertical)

    @property
    def status_bar(self) -> StatusBar:
        """The status line."""
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        """Lay out for the terminal width; start annotating after the first paint.

        When annotation will run in a child process and the cache has no entry
        for this article, the child is launched now: its spaCy import then
        overlaps the reader's first paint instead of following it.
        """
        self._apply_pane_visibility(self.app.size.width)
        if self._restore_position:
            self.article_view.go_to_offset(self._restore_position)
        if self.state.marks:
            self._marks_changed()
        self._update_status()
        services = self.services
        factory = services.annotator_factory
        if self._child is not None and (factory is None or not services.isolate):
            self._child.cancel()  # annotation is off or runs in-process
            self._child = None
        if (
            self._child is None
            and factory is not None
            and services.isolate
            and not self._cache_may_hit()
        ):
            from newsreader.services.child import ChildProcessAnnotation

            self._child = ChildProcessAnnotation(
                factory, self.article, preload=services.preload
            )
            self._child.start()
        self.call_after_refresh(self._after_first_paint)

    def _cache_may_hit(self) -> bool:
        """Whether the annotation cache might hold this article (cheap check)."""
        cache = self.services.cache
        if cache is None:
            return False
        try:
            return cache.contains(self.article.sha256, self.services.engine_id)
        except OSError:
            return True

    async def _after_first_paint(self) -> None:
        if self.services.annotation_enabled or self.services.cache is not None:
            self.annotate_article()
        from newsreader.ui.widgets.side_pane import SidePane

        self._side_pane = SidePane(id="side-pane")
        await self.side_slot.mount(self._side_pane)
        # Opening the SQLite store is no part of what the first frame needs.
        self.bookmarks.record_opened(self._restore_position)
        self.load_reviews()
        # The article is on screen and the long-lived objects exist: keep them
        # out of the cyclic GC so gen-2 collections never stall a key press.
        # No collection first: at 100,000 words it alone stalls ~60 ms, to
        # free the little garbage that start-up leaves.
        gc.freeze()
        gc.enable()

    def on_side_pane_ready(self, message: SidePane.Ready) -> None:
        """Fill the freshly mounted side pane with the current state."""
        pane = self._side_pane
        if pane is None:
            return
        pane.set_marked(self.marked_ids)
        if self.annotations is not None:
            pane.set_annotations(
                self.article,
                self.annotations,
                self.cursor.quotes,
                self.state.slots,
                self.state.reviewed.states if self.state.reviewed else None,
            )
            if self.cursor.speaker_filter is not None:
                pane.show_quotes(self.cursor.visible(), self.cursor.speaker_filter)
            pane.highlight_quote(self.cursor.current)
        elif self.annotation_error is not None:
            pane.show_message(f"Annotation failed: {self.annotation_error}")
        elif not self.services.annotation_enabled:
            pane.show_message("Annotation is off")

    def on_unmount(self) -> None:
        """Stop annotating (kill the child process) and finish saving reviews
        when the screen goes away."""
        self.cancel_annotation()
        self.review_writer.close()

    # -- annotation worker --------------------------------------------------

    def cancel_annotation(self) -> None:
        """Cancel the annotation worker and any child process, without waiting."""
        self.workers.cancel_group(self, "annotate")
        child = self._child
        if child is not None:
            child.cancel()

    def _register_child(self, child: ChildProcessAnnotation) -> None:
        self._child = child

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="annotate",
        description="annotate article",
    )
    def annotate_article(self) -> None:
        """Cache lookup, else annotation; results are posted as messages."""
        from newsreader.nlp import AnnotationCancelled
        from newsreader.services.annotate import cached_annotations
        from newsreader.services.child import describe_error, run_annotation

        worker = get_current_worker()
        article = self.article
        services = self.services
        sha = article.sha256
        factory = services.annotator_factory

        def run_child(
            article: Article,
            progress: ProgressCallback | None,
            cancelled: CancelCheck | None,
        ) -> Annotations:
            assert factory is not None
            return run_annotation(
                factory,
                article,
                isolate=services.isolate,
                progress=progress,
                cancelled=cancelled,
                on_child=self._register_child,
                child=self._child,
            )

        def progress(done: int, total: int) -> None:
            self.post_message(AnnotationProgress(sha, done, total))

        def started() -> None:
            self.post_message(AnnotationStarted(sha))

        try:
            result = cached_annotations(
                article,
                engine_id=services.engine_id,
                cache=services.cache,
                runner=None if factory is None else run_child,
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
                on_miss=started,
            )
        except AnnotationCancelled:
            return
        except Exception as error:
            if not worker.is_cancelled:
                self.post_message(AnnotationFailed(sha, describe_error(error)))
            return
        if result is None or worker.is_cancelled:
            return
        if result.from_cache and self._child is not None:
            self._child.cancel()  # started early in case of a miss
        prepared = self.review.prepare(result.annotations)
        if worker.is_cancelled:
            return
        self.post_message(
            AnnotationsReady(
                result.annotations, from_cache=result.from_cache, prepared=prepared
            )
        )

    @on(Worker.StateChanged)
    def _on_worker_state(self, event: Worker.StateChanged) -> None:
        """A worker error the worker did not report itself (a bug) still shows."""
        worker = event.worker
        if worker.group == "annotate" and event.state == WorkerState.ERROR:
            from newsreader.services.child import describe_error

            error = worker.error
            reason = describe_error(error) if error is not None else "unknown error"
            self.post_message(AnnotationFailed(self.article.sha256, reason))

    def on_annotation_started(self, message: AnnotationStarted) -> None:
        """Show that annotation is under way."""
        if message.article_sha256 == self.article.sha256:
            self.annotation_state = "running"
            self._update_status()

    def on_annotation_progress(self, message: AnnotationProgress) -> None:
        """Update the progress indicator."""
        if message.article_sha256 == self.article.sha256:
            self.annotation_state = "running"
            self._progress = (message.done, message.total)
            self._update_status()

    def on_annotation_failed(self, message: AnnotationFailed) -> None:
        """Say why annotation failed; the article stays readable."""
        if (
            message.article_sha256 != self.article.sha256
            or self.annotation_state == "failed"
        ):
            return
        self.annotation_state = "failed"
        self.annotation_error = message.reason
        self.app.notify(
            message.reason,
            title="Annotation failed",
            severity="error",
            markup=False,
            timeout=8,
        )
        if self.side_pane is not None:
            self.side_pane.show_message(f"Annotation failed: {message.reason}")
        self._update_status()

    def on_annotations_ready(self, message: AnnotationsReady) -> None:
        """Apply the annotations to the article and the side pane."""
        annotations = message.annotations
        if annotations.article_sha256 != self.article.sha256:
            return
        self.annotation_state = "ready"
        self.from_cache = message.from_cache
        self.apply_annotations(annotations, message.prepared)
        self.archive_recorder.record(self.article, annotations)
        # Keep the annotations out of the cyclic GC (no collection first: at
        # 1,000,000 words one alone is a visible stall).
        gc.freeze()

    def apply_annotations(
        self, annotations: Annotations, prepared: PreparedView | None = None
    ) -> None:
        """Show ``annotations`` with the reviews applied: quote highlights and
        status now, the side pane's lists just after (each is a frame's worth
        of work in a long article).

        ``prepared`` is their reviewed view, worked out by the annotation worker.
        """
        if prepared is not None and prepared.annotations is annotations:
            reviewed = self.review.adopt(prepared)
        else:
            reviewed = self.review.set_annotations(annotations)
        self._show_reviewed_in_article(reviewed)
        if self.entities_shown:
            self._rebuild_entity_layer()
        # A timer lets the frame and waiting keys go first.
        self.set_timer(LAYER_CHUNK_PAUSE, self._show_reviewed_in_pane)

    def show_reviewed(self, reviewed: ReviewedAnnotations) -> None:
        """Show the reviewed annotations (after annotation or a review action)."""
        self._show_reviewed_in_article(reviewed)
        self._show_reviewed_in_pane()

    def _show_reviewed_in_article(self, reviewed: ReviewedAnnotations) -> None:
        self.state.set_reviewed(reviewed)
        self._rebuild_quote_layers()
        self._update_status()
        self._apply_resume_focus()

    def _show_reviewed_in_pane(self) -> None:
        reviewed = self.state.reviewed
        if self.side_pane is None or reviewed is None:
            return
        cursor = self.cursor
        self.side_pane.set_annotations(
            self.article,
            reviewed.annotations,
            cursor.quotes,
            self.state.slots,
            reviewed.states,
        )
        if cursor.speaker_filter is not None:
            self.side_pane.show_quotes(cursor.visible(), cursor.speaker_filter)
        self.side_pane.highlight_quote(cursor.current)

    # -- reviews -------------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="reviews",
        description="load reviews",
    )
    def load_reviews(self) -> None:
        """Read this article's reviews from the store (posted as a message)."""
        from newsreader.store.bookmarks import BookmarkStoreError

        store = self.review_writer.store
        if store is None:
            return
        try:
            reviews = store.reviews_for(self.article.sha256)
        except BookmarkStoreError as error:
            self.post_message(ReviewsLoaded((), str(error)))
            return
        self.post_message(ReviewsLoaded(tuple(reviews), None))

    def on_reviews_loaded(self, message: ReviewsLoaded) -> None:
        """Apply the stored reviews (or say why there are none)."""
        if message.problem is not None:
            self.app.notify(
                f"Reviews unavailable: {message.problem}",
                severity="warning",
                markup=False,
                timeout=6,
            )
            return
        reviewed = self.review.set_reviews(message.reviews)
        if reviewed is not None:
            self.show_reviewed(reviewed)

    def _review_error(self, message: str) -> None:
        """A review write failed (called on the writer's thread)."""
        self.app.call_from_thread(
            self.app.notify, message, severity="error", markup=False, timeout=8
        )

    def _apply_review(self, outcome: ReviewOutcome) -> None:
        """Save and show what a review action did, and say so."""
        if outcome.write is not None:
            self.review_writer.submit(outcome.write)
            if self.review.view is not None:
                self.show_reviewed(self.review.view)
            if outcome.quote_id is not None:
                index = self.cursor.index_of(outcome.quote_id)
                if index is not None:
                    self.go_to_quote(index)
        suffix = ""
        count = self.state.to_check_count()
        if outcome.write is not None and count is not None:
            suffix = f" · {count} to check"
        self.app.notify(outcome.message + suffix, markup=False, timeout=3)

    def _review_target(self) -> Quote | None:
        if not self._quotes_ready():
            return None
        return self.current_quote_or_hint()

    def action_next_to_check(self) -> None:
        """Go to the next quote that needs a look."""
        self._step_to_check(True)

    def action_previous_to_check(self) -> None:
        """Go to the previous quote that needs a look."""
        self._step_to_check(False)

    def _step_to_check(self, forward: bool) -> None:
        if not self._quotes_ready():
            return
        current = self.cursor.current_quote
        view = self.article_view
        from_offset = None
        if current is None or not view.is_span_visible(current.span):
            from_offset = view.top_offset
        target = self.state.step_to_check(forward, from_offset)
        if target is None:
            count = self.state.to_check_count() or 0
            if not count:
                message = "Nothing left to check"
            else:
                where = "after" if forward else "before"
                message = f"No quote to check {where} this one · {count} to check"
            self.app.notify(message, markup=False, timeout=3)
            return
        self.go_to_quote(target)

    def action_verify_quote(self) -> None:
        """Sign off the current quote's attribution (again to withdraw)."""
        quote = self._review_target()
        if quote is not None:
            self._apply_review(self.review.verify(quote.id))

    def action_reject_quote(self) -> None:
        """Mark the current quote as not a quote (hidden; U undoes)."""
        quote = self._review_target()
        if quote is not None:
            self._apply_review(self.review.toggle_rejected(quote.id))

    def action_adjust_span(self) -> None:
        """Cycle the current quote's span: sentence, quote marks, machine's."""
        quote = self._review_target()
        if quote is not None:
            self._apply_review(self.review.cycle_span(quote.id))

    def action_undo_review(self) -> None:
        """Undo the last review action."""
        if self._quotes_ready():
            self._apply_review(self.review.undo())

    def action_note_quote(self) -> None:
        """Write a note on the current quote."""
        quote = self._review_target()
        if quote is None:
            return
        from newsreader.ui.screens.note import NoteScreen

        review = self.review.review_of(quote.id)
        preview = one_line(self.article.span_text(quote.span), 50)

        def done(note: str | None) -> None:
            if note is not None:
                self._apply_review(self.review.set_note(quote.id, note))

        self.app.push_screen(
            NoteScreen(preview, review.note if review else None, subject="quote"),
            done,
        )

    def action_change_speaker(self) -> None:
        """Pick the current quote's speaker (or type one, or anonymous)."""
        quote = self._review_target()
        if quote is None or self.review.annotations is None:
            return
        from newsreader.ui.screens.choice import TYPED_KEY, ChoiceScreen, Chosen

        choices = speaker_choices(self.review.annotations, quote)
        current = quote.display_speaker or "no speaker"

        def done(chosen: Chosen | None) -> None:
            if chosen is None:
                return
            if chosen.key == TYPED_KEY:
                outcome = self.review.set_speaker(quote.id, chosen.text)
            elif chosen.key == ANONYMOUS_KEY:
                outcome = self.review.set_speaker(quote.id, None)
            elif chosen.key == MACHINE_KEY:
                outcome = self.review.restore_speaker(quote.id)
            else:
                outcome = self.review.set_speaker(quote.id, chosen.key)
            self._apply_review(outcome)

        self.app.push_screen(
            ChoiceScreen(
                f"Speaker of this quote (now: {current})",
                choices,
                free_text=True,
                placeholder="Type to filter, or a new name",
            ),
            done,
        )

    def action_restore_quote(self) -> None:
        """Bring back a quote marked as not a quote."""
        if not self._quotes_ready():
            return
        reviewed = self.state.reviewed
        rejected = reviewed.rejected if reviewed is not None else ()
        if not rejected:
            self.app.notify("No quote is marked as not a quote", markup=False)
            return
        from newsreader.ui.screens.choice import Choice, ChoiceScreen, Chosen

        choices = [
            Choice(
                state.quote.id,
                one_line(self.article.span_text(state.quote.span), 46),
                f"¶{self.article.paragraph_index(state.quote.span.start) + 1}",
            )
            for state in rejected
        ]

        def done(chosen: Chosen | None) -> None:
            if chosen is not None:
                self._apply_review(self.review.toggle_rejected(chosen.key))

        self.app.push_screen(ChoiceScreen("Restore a quote", choices), done)

    # -- highlight layers ---------------------------------------------------

    def _rebuild_quote_layers(self) -> None:
        """Rebuild the quote and speaker layers of the visible quotes.

        With more than :data:`QUOTE_LAYER_CHUNK` of them (a very long article)
        the quotes near the top of the view are shown at once and the whole
        layers are built a chunk per frame, so the UI never stalls for long.
        """
        self._layer_generation += 1
        visible = self.cursor.visible()
        if len(visible) <= QUOTE_LAYER_CHUNK:
            self._set_quote_layers(*self.state.quote_highlights(visible))
        else:
            quotes = self.cursor.quotes
            start = self.article_view.top_offset - NEAR_VIEW_CHARS // 4
            end = start + NEAR_VIEW_CHARS
            near = [
                index
                for index in visible
                if quotes[index].span.end >= start and quotes[index].span.start < end
            ]
            self._set_quote_layers(*self.state.quote_highlights(near))
            self._next_layer_chunk(self._layer_generation, visible, 0, [], [])
        self._rebuild_marked_layer()
        self.article_view.set_current(self.state.current_highlight())

    def _set_quote_layers(
        self, quotes: list[Highlight], speakers: list[Highlight]
    ) -> None:
        view = self.article_view
        view.set_layer("quotes", quotes)
        view.set_layer("speakers", speakers)

    def _build_quote_layers(
        self,
        generation: int,
        visible: list[int],
        done: int,
        quotes: list[Highlight],
        speakers: list[Highlight],
    ) -> None:
        """Add one chunk to the layers being built; show them when complete
        (one layer per frame). A newer rebuild makes this one stop."""
        if generation != self._layer_generation:
            return
        if done < len(visible):
            more_quotes, more_speakers = self.state.quote_highlights(
                visible[done : done + QUOTE_LAYER_CHUNK]
            )
            quotes.extend(more_quotes)
            speakers.extend(more_speakers)
            done += QUOTE_LAYER_CHUNK
            self._next_layer_chunk(generation, visible, done, quotes, speakers)
        elif quotes:
            self.article_view.set_layer("quotes", quotes)
            self._next_layer_chunk(generation, visible, done, [], speakers)
        else:
            self.article_view.set_layer("speakers", speakers)
            if len(visible) >= FREEZE_AFTER:
                self._freeze_long_lived()

    def on_pane_list_filled(self, message: PaneList.Filled) -> None:
        """A side-pane list is complete: its options live as long as it does."""
        if message.count >= FREEZE_AFTER:
            self._freeze_long_lived()

    def _freeze_long_lived(self) -> None:
        """Move every object alive now out of the cyclic GC's reach.

        The highlight layers and side-pane lists of a long article are built
        after the annotations arrive, chunk by chunk; left in the collected
        generations, a full collection walks them all (80-180 ms at
        1,000,000 words, measured when ``V`` allocated enough to trigger
        one). Called when such a batch of at least :data:`FREEZE_AFTER` items
        ends, not more often: freezing is constant-time, and these objects,
        free of reference cycles, are still freed when they are replaced, but
        any cyclic garbage not yet collected at that moment is kept for good.
        """
        gc.freeze()

    def _next_layer_chunk(
        self,
        generation: int,
        visible: list[int],
        done: int,
        quotes: list[Highlight],
        speakers: list[Highlight],
    ) -> None:
        # A timer, not call_after_refresh: nothing is repainted between chunks,
        # so those callbacks would run back to back, keys waiting behind them.
        self.set_timer(
            LAYER_CHUNK_PAUSE,
            functools.partial(
                self._build_quote_layers, generation, visible, done, quotes, speakers
            ),
        )

    def _rebuild_entity_layer(self) -> None:
        self.article_view.set_layer("entities", self.state.entity_highlights() or None)

    def _rebuild_marked_layer(self) -> None:
        """Show the marks of the visible quotes in the article and side pane."""
        self.article_view.set_layer("marked", self.state.marked_layer() or None)
        if self.side_pane is not None:
            self.side_pane.set_marked(self.marked_ids)

    # -- quotes ----------------------------------------------------------------

    def go_to_quote(self, index: int) -> None:
        """Make quote ``index`` current and scroll it into view."""
        self.state.cursor.current = index
        quote = self.state.cursor.quotes[index]
        self.article_view.set_current(self.state.current_highlight())
        self.article_view.show_span(quote.span)
        self._sync_pane_quote()
        self._update_status()

    def _sync_pane_quote(self) -> None:
        """Move the quote list's cursor to the current quote, once keys pause.

        The article's frame is what the reader waits for; the list (thousands
        of rows in a long article) follows shortly after the last of a burst of
        presses, so holding ``]`` never waits for the list.
        """
        if self.side_pane is None:
            return
        if self._pane_sync_timer is not None:
            self._pane_sync_timer.stop()

        def sync() -> None:
            self._pane_sync_timer = None
            if self.side_pane is not None:
                self.side_pane.highlight_quote(self.cursor.current)

        self._pane_sync_timer = self.set_timer(PANE_SYNC_DELAY, sync)

    def _quotes_ready(self) -> bool:
        if self.annotations is not None:
            return True
        if self.annotation_state == "failed":
            self.app.notify(
                "No quotes: annotation failed", severity="warning", markup=False
            )
        elif self.services.annotation_enabled:
            self.app.notify("Still annotating…", markup=False, timeout=2)
        else:
            self.app.notify("Annotation is off", markup=False, timeout=2)
        return False

    def _step_quote(self, forward: bool, *, same_speaker: bool = False) -> None:
        if not self._quotes_ready():
            return
        current = self.cursor.current_quote
        if same_speaker:
            if current is None:
                self.app.notify(CHOOSE_QUOTE_HINT, markup=False, timeout=3)
                return
            if current.speaker is None:
                self.app.notify(
                    "This quote has no identified speaker", markup=False, timeout=3
                )
                return
        view = self.article_view
        from_offset = None
        if current is None or not view.is_span_visible(current.span):
            from_offset = view.top_offset
        target = self.cursor.step(
            forward, from_offset=from_offset, same_speaker=same_speaker
        )
        if target is None:
            where = "later" if forward else "earlier"
            who = " by this speaker" if same_speaker else ""
            self.app.notify(f"No {where} quote{who}", markup=False, timeout=2)
            return
        self.go_to_quote(target)

    def action_next_quote(self) -> None:
        """Next quote (or next mention while an entity or topic is selected)."""
        if self.mentions is not None:
            self._step_mention(True)
        else:
            self._step_quote(True)

    def action_previous_quote(self) -> None:
        """Previous quote (or previous mention while an entity or topic is selected)."""
        if self.mentions is not None:
            self._step_mention(False)
        else:
            self._step_quote(False)

    def action_next_same_speaker(self) -> None:
        """Next quote by the current quote's speaker."""
        self._step_quote(True, same_speaker=True)

    def action_previous_same_speaker(self) -> None:
        """Previous quote by the current quote's speaker."""
        self._step_quote(False, same_speaker=True)

    def action_toggle_speaker_filter(self) -> None:
        """Filter quotes to the current quote's speaker, or clear the filter."""
        if self.cursor.speaker_filter is not None:
            self.set_speaker_filter(None)
            return
        if not self._quotes_ready():
            return
        quote = self.cursor.current_quote
        if quote is None:
            self.app.notify(CHOOSE_QUOTE_HINT, markup=False, timeout=3)
        elif quote.speaker is None:
            self.app.notify(
                "This quote has no identified speaker", markup=False, timeout=3
            )
        else:
            self.set_speaker_filter(quote.speaker)

    def set_speaker_filter(self, speaker: str | None) -> None:
        """Show only ``speaker``'s quotes (None: all quotes)."""
        self.state.set_speaker_filter(speaker)
        cursor = self.state.cursor
        self._rebuild_quote_layers()
        if self.side_pane is not None:
            self.side_pane.show_quotes(cursor.visible(), speaker)
            self.side_pane.highlight_quote(cursor.current)
        self._update_status()

    def current_quote_or_hint(self) -> Quote | None:
        """The current quote, or None after telling the reader how to pick one."""
        quote = self.cursor.current_quote
        if quote is None:
            self.app.notify(CHOOSE_QUOTE_HINT, markup=False, timeout=3)
        return quote

    def action_quote_details(self) -> None:
        """Show speaker, cue, kind, confidence and reason of the current quote."""
        if not self._quotes_ready():
            return
        quote = self.current_quote_or_hint()
        if quote is None:
            return
        from newsreader.ui.screens.quote_details import QuoteDetailsScreen

        reviewed = self.state.reviewed
        self.app.push_screen(
            QuoteDetailsScreen(
                self.article,
                quote,
                state=self.state.quote_state(quote),
                entities=reviewed.annotations.entities if reviewed else (),
            )
        )

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        """Show the new reading position."""
        self._show_position()

    def _show_position(self) -> None:
        number, total = self.article_view.position()
        self.status_bar.set_position(f"¶ {number}/{total}" if total else "")

    def action_open_archive(self) -> None:
        """Open the quote archive screen."""
        archive = self.services.archive
        if archive is None:
            self.app.notify("The quote archive is off", markup=False, timeout=2)
            return
        from newsreader.ui.screens.archive import ArchiveScreen

        self.app.push_screen(ArchiveScreen(archive))

    def action_trace_quote(self) -> None:
        """Show every archived occurrence of the current quote."""
        archive = self.services.archive
        quote = self.current_quote_or_hint()
        if archive is None or quote is None:
            return
        from newsreader.ui.screens.provenance import ProvenanceScreen

        self.app.push_screen(
            ProvenanceScreen(archive, self.article.span_text(quote.span))
        )

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """Clicking inside a quote makes it the current quote."""
        index = self.state.quote_at(message.offset)
        if index is not None:
            self.go_to_quote(index)

    # -- side pane choices ------------------------------------------------------

    def on_side_pane_quote_chosen(self, message: SidePane.QuoteChosen) -> None:
        """Jump to the chosen quote."""
        self.go_to_quote(message.index)

    def on_side_pane_speaker_chosen(self, message: SidePane.SpeakerChosen) -> None:
        """Filter to the chosen speaker and go to their first quote."""
        self.set_speaker_filter(message.speaker)
        visible = self.cursor.visible()
        if message.speaker is not None and visible:
            self.go_to_quote(visible[0])

    def on_side_pane_mentions_chosen(self, message: SidePane.MentionsChosen) -> None:
        """Highlight the chosen entity's or topic's mentions; repeat to step."""
        if self.state.select_mentions(message.title, message.key, message.spans):
            assert self.state.mentions is not None
            self.article_view.set_layer(
                "focus",
                [
                    Highlight(s.start, s.end, ("article--focus-mention",))
                    for s in self.state.mentions.spans
                ],
            )
        self._step_mention(True)

    def _step_mention(self, forward: bool) -> None:
        mentions = self.mentions
        if mentions is None:
            return
        span = mentions.step(forward)
        view = self.article_view
        if span is None:
            view.set_layer("focus-current", None)
        else:
            view.set_layer(
                "focus-current",
                [Highlight(span.start, span.end, ("article--focus-current",))],
            )
            view.show_span(span)
        self._update_status()

    def clear_mentions(self) -> None:
        """Stop highlighting the selected entity or topic."""
        self.state.mentions = None
        view = self.article_view
        view.set_layer("focus", None)
        view.set_layer("focus-current", None)
        self._update_status()

    # -- search --------------------------------------------------------------------

    async def action_open_search(self) -> None:
        """Open the search bar (mounted on first use)."""
        if self._search_bar is None:
            from newsreader.ui.widgets.search_bar import SearchBar

            self._search_bar = SearchBar(self._search_typed, id="search-bar")
            await self.mount(self._search_bar, before=self.status_bar)
        self._search_origin = self.article_view.top_offset
        # The bar takes the status line's row rather than a row of its own:
        # the article and the side pane keep their size, so opening and
        # closing the bar re-renders neither.
        self.status_bar.display = False
        self._search_bar.open(self.search.query if self.search else "")

    def _close_search_bar(self) -> None:
        """Hide the search bar; the status line gets its row back."""
        if self._search_bar is not None:
            self._search_bar.close()
        self.status_bar.display = True

    def _search_typed(self, text: str) -> None:
        """Search as you type, from where the search started."""
        self.run_search(text, from_offset=self._search_origin)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Keep the highlights, hide the bar, go back to reading."""
        if event.input.id != "search-input":
            return
        self._close_search_bar()
        self.article_view.focus()
        if self.search is None or not self.search.matches:
            if event.value:
                self.app.notify(
                    f"Not found: {one_line(event.value, 40)}", markup=False, timeout=3
                )
            self.clear_search()

    def _set_match_count(self, text: str) -> None:
        if self._search_bar is not None:
            self._search_bar.set_count(text)

    def run_search(self, query: str, *, from_offset: int | None = None) -> None:
        """Highlight the matches of ``query``; go to the first after ``from_offset``."""
        view = self.article_view
        search = self.state.start_search(self.article.text, query)
        if search is None:
            view.set_layer("search", None)
            view.set_layer("search-current", None)
            self._set_match_count("")
            self._update_status()
            return
        matches = search.matches
        view.set_layer(
            "search",
            RangeLayer(matches.starts, matches.ends, ("article--search-match",)),
        )
        self._step_match(
            True, from_offset=view.top_offset if from_offset is None else from_offset
        )

    def _step_match(self, forward: bool, *, from_offset: int | None = None) -> None:
        search = self.search
        view = self.article_view
        if search is None:
            return
        if (
            from_offset is None
            and search.current >= 0
            and not view.is_span_visible(search.matches[search.current])
        ):
            from_offset = view.top_offset
        span = search.step(forward, from_offset=from_offset)
        if span is None:
            view.set_layer("search-current", None)
        else:
            view.set_layer(
                "search-current",
                [Highlight(span.start, span.end, ("article--search-current",))],
            )
            view.show_span(span)
            if search.wrapped:
                where = "top" if forward else "bottom"
                self.app.notify(
                    f"Search wrapped to the {where}", markup=False, timeout=2
                )
        self._set_match_count(match_count(self.search))
        self._update_status()

    def action_next_match(self) -> None:
        """Next search match."""
        if self.search is None:
            self.app.notify("No search: press / to search", markup=False, timeout=2)
        else:
            self._step_match(True)

    def action_previous_match(self) -> None:
        """Previous search match."""
        if self.search is None:
            self.app.notify("No search: press / to search", markup=False, timeout=2)
        else:
            self._step_match(False)

    def clear_search(self) -> None:
        """Close the search bar and remove the match highlights."""
        bar = self._search_bar
        in_bar = (
            bar is not None
            and self.focused is not None
            and (self.focused is bar or bar in self.focused.ancestors)
        )
        self._close_search_bar()
        self.state.search = None
        view = self.article_view
        view.set_layer("search", None)
        view.set_layer("search-current", None)
        if self.focused is None or in_bar:
            view.focus()
        self._update_status()

    # -- view ------------------------------------------------------------------------

    def action_close_topmost(self) -> None:
        """Close the search, else the entity selection, else the speaker filter."""
        bar_open = self._search_bar is not None and self._search_bar.is_open
        if bar_open or self.search is not None:
            self.clear_search()
        elif self.mentions is not None:
            self.clear_mentions()
        elif self.cursor.speaker_filter is not None:
            self.set_speaker_filter(None)
        elif self.focused is not self.article_view:
            self.article_view.focus()

    def action_toggle_entities(self) -> None:
        """Turn entity highlighting on or off."""
        self.state.entities_shown = not self.state.entities_shown
        self._rebuild_entity_layer()
        state = "on" if self.entities_shown else "off"
        if self.entities_shown and self.annotations is None:
            state += " (once annotation finishes)"
        self.app.notify(f"Entity highlighting {state}", markup=False, timeout=2)

    @property
    def pane_shown(self) -> bool:
        """Whether the side pane is on screen."""
        return bool(self.side_slot.display)

    def _pane_has_focus(self) -> bool:
        focused = self.focused
        return focused is not None and self.side_slot in focused.ancestors

    def action_toggle_pane(self) -> None:
        """Show or hide the side pane."""
        slot = self.side_slot
        self._pane_choice = not slot.display
        slot.display = self._pane_choice
        if not slot.display and self._pane_has_focus():
            self.article_view.focus()

    def _apply_pane_visibility(self, width: int) -> None:
        wide = width >= NARROW_WIDTH
        slot = self.side_slot
        slot.display = wide if self._pane_choice is None else self._pane_choice
        slot.set_class(not wide, "-narrow")

    def on_resize(self, event: Resize) -> None:
        """Collapse the side pane on narrow terminals.

        A choice made with ``p`` lasts until the width crosses the threshold.
        """
        was_wide = not self.side_slot.has_class("-narrow")
        wide = event.size.width >= NARROW_WIDTH
        if wide != was_wide:
            self._pane_choice = None
        self._apply_pane_visibility(event.size.width)

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = [self.article_view]
        if self.pane_shown and self.side_pane is not None:
            panes.append(self.side_pane.active_list)
        return panes

    def _cycle_focus(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        position = panes.index(focused) if focused in panes else -1
        if position < 0 and self._pane_has_focus():
            position = 1
        panes[(position + step) % len(panes)].focus()

    def action_focus_next_pane(self) -> None:
        """Move focus to the next pane (article, side pane)."""
        self._cycle_focus(1)

    def action_focus_previous_pane(self) -> None:
        """Move focus to the previous pane."""
        self._cycle_focus(-1)

    # -- marks -------------------------------------------------------------------

    def set_marks(self, quote_ids: Iterable[str]) -> None:
        """Replace the marks, e.g. with a bookmark's.

        May be called before the screen is mounted or annotated: the ids are
        kept and shown once the quotes are known (ids of quotes the current
        annotations lack are ignored).
        """
        self.state.marks.replace(quote_ids)
        if self.is_mounted:
            self._marks_changed()

    def _marks_changed(self) -> None:
        self._rebuild_marked_layer()
        self._update_status()
        self.post_message(MarksChanged(self.article.sha256, self.marked_ids))
        self.bookmarks.keep_marks(self.state.marks.known(None))

    def _adopt_marks(self, merged: list[str]) -> None:
        """Show ``merged`` (the bookmark's marks with this reader's changes)."""
        before = self.state.marks.known(None)
        if tuple(merged) == before:
            return
        self.state.marks.replace(merged)
        self._marks_changed()

    def action_toggle_mark(self) -> None:
        """Mark or unmark the current quote."""
        if not self._quotes_ready() or self.current_quote_or_hint() is None:
            return
        self.state.toggle_current_mark()
        self._marks_changed()

    def action_mark_all(self) -> None:
        """Mark every visible quote (the speaker's, while a filter is on)."""
        if not self._quotes_ready():
            return
        result = self.state.mark_visible()
        if result.added:
            self._marks_changed()
        self.app.notify(result.message(), markup=False, timeout=3)

    def action_clear_marks(self) -> None:
        """Unmark every quote."""
        count = len(self.marked_ids)
        if not self.state.marks:
            self.app.notify("No quotes are marked", markup=False, timeout=3)
            return
        self.state.marks.clear()
        self._marks_changed()
        self.app.notify(f"Cleared {plural(count, 'mark')}", markup=False, timeout=3)

    # -- copy and export ------------------------------------------------------------

    def export_document(self, quote_ids: Iterable[str] | None) -> ExportDocument:
        """The export of ``quote_ids`` (all quotes when None); needs annotations."""
        annotations = self.annotations
        if annotations is None:
            raise RuntimeError("no annotations to export yet")
        from newsreader.export import build_document

        machine = self.review.annotations or annotations
        return build_document(
            self.article,
            machine,
            quote_ids,
            model=self.services.model_label,
            reviewed=self.state.reviewed,
        )

    def action_copy_quote(self) -> None:
        """Copy the current quote as Markdown (quote, attribution, link)."""
        if not self._quotes_ready():
            return
        quote = self.current_quote_or_hint()
        if quote is None:
            return
        from newsreader.export import quote_markdown

        document = self.export_document([quote.id])
        exported = document.quotes[0]
        self.app.copy_to_clipboard(quote_markdown(document, exported))
        self.app.notify(
            f"Copied the quote by {one_line(exported.speaker_label, 40)} as Markdown",
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

    def action_open_in_browser(self) -> None:
        """Open the article's web page, at the current quote when there is one."""
        article = self.article
        if not article.url:
            where = "standard input" if article.source == "-" else "a local file"
            self.app.notify(
                f"This article came from {where}: it has no web address to open",
                markup=False,
                timeout=4,
            )
            return
        quote = self.cursor.current_quote if self.annotations else None
        link = article.url
        if quote is not None:
            link = self.export_document([quote.id]).quotes[0].fragment_url or link
        self.app.notify(f"Opening {one_line(link, 70)}", markup=False, timeout=3)
        self._open_link(link)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_link(self, link: str) -> None:
        """Hand ``link`` to the browser (which may block while it starts)."""
        import webbrowser

        try:
            opened = webbrowser.open(link)
        except webbrowser.Error:
            opened = False
        if not opened:
            self.app.call_from_thread(
                self.app.notify,
                "No browser could be started; copy the link with Y",
                severity="warning",
                markup=False,
                timeout=5,
            )

    def action_export_marked(self) -> None:
        """Export the marked quotes (or the current one) to Markdown."""
        if not self._quotes_ready():
            return
        ids = self.state.marked_or_current()
        if not ids:
            self.app.notify(
                "Mark quotes with v (or choose one with ] or [) to export them",
                markup=False,
                timeout=4,
            )
            return
        document = self.export_document(ids)
        destination = directory_destination(export_directory())
        path = destination_file(destination, document.title, "md")
        self.exports.start(ExportJob(document, "md", path))

    def on_export_finished(self, message: ExportFinished) -> None:
        """An ``e`` export's write ended: confirm, report or announce."""
        message.stop()
        self.exports.finished(message)

    def _export_written(self, job: ExportJob) -> None:
        self.last_export = job.path

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
                self.last_export = result.path

        self.app.push_screen(
            ExportScreen(
                self.article.title,
                self.state.export_options(),
                export_directory(),
                self.export_document,
            ),
            done,
        )

    # -- bookmarks -----------------------------------------------------------------

    def restore_reading(self, position: int | None, marks: Iterable[str] = ()) -> None:
        """Open at character offset ``position`` with ``marks`` marked.

        Call before the screen mounts (the first frame is then already at the
        position). The bookmark, when the article has one, is still read to
        resume its current quote and speaker filter.
        """
        self._restore_position = position
        self._restored = True
        self.state.marks.replace(marks)

    def on_bookmark_loaded(self, message: BookmarkLoaded) -> None:
        """Resume the article's bookmark: position, marks, current quote, filter."""
        sync = self.bookmarks.sync
        if sync.loaded:
            return
        bookmark = message.bookmark
        stored = None if bookmark is None else bookmark.marked_quote_ids
        self._adopt_marks(sync.load(stored, self.state.marks.known(None)))
        if bookmark is None:
            return
        from newsreader.store.bookmarks import ReadingFocus

        self._resume_focus = ReadingFocus(
            bookmark.current_quote_id, bookmark.speaker_filter
        )
        if self.annotations is not None:
            self._apply_resume_focus()
        view = self.article_view
        if self._restored or view.top_offset != 0:
            return  # opened at a chosen place, or the reader has moved already
        view.go_to_offset(bookmark.position)
        self.app.notify(self._resumed_text(bookmark), markup=False, timeout=5)

    def _resumed_text(self, bookmark: Bookmark) -> str:
        paragraph = self.article.paragraph_index(bookmark.position) + 1
        marked = len(bookmark.marked_quote_ids)
        return f"Resumed your bookmark: ¶{paragraph}, {marked} marked"

    def _apply_resume_focus(self) -> None:
        """Make the bookmark's quote current and its speaker filter active,
        unless the reader chose others already (or they no longer exist)."""
        focus, self._resume_focus = self._resume_focus, None
        cursor = self.cursor
        if focus is None or cursor.current is not None:
            return
        speakers = {quote.speaker for quote in cursor.quotes}
        if cursor.speaker_filter is None and focus.speaker_filter in speakers:
            self.set_speaker_filter(focus.speaker_filter)
        index = next(
            (i for i, q in enumerate(cursor.quotes) if q.id == focus.current_quote_id),
            None,
        )
        if index is None or index not in set(cursor.visible()):
            return
        cursor.current = index
        self.article_view.set_current(self.state.current_highlight())
        self._sync_pane_quote()
        self._update_status()

    def on_marks_stored(self, message: MarksStored) -> None:
        """Show the bookmark's merged marks (other readers' included)."""
        sync = self.bookmarks.sync
        if message.stored is None:
            sync.failed()
            if message.gone:
                sync.bookmarked = False
            return
        self._adopt_marks(sync.done(message.stored, self.state.marks.known(None)))
        # Changes made while this one was on its way go next.
        self.bookmarks.keep_marks(self.state.marks.known(None))

    def remember_position(self, *, wait: bool = False) -> None:
        """Save the reading position in the history (on leaving the article).

        Args:
            wait: Write now, on this thread (when quitting); otherwise in a worker.
        """
        self.bookmarks.remember_position(self.article_view.top_offset, wait=wait)

    def _bookmarks_on(self) -> bool:
        if self.bookmarks.store is None:
            self.app.notify("Bookmarks are off", markup=False, timeout=3)
            return False
        return True

    def _quote_count(self) -> int | None:
        return len(self.annotations.quotes) if self.annotations else None

    def action_bookmark_article(self) -> None:
        """Bookmark the article at the reading position, with its marked quotes."""
        if not self._bookmarks_on():
            return
        position = self.article_view.top_offset
        current = self.cursor.current_quote if self.annotations else None
        self.bookmarks.bookmark_article(
            ArticleBookmark(
                position=position,
                paragraph=self.article.paragraph_index(position) + 1,
                paragraphs=len(self.article.paragraphs),
                marks=self.state.marks.known(None),
                quote_count=self._quote_count(),
                current_quote_id=None if current is None else current.id,
                speaker_filter=self.cursor.speaker_filter,
            )
        )

    def action_bookmark_quote(self) -> None:
        """Bookmark the current quote on its own."""
        if not self._bookmarks_on() or not self._quotes_ready():
            return
        quote = self.current_quote_or_hint()
        if quote is not None:
            self.bookmarks.bookmark_quote(quote, self._quote_count())

    def on_article_bookmarked(self, message: ArticleBookmarked) -> None:
        """Say where the bookmark is; show its merged marks."""
        sync = self.bookmarks.sync
        sync.loaded = True
        self._adopt_marks(sync.done(message.stored, self.state.marks.known(None)))
        self.app.notify(message.text(), markup=False, timeout=4)
        self.bookmarks.keep_marks(self.state.marks.known(None))

    def on_quote_bookmarked(self, message: QuoteBookmarked) -> None:
        """Say which quote was bookmarked."""
        self.app.notify(message.text(), markup=False, timeout=4)

    def on_earlier_versions(self, message: EarlierVersions) -> None:
        """Say that this text differs from a bookmarked version."""
        self.app.notify(
            message.text(), title="Article changed", markup=False, timeout=8
        )

    # -- status line ----------------------------------------------------------------

    def _update_status(self) -> None:
        services = self.services
        annotations = self.annotations
        left = position_status(
            self.cursor if annotations is not None else None,
            self.mentions,
            self.search,
            marked=len(self.marked_ids),
        )
        to_check = self.state.to_check_count()
        if to_check:
            from textual.content import Content

            left = Content.assemble(
                left, " · " if left.plain else "", (f"{to_check} to check", "bold")
            )
        right = model_status(
            state=self.annotation_state,
            progress=self._progress,
            from_cache=self.from_cache,
            annotation_enabled=services.annotation_enabled,
            fallback=services.fallback
            or (annotations is not None and annotations.fallback),
            model_label=services.model_label,
        )
        self.status_bar.show(left, right)
        self._show_position()

    # -- introspection for tests and tools -------------------------------------

    def quote_span(self, index: int) -> Span:
        """The span of quote ``index`` in reading order."""
        return self.cursor.quotes[index].span
