"""Opening the warehouse once per process, and turning a DocumentResult into its records."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storage.warehouse import db
from storage.warehouse.records import DocumentRecord, FieldRecord, PageRecord, RuleRecord
from storage.warehouse.types import SessionFactory

from .pipeline import DocumentResult

if TYPE_CHECKING:
    from quality.types import Verdict


@lru_cache(maxsize=8)
def open_warehouse(url: str) -> SessionFactory:
    """Migrate to head and return a session factory; cached so tasks share one engine."""
    engine = db.make_engine(url)
    db.migrate(engine)
    return db.session_factory(engine)


def document_record(
    result: DocumentResult,
    *,
    ledger_id: int,
    dossier_code: str,
    source_bucket: str,
    source_key: str,
    source_etag: str,
    archive_bucket: str,
    archive_key: str,
    derived: dict[str, str],
    batch_id: int | None = None,
) -> DocumentRecord:
    doc, ext, verdict = result.document, result.extraction, result.verdict
    return DocumentRecord(
        ledger_id=ledger_id,
        dossier_code=dossier_code,
        source_bucket=source_bucket,
        source_key=source_key,
        source_etag=source_etag,
        source_sha256=result.sha256,
        archive_bucket=archive_bucket,
        archive_key=archive_key,
        doc_type=ext.doc_type,
        doc_type_confidence=ext.doc_type_confidence,
        page_count=len(doc.pages),
        text_source=doc.text_source,
        mean_ocr_confidence=doc.mean_ocr_confidence,
        text=doc.text,
        status=verdict.status,
        score=verdict.score,
        pipeline_version=result.pipeline_version,
        rules_version=result.rules_version,
        derived=derived,
        batch_id=batch_id,
        criteria_scores=dict(verdict.criteria),
        field_status=dict(verdict.fields),
        annotations=dict(verdict.annotations),
        identity_key=verdict.identity,
        subject_key=verdict.subject,
        document_date=verdict.annotations.get("document_date"),
        pages=[
            PageRecord(
                number=p.number,
                width=p.width,
                height=p.height,
                dpi=p.dpi,
                source=p.source,
                rotation=p.rotation,
                skew=p.skew,
                confidence=p.confidence,
                text=p.text,
            )
            for p in doc.pages
        ],
        fields=[
            FieldRecord(
                key=key,
                value=fv.value,
                raw=fv.raw,
                confidence=fv.confidence,
                page=fv.page,
                bbox=list(fv.bbox) if fv.bbox else None,
                source=fv.source,
            )
            for key, fv in ext.fields.items()
        ],
        rules=rule_records(verdict),
    )


def rule_records(verdict: Verdict) -> list[RuleRecord]:
    """A verdict's outcomes as rule-result rows (the shape a sweep, a re-check and a review store)."""
    return [
        RuleRecord(
            rule=o.rule,
            criterion=o.criterion,
            severity=o.severity,
            field=o.violations[0].field if o.violations else None,
            passed=o.passed,
            evaluated=o.evaluated,
            message="; ".join(v.message for v in o.violations),
            failing_values=[x for v in o.violations for x in v.values],
        )
        for o in verdict.outcomes
    ]
