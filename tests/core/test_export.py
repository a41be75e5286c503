"""The exporter: data model, Markdown/JSON/CSV renderers, files, the CLI.

Golden files (syrupy snapshots in ``__snapshots__/test_export/``) hold the
exports of two sample articles made from real annotations with a fixed export
time. After an intended change (to the format or to the annotation engine),
regenerate them and review the diff::

    python -m pytest tests/core/test_export.py -k golden -n0 --snapshot-update
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syrupy.assertion import SnapshotAssertion

from newsreader.cli.export import main as export_main
from newsreader.export import (
    ExportDocument,
    ExportError,
    ExportExistsError,
    append_export,
    build_document,
    quote_markdown,
    quotes_by_speaker,
    render,
    render_csv,
    render_json,
    render_markdown,
    slugify,
    speaker_matches,
    write_atomic,
    write_export,
)
from newsreader.export.anchors import (
    context_sentence,
    encode_fragment_term,
    fragment_url,
    sentence_spans,
)
from newsreader.export.frontmatter import front_matter
from newsreader.model import Annotations, Article, Quote, Span
from newsreader.review import Review, apply_reviews
from newsreader.serialize import quote_from_dict
from newsreader.sources import load_article
from newsreader.store import locations
from newsreader.store.annotation_cache import AnnotationCache
from tests.support.builders import article_from_paragraphs
from tests.support.paths import REPO
from tests.support.snapshots import BY_FORMAT

SAMPLES = REPO / "sample_articles"

EXPORTED = "2025-03-15T10:12:45+00:00"
RETRIEVED = "2025-03-15T08:02:11+00:00"

GOLDEN_SAMPLES = {
    # A web article (declared URL): source_url and text-fragment links.
    "harbour-bridge-vote": "https://example.com/news/2025/03/harbour-bridge-vote",
    # A local file: source_path, no links.
    "port-strike": None,
}

HOSTILE_TITLES = [
    'Mayor: "We won\'t back down" — council vote',
    "Key: value: another: colon",
    "# not a comment",
    "- not a list item",
    "? not a key",
    "path/with/slashes\\and\\backslashes",
    "Emoji 🚢🔥 and CJK 港口 and RTL שלום",
    "Line one\nLine two\r\nLine three",
    "Tab\there and NUL\x00 and bell\x07 and ESC\x1b[31m",
    "NEL\x85 LS\u2028 PS\u2029 BOM\ufeff",
    "'single' \"double\" `back` {brace} [bracket] &anchor *alias !tag",
    "%pct @at |pipe >gt",
    "   leading and trailing spaces   ",
    "yes",
    "null",
    "2025-03-14",
    "0x1F",
    "---",
    "...",
    "",
]


# -- fixtures --------------------------------------------------------------------------


def load_sample(name: str, url: str | None = None) -> Article:
    """A sample article with a fixed source, retrieval time and optional URL."""
    article = load_article(str(SAMPLES / f"{name}.txt"))
    return replace(article, source=f"/samples/{name}.txt", retrieved=RETRIEVED, url=url)


@pytest.fixture(scope="module")
def samples(annotator: Any) -> dict[str, tuple[Article, Annotations]]:
    """The golden samples with real annotations (the model loads once)."""
    loaded: dict[str, tuple[Article, Annotations]] = {}
    for name, url in GOLDEN_SAMPLES.items():
        article = load_sample(name, url)
        loaded[name] = (article, annotator.annotate(article))
    return loaded


@pytest.fixture(scope="module")
def model_label(annotator: Any) -> str:
    return str(annotator.model_label)


def sample_document(
    samples: dict[str, tuple[Article, Annotations]], name: str, model: str
) -> ExportDocument:
    article, annotations = samples[name]
    return build_document(article, annotations, model=model, exported=EXPORTED)


def small_article(paragraphs: tuple[str, ...], **fields: Any) -> Article:
    return article_from_paragraphs(paragraphs, **{"source": "/tmp/a.txt", **fields})


def quote_at(article: Article, needle: str, quote_id: str, **fields: Any) -> Quote:
    start = article.text.index(needle)
    values: dict[str, Any] = {
        "kind": "direct",
        "speaker": "Maria Lopez",
        "cue": "said",
        "confidence": 0.9,
        "reason": "named",
    }
    values.update(fields)
    return Quote(quote_id, Span(start, start + len(needle)), **values)


def parse_front_matter(markdown: str) -> dict[str, Any]:
    assert markdown.startswith("---\n")
    block, _rest = markdown.removeprefix("---\n").split("\n---\n", 1)
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


PARAPHRASE_LABELS = (
    "*Paraphrase, not a direct quote:* ",
    "*Paraphrase (with quoted words), not a direct quote:* ",
)


def paraphrases(markdown: str) -> dict[str, str]:
    """Quote id to paraphrase text, read back from the labelled plain lines."""
    found: dict[str, str] = {}
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        for label in PARAPHRASE_LABELS:
            if line.startswith(label):
                attribution = lines[number + 2]
                assert attribution.startswith("— ")
                found[attribution.rsplit("^", 1)[1]] = line[len(label) :]
    return found


def blockquotes(markdown: str) -> dict[str, str]:
    """Quote id to quote text, read back from the Markdown blockquotes (direct
    quotes only: paraphrases are never blockquotes)."""
    found: dict[str, str] = {}
    lines: list[str] = []
    for line in markdown.split("\n"):
        if line.startswith("> — "):
            quote_id = line.rsplit("^", 1)[1]
            assert lines and lines[-1] == ""
            found[quote_id] = "\n".join(lines[:-1])
            lines = []
        elif line == ">":
            lines.append("")
        elif line.startswith("> "):
            lines.append(line[2:])
        else:
            lines = []
    return found


# -- golden files ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
@pytest.mark.parametrize("name", sorted(GOLDEN_SAMPLES))
def test_golden(
    samples: dict[str, tuple[Article, Annotations]],
    model_label: str,
    name: str,
    fmt: str,
    snapshot: SnapshotAssertion,
) -> None:
    document = sample_document(samples, name, model_label)
    text = render(document, fmt)  # type: ignore[arg-type]
    assert text == snapshot.use_extension(BY_FORMAT[fmt])


def reviewed_port_strike(
    samples: dict[str, tuple[Article, Annotations]], model: str
) -> ExportDocument:
    """port-strike with a reporter's reviews: verified with a note, a speaker
    corrected, a non-quote rejected, a source made anonymous."""
    article, annotations = samples["port-strike"]
    quotes = sorted(annotations.quotes, key=lambda quote: quote.span)
    sha = article.sha256
    reviews = [
        Review(sha, quotes[0].span, verified=True, note="ballot figure: check"),
        Review(
            sha,
            quotes[2].span,
            speaker="Carla Mendes",
            verified=True,
            machine_speaker=quotes[2].display_speaker,
        ),
        Review(sha, quotes[3].span, rejected=True),
        Review(sha, quotes[4].span, anonymous=True, verified=True),
    ]
    reviewed = apply_reviews(article, annotations, reviews)
    return build_document(
        article, annotations, model=model, exported=EXPORTED, reviewed=reviewed
    )


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_golden_review_states(
    samples: dict[str, tuple[Article, Annotations]],
    model_label: str,
    fmt: str,
    snapshot: SnapshotAssertion,
) -> None:
    document = reviewed_port_strike(samples, model_label)
    text = render(document, fmt)  # type: ignore[arg-type]
    assert text == snapshot.use_extension(BY_FORMAT[fmt])
    states = [quote.review_status for quote in document.quotes]
    assert states[:4] == ["verified", "machine", "edited", "edited"]


def test_reviewed_markdown_shows_states_and_keeps_the_machine_attribution(
    samples: dict[str, tuple[Article, Annotations]], model_label: str
) -> None:
    document = reviewed_port_strike(samples, model_label)
    _article, annotations = samples["port-strike"]
    rejected = sorted(annotations.quotes, key=lambda quote: quote.span)[3]
    assert rejected.id not in {quote.id for quote in document.quotes}
    markdown = render_markdown(document)
    assert "Review: verified by the reporter" in markdown
    assert "Note: ballot figure: check" in markdown
    edited = next(q for q in document.quotes if q.speaker == "Carla Mendes")
    assert edited.machine_speaker and edited.machine_speaker != "Carla Mendes"
    assert f"machine said “{edited.machine_speaker}”" in markdown
    assert "Unknown / anonymous source" in markdown
    data = json.loads(render_json(document))
    motivations = {item["motivation"] for item in data["annotations"]}
    assert {"assessing", "editing", "highlighting"} <= motivations
    note = data["annotations"][0]["body"][-1]
    assert note == {
        "type": "TextualBody",
        "purpose": "commenting",
        "value": "ballot figure: check",
        "creator": {"type": "Person", "role": "reviewer"},
    }
    row = next(csv.DictReader(io.StringIO(render_csv(document), newline="")))
    assert row["review_status"] == "verified"
    assert row["note"] == "ballot figure: check"


def test_paraphrases_are_never_blockquotes(
    samples: dict[str, tuple[Article, Annotations]], model_label: str
) -> None:
    document = sample_document(samples, "port-strike", model_label)
    markdown = render_markdown(document)
    reported = paraphrases(markdown)
    assert reported
    for quote in document.quotes:
        if quote.kind != "direct":
            assert f"> {quote.text}" not in markdown
            assert quote.id in reported


def test_plain_markdown_leaves_out_offsets_and_ids(
    samples: dict[str, tuple[Article, Annotations]], model_label: str
) -> None:
    document = sample_document(samples, "port-strike", model_label)
    plain = render(document, "md", plain=True)
    assert " ^q-" not in plain and "chars " not in plain
    assert "Cite: " in plain and "Rahul Menon" in plain


def test_appending_to_a_notes_file(tmp_path: Path) -> None:
    article = small_article(("Title", 'A "quoted line," she said.'))
    quote = quote_at(article, '"quoted line,"', "q-1")
    document = build_document(
        article,
        Annotations(article.sha256, "t", (quote,)),
        model="m",
        exported=EXPORTED,
    )
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n\nStarted Monday.\n", encoding="utf-8")
    append_export(document, "md", notes)
    text = notes.read_text(encoding="utf-8")
    assert text.startswith("# My notes\n\nStarted Monday.\n\n# Title")
    assert "---" not in text
    sheet = tmp_path / "quotes.csv"
    append_export(document, "csv", sheet)
    append_export(document, "csv", sheet)
    assert len(list(csv.DictReader(io.StringIO(sheet.read_text(), newline="")))) == 2
    data = tmp_path / "q.json"
    write_export(document, "json", data)
    with pytest.raises(ExportError, match="cannot be appended"):
        append_export(document, "json", data)


def test_golden_samples_cover_both_source_kinds(
    samples: dict[str, tuple[Article, Annotations]], model_label: str
) -> None:
    web = render_markdown(sample_document(samples, "harbour-bridge-vote", model_label))
    local = render_markdown(sample_document(samples, "port-strike", model_label))
    web_meta, local_meta = parse_front_matter(web), parse_front_matter(local)
    assert web_meta["source_url"] == GOLDEN_SAMPLES["harbour-bridge-vote"]
    assert "#:~:text=" in web
    assert "source_url" not in local_meta
    assert local_meta["source_path"] == "/samples/port-strike.txt"
    assert "#:~:text=" not in local
    assert "[port-strike.txt](file:///samples/port-strike.txt)" in local
    for meta in (web_meta, local_meta):
        assert list(meta) == [
            "schema",
            "title",
            *(["source_url"] if "source_url" in meta else []),
            *(["source_path"] if "source_path" in meta else []),
            "site_name",
            "authors",
            "published",
            "retrieved",
            "content_sha256",
            "nlp_model",
            "exported",
            "speakers",
            "quote_count",
        ]
        assert "archive_url" not in meta
        assert meta["schema"] == "newsreader-quotes/2"
        assert meta["exported"] == EXPORTED
        assert meta["retrieved"] == RETRIEVED
        assert meta["nlp_model"] == model_label


# -- exactness -------------------------------------------------------------------------


def test_every_exported_quote_is_the_article_text_at_its_offsets(
    samples: dict[str, tuple[Article, Annotations]], model_label: str
) -> None:
    for name, (article, _annotations) in samples.items():
        document = sample_document(samples, name, model_label)
        assert document.quotes, name
        assert document.content_sha256 == article.sha256
        by_id = {quote.id: quote for quote in document.quotes}
        for quote in document.quotes:
            assert quote.text == article.text[quote.start : quote.end]
            assert article.paragraphs[quote.paragraph - 1].start <= quote.start
        # Markdown: a direct quote's blockquote gives the exact text back, a
        # paraphrase's labelled line the exact text on one line.
        rendered = render_markdown(document)
        direct = blockquotes(rendered)
        reported = paraphrases(rendered)
        assert not direct.keys() & reported.keys()
        assert direct.keys() | reported.keys() == by_id.keys()
        for quote_id, text in direct.items():
            assert by_id[quote_id].kind == "direct"
            assert text == by_id[quote_id].text
        for quote_id, text in reported.items():
            assert by_id[quote_id].kind in ("indirect", "mixed")
            assert text == by_id[quote_id].text.replace("\n", " ")
        # JSON: both selectors agree with the article text.
        data = json.loads(render_json(document))
        assert data["content_sha256"] == article.sha256
        for item in data["annotations"]:
            quote_sel, position = item["target"]["selector"]
            assert quote_sel["type"] == "TextQuoteSelector"
            assert position["type"] == "TextPositionSelector"
            start, end = position["start"], position["end"]
            assert article.text[start:end] == quote_sel["exact"]
            assert article.text[:start].endswith(quote_sel["prefix"])
            assert article.text[end:].startswith(quote_sel["suffix"])
            # The quote itself is in the one JSON shape every output shares.
            shown = quote_from_dict(item["quote"])
            assert shown == next(q.quote for q in document.quotes if q.id == shown.id)
            assert (shown.span.start, shown.span.end) == (start, end)
        # CSV: one row per quote, document fields repeated.
        rows = list(csv.DictReader(io.StringIO(render_csv(document), newline="")))
        assert len(rows) == len(document.quotes)
        for row in rows:
            start, end = int(row["start"]), int(row["end"])
            assert article.text[start:end] == row["quote"]
            assert row["content_sha256"] == article.sha256
            assert row["title"] == article.title


def test_multi_line_quote_is_prefixed_on_every_line() -> None:
    article = small_article(
        (
            "Title",
            '"First paragraph of the quote,  with two spaces ',
            '"> second paragraph, with a > sign and # hash."',
            "Lopez said.",
        )
    )
    start = article.paragraphs[1].start
    end = article.paragraphs[2].end
    quote = Quote("q-multi", Span(start, end), "direct", "Maria Lopez", confidence=0.9)
    annotations = Annotations(article.sha256, "test", (quote,))
    document = build_document(article, annotations, model="m", exported=EXPORTED)
    markdown = render_markdown(document)
    block = markdown.split("\n## Maria Lopez\n\n", 1)[1].split("\n>\n> — ", 1)[0]
    assert block.split("\n") == [
        '> "First paragraph of the quote,  with two spaces ',
        ">",
        '> "> second paragraph, with a > sign and # hash."',
    ]
    assert blockquotes(markdown) == {"q-multi": article.text[start:end]}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.text(
            st.characters(exclude_categories=["Cs"], exclude_characters="\r"),
            min_size=1,
            max_size=40,
        ).filter(lambda s: s.strip() and "\n\n" not in s),
        min_size=1,
        max_size=4,
    ),
    st.data(),
)
def test_any_quote_round_trips_through_every_format(
    paragraphs: list[str], data: st.DataObject
) -> None:
    article = small_article(("Title", *paragraphs), url="https://example.com/a")
    text = article.text
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = Quote("q-any", Span(start, end), "direct", None, confidence=0.1)
    annotations = Annotations(article.sha256, "test", (quote,))
    document = build_document(article, annotations, model="m", exported=EXPORTED)
    assert blockquotes(render_markdown(document)) == {"q-any": text[start:end]}
    item = json.loads(render_json(document))["annotations"][0]
    assert item["target"]["selector"][0]["exact"] == text[start:end]
    raw = render_csv(document, raw=True)
    row = next(csv.DictReader(io.StringIO(raw, newline="")))
    assert row["quote"] == text[start:end]
    row = next(csv.DictReader(io.StringIO(render_csv(document), newline="")))
    assert row["quote"] in (text[start:end], "'" + text[start:end])
    parse_front_matter(render_markdown(document))


# -- front matter ----------------------------------------------------------------------


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_front_matter_survives_hostile_titles(title: str) -> None:
    article = small_article(
        ("Body", '"Quote," Lopez said.'),
        title=title,
        site=f"Site: {title}",
        byline='Jane: Doe and O\'Brien, "Bob"',
        published="2025-03-14",
        url="https://example.com/a?b=c#frag",
    )
    quote = quote_at(article, '"Quote,"', "q-1", speaker=f"Speaker {title}")
    annotations = Annotations(article.sha256, "test", (quote,))
    document = build_document(article, annotations, model="m: 1", exported=EXPORTED)
    meta = parse_front_matter(render_markdown(document))
    assert meta["title"] == title
    assert meta["site_name"] == f"Site: {title}"
    assert meta["authors"] == ["Jane: Doe", "O'Brien", '"Bob"']
    assert meta["published"] == "2025-03-14"  # a string, not a date
    assert meta["speakers"] == [f"Speaker {title}"]
    assert meta["nlp_model"] == "m: 1"
    assert meta["source_url"] == "https://example.com/a?b=c#frag"
    assert meta["quote_count"] == 1


@settings(max_examples=300)
@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_front_matter_parses_whatever_the_title(title: str) -> None:
    block = front_matter({"title": title, "authors": [title, "x"], "n": 3, "v": None})
    data = yaml.safe_load(block.removeprefix("---\n").removesuffix("---\n"))
    assert data == {"title": title, "authors": [title, "x"], "n": 3, "v": None}


# -- model -----------------------------------------------------------------------------


def two_speaker_article() -> tuple[Article, Annotations]:
    article = small_article(
        (
            "Council votes",
            '"We cannot wait," said Mayor Lopez. "The bridge is failing."',
            'Tom Baker disagreed. "This is a waste," Baker said.',
        ),
        url="https://example.com/news/bridge",
        byline="Ana Ruiz and Tom Ng",
    )
    quotes = (
        quote_at(article, '"This is a waste,"', "q-3", speaker="Tom Baker"),
        quote_at(article, '"We cannot wait,"', "q-1"),
        quote_at(
            article,
            '"The bridge is failing."',
            "q-2",
            cue=None,
            reason="continuation",
            confidence=0.7,
        ),
        quote_at(
            article,
            "Baker said",
            "q-x",
            speaker=None,
            speaker_mention="someone",
            reason="unresolved",
            confidence=0.3,
        ),
    )
    return article, Annotations(article.sha256, "test", quotes)


def test_build_document_orders_filters_and_labels() -> None:
    article, annotations = two_speaker_article()
    document = build_document(
        article, annotations, ["q-3", "q-1", "missing"], model="m", exported=EXPORTED
    )
    assert [quote.id for quote in document.quotes] == ["q-1", "q-3"]
    assert document.speakers == ["Maria Lopez", "Tom Baker"]
    assert document.authors == ("Ana Ruiz", "Tom Ng")
    assert document.quotes[0].paragraph == 2
    everything = build_document(article, annotations, model="m")
    assert everything.quote_count == 4
    assert everything.quotes[-1].speaker_label == "someone (anonymous)"
    assert everything.quotes[-1].needs_review
    with pytest.raises(ValueError, match="different article"):
        build_document(article, replace(annotations, article_sha256="0"), model="m")


def test_markdown_attribution_context_and_links() -> None:
    article, annotations = two_speaker_article()
    document = build_document(article, annotations, model="m", exported=EXPORTED)
    markdown = render_markdown(document)
    assert (
        "> — **Maria Lopez** (*said*) · ¶2 · chars 15–32 · [open at quote]"
        "(https://example.com/news/bridge#:~:text=We%20cannot%20wait) ^q-1"
    ) in markdown
    assert (
        "- Attribution: direct quote · cue “said” · speaker named in the sentence"
        " · confidence 0.90"
    ) in markdown
    assert "- Context: ⟪quote⟫ said Mayor Lopez. …" in markdown
    assert "- Context: Tom Baker disagreed. ⟪quote⟫ Baker said." in markdown
    assert "⚠ check the attribution" in markdown
    # One heading per run of quotes by the same speaker.
    assert markdown.count("## Maria Lopez") == 1
    assert markdown.count("## Tom Baker") == 1
    assert "[Source](https://example.com/news/bridge) · Ana Ruiz, Tom Ng" in markdown


def test_clipboard_markdown_is_one_block_with_its_source() -> None:
    article, annotations = two_speaker_article()
    document = build_document(article, annotations, ["q-1"], model="m")
    text = quote_markdown(document, document.quotes[0])
    assert text.startswith('> "We cannot wait,"\n>\n> — **Maria Lopez**')
    assert "---" not in text
    assert text.rstrip().endswith(
        "From *Council votes* · [Source](https://example.com/news/bridge)"
        " · Ana Ruiz, Tom Ng"
    )


@pytest.mark.parametrize(
    ("speaker", "name", "expected"),
    [
        ("Maria Lopez", "Lopez", True),
        ("Maria Lopez", "lopez", True),
        ("Maria Lopez", "MARIA LOPEZ", True),
        ("Maria Lopez", "maria", True),
        ("Maria Lopez", "Lope", False),
        ("Maria Lopez", "Lopez Maria", False),
        ("Maria Lopez-Garcia", "Garcia", True),
        ("José Núñez", "núñez", True),
        (None, "Lopez", False),
        ("Maria Lopez", "", False),
    ],
)
def test_speaker_matching(speaker: str | None, name: str, expected: bool) -> None:
    assert speaker_matches(speaker, name) is expected


def test_quotes_by_speaker() -> None:
    _article, annotations = two_speaker_article()
    assert quotes_by_speaker(annotations, "lopez") == ["q-1", "q-2"]
    assert quotes_by_speaker(annotations, "baker") == ["q-3"]
    assert quotes_by_speaker(annotations, "someone") == []


# -- anchors ---------------------------------------------------------------------------


def test_fragment_terms_are_percent_encoded() -> None:
    assert encode_fragment_term("a-b, c&d") == "a%2Db%2C%20c%26d"
    assert encode_fragment_term("café “x”") == "caf%C3%A9%20%E2%80%9Cx%E2%80%9D"


def test_fragment_url_forms() -> None:
    article = small_article(
        (
            "Title",
            '"Short one," she said.',
            '"This is a much longer quote that goes on and on for many words," '
            "she said.",
            '"Short one," he replied.',
            'Then Baker said "Short one," again.',
        )
    )
    url = "https://example.com/a b"
    first = article.text.index('"Short one,"')
    short = Span(first, first + len('"Short one,"'))
    # Not unique in the article: the words after it (nothing precedes it in
    # its paragraph, and a term never crosses a block) disambiguate ...
    assert fragment_url(url, article, short) == (
        "https://example.com/a%20b#:~:text=Short%20one,-%2C%22%20she%20said."
    )
    # ... or the words before it.
    last = article.text.rindex('"Short one,"')
    assert fragment_url(url, article, Span(last, last + 12)) == (
        "https://example.com/a%20b#:~:text=Baker%20said%20%22-,Short%20one"
    )
    start = article.text.index('"This is')
    long = Span(
        start,
        start
        + len('"This is a much longer quote that goes on and on for many words,"'),
    )
    assert fragment_url(url, article, long) == (
        "https://example.com/a%20b#:~:text=This%20is%20a%20much,on%20for%20many%20words"
    )
    anchored = fragment_url("https://x.org/p#top", article, long)
    assert anchored is not None
    assert anchored.startswith("https://x.org/p#top:~:text=This")
    across = Span(article.paragraphs[1].start, article.paragraphs[2].end)
    assert fragment_url("https://x.org", article, across) == (
        "https://x.org#:~:text=Short%20one%2C%22%20she%20said,many%20words%2C%22%20she%20said"
    )


def test_sentences_respect_abbreviations_and_initials() -> None:
    article = small_article(
        (
            "Title",
            'Dr. Amara Osei of the U.S. team met J. Smith. "Yes?" she asked. Done.',
        )
    )
    sentences = [
        article.span_text(s) for s in sentence_spans(article, article.paragraphs[1])
    ]
    assert sentences == [
        "Dr. Amara Osei of the U.S. team met J. Smith.",
        '"Yes?" she asked.',
        "Done.",
    ]
    quote = Span(article.text.index('"Yes?"'), article.text.index('"Yes?"') + 6)
    # The quote opens its sentence, so the previous sentence comes too.
    assert context_sentence(article, quote) == (
        "Dr. Amara Osei of the U.S. team met J. Smith. ⟪quote⟫ she asked. …"
    )


def test_a_paragraph_of_its_own_borrows_context() -> None:
    article = small_article(("Title", "She looked up and spoke.", '"Enough."'))
    quote = Span(article.paragraphs[2].start, article.paragraphs[2].end)
    assert context_sentence(article, quote) == "She looked up and spoke. ⟪quote⟫"


# -- file names and writing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Port Elsby council votes to replace 92-year-old Harbour Bridge",
            "port-elsby-council-votes-to-replace-92-year-old-harbour-bridge",
        ),
        (
            "Café: “Crème brûlée” / naïve ../../etc/passwd",
            "cafe-creme-brulee-naive-etc-passwd",
        ),
        ("🚢🔥", "quotes"),
        ("", "quotes"),
        ("...", "quotes"),
        ("CON", "con-quotes"),
        ("港口 罢工", "港口-罢工"),
        ("snake_case_title", "snake-case-title"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@given(st.text())
def test_slug_is_always_a_safe_name(title: str) -> None:
    slug = slugify(title)
    assert slug
    assert len(slug) <= 80
    assert not slug.startswith((".", "-"))
    assert not any(c in slug for c in '/\\:*?"<>| \t\n\x00')


def test_write_export_names_the_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    article, annotations = two_speaker_article()
    document = build_document(article, annotations, model="m")
    folder = f"{tmp_path / 'new-folder'}{os.sep}"
    path = write_export(document, "md", folder)
    assert path == tmp_path / "new-folder" / "council-votes.md"
    assert path.read_text(encoding="utf-8") == render_markdown(document)
    assert path.stat().st_mode & 0o777 == 0o666 & ~current_umask()
    with pytest.raises(ExportExistsError):
        write_export(document, "md", folder)
    other = build_document(article, annotations, ["q-1"], model="m")
    write_export(other, "md", tmp_path / "new-folder", overwrite=True)
    assert "q-3" not in path.read_text(encoding="utf-8")
    file_target = write_export(document, "csv", tmp_path / "mine.csv")
    assert file_target == tmp_path / "mine.csv"
    assert file_target.read_bytes().startswith(b"title,source_url,")
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "council-votes.md",
        "mine.csv",
        "new-folder",
    ]


def current_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _no_leftovers(directory: Path) -> None:
    assert not directory.exists() or list(directory.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("os.replace", OSError(28, "No space left on device")),
        ("os.fsync", OSError(5, "Input/output error")),
        ("tempfile.mkstemp", PermissionError(13, "Permission denied")),
    ],
)
def test_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: OSError
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(target, fail)
    destination = tmp_path / "out"
    with pytest.raises(ExportError) as caught:
        write_atomic(destination / "a.md", "text")
    assert error.strerror is not None
    assert error.strerror in str(caught.value)
    assert str(destination) in str(caught.value)
    _no_leftovers(destination)


def test_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError, match="No space left"):
        write_atomic(path, "new", overwrite=True)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_destination_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="cannot create"):
        write_atomic(blocker / "sub" / "a.md", "text")


def test_read_only_directory_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory chmod'ed read-only refuses the export and keeps nothing.

    Root ignores directory permissions, so when the test runs as root the
    refusal a normal user gets from the kernel is simulated on ``os.open``.
    """
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    if os.access(directory, os.W_OK):
        real_open = os.open

        def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if Path(path).parent == directory and flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded_open)
    try:
        with pytest.raises(ExportError, match="Permission denied") as caught:
            write_atomic(directory / "a.md", "text")
        assert str(directory) in str(caught.value)
        assert list(directory.iterdir()) == []
    finally:
        directory.chmod(0o700)


