"""Batch annotation on Dask distributed (the optional ``scale`` extra).

:func:`dask_client` connects to a scheduler (``tcp://HOST:PORT``) or starts a
``LocalCluster`` on this machine (``local``); :func:`dask_runner` is a
:data:`~newsreader.services.partitions.Runner` that sends partitions to its
workers, a few per worker at a time so input is read only as fast as it is
annotated. Workers run the same :func:`~newsreader.services.batch.annotate_partition`
as local batches, and load the model once per worker process (on their first
partition).

Dask is imported only inside these functions: the base install never needs it.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsreader.nlp.pipeline import ModelChoice
from newsreader.services.batch import annotate_partition
from newsreader.services.partitions import Outcome, Partition, Runner

if TYPE_CHECKING:
    from distributed import Client

INSTALL_HINT = "pip install 'newsreader[scale]'"

CONNECT_TIMEOUT = "10s"
"""How long to try reaching a remote scheduler."""


class ScaleUnavailable(Exception):
    """Dask distributed is not installed."""


class SchedulerError(Exception):
    """The scheduler could not be reached or started, or a worker failed; the
    message is one line for the user."""


def require_dask() -> None:
    """Import Dask distributed quietly.

    Raises:
        ScaleUnavailable: it is not installed (the message says how to).
    """
    try:
        import dask
    except ImportError as error:
        raise ScaleUnavailable(f"--scheduler needs Dask: {INSTALL_HINT}") from error
    # Set before distributed configures its logging, and handed on to the
    # worker processes it starts: only errors reach the user's terminal.
    dask.config.set({"logging.distributed": "error"})
    try:
        import distributed  # noqa: F401
    except ImportError as error:
        raise ScaleUnavailable(f"--scheduler needs Dask: {INSTALL_HINT}") from error
    logging.getLogger("distributed").setLevel(logging.ERROR)


def local_workers(requested: int | None) -> int:
    """Workers of a local cluster: as asked, else one per processor."""
    return max(1, requested or os.cpu_count() or 1)


@contextmanager
def dask_client(scheduler: str, *, workers: int | None = None) -> Iterator[Client]:
    """A client of ``scheduler``: ``local`` starts a cluster of ``workers``
    processes (default one per processor) with one thread each, closed on exit.

    Raises:
        ScaleUnavailable: Dask is not installed.
        SchedulerError: the scheduler could not be reached or started.
    """
    require_dask()
    from distributed import Client, LocalCluster

    if scheduler == "local":
        # Worker processes read their logging level from the environment when
        # they start; the scheduler's HTTP port may be taken (no dashboard is
        # served, any free port will do).
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Port .* is already in use")
                cluster = LocalCluster(
                    n_workers=local_workers(workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
        except Exception as error:  # any failure to start is one message
            raise SchedulerError(f"cannot start a local cluster: {error}") from error
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"cannot reach scheduler {scheduler}: {error}") from error
    with client:
        yield client


def dask_runner(client: Client, *, queued_per_worker: int = 2) -> Runner:
    """A runner that annotates partitions on ``client``'s workers, keeping
    about ``queued_per_worker`` partitions queued per worker thread.

    Raises (from the runner):
        SchedulerError: a partition failed on its worker (the model missing
            there, a worker killed again and again).
    """

    def run(
        choice: ModelChoice, chunks: Iterator[Partition]
    ) -> Iterator[tuple[Partition, list[Outcome]]]:
        from distributed import as_completed

        threads = sum(client.nthreads().values())
        limit = max(2, queued_per_worker * threads)
        pending: dict[Any, Partition] = {}
        finished = as_completed()

        def submit_next() -> None:
            partition = next(chunks, None)
            if partition is None:
                return
            future = client.submit(
                annotate_partition, choice, partition.items, pure=False
            )
            pending[future] = partition
            finished.add(future)

        for _ in range(limit):
            submit_next()
        for future in finished:
            partition = pending.pop(future)
            try:
                outcomes: list[Outcome] = future.result()
            except Exception as error:  # a remote failure, whatever its type
                raise SchedulerError(f"a worker failed: {error}") from error
            finally:
                future.release()
            submit_next()
            yield partition, outcomes

    return run
