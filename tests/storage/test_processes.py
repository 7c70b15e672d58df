"""storage/processes.py: the one home of process start and stop (the local gateway and the
stack's processes both use it)."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from storage import processes

_SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]
# Ignores SIGTERM: only a SIGKILL ends it (like a worker that needs a second signal).
_STUBBORN = [
    sys.executable,
    "-c",
    "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('ready', flush=True); time.sleep(120)",
]


def test_spawn_detaches_logs_and_stop_reaps(tmp_path: Path) -> None:
    log = tmp_path / "p.log"
    proc = processes.spawn(
        [sys.executable, "-c", "print('hello', flush=True); import time; time.sleep(120)"], log
    )
    assert processes.alive(proc.pid)
    assert not processes.wait_gone(proc.pid, 0.1)
    for _ in range(400):  # the interpreter starts, then writes to the log
        if "hello" in log.read_text():
            break
        processes.wait_gone(proc.pid, 0.05)
    assert "hello" in log.read_text()
    assert processes.stop(proc.pid, grace=10.0)
    assert not processes.alive(proc.pid)
    assert proc.returncode == -signal.SIGTERM  # waited for exactly: no zombie left


def test_stop_goes_on_to_the_next_signal_and_says_whether_it_is_gone(tmp_path: Path) -> None:
    log = tmp_path / "stubborn.log"
    proc = processes.spawn(_STUBBORN, log)
    for _ in range(200):  # the handler is set once it printed
        if "ready" in log.read_text():
            break
        processes.wait_gone(proc.pid, 0.05)
    assert not processes.stop(proc.pid, grace=0.5, signals=(signal.SIGTERM,))
    assert processes.alive(proc.pid)
    assert processes.stop(proc.pid, grace=10.0, signals=(signal.SIGTERM, signal.SIGKILL))
    assert not processes.alive(proc.pid)


def test_a_pid_that_is_not_ours_or_gone(tmp_path: Path) -> None:
    proc = processes.spawn(_SLEEPER, tmp_path / "s.log")
    processes.forget(proc.pid)  # as if another command had started it: polled, not waited for
    assert processes.stop(proc.pid, grace=10.0)
    assert not processes.alive(proc.pid)
    processes.send(proc.pid, signal.SIGTERM)  # gone: nothing happens
