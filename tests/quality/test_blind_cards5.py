"""Issue 14, fifth pass: the full-text legacy-encoding check on a card photo's OCR (fictional
data)."""

from __future__ import annotations

from tests.quality.test_catalogue import ex, fails, passes

LEGACY = "clean.text.no_legacy_code_points"

# What OCR makes of a card's small English glosses: ø for o after a consonant, a digit, a space.
CARD_OCR = (
    "CĂN CƯỚC\nSố định danh cá nhân / Personal identification number: 096190001234\n"
    "Họ, chữ đệm và tên khai sinh / Surname, middle name and given name: TRẦN THỊ MAI\n"
    "Ngày sinh / 0øte øƒ birth: 10/05/1990\nNơi cư trú / #øce øƒ residence: Ấp Tân Hưng, xã Tân Thành\n"
    "Ngày, tháng, năm cấp / Døte of issue: 01/07/2024\nNgày, tháng, năm hết hạn / Døte of expiry: 10/05/2030\n"
)


def test_oslash_after_a_consonant_or_a_space_is_ocr_not_vni() -> None:
    passes(ex("citizen_id"), LEGACY, text=CARD_OCR)


def test_vni_text_with_oslash_after_its_vowels_still_fails() -> None:
    vni = CARD_OCR + "Nôi thöôøng truù: Soá 12, ñöôøng Leâ Lôïi, phöôøng Taân Thaønh, thaønh phoá Caø Mau\n"
    fails(ex("citizen_id"), LEGACY, text=vni)
    fails(ex("citizen_id", full_name="Nguyeãn Vaên Huøng"), LEGACY, text=CARD_OCR)


def test_zone_unread_names_the_number_a_reviewer_compares_with_it() -> None:
    from datetime import date

    from quality import judge

    e = ex("citizen_id")
    e = type(e)(e.doc_type, e.doc_type_confidence, e.fields, {"mrz": "unread"})
    verdict = judge(e, today=date(2026, 12, 3))
    (v,) = [v for v in verdict.violations if v.rule == "correct.citizen_id.mrz_read"]
    assert v.field == "id_number"
    assert verdict.status == "needs_review"
