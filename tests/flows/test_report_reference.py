"""Reference data from the warehouse through the rules: the 2025 traps on real code lists."""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction, FieldValue
from quality import judge

TODAY = date(2026, 11, 28)


def _ex(doc_type: str, **values: str) -> Extraction:
    return Extraction(doc_type, 0.9, {k: FieldValue(v, v, 0.95, 1, None, "ocr") for k, v in values.items()})


def _outcome(verdict, rule_id):
    (o,) = [o for o in verdict.outcomes if o.rule == rule_id]
    return o


def test_real_reference_code_80_and_split_commune(warehouse) -> None:
    from flows.quality_context import load_reference_context, load_reference_data

    assert all(r.created for r in load_reference_data(warehouse))
    assert not any(r.created for r in load_reference_data(warehouse))  # same version: no-op
    ref = load_reference_context(warehouse)
    assert ref is not None
    assert ref.list_on(date(2024, 1, 1)).provinces["80"].name == "Tỉnh Long An"
    assert ref.list_on(TODAY).provinces["80"].name == "Tỉnh Tây Ninh"
    assert len(ref.list_on(TODAY).provinces) == 34 and len(ref.list_on(TODAY).communes) == 3321

    rule = "correct.address.unit_valid_on_date"
    old = _ex(
        "land_use_certificate", address="Phường 1, Thành phố Tân An, Tỉnh Long An", issue_date="2020-01-10"
    )
    assert _outcome(judge(old, today=TODAY, reference=ref), rule).passed
    new = _ex("land_use_certificate", address="Phường 1, Tỉnh Long An", issue_date="2026-01-10")
    o = _outcome(judge(new, today=TODAY, reference=ref), rule)
    assert not o.passed and "Long An" in o.violations[0].message

    current = _ex("citizen_id", place_of_residence="Phường An Xuyên, Tỉnh Cà Mau", issue_date="2026-01-10")
    v = judge(current, today=TODAY, reference=ref)
    assert _outcome(v, rule).passed
    assert v.annotations["units"]["place_of_residence"]["commune_code"] == "32002"

    split = _ex(
        "marriage_certificate",
        registration_place="UBND Phường 6, Thành phố Cà Mau, Tỉnh Cà Mau",
        registration_date="2015-08-20",
    )
    v = judge(split, today=TODAY, reference=ref)
    # A registration place records where a past registration happened (issue 14): its split
    # commune is annotated with the candidates, not a failure; a residence must be current.
    assert _outcome(v, "live.address.current_unit").passed
    assert v.annotations["units"]["registration_place"]["candidates"] == ["32025", "32041"]
    assert v.annotations["units"]["registration_place"]["commune_code"] is None  # no silent pick
    # a residence on a card issued after the reform must be current (one issued before the
    # reform was valid on its date: mapped, not asked, tests/quality/test_address11_*)
    resident = _ex(
        "citizen_id", place_of_residence="Phường 6, Thành phố Cà Mau, Tỉnh Cà Mau", issue_date="2025-08-20"
    )
    v = judge(resident, today=TODAY, reference=ref)
    o = _outcome(v, "live.address.current_unit")
    assert not o.passed and o.violations[0].severity == "warning"
    assert v.annotations["units"]["place_of_residence"]["candidates"] == ["32025", "32041"]
    assert v.annotations["units"]["place_of_residence"]["commune_code"] is None
