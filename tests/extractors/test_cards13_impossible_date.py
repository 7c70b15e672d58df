"""A date printed plainly with a day its month lacks is kept as printed, for the rules to judge
(issue 14): not left unread, never guessed into a real date."""

from __future__ import annotations

from dataclasses import replace
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


def test_a_date_the_page_writes_in_words_too_is_confirmed() -> None:
    from extractors import _confirm_dates_in_words

    text = (
        "Sinh ngày: 79/05/2023\n\nGhi bằng chữ: Ngày mười chín, tháng năm, năm hai nghìn không trăm hai\n"
        "mươi ba\n\nGiới tính: Nữ"
    )
    ok = FieldValue("2023-05-19", "79/05/2023", 0.41, 1, (0, 0, 1, 1), flags=("repaired",))
    other = FieldValue("2023-05-09", "09/05/2023", 0.41, 1, (0, 0, 1, 1))
    fields = {"date_of_birth": ok, "registration_date": other}
    _confirm_dates_in_words(fields, text)
    assert "words_confirmed" in fields["date_of_birth"].flags
    assert "words_confirmed" not in fields["registration_date"].flags  # the words say the 19th
    # the year's words broken over a block: the longest run that reads as a date
    fields = {"date_of_birth": replace(ok, value="2024-04-24")}
    _confirm_dates_in_words(
        fields,
        "Ghi bằng chữ: Ngày hai mươi bốn, tháng bốn, năm hai nghìn\n\nkhông trăm hai mươi tư\n\nDân tộc",
    )
    assert "words_confirmed" in fields["date_of_birth"].flags
