"""The CCCD's machine-readable zone (ICAO 9303 TD1): check digits, OCR confusions repaired only
where every check digit then holds, and its use on the card (issue 14 item 2). Fictional card:
Trần Thị Mai, 096190001234, born 10/05/1990, valid to 10/05/2030."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.mrz import check_digit, parse_td1
from extractors.textdoc import document_from_text

L1 = "IDVNM1900012342096190001234<<5"
L2 = "9005101F3005109VNM<<<<<<<<<<<8"
L3 = "TRAN<<THI<MAI<<<<<<<<<<<<<<<<<"


def test_check_digit_weights_731() -> None:
    assert check_digit("190001234") == 2
    assert check_digit("096190001234") == 5
    assert check_digit("<<<") == 0
    assert check_digit("AB") == (10 * 7 + 11 * 3) % 10


def test_zone_read_as_printed() -> None:
    z = parse_td1(L1, L2, L3)
    assert z is not None
    assert (z.id_number, z.birth, z.sex, z.expiry) == ("096190001234", "1990-05-10", "Nữ", "2030-05-10")
    assert z.name == "TRAN THI MAI" and z.repairs == ()


@pytest.mark.parametrize(
    ("l1", "l2"),
    [
        ("IDVNM19OOO1234209619OOO1234<<5", L2),  # O for 0
        ("IDVNMl900012342096190001234KK5", L2),  # l for 1, K for <
        ("I D VNM 190001234 2 096190001234 « 5", "900510 1 F 300510 9 VNM <<<<<<<<<<< 8"),  # spaces, «
        (L1, "9OO51O1F3OO51O9VNMKKKKKKKKKKK8"),
        (L1, "900S101F3005109VNM<<<<<<<<<<<B"),  # S for 5, B for 8 in a check digit
    ],
)
def test_ocr_confusions_repaired_when_check_digits_hold(l1: str, l2: str) -> None:
    z = parse_td1(l1, l2)
    assert z is not None and z.id_number == "096190001234" and z.birth == "1990-05-10"


@pytest.mark.parametrize(
    ("l1", "l2"),
    [
        ("IDVNM1900012352096190001235<<5", L2),  # the ID's last digit wrong in both prints
        ("IDVNM1900012342096190001234<<5", "9005111F3005109VNM<<<<<<<<<<<8"),  # birth 11/05
        ("IDVNM1900012342096190001234<<5", "9005101F3005109VNM<<<<<<<<<<<3"),  # composite
        ("IDVNM1900012372096190001237<<5", L2),  # 7 for 4 twice: look-alike of nothing, refused
    ],
)
def test_repairs_refused_when_a_check_digit_fails(l1: str, l2: str) -> None:
    assert parse_td1(l1, l2) is None


CARD_FRONT = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
CĂN CƯỚC CÔNG DÂN
Số / No.: 096190001234
Họ và tên / Full name: TRẦN THỊ MAI
Ngày sinh / Date of birth: {dob}
Giới tính / Sex: Nữ    Quốc tịch / Nationality: Việt Nam
Có giá trị đến / Date of expiry: 10/05/2030
"""
CARD_BACK = """Đặc điểm nhân dạng: Nốt ruồi cách 2cm dưới mép trái
Ngày, tháng, năm: 01/06/2022
{l1}
{l2}
{l3}
"""


def card(dob: str, l2: str = L2) -> str:
    return CARD_FRONT.format(dob=dob) + "\f" + CARD_BACK.format(l1=L1, l2=l2, l3=L3)


def test_zone_fills_a_date_of_birth_the_front_left_unread() -> None:
    ex = extract(document_from_text(card("24 l O [ 2 O O 1")))
    assert ex.doc_type == "citizen_id"
    dob = ex.values["date_of_birth"]
    assert dob.value == "1990-05-10" and "mrz" in dob.flags and dob.page == 2 and dob.bbox
    assert any("check digit" in r for r in dob.repairs)


def test_zone_confirms_the_printed_side() -> None:
    ex = extract(document_from_text(card("10/05/1990")))
    assert "mrz_confirmed" in ex.values["date_of_birth"].flags
    assert "mrz_confirmed" in ex.values["id_number"].flags
    assert ex.values["expiry_date"].value == "2030-05-10"


def test_zone_contradicting_the_printed_side_is_flagged_with_its_value() -> None:
    ex = extract(document_from_text(card("16/05/1990")))
    dob = ex.values["date_of_birth"]
    assert dob.value == "1990-05-16"  # the printed value is kept
    assert "mrz_mismatch:1990-05-10" in dob.flags


def test_back_alone_is_a_citizen_id() -> None:
    ex = extract(document_from_text(CARD_BACK.format(l1=L1, l2=L2, l3=L3)))
    assert ex.doc_type == "citizen_id"
    assert ex.values["id_number"].value == "096190001234"


