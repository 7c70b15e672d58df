"""Documents drawn by another hand (issue 14, ninth pass): a place name printed with its tone
placed the old way, a district read with a wrong mark, the amendment line of a business
certificate as OCR garbles it, the month 5 read as S, the Vietnamese name label of an enterprise
with its last word misread, a date or year that cannot be with a 1 read as 7, "Nam" with its
middle letter misread. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.forms import extract_business_registration
from extractors.layout import segments
from extractors.normalize import (
    parse_date,
    repair_agency_units,
    repair_district,
    repair_place,
    repair_sevens,
    respell_committee,
)
from extractors.textdoc import document_from_text


# --- places ----------------------------------------------------------------------------------
def test_a_place_name_with_its_tone_placed_the_old_way_is_kept_as_printed() -> None:
    # "Hoà" and "Hòa" are the same name (domain §3.3): the value is the page's spelling
    assert repair_place("Ấp Thanh Tùng, xã Hoà Bình, tỉnh Cà Mau") == (
        "Ấp Thanh Tùng, xã Hoà Bình, tỉnh Cà Mau",
        False,
    )
    assert repair_place("Khóm 2, phường Vĩnh Hải, tỉnh Khánh Hoà")[0].endswith("tỉnh Khánh Hoà")
    # a mark or a capital misread is still put right
    assert repair_place("xã Vân Bán, tỉnh phú Thọ")[0] == "xã Vân Bán, tỉnh Phú Thọ"
    assert repair_place("xã Hoá Bình, tỉnh Cả Mau")[0] == "xã Hòa Bình, tỉnh Cà Mau"


def test_a_district_read_with_a_wrong_mark_is_spelled_as_the_district() -> None:
    assert repair_place("xã Quách Phẩm Bắc, huyện Đấm Dơi, tỉnh Cà Mau")[0] == (
        "xã Quách Phẩm Bắc, huyện Đầm Dơi, tỉnh Cà Mau"
    )
    assert repair_district("ỦY BAN NHÂN DÂN HUYỆN NGỌC HIẾN") == ("ỦY BAN NHÂN DÂN HUYỆN NGỌC HIỂN", True)
    assert repair_district("Trung tâm Y tế huyện Trấn Văn Thời")[0] == "Trung tâm Y tế huyện Trần Văn Thời"
    # other letters, another province's district, a tone placed the old way: as read
    assert repair_district("huyện Ngọc Hồi, tỉnh Kon Tum") == ("huyện Ngọc Hồi, tỉnh Kon Tum", False)
    assert repair_district("huyện Hoà Bình, tỉnh Bạc Liêu") == ("huyện Hoà Bình, tỉnh Bạc Liêu", False)


def test_a_land_certificate_s_agency_names_its_district_right() -> None:
    doc = document_from_text(
        "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nThửa đất số: 495\nTờ bản đồ số: 39\n"
        "Ngọc Hiển, ngày 05 tháng 3 năm 2016\nỦY BAN NHÂN DÂN HUYỆN NGỌC HIẾN\n"
    )
    ex = extract(doc)
    assert ex.doc_type == "land_use_certificate"
    assert ex.values["issuing_agency"].value == "ỦY BAN NHÂN DÂN HUYỆN NGỌC HIỂN"


# --- dates -----------------------------------------------------------------------------------
def test_a_month_5_read_as_s_in_a_date_in_words() -> None:
    assert parse_date("ngày 10 tháng Š năm 2026") == ("2026-05-10", "YMD")
    assert parse_date("ngày 14 tháng 5Š năm 2022") == ("2022-05-14", "YMD")
    assert parse_date("tháng S năm 2020") == ("2020-05", "YM")
    assert parse_date("ngày 14 tháng 12 năm 2022") == ("2022-12-14", "YMD")


# --- business registration -------------------------------------------------------------------
BUSINESS = """\
SỞ TÀI CHÍNH TỈNH CÀ MAU        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG ĐĂNG KÝ KINH DOANH        Độc lập - Tự do - Hạnh phúc

GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP
DOANH NGHIỆP TƯ NHÂN

Mã số doanh nghiệp: 2002641177
Đăng ký lần đầu: ngày 19 tháng 08 năm 2014
{amendment}

