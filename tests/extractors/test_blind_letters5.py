"""Letters and decisions drawn by another hand (issue 14, fields pass 5): a signer title whose
name is under the seal, a deputy's PHÓ OCR lost, and an administrative header with no number
read. Fictional data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from extractors import extract
from extractors.admin_document import extract_admin_document
from extractors.layout import segments
from extractors.textdoc import document_from_text
from quality import judge

HEADER = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
FORM_BODY = (
    "Kính gửi: Ủy ban nhân dân xã Tân Lộc\n"
    "Họ và tên: Lê Văn Nam\nNgày sinh: 12/03/1990\n"
    "\n        Tân Lộc, ngày 02 tháng 02 năm 2025\n        NGƯỜI KÊ KHAI\n"
)


LETTER = """\
UBND TỈNH CÀ MAU        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc

{number}        Cà Mau, ngày 12 tháng 3 năm 2024

{title}
Kết luận cuộc họp giao ban tháng 3

Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, đề nghị các đơn vị rà soát hồ sơ.

Nơi nhận:        TM. ỦY BAN NHÂN DÂN
- Như trên;        KT. CHỦ TỊCH
- Lưu: VT.        PHÓ CHỦ TỊCH
        `/ x ,
"""


def _sealed(doc):
    """``doc`` with a round seal found over its signature block (the OCR's stamp step)."""
    page = doc.pages[0]
    ring = f"stamp:ring:{page.width // 2},{page.height // 4},{page.width - 100},{page.height // 2}"
    return replace(doc, pages=(replace(page, steps=(*page.steps, ring)), *doc.pages[1:]))


def test_signer_title_stands_when_the_name_under_the_seal_was_not_read() -> None:
    doc = _sealed(document_from_text(LETTER.format(number="Số: 26/TB-UBND", title="THÔNG BÁO")))
    got = extract_admin_document(doc, "official_letter", segments(doc))
    assert got["signer_title"].value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert got["signer_name"].unread
    # no seal there: the specks under the title are a signature's strokes, the name was left
    # blank (absent, so complete.recommended_fields.present names it), not unread
    doc = document_from_text(LETTER.format(number="Số: 26/TB-UBND", title="THÔNG BÁO"))
    got = extract_admin_document(doc, "official_letter", segments(doc))
    assert got["signer_title"].value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert "signer_name" not in got
    # an authority line alone (the position under the seal too) is no signer title
    text = LETTER.format(number="Số: 26/TB-UBND", title="THÔNG BÁO")
    text = text.replace("        KT. CHỦ TỊCH", "").replace("        PHÓ CHỦ TỊCH", "")
    doc = document_from_text(text)
    got = extract_admin_document(doc, "official_letter", segments(doc))
    assert "signer_title" not in got


def test_header_without_a_number_is_an_official_letter_dated_by_its_header() -> None:
    text = LETTER.format(number="", title="V/v rà soát hồ sơ thủ tục hành chính").replace(
        "Kết luận cuộc họp giao ban tháng 3\n", ""
    )
    doc = document_from_text(text)
    ex = extract(doc)
    assert ex.doc_type == "official_letter"
    assert ex.fields["issue_date"].value == "2024-03-12"
    assert ex.fields["issue_place"].value == "Cà Mau"
    assert ex.fields["document_kind"].value == "CV"
    number = ex.fields["document_number"]
    assert number.unread and number.bbox is not None
    verdict = judge(ex, today=date(2026, 1, 1), text=doc.text)
    assert verdict.status == "needs_review"
    assert not any(v.rule == "complete.required_fields.present" for v in verdict.violations)
    # a blank "Số:" printed and left empty is a number the document lacks: absent, rejected
    doc = document_from_text(LETTER.format(number="Số:      /TB-UBND", title="THÔNG BÁO"))
    ex = extract(doc)
    assert "document_number" not in ex.fields
    assert judge(ex, today=date(2026, 1, 1), text=doc.text).status == "rejected"


def test_a_form_s_foot_date_line_is_no_administrative_header() -> None:
    text = HEADER + "Tôi tên là: Lê Văn Nam\nNội dung: xin xác nhận\n" + "\n" * 3 + FORM_BODY
    ex = extract(document_from_text(text))
    assert ex.doc_type != "official_letter"


def test_signer_title_without_the_deputy_s_position_is_no_title() -> None:
    text = LETTER.format(number="Số: 26/TB-UBND", title="THÔNG BÁO").replace("        PHÓ CHỦ TỊCH", "")
    doc = document_from_text(text)
    got = extract_admin_document(doc, "official_letter", segments(doc))
    assert "signer_title" not in got  # "KT. CHỦ TỊCH" says a deputy signs; their position was not read


def test_a_deputy_s_pho_lost_by_ocr_is_put_back_under_kt() -> None:
    text = LETTER.format(number="Số: 26/TB-UBND", title="THÔNG BÁO").replace("PHÓ CHỦ TỊCH", "CHỦ TỊCH")
    doc = document_from_text(text)
    got = extract_admin_document(doc, "official_letter", segments(doc))
    assert got["signer_title"].value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    # the head signing with TM. only keeps his own position
    text = LETTER.format(number="Số: 26/TB-UBND", title="THÔNG BÁO")
    text = text.replace("        KT. CHỦ TỊCH", "").replace("PHÓ CHỦ TỊCH", "CHỦ TỊCH")
    doc = document_from_text(text)
    got = extract_admin_document(doc, "official_letter", segments(doc))
    assert got["signer_title"].value == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"
