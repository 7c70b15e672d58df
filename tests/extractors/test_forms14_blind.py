"""Application forms as blind documents read them (issue 14, forms14): slips of OCR the
extractors repair only where the result holds. Fictional people and numbers."""

from __future__ import annotations

from extractors.forms import extract_application_form
from extractors.layout import segments
from extractors.normalize import parse_date
from extractors.textdoc import document_from_text
from extractors.types import FieldValue

HEAD = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ\n"
    "Kính gửi: Công an xã Tân Lộc\nHọ và tên: Lê Văn Hùng\n"
)
FOOT = (
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật.\n{date}\nNGƯỜI LÀM ĐƠN\n(Ký, ghi rõ họ tên)\n"
)


def _form(body: str, date_line: str = "Tân Lộc, ngày 12 tháng 3 năm 2024") -> dict[str, FieldValue]:
    doc = document_from_text(HEAD + body + FOOT.format(date=date_line))
    return extract_application_form(doc, "application_form", segments(doc))


def test_a_misread_year_word_after_day_and_month_still_gives_the_date() -> None:
    assert parse_date("Tân Lộc, ngày 26 tháng 8 nền: 2022") == ("2022-08-26", "YMD")
    assert parse_date("Thọ Lập, ngày27 tháng03` năn2026") == ("2026-03-27", "YMD")
    fv = _form("Ngày sinh: 02/04/1990\n", "Tân Lộc, ngày 26 tháng 8 nền: 2022").get("request_date")
    assert fv is not None and fv.value == "2022-08-26"


def test_a_year_word_alone_is_no_date_of_day_and_month() -> None:
    # no "ngày … tháng …" before it: a word starting with n and four digits are no date
    assert parse_date("Nhà số 2022") is None


def test_a_day_split_at_its_seven_for_one_is_read_back_beside_the_id() -> None:
    # "11/03/1994" read "7 1/03/1994"; the ID (fictional, born 1994) agrees with the year: the
    # day read back from its 7 stands — not "1/03/1994" cut out of the split day
    fields = _form("Sinh ngày: 7 1/03/1994\nSố định danh cá nhân: 084194464739\n")
    fv = fields.get("date_of_birth")
    assert fv is not None and fv.value == "1994-03-11" and "seven_for_one" in fv.flags


def test_a_comma_read_as_a_low_quote_parts_an_address() -> None:
    fv = _form("Nơi cư trú: Ấp 7„ xã Tân Lộc, tỉnh Cà Mau\nĐiện thoại: 0912345678\n").get("address")
    assert fv is not None and fv.value == "Ấp 7, xã Tân Lộc, tỉnh Cà Mau"


def _signed(name_line: str, signed: str) -> FieldValue | None:
    doc = document_from_text(
        HEAD.replace("Họ và tên: Lê Văn Hùng\n", f"Họ và tên: {name_line}\n")
        + "Ngày sinh: 02/04/1990\n"
        + FOOT.format(date="Tân Lộc, ngày 12 tháng 3 năm 2024")
        + f"{signed}\n"
    )
    return extract_application_form(doc, "application_form", segments(doc)).get("applicant_name")


def test_a_surname_misread_into_no_surname_is_the_one_signed_at_the_foot() -> None:
    fv = _signed("Dươnh Mỹ Bích Anh", "Danh Mỹ Bích Anh")
    assert fv is not None and fv.value == "Danh Mỹ Bích Anh" and fv.repairs
    fv = _signed("ký Minh Hải", "Lý Minh Hải")
    assert fv is not None and fv.value == "Lý Minh Hải"


def test_a_known_surname_or_other_given_names_are_kept_as_read() -> None:
    fv = _signed("Lê Minh Hải", "Lý Minh Hải")  # a surname the lexicon knows: as read
    assert fv is not None and fv.value == "Lê Minh Hải"
    fv = _signed("Dươnh Mỹ Bích Anh", "Danh Mỹ Anh")  # another person's name at the foot
    assert fv is not None and fv.value == "Dươnh Mỹ Bích Anh"


def test_an_id_with_a_one_read_as_seven_is_read_back_to_the_birth_year() -> None:
    # fictional: Cà Mau (096), a woman born 1965 (century digit 1) read "096765…"
    fv = _form("Ngày sinh: 09/10/1965\nSố căn cước: 096765323029\n").get("applicant_id_number")
    assert fv is not None and fv.value == "096165323029" and "repaired" in fv.flags


