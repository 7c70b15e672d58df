"""Fields of documents drawn by another hand (issue 14, fourth pass): glosses OCR garbled, required
fields whose label was never read, pre-reform communes kept, a signing agency over two lines.
Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.textdoc import document_from_text


def card(body: str):
    return extract(document_from_text("CĂN CƯỚC\n" + body))


def test_a_garbled_gloss_is_label_not_value() -> None:
    ex = card(
        "Số định danh cá nhân / Personal identification number: 096190001234\n"
        "Họ, chữ đệm và tên khai sinh / Full name: TRẦN THỊ MAI\n"
        "Ngày sinh / Date of birth: 10/05/1990\n"
        "Nơi cư trú / #lace e/ res44ence: Ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau\n"
        "Nơi đăng ký khai sinh / Piace o/ bứth regøtration: xã Lộc Ninh, tỉnh Cà Mau\n"
        "Ngày, tháng, năm hết hạn / 0ø of exptry: 10/05/2030\n"
    )
    v = ex.values
    assert v["place_of_residence"].value == "Ấp Tân Hưng, xã Tân Thành, tỉnh Cà Mau"
    assert v["place_of_birth_registration"].value == "xã Lộc Ninh, tỉnh Cà Mau"
    assert v["expiry_date"].value == "2030-05-10"
    assert v["expiry_date"].raw == "10/05/2030"


def test_a_date_after_a_slash_is_a_value_not_a_gloss() -> None:
    ex = card("Số định danh cá nhân: 096190001234\nHọ và tên: TRẦN THỊ MAI\nNgày sinh / 10/05/1990\n")
    assert ex.values["date_of_birth"].value == "1990-05-10"


def test_required_field_whose_label_was_never_read_is_unread_not_absent() -> None:
    # the name's label line lost to glare: the card has a name, the machine missed it
    ex = card("Số định danh cá nhân: 096190001234\nNG#Y&N ~~ M@I\nNgày sinh: 10/05/1990\n")
    assert "full_name" in ex.unread and "full_name" not in ex.values
    assert ex.unread["full_name"].confidence == 0.0
    # the label printed with nothing after it: the field is blank on the document, absent
    ex = card("Số định danh cá nhân: 096190001234\nHọ và tên:\nNgày sinh: 10/05/1990\n")
    assert "full_name" not in ex.fields


def test_land_serial_printed_without_label_and_not_read_is_unread() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nQUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT\n"
            "Người sử dụng đất: Ông TRẦN VĂN AN\nThửa đất số: 12\nTờ bản đồ số: 3\n"
            "Diện tích: 250 m2 (Bằng chữ: Hai trăm năm mươi mét vuông)\n"
        )
    )
    assert ex.doc_type == "land_use_certificate"
    assert "serial_number" in ex.unread


def test_signing_agency_over_two_lines_ending_in_truong() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nSố phát hành: AB 12345678\n"
            "Người sử dụng đất: Ông TRẦN VĂN AN\nThửa đất số: 12\nTờ bản đồ số: 3\n"
            "Diện tích: 250 m2\nThời hạn sử dụng: Lâu dài\n"
            "Cà Mau, ngày 16 tháng 01 năm 2026\nSỞ NÔNG NGHIỆP VÀ MÔI\nTRƯỜNG TỈNH CÀ MAU\n"
            "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Bình\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH CÀ MAU"
    assert ex.values["land_use_term"].value == "Lâu dài"


def test_id_with_extra_digits_repaired_only_when_one_value_holds() -> None:
    from extractors.normalize import personal_id_without_extra_digits as fix

    # box rules read as "1" ("4|3" → "413"): the one number that holds for a woman born in 1987
    assert fix("0|5|2|18|7|413|6|2|5|7", 1987) == "052187436257"
    assert fix("| 0 |9|5|1|812121710|14|18|9", 1982, False) == "095182270489"
    assert fix("| 0 |9|5|1|812121710|14|18|9", 1982, True) is None  # digit 4 is a woman's
    # a doubled digit among the first six: only one drop gives 095 1 69 (a woman born in 1969)
    assert fix("0951769886346", 1969) == "095169886346"
    # refused: the extra digit among the random six (many values hold), or nothing holds
    assert fix("0951698863461", 1969) is None
    assert fix("0951769886346", 1975) is None
    assert fix("095169886346", 1969) is None  # twelve digits: nothing to drop


def test_boxed_applicant_id_repaired_against_the_date_of_birth() -> None:
    ex = extract(
        document_from_text(
            "TỜ KHAI CĂN CƯỚC\nKính gửi: Công an phường Tân Thành\n1. Họ, chữ đệm và tên: Trần Thị Mai\n"
            "2. Ngày sinh: 06/12/1987\n3. Giới tính: Nữ\n4. Số định danh cá nhân: |0 |5|2|18|7|413|6|2|5|7\n"
        )
    )
    fv = ex.values["applicant_id_number"]
    assert fv.value == "052187436257" and "repaired" in fv.flags and "invalid" not in fv.flags


def test_card_name_between_number_and_birth_date_when_its_label_went_astray() -> None:
    ex = extract(
        document_from_text(
            "Họ và tên:\nCĂN CƯỚC CÔNG DÂN\nSố: 096073298262\nBÙI BẢO THANH TOÀN\n"
            "Ngày, tháng, năm sinh: 12/10/1973\nGiới tính: Nam\nQuê quán:\n—_ thị trấn Cẩm Khê, tỉnh Phú Thọ\n"
        )
    )
    assert ex.values["full_name"].value == "Bùi Bảo Thanh Toàn"
    assert ex.values["place_of_origin"].value == "thị trấn Cẩm Khê, tỉnh Phú Thọ"


def test_people_s_committee_respelled_where_ocr_put_a_tone_on_it() -> None:
    from extractors.normalize import respell_committee

    assert respell_committee("ỦY BẠN NHÂN DẬN XÃ TÂN THUẬN") == "ỦY BAN NHÂN DÂN XÃ TÂN THUẬN"
    assert respell_committee("TM. ỦY BẠN NHÂN DÂN") == "TM. ỦY BAN NHÂN DÂN"
    assert respell_committee("Ủy bạn nhân dân xã Tân Thành") == "Ủy ban nhân dân xã Tân Thành"
    # both spellings of Ủy/Uỷ are printed: kept
    assert respell_committee("UỶ BAN NHÂN DÂN TỈNH CÀ MAU") == "UỶ BAN NHÂN DÂN TỈNH CÀ MAU"
    assert respell_committee("Ban nhân dân ấp") == "Ban nhân dân ấp"


def test_land_agency_stops_at_the_authority_read_on_its_line() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nSố phát hành: AB 12345678\n"
            "Người sử dụng đất: Ông TRẦN VĂN AN\nThửa đất số: 12\nTờ bản đồ số: 3\nDiện tích: 250 m2\n"
            "Cà Mau, ngày 16 tháng 01 năm 2026\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH CÀ MAU KT. GIÁM ĐỐC\n"
            "PHÓ GIÁM ĐỐC\nTrần Văn Bình\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH CÀ MAU"


def test_address_runs_on_after_a_speck_behind_a_unit_word() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nSố phát hành: AB 12345678\n"
            "Người sử dụng đất: Ông TRẦN VĂN AN\nThửa đất số: 12\nTờ bản đồ số: 3\n"
            "Địa chỉ: Số 160, đường Trần Hưng Đạo, thị trấn Phước Long, huyện.\nPhước Long, tỉnh Bạc Liêu\n"
            "Diện tích: 250 m2\n"
        )
    )
    assert ex.values["address"].value == (
        "Số 160, đường Trần Hưng Đạo, thị trấn Phước Long, huyện Phước Long, tỉnh Bạc Liêu"
    )


def test_a_value_does_not_run_onto_the_signing_line() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\nSố phát hành: AB 12345678\n"
            "Người sử dụng đất: Ông TRẦN VĂN AN\nThửa đất số: 12\nTờ bản đồ số: 3\nDiện tích: 250 m2\n"
            "Nguồn gốc sử dụng: Nhà nước giao đất không thu tiền sử dụng đất\n"
            "Cà Mau, ngày 14 tháng 6 năm 2025\n"
        )
    )
    assert ex.values["land_use_origin"].value == "Nhà nước giao đất không thu tiền sử dụng đất"


def test_phone_whose_leading_zero_was_read_as_a_letter() -> None:
    from extractors.normalize import phone

    assert phone("Ø744959434") == "0744959434"
    assert phone("Điện thoại: O972345678") == "0972345678"


def test_ct01_phone_label_with_lien_he_and_its_value_below() -> None:
    ex = extract(
        document_from_text(
            "TỜ KHAI CĂN CƯỚC\nKính gửi: Công an phường Tân Thành\n1. Họ, chữ đệm và tên: Trần Thị Mai\n"
            "5. Số điện thoại liên hệ:\n0797551303\n6. Email:\n"
        )
    )
    assert ex.values["phone"].value == "0797551303"


def test_unit_word_with_a_wrong_tone_respelled_but_never_a_name() -> None:
    from extractors.normalize import repair_place

    assert repair_place("Ấp 9, xã Đất Mũi, tình Cà Mau") == ("Ấp 9, xã Đất Mũi, tỉnh Cà Mau", True)
    assert repair_place("Ấp 1, xả Tân Lộc, huyên Thới Bình")[0] == "Ấp 1, xã Tân Lộc, huyện Thới Bình"
    assert repair_place("Ấp 2, Tịnh Biên, An Giang") == ("Ấp 2, Tịnh Biên, An Giang", False)


def test_enterprise_name_in_capitals_is_not_a_label_short_of_a_word() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP\nDOANH NGHIỆP TƯ NHÂN\nMã số doanh nghiệp: 2001234567\n"
            "1. Tên doanh nghiệp\nTên doanh nghiệp viết bằng tiếng Việt:\n"
            "DOANH NGHIỆP TƯ NHÂN THƯƠNG MẠI SAO MAI\n2. Địa chỉ trụ sở chính\nẤp 1, xã Tân Thành, tỉnh Cà Mau\n"
        )
    )
    assert ex.values["enterprise_name"].value == "DOANH NGHIỆP TƯ NHÂN THƯƠNG MẠI SAO MAI"


def test_committee_read_without_marks_is_left_as_read() -> None:
    from extractors.normalize import respell_committee

    assert respell_committee("UY BAN NHAN DAN XA KHANH BINH") == "UY BAN NHAN DAN XA KHANH BINH"


def test_a_name_that_is_its_label_s_rest_is_unread() -> None:
    from extractors.forms import _label_word_names
    from extractors.types import FieldValue

    def fv(value: str) -> FieldValue:
        return FieldValue(value, value, 0.97, 1, (10, 10, 90, 30), "ocr")

    fields = {"husband_name": fv("Chồng"), "wife_name": fv("Họ"), "full_name": fv("Trần Thị Mai")}
    _label_word_names(fields)  # type: ignore[arg-type]
    assert fields["husband_name"].unread and fields["husband_name"].bbox == (10, 10, 90, 30)
    assert fields["wife_name"].unread
    assert fields["full_name"].value == "Trần Thị Mai"


def test_xxx_where_the_signer_name_goes_is_a_placeholder_value() -> None:
    from datetime import date

    from quality import judge

    text = (
        "ỦY BAN NHÂN DÂN\nXÃ TÂN THÀNH\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nTân Thành, ngày 05 tháng 3 năm 2026\nQUYẾT ĐỊNH\n"
        "Về việc phê duyệt kế hoạch\nĐiều 1. Phê duyệt.\nNơi nhận:\n- Như Điều 3;\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nxxx\n"
    )
    ex = extract(document_from_text(text))
    assert ex.values["signer_name"].value == "xxx"
    verdict = judge(ex, today=date(2026, 12, 1), text=text)
    assert any(
        v.rule == "clean.value.no_placeholder" and v.field == "signer_name" for v in verdict.violations
    )
