"""Engines, migrations and transactions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from storage.errors import WarehouseError, WarehouseUnavailable

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Arbitrary constant: serializes concurrent `migrate` calls on one PostgreSQL database.
_MIGRATION_LOCK_ID = 0x50_48_4F_41  # "SOHA"


def normalize_url(url: str | URL) -> URL:
    """Default PostgreSQL URLs to the psycopg 3 driver (psycopg2 is not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
        cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster
        cur.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Take the write lock up front: a deferred transaction that reads and then
        # writes fails at once with "database is locked" when another writer got in
        # between (busy_timeout does not help there). Writers queue here instead.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``sqlite:///path.db`` (parent dirs created) or ``postgresql+psycopg://``."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        _sqlite_events(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)  # survive a database restart
    return create_engine(parsed, **kwargs)


def alembic_config(connection: Any | None = None) -> Config:
    """Alembic configured in code, so no alembic.ini is needed at runtime."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _engine_of(url_or_engine: str | URL | Engine) -> tuple[Engine, bool]:
    """(engine, whether we created it and must dispose of it)."""
    if isinstance(url_or_engine, Engine):
        return url_or_engine, False
    return make_engine(url_or_engine), True


def migrate(url_or_engine: str | URL | Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (default: the latest). Safe to call every start.

    A database that cannot be reached raises :class:`WarehouseUnavailable` (retry later), like
    every other warehouse call, not SQLAlchemy's own error."""
    engine, owned = _engine_of(url_or_engine)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
            command.upgrade(alembic_config(conn), revision)
    except DBAPIError as exc:
        if _is_unavailable(exc):
            raise WarehouseUnavailable(f"warehouse unavailable: {_where(engine)}: {exc.orig or exc}") from exc
        raise
    finally:
        if owned:
            engine.dispose()


def downgrade(url_or_engine: str | URL | Engine, revision: str) -> None:
    engine, owned = _engine_of(url_or_engine)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), revision)
    finally:
        if owned:
            engine.dispose()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: values read in a transaction stay usable after it.
    return sessionmaker(bind=engine, expire_on_commit=False)


def _is_unavailable(exc: DBAPIError) -> bool:
    """Lost or refused connection, server shutting down or starting, lock timeout: worth a
    retry. psycopg reports a connection the server closed as OperationalError; a connection
    found dead mid-use may also come as another DBAPIError that SQLAlchemy flags invalidated."""
    return isinstance(exc, OperationalError) or bool(exc.connection_invalidated)


def _where(engine: Engine | None) -> str:
    if engine is None:
        return "?"
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def transaction(sf: sessionmaker[Session]) -> Iterator[Session]:
    """One committed unit of work; database errors come out as warehouse errors."""
    try:
        with sf() as session, session.begin():
            yield session
    except WarehouseError:
        raise
    except DBAPIError as exc:
        if not _is_unavailable(exc):
            raise _permanent(exc) from exc
        # Lost connection, lock timeout, "database is locked": worth retrying.
        bind = sf.kw.get("bind")
        raise WarehouseUnavailable(
            f"warehouse unavailable: {_where(bind if isinstance(bind, Engine) else None)}: {exc.orig or exc}"
        ) from exc
    except SQLAlchemyError as exc:
        raise _permanent(exc) from exc


def _permanent(exc: SQLAlchemyError) -> WarehouseError:
    if isinstance(exc, IntegrityError):
        return WarehouseError(f"warehouse integrity error: {exc.orig or exc}")
    return WarehouseError(f"warehouse error: {exc}")
