"""The report as one HTML page: ``templates/report.html.j2`` rendered by Jinja2 with autoescape
on, so file names, dossier names and text read from scans are escaped; every rendered value
passes ``mask_text`` (personal IDs masked)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from flows.masking import mask_text
from flows.report.build import Report
from flows.report.charts import chart_criteria, chart_status, chart_top_rules, chart_trend
from flows.report.labels import CRITERION_LABELS, GREEN, REUSE_TARGET, STATUS_LABELS, TRIGGER_LABELS, YELLOW
from quality import CRITERIA, catalogue


def _finalize(value: Any) -> Any:
    """Mask identifiers in every rendered value (charts are ours and already markup)."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return mask_text(value)
    return value


# autoescape=True, not select_autoescape: the template's name ends in .j2, and escaping must
# not depend on a file name.
_env = Environment(loader=PackageLoader("flows.report", "templates"), autoescape=True, finalize=_finalize)


def render_html(r: Report) -> str:
    charts = {
        "criteria": chart_criteria(r.dqi),
        "status": chart_status(r.status_counts),
        "trend": chart_trend(r.trend),
        "rules": chart_top_rules(r.top_rules),
    }
    return _env.get_template("report.html.j2").render(
        r=r,
        charts=charts,
        criteria=CRITERIA,
        labels=CRITERION_LABELS,
        catalogue=catalogue(),
        status_vi={k: v[0] for k, v in STATUS_LABELS.items()},
        status_en={k: v[1] for k, v in STATUS_LABELS.items()},
        green=int(GREEN),
        yellow=int(YELLOW),
        target=REUSE_TARGET,
        trigger_labels=TRIGGER_LABELS,
    )
