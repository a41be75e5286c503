"""The quote details dialog (``enter``): who said it, how we know, how sure we
are, what the reporter decided, and the sentences to check it against: the
one around the quote and, for a pronoun, the one naming the person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.model import REASON_LABELS, Article, Entity, Quote
from newsreader.review import QuoteState, naming_sentence
from newsreader.sentences import sentence_around
from newsreader.ui.text import display_text, one_line


def confidence_label(confidence: float) -> str:
    """``0.90 (high)``: the number and a word, so it is not judged by colour."""
    if confidence >= 0.8:
        word = "high"
    elif confidence >= 0.5:
        word = "medium"
    else:
        word = "low — check the attribution"
    return f"{confidence:.2f} ({word})"


STATUS_TEXT = {
    "machine": "not checked (machine attribution)",
    "verified": "✔ verified by you",
    "edited": "✎ edited by you",
}
"""The review row's text, by status."""

KIND_TEXT = {
    "person": "person",
    "organisation": "organisation (not a person)",
    "anonymous": "anonymous source",
    "document": "document or publication (not a person)",
    "unknown": "unknown",
}
"""The speaker-kind row's text."""


def detail_rows(
    article: Article, quote: Quote, state: QuoteState | None = None
) -> list[tuple[str, str]]:
    """The dialog's label/value rows, as plain strings."""
    paragraph = article.paragraph_index(quote.span.start) + 1
    if quote.speaker:
        speaker = quote.speaker
    elif quote.speaker_mention:
        speaker = f"{quote.speaker_mention}? (not resolved to a name)"
    else:
        speaker = "—"
    mention = quote.speaker_mention or "—"
    rows = [
        ("Speaker", one_line(speaker)),
        ("As written", one_line(mention)),
        ("Cue", one_line(quote.cue) if quote.cue else "—"),
        ("Kind", quote.kind),
        ("Confidence", confidence_label(quote.confidence)),
        ("Reason", REASON_LABELS.get(quote.reason, quote.reason)),
        ("Location", f"¶{paragraph} · chars {quote.span.start}–{quote.span.end}"),
    ]
    if state is None:
        return rows
    rows.insert(2, ("Who", KIND_TEXT.get(state.kind, state.kind)))
    rows.append(("Review", STATUS_TEXT.get(state.status, state.status)))
    if state.status == "edited":
        rows.append(("Machine said", one_line(state.machine_label or "no speaker")))
    if state.checks:
        rows.append(("To check", one_line(", ".join(state.checks))))
    if state.flag:
        rows.append(("⚠", state.flag))
    if state.note:
        rows.append(("Note", one_line(state.note)))
    return rows


def context_rows(
    article: Article, quote: Quote, entities: Sequence[Entity] = ()
) -> list[tuple[str, str]]:
    """The sentence around the quote and, for a pronoun or description
    speaker, the sentence naming the person it was resolved to."""
    text = article.text
    sentence = sentence_around(text, quote.span)
    rows = [("Sentence", display_text(text[sentence.start : sentence.end]))]
    naming = naming_sentence(text, entities, quote)
    if naming is not None and naming != sentence:
        rows.append(
            (
                f"“{one_line(quote.speaker_mention or '', 20)}” is",
                display_text(text[naming.start : naming.end]),
            )
        )
    return rows


class QuoteDetailsScreen(ModalScreen[None]):
    """A dialog showing one quote and its attribution."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "dismiss", "Close", id="details-close"),
    ]

    DEFAULT_CSS = """
    QuoteDetailsScreen { align: center middle; }
    QuoteDetailsScreen > #details {
        width: 80%;
        max-width: 90;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    QuoteDetailsScreen #details-title { text-style: bold; padding-bottom: 1; }
    QuoteDetailsScreen #details-quote {
        height: auto;
        max-height: 12;
        border-left: outer $primary;
        padding-left: 1;
        margin-bottom: 1;
    }
    QuoteDetailsScreen #details-hint { color: $text-muted; padding-top: 1; }
    QuoteDetailsScreen .details-context { padding-top: 1; }
    """

    def __init__(
        self,
        article: Article,
        quote: Quote,
        *,
        state: QuoteState | None = None,
        entities: Sequence[Entity] = (),
    ) -> None:
        super().__init__()
        self.article = article
        self.quote = quote
        self.state = state
        self.entities = tuple(entities)

    def compose(self) -> ComposeResult:
        """Title, quote text, attribution table, hint."""
        rows = detail_rows(self.article, self.quote, self.state)
        width = max(len(label) for label, _value in rows)
        table = Content("\n").join(
            Content.assemble((f"{label:<{width}}  ", "bold"), value)
            for label, value in rows
        )
        with Vertical(id="details"):
            yield Static(Content("Quote details"), id="details-title")
            with VerticalScroll(id="details-quote"):
                yield Static(
                    Content(display_text(self.article.span_text(self.quote.span)))
                )
            yield Static(table, id="details-table")
            for label, sentence in context_rows(
                self.article, self.quote, self.entities
            ):
                yield Static(
                    Content.assemble((label, "bold"), "\n", sentence),
                    classes="details-context",
                )
            yield Static(Content("esc, q or enter closes"), id="details-hint")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the dialog."""
        self.dismiss(result)
