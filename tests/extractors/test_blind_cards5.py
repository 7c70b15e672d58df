"""Fields of cards and forms drawn by another hand (issue 14, fifth pass): a zone read with a
stray character, a card's birth and issue dates whose labels OCR garbled, the name the zone
spells, a label OCR read before the page's header. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.mrz import check_digit, parse_td1
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Page
from tests.extractors.test_blind_cards6 import WOMAN_1990_ID, line_at


def _zone(pid: str, birth: str, sex: str, expiry: str, name: str) -> tuple[str, str, str]:
    doc = pid[3:]
    line1 = f"IDVNM{doc}{check_digit(doc)}{pid}<<{check_digit(pid)}"
    head = f"{birth}{check_digit(birth)}{sex}{expiry}{check_digit(expiry)}"
    composite = f"{doc}{check_digit(doc)}{pid}<<{check_digit(pid)}{head[:7]}{head[8:]}" + "<" * 11
    line2 = f"{head}VNM" + "<" * 11 + str(check_digit(composite))
    return line1, line2, name.ljust(30, "<")


ZONE = _zone(WOMAN_1990_ID, "900510", "F", "300510", "TRAN<<THI<MAI")


def test_zone_read_with_a_stray_character_is_repaired_only_when_the_checks_hold() -> None:
    line1, line2, _ = ZONE
    assert len(line1) == 30 and len(line2) == 30
    spotted = line2[:8] + "6" + line2[8:]  # a speck read as a digit inside the expiry
    got = parse_td1("Ð" + line1, spotted)  # and a letter with a mark before line 1
    assert got is not None and got.id_number == WOMAN_1990_ID
    assert got.birth == "1990-05-10" and got.expiry == "2030-05-10"
    assert "a stray character left out of the zone" in got.repairs
    # a wrong digit (not an extra one) is no stray character: no reading
    wrong = line2[:3] + ("1" if line2[3] != "1" else "2") + line2[4:]
    assert parse_td1(line1, wrong) is None


def test_card_birth_date_whose_label_ocr_garbled_is_the_date_in_the_id_s_year() -> None:
    ex = extract(
        document_from_text(
            f"CĂN CƯỚC\nSố định danh cá nhân: {WOMAN_1990_ID}\nHọ và tên: TRẦN THỊ MAI\n"
            "¡nh / 0øte øƒ birth: 10/05/1990\nGiới tính: Nữ\n"
            "Ngày, tháng, năm hết hạn: 10/05/2030\n"
        )
    )
    dob = ex.values["date_of_birth"]
    assert dob.value == "1990-05-10"
    assert any("birth year" in r for r in dob.repairs)


def test_card_birth_date_is_not_guessed_when_two_dates_share_the_year() -> None:
    ex = extract(
        document_from_text(
            f"CĂN CƯỚC\nSố định danh cá nhân: {WOMAN_1990_ID}\nHọ và tên: TRẦN THỊ MAI\n"
            "¡nh / 0øte: 10/05/1990\nGhi chú 12/12/1990\nGiới tính: Nữ\n"
        )
    )
    assert "date_of_birth" not in ex.values


def test_card_issue_date_under_a_garbled_label_and_a_2016_back_misread() -> None:
    front = (
        f"CĂN CƯỚC CÔNG DÂN\nSố: {WOMAN_1990_ID}\nHọ và tên: TRẦN THỊ MAI\nNgày sinh: 10/05/1990\n"
        "Giới tính: Nữ\nCó giá trị đến: 10/05/2030\n"
    )
    ex = extract(
        document_from_text(front + "\fĐặc điểm nhận dạng: Nốt ruồi\nNgày, thi, nhìn / Đăng: 23/04/2021\n")
    )
    assert ex.values["issue_date"].value == "2021-04-23"
    ex = extract(document_from_text(front + "\fĐặc điểm nhận dạng: Nốt ruồi\nNgờy 01 thông 07 nôm 2020\n"))
    assert ex.values["issue_date"].value == "2020-07-01"
    # a date before the holder's 14th birthday is no issue date
    ex = extract(document_from_text(front + "\fĐặc điểm nhận dạng: Nốt ruồi\nGhi chú 01/07/2001\n"))
    assert "issue_date" not in ex.values


def test_name_the_zone_spells_replaces_a_garbled_gloss() -> None:
    line1, line2, line3 = ZONE
    ex = extract(
        document_from_text(
            f"CĂN CƯỚC CÔNG DÂN\nSố: {WOMAN_1990_ID}\nHọ và tên - fvØ s.s.\nTRẦN THỊ MAI\n"
            f"Ngày sinh: 10/05/1990\nGiới tính: Nữ\n\f{line1}\n{line2}\n{line3}\n"
        )
    )
    name = ex.values["full_name"]
    assert name.value == "Trần Thị Mai"
    assert "the name the MRZ spells" in name.repairs


def test_english_gloss_with_ocr_lookalikes_stays_out_of_the_value() -> None:
    ex = extract(
        document_from_text(
            f"CĂN CƯỚC CÔNG DÂN\nSố: {WOMAN_1990_ID}\nHọ và tên: TRẦN THỊ MAI\nNgày sinh: 10/05/1990\n"
            "Quê quán / Place oƒ origin\nPhường 11, Quận 3, thành phố Hồ Chí Minh\n"
        )
    )
    assert ex.values["place_of_origin"].value == "Phường 11, Quận 3, thành phố Hồ Chí Minh"


def test_label_read_before_the_header_takes_the_line_under_it_on_the_page() -> None:
    # OCR's reading order put the first label (beside nothing, under the title) first
    blocks = (
        Block((line_at("Họ, chữ đệm và tên:", 100, 400),)),
        Block(
            (
                line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 500, 100),
                line_at("Độc lập - Tự do - Hạnh phúc", 560, 140),
            )
        ),
        Block((line_at("GIẤY KHAI SINH", 700, 250), line_at("Số: 189", 760, 290))),
        Block(
            (
                line_at("NGUYỄN THỊ LAN", 130, 440),
                line_at("Ngày, tháng, năm sinh:", 100, 480),
                line_at("02/02/2018", 130, 520),
                line_at("Giới tính: Nữ", 100, 560),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 2200, 200, "ocr", blocks),)))
    assert ex.doc_type == "birth_certificate"
    assert ex.values["full_name"].value == "Nguyễn Thị Lan"


def test_label_broken_over_two_lines_whose_first_half_was_read_first() -> None:
    blocks = (
        Block((line_at("Họ", 100, 400),)),
        Block(
            (
                line_at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 500, 100),
                line_at("Độc lập - Tự do - Hạnh phúc", 560, 140),
            )
        ),
        Block(
            (
                line_at("ĐƠN ĐỀ NGHỊ HỖ TRỢ", 650, 250),
                line_at("Kính gửi: Ủy ban nhân dân xã Tân Lộc", 500, 300),
            )
        ),
        Block(
            (
                line_at("và tên: Lê Văn Bình", 100, 440),
                line_at("Ngày, tháng,", 100, 490),
                line_at("năm sinh: 26/12/1975", 100, 530),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 2200, 200, "ocr", blocks),)))
    assert ex.doc_type == "application_form"
    assert ex.values["applicant_name"].value == "Lê Văn Bình"


def test_boxed_id_with_a_rule_read_as_one_beside_a_digit() -> None:
    ex = extract(
        document_from_text(
            "TỜ KHAI CĂN CƯỚC\nKính gửi: Công an xã Tân Lộc\n1. Họ, chữ đệm và tên: Kim Thị Duyên\n"
            "2. Ngày sinh: 02/04/1955\n3. Giới tính: Nữ\n"
            "4. Số định danh cá nhân: 0 |9|5|1|5|5|13|8|7|6|5|6\n"
        )
    )
    assert ex.values["applicant_id_number"].value == "095155387656"


def test_value_runs_on_past_the_gloss_of_the_column_beside() -> None:
    # a card's left column prints "Date of expiry" under its expiry: OCR reads it between the
    # residence's first line and its rest
    blocks = (
        Block(
            (
                line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),
                line_at(f"Số: {WOMAN_1990_ID}", 600, 150),
                line_at("Họ và tên: TRẦN THỊ MAI", 600, 200),
                line_at("Ngày sinh: 10/05/1990", 600, 250),
                line_at("Có giá trị đến: 10/05/2030", 60, 300),
                line_at("Nơi thường trú / Place of residence: Ấp Bình Minh, xã An Phúc, huyện", 600, 330),
                line_at("Date of expiry", 60, 345),
                line_at("Đông Hải, tỉnh Bạc Liêu", 600, 370),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 1100, 300, "ocr", blocks),)))
    assert ex.values["place_of_residence"].value == "Ấp Bình Minh, xã An Phúc, huyện Đông Hải, tỉnh Bạc Liêu"


def test_agency_words_with_a_wrong_mark_are_respelled_and_place_names_kept() -> None:
    from extractors.normalize import respell_agency_words

    assert respell_agency_words("SỐ TÀI CHÍNH TÍNH CÀ MAU PHÒNG ĐĂNG KÝ KINH DOANH") == (
        "SỞ TÀI CHÍNH TỈNH CÀ MAU PHÒNG ĐĂNG KÝ KINH DOANH"
    )
    assert respell_agency_words("SỜ NÔNG NGHIỆP VÀ MỖI TRƯỜNG TÌNH CÀ MAU") == (
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH CÀ MAU"
    )
    # a place's name after its unit word, and words read without marks, stay as read
    assert respell_agency_words("UBND THỊ XÃ TỊNH BIÊN") == "UBND THỊ XÃ TỊNH BIÊN"
    assert respell_agency_words("Ủy ban nhân dân xã Phong Điền, tỉnh Cà Mau") == (
        "Ủy ban nhân dân xã Phong Điền, tỉnh Cà Mau"
    )
    ex = extract(
        document_from_text(
            "SỐ TÀI CHÍNH TÍNH CÀ MAU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "   Độc lập - Tự do - Hạnh phúc\nSố: 12/TB-STC   Cà Mau, ngày 05 tháng 3 năm 2025\n\n"
            "THÔNG BÁO\nVề việc tiếp nhận hồ sơ\n\nNội dung thông báo.\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ TÀI CHÍNH TỈNH CÀ MAU"


def test_birth_year_misread_by_one_digit_takes_the_year_of_the_owner_s_id() -> None:
    text = (
        "GIẤY CHỨNG NHẬN KẾT HÔN\nSố: 172\nBên nữ:\nHọ, chữ đệm, tên: TRẦN NHƯ LAN\n"
        "Ngày, tháng, năm sinh: 27-05-7994\nGiấy tờ tùy thân: Căn cước công dân số 095194047232\n"
        "Bên nam:\nHọ, chữ đệm, tên: LÊ VĂN TÂM\nNgày, tháng, năm sinh: 22-01-7982\n"
        "Giấy tờ tùy thân: Căn cước công dân số 095092250202\n"
        "Ngày, tháng, năm đăng ký: ngày 24 tháng 4 năm 2018\n"
    )
    ex = extract(document_from_text(text))
    wife = ex.values["wife_date_of_birth"]
    assert wife.value == "1994-05-27" and any("as the ID number gives it" in r for r in wife.repairs)
    # 7982 is two digits off the ID's 1992: no repair, the field stays unread
    assert "husband_date_of_birth" in ex.unread
