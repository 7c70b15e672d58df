"""Fields the blind set (issue 14) showed missed on valid documents, which then rejected them
as if the document lacked them: a card label ending in "/" (its gloss and value below), a
marriage table with the wife's column first and wrapped label cells, a card number only the
zone's line 1 still carries. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.mrz import check_digit, zone_line1_id
from extractors.textdoc import document_from_text


def _ex(text: str):
    return extract(document_from_text(text))


def test_card_name_below_a_label_ending_in_its_gloss_slash() -> None:
    text = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
CĂN CƯỚC
IDENTITY CARD
Số định danh cá nhân / Personal identification number:
096195001234
Họ, chữ đệm và tên khai sinh /
Surname, middle name and given name:
TRẦN THỊ MAI
Ngày sinh / Date of birth: 20/02/1995
Giới tính / Sex: Nữ   Quốc tịch / Nationality: Việt Nam"""
    ex = _ex(text)
    assert ex.doc_type == "citizen_id"
    assert ex.fields["full_name"].value == "Trần Thị Mai"


def test_marriage_table_wife_column_first_and_wrapped_labels() -> None:
    text = """GIẤY CHỨNG NHẬN KẾT HÔN
Số: 45
Thông tin    Vợ    Chồng
Họ, chữ đệm,    Đào Thị Hằng    Lý Văn Toàn
tên
Ngày, tháng,    22/01/1990    24/07/1988
năm sinh
Số định danh cá    096190001234    096088005678
nhân
Cơ quan đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau
Ngày, tháng, năm đăng ký: ngày 25 tháng 7 năm 2025"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["wife_name"] == "Đào Thị Hằng" and v["husband_name"] == "Lý Văn Toàn"
    assert v["wife_date_of_birth"] == "1990-01-22" and v["husband_date_of_birth"] == "1988-07-24"
    assert v["wife_id_number"] == "096190001234" and v["husband_id_number"] == "096088005678"
    assert v["registration_date"] == "2025-07-25"


def _card(line1: str) -> str:
    return f"""CĂN CƯỚC CÔNG DÂN
Số / No.:
Họ và tên / Full name:
LÝ VĂN TOÀN
Ngày sinh / Date of birth: 24/07/1988
Giới tính / Sex: Nam
Quốc tịch / Nationality: Việt Nam
{line1}
8807245M3807241VNM<<<<<<<<<<<8
LY<<VAN<TOAN<<<<<<<<<<<<<<<<<<"""


def test_zone_line1_gives_the_number_when_its_own_check_digit_holds() -> None:
    pid = "096088005678"
    c = check_digit(pid)
    # the document number misread (an extra digit): the zone as a whole does not check out
    line1 = f"IDVNM0880056780{pid}<<{c}"
    assert zone_line1_id(line1) == (True, pid)
    ex = _ex(_card(line1))
    assert ex.fields["id_number"].value == pid
    assert "mrz_line1" in ex.fields["id_number"].flags
    # a check digit that fails: the card has a number the machine could not read
    bad = f"IDVNM0880056780{pid}<<{(c + 1) % 10}"
    assert zone_line1_id(bad) == (True, None)
    ex = _ex(_card(bad))
    assert "id_number" not in ex.values and "id_number" in ex.unread


def test_zone_number_must_agree_with_the_printed_birth_year() -> None:
    pid = "096090005678"  # born 1990, the card says 1988: not taken, unread
    line1 = f"IDVNM0900056780{pid}<<{check_digit(pid)}"
    ex = _ex(_card(line1))
    assert "id_number" not in ex.values and "id_number" in ex.unread


def test_no_zone_line_means_no_number() -> None:
    assert zone_line1_id("Ngày sinh / Date of birth: 24/07/1988") == (False, None)
    ex = _ex(_card("Đặc điểm nhân dạng: Sẹo chấm C 1cm"))
    assert "id_number" not in ex.values and "id_number" not in ex.unread


def test_land_holder_id_after_can_cuoc_cong_dan_so_and_address_label_split_at_line_end() -> None:
    text = """GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT
Số seri: CY 12345678
1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất
Ông: LÝ VĂN TOÀN, sinh năm 1988; Căn cước công dân số 096088005678; Địa chỉ
thường trú: Khóm 2, phường Tân Thành, tỉnh Cà Mau
2. Thông tin thửa đất
a) Thửa đất số: 120; Tờ bản đồ số: 15;
b) Địa chỉ: Ấp 3, xã Tân Lộc, tỉnh Cà Mau
c) Diện tích: 250 m² (Bằng chữ: Hai trăm năm mươi mét vuông)
Số vào sổ cấp GCN: CS 01234"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["holder_id_number"] == "096088005678"
    # the holder's address ("Địa chỉ" / "thường trú: …") is not the parcel's
    assert v["address"] == "Ấp 3, xã Tân Lộc, tỉnh Cà Mau"


