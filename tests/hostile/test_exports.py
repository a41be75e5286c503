"""One rule for where an export goes, and the CLI never replaces special files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from newsreader.cli import main
from newsreader.export.files import file_name, target_path
from newsreader.model import Annotations, Article, Quote, Span
from newsreader.nlp.pipeline import resolve_model
from newsreader.sources import load_article
from newsreader.store import locations
from newsreader.store.annotation_cache import AnnotationCache

TITLE = "Council votes on the bridge"
TEXT = f'{TITLE}\n\n"We will build it," said Ana Ruiz.\n'


@pytest.fixture
def article(tmp_path: Path) -> Article:
    """A small article file whose annotations are in the user's cache."""
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    loaded = load_article(str(path))
    start = loaded.text.index('"We')
    quote = Quote(
        id="q-1",
        span=Span(start, start + len('"We will build it,"')),
        kind="direct",
        speaker="Ana Ruiz",
        speaker_mention="Ana Ruiz",
        confidence=0.9,
        reason="named",
    )
    engine = resolve_model(None).engine_id
    AnnotationCache(locations.cache_dir()).put(
        Annotations(article_sha256=loaded.sha256, engine=engine, quotes=(quote,))
    )
    return loaded


def test_target_path_rule(tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.mkdir()
    name = file_name(TITLE, "md")
    assert target_path(tmp_path / "notes", TITLE, "md") == tmp_path / "notes"
    assert target_path(f"{tmp_path}/notes/", TITLE, "md") == tmp_path / "notes" / name
    assert target_path(existing, TITLE, "md") == existing / name
    assert target_path(str(existing), TITLE, "md") == existing / name
    assert target_path(tmp_path / "out.txt", TITLE, "md") == tmp_path / "out.txt"
    assert target_path("~/x/", TITLE, "md") == Path.home() / "x" / name


@pytest.mark.parametrize(
    "destination", ["notes", "notes/", "existing", "existing/", "out.txt", "~/x/"]
)
def test_cli_writes_the_file_target_path_names(
    article: Article,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    destination: str,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    work = tmp_path / "work"
    (work / "existing").mkdir(parents=True)
    monkeypatch.chdir(work)
    expected = target_path(destination, article.title, "md")
    assert main(["export", article.source, "-o", destination]) == 0
    assert expected.is_file()
    assert f"{expected}: 1 quote" in capsys.readouterr().err
    assert "We will build it" in expected.read_text(encoding="utf-8")


def test_cli_force_does_not_replace_a_symlink(
    article: Article, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "precious.md"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["export", article.source, "-o", str(link), "--force"]) == 1
    assert capsys.readouterr().err == (
        f"newsreader: {link} is a symbolic link: not replaced\n"
    )
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "keep"


def test_cli_force_does_not_replace_a_fifo(
    article: Article, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main(["export", article.source, "-o", str(fifo), "--force"]) == 1
    assert "is a FIFO (named pipe): not replaced" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_cli_writes_into_a_character_device(
    article: Article, capsys: pytest.CaptureFixture[str]
) -> None:
    before = os.stat("/dev/null")
    assert main(["export", article.source, "-o", "/dev/null"]) == 0
    assert "/dev/null: 1 quote" in capsys.readouterr().err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_cli_writes_to_dev_stdout_without_replacing_it(
    article: Article, tmp_path: Path
) -> None:
    """``-o /dev/stdout`` with standard output redirected to a file."""
    import subprocess
    import sys

    before = os.lstat("/dev/stdout")
    out = tmp_path / "captured.md"
    with out.open("wb") as handle:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsreader",
                "export",
                article.source,
                "-o",
                "/dev/stdout",
                "--force",
            ],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert "We will build it" in out.read_text(encoding="utf-8")
    after = os.lstat("/dev/stdout")  # written to, never replaced
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
