"""The annotation child process imports only from the installed environment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import newsreader
from newsreader.model import Article
from newsreader.services.child import (
    ChildProcessAnnotation,
    child_command,
    child_import_path,
)
from newsreader.services.container import default_services
from newsreader.sources.text import split_paragraphs

TEXT = '"The bridge opens in May," said Maria Lopez, the harbour engineer.'


def test_a_spacy_py_in_the_working_directory_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "ran.txt"
    for name in ("spacy", "thinc", "numpy"):
        (tmp_path / f"{name}.py").write_text(
            f"import pathlib\npathlib.Path({str(marker)!r}).write_text({name!r})\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(tmp_path)
    services = default_services(cache_dir=tmp_path / "cache")
    assert services.annotator_factory is not None
    article = Article(
        text=TEXT, paragraphs=split_paragraphs(TEXT), title="t", source="t"
    )
    child = ChildProcessAnnotation(
        services.annotator_factory, article, preload=services.preload
    )

    annotations = child.run()

    assert not marker.exists(), f"{marker.read_text()}.py from the cwd was run"
    assert [quote.speaker for quote in annotations.quotes] == ["Maria Lopez"]


def test_the_working_directory_never_reaches_the_child_import_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``python -m newsreader`` puts the working directory first on sys.path.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), ".", *sys.path])

    paths = child_import_path()

    assert str(tmp_path.resolve()) not in paths and "" not in paths
    package_root = Path(newsreader.__file__).resolve().parents[1]
    assert str(package_root) in paths
    assert "-I" in child_command()
