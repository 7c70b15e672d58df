"""Issue 14, fields pass 5: a value read unsurely that another reading on the document confirms
is not sent to review (sex by the ID number, a card's expiry by the law, a tax code by its
check digit, any value by the card's zone); one they contradict still is. Fictional data."""

from __future__ import annotations

from dataclasses import replace

from extractors.types import Extraction
from tests.quality.test_blind_fixes import LOW, with_confidence
from tests.quality.test_catalogue import ex, fails, passes


def _flag(e: Extraction, key: str, flag: str) -> Extraction:
    fields = dict(e.fields)
    fields[key] = replace(fields[key], flags=(*fields[key].flags, flag))
    return Extraction(e.doc_type, e.doc_type_confidence, fields)


def test_sex_read_unsurely_that_the_id_number_agrees_with_is_not_in_doubt() -> None:
    passes(with_confidence(ex("citizen_id"), sex=0.26), LOW)  # 096 1 90…: female, born 1990
    # the number says male: a "Nữ" read unsurely stays in doubt (and the sex-digit rule names it)
    v = fails(with_confidence(ex("citizen_id", id_number="096090001234"), sex=0.26), LOW)
    assert "sex" in [x.field for x in v]
    # the number itself read at a guess confirms nothing
    v = fails(with_confidence(ex("citizen_id"), sex=0.26, id_number=0.2), LOW)
    assert "sex" in [x.field for x in v]
    # the number's year is not the birth date's: a misread number confirms nothing
    v = fails(with_confidence(ex("citizen_id", id_number="096191001234"), sex=0.26), LOW)
    assert "sex" in [x.field for x in v]


def test_card_expiry_read_unsurely_that_the_law_gives_is_not_in_doubt() -> None:
    passes(with_confidence(ex("citizen_id"), expiry_date=0.0), LOW)  # 40th birthday, issued at 32
    v = fails(with_confidence(ex("citizen_id", expiry_date="2030-05-18"), expiry_date=0.0), LOW)
    assert "expiry_date" in [x.field for x in v]
    # the dates it follows from read unsurely themselves: no confirmation
    v = fails(with_confidence(ex("citizen_id"), expiry_date=0.0, issue_date=0.5), LOW)
    assert "expiry_date" in [x.field for x in v]


def test_value_the_card_zone_confirms_is_not_in_doubt() -> None:
    # (no expiry: a card's expiry and number read the date of birth again, test_blind_cards6)
    e = with_confidence(ex("citizen_id", drop=("expiry_date",)), date_of_birth=0.4)
    fails(e, LOW)
    passes(_flag(e, "date_of_birth", "mrz_confirmed"), LOW)


def test_enterprise_code_whose_check_digit_holds_is_not_in_doubt() -> None:
    passes(with_confidence(ex("business_registration"), enterprise_code=0.5), LOW)
    bad = ex("business_registration", enterprise_code="0312345679")
    v = fails(with_confidence(bad, enterprise_code=0.5), LOW)
    assert [x.field for x in v] == ["enterprise_code"]
    # below the floor a code is close to a guess even when its check digit happens to hold
    fails(with_confidence(ex("business_registration"), enterprise_code=0.2), LOW)


def test_area_words_running_past_a_block_break_are_read_whole() -> None:
    rule = "correct.amount.figures_match_words"
    text = (
        "Diện tích: 21584m? (Bằng chữ: Hai mươi mốt nghìn năm trăm tám ....\n\n"
        "mươi bốn mét vuông)\n\nHình thức sử dụng: Sử dụng riêng"
    )
    passes(ex("land_use_certificate", area_m2="21584"), rule, text=text)
    v = fails(ex("land_use_certificate", area_m2="21548"), rule, text=text)
    assert v[0].field == "area_m2"


def test_id_read_box_by_box_is_not_held_by_the_confidence_floor() -> None:
    e = with_confidence(ex("citizen_id"), id_number=0.05)
    v = fails(e, LOW)
    assert [x.field for x in v] == ["id_number"]
    passes(_flag(e, "id_number", "boxed"), LOW)  # its structure checks out against the card
    # boxed but not holding against the birth date: still in doubt
    e = with_confidence(ex("citizen_id", id_number="096191001234"), id_number=0.05)
    fails(_flag(e, "id_number", "boxed"), LOW)


def test_applicant_line_printed_and_left_blank_goes_to_review() -> None:
    rule = "complete.form_lines.filled"
    e = ex("application_form", drop=("date_of_birth",))
    passes(e, rule)  # no line of it on the form: nothing to fill in
    noted = Extraction(e.doc_type, e.doc_type_confidence, e.fields, notes={"blank_lines": ["date_of_birth"]})
    v = fails(noted, rule)
    assert [x.field for x in v] == ["date_of_birth"] and v[0].severity == "warning"
    # not an application form: not this rule's
    o = ex("citizen_id")
    passes(
        Extraction(o.doc_type, 0.95, o.fields, notes={"blank_lines": ["date_of_birth"]}),
        "complete.doc_type.known",
    )


def test_card_glosses_and_zone_lines_ocr_garbled_are_no_legacy_text() -> None:
    rule = "clean.text.no_legacy_code_points"
    text = (
        "CĂN CƯỚC CÔNG DÂN\nHọ và tên / Full name: TRẦN THỊ MAI\n"
        "Ngày sinh / Dœe øƒ biah: 10/05/1990\nQuê quán / Place ðƒ origin: Phường 2, Cà Mau\n"
        "Đwfe ðƒ expiry\nNơi thường trú / Place øƒ residence: Phường 2, Cà Mau\n"
        "IDVNM1900012346096190001234<<6\n9005104F3005103VNM<<<<<<<<<<<4\nTRAN<<ÄTHI<ÑMAI<<<<<<<<<<<<<<\n"
    )
    passes(ex("citizen_id"), rule, text=text)
    # text in a legacy font on the card is still legacy text
    legacy = text + "Hä vµ tªn: NguyÔn V¨n An, quª qu¸n: x· T©n Thµnh, huyÖn Thíi B×nh\n"
    fails(ex("citizen_id"), rule, text=legacy)
