"""uv run python -m bench.blind OUT --n 10 --seed 7 [--plant-errors]"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from .generate import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.blind", description="Write the blind document set and its manifest.jsonl."
    )
    ap.add_argument("out", type=Path, help="output directory")
    ap.add_argument("--n", type=int, default=10, help="documents per type (default 10)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--plant-errors", action="store_true", help="plant one data error in about half the documents"
    )
    ap.add_argument("--types", default="", help="comma-separated document types (default: all 8)")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    types = tuple(t.strip() for t in a.types.split(",") if t.strip()) or None
    recs = generate(a.out, a.n, a.seed, a.plant_errors, types=types)
    crit = Counter(r["planted_error"]["criterion"] for r in recs if r["planted_error"])
    print(
        f"{len(recs)} documents in {a.out} ({time.perf_counter() - t0:.1f} s); planted errors: {dict(crit) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
