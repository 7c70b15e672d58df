"""A card whose machine-readable zone is there but unread goes to review (issue 14): the zone is
the card's second reading of its printed values; not read, they were not cross-checked (a
zone birth date that contradicts the printed one would pass unseen). Fictional data."""

from __future__ import annotations

from datetime import date

from extractors import extract
from extractors.mrz import check_digit
from extractors.textdoc import document_from_text
from extractors.types import Extraction, FieldValue
from quality import judge

TODAY = date(2026, 12, 3)
RULE = "correct.citizen_id.mrz_read"


def _card(notes: dict) -> Extraction:
    values = {
        "id_number": "096088005678",
        "full_name": "Lý Văn Toàn",
        "date_of_birth": "1988-07-24",
        "sex": "Nam",
        "issue_date": "2022-06-01",
        "expiry_date": "2028-07-24",
        "place_of_residence": "Phường 2, tỉnh Cà Mau",
    }
    fields = {k: FieldValue(v, v, 0.95, 1, (0, 0, 10, 10), "ocr") for k, v in values.items()}
    return Extraction("citizen_id", 0.95, fields, notes)


def _rules(verdict) -> set[str]:
    return {v.rule for v in verdict.violations}


def test_zone_unread_sends_the_card_to_review() -> None:
    verdict = judge(_card({"mrz": "unread"}), today=TODAY)
    assert RULE in _rules(verdict)
    assert verdict.status == "needs_review"


def test_zone_read_or_absent_is_no_finding() -> None:
    for notes in ({"mrz": "read"}, {}):
        verdict = judge(_card(notes), today=TODAY)
        assert RULE not in _rules(verdict)
        assert verdict.status == "accepted", verdict.violations


def _text(line2: str) -> str:
    pid = "096088005678"
    doc = pid[-9:]
    line1 = f"IDVNM{doc}{check_digit(doc)}{pid}<<{check_digit(pid)}"
    return f"""CĂN CƯỚC CÔNG DÂN
Số / No.: {pid}
Họ và tên / Full name: LÝ VĂN TOÀN
Ngày sinh / Date of birth: 24/07/1988
Giới tính / Sex: Nam
{line1}
{line2}
LY<<VAN<TOAN<<<<<<<<<<<<<<<<<<"""


def test_extractor_notes_whether_the_zone_was_read() -> None:
    pid, doc = "096088005678", "088005678"
    dob, exp = "880724", "280724"
    head = f"{doc}{check_digit(doc)}{pid}<<{check_digit(pid)}{dob}{check_digit(dob)}{exp}{check_digit(exp)}"
    line2 = f"{dob}{check_digit(dob)}M{exp}{check_digit(exp)}VNM<<<<<<<<<<<{check_digit(head + '<' * 11)}"
    assert extract(document_from_text(_text(line2))).notes.get("mrz") == "read"
    # line 2 smudged beyond repair: the zone is there, unread
    smudged = "/1550/201.017M.3.5 0.2099 VNM<<<<<<<<<<<4"
    assert extract(document_from_text(_text(smudged))).notes.get("mrz") == "unread"
    # no zone on the page (the front of a card scanned alone): nothing noted
    front = "\n".join(_text(line2).splitlines()[:5])
    assert "mrz" not in extract(document_from_text(front)).notes
