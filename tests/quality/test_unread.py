"""Unread is not absent (issue 14): a label on the page whose value the machine could not read
sends the record to review under a rule of its own; `complete` rules judge only what the
document lacks. Fictional data."""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction, FieldValue, unread_field
from quality import judge

TODAY = date(2026, 12, 3)


def fv(value: str, confidence: float = 0.95) -> FieldValue:
    return FieldValue(value, value, confidence, 1, (0, 0, 10, 10), "ocr")


CARD = {
    "id_number": "096190001234",
    "full_name": "Trần Thị Mai",
    "date_of_birth": "1990-05-10",
    "sex": "Nữ",
    "issue_date": "2022-06-01",
    "expiry_date": "2030-05-10",
    "place_of_residence": "Phường 2, Tỉnh Cà Mau",
}
LETTER = {
    "document_number": "85/UBND-VP",
    "document_kind": "CV",
    "issuing_agency": "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
    "issue_place": "Cà Mau",
    "issue_date": "2026-03-05",
    "subject": "đề nghị cung cấp số liệu",
    "signer_name": "Nguyễn Văn An",
    "signer_title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
}


def card(**fields: FieldValue | None) -> Extraction:
    values = {k: fv(v) for k, v in CARD.items()}
    for k, v in fields.items():
        if v is None:
            values.pop(k)
        else:
            values[k] = v
    return Extraction("citizen_id", 0.95, values)


def rules(verdict) -> dict[str, list]:
    out: dict[str, list] = {}
    for v in verdict.violations:
        out.setdefault(v.rule, []).append(v)
    return out


def test_unread_date_of_birth_goes_to_review_not_rejection() -> None:
    label_box = (120, 400, 380, 440)
    verdict = judge(card(date_of_birth=unread_field(1, label_box, "Ngày sinh / Date of birth:")), today=TODAY)
    found = rules(verdict)
    assert verdict.status == "needs_review"
    assert "complete.required_fields.present" not in found
    (v,) = found["correct.field.unread"]
    assert v.field == "date_of_birth"
    assert verdict.fields["date_of_birth"] == "needs_review"


def test_absent_date_of_birth_is_incomplete() -> None:
    verdict = judge(card(date_of_birth=None), today=TODAY)
    found = rules(verdict)
    assert verdict.status == "rejected"
    assert [v.field for v in found["complete.required_fields.present"]] == ["date_of_birth"]
    assert "correct.field.unread" not in found


def test_read_fields_pass_the_unread_rule() -> None:
    verdict = judge(card(), today=TODAY)
    (o,) = [o for o in verdict.outcomes if o.rule == "correct.field.unread"]
    assert o.passed and verdict.status == "accepted"


def test_unread_field_is_kept_out_of_value_rules_and_identity() -> None:
    e = card(id_number=unread_field(1, (10, 10, 90, 30), "Số định danh cá nhân"))
    verdict = judge(e, today=TODAY)
    found = rules(verdict)
    assert "clean.value.no_placeholder" not in found and "correct.personal_id.structure" not in found
    assert verdict.identity is None  # an unread number identifies nothing
    assert "id_number" not in e.export_fields()
    assert e.export_unread()["id_number"]["value"] is None
    assert e.export_unread()["id_number"]["bbox"] == [10, 10, 90, 30]


def letter(notes: dict, **fields: FieldValue | None) -> Extraction:
    values = {k: fv(v) for k, v in LETTER.items()}
    for k, v in fields.items():
        if v is None:
            values.pop(k)
        else:
            values[k] = v
    return Extraction("official_letter", 0.9, values, notes=notes)


def test_signer_on_a_later_page_is_no_gap() -> None:
    e = letter({"signature_block": False}, signer_name=None, signer_title=None)
    verdict = judge(e, today=TODAY)
    assert verdict.status == "accepted", verdict.violations


def test_signer_missing_without_the_extractor_note_is_still_recommended() -> None:
    verdict = judge(letter({}, signer_name=None), today=TODAY)
    assert "complete.recommended_fields.present" in rules(verdict)


def test_signer_under_the_seal_is_noted_with_its_box() -> None:
    e = letter({"signature_block": True}, signer_name=unread_field(1, (800, 1500, 1200, 1700), "CHỦ TỊCH"))
    verdict = judge(e, today=TODAY)
    found = rules(verdict)
    (v,) = found["correct.signer.unread"]
    assert v.field == "signer_name" and v.severity == "info"
    assert verdict.status == "accepted"
    assert "correct.field.unread" not in found


def test_mrz_disagreement_shows_both_values() -> None:
    printed = FieldValue(
        "1990-05-10", "10/05/1990", 0.95, 1, (0, 0, 10, 10), "ocr", ("mrz_mismatch:1990-05-16",)
    )
    verdict = judge(card(date_of_birth=printed), today=TODAY)
    (v,) = rules(verdict)["correct.citizen_id.mrz_matches_printed"]
    assert v.field == "date_of_birth" and "1990-05-10" in v.message and "1990-05-16" in v.message
    assert verdict.status == "needs_review"
    confirmed = FieldValue("1990-05-10", "10/05/1990", 0.97, 1, (0, 0, 10, 10), "ocr", ("mrz_confirmed",))
    verdict = judge(card(date_of_birth=confirmed), today=TODAY)
    (o,) = [o for o in verdict.outcomes if o.rule == "correct.citizen_id.mrz_matches_printed"]
    assert o.evaluated == 1 and o.passed


def test_signature_block_seen_in_the_stored_text() -> None:
    # after a round trip through the warehouse only the text tells whether the block is there
    e = letter({}, signer_name=None, signer_title=None)
    assert judge(e, today=TODAY, text="Số: 85/UBND-VP\nKính gửi: Các xã.").status == "accepted"
    verdict = judge(e, today=TODAY, text="Kính gửi: Các xã.\nNơi nhận:\n- Như trên;\nKT. CHỦ TỊCH")
    assert "complete.recommended_fields.present" in rules(verdict)


def test_stored_unread_field_without_flags_is_still_unread() -> None:
    stored = FieldValue("", "", 0.0, 1, (5, 5, 50, 20), "ocr")  # as the warehouse gives it back
    verdict = judge(card(date_of_birth=stored), today=TODAY)
    assert [v.field for v in rules(verdict)["correct.field.unread"]] == ["date_of_birth"]


def test_error_on_a_value_read_unsurely_goes_to_review_not_rejection() -> None:
    unsure = FieldValue("09619000123", "09619000123", 0.41, 1, (0, 0, 10, 10), "ocr")
    verdict = judge(card(id_number=unsure), today=TODAY)
    assert "correct.personal_id.structure" in rules(verdict)
    assert verdict.status == "needs_review"
    sure = FieldValue("09619000123", "09619000123", 0.97, 1, (0, 0, 10, 10), "ocr")
    assert judge(card(id_number=sure), today=TODAY).status == "rejected"
