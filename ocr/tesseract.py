"""The one wrapper around the external Tesseract executable (through pytesseract).

``recognize`` runs ``tesseract --psm N --dpi D -l LANG`` in TSV mode on one page image and
returns a ``Page(source="ocr")``: Tesseract's paragraphs become Blocks, its lines Lines,
its words Words with ``confidence = conf / 100``.

* The DPI is passed explicitly: pytesseract drops the DPI of an in-memory image.
* ``OMP_THREAD_LIMIT`` is set in this process's environment, which pytesseract hands to the
  child: one OpenMP thread per Tesseract was 4.3x faster on 2 cores than the default.
* A run longer than ``page_timeout_s`` is killed and raised as ``OcrTimeoutError``; a
  missing or failing Tesseract as ``OcrEngineError``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence

import numpy as np
import pytesseract
from PIL import Image

from ocr.errors import OcrEngineError, OcrTimeoutError
from ocr.preprocess import preprocess
from ocr.result import Block, Line, Page, Word
from ocr.settings import OcrSettings

_WORD_LEVEL = 5


def _configure(settings: OcrSettings) -> None:
    # pytesseract reads both at call time: its module-level command, and os.environ, which
    # it passes as the child's environment. Setting (never restoring) is safe with threads
    # that share one setting; the variable only matters to OpenMP in child processes.
    pytesseract.pytesseract.tesseract_cmd = settings.tesseract_cmd
    if settings.tesseract_threads:
        os.environ["OMP_THREAD_LIMIT"] = str(settings.tesseract_threads)


def _run_tsv(image: Image.Image, dpi: int, settings: OcrSettings) -> dict[str, list]:
    _configure(settings)
    config = f"--psm {settings.psm} --dpi {int(dpi)}"
    with tempfile.TemporaryDirectory(prefix="sohoa-ocr-") as tmp:
        # Our own lossless file: pytesseract would re-encode a JPEG-born image as JPEG.
        path = os.path.join(tmp, "page.png")
        image.save(path, format="PNG", compress_level=1, dpi=(dpi, dpi))
        try:
            return pytesseract.image_to_data(
                path,
                lang=settings.language,
                config=config,
                output_type=pytesseract.Output.DICT,
                timeout=settings.page_timeout_s,
            )
        except pytesseract.TesseractNotFoundError:
            raise OcrEngineError(
                f"Tesseract not found ({settings.tesseract_cmd!r}): install tesseract-ocr "
                "and tesseract-ocr-vie"
            ) from None
        except pytesseract.TesseractError as exc:
            raise OcrEngineError(f"Tesseract failed (exit {exc.status}): {exc.message}") from None
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise OcrTimeoutError(
                    f"OCR of one page took longer than {settings.page_timeout_s:g} s"
                ) from None
            raise OcrEngineError(f"Tesseract failed: {exc}") from None


def blocks_from_tsv(data: Mapping[str, Sequence]) -> tuple[Block, ...]:
    """Group Tesseract TSV rows (pytesseract's DICT output) into Blocks of Lines of Words.

    A Block is one Tesseract paragraph ``(block_num, par_num)``; a Line is
    ``(block_num, par_num, line_num)``. Rows that are not words, have ``conf == -1`` or no
    text are skipped. Tesseract's order (its reading order) is kept.
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
        width, height = int(data["width"][i]), int(data["height"][i])
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        word = Word(text.strip(), (left, top, left + width, top + height),
                    min(1.0, max(0.0, conf / 100.0)))
        lines.setdefault(key, []).append(word)

    blocks: dict[tuple[int, int], list[Line]] = {}
    for (block_num, par_num, _line), words in lines.items():
        blocks.setdefault((block_num, par_num), []).append(Line(tuple(words)))
    return tuple(Block(tuple(block_lines)) for block_lines in blocks.values())


def recognize(
    image: Image.Image | np.ndarray,
    dpi: int,
    settings: OcrSettings = OcrSettings(),
    *,
    number: int = 1,
    steps: Sequence[str] = (),
) -> Page:
    """OCR one page image; boxes are in the pixels of ``image``.

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
    width, height = image.size
    data = _run_tsv(image, dpi, settings)
    return Page(
        number=number,
        width=width,
        height=height,
        dpi=int(dpi),
        source="ocr",
        blocks=blocks_from_tsv(data),
        steps=steps,
    )


def engine_version(settings: OcrSettings = OcrSettings()) -> str:
    """Tesseract's version string, for lineage (``pipeline version``)."""
    _configure(settings)
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError:
        raise OcrEngineError(f"Tesseract not found ({settings.tesseract_cmd!r})") from None
