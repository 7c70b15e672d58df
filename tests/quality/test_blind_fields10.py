"""Issue 14, tenth pass: "không" ("no") written where an address or a name should be is a
placeholder, not data; a value that merely contains the word is data. Fictional data."""

from __future__ import annotations

from tests.quality.test_catalogue import ex, fails, passes

RULE = "clean.value.no_placeholder"


def test_a_bare_khong_is_a_placeholder() -> None:
    assert fails(ex("application_form", address="không"), RULE)
    assert fails(ex("application_form", address="Không"), RULE)
    passes(ex("application_form", address="Ấp Không Tên, xã Tân Hưng, tỉnh Cà Mau"), RULE)
    passes(ex("application_form"), RULE)
