"""Which Prefect API a command talks to, and the temporary server when there is none.

In order: ``PREFECT_API_URL`` when the operator set it; else the stack's own server
(``sohoa stack up``, at ``SOHOA_PREFECT_HOST``/``SOHOA_PREFECT_PORT``) when it answers, so a
command run beside a running stack never starts a second server on the stack's database;
else a temporary server of the command's own, which

- starts within ``SOHOA_PREFECT_START_TIMEOUT_S`` (a fresh ``PREFECT_HOME`` runs its
  migrations first: on a loaded 2-core machine that took longer than Prefect's 20 s), or
  the command stops with exit 4 and one line (:class:`PrefectUnavailable`);
- sends no telemetry (``PREFECT_SERVER_ANALYTICS_ENABLED=false``);
- does not outlive the command: it gets SIGTERM when the command dies, even of kill -9
  (``PR_SET_PDEATHSIG``), and its pid file lets the next command end it should it still
  run (:func:`end_orphans`).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from flows.errors import ServiceUnavailable
from flows.stack.processes import pid_alive, terminate

# Prefect's own way of serving its API (prefect.server.api.server.SubprocessASGIServer).
_APP = "prefect.server.api.server:create_app"
# Sets the parent-death signal, checks the parent is still the one that started it (it
# may have died before the prctl), then becomes the server: PDEATHSIG survives exec.
_TRAMPOLINE = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)\n"
    "if os.getppid() != int(sys.argv[1]): sys.exit(0)\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[2:]])\n"
)


class PrefectUnavailable(ServiceUnavailable, RuntimeError):
    """No Prefect API could be reached or started; the message says which and why (exit 4,
    told as ``Prefect: …``)."""

    service = "Prefect"


def _healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        return httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_dir(settings) -> Path:
    return (settings.data_dir / "run").resolve()


def _is_temporary_server(pid: int) -> bool:
    try:
        return _APP.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def end_orphans(settings) -> list[int]:
    """End the temporary servers whose command died (a pid file whose owner is gone);
    return their pids. Only servers this module started, found by their pid files."""
    ended = []
    for path in sorted(_run_dir(settings).glob("prefect-temp-*.json")):
        try:
            info = json.loads(path.read_text())
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
            continue
        if pid_alive(info.get("owner", 0)):
            continue
        server = int(info.get("server", 0))
        if server and pid_alive(server) and _is_temporary_server(server):
            terminate(server, grace=10)
            ended.append(server)
        path.unlink(missing_ok=True)
    return ended


def _start_temporary(settings, stack: ExitStack) -> str:
    import importlib.util

    spec = importlib.util.find_spec("prefect")
    assert spec is not None and spec.origin is not None  # prefect is installed: this module imports it
    site = Path(spec.origin).parent.parent
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    }
    env.pop("PREFECT_API_URL", None)
    argv = [
        sys.executable,
        "-c",
        _TRAMPOLINE,
        str(os.getpid()),
        "-m",
        "uvicorn",
        "--app-dir",
        str(site),
        "--factory",
        _APP,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]
    run_dir = _run_dir(settings)
    run_dir.mkdir(parents=True, exist_ok=True)
    log_path = run_dir / f"prefect-temp-{os.getpid()}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    pid_path = run_dir / f"prefect-temp-{os.getpid()}.json"
    pid_path.write_text(json.dumps({"owner": os.getpid(), "server": proc.pid, "port": port}))

    def stop() -> None:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        pid_path.unlink(missing_ok=True)
        log_path.unlink(missing_ok=True)

    stack.callback(stop)
    stack.callback(_drain_clients)  # runs before stop: the last logs and events reach it
    deadline = time.monotonic() + settings.prefect_start_timeout_s
    while not _healthy(api_url, timeout=5):
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise PrefectUnavailable(
                f"the temporary Prefect server exited with status {proc.returncode}: {tail[0]}"
            )
        if time.monotonic() > deadline:
            raise PrefectUnavailable(
                f"the temporary Prefect server did not answer within {settings.prefect_start_timeout_s:g} s "
                "(SOHOA_PREFECT_START_TIMEOUT_S; a fresh PREFECT_HOME first creates its database)"
            )
        time.sleep(0.2)  # polling the server's health: there is no start-up signal to wait on
    return api_url


@contextmanager
def prefect_api(settings) -> Iterator[str]:
    """Point this process's Prefect client at the API chosen as the module docstring says,
    for the duration of the block; yield its URL."""
    end_orphans(settings)
    with ExitStack() as stack:
        configured = os.environ.get("PREFECT_API_URL", "")
        if configured:
            if not _healthy(configured, timeout=10):
                raise PrefectUnavailable(f"Prefect API {configured} (PREFECT_API_URL) does not answer")
            url = configured
        elif _healthy(settings.prefect_api_url):
            url = settings.prefect_api_url  # the running stack's server
        else:
            url = _start_temporary(settings, stack)
        saved = {k: os.environ.get(k) for k in ("PREFECT_API_URL", "PREFECT_SERVER_ANALYTICS_ENABLED")}
        os.environ["PREFECT_API_URL"] = url
        os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        stack.callback(_restore, saved)
        if "prefect" in sys.modules:  # imported already: its settings were read; override them
            from prefect.settings import PREFECT_API_URL, temporary_settings

            stack.enter_context(temporary_settings(updates={PREFECT_API_URL: url}))
        yield url


def _drain_clients() -> None:
    """Send the logs and events still queued in this process to the server before it stops
    (else: "Error logging to API: All connection attempts failed")."""
    if "prefect" not in sys.modules:
        return
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=10)
        EventsWorker.drain_all(timeout=10)
    except Exception:  # best effort: the command's own work is done
        pass


def _restore(saved: dict[str, str | None]) -> None:
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
