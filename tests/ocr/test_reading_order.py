"""Reading order of drawn administrative pages (issue 13's page-CER bar): each test draws a page
with one layout the real documents have (fictional text) and reads it through the real
pipeline (Tesseract included), then checks the order a person reads it in."""

from __future__ import annotations

from PIL import Image, ImageDraw

from ocr.layout import arrange
from ocr.result import Block, Line, Page, Word
from tests.ocr.drawn import BODY, DPI, SERIF, SERIF_BOLD, draw_motto, font, read_drawn


def _flat(text: str) -> str:
    return " ".join(text.split())


def _header(draw: ImageDraw.ImageDraw) -> None:
    regular, bold = font(SERIF, 34), font(SERIF_BOLD, 34)
    draw.text((150, 150), "BỘ VĂN HÓA SỐ", font=bold, fill="black")
    draw_motto(draw, bold)
    draw.text((150, 300), "Số:", font=regular, fill="black")
    draw.text((330, 300), "/TTr-BVHS", font=regular, fill="black")
    draw.text((820, 300), "Hà Nội, ngày      tháng      năm 2025", font=regular, fill="black")


def test_a_printed_draft_frame_is_print_not_an_arrival_stamp() -> None:
    # A draft's "DỰ THẢO" mark, framed, under the number where an arrival stamp would be:
    # its words stay in the page text and no stamp is recorded for it.
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    _header(draw)
    # The frame reaches lower than the title beside it: the title is still read after the
    # header, not before it.
    draw.rectangle((170, 390, 470, 500), outline=0, width=3)
    draw.text((200, 425), "DỰ THẢO", font=font(SERIF_BOLD, 38), fill=0)
    draw.text((700, 400), "TỜ TRÌNH", font=font(SERIF_BOLD, 34), fill=0)
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=font(SERIF, 34), fill=0)
    read = read_drawn(page)
    assert "DỰ THẢO" in read.text, read.text
    assert not any(s.startswith("stamp:box:") for s in read.steps), read.steps
    assert not read.stamps
    text = _flat(read.text)
    order = [text.index(s) for s in ("BỘ VĂN HÓA", "CỘNG HÒA", "Số:", "Hà Nội", "TỜ TRÌNH", "Căn cứ")]
    assert order == sorted(order), text


def _justify(draw: ImageDraw.ImageDraw, text: str, x0: int, x1: int, y: int, size: int = 34) -> None:
    """One line of running text set full width, as a justified paragraph's lines are."""
    f = font(SERIF, size)
    words = text.split()
    widths = [draw.textlength(w, font=f) for w in words]
    gap = (x1 - x0 - sum(widths)) / max(1, len(words) - 1)
    x = float(x0)
    for word, width in zip(words, widths, strict=True):
        draw.text((x, y), word, font=f, fill=0)
        x += width + gap


PARAGRAPH = [
    "Thực hiện chương trình công tác năm, Bộ Văn hóa Số kính trình Chính phủ",
    "dự thảo Nghị định quy định chi tiết một số điều của Luật Thư viện số, với",
    "các nội dung chủ yếu sau đây để Chính phủ xem xét, cho ý kiến về dự án.",
]


