"""One Prefect server for all the pytest-xdist workers of a session.

Each worker used to start its own test-harness server for its flow tests: on a 2-core
machine four servers starting at once (each ~10 CPU-s of imports and start-up, then its
background services for the rest of the session) delayed every worker's first flow test by
about a minute. Under xdist the controller now starts one server before the workers
(``pytest_xdist_setupnodes`` in tests/conftest.py), tells them its URL in the environment
variable ``ENV`` (with its pid and log), and stops it when the session ends; each worker's ``prefect_harness``
points its Prefect client at it. Without xdist, the session keeps Prefect's own test harness.

The server is the controller's child with ``PR_SET_PDEATHSIG``: it dies with the controller,
even of ``kill -9``. Its database is a copy of the session's migrated template
(``make_template``), which the workers' temporary servers share too.

Run as a script, this file is the server's bootstrap: ``python shared_server.py <owner pid>
<template> <database> <uvicorn args...>`` sets the parent-death signal, makes the template
if no one has yet, copies it and becomes the server (the same ``uvicorn`` command as
Prefect's ``SubprocessASGIServer``). Only the standard library and filelock here: the
bootstrap imports nothing of the project or of Prefect.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ENV = "TESTS_SHARED_PREFECT_API_URL"
_APP = "prefect.server.api.server:create_app"
FLOW_TESTS = Path(__file__).resolve().parent


def template_path(root: Path) -> Path:
    """Where the session's migrated Prefect database lives (``root``: the controller's
    base temporary directory, the parent of each worker's)."""
    return root / f"prefect-template-{version('prefect')}.db"


def make_template(template: Path) -> None:
    """Create the migrated database at ``template`` unless it is there; one process at a
    time (a file lock), so the others wait for it and find it made."""
    from filelock import FileLock

    with FileLock(str(template) + ".lock"):
        if template.exists():
            return
        home = Path(tempfile.mkdtemp(dir=template.parent))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env |= {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
        prefect = Path(sys.executable).parent / "prefect"
        subprocess.run(
            [str(prefect), "server", "database", "upgrade", "-y"],
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        (home / "prefect.db").replace(template)  # whole, or not there: another process waits


def wanted(config) -> bool:  # type: ignore[no-untyped-def]
    """Whether this session may run flow tests: an argument names tests/flows, a file or
    folder inside it, or a folder holding it (no argument: the testpaths, ``tests``)."""
    for arg in config.args:
        path = Path(str(arg).split("::")[0])
        path = (path if path.is_absolute() else Path(config.invocation_params.dir) / path).resolve()
        if path == FLOW_TESTS or FLOW_TESTS in path.parents or path in FLOW_TESTS.parents:
            return True
    return False


def wait_healthy(shared: str, timeout: float) -> str:
    """Wait until the server ``shared`` (``ENV``'s value: its pid and API URL) answers and
    return its URL; raise with its log's tail if it died or did not answer in time (on a
    fresh machine it first migrates the template: tens of seconds)."""
    import httpx

    pid, api_url, log_path = shared.split(" ", 2)
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{api_url}/health", timeout=5).status_code == 200:
                return api_url
        except httpx.HTTPError:
            pass
        alive = Path(f"/proc/{pid}").exists()
        if not alive or time.monotonic() > deadline:
            tail = Path(log_path).read_text(errors="replace")[-3000:]
            state = "is gone" if not alive else f"did not answer within {timeout:g} s"
            raise RuntimeError(f"the shared Prefect test server at {api_url} {state}; its log ends:\n{tail}")
        time.sleep(0.5)  # polling the server's health: there is no start-up signal to wait on


class SharedServer:
    """The server as the controller holds it: ``shared`` is what the workers are told."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.log_path = root / "prefect-shared-server.log"
        database = root / "prefect-shared-server.db"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        env |= {
            "PREFECT_HOME": str(root / "prefect-shared-home"),
            "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{database}",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            # As Prefect's SubprocessASGIServer runs its test server: no UI, the services of
            # an ephemeral server.
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        argv = [
            sys.executable,
            __file__,
            str(os.getpid()),
            str(template_path(root)),
            str(database),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        with open(self.log_path, "wb") as log:
            # From the main thread: the parent-death signal fires when the creating thread ends.
            self.process = subprocess.Popen(
                argv, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
            )
        self.shared = f"{self.process.pid} {self.api_url} {self.log_path}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _bootstrap(owner: int, template: Path, database: Path, uvicorn_args: list[str]) -> None:
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != owner:  # the owner died before the prctl
        sys.exit(0)
    make_template(template)
    shutil.copyfile(template, database)
    spec = importlib.util.find_spec("prefect")
    assert spec is not None and spec.origin is not None
    site = Path(spec.origin).parent.parent
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(site),
            "--factory",
            _APP,
            *uvicorn_args,
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ],
    )


if __name__ == "__main__":
    _bootstrap(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4:])
