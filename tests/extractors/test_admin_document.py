"""Administrative-document extractor on Document trees built from text.

``document_from_text`` gives every word a box on a fixed grid; 3+ spaces mark a column gap,
a blank line a new block, as an OCR engine would report them.
"""

from __future__ import annotations

from dataclasses import replace

from extractors import extract
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page, Word

QD_TWO_COLUMNS = """\
ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH CÀ MAU        Độc lập - Tự do - Hạnh phúc

Số: 12/QĐ-UBND        Cà Mau, ngày 05 tháng 3 năm 2026

QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch số hóa hồ sơ
lưu trữ năm 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Căn cứ Quyết định số 45/QĐ-UBND ngày 02 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh;

QUYẾT ĐỊNH:

Điều 1. Phê duyệt Kế hoạch số hóa hồ sơ lưu trữ năm 2026.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.

Nơi nhận:        KT. CHỦ TỊCH
- Như Điều 2;        PHÓ CHỦ TỊCH
- Lưu: VT.

        Nguyễn Văn An
"""

QD_EXPECTED = {
    "document_number": "12/QĐ-UBND",
    "document_kind": "QĐ",
    "issuing_agency": "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
    "issue_place": "Cà Mau",
    "issue_date": "2026-03-05",
    "subject": "phê duyệt Kế hoạch số hóa hồ sơ lưu trữ năm 2026",
    "signer_title": "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Văn An",
}


def values(text: str, **kw) -> tuple[str, dict[str, str]]:
    ex = extract(document_from_text(text, **kw))
    return ex.doc_type, {k: fv.value for k, fv in ex.fields.items()}


def test_decision_two_column_header() -> None:
    doc_type, got = values(QD_TWO_COLUMNS)
    assert doc_type == "administrative_decision"
    assert got == QD_EXPECTED


def test_decision_columns_interleaved_on_one_line() -> None:
    # OCR merged the two header columns into single lines, with no gap left between them.
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH CÀ MAU Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/QĐ-UBND Cà Mau, ngày 05 tháng 3 năm 2026\n" + QD_TWO_COLUMNS.split("\n", 4)[4]
    )
    doc_type, got = values(text)
    assert doc_type == "administrative_decision"
    for key in ("document_number", "issuing_agency", "issue_place", "issue_date", "subject", "signer_name"):
        assert got[key] == QD_EXPECTED[key], key


CONG_VAN = """\
UBND TỈNH CÀ MAU        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TÀI CHÍNH        Độc lập - Tự do - Hạnh phúc

Số: 56 /STC-NS        Cà Mau, ngày 20 tháng 01 năm 2026
V/v đề nghị cung cấp số liệu
quyết toán ngân sách năm 2025

Kính gửi: Ủy ban nhân dân các xã, phường.

Sở Tài chính đề nghị Ủy ban nhân dân các xã, phường gửi số liệu trước ngày 15 tháng 02 năm 2026.

Trân trọng./.

Nơi nhận:        KT. GIÁM ĐỐC
- Như trên;        PHÓ GIÁM ĐỐC
- Lưu: VT, NS.        (Đã ký)

        Trần Thị Bích Ngọc
"""


def test_cong_van_with_parent_agency_and_two_line_vv() -> None:
    doc_type, got = values(CONG_VAN)
    assert doc_type == "official_letter"
    assert got == {
        "document_number": "56/STC-NS",
        "document_kind": "CV",
        "issuing_agency": "SỞ TÀI CHÍNH",
        "issue_place": "Cà Mau",
        "issue_date": "2026-01-20",
        "subject": "đề nghị cung cấp số liệu quyết toán ngân sách năm 2025",
        "signer_title": "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
        "signer_name": "Trần Thị Bích Ngọc",
    }


def test_thong_bao_subject_under_title_without_ve_viec() -> None:
    text = """\
ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG TÂN THÀNH        Độc lập - Tự do - Hạnh phúc

Số: 45/TB-UBND        Tân Thành, ngày 30 tháng 10 năm 2025

THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân phường
tại cuộc họp giao ban tháng 10

Ngày 28 tháng 10 năm 2025, Chủ tịch Ủy ban nhân dân phường chủ trì cuộc họp giao ban.

Nơi nhận:        TM. ỦY BAN NHÂN DÂN
- Các đơn vị;        CHỦ TỊCH
- Lưu: VT.

        Lâm Thị Thuỷ
"""
    doc_type, got = values(text)
    assert doc_type == "official_letter"
    assert got["document_kind"] == "TB"
    assert got["issuing_agency"] == "ỦY BAN NHÂN DÂN PHƯỜNG TÂN THÀNH"
    assert got["issue_place"] == "Tân Thành"
    assert got["subject"] == "Kết luận của Chủ tịch Ủy ban nhân dân phường tại cuộc họp giao ban tháng 10"
    assert got["signer_title"] == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"
    assert got["signer_name"] == "Lâm Thị Thuỷ"


