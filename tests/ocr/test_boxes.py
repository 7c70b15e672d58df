"""Numbers written one character a printed cell (a form's ID in a comb of boxes) found by
their rules and read cell by cell (ocr/boxes.py, issue 14, forms12). Fictional numbers."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr.boxes import find_combs
from ocr.pipeline import read_document
from ocr.settings import OcrSettings

from .drawn import DPI, SERIF, font, png_bytes

ID = "001099012345"  # fictional


def _comb_page(rule: int = 90, cut_last: bool = False) -> Image.Image:
    """A form's lines with the ID in twelve narrow boxes, 0.29 in high, one digit a box."""
    page = Image.new("L", (1654, 700), 255)
    draw = ImageDraw.Draw(page)
    text = font(SERIF, 34)
    draw.text((150, 100), "Họ, chữ đệm, tên: Trần Văn Bình", font=text, fill=0)
    draw.text((150, 180), "Ngày sinh: 02/03/1999", font=text, fill=0)
    draw.text((150, 272), "Số căn cước:", font=text, fill=0)
    x0, y0, cell, high = 420, 260, 36, 58
    draw.rectangle((x0, y0, x0 + 12 * cell, y0 + high), outline=rule, width=3)
    for i in range(1, 12):
        draw.line((x0 + i * cell, y0, x0 + i * cell, y0 + high), fill=rule, width=3)
    for i, digit in enumerate(ID):
        draw.text((x0 + i * cell + 7, y0 + 10), digit, font=text, fill=0)
    if cut_last:  # the last rule's top taken (as the leader eraser takes pieces of rules)
        draw.rectangle((x0 + 12 * cell - 2, y0 - 2, x0 + 12 * cell + 2, y0 + 18), fill=255)
    draw.text((150, 360), "Địa chỉ thường trú: Ấp 3, xã Tân Lộc, tỉnh Cà Mau", font=text, fill=0)
    return page


def test_a_comb_of_narrow_boxes_is_found_with_its_twelve_cells() -> None:
    combs = find_combs(np.asarray(_comb_page()), DPI)
    assert [len(c.cells) for c in combs] == [12]


def test_a_comb_drawn_light_and_grainy_is_found() -> None:
    gray = np.asarray(_comb_page(rule=205)).astype(np.int16)
    noise = np.random.default_rng(7).integers(-25, 26, gray.shape)
    combs = find_combs(np.clip(gray + noise, 0, 255).astype(np.uint8), DPI)
    assert [len(c.cells) for c in combs] == [12]


def test_an_end_rule_found_short_still_closes_the_last_cell() -> None:
    combs = find_combs(np.asarray(_comb_page(cut_last=True)), DPI)
    assert [len(c.cells) for c in combs] == [12]


def test_text_lines_alone_are_no_comb() -> None:
    page = _comb_page()
    ImageDraw.Draw(page).rectangle((400, 240, 1100, 340), fill=255)
    assert find_combs(np.asarray(page), DPI) == []


def test_the_boxed_id_is_read_cell_by_cell_beside_its_label() -> None:
    data = png_bytes(_comb_page().convert("RGB"))
    page = read_document(data).pages[0]
    line = next(ln for ln in page.lines if ln.text.startswith("Số"))
    assert line.text.endswith(f" {ID}")
    assert line.words[-1].engine == "boxes" and line.words[-1].confidence >= 0.8
    assert any(s.startswith("boxes:") for s in page.steps)
    # without the cell reading, Tesseract's reading of the row keeps its rules
    plain = read_document(data, OcrSettings(boxed_numbers=False)).pages[0]
    assert ID not in plain.text


def test_a_fine_page_s_comb_is_found_through_the_half_size_look_first() -> None:
    # At 300 DPI the page is first looked at half size (most pages hold no comb): a comb
    # drawn light and grainy, scaled to 300 DPI, must pass that look and keep its cells.
    gray = np.asarray(_comb_page(rule=205)).astype(np.int16)
    noise = np.random.default_rng(7).integers(-25, 26, gray.shape)
    page = Image.fromarray(np.clip(gray + noise, 0, 255).astype(np.uint8))
    fine = np.asarray(
        page.resize((page.width * 300 // DPI, page.height * 300 // DPI), Image.Resampling.BICUBIC)
    )
    combs = find_combs(fine, 300)
    assert [len(c.cells) for c in combs] == [12]
