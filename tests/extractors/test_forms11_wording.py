"""Application forms drawn by another hand (issue 14, forms11): the set wording of a form's title
and addressee read with a wrong mark, a request date whose day or month OCR read as letters of a
digit's shape, a house number's "Số" in capitals or glued to its number. Fictional data."""

from __future__ import annotations

from extractors.forms import extract_application_form
from extractors.layout import segments
from extractors.normalize import repair_date, repair_date_words, repair_place, respell_form_words
from extractors.textdoc import document_from_text

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _form(text: str) -> dict:
    doc = document_from_text(MOTTO + text)
    return extract_application_form(doc, "application_form", segments(doc))


def test_form_title_words_with_a_wrong_mark_are_spelled_as_the_form_prints_them() -> None:
    assert (
        respell_form_words("ĐƠN ĐỂ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ") == "ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ"
    )
    assert respell_form_words("TỜ KHAI THAY ĐỐI THÔNG TIN CƯ TRÚ") == "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ"
    # a phrase cut by a comma keeps its comma
    assert respell_form_words("GIẤY ĐỀ NGHỊ CẤP ĐÔI, CẤP LẠI") == "GIẤY ĐỀ NGHỊ CẤP ĐỔI, CẤP LẠI"
    fields = _form(
        "ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIÊN VỚI\nĐẤT\n"
        "Kính gửi: Chỉ nhánh Văn phòng Đăng ký đất đai tỉnh Cà Mau\n"
        "Họ và tên: Trần Văn Bình\n"
    )
    assert fields["form_title"].value == "ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT"
    assert fields["recipient"].value == "Chi nhánh Văn phòng Đăng ký đất đai tỉnh Cà Mau"


def test_form_words_left_alone_names_old_tone_placement_and_unmarked_text() -> None:
    # the names between the phrases are never respelled; "Uỷ" is "Ủy" with its tone placed the old way
    assert respell_form_words("Uỷ ban nhân dân xã Tân Hoà") == "Uỷ ban nhân dân xã Tân Hoà"
    assert respell_form_words("Công an xã Đề Thám") == "Công an xã Đề Thám"
    assert respell_form_words("TO KHAI THAY DOI") == "TO KHAI THAY DOI"  # read without marks: as read


def test_request_date_with_a_letter_for_a_digit_takes_the_one_real_date() -> None:
    assert repair_date_words("Tạ An, ngày 2Š tháng 06 năm 2021")[0] == "2021-06-25"
    assert repair_date_words("Long Điền, ngày 29 tháng 0ó năm 2023")[0] == "2023-06-29"  # 00 is no month
    assert repair_date_words("Kiến Tường, ngày 0T tháng 08 năm 2025")[0] == "2025-08-01"  # a 1's flag
    assert repair_date_words("Kiến Tường, ngày 1Õ tháng 08 năm 2025") is None  # 10 or 16
    assert repair_date_words("Cà Mau, ngày 30- tháng 4. năm 2023")[0] == "2023-04-30"  # specks
    assert repair_date_words("Cà Mau, ngày 24 ` tháng 02_ năm 2023")[0] == "2023-02-24"
    assert repair_date_words("Cà Mau, ngày 12 tháng 03 năm 2020") is None  # digits: nothing to repair
    assert repair_date_words("Cà Mau, ngày 3Š tháng 02 năm 2020") is None  # 35/02: no date
    fields = _form(
        "TỜ KHAI CĂN CƯỚC\nKính gửi: Công an xã Tân Lộc\nHọ và tên: Lê Thị Hoa\n"
        "Nội dung đề nghị: Cấp thẻ căn cước\nTân Lộc, ngày 2Š tháng 06 năm 2021\nNGƯỜI KÊ KHAI\n"
    )
    fv = fields["request_date"]
    assert fv.value == "2021-06-25" and "repaired" in fv.flags and fv.repairs


