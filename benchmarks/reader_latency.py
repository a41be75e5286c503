"""Reader latency benchmark (a script, not a test).

Measures, on this machine and in one run, the goals of
``/work/shared/guides/performance.md``:

* **First paint** in a real terminal (tmux 120x40): time from launching the
  process until the first screenful of article text is visible in the pane, for
  a ~600-word sample and for a 100,000-word article made by concatenating the
  samples, as a ratio to a Textual hello-world measured in the same run (paired:
  each run launches every variant once, in shuffled order, and ratios use that
  run's hello). Also the reader with annotation enabled against disabled.
* **Highlights**: launch until the quote highlights of the sample are painted,
  against the anchor "fresh Python: import spaCy, load the model, annotate".
  Needs the real annotator (``newsreader.nlp.engine.load_annotator``); the row
  is skipped with a message when it is not importable.
* **Key latency** at 100,000 words, in the app running in tmux: an
  ``events.Key`` is posted and the next frame written to the terminal that
  shows its effect is timestamped (``App._display``). For ``]`` (next quote)
  and ``pagedown``, idle and while the article is being annotated in the
  background, both in a child process (what the reader does) and, for
  comparison, in a thread of the UI process.

Usage::

    python benchmarks/reader_latency.py            # full run (~4 minutes)
    python benchmarks/reader_latency.py --quick    # fewer runs and presses

Only the standard library is imported at module level: the same file is the
launcher of every measured process (``--child ...``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).resolve()
SESSION = "newsreader-bench"
WIDTH, HEIGHT = 120, 40
HELLO_TEXT = "Hello from the benchmark hello-world"
HIGHLIGHT_MARK = "Quote – / "
"""Status-line text that appears once the annotations are applied."""
TARGET_WORDS = 100_000
UNSET_VARIABLES = ("PYTHONDONTWRITEBYTECODE", "NO_COLOR")
"""Measured processes run as an installed app would: with cached bytecode
(written under a private PYTHONPYCACHEPREFIX, never into the source tree)."""

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------------------
# Child processes (launched inside tmux)
# ---------------------------------------------------------------------------


def child_hello(args: argparse.Namespace) -> int:
    """The anchor: the smallest Textual app that paints a line of text."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Hello(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(HELLO_TEXT)

    Hello().run()
    return 0


def child_reader(args: argparse.Namespace) -> int:
    """The reader as the CLI starts it (annotation on or off): with annotation
    on, the annotation child is launched before the UI's imports."""
    from newsreader.sources import load_article

    article = load_article(args.article)
    child = None
    if args.annotate == "on":
        from newsreader.nlp.pipeline import resolve_model
        from newsreader.services.container import start_annotation_child

        child = start_annotation_child(
            article, resolve_model(), cache_dir=Path(args.cache)
        )
    from newsreader.services.container import Services, default_services
    from newsreader.ui.app import NewsReaderApp

    if args.annotate == "on":
        services = default_services(cache_dir=Path(args.cache))
    else:
        services = Services(annotator_factory=None)
    try:
        NewsReaderApp(article, services=services, child=child).run()
    finally:
        if child is not None:
            child.cancel()
    return 0


def child_timed(args: argparse.Namespace) -> int:
    """The reader with its own work timed: article load, and App() to first frame."""
    started = time.perf_counter()
    from newsreader.services.container import Services
    from newsreader.sources import load_article
    from newsreader.ui.app import NewsReaderApp

    imported = time.perf_counter()
    article = load_article(args.article)
    loaded = time.perf_counter()

    class TimedApp(NewsReaderApp):
        painted = False

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if not self.painted and renderable is not None:
                self.painted = True
                now = time.perf_counter()
                result = {
                    "imports_ms": (imported - started) * 1000,
                    "load_ms": (loaded - imported) * 1000,
                    "app_ms": (now - loaded) * 1000,
                }
                Path(args.out).write_text(json.dumps(result), encoding="utf-8")
                self.exit(0)

    TimedApp(article, services=Services(annotator_factory=None)).run()
    return 0


