"""Credentials never reach Prefect: not in flow-run parameters, logs or artifacts.

The flow takes its settings as a parameter, which Prefect stores on the server; secrets are
``SecretStr`` there, so only asterisks leave the process.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import make_url

from flows.sweep import run_sweep
from tests.flows.helpers import runs_of_since

DB_PASSWORD = "Warehouse-Pa55-7Qx"  # trust auth ignores it; it must still never be shown


def _everything_prefect_holds(settings, since: datetime) -> str:
    """Parameters, logs and artifacts of this test's runs: those started since ``since`` on
    its settings (the Prefect server is shared by the whole session: an unfiltered read
    returns only the first page of every earlier test's runs, which once failed
    test_no_credential_… in CI)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        LogFilter,
        LogFilterFlowRunId,
    )

    with get_client(sync_client=True) as client:
        runs = runs_of_since(client, settings, since)
        ids = [r.id for r in runs]
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=ids)))
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=ids))
        )
    parts = [repr(r.parameters) for r in runs] + [log.message for log in logs]
    parts += [repr(a.data) + repr(a.description) for a in artifacts]
    return "\n".join(parts)


@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_no_credential_in_parameters_logs_or_artifacts(settings, sample_dir):
    url = make_url(settings.resolved_warehouse_url).set(password=DB_PASSWORD)
    settings = settings.model_copy(
        update={"warehouse_url": type(settings.s3_secret_key)(url.render_as_string(hide_password=False))}
    )
    png = next(sample_dir.rglob("*.png")).read_bytes()
    inbox = settings.location("inbox")
    settings.object_store().put(inbox.bucket, inbox.key("D-SECRET/a.png"), png, content_type="image/png")

    started = datetime.now(UTC)
    summary = run_sweep(settings, trigger="cli", today=date(2026, 11, 28))
    assert summary.count("processed") == 1

    held = _everything_prefect_holds(settings, started)
    assert "D-SECRET" in held and "s3_secret_key" in held  # the right runs, parameters stored
    secret = settings.s3_secret_key.get_secret_value()
    assert secret not in held
    assert DB_PASSWORD not in held
