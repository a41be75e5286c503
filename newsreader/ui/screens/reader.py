"""The reader screen: article, side pane, search bar, status line and footer.

It owns the reading state (current quote, speaker filter, search, selected
entity) and starts the annotation worker once the article has painted. The
worker only posts messages (:mod:`newsreader.ui.messages`); the handlers here
apply them to the widgets on the UI thread.
"""

from __future__ import annotations

import gc

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from newsreader.model import Annotations, Article, Quote, Span
from newsreader.nlp import AnnotationCancelled
from newsreader.ui.actions import bindings_for
from newsreader.ui.annotation import (
    ChildProcessAnnotation,
    describe_error,
    run_annotation,
)
from newsreader.ui.highlights import Mark
from newsreader.ui.messages import (
    AnnotationFailed,
    AnnotationProgress,
    AnnotationsReady,
    AnnotationStarted,
)
from newsreader.ui.navigation import (
    MentionCursor,
    QuoteCursor,
    SearchState,
    find_matches,
)
from newsreader.ui.palette import SPEAKER_SLOTS
from newsreader.ui.screens.quote_details import QuoteDetailsScreen
from newsreader.ui.services import Services
from newsreader.ui.text import one_line
from newsreader.ui.widgets.article_header import ArticleHeader
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.search_bar import SearchBar
from newsreader.ui.widgets.side_pane import SidePane, entity_group
from newsreader.ui.widgets.status_bar import StatusBar

NARROW_WIDTH = 100
"""Below this many columns the side pane starts collapsed."""

ENTITY_CLASSES = {
    "People": "article--entity-person",
    "Organisations": "article--entity-org",
    "Places": "article--entity-place",
    "Other": "article--entity-other",
}
"""Article-view style of each side-pane entity group."""


def assign_speaker_slots(annotations: Annotations) -> dict[str, int]:
    """Colour slot (1–8) of each resolved speaker.

    The most quoted speakers get the seven Okabe–Ito colours (ties in reading
    order); every further speaker shares slot 8 (grey).
    """
    first_seen: dict[str, int] = {}
    for quote in annotations.quotes:
        if quote.speaker and quote.speaker not in first_seen:
            first_seen[quote.speaker] = quote.span.start
    ranked = sorted(
        annotations.speakers(), key=lambda item: (-item[1], first_seen.get(item[0], 0))
    )
    return {
        speaker: min(rank, SPEAKER_SLOTS)
        for rank, (speaker, _count) in enumerate(ranked, start=1)
    }


