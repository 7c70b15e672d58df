"""Load (issue 7): a batch of 1,000 documents through one `sohoa sweep` worker process.

Reports throughput and the worker's resident memory sampled every second: peak, and the
median over the first and the last fifth of the run (flat memory means they agree).
Each document is a small real page image (one line of text), so OCR is real but short;
the figure measures the pipeline around OCR as much as OCR itself.

Usage: python -m bench load          (BENCH_LOAD_DOCS=1000)
       python -m bench load --drop   (issue 15: 50 files into 5 dossiers on the live stack, event
                                      path vs one scheduled sweep; BENCH_DROP_DOCS, _DOSSIERS, _ROUNDS)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.bench_sweep import settings_for, tiny_page
from storage import localserver

if TYPE_CHECKING:
    from flows.stack import Stack
    from storage.warehouse.types import SessionFactory

DOCS = int(os.environ.get("BENCH_LOAD_DOCS", "1000"))


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main(argv: list[str]) -> int:
    if "--drop" in argv:
        return drop(argv)
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with tempfile.TemporaryDirectory() as tmp_name, prefect_test_harness(server_startup_timeout=240):
        tmp = Path(tmp_name)
        cfg = localserver.LocalServerConfig(data_dir=tmp / "s3", port=localserver.free_port())
        localserver.start(cfg)
        try:
            settings = settings_for(tmp / "load", cfg.port, "bench-load")
            store, inbox = settings.object_store(), settings.location("inbox")
            store.ensure_bucket("bench-load")
            with ThreadPoolExecutor(8) as pool:
                list(
                    pool.map(
                        lambda i: store.put(
                            inbox.bucket,
                            inbox.key(f"D-{i // 50:03d}/p-{i:04d}.png"),
                            tiny_page(i),
                            content_type="image/png",
                        ),
                        range(DOCS),
                    )
                )
            env = {**os.environ, **settings.as_env(), "PREFECT_API_URL": PREFECT_API_URL.value()}
            started = time.perf_counter()
            proc = subprocess.Popen(
                [str(Path(sys.executable).parent / "sohoa"), "sweep"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            samples: list[float] = []
            while proc.poll() is None:
                if (mb := rss_mb(proc.pid)) is not None:
                    samples.append(mb)
                time.sleep(1.0)  # a sampling interval, not a synchronization
            elapsed = time.perf_counter() - started
            out = proc.stdout.read() if proc.stdout else ""
            left = sum(1 for _ in store.list(inbox.bucket, inbox.prefix))
            fifth = max(1, len(samples) // 5)
            first, last = statistics.median(samples[:fifth]), statistics.median(samples[-fifth:])
            print(
                f"{DOCS} documents in {elapsed:.0f} s = {DOCS / elapsed * 60:.0f} docs/min "
                f"(1 worker, {settings.max_parallel_documents} documents at a time)"
            )
            print(
                f"worker RSS: peak {max(samples):.0f} MB; median first fifth {first:.0f} MB, "
                f"last fifth {last:.0f} MB (ratio {last / first:.2f}); inbox left: {left}"
            )
            print(f"sweep said: {out.strip()[-300:]}")
            return 0 if proc.returncode == 0 and left == 0 else 1
        finally:
            localserver.stop(cfg)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# ---- a drop on the live stack (issue 15): event path against one scheduled sweep ------------

DROP_DOCS = int(os.environ.get("BENCH_DROP_DOCS", "50"))
DROP_DOSSIERS = int(os.environ.get("BENCH_DROP_DOSSIERS", "5"))
DROP_ROUNDS = int(os.environ.get("BENCH_DROP_ROUNDS", "1"))


def _wait_done(sf: SessionFactory, keys: list[str], timeout: float = 1800.0) -> float:
    """Seconds until every key's ledger row is done or quarantined (polled every 0.5 s)."""
    from sqlalchemy import func, select

    from storage.warehouse.models import IngestLedger

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        with sf() as s:
            n = s.scalar(
                select(func.count())
                .select_from(IngestLedger)
                .where(IngestLedger.key.in_(keys), IngestLedger.status.in_(("done", "quarantined")))
            )
        if n == len(keys):
            return time.perf_counter()
        time.sleep(0.5)  # polling the warehouse, not a synchronization of our own work
    raise TimeoutError(f"{len(keys)} files not all processed in {timeout:.0f} s")


