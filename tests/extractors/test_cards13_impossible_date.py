"""A date printed plainly with a day its month lacks is kept as printed, for the rules to judge
(issue 14): not left unread, never guessed into a real date."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.labels import normalize_value
from extractors.normalize import impossible_date
from extractors.types import Extraction, FieldValue
from quality import judge


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31/06/1983", "1983-06-31"),
        ("30-02-2020", "2020-02-30"),
        ("29/02/2023", "2023-02-29"),
        ("Hà Nội, ngày 31 tháng 6 năm 2024", "2024-06-31"),
    ],
)
def test_a_plain_impossible_date_is_kept_as_printed(text: str, iso: str) -> None:
    assert impossible_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "30/06/1983",  # real
        "29/02/2024",  # leap year: real
        "31/O6/1983",  # a look-alike digit: unsure, no value
        "31/06-1983",  # two separator kinds
        "31/06/1983 và 30/02/2020",  # two dates
        "32/06/1983",  # no month has a 32nd
        "31/13/1983",
    ],
)
def test_impossible_date_refused(text: str) -> None:
    assert impossible_date(text) is None


def test_the_date_field_keeps_it_and_the_rules_reject_it() -> None:
    value, conf, flags = normalize_value("date", "31/06/1983")
    assert (value, conf, flags) == ("1983-06-31", 1.0, ("impossible_date",))
    ex = Extraction(
        doc_type="citizen_id",
        doc_type_confidence=1.0,
        fields={"date_of_birth": FieldValue(value, "31/06/1983", conf, 1, (0, 0, 1, 1), flags=flags)},
    )
    verdict = judge(ex, today=date(2026, 12, 1))
    assert any(v.rule == "correct.date.valid" and v.field == "date_of_birth" for v in verdict.violations)
