"""Documents drawn by another hand (issue 14, eleventh pass on the certificates and letters):
a title-like place name in a signature block, the agency line of a table read with its rule,
a page read twice (the place-and-date line again, the agency glued onto it), a marriage
table whose label cells start with a rule or a speck, a bare "Nam" ending an address inside
the wife's section. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.classify import find_title
from extractors.labels import normalize_value
from extractors.layout import segments
from extractors.normalize import (
    parse_date,
    repair_date,
    repair_place,
    respell_agency_words,
    respell_legal_form,
    respell_subject_words,
)
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards6 import line_at

MAN_1994_ID = "096094004215"  # fictional: Cà Mau, nam, born 1994
WOMAN_1990_ID = "096190003318"  # fictional: Cà Mau, nữ, born 1990

LAND_BODY = (
    "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất\n"
    "Bà: TRẦN THU MAI\nNăm sinh: 1960\n"
    "Địa chỉ: Khóm 2, thị trấn Rạch Gốc, huyện Ngọc Hiển, tỉnh Cà Mau\n"
    "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất\n"
    "Thửa đất số: 31\nTờ bản đồ số: 95\n"
    "Địa chỉ: Ấp Xóm Mới, xã Vĩnh Lộc, huyện Hồng Dân, tỉnh Bạc Liêu\n"
    "Diện tích: 905 m2 (Bằng chữ: Chín trăm linh năm mét vuông)\n"
    "Mục đích sử dụng: Đất nuôi trồng thủy sản\n"
    "Thời hạn sử dụng: Lâu dài\n"
    "Nguồn gốc sử dụng: Nhà nước giao đất không thu tiền sử dụng đất\n"
)


# --- classification ---------------------------------------------------------------------------
def test_a_place_name_like_a_title_in_the_signature_block_is_no_title() -> None:
    # the certificate's title not read; under the signature "HỒNG DÂN" (fuzzily "HƯỚNG DẪN")
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        + LAND_BODY
        + "\n" * 14
        + "        Hồng Dân, ngày 07 tháng 01 năm 2023\n        TM. ỦY BAN NHÂN DÂN HUYỆN\n"
        "        HỒNG DÂN\n        KT. CHỦ TỊCH\n        PHÓ CHỦ TỊCH\n\n        Nguyễn Hữu Luân\n"
        "Số vào sổ cấp GCN: CS 00558\n"
    )
    doc = document_from_text(text)
    segs = segments(doc)
    place = next(s for s in segs if s.text.strip() == "HỒNG DÂN")
    assert place.bbox[1] > doc.pages[0].height / 2
    assert find_title(segs) is None
    ex = extract(doc)
    assert ex.doc_type == "land_use_certificate"
    assert ex.values["holder_name"].value == "Trần Thu Mai"
    assert ex.values["issuing_agency"].value == "ỦY BAN NHÂN DÂN HUYỆN HỒNG DÂN"
    assert ex.values["issue_date"].value == "2023-01-07"
    # the same line in the upper half, where a title stands, is still a title
    top = segments(document_from_text("ỦY BAN NHÂN DÂN\n\nHƯỚNG DẪN\nVề việc số hóa hồ sơ\n"))
    found = find_title(top)
    assert found is not None and found[1].kind == "HD"


def test_land_markers_without_the_parcel_labels_still_name_a_land_certificate() -> None:
    body = LAND_BODY.replace("Thửa đất số: 31\nTờ bản đồ số: 95\n", "")
    ex = extract(document_from_text(body + "Số vào sổ cấp GCN: CS 00558\n"))
    assert ex.doc_type == "land_use_certificate"


# --- land_use_certificate ---------------------------------------------------------------------
def test_signing_agency_read_with_the_table_rule_before_its_authority() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            + LAND_BODY
            + "        Hồng Dân, ngày 07 tháng 01 năm 2023\n        | TM. ỦY BAN NHÂN DÂN HUYỆN |\n"
            "        HỒNG DÂN\n        KT. CHỦ TỊCH\n        PHÓ CHỦ TỊCH\n"
        )
    )
    assert ex.values["issuing_agency"].value == "ỦY BAN NHÂN DÂN HUYỆN HỒNG DÂN"


def test_a_page_read_twice_takes_the_agency_from_the_reading_that_has_it() -> None:
    # the second reading of the page holds the place-and-date line once more, the agency and
    # the authority glued onto it ("… năm 2023 SỞ TÀI NGUYÊN … KT, GIÁM ĐỐC"), nothing under it
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            + LAND_BODY
            + "        Bạc Liêu, ngày 21 tháng 10 năm 2023\n        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH\n"
            "        BẠC LIÊU\n        KT, GIÁM ĐỐC\n        PHÓ GIÁM ĐỐC\n\n        Lâm Đức Dũng\n\n"
            "Bạc Liêu, ngày 21 tháng 10 năm 2023 SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BẠC LIÊU KT. GIÁM ĐỐC\n"
            "Lâm Đức Dũng Số vào sổ cấp GCN: CS 05226\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BẠC LIÊU"
    assert ex.values["issue_date"].value == "2023-10-21"


def test_an_authority_after_a_comma_is_cut_from_the_agency() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n" + LAND_BODY + "        Cà Mau, ngày 03 tháng 04 năm 2019\n"
            "        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU KT, GIÁM ĐỐC PHÓ GIÁM ĐỐC\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU"


# --- marriage_certificate ---------------------------------------------------------------------
def _page(*lines: Line) -> Document:
    return Document((Page(1, 1700, 2200, 200, "ocr", (Block(lines),)),))


def test_marriage_table_rows_whose_label_cell_opens_with_a_rule_or_a_speck() -> None:
    ex = extract(
        _page(
            line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 540, 350),
            line_at("| Thông tin", 226, 450),
            line_at("| Bên nam", 532, 450),
            line_at("Bên nữ", 1054, 452),
            Line(
                (*line_at("'Họ, chữ đệm, tên", 226, 515).words, *line_at("| Danh Quốc Lâm", 532, 515).words)
            ),
            line_at("| Trịnh Phương Hằng", 1039, 514),
            Line(
                (*line_at("Ngày, tháng, năm sinh", 226, 585).words, *line_at("| 10/08/1994", 532, 585).words)
            ),
            line_at("| 01/12/1990", 1039, 584),
            line_at("| Giấy tờ tùy thân", 226, 950),
            line_at("Căn cước công dân số", 546, 967),
            line_at("| Căn cước công dân số", 1040, 950),
            line_at(MAN_1994_ID, 545, 1012),
            line_at(WOMAN_1990_ID, 1054, 1015),
            line_at("Nơi đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau", 228, 1096),
            line_at("Ngày, tháng, năm đăng ký: 03/04/2026", 228, 1150),
        )
    )
    v = {k: f.value for k, f in ex.values.items()}
    assert v["husband_name"] == "Danh Quốc Lâm" and v["wife_name"] == "Trịnh Phương Hằng"
    assert v["husband_id_number"] == MAN_1994_ID and v["wife_id_number"] == WOMAN_1990_ID


def test_a_bare_nam_ending_an_address_does_not_open_the_husband_s_section() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN KẾT HÔN\nSố: 158\n"
            "Bên nữ:\nHọ, chữ đệm, tên: Trịnh Phương Hằng\nNgày, tháng, năm sinh: 01/12/1990\n"
            "Nơi cư trú: Ấp 3, xã Ka Dăng, huyện Đông Giang, tỉnh Quảng\nNam\n"
            f"Số CCCD: {WOMAN_1990_ID}\n"
            "Bên nam:\nHọ, chữ đệm, tên: Danh Quốc Lâm\nNgày, tháng, năm sinh: 10/08/1994\n"
            f"Nơi cư trú: Khóm 1, Phường 9, thành phố Cà Mau, tỉnh Cà Mau\nSố CCCD: {MAN_1994_ID}\n"
            "Nơi đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau\n"
            "Ngày đăng ký: ngày 04 tháng 02 năm 2019\n"
        )
    )
    v = {k: f.value for k, f in ex.values.items()}
    assert v["wife_id_number"] == WOMAN_1990_ID and v["husband_id_number"] == MAN_1994_ID
    assert v["wife_name"] == "Trịnh Phương Hằng" and v["husband_name"] == "Danh Quốc Lâm"


# --- dates, business registration -------------------------------------------------------------
def test_a_month_s_second_digit_read_as_a_sign_in_a_date_in_words() -> None:
    assert parse_date("ngày 19 tháng 0Š năm 2023") == ("2023-05-19", "YMD")  # Š: a 5
    assert parse_date("ngày 28 tháng 1! năm 2014") == ("2014-11-28", "YMD")  # !: a 1
    # a speck after a month that can stand alone stays a speck
    assert parse_date("ngày 14 tháng 5Š năm 2022") == ("2022-05-14", "YMD")
    assert parse_date("ngày 14 tháng 0 năm 2022") is None


def test_amendment_whose_ordinal_word_ocr_lengthened_and_agency_speck() -> None:
    ex = extract(
        document_from_text(
            "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH BẠC LIÊU ˆ   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "PHÒNG ĐĂNG KÝ KINH DOANH   Độc lập - Tự do - Hạnh phúc\n"
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\n"
            "Mã số doanh nghiệp: 0149458115\n"
            "Đăng ký lần đầu: ngày 28 tháng 1! năm 2014\n"
            "Đăng ký thay đổi lần thuế: 5. ngày 19 tháng 0Š năm 2023\n"
            "Tên công ty viết bằng tiếng Việt: CÔNG TY CỔ PHẦN SAO MAI\n"
        )
    )
    v = {k: f.value for k, f in ex.values.items()}
    assert v["amendment_number"] == "5" and v["amendment_date"] == "2023-05-19"
    assert v["first_registration_date"] == "2014-11-28"
    assert v["issuing_agency"] == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH BẠC LIÊU PHÒNG ĐĂNG KÝ KINH DOANH"


# --- citizen_id -------------------------------------------------------------------------------
def _card(*lines: Line) -> Document:
    head = (line_at("CĂN CƯỚC CÔNG DÂN", 430, 270),)
    return Document((Page(1, 1600, 1100, 300, "ocr", (Block((*head, *lines)),)),))


def test_a_lone_letter_under_a_card_label_is_a_speck_not_the_value() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1994_ID}", 470, 380),
            line_at("Quê quán:", 465, 660),
            line_at("j", 410, 700),
            line_at("xã Tân Duyệt, huyện Đầm Dơi, tỉnh Cà Mau", 466, 712),
            line_at("Nơi thường trú:", 466, 772),
            line_at("Khó 8, phường Hải Thượng, thị xã Nghi Sơn, tỉnh Thanh Hóa", 466, 820),
        )
    )
    assert ex.values["place_of_origin"].value == "xã Tân Duyệt, huyện Đầm Dơi, tỉnh Cà Mau"
    # the m of "Khóm" lost before a number and a commune: no unit is "Khó"
    assert ex.values["place_of_residence"].value.startswith("Khóm 8, phường Hải Thượng")
    assert repair_place("Khó 8 Trại, phường Hải Thượng")[0].startswith("Khó 8 Trại")


def test_a_name_label_s_tail_is_no_name_the_capitals_under_the_number_are() -> None:
    # "Họ" read apart from "và tên:" (out of its place), the name's line with a speck before it
    ex = extract(
        _card(
            line_at(f"số: {MAN_1994_ID}", 470, 342),
            line_at("và tên:", 520, 430),
            line_at(". BÙI CÔNG NGHĨA", 428, 480),
            line_at("Ngày, tháng, năm sinh: 13/10/1994", 428, 550),
            line_at("Họ và tên:", 174, 600),
            line_at("và tên:", 520, 640),
        )
    )
    assert ex.values["full_name"].value == "Bùi Công Nghĩa"


# --- land area, document numbers --------------------------------------------------------------
def test_an_area_s_decimal_comma_read_as_a_semicolon() -> None:
    assert normalize_value("area", "138;9m?")[0] == "138.9"
    assert normalize_value("area", "456 m2; Sử dụng chung: Không")[0] == "456"


def test_a_number_glued_to_its_year_and_a_hyphen_put_back() -> None:
    head = (
        "UBND TỈNH CÀ MAU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "   Độc lập - Tự do - Hạnh phúc\n"
        "Số: {number}   Cà Mau, ngày 15 tháng 02 năm {year}\n"
        "{title}\nBan hành Quy chế làm việc của Tổ chuyển đổi số\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
    )
    fv = extract(
        document_from_text(head.format(number="27572026/QĐ-UBND", year=2026, title="QUYẾT ĐỊNH"))
    ).values["document_number"]
    assert fv.value == "2757/2026/QĐ-UBND" and fv.repairs
    # the four digits not the document's year: as read
    fv = extract(
        document_from_text(head.format(number="27572025/QĐ-UBND", year=2026, title="QUYẾT ĐỊNH"))
    ).values["document_number"]
    assert fv.value == "27572025/QĐ-UBND"
    # "43/TBUBND": the hyphen after the type code put back, and the number in doubt
    fv = extract(document_from_text(head.format(number="43/TBUBND", year=2025, title="THÔNG BÁO"))).values[
        "document_number"
    ]
    assert fv.value == "43/TB-UBND" and "repaired" in fv.flags and fv.confidence < 0.8


# --- OCR slips undone where one reading only is right -----------------------------------------
def test_sex_with_its_n_read_twice_and_a_date_whose_slash_is_read_as_j() -> None:
    assert normalize_value("sex", "NÑam")[0] == "Nam"
    assert normalize_value("sex", "Nnữ")[0] == "Nữ"
    assert normalize_value("date", "06J03I2007")[:2] == ("2007-03-06", 0.9)
    assert repair_date("Date of birth: 06J03I2007") is not None
    assert repair_date("31J02J1990") is None  # no such day: no repair


def test_a_thi_tran_whose_first_word_ocr_garbled() -> None:
    assert repair_place("(h/ trấn Châu Hưng, huyện Vĩnh Lợi, tỉnh Bạc Liêu")[0].startswith("thị trấn Châu")
    assert repair_place("fñƒ trấn Gành Hào, huyện Đông Hải")[0].startswith("thị trấn Gành Hào")
    assert repair_place("Ấp Trấn Thành, xã Tân Lộc")[0] == "Ấp Trấn Thành, xã Tân Lộc"


def test_set_phrases_of_a_subject_and_an_agency_respelled() -> None:
    assert respell_subject_words("làm sạch cơ sở đữ liệu đất đai") == "làm sạch cơ sở dữ liệu đất đai"
    assert respell_subject_words("Tổ chuyến đối số cộng đồng") == "Tổ chuyển đổi số cộng đồng"
    assert respell_subject_words("giải quyết thù tục hành chính") == "giải quyết thủ tục hành chính"
    assert respell_subject_words("du lieu ho tich") == "du lieu ho tich"  # read without marks: as read
    assert (
        respell_agency_words("SỞ TÀI CHÍNH TỈNH CÀ MAU PHONG ĐĂNG KÝ KINH DOANH")
        == "SỞ TÀI CHÍNH TỈNH CÀ MAU PHÒNG ĐĂNG KÝ KINH DOANH"
    )


# --- administrative documents -----------------------------------------------------------------
LETTER_HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH CÀ MAU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ TƯ PHÁP   Độc lập - Tự do - Hạnh phúc\n"
    "Số: 43 /KH-STP   Cà Mau, ngày 13 tháng 10 năm 2021\n"
)


def test_a_body_line_opening_with_a_speck_ends_the_trich_yeu() -> None:
    ex = extract(
        document_from_text(
            LETTER_HEAD + "        KẾ HOẠCH\n"
            "        'Triến khai làm giàu, làm sạch cơ sở dữ liệu đất đai năm 2021\n"
            '"Thực hiện chỉ đạo của cấp trên về việc nâng cao chất lượng dữ liệu phục vụ giải quyết\n'
            "thủ tục hành chính, đề nghị các cơ quan, đơn vị khẩn trương rà soát.\n"
        )
    )
    assert ex.values["subject"].value == "Triển khai làm giàu, làm sạch cơ sở dữ liệu đất đai năm 2021"


def test_a_ky_thay_block_whose_deputy_line_the_seal_hid() -> None:
    ex = extract(
        document_from_text(
            LETTER_HEAD.replace("KH-STP", "QĐ-STP") + "        QUYẾT ĐỊNH\n        Về việc số hóa hồ sơ\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
            "Điều 1. Phê duyệt kế hoạch.\n"
            "Nơi nhận:   TM. ỦY BAN NHÂN DÂN\n"
            "- Như trên;   KT. CHỦ TỊCH\n\n\n\n"
            "   Nguyễn Thu My\n"
        )
    )
    assert ex.values["signer_title"].value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert ex.values["signer_name"].value == "Nguyễn Thu My"


def test_numeric_dates_with_a_split_two_digit_part_or_a_5_read_as_s_caron() -> None:
    assert parse_date("Ngày, tháng, năm sinh: 1 1/05/1992") == ("1992-05-11", "YMD")
    assert parse_date("năm đăng ký: 03/1 1/2022") == ("2022-11-03", "YMD")
    assert parse_date("Ngày, tháng, năm sinh: Š.8.1986") == ("1986-08-05", "YMD")
    # a number before a whole date is no part of it
    assert parse_date("Số 5 12/05/2020") == ("2020-05-12", "YMD")


def test_land_label_cut_mid_word_at_a_line_end_and_a_purpose_cell_wrapped() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            "1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất\n"
            "Ông: LÊ CHÍ TẤN MINH, sinh năm 1985; Số định danh cá\n"
            f"nhân: {MAN_1994_ID}; Địa chỉ thường trú: Khóm 7, phường Tân Thành, tỉnh Cà Mau\n"
            "2. Thông tin thửa đất\nThửa đất số   663\nTờ bản đồ số   74\n"
            "Mục đích sử   Đất trồng lúa\ndụng\n"
        )
    )
    assert ex.values["holder_id_number"].value == MAN_1994_ID
    assert ex.values["land_use_purpose"].value == "Đất trồng lúa"


def test_a_second_reading_s_agency_cut_short_loses_to_the_whole_one() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            + LAND_BODY
            + "        Cà Mau, ngày 03 tháng 4 năm 2016\n        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH\n"
            "        CÀ MAU\n        KT. GIÁM ĐỐC\n        PHÓ GIÁM ĐỐC\n\n"
            "        Cà Mau, ngày 03 tháng 4 năm 2016\n        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU"


def test_a_run_together_second_reading_the_serial_at_its_end_and_a_glued_place_date() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            f"Ông: TRẦN ĐỨC BÌNH Số định danh cá nhân: {MAN_1994_ID} Địa chỉ: Ấp Bình Minh, "
            "xã Phú Diên, thành phố Huế AB 902592\n"
            "Thửa đất số: 555\nTờ bản đồ số: 82\nDiện tích: 4.269 m2\n"
            "Nguồn gốc sử dụng: Nhà nước giao đất không thu tiền sử dụng đất Bạc Liêu, ngày 22 thúng 7 năm 2017\n"
        )
    )
    assert ex.values["serial_number"].value == "AB 902592"
    assert ex.values["land_use_origin"].value == "Nhà nước giao đất không thu tiền sử dụng đất"
    # an ID at a line's end is no serial
    ex = extract(
        document_from_text(f"GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nÔng: TRẦN ĐỨC BÌNH CCCD {MAN_1994_ID}\n")
    )
    assert "serial_number" not in ex.values or ex.values["serial_number"].unread


def test_a_body_sentence_s_ve_viec_is_no_trich_yeu_and_an_authority_s_colon() -> None:
    # the trích yếu left blank: the body's "… về việc nâng cao …" is not it
    ex = extract(
        document_from_text(
            LETTER_HEAD.replace("KH-STP", "TTr-STP") + "        TỜ TRÌNH\n"
            "Thực hiện chỉ đạo của cấp trên về việc nâng cao chất lượng dữ liệu phục vụ giải quyết\n"
            "thủ tục hành chính, đề nghị các cơ quan, đơn vị khẩn trương rà soát.\n"
            "Nơi nhận:   KT: GIÁM ĐỐC\n- Như trên;   PHÓ GIÁM ĐỐC\n\n   Lâm Đức Dũng\n"
        )
    )
    # and the body right under the title says none was printed: absent, judged by
    # complete.required_fields.present (session 19; it was unread, sent to review, before)
    assert "subject" not in ex.fields
    assert ex.values["signer_title"].value == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"


def test_a_header_agency_cut_after_va_moi_keeps_its_truong() -> None:
    ex = extract(
        document_from_text(
            "ỦY BAN NHÂN DÂN THÀNH PHỐ   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ NÔNG NGHIỆP VÀ MÔI   Độc lập - Tự do - Hạnh phúc\n"
            "TRƯỜNG\n"
            "Số: 2146 /TTr-SNNMT   Hải Phòng, ngày 23 tháng 7 năm 2026\n"
            "        TỜ TRÌNH\n        Đề nghị phê duyệt dự toán kinh phí số hóa hồ sơ\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"


def test_a_blank_number_s_label_read_so_is_no_agency() -> None:
    ex = extract(
        document_from_text(
            "UBND TỈNH BẠC LIÊU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ Y TẾ   Độc lập - Tự do - Hạnh phúc\n"
            "SO   Bạc Liêu, ngày 14 tháng 5 năm 2023\n"
            "        TỜ TRÌNH\n        Đề nghị công nhận kết quả rà soát hộ nghèo năm 2023\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ Y TẾ"


def test_a_place_whose_line_ends_in_a_speck_dot_inside_a_name_runs_on() -> None:
    ex = extract(
        _card(
            line_at(f"Số/ No.: {MAN_1994_ID}", 501, 371),
            line_at("(Quê quán / Place of origin: xã Trần Hợi, huyện Trần Văn.", 497, 499),
            line_at("Thời, tỉnh Cà Mau", 496, 530),
        )
    )
    assert ex.values["place_of_origin"].value == "xã Trần Hợi, huyện Trần Văn Thời, tỉnh Cà Mau"
    # a dot that ends the value is still its end ("… tỉnh Cà Mau." / "Nơi thường trú: …")
    assert repair_place("Số 5. Đường A, xã B")[0] == "Số 5. Đường A, xã B"


def test_a_legal_form_whose_first_letter_the_line_s_edge_cut() -> None:
    assert respell_legal_form("OANH NGHIỆP TƯ NHÂN BẢO ANH") == "DOANH NGHIỆP TƯ NHÂN BẢO ANH"
    assert respell_legal_form("ÔNG TY CỔ PHẦN SAO MAI") == "CÔNG TY CỔ PHẦN SAO MAI"
    # the rest of the form not as the law names it: as read
    assert respell_legal_form("OANH NGHIỆP BẢO ANH") == "OANH NGHIỆP BẢO ANH"
