"""Field extraction benchmark (issue 4): generated samples of every doc type, clean and
damaged, through real OCR; and the outside set vi_synth_forms_nomvn.

    uv run python -m bench fields            # 20 per type, clean + damaged + vi_synth
    uv run python -m bench.bench_fields --per-type 5 --skip-outside   # quicker look

Bars: doc-type accuracy ≥ 0.98; field F1 (exact match on the normalized value) ≥ 0.97
clean and ≥ 0.92 damaged; labelled values of vi_synth_forms_nomvn F1 ≥ 0.90.

Counting: per field of the truth, a true positive when the extractor returns the key with
the same normalized value; a wrong value counts as a false positive *and* a false
negative; a key the truth lacks counts as a false positive.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SEED_CLEAN, SEED_DAMAGED = 2026, 2027
CORPUS = Path("/work/shared/corpora/vi_synth_forms_nomvn")
BARS = {"doc_type_accuracy": 0.98, "clean_f1": 0.97, "damaged_f1": 0.92, "outside_f1": 0.90}


def _ocr_extract(path: str) -> dict:
    """OCR, fields and verdict of one file, as ``sohoa process`` gives them."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from datetime import date

    from extractors import extract
    from ocr.pipeline import read_document
    from quality import judge

    doc = read_document(Path(path).read_bytes())
    ex = extract(doc)
    verdict = judge(ex, today=date.today(), text=doc.text)
    return {"doc_type": ex.doc_type, "fields": {k: v.value for k, v in ex.values.items()},
            "unread": sorted(ex.unread), "status": verdict.status,
            "violations": [(v.rule, v.criterion, v.severity, v.field) for v in verdict.violations
                           if v.severity != "info"]}


def _ocr_labelled(path: str) -> list[tuple[str, str]]:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from extractors import read_labelled_values
    from ocr.pipeline import read_document

    doc = read_document(Path(path).read_bytes())
    return [(k, v.value) for k, v in read_labelled_values(doc)]


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, truth: str | None, got: str | None) -> None:
        if truth is not None and got == truth:
            self.tp += 1
            return
        if got is not None:
            self.fp += 1
        if truth is not None:
            self.fn += 1

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return 2 * p * r / (p + r) if p + r else 0.0


def _run_generated(out: Path, per_type: int, seed: int, damaged: bool, workers: int) -> dict:
    from extractors.samples import ALL_TYPES, DAMAGE_KINDS, generate

    truths = generate(out, per_type * len(ALL_TYPES), seed=seed, formats=("png", "jpg", "pdf", "tif"),
                      damage=damaged, types=ALL_TYPES, damage_kinds=DAMAGE_KINDS if damaged else None)
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_ocr_extract, [str(out / t.file) for t in truths]))
    total = Score()
    by_type: dict[str, Score] = defaultdict(Score)
    by_field: dict[tuple[str, str], Score] = defaultdict(Score)
    by_damage: dict[str, Score] = defaultdict(Score)
    type_ok = Counter()
    type_n = Counter()
    misses = []
    for t, r in zip(truths, results):
        type_n[t.doc_type] += 1
        type_ok[t.doc_type] += r["doc_type"] == t.doc_type
        keys = set(t.fields) | set(r["fields"])
        for k in sorted(keys):
            truth, got = t.fields.get(k), r["fields"].get(k)
            for s in (total, by_type[t.doc_type], by_field[(t.doc_type, k)]):
                s.add(truth, got)
            if t.damage:
                by_damage[t.damage.get("kind", "default")].add(truth, got)
            if truth != got:
                misses.append((t.file, k, truth, got))
    status = Counter(r["status"] for r in results)
    return {"n": len(truths), "total": total, "by_type": by_type, "by_field": by_field, "type_ok": type_ok,
            "type_n": type_n, "misses": misses, "by_damage": by_damage, "status": status,
            "results": results, "truths": truths}


