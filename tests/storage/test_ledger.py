"""The ingest ledger on SQLite and PostgreSQL: registration, claiming, outcomes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.errors import StoreError
from storage.objectstore import ObjectInfo
from storage.warehouse import ledger
from storage.warehouse.db import make_engine, session_factory
from storage.warehouse.models import BatchRun, IngestLedger

T0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def obj(key: str, etag: str = "e1", bucket: str = "sohoa") -> ObjectInfo:
    return ObjectInfo(bucket=bucket, key=key, etag=etag, size=10, last_modified=None)


def dossier_of(key: str) -> str:
    return key.split("/")[1]


def _rows(sf) -> int:
    with sf() as s:
        return int(s.scalar(select(func.count()).select_from(IngestLedger)) or 0)


def _race(n: int, fn: Callable[[int], Any]) -> list[Any]:
    """Run fn(i) for i in range(n) in n threads released together; return results."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = fn(i)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def test_register_is_idempotent(warehouse) -> None:
    objects = [
        obj("inbox/HS-001/a.pdf"),
        obj("inbox/HS-001/b.pdf"),
        obj("inbox/HS-002/Hồ sơ #1.pdf"),
    ]
    first = ledger.register(warehouse, objects, dossier_of)
    assert len(first) == 3
    assert ledger.register(warehouse, objects, dossier_of) == []
    assert ledger.register(warehouse, objects + objects, dossier_of) == []
    assert _rows(warehouse) == 3
    assert ledger.counts(warehouse) == {
        "new": 3,
        "claimed": 0,
        "stored": 0,
        "done": 0,
        "quarantined": 0,
        "failed": 0,
    }
    entry = ledger.get_entry(warehouse, first[2])
    assert (entry.key, entry.dossier_code, entry.status, entry.attempts) == (
        "inbox/HS-002/Hồ sơ #1.pdf",
        "HS-002",
        "new",
        0,
    )
    # A new content version (new etag) of the same key is a new row.
    assert len(ledger.register(warehouse, [obj("inbox/HS-001/a.pdf", etag="e2")], dossier_of)) == 1
    assert ledger.register(warehouse, [], dossier_of) == []


def test_lookup_finds_known_versions(warehouse) -> None:
    done, fresh = obj("inbox/HS-001/a.pdf"), obj("inbox/HS-001/b.pdf")
    (done_id,) = ledger.register(warehouse, [done], dossier_of)
    ledger.mark_quarantined(warehouse, done_id, "quarantine/HS-001/a.pdf", "corrupt", "x")
    found = ledger.lookup(warehouse, [done, fresh, obj("inbox/HS-001/a.pdf", etag="e2")])
    assert list(found) == [("sohoa", "inbox/HS-001/a.pdf", "e1")]
    assert found[("sohoa", "inbox/HS-001/a.pdf", "e1")].status == "quarantined"
    many = [obj(f"inbox/HS-002/{i}.pdf") for i in range(1100)]  # more than one chunk
    ledger.register(warehouse, many, dossier_of)
    assert len(ledger.lookup(warehouse, many)) == 1100
    assert ledger.lookup(warehouse, []) == {}
    # Only the rows in the given states (what the sweep's duplicate check needs).
    assert list(ledger.lookup(warehouse, [done, *many], statuses=("done", "quarantined"))) == [
        ("sohoa", "inbox/HS-001/a.pdf", "e1")
    ]
    assert ledger.lookup(warehouse, many, statuses=("done",)) == {}


def test_concurrent_sweeps_register_each_version_once(warehouse_url: str) -> None:
    objects = [obj(f"inbox/HS-{i % 7:03d}/{i}.jpg") for i in range(120)]
    engines = [make_engine(warehouse_url) for _ in range(2)]
    try:
        from storage.warehouse.db import migrate

        migrate(engines[0])
        sfs = [session_factory(e) for e in engines]
        results = _race(2, lambda i: ledger.register(sfs[i], objects, dossier_of))
        assert len(results[0]) + len(results[1]) == 120
        assert not set(results[0]) & set(results[1])
        assert _rows(sfs[0]) == 120
    finally:
        for e in engines:
            e.dispose()


