"""Every official kind gets the administrative header fields and its kind (issue 14 item 6),
and the header as OCR gives it on real signed scans (issue 13): spaces inside the number, a
hand-written numeral read as symbols (unread, never guessed), "ngày03" glued. Fictional."""

from __future__ import annotations

import pytest

from extractors import extract
from extractors.textdoc import document_from_text

HEADER = """ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH CÀ MAU                     Độc lập - Tự do - Hạnh phúc

Số: {number}                    Cà Mau, ngày 05 tháng 3 năm 2026

{title}
{subject}

Kính gửi: Các sở, ban, ngành.
Nội dung văn bản.
"""


@pytest.mark.parametrize(
    ("title", "number", "kind"),
    [
        ("NGHỊ QUYẾT", "12/NQ-HĐND", "NQ"),
        ("THÔNG TƯ", "04/2026/TT-BTP", "TT"),
        ("CÔNG ĐIỆN", "195/CĐ-UBND", "CĐ"),
        ("THÔNG BÁO", "33/TB-UBND", "TB"),
        ("KẾ HOẠCH", "41/KH-UBND", "KH"),
        ("TỜ TRÌNH", "24 /TTr -UBND", "TTr"),
        ("BÁO CÁO", "23/BC-UBND", "BC"),
        ("GIẤY MỜI", "7/GM-UBND", "GM"),
        ("BIÊN BẢN", "3/BB-UBND", "BB"),
        ("CHỈ THỊ", "5/CT-UBND", "CT"),
    ],
)
def test_official_kinds_get_header_fields_and_kind(title: str, number: str, kind: str) -> None:
    ex = extract(
        document_from_text(HEADER.format(number=number, title=title, subject="Về việc triển khai số hóa"))
    )
    assert ex.doc_type == "official_letter"
    f = ex.values
    assert f["document_kind"].value == kind
    assert f["document_number"].value == number.replace(" ", "")
    assert f["issue_date"].value == "2026-03-05"
    assert f["issuing_agency"].value == "ỦY BAN NHÂN DÂN TỈNH CÀ MAU"


def test_cong_van_with_any_unit_code_and_no_vv_is_an_official_letter() -> None:
    text = HEADER.format(number="299/UBND-TTHC", title="", subject="công bố Danh mục thủ tục hành chính")
    ex = extract(document_from_text(text))
    assert ex.doc_type == "official_letter"
    assert ex.values["document_kind"].value == "CV"
    assert ex.values["document_number"].value == "299/UBND-TTHC"


def test_a_decision_stays_a_decision() -> None:
    ex = extract(
        document_from_text(HEADER.format(number="89/QĐ-UBND", title="QUYẾT ĐỊNH", subject="Về việc bổ nhiệm"))
    )
    assert ex.doc_type == "administrative_decision"
    assert ex.values["document_kind"].value == "QĐ"


@pytest.mark.parametrize("numeral", ["†35", "$14", "0Ðÿ", "22⁄"])
def test_hand_written_numeral_read_as_symbols_is_unread_not_guessed(numeral: str) -> None:
    ex = extract(
        document_from_text(
            HEADER.format(
                number=numeral + " /CĐ-TTg", title="CÔNG ĐIỆN", subject="Về việc khắc phục hậu quả bão"
            )
        )
    )
    assert ex.doc_type == "official_letter"
    fv = ex.fields["document_number"]
    assert fv.unread and fv.confidence == 0 and fv.bbox is not None
    assert "document_number" not in ex.values
    assert ex.values["document_kind"].value == "CĐ"  # the code is still read


def test_glued_and_garbled_dates() -> None:
    glued = HEADER.replace("ngày 05 tháng", "ngày,05 tháng").format(
        number="9/TB-UBND", title="THÔNG BÁO", subject="Về việc họp"
    )
    assert extract(document_from_text(glued)).values["issue_date"].value == "2026-03-05"
    garbled = HEADER.replace("ngày 05 tháng 3", "ngày03 tháng 40").format(
        number="9/TB-UBND", title="THÔNG BÁO", subject="Về việc họp"
    )
    ex = extract(document_from_text(garbled))
    assert ex.fields["issue_date"].unread  # the date line is there, its date is not readable


def test_low_confidence_numeral_bounds_the_number() -> None:
    from ocr.result import Block, Document, Line, Page, Word

    words = (
        Word("Số:", (100, 200, 150, 230), 0.96),
        Word("33", (160, 200, 200, 230), 0.14),
        Word("/TTr-UBND", (205, 200, 330, 230), 0.9),
    )
    title = Line((Word("TỜ", (700, 300, 740, 330), 0.95), Word("TRÌNH", (750, 300, 860, 330), 0.95)))
    page = Page(1, 1700, 2200, 200, "ocr", (Block((Line(words),)), Block((title,))))
    fv = extract(Document((page,))).values["document_number"]
    assert fv.value == "33/TTr-UBND" and fv.confidence <= 0.14


def test_malformed_printed_number_is_kept_for_the_format_rule() -> None:
    from datetime import date

    from quality import judge

    ex = extract(document_from_text(HEADER.format(number="QĐ-12/UBND", title="CÔNG VĂN", subject="V/v họp")))
    assert ex.doc_type == "official_letter"  # the type does not hinge on the number's format
    assert ex.values["document_number"].value == "QĐ-12/UBND"
    verdict = judge(ex, today=date(2026, 12, 3), text="")
    assert any(v.rule == "correct.document_number.format" for v in verdict.violations)


def test_signer_name_in_legacy_encoding_is_extracted_and_judged() -> None:
    from datetime import date

    from quality import judge

    text = HEADER.format(number="12/TB-UBND", title="THÔNG BÁO", subject="Về việc họp") + (
        "\nNơi nhận:                          TM. ỦY BAN NHÂN DÂN\n"
        "- Như trên;                        CHỦ TỊCH\n\n\n"
        "                                   NguyÔn V¨n An\n"
    )
    ex = extract(document_from_text(text))
    assert ex.values["signer_name"].value.startswith("Nguy")
    verdict = judge(ex, today=date(2026, 12, 3), text="")
    assert any(
        v.rule == "clean.text.no_legacy_code_points" and v.field == "signer_name" for v in verdict.violations
    )
