"""One wrapper module per external recognizer (as OCRmyPDF's ``_exec/``); Tesseract's is
``ocr/tesseract.py``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Crops in, their texts out, in order: how the voting steps (ocr/handwriting.py, ocr/boxes.py,
# ocr/digits.py) ask an engine.
Reader = Callable[[list[np.ndarray]], list[str]]


@dataclass(frozen=True)
class LineReading:
    """One line crop as a recognizer read it (every engine in this package returns these)."""

    text: str
    confidence: float  # mean CTC peak probability of the kept characters (not calibrated)


def line_readers(
    model_dir: str | None = None, ppocr_model: str | None = None, ppocr6_model: str | None = None
) -> list[tuple[str, Reader]]:
    """trueocr, PP-OCR v4 and PP-OCR v6 as readers, by engine name; each engine's module is
    imported and its model loaded on its first reading (a page that asks none loads none)."""

    def trueocr_read(crops: list[np.ndarray]) -> list[str]:
        from ocr.engines import trueocr

        return [r.text for r in trueocr.read_lines(crops, model_dir)]

    def ppocr_read(crops: list[np.ndarray], path: str | None, engine: str) -> list[str]:
        from ocr.engines import ppocr

        return [r.text for r in ppocr.read_lines(crops, path, engine)]

    return [
        ("trueocr", trueocr_read),
        ("ppocr", lambda crops: ppocr_read(crops, ppocr_model, "ppocr")),
        ("ppocr6", lambda crops: ppocr_read(crops, ppocr6_model, "ppocr6")),
    ]


__all__ = ["LineReading", "Reader", "line_readers"]
