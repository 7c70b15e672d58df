"""The warehouse: SQLAlchemy models, Alembic migrations, ledger and document writes.

Works the same on SQLite (embedded default) and PostgreSQL::

    engine = make_engine("sqlite:///data/sohoa.db")   # or postgresql+psycopg://...
    migrate(engine)
    sf = session_factory(engine)
    ids = ledger.register(sf, store.list("sohoa", "inbox/"), dossier_code_of)
"""

from storage.warehouse import ledger
from storage.warehouse.db import make_engine, migrate, session_factory
from storage.warehouse.records import (
    DocumentInfo,
    DocumentRecord,
    FieldRecord,
    LedgerEntry,
    PageRecord,
    RuleRecord,
)

__all__ = [
    "DocumentInfo",
    "DocumentRecord",
    "FieldRecord",
    "LedgerEntry",
    "PageRecord",
    "RuleRecord",
    "ledger",
    "make_engine",
    "migrate",
    "session_factory",
]
