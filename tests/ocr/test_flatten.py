"""ocr/flatten.py: a page photographed on a table (turned, in keystone perspective) is found and
warped flat and upright before Tesseract reads it; scans and rendered pages are left exactly as
they are. Pages drawn here with PIL, photographed with a known homography, read by Tesseract."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
from PIL import Image, ImageDraw

from ocr.flatten import find_page, flatten_page
from ocr.loader import PageInput
from ocr.pipeline import read_page
from ocr.settings import OcrSettings
from tests.ocr.drawn import BODY, SERIF, SERIF_BOLD, draw_motto, font

A4 = (1654, 2339)  # pixels at 200 DPI


def _letter(frame: int = 0) -> Image.Image:
    """An official letter (fictional agency): two header columns, number, title, body."""
    page = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(page)
    bold, regular = font(SERIF_BOLD, 30), font(SERIF, 30)
    draw.text((150, 150), "UBND TỈNH CÀ MAU", font=bold, fill="black")
    draw.text((190, 200), "SỞ NỘI VỤ", font=bold, fill="black")
    draw_motto(draw, bold)
    draw.text((150, 300), "Số: 15/QĐ-SNV", font=regular, fill="black")
    draw.text((900, 300), "Cà Mau, ngày 12 tháng 3 năm 2025", font=regular, fill="black")
    draw.text((600, 420), "QUYẾT ĐỊNH", font=bold, fill="black")
    for row, line in enumerate(BODY * 3):
        draw.text((150, 540 + row * 60), line, font=regular, fill="black")
    if frame:
        # A double rule printed near the page's edge, as on a land-use certificate.
        for inset in (frame, frame + 14):
            draw.rectangle((inset, inset, A4[0] - inset, A4[1] - inset), outline="black", width=3)
    return page


def _corners(angle: float, keystone: float, frame: tuple[int, int], scale: float) -> np.ndarray:
    """Where the page's corners (TL, TR, BR, BL) land in the photo: turned by ``angle`` degrees
    about the frame's centre, the top edge shortened by ``keystone`` of the width each side."""
    w, h = A4[0] * scale, A4[1] * scale
    src = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    src[0, 0] += keystone * w
    src[1, 0] -= keystone * w
    turn = np.radians(angle)
    rot = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    return (src @ rot.T + [frame[0] / 2, frame[1] / 2]).astype(np.float32)


def _photo(
    page: Image.Image,
    angle: float = 5.0,
    keystone: float = 0.04,
    frame: tuple[int, int] = (1800, 2400),
    background: tuple[int, int, int] = (120, 80, 50),
) -> tuple[Image.Image, np.ndarray]:
    """``page`` photographed on a grainy table, a little warm, and where its corners are."""
    rng = np.random.default_rng(7)
    table = np.full((frame[1], frame[0], 3), background, np.int16)
    table = np.clip(table + rng.integers(-20, 20, (frame[1], frame[0], 1)), 0, 255).astype(np.uint8)
    corners = _corners(angle, keystone, frame, 0.85)
    src = np.array([[0, 0], [A4[0], 0], [A4[0], A4[1]], [0, A4[1]]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, corners)
    sheet = np.asarray(page).astype(np.int16) - np.array([0, 6, 18], np.int16)  # warm paper
    warped = cv2.warpPerspective(np.clip(sheet, 0, 255).astype(np.uint8), matrix, frame, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full(A4[::-1], 255, np.uint8), matrix, frame)
    table[mask > 0] = warped[mask > 0]
    return Image.fromarray(table, "RGB"), corners


def _input(image: Image.Image, dpi: int = 200) -> PageInput:
    return PageInput(1, image.width, image.height, dpi, image=image)


def test_the_corners_of_a_photographed_sheet_are_found() -> None:
    photo, corners = _photo(_letter(), angle=-4.0, keystone=0.05)
    found = find_page(photo)
    assert found is not None
    # within 1 % of the frame's side of where the homography put them, in order TL TR BR BL
    assert np.abs(found - corners).max() < 24


def test_a_photographed_letter_is_flattened_and_its_header_columns_read_apart() -> None:
    photo, _ = _photo(_letter())
    flat = flatten_page(_input(photo))
    assert [s for s in flat.steps if s.startswith("flatten:quad:")]
    assert abs(flat.height / flat.width - 297 / 210) < 0.01  # the A4 sheet, upright
    assert 150 <= flat.dpi <= 200  # 0.85 of the 200-DPI page's width in the photo: ~170
    read = read_page(_input(photo))
    assert any(s.startswith("flatten:quad:") for s in read.steps)
    lines = [" ".join(line.text.split()) for line in read.lines]
    # The two header columns are read as two columns, neither interleaved with the other.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "UBND TỈNH CÀ MAU" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines


def test_the_setting_turns_flattening_off() -> None:
    photo, _ = _photo(_letter(), angle=3.0)
    settings = replace(OcrSettings(), flatten_photos=False, fill_ins=False)
    read = read_page(_input(photo), settings)
    assert not any(s.startswith("flatten:") for s in read.steps)
    assert OcrSettings().flatten_photos


def test_a_sheet_on_a_table_as_pale_as_paper_is_found_by_its_edge() -> None:
    photo, corners = _photo(_letter(), angle=3.0, keystone=0.03, background=(214, 212, 206))
    found = find_page(photo)
    assert found is not None and np.abs(found - corners).max() < 24


def test_flat_scans_and_rendered_pages_are_left_exactly_as_they_came() -> None:
    for image in (
        _letter(),  # a rendered page, colour
        _letter().convert("L"),  # grey
        _letter(frame=40),  # a double frame near the edge, square to the image
        Image.fromarray(  # ... and a scan of it skewed 1.5 deg: the frame is no sheet
            cv2.warpAffine(
                np.asarray(_letter(frame=40).convert("L")),
                cv2.getRotationMatrix2D((A4[0] / 2, A4[1] / 2), 1.5, 1.0),
                A4,
                borderValue=255,
            ),
            "L",
        ),
    ):
        page = _input(image)
        assert flatten_page(page) is page


def test_a_page_photographed_square_to_the_frame_is_not_resampled() -> None:
    photo, _ = _photo(_letter(), angle=0.0, keystone=0.0)
    page = _input(photo)
    assert flatten_page(page) is page
