"""One wrapper module per external recognizer (as OCRmyPDF's ``_exec/``); Tesseract's is
``ocr/tesseract.py``."""

from dataclasses import dataclass


@dataclass(frozen=True)
class LineReading:
    """One line crop as a recognizer read it (every engine in this package returns these)."""

    text: str
    confidence: float  # mean CTC peak probability of the kept characters (not calibrated)


__all__ = ["LineReading"]
