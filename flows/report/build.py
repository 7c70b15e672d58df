"""The report's data, read from the warehouse: documents, rule results and the quality index
(``dqi``) per criterion, the verdict, the trend, top failing rules with their documents, dossier
completeness, data reuse and currency, and the CSV rows. Nothing here renders or writes."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flows.report.labels import GREEN, TREND_DAYS, YELLOW
from quality import CRITERIA, RULES_VERSION, catalogue, dossier
from storage.warehouse import masters
from storage.warehouse import reports as q


@dataclass
class Report:
    title_scope_vi: str
    title_scope_en: str
    batch_id: int | None
    since: datetime | None
    generated_at: datetime
    rules_version: str
    documents: list[q.DocumentRow]
    rules: list[q.RuleRow]
    dqi: dict[str, float | None]
    status_counts: dict[str, int]
    band: str
    trend: list[tuple[date, dict[str, float | None], int]]
    top_rules: list[dict]
    review: list[dict]
    dossiers: list[dict]
    reuse: masters.ReuseMetrics
    csv_rows: list[dict] = field(default_factory=list)
    verdict: str = "needs_review"  # the headline: from the documents' own statuses
    rule_documents: list[dict] = field(default_factory=list)  # every failing rule → its documents
    batch: Any = None  # reports.BatchInfo of a batch report
    csv_name: str = "rule-results.csv"
    median_staleness_days: float | None = None  # sống: age of the facts (document date → today)
    expired: int = 0  # documents whose validity ended before today (kept, flagged)
    superseded: int = 0  # documents a newer one supersedes


def dqi(rules: list[q.RuleRow]) -> dict[str, float | None]:
    """Compliant ÷ evaluated × 100 per criterion (each failing value counts once)."""
    evaluated: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for r in rules:
        evaluated[r.criterion] += r.evaluated
        failed[r.criterion] += 0 if r.passed else max(1, len(r.failing_values))
    return {
        c: (100.0 * (evaluated[c] - min(failed[c], evaluated[c])) / evaluated[c] if evaluated[c] else None)
        for c in CRITERIA
    }


def band(scores: dict[str, float | None]) -> str:
    present = [v for v in scores.values() if v is not None]
    if not present:
        return "needs_review"
    low = min(present)
    return "accepted" if low >= GREEN else "needs_review" if low >= YELLOW else "rejected"


def verdict_of(status_counts: dict[str, int]) -> str:
    """The headline: what the documents themselves say. One rejected document makes the scope
    rejected, one needing review makes it need review; accepted only when every one is. (The
    quality index bands are shown beside the criteria, not as the verdict.)"""
    if status_counts.get("rejected"):
        return "rejected"
    if status_counts.get("needs_review") or not sum(status_counts.values()):
        return "needs_review"
    return "accepted"


def _trend(sf, today: date, until: datetime) -> list[tuple[date, dict[str, float | None], int]]:
    """Per day of the last TREND_DAYS: the same index as the criteria table (``dqi`` over the
    day's current rule results), so a day's row and that day's report always agree."""
    since = datetime.combine(today - timedelta(days=TREND_DAYS), datetime.min.time(), tzinfo=UTC)
    docs = q.documents(sf, since=since, until=until)
    by_day: dict[date, list[int]] = defaultdict(list)
    for d in docs:
        by_day[d.created_at.astimezone(UTC).date()].append(d.id)
    rules_by_doc: dict[int, list[q.RuleRow]] = defaultdict(list)
    for r in q.rule_results(sf, [d.id for d in docs]):
        rules_by_doc[r.document_id].append(r)
    return [
        (day, dqi([r for i in by_day[day] for r in rules_by_doc[i]]), len(by_day[day]))
        for day in sorted(by_day)
    ]


def build_report(
    sf,
    *,
    batch_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    link: Callable[[int], str | None] = lambda doc_id: None,
    now: datetime | None = None,
) -> Report:
    now = now or datetime.now(UTC)
    docs = q.documents(sf, batch_id=batch_id, since=since, until=until)
    ids = [d.id for d in docs]
    rules = q.rule_results(sf, ids)
    by_doc: dict[int, list[q.RuleRow]] = defaultdict(list)
    for r in rules:
        by_doc[r.document_id].append(r)
    cat = {c["id"]: c for c in catalogue()}

    failing_docs: Counter[str] = Counter()
    failing_values: Counter[str] = Counter()
    for r in rules:
        if not r.passed:
            failing_docs[r.rule] += 1
            failing_values[r.rule] += max(1, len(r.failing_values))

    # Dossier completeness (đủ, R-F2) where the procedure is known, judged on every current
    # document of the dossier (a drop can reach the warehouse in more than one batch).
    by_dossier: dict[str, list[q.DocumentRow]] = defaultdict(list)
    for d in docs:
        by_dossier[d.dossier_code].append(d)
    whole = q.dossier_documents(sf, sorted(by_dossier))
    dossiers, dossier_rule_rows = [], []
    for code, members in sorted(by_dossier.items()):
        held = whole.get(code) or [(m.doc_type, dict(m.fields)) for m in members]
        proc, outcome = dossier.check_dossier(held)
        dossiers.append(
            {
                "code": code,
                "documents": len(members),
                "in_warehouse": len(held),
                "procedure": f"{proc.code} {proc.name_vi} / {proc.name_en}" if proc else None,
                "why_not": None if proc else _why_no_procedure(held),
                "passed": outcome.passed,
                "evaluated": outcome.evaluated,
                "missing": [v.values[0] for v in outcome.violations],
            }
        )
        if outcome.evaluated:
            dossier_rule_rows.append((code, outcome))
            if not outcome.passed:
                failing_docs[outcome.rule] += 1
                failing_values[outcome.rule] += len(outcome.violations)

    top = [
        {
            "rule": rule,
            "documents": n,
            "failing": failing_values[rule],
            "criterion": cat.get(rule, {}).get("criterion", ""),
            "severity": cat.get(rule, {}).get("severity", ""),
            "vi": cat.get(rule, {}).get("message_vi", ""),
            "en": cat.get(rule, {}).get("message_en", ""),
        }
        for rule, n in failing_docs.most_common(10)
    ]

    # Drill-down: every failing rule with the documents (or dossiers) it failed on.
    failing_on: dict[str, list[int]] = defaultdict(list)
    for r in rules:
        if not r.passed and r.document_id not in failing_on[r.rule]:
            failing_on[r.rule].append(r.document_id)
    by_id = {d.id: d for d in docs}
    rule_documents = [
        {
            "rule": rule,
            "vi": cat.get(rule, {}).get("message_vi", ""),
            "en": cat.get(rule, {}).get("message_en", ""),
            "documents": [
                {
                    "id": i,
                    "dossier": by_id[i].dossier_code,
                    "file": by_id[i].source_key.rsplit("/", 1)[-1],
                    "status": by_id[i].status,
                }
                for i in failing_on.get(rule, [])
                if i in by_id
            ],
            "dossiers": [code for code, o in dossier_rule_rows if o.rule == rule and not o.passed],
        }
        for rule, _n in failing_docs.most_common()
    ]

    review = []
    for d in docs:
        if d.status == "accepted":
            continue
        problems = [r for r in by_doc[d.id] if not r.passed and r.severity != "info"]
        review.append(
            {
                "id": d.id,
                "dossier": d.dossier_code,
                "file": d.source_key.rsplit("/", 1)[-1],
                "doc_type": d.doc_type,
                "status": d.status,
                "score": d.score,
                "pages": d.page_count,
                "link": link(d.id) if d.archive_bucket and d.archive_key else None,
                "criteria": d.criteria_scores,
                "violations": [(r.rule, r.message) for r in problems],
            }
        )

    csv_rows = []
    for d in docs:
        where = f"{d.archive_bucket}/{d.archive_key}" if d.archive_bucket and d.archive_key else ""
        for r in by_doc[d.id]:
            csv_rows.append(
                {
                    "batch_id": d.batch_id if d.batch_id is not None else batch_id,
                    "dossier": d.dossier_code,
                    "document_id": d.id,
                    "file": where,
                    "doc_type": d.doc_type,
                    "document_status": d.status,
                    "rule": r.rule,
                    "criterion": r.criterion,
                    "severity": r.severity,
                    "field": r.field or "",
                    "result": _result(r.passed, r.evaluated),
                    "evaluated": r.evaluated,
                    "failing_values": "; ".join(str(v) for v in r.failing_values),
                    "message": r.message,
                    "rules_version": r.rules_version or d.rules_version or "",
                }
            )
    for code, o in dossier_rule_rows:
        csv_rows.append(
            {
                "batch_id": batch_id,
                "dossier": code,
                "document_id": "",
                "file": "",
                "doc_type": "",
                "document_status": "",
                "rule": o.rule,
                "criterion": o.criterion,
                "severity": o.severity,
                "field": "",
                "result": _result(o.passed, o.evaluated),
                "evaluated": o.evaluated,
                "failing_values": "; ".join(v.values[0] for v in o.violations),
                "message": "; ".join(v.message for v in o.violations),
                "rules_version": RULES_VERSION,
            }
        )

    scores = dqi(rules)
    versions = sorted({d.rules_version for d in docs if d.rules_version}) or [RULES_VERSION]
    if batch_id is not None:
        scope_vi, scope_en = f"lô {batch_id}", f"batch {batch_id}"
    elif since is not None and until is not None and until - since == timedelta(days=1):
        scope_vi, scope_en = f"ngày {since:%d/%m/%Y}", f"day {since:%Y-%m-%d}"
    elif since is not None:
        scope_vi, scope_en = f"từ {since:%d/%m/%Y}", f"since {since:%Y-%m-%d}"
        if until is not None:
            scope_vi, scope_en = (
                f"{scope_vi} đến trước {until:%d/%m/%Y}",
                f"{scope_en}, before {until:%Y-%m-%d}",
            )
    else:
        scope_vi, scope_en = "toàn bộ kho", "whole warehouse"
    ages = [
        d.annotations["staleness_days"] for d in docs if isinstance(d.annotations.get("staleness_days"), int)
    ]
    today_iso = now.date().isoformat()
    expired = sum(
        1
        for d in docs
        if isinstance(d.annotations.get("valid_to"), str)
        and len(d.annotations["valid_to"]) == 10
        and d.annotations["valid_to"] < today_iso
    )
    counts = dict(Counter(d.status for d in docs))
    return Report(
        scope_vi,
        scope_en,
        batch_id,
        since,
        now,
        ", ".join(versions),
        docs,
        rules,
        scores,
        counts,
        band(scores),
        _trend(sf, now.date(), now),
        top,
        review,
        dossiers,
        masters.reuse_metrics(sf, ids),
        csv_rows,
        verdict=verdict_of(counts),
        rule_documents=rule_documents,
        batch=q.batch_info(sf, batch_id) if batch_id is not None else None,
        median_staleness_days=statistics.median(ages) if ages else None,
        expired=expired,
        superseded=q.superseded_count(sf, ids),
    )


def _result(passed: bool, evaluated: int) -> str:
    """A rule that had nothing to look at (no such field on this document) did not pass."""
    return "not_applicable" if not evaluated else "passed" if passed else "failed"


def _why_no_procedure(held: list[tuple[str, dict[str, str]]]) -> str:
    """Why a dossier's procedure (thủ tục) is not known: it is read from the title of the
    dossier's application form (đơn / tờ khai)."""
    titles = [f.get("form_title", "") for t, f in held if t == "application_form"]
    known = "; ".join(f"{p.code} {p.name_vi}" for p in dossier.PROCEDURES)
    if not titles:
        return (
            "không có đơn/tờ khai nên chưa biết thủ tục / no application form in the dossier, and the "
            "procedure is read from its title"
        )
    shown = ", ".join(f"“{t}”" for t in titles if t) or "(trống / empty)"
    return (
        f"tiêu đề đơn {shown} không khớp thủ tục nào đã biết / the form's title names no known procedure "
        f"({known})"
    )
