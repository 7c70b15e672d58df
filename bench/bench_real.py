"""Real-document benchmark (issue 13): sohoa against raw Tesseract on real agency documents.

    uv run python -m bench real                    # everything (~20-30 min on 2 cores)
    uv run python -m bench real --quick            # 200 DPI clean + hand-written + stamps, 6 docs, scans
    uv run python -m bench real --only hand,scans  # sections or condition names, comma list
    uv run python -m bench real --json out.json    # all figures (default .sohoa/bench/real-<time>.json)
    uv run python -m bench real --quick --compare bench/real/baseline-main.json   # what changed
    # --texts: every page's two texts in the JSON; --show N: the N pages per condition where
    # sohoa loses most to raw; --breakdown: page CER per document kind, and the --show pages
    # with most errors: order cost and the alignment's long runs (text missing / added); --docs N: the first N documents; --variants N: hand-written
    # renders per header page and group; --fonts dkg,breip: only the hand-written renders in
    # those fonts (develop on DEV_FONTS); --misses: every hand-written field not right, with
    # the header lines read, and every stamped page where the stamp costs sohoa. Renders are cached under $BENCH_CACHE
    # (default .sohoa/bench-cache/real-<version>/). SOHOA_* settings reach sohoa's side as
    # they reach `sohoa process` (e.g. SOHOA_OCR_RENDER_DPI).

The peer, measured in the same run on the same images, one process per core:
raw = ``OMP_THREAD_LIMIT=1 tesseract IMAGE - -l vie --psm 3``. sohoa = the public pipeline
as ``sohoa process`` runs it (``flows.pipeline.process_bytes`` with ``Settings().ocr()``; OCR
only, ``ocr.pipeline.read_document``, where no fields are needed), so whatever ``ocr/``,
``extractors/`` and ``quality/`` do is what is measured.

Sections (``--only``):

* ``pages``: page CER with reading order (Levenshtein of the whole page strings / truth
  length; NFC, whitespace collapsed, rule-only lines dropped, see ``bench/real/metrics.py``),
  the order-free line CER (each truth line against its closest output line) and bag-of-words
  F1, on vi_real_admin_pdfs rendered as ``clean150``, ``clean200``, ``clean300``,
  ``damaged200``, ``stamps200``, ``stamps200_color``, ``hand_dev``, ``hand_dev2``, ``hand_heldout`` (see
  ``bench/real/render.py``). The truth is the text layer, whose order is the PDF producer's:
  the "order cost" (CER with order − line CER) shows how much is reading order.
* ``hand``: the hand-written number and day (``hand_dev`` / ``hand_dev2`` / ``hand_heldout``): right / wrong /
  missing of ``document_number`` and ``issue_date`` from sohoa's extraction, and from raw
  Tesseract's text fed to the same extractor; "wrong with high confidence" = a wrong value
  whose field confidence is ≥ ``quality.rules.LOW_CONFIDENCE`` (below it, R-D5 sends the
  document to review).
* ``stamps``: the stamped pages: CER against the same pages clean, the CER of the text lines
  under a stamp, and how much stamp text leaked into the page text.
* ``scans``: vi_real_admin_scans (real signed scans, header fields transcribed by hand):
  number / date / type / verdict per document, and header-text CER with reading order.
* ``throughput``: pages/min of each batch (clean 300 DPI; damaged + stamped), sohoa / raw.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.real.render import Item
    from extractors import Extraction
    from quality import Verdict

ROOT = Path(__file__).resolve().parent.parent
CORES = os.cpu_count() or 1
CACHE = Path(os.environ.get("BENCH_CACHE", ROOT / ".sohoa" / "bench-cache")).resolve()
OUT = ROOT / ".sohoa" / "bench"

SECTIONS = {
    "pages": (
        "clean150",
        "clean200",
        "clean300",
        "damaged200",
        "stamps200",
        "stamps200_color",
        "hand_dev",
        "hand_dev2",
        "hand_heldout",
        "typed_control",
    ),
    "hand": ("hand_dev", "hand_dev2", "hand_heldout", "typed_control"),
    "stamps": ("clean200", "stamps200", "stamps200_color"),
    "throughput": ("clean300", "damaged200", "stamps200"),
    "scans": (),
}
QUICK = ("clean200", "hand_dev", "hand_heldout", "typed_control", "stamps200")
# The issue's figures for `sohoa process` on vi_real_admin_scans before issue 13 (the baseline).
ISSUE_BASELINE = {"number_right": 6, "date_right": 6, "unknown": 7, "accepted": 0, "of": 19}


def corpora() -> Path:
    env = os.environ.get("SOHOA_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


# ------------------------------------------------------------------ workers (one per core)


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    sys.path.insert(0, str(ROOT))
    import flows.pipeline  # noqa: F401  (imports are not part of any page's cost)


def _ready(_: int) -> int:
    time.sleep(0.2)  # keeps this worker busy so the next warm-up call lands on another
    return os.getpid()


def raw_tesseract(path: str) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    proc = subprocess.run(
        ["tesseract", path, "-", "-l", "vie", "--psm", "3"],
        check=False,
        capture_output=True,
        env=env,
        timeout=600,
    )
    return proc.stdout.decode("utf-8", "replace")


def sohoa_text(path: str) -> str:
    from flows.settings import Settings
    from ocr.pipeline import read_document

    return read_document(Path(path).read_bytes(), Settings().ocr()).text


def _fields(extraction: Extraction, verdict: Verdict) -> dict:
    return {
        "doc_type": extraction.doc_type,
        "fields": {
            k: {"value": v.value, "confidence": round(v.confidence, 4), "flags": list(v.flags)}
            for k, v in extraction.fields.items()
        },
        "status": verdict.status,
        "field_status": dict(verdict.fields),
    }


def sohoa_process(path: str) -> dict:
    """What ``sohoa process FILE`` gives for one file: text, fields, verdict."""
    from flows.pipeline import process_bytes
    from flows.settings import Settings
    from ocr.errors import InputError

    try:
        result = process_bytes(Path(path).read_bytes(), path, ocr_settings=Settings().ocr())
    except InputError as exc:
        return {
            "text": "",
            "doc_type": "error",
            "fields": {},
            "status": "error",
            "field_status": {},
            "error": str(exc),
        }
    return {"text": result.document.text, **_fields(result.extraction, result.verdict)}


def raw_process(path: str) -> dict:
    """Raw Tesseract's text through the same extractor and rules (the peer for fields).

    The text has no positions, so ``extractors.textdoc.document_from_text`` lays it out on
    a grid, each word at confidence 1.0: raw Tesseract says nothing about how sure it is, so
    every value it gives is taken as sure."""
    from datetime import date

    from extractors import extract
    from extractors.textdoc import document_from_text
    from quality import judge

    text = raw_tesseract(path)
    extraction = extract(document_from_text(text, source="ocr"))
    verdict = judge(extraction, today=date.today(), text=text)
    return {"text": text, **_fields(extraction, verdict)}


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for (Tesseract)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(task: tuple[str, str]) -> tuple[Any, float]:
    name, path = task
    cpu = _cpu()
    out = globals()[name](path)
    return out, _cpu() - cpu


def run_all(fn: Callable[[str], Any], items: list[str]) -> tuple[list, float, float]:
    """``fn`` on every item, one process per core; (outputs, wall seconds, CPU seconds), the
    workers started and warmed up before the clock starts.

    Wall seconds are what bench ocr reports; on a machine shared with other work they
    depend on the neighbours, so the CPU seconds spent on the pages (each worker's own and
    its Tesseract children's) are kept too: pages/min per core from them is steadier."""
    if not items:
        return [], 0.0, 0.0
    with ProcessPoolExecutor(CORES, initializer=_init_worker) as ex:
        list(ex.map(_ready, range(CORES)))
        started = time.perf_counter()
        done = list(ex.map(_timed, [(fn.__name__, i) for i in items], chunksize=1))
        wall = time.perf_counter() - started
    return [o for o, _ in done], wall, sum(c for _, c in done)


# ------------------------------------------------------------------ report


class Report:
    def __init__(self) -> None:
        self.data: dict = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "cores": CORES}
        self.summary: list[tuple[str, str, str]] = []

    def line(self, text: str = "") -> None:
        print(text, flush=True)

    def figure(self, name: str, value: str, bar: str = "") -> None:
        self.summary.append((name, value, bar))


