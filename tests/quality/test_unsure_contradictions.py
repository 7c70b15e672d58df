"""An error that rests on a value read unsurely goes to a person, not to rejection.

Regression (2026-12-03): the demo's marriage certificate printed the wife's birth date
09/09/1983; OCR read 09/09/1985 at confidence 0.58, and `correct.personal_id.birth_year_matches`
(naming the sure ID, not the unsure date) rejected a valid document. A cross-field check now
records the other fields it compared (`Violation.related`), and the verdict counts them.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.types import Extraction
from tests.quality.test_catalogue import ex, run

BIRTH_YEAR = "correct.personal_id.birth_year_matches"


def with_confidence(e: Extraction, **conf: float) -> Extraction:
    return Extraction(
        e.doc_type,
        e.doc_type_confidence,
        {k: replace(f, confidence=conf.get(k, f.confidence)) for k, f in e.fields.items()},
    )


def test_an_id_contradicted_by_an_unsurely_read_birth_date_goes_to_review() -> None:
    misread = ex("marriage_certificate", wife_date_of_birth="1999-05-10")  # the ID says 1990
    o, verdict = run(with_confidence(misread, wife_date_of_birth=0.58), BIRTH_YEAR)
    assert [(v.field, v.related) for v in o.violations] == [("wife_id_number", ("wife_date_of_birth",))]
    assert verdict.status == "needs_review"


def test_the_same_contradiction_read_surely_is_rejected() -> None:
    o, verdict = run(ex("marriage_certificate", wife_date_of_birth="1999-05-10"), BIRTH_YEAR)
    assert not o.passed
    assert verdict.status == "rejected"


def test_dates_out_of_order_rest_on_both_dates() -> None:
    e = ex("citizen_id", issue_date="1980-01-01")  # issued before birth
    _, sure = run(e, "correct.date.ordered")
    assert sure.status == "rejected"
    o, unsure = run(with_confidence(e, date_of_birth=0.5), "correct.date.ordered")
    assert any("date_of_birth" in v.related for v in o.violations)
    assert unsure.status == "needs_review"
