"""A name word without a vowel is no Vietnamese syllable: TCVN3 text read as Latin-1 whose
symbols OCR dropped ('NguyÔn V¨n S¬n' → 'Nguyôn Vn Sn'), or a misread; a person reads the
name (review). Fictional data."""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction, FieldValue
from quality import judge

TODAY = date(2026, 12, 3)
RULE = "clean.name.syllables"


def _marriage(husband: str) -> Extraction:
    values = {
        "husband_name": husband,
        "wife_name": "Đào Thị Hằng",
        "husband_date_of_birth": "1988-07-24",
        "wife_date_of_birth": "1990-01-22",
        "registration_date": "2017-06-17",
        "registration_number": "49",
        "registration_place": "Ủy ban nhân dân xã Tân Lộc, huyện Thới Bình, tỉnh Cà Mau",
    }
    return Extraction(
        "marriage_certificate",
        0.95,
        {k: FieldValue(v, v, 0.95, 1, (0, 0, 9, 9), "ocr") for k, v in values.items()},
    )


def test_a_name_word_without_a_vowel_goes_to_review() -> None:
    verdict = judge(_marriage("Nguyôn Vn Sn"), today=TODAY)
    found = [v for v in verdict.violations if v.rule == RULE]
    assert [v.field for v in found] == ["husband_name"]
    assert verdict.status == "needs_review"


def test_vietnamese_and_minority_names_pass() -> None:
    for name in ("Lý Văn Toàn", "Y Bih Niê", "H'Hen Niê", "Ksor Y Phun", "Nguyễn Thị Ý"):
        verdict = judge(_marriage(name), today=TODAY)
        assert RULE not in {v.rule for v in verdict.violations}, name
        assert verdict.status == "accepted", (name, verdict.violations)
