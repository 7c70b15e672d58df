"""Review: a correction is a new field value (source review, who, when) that supersedes the
machine's; the rules run again; the old values and rule results stay."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import date

from sqlalchemy import select

from flows.review import apply_review, review_document
from flows.stack.processes import wait_until
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


def _review_runs(document_id: int):  # type: ignore[no-untyped-def]
    """The review runs of that document id. One Prefect server serves the whole session and
    each test's warehouse is new (its first document is id 1 in every test): ``_of`` tells
    this test's run from another test's."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterName

    return FlowRunFilter(name=FlowRunFilterName(any_=[f"review document {document_id}"]))


def _of(settings, run) -> bool:  # type: ignore[no-untyped-def]
    return settings.location("inbox").bucket in json.dumps(run.parameters, default=str)


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
    assert (
        after.fields["issue_date"].source == "review" and after.fields["issue_date"].reviewer == "Lê Kiểm Tra"
    )
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
    runner = threading.Thread(
        target=lambda: result.update(
            review_document(document_id=document_id, timeout_s=300, settings=settings)
        )
    )
    runner.start()

    async def paused_run_id():
        async with get_client() as client:
            for run in await client.read_flow_runs(flow_run_filter=_review_runs(document_id)):
                if _of(settings, run) and run.state and run.state.is_paused():
                    return run.id
        return None

    found: list = []
    wait_until(
        lambda: found.append(asyncio.run(paused_run_id())) or found[-1] is not None,
        120,
        "the review flow to pause for input",
        interval=0.5,
    )
    run_id = found[-1]
    sf = open_warehouse(settings.resolved_warehouse_url)
    fields = {k: f.value for k, f in review_store.review_item(sf, document_id).fields.items()}
    resume_flow_run(run_id, run_input={**fields, "signer_name": "Trần Văn Sửa", "reviewer": "Lê Thị Duyệt"})
    runner.join(timeout=120)

    assert result.get("document_id") == document_id
    after = review_store.review_item(sf, document_id)
    assert after.fields["signer_name"].value == "Trần Văn Sửa"
    # The name typed into the form is recorded, not the flow's default.
    assert after.fields["signer_name"].reviewer == "Lê Thị Duyệt" and result["reviewer"] == "Lê Thị Duyệt"
    # Unchanged fields stay machine values: only real corrections become review rows.
    assert after.fields["document_number"].source in ("ocr", "text_layer")


def _low_confidence(sf, document_id: int, key: str, confidence: float = 0.20) -> None:
    """Set-up: the reading of one key field as Tesseract gives it for a poor scan (the clean
    generated page is read surely; the stored confidence is what the rules look at). 0.20: a
    document number with a valid code is trusted from 0.30 (issue 14); misread hand-written
    numbers on real scans read at ≤ 0.225."""
    with sf() as s, s.begin():
        row = s.get(FieldValue, review_store.review_item(sf, document_id).fields[key].id)
        row.confidence = confidence


def test_a_value_confirmed_as_it_is_takes_the_document_out_of_review(settings, sample_dir):
    from flows.review import extraction_of
    from quality import judge

    document_id = _one_document(settings, sample_dir)
    sf = open_warehouse(settings.resolved_warehouse_url)
    item = review_store.review_item(sf, document_id)
    key = next(k for k in ("document_number", "issue_date", "id_number", "full_name") if k in item.fields)
    _low_confidence(sf, document_id, key)
    unsure = judge(extraction_of(review_store.review_item(sf, document_id), {}), today=TODAY, text=item.text)
    assert unsure.status == "needs_review"
    assert {v.rule for v in unsure.violations if v.severity != "info"} == {"correct.field.low_confidence"}

    value = item.fields[key].value
    verdict = apply_review(settings, document_id, {key: value}, "Lê Kiểm Tra", today=TODAY)

    assert "correct.field.low_confidence" not in {v.rule for v in verdict.violations}
    assert verdict.status != "needs_review"
    after = review_store.review_item(sf, document_id)
    confirmed = after.fields[key]
    assert confirmed.value == value and confirmed.source == "review" and confirmed.reviewer == "Lê Kiểm Tra"
    assert confirmed.confidence == 1.0 and after.status == verdict.status


