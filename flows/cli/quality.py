"""The auditors' side: ``sohoa report``, ``recheck`` and ``reference load``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import app, fail, reference_app
from flows.exitcodes import ExitCode
from flows.settings import Settings, safe_url

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

    from flows.report import publish_report
    from storage.errors import StoreError

    if [batch is not None, since is not None, yesterday].count(True) != 1:
        fail("give exactly one of --batch ID, --since DATE or --yesterday", ExitCode.usage)
    since_dt = until_dt = None
    if yesterday:
        from flows.daily_report import previous_day, report_since

        since_dt, until_dt = report_since(previous_day()), report_since(previous_day() + timedelta(days=1))
    if since is not None:
        try:
            since_dt = datetime.fromisoformat(since)
        except ValueError:
            fail(f"--since {since!r} is not a date (YYYY-MM-DD)", ExitCode.usage)
        since_dt = since_dt if since_dt.tzinfo else since_dt.replace(tzinfo=UTC)
    from flows.report import NoSuchBatch

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

    from flows.recheck import recheck_live
    from storage.errors import StoreError

    day = None
    if today is not None:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            fail(f"--today {today!r} is not a date (YYYY-MM-DD)", ExitCode.usage)
    from flows.stack.prefectapi import PrefectUnavailable, prefect_api

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


@reference_app.command("load")
def reference_load() -> None:
    """Load the unit lists, old→new mapping and personal-ID codes (a new version, never an overwrite)."""
    from flows.quality_context import load_reference_data
    from flows.warehouse import open_warehouse
    from storage.errors import StoreError

    settings = Settings()
    try:
        results = load_reference_data(open_warehouse(settings.resolved_warehouse_url))
    except StoreError as exc:
        fail(f"warehouse {safe_url(settings.resolved_warehouse_url)}: {exc}", ExitCode.service_unavailable)
    for r in results:
        typer.echo(f"{r.dataset} {r.version}: {r.rows} rows {'loaded' if r.created else 'already loaded'}")
