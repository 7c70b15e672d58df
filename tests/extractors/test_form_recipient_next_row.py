"""A form's next row runs on beneath an indented "Kính gửi:" at a word's spacing: it is its
own label and value, never the recipient's rest (regression: the card rule of a place's rest
on the row the left column shares took "NGỌC HUY" of the applicant's name into the recipient;
dev seed 213, 5 of 30 forms). Fictional data."""

from __future__ import annotations

from extractors import extract
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards6 import line_at


def _form(*lines: Line) -> Document:
    return Document((Page(1, 1700, 2400, 200, "ocr", (Block(lines),)),))


def test_the_applicant_s_name_under_an_indented_recipient_is_not_the_recipient_s() -> None:
    ex = extract(
        _form(
            line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 400, 100),
            line_at("Độc lập - Tự do - Hạnh phúc", 520, 140),
            line_at("TỜ KHAI ĐĂNG KÝ THƯỜNG TRÚ", 450, 220),
            line_at("Kính gửi: Ủy ban nhân dân phường Hộ Phòng", 480, 290),
            line_at("Tôi tên là: NGUYỄN NGỌC HUY", 200, 330),
            line_at("Ngày, tháng, năm sinh: 04/05/1990", 200, 370),
        )
    )
    assert ex.values["recipient"].value == "Ủy ban nhân dân phường Hộ Phòng"
