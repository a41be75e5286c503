"""Key latency through a real terminal: the figures users feel (a script, not a test).

Everything is measured from OUTSIDE the process under test. The app runs in a
tmux pane (120x40); the benchmark sends a key with ``tmux send-keys`` and polls
``tmux capture-pane`` until the pane shows the key's effect. Latency = key sent
→ effect visible, so it includes the terminal round trip that an in-app
timer never sees.

Measured on one 100,000-word article (the sample articles repeated):

* the reader, idle (annotations already cached): ``]`` (next quote), ``j``,
  PgDn, ``/`` (search bar opens), each search character (until the bar shows
  the new match count, i.e. the search finished and was painted) and ``esc``
  (search bar closed);
* the reader while the article is being annotated (empty cache: the
  annotation child runs through the whole measurement): the same keys but
  ``]`` (there are no quotes yet);
* anchors in the same run, same method: ``less`` on the same file (``j``,
  PgDn), a Textual hello-world app (``esc`` changes its one line) and the
  framework's own floor for scrolling: Textual's stock ``ScrollView`` showing
  the same file as plain wrapped text, with its stock scrollbar (``j``,
  PgDn), so a ratio to ``less`` can be split into what Textual costs and what
  the reader adds.

Goals (issue 16): ``]``, ``j``, PgDn median ≤ 1.5x ``less`` and p95 ≤ 2x;
a search keystroke p95 ≤ 50 ms; ``esc`` median ≤ 1.5x the hello app's.

Usage::

    python benchmarks/terminal_latency.py            # 3 runs x 30 presses per key
    python benchmarks/terminal_latency.py --quick    # 1 run x 20 presses

Only the standard library is imported at module level: the same file is the
launcher of the hello-world anchor (``--child hello``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).resolve()
SESSION = "newsreader-terminal-bench"
WIDTH, HEIGHT = 120, 40
HELLO_TEXT = "Hello from the terminal benchmark"
HELLO_OTHER = "Escape pressed"
TARGET_WORDS = 100_000
SEARCH_WORD = "said"
"""Typed one character at a time; every prefix has a different match count."""
TIMEOUT = 2.0
"""Seconds to wait for a key's effect before counting a timeout."""

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def child_hello() -> int:
    """The anchor: the smallest Textual app whose screen answers ``esc``."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    class Hello(App[None]):
        BINDINGS: ClassVar = [Binding("escape", "flip", "Flip")]

        def compose(self) -> ComposeResult:
            yield Static(HELLO_TEXT, id="line")

        def action_flip(self) -> None:
            line = self.query_one("#line", Static)
            shown = str(line.render())
            line.update(HELLO_OTHER if shown == HELLO_TEXT else HELLO_TEXT)

    Hello().run()
    return 0


def child_scroll(path: str) -> int:
    """The floor: Textual's stock ScrollView scrolling the file as plain text."""
    import textwrap

    from rich.segment import Segment
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    lines: list[str] = []
    for paragraph in Path(path).read_text(encoding="utf-8").split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, 76) or [""])
        lines.append("")

    class PlainView(ScrollView, can_focus=True):
        BINDINGS: ClassVar = [
            Binding("j", "scroll_down", "Down"),
            Binding("pagedown", "page_down", "Page down"),
        ]

        def on_mount(self) -> None:
            self.virtual_size = Size(80, len(lines))

        def render_line(self, y: int) -> Strip:
            line = self.scroll_offset.y + y
            return Strip([Segment(lines[line] if line < len(lines) else "")])

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield PlainView()

    Floor().run()
    return 0


# ---------------------------------------------------------------------------
# The terminal
# ---------------------------------------------------------------------------


