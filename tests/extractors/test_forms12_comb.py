"""An applicant's ID read out of its printed boxes by ocr/boxes.py (engine "boxes") beside a
label Tesseract garbled with the box rules ('SðSLCCD:'): the one valid ID of the applicant's
birth year is theirs (issue 14, forms12). Fictional numbers."""

from __future__ import annotations

from dataclasses import replace

from extractors.forms import extract_application_form
from extractors.layout import segments
from extractors.textdoc import document_from_text
from extractors.types import FieldValue
from ocr.result import Document

MAN_1988_ID = "096088726055"  # fictional: Cà Mau, nam, born 1988
TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI ĐĂNG KÝ KHAI SINH\n"
    "Kính gửi: Ủy ban nhân dân xã Tân Lộc\nHọ, chữ đệm, tên người yêu cầu: Lê Văn Hùng\n"
    "Ngày, tháng, năm sinh: 08/02/1988\nSðSLCCD: {id}\nNơi cư trú: Ấp 3, xã Tân Lộc, tỉnh Cà Mau\n"
)


def _from_boxes(doc: Document, digits: str) -> Document:
    """``doc`` with the word ``digits`` as ocr/boxes.py gives it (engine "boxes")."""
    pages = []
    for page in doc.pages:
        blocks = []
        for block in page.blocks:
            lines = []
            for line in block.lines:
                words = tuple(replace(w, engine="boxes") if w.text == digits else w for w in line.words)
                lines.append(replace(line, words=words))
            blocks.append(replace(block, lines=tuple(lines)))
        pages.append(replace(page, blocks=tuple(blocks)))
    return replace(doc, pages=tuple(pages))


def _id(text: str, digits: str, boxes: bool = True) -> FieldValue | None:
    doc = document_from_text(text)
    if boxes:
        doc = _from_boxes(doc, digits)
    return extract_application_form(doc, "application_form", segments(doc)).get("applicant_id_number")


def test_the_boxed_id_beside_a_garbled_label_is_the_applicants() -> None:
    fv = _id(TEXT.format(id=MAN_1988_ID), MAN_1988_ID)
    assert fv is not None and fv.value == MAN_1988_ID and "boxed" in fv.flags and fv.repairs


def test_a_number_tesseract_read_is_not_taken_without_its_label() -> None:
    assert _id(TEXT.format(id=MAN_1988_ID), MAN_1988_ID, boxes=False) is None


def test_a_boxed_id_of_another_birth_year_is_not_the_applicants() -> None:
    other = "096095726055"  # fictional: born 1995
    assert _id(TEXT.format(id=other), other) is None


def test_a_place_named_with_its_number_heads_a_misread_request_date() -> None:
    # "Gia Tân 3" (a commune named with its number): the day's 1 read as I is still repaired
    doc = document_from_text(
        TEXT.format(id=MAN_1988_ID) + "Gia Tân 3, ngày I6 tháng 07 năm 2022\nNGƯỜI YÊU CẦU\n"
    )
    fv = extract_application_form(doc, "application_form", segments(doc))["request_date"]
    assert fv is not None and fv.value == "2022-07-16" and "repaired" in fv.flags


def test_a_comma_set_apart_from_its_word_in_an_address() -> None:
    doc = document_from_text(TEXT.format(id=MAN_1988_ID).replace("Ấp 3, xã", "Ấp 8 , xã"))
    fv = extract_application_form(doc, "application_form", segments(doc))["address"]
    assert fv is not None and fv.value == "Ấp 8, xã Tân Lộc, tỉnh Cà Mau"


def test_a_place_name_syllable_read_small_is_capitalized() -> None:
    doc = document_from_text(
        TEXT.format(id=MAN_1988_ID).replace("Ấp 3, xã Tân Lộc", "Ấp Xóm Mới, xã Tân lộc")
    )
    fv = extract_application_form(doc, "application_form", segments(doc))["address"]
    assert fv is not None and fv.value == "Ấp Xóm Mới, xã Tân Lộc, tỉnh Cà Mau"
