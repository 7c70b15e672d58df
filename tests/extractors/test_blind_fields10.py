"""Documents drawn by another hand (issue 14, tenth pass): a card known by its zone's second line
or by glosses OCR put marks on, the zone's document number misread where the ID repeats it, a
label cut on its row, a place whose Vietnamese label is garbled and its gloss read, a gloss's
last word cut at the line's end, a date under the issue label whose gloss says expiry, an ID in
boxes whose rules OCR read as other signs, a label after an item number broken over two lines,
a chained ID label, the head of a hamlet's or a province's name misread. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.classify import classify_segments
from extractors.forms import extract_application_form
from extractors.labels import normalize_value
from extractors.layout import segments
from extractors.mrz import parse_td1
from extractors.normalize import repair_place
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards5 import _zone
from tests.extractors.test_blind_cards6 import line_at, words_at
from tests.extractors.test_blind_fields5 import HEADER

MAN_1991_ID = "096091007315"  # fictional: Cà Mau, nam, born 1991
WOMAN_1988_ID = "096188002467"  # fictional: Cà Mau, nữ, born 1988


def _card(*lines: Line) -> Document:
    head = (line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),)
    return Document((Page(1, 1700, 1100, 300, "ocr", (Block((*head, *lines)),)),))


def _form(text: str) -> dict:
    doc = document_from_text(text)
    return extract_application_form(doc, "application_form", segments(doc))


# --- citizen_id --------------------------------------------------------------------------------
def test_a_card_whose_title_ocr_lost_is_known_by_its_zone_s_second_line() -> None:
    line1, line2, line3 = _zone(MAN_1991_ID, "910412", "M", "310412", "LE<<VAN<TAM")
    doc = document_from_text(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "5ố định danh cá nhân / Personl lfentifieetlon nimher\n"
        f"{MAN_1991_ID}\n"
        "BỘ CÔNG AN\n"
        f"TDVNMôö{line1[6:]}\n{line2}\n{line3}\n"
    )
    assert classify_segments(segments(doc))[0] == "citizen_id"
    # the English glosses with the marks OCR puts on their letters count as a card's too
    doc = document_from_text("Nơi cư trú / Place oƒ residence: Ấp 6, xã Đất Mũi, tỉnh Cà Mau")
    assert classify_segments(segments(doc))[0] == "citizen_id"


def test_zone_document_number_misread_is_read_from_the_id_it_repeats() -> None:
    line1, line2, line3 = _zone(MAN_1991_ID, "910412", "M", "310412", "LE<<VAN<TAM")
    misread = line1[:5] + "6" + line1[6:]  # the number's first digit (0) read as 6
    got = parse_td1(misread, line2, line3)
    assert got is not None and got.id_number == MAN_1991_ID and got.sex == "Nam"
    assert any("as the ID gives it" in r for r in got.repairs)
    # a check digit wrong as printed (the digits agree with the ID): the zone stays unread
    doc = MAN_1991_ID[3:]
    wrong_check = line1[:14] + str((int(line1[14]) + 1) % 10) + line1[15:]
    assert wrong_check[5:14] == doc
    assert parse_td1(wrong_check, line2, line3) is None


def test_zone_second_line_with_vnm_read_as_vwm() -> None:
    line1, line2, line3 = _zone(WOMAN_1988_ID, "880305", "F", "280305", "TRAN<<THI<HOA")
    got = parse_td1(line1, line2.replace("VNM", "VWM"), line3)
    assert got is not None and got.expiry == "2028-03-05"


def test_a_label_cut_on_its_row_is_joined() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 470, 350),
            line_at("Họ và tên: LÊ VĂN TÂM", 470, 420),
            Line(tuple(words_at("Giới", 470, 520) + words_at("tính / Sex: Nam", 570, 515))),
        )
    )
    assert ex.values["sex"].value == "Nam"


def test_a_place_whose_vietnamese_label_is_garbled_is_read_after_its_gloss() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 470, 350),
            line_at("Họ và tên: LÊ VĂN TÂM", 470, 420),
            line_at("mà / Place oƒ origh.", 570, 690),
            line_at("xã Tân Hưng, huyện Cái Nước, tỉnh Cà Mau", 470, 745),
            line_at("Có giá trị đến: 12/04/2031", 90, 800),
        )
    )
    assert ex.values["place_of_origin"].value == "xã Tân Hưng, huyện Cái Nước, tỉnh Cà Mau"
    # a line that is another place's gloss is not this one's
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 470, 350),
            line_at("mà / Place of residence", 570, 690),
            line_at("Ấp 2, xã Tân Hưng, huyện Cái Nước, tỉnh Cà Mau", 470, 745),
        )
    )
    assert "place_of_origin" not in ex.values


def test_a_gloss_cut_at_the_line_s_end_leaves_the_value_in_the_cell_beside() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {WOMAN_1988_ID}", 377, 100),
            Line(
                tuple(
                    words_at("Nơi đăng ký khai sinh / Place of birth registrat", 377, 196)
                    + words_at("xã Hòa", 1133, 193)
                )
            ),
            line_at("Thành, thành phố Cà Mau, tỉnh Cà Mau", 373, 242),
        )
    )
    assert ex.values["place_of_birth_registration"].value == "xã Hòa Thành, thành phố Cà Mau, tỉnh Cà Mau"


def test_the_gloss_of_a_date_beside_with_marks_on_it_is_no_line_of_the_place() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 632, 300),
            line_at(
                "Có giá trị đến: 12/04/2031 Nơi thường trú /Place oƒresidence: Số 14, đường Lý Văn Lâm,",
                364,
                802,
            ),
            line_at("Datẻ 0ƒ expiry", 364, 838),
            line_at("Phường 5, thành phố Cà Mau, tỉnh Cà Mau", 632, 838),
        )
    )
    assert ex.values["place_of_residence"].value == (
        "Số 14, đường Lý Văn Lâm, Phường 5, thành phố Cà Mau, tỉnh Cà Mau"
    )


def test_a_misread_label_before_its_gloss_mid_row() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 670, 300),
            line_at(
                "Có giá trị đến: 12/04/2031 Nơi thường trở / Fiecr eý reudexe«: Ấp 4, xã Khánh Hưng, huyện",
                452,
                692,
            ),
            line_at("Do cý cgứy", 453, 723),
            line_at("Trần Văn Thời, tỉnh Cà Mau", 670, 723),
        )
    )
    assert ex.values["place_of_residence"].value == "Ấp 4, xã Khánh Hưng, huyện Trần Văn Thời, tỉnh Cà Mau"


def test_a_date_under_the_issue_label_whose_gloss_says_expiry_is_the_expiry() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {WOMAN_1988_ID}", 470, 350),
            line_at("Ngày, tháng, năm biết bạn ý 0e of expiry: 05/03/2028", 105, 600),
        )
    )
    assert ex.values["expiry_date"].value == "2028-03-05"
    assert "issue_date" not in ex.values


def test_nationality_after_a_gloss_ocr_did_not_close() -> None:
    assert normalize_value("nationality", "/ Ng2oealsy- Việt Nam")[0] == "Việt Nam"
    assert normalize_value("nationality", "Việt Nam")[0] == "Việt Nam"


def test_a_name_in_capitals_after_two_small_specks() -> None:
    assert normalize_value("name", "eề ĐỖ NGỌC THANH TRÍ")[0] == "Đỗ Ngọc Thanh Trí"


# --- application_form --------------------------------------------------------------------------
def test_an_id_in_boxes_whose_rules_ocr_read_as_dots_and_slashes() -> None:
    got = normalize_value("personal_id", "|0|9.6|0|9/1|0|0.7|3/1)5")
    assert got is not None and got[0] == MAN_1991_ID and "boxed" in got[2]
    # a date is no boxed number
    assert normalize_value("personal_id", "12/05/1990") is None


def test_an_id_in_boxes_with_a_rule_read_as_one_gives_way_to_the_birth_year() -> None:
    got = _form(
        HEADER + "TỜ KHAI CĂN CƯỚC\n1. Họ, chữ đệm và tên: TRẦN THỊ HOA\n2. Ngày sinh: 05/03/1988\n"
        "4. Số định danh cá nhân: |0 |9|6/1/818|0|0|2|4|6)7\n"
    )
    assert got["applicant_id_number"].value == WOMAN_1988_ID


def test_a_chained_id_label_reads_the_value_after_the_second() -> None:
    got = _form(
        HEADER + "ĐƠN ĐĂNG KÝ\nHọ và tên: Lê Văn Tâm\nNgày sinh: 12.4.1991\n"
        "Giấy tờ tùy thân: Căn cước công dân số:\n"
        + f"{MAN_1991_ID}\n"
        + "Địa chỉ thường trú:\nẤp 2, xã Tân Hưng\n"
    )
    assert got["applicant_id_number"].value == MAN_1991_ID


def test_labels_after_an_item_number_broken_over_two_lines() -> None:
    got = _form(
        HEADER + "TỜ KHAI CĂN CƯỚC\nđệm và tên: Trần Thị Hoa\n2. Ngày sinh: 5/3/1988\n"
        "5, Số điện\nthoại liên hệ: 0912345678\n7. Nơi\ncư trú: Ấp 2, xã Tân Hưng, tỉnh Cà Mau\n"
    )
    assert got["applicant_name"].value == "Trần Thị Hoa"
    assert got["phone"].value == "0912345678"
    assert got["address"].value == "Ấp 2, xã Tân Hưng, tỉnh Cà Mau"


# --- places ------------------------------------------------------------------------------------
def test_a_hamlet_s_word_misread_at_the_head_of_an_address() -> None:
    assert repair_place("Ấn Phú Hiệp, xã Đông Phú, huyện Châu Thành")[0].startswith("Ấp Phú Hiệp, ")
    assert repair_place("Âp 6, xã Đất Mũi, tỉnh Cà Mau")[0] == "Ấp 6, xã Đất Mũi, tỉnh Cà Mau"
    # not before a commune, or another word: as read
    assert repair_place("Ấn Độ")[0] == "Ấn Độ"
    assert repair_place("Ân Thi, tỉnh Hưng Yên")[0] == "Ân Thi, tỉnh Hưng Yên"


def test_a_province_cut_at_the_line_s_end_is_completed_when_one_name_fits() -> None:
    assert repair_place("xã Hòa Thành, thành phố Cà Mau, tỉnh Cà")[0].endswith("tỉnh Cà Mau")
    assert repair_place("xã Vĩnh Trạch, tỉnh Bạc")[0] == "xã Vĩnh Trạch, tỉnh Bạc Liêu"
    # several provinces begin so ("Hà Nội", "Hà Nam", …): as read
    assert repair_place("xã Kỳ Xuân, tỉnh Hà")[0] == "xã Kỳ Xuân, tỉnh Hà"
    assert repair_place("xã Vĩnh Trạch, tỉnh Bạc Liêu")[0] == "xã Vĩnh Trạch, tỉnh Bạc Liêu"


# --- second round --------------------------------------------------------------------------------
def test_a_garbled_row_under_the_zone_gives_no_name() -> None:
    line1, line2, _ = _zone(WOMAN_1988_ID, "880305", "F", "280305", "TRAN<<THI<HOA")
    got = parse_td1(line1, line2, "T41 11.")
    assert got is not None and got.name is None
    got = parse_td1(line1, line2, "TRAN<<THI<HOA<<<<<<<<<<<<<<<<<")
    assert got is not None and got.name == "TRAN THI HOA"


def test_zone_line_1_whose_vnm_ocr_lost() -> None:
    line1, line2, line3 = _zone(WOMAN_1988_ID, "880305", "F", "280305", "TRAN<<THI<HOA")
    got = parse_td1("I1DV " + line1[5:], line2, line3)
    assert got is not None and got.id_number == WOMAN_1988_ID


def test_a_card_name_under_its_label_after_a_garbled_gloss() -> None:
    ex = extract(
        _card(
            line_at(f"Số định danh cá nhân: {WOMAN_1988_ID}", 480, 435),
            line_at("Họ, chữ đệm và tên khai sinh", 480, 503),
            line_at("Sam, túc Free cá CN Ra", 480, 549),
            line_at("TRẦN THỊ HOA", 480, 595),
        )
    )
    assert ex.values["full_name"].value == "Trần Thị Hoa"


def test_a_speck_with_marks_beside_a_label_is_no_value_a_placeholder_is() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 468, 300),
            Line(tuple(words_at("Nơi thường trú / Place of residenc:", 468, 764) + words_at("ặ", 1458, 767))),
            line_at("Ấp 2, xã Tân Hưng, huyện Cái Nước, tỉnh Cà Mau", 468, 812),
        )
    )
    assert ex.values["place_of_residence"].value == "Ấp 2, xã Tân Hưng, huyện Cái Nước, tỉnh Cà Mau"
    doc = document_from_text("GIẤY KHAI SINH\nHọ và tên cha         x\nNăm sinh của cha         1990\n")
    assert extract(doc).values["father_name"].value == "x"


def test_dates_with_a_fraction_slash_a_doubled_stroke_or_a_flagged_1() -> None:
    from extractors.normalize import parse_date

    assert parse_date("03⁄03⁄/1996") == ("1996-03-03", "YMD")
    assert parse_date("ngày 24 tháng T1 năm 2026") == ("2026-11-24", "YMD")
    assert parse_date("ngày 24 tháng T5 năm 2026") is None  # no month 15
    # a placeholder date after a garbled gloss is kept as printed, as a placeholder
    assert normalize_value("date", "nh ƒ Dœe øý bíri- 00/00/1993") == ("00/00/1993", 1.0, ("placeholder",))


def test_an_id_of_box_rules_and_digits_some_boxes_read_as_two() -> None:
    got = normalize_value("personal_id", "|0|9/6|0|91|0|07.315")
    assert got is not None and got[0] == MAN_1991_ID


def test_place_specks_xn_for_xa_a_dot_after_a_number_a_lone_bracket() -> None:
    assert repair_place("xñ Ninh Hòa, huyện Hồng Dân, tỉnh Bạc Liêu")[0].startswith("xã Ninh Hòa")
    assert repair_place("Ấp 5. xã Thanh Tùng, tỉnh Cà Mau")[0] == "Ấp 5, xã Thanh Tùng, tỉnh Cà Mau"
    assert normalize_value("place", "Phường 1, thị xã Giá Rai, tỉnh Bạc ( Liêu")[0].endswith("tỉnh Bạc Liêu")


# --- third round: the other types' slips that share a cause --------------------------------------
def test_an_enterprise_code_in_boxes_read_cell_by_cell_with_its_check_digit() -> None:
    # fictional code 2071565017 (its check digit holds); a rule read as "1", a box's rule lost
    got = normalize_value("mst", "2 0/7/1|5/6|51011/17")
    assert got is not None and got[0] == "2071565017" and "boxed" in got[2]


def test_set_phrases_and_legal_forms_respelled_only_where_a_mark_was_misread() -> None:
    from extractors.normalize import LAND_PHRASES, respell_legal_form, respell_set_phrase

    assert respell_legal_form("CÔNG TY CỐ PHẦN CHẾ BIẾN GỖ AN BÌNH") == "CÔNG TY CỔ PHẦN CHẾ BIẾN GỖ AN BÌNH"
    assert respell_legal_form("CONG TY CO PHAN AN BINH") == "CONG TY CO PHAN AN BINH"  # no marks: as read
    assert (
        respell_set_phrase("Nhà nước giao đất có thù tiền sử dụng đất", LAND_PHRASES)
        == "Nhà nước giao đất có thu tiền sử dụng đất"
    )
    # a tone placed the old way is the page's spelling
    assert respell_set_phrase("Đất nuôi trồng thuỷ sản", LAND_PHRASES) == "Đất nuôi trồng thuỷ sản"


def test_a_place_runs_on_after_a_speck_behind_its_comma_or_unit_word() -> None:
    doc = document_from_text(
        "GIẤY KHAI SINH\nHọ, chữ đệm, tên: Lê Văn Tâm\n"
        "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Phong Thạnh Tây B, .\n"
        "huyện Phước Long, tính Bạc Liêu\nNgày đăng ký: 11/01/2024\n"
    )
    assert extract(doc).values["registration_place"].value == (
        "Ủy ban nhân dân xã Phong Thạnh Tây B, huyện Phước Long, tỉnh Bạc Liêu"
    )
    assert repair_place("Bệnh viện Đa khoa tinh Cà Mau")[0] == "Bệnh viện Đa khoa tỉnh Cà Mau"


def test_a_closing_quote_no_quote_opens_is_a_speck() -> None:
    from extractors import _without_lone_quote

    assert _without_lone_quote("SỞ KẾ HOẠCH VÀ ĐẦU TƯ”") == "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"
    assert _without_lone_quote("“Về việc” X") == "“Về việc” X"


def test_xa_with_its_vowel_misread_and_a_numbered_unit_s_figure_read_as_a_letter() -> None:
    assert repair_place("Ủy ban nhân dân Xỗ Vĩnh Tường, thành phố Cần Thơ")[0] == (
        "Ủy ban nhân dân xã Vĩnh Tường, thành phố Cần Thơ"
    )
    assert repair_place("xỡ Thới Bình, tỉnh Cà Mau")[0] == "xã Thới Bình, tỉnh Cà Mau"
    assert repair_place("Ủy ban nhân dân Phường g, thành phố Cà Mau")[0] == (
        "Ủy ban nhân dân Phường 9, thành phố Cà Mau"
    )
    # a name of one capital letter is a name ("Ấp B"), a word of other letters is not "xã"
    assert repair_place("Ấp B, xã Tân Lộc")[0] == "Ấp B, xã Tân Lộc"
    assert repair_place("Xỉ A, tỉnh Cà Mau")[0] == "Xỉ A, tỉnh Cà Mau"


def test_a_registration_number_after_so_read_s0() -> None:
    doc = document_from_text("GIẤY CHỨNG NHẬN KẾT HÔN\nS0: 195\nQuyển số: 01/2024\n")
    assert extract(doc).values["registration_number"].value == "195"


def test_an_enterprise_code_with_a_box_of_two_digits() -> None:
    got = normalize_value("mst", "03|4|3|6|110141713")  # fictional code 0343610473
    assert got is not None and got[0] == "0343610473"


def test_nationality_after_its_gloss_when_the_vietnamese_label_is_garbled() -> None:
    ex = extract(
        _card(
            line_at(f"Số: {MAN_1991_ID}", 470, 350),
            line_at("Họ và tên: LÊ VĂN TÂM", 470, 420),
            line_at("Qu66 tịch / Natløiality: Việt Nam", 840, 520),
        )
    )
    assert ex.values["nationality"].value == "Việt Nam"


def test_a_land_certificate_s_agency_whose_unit_word_is_cut_over_two_lines() -> None:
    doc = document_from_text(
        "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nThửa đất số: 495\nTờ bản đồ số: 39\n"
        "Cà Mau, ngày 25 tháng 10 năm 2021\nTM. ỦY BAN NHÂN DÂN THÀNH\nPHỐ CÀ MAU\nT. CHỦ TỊCH\n"
    )
    assert extract(doc).values["issuing_agency"].value == "ỦY BAN NHÂN DÂN THÀNH PHỐ CÀ MAU"


def test_a_label_with_a_stray_colon_inside_it() -> None:
    from extractors.forms import extract_business_registration

    doc = document_from_text(
        "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\nMã số doanh nghiệp: 2071565017\n1. Tên công ty\n"
        "Tên công ty viết : bằng tiếng Việt:\nCÔNG TY CỔ PHẦN THỦY SẢN AN BÌNH\n"
        "Tên công ty viết bằng tiếng nước ngoài: AN BINH SEAFOOD\n"
    )
    got = extract_business_registration(doc, "business_registration", segments(doc))
    assert got["enterprise_name"].value == "CÔNG TY CỔ PHẦN THỦY SẢN AN BÌNH"
