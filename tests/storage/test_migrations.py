"""Alembic migrations on SQLite and PostgreSQL, and model/migration agreement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, inspect, select

from storage.warehouse import ledger
from storage.warehouse.db import alembic_config, downgrade, make_engine, migrate
from storage.warehouse.models import Base, BatchRun

TABLES = {
    "batch_run",
    "ingest_ledger",
    "dossier",
    "document",
    "page",
    "field_value",
    "rule_result",
    "document_verdict",
    "document_link",
    "ref_dataset_version",
    "ref_admin_unit",
    "ref_id_province_code",
    "ref_unit_mapping",
    "master_entity",
    "master_fact",
    "batch_verdict",
}


def _diffs(engine, metadata: MetaData) -> list:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, metadata)


def test_migrate_creates_schema_at_head_and_is_repeatable(warehouse_url: str) -> None:
    engine = make_engine(warehouse_url)
    try:
        migrate(engine)
        migrate(engine)  # second run is a no-op
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
            current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert current == head is not None  # the newest revision (several branches add one)
    finally:
        engine.dispose()


def test_models_match_migrations(warehouse_url: str) -> None:
    engine = make_engine(warehouse_url)
    try:
        migrate(engine)
        assert _diffs(engine, Base.metadata) == []
        # The comparison is not vacuous: a column the migration lacks is reported.
        changed = MetaData(naming_convention=Base.metadata.naming_convention)
        for table in Base.metadata.sorted_tables:
            table.to_metadata(changed)
        changed.tables["page"].append_column(Column("extra", Integer))
        diffs = _diffs(engine, changed)
        assert [d[0] for d in diffs] == ["add_column"] and diffs[0][3].name == "extra"
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back(warehouse_url: str) -> None:
    engine = make_engine(warehouse_url)
    try:
        migrate(engine)
        downgrade(engine, "base")
        with engine.connect() as conn:
            assert not TABLES & set(inspect(conn).get_table_names())
        migrate(engine)
        assert _diffs(engine, Base.metadata) == []
    finally:
        engine.dispose()


def test_migrate_accepts_a_url(warehouse_url: str) -> None:
    migrate(warehouse_url)
    engine = make_engine(warehouse_url)
    try:
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
    finally:
        engine.dispose()


def test_timestamps_are_timezone_aware_utc(warehouse) -> None:
    batch_id = ledger.start_batch(warehouse, "cli", "p1")
    with warehouse() as s:
        started = s.scalar(select(BatchRun.started_at).where(BatchRun.id == batch_id))
    assert started is not None and started.utcoffset() is not None
    assert started.tzinfo == UTC
    assert abs((datetime.now(UTC) - started).total_seconds()) < 60
    with warehouse() as s, pytest.raises(Exception, match="naive datetime"):
        s.add(BatchRun(trigger="cli", pipeline_version="p", started_at=datetime(2025, 1, 1)))
        s.flush()


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'dir' / 'w.db'}")  # parents created
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(warehouse) -> None:
    from storage.errors import StoreError
    from storage.warehouse.db import transaction
    from storage.warehouse.models import Page

    with pytest.raises(StoreError, match="integrity"), transaction(warehouse) as s:
        s.add(Page(document_id=999_999, number=1, source="ocr"))
