"""Publishing a report: build it, write the HTML and CSV to a folder, upload both under the
reports prefix, store the verdict in the warehouse, and link them from a markdown artifact."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from flows.report.artifact import artifact_markdown, create_artifact
from flows.report.build import build_report
from flows.report.csv_export import CSV_BOM, render_csv
from flows.report.render import render_html
from flows.settings import Settings
from storage.warehouse import reports as q

log = logging.getLogger("sohoa.report")


class NoSuchBatch(LookupError):
    """``report --batch N`` for a batch the warehouse has never had."""


def publish_report(
    settings: Settings,
    *,
    batch_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    out_dir: Path,
) -> Path:
    """Build, write, upload and record the report; return the HTML path.

    Links (to the report, its CSV, each document's original) are plain URLs of the report
    server (``storage.links``): they do not expire, and name documents by id, never by a key
    that may hold a personal ID."""
    from flows.warehouse import open_warehouse
    from storage.errors import StoreError
    from storage.links import Links

    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    if until is not None and until.tzinfo is None:
        until = until.replace(tzinfo=UTC)
    sf = open_warehouse(settings.resolved_warehouse_url)
    if batch_id is not None and q.batch_info(sf, batch_id) is None:
        raise NoSuchBatch(f"no batch {batch_id} in the warehouse")
    store = settings.object_store()
    links = Links(settings.report_links_base)

    report = build_report(sf, batch_id=batch_id, since=since, until=until, link=links.original)
    name = f"batch-{batch_id}" if batch_id is not None else f"since-{since:%Y%m%d}" if since else "all"
    report.csv_name = f"{name}-rule-results.csv"
    html, table = render_html(report), render_csv(report)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = (out_dir / f"{name}.html").resolve()
    csv_path = out_dir / report.csv_name
    html_path.write_text(html, encoding="utf-8")
    csv_path.write_bytes((CSV_BOM + table).encode("utf-8"))

    reports = settings.location("reports")
    html_key, csv_key = reports.key(f"{name}/report.html"), reports.key(f"{name}/rule-results.csv")
    uploaded = True
    try:
        store.put(reports.bucket, html_key, html.encode("utf-8"), content_type="text/html; charset=utf-8")
        store.put(
            reports.bucket, csv_key, (CSV_BOM + table).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    except StoreError as exc:
        uploaded = False
        log.warning("report written to %s but not uploaded: %s", html_path, exc)

    reuse = report.reuse
    q.save_batch_verdict(
        sf,
        batch_id=batch_id,
        since=since.isoformat() if since else None,
        status=report.verdict,
        rules_version=report.rules_version,
        criteria_scores=report.dqi,
        counts=report.status_counts,
        reuse={
            "field_share": reuse.field_share,
            "document_share": reuse.document_share,
            "fields_known": reuse.fields_known,
            "fields_total": reuse.fields_total,
        },
        report_key=f"{reports.bucket}/{html_key}" if uploaded else None,
    )

    create_artifact(
        artifact_markdown(report, name, links, html_path, uploaded),
        key=f"quality-report-{name}".lower().replace("_", "-"),
    )
    return html_path
