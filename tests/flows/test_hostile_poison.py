"""Issue 17.2: a file that kills its worker every time is quarantined after
``SOHOA_MAX_ATTEMPTS`` claims, and the dead worker's batch is closed as ``interrupted``.

The deaths are real: each sweep is its own ``sohoa sweep`` process that dies with SIGKILL's
status at ``during_ocr`` (flows/faults.py). Before the fix, an expired lease was taken over
without counting against the limit: the row stayed ``claimed`` with attempts 1, 2, 3, 4...
"""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from flows.sweep import _list_inbox, _register_versions, run_sweep
from flows.warehouse import open_warehouse
from storage.objectstore import ObjectInfo
from storage.warehouse import ledger
from storage.warehouse.models import BatchRun, IngestLedger
from tests.flows.helpers import SOHOA, settings_env


# One database, PostgreSQL (where workers share a warehouse): three ``sohoa sweep`` processes
# are the cost. The SQL under it runs on both databases elsewhere: claims, takeovers and
# attempts in tests/storage/test_ledger.py (test_claim_respects_leases_and_attempts,
# test_batches), the claims of an ended batch in the test below.
@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_a_file_that_kills_its_worker_is_quarantined_after_max_attempts(settings, sample_dir):
    png = sorted(sample_dir.rglob("*.png"))[0]
    store, inbox, quarantine = (
        settings.object_store(),
        settings.location("inbox"),
        settings.location("quarantine"),
    )
    store.put(inbox.bucket, inbox.key(f"D-POISON/{png.name}"), png.read_bytes())
    # A lease of 1 hour: the takeover must come from noticing the dead worker, not the lease.
    env = settings_env(settings) | {
        "SOHOA_CRASH_AT": "during_ocr",
        "SOHOA_MAX_ATTEMPTS": "2",
        "SOHOA_LEASE_SECONDS": "3600",
    }
    sf = open_warehouse(settings.resolved_warehouse_url)
    for attempt in (1, 2):
        crashed = subprocess.run([SOHOA, "sweep"], env=env, capture_output=True, text=True, timeout=600)
        assert crashed.returncode == 137, crashed.stderr[-2000:]
        with sf() as s:
            row = s.scalars(select(IngestLedger)).one()
            assert (row.status, row.attempts, row.stage) == ("claimed", attempt, "ocr")

    # The third sweep (it would crash too, were the file read again) quarantines it unread.
    third = subprocess.run([SOHOA, "sweep"], env=env, capture_output=True, text=True, timeout=600)
    assert third.returncode == 0, third.stderr[-2000:]
    assert json.loads(third.stdout.splitlines()[-1])["outcomes"] == {"quarantined": 1}
    with sf() as s:
        row = s.scalars(select(IngestLedger)).one()
        assert (row.status, row.error_code) == ("quarantined", "processing_failed")
        assert "last stage reached: ocr" in row.last_error
        statuses = s.scalars(select(BatchRun.status).order_by(BatchRun.id)).all()
    assert statuses == ["interrupted", "interrupted", "completed"]
    reason = json.loads(store.get(quarantine.bucket, row.quarantine_key + ".reason.json"))
    assert reason["error"]["code"] == "processing_failed" and "worker died" in reason["error"]["message"]
    assert store.get(quarantine.bucket, row.quarantine_key) == png.read_bytes()
    assert list(store.list(inbox.bucket, inbox.prefix)) == []


def test_claims_of_an_ended_batch_are_taken_at_once(settings, sample_dir):
    """17.12: a sweep that could not record its outcome (the database was down) leaves its
    row claimed; once its batch has ended, the next sweep takes the row without waiting out
    the lease, and a takeover counts as an attempt while an outage gives its attempt back."""
    png = sorted(sample_dir.rglob("*.png"))[0]
    store, inbox = settings.object_store(), settings.location("inbox")
    store.put(inbox.bucket, inbox.key(f"D-LEASE/{png.name}"), png.read_bytes())
    sf = open_warehouse(settings.resolved_warehouse_url)
    _register_versions(settings, _list_inbox(settings))
    row_id = ledger.pending(sf, inbox.bucket, inbox.prefix)[0].id
    batch = ledger.start_batch(sf, "cli", "test", worker="elsewhere-1")
    assert ledger.claim(sf, row_id, "elsewhere-1", 3600, batch_id=batch)
    assert ledger.pending(sf, inbox.bucket, inbox.prefix) == []  # its lease holds
    ledger.finish_batch(sf, batch, "failed", {})
    assert [e.id for e in ledger.pending(sf, inbox.bucket, inbox.prefix)] == [row_id]

    ledger.mark_failed(sf, row_id, ledger.TRANSIENT_ERROR, "database down")
    assert ledger.get_entry(sf, row_id).attempts == 0
    summary = run_sweep(settings, today=date(2026, 11, 28))
    assert summary.count("processed") == 1
    assert ledger.get_entry(sf, row_id).attempts == 1


def test_a_dead_workers_batch_is_interrupted_and_its_claims_free_at_once(warehouse):
    """The SQL under the first test, on both databases: closing a dead worker's batch marks
    it ``interrupted`` and expires the leases of its claimed rows, so another worker takes
    them at once, as an attempt; a live worker's batch is left alone."""
    objects = [
        ObjectInfo(bucket="b", key=f"inbox/D-POISON/{name}.png", etag="e1", size=1, last_modified=None)
        for name in ("dead", "alive")
    ]
    dead_row, alive_row = ledger.register(warehouse, objects, lambda key: key.split("/")[1])
    dead_batch = ledger.start_batch(warehouse, "cli", "test", worker="host-dead")
    alive_batch = ledger.start_batch(warehouse, "cli", "test", worker="host-alive")
    assert ledger.claim(warehouse, dead_row, "host-dead", 3600, batch_id=dead_batch)
    assert ledger.claim(warehouse, alive_row, "host-alive", 3600, batch_id=alive_batch)
    assert ledger.pending(warehouse, "b", "inbox/") == []  # both leases hold

    assert ledger.close_dead_batches(warehouse, lambda worker: worker == "host-dead") == [dead_batch]
    with warehouse() as s:
        statuses = dict(s.execute(select(BatchRun.id, BatchRun.status)).all())
    assert statuses == {dead_batch: "interrupted", alive_batch: "running"}
    assert [e.id for e in ledger.pending(warehouse, "b", "inbox/")] == [dead_row]
    assert ledger.claim(warehouse, dead_row, "host-next", 3600)
    assert ledger.get_entry(warehouse, dead_row).attempts == 2
    assert ledger.close_dead_batches(warehouse, lambda worker: worker == "host-dead") == []
