"""Long-running helper processes of the local stack (Prefect server, worker, watcher).

Each runs detached in its own session, logs to ``<dir>/<name>.log`` and has its pid in
``<dir>/<name>.pid``. Stopping sends SIGTERM, and a second SIGTERM after a grace period
(a Prefect worker only exits on the second signal), then SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from flows.errors import ServiceUnavailable


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
        if _alive(pid):
            return pid
        _reap(pid)  # exited on its own: if it was our child, leave no zombie
        return None

    def start(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> int:
        if (pid := self.pid()) is not None:
            return pid
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            proc = subprocess.Popen(
                argv,
                env=env,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_path.write_text(str(proc.pid))
        return proc.pid

    def stop(self, grace: float = 10.0) -> bool:
        pid = self.pid()
        self.pid_path.unlink(missing_ok=True)
        if pid is None:
            return False
        for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                return True
            if _wait_gone(pid, grace):
                return True
        return True

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def terminate(pid: int, grace: float = 10.0) -> None:
    """SIGTERM one process (its whole group when it leads one, e.g. a flow run and its
    Tesseracts); SIGKILL it if it is still there after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            if os.getpgid(pid) == pid:
                os.killpg(pid, sig)
            else:
                os.kill(pid, sig)
        except ProcessLookupError:
            return
        if _wait_gone(pid, grace):
            return


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie does not)."""
    return _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of ours is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] != "Z"
    except OSError:
        return True


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        _reap(pid)
        if not _alive(pid):
            _reap(pid)  # it may have died since: leave no zombie behind
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)  # polling a process's exit: there is no portable wait for non-children


def _reap(pid: int) -> None:
    """Collect the exit status of ``pid`` if it is our exited child (a no-op otherwise)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


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