def ratio(a: float, b: float) -> float:
    return a / b if b else (0.0 if a == 0 else float("inf"))


# ------------------------------------------------------------------ pages


def text_scores(truth: str, out: str) -> dict:
    from bench.real import metrics

    e, n = metrics.page_errors(truth, out)
    le, ln = metrics.line_errors(truth, out)
    m, tw, ow = metrics.bag_of_words(truth, out)
    return {"errors": e, "chars": n, "line_errors": le, "line_chars": ln, "bow": [m, tw, ow]}


def pooled(scores: list[dict]) -> dict:
    from bench.real.metrics import f1

    e = sum(s["errors"] for s in scores)
    n = sum(s["chars"] for s in scores)
    le = sum(s["line_errors"] for s in scores)
    ln = sum(s["line_chars"] for s in scores)
    bow = [sum(s["bow"][k] for s in scores) for k in range(3)]
    return {"pages": len(scores), "cer": e / max(n, 1), "line_cer": le / max(ln, 1), "bow_f1": f1(*bow)}


def run_condition(condition: str, items: list[Item], need_fields: bool) -> dict:
    paths = [i.path for i in items]
    raw_fn, ours_fn = (raw_process, sohoa_process) if need_fields else (raw_tesseract, sohoa_text)
    raw_out, raw_s, raw_cpu = run_all(raw_fn, paths)
    ours_out, ours_s, ours_cpu = run_all(ours_fn, paths)
    if not need_fields:
        raw_out = [{"text": t} for t in raw_out]
        ours_out = [{"text": t} for t in ours_out]
    return {
        "items": items,
        "raw": raw_out,
        "ours": ours_out,
        "raw_s": raw_s,
        "ours_s": ours_s,
        "raw_cpu": raw_cpu,
        "ours_cpu": ours_cpu,
    }


def report_pages(report: Report, runs: dict) -> None:
    report.line("\n## page CER on vi_real_admin_pdfs (truth = text layer; order = the PDF producer's)")
    report.line(
        f"{'condition':17} {'pages':>5} {'CER sohoa':>9} {'raw':>7} {'ratio':>6}   "
        f"{'line CER sohoa':>14} {'raw':>7}   {'BoW F1 sohoa':>12} {'raw':>6}"
    )
    out: dict[str, dict[str, Any]] = {}
    for condition, run in runs.items():
        ours = pooled(
            [text_scores(i.truth, o["text"]) for i, o in zip(run["items"], run["ours"], strict=True)]
        )
        raw = pooled([text_scores(i.truth, o["text"]) for i, o in zip(run["items"], run["raw"], strict=True)])
        out[condition] = {"sohoa": ours, "raw": raw, "cer_ratio": ratio(ours["cer"], raw["cer"])}
        report.line(
            f"{condition:17} {ours['pages']:5d} {ours['cer']:9.4f} {raw['cer']:7.4f} "
            f"{ratio(ours['cer'], raw['cer']):6.2f}   {ours['line_cer']:14.4f} {raw['line_cer']:7.4f}   "
            f"{ours['bow_f1']:12.4f} {raw['bow_f1']:6.4f}"
        )
    report.data["pages"] = out
    worst = max((v["cer_ratio"] for v in out.values()), default=0.0)
    for condition in ("clean200", "clean300", "damaged200"):
        if condition in out:
            v = out[condition]
            report.figure(
                f"page CER {condition}: sohoa vs raw",
                f"{v['sohoa']['cer']:.4f} vs {v['raw']['cer']:.4f} = {v['cer_ratio']:.2f}",
                "<= 0.70",
            )
            # Beside the bar, not instead of it: a table page's text layer runs across its
            # cells line by line or down a block of rows (vi_real_admin_pdfs/SOURCES.md), an
            # order no reader follows; there both readers score alike.
            for part, tables in (("table pages", True), ("text pages", False)):
                run = runs[condition]
                pairs = [
                    (i, o, r)
                    for i, o, r in zip(run["items"], run["ours"], run["raw"], strict=True)
                    if (i.doc_kind in TABLE_KINDS) == tables
                ]
                if pairs:
                    ours_part = pooled([text_scores(i.truth, o["text"]) for i, o, _ in pairs])
                    raw_part = pooled([text_scores(i.truth, r["text"]) for i, _, r in pairs])
                    report.figure(
                        f"  of which {len(pairs)} {part}",
                        f"{ours_part['cer']:.4f} vs {raw_part['cer']:.4f} = "
                        f"{ratio(ours_part['cer'], raw_part['cer']):.2f}",
                    )
    if out:
        report.figure("page CER, worst condition sohoa / raw", f"{worst:.2f}", "<= 1.00")