class ReaderScreen(Screen[None]):
    """Reads one article."""

    BINDINGS = bindings_for("reader")
    AUTO_FOCUS = "ArticleView"

    def __init__(self, article: Article, services: Services) -> None:
        super().__init__()
        self.article = article
        """The article on show."""
        self.services = services
        """Annotator, cache and model label."""
        self.annotations: Annotations | None = None
        """The annotations, once ready."""
        self.cursor = QuoteCursor()
        """Current quote and speaker filter."""
        self.search: SearchState | None = None
        """The active search, if any."""
        self.mentions: MentionCursor | None = None
        """The selected entity or topic whose mentions are highlighted."""
        self.entities_shown = False
        """Whether entity mentions are highlighted."""
        self.annotation_state = "idle"
        """``idle``, ``running``, ``ready`` or ``failed``."""
        self.annotation_error: str | None = None
        """Why annotation failed, if it did."""
        self.from_cache = False
        """Whether the annotations came from the cache."""
        self._slots: dict[str, int] = {}
        self._progress: tuple[int, int] = (0, 0)
        self._child: ChildProcessAnnotation | None = None
        self._pane_choice: bool | None = None
        self._search_origin = 0

    # -- composition ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, article and side pane, search bar, status line, footer."""
        yield ArticleHeader(self.article, id="header")
        with Horizontal(id="body"):
            yield ArticleView(self.article, id="article")
            yield SidePane(id="side-pane")
        yield SearchBar(id="search-bar")
        yield StatusBar(id="status")
        yield Footer()

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def side_pane(self) -> SidePane:
        """The side pane."""
        return self.query_one(SidePane)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar."""
        return self.query_one(SearchBar)

    @property
    def status_bar(self) -> StatusBar:
        """The status line."""
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        """Lay out for the terminal width; start annotating after the first paint."""
        self._apply_pane_visibility(self.app.size.width)
        self._update_status()
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        # The article is on screen and the long-lived objects exist: keep them
        # out of the cyclic GC so gen-2 collections never stall a key press.
        gc.collect()
        gc.freeze()
        if self.services.annotation_enabled or self.services.cache is not None:
            self.annotate_article()

    def on_unmount(self) -> None:
        """Stop annotating (kill the child process) when the screen goes away."""
        self.cancel_annotation()

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
        worker = get_current_worker()
        article = self.article
        services = self.services
        sha = article.sha256
        if services.cache is not None:
            cached = services.cache.get(sha, services.engine_id)
            if cached is not None:
                self.post_message(AnnotationsReady(cached, from_cache=True))
                return
        factory = services.annotator_factory
        if factory is None or worker.is_cancelled:
            return
        self.post_message(AnnotationStarted(sha))

        def progress(done: int, total: int) -> None:
            self.post_message(AnnotationProgress(sha, done, total))

        try:
            annotations = run_annotation(
                factory,
                article,
                isolate=services.isolate,
                progress=progress,
                cancelled=lambda: worker.is_cancelled,
                on_child=self._register_child,
            )
        except AnnotationCancelled:
            return
        except Exception as error:
            if not worker.is_cancelled:
                self.post_message(AnnotationFailed(sha, describe_error(error)))
            return
        if worker.is_cancelled:
            return
        if services.cache is not None:
            services.cache.put(annotations)
        self.post_message(AnnotationsReady(annotations, from_cache=False))

    @on(Worker.StateChanged)
    def _on_worker_state(self, event: Worker.StateChanged) -> None:
        """A worker error the worker did not report itself (a bug) still shows."""
        worker = event.worker
        if worker.group == "annotate" and event.state == WorkerState.ERROR:
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
        self.side_pane.show_message(f"Annotation failed: {message.reason}")
        self._update_status()

    def on_annotations_ready(self, message: AnnotationsReady) -> None:
        """Apply the annotations to the article and the side pane."""
        annotations = message.annotations
        if annotations.article_sha256 != self.article.sha256:
            return
        self.annotation_state = "ready"
        self.from_cache = message.from_cache
        self.apply_annotations(annotations)
        gc.collect()
        gc.freeze()

    def apply_annotations(self, annotations: Annotations) -> None:
        """Show ``annotations``: quote highlights, lists, status."""
        self.annotations = annotations
        self.cursor = QuoteCursor(annotations.quotes)
        self._slots = assign_speaker_slots(annotations)
        self._rebuild_quote_layers()
        if self.entities_shown:
            self._rebuild_entity_layer()
        self.side_pane.set_annotations(
            self.article, annotations, self.cursor.quotes, self._slots
        )
        self._update_status()

    # -- highlight layers ---------------------------------------------------

    def speaker_class(self, quote: Quote) -> str:
        """The article-view style naming the colour of ``quote``'s speaker."""
        slot = self._slots.get(quote.speaker) if quote.speaker else None
        return (
            "article--quote-unattributed"
            if slot is None
            else f"article--speaker-{slot}"
        )

    def _rebuild_quote_layers(self) -> None:
        quotes: list[Mark] = []
        speakers: list[Mark] = []
        for index in self.cursor.visible():
            quote = self.cursor.quotes[index]
            colour = self.speaker_class(quote)
            quotes.append(
                Mark(
                    quote.span.start, quote.span.end, (colour, "article--quote"), index
                )
            )
            if quote.cue_span is not None:
                cue = quote.cue_span
                speakers.append(Mark(cue.start, cue.end, ("article--cue",), index))
            if quote.speaker_span is not None:
                span = quote.speaker_span
                speakers.append(
                    Mark(span.start, span.end, (colour, "article--speaker"), index)
                )
        view = self.article_view
        view.set_layer("quotes", quotes)
        view.set_layer("speakers", speakers)
        self._show_current_quote()

    def _rebuild_entity_layer(self) -> None:
        marks: list[Mark] = []
        if self.entities_shown and self.annotations is not None:
            for entity in self.annotations.entities:
                style = ENTITY_CLASSES[entity_group(entity.label)]
                marks.extend(Mark(s.start, s.end, (style,)) for s in entity.mentions)
        self.article_view.set_layer("entities", marks or None)

    def _show_current_quote(self) -> None:
        quote = self.cursor.current_quote
        view = self.article_view
        if quote is None:
            view.set_current(None)
            return
        assert self.cursor.current is not None
        view.set_current(
            Mark(
                quote.span.start,
                quote.span.end,
                (self.speaker_class(quote),),
                self.cursor.current,
            )
        )

    # -- quotes ----------------------------------------------------------------

    def go_to_quote(self, index: int) -> None:
        """Make quote ``index`` current and scroll it into view."""
        self.cursor.current = index
        quote = self.cursor.quotes[index]
        self._show_current_quote()
        self.article_view.show_span(quote.span)
        self.side_pane.highlight_quote(index)
        self._update_status()

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
                self.app.notify(
                    "Choose a quote first with ] or [", markup=False, timeout=3
                )
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
            self.app.notify("Choose a quote first with ] or [", markup=False, timeout=3)
        elif quote.speaker is None:
            self.app.notify(
                "This quote has no identified speaker", markup=False, timeout=3
            )
        else:
            self.set_speaker_filter(quote.speaker)

    def set_speaker_filter(self, speaker: str | None) -> None:
        """Show only ``speaker``'s quotes (None: all quotes)."""
        cursor = self.cursor
        cursor.speaker_filter = speaker
        current = cursor.current_quote
        if speaker is not None and current is not None and current.speaker != speaker:
            cursor.current = None
        self._rebuild_quote_layers()
        self.side_pane.show_quotes(cursor.visible(), speaker)
        self.side_pane.highlight_quote(cursor.current)
        self._update_status()

    def action_quote_details(self) -> None:
        """Show speaker, cue, kind, confidence and reason of the current quote."""
        if not self._quotes_ready():
            return
        quote = self.cursor.current_quote
        if quote is None:
            self.app.notify("Choose a quote first with ] or [", markup=False, timeout=3)
            return
        self.app.push_screen(QuoteDetailsScreen(self.article, quote))

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        """Clicking inside a quote makes it the current quote."""
        for index in self.cursor.visible():
            if self.cursor.quotes[index].span.contains(message.offset):
                self.go_to_quote(index)
                return

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
        if self.mentions is None or self.mentions.key != message.key:
            spans = tuple(sorted(message.spans))
            self.mentions = MentionCursor(message.title, message.key, spans)
            self.article_view.set_layer(
                "focus",
                [Mark(s.start, s.end, ("article--focus-mention",)) for s in spans],
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
                [Mark(span.start, span.end, ("article--focus-current",))],
            )
            view.show_span(span)
        self._update_status()

    def clear_mentions(self) -> None:
        """Stop highlighting the selected entity or topic."""
        self.mentions = None
        view = self.article_view
        view.set_layer("focus", None)
        view.set_layer("focus-current", None)
        self._update_status()

    # -- search --------------------------------------------------------------------

    def action_open_search(self) -> None:
        """Open the search bar."""
        self._search_origin = self.article_view.top_offset
        self.search_bar.open(self.search.query if self.search else "")

    @on(Input.Changed, "#search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        """Search as you type, from where the search started."""
        self.run_search(event.value, from_offset=self._search_origin)

    @on(Input.Submitted, "#search-input")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Keep the highlights, hide the bar, go back to reading."""
        self.search_bar.close()
        self.article_view.focus()
        if self.search is None or not self.search.matches:
            if event.value:
                self.app.notify(
                    f"Not found: {one_line(event.value, 40)}", markup=False, timeout=3
                )
            self.clear_search()

    def run_search(self, query: str, *, from_offset: int | None = None) -> None:
        """Highlight the matches of ``query``; go to the first after ``from_offset``."""
        view = self.article_view
        if not query:
            self.search = None
            view.set_layer("search", None)
            view.set_layer("search-current", None)
            self.search_bar.set_count("")
            self._update_status()
            return
        matches = find_matches(self.article.text, query)
        self.search = SearchState(query, matches)
        view.set_layer(
            "search",
            [Mark(m.start, m.end, ("article--search-match",)) for m in matches],
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
                [Mark(span.start, span.end, ("article--search-current",))],
            )
            view.show_span(span)
            if search.wrapped:
                where = "top" if forward else "bottom"
                self.app.notify(
                    f"Search wrapped to the {where}", markup=False, timeout=2
                )
        self.search_bar.set_count(self._match_count_text())
        self._update_status()

    def _match_count_text(self) -> str:
        search = self.search
        if search is None:
            return ""
        if not search.matches:
            return "no matches"
        return f"{search.current + 1} / {len(search.matches)}"

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
        self.search_bar.close()
        self.search = None
        view = self.article_view
        view.set_layer("search", None)
        view.set_layer("search-current", None)
        if self.focused is None or isinstance(self.focused, Input):
            view.focus()
        self._update_status()

    # -- view ------------------------------------------------------------------------

    def action_close_topmost(self) -> None:
        """Close the search, else the entity selection, else the speaker filter."""
        if self.search_bar.is_open or self.search is not None:
            self.clear_search()
        elif self.mentions is not None:
            self.clear_mentions()
        elif self.cursor.speaker_filter is not None:
            self.set_speaker_filter(None)
        elif self.focused is not self.article_view:
            self.article_view.focus()

    def action_toggle_entities(self) -> None:
        """Turn entity highlighting on or off."""
        self.entities_shown = not self.entities_shown
        self._rebuild_entity_layer()
        state = "on" if self.entities_shown else "off"
        if self.entities_shown and self.annotations is None:
            state += " (once annotation finishes)"
        self.app.notify(f"Entity highlighting {state}", markup=False, timeout=2)

    def action_toggle_pane(self) -> None:
        """Show or hide the side pane."""
        pane = self.side_pane
        self._pane_choice = not pane.display
        pane.display = self._pane_choice
        if (
            not pane.display
            and self.focused is not None
            and pane in self.focused.ancestors
        ):
            self.article_view.focus()

    def _apply_pane_visibility(self, width: int) -> None:
        wide = width >= NARROW_WIDTH
        pane = self.side_pane
        pane.display = wide if self._pane_choice is None else self._pane_choice
        pane.set_class(not wide, "-narrow")
        self.query_one(Footer).compact = not wide

    def on_resize(self, event: Resize) -> None:
        """Collapse the side pane on narrow terminals.

        A choice made with ``p`` lasts until the width crosses the threshold.
        """
        pane = self.side_pane
        was_wide = not pane.has_class("-narrow")
        wide = event.size.width >= NARROW_WIDTH
        if wide != was_wide:
            self._pane_choice = None
        self._apply_pane_visibility(event.size.width)

    def _panes(self) -> list[object]:
        panes: list[object] = [self.article_view]
        if self.side_pane.display:
            panes.append(self.side_pane.active_list)
        return panes

    def _cycle_focus(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        position = panes.index(focused) if focused in panes else -1
        if position < 0 and focused is not None and self.side_pane in focused.ancestors:
            position = 1
        target = panes[(position + step) % len(panes)]
        target.focus()  # type: ignore[attr-defined]

    def action_focus_next_pane(self) -> None:
        """Move focus to the next pane (article, side pane)."""
        self._cycle_focus(1)

    def action_focus_previous_pane(self) -> None:
        """Move focus to the previous pane."""
        self._cycle_focus(-1)

    # -- status line ----------------------------------------------------------------

    def _update_status(self) -> None:
        self.status_bar.show(self._status_left(), self._status_right())

    def _status_left(self) -> Content:
        parts: list[Content] = []
        if self.mentions is not None and self.mentions.current >= 0:
            mentions = self.mentions
            parts.append(
                Content.assemble(
                    ("◆ ", "bold"),
                    (one_line(mentions.title, 30), "bold"),
                    f" mention {mentions.current + 1} / {len(mentions.spans)}",
                )
            )
        if self.annotations is not None:
            parts.append(self._quote_status())
        if self.search is not None:
            parts.append(
                Content.assemble(
                    ("/", "bold"),
                    one_line(self.search.query, 20),
                    "  ",
                    self._match_count_text(),
                )
            )
        return Content("  │  ").join(parts) if parts else Content("")

    def _quote_status(self) -> Content:
        cursor = self.cursor
        position, total = cursor.position()
        speaker_filter = cursor.speaker_filter
        if total == 0 and speaker_filter is None:
            return Content("No quotes found")
        where = f"{position} / {total}" if position else f"– / {total}"
        label = f"Quote {where}"
        if speaker_filter is not None:
            label = f"Quote {position or '–'} of {total} by"
        pieces: list[tuple[str, str] | str] = [(label, "bold")]
        if speaker_filter is not None:
            pieces.append(" ")
            pieces.append((one_line(speaker_filter, 24), "bold"))
            pieces.append((" (filter)", "dim"))
        quote = cursor.current_quote
        if quote is not None:
            if speaker_filter is None:
                speaker = quote.display_speaker
                pieces.append(" · ")
                pieces.append(
                    (one_line(speaker, 28) if speaker else "no speaker", "bold")
                )
            if quote.cue:
                pieces.append(f" · {one_line(quote.cue, 20)}")
            pieces.append(f" · {quote.confidence:.2f}")
        return Content.assemble(*pieces)

    def _status_right(self) -> Content:
        services = self.services
        pieces: list[tuple[str, str] | str] = []
        state = self.annotation_state
        if state == "running":
            done, total = self._progress
            percent = int(100 * done / total) if total else 0
            filled = percent // 20
            pieces.append(("⟳ annotating ", "bold $progress-fg"))
            pieces.append(("▰" * filled + "▱" * (5 - filled), "$progress-fg"))
            pieces.append(f" {percent:>3}%  ")
        elif state == "failed":
            pieces.append(("✗ annotation failed  ", "bold $error"))
        elif state == "ready" and self.from_cache:
            pieces.append(("cached  ", "dim"))
        elif not services.annotation_enabled and self.annotations is None:
            pieces.append(("annotation off  ", "dim"))
        fallback = services.fallback or (
            self.annotations is not None and self.annotations.fallback
        )
        if fallback:
            pieces.append(("⚠ rules-only fallback", "bold $fallback-fg"))
        else:
            pieces.append(one_line(services.model_label, 40))
        return Content.assemble(*pieces)

    # -- introspection for tests and tools -------------------------------------

    def quote_span(self, index: int) -> Span:
        """The span of quote ``index`` in reading order."""
        return self.cursor.quotes[index].span
