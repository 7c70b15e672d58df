"""The nightly live re-check on a real warehouse (SQLite and PostgreSQL), object store and
Prefect: time passes, documents expire, newer versions arrive; new evaluations are stored
beside the old ones, and a second run on the same day changes nothing."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from extractors.types import Extraction, FieldValue
from flows.quality_context import judge_in_warehouse, load_reference_data
from flows.recheck import judged_on, recheck_live
from flows.sweep import run_sweep
from flows.warehouse import open_warehouse, rule_records
from storage.objectstore import ObjectInfo
from storage.warehouse import ledger
from storage.warehouse import reports as report_store
from storage.warehouse import review as review_store
from storage.warehouse.documents import save_document
from storage.warehouse.models import Document, DocumentVerdict, RuleResult
from storage.warehouse.records import DocumentRecord, FieldRecord, PageRecord

from .helpers import SOHOA, settings_env

TODAY = date(2026, 11, 28)
LATER = date(2058, 1, 1)  # the land-use term of the sample certificate ends 2057-11-24
UNMASKED_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")


def _rule_rows(sf, document_id: int | None = None) -> list[tuple[int, str, str, bool]]:  # type: ignore[no-untyped-def]
    with sf() as s:
        q = select(RuleResult.document_id, RuleResult.rule, RuleResult.rules_version, RuleResult.passed)
        if document_id is not None:
            q = q.where(RuleResult.document_id == document_id)
        return [tuple(r) for r in s.execute(q.order_by(RuleResult.id))]


def _docs(sf) -> dict[str, tuple[int, str, float, str]]:  # type: ignore[no-untyped-def]
    """doc_type → (id, status, score, rules_version)."""
    with sf() as s:
        return {
            d.doc_type: (d.id, d.status, d.score, d.rules_version)
            for d in s.scalars(select(Document).order_by(Document.id))
        }


# ---- through a real sweep (OCR) ----------------------------------------------------------


@pytest.fixture(scope="module")
def card_and_land(tmp_path_factory) -> list[Path]:
    """Fictional scans: a citizen ID card valid until 2042-09-22 (accepted when swept) and a
    land-use certificate whose term ends 2057-11-24 (needs review already: its commune name
    is a pre-2025 one)."""
    from samples import generate

    out = tmp_path_factory.mktemp("recheck-samples")
    generate(out / "card", 1, seed=12, formats=("png",), types=("citizen_id",))
    generate(out / "land", 2, seed=11, formats=("png",), types=("citizen_id", "land_use_certificate"))
    return [out / "card" / "0000_citizen_id.png", out / "land" / "0001_land_use_certificate.png"]


def test_recheck_after_a_sweep_flags_expiry_keeps_history_and_is_idempotent(settings, card_and_land):
    store, inbox = settings.object_store(), settings.location("inbox")
    for path in card_and_land:
        store.put(
            inbox.bucket, inbox.key(f"D-RECHECK/{path.name}"), path.read_bytes(), content_type="image/png"
        )
    assert run_sweep(settings, trigger="cli", today=TODAY).count("processed") == 2
    sf = open_warehouse(settings.resolved_warehouse_url)
    swept = _docs(sf)
    assert set(swept) == {"citizen_id", "land_use_certificate"}
    card_id, card_status, card_score, _first_label = swept["citizen_id"]
    land_id, land_status, land_score, _ = swept["land_use_certificate"]
    assert (card_status, land_status) == ("accepted", "needs_review")
    rows_after_sweep = _rule_rows(sf)

    # Judged again on the day it was processed: the same verdict, so nothing is written.
    # (It would not be if the document counted as its own duplicate or its own person.)
    same_day = recheck_live(settings=settings, today=TODAY)
    assert (same_day.checked, same_day.reevaluated, same_day.changed_verdict) == (2, 0, 0)
    assert _rule_rows(sf) == rows_after_sweep

    later = recheck_live(settings=settings, today=LATER)
    assert later.checked == 2 and later.reevaluated == 2
    assert later.verdict_changes == {"accepted → needs_review": 1}  # the card; the land needed review already
    assert later.newly_failing["live.validity.not_expired"] == 2
    assert set(later.examples["live.validity.not_expired"]) == {"2042-09-22", "2057-11-24"}
    assert later.newly_failing["live.facts.recent"] == 2  # both are now older than 5 years
    assert judged_on(later.label) == LATER

    now = _docs(sf)
    assert now["citizen_id"][1] == "needs_review" and now["citizen_id"][2] < card_score
    assert now["land_use_certificate"][1] == "needs_review" and now["land_use_certificate"][2] < land_score
    assert now["land_use_certificate"][3] == now["citizen_id"][3] == later.label
    # History, not overwrite: every earlier row is still there, the new ones under the new label.
    all_rows = _rule_rows(sf)
    assert [r for r in all_rows if r[2] != later.label] == rows_after_sweep
    for doc_id in (card_id, land_id):
        old = {(r[1], r[3]) for r in rows_after_sweep if r[0] == doc_id}
        new = {(r[1], r[3]) for r in all_rows if r[0] == doc_id and r[2] == later.label}
        assert ("live.validity.not_expired", True) in old and ("live.validity.not_expired", False) in new
        assert {rule for rule, _ in new} == {rule for rule, _ in old}  # a whole evaluation, not a patch
    item = review_store.review_item(sf, card_id)  # what a reviewer now sees: the new judgement
    assert "live.validity.not_expired" in {rule for rule, _, _ in item.failing}
    with sf() as s:
        verdict = s.get(DocumentVerdict, land_id)
        assert verdict.rules_version == later.label and verdict.valid_to == "2057-11-24"
        assert verdict.annotations["staleness_days"] > 5 * 365
        assert verdict.criteria_scores["live"] < 1.0
        assert s.get(DocumentVerdict, card_id).valid_to == "2042-09-22"

    # Reports count each document once, under its current evaluation (regression: the
    # report counted every earlier evaluation of a re-checked document too).
    current = report_store.rule_results(sf, [card_id, land_id])
    assert {r.rules_version for r in current} == {later.label}
    assert len(current) == sum(1 for r in all_rows if r[2] == later.label)
    assert len(report_store.rule_results(sf, [card_id, land_id], current_only=False)) == len(all_rows)

    # The same day again: nothing new.
    again = recheck_live(settings=settings, today=LATER)
    assert (again.checked, again.reevaluated, again.changed_verdict, again.newly_failing) == (2, 0, 0, {})
    assert _rule_rows(sf) == all_rows and _docs(sf) == now
    # Never judged backwards: documents judged on a later day are left alone.
    back = recheck_live(settings=settings, today=TODAY)
    assert (back.checked, back.skipped, back.reevaluated) == (0, 2, 0)
    assert _rule_rows(sf) == all_rows


# ---- stored records (no OCR): supersession, superseded source versions, artifacts, CLI ------

OLD_CARD = {
    "id_number": "096190001234",
    "full_name": "Trần Thị Mai",
    "date_of_birth": "1990-05-10",
    "sex": "Nữ",
    "issue_date": "2016-06-01",
    "expiry_date": "2030-05-10",
    "place_of_residence": "Phường An Xuyên, Tỉnh Cà Mau",
}
NEW_CARD = {**OLD_CARD, "issue_date": "2025-06-01", "expiry_date": "2030-05-10"}
FORM = {
    "form_title": "TỜ KHAI ĐĂNG KÝ KẾT HÔN",
    "recipient": "Ủy ban nhân dân Phường An Xuyên",
    "applicant_name": "Trần Thị Mai",
    "applicant_id_number": "096190001234",
    "date_of_birth": "1990-05-10",
    "request_date": "2026-11-20",
}


def store_record(sf, settings, key: str, doc_type: str, values: dict, *, etag: str | None = None) -> int:  # type: ignore[no-untyped-def]
    """One document judged and saved the way the sweep does it (warehouse facts included)."""
    inbox = settings.location("inbox")
    o = ObjectInfo(
        bucket=inbox.bucket, key=inbox.key(key), etag=etag or "e-" + key, size=10, last_modified=None
    )
    (lid,) = ledger.register(sf, [o], lambda k: k.split("/")[1])
    ex = Extraction(
        doc_type, 0.9, {k: FieldValue(v, v, 0.95, 1, (0, 0, 5, 5), "ocr") for k, v in values.items()}
    )
    sha = hashlib.sha256((key + o.etag).encode()).hexdigest()
    verdict = judge_in_warehouse(sf, ex, today=TODAY, text="", sha256=sha)
    return save_document(
        sf,
        DocumentRecord(
            ledger_id=lid,
            dossier_code=key.split("/")[0],
            source_bucket=o.bucket,
            source_key=o.key,
            source_etag=o.etag,
            source_sha256=sha,
            doc_type=doc_type,
            page_count=1,
            status=verdict.status,
            score=verdict.score,
            pipeline_version="p1",
            rules_version=verdict.rules_version,
            text="",
            pages=[PageRecord(number=1, source="ocr")],
            fields=[
                FieldRecord(
                    key=k, value=v.value, raw=v.raw, source="ocr", confidence=0.95, page=1, bbox=[0, 0, 5, 5]
                )
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


def _flow_artifacts(run_id) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
        )
    return {a.key: a for a in found if a.key}


def test_a_newer_version_stored_later_marks_the_older_one(settings):
    sf = open_warehouse(settings.resolved_warehouse_url)
    load_reference_data(sf)
    old_card = store_record(sf, settings, "HS-01/cccd-2016.png", "citizen_id", OLD_CARD)
    new_card = store_record(sf, settings, "HS-02/cccd-2025.png", "citizen_id", NEW_CARD)
    store_record(sf, settings, "HS-01/don.png", "application_form", FORM, etag="v1")
    form_v2 = store_record(
        sf, settings, "HS-01/don.png", "application_form", {**FORM, "request_date": "2026-11-21"}, etag="v2"
    )
    before = _docs(sf)
    with sf() as s:
        old_before = (s.get(Document, old_card).status, s.get(Document, old_card).score)
    old_rows = _rule_rows(sf, old_card)
    assert not any(
        rule == "live.supersession.newer_version_known" and not passed for _, rule, _, passed in old_rows
    )  # nothing newer was known when it arrived

    state = recheck_live(settings=settings, today=TODAY, chunk_size=2, return_state=True)
    summary = state.result()

    # The first form version is superseded by the second scan of the same object: not re-checked.
    assert summary.checked == 3 and summary.skipped == 0
    assert summary.reevaluated == 1 and summary.changed_verdict == 0  # an info rule: the status stays
    assert summary.newly_failing == {"live.supersession.newer_version_known": 1}
    assert summary.examples["live.supersession.newer_version_known"] == [f"#{new_card}"]
    assert [d["document_id"] for d in summary.documents] == [old_card]
    after = _docs(sf)
    assert after["citizen_id"] == before["citizen_id"]  # the dict keeps the newest card: unchanged
    with sf() as s:
        old = s.get(Document, old_card)
        assert old.rules_version == summary.label
        assert old.status == old_before[0] and old.score < old_before[1]
    new_rows = [r for r in _rule_rows(sf, old_card) if r[2] == summary.label]
    assert ("live.supersession.newer_version_known", False) in {(r[1], r[3]) for r in new_rows}
    assert [r for r in _rule_rows(sf, old_card) if r[2] != summary.label] == old_rows
    assert _rule_rows(sf, form_v2) and all(r[2] != summary.label for r in _rule_rows(sf, form_v2))

    artifacts = _flow_artifacts(state.state_details.flow_run_id)
    assert {"recheck-live-summary", "recheck-live-rules", "recheck-live-documents"} <= set(artifacts)
    md = artifacts["recheck-live-summary"].data
    assert "documents re-checked: **3**" in md and "verdict changed: **0**" in md
    assert f"| `live.supersession.newer_version_known` | 1 | #{new_card} |" in md
    rules_table = json.loads(artifacts["recheck-live-rules"].data)
    assert rules_table == [
        {"rule": "live.supersession.newer_version_known", "documents": 1, "examples (masked)": f"#{new_card}"}
    ]
    for a in artifacts.values():
        assert not UNMASKED_ID.search(str(a.data))


# The CLI on SQLite only: two ``sohoa recheck`` children cost ~110 s per database, and what
# they add (the printed summary, the exit codes) does not depend on it; recheck_live itself
# runs on both databases in the two tests above.
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_cli_recheck_prints_the_summary_and_exit_codes(settings):
    sf = open_warehouse(settings.resolved_warehouse_url)
    load_reference_data(sf)
    card = store_record(sf, settings, "HS-03/cccd.png", "citizen_id", OLD_CARD)
    env = settings_env(settings)

    out = subprocess.run(
        [SOHOA, "recheck", "--today", "2031-01-01"], capture_output=True, text=True, timeout=600, env=env
    )
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["checked"] == 1 and summary["reevaluated"] == 1
    assert summary["verdict_changes"] == {"accepted → needs_review": 1}  # expired 2030-05-10
    assert summary["newly_failing"]["live.validity.not_expired"] == 1
    with sf() as s:
        assert s.get(Document, card).status == "needs_review"
        assert (
            s.scalar(
                select(func.count(func.distinct(RuleResult.rules_version))).where(
                    RuleResult.document_id == card
                )
            )
            == 2
        )

    bad = subprocess.run(
        [SOHOA, "recheck", "--today", "28/11/2026"], capture_output=True, text=True, timeout=600, env=env
    )
    assert bad.returncode == 2 and "not a date" in bad.stderr
