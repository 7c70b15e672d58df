"""Operating the live stack (issue 15): `stack up` is idempotent and brings back only what
is missing, `stack status` names each part, and a drop of 50 files into 5 dossiers is
processed exactly once by a few flow runs, with no run crashed or failed and no batch left
running.

Its own stack on free ports (Prefect on PostgreSQL, warehouse on PostgreSQL), the schedule
on as in production. Every wait is a poll with a deadline that ends with the stack's logs.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench.bench_sweep import tiny_page
from storage.warehouse.models import BatchRun, Document, IngestLedger
from tests.flows.test_stack import Running, _postgres_database, live_stack_settings

# One worker runs the whole module (make test: --dist loadgroup): its tests share one live
# stack, and later tests read what earlier ones left (the drop's batch and report artifact).
pytestmark = [pytest.mark.xdist_group("stack_ops"), pytest.mark.slow, pytest.mark.timeout(2400)]
DROP_DOSSIERS, DROP_PER_DOSSIER = 5, 10


@pytest.fixture(scope="module")
def prefect_harness():
    """This module talks to its own stack's server only."""
    yield


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from flows.stack import Stack
    from flows.warehouse import open_warehouse

    bucket = f"ops-{uuid.uuid4().hex[:8]}"
    with _postgres_database("sohoa_ops") as warehouse, _postgres_database("sohoa_ops_prefect") as prefect_db:
        settings = live_stack_settings(tmp_path_factory.mktemp("ops") / "data", bucket, warehouse, prefect_db)
        stack = Stack(settings)
        r = Running(stack, settings, None)
        try:
            stack.up(echo=r.echoed.append, workers=1)
            r.sf = open_warehouse(settings.resolved_warehouse_url)
            yield r
        finally:
            stack.down(echo=lambda _: None)


def _pids(live) -> dict[str, int | None]:
    return {m.name: m.pid() for m in [live.stack.server, live.stack.watcher, *live.stack.workers()]}


def _all_up(live) -> None:
    parts = live.stack.parts()
    assert all(ok for ok, _ in parts.values()), parts


def test_status_names_each_part_and_its_state(live):
    parts = live.stack.parts()
    assert {
        "object-store",
        "prefect-server",
        "work-pool",
        "deployments",
        "event-trigger",
        "ocr-limit",
        "worker-1",
        "watcher",
    } <= parts.keys(), parts
    _all_up(live)
    assert live.settings.work_pool in parts["work-pool"][1]


def test_up_on_a_running_stack_touches_nothing(live):
    before = _pids(live)
    deployed = live.stack._deployed_spec_path().stat().st_mtime_ns
    live.stack.up(echo=lambda _: None, workers=1)
    assert _pids(live) == before
    assert live.stack._deployed_spec_path().stat().st_mtime_ns == deployed  # no redeploy
    _all_up(live)


def test_up_brings_back_a_killed_watcher_and_nothing_else(live):
    before = _pids(live)
    os.kill(before["watcher"], signal.SIGKILL)
    live.wait(lambda: live.stack.watcher.pid() is None, 60, "the killed watcher to be gone")
    assert live.stack.parts()["watcher"][0] is False
    live.stack.up(echo=lambda _: None, workers=1)
    after = _pids(live)
    assert after["watcher"] not in (None, before["watcher"])
    assert {k: v for k, v in after.items() if k != "watcher"} == {
        k: v for k, v in before.items() if k != "watcher"
    }
    _all_up(live)


def test_down_and_up_twice(live):
    for _ in range(2):
        live.stack.down(echo=lambda _: None)
        assert not any(live.stack.status().values()), live.stack.status()
        live.stack.up(echo=lambda _: None, workers=1)
        _all_up(live)


