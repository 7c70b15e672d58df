"""OCR benchmark: sohoa's OCR path against raw Tesseract (and OCRmyPDF) in the same run.

``uv run python -m bench ocr [--quick] [--only accuracy,throughput,ocrmypdf,text,reread,rss]``.

Every figure is a ratio against a peer measured here, on the same inputs:

* raw = ``OMP_THREAD_LIMIT=1 tesseract IMAGE - -l vie --psm 3``, one process per core;
* sohoa = ``ocr.pipeline.read_document`` (preprocessing included), one document per core;
* OCRmyPDF = ``ocrmypdf -l vie --output-type pdf --jobs N`` on one multi-page PDF, against
  ``ocr.pipeline.read_document_with_pdf`` (which also writes the searchable PDF);
* the reread's cost: the odd files of the robustness corpora with and without the
  deblurred reread of poorly read pages (``OcrSettings.deblur_below_confidence``).

CER is counted line by line (design.md): each reference line against its closest output
line, so reading order does not count. Variants (rotated, skewed, 150 DPI, JPEG, faint,
noisy) are made here from the clean pages of vi_synth_docs_v1_nomvn.

The mild variants (dpi150, jpeg20, faint, noisy) leave raw Tesseract at <= 0.05 % CER, too
little for a ratio to mean anything. Three more imitate archive damage at strengths where
raw Tesseract does make errors; each is deterministic (seeded by the page's index):

* ``photocopy100``: copier blur (Gaussian sigma 1.2 px at 300 DPI), toner at ~16 % grey on
  ~88 % grey paper, sigma-6 noise, then rescanned at 100 DPI (bilinear);
* ``jpeg15_150dpi``: a 150-DPI scan (Lanczos) saved as JPEG quality 15;
* ``dpi100`` / ``dpi75``: the page downsampled (Lanczos) to 100 / 75 DPI, a draft scan;
* ``fax``: standard-resolution fax, 204 x 98 DPI, thresholded at 150 and stored as a
  bilevel CCITT G3 TIFF (squashed glyphs: raw Tesseract's worst case here);
* ``jpeg10_100dpi``: a 100-DPI scan saved as JPEG quality 10;
* ``phone_shadow``: faint toner (ink ~55 % grey on ~92 % paper) lit unevenly, the light
  falling to ~35 % away from a random point, sigma-5 sensor noise, 0.8-px blur, JPEG 60.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
CORES = os.cpu_count() or 1
OUT = ROOT / "bench" / "out"


def corpora() -> Path:
    env = os.environ.get("SOHOA_CORPORA")
    return Path(env) if env else ROOT.parent / "shared" / "corpora"


# ------------------------------------------------------------------ text metrics


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


# Columns in a ground-truth line: the synthetic pages' truth keeps side-by-side cells (a
# receipt's signers, "Người nộp tiền      Người thu tiền") apart by runs of spaces.
_CELL_GAP = re.compile(r"\s{3,}")


def line_errors(reference: str, hypothesis: str, cells: bool = True) -> tuple[int, int]:
    """(errors, reference characters), each reference line against its closest line.

    With ``cells``, a reference line of side-by-side columns may also be read as its cells,
    each against its own closest line, whichever costs less: reading two signers' columns
    one after the other is reading order, which this line score leaves out, as it does for
    lines. ``cells=False`` is the score of 2026-11-28 (a line across columns, whole).
    """
    hyp = [normalize(h) for h in hypothesis.splitlines() if h.strip()]
    errors = total = 0

    def closest(ref: str) -> int:
        return min((Levenshtein.distance(ref, h) for h in hyp), default=len(ref))

    for line in reference.splitlines():
        ref = normalize(line)
        if not ref:
            continue
        total += len(ref)
        cost = closest(ref)
        parts = [normalize(p) for p in _CELL_GAP.split(line.strip())] if cells else []
        if cost and len(parts) > 1:
            cost = min(cost, sum(closest(p) for p in parts if p))
        errors += cost
    return errors, total


# ------------------------------------------------------------------ inputs


def _png(image: Image.Image, dpi: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _rotate(image: Image.Image, angle: float) -> Image.Image:
    return image.rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)


def _faint(image: Image.Image) -> Image.Image:
    # A pale photocopy: ink at ~60 % grey on a slightly grey page, a little blur.
    a: np.ndarray = np.asarray(image, dtype=np.float32)
    a = 215 - (255 - a) * (215 - 150) / 255
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def _noisy(image: Image.Image, seed: int) -> Image.Image:
    rng = np.random.default_rng(seed)
    a = np.asarray(image, dtype=np.float32) + rng.normal(0, 25, image.size[::-1])
    speckle = rng.random(image.size[::-1])
    a[speckle < 0.004] = 0
    a[speckle > 0.996] = 255
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def _jpeg(image: Image.Image, dpi: int, quality: int = 20) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue()


def _photocopy(image: Image.Image, dpi: int, seed: int, target: int = 100) -> bytes:
    # A 100-DPI copy of a copy: blur of the copier optics (sigma 1.2 px at 300 DPI), toner
    # that fills in (slightly darker strokes), grey paper, then scanned at 100 DPI.
    rng = np.random.default_rng(seed)
    a: np.ndarray = np.asarray(image.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32)
    a = 225 - (255 - a) * (225 - 40) / 255 + rng.normal(0, 6, a.shape)
    small = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).resize(
        (image.width * target // dpi, image.height * target // dpi), Image.Resampling.BILINEAR
    )
    return _png(small, target)


def _downsampled(image: Image.Image, dpi: int, target: int) -> Image.Image:
    return image.resize((image.width * target // dpi, image.height * target // dpi), Image.Resampling.LANCZOS)


def _jpeg_heavy(image: Image.Image, dpi: int, quality: int = 15, target: int = 150) -> bytes:
    # A mailed 150-DPI scan saved at JPEG quality 15: blocks and ringing around glyphs.
    return _jpeg(_downsampled(image, dpi, target), target, quality)


def _phone_photo(image: Image.Image, dpi: int, seed: int) -> bytes:
    # Faint toner photographed by a phone: ink at ~60 % grey, paper lit unevenly (a
    # shadow falling off from a random point to ~35 % of the light), sensor noise, JPEG 60.
    rng = np.random.default_rng(seed)
    a: np.ndarray = np.asarray(image, dtype=np.float32)
    a = 235 - (255 - a) * (235 - 140) / 255
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = (0.15 + 0.7 * rng.random()) * w, (0.15 + 0.7 * rng.random()) * h
    distance = np.hypot(xx - cx, yy - cy) / np.hypot(w, h)
    light = 1.0 - 0.65 * np.clip(distance / 0.7, 0, 1) ** 1.5
    a = a * light + rng.normal(0, 5, a.shape)
    blurred = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return _jpeg(blurred, dpi, 60)


def _fax(image: Image.Image, dpi: int) -> bytes:
    # 204 x 98 DPI: pixels twice as tall as wide; bilevel, CCITT Group 3 like a fax machine.
    small = image.resize((image.width * 204 // dpi, image.height * 98 // dpi), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    small.point(lambda v: 255 if v > 150 else 0).convert("1").save(
        out, format="TIFF", compression="group3", dpi=(204, 98)
    )
    return out.getvalue()


# Each variant: name -> function(gray page, dpi, seed) -> file bytes.
VARIANTS: dict[str, Callable[[Image.Image, int, int], bytes]] = {
    "clean": lambda im, dpi, s: _png(im, dpi),
    "rot90": lambda im, dpi, s: _png(_rotate(im, 90), dpi),
    "rot180": lambda im, dpi, s: _png(_rotate(im, 180), dpi),
    "rot270": lambda im, dpi, s: _png(_rotate(im, 270), dpi),
    "skew2": lambda im, dpi, s: _png(_rotate(im, 2), dpi),
    "skew3.5": lambda im, dpi, s: _png(_rotate(im, -3.5), dpi),
    "skew5": lambda im, dpi, s: _png(_rotate(im, 5), dpi),
    "dpi150": lambda im, dpi, s: _png(_downsampled(im, dpi, 150), 150),
    "jpeg20": lambda im, dpi, s: _jpeg(im, dpi),
    "faint": lambda im, dpi, s: _png(_faint(im), dpi),
    "noisy": lambda im, dpi, s: _png(_noisy(im, s), dpi),
    # Archive damage at strengths where raw Tesseract makes errors (see the module docs).
    "photocopy100": _photocopy,
    "jpeg15_150dpi": lambda im, dpi, s: _jpeg_heavy(im, dpi),
    "phone_shadow": _phone_photo,
    "dpi100": lambda im, dpi, s: _png(_downsampled(im, dpi, 100), 100),
    "dpi75": lambda im, dpi, s: _png(_downsampled(im, dpi, 75), 75),
    "fax": lambda im, dpi, s: _fax(im, dpi),
    "jpeg10_100dpi": lambda im, dpi, s: _jpeg(_downsampled(im, dpi, 100), 100, 10),
}
ROTATED = ("rot90", "rot180", "rot270")
SKEWED = ("skew2", "skew3.5", "skew5")
DAMAGED = ("photocopy100", "jpeg15_150dpi", "phone_shadow", "dpi100", "dpi75", "fax", "jpeg10_100dpi")
DEGRADED = ("dpi150", "jpeg20", "faint", "noisy", *DAMAGED, *ROTATED, *SKEWED)


def synth_pages(limit: int | None) -> list[tuple[str, Image.Image, int, str]]:
    """(id, grayscale page at 300 DPI, dpi, ground truth) of vi_synth_docs_v1_nomvn."""
    root = corpora() / "vi_synth_docs_v1_nomvn"
    truth = {}
    for line in (root / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            truth[rec["doc_id"]] = rec["full_text"]
    pages = []
    for doc_id in sorted(truth)[:limit]:
        image = Image.open(root / "pages" / f"{doc_id}_p1.png").convert("L")
        # The pages are Letter at 200 DPI; upscale to the 300 DPI of a good office scan.
        image = image.resize((image.width * 3 // 2, image.height * 3 // 2), Image.Resampling.BICUBIC)
        pages.append((doc_id, image, 300, truth[doc_id]))
    return pages


def line_samples(limit: int | None) -> list[tuple[str, bytes, str]]:
    root = corpora() / "vi_synth_lines_nomvn"
    out = []
    for gt_name, keys in (
        ("ground_truth.jsonl", ("clean", "noisy")),
        ("ground_truth_hard.jsonl", ("image",)),
    ):
        for line in (root / gt_name).read_text(encoding="utf-8").splitlines()[:limit]:
            rec = json.loads(line)
            for key in keys:
                label = "hard" if key == "image" else key
                out.append((f"lines_{label}", (root / rec[key]).read_bytes(), rec["text"]))
    return out


def form_samples(limit: int | None) -> list[tuple[str, bytes, str]]:
    root = corpora() / "vi_synth_forms_nomvn"
    out = []
    for line in (root / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        rec = json.loads(line)
        path = root / rec["pdf"]
        if path.is_file():
            out.append(("forms", path.read_bytes(), rec["text"]))
    return out


def tesseract_testing_samples() -> list[tuple[str, bytes, str]]:
    root = corpora() / "tesseract_testing" / "testing"
    out = []
    for image, gold in (("phototest.tif", "phototest.gold.txt"), ("eurotext.tif", "eurotext.txt")):
        if (root / image).is_file() and (root / gold).is_file():
            out.append(
                ("tesseract_testing", (root / image).read_bytes(), (root / gold).read_text(encoding="utf-8"))
            )
    return out


# ------------------------------------------------------------------ the two systems


def raw_tesseract(data: bytes) -> str:
    """Raw Tesseract on one image file (a PDF is rendered by PDFium first: Tesseract reads none)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        if data.startswith(b"%PDF"):
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(data)
            for i in range(len(pdf)):
                path = os.path.join(tmp, f"p{i}.png")
                pdf[i].render(scale=300 / 72).to_pil().convert("L").save(path, dpi=(300, 300))
                inputs.append(path)
        else:
            path = os.path.join(tmp, "in")
            Path(path).write_bytes(data)
            inputs.append(path)
        texts = []
        for path in inputs:
            proc = subprocess.run(
                ["tesseract", path, "-", "-l", "vie", "--psm", "3"], capture_output=True, env=env, timeout=600
            )
            texts.append(proc.stdout.decode("utf-8", "replace"))
        return "\n".join(texts)