def test_a_blank_day_and_month_keep_the_date_line_whole_and_the_title_is_not_the_body() -> None:
    # "Hà Nội, ngày      tháng 6 năm 2025": the blank left for the day is as wide as a
    # column gap; the line is still one place-and-date line, read after the number. The
    # running text under the title is set justified, indented at its start and full at its
    # end: not centred, so not the title's.
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    regular, bold = font(SERIF, 34), font(SERIF_BOLD, 34)
    draw.text((150, 150), "BỘ VĂN HÓA SỐ", font=bold, fill=0)
    draw_motto(draw, bold)
    draw.text((150, 300), "Số:", font=regular, fill=0)
    draw.text((330, 300), "/TTr-BVHS", font=regular, fill=0)
    draw.text((760, 300), "Hà Nội, ngày", font=regular, fill=0)
    draw.text((1130, 300), "tháng 6 năm 2025", font=regular, fill=0)
    draw.text((730, 420), "TỜ TRÌNH", font=bold, fill=0)
    for i, line in enumerate(PARAGRAPH):
        _justify(draw, line, 250 if i == 0 else 150, 1500, 560 + 60 * i)
    for i, line in enumerate(BODY):
        _justify(draw, line, 150, 1500, 800 + 60 * i)
    read = read_drawn(page)
    kinds = [b.kind for b in read.blocks]
    assert kinds[:4] == ["header_agency", "header_motto", "number", "place_date"], kinds
    place_date = next(b for b in read.blocks if b.kind == "place_date")
    assert "ngày" in place_date.text and "2025" in place_date.text, place_date.text
    title = next(b for b in read.blocks if b.kind == "title")
    assert "Thực hiện" not in title.text, title.text
    text = _flat(read.text)
    order = [
        text.index(s) for s in ("BỘ VĂN HÓA", "CỘNG HÒA", "Số:", "Hà Nội, ngày", "TỜ TRÌNH", "Thực hiện")
    ]
    assert order == sorted(order), text[:300]


def test_a_footnote_under_the_footer_is_read_after_it_not_as_a_recipient() -> None:
    # Nơi nhận (left) beside the signature block (right), the signer's name far below the
    # title (room for the signature), and a footnote at the foot of the page.
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    regular, small, bold = font(SERIF, 34), font(SERIF, 26), font(SERIF_BOLD, 32)
    for i, line in enumerate(BODY):
        draw.text((150, 300 + 60 * i), line, font=regular, fill=0)
    draw.text((150, 700), "Nơi nhận:", font=font(SERIF_BOLD, 28), fill=0)
    for i, line in enumerate(["- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, VP."]):
        draw.text((150, 740 + 36 * i), line, font=small, fill=0)
    draw.text((1000, 700), "TM. ỦY BAN NHÂN DÂN", font=bold, fill=0)
    draw.text((1100, 745), "CHỦ TỊCH", font=bold, fill=0)
    draw.text((1060, 1050), "Trần Văn Mẫu", font=bold, fill=0)
    draw.line((150, 2080, 600, 2080), fill=0, width=2)
    draw.text((150, 2100), "1 Ghi chú này chỉ để thử thứ tự đọc của trang.", font=small, fill=0)
    read = read_drawn(page)
    recipients = next(b for b in read.blocks if b.kind == "recipients")
    assert "Ghi chú" not in recipients.text, recipients.text
    text = _flat(read.text)
    order = [text.index(s) for s in ("Căn cứ", "Nơi nhận", "Lưu", "CHỦ TỊCH", "Trần Văn Mẫu", "Ghi chú")]
    assert order == sorted(order), text


def test_a_table_is_read_row_by_row_each_cell_whole() -> None:
    # A comparison table: three columns, two rows of cells of several lines each.
    page = Image.new("L", (2339, 1654), 255)  # landscape, as such tables are
    draw = ImageDraw.Draw(page)
    f = font(SERIF, 32)
    cols = [(150, 880), (900, 1630), (1650, 2200)]
    rows = [(200, 500), (500, 800)]
    cells = [
        [
            ["Điều 2. Đối tượng áp dụng của", "Luật này gồm cơ quan, tổ chức"],
            ["Điều 2. Đối tượng áp dụng gồm", "cơ quan, tổ chức và cá nhân"],
            ["Bổ sung cá nhân cho", "đầy đủ đối tượng"],
        ],
        [
            ["Điều 5. Nguyên tắc thư viện", "mở cửa cho mọi người đọc"],
            ["Điều 5. Nguyên tắc thư viện", "số mở cửa cho người đọc"],
            ["Sửa đổi cho rõ phạm vi", "của thư viện số"],
        ],
    ]
    # Ruled between the columns and round the table; the rows apart by a blank line only.
    draw.rectangle((140, 200, 2210, 800), outline=0, width=2)
    for x0, _ in cols[1:]:
        draw.line((x0 - 10, 200, x0 - 10, 800), fill=0, width=2)
    for (y0, _y1), row in zip(rows, cells, strict=True):
        for (x0, _x1), lines in zip(cols, row, strict=True):
            for i, line in enumerate(lines):
                draw.text((x0 + 10, y0 + 30 + 50 * i), line, font=f, fill=0)
    read = read_drawn(page)
    text = _flat(read.text)
    marks = [
        "Luật này gồm",
        "cơ quan, tổ chức và",
        "đầy đủ",
        "mở cửa cho mọi",
        "số mở cửa",
        "của thư viện số",
    ]
    order = [text.index(s) for s in marks]
    assert order == sorted(order), text


