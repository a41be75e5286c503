"""The annotation child yields the CPU to the reader."""

from __future__ import annotations

import os
import subprocess
import time

from newsreader.services.child import CHILD_NICENESS, child_command


def test_the_child_runs_at_a_lower_cpu_priority_than_the_reader() -> None:
    # The child's own start-up, up to where it waits for a job on stdin.
    process = subprocess.Popen(
        child_command(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL
    )
    try:
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        deadline = time.monotonic() + 20
        theirs = os.getpriority(os.PRIO_PROCESS, process.pid)
        while theirs == ours and time.monotonic() < deadline:
            time.sleep(0.02)
            theirs = os.getpriority(os.PRIO_PROCESS, process.pid)
        assert theirs == min(ours + CHILD_NICENESS, 19)
    finally:
        process.kill()
        process.wait()
