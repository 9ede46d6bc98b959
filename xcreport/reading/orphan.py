"""Reading workers that end when the run that started them dies (even by SIGKILL).

:func:`exit_with_parent` is the pool's initializer.  On Linux the kernel kills the worker when its
parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)`` through ctypes); everywhere, and as a second
guard, a daemon thread polls :func:`os.getppid` and ends the worker once the parent is gone
(the worker is re-parented, so its parent id changes).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.5


def _set_pdeathsig() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)


def exit_with_parent(parent: int, *, use_prctl: bool = True) -> None:
    """Initializer of a reading worker: end this process when ``parent`` (the run) is gone."""
    if use_prctl:
        _set_pdeathsig()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="xcreport-parent-watch", daemon=True).start()
