"""The local JuiceFS gateway: start/stop/status against real processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from storage import localserver
from storage.localserver import LocalServerConfig, LocalServerError
from storage.objectstore import ObjectStore


def _dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_juicefs_executable_is_the_one_beside_python() -> None:
    exe = localserver.juicefs_executable()
    assert exe.name == "juicefs" and os.access(exe, os.X_OK)
    assert exe.parent == Path(sys.executable).parent


def test_start_is_idempotent(s3_server) -> None:
    first = localserver.status(s3_server.config)
    again = localserver.start(s3_server.config)
    assert first.running and again.running
    assert again.pid == first.pid  # no second gateway was spawned
    assert again.endpoint == s3_server.endpoint
    assert s3_server.store.healthy()


def test_start_stop_status_cycle_keeps_data(tmp_path: Path) -> None:
    cfg = LocalServerConfig(data_dir=tmp_path / "gw", port=localserver.free_port())
    assert localserver.status(cfg).running is False
    assert localserver.stop(cfg) is False  # nothing to stop
    started = localserver.start(cfg)
    try:
        assert started.running and started.pid == int(cfg.pid_path.read_text())
        assert (cfg.meta_db).exists() and started.log_path.exists()
        store = ObjectStore(cfg.endpoint, cfg.access_key, cfg.secret_key)
        store.ensure_bucket("keep")
        store.put("keep", "a/b.txt", b"survives restarts")
    finally:
        assert localserver.stop(cfg) is True
    stopped = localserver.status(cfg)
    assert stopped.running is False and stopped.pid is None and not cfg.pid_path.exists()

    # Second start reuses meta.db (no re-format) and serves the same data.
    localserver.start(cfg)
    try:
        assert store.get("keep", "a/b.txt") == b"survives restarts"
    finally:
        localserver.stop(cfg)


def test_relative_data_dir_restarts_with_its_data(tmp_path: Path, monkeypatch) -> None:
    """Regression: a relative data_dir was formatted, then not found by the gateway on a
    second start (it runs inside data_dir, so the relative meta-DB path resolved twice)."""
    monkeypatch.chdir(tmp_path)
    cfg = LocalServerConfig(data_dir=Path("rel") / "gw", port=localserver.free_port())
    assert cfg.data_dir == tmp_path / "rel" / "gw"
    for round_ in range(2):
        localserver.start(cfg)
        try:
            store = ObjectStore(cfg.endpoint, cfg.access_key, cfg.secret_key)
            if round_ == 0:
                store.ensure_bucket("keep")
                store.put("keep", "a.txt", b"kept")
            assert store.get("keep", "a.txt") == b"kept"
        finally:
            localserver.stop(cfg)


def test_status_detects_stale_pid_file(tmp_path: Path) -> None:
    cfg = LocalServerConfig(data_dir=tmp_path, port=localserver.free_port())
    cfg.pid_path.write_text(f"{_dead_pid()}\n")
    st = localserver.status(cfg)
    assert st.running is False and st.pid is None


def test_status_ignores_a_pid_recycled_by_another_process(tmp_path: Path) -> None:
    cfg = LocalServerConfig(data_dir=tmp_path, port=localserver.free_port())
    cfg.pid_path.write_text(f"{os.getpid()}\n")  # alive, but not a gateway
    assert localserver.status(cfg).running is False
    assert localserver.stop(cfg) is False  # and stop must not signal it
    assert not cfg.pid_path.exists()


def test_start_replaces_a_stale_pid_file(tmp_path: Path) -> None:
    cfg = LocalServerConfig(data_dir=tmp_path, port=localserver.free_port())
    stale = _dead_pid()
    cfg.pid_path.write_text(f"{stale}\n")
    st = localserver.start(cfg)
    try:
        assert st.running and st.pid != stale
    finally:
        localserver.stop(cfg)


def test_port_taken_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        cfg = LocalServerConfig(data_dir=tmp_path, port=port)
        with pytest.raises(LocalServerError, match="in use"):
            localserver.start(cfg)
    assert not cfg.pid_path.exists()
    assert localserver.status(cfg).running is False


def test_gateway_that_dies_reports_its_log_tail(tmp_path: Path) -> None:
    cfg = LocalServerConfig(data_dir=tmp_path, port=localserver.free_port())
    cfg.meta_db.write_bytes(b"this is not a SQLite database" * 100)
    with pytest.raises(LocalServerError, match="log tail") as caught:
        localserver.start(cfg, timeout=10.0)
    assert "exited" in str(caught.value)
    assert localserver.status(cfg).running is False and not cfg.pid_path.exists()


def test_short_secret_is_refused_before_spawning(tmp_path: Path) -> None:
    cfg = LocalServerConfig(data_dir=tmp_path, port=localserver.free_port(), secret_key="short")
    with pytest.raises(LocalServerError, match="8 characters"):
        localserver.start(cfg)
    assert not cfg.pid_path.exists()


def test_free_port_is_bindable() -> None:
    port = localserver.free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))
        assert sock.getsockname()[1] == port
