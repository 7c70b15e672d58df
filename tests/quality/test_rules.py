"""Every rule: one passing and one failing case; then the verdict and its score."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from extractors.types import Extraction, FieldValue
from quality import RULES, RULES_VERSION, catalogue, judge
from quality.rules import REQUIRED_FIELDS, legacy_problem, mask, parse_iso

TODAY = date(2026, 11, 28)

GOOD = {
    "document_number": "12/QĐ-UBND",
    "document_kind": "QĐ",
    "issuing_agency": "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
    "issue_place": "Cà Mau",
    "issue_date": "2026-03-05",
    "subject": "phê duyệt Kế hoạch số hóa hồ sơ lưu trữ năm 2026",
    "signer_name": "Nguyễn Văn An",
    "signer_title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
}


def fv(value: str, confidence: float = 0.95, raw: str | None = None) -> FieldValue:
    return FieldValue(value, raw if raw is not None else value, confidence, 1, (0, 0, 10, 10), "ocr")


def extraction(doc_type: str = "administrative_decision", drop=(), conf=None, **override) -> Extraction:
    values = {**GOOD, **override}
    fields = {k: fv(v, (conf or {}).get(k, 0.95)) for k, v in values.items() if k not in drop}
    return Extraction(doc_type, 0.95, fields)


def outcome(ex: Extraction, rule_id: str, text: str | None = None):
    verdict = judge(ex, today=TODAY, text=text)
    (o,) = [o for o in verdict.outcomes if o.rule == rule_id]
    return o


def test_good_document_is_accepted() -> None:
    verdict = judge(extraction(), today=TODAY)
    assert verdict.status == "accepted"
    assert verdict.score == 1.0
    assert verdict.rules_version == RULES_VERSION
    exported = verdict.export()
    assert {k: exported[k] for k in ("status", "score", "violations")} == {
        "status": "accepted",
        "score": 1.0,
        "violations": [],
    }
    assert exported["criteria"] == {"correct": 1.0, "complete": 1.0, "clean": 1.0, "live": 1.0}
    assert set(exported["fields"].values()) == {"accepted"}


# --- correct.document_number.format --------------------------------------------------------
@pytest.mark.parametrize(
    ("doc_type", "kind", "number"),
    [
        ("administrative_decision", "QĐ", "12/QĐ-UBND"),
        ("administrative_decision", "QĐ", "05/QĐ-SGDĐT"),
        ("administrative_decision", "QĐ", "12/2024/QĐ-UBND"),  # VBQPPL with year
        ("official_letter", "CV", "1234/UBND-VP"),  # công văn
        ("official_letter", "CV", "56/STC-NS"),
        ("official_letter", "TTr", "07/TTr-SXD"),
        ("official_letter", "TB", "45/TB-UBND"),
        ("official_letter", "KH", "05/KH-UBND-VP"),
    ],
)
def test_document_number_format_passes(doc_type: str, kind: str, number: str) -> None:
    o = outcome(
        extraction(doc_type, document_number=number, document_kind=kind), "correct.document_number.format"
    )
    assert o.evaluated == 1 and o.passed


@pytest.mark.parametrize(
    ("doc_type", "kind", "number"),
    [
        ("administrative_decision", "QĐ", "12/XX-UBND"),  # type code not in PL III
        ("administrative_decision", "QĐ", "QĐ-UBND"),  # no number
        ("administrative_decision", "QĐ", "12/QĐ UBND"),
        ("administrative_decision", "QĐ", "123456/QĐ-UBND"),
        ("official_letter", "TB", "1234/UBND-VP"),  # says TB but has no type code
        ("administrative_decision", "QĐ", "12/0024/QĐ-UBND"),
    ],
)
def test_document_number_format_fails(doc_type: str, kind: str, number: str) -> None:
    o = outcome(
        extraction(doc_type, document_number=number, document_kind=kind), "correct.document_number.format"
    )
    assert not o.passed
    (v,) = o.violations
    assert v.severity == "error" and v.criterion == "correct" and v.field == "document_number"
    assert v.values == (number,)
    assert "Số, ký hiệu" in v.message and "Document number" in v.message


def test_document_number_rule_skips_when_absent() -> None:
    assert outcome(extraction(drop=("document_number",)), "correct.document_number.format").evaluated == 0


# --- correct.issue_date.* ------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2026-03-05", "2026-03", "2026", "2024-02-29"])
def test_issue_date_valid_passes(value: str) -> None:
    assert outcome(extraction(issue_date=value), "correct.issue_date.valid").passed


@pytest.mark.parametrize("value", ["2026-02-31", "05/03/2026", "2023-02-29", "2026-13", "ngày 05"])
def test_issue_date_valid_fails(value: str) -> None:
    o = outcome(extraction(issue_date=value), "correct.issue_date.valid")
    assert not o.passed and o.violations[0].severity == "error"


def test_issue_date_not_in_future() -> None:
    assert outcome(extraction(issue_date="2026-11-28"), "correct.issue_date.not_in_future").passed
    assert outcome(extraction(issue_date="2026-11"), "correct.issue_date.not_in_future").passed
    o = outcome(extraction(issue_date="2026-11-29"), "correct.issue_date.not_in_future")
    assert not o.passed and o.violations[0].values == ("2026-11-29",)
    assert not outcome(extraction(issue_date="2027"), "correct.issue_date.not_in_future").passed


# --- correct.field.low_confidence -----------------------------------------------------------
def test_low_confidence() -> None:
    o = outcome(extraction(), "correct.field.low_confidence")
    assert o.passed and o.evaluated == 5
    o = outcome(
        extraction(conf={"document_number": 0.25, "issue_place": 0.1}), "correct.field.low_confidence"
    )
    (v,) = o.violations  # issue_place is not a key field
    assert v.field == "document_number" and v.severity == "warning"
    assert "0.25" in v.message


def test_low_confidence_trusts_human_review() -> None:
    ex = extraction()
    fields = dict(ex.fields)
    fields["subject"] = FieldValue("x y z", "x y z", 0.3, 1, None, "review")
    assert outcome(Extraction(ex.doc_type, 0.9, fields), "correct.field.low_confidence").passed


# --- complete.* ------------------------------------------------------------------------------
def test_required_fields_present() -> None:
    o = outcome(extraction(drop=("signer_name",)), "complete.required_fields.present")
    assert o.passed and o.evaluated == len(REQUIRED_FIELDS["administrative_decision"])
    o = outcome(extraction(drop=("issue_date", "subject")), "complete.required_fields.present")
    assert {v.field for v in o.violations} == {"issue_date", "subject"}
    assert all(v.severity == "error" and v.criterion == "complete" for v in o.violations)


def test_recommended_fields_present() -> None:
    assert outcome(extraction(), "complete.recommended_fields.present").passed
    o = outcome(extraction(drop=("signer_name",)), "complete.recommended_fields.present")
    assert [v.field for v in o.violations] == ["signer_name"]
    assert o.violations[0].severity == "warning"


def test_doc_type_known() -> None:
    assert outcome(extraction(), "complete.doc_type.known").passed
    verdict = judge(Extraction("unknown", 0.0, {}), today=TODAY)
    assert verdict.status == "needs_review"
    assert [v.rule for v in verdict.violations] == ["complete.doc_type.known"]
    assert verdict.score == 0.0


# --- clean.* -----------------------------------------------------------------------------------
def test_nfc() -> None:
    assert outcome(extraction(), "clean.text.nfc", text="Cà Mau").passed
    nfd = unicodedata.normalize("NFD", "Cà Mau")
    o = outcome(extraction(issue_place=nfd), "clean.text.nfc")
    assert [v.field for v in o.violations] == ["issue_place"] and o.violations[0].severity == "warning"
    o = outcome(extraction(), "clean.text.nfc", text=nfd)
    assert [v.field for v in o.violations] == [None]


@pytest.mark.parametrize("text", ["Nguyễn Văn An", "Đồng Tháp", "1.234,5 m²", "ĐÔNG HẢI", "Hoà Bình"])
def test_no_legacy_code_points_passes(text: str) -> None:
    assert legacy_problem(text) is None
    assert outcome(extraction(subject=text), "clean.text.no_legacy_code_points").passed


@pytest.mark.parametrize("text", ["Ðồng Tháp", "Hµ Néi", "NguyÔn V¨n An", "ð"])
def test_no_legacy_code_points_fails(text: str) -> None:
    o = outcome(extraction(subject=text), "clean.text.no_legacy_code_points")
    (v,) = o.violations
    assert v.field == "subject" and v.severity == "warning" and v.criterion == "clean"


def test_legacy_in_full_text_needs_more_than_one_sign() -> None:
    assert outcome(extraction(), "clean.text.no_legacy_code_points", text="Nhiệt độ 30° ¶").passed
    o = outcome(extraction(), "clean.text.no_legacy_code_points", text="Uû ban nh©n d©n tØnh Cµ Mau")
    assert [v.field for v in o.violations] == [None]


@pytest.mark.parametrize("value", ["…", "...", "x", "X", "/", "-", "0", "00/00/0000", "không rõ", " "])
def test_no_placeholder_fails(value: str) -> None:
    o = outcome(extraction(issue_place=value), "clean.value.no_placeholder")
    assert [v.field for v in o.violations] == ["issue_place"]
    assert o.violations[0].severity == "error"
    assert judge(extraction(issue_place=value), today=TODAY).status == "rejected"


def test_no_placeholder_passes_and_checks_zero_dates_in_raw() -> None:
    assert outcome(extraction(), "clean.value.no_placeholder").passed
    assert outcome(extraction(issue_place="Xã X"), "clean.value.no_placeholder").passed
    ex = extraction()
    fields = dict(ex.fields)
    fields["issue_date"] = fv("2024", raw="00/00/2024")
    o = outcome(Extraction(ex.doc_type, 0.9, fields), "clean.value.no_placeholder")
    assert [v.field for v in o.violations] == ["issue_date"]


# --- live.* ------------------------------------------------------------------------------------
def test_issue_date_known() -> None:
    assert outcome(extraction(), "live.issue_date.known").passed
    o = outcome(extraction(issue_date="2026-03"), "live.issue_date.known")
    assert not o.passed and o.violations[0].severity == "warning" and o.violations[0].criterion == "live"
    assert not outcome(extraction(drop=("issue_date",)), "live.issue_date.known").passed
    assert outcome(Extraction("citizen_id", 0.9, {}), "live.issue_date.known").evaluated == 0


# --- verdict -----------------------------------------------------------------------------------
def test_status_error_beats_warning() -> None:
    v = judge(extraction(conf={"subject": 0.5}), today=TODAY)
    assert v.status == "needs_review" and 0 < v.score < 1
    v = judge(extraction(conf={"subject": 0.5}, issue_date="2099-01-01"), today=TODAY)
    assert v.status == "rejected"
    assert {x.severity for x in v.violations} == {"error", "warning"}


def test_score_weights_errors_above_warnings() -> None:
    warn = judge(extraction(conf={"subject": 0.5}), today=TODAY).score
    err = judge(extraction(document_number="12/XX-UBND"), today=TODAY).score
    assert err < warn < 1.0


def test_catalogue_is_complete_and_bilingual() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    required = {
        "correct.document_number.format",
        "correct.issue_date.valid",
        "correct.issue_date.not_in_future",
        "correct.field.low_confidence",
        "complete.required_fields.present",
        "clean.text.nfc",
        "clean.text.no_legacy_code_points",
        "clean.value.no_placeholder",
        "live.issue_date.known",
    }
    assert required <= set(ids)
    for entry in catalogue():
        assert entry["id"].split(".")[0] == entry["criterion"]
        assert entry["severity"] in ("error", "warning", "info")
        assert entry["reason"] and entry["message_vi"] and entry["message_en"]


def test_mask_and_iso_helpers() -> None:
    assert mask("096190001234") == "096******234"
    assert parse_iso("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_iso("2024-02-30") is None


def test_personal_identifiers_are_masked_in_messages() -> None:
    ex = Extraction("citizen_id", 0.9, {"id_number": fv("096190001234", 0.5), "full_name": fv("Lê Văn Tám")})
    (v,) = [v for v in judge(ex, today=TODAY).violations if v.rule == "correct.field.low_confidence"]
    assert "096190001234" not in v.message and "096******234" in v.message
    assert v.values == ("096190001234",)  # the full value stays with the verdict, not the text