def test_ocr_without_diacritics_and_missing_colon() -> None:
    text = """\
UY BAN NHAN DAN        CONG HOA XA HOI CHU NGHIA VIET NAM
XA KHANH BINH        Doc lap - Tu do - Hanh phuc

So 07/QD-UBND        Khanh Binh, ngay 09 thang 02 nam 2026

QUYET DINH
Ve viec cong nhan ap van hoa nam 2025

Can cu Luat To chuc chinh quyen dia phuong;

Noi nhan:        TM. UY BAN NHAN DAN
- Nhu Dieu 3;        CHU TICH

        Le Van Tam
"""
    doc_type, got = values(text, source="ocr")
    assert doc_type == "administrative_decision"
    assert got["document_number"] == "07/QĐ-UBND"  # D read for Đ in a type code
    assert got["document_kind"] == "QĐ"
    assert got["issuing_agency"] == "UY BAN NHAN DAN XA KHANH BINH"
    assert got["issue_date"] == "2026-02-09"
    assert got["issue_place"] == "Khanh Binh"
    assert got["subject"] == "cong nhan ap van hoa nam 2025"
    assert got["signer_title"] == "TM. UY BAN NHAN DAN CHỦ TỊCH"  # a known position is respelled
    assert got["signer_name"] == "Le Van Tam"


def test_provenance_confidence_bbox_page_source() -> None:
    words = (
        Word("Số:", (100, 200, 150, 230), 0.9),
        Word("12/QĐ-", (160, 200, 260, 230), 0.6),
        Word("UBND", (262, 202, 330, 232), 0.9),
    )
    title = Line((Word("QUYẾT", (700, 300, 800, 330), 0.95), Word("ĐỊNH", (810, 300, 880, 330), 0.95)))
    page = Page(1, 1700, 2200, 200, "ocr", (Block((Line(words),)), Block((title,))))
    ex = extract(Document((page,)))
    fv = ex.fields["document_number"]
    assert fv.value == "12/QĐ-UBND"
    assert fv.raw == "12/QĐ- UBND"
    assert (
        abs(fv.confidence - 0.6) < 1e-6
    )  # the least sure word of the number (one wrong digit is a wrong number)
    assert fv.bbox == (160, 200, 330, 232)
    assert fv.page == 1 and fv.source == "ocr"
    assert ex.doc_type == "administrative_decision"


def test_signer_on_second_page() -> None:
    page2 = "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:        CHỦ TỊCH\n- Lưu: VT.\n\n        Hồ Minh Khải\n"
    text = QD_TWO_COLUMNS.split("Nơi nhận:")[0] + "\f" + page2
    ex = extract(document_from_text(text))
    assert ex.fields["signer_name"].value == "Hồ Minh Khải"
    assert ex.fields["signer_name"].page == 2
    assert ex.fields["signer_title"].value == "CHỦ TỊCH"
    assert ex.fields["document_number"].page == 1


def test_missing_fields_are_absent_not_empty() -> None:
    text = "QUYẾT ĐỊNH\nVề việc giao nhiệm vụ\n\nĐiều 1. Giao nhiệm vụ cho Văn phòng.\n"
    ex = extract(document_from_text(text))
    assert ex.doc_type == "administrative_decision"
    assert set(ex.fields) == {"document_kind", "subject"}
    assert all(fv.value for fv in ex.fields.values())


def test_body_citation_is_not_the_document_number() -> None:
    text = (
        "CÔNG VĂN\n\nKính gửi: Các xã.\n\nThực hiện Quyết định\n"
        "số 12/QĐ-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh, đề nghị các xã báo cáo.\n"
    )
    ex = extract(document_from_text(text))
    assert ex.doc_type == "official_letter"
    assert "document_number" not in ex.fields
    assert "issue_date" not in ex.fields  # a date in the body is not the issue date


