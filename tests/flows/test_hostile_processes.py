"""Issue 17.6, 17.8, 17.9, 17.10 and 15.4: the processes sohoa starts.

- A temporary Prefect server ends with the command that started it, even after kill -9, and
  the next command ends an orphan of its own; it sends no telemetry.
- A Prefect server that does not start in time is exit 4 and one line.
- The store's default credentials are refused off the loopback address.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.stack.processes import pid_alive, wait_until
from storage.localserver import InsecureCredentials, LocalServerConfig, free_port, is_loopback, start
from tests.flows.helpers import SOHOA


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A user's shell: no Prefect API configured, no stack at the Prefect port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "SOHOA_"))}
    return env | {
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "SOHOA_DATA_DIR": str(tmp_path / "data"),
        "SOHOA_PREFECT_PORT": str(free_port()),
        "SOHOA_S3_ENDPOINT": f"127.0.0.1:{free_port()}",
        **extra,
    }


_HOLD = """
import sys
from flows.stack.prefectapi import prefect_api
from flows.settings import Settings
with prefect_api(Settings()) as url:
    print(url, flush=True)
    sys.stdin.read()  # held open until killed
"""


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_temporary_server_dies_with_its_command_even_after_kill_9(tmp_path, seed_prefect_home):
    env = _env(tmp_path, SOHOA_PREFECT_START_TIMEOUT_S="400")
    seed_prefect_home(Path(env["PREFECT_HOME"]))  # already migrated: a quicker start
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        url = holder.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        (pid_file,) = (tmp_path / "data" / "run").glob("prefect-temp-*.json")
        server = json.loads(pid_file.read_text())["server"]
        assert pid_alive(server)
        environ = Path(f"/proc/{server}/environ").read_bytes().split(b"\0")
        assert b"PREFECT_SERVER_ANALYTICS_ENABLED=false" in environ  # no telemetry
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    wait_until(lambda: not pid_alive(server), 60, "the orphaned temporary server to end")


def test_the_next_command_ends_an_orphan_of_its_own(tmp_path):
    """An orphan that escaped PDEATHSIG (e.g. its parent thread, not process, ended): a
    stand-in process whose command line is the server's, and a pid file whose owner died."""
    from flows.settings import Settings
    from flows.stack.prefectapi import end_orphans

    orphan = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(600)", "prefect.server.api.server:create_app"],
        start_new_session=True,
    )
    dead_owner = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_owner.wait()
    run = tmp_path / "data" / "run"
    run.mkdir(parents=True)
    (run / f"prefect-temp-{dead_owner.pid}.json").write_text(
        json.dumps({"owner": dead_owner.pid, "server": orphan.pid})
    )
    # A live owner's server is left alone.
    (run / f"prefect-temp-{os.getpid()}.json").write_text(
        json.dumps({"owner": os.getpid(), "server": orphan.pid})
    )
    try:
        assert end_orphans(Settings(data_dir=tmp_path / "data")) == [orphan.pid]
        assert orphan.wait(timeout=30) is not None
        assert [p.name for p in run.iterdir()] == [f"prefect-temp-{os.getpid()}.json"]
    finally:
        if orphan.poll() is None:
            orphan.kill()


def test_a_prefect_server_that_does_not_start_in_time_is_exit_4_in_one_line(tmp_path):
    env = _env(tmp_path, SOHOA_PREFECT_START_TIMEOUT_S="0.01")
    out = subprocess.run([SOHOA, "sweep"], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 4, out.stderr[-2000:]
    assert out.stderr.strip().count("\n") == 0, out.stderr
    assert "did not answer within 0.01 s (SOHOA_PREFECT_START_TIMEOUT_S" in out.stderr
    assert list((tmp_path / "data" / "run").glob("prefect-temp-*")) == []  # stopped and cleaned


def test_default_credentials_are_refused_off_loopback(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.5") and not is_loopback("store.example")
    with pytest.raises(InsecureCredentials, match="SOHOA_S3_SECRET_KEY"):
        start(LocalServerConfig(data_dir=tmp_path / "s3", host="0.0.0.0", port=free_port()))
    for command in (["storage", "start"], ["sweep"]):
        env = _env(tmp_path, SOHOA_S3_ENDPOINT=f"0.0.0.0:{free_port()}")
        out = subprocess.run([SOHOA, *command], env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 2, out.stderr
        assert out.stderr.strip().count("\n") == 0 and "SOHOA_S3_ACCESS_KEY" in out.stderr
    assert not (tmp_path / "data" / "s3").exists()  # nothing was started
    # Real credentials are accepted on the same address (the check only; nothing starts).
    from storage.localserver import check_credentials

    check_credentials("0.0.0.0", "archive-team", "a-long-real-secret")


# One database: what is checked is which Prefect server the run goes to; the sweep finds an
# empty inbox, and the warehouse on PostgreSQL is swept in test_sweep.py and test_review.py.
@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_a_command_beside_a_running_stack_uses_its_server(settings, tmp_path, seed_prefect_home):
    """15.4: with the stack's server up (here: a server held by another process, at the
    address the stack would use), ``sohoa sweep`` records its run there and starts none."""
    import httpx

    holder_env = _env(tmp_path / "stack", SOHOA_PREFECT_START_TIMEOUT_S="400")
    seed_prefect_home(Path(holder_env["PREFECT_HOME"]))  # already migrated: a quicker start
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD],
        env=holder_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = holder.stdout.readline().strip()
        port = url.rsplit(":", 1)[1].split("/")[0]
        env = _env(tmp_path / "cli") | {
            k: v
            for k, v in settings.as_env().items()
            if k.startswith("SOHOA_S3")
            or k
            in (
                "SOHOA_INBOX",
                "SOHOA_ARCHIVE",
                "SOHOA_QUARANTINE",
                "SOHOA_DERIVED",
                "SOHOA_REPORTS",
                "SOHOA_WAREHOUSE_URL",
            )
        }
        env |= {"SOHOA_PREFECT_HOST": "127.0.0.1", "SOHOA_PREFECT_PORT": port}
        out = subprocess.run([SOHOA, "sweep"], env=env, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-2000:]
        runs = httpx.post(f"{url}/flow_runs/filter", json={}, timeout=30).json()
        assert [r["name"] for r in runs] == ["sweep inbox (cli)"]
        assert not (tmp_path / "cli" / "data" / "run").exists()  # no temporary server of its own
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
