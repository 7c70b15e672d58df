"""Initial schema: batches, ingest ledger, dossiers, documents, pages, fields, rule results.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Frozen history: this file does not import the models, so later model changes need a
new revision (``tests/storage/test_migrations.py`` fails until one exists).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "batch_run",
        sa.Column("id", sa.Integer(), nullable=False),
        _ts("started_at"),
        _ts("finished_at", nullable=True),
        sa.Column("trigger", sa.String(length=16), nullable=False),
        sa.Column("flow_run_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.CheckConstraint("status IN ('running', 'completed', 'failed')", name=op.f("ck_batch_run_status")),
        sa.CheckConstraint(
            "trigger IN ('cli', 'schedule', 'event', 'demo')", name=op.f("ck_batch_run_trigger")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_run")),
    )
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=255), nullable=False),
        _ts("first_seen_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("code", name=op.f("uq_dossier_code")),
    )
    op.create_table(
        "ingest_ledger",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bucket", sa.String(length=63), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("etag", sa.String(length=128), nullable=False),
        sa.Column("version_id", sa.String(length=128), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("error_code", sa.String(length=64), nullable=True),
        sa.Column("claimed_by", sa.String(length=255), nullable=True),
        _ts("lease_expires_at", nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("dossier_code", sa.String(length=255), nullable=False),
        sa.Column("archive_key", sa.Text(), nullable=True),
        sa.Column("quarantine_key", sa.Text(), nullable=True),
        _ts("first_seen_at"),
        _ts("updated_at"),
        sa.CheckConstraint(
            "status IN ('new', 'claimed', 'stored', 'done', 'quarantined', 'failed')",
            name=op.f("ck_ingest_ledger_status"),
        ),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batch_run.id"], name=op.f("fk_ingest_ledger_batch_id_batch_run")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_ledger")),
        sa.UniqueConstraint("bucket", "key", "etag", name=op.f("uq_ingest_ledger_bucket_key_etag")),
    )
    op.create_index(op.f("ix_ingest_ledger_status"), "ingest_ledger", ["status"])
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("ledger_id", sa.Integer(), nullable=False),
        sa.Column("source_bucket", sa.String(length=63), nullable=False),
        sa.Column("source_key", sa.Text(), nullable=False),
        sa.Column("source_etag", sa.String(length=128), nullable=False),
        sa.Column("source_version_id", sa.String(length=128), nullable=True),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("archive_bucket", sa.String(length=63), nullable=True),
        sa.Column("archive_key", sa.Text(), nullable=True),
        sa.Column("doc_type", sa.String(length=64), nullable=False),
        sa.Column("doc_type_confidence", sa.Float(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("text_source", sa.String(length=16), nullable=True),
        sa.Column("mean_ocr_confidence", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("derived", sa.JSON(), nullable=False),
        _ts("created_at"),
        sa.CheckConstraint(
            "status IN ('accepted', 'needs_review', 'rejected')", name=op.f("ck_document_status")
        ),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"], name=op.f("fk_document_dossier_id_dossier")),
        sa.ForeignKeyConstraint(
            ["ledger_id"], ["ingest_ledger.id"], name=op.f("fk_document_ledger_id_ingest_ledger")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["document.id"], name=op.f("fk_document_supersedes_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("ledger_id", name=op.f("uq_document_ledger_id")),
        # One successor per document: history stays a line, never a fork.
        sa.UniqueConstraint("supersedes_id", name=op.f("uq_document_supersedes_id")),
    )
    op.create_index(op.f("ix_document_dossier_id"), "document", ["dossier_id"])
    op.create_index("ix_document_source", "document", ["source_bucket", "source_key"])
    op.create_table(
        "field_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("bbox", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        _ts("created_at"),
        sa.Column("reviewer", sa.String(length=255), nullable=True),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("source IN ('text_layer', 'ocr', 'review')", name=op.f("ck_field_value_source")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_field_value_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["field_value.id"],
            name=op.f("fk_field_value_supersedes_id_field_value"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_value")),
    )
    op.create_index("ix_field_value_document_id_key", "field_value", ["document_id", "key"])
    op.create_table(
        "page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("dpi", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("rotation", sa.Float(), nullable=False),
        sa.Column("skew", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_page_document_id_document")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page")),
        sa.UniqueConstraint("document_id", "number", name=op.f("uq_page_document_id_number")),
    )
    op.create_table(
        "rule_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("criterion", sa.String(length=16), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("evaluated", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("failing_values", sa.JSON(), nullable=False),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_rule_result_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rule_result")),
    )
    op.create_index(op.f("ix_rule_result_document_id"), "rule_result", ["document_id"])


def downgrade() -> None:
    # Children first, so foreign keys never point at a dropped table.
    for table in (
        "rule_result",
        "page",
        "field_value",
        "document",
        "ingest_ledger",
        "dossier",
        "batch_run",
    ):
        op.drop_table(table)
