"""Review by a person: in the Prefect UI (a paused flow run shows a form with the fields,
their confidence and the failing rules) or with ``sohoa review``. A correction is stored as
a new field value with source ``review``, who and when; the rules run again on the corrected
fields and the document gets the new verdict (the old rule results stay)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import Field, create_model

from extractors.types import Extraction, FieldValue
from flows.masking import mask_text
from flows.settings import Settings
from flows.warehouse import open_warehouse, rule_records
from quality import RULES_VERSION, judge
from quality.types import Verdict
from storage.warehouse import review as review_store


def extraction_of(item: review_store.ReviewItem, corrections: dict[str, str]) -> Extraction:
    fields = {}
    for key, f in item.fields.items():
        value = corrections.get(key, f.value or "")
        reviewed = key in corrections
        fields[key] = FieldValue(
            value=value, raw=value if reviewed else (f.raw or ""),
            confidence=1.0 if reviewed else (f.confidence or 0.0), page=f.page or 1,
            bbox=tuple(int(v) for v in f.bbox) if f.bbox else None,
            source="review" if reviewed else f.source,  # type: ignore[arg-type]
        )
    for key, value in corrections.items():
        if key not in fields:  # a field the machine missed, added by the reviewer
            fields[key] = FieldValue(value, value, 1.0, 1, None, "review")
    return Extraction(item.doc_type, 1.0, fields)


def apply_review(settings: Settings, document_id: int, corrections: dict[str, str], reviewer: str,
                 *, today: date | None = None) -> Verdict:
    """Store the corrections and the re-run verdict; return that verdict."""
    from flows.quality_context import load_reference_context

    sf = open_warehouse(settings.resolved_warehouse_url)
    item = review_store.review_item(sf, document_id)
    changed = {k: v for k, v in corrections.items() if v != (item.fields[k].value if k in item.fields else None)}
    # The warehouse's known facts are left out: the document itself is among them and would
    # count as its own duplicate. Reference data (units valid on the date) still applies.
    verdict = judge(extraction_of(item, changed), today=today or date.today(), text=item.text,
                    reference=load_reference_context(sf))
    # A new label for this judgement: the document points at it, earlier results stay.
    label = f"{RULES_VERSION}+review@{datetime.now(UTC):%Y%m%dT%H%M%S.%f}"
    review_store.record_review(
        sf, document_id, changed, reviewer, status=verdict.status, score=verdict.score,
        rules_version=label,
        rules=rule_records(verdict),
    )
    return verdict


def describe(item: review_store.ReviewItem) -> str:
    """Markdown for a person: fields with confidence, failing rules. Identifiers masked."""
    lines = [f"### Tài liệu / document {item.document_id}: `{mask_text(item.source_key)}`",
             f"{item.doc_type} — **{item.status}** (score {item.score})", "",
             "| trường / field | giá trị / value | độ tin cậy / confidence | nguồn / source |",
             "|---|---|---|---|"]
    for key, f in item.fields.items():
        conf = f"{f.confidence:.2f}" if f.confidence is not None else "—"
        lines.append(f"| {key} | {mask_text(f.value or '')} | {conf} | {f.source} |")
    if item.failing:
        lines += ["", "**Quy tắc không đạt / failing rules**"]
        lines += [f"- `{rule}` ({fld or '—'}): {mask_text(msg)}" for rule, fld, msg in item.failing]
    return "\n".join(lines)


@flow(name="review-document", flow_run_name="review document {document_id}")
def review_document(document_id: int, reviewer: str = "prefect-ui", timeout_s: int = 86_400,
                    settings: Settings | None = None) -> dict:
    """Pause with a form of the document's fields; store what the person submits."""
    settings = settings or Settings()
    sf = open_warehouse(settings.resolved_warehouse_url)
    item = review_store.review_item(sf, document_id)
    create_markdown_artifact(key=f"review-{document_id}", markdown=describe(item))
    form = create_model(  # one text box per field, prefilled with what the machine read
        f"ReviewDocument{document_id}", __base__=RunInput,
        **{key: (str, Field(default=f.value or "", description=f"confidence {f.confidence}"))
           for key, f in item.fields.items()},
    )
    answer = pause_flow_run(wait_for_input=form, timeout=timeout_s)
    corrections = {k: v for k, v in answer.model_dump().items() if k in item.fields}
    verdict = apply_review(settings, document_id, corrections, reviewer)
    get_run_logger().info("document %s reviewed: %s", document_id, verdict.status)
    return {"document_id": document_id, "status": verdict.status}
