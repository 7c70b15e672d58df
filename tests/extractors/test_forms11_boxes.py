"""An applicant's ID printed one digit per box (the CT01 / CC01 tờ khai) as OCR reads it: a box's
rule lost beside one read as "1", rules read as "i" or "Ì", cells with signs that are no digit, and
the rules of the boxes taken for look-alike 1s (issue 14, forms11). Fictional numbers."""

from __future__ import annotations

from extractors.forms import extract_application_form
from extractors.labels import normalize_value
from extractors.layout import segments
from extractors.normalize import box_cells, personal_id_without_extra_digits
from extractors.textdoc import document_from_text

WOMAN_1976_ID = "096176204851"  # fictional: Cà Mau, nữ, born 1976
HEAD = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI CĂN CƯỚC\n"
    "Kính gửi: Công an xã Tân Lộc\n1. Họ, chữ đệm và tên: LÊ THỊ HOA\n2. Ngày sinh: 20/04/1976\n"
    "3. Giới tính: Nữ\n"
)


def _form(id_line: str) -> dict:
    doc = document_from_text(
        HEAD + f"4. Số định danh cá nhân: {id_line}\n5. Số điện thoại liên hệ: 0912345678\n"
    )
    return extract_application_form(doc, "application_form", segments(doc))


def test_loose_box_reading_drops_a_rule_read_as_one_beside_a_lost_rule() -> None:
    garbled = "|0|9|6|1|7612|10|14|18|5|1"  # 7 6 2 with one rule read as 1, the other lost
    assert box_cells(garbled) == []
    assert box_cells(garbled, loose=True) == [WOMAN_1976_ID]
    fv = _form(garbled)["applicant_id_number"]
    assert fv.value == WOMAN_1976_ID and "repaired" in fv.flags and fv.repairs


def test_box_rules_read_as_i_or_i_grave_are_rules() -> None:
    fv = _form("[0Ì9Ì6|1Ì]7|6|2|0|4i8l5|1")["applicant_id_number"]
    assert fv.value == WOMAN_1976_ID


def test_boxes_with_signs_that_are_no_digit_are_unread_not_a_value() -> None:
    fv = _form("0 |9|6|1|ø|6|2|0|423|8 |1")["applicant_id_number"]
    assert fv.unread and fv.value == "" and fv.bbox is not None


def test_box_rules_are_not_look_alike_ones() -> None:
    # one cell unreadable ("?"): no number, never the rules read as 1s ("019161117161")
    assert normalize_value("personal_id", "0 |9 |6 |1 |7 |6 |? |0 |4 |8 |5 |1") is None


MAN_2003_ID = "096203458190"  # fictional: Cà Mau, nam, born 2003


def test_box_rules_read_as_dots_or_lost_between_two_digits() -> None:
    fv = _form("0.9/6/1/7/6/2./0/4/8/5/1.")["applicant_id_number"]  # every rule a "/" or a "."
    assert fv.value == WOMAN_1976_ID and not fv.unread
    # rules lost between digits read with a space (unread before): the reading of the birth year
    doc = document_from_text(
        HEAD.replace("20/04/1976", "02/06/2003") + "4. Số định danh cá nhân: |0 |9 |6|2|03 458/1 9I0\n"
    )
    fv = extract_application_form(doc, "application_form", segments(doc))["applicant_id_number"]
    assert fv.value == MAN_2003_ID and "repaired" in fv.flags


def test_a_box_rule_read_as_one_among_rules_read_as_other_signs() -> None:
    # "117": a rule read as 1; dropping the 5 would give another valid number (province 091),
    # the rules' 1s tell which digit is extra
    assert personal_id_without_extra_digits("09.5.117/0.9/3)7.5]5)2')", 1970) == "095170937552"


def test_an_id_read_out_of_boxes_whose_rules_are_other_signs_is_flagged_boxed() -> None:
    doc = document_from_text(
        HEAD.replace("20/04/1976", "12/10/1970") + "4. Số định danh cá nhân: 09.5.117/0.2/0)4.8]5)1')\n"
    )
    fv = extract_application_form(doc, "application_form", segments(doc))["applicant_id_number"]
    # scored with its box rules, like any boxed reading: quality cross-checks its digits instead
    assert fv.value == "095170204851" and "boxed" in fv.flags and "repaired" in fv.flags
