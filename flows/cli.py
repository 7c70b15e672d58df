"""The ``sohoa`` command line. Errors go to stderr; exit codes are in ``exitcodes.py``."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ocr.errors import InputError

from .exitcodes import ExitCode
from .masking import install_masking, mask_text
from .settings import Settings, safe_url

app = typer.Typer(
    help="sohoa — số hóa hồ sơ: OCR, fields and quality verdicts for dossiers.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
storage_app = typer.Typer(
    help="The local S3 server for development, tests and the demo.", no_args_is_help=True
)
db_app = typer.Typer(help="The warehouse (SQLite file by default, PostgreSQL by URL).", no_args_is_help=True)
stack_app = typer.Typer(
    help="The local orchestration stack: Prefect server, worker, watcher, store.", no_args_is_help=True
)
app.add_typer(stack_app, name="stack")
review_app = typer.Typer(help="Review documents that need a person's look.", no_args_is_help=True)
app.add_typer(review_app, name="review")
app.add_typer(storage_app, name="storage")
app.add_typer(db_app, name="db")

err = Console(stderr=True, soft_wrap=True)  # one line per error, however narrow the terminal
_debug = False


def fail(message: str, code: ExitCode) -> None:
    err.print(f"[red]error:[/red] {mask_text(message)}", markup=True, highlight=False)
    raise typer.Exit(int(code))


@app.callback()
def _main(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help="Show tracebacks (also of the Prefect runs); errors are one line without."
        ),
    ] = False,
) -> None:
    global _debug
    _debug = debug or os.environ.get("SOHOA_DEBUG", "") not in ("", "0", "false")
    install_masking()
    if not _debug:
        _quiet_tracebacks()


class _NoTraceback(logging.Formatter):
    """A console formatter that prints the message line of a record, not its traceback."""

    def __init__(self, inner: logging.Formatter | None):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        exc_info, exc_text, stack = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return self.inner.format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = exc_info, exc_text, stack


def _quiet(handler: logging.Handler) -> None:
    if isinstance(handler, logging.StreamHandler) and not isinstance(handler.formatter, _NoTraceback):
        handler.setFormatter(_NoTraceback(handler.formatter))


_add_handler = logging.Logger.addHandler


def _add_quiet_handler(self: logging.Logger, handler: logging.Handler) -> None:
    _quiet(handler)
    _add_handler(self, handler)


def _quiet_tracebacks() -> None:
    """Prefect's console handler prints each failed run's traceback (270 lines when the
    store was down): without --debug, its console shows the message line only. The runs'
    logs in the Prefect API keep their tracebacks. Idempotent: commands run many times in
    one process (tests) wrap each handler once (regression: nested wrappers recursed)."""
    logging.Logger.addHandler = _add_quiet_handler  # type: ignore[method-assign]
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        for handler in getattr(logger, "handlers", []):
            _quiet(handler)


def _service_error(exc: BaseException) -> bool:
    """An error of a service (store, database, Prefect), not of sohoa: exit 4."""
    import httpx

    from storage.errors import StoreError

    from .prefectapi import PrefectUnavailable

    try:
        from sqlalchemy.exc import OperationalError
    except ImportError:  # pragma: no cover
        OperationalError = ()  # type: ignore[assignment,misc]
    return isinstance(
        exc,
        (StoreError, PrefectUnavailable, OperationalError, httpx.HTTPError, ConnectionError, TimeoutError),
    )


def refuse_default_credentials(settings: Settings) -> None:
    """The store's default credentials are for this machine only (exit 2 elsewhere)."""
    from storage.localserver import InsecureCredentials, check_credentials

    try:
        check_credentials(
            settings.s3_endpoint.rpartition(":")[0] or settings.s3_endpoint,
            settings.s3_access_key,
            settings.s3_secret_key.get_secret_value(),
        )
    except InsecureCredentials as exc:
        fail(str(exc), ExitCode.usage)