def child_keys(args: argparse.Namespace) -> int:
    """Key latency in the running reader, optionally with background annotation."""
    import asyncio
    import functools
    import threading

    from textual import events

    from newsreader.nlp.pipeline import resolve_model
    from newsreader.services.child import ChildProcessAnnotation, run_annotation
    from newsreader.services.container import Services, load_spacy_annotator
    from newsreader.sources import load_article
    from newsreader.store.annotation_cache import AnnotationCache
    from newsreader.ui.app import NewsReaderApp
    from newsreader.ui.widgets.article_view import ArticleView

    article = load_article(args.article)
    choice = resolve_model()
    services = Services(
        annotator_factory=None,
        engine_id=choice.engine_id,
        model_label=choice.label,
        cache=AnnotationCache(Path(args.cache)),
    )
    key, character = (
        ("right_square_bracket", "]") if args.key == "]" else ("pagedown", None)
    )

    class KeyBenchApp(NewsReaderApp):
        """The reader, timestamping the first frame that shows each key's effect."""

        latencies: list[float]
        timeouts = 0
        background_running = False
        background_child: ChildProcessAnnotation | None = None
        _pending: tuple[float, Callable[[], object], object] | None = None
        _painted: asyncio.Event

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            pending = self._pending
            if pending is not None and renderable is not None:
                started, probe, before = pending
                if probe() != before:
                    self.latencies.append(time.perf_counter() - started)
                    self._pending = None
                    self._painted.set()

        def on_mount(self) -> None:
            self.latencies = []
            self._pending = None
            self._painted = asyncio.Event()
            self.run_worker(self._press_loop(), group="bench")

        def _start_background(self) -> None:
            factory = functools.partial(load_spacy_annotator, choice)
            stop = threading.Event()
            self._stop_background = stop

            def job() -> None:
                self.background_running = True
                try:
                    run_annotation(
                        factory,
                        article,
                        isolate=args.background == "process",
                        cancelled=stop.is_set,
                        on_child=lambda child: setattr(self, "background_child", child),
                    )
                except Exception:
                    pass
                finally:
                    self.background_running = False

            threading.Thread(target=job, daemon=True).start()

        async def _press_loop(self) -> None:
            reader = self.reader
            while reader.annotation_state != "ready":
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            if args.background != "none":
                self._start_background()
                await asyncio.sleep(args.warmup)
            view = reader.query_one(ArticleView)
            probe: Callable[[], object] = (
                (lambda: reader.cursor.current)
                if args.key == "]"
                else (lambda: view.scroll_y)
            )
            for _ in range(args.presses):
                self._painted = asyncio.Event()
                self._pending = (time.perf_counter(), probe, probe())
                self.post_message(events.Key(key, character))
                try:
                    await asyncio.wait_for(self._painted.wait(), 1.0)
                except TimeoutError:
                    self.timeouts += 1
                    self._pending = None
                await asyncio.sleep(0.03 + random.random() * 0.02)
            result = {
                "latencies_ms": [latency * 1000 for latency in self.latencies],
                "timeouts": self.timeouts,
                "background_running_at_end": self.background_running,
            }
            Path(args.out).write_text(json.dumps(result), encoding="utf-8")
            if args.background != "none":
                self._stop_background.set()
                if self.background_child is not None:
                    self.background_child.cancel()
            self.exit(0)

    KeyBenchApp(article, services=services).run()
    return 0


# ---------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------


