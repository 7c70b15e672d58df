"""Detached helper processes: start one in a session of its own with its output in a log
file, tell whether a pid is alive, stop it (signals in turn, then give up) and reap it.

The one home of process start and stop: the local object store (``storage/localserver.py``)
and the stack's processes (``flows/stack/processes.py``: Prefect server, workers, watcher)
use it. It lives in ``storage`` because ``storage`` may not import ``flows``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

# Popen objects of the processes started here, kept so they can be waited for exactly and
# reaped (otherwise they linger as zombies, which os.kill(pid, 0) still reports alive).
_children: dict[int, subprocess.Popen[bytes]] = {}
_POLL_S = 0.05  # poll interval while a process exits, not synchronization


def spawn(
    argv: list[str], log_path: Path, *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``argv`` detached: its own session and process group (it survives the caller's
    Ctrl-C and can be signalled as a group), no stdin, stdout and stderr appended to ``log_path``."""
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            argv,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _children[proc.pid] = proc
    return proc


def forget(pid: int) -> None:
    """Stop tracking a process started here (it was waited for elsewhere)."""
    _children.pop(pid, None)


def reap(pid: int) -> None:
    """Collect the exit status of ``pid`` if it is our exited child (a no-op otherwise)."""
    proc = _children.get(pid)
    if proc is not None:
        if proc.poll() is not None:
            _children.pop(pid, None)
        return
    with contextlib.suppress(ChildProcessError):  # not our child, or already collected
        os.waitpid(pid, os.WNOHANG)


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie does not)."""
    reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    try:
        # Field 3 of /proc/PID/stat is the state; "Z" is a zombie waiting for its parent.
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def send(pid: int, sig: signal.Signals) -> None:
    """Signal ``pid``, its whole group when it leads one (a gateway and its helpers, a flow
    run and its Tesseracts); nothing if it is gone."""
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, sig)
        else:
            os.kill(pid, sig)
    except ProcessLookupError:
        pass


def wait_gone(pid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` seconds for ``pid`` to exit; True if it did."""
    proc = _children.get(pid)
    if proc is not None:
        # Our own child: wait() is exact and reaps it. (/proc alone is not: a Go
        # process's main thread shows "Z" while its other threads are still exiting.)
        try:
            proc.wait(timeout=max(0.0, timeout))
        except subprocess.TimeoutExpired:
            return False
        _children.pop(pid, None)
        return True
    deadline = time.monotonic() + timeout
    while True:
        if not alive(pid):
            reap(pid)  # it may have died since: leave no zombie behind
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_S)  # there is no portable wait for a process that is not our child


def stop(
    pid: int,
    grace: float = 10.0,
    signals: Iterable[signal.Signals] = (signal.SIGTERM, signal.SIGKILL),
) -> bool:
    """Send each signal in turn, waiting ``grace`` seconds after each, until ``pid`` is gone;
    True if it is gone."""
    for sig in signals:
        send(pid, sig)
        if wait_gone(pid, grace):
            return True
    return False
