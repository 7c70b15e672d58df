"""Warehouse tables (SQLAlchemy 2 typed ORM).

The migration in ``storage/migrations/versions`` must produce exactly this schema;
``tests/storage/test_migrations.py`` compares the two. Change both together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.warehouse.types import UTCDateTime, utcnow

# Deterministic constraint names, so migrations can refer to them on both dialects.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

BATCH_TRIGGERS = ("cli", "schedule", "event", "demo")
BATCH_STATUSES = ("running", "completed", "failed", "interrupted")  # interrupted: its worker died
LEDGER_STATUSES = ("new", "claimed", "stored", "done", "quarantined", "failed")
DOCUMENT_STATUSES = ("accepted", "needs_review", "rejected")
FIELD_SOURCES = ("text_layer", "ocr", "review")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class BatchRun(Base):
    __tablename__ = "batch_run"
    __table_args__ = (
        CheckConstraint(_one_of("trigger", BATCH_TRIGGERS), name="trigger"),
        CheckConstraint(_one_of("status", BATCH_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    trigger: Mapped[str] = mapped_column(String(16))
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="running")
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    pipeline_version: Mapped[str] = mapped_column(String(64))
    worker: Mapped[str | None] = mapped_column(String(255))  # host-pid: a dead one is noticed


class IngestLedger(Base):
    """One row per content version (bucket, key, etag) seen in a watched prefix."""

    __tablename__ = "ingest_ledger"
    __table_args__ = (
        UniqueConstraint("bucket", "key", "etag"),
        CheckConstraint(_one_of("status", LEDGER_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(63))
    key: Mapped[str] = mapped_column(Text)
    etag: Mapped[str] = mapped_column(String(128))
    version_id: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), index=True, default="new")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    error_code: Mapped[str | None] = mapped_column(String(64))
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    stage: Mapped[str | None] = mapped_column(String(32))  # how far its last claim got
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batch_run.id"))
    dossier_code: Mapped[str] = mapped_column(String(255))
    archive_key: Mapped[str | None] = mapped_column(Text)
    quarantine_key: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Dossier(Base):
    __tablename__ = "dossier"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(255), unique=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(Base):
    """A processed source object. Newer versions link back via ``supersedes_id``;
    the unique constraint on it keeps each document's history a single line."""

    __tablename__ = "document"
    __table_args__ = (
        CheckConstraint(_one_of("status", DOCUMENT_STATUSES), name="status"),
        Index("ix_document_source", "source_bucket", "source_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    ledger_id: Mapped[int] = mapped_column(ForeignKey("ingest_ledger.id"), unique=True)
    source_bucket: Mapped[str] = mapped_column(String(63))
    source_key: Mapped[str] = mapped_column(Text)
    source_etag: Mapped[str] = mapped_column(String(128))
    source_version_id: Mapped[str | None] = mapped_column(String(128))
    source_sha256: Mapped[str] = mapped_column(String(64))
    archive_bucket: Mapped[str | None] = mapped_column(String(63))
    archive_key: Mapped[str | None] = mapped_column(Text)
    doc_type: Mapped[str] = mapped_column(String(64))
    doc_type_confidence: Mapped[float | None] = mapped_column(Float)
    page_count: Mapped[int] = mapped_column(Integer)
    text_source: Mapped[str | None] = mapped_column(String(16))
    mean_ocr_confidence: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    pipeline_version: Mapped[str] = mapped_column(String(64))
    rules_version: Mapped[str | None] = mapped_column(String(64))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), unique=True)
    derived: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Page(Base):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    number: Mapped[int] = mapped_column(Integer)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    dpi: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    rotation: Mapped[float] = mapped_column(Float, default=0.0)
    skew: Mapped[float] = mapped_column(Float, default=0.0)
    confidence: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text, default="")


class FieldValue(Base):
    """One extracted (or reviewed) value with its provenance. A human correction is a
    new row with ``source='review'`` that supersedes the machine value."""

    __tablename__ = "field_value"
    __table_args__ = (
        CheckConstraint(_one_of("source", FIELD_SOURCES), name="source"),
        Index("ix_field_value_document_id_key", "document_id", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    key: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[float] | None] = mapped_column(JSON(none_as_null=True))
    source: Mapped[str] = mapped_column(String(16))
    pipeline_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewer: Mapped[str | None] = mapped_column(String(255))
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("field_value.id"))


class RuleResult(Base):
    __tablename__ = "rule_result"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    rule: Mapped[str] = mapped_column(String(64))
    criterion: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(64))
    passed: Mapped[bool] = mapped_column(Boolean)
    evaluated: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    failing_values: Mapped[list[Any]] = mapped_column(JSON, default=list)
    rules_version: Mapped[str | None] = mapped_column(String(64))


