"""One sanitiser for terminal output and exports: ``newsreader.safe_text``.

A file name, URL or article can hold escape sequences (retitle the window,
clear the screen), C1 controls and bidirectional overrides. Whatever the CLI
prints and whatever lands in an export's source line must show them as
visible, inert characters.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.cli import main as cli_main
from newsreader.cli.bookmarks import main as bookmarks_main
from newsreader.export import build_document
from newsreader.export.renderers import render
from newsreader.model import Annotations, Quote, Span
from newsreader.nlp.pipeline import resolve_model
from newsreader.safe_text import printable
from newsreader.sources import load_article, neutralise_controls
from newsreader.store import locations
from newsreader.store.annotation_cache import AnnotationCache
from newsreader.store.bookmarks import BookmarkStore

HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J"
"""Sets the terminal title and clears the screen when printed raw."""
RLO = "\u202e"
"""RIGHT-TO-LEFT OVERRIDE: displays what follows reversed."""
BIDI_CONTROLS = frozenset(
    chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def assert_terminal_safe(output: str, *, newlines: bool = True) -> None:
    """No byte of ``output`` can drive a terminal or reorder the display."""
    allowed = {"\n"} if newlines else set()
    for character in output:
        if character in allowed:
            continue
        assert unicodedata.category(character) != "Cc", repr(character)
        assert character not in BIDI_CONTROLS, repr(character)


# -- the sanitiser ---------------------------------------------------------------


def test_printable_shows_controls_as_visible_symbols() -> None:
    assert printable(HOSTILE_NAME) == "␛]0;pwned␇␛[2J"
    assert printable("a\tb\nc") == "a␉b␊c"
    assert printable("a\tb\nc", keep_newlines=True) == "a\tb\nc"
    assert printable("x\x7fy\x9bz") == "x␡y\ufffdz"
    assert printable(f"invoice{RLO}fdp.exe") == "invoice\ufffdfdp.exe"
    assert printable("zero\u200bwidth\ufeff") == "zero\ufffdwidth\ufffd"
    # What text needs is kept: accents, emoji joiners, right-to-left marks.
    kept = "Zoë Müller 👩\u200d💻 \u200fשלום\u200e — “ok”"
    assert printable(kept) is kept


def test_printable_turns_undecodable_file_names_into_printable_text() -> None:
    # os.fsdecode maps invalid UTF-8 bytes to lone surrogates, which a
    # UTF-8 stdout refuses to encode (a traceback instead of a message).
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert printable(name).encode("utf-8") == "caf\ufffd.txt".encode()


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec=None)), st.booleans())
def test_printable_never_lets_a_control_through(text: str, keep: bool) -> None:
    safe = printable(text, keep_newlines=keep)
    assert len(safe) == len(text)  # one for one: offsets stay valid
    allowed = {"\n", "\t"} if keep else set()
    for character in safe:
        if character in allowed:
            continue
        assert unicodedata.category(character) not in ("Cc", "Cs"), repr(character)
        assert character not in BIDI_CONTROLS
    assert printable(safe, keep_newlines=keep) == safe


@pytest.mark.parametrize("keep", [False, True])
def test_printable_replaces_exactly_the_characters_it_names(keep: bool) -> None:
    """Every code point of the Basic Multilingual Plane and the first
    supplementary one is replaced when, and only when, the sanitiser's table
    names it (the table is matched through one character class)."""
    from newsreader import safe_text

    table = safe_text._MULTILINE_TABLE if keep else safe_text._SINGLE_LINE_TABLE
    for code in range(0x20000):
        character = chr(code)
        expected = table.get(code, character)
        assert printable(character, keep_newlines=keep) == expected, hex(code)


def test_article_text_uses_the_same_sanitiser() -> None:
    text = f"He said {RLO}olleh\x1b[0m\tthen\nleft"
    assert neutralise_controls(text) == printable(text, keep_newlines=True)
    assert RLO not in neutralise_controls(text)


# -- what the commands print -------------------------------------------------------


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    """An article whose file name and headline hold escapes and an override."""
    path = tmp_path / f"{HOSTILE_NAME}story.txt"
    path.write_text(
        f"Council {RLO}backs bridge\n\n"
        '"We cannot wait any longer," said Mayor Lopez.\n',
        encoding="utf-8",
    )
    return path


def test_bookmarks_show_and_list_print_no_escape(
    hostile_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = BookmarkStore(tmp_path / "db" / "bookmarks.sqlite3")
    bookmark = store.save(load_article(str(hostile_file)), note=f"ring {RLO}back")

    assert bookmarks_main(["show", str(bookmark.id)], store=store) == 0
    shown = capsys.readouterr().out
    assert "source:" in shown and "␛]0;pwned␇␛[2Jstory.txt" in shown
    assert_terminal_safe(shown)

    assert bookmarks_main(["list"], store=store) == 0
    listed = capsys.readouterr().out
    assert "Council" in listed and "ring" in listed
    assert_terminal_safe(listed)

    assert bookmarks_main(["remove", str(bookmark.id)], store=store) == 0
    assert_terminal_safe(capsys.readouterr().out)


def test_markdown_export_source_line_has_no_escape(hostile_file: Path) -> None:
    article = load_article(str(hostile_file))
    needle = '"We cannot wait any longer,"'
    start = article.text.index(needle)
    quote = Quote(
        "q-1",
        Span(start, start + len(needle)),
        "direct",
        "Maria Lopez",
        cue="said",
        confidence=0.9,
        reason="named",
    )
    annotations = Annotations(article.sha256, "test", (quote,))
    document = build_document(article, annotations, model="test", exported="x")

    markdown = render(document, "md")
    assert "\x1b" not in markdown and "\x07" not in markdown
    source_line = next(line for line in markdown.splitlines() if "story.txt" in line)
    assert "␛" in source_line  # shown, not dropped
    assert_terminal_safe(markdown)

    # JSON and CSV keep the quote exact; the path field is sanitised there too.
    data = json.loads(render(document, "json"))
    assert data["annotations"][0]["target"]["selector"][0]["exact"] == needle
    assert "\x1b" not in data["source_path"]
    assert needle.replace('"', '""') in render(document, "csv")


def test_annotate_table_prints_no_escape_or_override(
    hostile_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = load_article(str(hostile_file))
    choice = resolve_model(None)
    needle = '"We cannot wait any longer,"'
    start = article.text.index(needle)
    quote = Quote(
        "q-1",
        Span(start, start + len(needle)),
        "direct",
        f"Maria {RLO}Lopez",
        cue="said",
        confidence=0.9,
        reason="named",
    )
    AnnotationCache(locations.cache_dir()).put(
        Annotations(article.sha256, choice.engine_id, (quote,))
    )
    assert cli_main(["annotate", str(hostile_file)]) == 0
    out = capsys.readouterr().out
    assert "QUOTES (1)" in out and "Maria" in out and "Council" in out
    assert_terminal_safe(out)

    assert cli_main(["annotate", "--format", "json", str(hostile_file)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in json.loads(out)["article"]["source"]


def test_error_messages_print_no_escape_or_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / f"{HOSTILE_NAME}{RLO}txt.exe"
    assert cli_main(["annotate", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(": no such file\n")
    assert_terminal_safe(err)


def test_paths_print_no_escape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEWSREADER_HOME", str(tmp_path / HOSTILE_NAME))
    assert cli_main(["--paths"]) == 0
    out = capsys.readouterr().out
    assert out.count("␛]0;pwned␇") == 5
    for line in out.splitlines():
        _key, path = line.split("\t")
        assert_terminal_safe(path, newlines=False)
