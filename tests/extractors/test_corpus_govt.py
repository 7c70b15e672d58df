"""The three government documents of vi_synth_docs_v1_nomvn, from their ground-truth text.

These pages have no agency header: the agency comes from the authority line of the
quyết định, or from the body sentence "<cơ quan> thông báo / yêu cầu …" (at reduced
confidence). Signer title and name share one printed line.
"""

from __future__ import annotations

import json

import pytest

from extractors import extract
from extractors.textdoc import document_from_text

EXPECTED = {
    "govt_quyet_dinh": {
        "doc_type": "administrative_decision",
        "document_number": "789/QĐ-UBND",
        "document_kind": "QĐ",
        "issuing_agency": "UỶ BAN NHÂN DÂN THÀNH PHỐ",
        "issue_place": "Thành phố Hồ Chí Minh",
        "issue_date": "2026-02-28",
        "subject": "phê duyệt dự án đầu tư xây dựng Trường Tiểu học Lê Quý Đôn",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Phan Thị Mỹ Lan",
    },
    "govt_cong_van": {
        "doc_type": "official_letter",
        "document_number": "1234/UBND-VX",
        "document_kind": "CV",
        "issuing_agency": "Uỷ ban nhân dân thành phố",
        "issue_place": "Hà Nội",
        "issue_date": "2026-04-18",
        "subject": "tổ chức lễ kỷ niệm Ngày Giải phóng miền Nam thống nhất đất nước",
        "signer_title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "signer_name": "Trần Quốc Hoàng",
    },
    "govt_thong_bao": {
        "doc_type": "official_letter",
        "document_number": "567/TB-SGD",
        "document_kind": "TB",
        "issuing_agency": "Sở Giáo dục và Đào tạo",
        "issue_place": "Đà Lạt",
        "issue_date": "2026-03-24",
        "subject": "tổ chức kỳ thi tốt nghiệp Trung học phổ thông năm 2026",
        "signer_title": "GIÁM ĐỐC SỞ",
        "signer_name": "Lê Thanh Tùng",
    },
}


@pytest.fixture(scope="module")
def docs(corpora) -> dict[str, dict]:
    path = corpora / "vi_synth_docs_v1_nomvn" / "metadata.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    return {d["doc_id"]: d for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_govt_header_fields_from_ground_truth(docs, doc_id: str) -> None:
    expected = dict(EXPECTED[doc_id])
    ex = extract(document_from_text(docs[doc_id]["full_text"]))
    assert ex.doc_type == expected.pop("doc_type")
    assert {k: fv.value for k, fv in ex.fields.items()} == expected


def test_other_categories_are_not_administrative(docs) -> None:
    """Contracts and receipts are no type of fields.md; the đơn are application forms."""
    for doc_id, d in docs.items():
        if d["category"] != "government":
            expected = "application_form" if d["category"] == "form" else "unknown"
            assert extract(document_from_text(d["full_text"])).doc_type == expected, doc_id
