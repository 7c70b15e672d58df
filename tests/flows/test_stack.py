"""The operator's stack, for real: Prefect server (on PostgreSQL) + process worker + bucket
watcher + local object store + PostgreSQL warehouse, started once for this module.

A file dropped in the inbox is processed by the event-triggered deployment (notification
path, schedule paused) and by the every-minute schedule (polling path, watcher stopped); the
finished run carries its artifacts, and the Prefect UI shows them in the run's Artifacts tab
(a headless Chromium screenshot, kept as a test artifact). `stack down` leaves no process.

Every wait is a poll with a deadline (``flows.stack.processes.wait_until``); when one runs out,
the message says what was waited for and ends with the tail of each stack process's log.
The deadlines are generous: on 2 cores under the rest of the suite, a flow run's process
takes about a minute just to start.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, select

from flows.stack.processes import wait_until
from storage.localserver import free_port
from storage.warehouse.models import Document
from tests.conftest import PG_ADMIN_URL
from tests.flows.test_binding import listening_addresses

PAGE = "vi_synth_docs_v1_nomvn/pages/govt_quyet_dinh_p1.png"
SCHEDULED_DEPLOYMENT = "sweep-inbox"
EVENT_RUN = "sweep D-EVENT (event)"
SCHEDULE_RUN = "sweep inbox (schedule)"
NOT_FINAL = ["SCHEDULED", "PENDING", "RUNNING", "CANCELLING", "PAUSED"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WINDOW = (1400, 1000)
ARTIFACTS_TAB_SELECTED = re.compile(r'<button[^>]*role="tab"[^>]*aria-selected="true"[^>]*>Artifacts<')

# Setup (stack up, about 3 min under load) counts against the first test's timeout.
# One worker runs the whole module (make test: --dist loadgroup): its tests share one live
# stack, and later tests read what earlier ones left (the drop's batch and report artifact).
pytestmark = [pytest.mark.xdist_group("stack"), pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def prefect_harness():
    """Overrides the session's test harness for this module: these tests talk to their own
    stack's server only (a harness server would be one more process starting under load)."""
    yield


@contextmanager
def _postgres_database(prefix: str):
    """A fresh PostgreSQL database (its URL without a driver), dropped afterwards."""
    if os.environ.get("SOHOA_SKIP_POSTGRES") == "1":
        pytest.skip("SOHOA_SKIP_POSTGRES=1")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_ADMIN_URL).set(database=name)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@dataclass