1. Tên doanh nghiệp
Tên doanh nghiệp viết bằng tiếng Việ: DOANH NGHIỆP TƯ NHÂN NÔNG NGHIỆP CÔNG
NGHỆ CAO THÀNH ĐẠT
Tên doanh nghiệp viết bằng tiếng nước ngoài: THANH DAT HI-TECH AGRICULTURE PRIVATE
2. Địa chỉ trụ sở chính
Ấp Thanh Tùng, xã Hoà Bình, tỉnh Cà Mau
"""


def _business(amendment: str) -> dict:
    doc = document_from_text(BUSINESS.format(amendment=amendment))
    return extract_business_registration(doc, "business_registration", segments(doc))


def test_the_amendment_line_as_ocr_garbles_it() -> None:
    for line, number, day in (
        ("Đăng ký thay đổi lần thứ: 3, ngày 29 tháng 8 năm 2017", "3", "2017-08-29"),
        ("Đăng ký thay đốt lần duf: Ï, ngày 10 tháng Š năm 2026", "1", "2026-05-10"),
        ("9 ký thay đổi lần thú: 5, ngày 05 tháng 8 năm 2017", "5", "2017-08-05"),
        ("Đăng ký thay đổi lần thể: 2, ngày 14 tháng 5Š năm 2022", "2", "2022-05-14"),
    ):
        got = _business(line)
        assert got["amendment_number"].value == number, line
        assert got["amendment_date"].value == day, line
    got = _business("")
    assert "amendment_number" not in got and "amendment_date" not in got


def test_the_enterprise_name_under_a_label_whose_last_word_was_misread() -> None:
    got = _business("")
    assert got["enterprise_name"].value == "DOANH NGHIỆP TƯ NHÂN NÔNG NGHIỆP CÔNG NGHỆ CAO THÀNH ĐẠT"
    assert got["head_office_address"].value == "Ấp Thanh Tùng, xã Hoà Bình, tỉnh Cà Mau"


# --- a 1 read as 7 ---------------------------------------------------------------------------
def test_a_date_or_year_that_cannot_be_with_a_1_read_as_7() -> None:
    assert repair_sevens("7985") == ("1985", "Y")
    assert repair_sevens("ngày 73 tháng 4 năm 2016") == ("2016-04-13", "YMD")
    assert repair_sevens("27/70/2001") == ("2001-10-27", "YMD")  # the 7 of 27 is read as printed
    assert repair_sevens("25/02/7969") == ("1969-02-25", "YMD")
    # a date that can be is as read; one impossible without its 7s stays impossible
    assert repair_sevens("17/07/1977") is None
    assert repair_sevens("31/06/1974") is None
    assert repair_sevens("37-06-2024") is None


BIRTH = """\
ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ TÂN LỘC        Độc lập - Tự do - Hạnh phúc
Số: 374
GIẤY KHAI SINH
Họ, chữ đệm, tên: Trương Thành Nam
Sinh ngày: 17/03/2016
Giới tính: Ngm
Dân tộc: Kinh
Họ, chữ đệm, tên người mẹ: Châu Thùy Linh
Năm sinh: 7985
Họ và tên cha: Trương Văn Sơn
Năm sinh: 1986
Ngày, tháng, năm đăng ký: ngày 73 tháng 4 năm 2016
"""


def test_a_birth_certificate_whose_1s_were_read_as_7s() -> None:
    ex = extract(document_from_text(BIRTH))
    assert ex.doc_type == "birth_certificate"
    got = ex.values
    assert got["mother_birth_year"].value == "1985"
    assert got["registration_date"].value == "2016-04-13"
    assert got["father_birth_year"].value == "1986"
    # a guess: flagged, and under the review threshold
    assert "repaired" in got["mother_birth_year"].flags
    assert got["registration_date"].confidence < 0.8
    assert got["sex"].value == "Nam"


# --- agencies, free text, names --------------------------------------------------------------
def test_an_agency_s_province_or_district_read_with_a_wrong_mark() -> None:
    assert repair_agency_units("SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH CẢ MAU PHÒNG ĐĂNG KÝ KINH DOANH") == (
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH CÀ MAU PHÒNG ĐĂNG KÝ KINH DOANH"
    )
    assert repair_agency_units("UBND THỊ XÃ GIÁ RẠI") == "UBND THỊ XÃ GIÁ RAI"
    # as printed (a tone placed the old way), another letter, a name running on: as read
    assert repair_agency_units("UBND TỈNH KHÁNH HOÀ") == "UBND TỈNH KHÁNH HOÀ"
    assert repair_agency_units("ỦY BAN NHÂN DÂN TỈNH HÀ NAMX") == "ỦY BAN NHÂN DÂN TỈNH HÀ NAMX"
    assert repair_agency_units("ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU") == "ỦY BAN NHÂN DÂN THÀNH PHỐ PLEIKU"


def test_a_unit_s_second_word_read_with_a_capital() -> None:
    assert repair_place("Số 150, đường Ngô Quyền, phường Láng Tròn, thị Xã Giá Rai, tỉnh Bạc Liêu")[0] == (
        "Số 150, đường Ngô Quyền, phường Láng Tròn, thị xã Giá Rai, tỉnh Bạc Liêu"
    )


DECISION = """\
UỶ BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
'THÀNH PHỐ HỒ CHÍ MINH        Độc lập - Tự do - Hạnh phúc

