"""Load (issue 7): a batch of 1,000 documents through one `sohoa sweep` worker process.

Reports throughput and the worker's resident memory sampled every second: peak, and the
median over the first and the last fifth of the run (flat memory means they agree).
Each document is a small real page image (one line of text), so OCR is real but short;
the figure measures the pipeline around OCR as much as OCR itself.

Usage: python -m bench load          (BENCH_LOAD_DOCS=1000)
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

from bench.bench_sweep import settings_for, tiny_page
from storage import localserver

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
                list(pool.map(lambda i: store.put(inbox.bucket, inbox.key(f"D-{i // 50:03d}/p-{i:04d}.png"),
                                                  tiny_page(i), content_type="image/png"), range(DOCS)))
            env = {**os.environ, **settings.as_env(), "PREFECT_API_URL": PREFECT_API_URL.value()}
            started = time.perf_counter()
            proc = subprocess.Popen([str(Path(sys.executable).parent / "sohoa"), "sweep"], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
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
            print(f"{DOCS} documents in {elapsed:.0f} s = {DOCS / elapsed * 60:.0f} docs/min "
                  f"(1 worker, {settings.max_parallel_documents} documents at a time)")
            print(f"worker RSS: peak {max(samples):.0f} MB; median first fifth {first:.0f} MB, "
                  f"last fifth {last:.0f} MB (ratio {last / first:.2f}); inbox left: {left}")
            print(f"sweep said: {out.strip()[-300:]}")
            return 0 if proc.returncode == 0 and left == 0 else 1
        finally:
            localserver.stop(cfg)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
