"""Reader memory with a long article, against a Textual app holding the same text.

A script, not a test. The reader runs in a tmux pane (120x40) on an article of
the sample texts repeated to the given number of words, with real annotations
of the samples shifted to every copy and served from the annotation cache (so
no annotation child runs and the figure is the reader's own). Once the
annotations are applied and the side pane has filled (3 s after the status
line shows them), its resident memory (``VmRSS``) is read from ``/proc``, and
so is its peak (``VmHWM``).

The anchor, measured the same way in the same run: a Textual hello-world that
reads the same file into a string it keeps, and shows one line.

Goal (issue 16): reader memory at 1,000,000 words ≤ 2x the anchor.

Usage::

    python benchmarks/reader_memory.py                 # 1,000,000 words, 2 runs
    python benchmarks/reader_memory.py --words 100000 --runs 1

Only the standard library is imported at module level: the same file is the
launcher of the anchor (``--child hello FILE``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parents[1]
HELLO_TEXT = "Hello, holding the article"
SETTLE = 3.0
"""Seconds after the annotations show before memory is read."""

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child_hello(path: str) -> int:
    """The anchor: a Textual app that keeps the article's text and shows a line."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    text = Path(path).read_text(encoding="utf-8")

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(f"{HELLO_TEXT} ({len(text):,} characters)")

    Hello().run()
    return 0


def memory_of(pid: int) -> tuple[float, float]:
    """Resident and peak resident memory of ``pid``, in MiB."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def pane_pid(terminal_latency: object) -> int:
    """The process running in the benchmark's tmux pane."""
    session = terminal_latency.SESSION  # type: ignore[attr-defined]
    output = subprocess.run(
        ["tmux", "display-message", "-p", "-t", session, "#{pane_pid}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(output.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", choices=["hello"], help=argparse.SUPPRESS)
    parser.add_argument("child_file", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "hello":
        return child_hello(args.child_file)

    sys.path.insert(0, str(SCRIPT.parent))
    import terminal_latency as terminal
    from ui_stalls import build

    directory = Path(tempfile.mkdtemp(prefix="newsreader-memory-"))
    print(f"building {args.words:,} words …", file=sys.stderr)
    article, cache, note = build(args.words, directory)
    print(f"  {note}", file=sys.stderr)
    home = directory / "home"
    home.mkdir()
    (home / "cache").symlink_to(cache)
    pane = terminal.Pane(
        {
            "TEXTUAL_ANIMATIONS": "none",
            "PYTHONPATH": str(ROOT),
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "NEWSREADER_HOME": str(home),
        }
    )
    readers: list[tuple[float, float]] = []
    anchors: list[tuple[float, float]] = []
    try:
        for _ in range(args.runs):
            pane.launch([sys.executable, "-m", "newsreader", str(article)])
            if not terminal.wait_text(pane, terminal.READY, 120):
                print("  the reader never showed its annotations", file=sys.stderr)
                return 1
            time.sleep(SETTLE)
            readers.append(memory_of(pane_pid(terminal)))
            pane.stop()
            pane.launch([sys.executable, str(SCRIPT), "--child", "hello", str(article)])
            if not terminal.wait_text(pane, HELLO_TEXT, 60):
                print("  the anchor never painted", file=sys.stderr)
                return 1
            time.sleep(SETTLE)
            anchors.append(memory_of(pane_pid(terminal)))
            pane.stop()
    finally:
        pane.close()
    reader_rss = statistics.median(rss for rss, _ in readers)
    reader_peak = statistics.median(peak for _, peak in readers)
    anchor_rss = statistics.median(rss for rss, _ in anchors)
    anchor_peak = statistics.median(peak for _, peak in anchors)
    ratio = reader_rss / anchor_rss
    print(f"{'process':<44} {'RSS MiB':>9} {'peak MiB':>9}")
    anchor_name = "Textual hello holding the text (anchor)"
    print(f"{anchor_name:<44} {anchor_rss:9.1f} {anchor_peak:9.1f}")
    print(f"{'reader, annotations applied':<44} {reader_rss:9.1f} {reader_peak:9.1f}")
    verdict = "PASS" if ratio <= 2 else "FAIL"
    print(
        f"\nreader / anchor: {ratio:.2f}x RSS, {reader_peak / anchor_peak:.2f}x peak "
        f"(goal ≤ 2x RSS) {verdict}  ({args.words:,} words, {args.runs} runs, medians)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
