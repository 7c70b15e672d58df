"""The nightly "sống" (live) re-check: what goes stale with time, without new input.

A document accepted last year may be expired today (``live.validity.not_expired``), too old
to reuse without re-verification (``live.facts.recent``), replaced by a newer version stored
since (``live.supersession.newer_version_known``), or printed with a commune that the newest
reference data maps differently (``live.address.current_unit``). Every current document
(no newer version of the same source object) is judged again on ``today`` with its current
field values (reviewed ones included) and the newest reference data.

Where the judgement differs from the stored one (a rule's pass/fail, what it evaluated or the
failing values; the status; the score), the new rule results are stored under a new label
``<rules version>+live@<today>/<run time>`` and the document points at them, through the
same write as a review (``storage.warehouse.review.record_review``): the old results stay.
Where nothing differs nothing is written, so a second run on the same day changes nothing.
A document already judged on a later day than ``today`` is left alone (never judged
backwards in time).
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import cast
from uuid import UUID
from zoneinfo import ZoneInfo

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE

from flows.masking import install_masking, mask_text
from flows.quality_context import judge_stored, load_reference_context, load_reference_data
from flows.review import extraction_of
from flows.settings import DEFAULT_RETRY_DELAYS, Settings, retrying
from flows.sweep import is_transient
from flows.warehouse import open_warehouse, rule_records
from quality import RULES_VERSION
from storage.warehouse import reports as report_store
from storage.warehouse import review as review_store

log = logging.getLogger("sohoa.recheck")
install_masking()  # flow runs started by a worker never pass through the CLI

# The date a document's validity is judged on is Vietnam's: a run at 01:30 there is still
# the day before in UTC.
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
REVIEWER = "recheck-live"  # no field is corrected; names the writer of the new evaluation
EXAMPLES_PER_RULE = 3
DOCUMENT_ROWS = 100  # changed documents listed in the artifact (all are counted)
_LABEL_DAY = re.compile(r"\+live@(\d{4}-\d{2}-\d{2})")


def local_today() -> date:
    return datetime.now(LOCAL_TZ).date()


def live_label(today: date, now: datetime | None = None) -> str:
    """The rules-version label of one re-check run: the day judged on and when it ran."""
    now = now or datetime.now(UTC)
    # No run of 9+ digits in it: masking (which reads such runs as personal IDs) leaves it whole.
    return f"{RULES_VERSION}+live@{today.isoformat()}/{now:%Y%m%dT%H%M%SZ}"


def judged_on(rules_version: str | None) -> date | None:
    """The day a re-check label judged on (None for any other label)."""
    m = _LABEL_DAY.search(rules_version or "")
    return date.fromisoformat(m.group(1)) if m else None


@dataclass
class RecheckSummary:
    today: str
    label: str
    checked: int = 0  # current documents judged again
    reevaluated: int = 0  # new evaluations stored (the judgement differed)
    unchanged: int = 0
    skipped: int = 0  # already judged on a later day
    verdict_changes: dict[str, int] = field(default_factory=dict)  # "accepted → needs_review": n
    newly_failing: dict[str, int] = field(default_factory=dict)  # rule → documents
    newly_passing: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)  # rule → masked failing values
    documents: list[dict] = field(default_factory=list)  # the first re-evaluated documents

    @property
    def changed_verdict(self) -> int:
        return sum(self.verdict_changes.values())

    def add(self, row: dict) -> None:
        outcome = row["outcome"]
        if outcome == "skipped":
            self.skipped += 1
            return
        self.checked += 1
        if outcome == "unchanged":
            self.unchanged += 1
            return
        self.reevaluated += 1
        if len(self.documents) < DOCUMENT_ROWS:
            self.documents.append(row)
        if row["from"] != row["to"]:
            change = f"{row['from']} → {row['to']}"
            self.verdict_changes[change] = self.verdict_changes.get(change, 0) + 1
        for rule, values in row["newly_failing"].items():
            self.newly_failing[rule] = self.newly_failing.get(rule, 0) + 1
            shown = self.examples.setdefault(rule, [])
            for v in values:
                if len(shown) < EXAMPLES_PER_RULE and v not in shown:
                    shown.append(v)
        for rule in row["newly_passing"]:
            self.newly_passing[rule] = self.newly_passing.get(rule, 0) + 1

    def export(self) -> dict:
        return asdict(self) | {"changed_verdict": self.changed_verdict}


def _retry_if_transient(task, task_run, state) -> bool:
    exc = state.result(raise_on_failure=False)
    return isinstance(exc, BaseException) and is_transient(exc)


def _key(passed: bool, evaluated: int, values) -> tuple:
    # Messages are left out on purpose: they name today's date and the age in days, which
    # change every night while the finding itself (the failing values) does not.
    return bool(passed), int(evaluated), tuple(str(v) for v in values or ())


def recheck_one(
    sf,
    doc: review_store.CurrentDocument,
    *,
    today: date,
    label: str,
    reference=None,
) -> dict:
    """Judge one stored document again; store a new evaluation only if it differs."""
    day = judged_on(doc.rules_version)
    if doc.rules_version == label or (day is not None and day > today):
        return {"document_id": doc.id, "outcome": "skipped"}
    item = review_store.review_item(sf, doc.id)
    verdict = judge_stored(
        sf,
        extraction_of(item, {}),
        document_id=doc.id,
        sha256=doc.sha256,
        today=today,
        text=item.text,
        reference=reference,
    )
    records = rule_records(verdict)
    before = {
        r.rule: r for r in report_store.rule_results(sf, [doc.id]) if r.rules_version == item.rules_version
    }
    after = {r.rule: r for r in records}
    same = (
        item.status == verdict.status
        and item.score is not None
        and abs(item.score - verdict.score) < 1e-9
        and before.keys() == after.keys()
        and all(
            _key(b.passed, b.evaluated, b.failing_values) == _key(a.passed, a.evaluated, a.failing_values)
            for b, a in ((before[k], after[k]) for k in after)
        )
    )
    if same:
        return {"document_id": doc.id, "outcome": "unchanged"}
    review_store.record_review(
        sf,
        doc.id,
        {},
        REVIEWER,
        status=verdict.status,
        score=verdict.score,
        rules_version=label,
        rules=records,
        verdict={
            "criteria_scores": verdict.criteria,
            "field_status": verdict.fields,
            "annotations": verdict.annotations,
        },
    )
    newly_failing = {
        r.rule: [mask_text(str(v)) for v in r.failing_values] or [mask_text(r.message)]
        for r in records
        if not r.passed and (r.rule not in before or before[r.rule].passed)
    }
    newly_passing = [r.rule for r in records if r.passed and r.rule in before and not before[r.rule].passed]
    return {
        "document_id": doc.id,
        "outcome": "reevaluated",
        "doc_type": item.doc_type,
        "source_key": mask_text(item.source_key),
        "from": item.status,
        "to": verdict.status,
        "score_before": None if item.score is None else round(item.score, 3),
        "score_after": round(verdict.score, 3),
        "newly_failing": newly_failing,
        "newly_passing": newly_passing,
    }


# ---- tasks ------------------------------------------------------------------------------


@task(
    name="list-current-documents",
    retries=3,
    retry_delay_seconds=DEFAULT_RETRY_DELAYS,
    retry_condition_fn=_retry_if_transient,
    cache_policy=NO_CACHE,
)
def list_current_documents(settings: Settings) -> list[review_store.CurrentDocument]:
    sf = open_warehouse(settings.resolved_warehouse_url)
    if load_reference_context(sf) is None:  # documents are judged with reference data
        try:
            load_reference_data(sf)
        except Exception:  # a concurrent loader won the race
            if load_reference_context(sf) is None:
                raise
    return review_store.current_documents(sf)


@task(
    name="recheck-documents",
    retries=3,
    retry_delay_seconds=DEFAULT_RETRY_DELAYS,
    retry_condition_fn=_retry_if_transient,
    cache_policy=NO_CACHE,
    task_run_name="recheck documents {first_id}–{last_id}",
)
def recheck_documents(
    settings: Settings,
    docs: list[review_store.CurrentDocument],
    today: date,
    label: str,
    first_id: int,
    last_id: int,
) -> list[dict]:
    """One slice of documents, each in its own transaction. A retry is harmless: a document
    already re-evaluated now compares equal (or carries this run's label) and is not written
    again. ``first_id``/``last_id`` only name the task run."""
    sf = open_warehouse(settings.resolved_warehouse_url)
    reference = load_reference_context(sf)
    return [recheck_one(sf, doc, today=today, label=label, reference=reference) for doc in docs]


# ---- the flow ---------------------------------------------------------------------------


def _artifacts(summary: RecheckSummary) -> None:
    rules = [
        {"rule": rule, "documents": n, "examples (masked)": ", ".join(summary.examples.get(rule, []))}
        for rule, n in sorted(summary.newly_failing.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    if rules:
        create_table_artifact(
            key="recheck-live-rules",
            table=rules,
            description=f"Re-check on {summary.today}: rules that newly fail",
        )
    docs = [
        {
            "document": d["document_id"],
            "doc_type": d["doc_type"],
            "file": d["source_key"],
            "from": d["from"],
            "to": d["to"],
            "score": f"{d['score_before']} → {d['score_after']}",
            "newly failing": ", ".join(sorted(d["newly_failing"])),
        }
        for d in summary.documents[:DOCUMENT_ROWS]
    ]
    if docs:
        create_table_artifact(
            key="recheck-live-documents",
            table=docs,
            description=f"Re-check on {summary.today}: documents with a new evaluation",
        )
    lines = [
        f"# Kiểm tra lại tính cập nhật / live re-check — {summary.today}",
        "",
        f"- giấy tờ kiểm tra lại / documents re-checked: **{summary.checked}**",
        f"- đánh giá mới lưu / new evaluations stored: {summary.reevaluated} (label `{summary.label}`)",
        f"- không đổi / unchanged: {summary.unchanged}",
        f"- đổi kết luận / verdict changed: **{summary.changed_verdict}**",
    ]
    if summary.skipped:
        lines.append(
            f"- bỏ qua (đã kiểm tra cho ngày sau) / skipped (judged on a later day): {summary.skipped}"
        )
    lines += [f"  - {change}: {n}" for change, n in sorted(summary.verdict_changes.items())]
    if rules:
        lines += [
            "",
            "| quy tắc mới vi phạm / newly failing rule | giấy tờ / documents | ví dụ / examples |",
            "|---|---|---|",
        ]
        lines += [f"| `{r['rule']}` | {r['documents']} | {r['examples (masked)']} |" for r in rules]
    if summary.newly_passing:
        lines += [
            "",
            "Nay đạt / now passing: "
            + ", ".join(f"`{rule}` ({n})" for rule, n in sorted(summary.newly_passing.items())),
        ]
    create_markdown_artifact(key="recheck-live-summary", markdown=mask_text("\n".join(lines)))


def _run_name() -> str:
    from prefect.runtime import flow_run

    today = (flow_run.parameters or {}).get("today")
    return f"recheck live {today or local_today().isoformat()}"


@flow(name="recheck-live", flow_run_name=_run_name, log_prints=False)
def recheck_live(
    settings: Settings | None = None, today: date | None = None, chunk_size: int = 200
) -> RecheckSummary:
    """Judge every current document again on ``today`` (default: today in Vietnam) and store
    a new evaluation wherever the judgement changed; old results stay."""
    settings = settings or Settings()
    today = today or local_today()
    logger = get_run_logger()
    summary = RecheckSummary(today=today.isoformat(), label=live_label(today))
    backoff = retrying(settings)

    docs = list_current_documents.with_options(**backoff)(settings)
    logger.info("re-checking %d current documents on %s", len(docs), today)
    # Called from a synchronous flow: the UUID itself, not a coroutine (Prefect types both).
    progress = cast(
        UUID,
        create_progress_artifact(
            progress=0.0, key="recheck-live-progress", description=f"Re-check on {today}: documents done"
        ),
    )
    step = max(1, chunk_size)
    for start in range(0, len(docs), step):
        part = docs[start : start + step]
        for row in recheck_documents.with_options(**backoff)(
            settings, part, today, summary.label, part[0].id, part[-1].id
        ):
            summary.add(row)
        update_progress_artifact(progress, progress=100.0 * min(start + step, len(docs)) / len(docs))
    if not docs:
        update_progress_artifact(progress, progress=100.0)
    _artifacts(summary)
    logger.info(
        "re-check on %s: %d checked, %d re-evaluated, %d verdicts changed, newly failing %s",
        today,
        summary.checked,
        summary.reevaluated,
        summary.changed_verdict,
        summary.newly_failing,
    )
    return summary