def test_concurrent_claim_has_exactly_one_winner(warehouse_url: str) -> None:
    engines = [make_engine(warehouse_url) for _ in range(2)]
    try:
        from storage.warehouse.db import migrate

        migrate(engines[0])
        sfs = [session_factory(e) for e in engines]
        ids = ledger.register(sfs[0], [obj(f"inbox/HS-001/{i}.jpg") for i in range(25)], dossier_of)
        for ledger_id in ids:
            wins = _race(2, lambda i, lid=ledger_id: ledger.claim(sfs[i], lid, f"worker-{i}", 300))
            assert sorted(wins) == [False, True], ledger_id
            entry = ledger.get_entry(sfs[0], ledger_id)
            assert entry.status == "claimed" and entry.attempts == 1
            assert entry.claimed_by == f"worker-{wins.index(True)}"
    finally:
        for e in engines:
            e.dispose()


def test_claim_respects_leases_and_attempts(warehouse) -> None:
    (lid,) = ledger.register(warehouse, [obj("inbox/HS-001/a.pdf")], dossier_of)
    assert ledger.claim(warehouse, lid, "w1", 60, now=T0)
    assert not ledger.claim(warehouse, lid, "w2", 60, now=T0 + timedelta(seconds=59))
    # w1 died: once its lease expired another worker may take over.
    assert ledger.claim(warehouse, lid, "w2", 60, now=T0 + timedelta(seconds=61))
    entry = ledger.get_entry(warehouse, lid)
    assert (entry.claimed_by, entry.attempts) == ("w2", 2)
    assert entry.lease_expires_at == T0 + timedelta(seconds=121)

    assert ledger.mark_failed(warehouse, lid, "ocr_timeout", "tesseract took too long")
    assert ledger.claim(warehouse, lid, "w3", 60, max_attempts=3)  # attempt 3 of 3
    assert ledger.mark_failed(warehouse, lid, "ocr_timeout", "again")
    assert not ledger.claim(warehouse, lid, "w4", 60, max_attempts=3)  # exhausted
    assert ledger.claim(warehouse, lid, "w4", 60)  # no cap: pending() is the gate
    assert ledger.get_entry(warehouse, lid).attempts == 4
    assert not ledger.claim(warehouse, 987_654, "w", 60)  # missing row: nothing to win


def test_pending_selects_rows_needing_work(warehouse) -> None:
    keys = [
        "new",
        "live_claim",
        "expired_claim",
        "stored",
        "done",
        "quarantined",
        "failed_retry",
        "failed_exhausted",
    ]
    ids = dict(
        zip(
            keys,
            ledger.register(warehouse, [obj(f"inbox/HS-001/{k}.pdf") for k in keys], dossier_of),
            strict=True,
        )
    )
    ledger.register(
        warehouse,
        [obj("inbox/HS-001/x.pdf", bucket="elsewhere"), obj("outbox/HS-001/y.pdf")],
        dossier_of,
    )
    # Prefix matching is literal: "_" and "%" are not wildcards.
    ledger.register(warehouse, [obj("inbox_x/HS-001/z.pdf"), obj("inboxAx/HS-001/w.pdf")], dossier_of)

    now = T0 + timedelta(hours=1)
    ledger.claim(warehouse, ids["live_claim"], "w", 7200, now=T0)
    ledger.claim(warehouse, ids["expired_claim"], "w", 60, now=T0)
    for k in ("stored", "done", "quarantined", "failed_retry", "failed_exhausted"):
        assert ledger.claim(warehouse, ids[k], "w", 60, now=T0)
    with warehouse.begin() as s:  # put two rows where save_document would leave them
        for k in ("stored", "done"):
            s.get(IngestLedger, ids[k]).status = "stored"
    assert ledger.mark_done(warehouse, ids["done"], "processed/done.pdf")
    assert ledger.mark_quarantined(warehouse, ids["quarantined"], "quarantine/q.pdf", "unreadable", "x")
    ledger.mark_failed(warehouse, ids["failed_retry"], "e", "m")
    ledger.mark_failed(warehouse, ids["failed_exhausted"], "e", "m")
    with warehouse.begin() as s:
        s.get(IngestLedger, ids["failed_exhausted"]).attempts = 3

    got = {e.key.split("/")[-1][:-4] for e in ledger.pending(warehouse, "sohoa", "inbox/", now=now)}
    assert got == {"new", "expired_claim", "stored", "failed_retry"}
    assert {e.key for e in ledger.pending(warehouse, "sohoa", "inbox_x/", now=now)} == {
        "inbox_x/HS-001/z.pdf"
    }
    everything = ledger.pending(warehouse, "sohoa", now=now)
    assert {e.key.split("/")[0] for e in everything} == {"inbox", "outbox", "inbox_x", "inboxAx"}


