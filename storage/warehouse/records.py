"""Plain values passed in and out of the warehouse, so callers never touch the ORM."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PageRecord:
    number: int  # 1-based
    source: str  # "text_layer" or "ocr"
    text: str = ""
    width: int | None = None
    height: int | None = None
    dpi: int | None = None
    rotation: float = 0.0  # degrees applied to make the page upright
    skew: float = 0.0  # degrees corrected by deskew
    confidence: float | None = None  # mean word confidence 0..100, None for text layer


@dataclass(frozen=True)
class FieldRecord:
    key: str  # a key from fields.md
    value: str | None  # normalized value
    raw: str | None  # as read on the page
    source: str  # "text_layer", "ocr" or "review"
    confidence: float | None = None
    page: int | None = None
    bbox: Sequence[float] | None = None  # x0, y0, x1, y1 in page pixels
    reviewer: str | None = None
    pipeline_version: str | None = None  # defaults to the document's


@dataclass(frozen=True)
class RuleRecord:
    rule: str
    criterion: str  # dung / du / sach / song
    severity: str
    passed: bool
    field: str | None = None
    evaluated: int = 0
    message: str = ""
    failing_values: Sequence[Any] = ()


@dataclass(frozen=True)
class DocumentRecord:
    """Everything the warehouse keeps about one processed document."""

    ledger_id: int
    dossier_code: str
    source_bucket: str
    source_key: str
    source_etag: str
    source_sha256: str
    doc_type: str
    page_count: int
    status: str  # accepted / needs_review / rejected
    pipeline_version: str
    archive_bucket: str | None = None
    archive_key: str | None = None
    source_version_id: str | None = None
    doc_type_confidence: float | None = None
    text_source: str | None = None  # text_layer / ocr / mixed
    mean_ocr_confidence: float | None = None
    text: str = ""
    score: float | None = None
    rules_version: str | None = None
    batch_id: int | None = None
    pages: Sequence[PageRecord] = ()
    fields: Sequence[FieldRecord] = ()
    rules: Sequence[RuleRecord] = ()
    derived: Mapping[str, Any] = field(default_factory=dict)  # e.g. {"json": key, "hocr": key}
    # The verdict beyond status/score (quality.Verdict): score per criterion, status per field,
    # what the rules derived, and the keys for duplicates / supersession.
    criteria_scores: Mapping[str, Any] = field(default_factory=dict)
    field_status: Mapping[str, Any] = field(default_factory=dict)
    annotations: Mapping[str, Any] = field(default_factory=dict)
    identity_key: str | None = None
    subject_key: str | None = None
    document_date: str | None = None  # ISO, the date the document speaks for


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    bucket: str
    key: str
    etag: str
    version_id: str | None
    size: int
    sha256: str | None
    status: str
    attempts: int
    last_error: str | None
    error_code: str | None
    claimed_by: str | None
    lease_expires_at: datetime | None
    batch_id: int | None
    dossier_code: str
    archive_key: str | None
    quarantine_key: str | None
    first_seen_at: datetime
    updated_at: datetime
    stage: str | None = None  # how far the last claim got ("ocr", "storing"...)


@dataclass(frozen=True)
class DocumentInfo:
    """A document row without its pages and fields (for history and lookups)."""

    id: int
    ledger_id: int
    dossier_code: str
    source_bucket: str
    source_key: str
    source_etag: str
    source_sha256: str
    doc_type: str
    status: str
    pipeline_version: str
    supersedes_id: int | None
    created_at: datetime
