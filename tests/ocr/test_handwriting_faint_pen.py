"""A fine, light pen in a value's blank is not a blank (bench real, second dev group): its
hairline strokes at ~200/255 broke into pieces under 0.4 of the line's height, so the day
"24" was judged blank and never read; and the blank judged was only the space between the
words around it, when the pen's digit stood inside a label's box ("tháng" boxed over the
month's "4", or "08" read into "đháng")."""

from __future__ import annotations

import numpy as np

from ocr.handwriting import _left_blank, _pen_in
from ocr.result import Line, Word

PAPER = 250


def _page() -> np.ndarray:
    return np.full((200, 1600), PAPER, np.uint8)


def _line(*words: tuple[str, int, int]) -> Line:
    return Line(tuple(Word(text, (x0, 100, x1, 140), 0.9, "tesseract") for text, x0, x1 in words))


def test_a_light_hairline_digit_broken_in_two_is_pen() -> None:
    gray = _page()
    gray[104:113, 1180] = 200  # the upper stroke of a "2", 9 px
    gray[114:119, 1181] = 195  # its lower piece, 5 px, one pixel apart
    assert _pen_in(gray, (1170, 100, 1198, 133), 33)


def test_dotted_leaders_and_an_underline_stay_blank() -> None:
    gray = _page()
    for x in range(1100, 1190, 6):
        gray[128:131, x : x + 2] = 120  # "……"
    gray[134:136, 1100:1190] = 150  # an underline below them
    assert not _pen_in(gray, (1100, 100, 1190, 133), 33)


def test_a_digit_inside_the_label_box_before_is_judged() -> None:
    # Tesseract boxed "tháng" to 1197 and read the pen's "4" as "?" at 1185-1206.
    line = _line(
        ("ngày", 900, 980), ("06", 990, 1040), ("tháng", 1082, 1197), ("?", 1185, 1206), ("năm", 1228, 1293)
    )
    gray = _page()
    gray[95:135, 1188:1191] = 90  # the "4"'s stem, left of the label box's end
    assert not _left_blank(gray, line, "month")


def test_a_digit_inside_the_next_label_box_is_judged_up_to_its_letters() -> None:
    # "08" read into "đháng": the gap between the words holds nothing, the pen stands where
    # the label's box begins, before its printed letters (``end``, from _labels_around).
    line = _line(("ngày", 1052, 1127), ("đháng", 1151, 1283), ("01", 1295, 1329), ("năm", 1343, 1407))
    gray = _page()
    gray[90:135, 1160:1163] = 60
    assert _left_blank(gray, line, "day")
    assert not _left_blank(gray, line, "day", None, 1188)
