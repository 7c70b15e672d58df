"""The one wrapper around the external Tesseract executable.

``recognize`` runs ``tesseract IMAGE OUT --psm N --dpi D -l LANG tsv [pdf]`` on one page
image and returns a ``Page(source="ocr")``: Tesseract's paragraphs become Blocks, its lines
Lines, its words Words with ``confidence = conf / 100``. Asked for, Tesseract's own PDF
renderer writes the page's searchable PDF (image + invisible text) in the same pass.

* The DPI is passed explicitly: an in-memory image has none Tesseract could read.
* ``OMP_THREAD_LIMIT`` is set in this process's environment and handed to the child: one
  OpenMP thread per Tesseract was 4.3x faster on 2 cores than the default.
* At most one Tesseract per core runs at a time in this process, whatever the number of
  threads and documents calling in (a process-wide semaphore): more only thrash.
* A run longer than ``page_timeout_s`` is killed and raised as ``OcrTimeoutError``; a
  missing or failing Tesseract as ``OcrEngineError``.
* Upside down: an upright page reads at ~95 % mean confidence, the same page turned 180
  deg at ~45 %. Below ``flip_below_confidence`` the page is read again turned and the
  better reading kept, so good pages pay nothing for orientation (OSD costs 0.2-0.9 s).
"""

from __future__ import annotations

import csv
import functools
import os
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

import numpy as np
from PIL import Image

from ocr.errors import OcrEngineError, OcrTimeoutError
from ocr.postcorrect import postcorrect_blocks
from ocr.preprocess import preprocess, rotate_gray
from ocr.result import Block, Line, Page, Word
from ocr.settings import OcrSettings

_WORD_LEVEL = 5
_TSV_COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)
_SLOTS = threading.BoundedSemaphore(os.cpu_count() or 1)
# The upside-down reading must score this many times the upright one to be kept (an
# upside-down page scores near 0 upright, so any real flip clears it easily).
_FLIP_MARGIN = 1.3


def _configure(settings: OcrSettings) -> dict[str, str]:
    # Set (never restored) in os.environ so every child inherits it; safe with threads that
    # share one setting, and it only matters to OpenMP in child processes.
    if settings.tesseract_threads:
        os.environ["OMP_THREAD_LIMIT"] = str(settings.tesseract_threads)
    return dict(os.environ)


