"""A place-and-date line whose day is glued to "ngày" and written apart ("ngày0 2 tháng") is
still the header's date line (bench real, dev fonts: it was left as "other", so its day and
month were never read again). Regression test for ocr.layout._DATE."""

from __future__ import annotations

from ocr.layout import arrange
from ocr.result import Block, Line, Page, Word


def _line(y: int, *words: tuple[str, int, int]) -> Line:
    return Line(tuple(Word(text, (x0, y, x1, y + 36), 0.95, "tesseract") for text, x0, x1 in words))


def _header_page(date_words: tuple[tuple[str, int, int], ...]) -> Page:
    lines = [
        # The agency and the motto read as one line, "CỘNG" as "SÔNG": the motto's first line
        # is not known, so the date line must be to place the right column.
        _line(
            160,
            ("BỘ", 130, 180),
            ("TÀI", 190, 250),
            ("NGUYÊN", 260, 400),
            ("SÔNG", 850, 950),
            ("HÒA", 960, 1040),
            ("XÃ", 1050, 1100),
            ("HỘI", 1110, 1180),
            ("CHỦ", 1190, 1260),
            ("NGHĨA", 1270, 1380),
            ("VIỆT", 1390, 1470),
            ("NAM", 1480, 1560),
        ),
        _line(
            220,
            ("Độc", 960, 1030),
            ("lập", 1040, 1100),
            ("-", 1110, 1120),
            ("Tự", 1130, 1180),
            ("do", 1190, 1230),
            ("-", 1240, 1250),
            ("Hạnh", 1260, 1350),
            ("phúc", 1360, 1425),
        ),
        _line(296, ("Số:", 252, 299), ("39", 312, 359), ("/TTr-BTNMT", 438, 658)),
        _line(299, *date_words),
        _line(420, ("TỜ", 700, 760), ("TRÌNH", 770, 900)),
        _line(
            680,
            ("Thực", 237, 320),
            ("hiện", 330, 410),
            ("Nghị", 420, 500),
            ("quyết", 510, 600),
            ("số", 610, 650),
            ("16/NQ-CP", 660, 820),
            ("ngày", 830, 910),
            ("09/02/2023", 920, 1100),
            ("của", 1110, 1170),
            ("Chính", 1180, 1270),
            ("phủ", 1280, 1497),
        ),
    ]
    return Page(1, 1654, 2339, 200, "ocr", tuple(Block((line,)) for line in lines))


def _kind_of(page: Page, text: str) -> str:
    return next(b.kind for b in page.blocks if text in b.text)


def test_a_day_glued_to_its_label_and_written_apart_is_the_date_line() -> None:
    glued = (
        ("Hà", 911, 958),
        ("Nội,", 969, 1030),
        ("ngày0", 1045, 1134),
        ("2", 1142, 1159),
        ("tháng", 1170, 1256),
        ("4", 1275, 1294),
        ("năm", 1326, 1391),
        ("2023", 1403, 1479),
    )
    assert _kind_of(arrange(_header_page(glued)), "ngày0") == "place_date"


def test_the_date_line_as_printed_is_found_as_before() -> None:
    printed = (
        ("Hà", 911, 958),
        ("Nội,", 969, 1030),
        ("ngày", 1045, 1120),
        ("07", 1130, 1159),
        ("tháng", 1170, 1256),
        ("4", 1275, 1294),
        ("năm", 1326, 1391),
        ("2023", 1403, 1479),
    )
    assert _kind_of(arrange(_header_page(printed)), "ngày 07") == "place_date"