def test_a_drop_of_50_files_into_5_dossiers_is_processed_once_by_a_few_runs(live):
    """Runs after the restarts above: everything works after them."""
    store, inbox = live.settings.object_store(), live.settings.location("inbox")
    keys = [
        inbox.key(f"D-DROP-{d}/trang-{i:02d}.png")
        for d in range(DROP_DOSSIERS)
        for i in range(DROP_PER_DOSSIER)
    ]
    with live.sf() as s:
        batches_before = s.scalar(select(func.max(BatchRun.id))) or 0
    for n, key in enumerate(keys):
        store.put(inbox.bucket, key, tiny_page(n), content_type="image/png")

    def all_done() -> bool:
        with live.sf() as s:
            done = s.scalar(
                select(func.count())
                .select_from(IngestLedger)
                .where(IngestLedger.key.in_(keys), IngestLedger.status.in_(("done", "quarantined")))
            )
        return done == len(keys)

    live.wait(all_done, 1500, f"the {len(keys)} dropped files to be archived")
    with live.sf() as s:
        per_key = Counter(s.scalars(select(Document.source_key).where(Document.source_key.in_(keys))))
        statuses = Counter(s.scalars(select(IngestLedger.status).where(IngestLedger.key.in_(keys))))
    assert per_key == Counter(keys), "each file stored exactly once"
    assert statuses == {"done": len(keys)}, statuses
    assert not list(store.list(inbox.bucket, inbox.prefix + "D-DROP-")), "inbox left with files"

    # No run failed or crashed, and the drop made a few runs, not one per file.
    bad = live.runs(states=["FAILED", "CRASHED"])
    assert bad == [], [(r["name"], r["state_name"]) for r in bad]
    event_runs = [r for r in live.runs(deployment="process-dossier") if "D-DROP-" in r["name"]]
    assert 1 <= len(event_runs) <= 2 * DROP_DOSSIERS, [r["name"] for r in event_runs]

    def batches_closed() -> bool:  # a run's batch closes just after its last document
        with live.sf() as s:
            return not s.scalars(
                select(BatchRun.id).where(BatchRun.id > batches_before, BatchRun.status == "running")
            ).all()

    live.wait(batches_closed, 300, "every batch of the drop to be closed")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WINDOW = (1400, 1000)
LINK = re.compile(r"\[[^\]]*report\.html\]\((http[^)\s]+)\)")


def _chromium(tmp_path, url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-quic",
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


def _keep(png: Path) -> Path:
    if target := os.environ.get("SOHOA_TEST_ARTIFACTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(png, Path(target) / png.name))
    return png


def test_the_report_link_of_the_prefect_artifact_opens_the_report(live, tmp_path):
    """What an auditor does: open the run's report artifact, follow its link, see the report
    (not a login page, not an expired signature)."""
    if CHROMIUM is None:
        pytest.skip("Debian chromium not installed (scripts/install-system-deps.sh)")
    from PIL import Image, ImageStat

    def report_artifacts() -> list[dict]:
        arts = live.stack.api(
            "POST",
            "/artifacts/filter",
            {"artifacts": {"type": {"any_": ["markdown"]}}, "sort": "CREATED_DESC", "limit": 50},
        )
        return [a for a in arts if (a.get("key") or "").startswith("quality-report-batch-")]

    # A run closes its batch first and then renders and publishes the batch's report, so the
    # drop test above can end (every batch closed) a few seconds before the artifact exists.
    # Regression: run alone, this test read the artifacts in that gap and found none.
    live.wait(lambda: bool(report_artifacts()), 300, "the drop's quality-report artifact")
    reports = report_artifacts()
    text = reports[0]["data"]
    assert "&amp;" not in text
    (url,) = LINK.findall(text)
    assert url.startswith(live.settings.report_links_base + "/reports/batch-")

    dom = _chromium(tmp_path, url, "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "Báo cáo chất lượng dữ liệu số hóa" in dom.stdout and 'id="verdict"' in dom.stdout
    assert "login" not in dom.stdout.lower() and "AccessDenied" not in dom.stdout

    png = tmp_path / "report-from-prefect-artifact.png"
    shot = _chromium(tmp_path, url, f"--screenshot={png}")
    assert shot.returncode == 0 and png.is_file(), shot.stderr[-2000:]
    with Image.open(png) as img:
        assert img.size == WINDOW
        assert ImageStat.Stat(img.convert("L")).stddev[0] > 10, "the screenshot looks blank"
    print(f"\nreport screenshot: {_keep(png)}")

    # The Prefect UI's runs list after the drop names the per-dossier runs (it rendered blank
    # during the storm of one run per file). The single-page app renders from API calls: a
    # slow server under load may need more than one load.
    ui = f"http://{live.settings.prefect_host}:{live.settings.prefect_port}/v2/runs"
    dom_text: list[str] = []

    def runs_listed() -> bool:
        out = _chromium(tmp_path, ui, "--dump-dom")
        dom_text[:] = [out.stdout]
        return "sweep D-DROP-" in out.stdout

    try:
        live.wait(runs_listed, 300, f"the runs list at {ui} to name the drop's runs")
    except RuntimeError as exc:
        raise AssertionError(
            f"{exc}\n--- DOM (first 3000 chars):\n{dom_text[0][:3000] if dom_text else ''}"
        ) from None
    runs_png = tmp_path / "prefect-ui-runs-after-drop.png"
    assert _chromium(tmp_path, ui, f"--screenshot={runs_png}").returncode == 0
    print(f"Prefect UI screenshot: {_keep(runs_png)}")
