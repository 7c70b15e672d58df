"""Review: a correction is a new field value (source review, who, when) that supersedes the
machine's; the rules run again; the old values and rule results stay."""

from __future__ import annotations

import asyncio
import threading
from datetime import date

from sqlalchemy import select

from flows.processes import wait_until
from flows.review import apply_review, review_document
from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage.warehouse import review as review_store
from storage.warehouse.models import Document, FieldValue, RuleResult

TODAY = date(2026, 11, 28)


def _one_document(settings, sample_dir) -> int:
    png = sorted(sample_dir.rglob("*.png"))[0].read_bytes()
    inbox = settings.location("inbox")
    settings.object_store().put(inbox.bucket, inbox.key("D-REVIEW/a.png"), png, content_type="image/png")
    assert run_sweep(settings, trigger="cli", today=TODAY).count("processed") == 1
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        return s.scalars(select(Document.id)).one()


def test_correction_is_a_new_value_and_rules_run_again(settings, sample_dir):
    document_id = _one_document(settings, sample_dir)
    sf = open_warehouse(settings.resolved_warehouse_url)
    before = review_store.review_item(sf, document_id)
    machine = before.fields["issue_date"]

    # A date in the future: the re-run rules must now reject the document.
    verdict = apply_review(settings, document_id, {"issue_date": "2099-01-01"}, "Lê Kiểm Tra", today=TODAY)

    assert verdict.status == "rejected"
    assert any(v.rule == "correct.issue_date.not_in_future" for v in verdict.violations)
    after = review_store.review_item(sf, document_id)
    assert after.status == "rejected" and after.rules_version != before.rules_version
    assert after.fields["issue_date"].value == "2099-01-01"
    assert after.fields["issue_date"].source == "review" and after.fields["issue_date"].reviewer == "Lê Kiểm Tra"
    with sf() as s:
        old = s.get(FieldValue, machine.id)
        new = s.get(FieldValue, after.fields["issue_date"].id)
        assert old.value == machine.value and old.source in ("ocr", "text_layer")  # kept as it was
        assert new.supersedes_id == old.id and new.created_at is not None
        labels = set(s.scalars(select(RuleResult.rules_version).where(RuleResult.document_id == document_id)))
    assert {before.rules_version, after.rules_version} <= labels  # history, not overwrite


def test_review_form_in_prefect_pauses_and_applies_the_submitted_values(settings, sample_dir):
    from prefect.client.orchestration import get_client
    from prefect.flow_runs import resume_flow_run

    document_id = _one_document(settings, sample_dir)
    result: dict = {}
    runner = threading.Thread(target=lambda: result.update(
        review_document(document_id=document_id, reviewer="ui-tester", timeout_s=300, settings=settings)))
    runner.start()

    async def paused_run_id():
        async with get_client() as client:
            for run in await client.read_flow_runs():
                if run.name == f"review document {document_id}" and run.state and run.state.is_paused():
                    return run.id
        return None

    found: list = []
    wait_until(lambda: found.append(asyncio.run(paused_run_id())) or found[-1] is not None,
               120, "the review flow to pause for input", interval=0.5)
    run_id = found[-1]
    sf = open_warehouse(settings.resolved_warehouse_url)
    fields = {k: f.value for k, f in review_store.review_item(sf, document_id).fields.items()}
    resume_flow_run(run_id, run_input={**fields, "signer_name": "Trần Văn Sửa"})
    runner.join(timeout=120)

    assert result.get("document_id") == document_id
    after = review_store.review_item(sf, document_id)
    assert after.fields["signer_name"].value == "Trần Văn Sửa"
    assert after.fields["signer_name"].reviewer == "ui-tester"
    # Unchanged fields stay machine values: only real corrections become review rows.
    assert after.fields["document_number"].source in ("ocr", "text_layer")
