"""Run every benchmark, or the ones named: ``python -m bench [ocr fields sweep …]``.

Options after the names go to each named benchmark: ``python -m bench ocr --only accuracy``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    import os
    import tempfile

    # Benchmarks never touch ~/.prefect, and send nothing anywhere.
    os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="sohoa-bench-prefect-"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    first_option = next((i for i, a in enumerate(argv) if a.startswith("-")), len(argv))
    argv, options = argv[:first_option], argv[first_option:]
    wanted = [n for n in names if not argv or n.removeprefix("bench_") in argv]
    if not wanted:
        print(
            f"no benchmark named {argv}; have: {[n.removeprefix('bench_') for n in names]}", file=sys.stderr
        )
        return 2
    status = 0
    for name in wanted:
        print(f"=== {name}", flush=True)
        started = time.perf_counter()
        rc = importlib.import_module(f"bench.{name}").main(options)
        print(f"=== {name}: exit {rc} in {time.perf_counter() - started:.0f} s", flush=True)
        status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
