"""The inbox sweep: list → register → claim → process each document → archive.

Reads top to bottom as extract / transform / load. Each document is one task with retries
for transient failures (object store or database unavailable); an unreadable file is
quarantined with its typed reason and the batch goes on.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, cast
from uuid import UUID

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from sqlalchemy.exc import OperationalError

from flows import outcomes, placement
from flows.faults import crash_point
from flows.isolation import process_with_limits
from flows.masking import dossier_ref, install_masking, mask_text
from flows.pipeline import DocumentResult, sha256_of
from flows.quality_context import load_reference_context, load_reference_data, rejudge
from flows.report import publish_report
from flows.settings import DEFAULT_RETRY_DELAYS, Settings, retrying
from flows.version import PIPELINE_VERSION
from flows.warehouse import document_record, open_warehouse
from ocr.errors import InputError
from ocr.pdfsafety import strip_active_content
from storage import processes
from storage.errors import ObjectNotFound, StoreError
from storage.objectstore import ObjectInfo, ObjectStore, VersionChanged
from storage.warehouse import ledger
from storage.warehouse.types import SessionFactory

log = logging.getLogger("sohoa.sweep")
install_masking()  # flow runs started by a worker never pass through the CLI


@dataclass
class SweepSummary:
    batch_id: int
    listed: int = 0
    registered: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    report: str | None = None  # the auditors' report of this batch (local HTML path)

    def count(self, outcome: str) -> int:
        return self.outcomes.get(outcome, 0)

    def export(self) -> dict:
        return asdict(self)


def is_transient(exc: BaseException) -> bool:
    """The object store or the warehouse is unavailable for now: retry, do not quarantine."""
    return (isinstance(exc, StoreError) and exc.transient) or isinstance(exc, OperationalError)


def _retry_if_transient(task, task_run, state) -> bool:
    exc = state.result(raise_on_failure=False)
    retry = isinstance(exc, BaseException) and is_transient(exc)
    if retry:
        crash_point("retrying")
    return retry


# ---- extract --------------------------------------------------------------------------


def _list_inbox(settings: Settings, prefix: str = "") -> list[ObjectInfo]:
    inbox = settings.location("inbox")
    return [
        o
        for o in settings.object_store().list(inbox.bucket, inbox.prefix + prefix)
        if not o.key.endswith("/")
    ]


def _register_versions(settings: Settings, objects: list[ObjectInfo]) -> int:
    inbox = settings.location("inbox")
    sf = open_warehouse(settings.resolved_warehouse_url)
    new_ids = ledger.register(sf, objects, lambda key: placement.dossier_code_of(inbox.relative(key)))
    return len(new_ids)


def _settle_duplicates(settings: Settings, objects: list[ObjectInfo]) -> list[dict]:
    """Content already processed (same key and etag) dropped again: move it on, no OCR.

    The ledger keeps one row per content version, so the new copy adds nothing; it goes
    where its first copy went (same sha256 → same key, so nothing is overwritten).
    """
    sf = open_warehouse(settings.resolved_warehouse_url)
    store, inbox = settings.object_store(), settings.location("inbox")
    rows = []
    for entry in ledger.lookup(sf, objects, statuses=("done", "quarantined")).values():
        if not entry.sha256:
            continue
        role, outcome = (
            ("archive", "already_processed")
            if entry.status == "done"
            else ("quarantine", "already_quarantined")
        )
        target = settings.location(role)
        rel = inbox.relative(entry.key)
        if placement.unsafe_reason(settings, rel):
            rel = placement.unsafe_relative(entry.sha256, rel)
        key = placement.free_key(store, target, rel, entry.sha256)
        try:
            _move_original(store, entry, target, key, entry.sha256)
        except (ObjectNotFound, VersionChanged):
            continue  # gone or replaced since listing: a newer version is the next sweep's
        rows.append({"key": entry.key, "outcome": outcome, f"{role}_key": key})
    return rows


@dataclass
class InboxDiff:
    listed: int
    registered: int
    settled: list[dict]  # duplicates moved on without OCR


@task(
    name="diff-inbox",
    retries=3,
    retry_delay_seconds=DEFAULT_RETRY_DELAYS,
    retry_condition_fn=_retry_if_transient,
    cache_policy=NO_CACHE,
)
def diff_inbox(settings: Settings, prefix: str = "") -> InboxDiff:
    """List the inbox, register each new (bucket, key, etag) in the ledger, move on content
    dropped again. One task, so the listing (10^5 objects) never crosses a task boundary:
    Prefect inspects every task argument, which cost ~0.6 ms per listed object."""
    objects = _list_inbox(settings, prefix)
    registered = _register_versions(settings, objects)
    return InboxDiff(len(objects), registered, _settle_duplicates(settings, objects))


# ---- transform + load, one document -----------------------------------------------------


def _move_original(store, entry, target, key: str, sha256: str, data: bytes | None = None) -> None:
    """Move this version of the original (and only this one) from the inbox to ``target``.

    The archivist may replace the file while it is processed: the copy is conditioned on
    the ledger's ETag, and when the inbox holds another version the bytes that were read
    (``data``, the version processed) are written instead. The inbox object is deleted only
    if it is still this version; a newer one stays there for the next sweep.
    """
    meta = {placement.SHA_META: sha256}
    try:
        store.copy(entry.bucket, entry.key, target.bucket, key, metadata=meta, match_etag=entry.etag)
    except (ObjectNotFound, VersionChanged):
        if data is None:
            raise
        store.put(target.bucket, key, data, metadata=meta)
    store.delete(entry.bucket, entry.key, etag=entry.etag)


def _quarantine(
    settings: Settings,
    entry,
    rel: str,
    code: str,
    message: str,
    sha256: str | None,
    data: bytes | None = None,
) -> str:
    store, target = settings.object_store(), settings.location("quarantine")
    key = placement.free_key(store, target, rel, sha256 or entry.etag)
    # The reason is read by operators, off the warehouse: IDs masked (the key next to it is
    # the original's, like the archive's, so nothing is lost).
    reason = placement.reason_document(
        source_bucket=entry.bucket,
        source_key=mask_text(entry.key),
        etag=entry.etag,
        sha256=sha256,
        code=code,
        message=mask_text(message),
        pipeline_version=PIPELINE_VERSION,
        quarantined_as=mask_text(key),
    )
    # The reason first: a quarantined file is never without its explanation.
    store.put(target.bucket, key + ".reason.json", reason, content_type="application/json")
    _move_original(store, entry, target, key, sha256 or "", data)
    ledger.mark_quarantined(open_warehouse(settings.resolved_warehouse_url), entry.id, key, code, message)
    return key


def _gone(settings: Settings, entry, rel: str, message: str) -> str:
    """End the row of a version that vanished before it was read: a reason, no object."""
    store, target = settings.object_store(), settings.location("quarantine")
    key = target.key(placement.versioned(rel, entry.etag or "unknown-etag")) + ".reason.json"
    store.put(
        target.bucket,
        key,
        placement.reason_document(
            source_bucket=entry.bucket,
            source_key=mask_text(entry.key),
            etag=entry.etag,
            sha256=None,
            code="version_gone",
            message=mask_text(f"replaced or deleted before it was read: {message}"),
            pipeline_version=PIPELINE_VERSION,
            quarantined_as=mask_text(key),
        ),
        content_type="application/json",
    )
    ledger.mark_quarantined(
        open_warehouse(settings.resolved_warehouse_url), entry.id, key, "version_gone", message
    )
    return key


def _archive(settings: Settings, entry, sha256: str) -> str:
    store, inbox, archive = settings.object_store(), settings.location("inbox"), settings.location("archive")
    key = placement.free_key(store, archive, inbox.relative(entry.key), sha256)
    # Moved before a crash, or replaced since: the newer version is the next sweep's.
    with contextlib.suppress(ObjectNotFound, VersionChanged):
        _move_original(store, entry, archive, key, sha256)
    ledger.mark_done(open_warehouse(settings.resolved_warehouse_url), entry.id, key)
    return key


# ---- one document: named steps in one pipeline ---------------------------------------------
# Each step either ends the document with its outcome row, or returns None and the next step
# goes on. The order is the pipeline (``_STEPS``); ``process_document`` only runs it.


@dataclass
class _Document:
    """One inbox object on its way through the steps, and what they learn about it."""

    settings: Settings
    sf: SessionFactory
    store: ObjectStore
    entry: Any  # its ledger row as listed (ledger.LedgerEntry)
    rel: str  # its key relative to the inbox
    unsafe: str | None  # why its key cannot be placed under our prefixes as it is, if so
    row: dict  # the outcome row so far
    today: date | None
    batch_id: int | None
    attempts: int = 0  # claims of it so far, this one included
    data: bytes = b""
    sha256: str = ""
    result: DocumentResult | None = None
    derived_bucket: str = ""
    derived: dict[str, str] = field(default_factory=dict)

    def quarantine_rel(self, digest: str) -> str:
        """Where it goes in the quarantine: its own key, or a safe one named by ``digest``."""
        return placement.unsafe_relative(digest, self.rel) if self.unsafe else self.rel


def _finish_stored(doc: _Document) -> dict | None:
    """The warehouse has it; only the move to the archive did not happen. No OCR again."""
    if doc.entry.status != "stored":
        return None
    doc.row.update(
        outcome="archived_after_restart", archive_key=_archive(doc.settings, doc.entry, doc.entry.sha256)
    )
    return doc.row


def _claim(doc: _Document) -> dict | None:
    """Take the lease on it, unless another worker holds it."""
    settings, entry = doc.settings, doc.entry
    if not ledger.claim(doc.sf, entry.id, settings.worker_id, settings.lease_seconds, batch_id=doc.batch_id):
        now = ledger.get_entry(doc.sf, entry.id)
        if now.status != "stored" or now.claimed_by != settings.worker_id:
            return doc.row | {"outcome": "claimed_elsewhere"}
        # This task's own retry after its commit (moving the original failed): finish the move.
        return doc.row | {
            "outcome": "processed",
            "archive_key": _archive(settings, now, cast(str, now.sha256)),
        }
    doc.attempts = ledger.get_entry(doc.sf, entry.id).attempts
    return None


def _stop_a_worker_killer(doc: _Document) -> dict | None:
    """Every earlier claim ended with no outcome at all: the file killed its worker each time
    (a crash no try/except sees). Read no further; quarantine it as it is."""
    settings, entry = doc.settings, doc.entry
    if doc.attempts <= settings.max_attempts:
        return None
    message = (
        f"claimed {doc.attempts - 1} times (SOHOA_MAX_ATTEMPTS={settings.max_attempts}) "
        f"and each time its worker died; last stage reached: {entry.stage or 'unknown'}"
    )
    qkey = _quarantine(
        settings, entry, doc.quarantine_rel(entry.etag), "processing_failed", message, entry.sha256
    )
    return doc.row | {"outcome": "quarantined", "error": "processing_failed", "quarantine_key": qkey}


def _read_bytes(doc: _Document) -> dict | None:
    """The listed version's bytes and their sha256 (recorded in the ledger)."""
    crash_point("before_read")
    entry = doc.entry
    try:
        doc.data = doc.store.get(entry.bucket, entry.key, etag=entry.etag)
    except (ObjectNotFound, VersionChanged) as exc:
        # Replaced or deleted between listing and reading: this version's bytes are gone (the
        # store keeps no old versions). Its ledger row ends with the reason; no object moves.
        reason = _gone(doc.settings, entry, doc.quarantine_rel(entry.etag), str(exc))
        return doc.row | {"outcome": "quarantined", "error": "version_gone", "quarantine_key": reason}
    doc.sha256 = sha256_of(doc.data)
    ledger.set_sha256(doc.sf, entry.id, doc.sha256)
    return None