Số: 1330/QĐ-UBND        Thành phố Hồ Chí Minh, ngày 21 tháng 8 năm 2025

QUYẾT ĐỊNH
'Về việc phân bổ kinh phí hỗ trợ sản xuất nông nghiệp năm 2025

CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ
Điều 1. Phân bổ kinh phí.
"""


def test_a_lone_quote_opening_a_word_of_an_agency_or_a_subject_is_a_speck() -> None:
    ex = extract(document_from_text(DECISION))
    assert ex.doc_type == "administrative_decision"
    assert ex.values["issuing_agency"].value == "UỶ BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert ex.values["subject"].value == "phân bổ kinh phí hỗ trợ sản xuất nông nghiệp năm 2025"
    # quotes that pair up are the page's
    ex = extract(
        document_from_text(DECISION.replace("'Về việc phân bổ kinh phí", 'Về việc phân bổ "kinh phí"'))
    )
    assert ex.values["subject"].value == 'phân bổ "kinh phí" hỗ trợ sản xuất nông nghiệp năm 2025'


def test_a_lone_consonant_after_a_name_is_a_speck() -> None:
    doc = document_from_text(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI CĂN CƯỚC\n"
        "Kính gửi: Công an xã Tân Lộc\nHọ, chữ đệm và tên: NGÔ CÔNG LỘC Q\nNgày sinh: 11/08/2006\n"
    )
    assert extract(doc).values["applicant_name"].value == "Ngô Công Lộc"
    doc = document_from_text(
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI CĂN CƯỚC\n"
        "Kính gửi: Công an xã Tân Lộc\nHọ, chữ đệm và tên: LÊ THỊ Y\nNgày sinh: 11/08/2006\n"
    )
    assert extract(doc).values["applicant_name"].value == "Lê Thị Y"


PARENTS = """\
ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ ĐẤT MŨI        Độc lập - Tự do - Hạnh phúc
Số: 155
GIẤY KHAI SINH
Họ, chữ đệm, tên: NGUYỄN KHÁNH DUNG
Sinh ngày: 06/10/2016
Thông tin người mẹ                                        Thông tin người cha
Họ, chữ đệm, tên: Thạch Ngọc Giang                        Họ, chữ đệm, tên: NGUYỄN TRUNG THANH
Năm sinh: 1997                                            CƯỜNG
Dân tộc: Kinh                                             Năm sinh: 1998
Cơ quan đăng ký: Ủy ban nhân dân xã Đất Mũi, huyện Ngọc Hiển, tỉnh Cà Mau
"""


def test_a_parent_s_name_wrapping_in_its_narrow_column() -> None:
    got = extract(document_from_text(PARENTS)).values
    assert got["father_name"].value == "Nguyễn Trung Thanh Cường"
    assert got["father_birth_year"].value == "1998"
    assert got["mother_name"].value == "Thạch Ngọc Giang"  # a label under it: nothing to add
    assert got["mother_birth_year"].value == "1997"


def test_a_glued_province_a_wrong_mark_on_uy_and_the_kinh_group() -> None:
    assert repair_agency_units("SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH CÀMAU PHÒNG ĐĂNG KÝ KINH DOANH") == (
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH CÀ MAU PHÒNG ĐĂNG KÝ KINH DOANH"
    )
    assert respell_committee("Ùy ban nhân dân xã Hưng Mỹ") == "Ủy ban nhân dân xã Hưng Mỹ"
    # both printed spellings kept, text read without marks as read
    assert respell_committee("Uỷ ban nhân dân xã Hưng Mỹ") == "Uỷ ban nhân dân xã Hưng Mỹ"
    assert respell_committee("UY BAN NHAN DAN") == "UY BAN NHAN DAN"
    got = extract(document_from_text(BIRTH.replace("Dân tộc: Kinh", "Dân tộc: Kình"))).values
    assert got["ethnicity"].value == "Kinh"
