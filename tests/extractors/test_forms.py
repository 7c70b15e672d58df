"""Form-like extractors (citizen_id … application_form) on text, and the awkward cases of
issue 4: fuzzy labels without diacritics, values running onto the next line, dotted
leaders, missing ":", label above value, "Nam" in "VIỆT NAM", digit look-alikes."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from extractors import extract, read_labelled_values, split_documents
from extractors.forms import FIELDS
from extractors.textdoc import document_from_text
from ocr.result import Block, Line
from samples import ALL_TYPES, DAMAGE_KINDS, generate
from samples.forms import FORM_TYPES, make_form, render_form


def _ex(text: str):
    return extract(document_from_text(text))


def _values(text: str) -> dict[str, str]:
    return {k: v.value for k, v in _ex(text).fields.items()}


# --- every type from its generated transcript ------------------------------------------------
@pytest.mark.parametrize("doc_type", FORM_TYPES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_transcript_reads_every_truth_field(doc_type: str, seed: int) -> None:
    rng = random.Random(f"test-forms:{doc_type}:{seed}")
    spec = make_form(rng, doc_type)
    _, transcript = render_form(spec)
    ex = _ex(transcript)
    assert ex.doc_type == doc_type
    assert ex.doc_type_confidence >= 0.5
    assert set(spec.truth) <= set(FIELDS[doc_type])
    assert set(ex.fields) <= set(FIELDS[doc_type])
    got = {k: v.value for k, v in ex.fields.items()}
    if doc_type == "marriage_certificate":  # textdoc's columns are not the page's: names by order
        got = {k: v for k, v in got.items() if k in spec.truth}
    assert got == spec.truth
    for fv in ex.fields.values():
        assert fv.bbox is not None and fv.page == 1 and 0 < fv.confidence <= 1


# --- awkward cases ----------------------------------------------------------------------------
def test_labels_without_diacritics_and_fuzzy() -> None:
    text = """CONG HOA XA HOI CHU NGHIA VIET NAM
Doc lap - Tu do - Hanh phuc
DON DE NGHI CAP BAN SAO TRICH LUC HO TICH
Kinh gui: Uy ban nhan dan xa Khanh Binh
Ho, chu dem, ten nguoi yeu cau: NGUYEN VAN AN
Ngay, thang, nam sinh: 05/03/1990
Sô dinh danh cá nhân: 096090001234
Nơi cu trú: ấp Tân Hưng, xã Khánh Bình, tỉnh Cà Mau
Sô dien thoại: 0912 345 678
Khánh Bình, ngày 05 tháng 3 năm 2024"""
    ex = _ex(text)
    assert ex.doc_type == "application_form"
    v = {k: f.value for k, f in ex.fields.items()}
    assert v["applicant_name"] == "Nguyễn Van An"  # surname respelled from the lexicon
    assert "lexicon" in ex.fields["applicant_name"].flags
    assert v["date_of_birth"] == "1990-03-05"
    assert v["applicant_id_number"] == "096090001234"
    assert v["phone"] == "0912345678"
    assert v["request_date"] == "2024-03-05"
    assert v["form_title"] == "DON DE NGHI CAP BAN SAO TRICH LUC HO TICH"


def test_misread_label_letters_matched_fuzzily() -> None:
    v = _values(
        "GIẤY KHAI SINH\nSố: 12\nHọ, chữ đệm, tẽn: LÊ VĂN BÌNH\nNơi sinh: Bệnh viện Đa khoa tỉnh Cà Mau\n"
        "Họ, chữ đệm, tên người mẹ: TRẦN THỊ LAN\nNăm sinh: 1990\nHọ, chữ đệm, tên người cha: LÊ VĂN AN\n"
    )
    assert v["full_name"] == "Lê Văn Bình"
    assert v["mother_name"] == "Trần Thị Lan"
    assert v["mother_birth_year"] == "1990"
    assert "father_birth_year" not in v


def test_value_running_onto_next_line_and_stopping_at_next_label() -> None:
    text = """GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT
a) Thửa đất số: 12;    b) Tờ bản đồ số: 7;
c) Địa chỉ: ấp Tân Hưng, xã Khánh Bình,
tỉnh Cà Mau
d) Diện tích: 1.234,5 m²
e) Mục đích sử dụng: Đất ở tại nông thôn"""
    v = _values(text)
    assert v["address"] == "ấp Tân Hưng, xã Khánh Bình, tỉnh Cà Mau"
    assert v["parcel_number"] == "12" and v["map_sheet_number"] == "7"
    assert v["area_m2"] == "1234.5"
    assert v["land_use_purpose"] == "Đất ở tại nông thôn"


def test_dotted_leaders_and_missing_colon() -> None:
    text = """TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ
Kính gửi: Công an xã Năm Căn
Họ, chữ đệm, tên người yêu cầu NGUYỄN THỊ HỒNG NHUNG ..................
Ngày, tháng, năm sinh ……… 07/11/1988 ………
Số định danh cá nhân  096188001234 . . . . . . .
Số điện thoại 0987 654 321 ________"""
    v = _values(text)
    assert v["applicant_name"] == "Nguyễn Thị Hồng Nhung"
    assert v["date_of_birth"] == "1988-11-07"
    assert v["applicant_id_number"] == "096188001234"
    assert v["phone"] == "0987654321"


def test_card_layout_label_above_value_and_bilingual_glosses() -> None:
    text = """CĂN CƯỚC CÔNG DÂN
Số / No.: 096090001234
Họ và tên / Full name:
TRẦN VĂN NAM
Ngày sinh / Date of birth: 01/02/1990
Giới tính / Sex: Nam    Quốc tịch / Nationality: Việt Nam
Quê quán / Place of origin:
xã Đầm Dơi, tỉnh Cà Mau"""
    v = _values(text)
    assert v["id_number"] == "096090001234"
    assert v["full_name"] == "Trần Văn Nam"
    assert v["sex"] == "Nam" and v["nationality"] == "Việt Nam"
    assert v["place_of_origin"] == "xã Đầm Dơi, tỉnh Cà Mau"


def test_nam_in_viet_nam_is_not_a_sex() -> None:
    text = """CĂN CƯỚC CÔNG DÂN
Số: 096190001234
Họ và tên: NGUYỄN THỊ MAI
Giới tính:    Quốc tịch: VIỆT NAM
Quê quán: xã U Minh, tỉnh Cà Mau"""
    v = _values(text)
    assert "sex" not in v
    assert v["nationality"] == "VIỆT NAM"
    v2 = _values(text.replace("Giới tính:    ", "Giới tính: Nữ    "))
    assert v2["sex"] == "Nữ"


def test_id_lookalikes_repaired_only_when_valid() -> None:
    ex = _ex("CĂN CƯỚC CÔNG DÂN\nSố: O96l9OOO1234\nHọ và tên: LÊ THỊ AN\n")
    fv = ex.fields["id_number"]
    assert fv.value == "096190001234" and "repaired" in fv.flags and fv.raw == "O96l9OOO1234"
    ex = _ex("CĂN CƯỚC CÔNG DÂN\nSố: 999l90001234\nHọ và tên: LÊ THỊ AN\n")  # 999: no such province
    fv = ex.fields["id_number"]
    assert fv.value == "999l90001234" and "invalid" in fv.flags
    assert fv.confidence < 0.7
    ex = _ex("GIẤY CHỨNG MINH NHÂN DÂN\nSố 381234567\nHọ tên: LÊ THỊ AN\n")
    assert ex.fields["legacy_id_number"].value == "381234567" and "id_number" not in ex.fields


def test_business_code_check_digit_and_money() -> None:
    text = """SỞ TÀI CHÍNH TỈNH CÀ MAU    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG ĐĂNG KÝ KINH DOANH    Độc lập - Tự do - Hạnh phúc

GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP
Mã số doanh nghiệp: O1OO1O91O6
Đăng ký lần đầu: ngày 05 tháng 3 năm 2020
Đăng ký thay đổi lần thứ: 3, ngày 10 tháng 6 năm 2024
Vốn điều lệ: 2.000.000.000 đồng
* Họ và tên: PHẠM MINH TÂM    Giới tính: Nam"""
    ex = _ex(text)
    v = {k: f.value for k, f in ex.fields.items()}
    assert v["enterprise_code"] == "0100109106" and "repaired" in ex.fields["enterprise_code"].flags
    assert v["charter_capital_vnd"] == "2000000000"
    assert v["amendment_number"] == "3" and v["amendment_date"] == "2024-06-10"
    assert v["first_registration_date"] == "2020-03-05"
    assert v["legal_representative"] == "Phạm Minh Tâm"
    assert v["issuing_agency"] == "SỞ TÀI CHÍNH TỈNH CÀ MAU PHÒNG ĐĂNG KÝ KINH DOANH"
    bad = _values(text.replace("O1OO1O91O6", "0100109107"))
    assert bad["enterprise_code"] == "0100109107"
    assert "invalid" in _ex(text.replace("O1OO1O91O6", "0100109107")).fields["enterprise_code"].flags


def test_date_in_words_only() -> None:
    v = _values(
        "GIẤY KHAI SINH\nNgày, tháng, năm sinh: ngày mười lăm, tháng ba, năm hai nghìn không trăm hai mươi tư\n"
    )
    assert v["date_of_birth"] == "2024-03-15"


def test_partial_date_keeps_precision() -> None:
    ex = _ex("CĂN CƯỚC CÔNG DÂN\nSố: 096190001234\nNgày sinh: tháng 3 năm 1950\n")
    assert ex.fields["date_of_birth"].value == "1950-03"
    assert "precision_YM" in ex.fields["date_of_birth"].flags


def test_marriage_table_by_columns() -> None:
    text = """GIẤY CHỨNG NHẬN KẾT HÔN
Số: 17    Quyển số: 01/2024
Thông tin    Chồng    Vợ
Họ, chữ đệm, tên:    ĐỖ VĂN LONG    HỒ THỊ YẾN
Ngày, tháng, năm sinh:    02/03/1990    04/05/1994
Giấy tờ tùy thân:    CCCD số 096090001234    CCCD số 096194001234
Nơi đăng ký: Ủy ban nhân dân xã Năm Căn, tỉnh Cà Mau
Ngày, tháng, năm đăng ký: 12/05/2024"""
    v = _values(text)
    assert v["husband_name"] == "Đỗ Văn Long" and v["wife_name"] == "Hồ Thị Yến"
    assert v["husband_date_of_birth"] == "1990-03-02" and v["wife_date_of_birth"] == "1994-05-04"
    assert v["husband_id_number"] == "096090001234" and v["wife_id_number"] == "096194001234"
    assert v["registration_number"] == "17" and v["book_number"] == "01/2024"
    assert v["registration_date"] == "2024-05-12"
    # without the "Chồng | Vợ" headings the two value columns are read in order
    v = _values(text.replace("Thông tin    Chồng    Vợ\n", ""))
    assert v["husband_name"] == "Đỗ Văn Long" and v["wife_id_number"] == "096194001234"


def test_unknown_page_has_no_fields_but_labelled_values_read() -> None:
    text = "HỢP ĐỒNG LAO ĐỘNG\nHọ và tên: Trịnh Hoàng Phúc\nCCCD số: 251834210784, cấp ngày 28/08/2022\nSố điện thoại: 0972 345 678"
    ex = _ex(text)
    assert ex.doc_type == "unknown" and ex.fields == {}
    got = {(k, fv.value) for k, fv in read_labelled_values(document_from_text(text))}
    assert got == {("full_name", "Trịnh Hoàng Phúc"), ("id_number", "251834210784"), ("phone", "0972345678")}


# --- split ------------------------------------------------------------------------------------
def test_split_documents_by_first_pages() -> None:
    birth = render_form(make_form(random.Random("s1"), "birth_certificate"))[1]
    form = render_form(make_form(random.Random("s2"), "application_form"))[1]
    continuation = "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành Quyết định này.\nNơi nhận:\n- Lưu: VT."
    doc = document_from_text("\f".join([birth, form, continuation, birth]))
    assert split_documents(doc) == [(1, 1), (2, 3), (4, 4)]
    assert split_documents(document_from_text(birth)) == [(1, 1)]


# --- generator --------------------------------------------------------------------------------
def test_generate_all_types_with_damage(tmp_path: Path) -> None:
    truths = generate(
        tmp_path,
        8,
        seed=5,
        formats=("png", "jpg", "pdf", "tif"),
        damage=True,
        types=ALL_TYPES,
        damage_kinds=DAMAGE_KINDS,
    )
    assert [t.doc_type for t in truths] == list(ALL_TYPES)
    assert {t.format for t in truths} == {"png", "jpg", "pdf", "tif"}
    assert [t.damage["kind"] for t in truths] == [DAMAGE_KINDS[i % len(DAMAGE_KINDS)] for i in range(8)]
    lines = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["fields"] for x in lines] == [t.fields for t in truths]
    for t in truths:
        assert (tmp_path / t.file).stat().st_size > 5_000
        assert t.fields
    rotated = next(t for t in truths if t.damage["kind"] == "rotation")
    assert rotated.width > rotated.height  # A4 portrait turned a quarter


def test_generate_default_still_admin_first() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        truths = generate(Path(tmp), 6, seed=7)
    assert [t.format for t in truths[:3]] == ["png", "jpg", "pdf"]
    assert all(t.doc_type in ("administrative_decision", "official_letter") for t in truths)
    assert all(t.fields["document_number"] for t in truths)


# --- OCR noise the benchmark showed ------------------------------------------------------------
def test_misread_gloss_and_speck_tokens_are_not_values() -> None:
    text = """CĂN CƯỚC CÔNG DÂN
