"""Human review: the queue, one document's current fields and failing rules, and a
correction stored as new rows (history, not overwrite).

A correction is a new ``field_value`` row with ``source='review'``, who and when, that
supersedes the value it corrects; the re-run rules are new ``rule_result`` rows under a
new ``rules_version`` label, and the document row points at that label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from storage.warehouse.db import transaction
from storage.warehouse.models import Document, DocumentVerdict, FieldValue, Page, RuleResult
from storage.warehouse.records import RuleRecord
from storage.warehouse.types import SessionFactory, utcnow


@dataclass(frozen=True)
class ReviewField:
    id: int
    key: str
    value: str | None
    raw: str | None
    confidence: float | None
    page: int | None
    bbox: Sequence[float] | None
    source: str
    reviewer: str | None


@dataclass(frozen=True)
class ReviewItem:
    document_id: int
    source_key: str
    doc_type: str
    status: str
    score: float | None
    rules_version: str | None
    text: str
    fields: dict[str, ReviewField] = field(default_factory=dict)
    failing: list[tuple[str, str | None, str]] = field(default_factory=list)  # rule, field, message
    # Where the original is, and each page's geometry as read (width, height, rotation):
    # what a crop of a field's bbox needs.
    archive: tuple[str, str] | None = None
    pages: dict[int, tuple[int, int, float]] = field(default_factory=dict)
    # Failing rules with the values they name: (rule, field, message, failing values).
    failing_values: list[tuple[str, str | None, str, list[Any]]] = field(default_factory=list)


def review_queue(sf: SessionFactory, limit: int = 50) -> list[int]:
    """Current documents (no newer version supersedes them) that need a person's look."""
    newer = aliased(Document)
    with transaction(sf) as s:
        query = (
            select(Document.id)
            .where(Document.status == "needs_review")
            .where(~select(newer.id).where(newer.supersedes_id == Document.id).exists())
            .order_by(Document.id)
            .limit(limit)
        )
        return list(s.scalars(query))


def _current_fields(s: Session, document_id: int) -> dict[str, ReviewField]:
    latest = (
        select(func.max(FieldValue.id)).where(FieldValue.document_id == document_id).group_by(FieldValue.key)
    )
    rows = s.scalars(select(FieldValue).where(FieldValue.id.in_(latest)).order_by(FieldValue.id))
    return {
        r.key: ReviewField(r.id, r.key, r.value, r.raw, r.confidence, r.page, r.bbox, r.source, r.reviewer)
        for r in rows
    }


def review_item(sf: SessionFactory, document_id: int) -> ReviewItem:
    with transaction(sf) as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise KeyError(f"no document {document_id}")
        failing = s.execute(
            select(RuleResult.rule, RuleResult.field, RuleResult.message, RuleResult.failing_values)
            .where(RuleResult.document_id == document_id, RuleResult.passed.is_(False))
            .where(RuleResult.rules_version == doc.rules_version)
            .order_by(RuleResult.id)
        ).all()
        return ReviewItem(
            document_id=doc.id,
            source_key=doc.source_key,
            doc_type=doc.doc_type,
            status=doc.status,
            score=doc.score,
            rules_version=doc.rules_version,
            text=doc.text,
            fields=_current_fields(s, document_id),
            failing=[(r.rule, r.field, r.message) for r in failing],
            archive=(doc.archive_bucket, doc.archive_key) if doc.archive_bucket and doc.archive_key else None,
            pages={
                p.number: (p.width or 0, p.height or 0, p.rotation or 0.0)
                for p in s.scalars(select(Page).where(Page.document_id == document_id))
            },
            failing_values=[(r.rule, r.field, r.message, list(r.failing_values or [])) for r in failing],
        )


def record_review(
    sf: SessionFactory,
    document_id: int,
    corrections: Mapping[str, str],
    reviewer: str,
    *,
    status: str,
    score: float | None,
    rules_version: str,
    rules: Sequence[RuleRecord],
    verdict: Mapping[str, Any] | None = None,
) -> list[int]:
    """Store corrections and the re-run verdict in one transaction; return new field ids.

    ``verdict`` (optional: criteria_scores, field_status, annotations) also replaces the
    document's verdict details; the rule results under earlier labels keep the history."""
    now = utcnow()
    with transaction(sf) as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise KeyError(f"no document {document_id}")
        current = _current_fields(s, document_id)
        new_rows = []
        for key, value in corrections.items():
            old = current.get(key)
            row = FieldValue(
                document_id=document_id,
                key=key,
                value=value,
                raw=value,
                confidence=1.0,
                page=old.page if old else None,
                bbox=list(old.bbox) if old and old.bbox else None,
                source="review",
                pipeline_version="review",
                created_at=now,
                reviewer=reviewer,
                supersedes_id=old.id if old else None,
            )
            s.add(row)
            new_rows.append(row)
        for r in rules:
            s.add(
                RuleResult(
                    document_id=document_id,
                    rule=r.rule,
                    criterion=r.criterion,
                    severity=r.severity,
                    field=r.field,
                    passed=r.passed,
                    evaluated=r.evaluated,
                    message=r.message,
                    failing_values=list(r.failing_values),
                    rules_version=rules_version,
                )
            )
        doc.status, doc.score, doc.rules_version = status, score, rules_version
        if verdict is not None:
            _update_verdict(s, document_id, rules_version, verdict)
        s.flush()
        return [row.id for row in new_rows]


def _update_verdict(s: Session, document_id: int, rules_version: str, verdict: Mapping[str, Any]) -> None:
    row = s.get(DocumentVerdict, document_id)
    if row is None:  # a document stored before verdict details existed
        row = DocumentVerdict(document_id=document_id)
        s.add(row)
    annotations = dict(verdict.get("annotations") or {})
    valid_to = annotations.get("valid_to")
    row.rules_version = rules_version
    row.criteria_scores = dict(verdict.get("criteria_scores") or {})
    row.field_status = dict(verdict.get("field_status") or {})
    row.annotations = annotations
    row.valid_to = valid_to if isinstance(valid_to, str) and len(valid_to) == 10 else None


@dataclass(frozen=True)
class CurrentDocument:
    id: int
    sha256: str
    rules_version: str | None


def current_documents(
    sf: SessionFactory, *, after_id: int = 0, limit: int | None = None
) -> list[CurrentDocument]:
    """Documents no newer version of the same source object supersedes, by id (a page of
    them after ``after_id``). Documents a newer one supersedes by subject are included:
    that is what the live rules look at."""
    newer = aliased(Document)
    with transaction(sf) as s:
        query = (
            select(Document.id, Document.source_sha256, Document.rules_version)
            .where(Document.id > after_id)
            .where(~select(newer.id).where(newer.supersedes_id == Document.id).exists())
            .order_by(Document.id)
        )
        if limit is not None:
            query = query.limit(limit)
        return [CurrentDocument(i, sha, rv) for i, sha, rv in s.execute(query)]
