"""Hostile and careless use of the command line: a bad model in the config file,
termination signals, unwritable standard output and absurd bookmark ids.

Every case asserts the message, the exit code and that nothing was lost.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsreader.cli import main
from newsreader.model import Article, Span
from newsreader.resources import default_sample
from newsreader.store import locations
from newsreader.store.bookmarks import BookmarkStore

BAD_MODEL = "en_core_web_nonexistent"
CONFIG = f'# newsreader settings\nexport_dir = "~/notes"\nmodel = "{BAD_MODEL}"\n'
"""A config file whose third line names a model that is not installed."""


def newsreader(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m newsreader ARGS`` with the test's user directories."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "newsreader", *args],
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
        **kwargs,
    )


def write_bad_config() -> Path:
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG, encoding="utf-8")
    return path


def small_article() -> Article:
    paragraphs = ("Bridge vote", '"We cannot wait any longer," said Mayor Lopez.')
    text = "\n\n".join(paragraphs)
    return Article(
        text=text,
        paragraphs=(Span(0, 11), Span(13, len(text))),
        title=paragraphs[0],
        source="bridge.txt",
    )


# -- an unknown model in config.toml -----------------------------------------------


def fallback_line(config: Path) -> str:
    return f"{config} line 3: model '{BAD_MODEL}' is not installed; using "


@pytest.mark.parametrize(
    "command",
    [("annotate", str(default_sample())), ("export", str(default_sample()), "-o", "-")],
    ids=["annotate", "export"],
)
def test_unknown_configured_model_falls_back_with_the_config_line(
    command: tuple[str, ...],
) -> None:
    config = write_bad_config()
    result = newsreader(*command)
    assert result.returncode == 0, result.stderr
    assert fallback_line(config) in result.stderr
    assert "--model" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    # The work was done with the default model: a quote table, or an export.
    done = "QUOTES (" if command[0] == "annotate" else "schema: newsreader-quotes/"
    assert done in result.stdout
    assert config.read_text(encoding="utf-8") == CONFIG


@pytest.mark.parametrize(
    "command",
    [
        ("annotate", "--model", BAD_MODEL, str(default_sample())),
        ("export", "--model", BAD_MODEL, str(default_sample()), "-o", "-"),
        ("--model", BAD_MODEL, str(default_sample())),
    ],
    ids=["annotate", "export", "reader"],
)
def test_unknown_model_on_the_command_line_is_a_usage_error(
    command: tuple[str, ...],
) -> None:
    result = newsreader(*command, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert BAD_MODEL in result.stderr and "--model" in result.stderr
    assert "Traceback" not in result.stderr


async def test_the_reader_opens_and_announces_the_model_fallback() -> None:
    from newsreader.ui.app import build_reader

    config = write_bad_config()
    BookmarkStore().save(small_article())  # so the library opens, not the sample
    app = build_reader(None)
    shown: list[str] = []
    original: Callable[..., None] = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any(note.startswith(fallback_line(config)) for note in shown), shown
    assert app.services.model_label != BAD_MODEL


# -- termination signals ----------------------------------------------------------

ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_ON = b"\x1b[?1000h"
MOUSE_OFF = (b"\x1b[?1000l", b"\x1b[?1003l")


class Terminal:
    """The reader running in a pseudo-terminal, with everything it wrote."""

    def __init__(self, process: subprocess.Popen[bytes], master: int) -> None:
        self.process = process
        self.master = master
        self.output = bytearray()

    def read_until(self, done: Callable[[bytes], bool], timeout: float) -> bool:
        """Collect output until ``done(output)`` or the terminal closes."""
        deadline = time.monotonic() + timeout
        while not done(bytes(self.output)) and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # the other side closed (EIO on Linux)
                break
            if not chunk:
                break
            self.output.extend(chunk)
        return done(bytes(self.output))


@contextmanager
def reader_in_terminal(*args: str) -> Iterator[Terminal]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "newsreader", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(slave)
    try:
        yield Terminal(process, master)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        os.close(master)


def painted(output: bytes) -> bool:
    """The app switched to the alternate screen, turned the mouse on and drew."""
    return (
        ENTER_ALTERNATE_SCREEN in output and MOUSE_ON in output and len(output) > 2000
    )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_termination_signal_restores_the_terminal(
    tmp_path: Path, signum: signal.Signals
) -> None:
    story = tmp_path / "story.txt"
    story.write_text('Bridge vote\n\n"We cannot wait," said Mayor Lopez.\n')
    with reader_in_terminal(str(story)) as terminal:
        assert terminal.read_until(painted, 30), bytes(terminal.output[-500:])
        before = len(terminal.output)
        terminal.process.send_signal(signum)
        terminal.read_until(lambda out: False, 8)
        code = terminal.process.wait(10)
    after = bytes(terminal.output[before:])
    assert LEAVE_ALTERNATE_SCREEN in after
    assert all(sequence in after for sequence in MOUSE_OFF)
    assert code == 128 + signum


def test_the_reader_opens_despite_an_unknown_configured_model(tmp_path: Path) -> None:
    write_bad_config()
    story = tmp_path / "story.txt"
    story.write_text('Bridge vote\n\n"We cannot wait," said Mayor Lopez.\n')
    with reader_in_terminal(str(story)) as terminal:
        assert terminal.read_until(painted, 30), bytes(terminal.output[-500:])
        assert terminal.process.poll() is None  # still running
        terminal.process.send_signal(signal.SIGTERM)
        assert terminal.process.wait(10) == 128 + signal.SIGTERM


# -- unwritable standard output ----------------------------------------------------


def with_a_bookmark() -> None:
    BookmarkStore().save(small_article(), marked_quote_ids=["q-1"])


FULL_OUTPUT_CASES = [
    ("annotate", str(default_sample())),
    ("export", str(default_sample()), "-o", "-"),
    ("bookmarks", "list"),
    ("--paths",),
]


@pytest.mark.parametrize(
    "command", FULL_OUTPUT_CASES, ids=["annotate", "export", "bookmarks", "paths"]
)
def test_a_full_standard_output_is_one_line(command: tuple[str, ...]) -> None:
    with_a_bookmark()
    with open("/dev/full", "w") as full:
        result = newsreader(*command, stdout=full)
    assert result.returncode == 1
    assert result.stderr == (
        "newsreader: cannot write the output: No space left on device\n"
    )
    assert [b.title for b in BookmarkStore().list()] == ["Bridge vote"]


@pytest.mark.parametrize(
    "command", FULL_OUTPUT_CASES, ids=["annotate", "export", "bookmarks", "paths"]
)
def test_a_closed_pipe_ends_quietly(command: tuple[str, ...]) -> None:
    with_a_bookmark()
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader of the pipe has gone, as after `| head -c 10`
    try:
        result = newsreader(*command, stdout=write_end)
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 128 + signal.SIGPIPE


# -- absurd bookmark ids -----------------------------------------------------------

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("action", ["show", "remove", "export"])
def test_a_huge_bookmark_id_is_no_bookmark(
    action: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with_a_bookmark()
    assert main(["bookmarks", action, HUGE]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"newsreader: no bookmark with id {HUGE} (see 'newsreader bookmarks list')"
    ]
    assert len(BookmarkStore().list()) == 1


HANGING_EXIT = """
import asyncio, sys
import newsreader.ui.app as app_module

class HangingApp:
    # An app whose orderly exit never finishes (as when the terminal has gone).
    def exit(self, result=None, return_code=0):
        pass

    async def run_async(self):
        print("running", flush=True)
        await asyncio.Event().wait()

app_module.SIGNAL_EXIT_GRACE = 0.5
asyncio.run(app_module._run_until_signalled(HangingApp()))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_termination_signal_ends_the_reader_even_when_its_exit_hangs(
    signum: signal.Signals,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HANGING_EXIT], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "running"
        process.send_signal(signum)
        code = process.wait(10)
    finally:
        process.kill()
    assert code == 128 + signum
