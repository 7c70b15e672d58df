"""Dependencies failing for real: the object store stopped before and in the middle of a batch,
PostgreSQL restarted or stopped in the middle of a batch, a slow and a flapping link to the store.

Transient errors are retried with back-off; a lasting outage fails the run with a clear
message and exit code; a later run resumes with nothing lost or duplicated.

The database faults use a private PostgreSQL server of the test's own (tests/pgserver.py):
the machine's shared server on 127.0.0.1:5432 serves other tests and is never restarted. The
moment of a fault is chosen through the sweep's fault points (flows/faults.py ``hooked``).
"""

from __future__ import annotations

import subprocess
import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from flows import faults
from flows.stack.processes import wait_until
from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage import localserver
from storage.warehouse.models import Document, IngestLedger
from tests import pgserver
from tests.flows.helpers import SOHOA, settings_env
from tests.tcpproxy import TcpProxy

TODAY = date(2026, 11, 28)


@pytest.fixture
def own_store(tmp_path):
    """A store of this test's own, so stopping it disturbs no other test."""
    cfg = localserver.LocalServerConfig(data_dir=tmp_path / "s3", port=localserver.free_port())
    localserver.start(cfg)
    yield cfg
    localserver.stop(cfg)


@pytest.fixture
def outage_settings(settings, own_store):
    bucket = f"outage-{uuid.uuid4().hex[:8]}"
    s = settings.model_copy(
        update={
            "s3_endpoint": own_store.endpoint,
            "s3_access_key": own_store.access_key,
            "s3_secret_key": type(settings.s3_secret_key)(own_store.secret_key),
            "inbox": f"{bucket}/inbox/",
            "archive": f"{bucket}/archive/",
            "quarantine": f"{bucket}/quarantine/",
            "derived": f"{bucket}/derived/",
            "reports": f"{bucket}/reports/",
            "retry_delays": [0.2, 0.2, 0.2],
            "s3_retries": 1,  # one quick retry per call; the back-off under test is retry_delays
        }
    )
    s.object_store().ensure_bucket(bucket)
    return s


def _drop(settings, sample_dir, n: int) -> list[str]:
    store, inbox = settings.object_store(), settings.location("inbox")
    keys = []
    for path in sorted([*sample_dir.rglob("*.png"), *sample_dir.rglob("*.jpg")])[:n]:
        key = inbox.key(f"D-OUT/{path.name}")
        store.put(inbox.bucket, key, path.read_bytes(), content_type="application/octet-stream")
        keys.append(key)
    return keys


