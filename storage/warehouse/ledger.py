"""The ingest ledger: which object versions were seen, who works on them, how they ended.

Each (bucket, key, etag) is one row. Status moves::

    new ──claim──► claimed ──save_document──► stored ──mark_done──► done
     ▲               │  └──mark_quarantined──► quarantined
     └─(retry)── failed ◄──mark_failed──┘

``stored`` means the warehouse transaction committed but the original has not been
moved yet; ``pending`` returns such rows so a crash between the two steps is
finished by the next sweep. Every function opens and commits its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.errors import WarehouseError
from storage.objectstore import ObjectInfo
from storage.warehouse.db import transaction
from storage.warehouse.documents import (
    document_count,
    document_for_ledger,
    document_history,
    save_document,
)
from storage.warehouse.models import (
    BATCH_STATUSES,
    BATCH_TRIGGERS,
    LEDGER_STATUSES,
    BatchRun,
    IngestLedger,
)
from storage.warehouse.records import LedgerEntry
from storage.warehouse.types import SessionFactory, utcnow

__all__ = [
    "DEFAULT_MAX_ATTEMPTS",
    "claim",
    "close_dead_batches",
    "counts",
    "document_count",
    "document_for_ledger",
    "document_history",
    "finish_batch",
    "get_entry",
    "lookup",
    "mark_done",
    "mark_failed",
    "mark_quarantined",
    "pending",
    "register",
    "save_document",
    "set_sha256",
    "set_stage",
    "start_batch",
]

DEFAULT_MAX_ATTEMPTS = 3
_REGISTER_CHUNK = 500  # rows per INSERT statement


# -- batches ---------------------------------------------------------------------


def start_batch(
    sf: SessionFactory,
    trigger: str,
    pipeline_version: str,
    flow_run_id: str | None = None,
    worker: str | None = None,
) -> int:
    if trigger not in BATCH_TRIGGERS:
        raise ValueError(f"trigger must be one of {BATCH_TRIGGERS}, got {trigger!r}")
    with transaction(sf) as s:
        batch = BatchRun(
            trigger=trigger,
            pipeline_version=pipeline_version,
            flow_run_id=flow_run_id,
            worker=worker,
            status="running",
            counts={},
            started_at=utcnow(),
        )
        s.add(batch)
        s.flush()
        return batch.id


def finish_batch(sf: SessionFactory, batch_id: int, status: str, counts: dict[str, Any]) -> None:
    if status not in BATCH_STATUSES or status == "running":
        raise ValueError(f"a finished batch is 'completed', 'failed' or 'interrupted', got {status!r}")
    with transaction(sf) as s:
        batch = s.get(BatchRun, batch_id)
        if batch is None:
            raise WarehouseError(f"batch {batch_id} does not exist")
        batch.status = status
        batch.counts = dict(counts)
        batch.finished_at = utcnow()


def close_dead_batches(
    sf: SessionFactory, is_dead: Callable[[str | None], bool], *, now: datetime | None = None
) -> list[int]:
    """Close as ``interrupted`` the running batches whose worker ``is_dead`` (a verdict on the
    batch's ``worker`` name, made by the caller, who knows how to tell); return their ids.

    Their rows still ``claimed`` get an expired lease: a dead worker's documents are taken
    at once, not after the lease (15 minutes by default). The takeover counts as an attempt.
    """
    now = now or utcnow()
    with transaction(sf) as s:
        running = s.execute(select(BatchRun.id, BatchRun.worker).where(BatchRun.status == "running")).all()
        dead = [batch_id for batch_id, worker in running if is_dead(worker)]
        if not dead:
            return []
        s.execute(
            update(BatchRun)
            .where(BatchRun.id.in_(dead), BatchRun.status == "running")
            .values(status="interrupted", finished_at=now)
            .execution_options(synchronize_session=False)
        )
        s.execute(
            update(IngestLedger)
            .where(IngestLedger.batch_id.in_(dead), IngestLedger.status == "claimed")
            .values(lease_expires_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    return dead


# -- registration and claiming ---------------------------------------------------


def _dialect_insert(session: Session) -> Callable[..., Any]:
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise WarehouseError(f"unsupported warehouse dialect {name!r}")


def register(
    sf: SessionFactory,
    objects: Iterable[ObjectInfo],
    dossier_code_of: Callable[[str], str],
) -> list[int]:
    """Add a ``new`` row for each object version not yet in the ledger; return the new ids.

    The versions the ledger knows are read first (index seeks by key) and only the others
    are inserted: a sweep of a 10^5-object inbox with 100 new files then writes 100 rows,
    not a 10^5-row transaction that would hold SQLite's write lock for seconds.
    INSERT ... ON CONFLICT DO NOTHING makes two sweeps racing over the same listing
    safe: each version is inserted once and only its inserter gets the id back.
    """
    now = utcnow()
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for obj in objects:
        rows.setdefault(
            (obj.bucket, obj.key, obj.etag),
            {
                "bucket": obj.bucket,
                "key": obj.key,
                "etag": obj.etag,
                "version_id": obj.version_id,
                "size": obj.size,
                "status": "new",
                "attempts": 0,
                "dossier_code": dossier_code_of(obj.key),
                "first_seen_at": now,
                "updated_at": now,
            },
        )
    for known in _known_versions(sf, rows):
        rows.pop(known, None)
    if not rows:
        return []
    values = list(rows.values())
    new_ids: list[int] = []
    with transaction(sf) as s:
        insert = _dialect_insert(s)
        stmt = (
            insert(IngestLedger)
            .on_conflict_do_nothing(index_elements=["bucket", "key", "etag"])
            .returning(IngestLedger.id)
        )
        for start in range(0, len(values), _REGISTER_CHUNK):
            chunk = values[start : start + _REGISTER_CHUNK]
            new_ids.extend(s.execute(stmt, chunk).scalars().all())
    return sorted(new_ids)


def _known_versions(
    sf: SessionFactory, versions: Iterable[tuple[str, str, str]]
) -> set[tuple[str, str, str]]:
    """Which of these (bucket, key, etag) the ledger holds, in any status."""
    wanted = set(versions)
    found: set[tuple[str, str, str]] = set()
    with transaction(sf) as s:
        for bucket, keys in _key_chunks(wanted):
            q = select(IngestLedger.key, IngestLedger.etag).where(
                IngestLedger.bucket == bucket, IngestLedger.key.in_(keys)
            )
            found.update((bucket, k, e) for k, e in s.execute(q))
    return found & wanted


def _key_chunks(versions: set[tuple[str, str, str]]) -> Iterator[tuple[str, list[str]]]:
    """(bucket, keys) chunks of these versions' keys, for ``bucket = ? AND key IN (…)``:
    that seeks the unique index on (bucket, key, etag); a tuple IN made SQLite scan the
    table once per chunk."""
    keys_by_bucket: dict[str, list[str]] = {}
    for bucket, key in sorted({(b, k) for b, k, _ in versions}):
        keys_by_bucket.setdefault(bucket, []).append(key)
    for bucket, keys in keys_by_bucket.items():
        for start in range(0, len(keys), _REGISTER_CHUNK):
            yield bucket, keys[start : start + _REGISTER_CHUNK]


def lookup(
    sf: SessionFactory, objects: Iterable[ObjectInfo], statuses: tuple[str, ...] | None = None
) -> dict[tuple[str, str, str], LedgerEntry]:
    """The ledger rows of these listed versions (in ``statuses`` only, if given), keyed by
    (bucket, key, etag).

    For the sweep's diff: a listed object whose row is already ``done`` or
    ``quarantined`` is the same content dropped again (``register`` skips it).
    """
    wanted = {(o.bucket, o.key, o.etag) for o in objects}
    found: dict[tuple[str, str, str], LedgerEntry] = {}
    with transaction(sf) as s:
        for bucket, keys in _key_chunks(wanted):  # the etag is matched here
            q = select(IngestLedger).where(IngestLedger.bucket == bucket, IngestLedger.key.in_(keys))
            if statuses is not None:
                q = q.where(IngestLedger.status.in_(statuses))
            for row in s.scalars(q):
                if (row.bucket, row.key, row.etag) in wanted:
                    found[(row.bucket, row.key, row.etag)] = _entry(row)
    return found


def _entry(row: IngestLedger) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        bucket=row.bucket,
        key=row.key,
        etag=row.etag,
        version_id=row.version_id,
        size=row.size,
        sha256=row.sha256,
        status=row.status,
        attempts=row.attempts,
        last_error=row.last_error,
        error_code=row.error_code,
        claimed_by=row.claimed_by,
        lease_expires_at=row.lease_expires_at,
        batch_id=row.batch_id,
        dossier_code=row.dossier_code,
        archive_key=row.archive_key,
        quarantine_key=row.quarantine_key,
        first_seen_at=row.first_seen_at,
        updated_at=row.updated_at,
        stage=row.stage,
    )


TRANSIENT_ERROR = "transient_error"  # the error_code of failures that were the services' fault


def _claimable(now: datetime, max_attempts: int | None) -> Any:
    status = IngestLedger.status
    retry = status == "failed"
    if max_attempts is not None:
        # An outage of the store or database is not the file's fault: those rows are retried
        # on every sweep, however often; only failures of the file itself use up attempts.
        retry = and_(
            retry,
            or_(IngestLedger.attempts < max_attempts, IngestLedger.error_code == TRANSIENT_ERROR),
        )
    # A claim whose batch has ended (a sweep that could not record its outcome during a
    # database outage) has nobody working on it: no need to wait out its lease.
    ended = select(BatchRun.id).where(BatchRun.status != "running")
    return or_(
        status == "new",
        retry,
        and_(
            status == "claimed",
            or_(
                IngestLedger.lease_expires_at.is_(None),
                IngestLedger.lease_expires_at < now,
                IngestLedger.batch_id.in_(ended),
            ),
        ),
    )


def pending(
    sf: SessionFactory,
    bucket: str,
    prefix: str = "",
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    now: datetime | None = None,
) -> list[LedgerEntry]:
    """Rows needing work: new, failed with attempts left, claimed with an expired lease
    (the worker died), and stored (warehouse done, original not moved yet)."""
    now = now or utcnow()
    with transaction(sf) as s:
        query = (
            select(IngestLedger)
            .where(
                IngestLedger.bucket == bucket,
                or_(_claimable(now, max_attempts), IngestLedger.status == "stored"),
            )
            .order_by(IngestLedger.id)
        )
        if prefix:
            query = query.where(IngestLedger.key.startswith(prefix, autoescape=True))
        return [_entry(row) for row in s.scalars(query)]


def claim(
    sf: SessionFactory,
    ledger_id: int,
    worker: str,
    lease_seconds: int,
    *,
    max_attempts: int | None = None,
    now: datetime | None = None,
    batch_id: int | None = None,
) -> bool:
    """Take the row for ``lease_seconds``; True for exactly one of concurrent claimers.

    Every claim counts as an attempt, a takeover after an expired lease too (its worker
    died on it, perhaps because of the file): the caller checks ``attempts`` afterwards and
    quarantines a file that has used them all (see ``flows.sweep``). The row remembers the
    claiming ``batch_id``, so the batch of a dead worker releases it (``close_dead_batches``).

    ``max_attempts`` caps re-claiming ``failed`` rows; by default no cap here, since
    ``pending(max_attempts=...)`` already chose the rows and the two must not disagree.
    A worker may re-claim a row it holds itself: that is a retry of its own task after a
    transient error, which must not wait for its own lease to expire.

    One conditional UPDATE: PostgreSQL re-checks the WHERE clause after waiting for a
    concurrent updater's row lock, SQLite serializes writers, so the loser sees
    rowcount 0 either way.
    """
    now = now or utcnow()
    with transaction(sf) as s:
        result = s.execute(
            update(IngestLedger)
            .where(
                IngestLedger.id == ledger_id,
                or_(
                    _claimable(now, max_attempts),
                    and_(IngestLedger.status == "claimed", IngestLedger.claimed_by == worker),
                ),
            )
            .values(
                status="claimed",
                # A worker re-claiming its own row is a Prefect retry of the same attempt.
                attempts=case(
                    (
                        and_(IngestLedger.status == "claimed", IngestLedger.claimed_by == worker),
                        IngestLedger.attempts,
                    ),
                    else_=IngestLedger.attempts + 1,
                ),
                claimed_by=worker,
                lease_expires_at=now + timedelta(seconds=lease_seconds),
                stage="claimed",
                updated_at=now,
                **({} if batch_id is None else {"batch_id": batch_id}),
            )
            .execution_options(synchronize_session=False)
        )
        # Session.execute được khai kiểu Result; UPDATE thực ra trả CursorResult, có rowcount.
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]


# -- outcomes --------------------------------------------------------------------


def _update(sf: SessionFactory, ledger_id: int, allowed: Any, **values: Any) -> bool:
    """Conditional update; False if the row is in a state that forbids it."""
    with transaction(sf) as s:
        result = s.execute(
            update(IngestLedger)
            .where(IngestLedger.id == ledger_id, allowed)
            .values(updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        )
        # Session.execute được khai kiểu Result; UPDATE thực ra trả CursorResult, có rowcount.
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return True
        if s.get(IngestLedger, ledger_id) is None:
            raise WarehouseError(f"ledger row {ledger_id} does not exist")
        return False


def mark_failed(sf: SessionFactory, ledger_id: int, code: str, message: str) -> bool:
    """Record a retryable failure. A ``stored`` row stays stored (its document is safe;
    only the move of the original failed), so ``pending`` keeps offering it."""
    status = IngestLedger.status
    attempts: Any = IngestLedger.attempts
    if code == TRANSIENT_ERROR:  # an outage is not the file's fault: give the attempt back
        attempts = case((IngestLedger.attempts > 0, IngestLedger.attempts - 1), else_=0)
    return _update(
        sf,
        ledger_id,
        status.notin_(("done", "quarantined")),
        status=case((status == "stored", "stored"), else_="failed"),
        attempts=attempts,
        error_code=code,
        last_error=message,
        lease_expires_at=None,
    )


def mark_quarantined(
    sf: SessionFactory, ledger_id: int, quarantine_key: str, code: str, message: str
) -> bool:
    """Final state for unreadable input; refused (False) once a document was stored."""
    return _update(
        sf,
        ledger_id,
        IngestLedger.status.notin_(("stored", "done")),
        status="quarantined",
        quarantine_key=quarantine_key,
        error_code=code,
        last_error=message,
        lease_expires_at=None,
    )


def mark_done(sf: SessionFactory, ledger_id: int, archive_key: str) -> bool:
    """Final state once the original is in the archive; only after ``save_document``."""
    return _update(
        sf,
        ledger_id,
        IngestLedger.status.in_(("stored", "done")),
        status="done",
        archive_key=archive_key,
        lease_expires_at=None,
    )


def set_stage(sf: SessionFactory, ledger_id: int, stage: str) -> None:
    """Record how far the claimed document got: named in the reason of a file that kills
    its worker every time (quarantined as ``processing_failed`` with its last stage)."""
    _update(sf, ledger_id, IngestLedger.status == "claimed", stage=stage)


def set_sha256(sf: SessionFactory, ledger_id: int, sha: str) -> None:
    """Record the content hash once read; a different hash for the same version is an error."""
    with transaction(sf) as s:
        row = s.get(IngestLedger, ledger_id, with_for_update=True)
        if row is None:
            raise WarehouseError(f"ledger row {ledger_id} does not exist")
        if row.sha256 is not None and row.sha256 != sha:
            raise WarehouseError(f"ledger row {ledger_id}: sha256 {sha} differs from recorded {row.sha256}")
        row.sha256 = sha
        row.updated_at = utcnow()


def get_entry(sf: SessionFactory, ledger_id: int) -> LedgerEntry:
    with transaction(sf) as s:
        row = s.get(IngestLedger, ledger_id)
        if row is None:
            raise WarehouseError(f"ledger row {ledger_id} does not exist")
        return _entry(row)


def counts(sf: SessionFactory) -> dict[str, int]:
    """Rows per ledger status, every status present (zero when none)."""
    with transaction(sf) as s:
        rows = s.execute(select(IngestLedger.status, func.count()).group_by(IngestLedger.status))
        found = dict(rows.all())  # all(): Result có keys(), dict() sẽ coi nó là mapping
    return {status: int(found.get(status, 0)) for status in LEDGER_STATUSES}
