"""Issue 14, fields pass 12: signs OCR made of a seal's edge, glare or a fingerprint standing as
words of their own ("¡", "€Ð", "¡ï", "®") are no legacy-encoded text; signs inside words of
ordinary letters still are. Fictional data."""

from __future__ import annotations

from tests.quality.test_catalogue import ex, fails, passes

RULE = "clean.text.no_legacy_code_points"


def test_speck_words_of_legacy_signs_are_no_legacy_text() -> None:
    text = (
        "CĂN CƯỚC CÔNG DÂN\nsố: 096190001234\n€Ð\nHọ và tên:\nTRẦN THỊ MAI\n"
        "Nơi thường trú: Ấp 1, xã Tân Lộc\n¡\n¡ï\nNgày 08 tháng 5 năm 2019\n®\nCỤC TRƯỞNG\n"
    )
    passes(ex("citizen_id"), RULE, text=text)
    # the same signs inside words of ordinary letters are a legacy font's
    legacy = text + "Hä vµ tªn: NguyÔn V¨n An, quª qu¸n: x· T©n Thµnh\n"
    fails(ex("citizen_id"), RULE, text=legacy)


def test_a_name_in_vni_is_legacy_text_and_vietnamese_vowel_pairs_are_not() -> None:
    from quality.rules.clean import legacy_problem

    assert legacy_problem("Trònh Coâng Huy") is not None  # VNI's "oâ" for ô
    assert legacy_problem("Nguyeãn Vaên An") is not None
    for name in ("Trần Xuân Tiên", "Hoàng Thuế", "Lê Muôn Hoãn", "Đoàn Văn Xoăn", "Ngô Bảo"):
        assert legacy_problem(name) is None, name


def test_the_template_s_name_placeholder_is_a_placeholder() -> None:
    from quality.rules.clean import _PLACEHOLDER

    assert _PLACEHOLDER.match("Họ và tên") and _PLACEHOLDER.match("(Họ tên)")
    assert not _PLACEHOLDER.match("Hồ Văn Tên")
