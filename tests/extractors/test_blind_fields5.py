"""Fields of forms drawn by another hand (issue 14, fields pass 5): a form title worded
otherwise or not read, a value indented on the line under its label, an ID read box by box, a
slashed zero in a date, a land serial standing alone. Fictional data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw

from extractors import extract
from extractors.forms import extract_application_form, extract_land_use_certificate
from extractors.layout import segments
from extractors.normalize import parse_date, personal_id_without_extra_digits
from extractors.textdoc import document_from_text
from ocr.result import Document
from quality import judge

HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
FORM_BODY = (
    "Kính gửi: Ủy ban nhân dân xã Tân Lộc\n"
    "Họ và tên: Lê Văn Nam\nNgày sinh: 12/03/1990\n"
    "\n        Tân Lộc, ngày 02 tháng 02 năm 2025\n        NGƯỜI KÊ KHAI\n"
)


def _form(text: str, indent: str | None = None) -> dict:
    doc = document_from_text(text)
    if indent:
        doc = _indented(doc, indent)
    return extract_application_form(doc, "application_form", segments(doc))


def _indented(doc: Document, first_word: str, dx: int = 60) -> Document:
    """``doc`` with the line that starts with ``first_word`` moved ``dx`` to the right."""
    blocks = []
    for block in doc.pages[0].blocks:
        lines = []
        for line in block.lines:
            if line.words[0].text == first_word:
                line = replace(
                    line,
                    words=tuple(
                        replace(w, bbox=(w.bbox[0] + dx, w.bbox[1], w.bbox[2] + dx, w.bbox[3]))
                        for w in line.words
                    ),
                )
            lines.append(line)
        blocks.append(replace(block, lines=tuple(lines)))
    return Document((replace(doc.pages[0], blocks=tuple(blocks)),))


def test_form_title_worded_otherwise_is_the_upper_case_line_under_the_motto() -> None:
    got = _form(HEADER + "BẢN KHAI THÔNG TIN NHÂN KHẨU\n\n" + FORM_BODY)
    assert got["form_title"].value == "BẢN KHAI THÔNG TIN NHÂN KHẨU"
    assert not got["form_title"].unread
    # an agency line above the title is not it
    got = _form("CÔNG AN XÃ TÂN LỘC\n" + HEADER + "BẢN KHAI THÔNG TIN NHÂN KHẨU\n\n" + FORM_BODY)
    assert got["form_title"].value == "BẢN KHAI THÔNG TIN NHÂN KHẨU"


def test_form_title_not_read_is_unread_and_sends_the_form_to_review_not_rejection() -> None:
    text = (
        HEADER + "Kính gửi: Ủy ban nhân dân xã Tân Lộc\nTôi tên là: Lê Văn Nam\n"
        "Tôi xin cam đoan những nội dung trên là đúng sự thật.\n" + FORM_BODY
    )
    doc = document_from_text(text)
    ex = extract(doc)
    assert ex.doc_type == "application_form"
    title = ex.fields["form_title"]
    assert title.unread and title.bbox is not None
    verdict = judge(ex, today=date(2026, 1, 1), text=doc.text)
    assert verdict.status == "needs_review"
    assert not any(v.rule == "complete.required_fields.present" for v in verdict.violations)
    assert any(v.rule == "correct.field.unread" and v.field == "form_title" for v in verdict.violations)


def test_value_indented_under_its_label_comes_before_the_next_label_line() -> None:
    got = _form(
        HEADER + "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ\n"
        "Kính gửi: Công an xã Tân Lộc\n"
        "1. Họ, chữ đệm và tên:\n"
        "TRẦN VĂN BÌNH\n"
        "2. Ngày sinh: 26/02/2006\n",
        indent="TRẦN",
    )
    assert got["applicant_name"].value == "Trần Văn Bình"
    # a label with nothing under it before the next label stays without value
    got = _form(HEADER + "TỜ KHAI\n1. Họ, chữ đệm và tên:\n2. Ngày sinh: 26/02/2006\n")
    assert "applicant_name" not in got or got["applicant_name"].unread


def test_id_read_box_by_box_drops_the_box_rules_read_as_ones() -> None:
    # one digit per box; "12", "17", "17]6" are 2, 7, 7 and 6 with a rule read as "1" or "]"
    assert personal_id_without_extra_digits("0|9|6|2|0|6|12|17|5|1|17]6", 2006) == "096206275176"
    # the cells must give a number that holds: another birth year → no repair from the cells
    assert personal_id_without_extra_digits("0|9|6|2|0|6|12|17|5|1|17]6", 1990) is None
    # "11" could be either digit with a rule: left to the other repairs, never guessed cell-wise
    assert personal_id_without_extra_digits("0|9|6|2|0|6|11|17|5|1|17]6", 2006) in (None, "096206175176")


def test_slashed_zero_in_a_date_is_a_zero() -> None:
    assert parse_date("Hưng Phú, ngày 27 tháng Ø4 năm 2021") == ("2021-04-27", "YMD")
    assert parse_date("12/Ø3/2020") == ("2020-03-12", "YMD")
    assert parse_date("ngày 27 tháng Ø13 năm 2021") == ("2021", "Y")  # still no month 13


LAND = (
    HEADER + "GIẤY CHỨNG NHẬN\nQUYỀN SỬ DỤNG ĐẤT\n"
    "Bà: ĐẶNG THỊ LỤA\nThửa đất số: 942\nTờ bản đồ số: 33\nDiện tích: 484 m2\n{serial}\n"
)


def test_land_serial_alone_on_its_line_keeps_its_words_confidence() -> None:
    doc = document_from_text(LAND.format(serial="CS 381186"), confidence=0.9)
    got = extract_land_use_certificate(doc, "land_use_certificate", segments(doc))
    assert got["serial_number"].value == "CS 381186"
    assert got["serial_number"].confidence >= 0.85
    # a serial-like run inside other text is held in doubt
    doc = document_from_text(LAND.format(serial="theo hồ sơ CS 381186 đã nộp"), confidence=0.9)
    got = extract_land_use_certificate(doc, "land_use_certificate", segments(doc))
    assert got["serial_number"].value == "CS 381186"
    assert got["serial_number"].confidence < 0.8


def test_indented_name_under_its_label_through_tesseract(tmp_path: Path, ocr_file) -> None:
    from tests.ocr.drawn import SERIF, SERIF_BOLD, font

    img = Image.new("L", (1654, 1100), "white")
    draw = ImageDraw.Draw(img)
    bold, body = font(SERIF_BOLD, 34), font(SERIF, 32)
    draw.text((420, 80), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill="black")
    draw.text((560, 130), "Độc lập - Tự do - Hạnh phúc", font=bold, fill="black")
    draw.text((440, 230), "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", font=bold, fill="black")
    draw.text((520, 300), "Kính gửi: Công an xã Tân Lộc", font=body, fill="black")
    draw.text((160, 380), "1. Họ, chữ đệm và tên:", font=body, fill="black")
    draw.text((230, 435), "TRẦN VĂN BÌNH", font=body, fill="black")
    draw.text((160, 500), "2. Ngày sinh: 26/02/2006", font=body, fill="black")
    draw.text((160, 560), "3. Nơi cư trú: Ấp Tân Hòa, xã Tân Lộc, tỉnh Cà Mau", font=body, fill="black")
    draw.text((860, 700), "Tân Lộc, ngày 14 tháng 02 năm 2026", font=body, fill="black")
    draw.text((1000, 760), "NGƯỜI KÊ KHAI", font=bold, fill="black")
    path = tmp_path / "form.png"
    img.save(path, dpi=(200, 200))
    ex = extract(ocr_file(path, 200))
    assert ex.doc_type == "application_form"
    assert ex.fields["applicant_name"].value == "Trần Văn Bình"
    assert ex.fields["form_title"].value == "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"


def test_id_boxes_whose_rules_were_read_as_ones_between_digits() -> None:
    # "1017" is rule 0 rule 7, "10)2" is rule 0 and 2: the boxes alternate digit and rule
    assert personal_id_without_extra_digits("0|9|6|1017|5|5|19|2|5|10)2", 1975) == "096075592502"
    got = _form(
        HEADER + "ĐƠN ĐỀ NGHỊ\nHọ và tên: Lê Văn Nam\nNgày sinh: 03/09/1975\n"
        "Số căn cước: |0|9|6|1017|5|5|19|2|5|10)2\n"
    )
    pid = got["applicant_id_number"]
    assert pid.value == "096075592502" and "repaired" in pid.flags and pid.repairs
    # read cell-wise, the boxes must still give a number that holds against the birth year
    assert personal_id_without_extra_digits("0|9|6|1017|5|5|19|2|5|10)2", 1990) is None


def test_small_slips_of_forms_and_letters() -> None:
    from extractors.classify import fix_type_code
    from extractors.normalize import repair_place, respell_agency_words

    # a phone read with nine digits lost its leading 0 (a repair, recorded)
    got = _form(HEADER + "ĐƠN ĐỀ NGHỊ\nHọ và tên: Lê Văn Nam\nĐiện thoại: 744959434\n")
    assert got["phone"].value == "0744959434" and "repaired" in got["phone"].flags
    got = _form(HEADER + "ĐƠN ĐỀ NGHỊ\nHọ và tên: Lê Văn Nam\nĐiện thoại: 0912345678\n")
    assert got["phone"].value == "0912345678" and "repaired" not in got["phone"].flags
    # "ẤP" read in capitals before a name in title case
    assert repair_place("ẤP Xóm Mới, xã Hưng Phú")[0] == "Ấp Xóm Mới, xã Hưng Phú"
    assert repair_place("ẤP XÓM MỚI, XÃ HƯNG PHÚ")[0] == "ẤP XÓM MỚI, XÃ HƯNG PHÚ"
    # a province's own last word is not the unit word it folds like
    assert respell_agency_words("UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH") == "UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH"
    assert respell_agency_words("SỞ TÀI CHÍNH TÍNH CÀ MAU") == "SỞ TÀI CHÍNH TỈNH CÀ MAU"
    # a stray upright stroke in a type code
    assert fix_type_code("TTIr") == "TTr"
    assert fix_type_code("XYZ") == "XYZ"


def test_id_read_box_by_box_is_flagged_boxed() -> None:
    got = _form(
        HEADER + "ĐƠN ĐỀ NGHỊ\nHọ và tên: Lê Văn Nam\nNgày sinh: 11/02/1982\n"
        "Giấy tờ tùy thân: Căn cước công dân số: |0|9|6|1|8|2|7|4|4|2|6|3\n"
    )
    assert got["applicant_id_number"].value == "096182744263"
    assert "boxed" in got["applicant_id_number"].flags
    got = _form(HEADER + "ĐƠN ĐỀ NGHỊ\nHọ và tên: Lê Văn Nam\nSố căn cước: 096182744263\n")
    assert "boxed" not in got["applicant_id_number"].flags


def test_zone_birth_year_misread_at_the_line_start_is_the_id_s() -> None:
    from extractors.mrz import parse_td1
    from tests.extractors.test_blind_cards5 import _zone

    line1, line2, line3 = _zone("096201607741", "010721", "M", "410721", "TA<<VAN<HUNG")
    misread = "9" + line2[1:]  # 0 of the birth year read as 9 at the line's edge
    got = parse_td1(line1, misread, line3)
    assert got is not None and got.birth == "2001-07-21"
    assert any("as the ID number gives it" in r for r in got.repairs)
    # a wrong digit elsewhere in the date is no birth year the ID gives: no reading
    assert parse_td1(line1, line2[:3] + ("8" if line2[3] != "8" else "9") + line2[4:], line3) is None


def test_the_person_a_tờ_khai_is_for_is_not_the_applicant() -> None:
    got = _form(
        HEADER + "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH\n"
        "Họ, chữ đệm và tên người yêu cầu: Hồ Văn Phát\nNgày sinh: ƒ0/5/1993\n"
        "Đề nghị cơ quan đăng ký cho người có tên dưới đây:\n"
        "Họ, chữ đệm, tên: Từ Kim Ngân\nNgày, tháng, năm sinh: 30/04/2025\n"
    )
    assert got["applicant_name"].value == "Hồ Văn Phát"
    # the applicant's (its day's 1 read "ƒ", a handwritten 1's flag: repaired, forms11), never the
    # child's 2025-04-30
    dob = got["date_of_birth"]
    assert dob.value == "1993-05-10" and "repaired" in dob.flags


def test_card_expiry_neither_read_nor_labelled_is_unread_on_the_side_that_prints_it() -> None:
    front = (
        "CĂN CƯỚC CÔNG DÂN\nSố: 095178119026\nHọ và tên: ĐỖ NHƯ THẢO\nNgày sinh: 12/08/1978\nGiới tính: Nữ\n"
    )
    ex = extract(document_from_text(front))
    assert ex.doc_type == "citizen_id"
    assert ex.fields["expiry_date"].unread
    verdict = judge(ex, today=date(2026, 1, 1), text=front)
    assert not any(
        v.rule == "correct.citizen_id.expiry_by_age" and v.severity != "info" for v in verdict.violations
    )
    # a card printed without an end ("Không thời hạn", its label lost) keeps no expiry at all
    ex = extract(document_from_text(front + "Không thời hạn\n"))
    assert "expiry_date" not in ex.fields


def test_applicant_lines_printed_and_left_blank_are_noted_and_sent_to_review() -> None:
    text = (
        HEADER + "TỜ KHAI ĐĂNG KÝ KHAI SINH\nKính gửi: Ủy ban nhân dân xã Tân An\n"
        "Họ, chữ đệm và tên người yêu cầu: THẠCH TẤN TUẤN\nSinh ngày:\n"
        "Số định danh cá nhân: 096082481077\nĐịa chỉ thường trú: Khóm 8, phường Duy Tân\n"
        "Đề nghị cơ quan đăng ký cho người có tên dưới đây:\n"
        "Họ, chữ đệm, tên: Quách Ngọc Anh\nNgày, tháng, năm sinh: 15/08/2025\n"
        "\n        Tân An, ngày 19 tháng 08 năm 2025\n"
    )
    doc = document_from_text(text)
    ex = extract(doc)
    assert ex.doc_type == "application_form"
    assert "date_of_birth" not in ex.fields  # blank: absent, and not the child's
    assert ex.notes["blank_lines"] == ["date_of_birth"]
    verdict = judge(ex, today=date(2026, 1, 1), text=doc.text)
    assert verdict.status == "needs_review"
    assert [v.field for v in verdict.violations if v.rule == "complete.form_lines.filled"] == [
        "date_of_birth"
    ]
    # filled in, nothing is noted
    ex = extract(document_from_text(text.replace("Sinh ngày:\n", "Sinh ngày: 12/03/1982\n")))
    assert "blank_lines" not in ex.notes


def test_a_name_with_a_speck_read_as_slash_is_no_english_gloss() -> None:
    doc = document_from_text(
        HEADER + "GIẤY KHAI SINH\nSố: 374\nHọ, chữ đệm, tên: BÙ/ CHÍ AN\nSinh ngày: 19/10/2017\n"
        "Giới tính: Nam\nNơi sinh: Bệnh viện Đa khoa tỉnh Cà Mau\n"
    )
    ex = extract(doc)
    assert ex.doc_type == "birth_certificate"
    assert ex.fields["full_name"].value == "Bù Chí An"
    assert ex.fields["full_name"].confidence < 0.8  # a letter may hide behind the sign: a look
    # an English gloss after the label is still no value
    doc = document_from_text(
        HEADER + "GIẤY KHAI SINH\nSố: 374\nHọ, chữ đệm, tên / Full name:\nBÙI CHÍ AN\nSinh ngày: 19/10/2017\n"
    )
    assert extract(doc).fields["full_name"].value == "Bùi Chí An"
