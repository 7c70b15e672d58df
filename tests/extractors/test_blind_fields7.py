"""Documents drawn by another hand (issue 14, seventh pass): a speck after a date's month, the
slashed zero of some fonts in an ID, a table row whose two cells OCR joined into one line, a
card zone with a speck before line 2 or a line 1 garbled past its shape. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.mrz import check_digit, find_mrz, parse_td1, rebuilt_line1
from extractors.normalize import identifier, parse_date, valid_personal_id
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards6 import line_at, words_at

# Fictional identity numbers (province code, century-and-sex digit, year of birth, six digits).
CHILD_ID = "095318004800"
WIFE_ID = "096182004507"
HUSBAND_ID = "096083007596"
CARD_ID = "095082001290"  # nam, born 1982


# --- dates and IDs ---------------------------------------------------------------------------
def test_a_speck_after_the_month_keeps_the_whole_date() -> None:
    assert parse_date("Đường Thượng, ngày 15 tháng 4` năm 2026") == ("2026-04-15", "YMD")
    assert parse_date("ngày 07 tháng 01' năm 2022") == ("2022-01-07", "YMD")
    assert parse_date("tháng 4’ năm 2026") == ("2026-04", "YM")
    # two specks, or a letter, are not a speck: the day is not guessed
    assert parse_date("ngày 15 tháng 4`` năm 2026") != ("2026-04-15", "YMD")


def test_the_slashed_zero_of_an_id_is_a_zero_when_the_id_then_validates() -> None:
    assert identifier("Ø" + CHILD_ID[1:], valid_personal_id) == (CHILD_ID, True, True)
    assert identifier("ø" + CHILD_ID[1:], valid_personal_id) == (CHILD_ID, True, True)
    # a slashed zero that would give no valid ID (province 995) is left as read, flagged invalid
    _value, repaired, valid = identifier("99Ø318004800", valid_personal_id) or ("", True, True)
    assert not valid and not repaired


def test_request_date_with_a_speck_is_read_whole_on_a_form() -> None:
    ex = extract(
        document_from_text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nTỜ KHAI CĂN CƯỚC\n"
            "Kính gửi: Công an xã Tân Lộc\n1. Họ, chữ đệm và tên: TRẦN THU HÀ\n"
            "2. Ngày, tháng, năm sinh: 21-08-1973\n5. Số điện thoại liên hệ: 0861000380\n"
            "7. Nơi cư trú: Khóm 9, phường Láng Tròn, tỉnh Cà Mau\n\n"
            "Tân Lộc, ngày 15 tháng 4` năm 2026\nNGƯỜI LÀM ĐƠN\n(Ký, ghi rõ họ tên)\nTrần Thu Hà\n"
        )
    )
    assert ex.doc_type == "application_form"
    assert ex.values["request_date"].value == "2026-04-15"


# --- a marriage table whose ID row OCR read as one line across both cells ----------------------
def test_ids_of_a_row_read_across_both_cells_go_to_each_party() -> None:
    lines = [
        line_at("ỦY BAN NHÂN DÂN", 100, 40),
        line_at("XÃ TÂN HƯNG ĐÔNG", 100, 80),
        line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800, 40),
        line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 500, 160),
        line_at("Số: 241", 100, 220),
        line_at("Thông tin", 100, 280),
        line_at("Vợ", 500, 280),
        line_at("Chồng", 1100, 280),
        line_at("Họ, chữ đệm, tên", 100, 340),
        line_at("Đặng Thị Thu Lụa", 500, 340),
        line_at("Tô Quốc Phúc", 1100, 340),
        line_at("Ngày, tháng, năm sinh", 100, 400),
        line_at("17/12/1982", 500, 400),
        line_at("30/12/1983", 1100, 400),
        line_at("Giấy tờ tùy thân", 100, 460),
        line_at("Căn cước công dân số", 500, 460),
        line_at("Căn cước công dân số", 1100, 460),
        # one line: the wife's cell, then the husband's, as OCR joined them
        Line(
            tuple(
                words_at(f"{WIFE_ID}, cấp ngày 24/06/2017, |", 500, 500)
                + words_at(f"{HUSBAND_ID}, cấp ngày 15/04/2018,", 1100, 500)
            )
        ),
        line_at("Cơ quan đăng ký: Ủy ban nhân dân xã Tân Hưng Đông, tỉnh Cà Mau", 100, 600),
        line_at("Ngày đăng ký: ngày 25 tháng 11 năm 2018", 100, 660),
    ]
    doc = Document((Page(1, 1700, 2200, 200, "ocr", tuple(Block((ln,)) for ln in lines)),))
    ex = extract(doc)
    assert ex.doc_type == "marriage_certificate"
    assert ex.values["wife_id_number"].value == WIFE_ID
    assert ex.values["husband_id_number"].value == HUSBAND_ID


# --- the card's zone ---------------------------------------------------------------------------
def _zone(pid: str, born: str, sex: str, expiry: str, name: str) -> tuple[str, str, str]:
    doc = pid[-9:]
    l1 = f"IDVNM{doc}{check_digit(doc)}{pid}<<{check_digit(pid)}"
    head = f"{born}{check_digit(born)}{sex}{expiry}{check_digit(expiry)}"
    composite = f"{doc}{check_digit(doc)}{pid}<<{check_digit(pid)}{head[:7]}{head[8:]}" + "<" * 11
    l2 = f"{head}VNM{'<' * 11}{check_digit(composite)}"
    return l1, l2, name


def _card(
    zone: tuple[str, str, str], expiry_line: str = "Ngày, tháng, năm hết hạn / Date of expiry: 30/12/2042"
) -> str:
    return (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSOCIALIST REPUBLIC OF VIET NAM\nCĂN CƯỚC\nIDENTITY CARD\n"
        f"Số định danh cá nhân / Personal identification number:\n{CARD_ID}\n"
        "Họ, chữ đệm và tên khai sinh / Surname, middle name and given name:\nNGUYỄN TRUNG SANG\n"
        "Ngày sinh / Date of birth: 30/12/1982\nGiới tính / Sex: Nam\nQuốc tịch / Nationality: Việt Nam\n"
        "Ngày, tháng, năm cấp / Date of issue: 13/08/2026\n"
        f"{expiry_line}\nBỘ CÔNG AN\n\n" + "\n".join(zone) + "\n"
    )


ZONE = _zone(CARD_ID, "821230", "M", "421230", "NGUYEN<<TRUNG<SANG<<<<<<<<<<<<")


def test_zone_helper_draws_a_zone_that_checks_out() -> None:
    z = parse_td1(*ZONE)
    assert z is not None and (z.id_number, z.birth, z.expiry) == (CARD_ID, "1982-12-30", "2042-12-30")


def test_a_speck_before_line_2_does_not_hide_the_zone() -> None:
    l1, l2, l3 = ZONE
    doc = document_from_text(_card((l1, "Ỉ " + l2, l3)))
    z = find_mrz(doc)
    assert z is not None and z.id_number == CARD_ID
    ex = extract(doc)
    assert ex.notes.get("mrz") == "read"
    assert "mrz_confirmed" in ex.values["date_of_birth"].flags


def test_a_line_1_garbled_past_its_shape_is_rebuilt_from_the_printed_id_and_held_to_the_composite() -> None:
    l1, l2, l3 = ZONE
    garbled = l1[:6] + "9" + l1[6:20] + "06" + l1[20:]  # characters doubled: 33 long
    assert parse_td1(garbled, l2, l3) is None
    assert rebuilt_line1(garbled, CARD_ID) == l1
    doc = document_from_text(
        _card((garbled, l2, l3), "Ngày, tháng, năm hết hạn / Date of expiry: 39/12/2042")
    )
    ex = extract(doc)
    # the impossible printed expiry (39/12) is filled from the zone, whose composite check holds
    assert ex.values["expiry_date"].value == "2042-12-30"
    assert ex.notes.get("mrz") == "read"
    # a printed ID the zone's composite does not cover gives no reading
    assert find_mrz(document_from_text(_card((garbled, l2, l3))), "096082001290") is None


def test_a_line_1_of_the_right_shape_is_never_rebuilt() -> None:
    l1, _, _ = ZONE
    wrong_check = l1[:14] + str((int(l1[14]) + 1) % 10) + l1[15:]  # the document number's check digit
    assert rebuilt_line1(wrong_check, CARD_ID) is None


def test_a_name_the_zone_spells_letter_for_letter_is_flagged_and_a_gloss_taken_for_it_is_unread() -> None:
    ex = extract(document_from_text(_card(ZONE)))
    assert ex.values["full_name"].value == "Nguyễn Trung Sang"
    assert "mrz_name" in ex.values["full_name"].flags
    garbled = _card(ZONE).replace(
        "Surname, middle name and given name:\nNGUYỄN TRUNG SANG", "khi sánh /\nđà x4 TR"
    )
    ex = extract(document_from_text(garbled))
    assert "full_name" not in ex.values
    assert "full_name" in ex.unread


# --- a signature block whose title lines the seal took --------------------------------------
LETTER = (
    "UBND TỈNH CÀ MAU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ TÀI CHÍNH   Độc lập - Tự do - Hạnh phúc\n"
    "Số: 09/STC-NS   Cà Mau, ngày 25 tháng 01 năm 2023\n"
    "V/v tăng cường số hóa hồ sơ\n"
    "Kính gửi: Các phòng, ban chuyên môn.\n"
    "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./.\n"
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    "   ĐỐC\n\n\n"
    "{foot}"
)


def test_signer_name_under_a_title_the_seal_took_is_read_and_the_title_left_unread() -> None:
    ex = extract(document_from_text(LETTER.format(foot="   Phạm Minh Nghĩa\n")))
    assert ex.doc_type == "official_letter"
    assert ex.values["signer_name"].value == "Phạm Minh Nghĩa"
    assert "signer_title" in ex.unread and "signer_title" not in ex.values
    # a name in the left column is a recipient's, not the signer's
    ex = extract(document_from_text(LETTER.format(foot="Phạm Minh Nghĩa\n")))
    assert ex.values.get("signer_name") is None


# --- a date under its label; a place after a garbled gloss ----------------------------------
def test_a_date_on_the_line_under_its_label_whose_end_was_misread_apart() -> None:
    from extractors.forms import CITIZEN_SPECS
    from extractors.labels import read_fields
    from extractors.layout import segments

    lines = [
        line_at(f"số: {CARD_ID}", 475, 340),
        line_at("Có giá trị", 91, 744),
        line_at("đén", 274, 747),  # the label's end, misread and read apart
        line_at("18/04/2034", 98, 790),
        line_at("Nơi thường trú", 480, 790),
    ]
    doc = Document((Page(1, 1500, 2000, 200, "ocr", tuple(Block((ln,)) for ln in lines)),))
    got = read_fields(segments(doc), CITIZEN_SPECS)
    assert got["expiry_date"].value == "2034-04-18"
    # a line under the label that another label claims is not taken
    lines[3] = line_at("Ngày sinh: 18/04/1994", 98, 790)
    doc = Document((Page(1, 1500, 2000, 200, "ocr", tuple(Block((ln,)) for ln in lines)),))
    got = read_fields(segments(doc), CITIZEN_SPECS)
    assert got.get("expiry_date") is None or got["expiry_date"].value != "1994-04-18"


def test_a_place_keeps_nothing_of_a_garbled_gloss_or_specks_before_its_unit() -> None:
    from extractors.labels import normalize_value

    got = normalize_value("place", "í Paøø øf bính røgisration: xá Phú Tân, huyện Phú Tân, tính Cà Mau")
    assert got is not None and got[0] == "xã Phú Tân, huyện Phú Tân, tỉnh Cà Mau" and "gloss_cut" in got[2]
    assert (normalize_value("place", "In „ xã Long Điền Tây, tỉnh Bạc Liêu") or ("",))[0] == (
        "xã Long Điền Tây, tỉnh Bạc Liêu"
    )
    # what stands before the unit and is part of the place stays
    for kept in (
        "Ấp 3, xã Diên Hà, tỉnh Hưng Yên",
        "Tổ 3 ấp Tân Phong, xã Tân Hưng",
        "Số 12 đường Lê Lợi, phường 5",
    ):
        assert (normalize_value("place", kept) or ("",))[0] == kept


# --- marriage certificates: a garbled ID label, a table rule read as "|" ---------------------
def test_party_ids_under_a_garbled_label_are_taken_when_their_birth_year_is_the_partys() -> None:
    def page(husband_id: str) -> Document:
        rows = [
            ("Họ, chữ đệm, tên chồng:", "Họ, chữ đệm, tên vợ:"),
            ("Lê Ngọc Cường", "Đỗ Kim Trinh"),
            ("Ngày, tháng, năm sinh: 28/04/1983", "Ngày, tháng, năm sinh: 17/12/1982"),
            ("Dân tộc: Kinh", "Dân tộc: Kinh"),
            ("Đ0ECCD,", "S0 UICC,"),  # "Số CCCD:" garbled
            (husband_id, WIFE_ID),
        ]
        lines = [
            line_at("ỦY BAN NHÂN DÂN", 100, 40),
            line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 800, 40),
            line_at("Số: 28", 100, 120),
            line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 500, 180),
        ]
        for k, (left, right) in enumerate(rows):
            lines += [line_at(left, 100, 260 + 50 * k), line_at(right, 900, 260 + 50 * k)]
        lines.append(line_at("Nơi đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau", 100, 600))
        return Document((Page(1, 1700, 2200, 200, "ocr", tuple(Block((ln,)) for ln in lines)),))

    ex = extract(page(HUSBAND_ID))
    assert ex.doc_type == "marriage_certificate"
    assert ex.values["husband_id_number"].value == HUSBAND_ID
    assert ex.values["wife_id_number"].value == WIFE_ID
    # a number whose birth digits are not the party's year is not taken for the party's ID
    ex = extract(page("096090007596"))
    assert ex.values.get("husband_id_number") is None
    assert ex.values["wife_id_number"].value == WIFE_ID


def test_a_table_rule_read_as_a_bar_splits_the_two_names_of_a_row() -> None:
    # the wife's long name runs past the middle between the column headings: the bar, not the
    # middle, is where her cell ends
    lines = [
        line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 500, 40),
        line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 500, 100),
        line_at("Số: 247", 1200, 160),
        line_at("Thông tin", 100, 220),
        line_at("Vợ", 500, 220),
        line_at("Chồng", 900, 220),
        line_at("Họ, chữ đệm, tên", 100, 280),
        line_at("Nguyễn Ngọc Hồng Hương | Trần Công Thịnh", 500, 280),
        line_at("Ngày, tháng, năm sinh", 100, 340),
        line_at("19/04/2000", 500, 340),
        line_at("11/12/2000", 900, 340),
        line_at("Nơi đăng ký: Ủy ban nhân dân xã Bắc Sơn, thành phố Hà Nội", 100, 420),
    ]
    ex = extract(Document((Page(1, 1700, 2200, 200, "ocr", tuple(Block((ln,)) for ln in lines)),)))
    assert ex.doc_type == "marriage_certificate"
    assert ex.values["wife_name"].value == "Nguyễn Ngọc Hồng Hương"
    assert ex.values["husband_name"].value == "Trần Công Thịnh"


def test_a_numbered_hamlets_unit_word_read_in_capitals_is_written_as_the_address_is() -> None:
    from extractors.normalize import repair_place

    assert repair_place("ẤP 5, xã Kim Xuyên, tỉnh Hải Dương")[0] == "Ấp 5, xã Kim Xuyên, tỉnh Hải Dương"
    assert repair_place("ẤP 5, XÃ KIM XUYÊN")[0] == "ẤP 5, XÃ KIM XUYÊN"  # an address in capitals stays


# --- land certificates: label cells of a table ----------------------------------------------
def _land(rows: list[tuple[str, str]], extra: list[Line] | None = None) -> Document:
    lines = [
        line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 500, 40),
        line_at("GIẤY CHỨNG NHẬN", 600, 100),
        line_at("QUYỀN SỬ DỤNG ĐẤT", 600, 150),
        line_at("Thửa đất số", 280, 300),
        line_at("1119", 640, 300),
    ]
    y = 360
    for left, right in rows:
        lines.append(
            line_at(left, 280, y)
            if not right
            else Line(tuple(words_at(left, 280, y) + words_at(right, 640, y)))
        )
        y += 50
    lines += extra or []
    return Document((Page(1, 1700, 2400, 200, "ocr", tuple(Block((ln,)) for ln in lines)),))


def test_a_capitalized_dat_after_the_label_begins_the_land_use_purpose() -> None:
    # the label misread ("Me đích"): matched loosely, its longer form "… sử dụng đất" fits best
    ex = extract(_land([("Me đích sử dụng Đất nuôi trồng thủy sản", "")]))
    assert ex.values["land_use_purpose"].value == "Đất nuôi trồng thủy sản"
    ex = extract(_land([("| Mục ốích sử dụng | Đất trồng lúa", "")]))
    assert ex.values["land_use_purpose"].value == "Đất trồng lúa"
    # the label's own "đất" in lower case, then a colon, stays the label's
    ex = extract(_land([("Mục đích sử dụng đất: Đất ở tại nông thôn", "")]))
    assert ex.values["land_use_purpose"].value == "Đất ở tại nông thôn"


def test_a_label_broken_across_its_cells_lines_takes_the_value_cell_beside_it() -> None:
    doc = _land(
        [("Nguồn gốc sử", "Nhà nước giao đất không thu tiền")],
        [line_at("dụng", 280, 410), line_at("sử dụng đất", 640, 410)],
    )
    ex = extract(doc)
    assert ex.values["land_use_origin"].value == "Nhà nước giao đất không thu tiền sử dụng đất"


def test_a_table_rule_under_a_value_is_not_its_continuation() -> None:
    doc = _land(
        [("Nguồn gốc sử dụng | Công nhận quyền sử dụng đất như giao đất không", "")],
        [line_at("|", 280, 408), line_at("thu tiền sử dụng đất", 640, 410)],
    )
    ex = extract(doc)
    assert (
        ex.values["land_use_origin"].value
        == "Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất"
    )


def test_address_heads_keep_their_capital_and_lose_specks() -> None:
    from extractors.labels import normalize_value

    assert (normalize_value("place", "số 293, đường Cao Văn Lầu, tỉnh Cà Mau") or ("",))[0].startswith(
        "Số 293,"
    )
    assert (normalize_value("place", "'Ấp Phú Hiệp, xã Tân Ân Tây") or ("",))[
        0
    ] == "Ấp Phú Hiệp, xã Tân Ân Tây"


# --- planted errors the extraction used to hide -----------------------------------------------
def test_a_placeholder_under_a_broken_id_row_label_is_read_for_judging() -> None:
    lines = [
        line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 500, 40),
        line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 500, 100),
        line_at("Số: 241", 1200, 160),
        line_at("Bên nam", 840, 220),
        line_at("Bên nữ", 1590, 220),
        line_at("Họ, chữ đệm,", 370, 300),
        line_at("TÔ QUỐC PHÚC", 840, 300),
        line_at("ĐẶNG THỊ THU LỤA", 1590, 300),
        line_at("tên", 370, 350),
        line_at("Giấy tờ tùy", 370, 420),  # "Giấy tờ tùy thân" broken across the cell
        line_at("X", 840, 425),
        line_at("Căn cước công dân số", 1590, 420),
        line_at("thân", 370, 470),
        line_at(WIFE_ID, 1590, 470),
        line_at("Cơ quan đăng ký: Ủy ban nhân dân xã Tân Hưng Đông, tỉnh Cà Mau", 350, 560),
    ]
    ex = extract(Document((Page(1, 2500, 3000, 200, "ocr", tuple(Block((ln,)) for ln in lines)),)))
    assert ex.values["husband_id_number"].value == "X"
    assert ex.values["wife_id_number"].value == WIFE_ID


def test_a_signer_name_in_a_legacy_font_with_a_letter_read_as_a_sign_is_still_the_name() -> None:
    ex = extract(
        document_from_text(
            LETTER.replace("   ĐỐC\n", "   KT. GIÁM ĐỐC\n   PHÓ GIÁM ĐỐC\n").format(foot="   Biïi H+u HiÕu\n")
        )
    )
    assert ex.values["signer_name"].raw == "Biïi H+u HiÕu"


def test_the_representatives_printed_sex_is_noted_for_the_id_check() -> None:
    text = (
        "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\nCÔNG TY TNHH MỘT THÀNH VIÊN\n"
        "Mã số doanh nghiệp: 2001234567\n1. Tên công ty viết bằng tiếng Việt: CÔNG TY TNHH AN PHÚ\n"
        "4. Người đại diện theo pháp luật\n* Họ và tên: HUỲNH TẤN HIẾU\nGiới tính: Nam\n"
        f"Số định danh cá nhân: {HUSBAND_ID}\n"
    )
    ex = extract(document_from_text(text))
    assert ex.doc_type == "business_registration"
    assert ex.notes.get("legal_representative_sex") == "Nam"


def test_a_register_number_loses_a_trailing_dash() -> None:
    from extractors.labels import normalize_value

    assert (normalize_value("code", "393-") or ("",))[0] == "393"


def test_an_area_whose_separator_ocr_misread_is_set_right_by_its_words() -> None:
    def area(figures: str, words: str) -> dict:
        doc = _land([("Diện tích", f"{figures} m2 (Bằng chữ: {words} mét vuông)")])
        return extract(doc).values

    got = area("3.3817", "Ba nghìn ba trăm tám mươi mốt phẩy bảy")["area_m2"]
    assert got.value == "3381.7" and got.repairs
    # the words name other digits: no repair, the figures stay as read (the rule judges them)
    assert area("3.3817", "Ba nghìn ba trăm tám mươi hai phẩy bảy")["area_m2"].value != "3382.7"
    # well-grouped figures are never touched
    assert area("3.381,7", "Ba nghìn ba trăm tám mươi mốt phẩy bảy")["area_m2"].value == "3381.7"


def test_committee_with_its_b_read_as_d_or_one_capital_too_many_is_spelled_right() -> None:
    from extractors.normalize import respell_committee

    assert respell_committee("Ủy Đan nhân dân xã Hàm Rồng") == "Ủy ban nhân dân xã Hàm Rồng"
    assert respell_committee("ỦY ban nhân dân phường Phù Đổng") == "Ủy ban nhân dân phường Phù Đổng"
    assert respell_committee("ỦY ĐAN NHÂN DÂN XÃ TÂN LỘC") == "ỦY BAN NHÂN DÂN XÃ TÂN LỘC"
    assert respell_committee("ỦY BAN NHÂN DÂN TỈNH CÀ MAU") == "ỦY BAN NHÂN DÂN TỈNH CÀ MAU"


def test_a_gloss_ending_in_a_dash_before_a_place_is_cut() -> None:
    from extractors.labels import normalize_value

    got = normalize_value("place", "/ #øce of sesdesce- Ấp Phú Hiệp, xã Long Điền, tỉnh Cà Mau")
    assert got is not None and got[0] == "Ấp Phú Hiệp, xã Long Điền, tỉnh Cà Mau"
    kept = "Khu phố 3 - ấp Tân Hòa, xã Tân Lộc"  # a number before the dash: part of the place
    assert (normalize_value("place", kept) or ("",))[0] == kept


def test_a_misread_ngay_keeps_a_date_in_words_whole() -> None:
    assert parse_date("ngủy 09 tháng 01 năm 2024") == ("2024-01-09", "YMD")
    assert parse_date("nghy 05 tháng 9 năm 2020") == ("2020-09-05", "YMD")
    assert parse_date("nøày 06 tháng 8 năm 2023") == ("2023-08-06", "YMD")
    # without a word before the day, no day is invented
    assert parse_date("tháng 9 năm 2020") == ("2020-09", "YM")
    assert parse_date("ngủy 31 tháng 02 năm 2024") is None  # no such day


def test_a_speck_read_as_a_small_letter_before_a_name_in_capitals_is_dropped() -> None:
    from extractors.labels import normalize_value

    got = normalize_value("name", "ị ĐẶNG KIM MY")
    assert got is not None and got[0] == "Đặng Kim My" and got[1] < 1.0
    assert (normalize_value("name", "ĐẶNG KIM MY") or ("",))[0] == "Đặng Kim My"