class Running:
    stack: object  # flows.stack.Stack
    settings: object  # flows.settings.Settings
    sf: object  # warehouse sessionmaker
    echoed: list[str] = field(default_factory=list)
    data: bytes = b""

    # ---- waiting on the stack, with its logs in every failure message --------------------

    def wait(self, check, timeout: float, what: str) -> None:
        wait_until(check, timeout, what, self.stack.processes(), interval=1.0)

    def document(self, key: str) -> Document | None:
        with self.sf() as s:
            return s.scalars(select(Document).where(Document.source_key == key)).first()

    def runs(
        self, *, name: str | None = None, deployment: str | None = None, states: list[str] | None = None
    ) -> list[dict]:
        body: dict = {"flow_runs": {}, "sort": "EXPECTED_START_TIME_DESC", "limit": 200}
        if name:
            body["flow_runs"]["name"] = {"any_": [name]}
        if states:
            body["flow_runs"]["state"] = {"type": {"any_": states}}
        if deployment:
            body["deployments"] = {"name": {"any_": [deployment]}}
        return self.stack.api("POST", "/flow_runs/filter", body)

    def artifact_keys(self, run_id: str) -> set[str]:
        arts = self.stack.api("POST", "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})
        return {a["key"] for a in arts if a.get("key")}

    def completed_run_with(self, name: str, keys: set[str]) -> dict | None:
        """A COMPLETED run of that name carrying those artifact keys (a repeated event makes
        more than one run of a name; only one of them finds the file to process)."""
        for run in self.runs(name=name, states=["COMPLETED"]):
            if keys <= self.artifact_keys(run["id"]):
                return run
        return None


def _only_events_start_runs(running: Running) -> None:
    """Pause the schedule, and cancel the runs it made already: Prefect deletes only the
    *future* scheduled runs on a pause, so the run due at the minute that passed between
    `prefect deploy` and the pause would still sweep the whole inbox (and take the event's
    file from the event-triggered run). No worker runs yet: nothing to stop, only to mark."""
    stack = running.stack
    stack.prefect("deployment", "schedule", "pause", "--all")

    def no_scheduled_run_left() -> bool:
        left = running.runs(deployment=SCHEDULED_DEPLOYMENT, states=NOT_FINAL)
        for run in left:
            stack.api(
                "POST",
                f"/flow_runs/{run['id']}/set_state",
                {"state": {"type": "CANCELLED", "name": "Cancelled"}, "force": True},
            )
        return not left

    running.wait(no_scheduled_run_left, 120, "the schedule's already-created runs to be cancelled")


def live_stack_settings(data_dir: Path, bucket: str, warehouse, prefect_db):  # type: ignore[no-untyped-def]
    """Settings of a live stack on free ports, its warehouse and Prefect in PostgreSQL."""
    from flows.settings import Settings

    return Settings(
        data_dir=data_dir,
        warehouse_url=warehouse.set(drivername="postgresql+psycopg").render_as_string(hide_password=False),
        s3_endpoint=f"127.0.0.1:{free_port()}",
        prefect_port=free_port(),
        report_port=free_port(),
        prefect_database_url=prefect_db.set(drivername="postgresql+asyncpg").render_as_string(
            hide_password=False
        ),
        inbox=f"{bucket}/inbox/",
        archive=f"{bucket}/archive/",
        quarantine=f"{bucket}/quarantine/",
        derived=f"{bucket}/derived/",
        reports=f"{bucket}/reports/",
        max_parallel_documents=2,
    )


@pytest.fixture(scope="module")
def running(corpora, tmp_path_factory):
    from flows.stack import Stack
    from flows.warehouse import open_warehouse

    bucket = f"stack-{uuid.uuid4().hex[:8]}"
    with _postgres_database("sohoa_test") as warehouse, _postgres_database("sohoa_prefect") as prefect_db:
        settings = live_stack_settings(
            tmp_path_factory.mktemp("stack") / "data", bucket, warehouse, prefect_db
        )
        stack = Stack(settings)
        r = Running(stack, settings, None, data=(corpora / PAGE).read_bytes())
        try:
            # The worker starts only once the schedule can no longer start a run.
            stack.up(echo=r.echoed.append, workers=0)
            _only_events_start_runs(r)
            stack.add_worker(1)
            r.sf = open_warehouse(settings.resolved_warehouse_url)
            yield r
        finally:
            stack.down(echo=lambda _: None)


@pytest.fixture(scope="module")
def event_run(running) -> dict:
    """A file dropped with the schedule paused: the watcher's event makes the run."""
    inbox = running.settings.location("inbox")
    key = inbox.key("D-EVENT/quyết định.png")
    running.settings.object_store().put(inbox.bucket, key, running.data, content_type="image/png")
    running.wait(
        lambda: running.document(key) is not None,
        600,
        f"the warehouse document of {key} (event-triggered run)",
    )
    found: list[dict] = []

    def run_finished() -> bool:  # the document is committed before its run ends
        run = running.completed_run_with(EVENT_RUN, {"sweep-documents", "sweep-summary"})
        found[:] = [run] if run else []
        return bool(found)

    running.wait(
        run_finished, 300, f"a COMPLETED run {EVENT_RUN!r} with artifacts sweep-documents and sweep-summary"
    )
    return found[0] | {"source_key": key}


def test_stack_up_serves_on_loopback_and_prints_the_ui_address(running):
    s = running.settings
    assert all(running.stack.status().values()), running.stack.status()
    assert listening_addresses(s.prefect_port) == {"0100007F"}  # loopback only
    assert f"http://{s.prefect_host}:{s.prefect_port}" in running.echoed[-1], running.echoed
    assert running.stack.triggers_registered()


def test_a_dropped_file_is_processed_by_the_event_triggered_deployment(running, event_run):
    doc = running.document(event_run["source_key"])
    assert doc.doc_type == "administrative_decision"
    # The schedule started nothing: the event did it all.
    ran = running.runs(deployment=SCHEDULED_DEPLOYMENT)
    assert {run["state_type"] for run in ran} <= {"CANCELLED"}, ran


def test_a_finished_runs_artifacts_tab_in_the_prefect_ui(running, event_run, tmp_path):
    if CHROMIUM is None:
        pytest.skip("Debian chromium not installed (scripts/install-system-deps.sh)")
    from PIL import Image, ImageStat

    s = running.settings
    # Prefect 3.9 serves two UIs; the default (V2, under /v2) honours ?tab= (V1 opens on Logs).
    url = f"http://{s.prefect_host}:{s.prefect_port}/v2/runs/flow-run/{event_run['id']}?tab=Artifacts"

    def chromium(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'chromium-profile'}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                "--virtual-time-budget=20000",
                *args,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )

    # The single-page app renders from API calls: the tab is ready once the DOM names the
    # run's artifacts (a slow server under load may need more than one load).
    dom: list[str] = []

    def artifacts_rendered() -> bool:
        out = chromium("--dump-dom")
        dom[:] = [out.stdout]
        return (
            ARTIFACTS_TAB_SELECTED.search(out.stdout) is not None
            and "sweep-documents" in out.stdout
            and "sweep-summary" in out.stdout
        )

    try:
        running.wait(
            artifacts_rendered,
            300,
            f"the Artifacts tab, selected and naming the run's artifacts, in the DOM of {url}",
        )
    except RuntimeError as exc:
        raise AssertionError(f"{exc}\n--- DOM (first 3000 chars):\n{dom[0][:3000] if dom else ''}") from None

    png = tmp_path / "prefect-ui-artifacts-tab.png"
    out = chromium(f"--screenshot={png}")
    assert out.returncode == 0 and png.is_file(), out.stderr[-2000:]
    with Image.open(png) as img:
        img.verify()
    with Image.open(png) as img:
        assert img.size == WINDOW
        stat = ImageStat.Stat(img.convert("L"))
        assert stat.stddev[0] > 10, f"the screenshot looks blank (grey-level std-dev {stat.stddev[0]:.1f})"
        assert len(img.convert("L").getcolors(maxcolors=1 << 16) or []) > 16, "too few colours: blank page?"
    if target := os.environ.get("SOHOA_TEST_ARTIFACTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        png = Path(shutil.copy2(png, Path(target) / png.name))
    print(f"\nPrefect UI screenshot (Artifacts tab of {EVENT_RUN!r}): {png}")


def test_a_dropped_file_is_processed_by_the_schedule_without_the_watcher(running):
    stack, inbox = running.stack, running.settings.location("inbox")
    stack.watcher.stop()
    stack.prefect("deployment", "schedule", "resume", "--all")
    key = inbox.key("D-SCHEDULE/quyết định.png")
    running.settings.object_store().put(inbox.bucket, key, running.data, content_type="image/png")
    # Up to a minute to the next cron tick, then a run's start (about a minute under load).
    running.wait(
        lambda: running.document(key) is not None,
        600,
        f"the warehouse document of {key} (scheduled run, watcher stopped)",
    )
    running.wait(
        lambda: running.completed_run_with(SCHEDULE_RUN, {"sweep-documents"}) is not None,
        300,
        f"a COMPLETED run {SCHEDULE_RUN!r} with the artifact sweep-documents",
    )
    assert running.runs(name="sweep D-SCHEDULE (event)") == []  # no watcher, no event


def test_stack_down_stops_every_process(running):
    stack, data_dir = running.stack, str(running.settings.data_dir.resolve())
    # Each process by pid and start time: pids are reused (pid_max is 32768 here).
    before = {pid: _start_time(pid) for m in stack.processes() if (pid := m.pid()) is not None}
    assert before and _processes_mentioning(data_dir), "the stack's processes should be found first"
    stack.down(echo=lambda _: None)
    assert not any(stack.status().values()), stack.status()
    # Nothing left: not the server, workers, watcher or store, nor a flow run they started
    # (each carries the stack's data directory in its command line or its environment)...
    assert _processes_mentioning(data_dir) == {}

    # ...and none of the managed processes lingers, not even as a zombie (a process killed
    # under heavy load can take a moment to be gone; reap it if it was our child).
    def none_lingers() -> bool:
        for pid in before:
            with suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        return all(_start_time(pid) != started for pid, started in before.items())

    running.wait(none_lingers, 60, f"the stack's processes {sorted(before)} to be gone")


def _start_time(pid: int) -> int | None:
    """When the process ``pid`` started (clock ticks since boot), or None if there is none."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _processes_mentioning(text: str) -> dict[int, str]:
    found = {}
    needle = text.encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if state != "Z" and (needle in cmdline or needle in environ):
            found[int(entry.name)] = cmdline.replace(b"\0", b" ").decode(errors="replace")[:200]
    return found