# -- the command line ------------------------------------------------------------------


@pytest.fixture
def cached_port_strike(
    samples: dict[str, tuple[Article, Annotations]],
) -> Article:
    """port-strike.txt as the CLI loads it, its annotations in the user cache."""
    article = load_article(str(SAMPLES / "port-strike.txt"))
    _golden_article, annotations = samples["port-strike"]
    assert annotations.article_sha256 == article.sha256
    AnnotationCache(locations.cache_dir()).put(annotations)
    return article


def test_cli_writes_markdown_to_stdout(
    cached_port_strike: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export_main([str(SAMPLES / "port-strike.txt")]) == 0
    out = capsys.readouterr().out
    meta = parse_front_matter(out)
    assert meta["quote_count"] == len(blockquotes(out)) + len(paraphrases(out)) > 5
    assert meta["source_path"] == str(SAMPLES / "port-strike.txt")
    assert export_main([str(SAMPLES / "port-strike.txt"), "-o", "-", "--all"]) == 0
    again = capsys.readouterr().out
    assert parse_front_matter(again)["quote_count"] == meta["quote_count"]


def test_cli_speaker_filter_and_json(
    cached_port_strike: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(SAMPLES / "port-strike.txt")
    assert export_main([source, "--speaker", "ortega", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quote_count"] >= 3
    assert {item["quote"]["speaker"] for item in data["annotations"]} == {"Luis Ortega"}
    assert export_main([source, "--speaker", "LUIS ORTEGA", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == data["quote_count"]
    # Several speakers: their quotes, in reading order.
    argv = [source, "--speaker", "solberg", "--speaker", "Ortega"]
    assert export_main(argv) == 0
    out = capsys.readouterr().out
    meta = parse_front_matter(out)
    assert sorted(meta["speakers"]) == ["Ingrid Solberg", "Luis Ortega"]
    assert meta["quote_count"] == data["quote_count"] + 2


def test_cli_writes_into_a_directory(
    cached_port_strike: Article, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(SAMPLES / "port-strike.txt")
    assert export_main([source, "-o", str(tmp_path)]) == 0
    path = tmp_path / (
        "selwick-dockworkers-reject-pay-offer-as-port-strike-enters-second-week.md"
    )
    assert path.exists()
    assert capsys.readouterr().out == ""
    # Exists: refused without --force, replaced with it.
    assert export_main([source, "-o", str(tmp_path), "--speaker", "Solberg"]) == 1
    assert "--force" in capsys.readouterr().err
    assert export_main([source, "-o", str(tmp_path), "--speaker", "Solberg", "-f"]) == 0
    assert parse_front_matter(path.read_text(encoding="utf-8"))["speakers"] == [
        "Ingrid Solberg"
    ]
    # A new directory named with a trailing slash; a file name.
    assert export_main([source, "-o", f"{tmp_path}/new/", "--format", "csv"]) == 0
    assert (tmp_path / "new" / path.with_suffix(".csv").name).exists()
    assert (
        export_main([source, "-o", str(tmp_path / "q.json"), "--format", "json"]) == 0
    )
    assert json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))["annotations"]


def test_cli_zero_matches_is_exit_1_and_no_file(
    cached_port_strike: Article, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(SAMPLES / "port-strike.txt")
    assert export_main([source, "--speaker", "Orteg", "-o", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no quotes by a speaker matching 'Orteg'" in captured.err
    assert "Luis Ortega" in captured.err  # the speakers there are
    assert list(tmp_path.iterdir()) == []


def test_cli_marked_uses_the_bookmark(
    cached_port_strike: Article, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsreader.store.bookmarks import BookmarkStore

    source = str(SAMPLES / "port-strike.txt")
    assert export_main([source, "--marked"]) == 1
    assert "no quotes are marked" in capsys.readouterr().err
    cache = AnnotationCache(locations.cache_dir())
    cached = cache.get(cached_port_strike.sha256, default_engine_id())
    assert cached is not None
    chosen = [cached.quotes[3].id, cached.quotes[0].id]
    BookmarkStore().save(cached_port_strike, marked_quote_ids=chosen)
    assert export_main([source, "--marked", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in data["annotations"]] == [
        cached.quotes[0].id,
        cached.quotes[3].id,
    ]


def default_engine_id() -> str:
    from newsreader.nlp.pipeline import resolve_model

    return resolve_model(None).engine_id


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "export", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"newsreader: {tmp_path / 'missing.txt'}: no such file"
    ]
    assert result.stdout == ""


def test_cli_uses_the_cache_without_importing_spacy(
    cached_port_strike: Article,
) -> None:
    code = (
        "import sys\n"
        "from newsreader.cli.export import main\n"
        f"code = main([{str(SAMPLES / 'port-strike.txt')!r}, '-o', '-'])\n"
        "assert code == 0, code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'textual', 'rich'))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\nschema: ")


def test_export_package_is_headless() -> None:
    code = (
        "import json, sys\n"
        "import newsreader.export, newsreader.cli.export\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = {name.split(".")[0] for name in json.loads(result.stdout)}
    assert not loaded & {"textual", "rich", "spacy"}
    assert not any(
        name.startswith("newsreader.ui") for name in json.loads(result.stdout)
    )


def test_cli_review_json_uses_the_shared_quote_shape(
    cached_port_strike: Article,
    samples: dict[str, tuple[Article, Annotations]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from newsreader.cli.review import main as review_main
    from newsreader.store.bookmarks import BookmarkStore
    from newsreader.store.reviews import ReviewStore

    _article, annotations = samples["port-strike"]
    first = annotations.quotes[0]
    ReviewStore(BookmarkStore()).update(
        cached_port_strike.sha256,
        first.span,
        {"speaker": "Ana Reporter"},
        machine_speaker=first.speaker,
    )
    assert review_main([str(SAMPLES / "port-strike.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    records = {record["quote"]["id"]: record for record in data["quotes"]}
    assert set(records) == {quote.id for quote in annotations.quotes}
    edited = records[first.id]
    assert edited["status"] == "edited"
    assert edited["machine_speaker"] == first.speaker
    shown = quote_from_dict(edited["quote"])
    assert (shown.span, shown.speaker) == (first.span, "Ana Reporter")
    for quote in annotations.quotes[1:]:
        assert quote_from_dict(records[quote.id]["quote"]).span == quote.span