def test_unknown_document_has_no_fields() -> None:
    text = (
        "HỢP ĐỒNG LAO ĐỘNG\n\nSố: 042/HĐLĐ/2026\n\nHôm nay, ngày 15 tháng 04 năm 2026, tại trụ sở Công ty.\n"
    )
    ex = extract(document_from_text(text))
    assert ex.doc_type == "unknown"
    assert ex.fields == {}
    assert ex.doc_type_confidence == 0.0


def test_agency_code_fallback_is_low_confidence() -> None:
    text = "QUYẾT ĐỊNH\n\nSố: 12/QĐ-UBND\nVề việc giao nhiệm vụ\n\nĐiều 1. Giao nhiệm vụ.\n"
    ex = extract(document_from_text(text))
    fv = ex.fields["issuing_agency"]
    assert fv.value == "UBND"
    assert fv.confidence <= 0.5


def test_signature_lines_are_not_taken_for_the_agency() -> None:
    text = "CÔNG VĂN\n\nNội dung.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn A\n"
    ex = extract(document_from_text(text))
    assert "issuing_agency" not in ex.fields
    assert ex.fields["signer_title"].value == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert ex.fields["signer_name"].value == "Lê Văn A"


def test_ocr_noise_in_signature_block() -> None:
    # A signature scribble read as capitals, a slip in TỊCH, a seal line, "(Đã ký)".
    text = QD_TWO_COLUMNS.split("Nơi nhận:")[0] + (
        "Nơi nhận:        TM. ỦY BAN NHÂN DÂN\n"
        "- Như Điều 2;        CHỦ 'LICH\n"
        "- Lưu: VT.        WVWWWv\n"
        "        (Đã ký)\n\n"
        '        Nguyễn "Văn An\n'
    )
    ex = extract(document_from_text(text))
    assert ex.fields["signer_title"].value == "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"  # position respelled
    assert ex.fields["signer_title"].raw == "TM. ỦY BAN NHÂN DÂN CHỦ 'LICH"  # as read
    assert ex.fields["signer_name"].value == "Nguyễn Văn An"


def test_garbled_date_keeps_the_place_and_the_year_only() -> None:
    text = QD_TWO_COLUMNS.replace("ngày 05 tháng 3 năm 2026", "ngày 05 tháng 023 năm 2026")
    ex = extract(document_from_text(text))
    assert ex.fields["issue_place"].value == "Cà Mau"
    assert ex.fields["issue_date"].value == "2026"  # precision Y: never an invented day


def test_school_header_is_an_agency() -> None:
    text = CONG_VAN.replace("UBND TỈNH CÀ MAU", "SỞ GIÁO DỤC VÀ ĐÀO TẠO").replace(
        "SỞ TÀI CHÍNH  ", "TRƯỜNG THPT CÀ MAU  "
    )
    ex = extract(document_from_text(text))
    assert ex.fields["issuing_agency"].value == "TRƯỜNG THPT CÀ MAU"


def _centred(doc: Document, starts: tuple[str, ...]) -> Document:
    """The document with its lines starting with ``starts`` centred on the page, as printed."""
    pages = []
    for page in doc.pages:
        blocks = []
        for block in page.blocks:
            lines = []
            for line in block.lines:
                if line.text.startswith(starts):
                    x0, _, x1, _ = line.bbox
                    dx = (page.width - (x1 - x0)) // 2 - x0
                    line = Line(
                        tuple(
                            replace(w, bbox=(w.bbox[0] + dx, w.bbox[1], w.bbox[2] + dx, w.bbox[3]))
                            for w in line.words
                        )
                    )
                lines.append(line)
            blocks.append(replace(block, lines=tuple(lines)))
        pages.append(replace(page, blocks=tuple(blocks)))
    return replace(doc, pages=tuple(pages))


KE_HOACH = """\
ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH CÀ MAU        Độc lập - Tự do - Hạnh phúc

Số: 07/KH-UBND        Cà Mau, ngày 12 tháng 02 năm 2026

KẾ HOẠCH
Thực hiện công tác cải cách hành chính năm
2026

Thực hiện Nghị quyết của Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau.

Nơi nhận:        TM. ỦY BAN NHÂN DÂN
- Các sở, ngành;        CHỦ TỊCH
- Lưu: VT.

        Lâm Văn Bình
"""