class Pane:
    """One detached tmux session whose pane is respawned for each program."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.environment = environment
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                SESSION,
                "-x",
                str(WIDTH),
                "-y",
                str(HEIGHT),
                "sleep 100000",
            ],
            check=True,
        )
        subprocess.run(
            ["tmux", "set-option", "-t", SESSION, "remain-on-exit", "on"], check=True
        )

    def launch(self, arguments: Sequence[str]) -> None:
        prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.environment.items())
        command = f"env -u NO_COLOR {prefix} " + " ".join(
            shlex.quote(a) for a in arguments
        )
        subprocess.run(
            ["tmux", "respawn-pane", "-k", "-t", SESSION, command], check=True
        )

    def rows(self) -> list[str]:
        """The pane's rows, with colours (so a restyled line counts as changed)."""
        output = subprocess.run(
            ["tmux", "capture-pane", "-p", "-e", "-t", SESSION],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        rows = output.split("\n")[:HEIGHT]
        return rows + [""] * (HEIGHT - len(rows))

    def send(self, key: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", SESSION, key], check=True)

    def wait_for(self, condition: Callable[[list[str]], bool], timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if condition(self.rows()):
                return True
            time.sleep(0.0005)
        return False

    def stop(self) -> None:
        subprocess.run(
            ["tmux", "respawn-pane", "-k", "-t", SESSION, "sleep 100000"], check=False
        )
        time.sleep(0.3)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)


ANSI = re.compile(r"\x1b\[[0-9;:]*[A-Za-z]")


def plain(row: str) -> str:
    return ANSI.sub("", row)


def digest(rows: Sequence[str]) -> str:
    return hashlib.blake2b("\n".join(rows).encode(), digest_size=16).hexdigest()


@dataclass
class Probe:
    """One key and how to tell that its effect is on screen."""

    name: str
    tmux_key: str
    changed: Callable[[list[str], list[str]], bool]
    """``changed(before, now)``: the key's effect is visible."""


def region_changed(skip_bottom: int) -> Callable[[list[str], list[str]], bool]:
    """The rows above the last ``skip_bottom`` rows differ (colours included)."""

    def changed(before: list[str], now: list[str]) -> bool:
        end = HEIGHT - skip_bottom
        return digest(before[:end]) != digest(now[:end])

    return changed


def search_bar_row(rows: Sequence[str]) -> str | None:
    """The reader's search bar row (`` /query … count``), if shown.

    The bar takes the status line's row, right above the footer.
    """
    text = plain(rows[HEIGHT - 2])
    return text.rstrip() if text.startswith(" /") else None


def search_count_shown(expected: str) -> Callable[[list[str], list[str]], bool]:
    """The search bar shows ``expected`` (``k / N`` with that N, or "no matches")."""

    def changed(before: list[str], now: list[str]) -> bool:
        row = search_bar_row(now)
        if row is None:
            return False
        if expected == "no matches":
            return row.endswith("no matches")
        return re.search(rf"\d+ / {re.escape(expected)}$", row) is not None

    return changed


def bar_opened(before: list[str], now: list[str]) -> bool:
    return search_bar_row(now) is not None


def bar_closed(before: list[str], now: list[str]) -> bool:
    return search_bar_row(now) is None


def hello_toggled(before: list[str], now: list[str]) -> bool:
    return digest(before) != digest(now)


@dataclass
class Series:
    """Latencies of one key in one setting."""

    values: list[float] = field(default_factory=list)
    timeouts: int = 0

    def add(self, seconds: float | None) -> None:
        if seconds is None:
            self.timeouts += 1
        else:
            self.values.append(seconds * 1000)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def p95(self) -> float:
        ordered = sorted(self.values)
        if not ordered:
            return float("nan")
        return ordered[min(round(0.95 * (len(ordered) - 1)), len(ordered) - 1)]

    def describe(self) -> str:
        if not self.values:
            return f"no data (timeouts {self.timeouts})"
        extra = f", timeouts {self.timeouts}" if self.timeouts else ""
        return (
            f"{self.median:6.1f} / {self.p95:6.1f} / {max(self.values):6.1f} ms "
            f"(n={len(self.values)}{extra})"
        )


def press(pane: Pane, probe: Probe, series: Series) -> None:
    """Send one key; record the time until its effect is on screen."""
    before = pane.rows()
    started = time.perf_counter()
    pane.send(probe.tmux_key)
    ok = pane.wait_for(lambda now: probe.changed(before, now), TIMEOUT)
    series.add(time.perf_counter() - started if ok else None)
    time.sleep(0.08 + random.random() * 0.04)  # a reader's pace, not a burst


# ---------------------------------------------------------------------------
# Article and annotations
# ---------------------------------------------------------------------------


def build_article(directory: Path) -> tuple[Path, str, str]:
    """The sample articles repeated to >= 100,000 words, with real annotations.

    Each sample is annotated once with the real engine and its quotes and
    entities are shifted to every copy (annotating 100,000 words would take
    minutes); they are stored in ``directory/idle-home/cache``.

    Returns:
        The article file, its text, and a note on the stored annotations.
    """
    sys.path.insert(0, str(SCRIPT.parent))
    from reader_latency import build_big_article, cache_big_annotations

    from newsreader.resources import samples_dir

    samples = sorted(samples_dir().glob("*.txt"))
    path, offsets, copies = build_big_article(samples, directory)
    cache = directory / "idle-home" / "cache"
    real, note = cache_big_annotations(path, offsets, copies, cache)
    return (
        path,
        path.read_text(encoding="utf-8"),
        (note if real else "no spaCy engine: no quotes"),
    )


def expected_counts(text: str, word: str) -> list[str]:
    """What the search bar's count shows after each typed prefix of ``word``."""
    from newsreader.ui.navigation import find_matches

    shown: list[str] = []
    for end in range(1, len(word) + 1):
        found = len(find_matches(text, word[:end]))
        shown.append(str(found) if found else "no matches")
    return shown


# ---------------------------------------------------------------------------
# Runs
# ---------------------------------------------------------------------------

READY = "Quote – / "
"""Status-line text once annotations are applied (no current quote yet)."""


def wait_text(pane: Pane, text: str, timeout: float) -> bool:
    return pane.wait_for(lambda rows: any(text in plain(r) for r in rows), timeout)


def reader_session(
    pane: Pane,
    article: Path,
    home: Path,
    presses: int,
    counts: list[str],
    results: dict[str, Series],
    *,
    annotating: bool,
) -> bool:
    """One reader launch; press every key ``presses`` times (search: cycles)."""
    pane.environment["NEWSREADER_HOME"] = str(home)
    pane.launch([sys.executable, "-m", "newsreader", str(article)])
    marker = "⟳ annotating" if annotating else READY
    if not wait_text(pane, marker, 60):
        print(f"  reader never showed {marker!r}", file=sys.stderr)
        pane.stop()
        return False
    time.sleep(1.0)  # let the side pane mount
    # While annotating the status line's progress changes by itself: judge
    # scrolling by the rows above it (the status and footer rows).
    scroll_skip = 2
    probes = [
        Probe("j", "j", region_changed(scroll_skip)),
        Probe("PgDn", "PageDown", region_changed(scroll_skip)),
    ]
    if not annotating:
        probes.insert(0, Probe("]", "]", region_changed(1)))
    for probe in probes:
        for _ in range(presses):
            press(pane, probe, results[probe.name])
    # Search cycles: "/", each character of the word, esc.
    cycles = max(presses // (len(SEARCH_WORD) + 2), 3)
    for _ in range(cycles):
        press(pane, Probe("/", "/", bar_opened), results["/"])
        for character, count in zip(SEARCH_WORD, counts, strict=True):
            press(
                pane,
                Probe("search key", character, search_count_shown(count)),
                results["search key"],
            )
        press(pane, Probe("esc", "Escape", bar_closed), results["esc"])
    still = annotating and any("⟳ annotating" in plain(r) for r in pane.rows())
    pane.stop()
    if annotating and not still:
        print("  annotation finished before the keys did", file=sys.stderr)
    return True


def less_session(
    pane: Pane, article: Path, presses: int, results: dict[str, Series]
) -> None:
    pane.launch(["less", str(article)])
    wait_text(pane, "", 5)
    time.sleep(0.5)
    scroll_presses(pane, presses, results)
    pane.stop()


def scroll_presses(pane: Pane, presses: int, results: dict[str, Series]) -> None:
    """``j`` then PgDn, ``presses`` times each, judged by every row but the last."""
    for probe in (
        Probe("j", "j", region_changed(1)),
        Probe("PgDn", "PageDown", region_changed(1)),
    ):
        for _ in range(presses):
            press(pane, probe, results[probe.name])


def scroll_session(
    pane: Pane, article: Path, presses: int, results: dict[str, Series]
) -> None:
    pane.launch([sys.executable, str(SCRIPT), "--child", "scroll", str(article)])
    if not pane.wait_for(lambda rows: any(plain(r).strip() for r in rows), 30):
        print("  scroll floor app never painted", file=sys.stderr)
        pane.stop()
        return
    time.sleep(1.0)
    scroll_presses(pane, presses, results)
    pane.stop()


def hello_session(pane: Pane, presses: int, results: dict[str, Series]) -> None:
    pane.launch([sys.executable, str(SCRIPT), "--child", "hello"])
    if not wait_text(pane, HELLO_TEXT, 30):
        print("  hello app never painted", file=sys.stderr)
        pane.stop()
        return
    time.sleep(0.5)
    for _ in range(presses):
        press(pane, Probe("esc", "Escape", hello_toggled), results["esc"])
    pane.stop()


def new_results() -> dict[str, Series]:
    return {name: Series() for name in ("]", "j", "PgDn", "/", "search key", "esc")}


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b == b and b > 0 and a == a else "n/a"


def report(
    idle: dict[str, Series],
    busy: dict[str, Series],
    less: dict[str, Series],
    hello: dict[str, Series],
    floor: dict[str, Series],
) -> list[str]:
    lines = [
        f"{'what':<44} {'median / p95 / max':<44} goal",
        "-" * 120,
    ]

    def row(name: str, series: Series, goal: str = "") -> None:
        lines.append(f"{name:<44} {series.describe():<44} {goal}")

    row("less: j", less["j"], "anchor")
    row("less: PgDn", less["PgDn"], "anchor")
    row("Textual hello-world: esc", hello["esc"], "anchor")
    for key in ("j", "PgDn"):
        series = floor[key]
        row(
            f"Textual stock ScrollView: {key}",
            series,
            f"floor: median {ratio(series.median, less[key].median)}, "
            f"p95 {ratio(series.p95, less[key].p95)} less",
        )
    for label, results in (("idle", idle), ("annotating", busy)):
        for key in ("]", "j", "PgDn"):
            series = results[key]
            if not series.values:
                continue
            like = key if key != "]" else "PgDn"
            anchor = less[like]
            ok = series.median <= 1.5 * anchor.median and series.p95 <= 2 * anchor.p95
            row(
                f"reader {label}: {key}",
                series,
                f"median {ratio(series.median, anchor.median)}, "
                f"p95 {ratio(series.p95, anchor.p95)} less "
                f"(≤ 1.5x, ≤ 2x) {'PASS' if ok else 'FAIL'}; "
                f"{ratio(series.median, floor[like].median)} floor",
            )
        series = results["/"]
        row(
            f"reader {label}: / (bar open)",
            series,
            f"{ratio(series.median, hello['esc'].median)} hello esc",
        )
        series = results["search key"]
        row(
            f"reader {label}: search key ('{SEARCH_WORD}')",
            series,
            f"p95 ≤ 50 ms {'PASS' if series.p95 <= 50 else 'FAIL'}",
        )
        series = results["esc"]
        ok = series.median <= 1.5 * hello["esc"].median
        row(
            f"reader {label}: esc (bar closed)",
            series,
            f"median {ratio(series.median, hello['esc'].median)} hello esc "
            f"(≤ 1.5x) {'PASS' if ok else 'FAIL'}",
        )
    return lines


def orchestrate(args: argparse.Namespace) -> int:
    if shutil.which("tmux") is None or shutil.which("less") is None:
        print("tmux and less are required", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="newsreader-terminal-bench-"))
    print("building the article and its cached annotations …", file=sys.stderr)
    article, text, note = build_article(work)
    print(f"  {len(text.split())} words; {note}", file=sys.stderr)
    idle_home, busy_home = work / "idle-home", work / "busy-home"
    counts = expected_counts(text, SEARCH_WORD)
    base_environment = {
        "TEXTUAL_ANIMATIONS": "none",
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "LESS": "",
    }
    idle, busy = new_results(), new_results()
    less, hello, floor = new_results(), new_results(), new_results()
    pane = Pane(base_environment)
    try:
        for run in range(args.runs):
            # One of each per run, in a shuffled order, so drift in the
            # machine's load touches every program alike.
            jobs: list[Callable[[], object]] = [
                partial(less_session, pane, article, args.presses, less),
                partial(hello_session, pane, args.presses, hello),
                partial(scroll_session, pane, article, args.presses, floor),
                partial(
                    reader_session,
                    pane,
                    article,
                    idle_home,
                    args.presses,
                    counts,
                    idle,
                    annotating=False,
                ),
                partial(
                    reader_session,
                    pane,
                    article,
                    busy_home / f"run-{run}",
                    args.presses,
                    counts,
                    busy,
                    annotating=True,
                ),
            ]
            random.shuffle(jobs)
            for job in jobs:
                job()
                pane.environment = dict(base_environment)
            print(f"  run {run + 1}/{args.runs} done", file=sys.stderr)
    finally:
        pane.close()
    print()
    print("\n".join(report(idle, busy, less, hello, floor)))
    print(
        f"\n(tmux {WIDTH}x{HEIGHT}; send-keys → capture-pane polling; "
        f"cpu count {os.cpu_count()}; {args.runs} runs x {args.presses} presses; "
        f"search word {SEARCH_WORD!r})"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"work dir {work}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--presses", type=int, default=30, help="presses per key")
    parser.add_argument("--quick", action="store_true", help="1 run, 20 presses")
    parser.add_argument("--keep", action="store_true", help="keep the work dir")
    parser.add_argument("--child", choices=["hello", "scroll"], help=argparse.SUPPRESS)
    parser.add_argument("child_file", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "hello":
        return child_hello()
    if args.child == "scroll":
        return child_scroll(args.child_file)
    if args.quick:
        args.runs, args.presses = 1, 20
    return orchestrate(args)


if __name__ == "__main__":
    raise SystemExit(main())