def test_an_id_of_no_birth_year_given_is_left_as_read() -> None:
    fv = _form("Ngày sinh: 09/10/1971\nSố căn cước: 096765323029\n").get("applicant_id_number")
    assert fv is not None and fv.value == "096765323029"


def test_a_request_day_misread_behind_a_bracket_is_read_back() -> None:
    # "ngày 05" read "ngày(ÓŠ": Ó a 0 (or 6), Š a 5 — only 05 makes a date of June
    fv = _form("Ngày sinh: 02/04/1990\n", "Tân Lộc, ngày(ÓŠ tháng 06 năm 2024").get("request_date")
    assert fv is not None and fv.value == "2024-06-05" and "repaired" in fv.flags


def test_an_id_after_a_misread_label_is_the_applicants_of_their_birth_year() -> None:
    # fictional: Vĩnh Long (086), a man born 1960
    fv = _form("Ngày sinh: 15/08/1960\nSốCCCP: 086060281421\n").get("applicant_id_number")
    assert fv is not None and fv.value == "086060281421" and fv.repairs
    fv = _form("Ngày sinh: 15/08/1960\nS8 CCCD: 086060281421\n").get("applicant_id_number")
    assert fv is not None and fv.value == "086060281421"


def test_a_number_of_another_birth_year_or_without_a_birth_date_is_not_taken() -> None:
    assert _form("Ngày sinh: 15/08/1971\nSốCCCP: 086060281421\n").get("applicant_id_number") is None
    assert _form("SốCCCP: 086060281421\n").get("applicant_id_number") is None


def test_a_birth_date_after_a_misread_label_is_read() -> None:
    fv = _form("Ngày sàn: 26/05/1994\nĐiện thoại: 0912345678\n").get("date_of_birth")
    assert fv is not None and fv.value == "1994-05-26"
    # "Ngày cấp" (the ID's issue) is no birth date
    assert _form("Ngày cấp: 26/05/2021\nĐiện thoại: 0912345678\n").get("date_of_birth") is None


def _head(recipient_line: str, body: str = "") -> dict[str, FieldValue]:
    doc = document_from_text(
        HEAD.replace("Kính gửi: Công an xã Tân Lộc\n", recipient_line + "\n")
        + body
        + FOOT.format(date="Tân Lộc, ngày 12 tháng 3 năm 2024")
    )
    return extract_application_form(doc, "application_form", segments(doc))


def test_an_ia_name_read_with_a_small_l_is_read_back() -> None:
    fv = _head("Kính gửi: Công an xã la Pia").get("recipient")
    assert fv is not None and fv.value == "Công an xã Ia Pia"
    fv = _form("Nơi cư trú: Thôn 2, xã la Grai, tỉnh Gia Lai\nĐiện thoại: 0912345678\n").get("address")
    assert fv is not None and fv.value == "Thôn 2, xã Ia Grai, tỉnh Gia Lai"


def test_a_recipient_s_agency_head_with_a_letter_misread_is_spelled_as_printed() -> None:
    fv = _head("Kính gửi: Cũng an xã Hàng Vịnh").get("recipient")
    assert fv is not None and fv.value == "Công an xã Hàng Vịnh"
    fv = _head("Kính gửi: Cục Thuế tỉnh Cà Mau").get("recipient")  # another agency: as read
    assert fv is not None and fv.value == "Cục Thuế tỉnh Cà Mau"


def test_a_recipient_after_a_garbled_kinh_gui_is_read() -> None:
    fv = _head("Rùnh gì: Công an xã Tân Lộc").get("recipient")
    assert fv is not None and fv.value == "Công an xã Tân Lộc"
    assert _head("Rùnh gì: Tân Lộc").get("recipient") is None


def test_a_comma_inside_a_title_s_set_phrase_is_dropped() -> None:
    doc = document_from_text(
        HEAD.replace("ĐƠN ĐỀ NGHỊ XÁC NHẬN", "ĐƠN ĐỀ, NGHỊ XÁC NHẬN")
        + FOOT.format(date="Tân Lộc, ngày 1 tháng 3 năm 2024")
    )
    fv = extract_application_form(doc, "application_form", segments(doc)).get("form_title")
    assert fv is not None and fv.value == "ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ"
    text = "TỜ KHAI THAY ĐỔI, CẢI CHÍNH, BỔ SUNG HỘ TỊCH"
    doc = document_from_text(HEAD.replace("ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ", text))
    fv = extract_application_form(doc, "application_form", segments(doc)).get("form_title")
    assert fv is not None and fv.value == text


