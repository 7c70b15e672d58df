"""Hostile input (issue 17): the 3 GiB deflate bomb's peak memory, and what reading each
document in a child process of its own costs.

1. A ~3 MB PDF whose content stream deflates to 3 GiB, read by ``sohoa process``: its
   outcome (``too_large``) and the peak RSS of the whole process tree (the command, its
   forkserver and the document's child, summed, sampled every 20 ms). Must stay under
   600 MB; before issue 17 it was 4.3 GB.
2. ``sohoa process`` of 10 sample pages with ``SOHOA_ISOLATE_DOCUMENTS`` on (the default)
   against off, alternated, same machine, same run: the ratio of wall times.

Usage: python -m bench hostile
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOHOA = str(Path(sys.executable).parent / "sohoa")
PEAK_LIMIT_MB = 600


def _tree(root: int) -> list[int]:
    """``root`` and its descendants (children of children, via /proc/<pid>/stat)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(") ", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _peak_of(argv: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``argv``; the peak of the summed RSS of its process tree (the command, its
    forkserver, the document's child, any Tesseract), sampled every 20 ms, in MB."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, sum(_rss_mb(pid) for pid in _tree(proc.pid)))
        time.sleep(0.02)  # sampling memory, not synchronizing
    stdout, stderr = proc.communicate()
    return subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr[-2000:]), peak


def main(argv: list[str]) -> int:
    from tests.hostile_files import deflate_bomb_pdf

    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    status = 0
    with tempfile.TemporaryDirectory(prefix="sohoa-bench-hostile-") as tmp:
        bomb = Path(tmp, "bomb.pdf")
        started = time.perf_counter()
        bomb.write_bytes(deflate_bomb_pdf(3 << 30))
        print(
            f"bomb: {bomb.stat().st_size:,} bytes deflating to 3 GiB (built in {time.perf_counter() - started:.0f} s)"
        )
        started = time.perf_counter()
        out, peak = _peak_of([SOHOA, "process", str(bomb)], env)
        line = json.loads(out.stdout.splitlines()[-1]) if out.stdout.strip() else {}
        code = line.get("error", {}).get("code")
        print(
            f"bomb: exit {out.returncode}, outcome {code!r}, peak RSS {peak:.0f} MB "
            f"(limit {PEAK_LIMIT_MB} MB), {time.perf_counter() - started:.1f} s"
        )
        print(f"bomb: {line.get('error', {}).get('message', out.stderr[-300:])}")
        if code != "too_large" or peak >= PEAK_LIMIT_MB:
            print("bomb: FAIL")
            status = 1

        from samples import generate

        pages = Path(tmp, "pages")
        generate(pages, count=10, seed=17, formats=("png",))
        files = sorted(str(p) for p in pages.rglob("*.png"))[:10]
        times: dict[str, list[float]] = {"on": [], "off": []}
        for _ in range(2):
            for mode in ("off", "on"):
                started = time.perf_counter()
                done = subprocess.run(
                    [SOHOA, "process", "--jobs", "2", *files],
                    capture_output=True,
                    text=True,
                    env=env | {"SOHOA_ISOLATE_DOCUMENTS": str(mode == "on").lower()},
                )
                times[mode].append(time.perf_counter() - started)
                if done.returncode != 0:
                    print(f"process ({mode}): exit {done.returncode}: {done.stderr[-500:]}")
                    status = 1
        on, off = min(times["on"]), min(times["off"])
        print(
            f"process of {len(files)} pages, --jobs 2 (best of 2): isolated {on:.1f} s, "
            f"in-process {off:.1f} s, ratio {on / off:.3f} ({(on - off) / len(files) * 1000:+.0f} ms a document)"
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
