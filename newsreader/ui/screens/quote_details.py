"""The quote details dialog (``enter``): who said it, how we know, how sure we are."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.model import REASON_LABELS, Article, Quote
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


def detail_rows(article: Article, quote: Quote) -> list[tuple[str, str]]:
    """The dialog's label/value rows, as plain strings."""
    paragraph = article.paragraph_index(quote.span.start) + 1
    speaker = quote.speaker or "—"
    mention = quote.speaker_mention or "—"
    return [
        ("Speaker", one_line(speaker)),
        ("As written", one_line(mention)),
        ("Cue", one_line(quote.cue) if quote.cue else "—"),
        ("Kind", quote.kind),
        ("Confidence", confidence_label(quote.confidence)),
        ("Reason", REASON_LABELS.get(quote.reason, quote.reason)),
        ("Location", f"¶{paragraph} · chars {quote.span.start}–{quote.span.end}"),
    ]


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
    """

    def __init__(self, article: Article, quote: Quote) -> None:
        super().__init__()
        self.article = article
        self.quote = quote

    def compose(self) -> ComposeResult:
        """Title, quote text, attribution table, hint."""
        rows = detail_rows(self.article, self.quote)
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
            yield Static(Content("esc, q or enter closes"), id="details-hint")

    async def action_dismiss(self, result: None = None) -> None:
        """Close the dialog."""
        self.dismiss(result)
