"""Verdicts on documents drawn by another hand (issue 14, eleventh pass): an amount's wording OCR
garbled is no second reading, one digit apart is a misread to look at (review, not reject), a
commune-level agency's địa danh that is a former province's name, a type code's hyphen put back
by the extractor. Fictional data."""

from __future__ import annotations

from dataclasses import replace

from extractors.types import Extraction
from quality import judge
from tests.quality.test_catalogue import REF, TODAY, ex, fails, passes, run

MATCH = "correct.amount.figures_match_words"
ONE_DIGIT = "correct.amount.figures_one_digit_off"
LEVEL = "correct.address.level_on_date"


def test_an_amount_s_wording_ocr_garbled_is_not_held_against_the_figures() -> None:
    text = "Diện tích: 10.509 m² (Bằng chữ: Mười nghìn ¡\n1 mét vuông)"
    o, verdict = run(ex("land_use_certificate", area_m2="10509"), MATCH, text=text)
    assert o.evaluated == 0 and o.passed
    assert verdict.status != "rejected"
    # a wording read cleanly still judges the figures
    text = "Diện tích: 10.509 m² (Bằng chữ: Mười nghìn mét vuông)"
    fails(ex("land_use_certificate", area_m2="10509"), MATCH, text=text)


def test_figures_one_digit_apart_from_the_words_go_to_review_not_rejection() -> None:
    text = "Vốn điều lệ: 2.300.000.000 VNĐ\nBằng chữ: Hai tỷ năm trăm triệu đồng"
    e = ex("business_registration", charter_capital_vnd="2300000000")
    passes(e, MATCH, text=text)
    v = fails(e, ONE_DIGIT, text=text)
    assert [x.field for x in v] == ["charter_capital_vnd"]
    assert judge(e, today=TODAY, text=text, reference=REF).status == "needs_review"
    # more than one digit apart, or another count of digits: an error, the record rejected
    for capital in ("2350000000", "250000000"):
        e = ex("business_registration", charter_capital_vnd=capital)
        fails(e, MATCH, text=text)
        passes(e, ONE_DIGIT, text=text)
        assert judge(e, today=TODAY, text=text, reference=REF).status == "rejected"
    # an area with a decimal: "1234.5" against "một nghìn hai trăm ba mươi tư phẩy bảy"
    text = "Diện tích: 1.234,5 m² (bằng chữ: một nghìn hai trăm ba mươi tư phẩy bảy mét vuông)"
    fails(ex("land_use_certificate", area_m2="1234.5"), ONE_DIGIT, text=text)


def test_issue_place_that_names_a_commune_of_today_s_list_is_no_merged_province() -> None:
    # UBND phường Long An (Tây Ninh, 2025 list): its địa danh "Long An" is also a former province
    e = ex("administrative_decision", issuing_agency="UBND PHƯỜNG LONG AN", issue_place="Long An")
    o, _ = run(e, LEVEL)
    assert o.passed and not o.violations
    # a name no commune of the list bears is still a province merged away
    fails(ex("administrative_decision", issue_place="Bạc Liêu"), LEVEL)


def test_a_number_whose_hyphen_the_extractor_put_back_is_looked_at() -> None:
    e = ex("administrative_decision", document_number="43/QĐ-UBND")
    fields = dict(e.fields)
    fields["document_number"] = replace(fields["document_number"], confidence=0.5)
    unsure = Extraction(e.doc_type, e.doc_type_confidence, fields)
    passes(unsure, "correct.field.low_confidence")  # its format holds: read twice, as it were
    fields["document_number"] = replace(fields["document_number"], flags=("repaired",))
    repaired = Extraction(e.doc_type, e.doc_type_confidence, fields)
    v = fails(repaired, "correct.field.low_confidence")
    assert [x.field for x in v] == ["document_number"]
