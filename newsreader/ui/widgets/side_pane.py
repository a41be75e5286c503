"""The side pane: quotes, speakers, entities and topics, in four tabs.

The pane only shows lists and reports choices as messages; the reader screen
decides what a choice does (jump to a quote, filter by speaker, highlight an
entity's mentions). Every label is built as :class:`~textual.content.Content`
from plain strings, so names like ``[Reuters]`` show literally.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import ClassVar, Final

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.visual import VisualType
from textual.widgets import OptionList, TabbedContent, TabPane
from textual.widgets.option_list import Option, OptionDoesNotExist

from newsreader.model import Annotations, Article, Entity, Quote, Span, Topic
from newsreader.review import QuoteState
from newsreader.ui.actions import bindings_for
from newsreader.ui.labels import ENTITY_GROUPS, entity_group
from newsreader.ui.text import one_line

TABS: Final = ("quotes", "speakers", "entities", "topics")
"""Tab ids, in order."""

PREVIEW_CHARS: Final = 60
"""Characters of a quote shown in the quote list."""

STATUS_SYMBOLS: Final = {"verified": "✔", "edited": "✎"}
"""The quote list's symbol for a reviewed quote (the article gutter's too)."""

TO_CHECK_SYMBOL: Final = "!"
"""The quote list's symbol for a quote that needs a look."""

MENTIONS_SYMBOL: Final = "×"
"""Before an entity's mention count in the Entities tab."""

QUOTED_SYMBOL: Final = "❝"
"""Before an entity's quote count in the Entities tab (never ``✎``, which
means edited)."""

KIND_TAGS: Final = {
    "organisation": "org",
    "anonymous": "anonymous",
    "document": "not a person",
}
"""Short labels of speakers who are not a named person."""

RELAYED_CHECK: Final = "relayed (second-hand)"
"""The check reason that puts a quote in the "Anonymous / relayed" group."""

QUOTE_ROW_PLACEHOLDER: Final = Content("\n")
"""The prompt of a quote row until it is drawn: as many lines as the real one."""
FILL_CHUNK: Final = 60
"""Options added to a list per frame: filling a list of thousands of quotes
never holds up a key press for longer than one chunk."""


def speaker_text(quote: Quote, state: QuoteState | None) -> tuple[str, str]:
    """The speaker as listed and its style words: a resolved name, or the
    mention as written with a ``?`` in italics, with the kind when it is not
    a person."""
    if quote.speaker:
        name, italic = quote.speaker, False
    elif quote.speaker_mention:
        name, italic = f"{quote.speaker_mention}?", True
    else:
        name, italic = "(no speaker)", True
    kind = KIND_TAGS.get(state.kind) if state is not None else None
    if kind is not None and kind not in name:
        name = f"{name} [{kind}]"
    return name, "italic" if italic else ""


def speaker_style(slot: int | None) -> str:
    """The Content style of speaker colour ``slot`` (None: unattributed)."""
    return "$quote-fg" if slot is None else f"$speaker-{slot}"


def speaker_name_style(slot: int | None) -> str:
    """The Content style of a speaker's name: their text colour and band."""
    if slot is None:
        return "bold $quote-fg"
    return f"bold $speaker-{slot}-fg on $speaker-{slot}-bg"


