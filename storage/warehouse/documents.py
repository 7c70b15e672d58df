"""Writing a processed document, and reading document history.

``save_document`` is the one warehouse transaction of the data flow: document, pages,
fields, rule results and the ledger's move to ``stored`` commit together or not at all.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.errors import WarehouseError
from storage.warehouse import masters
from storage.warehouse.db import transaction
from storage.warehouse.models import (
    Document,
    DocumentVerdict,
    Dossier,
    FieldValue,
    IngestLedger,
    Page,
    RuleResult,
)
from storage.warehouse.records import DocumentInfo, DocumentRecord

# SessionFactory vẫn import được từ đây: flows/ còn lấy nó từ module này.
from storage.warehouse.types import SessionFactory, utcnow


def _dossier_id(s: Session, code: str) -> int:
    dialect = s.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    s.execute(
        insert(Dossier)
        .values(code=code, first_seen_at=utcnow())
        .on_conflict_do_nothing(index_elements=["code"])
    )
    dossier_id = s.scalar(select(Dossier.id).where(Dossier.code == code))
    assert dossier_id is not None  # inserted above or by a committed concurrent writer
    return dossier_id


def _check_lineage(entry: IngestLedger, record: DocumentRecord) -> None:
    """The document must describe the very object version the ledger row stands for."""
    ours = (entry.bucket, entry.key, entry.etag)
    theirs = (record.source_bucket, record.source_key, record.source_etag)
    if ours != theirs:
        raise WarehouseError(f"ledger row {entry.id} is {ours}, the document says {theirs}")
    if entry.sha256 is not None and entry.sha256 != record.source_sha256:
        raise WarehouseError(
            f"ledger row {entry.id}: sha256 {entry.sha256} != document {record.source_sha256}"
        )


def save_document(sf: SessionFactory, record: DocumentRecord) -> int:
    """Store one document with everything it carries; return its id.

    Idempotent: if the ledger row already has a document, nothing is written and that
    document's id is returned. A newer version of the same source object gets
    ``supersedes_id`` pointing at the latest older document, which stays untouched.
    """
    with transaction(sf) as s:
        # Row lock (PostgreSQL): a second saver of the same ledger row waits here and
        # then finds the document. SQLite's BEGIN IMMEDIATE already serializes writers.
        entry = s.get(IngestLedger, record.ledger_id, with_for_update=True)
        if entry is None:
            raise WarehouseError(f"ledger row {record.ledger_id} does not exist")
        existing = s.scalar(select(Document.id).where(Document.ledger_id == record.ledger_id))
        if existing is not None:
            return existing
        _check_lineage(entry, record)

        if s.get_bind().dialect.name == "postgresql":
            # Serialize savers of the same source key so two versions cannot both
            # claim the same predecessor (the unique supersedes_id would reject one).
            s.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"),
                {"k": f"{record.source_bucket}/{record.source_key}"},
            )
        previous = s.scalar(
            select(func.max(Document.id)).where(
                Document.source_bucket == record.source_bucket,
                Document.source_key == record.source_key,
            )
        )
        now = utcnow()
        doc = Document(
            dossier_id=_dossier_id(s, record.dossier_code),
            ledger_id=record.ledger_id,
            source_bucket=record.source_bucket,
            source_key=record.source_key,
            source_etag=record.source_etag,
            source_version_id=record.source_version_id,
            source_sha256=record.source_sha256,
            archive_bucket=record.archive_bucket,
            archive_key=record.archive_key,
            doc_type=record.doc_type,
            doc_type_confidence=record.doc_type_confidence,
            page_count=record.page_count,
            text_source=record.text_source,
            mean_ocr_confidence=record.mean_ocr_confidence,
            text=record.text,
            status=record.status,
            score=record.score,
            pipeline_version=record.pipeline_version,
            rules_version=record.rules_version,
            supersedes_id=previous,
            derived=dict(record.derived),
            created_at=now,
        )
        s.add(doc)
        s.flush()  # assigns doc.id
        s.add_all(
            Page(
                document_id=doc.id,
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
            for p in record.pages
        )
        s.add_all(
            FieldValue(
                document_id=doc.id,
                key=f.key,
                value=f.value,
                raw=f.raw,
                confidence=f.confidence,
                page=f.page,
                bbox=[float(v) for v in f.bbox] if f.bbox is not None else None,
                source=f.source,
                pipeline_version=f.pipeline_version or record.pipeline_version,
                created_at=now,
                reviewer=f.reviewer,
            )
            for f in record.fields
        )
        s.add_all(
            RuleResult(
                document_id=doc.id,
                rule=r.rule,
                criterion=r.criterion,
                severity=r.severity,
                field=r.field,
                passed=r.passed,
                evaluated=r.evaluated,
                message=r.message,
                failing_values=list(r.failing_values),
                rules_version=record.rules_version,
            )
            for r in record.rules
        )
        _save_verdict(s, doc.id, record)
        entry.status = "stored"
        entry.sha256 = record.source_sha256
        entry.lease_expires_at = None
        entry.updated_at = now
        if record.batch_id is not None:
            entry.batch_id = record.batch_id
        s.flush()  # surface constraint errors here, inside the transaction
        return doc.id


def _save_verdict(s: Session, document_id: int, record: DocumentRecord) -> None:
    """Verdict details, duplicate/supersession links and the master tables (accepted only)."""
    annotations = dict(record.annotations)
    valid_to = annotations.get("valid_to")
    fields = {f.key: f.value for f in record.fields if f.value}
    known, _stated = masters.populate(
        s, document_id, record.doc_type, fields, annotations, accepted=record.status == "accepted"
    )
    s.add(
        DocumentVerdict(
            document_id=document_id,
            rules_version=record.rules_version,
            criteria_scores=dict(record.criteria_scores),
            field_status=dict(record.field_status),
            annotations=annotations,
            identity_key=(record.identity_key or None) and record.identity_key[:512],
            subject_key=(record.subject_key or None) and record.subject_key[:255],
            document_date=record.document_date,
            valid_to=valid_to if isinstance(valid_to, str) and len(valid_to) == 10 else None,
            fields_total=len(fields),
            fields_known=known,
        )
    )
    s.flush()
    masters.link_document(
        s, document_id, record.identity_key, record.subject_key, record.document_date, record.source_sha256
    )


def _info_query() -> Select[Document, str]:
    return select(Document, Dossier.code).join(Dossier, Dossier.id == Document.dossier_id)


def _info(doc: Document, code: str) -> DocumentInfo:
    return DocumentInfo(
        id=doc.id,
        ledger_id=doc.ledger_id,
        dossier_code=code,
        source_bucket=doc.source_bucket,
        source_key=doc.source_key,
        source_etag=doc.source_etag,
        source_sha256=doc.source_sha256,
        doc_type=doc.doc_type,
        status=doc.status,
        pipeline_version=doc.pipeline_version,
        supersedes_id=doc.supersedes_id,
        created_at=doc.created_at,
    )


def document_history(sf: SessionFactory, source_bucket: str, source_key: str) -> list[DocumentInfo]:
    """Every document stored for one source object, oldest first."""
    with transaction(sf) as s:
        rows = s.execute(
            _info_query()
            .where(Document.source_bucket == source_bucket, Document.source_key == source_key)
            .order_by(Document.id)
        )
        return [_info(doc, code) for doc, code in rows]


def document_for_ledger(sf: SessionFactory, ledger_id: int) -> DocumentInfo | None:
    with transaction(sf) as s:
        row = s.execute(_info_query().where(Document.ledger_id == ledger_id)).first()
        return _info(*row) if row else None


def document_count(sf: SessionFactory) -> int:
    with transaction(sf) as s:
        return int(s.scalar(select(func.count()).select_from(Document)) or 0)