def main() -> None:
    """The ``sohoa`` entry point: an unexpected error is one line on stderr and an exit code
    (4 for a service that is down, 1 otherwise); ``--debug`` shows the traceback."""
    try:
        app()
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:
        if _debug:
            raise
        code = ExitCode.service_unavailable if _service_error(exc) else ExitCode.internal_error
        first = (str(exc).strip().splitlines() or [""])[0]
        err.print(
            f"[red]error:[/red] {type(exc).__name__}: {mask_text(first)} (--debug shows the traceback)",
            markup=True,
            highlight=False,
        )
        sys.exit(int(code))


# ---- process: local files, no services --------------------------------------------------


def _walk(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def _process_one(path: Path, settings: Settings) -> dict:
    from .isolation import DocumentCrashedError, process_with_limits

    try:
        data = path.read_bytes()
        return process_with_limits(settings, data, str(path)).export()
    except InputError as exc:
        return {"source": str(path), "error": exc.export()}
    except DocumentCrashedError as exc:  # a crash of this file's reading: the others go on
        return {"source": str(path), "error": {"code": exc.code, "message": str(exc)}}
    except OSError as exc:
        return {"source": str(path), "error": {"code": "not_readable", "message": str(exc)}}


@app.command()
def process(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or table")] = "jsonl",
    jobs: Annotated[int, typer.Option(help="Documents in parallel (default: cores).")] = 0,
) -> None:
    """OCR, extract and judge local files with no services; one result line per document."""
    if format not in ("jsonl", "table"):
        fail("--format must be jsonl or table", ExitCode.usage)
    settings = Settings()
    files = list(_walk(paths))
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error:[/red] no such file or folder: {p}")
    workers = jobs or settings.max_parallel_documents
    table = Table("source", "doc_type", "status", "score", "fields", "error")
    errors = len(missing)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(lambda p: _process_one(p, settings), [f for f in files if f.exists()]):
            if "error" in result:
                errors += 1
            if format == "jsonl":
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                q = result.get("quality", {})
                table.add_row(
                    result["source"],
                    result.get("doc_type", ""),
                    q.get("status", ""),
                    str(q.get("score", "")),
                    str(len(result.get("fields", {}))),
                    mask_text(result.get("error", {}).get("code", "")),
                )
    if format == "table":
        Console().print(table)
    if errors:
        raise typer.Exit(int(ExitCode.input_unreadable))


# ---- sweep: the inbox bucket into the warehouse -------------------------------------------


@app.command()
def sweep() -> None:
    """Run one sweep of the inbox now (the same flow the every-minute deployment runs)."""
    from storage.errors import StoreError

    from .prefectapi import PrefectUnavailable, prefect_api
    from .sweep import run_sweep

    settings = Settings()
    refuse_default_credentials(settings)
    try:
        with prefect_api(settings):
            summary = run_sweep(settings, trigger="cli")
    except PrefectUnavailable as exc:
        fail(f"Prefect: {exc}", ExitCode.service_unavailable)
    except StoreError as exc:
        # Warehouse errors name their database already; store errors get the endpoint.
        where = "" if str(exc).startswith("warehouse") else f"object store {settings.s3_endpoint}: "
        fail(f"{where}{exc}", ExitCode.service_unavailable)
    typer.echo(
        json.dumps(
            {
                "batch_id": summary.batch_id,
                "listed": summary.listed,
                "registered": summary.registered,
                "outcomes": summary.outcomes,
            }
        )
    )
    if summary.count("failed"):
        raise typer.Exit(int(ExitCode.processing_incomplete))


@app.command()
def demo(
    count: Annotated[int, typer.Option(help="Sample documents to generate.")] = 8,
    seed: Annotated[int, typer.Option(help="Seed of the sample generator.")] = 2026,
) -> None:
    """Start the local store, drop generated sample scans into the inbox, sweep, report."""
    from .demo import run_demo
    from .prefectapi import PrefectUnavailable, prefect_api

    settings = Settings()
    # The demo's Prefect home (flows/demo.py sets the same), before its server starts.
    os.environ.setdefault("PREFECT_HOME", str((settings.data_dir / "prefect").resolve()))
    try:
        with prefect_api(settings):
            run_demo(settings, count=count, seed=seed, echo=typer.echo)
    except PrefectUnavailable as exc:
        fail(f"Prefect: {exc}", ExitCode.service_unavailable)


@app.command()
def samples(
    out: Annotated[Path, typer.Option("--out", help="Directory for the pages and truth.jsonl.")],
    per_type: Annotated[int, typer.Option(help="Pages per document type.")] = 2,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same pages and truth.")] = 2026,
    formats: Annotated[str, typer.Option(help="Comma-separated: png, jpg, pdf, tif.")] = "png,jpg,pdf,tif",
    damaged: Annotated[bool, typer.Option(help="Also write scan-damaged pages to OUT/damaged.")] = True,
) -> None:
    """Render fictional pages of every document type with known ground truth (truth.jsonl)."""
    from samples import ALL_TYPES, DAMAGE_KINDS, generate

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    n = per_type * len(ALL_TYPES)
    clean = generate(out, n, seed=seed, formats=fmts, types=ALL_TYPES)
    typer.echo(f"{len(clean)} clean pages and truth.jsonl in {out}")
    if damaged:
        hurt = generate(
            out / "damaged",
            n,
            seed=seed + 1,
            formats=fmts,
            damage=True,
            types=ALL_TYPES,
            damage_kinds=DAMAGE_KINDS,
        )
        typer.echo(
            f"{len(hurt)} damaged pages ({', '.join(DAMAGE_KINDS)}) and truth.jsonl in {out / 'damaged'}"
        )


# ---- stack and watch: operating it ------------------------------------------------------


@stack_app.command("up")
def stack_up(workers: Annotated[int, typer.Option(help="Process workers to start.")] = 1) -> None:
    """Start store, Prefect server, work pool, deployments, workers and the bucket watcher."""
    from .stack import Stack

    try:
        Stack(Settings()).up(echo=typer.echo, workers=workers)
    except RuntimeError as exc:
        fail(str(exc), ExitCode.service_unavailable)


@stack_app.command("down")
def stack_down() -> None:
    """Stop the watcher, the workers, the Prefect server and the local store."""
    from .stack import Stack

    Stack(Settings()).down(echo=typer.echo)


@stack_app.command("status")
def stack_status() -> None:
    """Say what runs (exit 4 if anything is down)."""
    from .stack import Stack

    parts = Stack(Settings()).parts()
    for name, (up, detail) in parts.items():
        typer.echo(f"{name:16}{'ok  ' if up else 'DOWN'}  {detail}")
    if not all(up for up, _ in parts.values()):
        raise typer.Exit(int(ExitCode.service_unavailable))


@stack_app.command("add-worker")
def stack_add_worker(number: Annotated[int, typer.Argument(help="Worker number (2, 3, …).")]) -> None:
    """Start one more process worker on this machine, pulling from the same work pool."""
    from .stack import Stack

    pid = Stack(Settings()).add_worker(number)
    typer.echo(f"worker-{number} pid={pid}")


@app.command("serve-reports")
def serve_reports() -> None:
    """Serve reports and archived originals read-only at lasting URLs (started by `stack up`)."""
    import logging

    from .report.server import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings()
    try:
        serve(settings)
    except OSError as exc:  # the port is taken, or the address is not this host's
        fail(
            f"report server on {settings.report_host}:{settings.report_port}: {exc}",
            ExitCode.service_unavailable,
        )


@app.command()
def watch(
    limit: Annotated[int, typer.Option(help="Stop after this many events (0: run forever).")] = 0,
) -> None:
    """Turn inbox bucket notifications into Prefect events that trigger processing."""
    import logging

    from .watch import watch as watch_once
    from .watch import watch_forever

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings()
    if limit:
        typer.echo(f"emitted {watch_once(settings, limit=limit)} events")
    else:
        watch_forever(settings)


# ---- review -------------------------------------------------------------------------------


@review_app.command("list")
def review_list(limit: Annotated[int, typer.Option(help="At most this many.")] = 50) -> None:
    """Documents needing review (current versions only)."""
    from storage.warehouse import review as review_store

    from .review import open_warehouse

    sf = open_warehouse(Settings().resolved_warehouse_url)
    for document_id in review_store.review_queue(sf, limit):
        item = review_store.review_item(sf, document_id)
        typer.echo(
            f"{document_id}\t{item.doc_type}\t{mask_text(item.source_key)}\t"
            f"{len(item.failing)} failing rule(s)"
        )


@review_app.command("show")
def review_show(document_id: int) -> None:
    """One document's fields, confidences and failing rules."""
    from storage.warehouse import review as review_store

    from .review import describe, open_warehouse

    try:
        item = review_store.review_item(open_warehouse(Settings().resolved_warehouse_url), document_id)
    except KeyError:
        fail(f"no document {document_id}", ExitCode.usage)
    typer.echo(describe(item))


@review_app.command("set")
def review_set(
    document_id: int,
    assignments: Annotated[list[str], typer.Argument(help="field=value, e.g. issue_date=2026-03-05")],
    reviewer: Annotated[str, typer.Option(help="Who corrects (stored with each value).")] = "",
) -> None:
    """Correct fields; the rules run again and the document gets the new verdict."""
    from .review import ReviewInputError, apply_review

    if not reviewer.strip():
        fail("--reviewer is required: every correction says who made it", ExitCode.usage)
    pairs = [a.partition("=") for a in assignments]
    if any(not sep or not key for key, sep, _ in pairs):
        fail("each correction is field=value (a value given as it is confirms it)", ExitCode.usage)
    try:
        verdict = apply_review(Settings(), document_id, {k: v for k, _, v in pairs}, reviewer)
    except KeyError:
        fail(f"no document {document_id}", ExitCode.usage)
    except ReviewInputError as exc:
        fail(f"nothing stored: {exc}", ExitCode.usage)
    typer.echo(
        f"document {document_id}: {verdict.status} (score {verdict.score:.2f}), "
        f"{len(verdict.violations)} violation(s)"
    )


# ---- storage: the local S3 server -------------------------------------------------------


@storage_app.command("start")
def storage_start() -> None:
    """Start the local S3 server (JuiceFS gateway) and create the buckets."""
    from storage import localserver
    from storage.errors import StoreError

    settings = Settings()
    refuse_default_credentials(settings)
    try:
        status = localserver.start(settings.local_server())
        store = settings.object_store()
        for loc in settings.locations.values():
            store.ensure_bucket(loc.bucket)
    except StoreError as exc:
        fail(str(exc), ExitCode.service_unavailable)
    typer.echo(f"running pid={status.pid} endpoint=http://{status.endpoint} data={status.data_dir}")


@storage_app.command("stop")
def storage_stop() -> None:
    """Stop the local S3 server."""
    from storage import localserver

    stopped = localserver.stop(Settings().local_server())
    typer.echo("stopped" if stopped else "not running")


@storage_app.command("status")
def storage_status() -> None:
    """Say whether the local S3 server runs (exit 4 if not)."""
    from storage import localserver

    status = localserver.status(Settings().local_server())
    typer.echo(
        f"{'running' if status.running else 'stopped'} endpoint=http://{status.endpoint} "
        f"data={status.data_dir}" + (f" pid={status.pid}" if status.pid else "")
    )
    if not status.running:
        raise typer.Exit(int(ExitCode.service_unavailable))


# ---- db ---------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the warehouse schema to the newest version."""
    from storage.warehouse import db

    settings = Settings()
    try:
        db.migrate(db.make_engine(settings.resolved_warehouse_url))
    except Exception as exc:  # connection refused, bad URL: say which and stop
        fail(f"warehouse {safe_url(settings.resolved_warehouse_url)}: {exc}", ExitCode.service_unavailable)
    typer.echo("warehouse at head")


# ---- report and reference data (quality) ------------------------------------------------


@app.command()
def report(
    batch: Annotated[int | None, typer.Option("--batch", help="Batch id to report on.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Documents stored since DATE (YYYY-MM-DD).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the HTML page and the CSV.")] = Path(
        "reports"
    ),
    yesterday: Annotated[
        bool, typer.Option("--yesterday", help="Documents stored yesterday, Vietnam time (the daily report).")
    ] = False,
) -> None:
    """The auditors' quality report (HTML + CSV of every rule result), uploaded to the reports prefix."""
    from datetime import UTC, datetime, timedelta

    from storage.errors import StoreError

    from .report import publish_report

    if [batch is not None, since is not None, yesterday].count(True) != 1:
        fail("give exactly one of --batch ID, --since DATE or --yesterday", ExitCode.usage)
    since_dt = until_dt = None
    if yesterday:
        from .daily_report import previous_day, report_since

        since_dt, until_dt = report_since(previous_day()), report_since(previous_day() + timedelta(days=1))
    if since is not None:
        try:
            since_dt = datetime.fromisoformat(since)
        except ValueError:
            fail(f"--since {since!r} is not a date (YYYY-MM-DD)", ExitCode.usage)
        since_dt = since_dt if since_dt.tzinfo else since_dt.replace(tzinfo=UTC)
    from .report import NoSuchBatch

    settings = Settings()
    try:
        path = publish_report(settings, batch_id=batch, since=since_dt, until=until_dt, out_dir=out)
    except NoSuchBatch as exc:
        fail(str(exc.args[0]), ExitCode.usage)
    except StoreError as exc:
        fail(f"warehouse {safe_url(settings.resolved_warehouse_url)}: {exc}", ExitCode.service_unavailable)
    typer.echo(str(path))


@app.command()
def recheck(
    today: Annotated[
        str | None, typer.Option("--today", help="Judge as of DATE (YYYY-MM-DD); default: today in Vietnam.")
    ] = None,
) -> None:
    """Judge every current document again for what goes stale with time (expiry, staleness,
    supersession, current unit): the same flow the nightly deployment runs. Prints a summary."""
    from datetime import date

    from sqlalchemy.exc import OperationalError

    from storage.errors import StoreError

    from .recheck import recheck_live

    day = None
    if today is not None:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            fail(f"--today {today!r} is not a date (YYYY-MM-DD)", ExitCode.usage)
    from .prefectapi import PrefectUnavailable, prefect_api

    settings = Settings()
    try:
        with prefect_api(settings):
            summary = recheck_live(settings=settings, today=day)
    except PrefectUnavailable as exc:
        fail(f"Prefect: {exc}", ExitCode.service_unavailable)
    except (StoreError, OperationalError) as exc:
        fail(f"warehouse {safe_url(settings.resolved_warehouse_url)}: {exc}", ExitCode.service_unavailable)
    typer.echo(
        json.dumps(
            {
                "today": summary.today,
                "checked": summary.checked,
                "reevaluated": summary.reevaluated,
                "unchanged": summary.unchanged,
                "skipped": summary.skipped,
                "changed_verdict": summary.changed_verdict,
                "verdict_changes": summary.verdict_changes,
                "newly_failing": summary.newly_failing,
            },
            ensure_ascii=False,
        )
    )


reference_app = typer.Typer(
    help="Reference data in the warehouse (versioned code lists).", no_args_is_help=True
)
app.add_typer(reference_app, name="reference")


@reference_app.command("load")
def reference_load() -> None:
    """Load the unit lists, old→new mapping and personal-ID codes (a new version, never an overwrite)."""
    from storage.errors import StoreError

    from .quality_context import load_reference_data
    from .warehouse import open_warehouse

    settings = Settings()
    try:
        results = load_reference_data(open_warehouse(settings.resolved_warehouse_url))
    except StoreError as exc:
        fail(f"warehouse {safe_url(settings.resolved_warehouse_url)}: {exc}", ExitCode.service_unavailable)
    for r in results:
        typer.echo(f"{r.dataset} {r.version}: {r.rows} rows {'loaded' if r.created else 'already loaded'}")


if __name__ == "__main__":  # pragma: no cover
    app()
