"""Fixtures for flow tests: one Prefect test harness per session, settings on real services."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def prefect_harness(tmp_path_factory):
    # PREFECT_HOME and result storage under a temp dir: tests never touch ~/.prefect.
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(home / "results")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):  # a loaded 2-core machine is slow
        yield


@pytest.fixture
def settings(s3_server, warehouse_url, tmp_path):
    """Settings pointing at the real local S3 server (a fresh bucket) and a fresh warehouse."""
    from flows.settings import Settings

    bucket = f"sohoa-{uuid.uuid4().hex[:10]}"
    s = Settings(
        data_dir=tmp_path / "data",
        warehouse_url=warehouse_url,
        s3_endpoint=s3_server.endpoint,
        s3_access_key=s3_server.access_key,
        s3_secret_key=s3_server.secret_key,
        inbox=f"{bucket}/inbox/",
        archive=f"{bucket}/archive/",
        quarantine=f"{bucket}/quarantine/",
        derived=f"{bucket}/derived/",
        reports=f"{bucket}/reports/",
        max_parallel_documents=2,
    )
    s.object_store().ensure_bucket(bucket)
    return s


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> Path:
    """Generated fictional sample scans with ground truth (one per type and format)."""
    from samples import generate

    out = tmp_path_factory.mktemp("samples")
    generate(out, count=6, seed=7)
    return out
