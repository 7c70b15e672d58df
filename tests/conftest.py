"""Shared test fixtures.

Real components only: the local S3 server (JuiceFS gateway), PostgreSQL on 127.0.0.1:5432,
SQLite, Tesseract. The public corpora live beside the project at ``../shared/corpora`` or
wherever ``SOHOA_CORPORA`` points.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def corpora_root() -> Path | None:
    env = os.environ.get("SOHOA_CORPORA")
    candidate = Path(env) if env else PROJECT_ROOT.parent / "shared" / "corpora"
    return candidate if candidate.is_dir() else None


@pytest.hookimpl(trylast=True)  # after pytest-xdist's own attempt at the group suffix
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Modules holding a ``slow`` test run first, each module's tests in their own order.

    pytest-xdist hands tests out in collection order: a long test collected late would run
    alone at the end on one worker while the other has nothing left. Every worker sorts the
    same way, so their collections stay identical."""
    slow = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in slow)  # stable
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        _xdist_group_suffix(items)


def _xdist_group_suffix(items: list[pytest.Item]) -> None:
    """Each ``xdist_group`` test's node id ends in ``@<group>``, which is how the controller's
    loadgroup scheduler knows its group and sends the whole group to one worker.

    pytest-xdist 3.8 writes the suffix into ``item._nodeid``, which pytest 9.2 no longer reads
    (node ids became structured, ``item._id``): the marks were silently ignored, each test was
    scheduled alone, the live-stack modules set up their stack on both workers and a test that
    reads what an earlier one left (test_stack_ops.py's report link) ran without it
    (pytest-dev/pytest-xdist#1386, fix pending in #1388). This sets the suffix where pytest
    reads it, and fails the run if the suffix still does not show."""
    for item in items:
        names = sorted(
            {
                str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                for m in item.iter_markers("xdist_group")
            }
        )
        if not names:
            continue
        suffix = "@" + "_".join(names)
        if item.nodeid.endswith(suffix):
            continue  # pytest-xdist did it (older pytest, or a fixed xdist)
        node_id = getattr(item, "_id", None)
        if node_id is not None and hasattr(type(node_id), "parse"):
            item._id = type(node_id).parse(item.nodeid + suffix)
        if not item.nodeid.endswith(suffix):
            raise pytest.UsageError(
                f"--dist loadgroup: cannot mark {item.nodeid} as a test of group {suffix[1:]} "
                "(pytest/pytest-xdist changed how a node id is set): its group would be split"
            )


_SHARED_PREFECT = pytest.StashKey[object]()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config: pytest.Config, specs: list) -> None:
    """The xdist controller, before its workers start: one Prefect server for the flow tests
    of all workers (tests/flows/shared_server.py), named to them in the environment."""
    from tests.flows import shared_server

    if not shared_server.wanted(config):
        return
    server = shared_server.SharedServer(config._tmp_path_factory.getbasetemp())
    config.stash[_SHARED_PREFECT] = server
    os.environ[shared_server.ENV] = server.shared  # the workers inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(_SHARED_PREFECT, None)
    if server is not None:
        server.stop()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def corpora() -> Path:
    root = corpora_root()
    if root is None:
        pytest.skip(
            "public corpora missing: expected ../shared/corpora beside the project "
            "or a folder named by SOHOA_CORPORA"
        )
    return root


# --- storage: local S3 gateway and warehouses (appended by the storage package) ------


class S3Server:
    """A running local gateway: ``endpoint``, credentials, ``store`` and its ``config``."""

    def __init__(self, config, store) -> None:
        self.config = config
        self.endpoint: str = config.endpoint
        self.access_key: str = config.access_key
        self.secret_key: str = config.secret_key
        self.store = store


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory):
    """A real JuiceFS S3 gateway on a free port for the whole session."""
    from storage import localserver
    from storage.objectstore import ObjectStore

    cfg = localserver.LocalServerConfig(data_dir=tmp_path_factory.mktemp("s3"), port=localserver.free_port())
    localserver.start(cfg)
    try:
        yield S3Server(cfg, ObjectStore(cfg.endpoint, cfg.access_key, cfg.secret_key))
    finally:
        localserver.stop(cfg)


@pytest.fixture
def bucket(s3_server: S3Server) -> str:
    """A fresh, uniquely named, empty bucket."""
    import uuid

    name = f"test-{uuid.uuid4().hex[:16]}"
    s3_server.store.ensure_bucket(name)
    return name


PG_ADMIN_URL = os.environ.get("SOHOA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(params=["sqlite", "postgresql"])
def warehouse_url(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty database URL: a SQLite file, or a fresh PostgreSQL database dropped after."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'warehouse.db'}"
        return
    if os.environ.get("SOHOA_SKIP_POSTGRES") == "1":
        pytest.skip("SOHOA_SKIP_POSTGRES=1")
    import uuid

    from sqlalchemy import create_engine, make_url
    from sqlalchemy.exc import OperationalError

    name = f"sohoa_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    unreachable: str | None = None
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except OperationalError as exc:
        unreachable = str(exc.orig)
    if unreachable is not None:
        admin.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_ADMIN_URL} ({unreachable}). Start it, point "
            "SOHOA_TEST_PG_URL elsewhere, or set SOHOA_SKIP_POSTGRES=1 to skip these tests.",
            pytrace=False,
        )
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def warehouse(warehouse_url: str):
    """A migrated warehouse: a sessionmaker bound to an engine on ``warehouse_url``."""
    from storage.warehouse.db import make_engine, migrate, session_factory

    engine = make_engine(warehouse_url)
    migrate(engine)
    try:
        yield session_factory(engine)
    finally:
        engine.dispose()
