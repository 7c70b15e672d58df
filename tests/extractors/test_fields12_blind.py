"""Cards and certificates drawn by another hand (issue 14, twelfth pass): a place's second line
on the row the card's left column shares, a gloss's ":" read as "." or its "/" as "J", a card
whose expiry label OCR garbled, a marriage table whose ID row label is garbled, a signer's
"KT." after a speck. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.admin_document import _snap_position
from extractors.normalize import repair_place
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards6 import line_at, words_at

CARD_ID = "096081339996"  # fictional: Cà Mau, nam, born 1981
MAN_1985_ID = "095085004217"  # fictional: Bạc Liêu, nam, born 1985
WOMAN_2001_ID = "096301003318"  # fictional: Cà Mau, nữ, born 2001


def _card(*lines: Line) -> Document:
    return Document((Page(1, 1700, 1100, 300, "ocr", (Block(lines),)),))


def test_place_s_second_line_on_the_row_of_the_left_column_s_expiry() -> None:
    # "Nơi thường trú: <first line>" then the value's rest on the row OCR joined with the
    # left column's "Có giá trị đến: <date>": the words under the label are the rest
    row = words_at("Có giá trị đến: 26/01/2039", 80, 330) + words_at(
        "Hiển, thị trấn Bắc Sơn, tỉnh Lạng Sơn", 480, 330
    )
    ex = extract(
        _card(
            line_at("CĂN CƯỚC CÔNG DÂN", 600, 100),
            line_at(f"Số / No.: {CARD_ID}", 480, 150),
            line_at("Họ và tên / Full name: PHAN VĂN PHÁT", 480, 200),
            line_at("Ngày sinh / Date of birth: 26/01/1981", 480, 240),
            line_at("Nơi thường trú / Place of residence: Số 12, đường Phan Ngọc", 480, 290),
            Line(tuple(row)),
            line_at("Date of expiry", 80, 365),
        )
    )
    assert (
        ex.values["place_of_residence"].value
        == "Số 12, đường Phan Ngọc Hiển, thị trấn Bắc Sơn, tỉnh Lạng Sơn"
    )
    assert ex.values["expiry_date"].value == "2039-01-26"


def test_the_row_s_own_gloss_under_the_label_is_no_rest_of_the_place() -> None:
    # "Ngày, tháng, năm cấp / Date of issue: …" starts left of the place's label, its gloss
    # under it: the gloss and the date are that row's, not the place's
    row = words_at("Ngày, tháng, năm cấp /", 170, 330) + words_at("Dœe oƒ issue: 06/07/2024", 492, 330)
    ex = extract(
        _card(
            line_at("CĂN CƯỚC", 600, 100),
            line_at(f"Số định danh cá nhân / Personal identification number: {CARD_ID}", 480, 150),
            line_at("Nơi đăng ký khai sinh / Place of birth registration:", 480, 240),
            line_at("xã Ba Trinh, huyện Kế Sách, tỉnh Sóc Trăng", 480, 290),
            Line(tuple(row)),
        )
    )
    assert ex.values["place_of_birth_registration"].value == "xã Ba Trinh, huyện Kế Sách, tỉnh Sóc Trăng"


def test_gloss_whose_colon_is_read_as_a_dot_is_no_part_of_the_value() -> None:
    ex = extract(
        document_from_text(
            f"CĂN CƯỚC\nSố định danh cá nhân / Personal identification number:\n{CARD_ID}\n"
            "Nơi cư trú / Place of zesidence. Ấp Kinh Tế, xã Thới Bình,\ntỉnh Cà Mau\n"
        )
    )
    assert ex.values["place_of_residence"].value == "Ấp Kinh Tế, xã Thới Bình, tỉnh Cà Mau"


def test_gloss_whose_slash_is_read_as_j_is_no_name() -> None:
    ex = extract(
        document_from_text(
            f"CĂN CƯỚC CÔNG DÂN\nSố / No.: {CARD_ID}\nHọ và tên J Full name.\nLÝ CHÍ TRUNG\n"
            "Ngày sinh / Date of birth: 14/06/1981\n"
        )
    )
    assert ex.values["full_name"].value == "Lý Chí Trung"


def test_expiry_whose_label_is_garbled_is_the_date_on_the_60th_birthday() -> None:
    text = (
        f"CĂN CƯỚC CÔNG DÂN\nSố: {CARD_ID}\nHọ và tên:\nLÂM KIM QUYÊN\n"
        "Ngày, tháng, năm sinh: 16/05/1981\nC6 s12 mị đến:\n{expiry}\n"
    )
    ex = extract(document_from_text(text.format(expiry="16/05/2041")))
    assert ex.values["expiry_date"].value == "2041-05-16"
    # a date on no birthday a card expires on is not taken for the expiry
    other = extract(document_from_text(text.format(expiry="17/05/2041")))
    got = other.values.get("expiry_date")
    assert got is None or got.unread


def test_party_ids_whose_row_label_is_garbled_go_by_sex_and_birth_year() -> None:
    blocks = (
        Block(
            (
                line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 540, 350),
                line_at("Thông tin", 226, 450),
                line_at("Bên nữ", 532, 450),
                line_at("Chồng", 1054, 452),
                line_at("Họ, chữ đệm, tên", 226, 515),
                line_at("Đoàn Thị Hoa", 532, 515),
                line_at("Kim Tấn Hậu", 1054, 515),
                line_at("Ngày, tháng, năm sinh", 226, 580),
                line_at("21/06/2001", 532, 580),
                line_at("07/12/1985", 1054, 580),
                line_at("B0CCCI)", 226, 645),
                line_at(WOMAN_2001_ID, 532, 645),
                line_at(MAN_1985_ID, 1054, 645),
                line_at("Ngày đăng ký: 15/07/2025", 226, 720),
            )
        ),
    )
    ex = extract(Document((Page(1, 1700, 1400, 300, "ocr", blocks),)))
    assert ex.doc_type == "marriage_certificate"
    assert ex.values["husband_id_number"].value == MAN_1985_ID
    assert ex.values["wife_id_number"].value == WOMAN_2001_ID


def test_signer_authority_after_a_speck_is_kept() -> None:
    assert _snap_position("__ KT. CHỦ TỊCH") == "KT. CHỦ TỊCH"
    assert _snap_position("PHÓCHỦ TỊCH") == "PHÓ CHỦ TỊCH"


def test_hamlet_word_read_as_x_or_with_a_speck_and_a_unit_word_glued_to_its_name() -> None:
    assert repair_place("X Rạch Gốc, xã Tân Hưng Tây, huyện Phú Tân, tỉnh Cà Mau")[0] == (
        "Ấp Rạch Gốc, xã Tân Hưng Tây, huyện Phú Tân, tỉnh Cà Mau"
    )
    assert repair_place("lấp 5, xã Tam Hưng, huyện Thanh Oai")[0] == "Ấp 5, xã Tam Hưng, huyện Thanh Oai"
    assert repair_place("xãTân Lộc, huyện Thới Bình")[0] == "xã Tân Lộc, huyện Thới Bình"
    # a name that starts with X, or an X with no commune after it, is kept
    assert repair_place("Xóm Mới, xã Tân Lộc")[0] == "Xóm Mới, xã Tân Lộc"
    assert repair_place("X Rạch Gốc")[0] == "X Rạch Gốc"


DECISION = (
    "ỦY BAN NHÂN DÂN TỈNH CÀ MAU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ TƯ PHÁP   Độc lập - Tự do - Hạnh phúc\n"
    "Số: 43/QĐ-STP   Cà Mau, ngày 13 tháng 10 năm 2021\n"
    "        QUYẾT ĐỊNH\n        Về việc số hóa hồ sơ\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
    "Điều 1. Phê duyệt kế hoạch.\n"
    "Nơi nhận:   TM. ỦY BAN NHÂN DÂN\n"
    "- Như trên;   CHỦ TỊCH\n\n"
    "   {name}\n"
)


def test_signer_name_left_as_the_template_s_placeholder_is_kept_as_printed() -> None:
    ex = extract(document_from_text(DECISION.format(name="Họ và tên")))
    assert ex.values["signer_name"].value == "Họ và tên"


def test_signer_name_in_a_legacy_font_after_a_signature_s_strokes_is_kept_as_printed() -> None:
    ex = extract(document_from_text(DECISION.format(name="`*>NguyÔn Bo Quý")))
    assert ex.values["signer_name"].value == "NguyÔn Bo Quý"
    # an ordinary name is still written in the name's case
    ex = extract(document_from_text(DECISION.format(name="NGUYỄN THU MY")))
    assert ex.values["signer_name"].value == "Nguyễn Thu My"
