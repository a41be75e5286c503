"""Markdown, JSON and CSV from one :class:`~newsreader.export.document.ExportDocument`.

Pure functions from the document to text. Quote text is always written exactly
as in the article (never escaped or "cleaned"; a paraphrase's line breaks
become spaces so it stays on its labelled line); every other string from the
article (title, names, context) is escaped for Markdown where it is inline text.

Direct quotes are Markdown blockquotes; paraphrases (indirect and mixed quotes)
never are: each is a plain line labelled "Paraphrase, not a direct quote", so
it cannot be pasted as a direct quote by mistake.
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
from newsreader.serialize import quote_to_dict

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
    "speaker_kind",
    "role",
    "review_status",
    "machine_speaker",
    "note",
    "needs_check",
    "citation",
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


REVIEW_LABELS: Final[dict[str, str]] = {
    "machine": "machine attribution, not checked",
    "verified": "verified by the reporter",
    "edited": "edited by the reporter",
}
"""How each review status is written in Markdown."""

KIND_LABELS: Final[dict[str, str]] = {
    "organisation": "organisation",
    "anonymous": "anonymous source",
    "document": "not a person",
}
"""Speaker kinds that are named next to the speaker (people are the default)."""


def speaker_credit(quote: ExportedQuote) -> str:
    """``Speaker, role`` in plain text, the kind added when not a person."""
    credit = quote.speaker_label
    if quote.role:
        credit += f", {quote.role}"
    kind = KIND_LABELS.get(quote.speaker_kind)
    if kind and kind not in credit:
        credit += f" ({kind})"
    return credit


def attribution_line(quote: ExportedQuote, *, plain: bool = False) -> str:
    """``— **Speaker**, role (*said*) · ¶4 · chars 1032–1109 · [open at quote](…)
    ^q-…`` (``plain``: without the offsets and the block id)."""
    parts = [f"— **{md_inline(quote.speaker_label)}**"]
    if quote.role:
        parts[0] += f", {md_inline(quote.role)}"
    kind = KIND_LABELS.get(quote.speaker_kind)
    if kind and kind not in quote.speaker_label:
        parts[0] += f" ({kind})"
    if quote.cue:
        parts[0] += f" (*{md_inline(quote.cue)}*)"
    parts.append(f"¶{quote.paragraph}")
    if not plain:
        parts.append(f"chars {quote.start}–{quote.end}")
    if quote.fragment_url:
        parts.append(f"[open at quote]({quote.fragment_url})")
    line = " · ".join(parts)
    return line if plain else line + f" ^{quote.id}"


def attribution_notes(quote: ExportedQuote) -> str:
    """``Attribution: direct quote · cue “said” · … · confidence 0.90``."""
    parts = [f"{quote.kind} quote"]
    if quote.cue:
        parts.append(f"cue “{md_inline(quote.cue)}”")
    parts.append(quote.reason_label)
    if (
        quote.speaker_mention
        and quote.speaker
        and quote.review_status != "edited"
        and quote.reason != "continuation"
        and quote.speaker_mention.casefold() != quote.speaker.casefold()
    ):
        parts.append(f"written as “{md_inline(quote.speaker_mention)}”")
    parts.append(f"confidence {quote.confidence:.2f}")
    if quote.needs_review:
        parts.append("⚠ check the attribution")
    return "Attribution: " + " · ".join(parts)


def review_line(quote: ExportedQuote) -> str:
    """``Review: edited by the reporter · machine said “he”`` (and what to check)."""
    parts = [REVIEW_LABELS.get(quote.review_status, quote.review_status)]
    if quote.review_status == "edited":
        machine = quote.machine_speaker or "no speaker"
        parts.append(f"machine said “{md_inline(machine)}”")
    if quote.review_flag:
        parts.append(f"⚠ {quote.review_flag}")
    if quote.review_status == "machine" and quote.checks:
        parts.append("to check: " + ", ".join(quote.checks))
    return "Review: " + " · ".join(parts)


def citation(document: ExportDocument, quote: ExportedQuote) -> str:
    """One line to cite the quote by: speaker, role, title, outlet, author,
    date, link (plain text, whatever is known)."""
    parts = [speaker_credit(quote), f"in “{document.title}”"]
    if document.site_name:
        parts.append(document.site_name)
    if document.authors:
        parts.append("by " + ", ".join(document.authors))
    if document.published:
        parts.append(document.published)
    link = quote.fragment_url or document.source_url
    if link:
        parts.append(link)
    elif document.source_path and document.source_path != "-":
        parts.append(document.source_path)
    return printable(_WHITESPACE.sub(" ", ", ".join(parts)))


def context_text(quote: ExportedQuote) -> str:
    """The quote's context with the quote shown as ``⟪quote⟫`` (plain text)."""
    return (quote.context_before + QUOTE_PLACEHOLDER + quote.context_after).strip()


def context_line(quote: ExportedQuote) -> str:
    """``Context: …before ⟪quote⟫ after…``."""
    before = _MARKDOWN_SPECIAL.sub(r"\\\1", quote.context_before)
    after = _MARKDOWN_SPECIAL.sub(r"\\\1", quote.context_after)
    return f"Context: {before}{QUOTE_PLACEHOLDER}{after}".rstrip()