def test_house_number_word_in_capitals_or_glued_to_its_number() -> None:
    assert repair_place("SỐ 3, đường Nguyễn Trãi, phường Tân Xuyên, tỉnh Cà Mau")[0].startswith("Số 3, đường")
    assert repair_place("Số210, đường Trần Hưng Đạo, tỉnh Cà Mau")[0].startswith("Số 210, đường")
    # an address all in capitals is as printed
    assert repair_place("SỐ 3, ĐƯỜNG NGUYỄN TRÃI")[0] == "SỐ 3, ĐƯỜNG NGUYỄN TRÃI"


FOOT = "Tôi cam đoan những nội dung khai trên đây là đúng sự thật.\nCà Mau, ngày 10 tháng 10 năm 2024\nNGƯỜI YÊU CẦU\n(Ký, ghi rõ họ tên)\n"


def test_applicant_name_read_with_a_slip_the_name_under_the_signature_lacks() -> None:
    # the value in capitals with a wrong mark, the foot in title case: the foot's marks
    fields = _form(
        f"TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ, chữ đệm và tên người yêu cầu: LÝ CHÍ TOÁN\n{FOOT}Lý Chí Toàn\n"
    )
    assert fields["applicant_name"].value == "Lý Chí Toàn" and fields["applicant_name"].repairs
    # the value's first letter lost
    fields = _form(
        f"TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ, chữ đệm, tên người yêu cầu: hạch Văn Lộc\n{FOOT}Thạch Văn Lộc\n"
    )
    assert fields["applicant_name"].value == "Thạch Văn Lộc"


def test_applicant_name_not_taken_from_the_foot_when_it_differs_otherwise() -> None:
    # a name printed in a legacy encoding is what the page says (a clean error to judge)
    fields = _form(f"TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên: Phim Hãng Long\n{FOOT}Phạm Hồng Long\n")
    assert fields["applicant_name"].value == "Phim Hãng Long"
    # both in title case with other marks: nothing says which is right
    fields = _form(f"TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên: Lý Chí Toán\n{FOOT}Lý Chí Toàn\n")
    assert fields["applicant_name"].value == "Lý Chí Toán"
    # a name left blank is not filled in from the foot
    fields = _form(f"TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên:\nSinh ngày: 01/02/1990\n{FOOT}Lý Chí Toàn\n")
    assert fields.get("applicant_name") is None or fields["applicant_name"].value != "Lý Chí Toàn"


def test_request_date_day_with_a_handwritten_six_read_as_o_with_a_mark() -> None:
    assert repair_date_words("Cà Mau, ngày 2ø tháng 10 năm 2023")[0] == "2023-10-26"
    assert repair_date_words("Cà Mau, ngày 1ö tháng 9 năm 2023")[0] == "2023-09-16"
    assert repair_date_words("Cà Mau, ngày 2Ö tháng 10 năm 2026")[0] == "2026-10-20"  # a capital: a zero
    assert repair_date_words("Cà Mau, ngày ¡3 tháng I0 năm 2022")[0] == "2022-10-13"
    fields = _form(
        "TỜ KHAI CĂN CƯỚC\nKính gửi: Công an xã Tân Lộc\nHọ và tên: Lê Thị Hoa\n"
        "Nội dung đề nghị: Cấp thẻ căn cước\nTân Lộc, ngày 2ø tháng 10 năm 2023\nNGƯỜI KÊ KHAI\n"
    )
    assert fields["request_date"].value == "2023-10-26" and fields["request_date"].repairs
    # a day that can be two (10 or 16): as the line's own reading has it, no repair
    fields = _form(
        "TỜ KHAI CĂN CƯỚC\nKính gửi: Công an xã Tân Lộc\nHọ và tên: Lê Thị Hoa\n"
        "Nội dung đề nghị: Cấp thẻ căn cước\nTân Lộc, ngày 1Õ tháng 08 năm 2025\nNGƯỜI KÊ KHAI\n"
    )
    assert "repaired" not in fields["request_date"].flags and not fields["request_date"].repairs


