"""A tờ khai (CT01, CC01) prints the applicant's sex beside their ID: digit 4 of the ID must agree
with it (NĐ 137/2015 Đ.13), as on a card (issue 14, forms11). Fictional numbers."""

from __future__ import annotations

from datetime import date

from extractors import extract
from extractors.textdoc import document_from_text
from quality import judge

WOMAN_1976_ID = "096176204851"  # fictional: Cà Mau, nữ (digit 4 = 1), born 1976


def _form(sex: str, other_sex: str | None = None) -> str:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ\n"
        "Kính gửi: Công an xã Tân Lộc\n1. Họ, chữ đệm và tên: LÊ THỊ HOA\n2. Ngày sinh: 20/04/1976\n"
        f"3. Giới tính: {sex}\n4. Số định danh cá nhân: {WOMAN_1976_ID}\n5. Số điện thoại liên hệ: 0912345678\n"
        "7. Nơi cư trú: Ấp 3, xã Tân Lộc, tỉnh Cà Mau\n8. Nội dung đề nghị: Cấp thẻ căn cước\n"
    )
    if other_sex:  # another person's part below (a tờ khai's child): not the applicant's sex
        text += f"Đề nghị cơ quan đăng ký cho người có tên dưới đây:\nHọ và tên: Lê Văn Tí\nGiới tính: {other_sex}\n"
    return text + "Tân Lộc, ngày 04 tháng 3 năm 2024\nNGƯỜI KÊ KHAI\n"


def _rules(text: str) -> set[str]:
    ex = extract(document_from_text(text))
    verdict = judge(ex, today=date(2026, 12, 6), text=text)
    return {v.rule for v in verdict.violations}


def test_applicant_id_digit_four_against_the_sex_the_form_prints() -> None:
    ex = extract(document_from_text(_form("Nam")))
    assert ex.doc_type == "application_form" and ex.notes.get("applicant_sex") == "Nam"
    assert "correct.personal_id.sex_digit_matches" in _rules(_form("Nam"))
    assert "correct.personal_id.sex_digit_matches" not in _rules(_form("Nữ"))


def test_another_person_s_sex_below_is_not_the_applicant_s() -> None:
    assert "correct.personal_id.sex_digit_matches" not in _rules(_form("Nữ", other_sex="Nam"))
