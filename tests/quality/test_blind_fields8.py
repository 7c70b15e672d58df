"""Issue 14, eighth pass: a TCVN3 name whose Đ OCR kept as "§" is legacy text, not a name
(R-C1). Fictional data."""

from __future__ import annotations

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