def test_plan_subject_opening_with_thuc_hien_centred_under_the_title() -> None:
    # NĐ 30/2020 PL I: the trích yếu is centred under the type name (issue 14).
    doc = _centred(document_from_text(KE_HOACH), ("KẾ HOẠCH", "Thực hiện công tác", "2026"))
    ex = extract(doc)
    assert ex.fields["subject"].value == "Thực hiện công tác cải cách hành chính năm 2026"
    # the same words at the left margin open the body, not a subject
    body = KE_HOACH.replace("Thực hiện công tác cải cách hành chính năm\n2026\n\n", "")
    ex = extract(_centred(document_from_text(body), ("KẾ HOẠCH",)))
    # … and the body opening right under the title says no trích yếu was printed: absent, so
    # complete.required_fields.present judges it (session 19; before, unread and sent to review)
    assert "subject" not in ex.fields


UNSIGNED_NAME = QD_TWO_COLUMNS.replace("        Nguyễn Văn An\n", "")


def test_seal_over_the_signature_means_the_name_is_unread_not_absent() -> None:
    # NĐ 30/2020 Đ.33: the seal covers a third of the signature; the name under it was not read.
    doc = document_from_text(UNSIGNED_NAME)
    ex = extract(doc)
    assert "signer_name" not in ex.fields and "signer_name" not in ex.unread  # a blank: absent
    (position,) = [w for w in doc.pages[0].words if w.text == "PHÓ"]  # of "PHÓ CHỦ TỊCH"
    x0, _, _, y1 = position.bbox
    ring = f"stamp:ring:{x0 - 150},{y1 + 10},{x0 + 150},{y1 + 310}"
    sealed = replace(doc, pages=(replace(doc.pages[0], steps=(ring,)),))
    ex = extract(sealed)
    assert "signer_name" in ex.unread and ex.fields["signer_name"].unread
    # a seal elsewhere on the page says nothing about the signature block
    elsewhere = replace(doc, pages=(replace(doc.pages[0], steps=("stamp:ring:0,0,100,100",)),))
    assert "signer_name" not in extract(elsewhere).unread


def test_form_instruction_where_the_name_goes_is_read_as_the_value() -> None:
    # A template's "(Ký, ghi rõ họ tên)" left under the title with no name typed below it
    # (NĐ 30/2020 PL I: the full name is typed under the signature): it stands as the value,
    # so clean.value.no_placeholder judges it, instead of an unread name.
    text = UNSIGNED_NAME.replace("- Lưu: VT.\n", "- Lưu: VT.\n        Hùng\n        (Ký, ghi rõ họ tên)\n")
    ex = extract(document_from_text(text))
    assert ex.fields["signer_name"].value == "(Ký, ghi rõ họ tên)" and "signer_name" not in ex.unread
    # with the name typed under the instruction, the name is the value
    named = UNSIGNED_NAME.replace(
        "- Lưu: VT.\n", "- Lưu: VT.\n        (Ký, ghi rõ họ tên)\n        Nguyễn Văn An\n"
    )
    assert extract(document_from_text(named)).fields["signer_name"].value == "Nguyễn Văn An"


TO_TRINH = """\
BỘ KHOA HỌC VÀ CÔNG NGHỆ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc

Số: {number}        Hà Nội, ngày 12 tháng 9 năm 2025

TỜ TRÌNH
Dự án Luật Công nghệ cao (sửa đổi)

Kính gửi: Chính phủ
"""


def test_a_number_code_read_off_the_titles_kind_is_given_back() -> None:
    # A pen's stroke over the printed code ("9/TTr-BTNMT" read "9/TTrBTNMT", "1/TTr-BKHCN" read
    # "1/TT-BKHCN"): the title (TỜ TRÌNH) names the kind, and the code is the kind's (NĐ 30/2020
    # PL III), so it is given back as the title says.
    for read, expected in (
        ("9 /TTrBTNMT", "9/TTr-BTNMT"),
        ("1 /TT-BKHCN", "1/TTr-BKHCN"),
        ("8507 /TTr-BKHCN", "8507/TTr-BKHCN"),
    ):
        _, got = values(TO_TRINH.format(number=read))
        assert got["document_number"] == expected, read
        assert got["document_kind"] == "TTr", read


def test_a_code_of_another_valid_kind_or_with_no_title_is_kept() -> None:
    # A công văn has no title: its "UBND-VP" is kept; a valid code not one letter off the
    # title's kind (BC under a TỜ TRÌNH) is not the reader's to change.
    letter = TO_TRINH.replace("TỜ TRÌNH\n", "V/v dự án Luật Công nghệ cao\n")
    assert values(letter.format(number="45 /UBND-VP"))[1]["document_number"] == "45/UBND-VP"
    assert values(TO_TRINH.format(number="7 /BC-BKHCN"))[1]["document_number"] == "7/BC-BKHCN"
