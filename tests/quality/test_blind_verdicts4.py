"""Issue 14, fourth pass: reasons for review a person agrees with (fictional data)."""

from __future__ import annotations

from tests.quality.test_blind_fixes import LOW, with_confidence
from tests.quality.test_catalogue import ex, fails, passes, run


# --- an amount read unsurely in figures and surely in words, equal: read twice (R-D3) ------------
def test_area_that_equals_its_words_is_not_in_doubt() -> None:
    # TEXTS: "Diện tích: 1.234,5 m² (bằng chữ: một nghìn hai trăm ba mươi tư phẩy năm mét vuông)"
    passes(with_confidence(ex("land_use_certificate"), area_m2=0.31), LOW)
    v = fails(with_confidence(ex("land_use_certificate", area_m2="1243.5"), area_m2=0.31), LOW)
    assert [x.field for x in v] == ["area_m2"]
    # no words on the page: nothing read it a second time
    fails(with_confidence(ex("land_use_certificate"), area_m2=0.31), LOW, text="Diện tích: 1.234,5 m²")
    # below the floor a figure is close to a guess even when it happens to match
    fails(with_confidence(ex("land_use_certificate"), area_m2=0.2), LOW)


# --- no document date read: the list in force is unknown ---------------------------------------
def test_units_of_an_undated_card_are_not_judged_by_todays_list() -> None:
    rule = "correct.address.unit_valid_on_date"
    old = "Ấp 7, Xã Tân Thành, Huyện Thới Bình, Tỉnh Cà Mau"
    o, _ = run(ex("citizen_id", drop=("issue_date",), place_of_residence=old), rule)
    assert o.evaluated == 0 and o.passed
    fails(ex("citizen_id", issue_date="2025-09-01", place_of_residence=old), rule)
