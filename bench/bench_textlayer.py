"""Text-layer benchmark (issue 16): sohoa's text-layer path (pypdfium2) against pdfplumber.

    uv run python -m bench textlayer                 # 50 pages of vi_real_admin_pdfs, ~1 min
    uv run python -m bench textlayer --pages         # and one row per page
    uv run python -m bench textlayer --json out.json # every figure and text

Both read the same pages in the same run, one after the other, on one core:

* ``sohoa``: what ``ocr.loader`` / ``ocr.textlayer`` do for a born-digital page: PDFium's
  chars (``ocr.pdfiumtext``) grouped into words, lines and blocks (``read_text_layer``).
* ``plumber+group``: pdfplumber's chars (pdfminer) through the same ``read_text_layer``, as
  sohoa read pages before pypdfium2 replaced pdfplumber: the char source alone differs.
* ``plumber``: pdfplumber's own page text, ``extract_text(x_tolerance=1.5)``.

Time is CPU time (``time.process_time``): the machine is shared, wall time is not the
tools'. A document's open is shared among its pages.

Reading order has no tool-free truth on these pages: what a person reads first in a
two-column header or a table is a convention. Two references are used, both poppler's, so
neither contender is judged by itself:

* ``pdftotext``: its reading-order mode (the ``text`` of ground_truth.jsonl, the truth of
  ``bench real``), which finds columns;
* ``pdftotext -raw``: the order of the content stream, the producer's (Word writes a header
  table cell by cell, Excel a sheet row by row).

For each: the CER of the whole page string (order counts) and the order-free line CER
(``bench/real/metrics.py``); their difference is what reading order costs.

Tables: pdfplumber's ``find_tables()`` (ruling lines) on every page, against the rows x
columns counted by hand on the rendered pages of the six pages with a ruled data table
(``HAND_TABLES``); a table of 2+ rows and 2+ columns elsewhere is a false one. Rows kept:
of the rows of the hand-checked tables whose shape pdfplumber got right, how many each
reading holds in one piece, cells in order (``partial_ratio`` >= 90 of the row's text,
cells joined, in the page text).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# (file, page): (rows, columns) of the ruled data table, counted by hand on the rendering.
HAND_TABLES: dict[tuple[str, int], tuple[int, int]] = {
    ("pl_qd_ubnd_2061_2026_danhmuc.pdf", 1): (14, 9),  # header, 2 section rows, 11 tasks
    ("pl_qd_ubnd_2061_2026_danhmuc.pdf", 2): (9, 9),  # header, tasks 6-13
    ("bss_btc_luat_kdbh_2025.pdf", 1): (3, 3),  # header, CHƯƠNG I, Điều 3
    ("bss_btc_luat_kdbh_2025.pdf", 2): (4, 3),  # rest of a row, CHƯƠNG III, MỤC 1, Điều 63
    ("bss_bkhcn_luat_cgcn_2025.pdf", 1): (4, 3),  # header, Chương I, Điều 1, its text
    ("bss_bkhcn_luat_cgcn_2025.pdf", 2): (7, 3),  # header, Điều 2, khoản 1-4, khoản 5a
}
READERS = ("sohoa", "plumber+group", "plumber")
_ROW_KEPT = 90.0


def corpora() -> Path:
    env = os.environ.get("SOHOA_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.process_time()
    result = fn()
    return result, time.process_time() - started


def _pdftotext_raw(path: Path, page: int) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None


def _read_sohoa(data: bytes, dpi: int) -> tuple[list[str], list[float]]:
    import pypdfium2 as pdfium

    from ocr.pdfiumtext import text_page
    from ocr.textlayer import read_text_layer

    texts, times = [], []
    pdf, opened = _timed(lambda: pdfium.PdfDocument(data))
    try:
        for index in range(len(pdf)):

            def one(index: int = index) -> str:
                page = pdf[index]
                try:
                    width, height = page.get_size()
                    return read_text_layer(text_page(page, width, height), index + 1, dpi).text
                finally:
                    page.close()

            text, spent = _timed(one)
            texts.append(text)
            times.append(spent)
    finally:
        pdf.close()
    return texts, [t + opened / len(times) for t in times]


def _read_plumber(data: bytes, dpi: int) -> dict[str, list[Any]]:
    import pdfplumber

    from ocr.textlayer import read_text_layer

    out: dict[str, list[Any]] = {"grouped": [], "text": [], "tables": [], "t_path": [], "t_tables": []}
    pdf, opened = _timed(lambda: pdfplumber.open(io.BytesIO(data)))
    with pdf:
        for index, page in enumerate(pdf.pages):
            # The parse (pdfminer) happens at the first use of the chars: counted in the path.
            started = time.process_time()
            grouped = read_text_layer(page, index + 1, dpi).text
            t_path = time.process_time() - started
            text = page.extract_text(x_tolerance=1.5)
            started = time.process_time()
            tables = page.find_tables()
            t_tables = time.process_time() - started
            out["grouped"].append(grouped)
            out["text"].append(text)
            out["tables"].append([(len(t.rows), len(t.columns), t.extract(x_tolerance=1.5)) for t in tables])
            out["t_path"].append(t_path + opened / len(pdf.pages))
            out["t_tables"].append(t_tables)
    return out


def _row_text(row: list[str | None]) -> str:
    from bench.real.metrics import normalize_page

    return normalize_page(" ".join(cell for cell in row if cell))


def run(pdf_dir: Path, truth: list[dict], dpi: int) -> list[dict]:
    from rapidfuzz import fuzz

    from bench.real.metrics import line_errors, normalize_page, page_errors

    pages: list[dict] = []
    by_file: dict[str, list[dict]] = {}
    for record in truth:
        by_file.setdefault(Path(record["file"]).name, []).append(record)
    for name, records in sorted(by_file.items()):
        data = (pdf_dir / name).read_bytes()
        sohoa, t_sohoa = _read_sohoa(data, dpi)
        plumber = _read_plumber(data, dpi)
        for record in sorted(records, key=lambda r: r["page"]):
            i = record["page"] - 1
            texts = {"sohoa": sohoa[i], "plumber+group": plumber["grouped"][i], "plumber": plumber["text"][i]}
            refs = {"pdftotext": record["text"], "pdftotext -raw": _pdftotext_raw(pdf_dir / name, i + 1)}
            scores: dict[str, dict[str, tuple[int, int, int, int]]] = {}
            for ref_name, ref in refs.items():
                if ref is None:
                    continue
                scores[ref_name] = {
                    reader: (*page_errors(ref, text), *line_errors(ref, text))
                    for reader, text in texts.items()
                }
            tables = [(r, c, rows) for r, c, rows in plumber["tables"][i] if r >= 2 and c >= 2]
            hand = HAND_TABLES.get((name, record["page"]))
            found = max(tables, key=lambda t: t[0] * t[1], default=None)
            rows_kept: dict[str, tuple[int, int]] = {}
            if hand is not None and found is not None and (found[0], found[1]) == hand:
                row_texts = [t for t in (_row_text(row) for row in found[2]) if t]
                for reader, text in texts.items():
                    page_text = normalize_page(text)
                    kept = sum(1 for row in row_texts if fuzz.partial_ratio(row, page_text) >= _ROW_KEPT)
                    rows_kept[reader] = (kept, len(row_texts))
            pages.append(
                {
                    "file": name,
                    "page": record["page"],
                    "cpu_s": {"sohoa": t_sohoa[i], "plumber+group": plumber["t_path"][i]},
                    "cpu_s_find_tables": plumber["t_tables"][i],
                    "scores": scores,
                    "sohoa_vs_plumber_group": page_errors(texts["plumber+group"], texts["sohoa"]),
                    "tables": [(r, c) for r, c, _ in tables],
                    "hand_table": hand,
                    "rows_kept": rows_kept,
                    "texts": texts,
                }
            )
    return pages


def _pct(errors: int, chars: int) -> str:
    return f"{100 * errors / chars:5.2f} %" if chars else "    -  "


def report(pages: list[dict], per_page: bool) -> None:
    n = len(pages)
    cpu = {r: sum(p["cpu_s"][r] for p in pages) for r in ("sohoa", "plumber+group")}
    tables_cpu = sum(p["cpu_s_find_tables"] for p in pages)
    print(f"{n} pages, CPU time per page (one core):")
    print(f"  sohoa (pypdfium2)        {1000 * cpu['sohoa'] / n:7.1f} ms")
    print(
        f"  pdfplumber + grouping    {1000 * cpu['plumber+group'] / n:7.1f} ms"
        f"   x{cpu['plumber+group'] / max(cpu['sohoa'], 1e-9):.1f} of sohoa"
    )
    print(f"  + pdfplumber find_tables {1000 * tables_cpu / n:7.1f} ms more (on the page parsed above)")
    print()
    for ref in ("pdftotext", "pdftotext -raw"):
        scored = [p for p in pages if ref in p["scores"]]
        if not scored:
            print(f"(no {ref}: poppler-utils missing)")
            continue
        print(f"against {ref} ({len(scored)} pages): CER with order | line CER (order-free) | order cost")
        for reader in READERS:
            e = sum(p["scores"][ref][reader][0] for p in scored)
            c = sum(p["scores"][ref][reader][1] for p in scored)
            le = sum(p["scores"][ref][reader][2] for p in scored)
            lc = sum(p["scores"][ref][reader][3] for p in scored)
            worse = sum(
                1
                for p in scored
                if p["scores"][ref][reader][0] / max(p["scores"][ref][reader][1], 1)
                > p["scores"][ref]["sohoa"][0] / max(p["scores"][ref]["sohoa"][1], 1) + 0.005
            )
            print(
                f"  {reader:14s} {_pct(e, c)} | {_pct(le, lc)} | {100 * (e / c - le / lc):5.2f} pt"
                f"   pages > 0.5 pt worse than sohoa: {worse}"
            )
    differ = [
        p for p in pages if p["sohoa_vs_plumber_group"][0] > 0.005 * max(p["sohoa_vs_plumber_group"][1], 1)
    ]
    print(
        f"sohoa's text differs from pdfplumber chars + the same grouping by > 0.5 % on {len(differ)} of {n} pages"
        + (": " + ", ".join(f"{p['file'][:14]} p{p['page']}" for p in differ) if differ else "")
    )
    print()
    table_pages = [p for p in pages if p["hand_table"]]
    right = [p for p in table_pages if p["hand_table"] in p["tables"]]
    false = [p for p in pages if not p["hand_table"] and p["tables"]]
    print(
        f"tables (pdfplumber find_tables, 2+ rows x 2+ columns): rows x columns right on "
        f"{len(right)} of {len(table_pages)} hand-checked table pages; false tables on {len(false)} "
        f"of {n - len(table_pages)} pages without one"
    )
    for p in table_pages:
        print(f"  {p['file'][:32]:32s} p{p['page']}: hand {p['hand_table']}, pdfplumber {p['tables']}")
    for p in false:
        print(f"  false: {p['file'][:32]:32s} p{p['page']}: {p['tables']}")
    print(f"rows of those tables kept in one piece, cells in order (partial_ratio >= {_ROW_KEPT:.0f}):")
    for reader in READERS:
        kept = sum(p["rows_kept"][reader][0] for p in right if reader in p["rows_kept"])
        total = sum(p["rows_kept"][reader][1] for p in right if reader in p["rows_kept"])
        detail = ", ".join(
            f"{p['file'][:10]} p{p['page']} {p['rows_kept'][reader][0]}/{p['rows_kept'][reader][1]}"
            for p in right
            if reader in p["rows_kept"]
        )
        print(f"  {reader:14s} {kept:3d} / {total:3d}   ({detail})")
    if per_page:
        print()
        print("file page | sohoa ms plumber ms | CER vs pdftotext: sohoa plumber+group plumber | tables")
        for p in pages:
            s = p["scores"]["pdftotext"]
            print(
                f"{p['file'][:30]:30s} {p['page']} | {1000 * p['cpu_s']['sohoa']:6.1f} "
                f"{1000 * p['cpu_s']['plumber+group']:6.1f} | "
                + " ".join(_pct(s[r][0], s[r][1]) for r in READERS)
                + f" | {p['tables']}"
            )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench textlayer")
    parser.add_argument("--pages", action="store_true", help="one row per page")
    parser.add_argument("--json", type=Path, default=None, help="write every figure and text here")
    parser.add_argument("--dpi", type=int, default=300, help="the render DPI boxes are given at")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if importlib.util.find_spec("pdfplumber") is None:
        print("bench textlayer needs pdfplumber (the dev dependency group: uv sync)", file=sys.stderr)
        return 2
    root = corpora() / "vi_real_admin_pdfs"
    if not (root / "ground_truth.jsonl").is_file():
        print(f"vi_real_admin_pdfs missing under {corpora()}", file=sys.stderr)
        return 2
    truth = [json.loads(line) for line in (root / "ground_truth.jsonl").read_text().splitlines() if line]
    started = time.perf_counter()
    pages = run(root / "docs", truth, args.dpi)
    report(pages, args.pages)
    print(f"({time.perf_counter() - started:.0f} s wall)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(pages, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
