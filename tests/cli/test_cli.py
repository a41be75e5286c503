"""The command line: paths, bad input, annotate and batch mode."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.resources import default_sample


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )


def test_paths_lists_every_location(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--paths"]) == 0
    keys = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert keys == ["config", "data", "cache", "exports", "themes"]


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("newsreader ")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "directory"),
        (
            lambda d: _write(
                d / "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40
            ),
            "binary",
        ),
        (lambda d: _write(d / "empty.txt", b"  \n\n "), "empty"),
        (
            lambda d: _write(
                d / "nav.html", b"<html><body><nav>Home About</nav></body></html>"
            ),
            "no article",
        ),
    ],
)
def test_bad_input_is_one_line_and_nonzero(tmp_path: Path, make, fragment: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    result = run_cli("annotate", str(path))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_unsupported_scheme_and_unreachable_url() -> None:
    for source in ("ftp://example.org/a.txt", "http://127.0.0.1:9/story.html"):
        result = run_cli("annotate", source)
        assert result.returncode == 1
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_unknown_model_names_the_fix() -> None:
    result = run_cli("annotate", "--model", "xx_no_such_model", str(default_sample()))
    assert result.returncode == 2
    assert "xx_no_such_model" in result.stderr and "install" in result.stderr


def test_unknown_word_with_options_is_a_usage_error() -> None:
    result = run_cli("frobnicate", "--x")
    assert result.returncode == 2
    assert "usage: newsreader" in result.stderr
    assert "unrecognized arguments: --x" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_word_is_read_as_a_path(tmp_path: Path) -> None:
    result = run_cli(str(tmp_path / "frobnicate"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no such file" in lines[0], result.stderr


def test_a_missing_module_inside_a_subcommand_is_not_hidden(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsreader.cli as cli

    def broken(argv: list[str]) -> int:
        raise ModuleNotFoundError("No module named 'yaml'", name="yaml")

    monkeypatch.setitem(cli.COMMANDS, "export", broken)
    with pytest.raises(ModuleNotFoundError, match="yaml"):
        main(["export", "x.txt"])


def test_annotate_text_table_names_speakers() -> None:
    result = run_cli("annotate", str(default_sample()))
    assert result.returncode == 0, result.stderr
    assert "QUOTES" in result.stdout and "ENTITIES" in result.stdout
    assert "Catherine Doyle" in result.stdout


def test_annotate_json_offsets_match_text() -> None:
    result = run_cli("annotate", "--format", "json", str(default_sample()))
    data = json.loads(result.stdout)
    text = default_sample().read_text(encoding="utf-8").strip()
    assert data["article"]["sha256"]
    assert data["quotes"]
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]].strip()


def test_batch_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "b", "text": '"We will win," said Ana Ruiz.', "extra": 1}),
        "not json",
        json.dumps({"id": 7, "text": "Tom Hale said that the vote was lost."}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "c", "text": "Nothing quoted here."}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("annotate", "--jsonl", str(source), "-o", str(out), "--jobs", "2")
    assert result.returncode == 1
    assert "line 2" in result.stderr and "line 4" in result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["b", 7, "c"]
    assert records[0]["quotes"][0]["speaker"].endswith("Ruiz")
    assert records[0]["quotes"][0]["speaker_name"] == "Ana Ruiz"
    assert records[2]["quotes"] == []
    # Each quote is the shared serialize shape plus the scorer's fields.
    from newsreader.serialize import quote_from_dict, quote_to_dict

    first = records[0]["quotes"][0]
    shared = quote_to_dict(quote_from_dict(first))
    assert set(first) == set(shared) | {"speaker_name"}
    assert {k: v for k, v in first.items() if k not in {"speaker", "speaker_name"}} == {
        k: v for k, v in shared.items() if k != "speaker"
    }


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
