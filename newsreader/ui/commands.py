"""The command palette: every key action, plus quotes, speakers, entities, topics.

Titles read "Group: Action" (``Quotes: Next quote``). Article strings in titles
and help are shown literally: the palette parses help text and fuzzy-match
highlights as markup, so help is escaped and highlights are built from plain
:class:`~textual.content.Content` here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.dom import DOMNode

from newsreader.ui.actions import ACTIONS, KeyAction
from newsreader.ui.labels import entity_group
from newsreader.ui.screens.reader import ReaderScreen
from newsreader.ui.text import escape_markup, one_line
from newsreader.ui.widgets.article_view import ArticleView
from newsreader.ui.widgets.side_pane import SidePane


@dataclass(frozen=True, slots=True)
class PaletteEntry:
    """One palette command."""

    title: str
    """Plain text shown and matched."""
    help: str
    """Plain-text explanation under the title."""
    run: Callable[[], object]
    discoverable: bool
    """Listed before anything is typed (actions are, article items are not)."""


def highlight_plain(matcher: Matcher, text: str) -> Content:
    """``text`` as literal Content with the fuzzy-matched characters styled."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ReaderCommands(Provider):
    """Palette commands for the reader screen."""

    def _reader(self) -> ReaderScreen | None:
        screen = self.screen
        return screen if isinstance(screen, ReaderScreen) else None

    def _node_for(self, action: KeyAction, reader: ReaderScreen) -> DOMNode:
        if action.scope == "app":
            return self.app
        if action.scope == "article":
            return reader.query_one(ArticleView)
        if action.scope == "pane":
            return reader.side_pane if reader.side_pane is not None else reader
        return reader

    def _run_action(
        self, action: KeyAction, reader: ReaderScreen
    ) -> Callable[[], object]:
        node = self._node_for(action, reader)

        def run() -> None:
            if action.scope == "pane":
                reader.side_slot.display = True
            self.app.call_later(self.app.run_action, action.action, node)

        return run

    def entries(self) -> Iterator[PaletteEntry]:
        """Every command available now."""
        reader = self._reader()
        if reader is None:
            return
        for action in ACTIONS:
            if not action.palette:
                continue
            keys = action.key_display or action.keys.split(",")[0]
            help_text = action.help or action.title
            if action.keys:
                help_text = f"{help_text} · key {keys}"
            yield PaletteEntry(
                f"{action.group}: {action.title}",
                help_text,
                self._run_action(action, reader),
                True,
            )
        yield from self._article_entries(reader)

    def _article_entries(self, reader: ReaderScreen) -> Iterator[PaletteEntry]:
        annotations = reader.annotations
        if annotations is None:
            return
        article = reader.article
        for index, quote in enumerate(reader.cursor.quotes):
            speaker = one_line(quote.display_speaker or "no speaker", 30)
            preview = one_line(article.span_text(quote.span), 70)
            yield PaletteEntry(
                f"Quote {index + 1}: {speaker} — {preview}",
                f"{quote.kind} quote · cue {quote.cue or '—'} · "
                f"confidence {quote.confidence:.2f}",
                partial(reader.go_to_quote, index),
                False,
            )
        for speaker, count in annotations.speakers():
            yield PaletteEntry(
                f"Speaker: {one_line(speaker, 40)} ({count})",
                "Show only this speaker's quotes",
                partial(reader.post_message, SidePane.SpeakerChosen(speaker)),
                False,
            )
        for entity in annotations.entities:
            key = f"entity:{entity.label}:{entity.name}"
            yield PaletteEntry(
                f"Entity: {one_line(entity.name, 40)} "
                f"({entity_group(entity.label)}, ×{len(entity.mentions)})",
                "Highlight its mentions; ] and [ step through them",
                partial(
                    reader.post_message,
                    SidePane.MentionsChosen(key, entity.name, entity.mentions),
                ),
                False,
            )
        for topic in annotations.topics:
            key = f"topic:{topic.phrase}"
            yield PaletteEntry(
                f"Topic: {one_line(topic.phrase, 40)} (×{len(topic.mentions)})",
                "Highlight its mentions; ] and [ step through them",
                partial(
                    reader.post_message,
                    SidePane.MentionsChosen(key, topic.phrase, topic.mentions),
                ),
                False,
            )

    async def discover(self) -> Hits:
        """The key actions, listed before anything is typed."""
        for entry in self.entries():
            if entry.discoverable:
                yield DiscoveryHit(
                    Content(entry.title),
                    entry.run,
                    text=entry.title,
                    help=escape_markup(entry.help),
                )

    async def search(self, query: str) -> Hits:
        """Actions and article items matching ``query``."""
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(
                    score,
                    highlight_plain(matcher, entry.title),
                    entry.run,
                    text=entry.title,
                    help=escape_markup(entry.help),
                )
