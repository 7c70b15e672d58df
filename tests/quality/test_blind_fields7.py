"""Issue 14, seventh pass: a key value read unsurely but confirmed by a second reading on the same
document is not sent to review (R-D5). Fictional data."""

from __future__ import annotations

from dataclasses import replace

from extractors.types import Extraction
from tests.quality.test_catalogue import ex, fails, passes

LOW = "correct.field.low_confidence"


def unsure(e: Extraction, key: str, confidence: float, raw: str | None = None, flags=()) -> Extraction:
    fields = dict(e.fields)
    f = fields[key]
    fields[key] = replace(
        f, confidence=confidence, raw=raw if raw is not None else f.raw, flags=(*f.flags, *flags)
    )
    return Extraction(e.doc_type, e.doc_type_confidence, fields)


FORM = (
    "TỜ KHAI ĐĂNG KÝ KHAI SINH\nKính gửi: Ủy ban nhân dân Phường An Xuyên\n"
    "1. Họ, chữ đệm và tên: TRẦN THỊ MAI\n2. Ngày, tháng, năm sinh: 10/05/1990\n"
    "Cà Mau, ngày 18 tháng 01 năm 2026\nNGƯỜI LÀM ĐƠN\n(Ký, ghi rõ họ tên)\n{signed}\n"
)


def test_applicant_name_printed_again_under_the_signature_is_read_twice() -> None:
    e = unsure(ex("application_form"), "applicant_name", 0.68, raw="TRẦN THỊ MAI")
    passes(e, LOW, text=FORM.format(signed="Trần Thị Mai"))
    # the name under the signature read otherwise: one reading only, a person checks it
    v = fails(e, LOW, text=FORM.format(signed="Trần Thị Mại"))
    assert [x.field for x in v] == ["applicant_name"]
    # a name the page holds only on its own line is no second reading
    fails(e, LOW, text=FORM.format(signed=""))


def test_a_repaired_name_needs_one_other_line_that_prints_it_so() -> None:
    # "NGUYÊN" repaired to "Nguyễn": the field's own line holds the raw reading, not the value
    e = unsure(
        ex("application_form", applicant_name="Nguyễn Thị Mai"), "applicant_name", 0.6, raw="NGUYÊN THỊ MAI"
    )
    text = FORM.replace("TRẦN THỊ MAI", "NGUYÊN THỊ MAI")
    passes(e, LOW, text=text.format(signed="Nguyễn Thị Mai"))
    fails(e, LOW, text=text.format(signed="Nguyên Thị Mai"))


def test_card_name_the_zone_spells_letter_for_letter_is_not_in_doubt() -> None:
    passes(unsure(ex("citizen_id"), "full_name", 0.67, flags=("mrz_name",)), LOW)
    fails(unsure(ex("citizen_id"), "full_name", 0.67), LOW)
    # below the floor even the zone's letters do not vouch for the marks
    fails(unsure(ex("citizen_id"), "full_name", 0.2, flags=("mrz_name",)), LOW)


def test_register_number_read_as_a_plain_numeral_is_not_in_doubt() -> None:
    passes(unsure(ex("marriage_certificate"), "registration_number", 0.49), LOW)
    passes(unsure(ex("birth_certificate", registration_number="138"), "registration_number", 0.38), LOW)
    # the form's leader line read after it ("322_") is no repair
    passes(
        unsure(ex("birth_certificate", registration_number="322"), "registration_number", 0.62, raw="322_"),
        LOW,
    )
    # repaired from look-alikes, too long, or below the floor: a person reads it
    fails(unsure(ex("marriage_certificate"), "registration_number", 0.49, raw="4S"), LOW)
    fails(unsure(ex("marriage_certificate", registration_number="1234567"), "registration_number", 0.49), LOW)
    fails(unsure(ex("marriage_certificate"), "registration_number", 0.2), LOW)


def test_an_error_resting_on_a_printed_value_the_zone_reads_otherwise_goes_to_review() -> None:
    from datetime import date

    from quality import judge

    # printed expiry misread 2030 → 2010: before the issue date and against the age rule; the
    # card's zone reads 2030 — two readings disagree: a person compares them, nothing rejected
    e = ex("citizen_id", date_of_birth="1990-08-07", issue_date="2024-08-16", expiry_date="2010-08-07")
    rejected = judge(e, today=date(2026, 12, 5))
    assert rejected.status == "rejected"
    e = unsure(e, "expiry_date", 0.95, flags=("mrz_mismatch:2030-08-07",))
    v = judge(e, today=date(2026, 12, 5))
    assert v.status == "needs_review"
    assert any(x.rule == "correct.citizen_id.mrz_matches_printed" for x in v.violations)


def test_not_yet_updated_is_a_placeholder() -> None:
    v = fails(ex("business_registration", head_office_address="Chưa cập nhật"), "clean.value.no_placeholder")
    assert [x.field for x in v] == ["head_office_address"]
    passes(ex("business_registration"), "clean.value.no_placeholder")


def test_representative_id_is_checked_against_the_sex_the_certificate_prints() -> None:
    rule = "correct.personal_id.sex_digit_matches"
    e = ex("business_registration")
    pid = e.fields["legal_representative_id_number"].value
    male = int(pid[3]) % 2 == 0
    right = Extraction(
        e.doc_type,
        e.doc_type_confidence,
        e.fields,
        notes={"legal_representative_sex": "Nam" if male else "Nữ"},
    )
    wrong = Extraction(
        e.doc_type,
        e.doc_type_confidence,
        e.fields,
        notes={"legal_representative_sex": "Nữ" if male else "Nam"},
    )
    passes(right, rule)
    v = fails(wrong, rule)
    assert [x.field for x in v] == ["legal_representative_id_number"]


def test_area_words_split_by_table_rules_are_read_whole() -> None:
    rule = "correct.amount.figures_match_words"
    text = (
        "| Diện tích\n(23.030 m? (Bằng chữ: Hai mươi ba nghìn không trăm ba\n|\n\n| mươi mét vuông)\n"
        "Hình thức sử dụng\n"
    )
    e = ex("land_use_certificate", area_m2="23030")
    passes(e, rule, text=text)
    fails(ex("land_use_certificate", area_m2="23003"), rule, text=text)
