"""Front matter written with PyYAML reads back equal, by YAML and by the reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.export import build_document, render_markdown
from newsreader.export.frontmatter import Value, front_matter
from newsreader.model import Annotations, Article, Quote, Span
from newsreader.sources import load_article
from newsreader.sources.markdown import split_front_matter
from newsreader.sources.parsed import join_names

HOSTILE = [
    'He said \\"no\\" twice',
    'Mayor: "We won\'t back down"',
    "key: value: more",
    "B, C",
    "3",
    "3.0",
    "-1",
    "0x1F",
    "1e3",
    "2025-03-14",
    "yes",
    "off",
    "null",
    "~",
    "",
    " ",
    "line one\nline two",
    "ends with a newline\n",
    "---",
    "a\n---\nb",
    "...",
    "# not a comment",
    "- not a list item",
    "? not a key",
    "[not, a, list]",
    "{not: a map}",
    "&anchor *alias !tag %pct @at `tick` |pipe >gt",
    "Zoë Müller, 港口, שלום, 🚢",
    "\t tab and spaces \t",
    "NEL\x85 LS\u2028 BOM\ufeff ESC\x1b",
]


def block_data(block: str) -> Any:
    assert block.startswith("---\n") and block.endswith("\n---\n")
    inner = block.removeprefix("---\n").removesuffix("---\n")
    assert "---" not in inner.split("\n"), "a bare --- would close the block early"
    return yaml.safe_load(inner)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_values_read_back_equal(text: str) -> None:
    fields: dict[str, Value] = {
        "title": text,
        "authors": [text, "B, C", "3"],
        "quote_count": 3,
        "site_name": None,
    }
    assert block_data(front_matter(fields)) == {
        "title": text,
        "authors": [text, "B, C", "3"],
        "quote_count": 3,
        "site_name": None,
    }


scalars = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"])),
    st.integers(),
    st.booleans(),
    st.none(),
)


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True),
        st.one_of(scalars, st.lists(st.text(st.characters(exclude_categories=["Cs"])))),
        max_size=6,
    )
)
def test_any_fields_read_back_equal(fields: dict[str, Any]) -> None:
    assert block_data(front_matter(fields)) == fields


def article_with(title: str, authors: tuple[str, ...]) -> Article:
    body = '"We will build it," said Ana Ruiz.'
    text = f"{title}\n\n{body}"
    head = Span(0, len(title))
    return Article(
        text=text,
        paragraphs=(head, Span(len(title) + 2, len(text))),
        title=title,
        source="/tmp/a.txt",
        byline=" and ".join(authors),
    )


@pytest.mark.parametrize(
    ("title", "authors"),
    [
        ('He said \\"no\\": twice', ("B, C",)),
        ("3", ("3",)),
        ("Zoë: ---, # and - items", ("Ana Ruiz", "O'Brien")),
    ],
)
def test_markdown_reader_reads_an_export_back(
    tmp_path: Path, title: str, authors: tuple[str, ...]
) -> None:
    article = article_with(title, authors)
    start = article.text.index('"We')
    quote = Quote("q-1", Span(start, start + 19), "direct", "Ana Ruiz", reason="named")
    document = build_document(
        article, Annotations(article.sha256, "test", (quote,)), model="m"
    )
    markdown = render_markdown(document)
    meta, _body = split_front_matter(markdown)
    assert meta["title"] == title
    assert meta["authors"] == list(document.authors)
    path = tmp_path / "export.md"
    path.write_text(markdown, encoding="utf-8")
    loaded = load_article(str(path))
    assert loaded.title == title
    assert loaded.byline == join_names(list(document.authors))
