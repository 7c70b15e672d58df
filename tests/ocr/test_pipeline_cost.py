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


def test_a_grey_page_rendered_in_colour_is_no_photo() -> None:
    # Regression (session 18): PDFium renders a PDF's grey scan as RGB; the card and sheet
    # searches each made a colour work copy of it (~50 ms and 75 MB a 300-DPI page) to find
    # nothing. A photo has colour in it; a page whose every pixel is grey is a scan.
    from ocr.card import crop_card
    from ocr.flatten import find_page
    from ocr.loader import PageInput
    from ocr.quad import in_colour

    grey = Image.new("L", (1240, 1754), 200)
    ImageDraw.Draw(grey).rectangle((300, 400, 900, 1300), fill=245)  # a lighter sheet, askew or not
    rendered = grey.convert("RGB")
    assert not in_colour(rendered) and not in_colour(grey)
    assert find_page(rendered) is None
    page = PageInput(1, rendered.width, rendered.height, 150, image=rendered)
    assert crop_card(page) is page
    tinted = rendered.copy()
    ImageDraw.Draw(tinted).rectangle((0, 0, 40, 40), fill=(120, 90, 60))  # a wooden table's corner
    assert in_colour(tinted)
