"""Running the annotator off the UI thread: in the worker thread or a child process.

The reader's worker thread calls :func:`run_annotation`. With
``Services.isolate`` the annotator factory and the article are pickled to a
child process (see :func:`child_command`), which imports spaCy,
annotates and pickles the :class:`~newsreader.model.Annotations` back. That
keeps spaCy's CPU work and memory out of the UI process (no GIL contention with
key handling) and makes cancelling instant: the child is killed instead of
waiting for a long call inside spaCy to return.

This module imports no Textual, so the child process starts lean.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from newsreader.model import Annotations, Article
from newsreader.nlp import (
    AnnotationCancelled,
    Annotator,
    CancelCheck,
    ModelError,
    ProgressCallback,
)

AnnotatorFactory = Callable[[], Annotator]
"""Builds an annotator; may be slow (imports spaCy and loads a model)."""


def describe_error(error: BaseException) -> str:
    """One line telling the user why annotation failed."""
    message = " ".join(str(error).split())
    if isinstance(error, ModelError):
        return message or "the spaCy model could not be loaded"
    name = type(error).__name__
    return f"{name}: {message}" if message else name


class ChildProcessAnnotation:
    """One annotation run in a child Python process.

    :meth:`start` launches the child early (it imports the ``preload`` modules,
    typically spaCy, while the reader is still painting); :meth:`run` sends the
    job and blocks the calling (worker) thread until the result arrives.
    :meth:`cancel` may be called from any thread and makes :meth:`run` raise
    :class:`AnnotationCancelled` promptly.
    """

    def __init__(
        self,
        factory: AnnotatorFactory,
        article: Article,
        *,
        preload: tuple[str, ...] = (),
    ) -> None:
        self._factory = factory
        self._article = article
        self._preload = preload
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The child's process id once started."""
        return None if self._process is None else self._process.pid

    def cancel(self) -> None:
        """Stop the child (kill it) and make :meth:`run` return."""
        self._cancelled.set()
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                process.kill()

    def start(self) -> None:
        """Launch the child now (idempotent); it waits for the job on stdin."""
        with self._lock:
            if self._process is not None or self._cancelled.is_set():
                return
            environment = dict(os.environ)
            environment[IMPORT_PATH_VARIABLE] = os.pathsep.join(child_import_path())
            environment.pop("NO_COLOR", None)
            # Closed by run(); an unused child's file is closed with the object.
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115
            self._process = subprocess.Popen(
                child_command(self._preload),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=environment,
                start_new_session=True,
            )

    def run(self, progress: ProgressCallback | None = None) -> Annotations:
        """Annotate in the child and return the result.

        Raises:
            AnnotationCancelled: :meth:`cancel` was called.
            ModelError: The child could not load the model.
            RuntimeError: The child failed or died.
        """
        payload = pickle.dumps((self._factory, self._article), pickle.HIGHEST_PROTOCOL)
        self.start()
        process, stderr = self._process, self._stderr
        if process is None or stderr is None:
            raise AnnotationCancelled()
        try:
            return self._exchange(process, payload, stderr, progress)
        finally:
            if process.poll() is None:
                with contextlib.suppress(OSError):
                    process.kill()
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                process.wait(timeout=1)
            stderr.close()

    def _exchange(
        self,
        process: subprocess.Popen[bytes],
        payload: bytes,
        stderr: IO[bytes],
        progress: ProgressCallback | None,
    ) -> Annotations:
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(payload)
            process.stdin.close()
        except OSError:
            pass  # the child died early; its exit status explains why
        while True:
            try:
                frame: tuple[Any, ...] = pickle.load(process.stdout)
            except (EOFError, OSError, pickle.UnpicklingError, ValueError):
                break
            kind = frame[0]
            if kind == "progress" and progress is not None:
                progress(int(frame[1]), int(frame[2]))
            elif kind == "done":
                annotations = frame[1]
                if not isinstance(annotations, Annotations):
                    raise RuntimeError("annotation process returned no annotations")
                return annotations
            elif kind == "model-error":
                raise ModelError(str(frame[1]))
            elif kind == "error":
                raise RuntimeError(str(frame[1]))
        if self._cancelled.is_set():
            raise AnnotationCancelled()
        code = process.wait()
        stderr.seek(0)
        lines = stderr.read().decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1] if lines else f"exit status {code}"
        raise RuntimeError(f"annotation process failed: {detail}")


