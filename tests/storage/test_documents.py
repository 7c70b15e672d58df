"""save_document: one transaction, idempotent, history not overwrite."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.errors import StoreError
from storage.warehouse import ledger
from storage.warehouse.db import make_engine, migrate, session_factory
from storage.warehouse.models import Document, Dossier, FieldValue, Page, RuleResult
from storage.warehouse.records import FieldRecord, PageRecord


def _count(sf, model) -> int:
    with sf() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_save_document_writes_everything_and_marks_stored(warehouse, registered, make_record) -> None:
    lid, o = registered()
    assert ledger.claim(warehouse, lid, "w1", 300)
    batch = ledger.start_batch(warehouse, "cli", "p1")
    record = make_record(lid, o, batch_id=batch)
    doc_id = ledger.save_document(warehouse, record)

    entry = ledger.get_entry(warehouse, lid)
    assert (entry.status, entry.sha256, entry.batch_id, entry.lease_expires_at) == (
        "stored",
        record.source_sha256,
        batch,
        None,
    )
    assert ledger.document_count(warehouse) == 1
    with warehouse() as s:
        doc = s.get(Document, doc_id)
        assert (doc.ledger_id, doc.source_key, doc.source_etag, doc.supersedes_id) == (
            lid,
            o.key,
            "e1",
            None,
        )
        assert doc.derived == {"json": "derived/x.json", "hocr": "derived/x.hocr"}
        assert doc.created_at.tzinfo is not None
        assert s.scalar(select(Dossier.code).where(Dossier.id == doc.dossier_id)) == "HS-001"
        pages = s.scalars(select(Page).where(Page.document_id == doc_id).order_by(Page.number)).all()
        assert [(p.number, p.dpi, p.text) for p in pages] == [
            (1, 300, "page 1"),
            (2, 300, "page 2"),
        ]
        fields = {f.key: f for f in s.scalars(select(FieldValue).where(FieldValue.document_id == doc_id))}
        name = fields["full_name"]
        assert (name.value, name.page, name.bbox, name.source, name.pipeline_version) == (
            "NGUYỄN VĂN A",
            1,
            [100.0, 200.0, 900.0, 260.0],
            "ocr",
            "p1",
        )
        # bbox None is SQL NULL, not the JSON literal null
        assert s.scalar(select(func.count()).select_from(FieldValue).where(FieldValue.bbox.is_(None))) == 1
        rules = s.scalars(select(RuleResult).where(RuleResult.document_id == doc_id)).all()
        failing = next(r for r in rules if not r.passed)
        assert (failing.rule, failing.failing_values, failing.rules_version) == (
            "required_fields",
            ["date_of_birth"],
            "r1",
        )
    info = ledger.document_for_ledger(warehouse, lid)
    assert info is not None and info.id == doc_id and info.dossier_code == "HS-001"
    assert ledger.mark_done(warehouse, lid, record.archive_key)
    assert ledger.counts(warehouse)["done"] == 1


def test_save_document_is_idempotent(warehouse, registered, make_record) -> None:
    lid, o = registered()
    first = ledger.save_document(warehouse, make_record(lid, o))
    again = ledger.save_document(warehouse, make_record(lid, o, doc_type="other"))
    assert again == first
    ledger.mark_done(warehouse, lid, "processed/x")
    assert ledger.save_document(warehouse, make_record(lid, o)) == first
    assert (
        _count(warehouse, Document),
        _count(warehouse, Page),
        _count(warehouse, FieldValue),
    ) == (1, 2, 2)
    assert ledger.get_entry(warehouse, lid).status == "done"  # not pulled back to stored


@pytest.mark.parametrize(
    "breakage",
    ["duplicate_page", "bad_status", "unknown_field_source"],
)
def test_save_document_is_all_or_nothing(warehouse, registered, make_record, breakage: str) -> None:
    lid, o = registered()
    assert ledger.claim(warehouse, lid, "w1", 300)
    before = ledger.get_entry(warehouse, lid)
    good = make_record(lid, o)
    overrides: dict[str, Any] = {
        "duplicate_page": {"pages": [*good.pages, PageRecord(number=1, source="ocr")]},
        "bad_status": {"status": "maybe"},
        "unknown_field_source": {
            "fields": [*good.fields, FieldRecord(key="x", value="1", raw="1", source="guess")]
        },
    }[breakage]
    with pytest.raises(StoreError):
        ledger.save_document(warehouse, dataclasses.replace(good, **overrides))

    for model in (Document, Page, FieldValue, RuleResult, Dossier):
        assert _count(warehouse, model) == 0, model.__tablename__
    after = ledger.get_entry(warehouse, lid)
    assert after == before  # status, attempts, lease and sha256 all unchanged
    # and the same ledger row can still be saved properly afterwards
    assert ledger.save_document(warehouse, good) > 0


def test_lineage_must_match_the_ledger_row(warehouse, registered, make_record) -> None:
    lid, o = registered()
    with pytest.raises(StoreError, match="document says"):
        ledger.save_document(warehouse, make_record(lid, o, source_etag="other-etag"))
    ledger.set_sha256(warehouse, lid, "f" * 64)
    with pytest.raises(StoreError, match="sha256"):
        ledger.save_document(warehouse, make_record(lid, o))
    with pytest.raises(StoreError, match="does not exist"):
        ledger.save_document(warehouse, make_record(777_777, o))
    assert ledger.document_count(warehouse) == 0


def test_new_version_supersedes_and_keeps_old_row(warehouse, registered, make_record) -> None:
    lid1, o1 = registered(etag="v1")
    d1 = ledger.save_document(warehouse, make_record(lid1, o1, status="needs_review"))
    ledger.mark_done(warehouse, lid1, "processed/HS-001/cccd.jpg")
    (old,) = ledger.document_history(warehouse, o1.bucket, o1.key)

    lid2, o2 = registered(etag="v2")  # archivist re-scanned the same file name
    d2 = ledger.save_document(warehouse, make_record(lid2, o2, status="accepted"))
    lid3, o3 = registered(etag="v3")
    d3 = ledger.save_document(warehouse, make_record(lid3, o3))
    other_lid, other = registered(key="inbox/HS-001/other.jpg")
    d_other = ledger.save_document(warehouse, make_record(other_lid, other))

    history = ledger.document_history(warehouse, o1.bucket, o1.key)
    assert [(h.id, h.supersedes_id, h.source_etag) for h in history] == [
        (d1, None, "v1"),
        (d2, d1, "v2"),
        (d3, d2, "v3"),
    ]
    assert history[0] == old  # the old row is untouched
    assert ledger.document_for_ledger(warehouse, other_lid).supersedes_id is None  # type: ignore[union-attr]
    assert d_other not in {h.id for h in history}
    with warehouse() as s:  # the dossier is shared, not duplicated
        assert s.scalar(select(func.count()).select_from(Dossier)) == 1


def test_concurrent_saves_keep_history_linear(warehouse_url: str, make_record) -> None:
    from storage.objectstore import ObjectInfo

    engines = [make_engine(warehouse_url) for _ in range(4)]
    try:
        migrate(engines[0])
        sfs = [session_factory(e) for e in engines]
        objs = [ObjectInfo("sohoa", "inbox/HS-009/scan.pdf", f"v{i}", 10, None) for i in range(4)]
        ids = ledger.register(sfs[0], objs, lambda k: k.split("/")[1])
        # Two workers save the same ledger row, two others save newer versions.
        jobs = [(ids[0], objs[0]), (ids[0], objs[0]), (ids[1], objs[1]), (ids[2], objs[2])]
        barrier = threading.Barrier(len(jobs))
        results: list[int] = [0] * len(jobs)
        errors: list[BaseException] = []

        def run(i: int) -> None:
            try:
                barrier.wait(timeout=30)
                results[i] = ledger.save_document(sfs[i], make_record(*jobs[i]))
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors, errors
        assert results[0] == results[1]  # same ledger row, one document
        history = ledger.document_history(sfs[0], "sohoa", "inbox/HS-009/scan.pdf")
        assert len(history) == 3
        links = [h.supersedes_id for h in history]
        assert links == [None, history[0].id, history[1].id]  # a line, not a fork
    finally:
        for e in engines:
            e.dispose()