def _refuse_an_unsafe_key(doc: _Document) -> dict | None:
    """A key that cannot be placed under our prefixes as it is: keep the bytes, say why."""
    if not doc.unsafe:
        return None
    qkey = _quarantine(
        doc.settings,
        doc.entry,
        doc.quarantine_rel(doc.sha256),
        "unsafe_key",
        f"{doc.unsafe}: {doc.entry.key!r}",
        doc.sha256,
        doc.data,
    )
    return doc.row | {"outcome": "quarantined", "error": "unsafe_key", "quarantine_key": qkey}


def _read_and_judge(doc: _Document) -> dict | None:
    """OCR, extract and judge it (in a child process with limits); an unreadable file is
    quarantined, a failure recorded and retried on a later sweep, a transient one raised."""
    settings, entry = doc.settings, doc.entry
    ledger.set_stage(doc.sf, entry.id, "ocr")
    crash_point("during_ocr")
    try:
        result = process_with_limits(settings, doc.data, entry.key, today=doc.today, searchable_pdf=True)
        # Judged again with the warehouse's reference data and what it already knows
        # (units valid on the date, one person per ID, scanned twice, supersession).
        doc.result = rejudge(doc.sf, result, today=doc.today or date.today())
    except InputError as exc:
        qkey = _quarantine(settings, entry, doc.rel, exc.code, exc.message, doc.sha256, doc.data)
        return doc.row | {"outcome": "quarantined", "error": exc.code, "quarantine_key": qkey}
    except Exception as exc:  # a bug or a tool failure: record it, retry on a later sweep
        if is_transient(exc):
            raise
        message = f"{type(exc).__name__}: {exc}"
        ledger.mark_failed(doc.sf, entry.id, "processing_failed", traceback.format_exc(limit=5))
        if entry.attempts + 1 >= settings.max_attempts:
            qkey = _quarantine(settings, entry, doc.rel, "processing_failed", message, doc.sha256, doc.data)
            return doc.row | {"outcome": "quarantined", "error": "processing_failed", "quarantine_key": qkey}
        return doc.row | {"outcome": "failed", "error": message}
    return None


