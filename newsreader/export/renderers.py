"""Markdown, JSON and CSV from one :class:`~newsreader.export.document.ExportDocument`.

Pure functions from the document to text. Quote text is always written exactly
as in the article (never escaped or "cleaned"); every other string from the
article (title, names, context) is escaped for Markdown where it is inline text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import PurePath
from typing import Any, Final, Literal

from newsreader.export.anchors import QUOTE_PLACEHOLDER
from newsreader.export.document import SCHEMA, ExportDocument, ExportedQuote
from newsreader.export.frontmatter import Value, front_matter
from newsreader.safe_text import printable

Format = Literal["md", "json", "csv"]
"""An export format, named by its file extension."""

FORMATS: Final[tuple[Format, ...]] = ("md", "json", "csv")
"""Every export format, Markdown first."""

FORMAT_NAMES: Final[dict[Format, str]] = {
    "md": "Markdown",
    "json": "JSON (W3C Web Annotation selectors)",
    "csv": "CSV (one row per quote)",
}
"""Human-readable format names."""

_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#~])")
_WHITESPACE: Final = re.compile(r"\s+")

CSV_COLUMNS: Final = (
    "title",
    "source_url",
    "source_path",
    "site_name",
    "authors",
    "published",
    "retrieved",
    "content_sha256",
    "nlp_model",
    "exported",
    "quote_id",
    "speaker",
    "speaker_mention",
    "cue",
    "kind",
    "quote",
    "start",
    "end",
    "paragraph",
    "confidence",
    "reason",
    "context",
    "text_fragment_url",
)
"""CSV header: document fields (repeated on every row), then quote fields."""

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""How a CSV cell that a spreadsheet would run as a formula begins."""


# -- Markdown --------------------------------------------------------------------


def md_inline(text: str) -> str:
    """Article text as one line of literal Markdown (whitespace collapsed,
    terminal controls made visible)."""
    line = printable(_WHITESPACE.sub(" ", text).strip())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", line)


def front_matter_fields(document: ExportDocument) -> dict[str, Value]:
    """The YAML front-matter keys and values, in order: the document fields,
    with whichever of ``source_url`` / ``source_path`` is empty left out
    (``source_path`` stays, as null, when there is neither)."""
    fields: dict[str, Value] = {"schema": SCHEMA}
    for key, value in document_fields(document).items():
        if key == "source_url" and not value:
            continue
        if key == "source_path" and not value and document.source_url:
            continue
        fields[key] = value
    return fields


