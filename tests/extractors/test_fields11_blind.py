"""Documents drawn by another hand (issue 14, eleventh pass on the certificates and letters):
a title-like place name in a signature block, the agency line of a table read with its rule,
a page read twice (the place-and-date line again, the agency glued onto it), a marriage
table whose label cells start with a rule or a speck, a bare "Nam" ending an address inside
the wife's section. Fictional data."""

from __future__ import annotations

from extractors import extract
from extractors.classify import find_title
from extractors.layout import segments
from extractors.textdoc import document_from_text
from ocr.result import Block, Document, Line, Page
from tests.extractors.test_blind_cards6 import line_at

MAN_1994_ID = "096094004215"  # fictional: Cà Mau, nam, born 1994
WOMAN_1990_ID = "096190003318"  # fictional: Cà Mau, nữ, born 1990

LAND_BODY = (
    "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất\n"
    "Bà: TRẦN THU MAI\nNăm sinh: 1960\n"
    "Địa chỉ: Khóm 2, thị trấn Rạch Gốc, huyện Ngọc Hiển, tỉnh Cà Mau\n"
    "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất\n"
    "Thửa đất số: 31\nTờ bản đồ số: 95\n"
    "Địa chỉ: Ấp Xóm Mới, xã Vĩnh Lộc, huyện Hồng Dân, tỉnh Bạc Liêu\n"
    "Diện tích: 905 m2 (Bằng chữ: Chín trăm linh năm mét vuông)\n"
    "Mục đích sử dụng: Đất nuôi trồng thủy sản\n"
    "Thời hạn sử dụng: Lâu dài\n"
    "Nguồn gốc sử dụng: Nhà nước giao đất không thu tiền sử dụng đất\n"
)


# --- classification ---------------------------------------------------------------------------
def test_a_place_name_like_a_title_in_the_signature_block_is_no_title() -> None:
    # the certificate's title not read; under the signature "HỒNG DÂN" (fuzzily "HƯỚNG DẪN")
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        + LAND_BODY
        + "\n" * 14
        + "        Hồng Dân, ngày 07 tháng 01 năm 2023\n        TM. ỦY BAN NHÂN DÂN HUYỆN\n"
        "        HỒNG DÂN\n        KT. CHỦ TỊCH\n        PHÓ CHỦ TỊCH\n\n        Nguyễn Hữu Luân\n"
        "Số vào sổ cấp GCN: CS 00558\n"
    )
    doc = document_from_text(text)
    segs = segments(doc)
    place = next(s for s in segs if s.text.strip() == "HỒNG DÂN")
    assert place.bbox[1] > doc.pages[0].height / 2
    assert find_title(segs) is None
    ex = extract(doc)
    assert ex.doc_type == "land_use_certificate"
    assert ex.values["holder_name"].value == "Trần Thu Mai"
    assert ex.values["issuing_agency"].value == "ỦY BAN NHÂN DÂN HUYỆN HỒNG DÂN"
    assert ex.values["issue_date"].value == "2023-01-07"
    # the same line in the upper half, where a title stands, is still a title
    top = segments(document_from_text("ỦY BAN NHÂN DÂN\n\nHƯỚNG DẪN\nVề việc số hóa hồ sơ\n"))
    found = find_title(top)
    assert found is not None and found[1].kind == "HD"


def test_land_markers_without_the_parcel_labels_still_name_a_land_certificate() -> None:
    body = LAND_BODY.replace("Thửa đất số: 31\nTờ bản đồ số: 95\n", "")
    ex = extract(document_from_text(body + "Số vào sổ cấp GCN: CS 00558\n"))
    assert ex.doc_type == "land_use_certificate"


# --- land_use_certificate ---------------------------------------------------------------------
def test_signing_agency_read_with_the_table_rule_before_its_authority() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            + LAND_BODY
            + "        Hồng Dân, ngày 07 tháng 01 năm 2023\n        | TM. ỦY BAN NHÂN DÂN HUYỆN |\n"
            "        HỒNG DÂN\n        KT. CHỦ TỊCH\n        PHÓ CHỦ TỊCH\n"
        )
    )
    assert ex.values["issuing_agency"].value == "ỦY BAN NHÂN DÂN HUYỆN HỒNG DÂN"