class PaneList(OptionList):
    """An option list with vi keys, used for every tab of the side pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down the list", show=False, id="list-down"),
        Binding("k", "cursor_up", "Up the list", show=False, id="list-up"),
        Binding("g", "first", "First in the list", show=False, id="list-first"),
        Binding("G", "last", "Last in the list", show=False, id="list-last"),
    ]

    DEFAULT_CSS = """
    PaneList {
        height: 1fr;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    class Filled(Message):
        """A :meth:`fill` has added its last option."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count
            """How many options the list holds."""

    def __init__(self, *, id: str | None = None, markup: bool = False) -> None:
        super().__init__(id=id, markup=markup)
        self._pending: Iterator[Option] = iter(())
        self._filling = False
        self.chunks_added = 0
        """How many chunks :meth:`fill` has added (for tests and diagnostics)."""
        self.prompt_batches = 0
        """How many times :meth:`defer_prompts` changed prompts."""
        self._deferred: dict[str, Callable[[str], Content]] = {}
        self._fill_build: Callable[[str], Content] | None = None

    def fill(
        self,
        options: Iterable[Option],
        *,
        now: bool = True,
        build: Callable[[str], Content] | None = None,
    ) -> None:
        """Replace the options with ``options``, consumed lazily.

        The first :data:`FILL_CHUNK` options are added now (after the next
        frame when ``now`` is False: a list in a hidden tab), the rest one
        chunk per frame. With ``build``, the options' prompts are
        placeholders of the right number of lines, and ``build(option_id)``
        makes each real prompt when its row is first drawn or read (see
        :meth:`defer_prompts`).
        """
        self.clear_options()
        self._deferred.clear()
        self._fill_build = build
        self._pending = iter(options)
        if now:
            self._add_chunk()
        else:
            self._filling = True
            self.call_after_refresh(self._continue_fill, self._pending)

    @property
    def filling(self) -> bool:
        """Whether options are still waiting to be added."""
        return self._filling

    def _add_chunk(self) -> None:
        chunk = list(itertools.islice(self._pending, FILL_CHUNK))
        if chunk:
            self.add_options(chunk)
            self.chunks_added += 1
            build = self._fill_build
            if build is not None:
                self._deferred.update(
                    (option.id, build) for option in chunk if option.id is not None
                )
        self._filling = len(chunk) == FILL_CHUNK
        if self._filling:
            self.call_after_refresh(self._continue_fill, self._pending)
        else:
            self.post_message(self.Filled(self.option_count))

    def _continue_fill(self, pending: Iterator[Option]) -> None:
        if pending is self._pending and self._filling:
            self._add_chunk()

    def ensure_option(self, option_id: str) -> bool:
        """Add pending options until ``option_id`` is in the list; whether it is."""
        while not self._has_option(option_id):
            if not self._filling:
                return False
            self._add_chunk()
        return True

    def has_option(self, option_id: str) -> bool:
        """Whether ``option_id`` has been added to the list."""
        return self._has_option(option_id)

    def _has_option(self, option_id: str) -> bool:
        try:
            self.get_option(option_id)
        except OptionDoesNotExist:
            return False
        return True

    def defer_prompts(
        self, option_ids: Iterable[str], build: Callable[[str], Content]
    ) -> None:
        """Give options new prompts, each built by ``build(option_id)`` only
        when its row is next drawn (or its prompt read with :meth:`prompt`).

        Marking every quote of a long article changes thousands of rows of
        which a screenful is seen: the others cost nothing until scrolled
        to. A new prompt of the same number of lines (a changed tick) keeps
        the list's measured lines; one of another height re-measures the list
        once, when it is built. Ids not (yet) in the list are skipped.
        """
        pending = [option_id for option_id in option_ids if self._has_option(option_id)]
        if not pending:
            return
        self._deferred.update(dict.fromkeys(pending, build))
        self.prompt_batches += 1
        self._option_render_cache.clear()
        self.refresh()

    def prompt(self, option_id: str) -> VisualType:
        """The prompt of option ``option_id`` as it is (or will be) drawn."""
        self._build_deferred(option_id)
        return self.get_option(option_id).prompt

    def _build_deferred(self, option_id: str) -> None:
        build = self._deferred.pop(option_id, None)
        if build is None:
            return
        option = self.get_option(option_id)
        prompt = build(option_id)
        same_lines = _line_count(option.prompt) == _line_count(prompt)
        option._set_prompt(prompt)
        # Lists never wrap (``text-wrap: nowrap``), so an option's height is
        # its number of lines: with the same number, the measured lines are
        # still right. No drawn row of this option is cached either: rows
        # are drawn only through :meth:`render_line`, which builds first, and
        # :meth:`defer_prompts` dropped the rows drawn before.
        if not same_lines:
            self._clear_caches()

    def render_line(self, y: int) -> Strip:
        """Draw row ``y``, building its option's deferred prompt first."""
        if self._deferred:
            try:
                index, _ = self._lines[self.scroll_offset.y + y]
            except IndexError:
                pass
            else:
                option_id = self.options[index].id
                if option_id is not None:
                    self._build_deferred(option_id)
        return super().render_line(y)


def _line_count(prompt: object) -> int:
    """Lines of an option's prompt in a list that never wraps."""
    return str(prompt).count("\n") + 1


class SidePane(Vertical):
    """Tabs listing the article's quotes, speakers, entities and topics."""

    BINDINGS = bindings_for("pane")

    DEFAULT_CSS = """
    SidePane {
        width: 1fr;
        height: 1fr;
    }
    SidePane TabbedContent { height: 1fr; }
    SidePane TabPane { padding: 0; height: 1fr; }
    SidePane ContentTabs { width: 1fr; }
    """

    class Ready(Message):
        """The pane is mounted and can be filled."""

    class QuoteChosen(Message):
        """A quote was chosen in the quote list."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index
            """Index of the quote in reading order."""

    class SpeakerChosen(Message):
        """A speaker was chosen (None: all speakers)."""

        def __init__(self, speaker: str | None) -> None:
            super().__init__()
            self.speaker = speaker

    class MentionsChosen(Message):
        """An entity or topic was chosen; its mentions should be highlighted."""

        def __init__(self, key: str, title: str, spans: tuple[Span, ...]) -> None:
            super().__init__()
            self.key = key
            """Identifies the entity or topic (repeat choices step through mentions)."""
            self.title = title
            """Its name, for the status line."""
            self.spans = spans

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._quote_options: dict[str, int] = {}
        self._speaker_options: dict[str, str | None] = {}
        self._mention_options: dict[str, tuple[str, str, tuple[Span, ...]]] = {}
        self._marked: frozenset[str] = frozenset()
        self._states: Mapping[str, QuoteState] = {}
        self._group_options: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        """Four tabs, each one list."""
        with TabbedContent(initial="quotes"):
            for tab in TABS:
                with TabPane(tab.capitalize(), id=tab):
                    yield PaneList(id=f"{tab}-list", markup=False)

    def on_mount(self) -> None:
        """Tabs switch with keys; focus moves between the article and the lists."""
        for tabs in self.query("ContentTabs"):
            tabs.can_focus = False
        for tab in TABS:
            self.list_for(tab).add_option(Option(Content("Annotating…"), disabled=True))
        self.post_message(self.Ready())

    # -- access -----------------------------------------------------------------

    def list_for(self, tab: str) -> PaneList:
        """The list of tab ``tab``."""
        return self.query_one(f"#{tab}-list", PaneList)

    @property
    def active_tab(self) -> str:
        """Id of the tab on show."""
        return self.query_one(TabbedContent).active or TABS[0]

    def _shown(self, tab: str) -> bool:
        """Whether ``tab`` is the one on screen (its list fills first)."""
        return tab == self.active_tab

    @property
    def active_list(self) -> PaneList:
        """The list of the tab on show."""
        return self.list_for(self.active_tab)

    def action_show_tab(self, tab: str) -> None:
        """Show tab ``tab`` and focus its list."""
        self.query_one(TabbedContent).active = tab
        self.list_for(tab).focus()

    def action_next_tab(self) -> None:
        """Show the next tab."""
        self.action_show_tab(TABS[(TABS.index(self.active_tab) + 1) % len(TABS)])

    def action_previous_tab(self) -> None:
        """Show the previous tab."""
        self.action_show_tab(TABS[(TABS.index(self.active_tab) - 1) % len(TABS)])

    # -- filling ---------------------------------------------------------------

    def show_message(self, message: str) -> None:
        """Replace every list with one line of text (e.g. an error)."""
        for tab in TABS:
            self.list_for(tab).fill([Option(Content(one_line(message)), disabled=True)])

    def set_annotations(
        self,
        article: Article,
        annotations: Annotations,
        quotes: Sequence[Quote],
        slots: dict[str, int],
        states: Mapping[str, QuoteState] | None = None,
    ) -> None:
        """Fill every tab from the annotations.

        Args:
            article: The article (for quote text).
            annotations: What is shown (the reviewed annotations).
            quotes: The quotes in reading order (indices are reported back).
            slots: Speaker name to colour slot.
            states: Review state of each quote, by id.
        """
        self._article = article
        self._quotes = tuple(quotes)
        self._slots = slots
        self._states = states or {}
        self.show_quotes(list(range(len(quotes))), None)
        self._fill_speakers(annotations)
        self._fill_entities(annotations.entities)
        self._fill_topics(annotations.topics)

    def show_quotes(self, indices: Sequence[int], speaker_filter: str | None) -> None:
        """List the quotes at ``indices`` (the filtered view when a speaker is set)."""
        self._quote_options = {f"quote-{index}": index for index in indices}
        self.list_for("quotes").fill(
            self._quote_list(indices, speaker_filter),
            now=self._shown("quotes"),
            build=self._quote_prompt_of,
        )

    def _quote_list(
        self, indices: Sequence[int], speaker_filter: str | None
    ) -> Iterator[Option]:
        if speaker_filter is not None:
            yield Option(
                Content.assemble(
                    ("Only ", "dim"),
                    (one_line(speaker_filter, 24), "bold"),
                    (" · esc clears", "dim"),
                ),
                disabled=True,
            )
        if not indices:
            yield Option(Content("No quotes found"), disabled=True)
        for index in indices:
            # Built when the row is first drawn: a long article's list holds
            # thousands of rows, a screenful of which is ever seen at once.
            yield Option(QUOTE_ROW_PLACEHOLDER, id=f"quote-{index}")

    def _quote_prompt(self, index: int, quote: Quote) -> Content:
        state = self._states.get(quote.id)
        slot = self._slots.get(quote.speaker or "") if quote.speaker else None
        who, who_style = speaker_text(quote, state)
        name = one_line(who, 28)
        preview = one_line(self._article.span_text(quote.span), PREVIEW_CHARS)
        status = ""
        if state is not None:
            status = TO_CHECK_SYMBOL if state.needs_check else ""
            status = STATUS_SYMBOLS.get(state.status, status)
        if quote.id in self._marked:
            # A check mark in place of the number's padding, and the preview
            # at full strength: marked rows stand out without colour.
            number: Content | tuple[str, str] = Content.assemble(
                ("✓", "bold"), (f"{index + 1:>2} ", "dim")
            )
            preview_style = ""
        else:
            number = (f"{index + 1:>3} ", "dim")
            preview_style = "dim"
        return Content.assemble(
            ("▌", speaker_style(slot)),
            number,
            (f"{status} " if status else "", "bold"),
            (name, f"{speaker_name_style(slot)} {who_style}".strip()),
            "\n     ",
            (preview, preview_style),
        )

    def set_marked(self, quote_ids: Collection[str]) -> None:
        """Show which quotes are marked for export (a ``✓`` in the quote list).

        The rows whose mark changed are rebuilt when next drawn, with the
        marks as they are then; rows not added yet are built with them too.
        """
        marked = frozenset(quote_ids)
        changed = marked ^ self._marked
        self._marked = marked
        if not changed or not hasattr(self, "_quotes"):
            return
        quotes = self._quotes
        self.list_for("quotes").defer_prompts(
            (
                option_id
                for option_id, index in self._quote_options.items()
                if quotes[index].id in changed
            ),
            self._quote_prompt_of,
        )

    def _quote_prompt_of(self, option_id: str) -> Content:
        index = self._quote_options[option_id]
        return self._quote_prompt(index, self._quotes[index])

    def _fill_speakers(self, annotations: Annotations) -> None:
        option_list = self.list_for("speakers")
        self._speaker_options = {"speaker-all": None}
        options = [
            Option(
                Content.assemble(
                    ("All speakers", "bold"), (f"  {len(self._quotes)} quotes", "dim")
                ),
                id="speaker-all",
            )
        ]
        self._group_options = {}
        for number, (speaker, count) in enumerate(annotations.speakers()):
            option_id = f"speaker-{number}"
            self._speaker_options[option_id] = speaker
            slot = self._slots.get(speaker)
            plural = "quote" if count == 1 else "quotes"
            options.append(
                Option(
                    Content.assemble(
                        ("▌ ", speaker_style(slot)),
                        (one_line(speaker, 26), speaker_name_style(slot)),
                        (f"  {count} {plural}", "dim"),
                    ),
                    id=option_id,
                )
            )
        option_list.fill(
            itertools.chain(options, self._speaker_groups()),
            now=self._shown("speakers"),
        )

    def _speaker_groups(self) -> Iterator[Option]:
        """The "Unresolved" and "Anonymous / relayed" groups, listing their
        quotes (choosing one goes to the quote)."""
        unresolved: list[int] = []
        anonymous: list[int] = []
        for index, quote in enumerate(self._quotes):
            state = self._states.get(quote.id)
            is_anonymous = state is not None and state.kind == "anonymous"
            if quote.speaker is None and not is_anonymous:
                unresolved.append(index)
            if is_anonymous or (state is not None and RELAYED_CHECK in state.checks):
                anonymous.append(index)
        for title, indices in (
            ("Unresolved", unresolved),
            ("Anonymous / relayed", anonymous),
        ):
            if not indices:
                continue
            yield (
                Option(
                    Content.assemble(
                        (f"{title} ", "bold underline"),
                        (
                            f" {len(indices)} quote{'s' if len(indices) != 1 else ''}",
                            "dim",
                        ),
                    ),
                    disabled=True,
                )
            )
            for index in indices:
                quote = self._quotes[index]
                option_id = f"group-{title[:4].lower()}-{index}"
                self._group_options[option_id] = index
                who, style = speaker_text(quote, self._states.get(quote.id))
                paragraph = self._article.paragraph_index(quote.span.start) + 1
                yield (
                    Option(
                        Content.assemble(
                            ("  ", ""),
                            (one_line(who, 26), style),
                            (f"  ¶{paragraph}", "dim"),
                        ),
                        id=option_id,
                    )
                )

    def _fill_entities(self, entities: Sequence[Entity]) -> None:
        option_list = self.list_for("entities")
        self._mention_options = {
            key: value
            for key, value in self._mention_options.items()
            if key.startswith("topic-")
        }
        grouped: dict[str, list[Entity]] = {}
        for entity in entities:
            grouped.setdefault(entity_group(entity.label), []).append(entity)
        options: list[Option] = []
        number = 0
        for title in [*(group for group, _labels in ENTITY_GROUPS), "Other"]:
            members = sorted(
                grouped.get(title, []), key=lambda e: (-len(e.mentions), e.name)
            )
            if not members:
                continue
            options.append(
                Option(
                    Content.assemble((f"{title} ({len(members)})", "bold underline")),
                    disabled=True,
                )
            )
            for entity in members:
                option_id = f"entity-{number}"
                number += 1
                key = f"entity:{entity.label}:{entity.name}"
                self._mention_options[option_id] = (key, entity.name, entity.mentions)
                options.append(Option(self._entity_prompt(entity), id=option_id))
        if not options:
            options.append(Option(Content("No entities found"), disabled=True))
        option_list.fill(options, now=self._shown("entities"))

    @staticmethod
    def _entity_prompt(entity: Entity) -> Content:
        count = len(entity.mentions)
        parts: list[tuple[str, str] | str] = [
            ("  ", ""),
            (one_line(entity.name, 26), "bold"),
            (f"  {MENTIONS_SYMBOL}{count}", "dim"),
        ]
        if entity.quote_count:
            parts.append((f" {QUOTED_SYMBOL}{entity.quote_count}", "dim"))
        others = [v for v in entity.variants if v != entity.name]
        if others:
            parts.append(("\n    = " + one_line(", ".join(others), 30), "dim italic"))
        return Content.assemble(*parts)

    def _fill_topics(self, topics: Sequence[Topic]) -> None:
        option_list = self.list_for("topics")
        options: list[Option] = []
        for rank, topic in enumerate(topics, start=1):
            option_id = f"topic-{rank}"
            key = f"topic:{topic.phrase}"
            self._mention_options[option_id] = (key, topic.phrase, topic.mentions)
            options.append(
                Option(
                    Content.assemble(
                        (f"{rank:>2}. ", "dim"),
                        (one_line(topic.phrase, 28), "bold"),
                        (f"  ×{len(topic.mentions)}", "dim"),
                    ),
                    id=option_id,
                )
            )
        if not options:
            options.append(Option(Content("No topics found"), disabled=True))
        option_list.fill(options, now=self._shown("topics"))

    def highlight_quote(self, index: int | None) -> None:
        """Move the quote list's cursor to quote ``index`` (without focusing it)."""
        if index is None:
            return
        option_list = self.list_for("quotes")
        option_id = f"quote-{index}"
        if option_id in self._quote_options and option_list.ensure_option(option_id):
            option_list.highlighted = option_list.get_option_index(option_id)
            option_list.scroll_to_highlight()

    # -- choices ------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn a list choice into a message for the screen."""
        event.stop()
        option_id = event.option.id or ""
        if option_id in self._quote_options:
            self.post_message(self.QuoteChosen(self._quote_options[option_id]))
        elif option_id in self._group_options:
            self.post_message(self.QuoteChosen(self._group_options[option_id]))
        elif option_id in self._speaker_options:
            self.post_message(self.SpeakerChosen(self._speaker_options[option_id]))
        elif option_id in self._mention_options:
            key, title, spans = self._mention_options[option_id]
            self.post_message(self.MentionsChosen(key, title, spans))
