"""Fixtures for flow tests: one Prefect server per session, settings on real services."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from unittest import mock

import pytest

from tests.flows import shared_server


@pytest.fixture(scope="session")
def prefect_db_template(tmp_path_factory) -> Path:
    """A Prefect SQLite database migrated once per session, shared by the xdist workers.

    Every temporary Prefect server (the session's test server, the ``sohoa`` children that
    start their own) would otherwise create and migrate a new database: ~10 CPU-s each on a
    busy 2-core machine. A copy of this one is already at the head revision, so the server's
    start-up migration finds nothing to do. A first run on a never-used Prefect home still
    runs in the suite (test_demo_masking.py) and in CI's ``make demo``."""
    # Under xdist each worker has its own base temp; their parent is this session's.
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    template = shared_server.template_path(root)
    shared_server.make_template(template)
    return template


@pytest.fixture
def seed_prefect_home(prefect_db_template):
    """``seed_prefect_home(home)`` puts a migrated database where a temporary server started
    with ``PREFECT_HOME=home`` looks for it (Prefect's default ``$PREFECT_HOME/prefect.db``)."""

    def seed(home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(prefect_db_template, home / "prefect.db")

    return seed


@pytest.fixture(scope="session", autouse=True)
def prefect_harness(tmp_path_factory, request):
    """The session's Prefect API: under pytest-xdist the one server the controller started
    for all workers (tests/flows/shared_server.py), else Prefect's test harness."""
    # PREFECT_HOME and result storage under a temp dir: tests never touch ~/.prefect.
    home = tmp_path_factory.mktemp("prefect-home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_LOCAL_STORAGE_PATH"] = str(home / "results")
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    if shared := os.environ.get(shared_server.ENV):
        yield from _shared_server_client(shared)
        return
    prefect_db_template = request.getfixturevalue("prefect_db_template")
    import prefect.testing.utilities as harness
    from prefect.testing.utilities import prefect_test_harness

    def mkdtemp_with_database() -> str:
        # The harness puts its database in a new temporary folder as prefect-test.db.
        folder = tempfile.mkdtemp()
        shutil.copyfile(prefect_db_template, Path(folder) / "prefect-test.db")
        return folder

    with (
        mock.patch.object(harness, "mkdtemp", mkdtemp_with_database),
        prefect_test_harness(server_startup_timeout=180),  # a loaded 2-core machine is slow
    ):
        yield


def _shared_server_client(shared: str):
    """Point this worker's Prefect client at the shared server, as the harness does at its
    own; send what is still queued before the session ends."""
    import prefect.context
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import PREFECT_API_URL, temporary_settings

    api_url = shared_server.wait_healthy(shared, timeout=600)  # a fresh machine migrates first
    with (
        temporary_settings(updates={PREFECT_API_URL: api_url}),
        prefect.context._temporary_global_settings_context(prefect.context.get_settings_context()),
    ):
        yield
        APILogWorker.drain_all(timeout=30)
        EventsWorker.drain_all(timeout=30)


@pytest.fixture
def settings(s3_server, warehouse_url, tmp_path):
    """Settings pointing at the real local S3 server (a fresh bucket) and a fresh warehouse."""
    from flows.settings import Settings

    # Letters only: a random hex name can hold 9+ digits in a row ("sohoa-d922155746"), which
    # the reports rightly mask as a CMND number, so the CSV test's expected archive location
    # failed about once in 35 runs.
    bucket = "sohoa-" + uuid.uuid4().hex[:10].translate(str.maketrans("0123456789", "ghijklmnop"))
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