class Tmux:
    """One detached tmux session whose pane is respawned for each measurement."""

    def __init__(self, environment: dict[str, str], pause: float = 0.2) -> None:
        self.environment = environment
        self.pause = pause
        """Seconds to wait after stopping a program (its annotation child and
        the CPU it used settle before the next launch)."""
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

    def _command(self, arguments: Sequence[str]) -> str:
        prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.environment.items())
        unset = " ".join(f"-u {name}" for name in UNSET_VARIABLES)
        return f"env {unset} {prefix} " + " ".join(shlex.quote(a) for a in arguments)

    def capture(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", SESSION],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def launch(self, arguments: Sequence[str]) -> float:
        """Start ``arguments`` in the pane; returns the launch timestamp."""
        subprocess.run(
            ["tmux", "respawn-pane", "-k", "-t", SESSION, "sleep 100000"], check=True
        )
        time.sleep(0.15)
        started = time.perf_counter()
        subprocess.run(
            ["tmux", "respawn-pane", "-k", "-t", SESSION, self._command(arguments)],
            check=True,
        )
        return started

    def wait_for(
        self, marker: str, started: float, timeout: float, interval: float = 0.001
    ) -> float | None:
        """Seconds from ``started`` until ``marker`` is on screen (None on timeout).

        Polls every ``interval`` seconds (each poll runs tmux, which takes CPU
        the measured program may need on a small machine).
        """
        while time.perf_counter() - started < timeout:
            if marker in self.capture():
                return time.perf_counter() - started
            time.sleep(interval)
        return None

    def stop(self) -> None:
        subprocess.run(
            ["tmux", "respawn-pane", "-k", "-t", SESSION, "sleep 100000"], check=False
        )
        time.sleep(self.pause)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", SESSION], capture_output=True)


def child_arguments(*arguments: str) -> list[str]:
    return [sys.executable, str(SCRIPT), "--child", *arguments]


def first_body_marker(article: Any) -> str:
    """The opening characters of the first body paragraph (after headline, byline)."""
    from newsreader.ui.text import one_line

    paragraphs = article.paragraphs
    index = min(2 if article.byline else 1, len(paragraphs) - 1)
    return one_line(article.span_text(paragraphs[index]))[:30]


def build_big_article(
    samples: Sequence[Path], directory: Path
) -> tuple[Path, list[int], list[Any]]:
    """Concatenate the sample texts to >= 100,000 words; write a .txt file.

    Returns:
        The file, the start offset of every copy, and the sample article of
        every copy.
    """
    from newsreader.sources import load_article

    articles = [load_article(str(path)) for path in samples]
    pieces: list[str] = []
    copies: list[Any] = []
    offsets: list[int] = []
    words = 0
    position = 0
    while words < TARGET_WORDS:
        for article in articles:
            offsets.append(position)
            copies.append(article)
            pieces.append(article.text)
            position += len(article.text) + 2
            words += len(article.text.split())
            if words >= TARGET_WORDS:
                break
    path = directory / "hundred-thousand-words.txt"
    path.write_text("\n\n".join(pieces), encoding="utf-8")
    return path, offsets, copies


def shifted(value: Any, offset: int) -> Any:
    """A copy of a model dataclass with every Span moved by ``offset``."""
    from newsreader.model import Span

    if isinstance(value, Span):
        return Span(value.start + offset, value.end + offset)
    if isinstance(value, tuple):
        return tuple(shifted(item, offset) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: shifted(getattr(value, f.name), offset)
            for f in dataclasses.fields(value)
            if isinstance(getattr(value, f.name), Span | tuple)
            or dataclasses.is_dataclass(getattr(value, f.name))
        }
        return dataclasses.replace(value, **changes)
    return value


def cache_big_annotations(
    big_path: Path, offsets: list[int], copies: list[Any], cache_dir: Path
) -> tuple[bool, str]:
    """Annotate each sample once and assemble annotations for the big article.

    Stored in ``cache_dir`` so the key benchmark starts with highlights and no
    background work. Returns whether the real engine was used, and a note.
    """
    from newsreader.model import Annotations, Entity, Quote
    from newsreader.nlp.pipeline import resolve_model
    from newsreader.sources import load_article
    from newsreader.store.annotation_cache import AnnotationCache

    big = load_article(str(big_path))
    choice = resolve_model()
    try:
        from newsreader.nlp.engine import load_annotator

        annotator = load_annotator(choice)
        real = True
    except ImportError:
        annotator = None
        real = False
    per_sample: dict[str, Any] = {}
    quotes: list[Quote] = []
    entities: dict[tuple[str, str], Entity] = {}
    for offset, sample in zip(offsets, copies, strict=True):
        if big.text[offset : offset + len(sample.text)] != sample.text:
            return real, "big article text differs from the samples; offsets unusable"
        if sample.sha256 not in per_sample:
            per_sample[sample.sha256] = (
                annotator.annotate(sample) if annotator is not None else None
            )
        found = per_sample[sample.sha256]
        if found is None:
            continue
        for number, quote in enumerate(found.quotes):
            moved = shifted(quote, offset)
            quotes.append(
                dataclasses.replace(moved, id=f"{quote.id}-{offset}-{number}")
            )
        for entity in found.entities:
            moved = shifted(entity, offset)
            key = (entity.name, entity.label)
            if key in entities:
                old = entities[key]
                moved = dataclasses.replace(
                    old,
                    mentions=old.mentions + moved.mentions,
                    quote_count=old.quote_count + moved.quote_count,
                )
            entities[key] = moved
    annotations = Annotations(
        big.sha256, choice.engine_id, tuple(quotes), tuple(entities.values()), ()
    )
    AnnotationCache(cache_dir).put(annotations)
    note = f"{len(quotes)} quotes, {len(entities)} entities"
    return real, note


@dataclasses.dataclass
class Row:
    """One line of the results table."""

    name: str
    measured: str
    goal: str
    ok: bool | None


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(round(fraction * (len(ordered) - 1)), len(ordered) - 1)
    return ordered[index]


def spread(values: Sequence[float]) -> str:
    if not values:
        return "no data"
    low, high = min(values) * 1000, max(values) * 1000
    return f"{median(values) * 1000:.0f} ms ({low:.0f}–{high:.0f}, n={len(values)})"


def measure_first_paint(
    tmux: Tmux,
    runs: int,
    sample: Path,
    big: Path,
    markers: dict[str, str],
    cache_root: Path,
) -> dict[str, list[float]]:
    """Paired, shuffled launches; returns seconds per variant (plus per-run hello)."""
    variants: dict[str, tuple[list[str], str, float]] = {
        "hello": (child_arguments("hello"), HELLO_TEXT, 20),
        "sample-off": (
            child_arguments("reader", "--article", str(sample), "--annotate", "off"),
            markers["sample"],
            20,
        ),
        "sample-on": (
            child_arguments("reader", "--article", str(sample), "--annotate", "on"),
            markers["sample"],
            20,
        ),
        "big-off": (
            child_arguments("reader", "--article", str(big), "--annotate", "off"),
            markers["big"],
            30,
        ),
        "big-on": (
            child_arguments("reader", "--article", str(big), "--annotate", "on"),
            markers["big"],
            30,
        ),
    }
    results: dict[str, list[float]] = {name: [] for name in variants}
    results["highlights"] = []
    shuffler = random.Random(8)
    for name, (arguments, marker, timeout) in variants.items():
        # Warm-up (not recorded): fills the bytecode cache and the OS file cache.
        if name.endswith("-on"):
            arguments = [*arguments, "--cache", str(cache_root / f"warmup-{name}")]
        started = tmux.launch(arguments)
        tmux.wait_for(
            HIGHLIGHT_MARK if name == "sample-on" else marker, started, timeout
        )
        tmux.stop()
    for run in range(runs):
        order = list(variants)
        shuffler.shuffle(order)
        for name in order:
            arguments, marker, timeout = variants[name]
            if name.endswith("-on"):
                cache = cache_root / f"{name}-{run}"
                arguments = [*arguments, "--cache", str(cache)]
            started = tmux.launch(arguments)
            elapsed = tmux.wait_for(marker, started, timeout)
            if elapsed is None:
                print(f"  {name}: marker not seen (run {run})", file=sys.stderr)
                results[name].append(float("nan"))
            else:
                results[name].append(elapsed)
            if name == "sample-on":
                # Polled every 10 ms: the reader, its annotation child and
                # tmux share the cores, and the anchor runs unobserved.
                highlighted = tmux.wait_for(HIGHLIGHT_MARK, started, 30, 0.01)
                if highlighted is not None:
                    results["highlights"].append(highlighted)
            tmux.stop()
        print(f"  first-paint run {run + 1}/{runs} done", file=sys.stderr)
    return results


def measure_breakdown(
    tmux: Tmux, runs: int, articles: dict[str, Path], work: Path
) -> dict[str, dict[str, list[float]]]:
    """In-process split of the reader's start: imports, article load, app work."""
    results: dict[str, dict[str, list[float]]] = {}
    for name, path in articles.items():
        parts: dict[str, list[float]] = {"imports_ms": [], "load_ms": [], "app_ms": []}
        for run in range(runs):
            out = work / f"timed-{name}-{run}.json"
            tmux.launch(
                child_arguments("timed", "--article", str(path), "--out", str(out))
            )
            deadline = time.perf_counter() + 30
            while not out.exists() and time.perf_counter() < deadline:
                time.sleep(0.05)
            tmux.stop()
            if out.exists():
                data = json.loads(out.read_text(encoding="utf-8"))
                for key in parts:
                    parts[key].append(data[key])
        results[name] = parts
    return results


def spacy_anchor(runs: int, sample: Path) -> list[float]:
    """Fresh interpreter: import spaCy, load the model, annotate the sample."""
    from newsreader.nlp.pipeline import resolve_model
    from newsreader.sources import load_article

    choice = resolve_model()
    text = load_article(str(sample)).text
    code = (
        "import sys, spacy; nlp = spacy.load(sys.argv[1]); "
        "list(nlp.pipe(sys.stdin.read().split('\\n\\n')))"
    )
    times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code, choice.load_name],
            input=text,
            text=True,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def measure_keys(
    tmux: Tmux,
    runs: int,
    presses: int,
    big: Path,
    cache_dir: Path,
    work: Path,
    backgrounds: Sequence[str],
) -> dict[tuple[str, str], dict[str, Any]]:
    results: dict[tuple[str, str], dict[str, Any]] = {}
    for key in ("]", "pagedown"):
        for background in backgrounds:
            latencies: list[float] = []
            timeouts = 0
            overlapped = 0
            for run in range(runs):
                out = work / f"keys-{key}-{background}-{run}.json"
                arguments = child_arguments(
                    "keys",
                    "--article",
                    str(big),
                    "--cache",
                    str(cache_dir),
                    "--key",
                    key,
                    "--presses",
                    str(presses),
                    "--background",
                    background,
                    "--out",
                    str(out),
                )
                tmux.launch(arguments)
                deadline = time.perf_counter() + 180
                while not out.exists() and time.perf_counter() < deadline:
                    time.sleep(0.2)
                time.sleep(0.3)
                tmux.stop()
                if not out.exists():
                    print(
                        f"  keys {key}/{background}: no result (run {run})",
                        file=sys.stderr,
                    )
                    continue
                data = json.loads(out.read_text(encoding="utf-8"))
                latencies.extend(data["latencies_ms"])
                timeouts += data["timeouts"]
                overlapped += bool(data["background_running_at_end"])
            results[(key, background)] = {
                "latencies": latencies,
                "timeouts": timeouts,
                "overlapped": overlapped,
                "runs": runs,
            }
            print(f"  keys {key} / {background} done", file=sys.stderr)
    return results