def _api_rows(stack: Stack, path: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    """A filter call of Prefect's REST API: a JSON list of objects."""
    rows = stack.api("POST", path, body)
    assert isinstance(rows, list), rows  # Stack.api trả về JSON bất kỳ; bộ lọc luôn trả một danh sách
    return rows


def drop(argv: list[str]) -> int:
    """50 files into 5 dossiers through the event path (watcher → per-dossier runs), against
    one run of the scheduled sweep deployment over 50 others, on the same live stack; the
    schedule is paused so that each path is measured alone."""
    import uuid

    from pydantic import SecretStr
    from sqlalchemy import create_engine, make_url

    from flows.settings import Settings
    from flows.stack import Stack
    from flows.warehouse import open_warehouse

    admin_url = os.environ.get("SOHOA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    names = [f"sohoa_bench_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("wh", "prefect")]
    with admin.connect() as conn:
        for n in names:
            conn.exec_driver_sql(f'CREATE DATABASE "{n}"')
    base = make_url(admin_url)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp) / "data",
            warehouse_url=SecretStr(base.set(database=names[0]).render_as_string(hide_password=False)),
            prefect_database_url=SecretStr(
                base.set(drivername="postgresql+asyncpg", database=names[1]).render_as_string(
                    hide_password=False
                )
            ),
            s3_endpoint=f"127.0.0.1:{localserver.free_port()}",
            prefect_port=localserver.free_port(),
            report_port=localserver.free_port(),
            inbox="bench-drop/inbox/",
            archive="bench-drop/archive/",
            quarantine="bench-drop/quarantine/",
            derived="bench-drop/derived/",
            reports="bench-drop/reports/",
        )
        stack = Stack(settings)
        try:
            stack.up(echo=lambda line: print("  " + line, flush=True), workers=1)
            stack.prefect("deployment", "schedule", "pause", "--all")
            # A pause deletes only future runs: the ones already scheduled are cancelled here.
            # (Only runs that have not started: cancelling a running one makes it "Crashed".)
            for run in _api_rows(
                stack,
                "/flow_runs/filter",
                {"flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}}, "limit": 200},
            ):
                stack.api(
                    "POST",
                    f"/flow_runs/{run['id']}/set_state",
                    {"state": {"type": "CANCELLED", "name": "Cancelled"}, "force": True},
                )
            sf = open_warehouse(settings.resolved_warehouse_url)
            store, inbox = settings.object_store(), settings.location("inbox")
            (sweep_dep,) = _api_rows(
                stack, "/deployments/filter", {"deployments": {"name": {"any_": ["sweep-inbox"]}}}
            )
            results: list[tuple[str, float]] = []
            serial = 0

            def put_all(tag: str) -> list[str]:
                nonlocal serial
                keys = []
                for i in range(DROP_DOCS):
                    key = inbox.key(f"D-{tag}-{i % DROP_DOSSIERS}/trang-{i:03d}.png")
                    store.put(inbox.bucket, key, tiny_page(10_000 + serial), content_type="image/png")
                    serial += 1
                    keys.append(key)
                return keys

            for round_ in range(1, DROP_ROUNDS + 1):
                # Peer: the watcher stopped, the files in, one run of the scheduled deployment.
                stack.watcher.stop()
                keys = put_all(f"SWEEP{round_}")
                started = time.perf_counter()
                stack.api(
                    "POST",
                    f"/deployments/{sweep_dep['id']}/create_flow_run",
                    {"parameters": {"trigger": "schedule"}},
                )
                results.append(("one scheduled sweep", DROP_DOCS / (_wait_done(sf, keys) - started) * 60))
                # The drop: the watcher back (stack up brings back only it), files dropped.
                stack.up(echo=lambda _: None, workers=1)
                started = time.perf_counter()
                keys = put_all(f"DROP{round_}")
                results.append(("drop, event path", DROP_DOCS / (_wait_done(sf, keys) - started) * 60))
                print(
                    f"  round {round_}: sweep {results[-2][1]:.1f}, drop {results[-1][1]:.1f} docs/min",
                    flush=True,
                )
            runs = _api_rows(stack, "/flow_runs/filter", {"limit": 200})
            event_runs = [r for r in runs if "(event)" in r["name"]]
            bad = [r["name"] for r in runs if r["state_type"] in ("FAILED", "CRASHED")]
            sweeps = [v for k, v in results if k.startswith("one")]
            drops = [v for k, v in results if k.startswith("drop")]
            ratio = statistics.fmean(drops) / statistics.fmean(sweeps)
            print(
                f"{DROP_DOCS} files into {DROP_DOSSIERS} dossiers, {DROP_ROUNDS} round(s): event path "
                f"{', '.join(f'{v:.1f}' for v in drops)} docs/min; one scheduled sweep over {DROP_DOCS} "
                f"{', '.join(f'{v:.1f}' for v in sweeps)} docs/min; ratio {ratio:.2f}x (bar 0.8x)"
            )
            print(
                f"event-triggered runs: {len(event_runs)} for {DROP_ROUNDS * DROP_DOSSIERS} dossier drops; "
                f"failed or crashed runs: {bad or 'none'}"
            )
            return 0 if ratio >= 0.8 and not bad else 1
        finally:
            stack.down(echo=lambda _: None)
            with admin.connect() as conn:
                for n in names:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')
            admin.dispose()
