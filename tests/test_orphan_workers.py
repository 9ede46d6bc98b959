"""Reading workers end when the run that started them is SIGKILLed (no orphaned processes)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

_PARENT = textwrap.dedent(
    """
    import functools, os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from xcreport.reading.orphan import exit_with_parent

    use_prctl = sys.argv[1] == "prctl"
    init = functools.partial(exit_with_parent, use_prctl=use_prctl)
    with ProcessPoolExecutor(max_workers=2, initializer=init, initargs=(os.getpid(),)) as pool:
        pids = {pool.submit(os.getpid).result() for _ in range(4)}
        futures = [pool.submit(time.sleep, 60) for _ in range(2)]
        print(" ".join(map(str, sorted(pids))), flush=True)
        time.sleep(60)
    """
)


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie nobody has reaped yet counts as gone)."""
    status = Path(f"/proc/{pid}/status")
    try:
        text = status.read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = next((line for line in text.splitlines() if line.startswith("State:")), "")
    return "Z" not in state.split()[1:2]


@pytest.mark.parametrize("mode", ["prctl", "poll"])
def test_workers_exit_when_the_run_is_killed(mode: str) -> None:
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, mode], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    line = parent.stdout.readline()
    workers = [int(p) for p in line.split()]
    assert workers and all(_alive(pid) for pid in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:  # leave nothing behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