def orchestrate(args: argparse.Namespace) -> int:
    if shutil.which("tmux") is None:
        print("tmux is required", file=sys.stderr)
        return 1
    from newsreader.resources import samples_dir
    from newsreader.sources import load_article

    samples = sorted(samples_dir().glob("*.txt"))
    if not samples:
        print("no sample articles (*.txt) in", samples_dir(), file=sys.stderr)
        return 1
    sample = next(
        (p for p in samples if p.name == "harbour-bridge-vote.txt"), samples[0]
    )
    work = Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    environment = {
        "NEWSREADER_HOME": str(work / "home"),
        "TEXTUAL_ANIMATIONS": "none",
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
    }
    big, offsets, copies = build_big_article(samples, work)
    big_article = load_article(str(big))
    sample_article = load_article(str(sample))
    markers = {
        "sample": first_body_marker(sample_article),
        "big": first_body_marker(big_article),
    }
    print(
        f"sample: {sample.name} ({len(sample_article.text.split())} words); "
        f"big: {len(big_article.text.split())} words, "
        f"{len(big_article.paragraphs)} paragraphs",
        file=sys.stderr,
    )

    engine_available = True
    engine_note = ""
    try:
        import newsreader.nlp.engine  # noqa: F401
    except ImportError as error:
        engine_available = False
        engine_note = f"newsreader.nlp.engine not importable ({error})"

    tmux = Tmux(environment, pause=args.pause)
    rows: list[Row] = []
    try:
        if args.part != "keys":
            rows += first_paint_rows(
                args, tmux, sample, big, markers, work, engine_available, engine_note
            )
        if args.part != "paint":
            rows += key_rows(args, tmux, big, offsets, copies, work, engine_available)
    finally:
        tmux.close()
    print_table(rows, args, work)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def first_paint_rows(
    args: argparse.Namespace,
    tmux: Tmux,
    sample: Path,
    big: Path,
    markers: dict[str, str],
    work: Path,
    engine_available: bool,
    engine_note: str,
) -> list[Row]:
    rows: list[Row] = []
    if True:
        print("first paint …", file=sys.stderr)
        paint = measure_first_paint(
            tmux, args.runs, sample, big, markers, work / "caches"
        )
        hello = paint["hello"]

        def ratios(name: str) -> list[float]:
            return [
                v / h
                for v, h in zip(paint[name], hello, strict=True)
                if v == v and h == h
            ]

        def ratio_pairs(a: str, b: str) -> list[float]:
            return [
                x / y
                for x, y in zip(paint[a], paint[b], strict=True)
                if x == x and y == y
            ]

        r_sample = median(ratios("sample-off"))
        r_big = median(ratios("big-off"))
        r_enabled = median(ratio_pairs("sample-on", "sample-off"))
        r_enabled_big = median(ratio_pairs("big-on", "big-off"))
        breakdown = measure_breakdown(tmux, 3, {"sample": sample, "100k": big}, work)
        rows += [
            Row("Textual hello-world, first paint", spread(hello), "anchor", None),
            Row(
                "reader, sample, first paint",
                spread(paint["sample-off"]) + f" = {r_sample:.2f}x hello",
                "≤ 1.15x hello (issue 16)",
                r_sample <= 1.15,
            ),
            Row(
                "reader, 100k words, first paint",
                spread(paint["big-off"]) + f" = {r_big:.2f}x hello",
                "≤ 1.3x hello (issue 16)",
                r_big <= 1.3,
            ),
            *(
                Row(
                    f"  in-process split, {name}",
                    " · ".join(
                        f"{key[:-3]} {median(values):.0f} ms"
                        for key, values in parts.items()
                    ),
                    "app ≤ 100 ms (G3)",
                    median(parts["app_ms"]) <= 100,
                )
                for name, parts in breakdown.items()
            ),
            Row(
                "annotation on / off, sample",
                f"{r_enabled:.2f}x ({spread(paint['sample-on'])} on)",
                "≤ 1.1x",
                r_enabled <= 1.1,
            ),
            Row(
                "annotation on / off, 100k",
                f"{r_enabled_big:.2f}x ({spread(paint['big-on'])} on)",
                "≤ 1.1x",
                r_enabled_big <= 1.1,
            ),
        ]
        if engine_available and paint["highlights"]:
            anchor = spacy_anchor(max(args.runs // 2, 3), sample)
            r_high = median(paint["highlights"]) / median(anchor)
            rows += [
                Row(
                    "spaCy anchor: import + load + annotate sample",
                    spread(anchor),
                    "anchor",
                    None,
                ),
                Row(
                    "reader, sample, highlights painted",
                    spread(paint["highlights"]) + f" = {r_high:.2f}x anchor",
                    "≤ 1.2x anchor",
                    r_high <= 1.2,
                ),
            ]
        else:
            note = engine_note if not engine_available else "highlights never appeared"
            rows.append(
                Row(
                    "reader, sample, highlights painted",
                    f"skipped: {note}",
                    "≤ 1.2x anchor",
                    None,
                )
            )

    return rows


def key_rows(
    args: argparse.Namespace,
    tmux: Tmux,
    big: Path,
    offsets: list[int],
    copies: list[Any],
    work: Path,
    engine_available: bool,
) -> list[Row]:
    rows: list[Row] = []
    if True:
        print("annotations for the 100k article …", file=sys.stderr)
        cache_dir = work / "big-cache"
        real, note = cache_big_annotations(big, offsets, copies, cache_dir)
        print(
            f"  {note} ({'real engine' if real else 'no engine: no quotes'})",
            file=sys.stderr,
        )
        backgrounds = ["none", "process", "thread"] if engine_available else ["none"]
        keys = measure_keys(
            tmux, args.key_runs, args.presses, big, cache_dir, work, backgrounds
        )
        for key in ("]", "pagedown"):
            idle = keys.get((key, "none"), {}).get("latencies", [])
            idle_p95 = percentile(idle, 0.95)
            for background in backgrounds:
                data = keys[(key, background)]
                values = data["latencies"]
                med, p95, worst = (
                    median(values),
                    percentile(values, 0.95),
                    max(values, default=float("nan")),
                )
                label = {
                    "none": "idle",
                    "process": "annotating (child process, as shipped)",
                    "thread": "annotating (in-process thread, comparison)",
                }[background]
                extra = f", timeouts {data['timeouts']}" if data["timeouts"] else ""
                if background != "none":
                    extra += f", overlap {data['overlapped']}/{data['runs']} runs"
                measured = (
                    f"{med:.1f} / {p95:.1f} / {worst:.1f} ms (n={len(values)}{extra})"
                )
                if background == "none":
                    ok = med <= 8 and p95 <= 16 and worst <= 50
                    goal = "med ≤ 8, p95 ≤ 16, max ≤ 50"
                else:
                    ok = p95 <= 1.5 * idle_p95 and p95 <= 16 and worst <= 100
                    goal = f"p95 ≤ 1.5x idle ({1.5 * idle_p95:.1f}) and ≤ 16, max ≤ 100"
                rows.append(Row(f"key {key} at 100k, {label}", measured, goal, ok))
    return rows


def print_table(rows: list[Row], args: argparse.Namespace, work: Path) -> None:
    name_width = max(len(row.name) for row in rows)
    measured_width = max(len(row.measured) for row in rows)
    print()
    print(
        f"{'metric':<{name_width}}  "
        f"{'measured (median / p95 / max for keys)':<{measured_width}}  goal"
    )
    print("-" * (name_width + measured_width + 40))
    for row in rows:
        verdict = "" if row.ok is None else ("  PASS" if row.ok else "  FAIL")
        print(
            f"{row.name:<{name_width}}  {row.measured:<{measured_width}}  "
            f"{row.goal}{verdict}"
        )
    print(
        f"\n(cpu count {os.cpu_count()}, runs {args.runs}, key runs "
        f"{args.key_runs} × {args.presses} presses; work dir {work})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--runs", type=int, default=7, help="first-paint runs")
    parser.add_argument(
        "--key-runs", type=int, default=3, help="key-latency runs per case"
    )
    parser.add_argument("--presses", type=int, default=60, help="key presses per run")
    parser.add_argument(
        "--quick", action="store_true", help="3 runs, 1 key run of 40 presses"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument(
        "--pause",
        type=float,
        default=2.0,
        help="seconds between launches (default 2: the last run's child exits)",
    )
    parser.add_argument(
        "--part",
        choices=["all", "paint", "keys"],
        default="all",
        help="what to measure",
    )
    parser.add_argument(
        "--child", choices=["hello", "reader", "keys", "timed"], help=argparse.SUPPRESS
    )
    parser.add_argument("--article", help=argparse.SUPPRESS)
    parser.add_argument(
        "--annotate", choices=["on", "off"], default="off", help=argparse.SUPPRESS
    )
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--key", help=argparse.SUPPRESS)
    parser.add_argument(
        "--background",
        choices=["none", "process", "thread"],
        default="none",
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--warmup", type=float, default=2.0, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "hello":
        return child_hello(args)
    if args.child == "reader":
        return child_reader(args)
    if args.child == "keys":
        return child_keys(args)
    if args.child == "timed":
        return child_timed(args)
    if args.quick:
        args.runs, args.key_runs, args.presses = 3, 1, 40
    return orchestrate(args)


if __name__ == "__main__":
    raise SystemExit(main())
