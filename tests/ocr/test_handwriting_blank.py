"""A draft's blanks stay blank (issue 13, item 2): the number and day of a dự thảo are left
for after signing, and no engine's reading of the blank's edges may put digits there
("Số: 6 /TTr" was read on real drafts: PP-OCR took the "ố" of "Số:" on a wide crop for a 6).

The pages are drawn here (DejaVu Serif for print, DkgHandwriting for the pen) and read by the
real pipeline: Tesseract, trueocr's and PP-OCR's ONNX models.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from ocr.handwriting import _pen_in
from ocr.pipeline import read_document
from ocr.result import Block, Page
from ocr.settings import OcrSettings
from tests.ocr.drawn import BODY, DPI, HAND, SERIF, SERIF_BOLD, number_blank_page
from tests.ocr.drawn import font as _font


def _draft_page(number: str = "", day: str = "") -> Image.Image:
    """A header per Nghị định 30/2020 whose number and day blanks are left empty (``""``) or
    written in by hand; the day's blank is dotted ("ngày … tháng"), as many drafts print it."""
    page, draw = number_blank_page()
    bold, regular = _font(SERIF_BOLD, 34), _font(SERIF, 34)
    draw.text((820, 300), "Hà Nội, ngày", font=regular, fill="black")
    draw.text((1070, 300), "……", font=regular, fill="black")
    draw.text((1190, 300), "tháng 8 năm 2025", font=regular, fill="black")
    if number:
        draw.text((222, 290), number, font=_font(HAND, 52), fill=(25, 45, 150))
    if day:
        draw.text((1085, 282), day, font=_font(HAND, 52), fill=(25, 45, 150))
    draw.text((700, 420), "TỜ TRÌNH", font=bold, fill="black")
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill="black")
    return page


def _read(image: Image.Image) -> Page:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(DPI, DPI))
    return read_document(buf.getvalue(), OcrSettings(workers=1)).pages[0]


def _block(page: Page, kind: str) -> Block:
    return next(b for b in page.blocks if b.kind == kind)


def test_a_drafts_empty_number_and_day_give_no_digits() -> None:
    page = _read(_draft_page())
    number, place_date = _block(page, "number"), _block(page, "place_date")
    assert not any(ch.isdigit() for ch in number.lines[0].text), number.text
    # The printed month and year are still there; no day was put before "tháng".
    line = place_date.lines[0].text
    assert "2025" in line, line
    assert not any(ch.isdigit() for ch in line[: line.index("tháng")]), line
    assert any(s.startswith("fill_ins_blank:") for s in page.steps), page.steps
    # The number's row is kept as one line ("Số:" and its suffix), as when a value is read.
    assert "/TTr-BTC" in number.lines[0].text, number.text


def test_a_number_written_into_the_same_blank_is_still_read() -> None:
    page = _read(_draft_page(number="47", day="12"))
    number, place_date = _block(page, "number"), _block(page, "place_date")
    assert [w.text for w in number.lines[0].words if w.text.isdigit()] == ["47"], number.text
    assert "12" in place_date.lines[0].text.split(), place_date.text


def test_dots_and_a_dash_are_no_pen_stroke_but_a_digit_is() -> None:
    height = 40
    gray = np.full((120, 300), 255, np.uint8)
    gray[75:79, 20:280:12] = 0  # dot leaders on the baseline
    gray[60:64, 100:160] = 0  # a dash
    box = (10, 40, 290, 80)
    assert not _pen_in(gray, box, height)
    gray[35:78, 200:205] = 30  # a hand-written "1", taller than the print
    assert _pen_in(gray, box, height)
