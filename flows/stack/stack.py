"""``sohoa stack up|down|status``: the whole local stack for operators.

Up: the object store, the warehouse schema, a Prefect server (its own SQLite, or PostgreSQL
when ``SOHOA_PREFECT_DATABASE_URL`` is set), the work pool, the OCR concurrency limit, the
deployments of prefect.yaml, one process worker and the bucket watcher. Down: all of it.
Each piece is an ordinary process started from this project's virtual environment.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.errors import ServiceUnavailable
from flows.settings import Settings
from flows.stack.processes import Managed, WaitTimeout, terminate, wait_until
from storage import localserver
from storage.warehouse import db

PROJECT_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class PrefectCommandFailed(ServiceUnavailable, RuntimeError):
    """A ``prefect`` command of ``stack up`` (work pool, deploy, limit) failed (exit 4)."""


@dataclass(frozen=True)
class Stack:
    settings: Settings

    @property
    def directory(self) -> Path:
        return (self.settings.data_dir / "stack").resolve()

    @property
    def server(self) -> Managed:
        return Managed("prefect-server", self.directory)

    @property
    def watcher(self) -> Managed:
        return Managed("watcher", self.directory)

    @property
    def report_server(self) -> Managed:
        return Managed("report-server", self.directory)

    def report_server_healthy(self) -> bool:
        try:
            with urllib.request.urlopen(
                f"http://{self.settings.report_host}:{self.settings.report_port}/", timeout=5
            ) as r:
                return r.status == 200
        except OSError:
            return False

    def worker(self, n: int = 1) -> Managed:
        return Managed(f"worker-{n}", self.directory)

    def workers(self) -> list[Managed]:
        return [Managed(p.stem, self.directory) for p in sorted(self.directory.glob("worker-*.pid"))]

    def processes(self) -> list[Managed]:
        """Every process this stack has a log for (running or not): server, workers, watcher."""
        names = sorted(p.stem for p in self.directory.glob("*.log"))
        return [Managed(n, self.directory) for n in names]

    def env(self) -> dict[str, str]:
        s = self.settings
        env = dict(os.environ) | s.as_env()
        # The stack's own Prefect home: its profile and (without PostgreSQL) its database.
        env["PREFECT_HOME"] = str((s.data_dir / "prefect").resolve())
        env["PREFECT_API_URL"] = s.prefect_api_url
        env["SOHOA_PROJECT_DIR"] = str(PROJECT_DIR)
        env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
        # A dossier run waiting its turn (deployment limit, ENQUEUE) is retried after this,
        # and a worker looks for runs this often: Prefect's 30 s and 10 s left slots idle
        # between the runs of a drop.
        env.setdefault("PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS", "5")
        env.setdefault("PREFECT_WORKER_QUERY_SECONDS", "3")
        # Logs of the project's own modules reach the run's page in the UI.
        env.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "sohoa,flows,ocr,extractors,quality,storage")
        if url := s.prefect_database_url.get_secret_value():
            env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = url
        return env

    def api_healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.settings.prefect_api_url + "/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def api(self, method: str, path: str, body: object = None) -> Any:
        """One call to the server's REST API (JSON in, JSON out)."""
        request = urllib.request.Request(
            self.settings.prefect_api_url + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.loads(r.read() or b"null")

    def triggers_registered(self) -> bool:
        """Whether each event-triggered deployment of prefect.yaml has its enabled automation
        on the server: without it, an event from the watcher starts nothing."""
        names = {d["name"] for d in _spec().get("deployments") or [] if d.get("triggers")}
        try:
            found = {
                d["name"]: d["id"]
                for d in self.api(
                    "POST", "/deployments/filter", {"deployments": {"name": {"any_": sorted(names)}}}
                )
            }
            return names <= found.keys() and all(
                any(
                    a.get("enabled")
                    for a in self.api("GET", f"/automations/related-to/prefect.deployment.{found[name]}")
                )
                for name in names
            )
        except (OSError, ValueError):
            return False

    def prefect(self, *args: str) -> subprocess.CompletedProcess:
        out = subprocess.run(
            [str(BIN / "prefect"), "--no-prompt", *args],
            env=self.env(),
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if out.returncode != 0:
            raise PrefectCommandFailed(
                f"prefect {' '.join(args)} failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}"
            )
        return out

    # ---- Prefect's state, read as JSON from its REST API (never a table cut to a width) --

    def work_pool(self) -> dict | None:
        """The work pool as the server knows it, or None if it has none of that name."""
        found = self.api(
            "POST", "/work_pools/filter", {"work_pools": {"name": {"any_": [self.settings.work_pool]}}}
        )
        return found[0] if found else None

    def deployments_missing(self) -> list[str]:
        """Deployments of prefect.yaml the server does not have."""
        names = {d["name"] for d in _spec().get("deployments") or []}
        found = self.api("POST", "/deployments/filter", {"deployments": {"name": {"any_": sorted(names)}}})
        return sorted(names - {d["name"] for d in found})

    def ocr_limit(self) -> int | None:
        """The ``ocr`` tag's concurrency limit, or None if it is not set."""
        try:
            return self.api("GET", "/concurrency_limits/tag/ocr")["concurrency_limit"]
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise

    def online_workers(self) -> set[str]:
        """Names of the pool's workers the server has heard from lately (status ONLINE)."""
        workers = self.api("POST", f"/work_pools/{self.settings.work_pool}/workers/filter", {})
        return {w["name"] for w in workers if w.get("status") == "ONLINE"}

    def _deployed_spec_path(self) -> Path:
        return self.directory / "deployed-prefect.yaml.sha256"

    # ---- up / down / status -------------------------------------------------------------

    def up(self, echo: Callable[[str], None] = print, workers: int = 1) -> None:
        """Start what is not running, leave alone what is: a second ``up``, or an ``up`` on a
        stack with a dead watcher or worker, brings back only what is missing."""
        s = self.settings
        status = localserver.start(s.local_server()) if _is_local(s) else None
        store = s.object_store()
        for loc in s.locations.values():
            store.ensure_bucket(loc.bucket)
        echo(f"object store  {'http://' + status.endpoint if status else s.s3_endpoint}")
        db.migrate(db.make_engine(s.resolved_warehouse_url))
        echo("warehouse     at head")

        if not (self.server.pid() is not None and self.api_healthy()):
            self.server.start(
                [
                    str(BIN / "prefect"),
                    "server",
                    "start",
                    "--host",
                    s.prefect_host,
                    "--port",
                    str(s.prefect_port),
                ],
                self.env(),
                cwd=PROJECT_DIR,
            )
            wait_until(
                _unless_dead(self.server, self.api_healthy),
                180,
                f"the Prefect server to answer on {s.prefect_api_url}/health",
                self.server,
            )
        echo(
            f"prefect       {s.prefect_api_url} ({'PostgreSQL' if s.prefect_database_url.get_secret_value() else 'SQLite'})"
        )

        if self.work_pool() is None:
            self.prefect("work-pool", "create", s.work_pool, "--type", "process")
        if self.ocr_limit() != s.ocr_concurrency:  # the server upserts by tag
            self.api("POST", "/concurrency_limits/", {"tag": "ocr", "concurrency_limit": s.ocr_concurrency})
        # Deploy again only when a deployment is missing or prefect.yaml changed since the
        # last deploy: a redeploy replaces the automations, and with them the event buckets
        # that are collecting a drop.
        spec_hash = hashlib.sha256((PROJECT_DIR / "prefect.yaml").read_bytes()).hexdigest()
        deployed = self._deployed_spec_path()
        if (
            self.deployments_missing()
            or not deployed.is_file()
            or deployed.read_text().strip() != spec_hash
            or not self.triggers_registered()
        ):
            self.prefect("deploy", "--all")
            # The event trigger is an automation made by the deploy; the server's trigger
            # service picks it up within seconds (at once on PostgreSQL, by LISTEN/NOTIFY).
            wait_until(
                self.triggers_registered,
                60,
                "the automations of the event-triggered deployments",
                self.server,
                interval=1,
            )
            deployed.write_text(spec_hash)
        echo(f"deployments   from {PROJECT_DIR / 'prefect.yaml'} on pool {s.work_pool}")

        # Workers: the ones asked for, and every one added earlier (its pid file is kept
        # while it runs and after it died; `down` removes it).
        known = {
            int(w.name.rpartition("-")[2]) for w in self.workers() if w.name.rpartition("-")[2].isdigit()
        }
        for n in sorted(set(range(1, workers + 1)) | known):
            self.add_worker(n)
        self.watcher.start([str(BIN / "sohoa"), "watch"], self.env(), cwd=PROJECT_DIR)
        # Return only once the watcher listens: a file dropped before that would be noticed
        # by the minute sweep only.
        store_port = int(s.s3_endpoint.rpartition(":")[2] or 9000)
        wait_until(
            _unless_dead(self.watcher, lambda: _connected_to(self.watcher.pid(), store_port)),
            120,
            "the bucket watcher to open its notification stream",
            self.watcher,
        )
        echo(
            f"workers       {len(set(range(1, workers + 1)) | known)} (pool {s.work_pool}); watcher on s3://{s.inbox}"
        )
        self.report_server.start([str(BIN / "sohoa"), "serve-reports"], self.env(), cwd=PROJECT_DIR)
        wait_until(
            _unless_dead(self.report_server, self.report_server_healthy),
            60,
            "the report server to answer",
            self.report_server,
        )
        echo(f"reports       {s.report_links_base}/ (read-only: reports, CSVs, archived originals)")
        echo(f"UI            http://{s.prefect_host}:{s.prefect_port}")

    def add_worker(self, n: int) -> int:
        return self.worker(n).start(
            [
                str(BIN / "prefect"),
                "worker",
                "start",
                "--pool",
                self.settings.work_pool,
                "--name",
                f"sohoa-worker-{n}",
            ],
            self.env(),
            cwd=PROJECT_DIR,
        )

    def down(self, echo: Callable[[str], None] = print) -> None:
        for managed in [self.watcher, self.report_server, *self.workers()]:
            echo(f"{managed.name:16}{'stopped' if managed.stop() else 'not running'}")
        # A worker stops its flow runs as it exits, but they run in sessions of their own:
        # one the worker could not stop in time would outlive it.
        if leftovers := self.flow_run_processes():
            for pid in leftovers:
                terminate(pid)
            echo(f"{'flow runs':16}stopped {len(leftovers)} left by the workers")
        echo(f"{self.server.name:16}{'stopped' if self.server.stop() else 'not running'}")
        if _is_local(self.settings):
            stopped = localserver.stop(self.settings.local_server())
            echo(f"{'object-store':16}{'stopped' if stopped else 'not running'}")

    def flow_run_processes(self) -> list[int]:
        """Flow-run processes started by this stack's workers (``python -m prefect.engine``, or
        the ``prefect.runner`` supervisor that becomes it) with this stack's data directory and
        API in their environment, from /proc."""
        marks = {
            f"SOHOA_DATA_DIR={self.settings.data_dir.resolve()}".encode(),
            f"PREFECT_API_URL={self.settings.prefect_api_url}".encode(),
        }
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
                if b"prefect.engine" not in cmdline and b"prefect.runner" not in cmdline:
                    continue
                if marks <= set((entry / "environ").read_bytes().split(b"\0")):
                    found.append(int(entry.name))
            except OSError:  # gone meanwhile, or not ours to read
                continue
        return found

    def status(self) -> dict[str, bool]:
        """Each part and whether it is up (see ``parts`` for what each one says)."""
        return {name: ok for name, (ok, _) in self.parts().items()}

    def parts(self) -> dict[str, tuple[bool, str]]:
        """Each part of the stack with its state: (up, what it says)."""
        s = self.settings
        parts: dict[str, tuple[bool, str]] = {}
        if _is_local(s):
            st = localserver.status(s.local_server())
            parts["object-store"] = (
                st.running,
                f"pid {st.pid}, http://{st.endpoint}" if st.running else "stopped",
            )
        pid = self.server.pid()
        healthy = pid is not None and self.api_healthy()
        parts["prefect-server"] = (
            healthy,
            f"pid {pid}, {s.prefect_api_url}"
            if healthy
            else f"pid {pid}, not answering"
            if pid
            else "stopped",
        )
        online: set[str] = set()
        if healthy:
            try:
                pool = self.work_pool()
                parts["work-pool"] = (
                    pool is not None,
                    f"{s.work_pool} ({pool.get('status') or 'no status'})"
                    if pool
                    else f"{s.work_pool} missing",
                )
                missing = self.deployments_missing()
                parts["deployments"] = (
                    not missing,
                    "all of prefect.yaml" if not missing else "missing: " + ", ".join(missing),
                )
                triggers = self.triggers_registered()
                parts["event-trigger"] = (
                    triggers,
                    "automation enabled" if triggers else "no enabled automation",
                )
                limit = self.ocr_limit()
                parts["ocr-limit"] = (
                    limit is not None,
                    f"{limit} at once" if limit is not None else "not set",
                )
                online = self.online_workers() if pool else set()
            except (OSError, ValueError) as exc:
                parts["prefect-api"] = (False, f"{type(exc).__name__}: {exc}")
        for w in self.workers():
            wpid = w.pid()
            seen = f"sohoa-worker-{w.name.rpartition('-')[2]}" in online
            parts[w.name] = (
                wpid is not None,
                (f"pid {wpid}, " + ("online in the pool" if seen else "not yet seen by the server"))
                if wpid
                else "stopped",
            )
        wpid = self.watcher.pid()
        parts["watcher"] = (wpid is not None, f"pid {wpid}, s3://{s.inbox}" if wpid else "stopped")
        rpid = self.report_server.pid()
        parts["report-server"] = (
            rpid is not None,
            f"pid {rpid}, {s.report_links_base}/" if rpid else "stopped",
        )
        return parts


def _spec() -> dict:
    import yaml

    return yaml.safe_load((PROJECT_DIR / "prefect.yaml").read_text(encoding="utf-8"))


def _unless_dead(managed: Managed, check: Callable[[], bool]) -> Callable[[], bool]:
    """``check``, but failing at once (with the log's tail) when the process has exited."""

    def checked() -> bool:
        if check():
            return True
        if managed.pid() is None:
            raise WaitTimeout(
                f"{managed.name} exited\n--- {managed.log_path} (last lines):\n{managed.log_tail()}"
            )
        return False

    return checked


def _connected_to(pid: int | None, port: int) -> bool:
    """Whether process ``pid`` holds an established TCP connection to ``port`` (from /proc)."""
    if pid is None:
        return False
    try:
        inodes = {
            os.readlink(f"/proc/{pid}/fd/{fd}")[8:-1]
            for fd in os.listdir(f"/proc/{pid}/fd")
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith("socket:[")
        }
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                cols = line.split()
                if cols[3] == "01" and int(cols[2].rpartition(":")[2], 16) == port and cols[9] in inodes:
                    return True
    except OSError:
        return False
    return False


def _is_local(settings: Settings) -> bool:
    return settings.s3_endpoint.split(":")[0] in ("127.0.0.1", "localhost")