def test_the_country_named_in_running_text_is_not_the_motto_of_a_header() -> None:
    # A page of running text (no header) whose line names "nước Cộng hòa xã hội chủ nghĩa
    # Việt Nam" near the top: the motto is printed in capitals, this is not it.
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    lines = [
        "Dự thảo Luật không có quy định nào tạo ra sự phân biệt về giới và nội",
        "dung quy định trong dự thảo Luật tương thích với điều ước quốc tế có liên",
        "quan về quyền con người mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là",
        "thành viên, theo quy định hiện hành của pháp luật về điều ước quốc tế.",
        *BODY,
    ]
    for i, line in enumerate(lines):
        _justify(draw, line, 250 if i == 0 else 150, 1500, 200 + 60 * i)
    read = read_drawn(page)
    assert "layout:header" not in read.steps, read.steps
    text = _flat(read.text)
    order = [text.index(s) for s in ("Dự thảo Luật", "mà nước", "Cộng hòa xã hội", "thành viên", "Căn cứ")]
    assert order == sorted(order), text


def test_a_law_number_is_the_number_line_of_the_header() -> None:
    # A law's header gives "Luật số: .../2025/QH15" where other documents give "Số:".
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    regular, bold = font(SERIF, 34), font(SERIF_BOLD, 34)
    draw.text((330, 150), "QUỐC HỘI", font=bold, fill=0)
    draw_motto(draw, bold)
    draw.text((200, 250), "Luật số:", font=regular, fill=0)
    draw.text((420, 250), "/2025/QH15", font=regular, fill=0)
    draw.text((760, 420), "LUẬT", font=bold, fill=0)
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill=0)
    read = read_drawn(page)
    number = next((b for b in read.blocks if b.kind == "number"), None)
    assert number is not None and "QH15" in number.text, [(b.kind, b.text) for b in read.blocks]
    text = _flat(read.text)
    order = [text.index(s) for s in ("QUỐC HỘI", "CỘNG HÒA", "Hạnh phúc", "số:", "LUẬT", "Căn cứ")]
    assert order == sorted(order), text


def test_a_speck_between_the_footer_columns_does_not_undo_the_footer() -> None:
    # Pure geometry (arrange() on a result tree): a stroke of the signature read as "Ộ"
    # and a seal's remains read as "Na" between "Nơi nhận" and the signature block.
    def line(text: str, x: int, y: int, w: int = 0) -> Line:
        words, x0 = [], x
        for t in text.split():
            width = w or 18 * len(t)
            words.append(Word(t, (x0, y, x0 + width, y + 30), 0.9, "tesseract"))
            x0 += width + 12
        return Line(tuple(words))

    body = Block(tuple(line(t, 150, 200 + 50 * i) for i, t in enumerate(BODY)))
    left = Block(
        (
            line("Nơi nhận:", 150, 500),
            line("- Như trên;", 150, 540),
            line("- Sở Nội vụ;", 150, 580),
            line("- Lưu: VT.", 150, 620),
        )
    )
    speck = Block((line("Ộ", 300, 545, w=6),))
    # A seal's remains read unsurely as two letters, across the split, beside the recipients.
    unsure = Block((Line((Word("Na", (290, 585, 390, 615), 0.3, "tesseract"),)),))
    right = Block((line("TM. ỦY BAN NHÂN DÂN", 1000, 500), line("Trần Văn Mẫu", 1050, 640)))
    # Tesseract's order: the speck and the signature interleaved with the recipients' rows.
    page = Page(1, 1654, 2339, DPI, "ocr", blocks=(body, left, speck, unsure, right))
    arranged = arrange(page)
    assert "layout:footer" in arranged.steps
    kinds = [b.kind for b in arranged.blocks]
    assert kinds[-2:] == ["recipients", "signature"], kinds
    assert arranged.blocks[-1].text == "TM. ỦY BAN NHÂN DÂN\nTrần Văn Mẫu"


