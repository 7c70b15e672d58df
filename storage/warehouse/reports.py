"""Queries behind the auditors' report: documents with their verdicts, every rule result,
trend rows, and storing the batch verdict. Plain values out; the caller renders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVarTuple

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from storage.warehouse.db import transaction
from storage.warehouse.models import (
    BatchRun,
    BatchVerdict,
    Document,
    DocumentVerdict,
    Dossier,
    FieldValue,
    IngestLedger,
    RuleResult,
)
from storage.warehouse.types import SessionFactory, utcnow

_Cols = TypeVarTuple("_Cols")  # các cột đã chọn, qua _scope vẫn giữ nguyên


@dataclass(frozen=True)
class DocumentRow:
    id: int
    batch_id: int | None
    dossier_code: str
    source_bucket: str
    source_key: str
    archive_bucket: str | None
    archive_key: str | None
    doc_type: str
    status: str
    score: float | None
    rules_version: str | None
    page_count: int
    created_at: datetime
    criteria_scores: Mapping[str, Any]
    annotations: Mapping[str, Any]
    fields: Mapping[str, str]


@dataclass(frozen=True)
class RuleRow:
    document_id: int
    rule: str
    criterion: str
    severity: str
    field: str | None
    passed: bool
    evaluated: int
    message: str
    failing_values: list[Any]
    rules_version: str | None


def _scope(
    q: Select[*_Cols],
    s: Session,
    *,
    batch_id: int | None,
    since: datetime | None,
    until: datetime | None = None,
) -> Select[*_Cols]:
    if batch_id is not None:
        # The ledger row names its batch when the saver passed it; otherwise a document
        # belongs to the batch whose run was open when it was stored.
        batch = s.get(BatchRun, batch_id)
        cond = IngestLedger.batch_id == batch_id
        if batch is not None:
            window = Document.created_at >= batch.started_at
            if batch.finished_at is not None:
                window = and_(window, Document.created_at <= batch.finished_at)
            cond = or_(cond, and_(IngestLedger.batch_id.is_(None), window))
        q = q.where(cond)
    if since is not None:
        q = q.where(Document.created_at >= since)
    if until is not None:  # exclusive: consecutive daily reports never count a document twice
        q = q.where(Document.created_at < until)
    return q


def documents(
    sf: SessionFactory,
    *,
    batch_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[DocumentRow]:
    """Documents of one batch, or stored in [since, until), oldest first."""
    with transaction(sf) as s:
        q = (
            select(Document, Dossier.code, IngestLedger.batch_id, DocumentVerdict)
            .join(Dossier, Dossier.id == Document.dossier_id)
            .join(IngestLedger, IngestLedger.id == Document.ledger_id)
            .outerjoin(DocumentVerdict, DocumentVerdict.document_id == Document.id)
            .order_by(Document.id)
        )
        rows = s.execute(_scope(q, s, batch_id=batch_id, since=since, until=until)).all()
        ids = [d.id for d, *_ in rows]
        fields: dict[int, dict[str, str]] = {i: {} for i in ids}
        for chunk in range(0, len(ids), 500):
            for doc_id, key, value in s.execute(
                select(FieldValue.document_id, FieldValue.key, FieldValue.value)
                .where(FieldValue.document_id.in_(ids[chunk : chunk + 500]))
                .order_by(FieldValue.id)
            ):
                fields[doc_id][key] = value or ""
        return [
            DocumentRow(
                d.id,
                b,
                code,
                d.source_bucket,
                d.source_key,
                d.archive_bucket,
                d.archive_key,
                d.doc_type,
                d.status,
                d.score,
                d.rules_version,
                d.page_count,
                d.created_at,
                dict(v.criteria_scores) if v else {},
                dict(v.annotations) if v else {},
                fields[d.id],
            )
            for d, code, b, v in rows
        ]


def rule_results(sf: SessionFactory, document_ids: list[int], *, current_only: bool = True) -> list[RuleRow]:
    """The documents' rule results under each one's current label (its verdict's
    ``rules_version``). A reviewed or re-checked document keeps its earlier evaluations for
    history; counting them too would count the document twice. ``current_only=False``: all."""
    out: list[RuleRow] = []
    with transaction(sf) as s:
        for chunk in range(0, len(document_ids), 500):
            q = select(RuleResult).where(RuleResult.document_id.in_(document_ids[chunk : chunk + 500]))
            if current_only:
                q = q.outerjoin(DocumentVerdict, DocumentVerdict.document_id == RuleResult.document_id).where(
                    or_(
                        DocumentVerdict.rules_version.is_(None),
                        RuleResult.rules_version == DocumentVerdict.rules_version,
                    )
                )
            for r in s.scalars(q.order_by(RuleResult.document_id, RuleResult.id)):
                out.append(
                    RuleRow(
                        r.document_id,
                        r.rule,
                        r.criterion,
                        r.severity,
                        r.field,
                        r.passed,
                        r.evaluated,
                        r.message,
                        list(r.failing_values or []),
                        r.rules_version,
                    )
                )
    return out


def history(sf: SessionFactory, *, until: datetime | None = None) -> list[tuple[datetime, str, dict]]:
    """(created_at, status, criteria scores) of every document, for the trend chart."""
    with transaction(sf) as s:
        q = (
            select(Document.created_at, Document.status, DocumentVerdict.criteria_scores)
            .outerjoin(DocumentVerdict, DocumentVerdict.document_id == Document.id)
            .order_by(Document.created_at)
        )
        if until is not None:
            q = q.where(Document.created_at <= until)
        return [(c, st, dict(cs or {})) for c, st, cs in s.execute(q)]


def save_batch_verdict(
    sf: SessionFactory,
    *,
    batch_id: int | None,
    since: str | None,
    status: str,
    rules_version: str | None,
    criteria_scores: Mapping[str, Any],
    counts: Mapping[str, Any],
    reuse: Mapping[str, Any],
    report_key: str | None,
) -> int:
    with transaction(sf) as s:
        v = BatchVerdict(
            batch_id=batch_id,
            since=since,
            status=status,
            rules_version=rules_version,
            criteria_scores=dict(criteria_scores),
            counts=dict(counts),
            reuse=dict(reuse),
            report_key=report_key,
            computed_at=utcnow(),
        )
        s.add(v)
        s.flush()
        return v.id


def latest_batch_verdict(sf: SessionFactory, batch_id: int) -> dict | None:
    with transaction(sf) as s:
        v = s.scalar(
            select(BatchVerdict)
            .where(BatchVerdict.batch_id == batch_id)
            .order_by(BatchVerdict.id.desc())
            .limit(1)
        )
        if v is None:
            return None
        return {
            "status": v.status,
            "criteria_scores": dict(v.criteria_scores),
            "counts": dict(v.counts),
            "reuse": dict(v.reuse),
            "rules_version": v.rules_version,
            "report_key": v.report_key,
        }


def superseded_count(sf: SessionFactory, document_ids: list[int]) -> int:
    """How many of these documents a newer document supersedes (links kept, rows kept)."""
    from sqlalchemy import func

    from storage.warehouse.models import DocumentLink

    with transaction(sf) as s:
        total = 0
        for chunk in range(0, len(document_ids), 500):
            total += int(
                s.scalar(
                    select(func.count(func.distinct(DocumentLink.to_document_id))).where(
                        DocumentLink.kind == "supersedes",
                        DocumentLink.to_document_id.in_(document_ids[chunk : chunk + 500]),
                    )
                )
                or 0
            )
        return total


def archive_location(sf: SessionFactory, document_id: int) -> tuple[str, str] | None:
    """(bucket, key) of a document's archived original, or None (no such document, or not
    archived)."""
    with transaction(sf) as s:
        doc = s.get(Document, document_id)
        if doc is None or not doc.archive_bucket or not doc.archive_key:
            return None
        return doc.archive_bucket, doc.archive_key


@dataclass(frozen=True)
class BatchInfo:
    id: int
    trigger: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    counts: Mapping[str, Any]
    dossiers: list[str]


def batch_info(sf: SessionFactory, batch_id: int) -> BatchInfo | None:
    """The batch run as an auditor needs it: how it was started, when, on which dossiers."""
    with transaction(sf) as s:
        b = s.get(BatchRun, batch_id)
        if b is None:
            return None
        dossiers = sorted(
            set(s.scalars(select(IngestLedger.dossier_code).where(IngestLedger.batch_id == batch_id)))
        )
        return BatchInfo(
            b.id, b.trigger, b.status, b.started_at, b.finished_at, dict(b.counts or {}), dossiers
        )


def dossier_documents(sf: SessionFactory, codes: list[str]) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Every current document (no newer version supersedes it) of these dossiers, whatever
    batch stored it: (doc_type, current fields). Completeness is a property of the dossier,
    not of the batch that happened to carry a part of it."""
    from sqlalchemy import func
    from sqlalchemy.orm import aliased

    newer = aliased(Document)
    out: dict[str, list[tuple[str, dict[str, str]]]] = {c: [] for c in codes}
    with transaction(sf) as s:
        rows = s.execute(
            select(Document.id, Document.doc_type, Dossier.code)
            .join(Dossier, Dossier.id == Document.dossier_id)
            .where(Dossier.code.in_(codes))
            .where(~select(newer.id).where(newer.supersedes_id == Document.id).exists())
            .order_by(Document.id)
        ).all()
        ids = [r.id for r in rows]
        fields: dict[int, dict[str, str]] = {i: {} for i in ids}
        for chunk in range(0, len(ids), 500):
            latest = (
                select(func.max(FieldValue.id))
                .where(FieldValue.document_id.in_(ids[chunk : chunk + 500]))
                .group_by(FieldValue.document_id, FieldValue.key)
            )
            for doc_id, key, value in s.execute(
                select(FieldValue.document_id, FieldValue.key, FieldValue.value).where(
                    FieldValue.id.in_(latest)
                )
            ):
                fields[doc_id][key] = value or ""
        for r in rows:
            out[r.code].append((r.doc_type, fields[r.id]))
    return out