Số / No.: 096090001234
Họ và tên / Eull narne:
_ TRẦN VĂN NAM
Quốc tịch / Natiomality: Việt Nam"""
    v = _values(text)
    assert v["full_name"] == "Trần Văn Nam"
    assert v["nationality"] == "Việt Nam"


def test_place_names_respelled_from_the_lexicon_only_when_close() -> None:
    from extractors.normalize import repair_place

    assert repair_place("ấp Tân Hưng, xã Hồng Dân, tỉnh Cả Mau") == (
        "ấp Tân Hưng, xã Hồng Dân, tỉnh Cà Mau",
        True,
    )
    assert repair_place("xã Khanh Binh, tỉnh Cà Mai") == ("xã Khánh Bình, tỉnh Cà Mau", True)
    # a commune of another province is not "corrected" to a Cà Mau one; unknown names stay
    assert repair_place("phường Nam Dương, quận Hải Châu, thành phố Đà Nẵng")[1] is False
    assert repair_place("xã Tân Hòa, tỉnh Xyz")[1] is False
    # a pre-reform address keeps its communes: they are not misread 2025 names
    assert repair_place("xã Đông Thới, huyện Cái Nước, tỉnh Cà Mau") == (
        "xã Đông Thới, huyện Cái Nước, tỉnh Cà Mau",
        False,
    )
    assert repair_place("phường Tân Xuyên, thành phố Cà Mau, tỉnh Cà Mau")[1] is False


def test_surname_lexicon_only_touches_the_surname() -> None:
    from extractors.normalize import repair_name

    assert repair_name("Nguyên Thi Mai Anh") == ("Nguyễn Thị Mai Anh", True)
    assert repair_name("Hưỳnh Văn Quyền") == ("Huỳnh Văn Quyền", True)
    assert repair_name("Nguyễn Văn An") == ("Nguyễn Văn An", False)
    assert repair_name("Thi Ngọc") == ("Thi Ngọc", False)  # two syllables: Thi is the given name


# --- shared normalizers ------------------------------------------------------------------------
def test_numbers_money_and_identifiers() -> None:
    from extractors.normalize import (
        format_decimal,
        identifier,
        money,
        mst_check_ok,
        parse_words_date,
        phone,
        valid_personal_id,
        vn_number,
    )

    assert format_decimal(vn_number("1.234,5 m²")) == "1234.5"
    assert format_decimal(vn_number("1234,5m2")) == "1234.5"
    assert format_decimal(vn_number("250 m2")) == "250"
    assert format_decimal(vn_number("1,234.5")) == "1234.5"  # English locale
    assert money("1.500.000.000 đồng") == "1500000000"
    assert phone("0972 345 678") == "0972345678" and phone("12") is None
    assert all(
        mst_check_ok(c) for c in ("0100109106", "0100112437", "0100233488", "0314409058", "0101243150")
    )
    assert not mst_check_ok("0100109107") and not mst_check_ok("0100109106-000")
    assert identifier("Mã số: 0100109106-001", mst_check_ok, 10) == ("0100109106-001", False, True)
    assert identifier("096 190 001 234", valid_personal_id) == ("096190001234", False, True)
    assert identifier("O96190OO1234", valid_personal_id) == ("096190001234", True, True)
    assert parse_words_date("ngày hai mươi mốt, tháng mười hai, năm một nghìn chín trăm chín mươi") == (
        "1990-12-21",
        "YMD",
    )
    assert parse_words_date("ngày năm, tháng hai, năm hai nghìn không trăm hai mươi hai") == (
        "2022-02-05",
        "YMD",
    )
    assert parse_words_date("ngày mùng năm") is None


def test_specks_and_list_markers_trimmed_but_brackets_kept() -> None:
    from extractors.labels import normalize_value

    assert normalize_value("text", "Đất ở tại đô thị ø)")[0] == "Đất ở tại đô thị"
    assert normalize_value("text", "ấp Tân Hưng, xã Năm Căn;  b)")[0] == "ấp Tân Hưng, xã Năm Căn"
    assert normalize_value("text", "Bệnh viện (cơ sở 2)")[0] == "Bệnh viện (cơ sở 2)"
    assert normalize_value("nationality", "————") is None
    assert normalize_value("nationality", "Viet Narn")[0] == "Việt Nam"
    assert normalize_value("name", "_ ĐẶNG HOÀNG CHÂU")[0] == "Đặng Hoàng Châu"


def test_land_use_term_one_form_however_printed() -> None:
    from extractors.labels import normalize_value

    for printed in ("Đến ngày 27/06/2076", "đến ngày 27-06-2076", "Đến ngày 27.6.2076", "27/06/2076"):
        assert normalize_value("term", printed)[0] == "Đến ngày 27/06/2076", printed
    assert normalize_value("term", "ngày 05 tháng 3 năm 2071")[0] == "Đến ngày 05/03/2071"
    assert normalize_value("term", "LÂU DÀI")[0] == "Lâu dài"
    assert normalize_value("term", "Lâu dài")[0] == "Lâu dài"
    # no full date: kept as printed, never an invented day
    assert normalize_value("term", "50 năm")[0] == "50 năm"
    assert normalize_value("term", "Đến tháng 6 năm 2076")[0] == "Đến tháng 6 năm 2076"


def test_sohoa_samples_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    result = CliRunner().invoke(
        app, ["samples", "--out", str(tmp_path), "--per-type", "1", "--formats", "png", "--no-damaged"]
    )
    assert result.exit_code == 0, result.output
    truth = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(t["doc_type"] for t in truth) == sorted(ALL_TYPES)
    assert all((tmp_path / t["file"]).is_file() for t in truth)
    assert not (tmp_path / "damaged").exists()


def test_label_above_value_skips_a_speck_line() -> None:
    v = _values(
        "CĂN CƯỚC CÔNG DÂN\nSố: 096300436145\nGiới tính / Sex: Nữ    Quốc tịch / Nationality:\n|\n"
        "    Việt Nam\nQuê quán / Place of origin:\nxã Thới Bình, tỉnh Cà Mau"
    )
    assert v["nationality"] == "Việt Nam" and v["sex"] == "Nữ"
    assert v["place_of_origin"] == "xã Thới Bình, tỉnh Cà Mau"


def test_business_representative_id_under_a_wrapped_label() -> None:
    # The table cell wraps "Số giấy tờ pháp lý của cá nhân" around the number (issue 14).
    text = """SỞ TÀI CHÍNH TỈNH CÀ MAU    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG ĐĂNG KÝ KINH DOANH    Độc lập - Tự do - Hạnh phúc
GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP
Mã số doanh nghiệp: 0100109106
Họ và tên: PHẠM MINH TÂM
Số giấy tờ pháp lý của cá
096088004567
nhân"""
    ex = _ex(text)
    assert ex.fields["legal_representative_id_number"].value == "096088004567"
    assert not ex.fields["legal_representative_id_number"].unread


# --- a bordered table read column by column (issue 14) ---------------------------------------
BIRTH_TABLE = """\
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
GIẤY KHAI SINH
Họ và tên      Trần Thị Mai Anh
Giới tính      Nữ
Ngày, tháng, năm sinh      15/01/2026
Nơi sinh      Trạm Y tế xã Tân Thành,
      tỉnh Cà Mau
Số định danh cá nhân      096326001234
Họ và tên mẹ      Lê Thị Hoa
"""


def _columns_read_apart(text: str):
    """The document OCR gives when it reads a table's label column, then its value column:
    the same words and boxes, the cells right of the page's middle in a block after the rest."""
    doc = document_from_text(text)
    page = doc.pages[0]
    mid = page.width // 2
    lines = [ln for b in page.blocks for ln in b.lines]
    left = [Line(ws) for ln in lines if (ws := tuple(w for w in ln.words if w.bbox[0] < mid))]
    right = [Line(ws) for ln in lines if (ws := tuple(w for w in ln.words if w.bbox[0] >= mid))]
    blocks = (Block(tuple(left)), Block(tuple(right)))
    return extract(replace(doc, pages=(replace(page, blocks=blocks),)))