def sohoa(data: bytes) -> str:
    from ocr.pipeline import read_document

    return read_document(data).text


def _init_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # A long-running worker imports once; not part of any page's cost.
    import ocr.pipeline  # noqa: F401


def _ready(_: int) -> int:
    time.sleep(0.2)  # keeps this worker busy so the next warm-up call lands on another
    return os.getpid()


def run_all(fn: Callable[[bytes], str], items: list[bytes], pool: str = "process") -> tuple[list[str], float]:
    """Apply ``fn`` to every item, one per core at a time; (outputs, wall seconds), the
    workers started and warmed up before the clock starts."""
    if pool == "thread":
        started = time.perf_counter()
        with ThreadPoolExecutor(CORES) as ex:
            out = list(ex.map(fn, items))
        return out, time.perf_counter() - started
    with ProcessPoolExecutor(CORES, initializer=_init_worker) as ex:
        list(ex.map(_ready, range(CORES)))
        started = time.perf_counter()
        out = list(ex.map(fn, items, chunksize=1))
        return out, time.perf_counter() - started


# ------------------------------------------------------------------ report


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []
        self.failed: list[str] = []

    def figure(self, name: str, value: str, verdict: bool | None = None, bar: str = "") -> None:
        mark = "" if verdict is None else ("PASS" if verdict else "FAIL")
        if verdict is False:
            self.failed.append(name)
        line = f"{name:<58} {value:<28} {mark:<4} {bar}"
        print(line, flush=True)
        self.rows.append((name, value, mark))