def parse_tsv(text: str) -> dict[str, list]:
    """Tesseract's TSV output as columns (the shape of pytesseract's DICT output)."""
    columns: dict[str, list] = {name: [] for name in _TSV_COLUMNS}
    rows = csv.reader(text.splitlines()[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in rows:
        if len(row) < 11:
            continue
        row = row[:12] + [""] * (12 - len(row))
        for name, value in zip(_TSV_COLUMNS, row, strict=True):
            columns[name].append(value)
    return columns


def run_tesseract(
    image: Image.Image, dpi: int, settings: OcrSettings, outputs: Sequence[str] = ("tsv",)
) -> dict[str, bytes]:
    """Run Tesseract once on ``image``; the bytes of each requested output (``tsv``, ``pdf``,
    ``hocr``), written by Tesseract's renderers in the same pass."""
    env = _configure(settings)
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as tmp:
        # Our own lossless file: a JPEG-born image is not re-encoded as JPEG. Uncompressed
        # TIFF is the cheapest to write and to read (A4 at 300 DPI: 0.01 s to save; Leptonica
        # read PNM 0.08 s slower); for the PDF, PNG, whose compressed stream Tesseract's
        # renderer embeds as it is.
        if "pdf" in outputs or image.mode not in ("L", "RGB", "1"):
            path = os.path.join(tmp, "page.png")
            image.save(path, format="PNG", compress_level=1, dpi=(dpi, dpi))
        else:
            path = os.path.join(tmp, "page.tif")
            # "raw" said outright: PIL would reuse the compression of a TIFF it was read from.
            image.save(path, format="TIFF", compression="raw", dpi=(dpi, dpi))
        base = os.path.join(tmp, "out")
        command = [
            settings.tesseract_cmd,
            path,
            base,
            "--psm",
            str(settings.psm),
            "--dpi",
            str(int(dpi)),
            "-l",
            settings.language,
        ]
        if not settings.invert_text_lines:
            command += ["-c", "tessedit_do_invert=0"]
        command += outputs
        with _SLOTS:
            try:
                proc = subprocess.run(
                    command, capture_output=True, env=env, timeout=settings.page_timeout_s, cwd=tmp
                )
            except FileNotFoundError:
                raise OcrEngineError(
                    f"Tesseract not found ({settings.tesseract_cmd!r}): install tesseract-ocr "
                    "and tesseract-ocr-vie"
                ) from None
            except PermissionError as exc:
                raise OcrEngineError(f"Tesseract cannot be run: {exc}") from None
            except subprocess.TimeoutExpired:  # subprocess.run has killed it
                raise OcrTimeoutError(
                    f"OCR of one page took longer than {settings.page_timeout_s:g} s"
                ) from None
        if proc.returncode:
            message = proc.stderr.decode("utf-8", "replace").strip()[-500:]
            raise OcrEngineError(f"Tesseract failed (exit {proc.returncode}): {message}")
        result = {}
        for name in outputs:
            try:
                with open(f"{base}.{name}", "rb") as f:
                    result[name] = f.read()
            except FileNotFoundError:
                message = proc.stderr.decode("utf-8", "replace").strip()[-500:]
                raise OcrEngineError(f"Tesseract wrote no {name} output: {message}") from None
        return result


def blocks_from_tsv(data: Mapping[str, Sequence], scale: float = 1.0) -> tuple[Block, ...]:
    """Group Tesseract TSV rows (columns as from :func:`parse_tsv`) into Blocks of Lines.

    A Block is one Tesseract paragraph ``(block_num, par_num)``; a Line is
    ``(block_num, par_num, line_num)``. Rows that are not words, have ``conf == -1`` or no
    text are skipped. Tesseract's order (its reading order) is kept. Boxes are multiplied by
    ``scale`` (the image read was reduced by ``1 / scale``).
    """
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i, level in enumerate(data.get("level", ())):
        if int(level) != _WORD_LEVEL:
            continue
        text = str(data["text"][i])
        conf = float(data["conf"][i])
        if conf < 0 or not text.strip():
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        right, bottom = left + int(data["width"][i]), top + int(data["height"][i])
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        word = Word(
            text.strip(),
            (round(left * scale), round(top * scale), round(right * scale), round(bottom * scale)),
            min(1.0, max(0.0, conf / 100.0)),
            "tesseract",
        )
        lines.setdefault(key, []).append(word)

    blocks: dict[tuple[int, int], list[Line]] = {}
    for (block_num, par_num, _line), words in lines.items():
        blocks.setdefault((block_num, par_num), []).append(Line(tuple(words)))
    return tuple(Block(tuple(block_lines)) for block_lines in blocks.values())


def _reduced(image: Image.Image, dpi: int, max_dpi: int) -> Image.Image:
    """``image`` of ``dpi`` reduced to ``max_dpi`` (area-averaged: no aliasing of thin strokes)."""
    import cv2

    factor = max_dpi / dpi
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    if image.mode == "1":
        image = image.convert("L")
    return Image.fromarray(cv2.resize(np.asarray(image), size, interpolation=cv2.INTER_AREA), image.mode)


def _reading_score(blocks: tuple[Block, ...]) -> int:
    # Characters read with some confidence: garbage from upside-down text scores low.
    return sum(len(w.text) for b in blocks for line in b.lines for w in line.words if w.confidence >= 0.6)


def recognize_page(
    image: Image.Image,
    dpi: int,
    settings: OcrSettings = OcrSettings(),
    *,
    number: int = 1,
    steps: Sequence[str] = (),
    rotation: int = 0,
    skew: float = 0.0,
    pdf: bool = False,
) -> tuple[Page, bytes | None]:
    """OCR an ``L``/``RGB``/``1`` image (flipped if it reads better upside down); the Page and,
    with ``pdf``, its one-page searchable PDF. Boxes are in the pixels of the image as
    finally read (turned 180 deg if ``"flip:180"`` is in the steps)."""
    outputs = ("tsv", "pdf") if pdf else ("tsv",)
    steps = tuple(steps)
    shown, read_dpi = image, dpi
    if settings.tesseract_max_dpi and dpi > settings.tesseract_max_dpi and "dpi_estimated" not in steps:
        image, read_dpi = _reduced(image, dpi, settings.tesseract_max_dpi), settings.tesseract_max_dpi
        steps += (f"read_at:{read_dpi}dpi",)
    scale = shown.width / image.width
    out = run_tesseract(image, read_dpi, settings, outputs)
    blocks = blocks_from_tsv(parse_tsv(out["tsv"].decode("utf-8", "replace")), scale)
    words = [w for b in blocks for line in b.lines for w in line.words]
    mean = sum(w.confidence for w in words) / len(words) if words else 1.0
    # Not on a single line of text (ocr.preprocess): its confidence says little about which
    # way up it is, and flipping hard line crops on a weak margin turned readings to garbage.
    if (
        settings.orientation
        and words
        and mean < settings.flip_below_confidence
        and "single_line" not in steps
    ):
        flipped = rotate_gray(image, 180) if image.mode == "L" else image.rotate(180)
        out_f = run_tesseract(flipped, read_dpi, settings, outputs)
        blocks_f = blocks_from_tsv(parse_tsv(out_f["tsv"].decode("utf-8", "replace")), scale)
        # Clearly better, not just as poor: a hard line crop read either way round scores
        # low both times, and a flip on a near tie turned one into garbage (lines_hard).
        if _reading_score(blocks_f) > _FLIP_MARGIN * _reading_score(blocks):
            out, blocks = out_f, blocks_f
            rotation = (rotation + 180) % 360
            steps += ("flip:180",)
    if settings.postcorrect or settings.tones:
        blocks, digits, toned = postcorrect_blocks(blocks, digits=settings.postcorrect, tones=settings.tones)
        if digits:
            steps += (f"postcorrect:{digits}",)
        if toned:
            steps += (f"tones:{toned}",)
    page = Page(
        number=number,
        width=shown.width,
        height=shown.height,
        dpi=int(dpi),
        source="ocr",
        blocks=blocks,
        steps=steps,
        rotation=rotation,
        skew=skew,
    )
    return page, out.get("pdf")


def recognize(
    image: Image.Image | np.ndarray,
    dpi: int,
    settings: OcrSettings = OcrSettings(),
    *,
    number: int = 1,
    steps: Sequence[str] = (),
) -> Page:
    """OCR one page image; boxes are in the pixels of ``image`` (or of it turned 180 deg if
    it reads better that way: ``page.rotation == 180``).

    ``number`` and ``steps`` (what was done to the image before) go into the Page. An
    image in a mode Tesseract misreads (alpha, CMYK, 16-bit) is first put through
    ``preprocess`` and its steps appended; RGB, L and 1 are passed as they are.
    """
    steps = tuple(steps)
    if isinstance(image, np.ndarray):
        image = Image.fromarray(image)
    if image.mode not in ("1", "L", "RGB"):  # alpha, CMYK, 16-bit: what Tesseract misreads
        image, extra = preprocess(image)
        steps += extra
    page, _pdf = recognize_page(image, dpi, settings, number=number, steps=steps)
    return page


@functools.lru_cache(maxsize=8)
def _installed_languages(tesseract_cmd: str) -> frozenset[str]:
    try:
        proc = subprocess.run([tesseract_cmd, "--list-langs"], capture_output=True, timeout=30)
    except (FileNotFoundError, PermissionError, subprocess.TimeoutExpired):
        return frozenset()
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    # The first line is a header ("List of available languages in ...:").
    return frozenset(line.strip() for line in lines[1:] if line.strip())


def language_or_fallback(wanted: str, settings: OcrSettings) -> str:
    """``wanted`` (``a+b``) if Tesseract has every model it names, else ``settings.language``."""
    installed = _installed_languages(settings.tesseract_cmd)
    return wanted if set(wanted.split("+")) <= installed else settings.language


def engine_version(settings: OcrSettings = OcrSettings()) -> str:
    """Tesseract's version string, for lineage (``pipeline version``)."""
    env = _configure(settings)
    try:
        proc = subprocess.run([settings.tesseract_cmd, "--version"], capture_output=True, env=env, timeout=30)
    except (FileNotFoundError, PermissionError):
        raise OcrEngineError(f"Tesseract not found ({settings.tesseract_cmd!r})") from None
    first = (proc.stdout or proc.stderr).decode("utf-8", "replace").split()
    if proc.returncode or len(first) < 2:
        raise OcrEngineError(f"Tesseract --version failed (exit {proc.returncode})")
    return first[1]


__all__ = [
    "blocks_from_tsv",
    "engine_version",
    "language_or_fallback",
    "parse_tsv",
    "recognize",
    "recognize_page",
    "run_tesseract",
]


K = TypeVar("K")


def read_stacked(
    crops: Sequence[tuple[K, tuple[int, int], np.ndarray]], dpi: int, settings: OcrSettings
) -> list[tuple[K, Line]]:
    """Pieces of a page, each ``(key, (x0, y0) on the page, pixels)``, read in one Tesseract
    run: stacked on a white sheet, read as a page is (at most tesseract_max_dpi, the digit and
    tone repairs) as one block of text (``--psm 6``), never turned over. Each line read, its
    boxes back in the page's pixels, with the key of the piece it lies in. Raises
    OcrEngineError / OcrTimeoutError as ``recognize_page`` does."""
    pad = max(8, dpi // 10)
    width = max(crop.shape[1] for _, _, crop in crops) + 2 * pad
    height = sum(crop.shape[0] + pad for _, _, crop in crops) + pad
    sheet = np.full((height, width), 255, np.uint8)
    placed: list[tuple[K, tuple[int, int], int, int]] = []  # key, origin, y0, y1 on the sheet
    y = pad
    for key, origin, crop in crops:
        sheet[y : y + crop.shape[0], pad : pad + crop.shape[1]] = crop
        placed.append((key, origin, y, y + crop.shape[0]))
        y += crop.shape[0] + pad
    blocks = recognize_page(Image.fromarray(sheet, "L"), dpi, replace(settings, psm=6, orientation=False))[
        0
    ].blocks
    out: list[tuple[K, Line]] = []
    for block in blocks:
        for line in block.lines:
            cy = sum((w.bbox[1] + w.bbox[3]) / 2 for w in line.words) / len(line.words)
            hit = next((p for p in placed if p[2] <= cy < p[3]), None)
            if hit is None:
                continue
            key, (ox, oy), y0, _ = hit
            moved = tuple(
                replace(
                    w,
                    bbox=(
                        w.bbox[0] - pad + ox,
                        w.bbox[1] - y0 + oy,
                        w.bbox[2] - pad + ox,
                        w.bbox[3] - y0 + oy,
                    ),
                )
                for w in line.words
            )
            out.append((key, Line(moved)))
    return out
