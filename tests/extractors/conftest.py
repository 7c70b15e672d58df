"""Fixtures for extractor tests: real Tesseract OCR of an image into a ``Document``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ocr.result import Block, Document, Line, Page, Word


def _tesseract_tree(path: Path, dpi: int) -> Document:
    """Tesseract words → Document (block = Tesseract paragraph), for when ocr.pipeline is absent."""
    import pytesseract
    from PIL import Image

    img = Image.open(path).convert("L")
    data = pytesseract.image_to_data(
        img, lang="vie", config=f"--psm 3 --dpi {dpi}", output_type=pytesseract.Output.DICT
    )
    blocks: dict[tuple[int, int], dict[int, list[Word]]] = {}
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if not text.strip() or conf < 0:
            continue
        box = (
            data["left"][i],
            data["top"][i],
            data["left"][i] + data["width"][i],
            data["top"][i] + data["height"][i],
        )
        key = (data["block_num"][i], data["par_num"][i])
        blocks.setdefault(key, {}).setdefault(data["line_num"][i], []).append(Word(text, box, conf / 100))
    tree = tuple(Block(tuple(Line(tuple(ws)) for ws in lines.values())) for lines in blocks.values())
    return Document((Page(1, img.width, img.height, dpi, "ocr", tree),))


@pytest.fixture(scope="session")
def ocr_file() -> Callable[[Path, int], Document]:
    """Read an image file with real Tesseract: ``ocr.pipeline.read_document`` when the ocr
    package provides it, else pytesseract directly."""
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-vie)")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        from ocr.pipeline import read_document
    except ImportError:
        return _tesseract_tree

    def read(path: Path, dpi: int) -> Document:
        return read_document(Path(path).read_bytes())

    return read
