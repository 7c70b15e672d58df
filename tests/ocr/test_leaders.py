"""Dotted leaders erased before Tesseract (issue 14): dots gone, letters and dấu left alone."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.pipeline import read_document
from ocr.preprocess import erase_dotted_leaders, prepare
from ocr.settings import OcrSettings

# A box as PIL's textbbox gives it: left, top, right, bottom.
Box = tuple[float, float, float, float]

FONT_PX = 42  # ~10 pt at 300 DPI, as the forms are printed
LEADER = "…" * 14


def _png(image: Image.Image, dpi: int = 300) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def _form_line(
    font_path: Path,
) -> tuple[Image.Image, list[Box], Box]:
    """One form line "label value ……": the page, the boxes of the label and the value, the
    leader's box."""
    page = Image.new("L", (1800, 200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(font_path), FONT_PX)
    label, value = "Họ, chữ đệm, tên:", "Cao Chí Nhân"
    x, y = 40, 70
    label_box = draw.textbbox((x, y), label, font=font)
    draw.text((x, y), label, fill=0, font=font)
    value_x = label_box[2] + 20
    value_box = draw.textbbox((value_x, y), value, font=font)
    draw.text((value_x, y), value, fill=0, font=font)
    leader_x = value_box[2] + 12
    leader_box = draw.textbbox((leader_x, y), LEADER, font=font)
    draw.text((leader_x, y), LEADER, fill=0, font=font)
    return page, [label_box, value_box], leader_box


def _ink(array: np.ndarray, box: Box) -> int:
    left, top, right, bottom = (round(v) for v in box)
    return int(np.count_nonzero(array[top:bottom, left:right] < 128))


def test_leader_dots_go_letters_and_diacritics_stay(font_path):
    page, letter_boxes, leader_box = _form_line(font_path)
    gray = np.asarray(page)
    erased, dots = erase_dotted_leaders(gray)
    # 14 "…" of 3 dots each.
    assert dots == 3 * len(LEADER)
    assert _ink(gray, leader_box) > 0 and _ink(erased, leader_box) == 0
    for box in letter_boxes:
        # Label and value, with ọ ữ ệ ê í â and their dấu: not a pixel lost.
        assert _ink(erased, box) == _ink(gray, box)


def test_tesseract_reads_the_value_once_the_leader_is_gone(font_path):
    page, _letters, _leader = _form_line(font_path)
    document = read_document(_png(page))
    (read,) = document.pages
    assert any(step.startswith("erase_leaders:") for step in read.steps)
    assert "Cao Chí Nhân" in document.text
    assert "…" not in document.text and "..." not in document.text


def test_the_setting_turns_it_off(font_path):
    page, _letters, _leader = _form_line(font_path)
    steps = prepare(page, 300, erase_leaders=False)[4]
    assert not any(step.startswith("erase_leaders") for step in steps)
    document = read_document(_png(page), OcrSettings(erase_leaders=False))
    assert not any(step.startswith("erase_leaders") for step in document.pages[0].steps)


PARAGRAPH = (
    "Căn cứ Nghị định số 123/2015/NĐ-CP ngày 15 tháng 11 năm 2015 của Chính phủ…",
    "Xét đề nghị của Trưởng phòng Tư pháp huyện, Ủy ban nhân dân xã Nguyễn Việt Khái.",
    "Điều 1. Cấp giấy chứng nhận cho ông Nguyễn Hữu Thịnh, bà Phạm Thị Ngọc Huyền…",
    "Những việc đã làm: kiểm tra hồ sơ, đối chiếu, xác minh... Kết quả: đạt yêu cầu.",
    "Nơi cư trú: Ấp 4, xã Yên Phong, huyện Chợ Đồn, tỉnh Bắc Kạn; ngày …/…/1985.",
    "ị ọ ụ ạ ẹ ệ ộ ợ ự ặ ậ ỵ ỉ ĩ ì í ỳ ý ỷ ỹ ẫ ẩ ầ ấ ễ ể ề ế ỗ ổ ồ ố ữ ử ừ ứ ẵ ẳ ằ ắ",
)


def test_vietnamese_paragraph_with_ellipses_is_left_alone(font_path):
    font = ImageFont.truetype(str(font_path), FONT_PX)
    page = Image.new("L", (2000, 80 + 70 * len(PARAGRAPH)), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(PARAGRAPH):
        draw.text((40, 40 + 70 * row), line, fill=0, font=font)
    gray = np.asarray(page)
    erased, dots = erase_dotted_leaders(gray)
    assert dots == 0 and erased is gray


def _blind_like_form(font_path: Path) -> Image.Image:
    """A page as the blind set's dotted forms come (marriage_certificate_004 of seed 7): bold
    values on "……" leaders to the margin, grey paper, a light gradient, noise, 0.6° skew."""
    regular = ImageFont.truetype(str(font_path), FONT_PX)
    bold_path = font_path.with_name("DejaVuSans-Bold.ttf")
    bold = ImageFont.truetype(str(bold_path), FONT_PX) if bold_path.is_file() else regular
    page = Image.new("L", (2480, 1100), 255)
    draw = ImageDraw.Draw(page)
    draw.text((700, 80), "GIẤY CHỨNG NHẬN KẾT HÔN", fill=0, font=bold)
    rows = (
        ("Họ, chữ đệm, tên:", "Cao Chí Nhân"),
        ("Ngày, tháng, năm sinh:", "13/10/1983"),
        ("Dân tộc:", "Kinh"),
        ("Nơi cư trú:", "Ấp 4, xã Yên Phong, tỉnh Bắc Kạn"),
        ("Số định danh cá nhân:", "095083459865"),
    )
    for row, (label, value) in enumerate(rows):
        y = 260 + 110 * row
        draw.text((200, y), label, fill=0, font=regular)
        x = draw.textbbox((200, y), label, font=regular)[2] + 24
        draw.text((x, y), value, fill=0, font=bold)
        x = draw.textbbox((x, y), value, font=bold)[2] + 16
        dot = draw.textlength("…", font=regular)
        draw.text((x, y), "…" * int((2280 - x) // dot), fill=0, font=regular)
    rng = np.random.default_rng(7)
    array = np.asarray(page, dtype=np.float64)
    array = array * 0.92 + np.linspace(0, 12, array.shape[1])[None, :] + rng.normal(0, 5, array.shape)
    image = Image.fromarray(np.clip(array, 0, 255).astype(np.uint8), "L")
    return image.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=235, expand=False)


def test_blind_like_dotted_form_reads_its_values(font_path):
    document = read_document(_png(_blind_like_form(font_path)))
    (read,) = document.pages
    steps = [step for step in read.steps if step.startswith("erase_leaders:")]
    assert steps and int(steps[0].split(":")[1]) >= 5 * 8 * 3
    for value in ("Cao Chí Nhân", "13/10/1983", "095083459865", "Ấp 4, xã Yên Phong, tỉnh Bắc Kạn"):
        assert value in document.text
    assert "Họ, chữ đệm, tên:" in document.text


@pytest.mark.parametrize("dots", [3, 6])
def test_short_runs_of_dots_are_punctuation_not_leaders(font_path, dots):
    font = ImageFont.truetype(str(font_path), FONT_PX)
    page = Image.new("L", (1400, 160), 255)
    ImageDraw.Draw(page).text((40, 50), "Chờ xem" + "." * dots + " rồi tính", fill=0, font=font)
    gray = np.asarray(page)
    assert erase_dotted_leaders(gray) == (gray, 0)


def test_leaders_inside_a_stamp_frame_stay_a_form_lines_go(font_path):
    """An arrival stamp "ĐẾN Giờ: ……" in its frame (vpcp_2239): its leaders are the stamp's and
    stay (erased, they moved Tesseract's grouping of the header); a form line's beside it go."""
    font = ImageFont.truetype(str(font_path), 30)
    page = Image.new("L", (2480, 900), 255)
    draw = ImageDraw.Draw(page)
    # 2.0 x 0.7 inch at 300 DPI, a thin border; the top one broken into dashes as scanned.
    x0, y0, x1, y1 = 100, 100, 700, 310
    draw.line((x0, y0, x0, y1), fill=0, width=3)
    draw.line((x1, y0, x1, y1), fill=0, width=3)
    draw.line((x0, y1, x1, y1), fill=0, width=3)
    for x in range(x0, x1, 24):
        draw.line((x, y0, min(x1, x + 18), y0), fill=0, width=3)
    draw.text((x0 + 20, y0 + 30), "CỔNG THÔNG TIN", fill=0, font=font)
    draw.text((x0 + 20, y0 + 110), "ĐẾN", fill=0, font=ImageFont.truetype(str(font_path), FONT_PX))
    stamp_leader = (x0 + 160, y0 + 100)
    draw.text(stamp_leader, "Giờ:" + "…" * 10, fill=0, font=font)
    stamp_box = draw.textbbox(stamp_leader, "Giờ:" + "…" * 10, font=font)
    form_page, _letters, leader_box = _form_line(font_path)
    page.paste(form_page, (0, 600))
    leader_box = (leader_box[0], leader_box[1] + 600, leader_box[2], leader_box[3] + 600)
    gray = np.asarray(page)
    erased, dots = erase_dotted_leaders(gray, 300)
    assert dots == 3 * len(LEADER)
    assert _ink(gray, leader_box) > 0 and _ink(erased, leader_box) == 0
    assert _ink(erased, stamp_box) == _ink(gray, stamp_box) > 0