def run_annotation(
    factory: AnnotatorFactory,
    article: Article,
    *,
    isolate: bool,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    on_child: Callable[[ChildProcessAnnotation], None] | None = None,
    child: ChildProcessAnnotation | None = None,
) -> Annotations:
    """Annotate ``article`` in this thread or, with ``isolate``, in a child process.

    Args:
        factory: Builds the annotator (pickled to the child when isolating).
        article: The article.
        isolate: Run in a child process.
        progress: Called with ``(done, total)`` paragraph counts.
        cancelled: Polled between paragraphs (in-thread) to stop early.
        on_child: Receives the child-process handle, so the caller can cancel it.
        child: An already started child to use (see
            :meth:`ChildProcessAnnotation.start`) instead of a new one.

    Raises:
        AnnotationCancelled: Cancelled before finishing.
        ModelError: The model could not be loaded.
        Exception: Whatever the annotator raised.
    """
    if not isolate:
        annotator = factory()
        if cancelled is not None and cancelled():
            raise AnnotationCancelled()
        return annotator.annotate(article, progress=progress, cancelled=cancelled)
    job = child if child is not None else ChildProcessAnnotation(factory, article)
    if on_child is not None:
        on_child(job)
    if cancelled is not None and cancelled():
        job.cancel()
    return job.run(progress)


IMPORT_PATH_VARIABLE = "NEWSREADER_CHILD_IMPORT_PATH"
"""Environment variable carrying :func:`child_import_path` to the child."""

CHILD_NICENESS = 5
"""How much lower the child's CPU priority is than the reader's: when both
want the CPU (spaCy loading while the reader paints, annotating while the
reader scrolls), the reader's frames come first."""

_BOOTSTRAP = (
    "import os, sys\n"
    "try:\n"
    f"    os.nice({CHILD_NICENESS})\n"
    "except (AttributeError, OSError):\n"
    "    pass\n"
    f"extra = os.environ.pop({IMPORT_PATH_VARIABLE!r}, '')\n"
    "sys.path.extend(path for path in extra.split(os.pathsep) if path)\n"
    "from newsreader.services.child import _child_main\n"
    "raise SystemExit(_child_main(sys.argv[1:]))\n"
)
"""The child's entry point, run by ``python -I -c``."""


def child_command(preload: tuple[str, ...] = ()) -> list[str]:
    """The command line that starts an annotation child.

    Isolated mode (``-I``) leaves the working directory, the script directory,
    ``PYTHONPATH`` and the user's site-packages off ``sys.path``, so a
    ``spacy.py`` wherever the user runs ``newsreader`` is never imported.
    """
    return [sys.executable, "-I", "-c", _BOOTSTRAP, *preload]


def child_import_path() -> list[str]:
    """Directories the child appends to its isolated ``sys.path``.

    The child must unpickle the annotator factory, so it needs the modules this
    process imports from: the directory holding the ``newsreader`` package and
    this process's other import directories, except the working directory.
    They come after the installed environment, so they can add modules it
    lacks but never replace one it has.
    """
    try:
        here: Path | None = Path.cwd().resolve()
    except OSError:  # the working directory was deleted
        here = None
    package_root = str(Path(__file__).resolve().parents[2])
    paths: list[str] = []
    for entry in [*sys.path, package_root]:
        if not entry:
            continue  # "" means the working directory
        path = Path(entry).resolve()
        if path == here or str(path) in paths:
            continue
        paths.append(str(path))
    return paths


def _exit_when_orphaned(interval: float = 0.5) -> None:
    """Exit the child process as soon as the reader that started it is gone.

    The child runs in its own session (so terminal signals meant for the reader
    do not reach it); this watchdog makes sure that a reader killed without a
    chance to cancel (closed terminal, SIGKILL) does not leave spaCy running.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="orphan-watchdog", daemon=True).start()


def _child_main(preload: list[str]) -> int:
    """Entry point of the child process: read a job on stdin, answer on stdout.

    Args:
        preload: Modules to import before waiting for the job (warm start),
            each optionally ``module:function:argument`` to call as well; one
            that fails is skipped (the factory then reports the error).
    """
    _exit_when_orphaned()
    for item in preload:
        # "module" imports it; "module:function:argument" also calls
        # ``function(argument)`` (e.g. loading the spaCy pipeline).
        module, _, call = item.partition(":")
        with contextlib.suppress(Exception):
            imported = importlib.import_module(module)
            if call:
                function, _, argument = call.partition(":")
                getattr(imported, function)(argument)
    # Keep the protocol stream private: anything else printing to stdout (a
    # library warning, say) goes to stderr instead.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def send(*frame: object) -> None:
        pickle.dump(frame, channel, pickle.HIGHEST_PROTOCOL)
        channel.flush()

    factory, article = pickle.load(sys.stdin.buffer)
    try:
        annotator = factory()
        annotations = annotator.annotate(
            article, progress=lambda done, total: send("progress", done, total)
        )
    except ModelError as error:
        send("model-error", describe_error(error))
        return 1
    except Exception as error:
        send("error", describe_error(error))
        return 1
    send("done", annotations)
    return 0