def test_marriage_side_by_side_line_joining_both_columns() -> None:
    text = """GIẤY CHỨNG NHẬN KẾT HÔN
Số: 45
Họ, chữ đệm, tên chồng:                 Họ, chữ đệm, tên vợ:
LÝ VĂN TOÀN                             ĐÀO THỊ HẰNG
Ngày, tháng, năm sinh: 24/07/1988....... Ngày, tháng, năm sinh: 22/01/1990
Số CCCD:                                Số CCCD:
096088005678                            096190001234
Nơi đăng ký kết hôn: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau
Ngày đăng ký: ngày 25 tháng 7 năm 2025"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["husband_name"] == "Lý Văn Toàn" and v["wife_name"] == "Đào Thị Hằng"
    assert v["husband_date_of_birth"] == "1988-07-24" and v["wife_date_of_birth"] == "1990-01-22"
    assert v["husband_id_number"] == "096088005678" and v["wife_id_number"] == "096190001234"


def test_land_parcel_address_is_not_the_holders_address_label() -> None:
    text = """GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT
Số phát hành: CY 12345678
1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất
Bà: ĐÀO THỊ HẰNG
Năm sinh: 1990
CCCD số: 096190001234
Địa chỉ: Ấp Mới, xã Tam Đồng, tỉnh Nghệ An
2. Thông tin thửa đất
Thửa đất số: 411
Tờ bản đồ số: 68
Địa chỉ: Ấp Vàm, xã Khánh Hải, huyện Trần Văn Thời, tỉnh Cà Mau
Diện tích: 1.250,5 m2
Số vào sổ cấp GCN: CH 08499"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["address"] == "Ấp Vàm, xã Khánh Hải, huyện Trần Văn Thời, tỉnh Cà Mau"
    assert v["holder_id_number"] == "096190001234" and v["parcel_number"] == "411"
    # without the holder's section the one "Địa chỉ" is the parcel's, as before
    no_holder = "\n".join(
        ln for ln in text.splitlines() if not ln.startswith(("Địa chỉ: Ấp Mới", "1.", "Bà", "CCCD"))
    )
    assert _ex(no_holder).fields["address"].value.startswith("Ấp Vàm")


def test_misread_label_after_a_delimiter_with_its_figure() -> None:
    text = """GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT
Số phát hành: CY 12345678
Ông: LÝ VĂN TOÀN
a) Thửa đất số: 931, Từ bán đồ số, 86;
b) Địa chỉ: Ấp 8, xã Tân Lộc, tỉnh Cà Mau
c) Diện tích: 250 m²"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["parcel_number"] == "931" and v["map_sheet_number"] == "86"
    # an address part after a comma is no label, even when it resembles one
    assert v["address"] == "Ấp 8, xã Tân Lộc, tỉnh Cà Mau"


def test_number_label_with_a_garbled_figure_is_unread_not_missing() -> None:
    text = """UBND XÃ TÂN LỘC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2474ĐÐ-UBND
Tân Lộc, ngày 10 tháng 6 năm 2021
QUYẾT ĐỊNH
Về việc công nhận ấp văn hóa năm 2021
CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LỘC
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Công nhận các ấp đạt chuẩn văn hóa."""
    ex = _ex(text)
    assert ex.doc_type == "administrative_decision"
    assert "document_number" not in ex.values and "document_number" in ex.unread
    # a number that reads is still read
    ex = _ex(text.replace("2474ĐÐ-UBND", "2474/QĐ-UBND"))
    assert ex.values["document_number"].value == "2474/QĐ-UBND"


def test_marriage_table_id_cell_wrapping_below_its_row() -> None:
    text = """GIẤY CHỨNG NHẬN KẾT HÔN
Số: 45
Thông tin                  Vợ                              Chồng
Họ, chữ đệm, tên           Đào Thị Hằng                    Lý Văn Toàn
Ngày, tháng, năm sinh      22/01/1990                      24/07/1988
Giấy tờ tùy thân           Căn cước công dân số            Căn cước công dân số
                           096190001234, cấp ngày          096088005678, cấp ngày
                           01/06/2021                      01/06/2021
Cơ quan đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau
Ngày, tháng, năm đăng ký: 25/07/2025"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["wife_id_number"] == "096190001234" and v["husband_id_number"] == "096088005678"
    assert v["wife_name"] == "Đào Thị Hằng" and v["husband_date_of_birth"] == "1988-07-24"


def test_marriage_table_headed_ben_nu_ben_nam_with_signature_captions_below() -> None:
    text = """GIẤY CHỨNG NHẬN KẾT HÔN
Số: 45
Thông tin                  Bên nữ                          Bên nam
Họ, chữ đệm, tên           Đào Thị Hằng                    Lý Văn Toàn
Ngày, tháng, năm sinh      22/01/1990                      24/07/1988
Giấy tờ tùy thân           Căn cước công dân số            Căn cước công dân số
                           096190001234                    096088005678
Cơ quan đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau
Ngày, tháng, năm đăng ký: 25/07/2025
          Vợ                   Chồng"""
    v = {k: fv.value for k, fv in _ex(text).fields.items()}
    assert v["wife_id_number"] == "096190001234" and v["husband_id_number"] == "096088005678"
    assert v["wife_date_of_birth"] == "1990-01-22" and v["husband_date_of_birth"] == "1988-07-24"
