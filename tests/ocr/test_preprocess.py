"""Preprocessing: every image mode to 8-bit grayscale, steps recorded."""

from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.loader import load_pages
from ocr.preprocess import deblur, prepare, preprocess


def test_rgb_becomes_grayscale_and_says_so():
    image = Image.new("RGB", (4, 4), (200, 0, 0))  # a red title
    gray, steps = preprocess(image)
    assert gray.mode == "L" and steps == ("grayscale",)
    # ITU-R 601 luma: red is dark enough to stay ink.
    assert gray.getpixel((0, 0)) == 60


def test_gray_input_is_left_alone():
    image = Image.new("L", (4, 4), 128)
    gray, steps = preprocess(image)
    assert gray is image and steps == ()


def test_transparent_background_turns_white_not_black(ocrmypdf_files):
    # Transparent black background (what an exported scan often has) with opaque black ink.
    rgba = np.zeros((20, 20, 4), dtype=np.uint8)
    rgba[5:15, 5:15, 3] = 255
    gray, steps = preprocess(Image.fromarray(rgba, "RGBA"))
    assert steps == ("flatten_alpha", "grayscale")
    pixels = np.asarray(gray)
    assert pixels[0, 0] == 255 and pixels[10, 10] == 0
    # A real RGBA PNG from the corpus goes the same way.
    (page,) = load_pages((ocrmypdf_files / "baiona_alpha.png").read_bytes())
    assert preprocess(page.image)[1] == ("flatten_alpha", "grayscale")


def test_cmyk_palette_and_bilevel_images_become_gray(ocrmypdf_files):
    for name in ("baiona_cmyk.jpg", "baiona_colormapped.png"):
        (page,) = load_pages((ocrmypdf_files / name).read_bytes())
        gray, steps = preprocess(page.image)
        assert gray.mode == "L" and "grayscale" in steps
        assert gray.size == page.image.size
    bilevel = Image.new("1", (8, 8), 1)
    gray, steps = preprocess(bilevel)
    assert gray.mode == "L" and gray.getpixel((0, 0)) == 255


def test_16_bit_scans_are_scaled_not_clipped():
    array = np.array([[0, 32768, 65535]], dtype=np.uint16)
    image = Image.fromarray(array)
    assert image.mode == "I;16"
    gray, steps = preprocess(image)
    assert steps == ("to_8bit",)
    assert list(np.asarray(gray)[0]) == [0, 128, 255]


def test_numpy_arrays_are_accepted():
    gray, steps = preprocess(np.full((3, 5, 3), 255, dtype=np.uint8))
    assert gray.mode == "L" and gray.size == (5, 3) and steps == ("grayscale",)


def _shadowed_page(font_path, shadow: bool) -> tuple[Image.Image, np.ndarray]:
    """A page of dark text; with ``shadow``, paper lit from 250 on the right down to 110."""
    from PIL import ImageDraw, ImageFont

    width, height = 1240, 1754  # A4 at 150 DPI
    ink = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(ink)
    font = ImageFont.truetype(str(font_path), 28)
    words = [
        "Ủy",
        "ban",
        "nhân",
        "dân",
        "tỉnh",
        "cấp",
        "giấy",
        "chứng",
        "nhận",
        "quyền",
        "sử",
        "dụng",
        "đất",
        "cho",
        "hộ",
        "gia",
        "đình",
    ]
    for row in range(20):
        line = " ".join(words[(row * 3 + i) % len(words)] for i in range(5 + row % 4))
        draw.text((80, 100 + row * 70), line, fill=255, font=font)
    mask = np.asarray(ink) > 128
    light = np.linspace(110, 250, width)[None, :] if shadow else np.full((1, width), 240.0)
    paper = np.broadcast_to(light, (height, width))
    page = np.where(mask, paper * 0.2, paper).astype(np.uint8)
    return Image.fromarray(page, "L"), mask


def test_page_in_shadow_is_evened_out_not_deskewed_and_ink_stays_dark(font_path):
    image, mask = _shadowed_page(font_path, shadow=True)
    gray, _dpi, _quarter, _skew, steps = prepare(image, 150)
    assert "flatten_background" in steps, steps
    out = np.asarray(gray)
    assert out.shape == mask.shape, steps
    low, high = np.percentile(out[~mask], (5, 95))
    assert high - low < 25, (low, high)  # the paper is now evenly bright
    assert out[mask].mean() < 90  # and the text as dark in the shadow as in the light


def test_even_light_is_not_flattened(font_path):
    image, _mask = _shadowed_page(font_path, shadow=False)
    assert "flatten_background" not in prepare(image, 150)[4]


def test_deblur_brings_blurred_text_back_towards_sharp_and_keeps_paper_white(text_line_image):
    import cv2

    sharp = np.asarray(
        text_line_image("Ngày 14 tháng 3 năm 2025 tại Hà Nội", size=(900, 120), at=(30, 40), font_px=28)
    )
    blurred = cv2.GaussianBlur(sharp, (0, 0), 1.5)
    out = deblur(blurred)
    assert out.shape == sharp.shape and out.dtype == np.uint8
    # Mean distance to the sharp line: 5.1 blurred, 2.8 deblurred when written.
    before = np.abs(blurred.astype(int) - sharp).mean()
    after = np.abs(out.astype(int) - sharp).mean()
    assert after < 0.7 * before, (before, after)
    assert out[:20].min() == 255  # the margin above the text stays paper


def test_deblur_in_bands_of_rows_matches_deblur_of_the_whole_page(text_line_image):
    # Bands bound the float copies of a large page; their margins must hide the seams.
    import cv2

    from ocr.preprocess import _DEBLUR_BAND_ROWS, _richardson_lucy

    line = np.asarray(text_line_image("Số: 042/QĐ-UBND", size=(600, 90), at=(20, 20), font_px=40))
    page = cv2.GaussianBlur(np.vstack([line] * (3 * _DEBLUR_BAND_ROWS // 90 + 1)), (0, 0), 1.5)
    assert page.shape[0] > 2 * _DEBLUR_BAND_ROWS
    assert np.array_equal(deblur(page), _richardson_lucy(page, 1.5, 8))
