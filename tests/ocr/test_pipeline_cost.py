"""What a page costs beyond Tesseract, where the cost could come back unnoticed (session 18:
the clean-page throughput and the 200-page RSS of issue 13). Real Tesseract and OpenCV."""

from __future__ import annotations

import io

import cv2
import pytest
from PIL import Image, ImageDraw

from ocr.pipeline import _blank, read_document
from ocr.settings import OcrSettings
from tests.ocr.drawn import SERIF
from tests.ocr.drawn import font as _font


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(200, 200))
    return buf.getvalue()


def test_a_colour_page_is_told_blank_or_not_as_its_grey_would_be() -> None:
    white = Image.new("RGB", (400, 300), (255, 255, 255))
    assert _blank(white)
    faint = white.copy()
    ImageDraw.Draw(faint).rectangle((50, 50, 200, 120), fill=(250, 249, 251))  # paper noise
    assert _blank(faint)
    printed = white.copy()
    ImageDraw.Draw(printed).text((40, 100), "Số: 12/QĐ-UBND", font=_font(SERIF, 30), fill=(20, 20, 20))
    assert not _blank(printed)
    red_only = white.copy()
    ImageDraw.Draw(red_only).ellipse((100, 50, 250, 200), outline=(200, 30, 30), width=6)
    assert not _blank(red_only)


def test_reading_a_page_runs_opencv_on_one_thread_per_page() -> None:
    # Pages already run one per core; OpenCV's own threads on top only added switching.
    page = Image.new("L", (900, 300), 255)
    ImageDraw.Draw(page).text((40, 120), "Số: 12/QĐ-UBND", font=_font(SERIF, 40), fill=0)
    before = cv2.getNumThreads()
    try:
        cv2.setNumThreads(4)
        read_document(_png(page), OcrSettings(workers=1))
        assert cv2.getNumThreads() == 1
        cv2.setNumThreads(4)
        read_document(_png(page), OcrSettings(workers=1, opencv_threads=0))  # 0: left alone
        assert cv2.getNumThreads() == 4
    finally:
        cv2.setNumThreads(before)
    with pytest.raises(ValueError):
        OcrSettings(opencv_threads=-1)
