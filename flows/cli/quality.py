"""The auditors' side: ``sohoa report``, ``recheck`` and ``reference load``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from flows.cli.app import app, reference_app
from flows.errors import UsageError
from flows.settings import Settings

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

    if [batch is not None, since is not None, yesterday].count(True) != 1:
        raise UsageError("give exactly one of --batch ID, --since DATE or --yesterday")
    since_dt: datetime | None = None
    until_dt: datetime | None = None
    if yesterday:
        from flows.daily_report import previous_day, report_since

        since_dt, until_dt = report_since(previous_day()), report_since(previous_day() + timedelta(days=1))
    if since is not None:
        try:
            parsed = datetime.fromisoformat(since)
        except ValueError:
            raise UsageError(f"--since {since!r} is not a date (YYYY-MM-DD)") from None
        since_dt = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    from flows.report import NoSuchBatch

    settings = Settings()
    try:
        path = publish_report(settings, batch_id=batch, since=since_dt, until=until_dt, out_dir=out)
    except NoSuchBatch as exc:
        raise UsageError(str(exc.args[0])) from exc
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

    from flows.recheck import recheck_live

    day = None
    if today is not None:
        try:
            day = date.fromisoformat(today)
        except ValueError:
            raise UsageError(f"--today {today!r} is not a date (YYYY-MM-DD)") from None
    from flows.stack.prefectapi import prefect_api

    settings = Settings()
    with prefect_api(settings):
        summary = recheck_live(settings=settings, today=day)
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

    settings = Settings()
    results = load_reference_data(open_warehouse(settings.resolved_warehouse_url))
    for r in results:
        typer.echo(f"{r.dataset} {r.version}: {r.rows} rows {'loaded' if r.created else 'already loaded'}")
