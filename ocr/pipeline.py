"""Bytes in, ``Document`` out: the OCR path as one chain of plain functions.

    sniff -> load pages one by one -> per page:
        usable PDF text layer -> read_text_layer
        otherwise             -> preprocess -> Tesseract
    -> Document

Raises only ``InputError`` subclasses (the file is unreadable: quarantine it with
``exc.code``) or ``OcrEngineError`` (Tesseract itself is missing or broken: retry later).
No network, database or Prefect here: values in, values out.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ocr.loader import PageInput, load_pages
from ocr.preprocess import preprocess
from ocr.result import Document, Page
from ocr.settings import OcrSettings
from ocr.tesseract import recognize
from ocr.textlayer import read_text_layer


def read_page(page: PageInput, settings: OcrSettings = OcrSettings()) -> Page:
    """Recognize one loaded page: its text layer if it has one, else OCR of its image."""
    if page.kind == "text_layer":
        result = read_text_layer(page.text_page, page.number, page.dpi)
        return replace(result, steps=page.steps + result.steps)
    if page.image is None:
        raise ValueError(f"page {page.number} has neither an image nor a text layer")
    image, steps = preprocess(page.image)
    return recognize(image, page.dpi, settings, number=page.number, steps=page.steps + steps)


def read_document(data: bytes, settings: OcrSettings = OcrSettings()) -> Document:
    """Read every page of a scan or PDF given as bytes (format sniffed, name ignored)."""
    pages: list[Page] = []
    for page in load_pages(bytes(data), settings):
        pages.append(read_page(page, settings))
        page.image = None  # let the pixels go before the next page is decoded
    return Document(pages=tuple(pages))


def read_path(path: str | os.PathLike[str], settings: OcrSettings = OcrSettings()) -> Document:
    """:func:`read_document` on a file's bytes."""
    return read_document(Path(path).read_bytes(), settings)
