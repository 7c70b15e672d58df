"""Poison files and dead workers: the stage a document reached, the batch's worker, and
batches closed as ``interrupted``.

Revision ID: 0003_hostile
Revises: 0002
Create Date: 2026-12-03

Frozen history: this file does not import the models.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_hostile"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "status IN ('running', 'completed', 'failed')"
_NEW = "status IN ('running', 'completed', 'failed', 'interrupted')"


def upgrade() -> None:
    with op.batch_alter_table("ingest_ledger") as batch:
        batch.add_column(sa.Column("stage", sa.String(length=32), nullable=True))
    with op.batch_alter_table("batch_run") as batch:
        batch.add_column(sa.Column("worker", sa.String(length=255), nullable=True))
        batch.drop_constraint(op.f("ck_batch_run_status"), type_="check")
        batch.create_check_constraint(op.f("ck_batch_run_status"), _NEW)


def downgrade() -> None:
    op.execute("UPDATE batch_run SET status = 'failed' WHERE status = 'interrupted'")
    with op.batch_alter_table("batch_run") as batch:
        batch.drop_constraint(op.f("ck_batch_run_status"), type_="check")
        batch.create_check_constraint(op.f("ck_batch_run_status"), _OLD)
        batch.drop_column("worker")
    with op.batch_alter_table("ingest_ledger") as batch:
        batch.drop_column("stage")