def test_a_phone_under_a_label_whose_tail_was_misread_is_read() -> None:
    # a photographed CC01: item markers "5." read "5_", values under their labels
    body = "4_ Số định danh cá nhân: 084194464739\n5_ Số điện thon Bên hệ-\n0912345678\n6_ Email-\n"
    fv = _form(body).get("phone")
    assert fv is not None and fv.value == "0912345678"


def test_a_phone_label_left_blank_takes_no_number_from_below() -> None:
    body = "5_ Số điện thon Bên hệ-\nNơi thường trú: Ấp 3, xã Tân Lộc, tỉnh Cà Mau\n"
    fv = _form(body).get("phone")
    assert fv is None or fv.unread


def test_an_issuing_agency_below_the_name_is_no_recipient() -> None:
    doc = document_from_text(
        HEAD.replace("Kính gửi: Công an xã Tân Lộc\n", "")
        + "Số CMND: 381234567\nNơi cấp: Công an tỉnh Cà Mau\n"
        + FOOT.format(date="Tân Lộc, ngày 12 tháng 3 năm 2024")
    )
    assert extract_application_form(doc, "application_form", segments(doc)).get("recipient") is None


def test_a_date_in_words_with_ngay_lost_or_a_part_split_is_whole() -> None:
    assert parse_date("Tân Lộc, 05 tháng 3 năm 2024") == ("2024-03-05", "YMD")  # not 2024-03
    assert parse_date("Tân Lộc, ngày 0 5 tháng 3 năm 2024") == ("2024-03-05", "YMD")
    assert parse_date("Tân Lộc, ngày 05 tháng 1 2 năm 2024") == ("2024-12-05", "YMD")
    assert parse_date("Tân Lộc, ngày 05 tháng 3 năm 2 024") == ("2024-03-05", "YMD")
    assert parse_date("tháng 3 năm 2024") == ("2024-03", "YM")  # no day on the page: none invented
    fv = _form("Ngày sinh: 02/04/1990\n", "Tân Lộc, 12 tháng 3 năm 2024").get("request_date")
    assert fv is not None and fv.value == "2024-03-12"


def test_a_district_of_the_address_s_province_one_letter_off_is_spelled_as_it_is() -> None:
    body = "Nơi cư trú: Ấp 2, xã Tạ An Khương Đông, huyện Đầm Đei, tỉnh Cà Mau\nĐiện thoại: 0912345678\n"
    fv = _form(body).get("address")
    assert fv is not None and fv.value == "Ấp 2, xã Tạ An Khương Đông, huyện Đầm Dơi, tỉnh Cà Mau"
    body = "Nơi cư trú: Thôn 2, xã Tân Lộc, huyện Đầm Đei, tỉnh Nghệ An\nĐiện thoại: 0912345678\n"
    fv = _form(body).get("address")  # another province: its districts are not in the lexicon
    assert fv is not None and "huyện Đầm Đei" in fv.value


def test_a_title_word_of_a_set_phrase_one_letter_misread_is_spelled_as_printed() -> None:
    title = "ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TTN CƯ TRÚ"  # the I read as T
    doc = document_from_text(HEAD.replace("ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ", title))
    fv = extract_application_form(doc, "application_form", segments(doc)).get("form_title")
    assert fv is not None and fv.value == "ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ"
    title = "TỜ KHAI ĐĂNG KÍ KHAI SINH"  # a spelling variant, no slip: as printed
    doc = document_from_text(HEAD.replace("ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ", title))
    fv = extract_application_form(doc, "application_form", segments(doc)).get("form_title")
    assert fv is not None and fv.value == title


def test_a_speck_glued_before_the_request_day_is_no_digit_of_it() -> None:
    # "ngày †14": 114 is no day, 14 is; "†6" (16 or 6) stays unread
    fv = _form("Ngày sinh: 02/04/1990\n", "Tân Lộc, ngày †14 tháng 8 năm 2025").get("request_date")
    assert fv is not None and fv.value == "2025-08-14"
    fv = _form("Ngày sinh: 02/04/1990\n", "Tân Lộc, ngày †6 tháng 8 năm 2025").get("request_date")
    assert fv is None or fv.unread
