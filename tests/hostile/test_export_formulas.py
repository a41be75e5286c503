"""CSV cells a spreadsheet would run as formulas are neutralised by default."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.export import build_document, render_csv, render_json
from newsreader.export.renderers import render_markdown
from newsreader.model import Annotations, Article, Quote, Span
from newsreader.nlp.pipeline import resolve_model
from newsreader.sources import load_article
from newsreader.store import locations
from newsreader.store.annotation_cache import AnnotationCache

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
]


def one_quote_article(quote_text: str) -> tuple[Article, Annotations]:
    title = "=cmd|' /C calc'!A0"
    text = f"{title}\n\n{quote_text}"
    start = len(title) + 2
    article = Article(
        text=text,
        paragraphs=(Span(0, len(title)), Span(start, len(text))),
        title=title,
        source="/tmp/a.txt",
        byline="@someone",
    )
    quote = Quote("q-1", Span(start, len(text)), "direct", "+Ana", reason="named")
    return article, Annotations(article.sha256, "test", (quote,))


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_get_a_leading_apostrophe(formula: str) -> None:
    article, annotations = one_quote_article(formula)
    document = build_document(article, annotations, model="m")
    (row,) = rows(render_csv(document))
    assert row["quote"] == "'" + formula
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["speaker"] == "'+Ana"
    assert row["authors"] == "'@someone"
    assert row["quote_id"] == "q-1"  # harmless cells are unchanged


@pytest.mark.parametrize("formula", FORMULAS)
def test_raw_csv_json_and_markdown_keep_the_exact_text(formula: str) -> None:
    article, annotations = one_quote_article(formula)
    document = build_document(article, annotations, model="m")
    (row,) = rows(render_csv(document, raw=True))
    assert row["quote"] == formula
    exact = json.loads(render_json(document))["annotations"][0]["target"]
    assert exact["selector"][0]["exact"] == formula
    markdown = render_markdown(document)
    # A CR ends the Markdown line; the words after it are kept all the same.
    assert f"> {formula.split(chr(13))[0]}" in markdown
    assert formula.split("\r")[-1] in markdown


@pytest.fixture
def cached_article(tmp_path: Path) -> str:
    path = tmp_path / "a.txt"
    path.write_text("Budget\n\n=1+2 is the sum, said Ana Ruiz.\n", encoding="utf-8")
    article = load_article(str(path))
    start = article.text.index("=1+2")
    quote = Quote("q-1", Span(start, start + 4), "indirect", "Ana Ruiz", reason="named")
    engine = resolve_model(None).engine_id
    AnnotationCache(locations.cache_dir()).put(
        Annotations(article.sha256, engine, (quote,))
    )
    return str(path)


def test_cli_neutralises_by_default_and_raw_csv_keeps(
    cached_article: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", cached_article, "--format", "csv"]) == 0
    assert rows(capsys.readouterr().out)[0]["quote"] == "'=1+2"
    assert main(["export", cached_article, "--format", "csv", "--raw-csv"]) == 0
    assert rows(capsys.readouterr().out)[0]["quote"] == "=1+2"


def test_help_documents_the_csv_rule(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--raw-csv" in help_text
    assert "leading '" in help_text