def quote_body(quote: ExportedQuote) -> str:
    """A direct quote as a blockquote (its span holds its quotation marks); a
    paraphrase as one plain line labelled as such, never a blockquote.

    The paraphrase is the exact article text with its line breaks turned into
    spaces (it must stay one line so nothing in it can start a blockquote).
    """
    if not quote.paraphrase:
        return blockquote(quote.text)
    label = "Paraphrase (with quoted words)" if quote.kind == "mixed" else "Paraphrase"
    return f"*{label}, not a direct quote:* {paraphrase_text(quote.text)}"


def paraphrase_text(text: str) -> str:
    """A paraphrase on one line: line breaks become spaces, nothing else changes."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def quote_block(
    quote: ExportedQuote,
    document: ExportDocument | None = None,
    *,
    plain: bool = False,
) -> str:
    """One quote: the quote or paraphrase, its attribution, review state, note,
    citation and context.

    This is also what ``y`` copies to the clipboard.
    """
    attribution = attribution_line(quote, plain=plain)
    if quote.paraphrase:
        head = f"{quote_body(quote)}\n\n{attribution}\n"
    else:
        head = f"{quote_body(quote)}\n>\n> {attribution}\n"
    lines = [attribution_notes(quote), review_line(quote)]
    if quote.note:
        lines.append(f"Note: {md_inline(quote.note)}")
    if document is not None:
        lines.append(f"Cite: {md_inline(citation(document, quote))}")
    lines.append(context_line(quote))
    return head + "\n" + "".join(f"- {line}\n" for line in lines)


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


def render_markdown(
    document: ExportDocument, *, plain: bool = False, header: bool = True
) -> str:
    """The Markdown export: front matter, title, source line, one block per quote.

    A ``## Speaker`` heading starts each run of quotes by the same speaker.
    ``plain`` leaves out character offsets and block ids; ``header=False``
    leaves out the front matter (for appending to an existing notes file).
    """
    out = [front_matter(front_matter_fields(document))] if header else []
    out.append(f"# {md_inline(document.title) or 'Untitled'}\n")
    source_line = _source_line(document)
    if source_line:
        out.append(f"{source_line}\n")
    previous: str | None = None
    for quote in document.quotes:
        if quote.speaker_label != previous:
            out.append(f"## {md_inline(quote.speaker_label)}\n")
            previous = quote.speaker_label
        out.append(quote_block(quote, document, plain=plain))
    return "\n".join(out)


def quote_markdown(
    document: ExportDocument, quote: ExportedQuote, *, plain: bool = False
) -> str:
    """One quote for the clipboard: its block, then where it came from."""
    source = _source_line(document)
    title = md_inline(document.title)
    tail = f"\nFrom *{title}*" + (f" · {source}" if source else "") + "\n"
    return quote_block(quote, document, plain=plain) + tail


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


MOTIVATIONS: Final[dict[str, str]] = {
    "machine": "highlighting",
    "verified": "assessing",
    "edited": "editing",
}
"""W3C Web Annotation motivation of each review status."""


def review_body(quote: ExportedQuote) -> list[dict[str, Any]]:
    """The reviewer's bodies: the assessment or edit, and the note."""
    bodies: list[dict[str, Any]] = []
    if quote.review_status == "verified":
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": f"attribution to {quote.speaker_label} verified",
                "creator": {"type": "Person", "role": "reviewer"},
            }
        )
    elif quote.review_status == "edited":
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "editing",
                "value": f"attribution changed to {quote.speaker_label}",
                "creator": {"type": "Person", "role": "reviewer"},
            }
        )
    if quote.note:
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": quote.note,
                "creator": {"type": "Person", "role": "reviewer"},
            }
        )
    return bodies


def annotation(document: ExportDocument, quote: ExportedQuote) -> dict[str, Any]:
    """One quote as a W3C Web Annotation with quote and position selectors.

    ``quote`` is the quote in the shape every JSON output shares
    (:func:`newsreader.serialize.quote_to_dict`); the fields beside it are the
    export's own (context, citation, review state).
    """
    data: dict[str, Any] = {
        "type": "Annotation",
        "id": quote.id,
        "motivation": MOTIVATIONS.get(quote.review_status, "highlighting"),
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
        "quote": quote_to_dict(quote.quote),
        "reason_label": quote.reason_label,
        "paragraph": quote.paragraph,
        "context": {"before": quote.context_before, "after": quote.context_after},
        "text_fragment_url": quote.fragment_url,
        "speaker_kind": quote.speaker_kind,
        "role": quote.role,
        "paraphrase": quote.paraphrase,
        "review": {
            "status": quote.review_status,
            "machine_speaker": quote.machine_speaker,
            "note": quote.note,
            "needs_check": quote.needs_review,
            "checks": list(quote.checks),
            "flag": quote.review_flag,
        },
        "citation": citation(document, quote),
    }
    bodies = review_body(quote)
    if bodies:
        data["body"] = bodies
    return data


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
        quote.speaker_kind,
        quote.role,
        quote.review_status,
        quote.machine_speaker,
        quote.note,
        "yes" if quote.needs_review else "no",
        citation(document, quote),
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


def render(
    document: ExportDocument,
    fmt: Format,
    *,
    raw_csv: bool = False,
    plain: bool = False,
) -> str:
    """``document`` in format ``fmt`` (``raw_csv``: see :func:`render_csv`;
    ``plain``: Markdown without offsets and ids, see :func:`render_markdown`).

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "md":
        return render_markdown(document, plain=plain)
    if fmt == "json":
        return render_json(document)
    if fmt == "csv":
        return render_csv(document, raw=raw_csv)
    raise ValueError(f"unknown export format {fmt!r}")
