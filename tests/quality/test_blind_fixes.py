"""Issue 14: rules judged on documents sohoa did not draw (fictional data, blind-set findings)."""

from __future__ import annotations

from tests.quality.test_catalogue import ex, fails, passes

SEX_RULE = "correct.personal_id.sex_digit_matches"


# --- bên chồng is Nam, bên vợ Nữ: digit 4 of each spouse's ID is checked (Luật HN&GĐ 2014 Đ.8) ---
def test_spouse_ids_are_checked_against_the_side_of_the_form() -> None:
    passes(ex("marriage_certificate"), SEX_RULE)  # 096 0 88… (nam, 1900s), 096 1 90… (nữ)
    v = fails(ex("marriage_certificate", wife_id_number="096090001234"), SEX_RULE)  # digit 0 = nam
    assert [x.field for x in v] == ["wife_id_number"] and "Nữ" in v[0].message
    v = fails(ex("marriage_certificate", husband_id_number="096188004567"), SEX_RULE)  # digit 1 = nữ
    assert [x.field for x in v] == ["husband_id_number"] and "Nam" in v[0].message


def test_spouse_sex_is_not_implied_elsewhere_nor_on_a_legacy_cmnd() -> None:
    passes(ex("marriage_certificate", wife_id_number="361234567"), "correct.personal_id.structure")
    passes(ex("marriage_certificate", wife_id_number="361234567"), SEX_RULE)  # husband's still checked
    passes(ex("land_use_certificate", holder_id_number="096190001234"), "correct.personal_id.structure")
