"""Classification by title and number type code, on folded text."""

from __future__ import annotations

import pytest

from extractors.classify import TITLES, TYPE_CODES, classify, split_number
from extractors.textdoc import document_from_text


def cls(text: str) -> tuple[str, float]:
    return classify(document_from_text(text))


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("QUYẾT ĐỊNH\nVề việc giao nhiệm vụ", "administrative_decision"),
        ("QUYET DINH\nVe viec giao nhiem vu", "administrative_decision"),
        ("QUYFT ĐỊNH\n", "administrative_decision"),  # OCR slip in the title
        ("CÔNG VĂN\n", "official_letter"),
        ("THÔNG BÁO\nKết luận cuộc họp", "official_letter"),
        ("THONG BAO\n", "official_letter"),
        ("TỜ TRÌNH\nVề việc đề nghị phê duyệt", "official_letter"),
        ("KẾ HOẠCH\nTriển khai số hóa", "official_letter"),
        ("BÁO CÁO\nKết quả thực hiện", "official_letter"),
    ],
)
def test_titles(text: str, doc_type: str) -> None:
    assert cls(text)[0] == doc_type


def test_type_code_without_title() -> None:
    assert cls("Số: 12/QĐ-UBND\nVề việc giao nhiệm vụ\n\nCăn cứ Luật.")[0] == "administrative_decision"
    assert cls("Số: 12/TB-UBND\n\nKính gửi: Các xã.")[0] == "official_letter"
    assert cls("So: 12/TTr-STC\n")[0] == "official_letter"


def test_cong_van_number_with_vv() -> None:
    doc_type, conf = cls("Số: 1234/UBND-VP\nV/v triển khai số hóa\n\nKính gửi: Các xã.")
    assert doc_type == "official_letter"
    assert conf > 0.4


def test_cong_van_vv_as_ocr_reads_it() -> None:
    assert cls("Số: 85/UBND-VP\nV/ đề nghị cung cấp số liệu\n\nKính gửi: Các xã.")[0] == "official_letter"
    assert cls("Số: 85/UBND-VP\nV/V đề nghị cung cấp số liệu\n")[0] == "official_letter"


def test_cong_van_number_alone_is_not_enough() -> None:
    assert cls("Số: 1234/UBND-VP\n\nNội dung.")[0] == "unknown"


def test_confidence_grows_with_agreeing_evidence() -> None:
    title_only = cls("QUYẾT ĐỊNH\n")[1]
    title_and_code = cls("Số: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc giao nhiệm vụ")[1]
    assert 0 < title_only < title_and_code <= 0.99


def test_body_decision_heading_does_not_make_a_cong_van_a_decision() -> None:
    text = "CÔNG VĂN\n\nSố: 56/UBND-VP\nV/v thực hiện\n\nThực hiện Quyết định số 12/QĐ-UBND ngày 05/3/2026."
    assert cls(text)[0] == "official_letter"


@pytest.mark.parametrize(
    "text",
    [
        "HỢP ĐỒNG LAO ĐỘNG\n\nSố: 042/HĐLĐ/2026",
        "BIÊN LAI THU TIỀN\n\nSố: 0345/BL/2026",
        "",
        "Quyết định này có hiệu lực kể từ ngày ký.",  # lower case: a sentence, not a title
    ],
)
def test_unknown(text: str) -> None:
    assert cls(text) == ("unknown", 0.0)


def test_tables_are_consistent() -> None:
    kinds = {t.kind for t in TITLES}
    assert kinds - {"CV"} <= set(TYPE_CODES)  # every title's kind is a code of its own
    assert {c for c, t in TYPE_CODES.items() if t == "administrative_decision"} == {"QĐ"}
    assert {t.doc_type for t in TITLES} <= {"administrative_decision", "official_letter"}


def test_split_number() -> None:
    assert split_number("12/QĐ-UBND") == ("QĐ", "UBND")
    assert split_number("12/2024/QĐ-UBND") == ("QĐ", "UBND")
    assert split_number("1234/UBND-VP") == (None, "UBND-VP")
    assert split_number("07/QD-UBND") == ("QĐ", "UBND")
    assert split_number("192/QĐĐ-SXD") == ("QĐ", "SXD")  # doubled letter from OCR
    assert split_number("05/HD-SYT") == ("HD", "SYT")  # HD (hướng dẫn) is a code itself


def test_a_don_is_an_application_form_not_unknown() -> None:
    # fields.md: application_form covers đơn and tờ khai (ĐƠN XIN NGHỈ VIỆC is a đơn)
    doc_type, conf = classify(document_from_text("ĐƠN XIN NGHỈ VIỆC\n\nKính gửi: Ban Giám đốc"))
    assert doc_type == "application_form" and conf >= 0.5
