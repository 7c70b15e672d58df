"""Issue 14, eighth pass: a TCVN3 name whose Đ OCR kept as "§" is legacy text, not a name
(R-C1). Fictional data."""

from __future__ import annotations

from tests.quality.test_blind_fields7 import LOW, unsure
from tests.quality.test_catalogue import ex, fails, passes

LEGACY = "clean.text.no_legacy_code_points"


def test_name_word_opening_with_the_tcvn3_d_bar_is_legacy_text() -> None:
    e = ex("birth_certificate", father_name="Onn Hãng Huy", raw={"father_name": "§onn Hãng Huy"})
    v = fails(e, LEGACY)
    assert [x.field for x in v] == ["father_name"]
    # a "§" standing alone (a section sign in the text) or read as Đ and kept so is no sign
    passes(ex("birth_certificate", father_name="Đoàn Hồng Huy", raw={"father_name": "Đoàn Hồng Huy"}), LEGACY)
    passes(
        ex("birth_certificate", father_name="Đoàn Hồng Huy", raw={"father_name": "§ Đoàn Hồng Huy"}), LEGACY
    )


def test_land_register_number_of_a_printed_family_read_as_it_stands_is_not_in_doubt() -> None:
    for value in ("CS 01234", "CH 02442", "VP 2144", "H00681", "01248/QSDĐ"):
        passes(
            unsure(ex("land_use_certificate", register_number=value), "register_number", 0.77, raw=value), LOW
        )
    # repaired, of no such family, or below the floor: a person reads it
    fails(
        unsure(
            ex("land_use_certificate", register_number="CS 03245"), "register_number", 0.77, raw="CS O3245"
        ),
        LOW,
    )
    fails(
        unsure(ex("land_use_certificate", register_number="VP 2/16"), "register_number", 0.77, raw="VP 2/16"),
        LOW,
    )
    fails(
        unsure(
            ex("land_use_certificate", register_number="CS 01234"), "register_number", 0.2, raw="CS 01234"
        ),
        LOW,
    )