def blockquote(text: str) -> str:
    """``text`` as a Markdown blockquote, every line prefixed with ``> ``.

    Empty lines become ``>`` so no line ends in a space; removing the ``> ``
    (or ``>``) prefixes gives back ``text`` exactly.
    """
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def _link_target(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def attribution_line(quote: ExportedQuote) -> str:
    """``— **Speaker** (*said*) · ¶4 · chars 1032–1109 · [open at quote](…) ^q-…``."""
    parts = [f"— **{md_inline(quote.speaker_label)}**"]
    if quote.cue:
        parts[0] += f" (*{md_inline(quote.cue)}*)"
    parts.append(f"¶{quote.paragraph}")
    parts.append(f"chars {quote.start}–{quote.end}")
    if quote.fragment_url:
        parts.append(f"[open at quote]({quote.fragment_url})")
    return " · ".join(parts) + f" ^{quote.id}"


def attribution_notes(quote: ExportedQuote) -> str:
    """``Attribution: direct quote · cue “said” · … · confidence 0.90``."""
    parts = [f"{quote.kind} quote"]
    if quote.cue:
        parts.append(f"cue “{md_inline(quote.cue)}”")
    parts.append(quote.reason_label)
    if (
        quote.speaker_mention
        and quote.speaker
        and quote.reason != "continuation"
        and quote.speaker_mention.casefold() != quote.speaker.casefold()
    ):
        parts.append(f"written as “{md_inline(quote.speaker_mention)}”")
    parts.append(f"confidence {quote.confidence:.2f}")
    if quote.needs_review:
        parts.append("⚠ check the attribution")
    return "Attribution: " + " · ".join(parts)


def context_text(quote: ExportedQuote) -> str:
    """The quote's context with the quote shown as ``⟪quote⟫`` (plain text)."""
    return (quote.context_before + QUOTE_PLACEHOLDER + quote.context_after).strip()


def context_line(quote: ExportedQuote) -> str:
    """``Context: …before ⟪quote⟫ after…``."""
    before = _MARKDOWN_SPECIAL.sub(r"\\\1", quote.context_before)
    after = _MARKDOWN_SPECIAL.sub(r"\\\1", quote.context_after)
    return f"Context: {before}{QUOTE_PLACEHOLDER}{after}".rstrip()


def quote_block(quote: ExportedQuote) -> str:
    """One quote: blockquote, attribution line, attribution notes and context.

    This is also what ``y`` copies to the clipboard.
    """
    return (
        f"{blockquote(quote.text)}\n>\n> {attribution_line(quote)}\n\n"
        f"- {attribution_notes(quote)}\n- {context_line(quote)}\n"
    )


def _source_line(document: ExportDocument) -> str:
    parts: list[str] = []
    site = md_inline(document.site_name) if document.site_name else None
    if document.source_url:
        label = site or "Source"
        parts.append(f"[{label}]({_link_target(document.source_url)})")
    elif site:
        parts.append(site)
    if document.authors:
        parts.append(", ".join(md_inline(author) for author in document.authors))
    if document.published:
        parts.append(f"published {md_inline(document.published)}")
    if document.retrieved:
        parts.append(f"retrieved {md_inline(document.retrieved)}")
    if document.source_path and not document.source_url:
        parts.append(_path_link(document.source_path))
    return " · ".join(parts)


def _path_link(path: str) -> str:
    """A ``file://`` link to an absolute path (plain text for stdin)."""
    pure = PurePath(path)
    if not pure.is_absolute():
        return md_inline(path)
    return f"[{md_inline(pure.name)}]({pure.as_uri()})"


def render_markdown(document: ExportDocument) -> str:
    """The Markdown export: front matter, title, source line, one block per quote.

    A ``## Speaker`` heading starts each run of quotes by the same speaker.
    """
    out = [front_matter(front_matter_fields(document))]
    out.append(f"# {md_inline(document.title) or 'Untitled'}\n")
    source_line = _source_line(document)
    if source_line:
        out.append(f"{source_line}\n")
    previous: str | None = None
    for quote in document.quotes:
        if quote.speaker_label != previous:
            out.append(f"## {md_inline(quote.speaker_label)}\n")
            previous = quote.speaker_label
        out.append(quote_block(quote))
    return "\n".join(out)


def quote_markdown(document: ExportDocument, quote: ExportedQuote) -> str:
    """One quote for the clipboard: its block, then where it came from."""
    source = _source_line(document)
    title = md_inline(document.title)
    tail = f"\nFrom *{title}*" + (f" · {source}" if source else "") + "\n"
    return quote_block(quote) + tail


# -- JSON ------------------------------------------------------------------------


def document_fields(document: ExportDocument) -> dict[str, Any]:
    """The document-level fields as a JSON-ready dictionary."""
    return {
        "title": document.title,
        "source_url": document.source_url,
        "source_path": document.source_path,
        "site_name": document.site_name,
        "authors": list(document.authors),
        "published": document.published,
        "retrieved": document.retrieved,
        "content_sha256": document.content_sha256,
        "nlp_model": document.nlp_model,
        "exported": document.exported,
        "speakers": document.speakers,
        "quote_count": document.quote_count,
    }


def annotation(document: ExportDocument, quote: ExportedQuote) -> dict[str, Any]:
    """One quote as a W3C Web Annotation with quote and position selectors."""
    return {
        "type": "Annotation",
        "id": quote.id,
        "motivation": "highlighting",
        "target": {
            "source": _source_iri(document),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": quote.text,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                },
                {
                    "type": "TextPositionSelector",
                    "start": quote.start,
                    "end": quote.end,
                },
            ],
        },
        "speaker": quote.speaker,
        "speaker_mention": quote.speaker_mention,
        "cue": quote.cue,
        "kind": quote.kind,
        "confidence": round(quote.confidence, 3),
        "reason": quote.reason,
        "reason_label": quote.reason_label,
        "paragraph": quote.paragraph,
        "context": {"before": quote.context_before, "after": quote.context_after},
        "text_fragment_url": quote.fragment_url,
    }


def _source_iri(document: ExportDocument) -> str | None:
    """The annotation target: the URL, else a ``file:`` URI of the path."""
    if document.source_url:
        return document.source_url
    path = document.source_path
    if path and PurePath(path).is_absolute():
        return PurePath(path).as_uri()
    return path


def render_json(document: ExportDocument) -> str:
    """The JSON export: document fields, then ``annotations`` (one per quote)."""
    data = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "schema": SCHEMA,
        **document_fields(document),
        "annotations": [annotation(document, quote) for quote in document.quotes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- CSV -------------------------------------------------------------------------


def csv_row(document: ExportDocument, quote: ExportedQuote) -> list[str]:
    """One CSV row (see :data:`CSV_COLUMNS`)."""
    context = context_text(quote)
    values: list[object] = [
        document.title,
        document.source_url,
        document.source_path,
        document.site_name,
        "; ".join(document.authors),
        document.published,
        document.retrieved,
        document.content_sha256,
        document.nlp_model,
        document.exported,
        quote.id,
        quote.speaker,
        quote.speaker_mention,
        quote.cue,
        quote.kind,
        quote.text,
        quote.start,
        quote.end,
        quote.paragraph,
        f"{quote.confidence:.3f}",
        quote.reason,
        context,
        quote.fragment_url,
    ]
    return ["" if value is None else str(value) for value in values]


def neutralise_formula(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would run it as a formula.

    Spreadsheets treat a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or
    a carriage return as a formula (CSV injection); the apostrophe makes them
    show it as text.
    """
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def render_csv(document: ExportDocument, *, raw: bool = False) -> str:
    """The CSV export: a header row, then one row per quote (RFC 4180 quoting).

    Cells a spreadsheet would run as formulas get a leading ``'``
    (:func:`neutralise_formula`) unless ``raw`` is True.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for quote in document.quotes:
        row = csv_row(document, quote)
        writer.writerow(row if raw else [neutralise_formula(cell) for cell in row])
    return buffer.getvalue()


def render(document: ExportDocument, fmt: Format, *, raw_csv: bool = False) -> str:
    """``document`` in format ``fmt`` (``raw_csv``: see :func:`render_csv`).

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "md":
        return render_markdown(document)
    if fmt == "json":
        return render_json(document)
    if fmt == "csv":
        return render_csv(document, raw=raw_csv)
    raise ValueError(f"unknown export format {fmt!r}")
