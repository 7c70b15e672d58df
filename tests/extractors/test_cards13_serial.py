"""A land certificate's số phát hành printed other than the blanks are is kept as printed for
correct.land_serial.format to judge, not left out (issue 14; fictional data)."""

from __future__ import annotations

from extractors import extract
from extractors.textdoc import document_from_text
from tests.extractors.test_fields11_blind import LAND_BODY

HEAD = "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
FOOT = "        Cà Mau, ngày 03 tháng 04 năm 2019\n        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU\n"


def _serial(line: str) -> str | None:
    ex = extract(document_from_text(HEAD + line + "\n" + LAND_BODY + FOOT))
    fv = ex.values.get("serial_number")
    return fv.value if fv else None


def test_a_serial_line_in_another_shape_is_kept_as_printed() -> None:
    assert _serial("C-7144829") == "C-7144829"
    assert _serial("71513814 AA") == "71513814 AA"
    assert _serial("CY 596268") == "CY 596268"  # the blanks' own shape, as before
