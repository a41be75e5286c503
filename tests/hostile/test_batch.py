"""Batch annotation (``annotate --jsonl``) on hostile input and destinations:
bounded reading, lines split on ``\\n`` only, workers capped, and an output
that is either complete or absent, with a one-line message.

Limits are injected small so the tests stay fast.
"""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from newsreader.cli import main
from newsreader.services import batch
from newsreader.services.batch import BadLine, InputTooLarge, read_lines, worker_count


def write_jsonl(path: Path, records: list[Any]) -> Path:
    lines = [
        r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> int:
    return main(["annotate", *args])


def one_line_errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()


def test_unicode_line_separators_inside_strings_do_not_split_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "Ana Ruiz said\u2028that the vote\u0085was lost."},
            "not json",
            {"id": "b", "text": "Tom said\u2029that it rained."},
        ],
    )
    out = tmp_path / "out.jsonl"
    assert run("--jsonl", str(source), "-o", str(out)) == 1
    errors = one_line_errors(capsys)
    assert len(errors) == 1 and "line 2:" in errors[0]
    records = [
        json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line
    ]
    assert [r["id"] for r in records] == ["a", "b"]


def test_over_long_line_is_reported_and_the_rest_annotated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MAX_LINE_BYTES", 100)
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "text": "Short."},
            {"id": "long", "text": "word " * 100},
            {"id": "c", "text": "Also short."},
        ],
    )
    out = tmp_path / "out.jsonl"
    assert run("--jsonl", str(source), "-o", str(out)) == 1
    errors = one_line_errors(capsys)
    assert len(errors) == 1
    assert "line 2: longer than" in errors[0]
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [
        "a",
        "c",
    ]


def test_input_beyond_the_total_limit_stops_with_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "MAX_LINE_BYTES", 1_000)
    monkeypatch.setattr(batch, "MAX_INPUT_BYTES", 100_000)
    source = tmp_path / "zeros.jsonl"
    source.write_bytes(b"\0" * 300_000)  # what /dev/zero gives, but finite
    out = tmp_path / "out.jsonl"
    assert run("--jsonl", str(source), "-o", str(out)) == 1
    errors = one_line_errors(capsys)
    assert len(errors) == 1 and "larger than" in errors[0]
    assert list(tmp_path.iterdir()) == [source]


class Endless(io.RawIOBase):
    """A stream of zero bytes that never ends, like /dev/zero."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = bytes(len(buffer))
        return len(buffer)


def test_reading_an_endless_stream_stops_at_the_limit() -> None:
    stream = io.BufferedReader(Endless())
    seen: list[str | BadLine] = []
    with pytest.raises(InputTooLarge):
        for item in read_lines(stream, max_line_bytes=64, max_input_bytes=10_000):
            seen.append(item)
    assert seen == []  # the one endless line is never complete


def test_lines_end_at_newline_only() -> None:
    data = "a\u2028b\r\n\u0085\n\n".encode() + b"\xff\n" + b"x" * 10
    items = list(read_lines(io.BytesIO(data), max_line_bytes=8))
    assert items == [
        "a\u2028b\r",
        "\u0085",
        "",
        BadLine(4, "not valid UTF-8"),
        BadLine(5, "longer than 8 bytes"),
    ]


def test_workers_are_capped_by_processors_and_articles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert worker_count(12, 3) == 2
    assert worker_count(12, 1) == 1
    assert worker_count(1, 50) == 1
    assert worker_count(0, 0) == 1


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the batch gets as far as loading a model."""

    def refuse(choice: Any) -> None:
        raise AssertionError("the model was loaded before the destination was checked")

    monkeypatch.setattr(batch, "cached_annotator", refuse)


@pytest.mark.usefixtures("no_model")
@pytest.mark.parametrize("name", ["a-directory", "missing/out.jsonl"])
def test_bad_destination_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / "a-directory").mkdir()
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Hello."}])
    before = sorted(tmp_path.rglob("*"))
    assert run("--jsonl", str(source), "-o", str(tmp_path / name)) == 1
    errors = one_line_errors(capsys)
    assert len(errors) == 1 and str(tmp_path / name) in errors[0]
    assert sorted(tmp_path.rglob("*")) == before


def test_full_disk_leaves_no_partial_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = Path.open

    class FullDisk(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def open_full(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "w" in mode and self.name.endswith(".part"):
            real_open(self, mode, *args, **kwargs).close()  # the file does appear
            return FullDisk()
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_full)
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "Hello."}])
    assert run("--jsonl", str(source), "-o", str(tmp_path / "out.jsonl")) == 1
    errors = one_line_errors(capsys)
    assert len(errors) == 1 and "No space left on device" in errors[0]
    assert list(tmp_path.iterdir()) == [source]