# Document kinds of vi_real_admin_pdfs whose pages are ruled tables (SOURCES.md: the
# comparison tables bss_* and the scoring table of pl_qd_ubnd_2061).
TABLE_KINDS = ("bang_so_sanh", "phu_luc_bang")


def per_page_table(report: Report, runs: dict, show: int, texts: bool = False) -> None:
    """Every page's scores into the JSON (with both texts and the image's path, ``texts``);
    the ``show`` pages where sohoa loses most to raw Tesseract (CER with order), per
    condition, on the screen."""
    report.data["per_page"] = {
        c: [
            {
                "id": i.id,
                "sohoa": text_scores(i.truth, o["text"]),
                "raw": text_scores(i.truth, r["text"]),
                **({"path": i.path, "sohoa_text": o["text"], "raw_text": r["text"]} if texts else {}),
            }
            for i, o, r in zip(run["items"], run["ours"], run["raw"], strict=True)
        ]
        for c, run in runs.items()
    }
    if not show:
        return
    report.line(
        f"\n## the {show} pages per condition where sohoa loses most to raw (errors with order; line errors)"
    )
    for condition, rows in report.data["per_page"].items():
        rows = sorted(rows, key=lambda r: r["raw"]["errors"] - r["sohoa"]["errors"])[:show]
        report.line(
            f"{condition}: "
            + "; ".join(
                f"{r['id']} {r['sohoa']['errors']} vs {r['raw']['errors']} ({r['sohoa']['line_errors']} vs "
                f"{r['raw']['line_errors']}) of {r['sohoa']['chars']}"
                for r in rows
            )
        )


def breakdown(report: Report, runs: dict, show: int, min_run: int = 15) -> None:
    """Where the errors are (``--breakdown``): CER with order per document kind, sohoa vs raw,
    and for the ``show`` pages per condition with most of sohoa's errors, the order cost
    (errors with order minus the order-free line errors) and the alignment's long runs: text
    of the truth the output lacks there (``-``), text the output has there that the truth
    lacks (``+``), ``min_run`` characters or more (text read elsewhere shows as both)."""
    from rapidfuzz.distance import Levenshtein

    from bench.real import metrics

    out: dict[str, dict] = {}
    report.line("\n## breakdown: page CER with order per document kind (sohoa vs raw, same run)")
    for condition, run in runs.items():
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        pages = []
        for item, ours, raw in zip(run["items"], run["ours"], run["raw"], strict=True):
            e, n = metrics.page_errors(item.truth, ours["text"])
            r, _ = metrics.page_errors(item.truth, raw["text"])
            le, _ = metrics.line_errors(item.truth, ours["text"])
            k = kinds[item.doc_kind or "?"]
            k[0] += e
            k[1] += r
            k[2] += n
            k[3] += 1
            pages.append((e, r, le, n, item))
        out[condition] = {
            k: {"sohoa": v[0], "raw": v[1], "chars": v[2], "pages": v[3]} for k, v in kinds.items()
        }
        report.line(
            f"{condition}: "
            + "; ".join(
                f"{k} ({v[3]} p) {v[0] / max(v[2], 1):.4f} vs {v[1] / max(v[2], 1):.4f}"
                for k, v in sorted(kinds.items(), key=lambda kv: -kv[1][0])
            )
        )
        for e, r, le, n, item in sorted(pages, key=lambda p: -p[0])[:show]:
            report.line(f"  {item.id}: {e} errors (raw {r}) of {n}; order cost {e - le}")
            ref, hyp = metrics.normalize_page(item.truth), metrics.normalize_page(run_text(run, item))
            for op in Levenshtein.opcodes(ref, hyp):
                gone, came = ref[op.src_start : op.src_end], hyp[op.dest_start : op.dest_end]
                if op.tag != "equal" and max(len(gone), len(came)) >= min_run:
                    if gone:
                        report.line(f"    - @{op.src_start} {gone[:160]!r}")
                    if came:
                        report.line(f"    + @{op.src_start} {came[:160]!r}")
    report.data["breakdown"] = out


def run_text(run: dict, item: Item) -> str:
    return next(o["text"] for i, o in zip(run["items"], run["ours"], strict=True) if i is item)


