"""Relayed speech: the speaker is the person quoted, the relay is kept as ``via``."""

from __future__ import annotations

from typing import Any

from newsreader.model import Quote, Span
from newsreader.serialize import quote_from_dict, quote_to_dict
from newsreader.services.batch import article_from_text


def quotes(annotator: Any, text: str) -> list[Quote]:
    return list(annotator.annotate(article_from_text("t", text)).quotes)


def test_quoted_as_saying_keeps_the_quoting_outlet_as_relay(annotator: Any) -> None:
    text = (
        "Harbour master Tobias Wren inspected the pier on Monday.\n\n"
        "The Coastal Gazette quoted him as saying, “Nobody should fish here.”"
    )
    quote = quotes(annotator, text)[-1]
    assert quote.speaker == "Tobias Wren"
    assert quote.via == "The Coastal Gazette"


def test_said_according_to_an_outlet_keeps_the_outlet_as_relay(
    annotator: Any,
) -> None:
    text = "“The pier stays shut,” Tobias Wren said, according to Radio Solent."
    (quote,) = quotes(annotator, text)
    assert quote.speaker == "Tobias Wren"
    assert quote.via == "Radio Solent"


def test_speech_heard_first_hand_has_no_relay(annotator: Any) -> None:
    (quote,) = quotes(annotator, "“The pier stays shut,” Tobias Wren said.")
    assert quote.via is None


def test_relay_survives_serialisation() -> None:
    quote = Quote(
        id="q-1",
        span=Span(0, 10),
        kind="direct",
        speaker="Tobias Wren",
        via="Radio Solent",
    )
    data = quote_to_dict(quote)
    assert data["via"] == "Radio Solent"
    assert quote_from_dict(data).via == "Radio Solent"
