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


# --- R-D2 is a block: a level of government gone on the document's date --------------------------
def test_district_or_merged_province_after_the_reform_is_an_error() -> None:
    rule = "correct.address.level_on_date"
    passes(ex("land_use_certificate"), rule)  # Phường Tân Thành, Tỉnh Cà Mau in 2025-09
    old = "Xã Tân Thành, Huyện Thới Bình, Tỉnh Cà Mau"
    passes(ex("land_use_certificate", address=old, issue_date="2025-06-30"), rule)
    v = fails(ex("land_use_certificate", address=old, issue_date="2025-07-01"), rule)
    assert v[0].field == "address" and v[0].severity == "error"
    fails(ex("application_form", address="Phường 1, Tỉnh Bạc Liêu", request_date="2026-02-01"), rule)
    # a commune name not in the list may be a misreading: the warning only
    e = ex("land_use_certificate", address="Phường Không Có, Tỉnh Cà Mau")
    passes(e, rule)
    fails(e, "correct.address.unit_valid_on_date")
    _, verdict = run(ex("land_use_certificate", address=old, issue_date="2026-01-10"), rule)
    assert verdict.status == "rejected"


def test_an_agency_gone_on_the_document_date_rejects_it() -> None:
    _, verdict = run(
        ex("administrative_decision", issuing_agency="ỦY BAN NHÂN DÂN HUYỆN U MINH"),
        "correct.agency.existed_on_document_date",
    )
    assert verdict.status == "rejected"


def test_specimen_name_is_a_placeholder() -> None:
    rule = "clean.value.no_placeholder"
    v = fails(ex("administrative_decision", signer_name="Nguyễn Văn A"), rule)
    assert [x.field for x in v] == ["signer_name"]
    fails(ex("application_form", applicant_name="Trần Thị B"), rule)
    passes(ex("administrative_decision", signer_name="Nguyễn Văn An"), rule)
    passes(ex("administrative_decision", subject="Phân loại nhóm A"), rule)  # not a name field


def test_number_words_with_a_tone_misread() -> None:
    from quality.reference import words_to_number

    assert words_to_number("Mười tám nghìn bốn trăm bốn mươi lắm mét vuông") == 18445
    assert words_to_number("hai tram") == 200
    assert words_to_number("hai muoi") is None  # mười or mươi: not guessed


def test_a_card_s_birth_registration_in_a_split_commune_is_history_not_a_choice() -> None:
    old = "Phường 6, Thành phố Cà Mau, Tỉnh Cà Mau"  # split between 32025 and 32041
    for key in ("place_of_birth_registration", "place_of_origin"):
        o, verdict = run(ex("citizen_id", **{key: old}), "live.address.current_unit")
        assert o.passed and o.evaluated >= 1, key
        assert verdict.annotations["units"][key]["candidates"] == ["32025", "32041"]
    # where the holder lives, on a card issued after the reform, still asks for the new commune
    fails(ex("citizen_id", place_of_residence=old, issue_date="2025-09-01"), "live.address.current_unit")