def test_a_page_read_twice_takes_the_agency_from_the_reading_that_has_it() -> None:
    # the second reading of the page holds the place-and-date line once more, the agency and
    # the authority glued onto it ("… năm 2023 SỞ TÀI NGUYÊN … KT, GIÁM ĐỐC"), nothing under it
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n"
            + LAND_BODY
            + "        Bạc Liêu, ngày 21 tháng 10 năm 2023\n        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH\n"
            "        BẠC LIÊU\n        KT, GIÁM ĐỐC\n        PHÓ GIÁM ĐỐC\n\n        Lâm Đức Dũng\n\n"
            "Bạc Liêu, ngày 21 tháng 10 năm 2023 SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BẠC LIÊU KT. GIÁM ĐỐC\n"
            "Lâm Đức Dũng Số vào sổ cấp GCN: CS 05226\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BẠC LIÊU"
    assert ex.values["issue_date"].value == "2023-10-21"


def test_an_authority_after_a_comma_is_cut_from_the_agency() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT\n" + LAND_BODY + "        Cà Mau, ngày 03 tháng 04 năm 2019\n"
            "        SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU KT, GIÁM ĐỐC PHÓ GIÁM ĐỐC\n"
        )
    )
    assert ex.values["issuing_agency"].value == "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU"


# --- marriage_certificate ---------------------------------------------------------------------
def _page(*lines: Line) -> Document:
    return Document((Page(1, 1700, 2200, 200, "ocr", (Block(lines),)),))


def test_marriage_table_rows_whose_label_cell_opens_with_a_rule_or_a_speck() -> None:
    ex = extract(
        _page(
            line_at("GIẤY CHỨNG NHẬN KẾT HÔN", 540, 350),
            line_at("| Thông tin", 226, 450),
            line_at("| Bên nam", 532, 450),
            line_at("Bên nữ", 1054, 452),
            Line(
                (*line_at("'Họ, chữ đệm, tên", 226, 515).words, *line_at("| Danh Quốc Lâm", 532, 515).words)
            ),
            line_at("| Trịnh Phương Hằng", 1039, 514),
            Line(
                (*line_at("Ngày, tháng, năm sinh", 226, 585).words, *line_at("| 10/08/1994", 532, 585).words)
            ),
            line_at("| 01/12/1990", 1039, 584),
            line_at("| Giấy tờ tùy thân", 226, 950),
            line_at("Căn cước công dân số", 546, 967),
            line_at("| Căn cước công dân số", 1040, 950),
            line_at(MAN_1994_ID, 545, 1012),
            line_at(WOMAN_1990_ID, 1054, 1015),
            line_at("Nơi đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau", 228, 1096),
            line_at("Ngày, tháng, năm đăng ký: 03/04/2026", 228, 1150),
        )
    )
    v = {k: f.value for k, f in ex.values.items()}
    assert v["husband_name"] == "Danh Quốc Lâm" and v["wife_name"] == "Trịnh Phương Hằng"
    assert v["husband_id_number"] == MAN_1994_ID and v["wife_id_number"] == WOMAN_1990_ID


def test_a_bare_nam_ending_an_address_does_not_open_the_husband_s_section() -> None:
    ex = extract(
        document_from_text(
            "GIẤY CHỨNG NHẬN KẾT HÔN\nSố: 158\n"
            "Bên nữ:\nHọ, chữ đệm, tên: Trịnh Phương Hằng\nNgày, tháng, năm sinh: 01/12/1990\n"
            "Nơi cư trú: Ấp 3, xã Ka Dăng, huyện Đông Giang, tỉnh Quảng\nNam\n"
            f"Số CCCD: {WOMAN_1990_ID}\n"
            "Bên nam:\nHọ, chữ đệm, tên: Danh Quốc Lâm\nNgày, tháng, năm sinh: 10/08/1994\n"
            f"Nơi cư trú: Khóm 1, Phường 9, thành phố Cà Mau, tỉnh Cà Mau\nSố CCCD: {MAN_1994_ID}\n"
            "Nơi đăng ký: Ủy ban nhân dân xã Tân Lộc, tỉnh Cà Mau\n"
            "Ngày đăng ký: ngày 04 tháng 02 năm 2019\n"
        )
    )
    v = {k: f.value for k, f in ex.values.items()}
    assert v["wife_id_number"] == WOMAN_1990_ID and v["husband_id_number"] == MAN_1994_ID
    assert v["wife_name"] == "Trịnh Phương Hằng" and v["husband_name"] == "Danh Quốc Lâm"
