"""``annotate --jsonl --scheduler``: the batch on Dask distributed equals the
single-process batch byte for byte, reports the same bad lines, keeps input
order, takes several files or a pattern, and resumes after a kill.

One two-worker ``LocalCluster`` serves the module (reached by its tcp address,
as a remote scheduler would be); the bar-style run starts its own with
``--scheduler local``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import LocalCluster

from newsreader.cli import main
from newsreader.resources import sample_articles
from newsreader.services import distributed
from newsreader.sources import load_article


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a two-worker cluster of processes, one thread each."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        memory_limit="1.5GiB",
        dashboard_address=None,
    ) as cluster:
        yield str(cluster.scheduler_address)


def article_pieces(count: int, size: int = 1200) -> list[dict[str, Any]]:
    """``count`` articles cut from the sample articles, whole paragraphs of
    about ``size`` characters each (sizes vary, so partitions finish out of
    order)."""
    pieces: list[dict[str, Any]] = []
    while len(pieces) < count:
        for path in sample_articles():
            paragraphs = load_article(str(path)).text.split("\n\n")
            piece: list[str] = []
            for paragraph in paragraphs:
                piece.append(paragraph)
                limit = size * (1 + len(pieces) % 3)
                if sum(map(len, piece)) >= limit:
                    pieces.append(
                        {"id": f"{path.stem}-{len(pieces)}", "text": "\n\n".join(piece)}
                    )
                    piece = []
                    if len(pieces) == count:
                        return pieces
    return pieces


def write_lines(path: Path, lines: list[Any]) -> Path:
    data = b"".join(
        (
            line
            if isinstance(line, bytes)
            else (line if isinstance(line, str) else json.dumps(line)).encode()
        )
        + b"\n"
        for line in lines
    )
    path.write_bytes(data)
    return path


def annotate(*args: str) -> int:
    return main(["annotate", "--jsonl", *args])


def single_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *inputs: Path
) -> tuple[int, bytes, list[str]]:
    """Exit code, output and error lines of the single-process batch."""
    reference = tmp_path / "reference.jsonl"
    code = annotate(*map(str, inputs), "-o", str(reference))
    return code, reference.read_bytes(), capsys.readouterr().err.splitlines()


def ids(output: bytes) -> list[Any]:
    return [json.loads(line)["id"] for line in output.splitlines()]


def test_two_workers_equal_the_single_process_batch_in_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scheduler: str
) -> None:
    articles = article_pieces(8)
    source = write_lines(tmp_path / "in.jsonl", articles)
    code, expected, _ = single_process(tmp_path, capsys, source)
    out = tmp_path / "out.jsonl"
    assert (
        annotate(
            str(source),
            "-o",
            str(out),
            "--scheduler",
            scheduler,
            "--partition-chars",
            "1500",
        )
        == code
        == 0
    )
    assert out.read_bytes() == expected
    assert ids(expected) == [a["id"] for a in articles]
    assert not (tmp_path / "out.jsonl.parts").exists()
    assert "Traceback" not in capsys.readouterr().err


def test_bad_lines_are_reported_with_their_numbers_as_in_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scheduler: str
) -> None:
    good = article_pieces(4, size=400)
    source = write_lines(
        tmp_path / "in.jsonl",
        [
            good[0],
            "not json",
            "",
            good[1],
            '["a list"]',
            {"text": "no id"},
            b"\xff\xfe not utf-8",
            good[2],
            {"id": "n", "text": 5},
            good[3],
        ],
    )
    code, expected, expected_errors = single_process(tmp_path, capsys, source)
    out = tmp_path / "out.jsonl"
    assert annotate(str(source), "-o", str(out), "--scheduler", scheduler) == code == 1
    assert capsys.readouterr().err.splitlines() == expected_errors
    assert [line.split(": ")[2] for line in expected_errors] == [
        "line 2",
        "line 5",
        "line 6",
        "line 7",
        "line 9",
    ]
    assert out.read_bytes() == expected


def test_several_files_and_a_pattern(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scheduler: str
) -> None:
    articles = article_pieces(6, size=500)
    first = write_lines(tmp_path / "part-1.jsonl", [*articles[:3], "oops"])
    second = write_lines(tmp_path / "part-2.jsonl", articles[3:])
    code, expected, expected_errors = single_process(tmp_path, capsys, first, second)
    out = tmp_path / "out.jsonl"
    pattern = str(tmp_path / "part-*.jsonl")
    assert annotate(pattern, "-o", str(out), "--scheduler", scheduler) == code == 1
    assert capsys.readouterr().err.splitlines() == expected_errors
    assert expected_errors[0].startswith(f"newsreader: {first}: line 4:")
    assert out.read_bytes() == expected
    assert ids(expected) == [a["id"] for a in articles]


def test_a_killed_run_resumes_from_its_finished_partitions(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    scheduler: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = article_pieces(10, size=500)
    source = write_lines(tmp_path / "in.jsonl", articles)
    _, expected, _ = single_process(tmp_path, capsys, source)
    out = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    run_on_dask = distributed.dask_runner

    def killed_after_three(client: Any, **options: Any) -> Any:
        runner = run_on_dask(client, **options)

        def run(choice: Any, chunks: Any) -> Iterator[Any]:
            for finished, done in enumerate(runner(choice, chunks)):
                if finished == 3:
                    raise KeyboardInterrupt
                yield done

        return run

    monkeypatch.setattr(distributed, "dask_runner", killed_after_three)
    options = ("-o", str(out), "--scheduler", scheduler, "--partition-chars", "500")
    assert annotate(str(source), *options) == 130
    assert capsys.readouterr().err.splitlines() == [
        f"newsreader: interrupted; finished partitions are kept in {parts}"
        ", rerun with --resume"
    ]
    assert not out.exists()
    committed = sorted(parts.glob("*.jsonl"))
    assert len(committed) == 3
    # Mark a finished record: a resumed run keeps it rather than redoing it.
    marked = (
        committed[1]
        .read_text(encoding="utf-8")
        .replace('"quotes": [', '"quotes": [], "kept": [', 1)
    )
    committed[1].write_text(marked, encoding="utf-8")
    monkeypatch.setattr(distributed, "dask_runner", run_on_dask)

    assert annotate(str(source), *options, "--resume") == 0
    result = out.read_bytes()
    assert ids(result) == [a["id"] for a in articles]
    assert result.count(b'"kept": [') == 1
    assert result.replace(b'"quotes": [], "kept": [', b'"quotes": [') == expected
    assert not parts.exists()

    # Everything is done: resuming again changes nothing.
    assert annotate(str(source), *options, "--resume") == 0
    assert out.read_bytes() == result


def test_progress_shows_articles_rate_and_eta(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scheduler: str
) -> None:
    source = write_lines(tmp_path / "in.jsonl", article_pieces(3, size=300))
    out = tmp_path / "out.jsonl"
    assert (
        annotate(str(source), "-o", str(out), "--scheduler", scheduler, "--progress")
        == 0
    )
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("3/3 articles · ") and "/s · ETA 0:00:00" in last


def test_without_the_scale_extra_one_line_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "distributed", None)
    source = write_lines(tmp_path / "in.jsonl", [{"id": 1, "text": "Hello."}])
    out = tmp_path / "out.jsonl"
    assert annotate(str(source), "-o", str(out), "--scheduler", "local") == 2
    assert capsys.readouterr().err.splitlines() == [
        "newsreader: --scheduler needs Dask: pip install 'newsreader[scale]'"
    ]
    assert not out.exists()


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    source = write_lines(tmp_path / "in.jsonl", [{"id": 1, "text": "Hello."}])
    out = tmp_path / "out.jsonl"
    address = "tcp://127.0.0.1:9"
    assert annotate(str(source), "-o", str(out), "--scheduler", address) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 1 and f"cannot reach scheduler {address}" in errors[0]
    assert not out.exists()


def test_bar_thirty_articles_through_a_local_cluster_equal_one_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    articles = article_pieces(30, size=600)
    source = write_lines(tmp_path / "in.jsonl", articles)
    code, expected, _ = single_process(tmp_path, capsys, source)
    out = tmp_path / "out.jsonl"
    options = ("--scheduler", "local", "--jobs", "2", "--partition-chars", "4000")
    assert annotate(str(source), "-o", str(out), *options) == code == 0
    assert out.read_bytes() == expected
    assert ids(expected) == [a["id"] for a in articles]
