"""``newsreader quotes …`` and ``newsreader archive import``: output and exit codes."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from newsreader.cli import main
from newsreader.services.archive import speaker_kinds
from newsreader.services.batch import result_line
from newsreader.store.archive import QuoteArchive
from tests.support.archive_helpers import make_article
from tests.support.paths import REPO


def record(*args: Any, **kwargs: Any) -> None:
    article, annotations = make_article(*args, **kwargs)
    QuoteArchive().record(
        article, annotations, speaker_kinds=speaker_kinds(annotations)
    )


@pytest.fixture
def filled() -> None:
    record(
        "Bridge vote",
        [("The bridge will reopen in May after the repairs", "Mayor Catherine Doyle")],
        outlet="Harbour Herald",
        published="2024-03-01",
    )
    record(
        "Wire copy",
        [("The bridge will open in June after the repairs", "Cathy Doyle")],
        outlet="Wire\x1b[31m",
        published="2024-03-09",
    )
    record("Shop talk", [("Bread sells \x1b]0;pwned\x07 well", "Peter Doyle")])


def test_search_table(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "search", "bridge"]) == 0
    out = capsys.readouterr().out
    assert "Catherine Doyle" in out and "Harbour Herald" in out and "2024-03-01" in out
    assert "\x1b" not in out


def test_search_formats(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "search", "bread", "--format", "json"]) == 0
    (record_,) = json.loads(capsys.readouterr().out)
    assert record_["speaker"] == "Peter Doyle"
    assert "\x1b" not in record_["text"] and "\x07" not in record_["text"]
    assert main(["quotes", "search", "bridge", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["outlet"] for row in rows} == {"Harbour Herald", "Wire␛[31m"}
    assert main(["quotes", "search", "reopen", "--format", "md"]) == 0
    assert "> — Catherine Doyle, *Bridge vote* (Harbour Herald, 2024-03-01)" in (
        capsys.readouterr().out
    )


def test_search_filters_and_exit_codes(
    filled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quotes", "search", "bridge", "--since", "2024-03-05"]) == 0
    assert "Wire copy" not in capsys.readouterr().out  # titles are not in the table
    assert main(["quotes", "search", "bridge", "--speaker", "Peter Doyle"]) == 1
    err = capsys.readouterr().err
    assert err == "newsreader: no archived quotes match\n"
    with pytest.raises(SystemExit) as usage:
        main(["quotes", "search", "x", "--since", "yesterday"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as usage:
        main(["quotes", "search", "x", "--kind", "rumour"])
    assert usage.value.code == 2


def test_speakers(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "speakers"]) == 0
    out = capsys.readouterr().out
    assert "Catherine Doyle" in out and "also: Cathy Doyle" in out
    assert "Peter Doyle" in out
    assert main(["quotes", "speakers", "--format", "json"]) == 0
    speakers = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["quotes"]) for s in speakers] == [
        ("Catherine Doyle", 2),
        ("Peter Doyle", 1),
    ]


def test_trace_shows_the_changed_words(
    filled: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["quotes", "trace", "The bridge will open in June after the repairs"]) == 0
    )
    out = capsys.readouterr().out
    first, second = out.split("\n\n")[:2]
    assert first.startswith("1. 2024-03-01 · Harbour Herald · Bridge vote")
    assert '- changed "reopen" → "open" (silent)' in second
    assert '- changed "May" → "June" (silent)' in second
    assert main(["quotes", "trace", "Nothing like anything archived"]) == 1


def test_merge_and_split(filled: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "merge", "Doyle", "Peter Doyle"]) == 1
    assert "several speakers" in capsys.readouterr().err
    assert main(["quotes", "split", "Catherine Doyle", "Cathy Doyle"]) == 0
    assert "Cathy Doyle: 1 quotes" in capsys.readouterr().out
    assert main(["quotes", "merge", "Catherine Doyle", "Cathy Doyle"]) == 0
    assert "Catherine Doyle: 2 quotes" in capsys.readouterr().out
    assert main(["quotes", "merge", "Catherine Doyle", "Nobody"]) == 1
    assert (
        capsys.readouterr().err == "newsreader: no archived speaker matches 'Nobody'\n"
    )


def test_archive_import_of_batch_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, annotations = make_article(
        "batch-1", [("Ferries will run late", "Ann Lee")]
    )
    texts = tmp_path / "in.jsonl"
    texts.write_text(
        json.dumps({"id": "batch-1", "text": article.text, "outlet": "Port News"})
        + "\n"
    )
    output = tmp_path / "out.jsonl"
    output.write_text(
        json.dumps(result_line("batch-1", annotations)) + "\n" + "{not json\n"
    )
    assert main(["archive", "import", str(output), "--texts", str(texts)]) == 1
    captured = capsys.readouterr()
    assert "1 article, 1 quote archived, 1 lines skipped" in captured.out
    assert "line 2: not valid JSON" in captured.err
    assert main(["quotes", "search", "ferries", "--format", "json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert (hit["speaker"], hit["outlet"]) == ("Ann Lee", "Port News")
    # Without the texts, a line cannot be imported.
    assert main(["archive", "import", str(output)]) == 1
    assert "--texts" in capsys.readouterr().err
    assert main(["archive", "import", str(tmp_path / "missing.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_annotate_then_search_with_the_real_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample = REPO / "sample_articles" / "river-flooding.html"
    assert main(["annotate", str(sample)]) == 0
    capsys.readouterr()
    assert main(["quotes", "search", "flood", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits
    assert all(h["outlet"] == "Wendle Valley Gazette" for h in hits)
    assert all(h["date"] == "2025-02-11" for h in hits)
    assert any(h["speaker"] for h in hits)
