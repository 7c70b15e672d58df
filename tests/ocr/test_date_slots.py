"""A form's date line whose day or month Tesseract lost — its glyph taken into the label's box
("tháng" read 109 px wide for "tháng 8"), or read as a sign ("tháng § năm") — read again from
the label to the next label by the line engines (ocr/digits.py ``fill_date_slots``, issue 14,
forms14). Real engines on a drawn line; fictional places and dates."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from ocr.digits import fill_date_slots
from ocr.engines import line_readers
from ocr.result import Block, Line, Page, Word

from .drawn import SERIF, font


def _drawn(words: list[str]) -> tuple[np.ndarray, list[tuple[str, tuple[int, int, int, int]]]]:
    """One line of ``words`` drawn at 40 px, each word's box as drawn."""
    image = Image.new("L", (1400, 120), 255)
    draw = ImageDraw.Draw(image)
    face = font(SERIF, 40)
    x, boxes = 30, []
    for w in words:
        x0, y0, x1, y1 = (int(v) for v in draw.textbbox((x, 40), w, font=face))
        draw.text((x, 40), w, font=face, fill=0)
        boxes.append((w, (x0, y0, x1, y1)))
        x = x1 + 14
    return np.asarray(image), boxes


def _page(words: list[tuple[str, tuple[int, int, int, int]]]) -> Page:
    line = Line(tuple(Word(t, b, 0.9, "tesseract") for t, b in words))
    return Page(1, 1400, 120, 200, "ocr", (Block((line,), "body"),))


def test_a_month_taken_into_its_label_s_box_is_read_again() -> None:
    gray, boxes = _drawn(["Hòa", "Thành,", "ngày", "03", "tháng", "8", "năm", "2026"])
    label, eight = boxes[4][1], boxes[5][1]
    # as Tesseract read it: no "8", the "tháng" box running over it
    read = [*boxes[:4], ("tháng", (label[0], label[1], eight[2], label[3])), *boxes[6:]]
    out = fill_date_slots(_page(read), gray, line_readers())
    assert out.blocks[0].lines[0].text == "Hòa Thành, ngày 03 tháng 8 năm 2026"
    assert out.blocks[0].lines[0].words[5].engine == "digits" and "date_slots:1" in out.steps


def test_a_blank_month_gives_no_digits() -> None:
    gray, boxes = _drawn(["Hòa", "Thành,", "ngày", "03", "tháng", "năm", "2026"])
    page = _page(boxes)
    assert fill_date_slots(page, gray, line_readers()) is page


def test_a_label_line_is_never_read_again() -> None:
    calls: list[int] = []

    def read(crops: list[np.ndarray]) -> list[str]:
        calls.append(len(crops))
        return ["8" for _ in crops]

    gray, boxes = _drawn(["Ngày,", "tháng,", "năm", "sinh:", "15/02/1960"])
    page = _page(boxes)
    assert fill_date_slots(page, gray, [("a", read), ("b", read), ("c", read)]) is page and calls == []


def test_a_day_glued_to_its_label_is_no_lost_day() -> None:
    calls: list[int] = []

    def read(crops: list[np.ndarray]) -> list[str]:
        calls.append(len(crops))
        return ["29" for _ in crops]

    gray, boxes = _drawn(["Tân", "Lộc,", "ngày29", "tháng", "01", "năm", "2024"])
    page = _page(boxes)
    assert fill_date_slots(page, gray, [("a", read), ("b", read), ("c", read)]) is page and calls == []


def test_a_month_read_as_a_sign_beside_a_day_with_a_speck_is_read_again() -> None:
    gray, boxes = _drawn(["Tân", "Lộc,", "ngày", "14", "tháng", "8", "năm", "2025"])
    # as Tesseract read it: a speck glued to the day, the month read "§"
    read = [*boxes[:3], ("†14", boxes[3][1]), boxes[4], ("§", boxes[5][1]), *boxes[6:]]
    out = fill_date_slots(_page(read), gray, line_readers())
    assert out.blocks[0].lines[0].text == "Tân Lộc, ngày †14 tháng 8 năm 2025"


def test_a_header_date_line_is_left_to_the_fill_in_vote() -> None:
    # Session 18, at the merge: the header's place-and-date line is ocr/handwriting.py's,
    # which runs after this step and judges the blank with the pen in it.
    calls: list[int] = []

    def read(crops: list[np.ndarray]) -> list[str]:
        calls.append(len(crops))
        return ["8" for _ in crops]

    gray, boxes = _drawn(["Hòa", "Thành,", "ngày", "03", "tháng", "§", "năm", "2026"])
    body = _page(boxes)
    assert "date_slots:1" in fill_date_slots(body, gray, [("a", read), ("b", read), ("c", read)]).steps
    header = replace(body, blocks=(replace(body.blocks[0], kind="place_date"),))
    calls.clear()
    assert fill_date_slots(header, gray, [("a", read), ("b", read), ("c", read)]) is header
    assert calls == []
