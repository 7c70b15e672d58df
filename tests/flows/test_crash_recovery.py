"""kill -9 in the middle of a document: the next sweep finishes every document exactly once.

The crash is real (the sweep runs as its own ``sohoa sweep`` process, which dies with exit
status 137 at a named point: see flows/faults.py); only its timing is chosen by the test.

Each ``sohoa sweep`` child costs 80–115 s on a busy 2-core machine (Prefect import, a server,
OCR), so a point runs on one database unless the database itself is what the crash tests:
- ``during_ocr``: nothing was written yet; what matters is the lease taken over by the next
  sweep, checked on both databases by tests/storage/test_ledger.py
  (test_claim_respects_leases_and_attempts).
- ``before_commit``: a transaction killed half-written; SQLite (journal) and PostgreSQL (the
  server drops the dead connection's work) undo it differently, so it runs on both.
- ``after_commit``: stored but not moved; on PostgreSQL the same state (the database stops
  right after the first commit) and its resume (``archived_after_restart``) are checked by
  tests/flows/test_outages.py::test_postgres_down_for_good_mid_batch_exit_4_then_resumes.
"""

from __future__ import annotations

import hashlib
import subprocess
from datetime import date

import pytest
from sqlalchemy import func, select

from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage.warehouse.models import Document, FieldValue, IngestLedger
from tests.flows.helpers import SOHOA, settings_env


@pytest.mark.slow
@pytest.mark.parametrize(
    ("point", "warehouse_url"),
    [
        ("during_ocr", "sqlite"),
        ("before_commit", "sqlite"),
        ("before_commit", "postgresql"),
        ("after_commit", "sqlite"),
    ],
    indirect=["warehouse_url"],
)
def test_kill_mid_document_then_resweep_finishes_each_once(settings, sample_dir, point):
    pngs = sorted([*sample_dir.rglob("*.png"), *sample_dir.rglob("*.jpg")])[:2]
    store, inbox, archive = settings.object_store(), settings.location("inbox"), settings.location("archive")
    for path in pngs:
        store.put(
            inbox.bucket,
            inbox.key(f"D-CRASH/{path.name}"),
            path.read_bytes(),
            content_type="application/octet-stream",
        )

    env = settings_env(settings) | {"SOHOA_CRASH_AT": point, "SOHOA_LEASE_SECONDS": "0"}
    crashed = subprocess.run([SOHOA, "sweep"], env=env, capture_output=True, text=True, timeout=600)
    assert crashed.returncode == 137, crashed.stderr[-2000:]

    sf = open_warehouse(settings.resolved_warehouse_url)
    with sf() as s:
        committed = s.scalar(select(func.count()).select_from(Document))
    assert committed == (1 if point == "after_commit" else 0)

    summary = run_sweep(settings, trigger="cli", today=date(2026, 11, 28))

    if point == "after_commit":
        assert summary.count("archived_after_restart") == 1  # finished the move, no OCR again
        assert summary.count("processed") == 1
    else:
        assert summary.count("processed") == 2
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2
        keys = s.scalars(select(Document.source_key)).all()
        assert len(set(keys)) == 2, "a document was written twice"
        # No half-written rows: every field belongs to one of the two documents.
        assert s.scalar(select(func.count(func.distinct(FieldValue.document_id)))) == 2
        assert set(s.scalars(select(IngestLedger.status)).all()) == {"done"}
    assert list(store.list(inbox.bucket, inbox.prefix)) == []
    for path in pngs:
        got = store.get(archive.bucket, archive.key(f"D-CRASH/{path.name}"))
        assert hashlib.sha256(got).digest() == hashlib.sha256(path.read_bytes()).digest()
