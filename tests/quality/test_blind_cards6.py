"""Issue 14, sixth pass: a card's date of birth read unsurely, read again by its expiry (the
birthday at 25, 40 or 60) and its số định danh (the birth year). Fictional data."""

from __future__ import annotations

from dataclasses import replace

from extractors.types import Extraction
from tests.quality.test_catalogue import ex, fails, passes

LOW = "correct.field.low_confidence"


def _unsure(e: Extraction, key: str, confidence: float) -> Extraction:
    fields = dict(e.fields)
    fields[key] = replace(fields[key], confidence=confidence)
    return Extraction(e.doc_type, e.doc_type_confidence, fields)


def test_unsure_birth_date_the_expiry_and_the_id_agree_with_is_not_in_doubt() -> None:
    # born 10/05/1990, card valid to 10/05/2030 (the 40th birthday), ID 096 1 90 …: read thrice
    passes(_unsure(ex("citizen_id"), "date_of_birth", 0.42), LOW)
    passes(_unsure(ex("citizen_id", drop=("issue_date",)), "date_of_birth", 0.29), LOW)


def test_unsure_birth_date_stays_in_doubt_when_a_check_does_not_hold() -> None:
    # the day differs from the expiry's
    fails(_unsure(ex("citizen_id", date_of_birth="1990-05-16"), "date_of_birth", 0.42), LOW)
    # the expiry is not a 25th / 40th / 60th birthday
    fails(_unsure(ex("citizen_id", expiry_date="2031-05-10"), "date_of_birth", 0.42), LOW)
    # the ID's year is another
    fails(_unsure(ex("citizen_id", id_number="096191001234"), "date_of_birth", 0.42), LOW)
    # the expiry itself read unsurely
    e = _unsure(ex("citizen_id"), "date_of_birth", 0.42)
    assert "date_of_birth" in {v.field for v in fails(_unsure(e, "expiry_date", 0.5), LOW)}