def cer_of(samples: list[tuple[str, str]], cells: bool = True) -> float:
    errors = total = 0
    for reference, hypothesis in samples:
        e, t = line_errors(reference, hypothesis, cells)
        errors += e
        total += t
    return errors / max(1, total)


def bench_accuracy(report: Report, limit: int | None) -> None:
    pages = synth_pages(limit)
    items: list[tuple[str, bytes, str]] = []
    for seed, (_doc_id, image, dpi, truth) in enumerate(pages):
        for variant, make in VARIANTS.items():
            items.append((variant, make(image, dpi, seed), truth))
    extra = line_samples(limit) + form_samples(limit) + tesseract_testing_samples()
    items += extra
    datas = [d for _, d, _ in items]
    raw_out, raw_s = run_all(raw_tesseract, datas)
    ours_out, ours_s = run_all(sohoa, datas)
    print(f"accuracy run: {len(items)} inputs; raw {raw_s:.0f} s, sohoa {ours_s:.0f} s", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)  # the texts, to score again without reading again
    (OUT / "ocr-accuracy-texts.json").write_text(
        json.dumps(
            [
                {"group": g, "truth": t, "raw": r, "sohoa": o}
                for (g, _d, t), r, o in zip(items, raw_out, ours_out, strict=True)
            ],
            ensure_ascii=False,
        )
    )

    groups: dict[str, tuple[list, list]] = {}
    for (group, _data, truth), raw, ours in zip(items, raw_out, ours_out, strict=True):
        g = groups.setdefault(group, ([], []))
        g[0].append((truth, raw))
        g[1].append((truth, ours))
    cers = {g: (cer_of(r), cer_of(o)) for g, (r, o) in groups.items()}
    whole = {g: (cer_of(r, cells=False), cer_of(o, cells=False)) for g, (r, o) in groups.items()}
    for group, (raw_cer, our_cer) in cers.items():
        raw_whole, our_whole = whole[group]
        report.figure(
            f"CER {group} (sohoa vs raw)",
            f"{our_cer:.2%} vs {raw_cer:.2%}"
            + (
                f" (lines across columns whole: {our_whole:.2%} vs {raw_whole:.2%})"
                if whole[group] != cers[group]
                else ""
            ),
        )
    _clean_raw, clean_ours = cers["clean"]
    for group in ("clean", "lines_clean", "forms", "tesseract_testing"):
        if group in cers:
            raw_cer, our_cer = cers[group]
            report.figure(
                f"clean-ish {group}: sohoa - raw (points)",
                f"{(our_cer - raw_cer) * 100:+.2f}",
                our_cer - raw_cer <= 0.003,
                "<= +0.30",
            )
    for group in (*DEGRADED, "lines_noisy", "lines_hard"):
        if group in cers:
            raw_cer, our_cer = cers[group]
            ratio = our_cer / raw_cer if raw_cer else (0.0 if our_cer == 0 else float("inf"))
            # A ratio to a near-zero raw CER is noise: below 1 % both, call it a pass.
            ok = ratio <= 0.5 or (our_cer <= 0.01 and our_cer <= raw_cer + 0.003)
            report.figure(f"degraded {group}: sohoa / raw CER", f"{ratio:.2f}", ok, "<= 0.50")
    for group in ROTATED + SKEWED:
        delta = (cers[group][1] - clean_ours) * 100
        report.figure(f"{group}: sohoa CER - upright (points)", f"{delta:+.2f}", delta <= 1.0, "<= 1.00")


