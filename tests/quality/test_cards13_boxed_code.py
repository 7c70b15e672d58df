"""Issue 14: a mã số doanh nghiệp read box by box is scored with its box rules; its check digit,
which fails on any one digit misread, confirms it (fictional data)."""

from __future__ import annotations

from tests.quality.test_blind_fields5 import _flag
from tests.quality.test_blind_fixes import LOW, with_confidence
from tests.quality.test_catalogue import ex, fails, passes


def test_enterprise_code_read_box_by_box_whose_check_digit_holds_is_not_in_doubt() -> None:
    e = with_confidence(ex("business_registration"), enterprise_code=0.0)
    fails(e, LOW)  # not boxed: the floor holds it
    passes(_flag(e, "enterprise_code", "boxed"), LOW)
    bad = with_confidence(ex("business_registration", enterprise_code="0312345679"), enterprise_code=0.0)
    v = fails(_flag(bad, "enterprise_code", "boxed"), LOW)
    assert [x.field for x in v] == ["enterprise_code"]


def test_a_date_the_page_writes_in_words_too_is_not_in_doubt() -> None:
    e = with_confidence(ex("birth_certificate"), date_of_birth=0.0)
    fails(e, LOW)
    passes(_flag(e, "date_of_birth", "words_confirmed"), LOW)
