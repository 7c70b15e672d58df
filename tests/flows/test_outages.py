"""Dependencies failing for real: the object store stopped before and in the middle of a batch.

Transient errors are retried with back-off; a lasting outage fails the run with a clear
message and exit code; a later run resumes with nothing lost or duplicated.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage import localserver
from storage.warehouse.models import Document, IngestLedger
from tests.flows.helpers import SOHOA, settings_env


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
    s = settings.model_copy(update={
        "s3_endpoint": own_store.endpoint, "s3_access_key": own_store.access_key,
        "s3_secret_key": type(settings.s3_secret_key)(own_store.secret_key),
        "inbox": f"{bucket}/inbox/", "archive": f"{bucket}/archive/",
        "quarantine": f"{bucket}/quarantine/", "derived": f"{bucket}/derived/",
        "reports": f"{bucket}/reports/", "retry_delays": [0.2, 0.2, 0.2],
    })
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

    down = subprocess.run([SOHOA, "sweep"], env=settings_env(outage_settings),
                          capture_output=True, text=True, timeout=600)
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
    worker = subprocess.Popen([SOHOA, "sweep"], env=settings_env(outage_settings),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not _documents(outage_settings) and worker.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)  # polling the warehouse for the first committed document
    localserver.stop(own_store)  # the outage starts after the first document
    _, err = worker.communicate(timeout=600)
    assert worker.returncode in (4, 5), err[-2000:]  # store gone, or documents left to retry
    done_before = _documents(outage_settings)
    assert 1 <= len(done_before) < 4

    localserver.start(own_store)
    run_sweep(outage_settings, trigger="cli", today=date(2026, 11, 28))
    docs = _documents(outage_settings)
    assert sorted(docs) == sorted(keys), "every document exactly once"
    with open_warehouse(outage_settings.resolved_warehouse_url)() as s:
        assert set(s.scalars(select(IngestLedger.status)).all()) == {"done"}
        assert s.scalar(select(func.count()).select_from(IngestLedger)) == 4
    inbox = outage_settings.location("inbox")
    assert list(outage_settings.object_store().list(inbox.bucket, inbox.prefix)) == []