def headline(data: dict) -> dict[str, float]:
    """The numbers worth diffing between two runs (``--compare``), flattened."""
    out: dict[str, float] = {}

    def put(key: str, value: object) -> None:
        if isinstance(value, (int, float)):
            out[key] = value

    for c, v in data.get("pages", {}).items():
        for engine in ("sohoa", "raw"):
            put(f"pages.{c}.{engine}.cer", v.get(engine, {}).get("cer"))
            put(f"pages.{c}.{engine}.line_cer", v.get(engine, {}).get("line_cer"))
    for c, v in data.get("hand", {}).items():
        for engine, w in v.items():
            for k in ("number_right", "date_right", "wrong", "confident_wrong", "wrong_accepted"):
                put(f"hand.{c}.{engine}.{k}", w.get(k))
    for c, v in data.get("stamps", {}).items():
        for engine, w in v.items():
            for k in ("under_cer", "inserted_chars", "leak"):
                put(f"stamps.{c}.{engine}.{k}", w.get(k))
    for engine, t in data.get("scans", {}).get("totals", {}).items():
        for k in (
            "number_right",
            "number_wrong",
            "date_right",
            "date_wrong",
            "date_month_only",
            "unknown",
            "status_accepted",
            "accepted_all_right",
            "confident_wrong",
        ):
            put(f"scans.{engine}.{k}", t.get(k, 0))
    for name, v in data.get("throughput", {}).items():
        put(f"throughput.{name}.ratio", v.get("ratio"))
        put(f"throughput.{name}.cpu_ratio", v.get("cpu_ratio"))
    return out


def compare(report: Report, old_path: Path) -> None:
    old = headline(json.loads(old_path.read_text(encoding="utf-8")))
    new = headline(report.data)
    report.line(f"\n## against {old_path} (old -> new)")
    for key in sorted(set(old) & set(new)):
        if old[key] != new[key]:
            report.line(f"{key:58} {old[key]:10.4g} -> {new[key]:10.4g}")
    same = sum(1 for k in set(old) & set(new) if old[k] == new[k])
    report.line(f"({same} figures unchanged)")


# ------------------------------------------------------------------ hand-written digits


def _norm_number(value: str | None) -> str | None:
    return "".join(value.split()) if value else None


def judge_field(truth: str | None, got: dict | None, kind: str) -> str:
    """ "right" / "wrong" / "missing" (and "month_only" / "year_only" for a date read with its
    day, or its day and month, left out: not wrong, not enough)."""
    if got is None:
        return "missing"
    value = got["value"]
    if kind == "number":
        return "right" if _norm_number(value) == _norm_number(truth) else "wrong"
    if value == truth:
        return "right"
    if truth and value == truth[:7]:
        return "month_only"
    if truth and value == truth[:4]:
        return "year_only"
    return "wrong"


def field_outcomes(item: Item, out: dict, threshold: float) -> dict:
    res = {}
    for key, truth, kind in (
        ("document_number", item.expected_number, "number"),
        ("issue_date", item.expected_date, "date"),
    ):
        if truth is None:
            continue
        got = out.get("fields", {}).get(key)
        verdict = judge_field(truth, got, kind)
        digits_right = None
        if kind == "number":  # the hand-written part alone, whatever became of "/TB-UBND"
            digits_right = (
                bool(got) and (_norm_number(got["value"]) or "").split("/")[0] == truth.split("/")[0]
            )
        res[key] = {
            "truth": truth,
            "got": got and got["value"],
            "confidence": got and got["confidence"],
            "outcome": verdict,
            "digits_right": digits_right,
            "confident_wrong": verdict == "wrong" and got is not None and got["confidence"] >= threshold,
        }
    return res


def _header_lines(text: str) -> str:
    """The lines of a page's text that hold the number or the place and date."""
    lines = [ln.strip() for ln in text.splitlines() if re.search(r"\bS[ốo]\s*:|ngày", ln)]
    return " | ".join(lines[:3])


def report_misses(report: Report, runs: dict) -> None:
    """Every hand-written number or date sohoa did not get right: truth, value, confidence,
    verdict and the header lines of its text (``--misses``, to see where a value is lost)."""
    from quality.rules import LOW_CONFIDENCE

    report.line("\n## hand-written fields not right (sohoa): truth -> got (confidence) status | header lines")
    for condition in _font_groups():
        if condition not in runs:
            continue
        run = runs[condition]
        for item, res in zip(run["items"], run["ours"], strict=True):
            for key, v in field_outcomes(item, res, LOW_CONFIDENCE).items():
                if v["outcome"] == "right":
                    continue
                report.line(
                    f"{condition} {item.id} {key}: {v['truth']} -> {v['got']} ({v['confidence']}) "
                    f"{v['outcome']}{' CONFIDENT' if v['confident_wrong'] else ''} {res.get('status')} | "
                    f"{_header_lines(res.get('text', ''))}"
                )


