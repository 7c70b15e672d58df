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
BATCH_STATUSES = ("running", "completed", "failed")
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