def test_typos_are_refused_with_exit_2_and_nothing_stored(settings, sample_dir, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli import app

    document_id = _one_document(settings, sample_dir)
    sf = open_warehouse(settings.resolved_warehouse_url)
    for name, value in settings.as_env().items():
        monkeypatch.setenv(name, value)
    with sf() as s:
        rows_before = len(s.scalars(select(FieldValue.id)).all())
    runner = CliRunner()
    cases = {"sexx=Nam": "unknown field 'sexx'", "issue_date=31/02/2025": "is not a date"}
    for assignment, message in cases.items():
        out = runner.invoke(app, ["review", "set", str(document_id), assignment, "--reviewer", "Lê Kiểm Tra"])
        assert out.exit_code == 2, (assignment, out.output)
        assert message in " ".join(out.output.split()), out.output
    out = runner.invoke(app, ["review", "set", str(document_id), "issue_date=2026-03-05"])
    assert out.exit_code == 2 and "--reviewer is required" in out.output
    with sf() as s:
        assert len(s.scalars(select(FieldValue.id)).all()) == rows_before


def test_a_dd_mm_yyyy_date_is_stored_normalized(settings, sample_dir):
    document_id = _one_document(settings, sample_dir)
    apply_review(settings, document_id, {"issue_date": "05/03/2026"}, "Lê Kiểm Tra", today=TODAY)
    item = review_store.review_item(open_warehouse(settings.resolved_warehouse_url), document_id)
    assert item.fields["issue_date"].value == "2026-03-05"


def test_the_crop_of_a_flagged_field_shows_its_value(settings, sample_dir):
    import base64
    import dataclasses
    import io

    from PIL import Image

    from flows.review import crops_markdown, field_crop_png
    from ocr.pipeline import read_document

    document_id = _one_document(settings, sample_dir)
    sf = open_warehouse(settings.resolved_warehouse_url)
    item = review_store.review_item(sf, document_id)
    key = "document_number"
    assert item.fields[key].bbox, "the sample's document number has a box"
    png = field_crop_png(settings, item, key)
    assert png is not None
    with Image.open(io.BytesIO(png)) as crop:
        page_w, page_h, _ = item.pages[item.fields[key].page]
        assert crop.width < page_w and crop.height < page_h / 4  # a crop, not the page
    digits = "".join(ch for ch in item.fields[key].value if ch.isdigit())
    assert digits and digits in "".join(ch for ch in read_document(png).text if ch.isdigit())

    flagged = dataclasses.replace(
        item,
        failing_values=[
            ("correct.field.low_confidence", None, "low", [[key, item.fields[key].value, "0.40"]])
        ],
    )
    markdown = crops_markdown(settings, flagged)
    inline = markdown.split("data:image/png;base64,", 1)[1].split(")", 1)[0]
    assert base64.b64decode(inline) == png
    assert "Low recognition confidence" in markdown and "tin cậy" in markdown


def test_the_review_form_requires_the_reviewers_name(settings, sample_dir):
    """The form's schema (what the Prefect UI renders and validates) has the name as a
    required, non-empty field; a resume without it is refused and nothing is stored."""
    import pytest
    from prefect.client.orchestration import get_client
    from prefect.flow_runs import resume_flow_run

    document_id = _one_document(settings, sample_dir)
    sf = open_warehouse(settings.resolved_warehouse_url)
    rows_before = len(review_store.review_item(sf, document_id).fields)
    runner = threading.Thread(
        target=lambda: review_document(document_id=document_id, timeout_s=120, settings=settings)
    )
    runner.start()

    async def paused_run():
        async with get_client() as client:
            for run in await client.read_flow_runs(flow_run_filter=_review_runs(document_id)):
                if _of(settings, run) and run.state and run.state.is_paused():
                    return run
        return None

    found: list = []
    wait_until(
        lambda: found.append(asyncio.run(paused_run())) or found[-1] is not None,
        120,
        "the review flow to pause for input",
        interval=0.5,
    )
    run = found[-1]
    schema = run.state.state_details.run_input_keyset  # where Prefect keeps the form's schema
    assert schema is not None

    async def read_schema():
        async with get_client() as client:
            return await client.read_flow_run_input(run.id, schema["schema"])

    form = json.loads(asyncio.run(read_schema()))
    assert "reviewer" in form["required"] and form["properties"]["reviewer"]["minLength"] == 1
    with pytest.raises(RuntimeError, match="reviewer"):  # the server refuses input failing the schema
        resume_flow_run(run.id, run_input={"reviewer": ""})
    resume_flow_run(run.id, run_input={"reviewer": "Lê Thị Duyệt"})
    runner.join(timeout=120)
    after = review_store.review_item(sf, document_id)
    assert len(after.fields) == rows_before
