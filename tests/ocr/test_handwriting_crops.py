"""What the engines read on the crops of a hand-written number and day, and how the vote
weighs it (issue 13, item 2), for the ways ``bench real``'s development fonts lost them:
a value written wide ("5 65" read as 65), the label read as digits ("6:1/"), a value the
"Số:" word's box took in, a digit one engine's crops dropped, a code Tesseract misread
beside the pen.

The pages are drawn here (DejaVu Serif for print, DkgHandwriting for the pen) and read by the
real pipeline: Tesseract, trueocr's and PP-OCR's ONNX models. The rest are pure functions.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw

from ocr.handwriting import (
    AGREED_CONFIDENCE,
    SUFFIX_DOUBT_CONFIDENCE,
    _colon_end,
    _suffix_in_doubt,
    crop_value,
    decide,
)
from ocr.pipeline import read_document
from ocr.result import Line
from ocr.settings import OcrSettings
from tests.ocr.drawn import BODY, DPI, HAND, SERIF, SERIF_BOLD, draw_motto
from tests.ocr.drawn import font as _font
from tests.ocr.test_handwriting_vote import _opinions

PEN = (25, 45, 150)


def test_a_crop_reading_is_the_whole_value_between_its_labels() -> None:
    # Written wide: one value, not its longest piece (565 was read 65, 8507 as 507).
    assert crop_value("number", "5 65") == "565"
    assert crop_value("number", "8 5O7") == "8507"
    # The label's "ố:" read as digits before the colon, the code after the slash.
    assert crop_value("number", "6:1/") == "1"
    assert crop_value("number", "10: 1 /") == "1"
    assert crop_value("number", "36:56 /T") == "56"
    # An open "0" read "C", a bold "8" read "&".
    assert crop_value("number", ":85C7") == "8507"
    assert crop_value("day", "v 0&thang (") == "08"
    # A day's crop that reaches the month reads no month for the day.
    assert crop_value("day", "bi, ngayzZthangl0") is None
    assert crop_value("month", "2 thàm2 n") == "2"
    assert crop_value("number", ":") is None


def test_a_tie_goes_to_the_value_more_engines_read() -> None:
    # qngai_575 (real scan): PP-OCR's "515" on three crops against trueocr's line and PP-OCR's
    # stretched crops, "575".
    value, confidence, engine = decide(
        "number", _opinions(None, ["575", "535", "535"], ["515", "515", "575", "515", "575"])
    )
    assert value == "575" and engine == "ppocr+trueocr" and confidence < AGREED_CONFIDENCE


def test_a_digit_one_engines_crops_dropped_is_not_lost() -> None:
    # PP-OCR read "6" on its four crops of a "62" it read whole on the line; trueocr "62".
    value, confidence, _ = decide("number", _opinions(None, [None, "62", "62"], ["62", "6", "6", "6", "6"]))
    assert value == "62" and confidence < AGREED_CONFIDENCE
    # A stray shorter reading beside a value read by all moves nothing: still sure.
    value, confidence, _ = decide("day", _opinions("05", [None, None, "05"], ["5", "05", "05", "05", "05"]))
    assert (value, confidence) == ("05", AGREED_CONFIDENCE)
    # Two engines' shorter value is no dropped digit: it keeps its votes (and wins the tie
    # against one engine's longer value).
    value, _, _ = decide(
        "number", _opinions(None, ["224", None, None], ["224", "2241", "224", "2241", "2241"])
    )
    assert value == "224"


def test_a_code_the_engines_read_apart_makes_the_number_unsure() -> None:
    # The pen's "1" beside "/TTr-BKHCN" took the "r" out of Tesseract's reading: a Thông tư's
    # code on a Tờ trình, accepted when the digits were sure.
    assert _suffix_in_doubt("Số: Í_ /TT-BKHCN", {"line": "Số: 1 /TTr-BKHCN"})
    # PP-OCR writes no marks and Tesseract a doubled "Đ": the same code.
    assert not _suffix_in_doubt("Số:2233 /QĐÐ-TTg", {"line": "Số:2239 /QD-TTg"})
    assert not _suffix_in_doubt("Số: 0† /QĐ-BCĐ138", {"line": "Số: 04 /QD-BCD138"})
    assert not _suffix_in_doubt("Số: 4 /TTr -UBND", {"line": "Số: &4 /TTr -UBND"})
    # Nothing to compare: no doubt.
    assert not _suffix_in_doubt("Số: 12 /QĐ-UBND", {})
    assert not _suffix_in_doubt("Số: 12 /QĐ-UBND", {"line": "S612QD-UBND"})
    assert SUFFIX_DOUBT_CONFIDENCE < 0.30  # below what quality trusts in a checked number


def _page(number: str, gap: float) -> Image.Image:
    """A header per Nghị định 30/2020 whose number is written by hand ``gap`` px after the
    label's colon (negative: over its right edge)."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    bold, regular, pen = _font(SERIF_BOLD, 34), _font(SERIF, 34), _font(HAND, 52)
    draw.text((150, 150), "BỘ TÀI CHÍNH", font=bold, fill="black")
    draw_motto(draw, bold)
    draw.text((150, 300), "Số:", font=regular, fill="black")
    x = 150 + draw.textlength("Số:", font=regular) + gap
    draw.text((x, 288), number, font=pen, fill=PEN)
    draw.text((400, 300), "/TTr-BTC", font=regular, fill="black")
    draw.text((820, 300), "Hà Nội, ngày 12 tháng 8 năm 2025", font=regular, fill="black")
    draw.text((700, 420), "TỜ TRÌNH", font=bold, fill="black")
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill="black")
    return page


def _number_line(image: Image.Image) -> Line:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(DPI, DPI))
    page = read_document(buf.getvalue(), OcrSettings(workers=1)).pages[0]
    return next(b for b in page.blocks if b.kind == "number").lines[0]


def test_a_number_the_labels_box_took_in_is_read() -> None:
    # Written flush against the colon, the "62" went into Tesseract's "Số:" box: the blank
    # after that box was judged empty and nothing was read ("Số: /TTr-BTC").
    line = _number_line(_page("62", -2))
    digits = [w for w in line.words if w.text.isdigit()]
    assert [w.text for w in digits] == ["62"], line.text
    assert digits[0].engine != "tesseract"


def test_the_colon_of_the_label_is_found_left_of_the_pen() -> None:
    image = _page("62", -2)
    gray = np.asarray(image.convert("L"))
    draw = ImageDraw.Draw(image)
    label_end = 150 + int(draw.textlength("Số:", font=_font(SERIF, 34)))
    # The label's word box as Tesseract gave it, over the pen's digits.
    end = _colon_end(gray, (150, 296, 265, 362))
    assert end is not None and label_end - 12 <= end <= label_end + 2, (end, label_end)
    # A box with the print alone and no colon ("Số" read without it): none.
    assert _colon_end(gray, (150, 296, label_end - 12, 345)) is None
