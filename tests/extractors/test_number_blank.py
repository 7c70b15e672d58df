"""A number filled into a wide blank after "Số:" (regression: bench real's typed control,
"Số:      8      /TTr-BTNMT" was cut into three columns and the number lost). Fictional."""

from __future__ import annotations

from extractors.admin_document import extract_admin_document
from extractors.layout import segments
from extractors.textdoc import document_from_text

HEADER = """\
BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc

{number}

        Hà Nội, ngày 08 tháng 9 năm 2023

TỜ TRÌNH
Dự thảo Luật Địa chất và Khoáng sản

Kính gửi: Chính phủ
"""


def _fields(number_line: str) -> dict:
    doc = document_from_text(HEADER.format(number=number_line))
    return extract_admin_document(doc, "official_letter", segments(doc))


def test_a_numeral_in_a_wide_blank_keeps_its_label_and_code() -> None:
    got = _fields("Số:   8   /TTr-BTNMT")
    assert got["document_number"].value == "8/TTr-BTNMT"


def test_a_code_after_a_wide_blank_keeps_its_label() -> None:
    got = _fields("Số: 15   /TTr-BTNMT")
    assert got["document_number"].value == "15/TTr-BTNMT"


def test_a_right_column_after_the_number_stays_apart() -> None:
    doc = document_from_text("Số: 15/TTr-BTNMT        Hà Nội, ngày 08 tháng 9 năm 2023\n")
    texts = [s.text for s in segments(doc)]
    assert texts == ["Số: 15/TTr-BTNMT", "Hà Nội, ngày 08 tháng 9 năm 2023"]


def test_a_body_line_ending_in_so_is_not_a_label() -> None:
    doc = document_from_text("điểm số   12   /cuộc họp\n")
    assert len(segments(doc)) == 3