def test_a_footer_whose_recipients_label_lost_its_first_letter_is_still_the_footer() -> None:
    # Regression (bench real, damaged tb_ubnd_quangngai_11 p2): the page's seal cleared, "Nơi
    # nhận:" read "ơi nhận:", the footer was not found and its two columns were read across
    # as one (+130 errors on the page).
    left = Block((_line("ơi nhận:", 150, 500), _line("- Như trên;", 150, 540), _line("- Lưu: VT.", 150, 580)))
    right = Block((_line("TM. ỦY BAN NHÂN DÂN", 1000, 500), _line("Trần Văn Mẫu", 1050, 640)))
    body = Block(tuple(_line(t, 150, 200 + 50 * i) for i, t in enumerate(BODY)))
    arranged = arrange(Page(1, 1654, 2339, DPI, "ocr", blocks=(body, left, right)))
    assert "layout:footer" in arranged.steps
    assert [b.kind for b in arranged.blocks][-2:] == ["recipients", "signature"]


def _line(text: str, x: int, y: int, size: int = 30) -> Line:
    """A line of words as Tesseract gives it, each word ``0.6 * size`` wide per letter."""
    words, x0 = [], x
    for t in text.split():
        width = int(0.6 * size * len(t))
        words.append(Word(t, (x0, y, x0 + width, y + size), 0.9, "tesseract"))
        x0 += width + size // 3
    return Line(tuple(words))


def _justified(text: str, x0: int, x1: int, y: int, size: int = 30) -> Line:
    """A line of running text set full width, from ``x0`` to ``x1``."""
    texts = text.split()
    widths = [int(0.6 * size * len(t)) for t in texts]
    gap = (x1 - x0 - sum(widths)) / max(1, len(texts) - 1)
    words, x = [], float(x0)
    for t, w in zip(texts, widths, strict=True):
        words.append(Word(t, (int(x), y, int(x) + w, y + size), 0.9, "tesseract"))
        x += w + gap
    return Line(tuple(words))


def test_a_title_beside_the_header_s_last_line_is_read_after_the_header() -> None:
    # Pure geometry: under the number, a framed "DỰ THẢO" starting above the title beside
    # it and reaching lower; the title must not be read before the header as if above it.
    blocks = (
        Block((_line("BỘ VĂN HÓA SỐ", 200, 150), _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 760, 150))),
        Block((_line("Độc lập - Tự do - Hạnh phúc", 870, 200),)),
        Block((_line("Số: /TTr-BVHS", 200, 300), _line("Hà Nội, ngày tháng năm 2025", 820, 300))),
        Block((_line("TỜ TRÌNH", 760, 400),)),
        Block((_line("DỰ THẢO", 220, 395, size=44),)),
        Block(tuple(_justified(t, 150, 1500, 560 + 60 * i) for i, t in enumerate(BODY))),
    )
    arranged = arrange(Page(1, 1654, 2339, DPI, "ocr", blocks=blocks))
    text = _flat(arranged.text)
    marks = ("BỘ VĂN HÓA", "CỘNG HÒA", "Số:", "Hà Nội", "TỜ TRÌNH", "Căn cứ")
    order = [text.index(s) for s in marks]
    assert order == sorted(order), text
