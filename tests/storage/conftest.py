"""Helpers shared by the warehouse tests (the service fixtures live in tests/conftest.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from storage.objectstore import ObjectInfo
from storage.warehouse import ledger
from storage.warehouse.records import DocumentRecord, FieldRecord, PageRecord, RuleRecord

BUCKET = "sohoa"


def dossier_of(key: str) -> str:
    """inbox/<dossier>/file -> <dossier>"""
    return key.split("/")[1]


def obj(key: str, etag: str = "e1", size: int = 100, bucket: str = BUCKET) -> ObjectInfo:
    return ObjectInfo(bucket=bucket, key=key, etag=etag, size=size, last_modified=None)


def record_for(ledger_id: int, o: ObjectInfo, *, pages: int = 2, **overrides: object) -> DocumentRecord:
    sha = hashlib.sha256(f"{o.key}@{o.etag}".encode()).hexdigest()
    values: dict[str, object] = {
        "ledger_id": ledger_id,
        "dossier_code": dossier_of(o.key),
        "source_bucket": o.bucket,
        "source_key": o.key,
        "source_etag": o.etag,
        "source_sha256": sha,
        "archive_bucket": o.bucket,
        "archive_key": "processed/" + o.key.removeprefix("inbox/"),
        "doc_type": "cccd",
        "doc_type_confidence": 0.93,
        "page_count": pages,
        "text_source": "ocr",
        "mean_ocr_confidence": 88.5,
        "text": "CĂN CƯỚC CÔNG DÂN\nHọ và tên: NGUYỄN VĂN A",
        "status": "accepted",
        "score": 0.97,
        "pipeline_version": "p1",
        "rules_version": "r1",
        "pages": [
            PageRecord(number=n, source="ocr", text=f"page {n}", width=2480, height=3508, dpi=300)
            for n in range(1, pages + 1)
        ],
        "fields": [
            FieldRecord(
                key="full_name",
                value="NGUYỄN VĂN A",
                raw="NGUYỄN VĂN A",
                source="ocr",
                confidence=91.0,
                page=1,
                bbox=(100, 200, 900, 260),
            ),
            FieldRecord(key="id_number", value="001203004567", raw="001203004567", source="ocr"),
        ],
        "rules": [
            RuleRecord(
                rule="id_checksum",
                criterion="dung",
                severity="error",
                passed=True,
                field="id_number",
                evaluated=1,
            ),
            RuleRecord(
                rule="required_fields",
                criterion="du",
                severity="error",
                passed=False,
                evaluated=5,
                message="missing date_of_birth",
                failing_values=["date_of_birth"],
            ),
        ],
        "derived": {"json": "derived/x.json", "hocr": "derived/x.hocr"},
    }
    values.update(overrides)
    return DocumentRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def registered(warehouse) -> Callable[..., tuple[int, ObjectInfo]]:
    """Register one object and return (ledger_id, object)."""

    def make(key: str = "inbox/HS-001/cccd.jpg", etag: str = "e1") -> tuple[int, ObjectInfo]:
        o = obj(key, etag)
        (ledger_id,) = ledger.register(warehouse, [o], dossier_of)
        return ledger_id, o

    return make


@pytest.fixture
def make_record() -> Callable[..., DocumentRecord]:
    """``record_for(ledger_id, object, pages=2, **overrides)``: a full DocumentRecord."""
    return record_for