def report_hand(report: Report, runs: dict) -> None:
    from quality.rules import LOW_CONFIDENCE

    report.line(f"\n## hand-written numbers and days (confident = field confidence >= {LOW_CONFIDENCE})")
    report.line(
        f"{'group':13} {'engine':6} {'number right':>12} {'date right':>11} {'wrong':>6} "
        f"{'confident wrong':>15} {'wrong & accepted':>16} {'number digits right':>19}"
    )
    out: dict[str, Any] = {}
    for condition in _font_groups():
        if condition not in runs:
            continue
        run = runs[condition]
        for engine in ("ours", "raw"):
            counts: Counter = Counter()
            rows = []
            for item, res in zip(run["items"], run[engine], strict=True):
                fo = field_outcomes(item, res, LOW_CONFIDENCE)
                for key, v in fo.items():
                    counts[(key, v["outcome"])] += 1
                    counts[(key, "n")] += 1
                    counts["confident_wrong"] += v["confident_wrong"]
                    counts["wrong_accepted"] += v["outcome"] == "wrong" and res.get("status") == "accepted"
                    counts["number_digits_right"] += bool(v["digits_right"])
                rows.append({"id": item.id, "font": item.font, "status": res.get("status"), **fo})
            name = "sohoa" if engine == "ours" else "raw"
            nn, dn = counts[("document_number", "n")], counts[("issue_date", "n")]
            nr, dr = counts[("document_number", "right")], counts[("issue_date", "right")]
            wrong = counts[("document_number", "wrong")] + counts[("issue_date", "wrong")]
            report.line(
                f"{condition:13} {name:6} {nr:5d}/{nn:<3d} {nr / max(nn, 1):4.0%} {dr:4d}/{dn:<3d}"
                f"{dr / max(dn, 1):4.0%} {wrong:6d} {counts['confident_wrong']:15d} "
                f"{counts['wrong_accepted']:16d} {counts['number_digits_right']:15d}/{nn:<3d}"
            )
            out.setdefault(condition, {})[name] = {
                "number_right": nr,
                "numbers": nn,
                "date_right": dr,
                "dates": dn,
                "wrong": wrong,
                "month_only": counts[("issue_date", "month_only")],
                "number_digits_right": counts["number_digits_right"],
                "confident_wrong": counts["confident_wrong"],
                "wrong_accepted": counts["wrong_accepted"],
                "rows": rows,
            }
        by_font: dict = defaultdict(Counter)
        for row in out[condition]["sohoa"]["rows"]:
            for key in ("document_number", "issue_date"):
                if key in row:
                    by_font[row["font"]][key + "_n"] += 1
                    by_font[row["font"]][key + "_right"] += row[key]["outcome"] == "right"
        report.line(
            "   sohoa by font: "
            + ", ".join(
                f"{f} {c['document_number_right']}/{c['document_number_n']} num {c['issue_date_right']}/"
                f"{c['issue_date_n']} day"
                for f, c in sorted(by_font.items())
            )
        )
    report.data["hand"] = out
    for condition in _font_groups():
        if condition in out:
            s, r = out[condition]["sohoa"], out[condition]["raw"]
            both = (s["number_right"] + s["date_right"]) / max(1, s["numbers"] + s["dates"])
            raw_both = (r["number_right"] + r["date_right"]) / max(1, r["numbers"] + r["dates"])
            report.figure(
                f"{condition}: numbers+days right, sohoa vs raw",
                f"{both:.0%} vs {raw_both:.0%}",
                ">= 80 %" if condition == "hand_heldout" else "",
            )
            report.figure(
                f"{condition}: wrong with high confidence / wrong & accepted",
                f"{s['confident_wrong']} / {s['wrong_accepted']}",
                "0 / 0",
            )


# ------------------------------------------------------------------ stamps


def _stamp_misses(report: Report, condition: str, run: dict, clean: dict[str, str]) -> None:
    """The stamped pages where sohoa reads the lines under a stamp worse than on the same
    page clean, or lets a stamp's words into the text: per page, the errors stamped / clean,
    the words leaked, and each line under the stamp as read (``--misses``)."""
    from functools import partial

    from rapidfuzz.distance import Levenshtein

    from bench.real import metrics

    lines = []
    for item, o in zip(run["items"], run["ours"], strict=True):
        text = o["text"]
        stamp, extra = metrics.words(item.stamp_text), metrics.words(text) - metrics.words(item.truth)
        leaked = sorted((stamp & extra).elements())
        e = n = e_clean = 0
        if item.under_stamp:
            e, n = metrics.line_errors("\n".join(item.under_stamp), text)
            if item.id in clean:
                e_clean, _ = metrics.line_errors("\n".join(item.under_stamp), clean[item.id])
        if e <= e_clean and not leaked:
            continue
        lines.append(
            f"{condition} {item.id}: under-stamp errors {e} (clean {e_clean}) of {n}; leaked {leaked}"
        )
        hyp = metrics.page_lines(text)
        for ref in metrics.page_lines("\n".join(item.under_stamp)):
            best = min(hyp, key=partial(Levenshtein.distance, ref), default="")
            if best != ref:
                lines.append(f"    truth {ref!r}\n    read  {best!r}")
    if lines:
        report.line(f"\n## {condition}: pages where a stamp costs sohoa (under-stamp errors or stamp words)")
        for line in lines:
            report.line(line)


def report_stamps(report: Report, runs: dict, misses: bool = False) -> None:
    from bench.real import metrics

    clean = runs.get("clean200")
    clean_out = {i.id: o["text"] for i, o in zip(clean["items"], clean["ours"], strict=True)} if clean else {}
    clean_raw = {i.id: o["text"] for i, o in zip(clean["items"], clean["raw"], strict=True)} if clean else {}
    out = {}
    for condition in ("stamps200", "stamps200_color"):
        if condition not in runs:
            continue
        run = runs[condition]
        res: dict = {}
        for engine, ref in (("ours", clean_out), ("raw", clean_raw)):
            leak = [0, 0]
            under = [0, 0]
            under_clean = [0, 0]
            inserted = [0, 0]  # characters aligned to nothing in the truth: stamped, clean
            for item, o in zip(run["items"], run[engine], strict=True):
                if item.id in ref:
                    inserted[0] += metrics.insertions(item.truth, o["text"])
                    inserted[1] += metrics.insertions(item.truth, ref[item.id])
                a, b = metrics.leaked(item.stamp_text, item.truth, o["text"])
                leak[0] += a
                leak[1] += b
                if item.under_stamp:
                    e, n = metrics.line_errors("\n".join(item.under_stamp), o["text"])
                    under[0] += e
                    under[1] += n
                    if item.id in ref:
                        e, n = metrics.line_errors("\n".join(item.under_stamp), ref[item.id])
                        under_clean[0] += e
                        under_clean[1] += n
            if misses and engine == "ours":
                _stamp_misses(report, condition, run, ref)
            res["sohoa" if engine == "ours" else "raw"] = {
                "leaked_words": leak[0],
                "stamp_words": leak[1],
                "leak": leak[0] / max(leak[1], 1),
                "under_cer": under[0] / max(under[1], 1),
                "under_cer_clean": under_clean[0] / max(under_clean[1], 1) if under_clean[1] else None,
                "inserted_chars": inserted[0],
                "inserted_chars_clean": inserted[1],
                "stamp_chars": sum(len(i.stamp_text) for i in run["items"]),
            }
        out[condition] = res
    if not out:
        return
    report.line(
        "\n## stamps: text under a stamp (line CER, stamped vs the same page clean) and stamp text in the page text"
    )
    for condition, res in out.items():
        for name, v in res.items():
            clean_txt = f"{v['under_cer_clean']:.4f}" if v["under_cer_clean"] is not None else "n/a"
            inserted_note = (
                f"; inserted chars {v['inserted_chars']} (clean {v['inserted_chars_clean']}; the "
                f"stamps hold {v['stamp_chars']})"
                if clean
                else ""
            )
            report.line(
                f"{condition:17} {name:6} under-stamp CER {v['under_cer']:.4f} (clean {clean_txt}); "
                f"stamp words leaked {v['leaked_words']}/{v['stamp_words']} = {v['leak']:.0%}{inserted_note}"
            )
    report.data["stamps"] = out
    s = out.get("stamps200", {}).get("sohoa")
    if s:
        clean_txt = f"{s['under_cer_clean']:.4f}" if s["under_cer_clean"] is not None else "n/a"
        report.figure(
            "stamps200: under-stamp line CER sohoa (clean)", f"{s['under_cer']:.4f} ({clean_txt})", "<= clean"
        )
        r = out["stamps200"]["raw"]
        report.figure(
            "stamps200: stamp words in sohoa's text", f"{s['leak']:.0%} (raw {r['leak']:.0%})", "0 %"
        )
        if clean:
            report.figure(
                "stamps200: chars added by the stamps, sohoa / raw",
                f"{s['inserted_chars'] - s['inserted_chars_clean']} / "
                f"{r['inserted_chars'] - r['inserted_chars_clean']}",
                "0",
            )


