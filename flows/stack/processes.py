"""Long-running helper processes of the local stack (Prefect server, worker, watcher),
started and stopped by ``storage/processes.py`` (the one home of process start and stop).

Each runs detached in its own session, logs to ``<dir>/<name>.log`` and has its pid in
``<dir>/<name>.pid``. Stopping sends SIGTERM, and a second SIGTERM after a grace period
(a Prefect worker only exits on the second signal), then SIGKILL.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flows.errors import ServiceUnavailable
from storage import processes


@dataclass(frozen=True)
class Managed:
    name: str
    directory: Path

    @property
    def pid_path(self) -> Path:
        return self.directory / f"{self.name}.pid"

    @property
    def log_path(self) -> Path:
        return self.directory / f"{self.name}.log"

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_path.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if processes.alive(pid) else None  # exited on its own: reaped, no zombie

    def start(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> int:
        if (pid := self.pid()) is not None:
            return pid
        self.directory.mkdir(parents=True, exist_ok=True)
        proc = processes.spawn(argv, self.log_path, env=env, cwd=cwd)
        self.pid_path.write_text(str(proc.pid))
        return proc.pid

    def stop(self, grace: float = 10.0) -> bool:
        pid = self.pid()
        self.pid_path.unlink(missing_ok=True)
        if pid is None:
            return False
        # A Prefect worker only exits on the second SIGTERM.
        processes.stop(pid, grace, signals=(signal.SIGTERM, signal.SIGTERM, signal.SIGKILL))
        return True

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def terminate(pid: int, grace: float = 10.0) -> None:
    """SIGTERM one process (its whole group when it leads one, e.g. a flow run and its
    Tesseracts); SIGKILL it if it is still there after ``grace`` seconds."""
    processes.stop(pid, grace)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie does not)."""
    return processes.alive(pid)


class WaitTimeout(ServiceUnavailable, RuntimeError):
    """Something waited for never happened; the message says what, with the logs' tails (exit 4)."""


def wait_until(
    check, timeout: float, what: str, log: Managed | Iterable[Managed] | None = None, interval: float = 0.2
) -> None:
    """Poll ``check()`` until true; raise, with what was waited for and the tail of each
    given process's log, when it never becomes true within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() >= deadline:
            break
        time.sleep(interval)
    logs = [log] if isinstance(log, Managed) else list(log or ())
    tails = "".join(f"\n--- {m.log_path} (last lines):\n{m.log_tail()}" for m in logs)
    raise WaitTimeout(f"waited {timeout:g} s for {what}, in vain{tails}")