def _print_generated(name: str, res: dict) -> None:
    print(f"\n## {name}: {res['n']} pages")
    acc = sum(res["type_ok"].values()) / res["n"]
    print(f"doc-type accuracy {acc:.3f}; field F1 {res['total'].f1():.3f} "
          f"(tp {res['total'].tp}, fp {res['total'].fp}, fn {res['total'].fn})")
    print(f"{'type':26} {'type acc':>8} {'F1':>6}")
    for dt in sorted(res["type_n"]):
        print(f"{dt:26} {res['type_ok'][dt] / res['type_n'][dt]:8.3f} {res['by_type'][dt].f1():6.3f}")
    print(f"\n{'type.field':58} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
    for (dt, k), s in sorted(res["by_field"].items()):
        print(f"{dt + '.' + k:58} {s.f1():6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
    if res["by_damage"]:
        print("\nby damage kind: " + ", ".join(f"{k} {s.f1():.3f}" for k, s in sorted(res["by_damage"].items())))
    st = res["status"]
    print(f"\nverdicts (every page is a valid document): accepted {st['accepted']}, needs_review "
          f"{st['needs_review']}, rejected {st['rejected']} of {res['n']}")
    rules = Counter(f"{v[0]}[{v[3]}]" for r in res["results"] for v in r["violations"])
    print("rules sending them on: " + ", ".join(f"{k} {n}" for k, n in rules.most_common(8)))
    for miss in res["misses"][:40]:
        print("  miss", *miss)


# --- outside set --------------------------------------------------------------------------
# Labels of the issue (and the synonyms the corpus prints for them) → (key, value kind).
# "Mã số thuế" is the mã số doanh nghiệp (Luật DN 2020 Đ.29); "Tôi tên là" is the đơn's
# "Họ và tên". A qualified label ("Họ tên cha", "Địa chỉ thường trú trước đây") is another
# field and is not counted.
OUTSIDE_LABELS = {
    "Họ và tên": ("full_name", "name"),
    "Họ tên": ("full_name", "name"),
    "Tôi tên là": ("full_name", "name"),
    "Ngày sinh": ("date_of_birth", "date"),
    "CCCD số": ("id_number", "personal_id"),
    "Địa chỉ thường trú": ("address", "place"),
    "Số điện thoại": ("phone", "phone"),
    "Mã số doanh nghiệp": ("enterprise_code", "mst"),
    "Mã số thuế": ("enterprise_code", "mst"),
}
_OUTSIDE_RE = re.compile(
    r"(?:^|[—;]\s*)(?:[-•*]\s*)?(" + "|".join(map(re.escape, sorted(OUTSIDE_LABELS, key=len, reverse=True)))
    + r")\s*:\s*(.+?)\s*(?=\s—\s|$)"
)


def outside_truth(text: str) -> list[tuple[str, str]]:
    """The labelled values of a ground-truth text (``Label: value`` at a line start or after
    "—"), normalized as the extractor normalizes."""
    from extractors.labels import normalize_value

    out = []
    for line in text.splitlines():
        for m in _OUTSIDE_RE.finditer(line):
            key, kind = OUTSIDE_LABELS[m.group(1)]
            got = normalize_value(kind, m.group(2))
            if got:
                out.append((key, got[0]))
    return out


def _run_outside(workers: int) -> dict:
    rows = [json.loads(line) for line in open(CORPUS / "ground_truth.jsonl", encoding="utf-8")]
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_ocr_labelled, [str(CORPUS / r["pdf"]) for r in rows]))
    by_key: dict[str, Score] = defaultdict(Score)
    total = Score()
    misses = []
    for row, got in zip(rows, results):
        truth = Counter(outside_truth(row["text"]))
        pred = Counter(got)
        for pair, n in (truth | pred).items():
            tp = min(truth[pair], pred[pair])
            for s in (total, by_key[pair[0]]):
                s.tp += tp
                s.fn += truth[pair] - tp
                s.fp += pred[pair] - tp
            if truth[pair] != pred[pair]:
                misses.append((row["doc_id"], pair, truth[pair], pred[pair]))
    return {"n": len(rows), "total": total, "by_key": by_key, "misses": misses}


def _generated(a, tmp: str, figures: dict) -> None:
    clean = _run_generated(Path(tmp) / "clean", a.per_type, SEED_CLEAN, False, a.workers)
    _print_generated(f"clean (seed {SEED_CLEAN})", clean)
    acc = sum(clean["type_ok"].values()) / clean["n"]
    figures["clean"] = {"doc_type_accuracy": acc, "f1": clean["total"].f1(),
                        "ok": acc >= BARS["doc_type_accuracy"] and clean["total"].f1() >= BARS["clean_f1"]}
    if not a.skip_damaged:
        dmg = _run_generated(Path(tmp) / "damaged", a.per_type, SEED_DAMAGED, True, a.workers)
        _print_generated(f"damaged (seed {SEED_DAMAGED})", dmg)
        dacc = sum(dmg["type_ok"].values()) / dmg["n"]
        figures["damaged"] = {"doc_type_accuracy": dacc, "f1": dmg["total"].f1(),
                              "ok": dacc >= BARS["doc_type_accuracy"] and dmg["total"].f1() >= BARS["damaged_f1"]}


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="bench fields")
    p.add_argument("--per-type", type=int, default=20)
    p.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    p.add_argument("--skip-outside", action="store_true")
    p.add_argument("--skip-damaged", action="store_true")
    p.add_argument("--skip-generated", action="store_true")
    p.add_argument("--json", type=Path, help="write the figures here")
    a = p.parse_args(argv)
    started = time.perf_counter()
    figures: dict = {}
    if not a.skip_generated:
        with tempfile.TemporaryDirectory(prefix="bench-fields-") as tmp:
            _generated(a, tmp, figures)
    ok = all(figures[k]["ok"] for k in ("clean", "damaged") if k in figures)
    if not a.skip_outside and CORPUS.is_dir():
        out = _run_outside(a.workers)
        print(f"\n## vi_synth_forms_nomvn: {out['n']} PDFs, labelled values F1 {out['total'].f1():.3f} "
              f"(tp {out['total'].tp}, fp {out['total'].fp}, fn {out['total'].fn})")
        for k, s in sorted(out["by_key"].items()):
            print(f"  {k:18} F1 {s.f1():.3f} (tp {s.tp}, fp {s.fp}, fn {s.fn})")
        for miss in out["misses"][:30]:
            print("  miss", *miss)
        figures["outside"] = {"f1": out["total"].f1(), "ok": out["total"].f1() >= BARS["outside_f1"]}
        ok = ok and figures["outside"]["ok"]
    print(f"\nbars {BARS}: {'MET' if ok else 'NOT MET'} in {time.perf_counter() - started:.0f} s")
    if a.json:
        a.json.write_text(json.dumps(figures, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
