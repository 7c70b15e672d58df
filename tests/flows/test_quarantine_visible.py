"""A quarantined file is seen by an operator: a WARNING in its run's log with the reason, a row
with the reason in the summary artifact, and a run that ends "Completed" under the name
"Quarantined" (the batch did its job; nothing broke). Files another run holds are no rows."""

from __future__ import annotations

import asyncio
from datetime import date

from flows.outcomes import QUARANTINED_STATE, summary_markdown, table_rows
from flows.sweep import sweep, task_runner

TODAY = date(2026, 11, 28)


def _run_logs_and_artifacts(run_id):  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        LogFilter,
        LogFilterFlowRunId,
    )

    async def read():
        async with get_client() as client:
            logs = await client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
            arts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
            )
            return logs, arts

    return asyncio.run(read())


def test_a_quarantined_file_is_a_warning_an_artifact_row_and_a_named_state(settings, sample_dir):
    from prefect.logging.handlers import APILogHandler

    store, inbox = settings.object_store(), settings.location("inbox")
    png = sorted(sample_dir.rglob("*.png"))[0].read_bytes()
    store.put(inbox.bucket, inbox.key("D-Q/good.png"), png, content_type="image/png")
    store.put(inbox.bucket, inbox.key("D-Q/trống.pdf"), b"", content_type="application/pdf")

    state = sweep.with_options(task_runner=task_runner(settings))(
        settings=settings, trigger="cli", today=TODAY, return_state=True
    )

    assert state.is_completed() and state.name == QUARANTINED_STATE, (state.type, state.name)
    summary = state.result()
    assert summary.count("quarantined") == 1 and summary.count("processed") == 1
    APILogHandler().flush()  # logs reach the API in the background: send them now
    logs, arts = _run_logs_and_artifacts(state.state_details.flow_run_id)
    warnings = [entry.message for entry in logs if entry.level >= 30]
    assert any("quarantined" in m and "trống.pdf" in m and "empty_file" in m for m in warnings), warnings
    markdown = next(a.data for a in arts if a.key == "sweep-summary")
    assert "empty_file" in markdown and "trống.pdf" in markdown and "Cách ly / quarantined: 1" in markdown


def test_a_clean_batch_ends_plainly_completed(settings, sample_dir):
    store, inbox = settings.object_store(), settings.location("inbox")
    png = sorted(sample_dir.rglob("*.png"))[0].read_bytes()
    store.put(inbox.bucket, inbox.key("D-OK/good.png"), png, content_type="image/png")
    state = sweep.with_options(task_runner=task_runner(settings))(
        settings=settings, trigger="cli", today=TODAY, return_state=True
    )
    assert state.is_completed() and state.name == "Completed"


def test_files_held_by_another_run_are_no_rows_but_one_line():
    docs = [
        {"key": "inbox/D/a.png", "outcome": "claimed_elsewhere"},
        {"key": "inbox/D/b.png", "outcome": "processed", "status": "accepted"},
        {
            "key": "inbox/D/079190001234.pdf",
            "outcome": "quarantined",
            "error": "corrupt_file",
            "quarantine_key": "quarantine/D/079190001234.pdf",
        },
    ]
    rows = table_rows(docs)
    assert [r["outcome"] for r in rows] == ["processed", "quarantined"]
    assert rows[1]["reason"].startswith("corrupt_file") and "079190001234" not in str(rows)
    md = summary_markdown(3, 3, 3, {"claimed_elsewhere": 1, "processed": 1, "quarantined": 1}, docs)
    assert "claimed_elsewhere" not in md and "another run" in md and "079190001234" not in md