# ------------------------------------------------------------------ real scans


def scans_items(limit: int | None) -> list[dict]:
    root = corpora() / "vi_real_admin_scans"
    rows = [
        json.loads(line)
        for line in (root / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for row in rows:
        row["path"] = str(root / row["file"])
    return rows[:limit]


def bench_scans(report: Report, limit: int | None, texts: bool = False) -> None:
    from bench.real import metrics
    from quality.rules import LOW_CONFIDENCE

    rows = scans_items(limit)
    paths = [r["path"] for r in rows]
    raw_out, raw_s, raw_cpu = run_all(raw_process, paths)
    ours_out, ours_s, ours_cpu = run_all(sohoa_process, paths)
    report.line(
        f"\n## vi_real_admin_scans: {len(rows)} real signed scans (page 1); raw {raw_s:.0f} s, "
        f"sohoa {ours_s:.0f} s"
    )
    report.line(
        f"{'document':24} {'number (truth)':18} {'sohoa':16} {'raw':16} {'date':11} {'sohoa':11} "
        f"{'raw':11} {'type':24} {'verdict':12} {'hdr CER':>7} {'raw':>6}"
    )
    totals: dict[str, Counter[str]] = {name: Counter() for name in ("sohoa", "raw")}
    table = []
    for row, ours, raw in zip(rows, ours_out, raw_out, strict=True):
        entry = {
            "file": row["file"],
            "number": row["document_number"],
            "date": row["issue_date"],
            "number_handwritten": row.get("number_handwritten"),
            "day_handwritten": row.get("day_handwritten"),
        }
        for name, res in (("sohoa", ours), ("raw", raw)):
            f = res.get("fields", {})
            num = judge_field(row["document_number"], f.get("document_number"), "number")
            dat = judge_field(row["issue_date"], f.get("issue_date"), "date")
            e, n, k = metrics.header_errors(row["header_text"], res["text"])
            le, ln = metrics.line_errors(row["header_text"], res["text"])
            checked = [(f.get("document_number"), num), (f.get("issue_date"), dat)]
            confident_wrong = sum(
                1 for got, o in checked if got and o == "wrong" and got["confidence"] >= LOW_CONFIDENCE
            )
            accepted_right = res.get("status") == "accepted" and num == "right" and dat == "right"
            t = totals[name]
            t["number_" + num] += 1
            t["date_" + dat] += 1
            t["unknown"] += res.get("doc_type") == "unknown"
            t["status_" + str(res.get("status"))] += 1
            t["accepted_all_right"] += accepted_right
            t["confident_wrong"] += confident_wrong
            t["hdr_errors"] += e
            t["hdr_chars"] += n
            t["hdr_line_errors"] += le
            t["hdr_line_chars"] += ln
            if row.get("number_handwritten"):
                t["hw_numbers"] += 1
                t["hw_number_right"] += num == "right"
            if row.get("day_handwritten"):
                t["hw_days"] += 1
                t["hw_day_right"] += dat == "right"
            entry[name] = {
                "number": f.get("document_number", {}).get("value"),
                "number_outcome": num,
                "date": f.get("issue_date", {}).get("value"),
                "date_outcome": dat,
                "doc_type": res.get("doc_type"),
                "status": res.get("status"),
                "header_cer": e / max(n, 1),
                "header_lines": k,
                "header_line_cer": le / max(ln, 1),
                "confident_wrong": confident_wrong,
                **({"text": res["text"]} if texts else {}),
            }
        table.append(entry)
        s, r = entry["sohoa"], entry["raw"]

        def cell(value: str | None, outcome: str) -> str:
            mark = {"right": "✓", "wrong": "✗", "missing": "-", "month_only": "~", "year_only": "~"}[outcome]
            return f"{mark} {value or ''}"[:15]

        report.line(
            f"{Path(row['file']).stem[:24]:24} {row['document_number'][:18]:18} "
            f"{cell(s['number'], s['number_outcome']):16} {cell(r['number'], r['number_outcome']):16} "
            f"{row['issue_date']:11} {cell(s['date'], s['date_outcome']):11} "
            f"{cell(r['date'], r['date_outcome']):11} {str(s['doc_type'])[:24]:24} "
            f"{str(s['status'])[:12]:12} {s['header_cer']:7.3f} {r['header_cer']:6.3f}"
        )
    n = len(rows)
    for name, t in totals.items():
        report.line(
            f"{name:6} number right {t['number_right']}/{n}, wrong {t['number_wrong']}, missing "
            f"{t['number_missing']}; date right {t['date_right']}/{n}, wrong {t['date_wrong']}, month only "
            f"{t['date_month_only']}, year only {t['date_year_only']}, missing {t['date_missing']}; unknown type {t['unknown']}; accepted "
            f"{t['status_accepted']}, needs_review {t['status_needs_review']}, rejected {t['status_rejected']}; "
            f"accepted with every checked field right {t['accepted_all_right']}; confident wrong "
            f"{t['confident_wrong']}; hand-written numbers {t['hw_number_right']}/{t['hw_numbers']}, "
            f"days {t['hw_day_right']}/{t['hw_days']}; header CER {t['hdr_errors'] / max(t['hdr_chars'], 1):.4f} "
            f"(order-free line CER {t['hdr_line_errors'] / max(t['hdr_line_chars'], 1):.4f})"
        )
    b = ISSUE_BASELINE
    report.line(
        f"issue 13's figures for main before the issue: number right {b['number_right']}/{b['of']}, "
        f"date right {b['date_right']}/{b['of']}, unknown {b['unknown']}/{b['of']}, accepted "
        f"{b['accepted']}/{b['of']}"
    )
    s, r = totals["sohoa"], totals["raw"]
    report.data["scans"] = {
        "documents": n,
        "totals": {k: dict(v) for k, v in totals.items()},
        "table": table,
        "issue_baseline": ISSUE_BASELINE,
        "seconds": {"sohoa": ours_s, "raw": raw_s},
        "cpu_seconds": {"sohoa": ours_cpu, "raw": raw_cpu},
    }
    report.figure(
        "scans: number right (sohoa / raw)", f"{s['number_right']}/{n} / {r['number_right']}/{n}", ">= 16/19"
    )
    report.figure(
        "scans: date right (sohoa / raw)", f"{s['date_right']}/{n} / {r['date_right']}/{n}", ">= 16/19"
    )
    report.figure("scans: type unknown (sohoa)", f"{s['unknown']}/{n}")
    report.figure(
        "scans: accepted, every checked field right",
        f"{s['accepted_all_right']}/{n} (accepted {s['status_accepted']})",
        f">= {(n + 1) // 2}/{n}",
    )
    report.figure("scans: wrong with high confidence (sohoa)", f"{s['confident_wrong']}", "0")
    he, hr = (t["hdr_errors"] / max(t["hdr_chars"], 1) for t in (s, r))
    report.figure("scans: header CER with order, sohoa vs raw", f"{he:.4f} vs {hr:.4f} = {ratio(he, hr):.2f}")
    hle, hlr = (t["hdr_line_errors"] / max(t["hdr_line_chars"], 1) for t in (s, r))
    report.figure(
        "scans: header line CER (order-free), sohoa vs raw", f"{hle:.4f} vs {hlr:.4f} = {ratio(hle, hlr):.2f}"
    )


# ------------------------------------------------------------------ throughput


def report_throughput(report: Report, runs: dict) -> None:
    out = {}
    report.line("\n## throughput (each batch: one process per core, workers warm)")
    groups = {"clean300": ("clean300",), "real-like (damaged200 + stamps200)": ("damaged200", "stamps200")}
    for name, conditions in groups.items():
        have = [runs[c] for c in conditions if c in runs]
        if not have:
            continue
        pages = sum(len(r["items"]) for r in have)
        raw_s, ours_s = sum(r["raw_s"] for r in have), sum(r["ours_s"] for r in have)
        raw_cpu, ours_cpu = sum(r["raw_cpu"] for r in have), sum(r["ours_cpu"] for r in have)
        raw_ppm, ours_ppm = pages / raw_s * 60, pages / ours_s * 60
        # Pages/min of the machine's cores if each spent only the CPU the page took.
        raw_cpm, ours_cpm = pages / raw_cpu * 60 * CORES, pages / ours_cpu * 60 * CORES
        out[name] = {
            "pages": pages,
            "raw_ppm": raw_ppm,
            "sohoa_ppm": ours_ppm,
            "ratio": ours_ppm / raw_ppm,
            "raw_cpu_ppm": raw_cpm,
            "sohoa_cpu_ppm": ours_cpm,
            "cpu_ratio": ours_cpm / raw_cpm,
        }
        report.line(
            f"{name:36} {pages:3d} pages: wall: sohoa {ours_ppm:5.1f} p/min, raw {raw_ppm:5.1f} p/min, "
            f"ratio {ours_ppm / raw_ppm:.2f}; CPU: sohoa {ours_cpm:5.1f}, raw {raw_cpm:5.1f}, "
            f"ratio {ours_cpm / raw_cpm:.2f}"
        )
        report.figure(
            f"throughput {name}: sohoa / raw (wall)",
            f"{ours_ppm:.1f} / {raw_ppm:.1f} p/min = {ours_ppm / raw_ppm:.2f}",
            ">= 0.85" if name == "clean300" else "",
        )
        report.figure(
            f"throughput {name}: sohoa / raw (CPU)",
            f"{ours_cpm:.1f} / {raw_cpm:.1f} p/min = {ours_cpm / raw_cpm:.2f}",
            ">= 0.85" if name == "clean300" else "",
        )
    for condition, run in runs.items():
        out.setdefault("batches", {})[condition] = {
            "pages": len(run["items"]),
            "raw_s": run["raw_s"],
            "sohoa_s": run["ours_s"],
            "raw_cpu_s": run["raw_cpu"],
            "sohoa_cpu_s": run["ours_cpu"],
        }
    report.data["throughput"] = out


# ------------------------------------------------------------------ main


def _font_groups() -> tuple[str, ...]:
    from bench.real.render import FONT_GROUPS

    return tuple(FONT_GROUPS)


def _font_names() -> list[str]:
    from bench.real.render import DEV2_FONTS, DEV_FONTS, HELDOUT_FONTS

    return [*DEV_FONTS, *DEV2_FONTS, *HELDOUT_FONTS]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench real")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="200 DPI clean + hand-written + stamps on pages 1-2 of 6 documents, and the scans",
    )
    parser.add_argument(
        "--only", default="", help=f"comma list of sections {sorted(SECTIONS)} and/or conditions"
    )
    parser.add_argument(
        "--docs", type=int, default=0, help="only the first N documents of vi_real_admin_pdfs"
    )
    parser.add_argument(
        "--variants",
        type=int,
        default=2,
        help="hand-written renders per header page and font group (each in another font)",
    )
    parser.add_argument(
        "--fonts",
        default="",
        help=f"comma list: keep only the hand-written renders in these fonts ({', '.join(_font_names())})",
    )
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list every hand-written number and date not right, with the header lines read, and "
        "every stamped page where the stamp costs sohoa (under-stamp errors or stamp words)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write every figure here")
    parser.add_argument(
        "--compare", type=Path, default=None, help="a JSON of an earlier run: print what changed"
    )
    parser.add_argument(
        "--show", type=int, default=3, help="pages per condition where sohoa loses most to raw"
    )
    parser.add_argument("--texts", action="store_true", help="put every page's two texts into the JSON")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="page CER per document kind, and the --show worst pages' order cost and alignment",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from bench.real import render

    only = [w for w in args.only.split(",") if w]
    unknown = [w for w in only if w not in SECTIONS and w not in render.CONDITIONS]
    if unknown:
        print(
            f"unknown section/condition {unknown}; sections {sorted(SECTIONS)}, conditions "
            f"{list(render.CONDITIONS)}",
            file=sys.stderr,
        )
        return 2
    if only:
        conditions = [
            c for c in render.CONDITIONS if c in only or any(c in SECTIONS.get(w, ()) for w in only)
        ]
        sections = {w for w in only if w in SECTIONS} | {"pages"}
        if any(c in only for c in render.FONT_GROUPS):
            sections.add("hand")
        if any(c.startswith("stamps") for c in only):
            sections.add("stamps")
    elif args.quick:
        conditions, sections = list(QUICK), {"pages", "hand", "stamps", "scans"}
    else:
        conditions, sections = list(render.CONDITIONS), set(SECTIONS)
    report = Report()
    tess = subprocess.run(
        ["tesseract", "--version"], check=False, capture_output=True, text=True
    ).stdout.splitlines()[0]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], check=False, capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    report.data.update(
        {
            "tesseract": tess,
            "commit": commit,
            "argv": argv,
            "conditions": conditions,
            "sections": sorted(sections),
        }
    )
    print(
        f"cores: {CORES}; {tess}; commit {commit}; conditions {conditions}; sections {sorted(sections)}",
        flush=True,
    )

    pdfs = corpora() / "vi_real_admin_pdfs"
    if conditions and not pdfs.is_dir():
        print(f"corpus missing: {pdfs}", file=sys.stderr)
        return 2
    pages = render.corpus_pages(pdfs) if conditions else []
    docs = sorted({p.pdf for p in pages})
    variants = args.variants
    if args.quick:
        keep = set(docs[::3][:6])
        pages = [p for p in pages if p.pdf in keep and p.page <= 2]
        variants = 1
    elif args.docs:
        keep = set(docs[: args.docs])
        pages = [p for p in pages if p.pdf in keep]
    fonts = {f for f in args.fonts.split(",") if f}
    if fonts - set(_font_names()):
        print(f"unknown fonts {sorted(fonts - set(_font_names()))}; have {_font_names()}", file=sys.stderr)
        return 2
    runs: dict = {}
    for condition in conditions:
        started = time.perf_counter()
        items = render.build(
            condition,
            pages,
            CACHE,
            workers=CORES,
            variants=variants if condition in render.HAND_GROUPS else 1,
        )
        made = time.perf_counter() - started
        if fonts and condition in render.HAND_GROUPS:
            items = [i for i in items if i.font in fonts]
        need_fields = condition in render.FONT_GROUPS
        runs[condition] = run_condition(condition, items, need_fields)
        r = runs[condition]
        print(
            f"{condition:17} {len(items):3d} images (ready in {made:.0f} s); raw {r['raw_s']:.0f} s "
            f"({r['raw_cpu']:.0f} s CPU), sohoa {r['ours_s']:.0f} s ({r['ours_cpu']:.0f} s CPU)",
            flush=True,
        )
    if runs:
        report_pages(report, runs)
        per_page_table(report, runs, args.show, args.texts)
        if args.breakdown:
            breakdown(report, runs, args.show)
    if "hand" in sections:
        report_hand(report, runs)
        if args.misses:
            report_misses(report, runs)
    if "stamps" in sections:
        report_stamps(report, runs, args.misses)
    if "scans" in sections:
        if (corpora() / "vi_real_admin_scans").is_dir():
            bench_scans(report, None, args.texts)
        else:
            print("vi_real_admin_scans missing: scans section skipped", flush=True)
    if "throughput" in sections or runs:
        report_throughput(report, runs)
    report.line("\n## summary (sohoa against raw Tesseract, same run; bar = issue 13's 'Done when')")
    for name, value, bar in report.summary:
        report.line(f"{name:58} {value:34} {bar}")
    report.data["summary"] = [{"figure": n, "value": v, "bar": b} for n, v, b in report.summary]
    path = args.json or OUT / f"real-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)

    def default(o: Any) -> Any:
        return asdict(o) if hasattr(o, "__dataclass_fields__") else str(o)

    path.write_text(json.dumps(report.data, ensure_ascii=False, indent=1, default=default), encoding="utf-8")
    print(f"figures written to {path}")
    if args.compare:
        compare(report, args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
