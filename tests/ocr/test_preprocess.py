"""Preprocessing: every image mode to 8-bit grayscale, steps recorded."""

from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.loader import load_pages
from ocr.preprocess import preprocess


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