def test_table_read_column_by_column_pairs_labels_and_values_by_row() -> None:
    ex = _columns_read_apart(BIRTH_TABLE)
    got = {k: v.value for k, v in ex.fields.items()}
    assert got["full_name"] == "Trần Thị Mai Anh" and got["sex"] == "Nữ"
    assert got["date_of_birth"] == "2026-01-15" and got["mother_name"] == "Lê Thị Hoa"
    assert got["personal_id_number"] == "096326001234"
    # the cell's second line continues it; the next row's value does not
    assert got["place_of_birth"] == "Trạm Y tế xã Tân Thành, tỉnh Cà Mau"


# --- the mother's and the father's blocks side by side (issue 14) -----------------------------
BIRTH_PARENTS = """\
GIẤY KHAI SINH
Số: 318      Quyển số: 01
Họ, chữ đệm, tên: TRẦN THỊ MAI ANH
Sinh ngày: 15/01/2026
Giới tính: Nữ

Thông tin người mẹ      Thông tin người cha
Họ, chữ đệm, tên:      Họ, chữ đệm, tên:
Lê Thị Hoa      TRẦN VĂN BÌNH
Năm sinh: 1996      Năm sinh: 1994
Dân tộc: Kinh      Dân tộc: Kinh

Cơ quan đăng ký: Ủy ban nhân dân xã Tân Thành, tỉnh Cà Mau
Ngày đăng ký: ngày 20 tháng 01 năm 2026
"""


def test_parent_columns_read_as_their_own_documents() -> None:
    got = _values(BIRTH_PARENTS)
    assert got["full_name"] == "Trần Thị Mai Anh"
    assert (got["mother_name"], got["mother_birth_year"]) == ("Lê Thị Hoa", "1996")
    assert (got["father_name"], got["father_birth_year"]) == ("Trần Văn Bình", "1994")
