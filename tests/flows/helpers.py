"""Shared by flow tests that run ``sohoa`` as a separate process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SOHOA = str(Path(sys.executable).parent / "sohoa")


def settings_env(settings) -> dict[str, str]:
    """The environment of a child ``sohoa`` process: these settings, the test's Prefect API."""
    from prefect.settings import PREFECT_API_URL

    return {
        **os.environ,
        **settings.as_env(),
        "SOHOA_MAX_PARALLEL_DOCUMENTS": "1",
        "PREFECT_API_URL": PREFECT_API_URL.value() or "",
    }


def runs_of_since(client, settings, since) -> list:  # type: ignore[no-untyped-def]
    """The flow runs started since ``since`` on these settings (their parameters name its
    inbox's bucket, one per test), read with a synchronous Prefect client, every page. One Prefect server serves
    the whole session, every xdist worker included: a read by start time alone also returns
    other tests' runs, their artifacts under the same keys."""
    import json

    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterStartTime

    found: list = []
    while True:
        page = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(start_time=FlowRunFilterStartTime(after_=since)),
            offset=len(found),
            limit=200,
        )
        found += page
        if len(page) < 200:
            break
    bucket = settings.location("inbox").bucket  # one per test
    return [r for r in found if bucket in json.dumps(r.parameters, default=str)]
