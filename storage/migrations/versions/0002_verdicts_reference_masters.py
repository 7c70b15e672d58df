"""Verdicts per criterion and field, document links, versioned reference data, master tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Frozen history: this file does not import the models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "document_verdict",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.Column("criteria_scores", sa.JSON(), nullable=False),
        sa.Column("field_status", sa.JSON(), nullable=False),
        sa.Column("annotations", sa.JSON(), nullable=False),
        sa.Column("identity_key", sa.String(length=512), nullable=True),
        sa.Column("subject_key", sa.String(length=255), nullable=True),
        sa.Column("document_date", sa.String(length=10), nullable=True),
        sa.Column("valid_to", sa.String(length=10), nullable=True),
        sa.Column("fields_total", sa.Integer(), nullable=False),
        sa.Column("fields_known", sa.Integer(), nullable=False),
        _fk("document_verdict", "document_id", "document"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_verdict")),
    )
    op.create_index(op.f("ix_document_verdict_identity_key"), "document_verdict", ["identity_key"])
    op.create_index(op.f("ix_document_verdict_subject_key"), "document_verdict", ["subject_key"])

    op.create_table(
        "document_link",
        _id(),
        sa.Column("from_document_id", sa.Integer(), nullable=False),
        sa.Column("to_document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        _ts("created_at"),
        sa.CheckConstraint("kind IN ('supersedes', 'duplicate_of')", name=op.f("ck_document_link_kind")),
        _fk("document_link", "from_document_id", "document"),
        _fk("document_link", "to_document_id", "document"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_link")),
        sa.UniqueConstraint(
            "from_document_id",
            "to_document_id",
            "kind",
            name=op.f("uq_document_link_from_document_id_to_document_id_kind"),
        ),
    )
    op.create_index(op.f("ix_document_link_from_document_id"), "document_link", ["from_document_id"])
    op.create_index(op.f("ix_document_link_to_document_id"), "document_link", ["to_document_id"])

    op.create_table(
        "ref_dataset_version",
        _id(),
        sa.Column("dataset", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("licence", sa.String(length=64), nullable=True),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.String(length=10), nullable=True),
        sa.Column("valid_to", sa.String(length=10), nullable=True),
        _ts("loaded_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ref_dataset_version")),
        sa.UniqueConstraint("dataset", "version", name=op.f("uq_ref_dataset_version_dataset_version")),
    )
    op.create_table(
        "ref_admin_unit",
        _id(),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit_type", sa.String(length=32), nullable=True),
        sa.Column("province_code", sa.String(length=8), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.CheckConstraint("level IN ('province', 'commune')", name=op.f("ck_ref_admin_unit_level")),
        _fk("ref_admin_unit", "version_id", "ref_dataset_version"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ref_admin_unit")),
    )
    op.create_index("ix_ref_admin_unit_version_id_code", "ref_admin_unit", ["version_id", "code"])
    op.create_table(
        "ref_id_province_code",
        _id(),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=3), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        _fk("ref_id_province_code", "version_id", "ref_dataset_version"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ref_id_province_code")),
        sa.UniqueConstraint("version_id", "code", name=op.f("uq_ref_id_province_code_version_id_code")),
    )
    op.create_table(
        "ref_unit_mapping",
        _id(),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("old_code", sa.String(length=16), nullable=False),
        sa.Column("old_name", sa.Text(), nullable=False),
        sa.Column("old_district", sa.Text(), nullable=True),
        sa.Column("old_province_code", sa.String(length=8), nullable=True),
        sa.Column("new_code", sa.String(length=16), nullable=False),
        sa.Column("new_name", sa.Text(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        _fk("ref_unit_mapping", "version_id", "ref_dataset_version"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ref_unit_mapping")),
    )
    op.create_index("ix_ref_unit_mapping_version_id_old_code", "ref_unit_mapping", ["version_id", "old_code"])

    op.create_table(
        "master_entity",
        _id(),
        sa.Column("entity_type", sa.String(length=16), nullable=False),
        sa.Column("natural_key", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=True),
        _ts("first_seen_at"),
        _ts("last_seen_at"),
        sa.CheckConstraint(
            "entity_type IN ('person', 'enterprise', 'land_parcel')",
            name=op.f("ck_master_entity_entity_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_master_entity")),
        sa.UniqueConstraint(
            "entity_type", "natural_key", name=op.f("uq_master_entity_entity_type_natural_key")
        ),
    )
    op.create_table(
        "master_fact",
        _id(),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("attribute", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("field_key", sa.String(length=64), nullable=False),
        _ts("created_at"),
        _fk("master_fact", "entity_id", "master_entity"),
        _fk("master_fact", "document_id", "document"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_master_fact")),
        sa.UniqueConstraint(
            "entity_id",
            "attribute",
            "document_id",
            name=op.f("uq_master_fact_entity_id_attribute_document_id"),
        ),
    )
    op.create_index("ix_master_fact_entity_id_attribute", "master_fact", ["entity_id", "attribute"])
    op.create_index(op.f("ix_master_fact_document_id"), "master_fact", ["document_id"])

    op.create_table(
        "batch_verdict",
        _id(),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.Column("criteria_scores", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("reuse", sa.JSON(), nullable=False),
        sa.Column("report_key", sa.Text(), nullable=True),
        _ts("computed_at"),
        _fk("batch_verdict", "batch_id", "batch_run"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_verdict")),
    )
    op.create_index(op.f("ix_batch_verdict_batch_id"), "batch_verdict", ["batch_id"])


def downgrade() -> None:
    for table in (
        "batch_verdict",
        "master_fact",
        "master_entity",
        "ref_unit_mapping",
        "ref_id_province_code",
        "ref_admin_unit",
        "ref_dataset_version",
        "document_link",
        "document_verdict",
    ):
        op.drop_table(table)