def _documents(settings) -> list[str]:
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        return list(s.scalars(select(Document.source_key)).all())


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_store_down_fails_clearly_then_resumes(outage_settings, own_store, sample_dir):
    keys = _drop(outage_settings, sample_dir, 2)
    localserver.stop(own_store)

    down = subprocess.run(
        [SOHOA, "sweep"], env=settings_env(outage_settings), capture_output=True, text=True, timeout=600
    )
    assert down.returncode == 4, down.stderr[-2000:]
    assert "object store" in down.stderr and own_store.endpoint in down.stderr
    assert _documents(outage_settings) == []

    localserver.start(own_store)
    summary = run_sweep(outage_settings, trigger="cli", today=date(2026, 11, 28))
    assert summary.count("processed") == 2
    assert sorted(_documents(outage_settings)) == sorted(keys)


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_store_stopped_mid_batch_nothing_lost_nothing_twice(outage_settings, own_store, sample_dir):
    keys = _drop(outage_settings, sample_dir, 4)
    worker = subprocess.Popen(
        [SOHOA, "sweep"],
        env=settings_env(outage_settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The outage starts once the first document is committed (or the worker has ended).
    wait_until(
        lambda: bool(_documents(outage_settings)) or worker.poll() is not None,
        300,
        "the first committed document",
    )
    localserver.stop(own_store)  # the outage starts after the first document
    _, err = worker.communicate(timeout=600)
    assert worker.returncode in (4, 5), err[-2000:]  # store gone, or documents left to retry
    done_before = _documents(outage_settings)
    # The outage must fall mid-batch, or this test tests nothing.
    assert done_before, "no document was committed before the store stopped"
    assert len(done_before) < 4, f"the whole batch finished before the outage: {done_before}"
    with open_warehouse(outage_settings.resolved_warehouse_url)() as s:
        # A document committed just before the outage may still wait for its move to the
        # archive ("stored"): the next sweep finishes it without OCR.
        left = s.scalars(
            select(IngestLedger.status).where(IngestLedger.status.not_in(("done", "stored")))
        ).all()
    # The unfinished files are still to do (never quarantined for the store's outage).
    assert len(left) == 4 - len(done_before) and "quarantined" not in left, left

    localserver.start(own_store)
    run_sweep(outage_settings, trigger="cli", today=date(2026, 11, 28))
    docs = _documents(outage_settings)
    assert sorted(docs) == sorted(keys), "every document exactly once"
    with open_warehouse(outage_settings.resolved_warehouse_url)() as s:
        assert set(s.scalars(select(IngestLedger.status)).all()) == {"done"}
        assert s.scalar(select(func.count()).select_from(IngestLedger)) == 4
    inbox = outage_settings.location("inbox")
    assert list(outage_settings.object_store().list(inbox.bucket, inbox.prefix)) == []


# ---- the warehouse: a private PostgreSQL restarted or stopped mid-batch ------------------


@pytest.fixture
def private_pg():
    reason = pgserver.unavailable_reason()
    if reason:
        pytest.skip(f"no private PostgreSQL server can be started here: {reason}")
    pg = pgserver.PrivatePostgres()
    try:
        pg.start()
        yield pg
    finally:
        pg.destroy()
        open_warehouse.cache_clear()  # its engine points at a server that no longer exists


@pytest.fixture
def pg_settings(settings, private_pg):
    """The session's store, this test's own PostgreSQL, documents one at a time."""
    return settings.model_copy(
        update={
            "warehouse_url": type(settings.warehouse_url)(private_pg.url),
            "max_parallel_documents": 1,
            "retry_delays": [0.5, 1.0, 2.0],
        }
    )


def _assert_exactly_once(settings, keys: list[str]) -> None:
    """Every dropped file: one document, one ledger row done, one archived original."""
    inbox, archive = settings.location("inbox"), settings.location("archive")
    store = settings.object_store()
    assert sorted(_documents(settings)) == sorted(keys), "every document exactly once"
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        rows = s.execute(select(IngestLedger.key, IngestLedger.status)).all()
    assert sorted(rows) == sorted((k, "done") for k in keys)
    assert list(store.list(inbox.bucket, inbox.prefix)) == []
    archived = sorted(archive.relative(o.key) for o in store.list(archive.bucket, archive.prefix))
    assert archived == sorted(inbox.relative(k) for k in keys), "each original archived once"


class _Nth:
    """A fault-point callback that acts on its n-th call only (counting calls per point)."""

    def __init__(self, n: int, action, log: list[str], label: str) -> None:
        self.n, self.action, self.log, self.label, self.calls = n, action, log, label, 0

    def __call__(self) -> None:
        self.calls += 1
        if self.calls == self.n:
            self.action()
            self.log.append(self.label)


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)  # (unused: own PostgreSQL)
def test_postgres_restarted_mid_batch_retried_nothing_lost(pg_settings, private_pg, sample_dir):
    """Two faults in one batch of three documents, each at a chosen moment:

    - after the first document's commit, ``pg_ctl restart -m fast``: every pooled connection
      is now dead; the next statement must not fail on one (pool_pre_ping);
    - just before the second document's commit, ``pg_ctl stop -m fast``: the commit fails
      (connection refused), the task is retried with back-off, and the server is started
      again when the retry is scheduled, before the retry runs.
    """
    keys = _drop(pg_settings, sample_dir, 3)
    events: list[str] = []
    restart = _Nth(1, private_pg.restart, events, "restarted")
    stop = _Nth(2, private_pg.stop, events, "stopped")
    start = _Nth(1, private_pg.start, events, "started")
    with (
        faults.hooked("after_commit", restart),
        faults.hooked("before_commit", stop),
        faults.hooked("retrying", start),
    ):
        summary = run_sweep(pg_settings, trigger="cli", today=TODAY)
    assert events == ["restarted", "stopped", "started"]
    assert summary.count("processed") == 3 and summary.count("failed") == 0, summary.outcomes
    _assert_exactly_once(pg_settings, keys)


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_postgres_down_for_good_mid_batch_exit_4_then_resumes(pg_settings, private_pg, sample_dir):
    """The database stops right after the first commit (before its original is moved) and
    stays down: retries run out, ``sohoa sweep`` exits 4 saying the warehouse is unavailable;
    once it is back, the next run finishes the first document without OCR and the others."""
    from typer.testing import CliRunner

    from flows.cli import app

    keys = _drop(pg_settings, sample_dir, 3)
    events: list[str] = []
    # The settings, and the session's Prefect API: without it the command would start a
    # temporary server of its own in this test process (~15 CPU-s).
    env = {
        k: v for k, v in settings_env(pg_settings).items() if k.startswith("SOHOA_") or k == "PREFECT_API_URL"
    }
    with faults.hooked("after_commit", _Nth(1, private_pg.stop, events, "stopped")):
        result = CliRunner().invoke(app, ["sweep"], env=env)
    assert events == ["stopped"]
    assert result.exit_code == 4, (result.output, result.exception)
    said = " ".join(result.stderr.split())  # the console wraps long lines
    assert "warehouse unavailable" in said and f"127.0.0.1:{private_pg.port}" in said

    private_pg.start()
    summary = run_sweep(pg_settings, trigger="cli", today=TODAY)
    assert summary.count("archived_after_restart") == 1, summary.outcomes  # stored, not moved
    assert summary.count("processed") == 2 and summary.count("failed") == 0
    _assert_exactly_once(pg_settings, keys)


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_postgres_down_before_sweep_exit_4(pg_settings, private_pg, sample_dir):
    """Down before the run: the first warehouse call (the migration check) fails as
    'warehouse unavailable' with exit code 4, not with a traceback; nothing is touched."""
    keys = _drop(pg_settings, sample_dir, 1)
    private_pg.stop()
    down = subprocess.run(
        [SOHOA, "sweep"], env=settings_env(pg_settings), capture_output=True, text=True, timeout=600
    )
    assert down.returncode == 4, down.stderr[-3000:]
    said = " ".join(down.stderr.split())  # the console wraps long lines
    assert "warehouse unavailable" in said and f"127.0.0.1:{private_pg.port}" in said
    assert "object store" not in said  # the database is named, not the store that is fine
    inbox = pg_settings.location("inbox")
    assert [o.key for o in pg_settings.object_store().list(inbox.bucket, inbox.prefix)] == keys


# ---- the object store: a slow link, a flapping link ------------------------------------


@pytest.fixture
def proxied(settings, s3_server):
    """Settings that reach the session's store through a real TCP proxy of this test's own."""
    host, _, port = s3_server.endpoint.rpartition(":")
    proxy = TcpProxy(host, int(port))
    try:
        yield (
            proxy,
            settings.model_copy(
                update={
                    "s3_endpoint": proxy.endpoint,
                    "max_parallel_documents": 1,
                    "retry_delays": [0.5, 1.0, 2.0],
                }
            ),
        )
    finally:
        proxy.close()


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_slow_store_batch_completes(proxied, sample_dir):
    """200 ms added to every chunk between sohoa and the gateway. Added latency cannot be
    produced for real on loopback, so a real TCP proxy injects it (tests/tcpproxy.py). The
    batch completes with nothing lost and nothing twice; no request times out or hangs (the
    client's timeouts are far above such latency, and the test's own timeout bounds it)."""
    proxy, settings = proxied
    proxy.delay = 0.2
    keys = _drop(settings, sample_dir, 2)
    summary = run_sweep(settings, trigger="cli", today=TODAY)
    assert summary.count("processed") == 2 and summary.count("failed") == 0, summary.outcomes
    assert proxy.delayed_chunks > 0
    _assert_exactly_once(settings, keys)


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_store_flaps_mid_batch_nothing_lost(proxied, sample_dir):
    """The link to the store drops right after the first commit (open connections cut, new
    ones reset), so moving the first original fails; it comes back when the retry is
    scheduled. The retry must finish that document without OCR (its row is already stored),
    and the batch ends with every document exactly once."""
    proxy, settings = proxied
    keys = _drop(settings, sample_dir, 2)
    events: list[str] = []
    with (
        faults.hooked("after_commit", _Nth(1, proxy.go_down, events, "down")),
        faults.hooked("retrying", _Nth(1, proxy.go_up, events, "up")),
    ):
        summary = run_sweep(settings, trigger="cli", today=TODAY)
    assert events == ["down", "up"]
    assert proxy.refused > 0, "the client did meet the dropped link"
    assert summary.count("processed") == 2 and summary.count("failed") == 0, summary.outcomes
    _assert_exactly_once(settings, keys)
