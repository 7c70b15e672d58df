"""The report's Prefect markdown artifact: the verdict, the criteria table and links to the
published files, in the Prefect UI beside the flow run that made the report."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from flows.masking import mask_text
from flows.report.build import Report
from flows.report.labels import CRITERION_LABELS, STATUS_LABELS
from quality import CRITERIA

if TYPE_CHECKING:
    from storage.links import Links

log = logging.getLogger("sohoa.report")


def artifact_markdown(report: Report, name: str, links: Links, html_path: Path, uploaded: bool) -> str:
    """The markdown: personal IDs masked; links only to files that were uploaded."""
    reuse = report.reuse
    counts = " · ".join(
        f"{report.status_counts.get(k, 0)} {STATUS_LABELS[k][0]} / {STATUS_LABELS[k][1]}"
        for k in ("accepted", "needs_review", "rejected")
    )
    headline = (
        f"Kết quả / verdict: **{STATUS_LABELS[report.verdict][0]} / {STATUS_LABELS[report.verdict][1]}** "
        f"({counts})"
    )
    lines = [
        f"# Báo cáo chất lượng — {report.title_scope_vi} / Quality report — {report.title_scope_en}",
        "",
        headline,
        "",
        "| Tiêu chí / Criterion | % |",
        "|---|---|",
    ]
    lines += [
        f"| {CRITERION_LABELS[c][0]} / {CRITERION_LABELS[c][1]} | "
        f"{'—' if report.dqi[c] is None else f'{report.dqi[c]:.1f}'} |"
        for c in CRITERIA
    ]
    lines += [
        "",
        f"Tái sử dụng / reuse: {100 * reuse.field_share:.1f} % trường / fields, "
        f"{100 * reuse.document_share:.1f} % giấy tờ / documents (mục tiêu / target 80 %)",
        "",
    ]
    lines = [mask_text(line) for line in lines]
    if uploaded:  # plain URLs of the report server: nothing to escape, nothing that expires
        lines += [
            f"- HTML: [{name}/report.html]({links.report(name)})",
            f"- CSV: [{name}/rule-results.csv]({links.report(name, 'rule-results.csv')})",
        ]
    lines += [mask_text(f"- local: `{html_path}`")]
    return "\n".join(lines)


def create_artifact(markdown: str, key: str) -> None:
    """A Prefect markdown artifact, only inside a flow or task run."""
    try:
        from prefect.context import FlowRunContext, TaskRunContext

        if FlowRunContext.get() is None and TaskRunContext.get() is None:
            return
        from prefect.artifacts import create_markdown_artifact

        create_markdown_artifact(
            markdown=markdown, key=key, description="Báo cáo chất lượng / quality report"
        )
    except Exception as exc:  # an artifact is a convenience; the report itself is already out
        log.warning("could not create the report artifact: %s", exc)
