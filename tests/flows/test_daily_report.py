"""The daily auditors' report on a real warehouse (SQLite and PostgreSQL), object store and
Prefect: the documents stored since the start of the day, published and linked."""

from __future__ import annotations

import hashlib
import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from extractors.types import Extraction, FieldValue
from flows.daily_report import daily_report, previous_day, report_since
from flows.recheck import LOCAL_TZ, local_today
from flows.warehouse import open_warehouse, rule_records
from quality import judge
from storage.objectstore import ObjectInfo
from storage.warehouse import ledger
from storage.warehouse.documents import save_document
from storage.warehouse.models import BatchVerdict, Document
from storage.warehouse.records import DocumentRecord, FieldRecord, PageRecord

from .helpers import SOHOA, settings_env

UNMASKED_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")
CARD = {
    "id_number": "096190004321",
    "full_name": "Phạm Thị Lan",
    "date_of_birth": "1991-03-02",
    "sex": "Nữ",
    "issue_date": "2022-06-01",
    "expiry_date": "2031-03-02",
    "place_of_residence": "Phường An Xuyên, Tỉnh Cà Mau",
}
LETTER = {
    "document_number": "15/UBND-VP",
    "issue_date": "2026-11-20",
    "issuing_agency": "Ủy ban nhân dân Phường An Xuyên",
    "subject": "Về việc số hóa hồ sơ",
}


def _store(sf, settings, key: str, doc_type: str, values: dict) -> int:  # type: ignore[no-untyped-def]
    inbox = settings.location("inbox")
    o = ObjectInfo(bucket=inbox.bucket, key=inbox.key(key), etag="e-" + key, size=10, last_modified=None)
    (lid,) = ledger.register(sf, [o], lambda k: k.split("/")[1])
    ex = Extraction(doc_type, 0.9, {k: FieldValue(v, v, 0.95, 1, None, "ocr") for k, v in values.items()})
    verdict = judge(ex, today=local_today(), text="")
    return save_document(
        sf,
        DocumentRecord(
            ledger_id=lid,
            dossier_code=key.split("/")[0],
            source_bucket=o.bucket,
            source_key=o.key,
            source_etag=o.etag,
            source_sha256=hashlib.sha256(key.encode()).hexdigest(),
            doc_type=doc_type,
            page_count=1,
            status=verdict.status,
            score=verdict.score,
            pipeline_version="p1",
            rules_version=verdict.rules_version,
            pages=[PageRecord(number=1, source="ocr")],
            fields=[
                FieldRecord(key=k, value=v.value, raw=v.raw, source="ocr", confidence=0.95)
                for k, v in ex.fields.items()
            ],
            rules=rule_records(verdict),
            criteria_scores=verdict.criteria,
            field_status=verdict.fields,
            annotations=verdict.annotations,
            identity_key=verdict.identity,
            subject_key=verdict.subject,
            document_date=verdict.annotations.get("document_date"),
        ),
    )


def _stored_at(sf, document_id: int, when: datetime) -> None:  # type: ignore[no-untyped-def]
    """Set when a document was stored: the day boundaries are what is under test."""
    from sqlalchemy import update

    with sf() as s, s.begin():
        s.execute(update(Document).where(Document.id == document_id).values(created_at=when))


def _artifacts(run_id) -> dict:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    return {a.key: a for a in found if a.key}


def _verdicts(sf) -> list[BatchVerdict]:  # type: ignore[no-untyped-def]
    with sf() as s:
        return list(s.scalars(select(BatchVerdict).order_by(BatchVerdict.id)))


def test_day_boundaries_are_vietnam_midnight():
    since = report_since(date(2026, 11, 27))
    assert since.isoformat() == "2026-11-27T00:00:00+07:00"
    assert since.astimezone(LOCAL_TZ).date() == date(2026, 11, 27)
    assert previous_day() == datetime.now(LOCAL_TZ).date() - timedelta(days=1)


def test_daily_report_publishes_the_days_documents_and_links_them(settings):
    sf = open_warehouse(settings.resolved_warehouse_url)
    _store(sf, settings, "HS-10/cccd.png", "citizen_id", CARD)
    _store(sf, settings, "HS-10/cong-van.png", "official_letter", LETTER)
    day = local_today()  # the documents were stored today: the report of today holds them
    # One stored at the first instant of the next day belongs to the next day's report only
    # (regression: a report counted from midnight with no end, so each document stored
    # between 00:00 and the 06:00 run appeared in two consecutive daily reports).
    late = _store(sf, settings, "HS-10/don.png", "official_letter", LETTER)
    _stored_at(sf, late, report_since(day + timedelta(days=1)))

    state = daily_report(settings=settings, day=day, return_state=True)
    path = state.result()

    name = f"since-{day:%Y%m%d}"
    assert path.endswith(f"{name}.html")
    html = Path(path).read_text(encoding="utf-8")
    assert "2 giấy tờ / documents" in html and f"ngày {day:%d/%m/%Y}" in html
    assert not UNMASKED_ID.findall(html) and "096******321" in html
    reports, store = settings.location("reports"), settings.object_store()
    assert store.get(reports.bucket, reports.key(f"{name}/report.html")).decode("utf-8") == html
    assert store.exists(reports.bucket, reports.key(f"{name}/rule-results.csv"))
    (verdict,) = _verdicts(sf)
    assert verdict.batch_id is None and verdict.since == report_since(day).isoformat()
    assert sum(verdict.counts.values()) == 2
    assert verdict.report_key == f"{reports.bucket}/{reports.key(f'{name}/report.html')}"

    artifacts = _artifacts(state.state_details.flow_run_id)
    md = artifacts[f"quality-report-{name}"]
    assert md.type == "markdown" and f"({settings.report_links_base}/reports/{name}/report.html)" in md.data
    assert not UNMASKED_ID.search(md.data.split("(http")[0])

    # The next day: only the document stored at its first instant, under its own name.
    tomorrow = daily_report(settings=settings, day=day + timedelta(days=1))
    assert tomorrow.endswith(f"since-{day + timedelta(days=1):%Y%m%d}.html")
    assert "1 giấy tờ / documents" in Path(tomorrow).read_text(encoding="utf-8")
    # A day with nothing stored: still published, empty.
    empty = daily_report(settings=settings, day=day + timedelta(days=2))
    assert "0 giấy tờ / documents" in Path(empty).read_text(encoding="utf-8")
    assert [sum(v.counts.values()) for v in _verdicts(sf)] == [2, 1, 0]


def test_cli_report_yesterday_is_the_daily_report(settings, tmp_path):
    sf = open_warehouse(settings.resolved_warehouse_url)
    doc = _store(sf, settings, "HS-11/cong-van.png", "official_letter", LETTER)
    _stored_at(sf, doc, report_since(previous_day()) + timedelta(hours=12))  # yesterday noon
    _store(sf, settings, "HS-11/hom-nay.png", "official_letter", LETTER)  # today: not in it
    env = settings_env(settings)

    out = subprocess.run(
        [SOHOA, "report", "--yesterday", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    name = f"since-{previous_day():%Y%m%d}"
    assert out.stdout.strip().endswith(f"{name}.html")
    assert (tmp_path / f"{name}-rule-results.csv").exists()
    (verdict,) = _verdicts(sf)
    assert verdict.since == report_since(previous_day()).isoformat() and sum(verdict.counts.values()) == 1

    both = subprocess.run(
        [SOHOA, "report", "--yesterday", "--since", "2026-11-01"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert both.returncode == 2 and "exactly one of" in both.stderr
