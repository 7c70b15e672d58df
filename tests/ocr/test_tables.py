"""Ruled tables read cell by cell (ocr/tables.py, ocr/layout.py): each test draws a table as
the real annexes and comparison tables of vi_real_admin_pdfs draw them (fictional text) and
reads it through the real pipeline, Tesseract included."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from ocr.settings import OcrSettings
from ocr.tables import find_tables, reread_cells
from tests.ocr.drawn import DPI, SERIF, font, read_drawn

# An annex's list of tasks: number, code, task, product, points; one row's task in two lines.
COLUMNS = (150, 260, 520, 1200, 1560, 1800)
ROWS = (
    ("TT", "Mã", "Nhiệm vụ", "Sản phẩm", "Điểm"),
    ("1", "101", "Tiếp nhận văn bản đến", "Lượt văn bản", "100"),
    ("2", "102", "Sao lục, trích lục hồ sơ|lưu trữ của cơ quan", "Văn bản", "200"),
    ("3", "103", "Thu thập tài liệu", "Hồ sơ", "300"),
)


def _annex() -> Image.Image:
    page = Image.new("L", (1950, 1100), 255)
    draw = ImageDraw.Draw(page)
    regular = font(SERIF, 30)
    draw.text((420, 80), "DANH MỤC CÔNG VIỆC CHUNG", font=font(SERIF, 36), fill=0)
    top, row_h = 200, 150
    bottom = top + row_h * len(ROWS)
    for i in range(len(ROWS) + 1):
        draw.line((COLUMNS[0], top + i * row_h, COLUMNS[-1], top + i * row_h), fill=0, width=3)
    for x in COLUMNS:
        draw.line((x, top, x, bottom), fill=0, width=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            lines = text.split("|")
            y = top + r * row_h + (row_h - 42 * len(lines)) // 2
            for k, line in enumerate(lines):
                draw.text((COLUMNS[c] + 14, y + 42 * k), line, font=regular, fill=0)
    return page


def test_an_annex_table_is_read_row_by_row_each_cell_whole() -> None:
    page = read_drawn(_annex())
    assert "layout:table" in page.steps
    text = " ".join(page.text.split())
    # The two-line task is one cell, read whole before the product beside it; rows in order.
    expected = [
        "TT",
        "Mã",
        "Nhiệm vụ",
        "Sản phẩm",
        "Điểm",
        "1 101 Tiếp nhận văn bản đến Lượt văn bản 100",
        "2 102 Sao lục, trích lục hồ sơ lưu trữ của cơ quan Văn bản 200",
        "3 103 Thu thập tài liệu Hồ sơ 300",
    ]
    at = [text.find(part) for part in expected]
    assert all(i >= 0 for i in at), (expected, text)
    assert at == sorted(at), text
    # Tesseract reads the rules as "|" glued to the words; none is left.
    assert "|" not in text


def test_each_cell_is_a_block_of_its_own() -> None:
    page = read_drawn(_annex())
    blocks = [" ".join(b.text.split()) for b in page.blocks]
    assert "Sao lục, trích lục hồ sơ lưu trữ của cơ quan" in blocks


def test_a_framed_paragraph_and_a_page_of_text_are_no_table() -> None:
    page = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((1100, 60, 1600, 200), outline=0, width=3)  # a "DỰ THẢO" frame
    draw.text((1130, 100), "DỰ THẢO", font=font(SERIF, 40), fill=0)
    draw.text((150, 300), "Điều 1. Phê duyệt kế hoạch cải cách hành chính.", font=font(SERIF, 34), fill=0)
    draw.line((150, 360, 1000, 360), fill=0, width=2)  # an underline under a heading
    assert find_tables(np.asarray(page), DPI) == ()


def test_a_certificate_border_is_no_table() -> None:
    # A certificate's border with a heading band of two columns and a footer band: a grid of
    # four spaces, but one of them holds the whole page, so it is a frame, and the page
    # is read as a page (its columns apart), not as one cell.
    page = Image.new("L", (1700, 2300), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((60, 60, 1640, 2240), outline=0, width=4)  # the border
    draw.line((60, 400, 1640, 400), fill=0, width=3)  # under the heading band
    draw.line((800, 60, 800, 400), fill=0, width=3)  # the band's two columns
    draw.line((60, 2000, 1640, 2000), fill=0, width=3)  # above the footer band
    draw.text((300, 1000), "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT", font=font(SERIF, 40), fill=0)
    assert find_tables(np.asarray(page), DPI) == ()


def test_a_line_struck_through_words_does_not_cut_their_cell() -> None:
    # A comparison table strikes through the words a draft deletes: the stroke is inside a
    # cell, not one of the table's rules, so the cell stays whole.
    image = _annex()
    draw = ImageDraw.Draw(image)
    draw.line((534, 672, 1100, 672), fill=0, width=3)  # through "Sao lục, trích lục hồ sơ"
    tables = find_tables(np.asarray(image), DPI)
    assert len(tables) == 1
    assert len(tables[0].cells) == len(ROWS) * (len(COLUMNS) - 1)
    table = tables[0]
    assert table.cell_of((540, 640, 1000, 700)) == table.cell_of((540, 700, 1000, 740))


def test_a_comparison_table_reads_its_paragraphs_side_by_side() -> None:
    # A law's comparison table (current text | draft | note): a row of tall cells whose
    # paragraphs face each other is read one row of paragraphs at a time, as before tables
    # were found, not one whole column after the other.
    page_image = Image.new("L", (1950, 1000), 255)
    draw = ImageDraw.Draw(page_image)
    regular = font(SERIF, 28)
    left, mid, right, end = 120, 760, 1400, 1850
    draw.rectangle((left, 100, end, 900), outline=0, width=3)
    draw.line((mid, 100, mid, 900), fill=0, width=3)
    draw.line((right, 100, right, 900), fill=0, width=3)
    draw.line((left, 180, end, 180), fill=0, width=3)
    for x, head in ((left, "Luật hiện hành"), (mid, "Dự thảo"), (right, "Thuyết minh")):
        draw.text((x + 20, 125), head, font=regular, fill=0)
    paragraphs = (
        (
            220,
            ("Điều 5. Phạm vi áp dụng", "của Luật này"),
            ("Điều 5. Phạm vi điều chỉnh", "của Luật này"),
            ("Sửa tên điều",),
        ),
        (500, ("1. Tổ chức tham gia góp", "vốn thành lập"), ("1. Tổ chức, cá nhân góp", "vốn thành lập"), ()),
    )
    for y, *cells in paragraphs:
        for x, lines in zip((left, mid, right), cells, strict=True):
            for k, line in enumerate(lines):
                draw.text((x + 20, y + 40 * k), line, font=regular, fill=0)
    text = " ".join(read_drawn(page_image).text.split())
    order = ["Điều 5. Phạm vi áp dụng", "Điều 5. Phạm vi điều chỉnh", "Sửa tên điều", "1. Tổ chức tham gia"]
    at = [text.find(part) for part in order]
    assert all(i >= 0 for i in at), text
    assert at == sorted(at), text


def test_a_form_row_is_read_label_then_values_even_beside_a_cell_spanning_rows() -> None:
    # A marriage certificate's table: label | husband | wife, and the wife's column drawn
    # with no rules between its rows (one tall cell). Each row is still read left to right:
    # the label, then the husband's value, then the wife's, each a block of its own.
    image = Image.new("L", (1800, 700), 255)
    draw = ImageDraw.Draw(image)
    regular = font(SERIF, 32)
    rows = (("Họ, chữ đệm, tên", "TRẦN VĂN BÌNH", "LÊ THỊ MAI"), ("Dân tộc", "Kinh", "Tày"))
    top, row_h, xs = 100, 150, (150, 650, 1150, 1650)
    for i, row in enumerate(rows):
        for x, text in zip(xs, row, strict=False):
            draw.text((x + 20, top + row_h * i + 50), text, font=regular, fill=0)
    for i in range(len(rows) + 1):
        draw.line((xs[0], top + row_h * i, xs[2], top + row_h * i), fill=0, width=3)
    draw.line((xs[2], top, xs[3], top), fill=0, width=3)
    draw.line((xs[2], top + row_h * len(rows), xs[3], top + row_h * len(rows)), fill=0, width=3)
    for x in xs:
        draw.line((x, top, x, top + row_h * len(rows)), fill=0, width=3)
    page = read_drawn(image)
    assert "layout:table" in page.steps
    blocks = [" ".join(b.text.split()) for b in page.blocks]
    at = [
        blocks.index(t) for t in ("Họ, chữ đệm, tên", "TRẦN VĂN BÌNH", "LÊ THỊ MAI", "Dân tộc", "Kinh", "Tày")
    ]
    assert at == sorted(at), blocks


def test_tables_can_be_turned_off() -> None:
    page = read_drawn(_annex(), tables=False)
    assert "layout:table" not in page.steps


def test_a_word_box_of_no_height_on_a_rule_has_no_cell_and_no_error() -> None:
    # Regression: a degenerate box (a "|" Tesseract boxed one pixel high) whose centre is on a
    # rule left nothing to count and raised IndexError.
    table = find_tables(np.asarray(_annex()), DPI)[0]
    x = COLUMNS[1]
    assert table.cell_of((x - 1, 300, x + 1, 300)) is None


def test_a_failing_cell_reread_keeps_the_page_asread_drawn(tmp_path) -> None:
    # The cells are read again by a second Tesseract run; when that run fails (here a real
    # executable that exits 1), the page keeps its first reading and says so in a step.
    from ocr.result import Block, Line

    image = _annex()
    page = read_drawn(image)
    # One cell's words taken out: its ink is then unread, and it is to be read again.
    gone = {"Hồ", "sơ"}
    lines = [Line(tuple(w for w in ln.words if w.text not in gone)) for b in page.blocks for ln in b.lines]
    lost = replace(page, blocks=(Block(tuple(ln for ln in lines if ln.words)),), steps=())
    failing = tmp_path / "tesseract"
    failing.write_text("#!/bin/sh\nexit 1\n")
    failing.chmod(0o755)
    gray = np.asarray(image)
    tables = find_tables(gray, DPI)
    kept = reread_cells(lost, gray, tables, OcrSettings(tesseract_cmd=str(failing)))
    assert kept.blocks == lost.blocks
    assert "table_cells_failed" in kept.steps
    # With a working Tesseract the lost cell is read again.
    again = reread_cells(lost, gray, tables, OcrSettings())
    assert "Hồ sơ" in again.text
