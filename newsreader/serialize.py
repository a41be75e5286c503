"""JSON-friendly dictionaries for :class:`~newsreader.model.Annotations`.

The one JSON shape of a quote (:func:`quote_to_dict`), used by the annotation
cache, ``newsreader annotate`` (single and batch), the JSON export (inside its
W3C annotation) and ``newsreader review --json``. Standard library only.
"""

from __future__ import annotations

from typing import Any, cast

from newsreader.model import Annotations, Entity, Quote, Span, Topic


def _span(value: Any) -> Span | None:
    if value is None:
        return None
    start, end = value
    return Span(int(start), int(end))


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    """A quote as the flat dictionary every JSON output shares."""
    return {
        "id": quote.id,
        "start": quote.span.start,
        "end": quote.span.end,
        "kind": quote.kind,
        "speaker": quote.display_speaker,
        "speaker_resolved": quote.speaker,
        "speaker_mention": quote.speaker_mention,
        "speaker_start": quote.speaker_span.start if quote.speaker_span else None,
        "speaker_end": quote.speaker_span.end if quote.speaker_span else None,
        "cue": quote.cue,
        "cue_start": quote.cue_span.start if quote.cue_span else None,
        "cue_end": quote.cue_span.end if quote.cue_span else None,
        "confidence": round(quote.confidence, 3),
        "reason": quote.reason,
        "speaker_kind": quote.speaker_kind,
        "via": quote.via,
    }


def quote_from_dict(data: dict[str, Any]) -> Quote:
    """Inverse of :func:`quote_to_dict`."""
    speaker_span = (
        Span(data["speaker_start"], data["speaker_end"])
        if data.get("speaker_start") is not None
        else None
    )
    cue_span = (
        Span(data["cue_start"], data["cue_end"])
        if data.get("cue_start") is not None
        else None
    )
    return Quote(
        id=data["id"],
        span=Span(data["start"], data["end"]),
        kind=data["kind"],
        speaker=data.get("speaker_resolved"),
        speaker_mention=data.get("speaker_mention"),
        speaker_span=speaker_span,
        cue=data.get("cue"),
        cue_span=cue_span,
        confidence=float(data.get("confidence", 0.0)),
        reason=data.get("reason", "unattributed"),
        speaker_kind=data.get("speaker_kind", "unknown"),
        via=data.get("via"),
    )


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """An entity as a JSON-friendly dictionary."""
    return {
        "name": entity.name,
        "label": entity.label,
        "mentions": [[m.start, m.end] for m in entity.mentions],
        "variants": list(entity.variants),
        "quote_count": entity.quote_count,
    }


def entity_from_dict(data: dict[str, Any]) -> Entity:
    """Inverse of :func:`entity_to_dict`."""
    return Entity(
        name=data["name"],
        label=data["label"],
        mentions=tuple(cast(Span, _span(m)) for m in data["mentions"]),
        variants=tuple(data.get("variants", ())),
        quote_count=int(data.get("quote_count", 0)),
    )


def topic_to_dict(topic: Topic) -> dict[str, Any]:
    """A topic as a JSON-friendly dictionary."""
    return {
        "phrase": topic.phrase,
        "score": round(topic.score, 4),
        "mentions": [[m.start, m.end] for m in topic.mentions],
    }


def topic_from_dict(data: dict[str, Any]) -> Topic:
    """Inverse of :func:`topic_to_dict`."""
    return Topic(
        phrase=data["phrase"],
        score=float(data["score"]),
        mentions=tuple(cast(Span, _span(m)) for m in data["mentions"]),
    )


def annotations_to_dict(annotations: Annotations) -> dict[str, Any]:
    """Annotations as a JSON-friendly dictionary."""
    return {
        "article_sha256": annotations.article_sha256,
        "engine": annotations.engine,
        "fallback": annotations.fallback,
        "quotes": [quote_to_dict(q) for q in annotations.quotes],
        "entities": [entity_to_dict(e) for e in annotations.entities],
        "topics": [topic_to_dict(t) for t in annotations.topics],
    }


def annotations_from_dict(data: dict[str, Any]) -> Annotations:
    """Inverse of :func:`annotations_to_dict`; raises KeyError/TypeError/ValueError
    on malformed input."""
    return Annotations(
        article_sha256=data["article_sha256"],
        engine=data["engine"],
        fallback=bool(data.get("fallback", False)),
        quotes=tuple(quote_from_dict(q) for q in data["quotes"]),
        entities=tuple(entity_from_dict(e) for e in data["entities"]),
        topics=tuple(topic_from_dict(t) for t in data["topics"]),
    )
