"""A date's "tháng" read "máng" (its "th" run into one letter beside a pen's digits): the day
before it is still the day, and the label is spelled back once the votes are in (bench real,
dev fonts: breip's "ngày L3 máng“V năm 2025" gave the year alone)."""

from __future__ import annotations

from ocr.handwriting import _label_repaired, parse
from ocr.result import Line, Word


def test_the_day_before_a_mang_label_is_read() -> None:
    assert parse("day", "Hà Nội, ngày 13 máng 4 năm 2025").value == "13"
    assert parse("month", "Hà Nội, ngày 13 máng 4 năm 2025").value == "4"


def test_a_mang_label_after_a_voted_day_is_spelled_thang() -> None:
    words = [
        ("ngày", "tesseract"),
        ("13", "ppocr6"),
        ("máng", "tesseract"),
        ("4", "ppocr6"),
        ("năm", "tesseract"),
    ]
    line = Line(tuple(Word(t, (100 * i, 0, 100 * i + 80, 40), 0.9, e) for i, (t, e) in enumerate(words)))
    assert _label_repaired(line, "day", "13").text == "ngày 13 tháng 4 năm"