# ---- verdicts, links, reference data and master tables (revision 0002) -------------------------
LINK_KINDS = ("supersedes", "duplicate_of")
UNIT_LEVELS = ("province", "commune")
ENTITY_TYPES = ("person", "enterprise", "land_parcel")


class DocumentVerdict(Base):
    """The verdict of one document beyond its status: score per criterion, status per field,
    what the rules derived (valid_to, unit codes), keys for duplicates and supersession, and
    the reuse count (fields already known in the masters when it arrived)."""

    __tablename__ = "document_verdict"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), primary_key=True)
    rules_version: Mapped[str | None] = mapped_column(String(64))
    criteria_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    field_status: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    annotations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    identity_key: Mapped[str | None] = mapped_column(String(512), index=True)
    subject_key: Mapped[str | None] = mapped_column(String(255), index=True)
    document_date: Mapped[str | None] = mapped_column(String(10))
    valid_to: Mapped[str | None] = mapped_column(String(10))
    fields_total: Mapped[int] = mapped_column(Integer, default=0)
    fields_known: Mapped[int] = mapped_column(Integer, default=0)


class DocumentLink(Base):
    """``from`` supersedes / duplicates ``to``; both rows stay (design invariant 5)."""

    __tablename__ = "document_link"
    __table_args__ = (
        UniqueConstraint("from_document_id", "to_document_id", "kind"),
        CheckConstraint(_one_of("kind", LINK_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    to_document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RefDatasetVersion(Base):
    """One loaded version of a reference dataset; an update is a new row, never an overwrite."""

    __tablename__ = "ref_dataset_version"
    __table_args__ = (UniqueConstraint("dataset", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    licence: Mapped[str | None] = mapped_column(String(64))
    checksum: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[str | None] = mapped_column(String(10))  # ISO date, inclusive
    valid_to: Mapped[str | None] = mapped_column(String(10))  # ISO date, exclusive
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RefAdminUnit(Base):
    __tablename__ = "ref_admin_unit"
    __table_args__ = (
        CheckConstraint(_one_of("level", UNIT_LEVELS), name="level"),
        Index("ix_ref_admin_unit_version_id_code", "version_id", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("ref_dataset_version.id"))
    level: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    unit_type: Mapped[str | None] = mapped_column(String(32))
    province_code: Mapped[str | None] = mapped_column(String(8))
    district: Mapped[str | None] = mapped_column(Text)


class RefIdProvinceCode(Base):
    __tablename__ = "ref_id_province_code"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("ref_dataset_version.id"))
    code: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(Text)


class RefUnitMapping(Base):
    """Old (pre-01/7/2025) commune → new commune. A split old commune has several rows,
    ``partial`` set, and one ``is_default``; conversion gives candidates, not a pick."""

    __tablename__ = "ref_unit_mapping"
    __table_args__ = (Index("ix_ref_unit_mapping_version_id_old_code", "version_id", "old_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("ref_dataset_version.id"))
    old_code: Mapped[str] = mapped_column(String(16))
    old_name: Mapped[str] = mapped_column(Text)
    old_district: Mapped[str | None] = mapped_column(Text)
    old_province_code: Mapped[str | None] = mapped_column(String(8))
    new_code: Mapped[str] = mapped_column(String(16))
    new_name: Mapped[str] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)


class MasterEntity(Base):
    """A person (by personal ID), enterprise (by code) or land parcel (map sheet + parcel +
    locality), built from accepted documents."""

    __tablename__ = "master_entity"
    __table_args__ = (
        UniqueConstraint("entity_type", "natural_key"),
        CheckConstraint(_one_of("entity_type", ENTITY_TYPES), name="entity_type"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(16))
    natural_key: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MasterFact(Base):
    """One fact about a master entity as stated by one document (links back to every document)."""

    __tablename__ = "master_fact"
    __table_args__ = (
        UniqueConstraint("entity_id", "attribute", "document_id"),
        Index("ix_master_fact_entity_id_attribute", "entity_id", "attribute"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("master_entity.id"))
    attribute: Mapped[str] = mapped_column(String(64))
    value: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    field_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BatchVerdict(Base):
    """A batch (or period) judged as a whole: quality band, score per criterion, counts and
    reuse, with the rules version; recomputing appends a new row."""

    __tablename__ = "batch_verdict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batch_run.id"), index=True)
    since: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    rules_version: Mapped[str | None] = mapped_column(String(64))
    criteria_scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reuse: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    report_key: Mapped[str | None] = mapped_column(Text)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