def _write_derivatives(doc: _Document) -> dict | None:
    """JSON, hOCR and the searchable PDF to the derived prefix (before the commit that names them)."""
    assert doc.result is not None  # set by _read_and_judge
    result, store = doc.result, doc.store
    derived_loc = doc.settings.location("derived")
    doc.derived_bucket = derived_loc.bucket
    doc.derived = derived = placement.derived_keys(derived_loc, doc.rel, doc.sha256)
    store.put(
        derived_loc.bucket,
        derived["json"],
        json.dumps(result.export(include_pages=True), ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
    )
    store.put(
        derived_loc.bucket,
        derived["hocr"],
        result.hocr().encode("utf-8"),
        content_type="text/vnd.hocr+html; charset=utf-8",
    )
    if result.searchable_pdf:
        # Pages copied from the original bring their links and scripts: redrawn without them.
        store.put(
            derived_loc.bucket,
            derived["pdf"],
            strip_active_content(result.searchable_pdf),
            content_type="application/pdf",
        )
    else:
        del derived["pdf"]
    return None


def _store_and_archive(doc: _Document) -> dict:
    """One warehouse transaction, then the original moved to the archive: processed."""
    assert doc.result is not None  # set by _read_and_judge
    settings, entry, result, sf = doc.settings, doc.entry, doc.result, doc.sf
    archive = settings.location("archive")
    archive_key = placement.free_key(doc.store, archive, doc.rel, doc.sha256)
    ledger.set_stage(sf, entry.id, "storing")
    crash_point("before_commit")
    document_id = ledger.save_document(
        sf,
        document_record(
            result,
            ledger_id=entry.id,
            dossier_code=doc.row["dossier"],
            source_bucket=entry.bucket,
            source_key=entry.key,
            source_etag=entry.etag,
            archive_bucket=archive.bucket,
            archive_key=archive_key,
            derived={k: f"{doc.derived_bucket}/{v}" for k, v in doc.derived.items()},
            batch_id=doc.batch_id,
        ),
    )
    crash_point("after_commit")
    _move_original(doc.store, entry, archive, archive_key, doc.sha256, doc.data)
    ledger.mark_done(sf, entry.id, archive_key)
    return doc.row | {
        "outcome": "processed",
        "document_id": document_id,
        "doc_type": result.extraction.doc_type,
        "status": result.verdict.status,
        "score": round(result.verdict.score, 3),
        "violations": len(result.verdict.violations),
        "archive_key": archive_key,
        "derived_json": f"{doc.derived_bucket}/{doc.derived['json']}",
    }


# The pipeline of one document, in order; the first step that returns a row ends it.
_STEPS: tuple[Callable[[_Document], dict | None], ...] = (
    _finish_stored,
    _claim,
    _stop_a_worker_killer,
    _read_bytes,
    _refuse_an_unsafe_key,
    _read_and_judge,
    _write_derivatives,
    _store_and_archive,
)


@task(
    name="process-document",
    retries=3,
    retry_delay_seconds=DEFAULT_RETRY_DELAYS,
    retry_condition_fn=_retry_if_transient,
    cache_policy=NO_CACHE,
    task_run_name="process {key}",
)
def process_document(
    settings: Settings, entry: Any, key: str, today: date | None = None, batch_id: int | None = None
) -> dict:
    """Everything for one inbox object: the steps of ``_STEPS``. ``key`` only names the task
    run (IDs masked)."""
    inbox = settings.location("inbox")
    rel = inbox.relative(entry.key)
    doc = _Document(
        settings=settings,
        sf=open_warehouse(settings.resolved_warehouse_url),
        store=settings.object_store(),
        entry=entry,
        rel=rel,
        unsafe=placement.unsafe_reason(settings, rel),
        row={"key": entry.key, "dossier": placement.dossier_code_of(rel)},
        today=today,
        batch_id=batch_id,
    )
    for step in _STEPS:
        if (outcome := step(doc)) is not None:
            return outcome
    raise AssertionError("the last step always ends the document")  # pragma: no cover


def _resolve_prefix(settings: Settings, prefix: str) -> str:
    """The inbox folder an event-triggered run names by its ``dossier_ref`` (a dossier named
    after a personal ID travels through Prefect masked): found by listing the inbox."""
    ref = prefix.rstrip("/")
    if "~" not in ref:
        return prefix
    inbox = settings.location("inbox")
    for obj in _list_inbox(settings):
        dossier = placement.dossier_code_of(inbox.relative(obj.key))
        if dossier_ref(dossier) == ref:
            return f"{dossier}/"
    return prefix  # nothing there (any more): the sweep of this prefix finds nothing


def worker_is_dead(worker: str | None) -> bool:
    """True when ``worker`` ("<host>-<pid>", the default worker id) was a process of this
    host that no longer runs. Other hosts' workers are not judged: their leases expire."""
    host, _, pid = (worker or "").rpartition("-")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    return not processes.alive(int(pid))


# ---- the flow ---------------------------------------------------------------------------


def _artifacts(summary: SweepSummary) -> None:
    rows = outcomes.table_rows(summary.documents)
    if rows:
        create_table_artifact(
            key="sweep-documents", table=rows, description=f"Batch {summary.batch_id}: documents and verdicts"
        )
    create_markdown_artifact(
        key="sweep-summary",
        markdown=outcomes.summary_markdown(
            summary.batch_id, summary.listed, summary.registered, summary.outcomes, summary.documents
        ),
    )


def _run_name() -> str:
    from prefect.runtime import flow_run

    params = flow_run.parameters or {}
    scope = mask_text((params.get("prefix") or "").strip("/")) or "inbox"
    return f"sweep {scope} ({params.get('trigger', 'cli')})"


def _publish_report(settings: Settings, batch_id: int, logger) -> str | None:
    """The batch's auditors' report (HTML + CSV, uploaded, linked from an artifact). A report
    that cannot be made must not fail a batch whose documents are all safely stored."""
    try:
        return str(publish_report(settings, batch_id=batch_id, out_dir=settings.data_dir / "reports"))
    except Exception:
        logger.exception("the report of batch %s could not be made", batch_id)
        return None


def _ensure_reference_data(sf: SessionFactory) -> None:
    """Reference data (units, ID codes) is loaded once per warehouse; a no-op afterwards.
    Two workers starting on an empty warehouse race to load it: the loser finds it loaded."""
    if load_reference_context(sf) is not None:
        return
    try:
        load_reference_data(sf)
    except Exception:
        if load_reference_context(sf) is None:
            raise


@flow(name="sweep-inbox", flow_run_name=_run_name, log_prints=False)
def sweep(
    settings: Settings | None = None,
    trigger: str = "cli",
    today: date | None = None,
    prefix: str = "",
) -> SweepSummary:
    """One pass over the inbox, or over one dossier folder when ``prefix`` is given
    (``"<dossier-code>/"``, relative to the inbox: what an event-triggered run processes)."""
    settings = settings or Settings()
    logger = get_run_logger()
    sf = open_warehouse(settings.resolved_warehouse_url)
    for dead in ledger.close_dead_batches(sf, worker_is_dead):
        logger.warning("batch %s was left running by a worker that died: closed as interrupted", dead)
    summary = SweepSummary(
        batch_id=ledger.start_batch(sf, trigger, PIPELINE_VERSION, worker=settings.worker_id)
    )
    backoff = retrying(settings)
    prefix = _resolve_prefix(settings, prefix)
    with ThreadPoolExecutor(1, thread_name_prefix="sohoa-reference") as pool:
        # Reading the reference data (~1 s, once per process) while the store lists the inbox.
        reference = pool.submit(_ensure_reference_data, sf)
        diff = diff_inbox.with_options(**backoff)(settings, prefix)
        reference.result()
    summary.listed, summary.registered = diff.listed, diff.registered
    for row in diff.settled:
        summary.documents.append(row)
        summary.outcomes[row["outcome"]] = summary.outcomes.get(row["outcome"], 0) + 1
    inbox = settings.location("inbox")
    work = ledger.pending(sf, inbox.bucket, inbox.prefix + prefix, max_attempts=settings.max_attempts)
    logger.info(
        "batch %s: %d listed, %d new, %d to process",
        summary.batch_id,
        summary.listed,
        summary.registered,
        len(work),
    )

    # Called from a synchronous flow: the UUID itself, not a coroutine (Prefect types both).
    progress = cast(
        UUID,
        create_progress_artifact(
            progress=0.0, key="sweep-progress", description=f"Batch {summary.batch_id}: documents done"
        ),
    )
    # Tag "ocr": a Prefect tag concurrency limit (made by `sohoa stack up`) caps how many
    # documents OCR at once across all workers, protecting Tesseract hosts and the database.
    # Run names and tags are stored by Prefect, outside the warehouse: IDs masked.
    futures = [
        process_document.with_options(
            tags={"sohoa", "ocr", f"dossier:{dossier_ref(entry.dossier_code)}"}, **backoff
        ).submit(settings, entry, mask_text(entry.key), today, summary.batch_id)
        for entry in work
    ]
    shown = time.monotonic()
    for done, (entry, future) in enumerate(zip(work, futures, strict=True), start=1):
        outcome = future.result(raise_on_failure=False)
        if isinstance(outcome, BaseException):  # retries exhausted on a transient error
            outcome = {"key": entry.key, "outcome": "failed", "error": f"{type(outcome).__name__}: {outcome}"}
            try:
                ledger.mark_failed(sf, entry.id, ledger.TRANSIENT_ERROR, outcome["error"])
            except Exception:  # the database itself may be the thing that is down
                logger.exception("could not record the failure of %s", entry.key)
        summary.documents.append(outcome)
        summary.outcomes[outcome["outcome"]] = summary.outcomes.get(outcome["outcome"], 0) + 1
        outcomes.warn_if_quarantined(logger, outcome)
        # At most one update a second (and the last one): each is a call to the Prefect API.
        if done == len(work) or time.monotonic() - shown >= 1.0:
            update_progress_artifact(progress, progress=100.0 * done / len(work))
            shown = time.monotonic()
    if not work:
        update_progress_artifact(progress, progress=100.0)

    failed = summary.count("failed")
    ledger.finish_batch(sf, summary.batch_id, "failed" if failed else "completed", summary.outcomes)
    _artifacts(summary)
    if work:
        summary.report = _publish_report(settings, summary.batch_id, logger)
    logger.info("batch %s done: %s", summary.batch_id, summary.outcomes)
    return outcomes.final_state(summary)  # named "Quarantined" when a file was set aside


def task_runner(settings: Settings):
    """Where the documents of a sweep run: this process's threads (one Tesseract per core),
    or a Dask cluster when ``settings.dask_address`` names one (or is "local")."""
    if not settings.dask_address:
        return ThreadPoolTaskRunner(max_workers=settings.max_parallel_documents)
    from prefect_dask import DaskTaskRunner

    if settings.dask_address == "local":
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": settings.max_parallel_documents,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    return DaskTaskRunner(address=settings.dask_address)


def run_sweep(
    settings: Settings, trigger: str = "cli", today: date | None = None, prefix: str = ""
) -> SweepSummary:
    """Run the sweep flow on the task runner the settings choose."""
    runner = task_runner(settings)
    return sweep.with_options(task_runner=runner)(
        settings=settings, trigger=trigger, today=today, prefix=prefix
    )
