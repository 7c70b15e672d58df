"""The auditors' report: one static HTML page (offline: no script, no CDN, inline SVG charts)
in Vietnamese with English beside it, plus a CSV of every rule result.

    path = publish_report(settings, batch_id=12, out_dir=Path("reports"))
    path = publish_report(settings, since=datetime(2026, 11, 1, tzinfo=UTC), out_dir=…)

Both files are written to ``out_dir``, uploaded under the reports prefix, the batch verdict
is stored in the warehouse, and inside a Prefect run a markdown artifact links them.
Personal IDs are masked everywhere (``masking.mask_text`` on every rendered value); text
read from scans is escaped (jinja2 autoescape).

``flows.report.server`` (``sohoa serve-reports``) serves the published reports read-only.
"""

from __future__ import annotations

from flows.report.build import Report, band, build_report, dqi, verdict_of
from flows.report.csv_export import CSV_BOM, CSV_COLUMNS, neutralize, render_csv
from flows.report.publish import NoSuchBatch, publish_report
from flows.report.render import render_html
from flows.report.server import make_handler, make_server, serve

__all__ = [
    "CSV_BOM",
    "CSV_COLUMNS",
    "NoSuchBatch",
    "Report",
    "band",
    "build_report",
    "dqi",
    "make_handler",
    "make_server",
    "neutralize",
    "publish_report",
    "render_csv",
    "render_html",
    "serve",
    "verdict_of",
]
