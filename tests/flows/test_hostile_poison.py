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

from sqlalchemy import select

from flows.sweep import _list_inbox, _register_versions, run_sweep
from flows.warehouse import open_warehouse
from storage.warehouse import ledger
from storage.warehouse.models import BatchRun, IngestLedger
from tests.flows.helpers import SOHOA, settings_env


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