def test_signs_read_for_letters_in_the_applicant_s_name() -> None:
    fields = _form(
        "TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ, chữ đệm, tên người yêu cầu: 7rần Công Tài\nSinh ngày: 01/02/1990\n"
    )
    assert fields["applicant_name"].value == "Trần Công Tài" and fields["applicant_name"].repairs
    fields = _form("TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên: MA! NGỌC THỊ LAN\nSinh ngày: 01/02/1990\n")
    assert fields["applicant_name"].value == "Mai Ngọc Thị Lan"
    fields = _form("TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên: #OÀNG TRUNG VŨ\nSinh ngày: 01/02/1990\n")
    assert fields["applicant_name"].value == "Hoàng Trung Vũ"
    # a speck after a one-letter name, a figure alone: no letter
    fields = _form("TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên: NGUYỄN VĂN A!\nSinh ngày: 01/02/1990\n")
    assert fields["applicant_name"].value == "Nguyễn Văn A"


def test_hamlet_word_and_figure_and_date_digit_read_as_other_signs() -> None:
    assert repair_place("Ap Tân Hòa, xã Vĩnh Thanh, tỉnh Cà Mau")[0].startswith("Ấp Tân Hòa, xã")
    assert repair_place("Äp Vàm Xáng, xã Vĩnh Thanh, tỉnh Cà Mau")[0].startswith("Ấp Vàm Xáng, xã")
    assert repair_place("Ấp ƒ, xã Khánh Lâm, tỉnh Cà Mau")[0].startswith("Ấp 1, xã")
    assert repair_date("ƒ0/04/2003")[0] == "2003-04-10"  # a handwritten 1 with a long flag
    assert respell_form_words("ĐƠN ĐỀ NGHỊ HỒ TRỢ") == "ĐƠN ĐỀ NGHỊ HỖ TRỢ"


def test_a_speck_line_between_a_label_and_its_value_below() -> None:
    fields = _form(
        "TỜ KHAI ĐĂNG KÝ KẾT HÔN\nHọ và tên:\nLý Ngọc Hương\nĐịa chỉ thường trú:\n3\n"
        "Ấp Kinh Tế, xã Tân Ân, tỉnh Cà Mau\nĐiện thoại:\n0912345678\n"
    )
    assert fields["address"].value == "Ấp Kinh Tế, xã Tân Ân, tỉnh Cà Mau"


def test_unit_word_with_its_h_read_as_n() -> None:
    assert repair_place("Ấp Bà Điều, xã Minh Diệu, nuyện Hoà Bình, tỉnh Bạc Liêu")[0] == (
        "Ấp Bà Điều, xã Minh Diệu, huyện Hoà Bình, tỉnh Bạc Liêu"
    )


def test_a_dot_of_dust_right_of_a_label_is_no_value_cell() -> None:
    from ocr.result import Block, Document, Line, Page, Word
    from tests.extractors.test_blind_cards6 import line_at

    lines = [
        line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 40),
        line_at("TỜ KHAI ĐĂNG KÝ KẾT HÔN", 400, 120),
        line_at("Họ và tên:", 100, 200),
        line_at("Lý Ngọc Hương", 140, 240),
        line_at("Địa chỉ thường trú:", 100, 300),
        Line((Word("3", (800, 318, 803, 321), 0.5),)),  # a speck on the label's row, far right
        line_at("Ấp Kinh Tế, xã Tân Ân, tỉnh Cà Mau", 140, 340),
        line_at("Điện thoại:", 100, 400),
        line_at("0912345678", 140, 440),
    ]
    doc = Document((Page(1, 1700, 2400, 200, "ocr", (Block(tuple(lines)),)),))
    fields = extract_application_form(doc, "application_form", segments(doc))
    assert fields["address"].value == "Ấp Kinh Tế, xã Tân Ân, tỉnh Cà Mau"


def test_specks_after_an_address_s_last_word() -> None:
    from extractors.labels import normalize_value

    got = normalize_value("place", "Ấp Đầu Sấu, xã Ninh Hòa, huyện Hồng Dân, tỉnh Bạc Liêu .-")
    assert got is not None and got[0] == "Ấp Đầu Sấu, xã Ninh Hòa, huyện Hồng Dân, tỉnh Bạc Liêu"
