"""Labels as the official forms of other years and provinces print them (issue 14 item 4):
bilingual glosses, a value on the line after its label, wordings of the 2016/2021/2024 cards.
A value never keeps label text. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.textdoc import document_from_text


def card(body: str):
    return extract(document_from_text("CĂN CƯỚC\n" + body))


def test_bilingual_label_whose_gloss_starts_like_a_shorter_one() -> None:
    ex = card(
        "Số định danh cá nhân / Personal identification number: 096190001234\n"
        "Nơi đăng ký khai sinh / Place of birth registration: Xã Tân Thành, tỉnh Cà Mau\n"
    )
    assert ex.values["place_of_birth_registration"].value == "xã Tân Thành, tỉnh Cà Mau"
    assert ex.values["id_number"].value == "096190001234"


def test_gloss_in_brackets_and_without_colon() -> None:
    ex = card(
        "Họ, chữ đệm và tên khai sinh (Surname, middle and given name) TRẦN THỊ MAI\n"
        "Ngày sinh / Date of birth 10/05/1990\n"
    )
    assert ex.values["full_name"].value == "Trần Thị Mai"
    assert ex.values["date_of_birth"].value == "1990-05-10"


def test_value_on_the_line_after_a_bilingual_label() -> None:
    ex = card(
        "Họ và tên / Full name:\nTRẦN THỊ MAI\nQuê quán / Place of origin:\nXã Tân Thành, tỉnh Cà Mau\n"
    )
    assert ex.values["full_name"].value == "Trần Thị Mai"
    assert ex.values["place_of_origin"].value == "xã Tân Thành, tỉnh Cà Mau"


def test_no_label_text_in_any_value() -> None:
    ex = card(
        "Số / No.: 096190001234\nHọ và tên / Full name: TRẦN THỊ MAI\n"
        "Giới tính / Sex: Nữ   Quốc tịch / Nationality: Việt Nam\n"
        "Nơi thường trú / Place of residence: Phường 2, tỉnh Cà Mau\n"
        "Có giá trị đến / Date of expiry: 10/05/2030\n"
    )
    for fv in ex.values.values():
        assert not any(
            w in fv.value.lower() for w in ("name", "sex", "nationality", "place", "expiry", "no.")
        )
    assert ex.values["sex"].value == "Nữ" and ex.values["expiry_date"].value == "2030-05-10"


def test_misread_date_separators_are_repaired_and_recorded() -> None:
    ex = card("Số: 096190001234\nHọ và tên: TRẦN THỊ MAI\nNgày sinh: 1OI05I1990\nCó giá trị đến: 1005l2030\n")
    dob = ex.values["date_of_birth"]
    assert dob.value == "1990-05-10" and "repaired" in dob.flags and dob.repairs
    assert ex.values["expiry_date"].value == "2030-05-10"


def test_unreadable_date_is_unread_not_absent() -> None:
    ex = card("Số: 096190001234\nHọ và tên: TRẦN THỊ MAI\nNgày sinh: 1111990\n")
    dob = ex.fields["date_of_birth"]
    assert dob.unread and dob.confidence == 0 and dob.bbox is not None
    assert "date_of_birth" not in ex.values


def test_empty_blank_is_absent() -> None:
    ex = card("Số: 096190001234\nHọ và tên: TRẦN THỊ MAI\nNgày sinh: ..................\n")
    assert "date_of_birth" not in ex.fields


def test_placeholder_in_a_date_is_kept_for_the_placeholder_rule() -> None:
    from datetime import date

    from quality import judge

    ex = card("Số: 096190001234\nHọ và tên: TRẦN THỊ MAI\nNgày sinh: xx/xx/xxxx\n")
    assert ex.values["date_of_birth"].value == "xx/xx/xxxx"
    verdict = judge(ex, today=date(2026, 12, 3), text="")
    assert any(
        v.rule == "clean.value.no_placeholder" and v.field == "date_of_birth" for v in verdict.violations
    )
    assert verdict.status == "rejected"


def test_marriage_id_rows_as_other_forms_word_them() -> None:
    text = (
        "GIẤY CHỨNG NHẬN KẾT HÔN\n"
        "                         Chồng                     Vợ\n"
        "Họ, chữ đệm, tên:        LÊ VĂN HÙNG               TRẦN THỊ MAI\n"
        "Ngày, tháng, năm sinh:   02/03/1988                10/05/1990\n"
        "Số định danh cá nhân:    096088004567              096190001234\n"
    )
    ex = extract(document_from_text(text))
    assert ex.values["husband_id_number"].value == "096088004567"
    assert ex.values["wife_id_number"].value == "096190001234"


def test_label_broken_over_two_lines() -> None:
    ex = card(
        "Số định danh cá nhân: 096190001234\nHọ, chữ đệm và tên\nkhai sinh: TRẦN THỊ MAI\n"
        "Nơi đăng ký\nkhai sinh: Xã Tân Thành, tỉnh Cà Mau\nNgày, tháng, năm\nsinh: 10/05/1990\n"
    )
    assert ex.values["full_name"].value == "Trần Thị Mai"
    assert ex.values["place_of_birth_registration"].value == "xã Tân Thành, tỉnh Cà Mau"
    assert ex.values["date_of_birth"].value == "1990-05-10"
    assert "issue_date" not in ex.fields  # "Ngày, tháng, năm" alone is the issue date's label


def test_id_printed_one_digit_per_box() -> None:
    from extractors.labels import normalize_value

    for boxed in (
        "|0|9|6|1|9|0|0|0|1|2|3|4|",
        "[0][9][6][1][9][0][0][0][1][2][3][4]",
        "0 9 6 1 9 0 0 0 1 2 3 4",
    ):
        got = normalize_value("personal_id", boxed)
        assert got is not None and got[0] == "096190001234", boxed


def test_marriage_parties_in_sections() -> None:
    text = (
        "GIẤY CHỨNG NHẬN KẾT HÔN\nSố: 50\n\nThông tin người chồng:\nHọ, chữ đệm, tên: LÊ VĂN HÙNG\n"
        "Ngày, tháng, năm sinh: 02/03/1988\nDân tộc: Kinh\nGiấy tờ tùy thân: Căn cước công dân số 096088004567\n"
        "Bên nữ:\nHọ, chữ đệm, tên: TRẦN THỊ MAI\nNgày, tháng, năm sinh: 10/05/1990\n"
        "Giấy tờ tùy thân: Căn cước công dân số 096190001234\n"
        "Cơ quan đăng ký: Ủy ban nhân dân xã Tân Thành, tỉnh Cà Mau\n"
        "Ngày, tháng, năm đăng ký: ngày 28 tháng 9 năm 2020\n\n"
        "Chồng               Vợ                NGƯỜI KÝ GIẤY CHỨNG NHẬN\n"
    )
    f = extract(document_from_text(text)).values
    assert (f["husband_name"].value, f["wife_name"].value) == ("Lê Văn Hùng", "Trần Thị Mai")
    assert (f["husband_date_of_birth"].value, f["wife_date_of_birth"].value) == ("1988-03-02", "1990-05-10")
    assert (f["husband_id_number"].value, f["wife_id_number"].value) == ("096088004567", "096190001234")
    assert f["registration_date"].value == "2020-09-28"
