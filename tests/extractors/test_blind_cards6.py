"""Cards and certificates drawn by another hand (issue 14, sixth pass): a title with a letter
OCR added inside a word, a card known only by its English glosses, a card's two columns read
as one row, a gloss OCR cut to two letters. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page, Word

# Fictional identity numbers (province code, century-and-sex digit, year of birth, then any
# six digits): no person's.
CHILD_ID = "042217044521"
CARD_ID = "096081339996"
BOXED_CARD_ID = "095099994749"
MAN_1990_ID = "052090702549"
WOMAN_1990_ID = "096190001236"


def words_at(text: str, x: int, y: int) -> list[Word]:
    """Words of a line at (x, y), 14 px a character: the page geometry of an OCR line."""
    words, cx = [], x
    for token in text.split():
        w = len(token) * 14
        words.append(Word(token, (cx, y, cx + w, y + 28), 0.95))
        cx += w + 14
    return words


def line_at(text: str, x: int, y: int) -> Line:
    return Line(tuple(words_at(text, x, y)))


def test_title_with_a_letter_added_inside_a_word_still_names_a_birth_certificate() -> None:
    # "GIẤY" read "GILAY": the birth certificate's labels (số định danh cá nhân, nơi đăng ký
    # khai sinh) must not make it a card
    ex = extract(
        document_from_text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nGILAY KHAI SINH\n"
            "Số: 10\nHọ và tên: Đặng Văn Thịnh\nNgày, tháng, năm sinh: 03/01/2017\nGiới tính: Nam\n"
            f"Số định danh cá nhân: {CHILD_ID}\nHọ và tên mẹ: Trịnh Thu Lan\n"
            "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau\n"
            "Ngày, tháng, năm đăng ký: 30/01/2017\n"
        )
    )
    assert ex.doc_type == "birth_certificate"
    assert ex.values["registration_number"].value == "10"


def test_card_whose_title_ocr_garbled_is_known_by_its_english_glosses() -> None:
    ex = extract(
        document_from_text(
            f"ŒC CÔNG DÂN\nCitizen Identity Card\nSố / No.: {CARD_ID}\n"
            "Họ và tên / Full name:\nLƯƠNG CÔNG QUÂN\nGiới tính / Sex: Nam\n"
            "Quê quán / Place of origin: Xã Trí Lực, huyện Thới Bình, tỉnh Cà Mau\n"
        )
    )
    assert ex.doc_type == "citizen_id"
    assert ex.values["full_name"].value == "Lương Công Quân"
    # one gloss is not enough for an unrelated page
    other = extract(document_from_text("THÔNG BÁO\nVề việc tuyển dụng\nNơi làm việc: Cà Mau\n"))
    assert other.doc_type != "citizen_id"


def test_value_under_a_right_column_label_on_a_row_joined_with_the_left_column() -> None:
    # OCR joined the expiry of the left column and the residence of the right one on one row
    row = words_at("Có giá trị đến: 11/06/2039", 80, 330) + words_at("Ấp Nhà Thờ, xã Thụy Chính,", 480, 330)
    blocks = (
        Block(
            (
                line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),
                line_at(f"Số: {BOXED_CARD_ID}", 480, 150),
                line_at("Họ và tên: PHAN VĂN PHÁT", 480, 200),
                line_at("Ngày sinh: 11/06/1999", 480, 240),
                line_at("Nơi thường trú / Place of residence:", 480, 290),
                Line(tuple(row)),
                line_at("Date of expiry", 80, 365),
                line_at("huyện Thái Thụy, tỉnh Thái Bình", 480, 370),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 1100, 300, "ocr", blocks),)))
    assert (
        ex.values["place_of_residence"].value == "Ấp Nhà Thờ, xã Thụy Chính, huyện Thái Thụy, tỉnh Thái Bình"
    )
    assert ex.values["expiry_date"].value == "2039-06-11"


def test_value_row_starting_at_the_label_s_column_is_not_cut() -> None:
    # the line under the label starts where the label starts: another label's line, no value
    blocks = (
        Block(
            (
                line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),
                line_at(f"Số: {BOXED_CARD_ID}", 80, 150),
                line_at("Nơi thường trú:", 80, 200),
                line_at("Có giá trị đến: 11/06/2039", 80, 240),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 1100, 300, "ocr", blocks),)))
    got = ex.values.get("place_of_residence")
    assert got is None or "2039" not in (got.raw or "")


def test_gloss_ocr_cut_to_two_letters_is_no_name() -> None:
    ex = extract(
        document_from_text(
            "CĂN CƯỚC\nSố định danh cá nhân / Personal identification number\n075081277138\n"
            "Họ. chữ đệm và tên khai sinh / Sa\nMAI CHÍ THANH TRÍ\nNgày sinh / Date of birth: 15/09/1981\n"
            "Giới tính / Sex: Nam\n"
        )
    )
    assert ex.values["full_name"].value == "Mai Chí Thanh Trí"


def test_gloss_line_ocr_garbled_past_ascii_is_no_name() -> None:
    ex = extract(
        document_from_text(
            "CĂN CƯỚC\nSố định danh cá nhân: 002309311294\nHọ, chữ đệm và tên khai sinh /\n"
            "Sưnarne, rrxđđle name and g/ven name:\nHUỲNH THU LAN\nNgày sinh: 12/03/2009\n"
        )
    )
    assert ex.values["full_name"].value == "Huỳnh Thu Lan"


def test_address_starting_with_a_house_number_is_no_number_label() -> None:
    ex = extract(
        document_from_text(
            "CĂN CƯỚC\nSố định danh cá nhân: 002309311294\nHọ và tên: HUỲNH THU LAN\n"
            "Nơi cư trú / Place of residence\nSố 246, đường Nguyễn Tất Thành, phường Bạc Liêu,\n"
            "tỉnh Cà Mau\n"
        )
    )
    assert (
        ex.values["place_of_residence"].value
        == "Số 246, đường Nguyễn Tất Thành, phường Bạc Liêu, tỉnh Cà Mau"
    )
    assert ex.values["id_number"].value == "002309311294"


def test_house_number_s_so_read_with_a_wrong_tone_is_respelled_before_a_street_only() -> None:
    from extractors.normalize import repair_place

    assert repair_place("Sổ 316, đường Ngô Quyền, Phường 1")[0] == "Số 316, đường Ngô Quyền, Phường 1"
    assert repair_place("Sổ hộ khẩu 12")[0] == "Sổ hộ khẩu 12"


def test_rest_of_a_value_cut_from_a_joined_row_skips_the_left_column_s_lines() -> None:
    row = words_at("Có giá trị đến. 17/06/2030", 80, 330) + words_at("Ấp Xóm Mới, xã Hoằng Thanh,", 480, 330)
    blocks = (
        Block(
            (
                line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),
                line_at(f"Số: {MAN_1990_ID}", 480, 150),
                line_at("Họ và tên: TRƯƠNG THÀNH SANG", 480, 200),
                line_at("Nơi thường trú / Place of residence", 480, 290),
                Line(tuple(row)),
                line_at("PS o eanty", 80, 362),
                line_at("tỉnh Thanh Hóa", 480, 372),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 1100, 300, "ocr", blocks),)))
    assert ex.values["place_of_residence"].value == "Ấp Xóm Mới, xã Hoằng Thanh, tỉnh Thanh Hóa"


def test_form_s_place_and_date_line_with_the_day_glued_to_ngay() -> None:
    ex = extract(
        document_from_text(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI CĂN CƯỚC\n"
            "Kính gửi: Công an xã Tân Lộc\n1. Họ, chữ đệm và tên: Kim Thị Duyên\n2. Ngày sinh: 02/04/1955\n"
            "Tân Lộc, ngày25 tháng 02 năm 2025\nNGƯỜI KHAI\n"
        )
    )
    assert ex.values["request_date"].value == "2025-02-25"


def test_section_head_after_a_place_is_not_its_rest() -> None:
    ex = extract(
        document_from_text(
            "GIẤY KHAI SINH\nSố: 12\nHọ, chữ đệm, tên: Lê Minh Khang\nNgày, tháng, năm sinh: 15/01/2026\n"
            "Quê quán:\nxã Vĩnh Lộc, huyện Hồng Dân, tỉnh Bạc Liêu\nThông tin người mẹ\n"
            "Họ, chữ đệm, tên: Trần Thị Mai\n"
        )
    )
    assert ex.values["place_of_origin"].value == "xã Vĩnh Lộc, huyện Hồng Dân, tỉnh Bạc Liêu"


def test_gloss_of_the_column_beside_with_an_o_read_with_a_horn() -> None:
    blocks = (
        Block(
            (
                line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),
                line_at(f"Số: {WOMAN_1990_ID}", 600, 150),
                line_at("Có giá trị đến: 10/05/2030", 60, 300),
                line_at("Nơi thường trú / Place of residence: Ấp Tân Hòa, xã Tân", 600, 330),
                line_at("Date ơf expiry", 60, 345),
                line_at("Tiến, huyện Đầm Dơi, tỉnh Cà Mau", 600, 370),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 1100, 300, "ocr", blocks),)))
    assert ex.values["place_of_residence"].value == "Ấp Tân Hòa, xã Tân Tiến, huyện Đầm Dơi, tỉnh Cà Mau"


def test_gloss_broken_over_two_lines_and_a_date_after_its_gloss_only() -> None:
    text = (
        "CĂN CƯỚC\nSố định danh cá nhân / Personal identification number:\n079082507650\n"
        "Họ, chữ đệm và tên khai sinh /\nSurname, mid‹d\n1 given name:\nNGUYỄN VĂN NHÂN\n"
        "Ngày sinh / Date of birth: 12/01/1982\nGiới tính / Sex: Nam\n"
        "Nơi đăng ký khai sinh / Place of birth registration:\nPhường 7, Quận 6, thành phố Hồ Chí Minh\n"
        "Ngày, tháng, năm cấp / Date of issue: 25/10/2024\n"
    )
    ex = extract(document_from_text(text + "No vn năm Me / hứa oƒ expiry: 12/01/2042\n"))
    assert ex.values["full_name"].value == "Nguyễn Văn Nhân"
    assert ex.values["expiry_date"].value == "2042-01-12"
    assert any("gloss" in r for r in ex.values["expiry_date"].repairs)
    # two lines ending in the gloss: no guess (both dates on a birthday a card expires on, so
    # neither is the one such date either)
    ex = extract(document_from_text(text + "Me / oƒ expiry: 12/01/2042\nxx / expiry: 12/01/2007\n"))
    got = ex.values.get("expiry_date")
    assert got is None or got.unread
