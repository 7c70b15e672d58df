"""Documents drawn by another hand (issue 14, eighth pass): a place value printed with a capital
unit word, a place's second line level with the card's left column, a line OCR cut in two, a
gloss OCR made signs of, the garbled end of a longer label, the signature block's specks, a
TCVN3 name starting with Đ, a marriage table whose labels OCR misspelt. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.admin_document import extract_admin_document
from extractors.forms import extract_land_use_certificate
from extractors.layout import segments
from extractors.normalize import day_lost, parse_date, repair_place
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards6 import line_at, words_at

WOMAN_1993_ID = "096193004412"  # fictional: Cà Mau, nữ, born 1993
MAN_1997_ID = "096097004218"  # fictional: Cà Mau, nam, born 1997


def card(*lines: Line) -> Document:
    return Document(
        (Page(1, 1700, 1100, 300, "ocr", (Block((line_at("CĂN CƯỚC CÔNG DÂN", 600, 100), *lines)),)),)
    )


# --- places ----------------------------------------------------------------------------------
def test_unit_word_of_a_place_is_written_in_lower_case_before_a_name() -> None:
    assert repair_place("Xã Vân Bán, tỉnh Phú Thọ")[0] == "xã Vân Bán, tỉnh Phú Thọ"
    assert repair_place("Ấp 3, Xã Tân Lộc, Huyện Thới Bình")[0] == "Ấp 3, xã Tân Lộc, huyện Thới Bình"
    assert repair_place("Thành phố Hồ Chí Minh")[0] == "thành phố Hồ Chí Minh"
    # a numbered unit keeps its capital (NĐ 30/2020 PL II: "Phường 9", "Quận 3"); so does a
    # hamlet's word, which is no administrative unit
    assert repair_place("Phường 9, thành phố Cà Mau")[0] == "Phường 9, thành phố Cà Mau"
    assert repair_place("Khóm 5, Thị trấn Cái Nước")[0] == "Khóm 5, thị trấn Cái Nước"
    # a comma read as a dot before the next part's unit word; a dot elsewhere stays
    assert (
        repair_place("Ấp 7, xã Khánh Bình. huyện Trần Văn Thời")[0]
        == "Ấp 7, xã Khánh Bình, huyện Trần Văn Thời"
    )
    assert repair_place("Số 5, đường 3/2. Khu B")[0] == "Số 5, đường 3/2. Khu B"


def test_second_line_of_a_place_level_with_the_card_s_left_column() -> None:
    ex = extract(
        card(
            line_at(f"Số: {WOMAN_1993_ID}", 450, 350),
            line_at("Họ và tên: ĐỖ KHÁNH DUYÊN", 450, 400),
            line_at("Quê quán: xã Vĩnh Trạch, thành phố Bạc Liêu, tỉnh", 450, 580),
            line_at("Có giá trị đến:", 170, 630),
            line_at("Bạc Liêu", 450, 620),
            line_at("17/12/2033", 170, 660),
            line_at("Nơi thường trú: Ấp Bà Điều, xã Long Điền,", 450, 670),
            line_at("huyện Đông Hải, tỉnh Bạc Liêu", 450, 710),
        )
    )
    assert ex.values["place_of_origin"].value == "xã Vĩnh Trạch, thành phố Bạc Liêu, tỉnh Bạc Liêu"
    assert ex.values["place_of_residence"].value == "Ấp Bà Điều, xã Long Điền, huyện Đông Hải, tỉnh Bạc Liêu"
    assert ex.values["expiry_date"].value == "2033-12-17"


def test_a_place_line_ocr_cut_in_two_is_read_whole() -> None:
    row = Line(
        tuple(
            words_at("Quê quán: phường Nghi Tân, thành phố", 450, 580)
            + words_at("Vinh, tỉnh Nghệ An", 1060, 580)
        )
    )
    ex = extract(
        card(
            line_at(f"Số: {WOMAN_1993_ID}", 450, 350),
            row,
            line_at("Nơi thường trú: Ấp 3, xã Tân Lộc", 450, 680),
        )
    )
    assert ex.values["place_of_origin"].value == "phường Nghi Tân, thành phố Vinh, tỉnh Nghệ An"
    # a place that ends its line is not joined to what stands right of it
    row = Line(
        tuple(words_at("Quê quán: xã Tân Lộc, tỉnh Cà Mau", 450, 580) + words_at("Ngón trỏ", 1200, 580))
    )
    ex = extract(card(line_at(f"Số: {WOMAN_1993_ID}", 450, 350), row))
    assert ex.values["place_of_origin"].value == "xã Tân Lộc, tỉnh Cà Mau"


def test_gloss_read_as_a_sign_leaves_the_value_in_the_cell_beside_and_its_rest_under_the_label() -> None:
    blocks = (
        Block((line_at("CĂN CƯỚC CÔNG DÂN", 600, 100), line_at(f"Số: {WOMAN_1993_ID}", 470, 350))),
        Block((line_at("Quê quán / £", 470, 690),)),
        Block((line_at("„œ: Xã Xuân Hòa, huyện Vũ Thư, tỉnh Thái", 730, 692),)),
        Block((line_at("Bình", 470, 745), line_at("Nơi thường trú: Ấp 3, xã Tân Lộc", 470, 800))),
    )
    ex = extract(Document((Page(1, 1700, 1100, 300, "ocr", blocks),)))
    assert ex.values["place_of_origin"].value == "xã Xuân Hòa, huyện Vũ Thư, tỉnh Thái Bình"


def test_value_left_of_its_label_after_a_speck_and_a_date_row_beside() -> None:
    ex = extract(
        card(
            line_at(f"Số định danh cá nhân: {WOMAN_1993_ID}", 360, 200),
            line_at("Nơi đăng ký khai sinh / Place of birth registration:", 360, 280),
            line_at("mi... xã Yên Sơn, huyện Bảo Yên, tỉnh Lào Cai", 220, 310),
            line_at("Ngày, tháng, năm cấp / Date of issue: 17/06/2025", 160, 350),
        )
    )
    assert ex.values["place_of_birth_registration"].value == "xã Yên Sơn, huyện Bảo Yên, tỉnh Lào Cai"
    assert ex.values["issue_date"].value == "2025-06-17"


# --- labels ----------------------------------------------------------------------------------
def test_name_gloss_ocr_made_signs_of_is_no_name() -> None:
    ex = extract(
        card(
            line_at(f"Số: {WOMAN_1993_ID}", 470, 350),
            line_at("Họ và tên / £ulf name", 470, 450),
            line_at("HỒ THỊ TÀI", 470, 495),
            line_at("Ngày sinh / Date of birth: 16/07/1993", 470, 560),
        )
    )
    assert ex.values["full_name"].value == "Hồ Thị Tài"


def test_garbled_end_of_a_longer_label_is_not_kept_in_the_value() -> None:
    doc = document_from_text(
        "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nThửa đất số: 495\nTờ bản đồ số: 39\n"
        "Số vào sổ cấp GƠCN: CS 03245\nDiện tích: 120,5 m2\n"
    )
    got = extract_land_use_certificate(doc, "land_use_certificate", segments(doc))
    assert got["register_number"].value == "CS 03245"
    # a value with a colon that is no label's end stays whole
    doc = document_from_text("GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nSố vào sổ: VP 2144: bản sao\n")
    got = extract_land_use_certificate(doc, "land_use_certificate", segments(doc))
    assert got["register_number"].value.startswith("VP 2144")


# --- signature block -------------------------------------------------------------------------
DECISION = """\
UBND TỈNH CÀ MAU        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc

Số: 1330/QĐ-UBND        Cà Mau, ngày 21 tháng 8 năm 2025

QUYẾT ĐỊNH
Ban hành Quy chế làm việc của Tổ công tác

Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.

Nơi nhận:        TM. ỦY BAN NHÂN DÂN
- Như trên;        >
- Lưu: VT.        KT. CHỦ TỊCH
        PHÓ CHỦ TỊCH

        {name}
"""


def test_speck_between_the_authority_lines_keeps_the_whole_title() -> None:
    doc = document_from_text(DECISION.format(name="Đặng Văn Tài"))
    got = extract_admin_document(doc, "administrative_decision", segments(doc))
    assert got["signer_title"].value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert got["signer_name"].value == "Đặng Văn Tài"


def test_signer_name_in_tcvn3_starting_with_d_bar_is_the_name() -> None:
    doc = document_from_text(DECISION.format(name="Tõ C«ng §øc Kh¶i"))
    got = extract_admin_document(doc, "administrative_decision", segments(doc))
    assert got["signer_name"].raw == "Tõ C«ng §øc Kh¶i"


# --- marriage table --------------------------------------------------------------------------
def test_marriage_table_rows_whose_labels_ocr_misspelt() -> None:
    text = (
        "GIẤY CHỨNG NHẬN KẾT HÔN\n"
        "Thông tin        Bên nam        Bên nữ\n"
        "Họ, chữ đệ, lên        ĐỖ VĂN MINH        VÕ THỊ NHUNG\n"
        f"Nghy, tháng, năm sinh        09/10/1997        02/01/1993\n"
        f"Số CCCD        {MAN_1997_ID}        {WOMAN_1993_ID}\n"
        "Cơ quan đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau\n"
        "Ngày, tháng, năm đăng ký: ngày 05 tháng 9 năm 2020\n"
    )
    ex = extract(document_from_text(text))
    assert ex.values["husband_name"].value == "Đỗ Văn Minh"
    assert ex.values["wife_name"].value == "Võ Thị Nhung"
    assert ex.values["husband_date_of_birth"].value == "1997-10-09"
    assert ex.values["wife_date_of_birth"].value == "1993-01-02"


# --- a blank in a row of labels --------------------------------------------------------------
def test_label_left_blank_before_the_next_label_on_its_line_is_absent() -> None:
    text = (
        "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
        "a) Thửa đất số:; Tờ bản đồ số: 11;\n"
        "b) Diện tích: 339,2 m2\n"
        "CD 389987\n"
        "Độc lập - Tự do - Hạnh phúc GIẤY CHỨNG NHẬN a) Thửa đất số:\n"
        "CD 389987\n"
    )
    doc = document_from_text(text)
    got = extract_land_use_certificate(doc, "land_use_certificate", segments(doc))
    assert "parcel_number" not in got  # not the serial under a second reading of the label
    assert got["map_sheet_number"].value == "11"
    # labels printed side by side with their values on the line below are not blanks
    text = "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nThửa đất số:        Tờ bản đồ số:\n215        11\n"
    doc = document_from_text(text)
    got = extract_land_use_certificate(doc, "land_use_certificate", segments(doc))
    assert got["parcel_number"].value == "215" and got["map_sheet_number"].value == "11"


def test_name_label_left_blank_does_not_take_the_next_label_s_first_word() -> None:
    ex = extract(
        card(
            line_at(f"Số: {WOMAN_1993_ID}", 1060, 700),
            line_at("Họ và tên:", 1060, 770),
            line_at("Ngày, thá", 1060, 820),
            line_at("Giới tính: Nữ", 1060, 860),
        )
    )
    name = ex.fields["full_name"]
    assert name.unread and "full_name" not in ex.values


# --- dates whose words OCR misread -----------------------------------------------------------
def test_date_whose_thang_ocr_misread_is_read_whole() -> None:
    assert parse_date("Đăng ký lần đầu: n¿ày 04 tuíng 01 năm 2016") == ("2016-01-04", "YMD")
    # "tháng" alone garbled past a t-word is no date of day and month
    assert parse_date("ngày 04 xyz 01 năm 2016") == ("2016", "Y")


def test_a_date_whose_day_is_printed_is_unread_not_cut_to_its_year() -> None:
    assert day_lost("ngày 21 tháng 0À năm 2019", "Y") and not day_lost("tháng 3 năm 2019", "YM")
    assert not day_lost("ngày … tháng … năm 2019", "Y")  # a blank day: the page gives the year only
    assert day_lost("Thới Bình, ngày Ú7 tháng 01 năm 2022", "YM")  # a day's first digit misread
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\nMã số doanh nghiệp: 0100109106\n"
            "Đăng ký lần đầu: ngày 12 tháng 7 năm 2015\n"
            "Đăng ký thay đổi lần thể: 2, ngày 21 tháng 0À năm 2019\n"
        )
    )
    assert ex.values["amendment_number"].value == "2"
    assert "amendment_date" not in ex.values  # not "2019"
    assert ex.values["first_registration_date"].value == "2015-07-12"
    ex = card(
        line_at(f"Số: {WOMAN_1993_ID}", 450, 350), line_at("Ngày sinh: ngày 16 thág 0À năm 1993", 450, 400)
    )
    dob = extract(ex).fields["date_of_birth"]
    assert dob.unread


# --- marriage certificates -------------------------------------------------------------------
def test_side_by_side_parties_when_ocr_lost_the_wife_s_word_from_her_label() -> None:
    text = (
        "GIẤY CHỨNG NHẬN KẾT HÔN\nSố: 221\n"
        "Họ, chữ đệm, tên chồng:        Họ, chữ đêm. tên\n"
        "QUÁCH HỒNG CƯỜNG        TRẦN THỊ THỦY\n"
        "Ngày, tháng, năm sinh: 11/11/1986        Ngày, tháng, năm sinh: 03/08/1998\n"
        "Số định danh cá nhân:        Số định danh cá nhân:\n"
        f"{MAN_1997_ID}        {WOMAN_1993_ID}\n"
        "Nơi đăng ký kết hôn: Ủy ban nhân dân Phường 7, tỉnh Cà Mau\n"
        "Ngày, tháng, năm đăng ký: ngày 25 tháng 01 năm 2023\n"
    )
    ex = extract(document_from_text(text))
    assert ex.values["husband_name"].value == "Quách Hồng Cường"
    assert ex.values["wife_name"].value == "Trần Thị Thủy"
    assert ex.values["wife_date_of_birth"].value == "1998-08-03"
    assert ex.values["wife_id_number"].value == WOMAN_1993_ID


def test_marriage_table_without_its_title_is_known_by_its_party_headings() -> None:
    text = (
        "Thông tin        Vợ        Chồng\n"
        "Họ, chữ đệm, tên        ĐẶNG THANH THẢO        VŨ ĐỨC LONG\n"
        "Ngày, tháng, năm sinh        22/01/1993        24/07/1997\n"
        f"Số định danh cá nhân        {WOMAN_1993_ID}        {MAN_1997_ID}\n"
    )
    ex = extract(document_from_text(text))
    assert ex.doc_type == "marriage_certificate"
    assert (
        ex.values["husband_name"].value == "Vũ Đức Long" and ex.values["wife_name"].value == "Đặng Thanh Thảo"
    )
    # one heading alone, or the two on different rows, is no such table
    assert (
        extract(document_from_text("Thông tin        Vợ\nHọ và tên        ĐẶNG THANH THẢO\n")).doc_type
        == "unknown"
    )


def test_deputy_s_position_under_kt_read_with_its_head_garbled() -> None:
    text = DECISION.format(name="Danh Bích Liên").replace(
        "Nơi nhận:        TM. ỦY BAN NHÂN DÂN\n- Như trên;        >\n- Lưu: VT.        KT. CHỦ TỊCH\n        PHÓ CHỦ TỊCH",
        "Nơi nhận:        KT. GIÁM ĐỐC\n- Như trên;        M ĐỐC\n- Lưu: VT.",
    )
    doc = document_from_text(text)
    got = extract_admin_document(doc, "administrative_decision", segments(doc))
    assert got["signer_title"].value == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"
    assert got["signer_name"].value == "Danh Bích Liên"
    # a line ending otherwise is not the deputy's position
    doc = document_from_text(text.replace("trên;        M ĐỐC", "trên;        SỞ TƯ PHÁP"))
    got = extract_admin_document(doc, "administrative_decision", segments(doc))
    assert got["signer_title"].value == "KT. GIÁM ĐỐC"