def test_front_and_back_scanned_apart_are_one_card() -> None:
    from extractors import join_card_sides

    front = extract(document_from_text(CARD_FRONT.format(dob="16/05/1990")))
    back = extract(document_from_text(CARD_BACK.format(l1=L1, l2=L2, l3=L3)))
    other = extract(document_from_text("GIẤY KHAI SINH\nHọ, chữ đệm, tên: LÊ MINH KHANG\n"))
    ((f, b, card_),) = join_card_sides([other, back, front])
    assert (f, b) == (2, 1)
    assert card_.values["full_name"].value == "Trần Thị Mai"
    assert card_.values["issue_date"].value == "2022-06-01"  # from the back
    assert "mrz_mismatch:1990-05-10" in card_.values["date_of_birth"].flags
    assert "mrz_confirmed" in card_.values["id_number"].flags


# --- digits read as other digits: repaired where two checks pin one answer (session 19) -------


def test_a_date_digit_read_as_its_look_alike_is_repaired_when_both_checks_pin_it() -> None:
    # 0 read as 9 under motion blur: the date's check and the composite leave one candidate
    z = parse_td1(L1, "9095101F3005109VNM<<<<<<<<<<<8")
    assert z is not None and z.birth == "1990-05-10"
    assert any("birth date 909510 → 900510" in r for r in z.repairs)
    z = parse_td1(L1, "9005101F3095109VNM<<<<<<<<<<<8")
    assert z is not None and z.expiry == "2030-05-10"


def test_a_date_digit_with_no_look_alike_fix_is_refused() -> None:
    # 1 for 0 is no look-alike pair: refused although a one-digit change would hold both checks
    assert parse_td1(L1, "9005111F3005109VNM<<<<<<<<<<<8") is None


def test_the_ids_last_digits_are_read_from_the_document_number_printed_before_them() -> None:
    z = parse_td1("IDVNM1900012342096190001284<<5", L2)
    assert z is not None and z.id_number == "096190001234"
    assert any("as the document number gives it" in r for r in z.repairs)


def test_a_zero_read_with_a_mark_is_a_zero_of_the_zone() -> None:
    z = parse_td1("IDVNM19ÔÔÔ1234209619ØØØ1234<<5", L2)
    assert z is not None and z.id_number == "096190001234"


# --- zones read with characters doubled or mangled (blind dev seed 234, session 19) ------------


def test_a_final_one_read_as_a_bracket_and_a_doubled_letter_in_vnm() -> None:
    z = parse_td1(L1, L2.replace("VNM", "VNWNM"))  # "VNWNM": a letter read twice
    assert z is not None and z.id_number == "096190001234"
    # a card whose ID's check digit is 1, that 1 at the line's end read as "]"
    pid = "096190001209"
    line1 = f"IDVNM{pid[-9:]}{check_digit(pid[-9:])}{pid}<<{check_digit(pid)}"
    assert line1.endswith("1")
    line2 = L2[:-1] + str(check_digit(line1[5:] + L2[:7] + L2[8:15] + "<" * 11))
    assert parse_td1(line1, line2) is not None
    z = parse_td1(line1[:-1] + "]", line2)
    assert z is not None and z.id_number == pid


def test_two_stray_characters_in_line_two_are_left_out_when_the_card_agrees_with_itself() -> None:
    # a digit doubled in the birth date and one in the expiry ("08506269M30606265…")
    z = parse_td1(L1, "99005101F30055109VNM<<<<<<<<<<<8")
    assert z is not None and (z.birth, z.expiry) == ("1990-05-10", "2030-05-10")
    assert any("2 stray character" in r for r in z.repairs)


def test_a_line_one_garbled_past_its_shape_is_rebuilt_from_the_printed_id() -> None:
    # "TDVNHI/91161620095127/91116162<<2": its M read "HI", digits lost; line 2's composite
    # check then holds for the printed number, and the zone confirms it
    ex = extract(
        document_from_text(
            CARD_FRONT.format(dob="10/05/1990")
            + "\f"
            + CARD_BACK.format(l1="TDVNHI/9000123/209619000/234<<5", l2=L2, l3=L3)
        )
    )
    assert "mrz_confirmed" in ex.values["id_number"].flags


def test_a_long_garbled_row_is_refused_without_trying_every_pair_of_cuts() -> None:
    # a row of 120 signs holding "VNM" under a line-1-like row: no reading, and only single
    # cuts are tried (pairs only for a line exactly two characters too long)
    from extractors.mrz import _shorter

    garbage = "7" * 60 + "VNM" + "<" * 57
    assert parse_td1("IDVNM" + "1" * 100, garbage) is None
    assert max(n for n, _ in _shorter(garbage, 80)) == 1
    assert max(n for n, _ in _shorter(L2 + "<<", 20)) == 2
