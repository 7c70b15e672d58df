"""A first batch report: one static HTML page (offline, no CDN) listing each document's
verdict, fields and violations. Personal identifiers are masked; scan text is escaped."""

from __future__ import annotations

from jinja2 import Environment, select_autoescape

from .masking import mask_text

_TEMPLATE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>Báo cáo lô {{ batch_id }} / Batch report {{ batch_id }}</title>
<style>
body{font-family:serif;margin:2em;max-width:70em}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
td,th{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
.accepted{color:#17612a}.needs_review{color:#8a5a00}.rejected,.quarantined,.failed{color:#a01818}
small{color:#555}
</style></head><body>
<h1>Báo cáo chất lượng lô {{ batch_id }} <small>/ Quality report, batch {{ batch_id }}</small></h1>
<p>Phiên bản quy trình / pipeline: {{ pipeline_version }}</p>
<h2>Tổng hợp <small>/ Summary</small></h2>
<table><tr><th>Kết quả / Outcome</th><th>Số lượng / Count</th></tr>
{% for k, v in outcomes %}<tr><td class="{{ k }}">{{ k }}</td><td>{{ v }}</td></tr>{% endfor %}
</table>
<h2>Tài liệu <small>/ Documents</small></h2>
<table><tr><th>Tệp / File</th><th>Loại / Type</th><th>Trạng thái / Status</th><th>Trường / Fields</th><th>Vi phạm / Violations</th></tr>
{% for d in documents %}<tr>
<td>{{ d.key }}</td><td>{{ d.doc_type }}</td>
<td class="{{ d.status }}">{{ d.status }}{% if d.score is not none %} ({{ d.score }}){% endif %}</td>
<td>{% for k, v in d.fields %}<b>{{ k }}</b>: {{ v }}<br>{% endfor %}</td>
<td>{% for v in d.violations %}{{ v }}<br>{% endfor %}</td>
</tr>{% endfor %}
</table></body></html>
"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def render_batch_report(batch_id: int, pipeline_version: str, outcomes: dict[str, int],
                        documents: list[dict]) -> str:
    """``documents``: per file, either a fields.md result or an outcome row with an error."""
    rows = []
    for d in documents:
        quality = d.get("quality") or {}
        rows.append({
            "key": d.get("source") or d.get("key"),
            "doc_type": d.get("doc_type", "—"),
            "status": quality.get("status") or d.get("outcome"),
            "score": quality.get("score"),
            "fields": [(k, mask_text(str(v.get("value")))) for k, v in (d.get("fields") or {}).items()],
            "violations": [f"{v['rule']}: {mask_text(v['message'])}" for v in quality.get("violations", [])]
            or ([d["error"]] if d.get("error") else []),
        })
    return _env.from_string(_TEMPLATE).render(
        batch_id=batch_id, pipeline_version=pipeline_version,
        outcomes=sorted(outcomes.items()), documents=rows,
    )