def test_outcome_transitions(warehouse) -> None:
    a, b = ledger.register(warehouse, [obj("inbox/HS-001/a.pdf"), obj("inbox/HS-001/b.pdf")], dossier_of)
    assert ledger.claim(warehouse, a, "w", 60)
    assert not ledger.mark_done(warehouse, a, "processed/a.pdf")  # nothing stored yet
    assert ledger.mark_quarantined(warehouse, a, "quarantine/HS-001/a.pdf", "corrupt_pdf", "EOF")
    entry = ledger.get_entry(warehouse, a)
    assert (entry.status, entry.error_code, entry.quarantine_key, entry.lease_expires_at) == (
        "quarantined",
        "corrupt_pdf",
        "quarantine/HS-001/a.pdf",
        None,
    )
    assert not ledger.mark_failed(warehouse, a, "x", "y")  # quarantine is final

    with warehouse.begin() as s:
        s.get(IngestLedger, b).status = "stored"
    assert ledger.mark_failed(warehouse, b, "s3_unavailable", "move failed")
    entry = ledger.get_entry(warehouse, b)
    assert (entry.status, entry.error_code) == ("stored", "s3_unavailable")  # document kept
    assert not ledger.mark_quarantined(warehouse, b, "q", "c", "m")
    assert ledger.mark_done(warehouse, b, "processed/HS-001/b.pdf")
    assert ledger.mark_done(warehouse, b, "processed/HS-001/b.pdf")  # idempotent
    assert ledger.get_entry(warehouse, b).archive_key == "processed/HS-001/b.pdf"

    with pytest.raises(StoreError, match="does not exist"):
        ledger.mark_done(warehouse, 424_242, "x")


def test_set_sha256_records_once(warehouse) -> None:
    (lid,) = ledger.register(warehouse, [obj("inbox/HS-001/a.pdf")], dossier_of)
    ledger.set_sha256(warehouse, lid, "ab" * 32)
    ledger.set_sha256(warehouse, lid, "ab" * 32)
    assert ledger.get_entry(warehouse, lid).sha256 == "ab" * 32
    with pytest.raises(StoreError, match="differs"):
        ledger.set_sha256(warehouse, lid, "cd" * 32)


def test_batches(warehouse) -> None:
    bid = ledger.start_batch(warehouse, "schedule", "p1", flow_run_id="f-123")
    ledger.finish_batch(warehouse, bid, "completed", {"done": 3, "quarantined": 1})
    with warehouse() as s:
        batch = s.get(BatchRun, bid)
        assert (batch.status, batch.counts, batch.flow_run_id) == (
            "completed",
            {"done": 3, "quarantined": 1},
            "f-123",
        )
        assert batch.finished_at is not None and batch.finished_at >= batch.started_at
    with pytest.raises(ValueError):
        ledger.start_batch(warehouse, "cron", "p1")
    with pytest.raises(ValueError):
        ledger.finish_batch(warehouse, bid, "running", {})
    with pytest.raises(StoreError):
        ledger.finish_batch(warehouse, 999_999, "failed", {})