def bench_throughput(report: Report, limit: int | None) -> list[bytes]:
    pages = synth_pages(limit)
    clean = [_png(image, dpi) for _, image, dpi, _ in pages]
    # Enough pages to keep every core busy for a while (at least 24).
    work = (clean * (24 // len(clean) + 1))[: max(len(clean) * 2, 24)]
    _, raw_s = run_all(raw_tesseract, work)
    _, ours_s = run_all(sohoa, work)
    raw_ppm, ours_ppm = len(work) / raw_s * 60, len(work) / ours_s * 60
    report.figure(
        f"throughput clean 300 DPI ({len(work)} p, {CORES} cores)",
        f"{ours_ppm:.0f} vs raw {ours_ppm and raw_ppm:.0f} p/min",
    )
    report.figure(
        "throughput sohoa / raw", f"{ours_ppm / raw_ppm:.2f}", ours_ppm / raw_ppm >= 0.85, ">= 0.85"
    )
    return clean


def image_pdf(pngs: list[bytes], count: int) -> bytes:
    """An image-only PDF of ``count`` pages cycling through ``pngs``."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for i in range(count):
        image = Image.open(io.BytesIO(pngs[i % len(pngs)]))
        w_pt, h_pt = image.width * 72 / 300, image.height * 72 / 300
        page = pdf.new_page(w_pt, h_pt)
        obj = pdfium.PdfImage.new(pdf)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(image.convert("RGB")))
        obj.set_matrix(pdfium.PdfMatrix().scale(w_pt, h_pt))
        page.insert_obj(obj)
        page.gen_content()
        obj.close()
        page.close()
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def bench_ocrmypdf(report: Report, clean: list[bytes]) -> None:
    pages = max(8, 3 * CORES)
    data = image_pdf(clean, pages)
    from ocr.pipeline import read_document_with_pdf

    started = time.perf_counter()
    _document, pdf = read_document_with_pdf(data)
    ours_s = time.perf_counter() - started
    ours_ppm = pages / ours_s * 60
    report.figure(
        f"sohoa + searchable PDF, {pages}-page PDF", f"{ours_ppm:.0f} p/min ({len(pdf) / 1e6:.1f} MB)"
    )
    if shutil.which("ocrmypdf") is None:
        report.figure("sohoa / OCRmyPDF pages/min", "ocrmypdf missing (scripts/install-bench-deps.sh)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp, "in.pdf"), Path(tmp, "out.pdf")
        src.write_bytes(data)
        started = time.perf_counter()
        proc = subprocess.run(
            ["ocrmypdf", "-l", "vie", "--output-type", "pdf", "--jobs", str(CORES), "-q", str(src), str(dst)],
            capture_output=True,
            text=True,
        )
        theirs_s = time.perf_counter() - started
    if proc.returncode:
        report.figure("sohoa / OCRmyPDF pages/min", f"ocrmypdf failed: {proc.stderr[-200:]}", False)
        return
    theirs_ppm = pages / theirs_s * 60
    report.figure("OCRmyPDF pages/min", f"{theirs_ppm:.0f}")
    report.figure(
        "sohoa (+searchable PDF) / OCRmyPDF",
        f"{ours_ppm / theirs_ppm:.2f}",
        ours_ppm / theirs_ppm >= 2.0,
        ">= 2.00",
    )


def text_pdf(pages: int) -> bytes:
    """A born-digital PDF (embedded DejaVu Sans, Unicode-mapped Vietnamese text)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    font_bytes = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").read_bytes()
    buf = (ctypes.c_uint8 * len(font_bytes)).from_buffer_copy(font_bytes)
    pdf = pdfium.PdfDocument.new()
    font = c.FPDFText_LoadFont(pdf.raw, buf, len(font_bytes), c.FPDF_FONT_TRUETYPE, True)
    for p in range(pages):
        page = pdf.new_page(595, 842)
        for i in range(40):
            obj = c.FPDFPageObj_CreateTextObj(pdf.raw, font, 10)
            text = f"Dòng {i} trang {p}: Ủy ban nhân dân tỉnh Quảng Ngãi quyết định số {i}/QĐ-UBND"
            wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            c.FPDFText_SetText(obj, ctypes.cast(wide, c.FPDF_WIDESTRING))
            c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, 800 - 18 * i)
            c.FPDFPage_InsertObject(page.raw, obj)
        c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    c.FPDFFont_Close(font)
    return out.getvalue()


def bench_text_layer(report: Report) -> None:
    from ocr.pipeline import read_document
    from ocr.settings import OcrSettings

    pages = 60
    data = text_pdf(pages)
    read_document(text_pdf(2), OcrSettings(workers=1))  # PDFium's and the modules' first load
    # CPU time, as bench textlayer measures: on a shared 2-core machine the wall clock
    # measured the neighbours (11 pages/s under a load of 8, 36 on a quiet machine).
    started, started_cpu = time.perf_counter(), time.process_time()
    doc = read_document(data, OcrSettings(workers=1))
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    assert doc.text_source == "text_layer", doc.text_source
    report.figure(
        f"text-layer PDF, {pages} pages, 1 core (CPU time; wall {pages / seconds:.1f} pages/s)",
        f"{pages / cpu:.1f} pages/s",
        pages / cpu >= 20,
        ">= 20",
    )


def _read_counting_rereads(path: str, reread: bool) -> tuple[int, int]:
    """(OCR'd pages, pages whose deblurred reread was kept) of one odd file; 0, 0 if refused."""
    from ocr.errors import InputError
    from ocr.pipeline import read_document
    from ocr.settings import OcrSettings

    settings = OcrSettings(render_dpi=150, page_timeout_s=60, deblur_below_confidence=0.85 if reread else 0.0)
    try:
        doc = read_document(Path(path).read_bytes(), settings)
    except InputError:
        return 0, 0
    ocr_pages = [p for p in doc.pages if p.source == "ocr"]
    return len(ocr_pages), sum(any(s.startswith("deblur:") for s in p.steps) for p in ocr_pages)


def bench_reread_cost(report: Report) -> None:
    """What the deblurred reread by the larger model costs on the odd real-world files of the
    robustness corpora (charts, Hebrew, Devanagari, typewriter...), where many pages read
    poorly: the same files with and without it, one process per core."""
    root = corpora()
    files = sorted(
        str(p)
        for d in ("robustness_ocrmypdf", "robustness_pdfminer", "robustness_pdfplumber", "tesseract_testing")
        for p in (root / d).rglob("*")
        if p.is_file()
        and p.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")
    )
    timings = {}
    for reread in (False, True):
        with ProcessPoolExecutor(CORES, initializer=_init_worker) as ex:
            started = time.perf_counter()
            counts = list(ex.map(_read_counting_rereads, files, [reread] * len(files)))
            timings[reread] = time.perf_counter() - started
    pages, kept = sum(c[0] for c in counts), sum(c[1] for c in counts)
    report.figure(f"odd files ({len(files)}, {pages} OCR'd pages): rereads kept", f"{kept}")
    report.figure(
        "  time with / without the reread",
        f"{timings[True]:.0f} / {timings[False]:.0f} s = {timings[True] / timings[False]:.2f}x",
    )


_RSS_CHILD = """
import resource, sys, threading, time
samples = []
def watch():
    while True:
        with open('/proc/self/status') as f:
            samples.append(next(int(l.split()[1]) for l in f if l.startswith('VmRSS')) // 1024)
        time.sleep(2)
threading.Thread(target=watch, daemon=True).start()
from ocr.pipeline import read_document_with_pdf
data = open(sys.argv[1], 'rb').read()
doc, pdf = read_document_with_pdf(data)
# VmHWM, not ru_maxrss: Linux carries the parent's peak across fork+exec into ru_maxrss.
with open('/proc/self/status') as f:
    hwm = next(int(l.split()[1]) for l in f if l.startswith('VmHWM'))
print(len(doc.pages), len(pdf), hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print('RSS MB every 2 s:', samples[::max(1, len(samples) // 30)], file=sys.stderr)
"""


def bench_rss(report: Report, clean: list[bytes], pages: int) -> None:
    data = image_pdf(clean, pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "big.pdf")
        path.write_bytes(data)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _RSS_CHILD, str(path)], capture_output=True, text=True, cwd=ROOT
        )
        seconds = time.perf_counter() - started
    if proc.returncode:
        report.figure(f"peak RSS, {pages}-page image PDF", f"failed: {proc.stderr[-300:]}", False)
        return
    n, pdf_bytes, self_kb, _child_kb = map(int, proc.stdout.split())
    print(proc.stderr.strip()[-600:])
    report.figure(
        f"peak RSS, {pages}-page image PDF (python)",
        f"{self_kb / 1024:.0f} MB",
        self_kb / 1024 <= 600,
        "<= 600 MB",
    )
    report.figure(f"  {n} pages read + searchable PDF in", f"{seconds:.0f} s; PDF {pdf_bytes / 1e6:.0f} MB")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench ocr")
    parser.add_argument("--quick", action="store_true", help="4 pages per set, no RSS run")
    parser.add_argument("--rss-pages", type=int, default=200)
    parser.add_argument("--only", default="", help="comma list: accuracy,throughput,ocrmypdf,text,reread,rss")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    limit = 4 if args.quick else None
    only = set(filter(None, args.only.split(",")))
    report = Report()
    print(
        f"cores: {CORES}; tesseract: {subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}"
    )
    if not only or "accuracy" in only:
        bench_accuracy(report, limit)
    clean = [_png(image, dpi) for _, image, dpi, _ in synth_pages(limit)]
    if not only or "throughput" in only:
        bench_throughput(report, limit)
    if not only or "ocrmypdf" in only:
        bench_ocrmypdf(report, clean)
    if not only or "text" in only:
        bench_text_layer(report)
    if (not only and not args.quick) or "reread" in only:
        bench_reread_cost(report)
    if (not only and not args.quick) or "rss" in only:
        bench_rss(report, clean, 20 if args.quick else args.rss_pages)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ocr.json").write_text(json.dumps(report.rows, ensure_ascii=False, indent=1))
    print(f"bars failed: {report.failed or 'none'}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
