"""The whole path on real components: local S3 server, SQLite and PostgreSQL, Tesseract, Prefect.

Asserts the design invariants: nothing lost, idempotent re-sweep, originals byte-identical in
the archive, quarantine with typed reasons, one transaction per document, provenance per field.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage.warehouse.models import Document, FieldValue, IngestLedger, Page, RuleResult
from tests.flows.helpers import runs_of_since

TODAY = date(2026, 11, 28)
DOSSIER = "H12.01-261128-0001"
# Keys an archivist really makes: spaces, Vietnamese, and the characters URLs dislike.
ODD_NAMES = ["Quyết định số 1.png", "cong van #2 100%+.jpg", "thông báo (3).pdf"]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _truths(sample_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (sample_dir / "truth.jsonl").read_text().splitlines()]


def _hostile(corpora: Path, sample_dir: Path) -> dict[str, tuple[bytes, str]]:
    """name → (bytes, the quarantine code we expect)."""
    jpeg = next(sample_dir.rglob("*.jpg")).read_bytes()
    return {
        "trống.pdf": (b"", "empty_file"),
        "ghi chú.pdf": ("không phải tài liệu\n".encode(), "unsupported_format"),
        "cắt dở.jpg": (jpeg[: len(jpeg) // 2], "corrupt_file"),
        "mã hóa.pdf": (
            (corpora / "robustness_pdfminer/samples/encryption/aes-128.pdf").read_bytes(),
            "encrypted_pdf",
        ),
    }


def _drop(settings, files: dict[str, bytes]) -> dict[str, str]:
    store, inbox = settings.object_store(), settings.location("inbox")
    keys = {}
    for name, data in files.items():
        key = inbox.key(f"{DOSSIER}/{name}")
        store.put(inbox.bucket, key, data, content_type="application/octet-stream")
        keys[name] = key
    return keys


def _count(sf, model) -> int:
    with sf() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def dropped(settings, sample_dir, corpora):
    truths = [t for t in _truths(sample_dir) if t["format"] in ("png", "jpg", "pdf")][:3]
    good = {name: (sample_dir / t["file"]).read_bytes() for name, t in zip(ODD_NAMES, truths, strict=False)}
    hostile = _hostile(corpora, sample_dir)
    keys = _drop(settings, good | {n: d for n, (d, _) in hostile.items()})
    return {
        "good": good,
        "hostile": hostile,
        "keys": keys,
        "truths": dict(zip(ODD_NAMES, truths, strict=False)),
    }


def test_sweep_processes_everything_once_and_loses_nothing(settings, dropped):
    summary = run_sweep(settings, trigger="cli", today=TODAY)

    store = settings.object_store()
    inbox, archive, quarantine = (settings.location(r) for r in ("inbox", "archive", "quarantine"))
    assert list(store.list(inbox.bucket, inbox.prefix)) == [], "inbox must be empty after a sweep"
    assert summary.count("processed") == len(dropped["good"])
    assert summary.count("quarantined") == len(dropped["hostile"])

    # Originals: byte-identical in the archive, under their own names.
    for name, data in dropped["good"].items():
        key = archive.key(f"{DOSSIER}/{name}")
        assert sha(store.get(archive.bucket, key)) == sha(data), name

    # Quarantine: the bytes kept, and a typed reason beside each.
    for name, (data, code) in dropped["hostile"].items():
        key = quarantine.key(f"{DOSSIER}/{name}")
        assert store.get(quarantine.bucket, key) == data
        reason = json.loads(store.get(quarantine.bucket, key + ".reason.json"))
        assert reason["error"]["code"] == code, (name, reason)
        assert reason["source"]["key"] == dropped["keys"][name]

    sf = open_warehouse(settings.resolved_warehouse_url)
    with sf() as s:
        docs = s.scalars(select(Document)).all()
        assert len(docs) == len(dropped["good"])
        for doc in docs:
            name = Path(doc.source_key).name
            truth = dropped["truths"][name]
            assert doc.source_sha256 == sha(dropped["good"][name])
            assert doc.archive_key == archive.key(f"{DOSSIER}/{name}")
            assert doc.doc_type == truth["doc_type"]
            assert doc.status in ("accepted", "needs_review", "rejected")
            assert doc.pipeline_version.startswith("sohoa-")
            fields = s.scalars(select(FieldValue).where(FieldValue.document_id == doc.id)).all()
            by_key = {f.key: f for f in fields}
            assert by_key["document_number"].value == truth["fields"]["document_number"]
            for f in fields:  # invariant 4: provenance on every field
                assert f.page >= 1 and f.bbox and len(f.bbox) == 4
                assert f.source in ("ocr", "text_layer") and f.pipeline_version
            assert (
                s.scalar(select(func.count()).select_from(RuleResult).where(RuleResult.document_id == doc.id))
                > 0
            )
            assert (
                s.scalar(select(func.count()).select_from(Page).where(Page.document_id == doc.id))
                == doc.page_count
            )
            # Derivatives exist and point back to the original.
            derived = json.loads(store.get(*doc.derived["json"].split("/", 1)))
            assert derived["source"] == doc.source_key and derived["sha256"] == doc.source_sha256
            hocr = store.get(*doc.derived["hocr"].split("/", 1)).decode()
            assert "ocrx_word" in hocr
            searchable = store.get(*doc.derived["pdf"].split("/", 1))
            assert searchable.startswith(b"%PDF") and b"%%EOF" in searchable[-1024:]
        statuses = dict(
            s.execute(select(IngestLedger.status, func.count()).group_by(IngestLedger.status)).all()
        )
    assert statuses == {"done": len(dropped["good"]), "quarantined": len(dropped["hostile"])}


def _artifacts_of_runs_since(settings, since) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        runs = runs_of_since(client, settings, since)
        assert runs, "no flow run of this test's settings"
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[r.id for r in runs]))
        )
    return {a.key: a for a in found if a.key}


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_a_sweep_run_shows_progress_documents_and_summary_artifacts(settings, dropped):
    from datetime import UTC, datetime

    started = datetime.now(UTC)
    summary = run_sweep(settings, trigger="cli", today=TODAY)

    artifacts = _artifacts_of_runs_since(settings, started)
    assert artifacts["sweep-progress"].type == "progress"
    assert float(artifacts["sweep-progress"].data) == 100.0  # the last document done
    table = artifacts["sweep-documents"]
    assert table.type == "table"
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    assert len(rows) == len(summary.documents)
    assert artifacts["sweep-summary"].type == "markdown"
    assert f"batch {summary.batch_id}".lower() in artifacts["sweep-summary"].data.lower()


def test_second_sweep_does_nothing(settings, dropped):
    run_sweep(settings, trigger="cli", today=TODAY)
    sf = open_warehouse(settings.resolved_warehouse_url)
    before = (_count(sf, Document), _count(sf, FieldValue), _count(sf, IngestLedger))

    again = run_sweep(settings, trigger="cli", today=TODAY)

    assert again.listed == 0 and again.registered == 0 and again.outcomes == {}
    assert (_count(sf, Document), _count(sf, FieldValue), _count(sf, IngestLedger)) == before


def test_same_file_dropped_again_is_archived_without_ocr(settings, dropped):
    run_sweep(settings, trigger="cli", today=TODAY)
    sf = open_warehouse(settings.resolved_warehouse_url)
    documents = _count(sf, Document)
    name, data = next(iter(dropped["good"].items()))
    _drop(settings, {name: data})

    again = run_sweep(settings, trigger="cli", today=TODAY)

    assert again.outcomes == {"already_processed": 1}
    assert _count(sf, Document) == documents
    inbox = settings.location("inbox")
    assert list(settings.object_store().list(inbox.bucket, inbox.prefix)) == []


def test_new_version_of_a_file_supersedes_the_old_document(settings, dropped, sample_dir):
    run_sweep(settings, trigger="cli", today=TODAY)
    name = ODD_NAMES[0]
    other = [t for t in _truths(sample_dir) if t["format"] == "png"][-1]
    newer = (sample_dir / other["file"]).read_bytes()
    assert sha(newer) != sha(dropped["good"][name])
    _drop(settings, {name: newer})

    run_sweep(settings, trigger="cli", today=TODAY)

    store, archive = settings.object_store(), settings.location("archive")
    # Both originals are kept: the old one untouched at its name, the new one beside it.
    assert sha(store.get(archive.bucket, archive.key(f"{DOSSIER}/{name}"))) == sha(dropped["good"][name])
    sf = open_warehouse(settings.resolved_warehouse_url)
    with sf() as s:
        versions = s.scalars(
            select(Document).where(Document.source_key == dropped["keys"][name]).order_by(Document.id)
        ).all()
    assert len(versions) == 2
    assert versions[1].supersedes_id == versions[0].id
    assert sha(store.get(archive.bucket, versions[1].archive_key)) == sha(newer)
