"""ocr/deblur.py and its use in ocr/card.py: a card photographed by a moving hand (every stroke
smeared along one line) has the smear's length and direction found from the photo and undone
before the card is cut out; a sharp or a Gaussian-blurred card photo is left as it was. Cards
drawn here with fictional data."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocr.card import crop_card
from ocr.deblur import line_psf, motion_blur, undo_motion
from ocr.loader import PageInput
from ocr.pipeline import read_page
from ocr.settings import OcrSettings
from tests.ocr.drawn import SERIF, SERIF_BOLD, font

_ID = "096187004215"  # fictional


def _card(scale: float = 1.0) -> np.ndarray:
    w, h = round(856 * scale), round(540 * scale)
    image = Image.new("RGB", (w, h), (238, 240, 230))
    draw = ImageDraw.Draw(image)
    draw.ellipse((30 * scale, 30 * scale, 150 * scale, 150 * scale), fill=(200, 30, 30))
    small, big = font(SERIF, round(22 * scale)), font(SERIF_BOLD, round(34 * scale))
    lines = [
        (small, "Số định danh cá nhân / Personal identification number:"),
        (big, _ID),
        (small, "Họ, chữ đệm và tên khai sinh / Full name:"),
        (big, "LÂM THỊ KIỀU OANH"),
        (small, "Ngày sinh / Date of birth: 14/02/1987"),
        (small, "Giới tính / Sex: Nữ   Quốc tịch / Nationality: Việt Nam"),
    ]
    y = 170 * scale
    for face, text in lines:
        draw.text((200 * scale, y), text, font=face, fill=(30, 30, 30))
        y += (52 if face is big else 40) * scale
    return np.asarray(image)


def _photo(card: np.ndarray, angle: float = -8.0, frame=(1600, 1200)) -> np.ndarray:
    fw, fh = frame
    h, w = card.shape[:2]
    rng = np.random.default_rng(7)
    table = np.clip(
        np.full((fh, fw, 3), (120, 85, 60), np.int16) + rng.integers(-12, 12, (fh, fw, 1)), 0, 255
    )
    table = table.astype(np.uint8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    rot = cv2.getRotationMatrix2D((0, 0), angle, 1.0)[:, :2]
    corners = (src - [w / 2, h / 2]) @ rot.T + [fw / 2, fh / 2]
    corners[1] += [0, -0.04 * h]
    corners[2] += [0, 0.04 * h]
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    warped = cv2.warpPerspective(card, matrix, (fw, fh), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (fw, fh))
    table[mask > 0] = warped[mask > 0]
    return table


def _smear(rgb: np.ndarray, length: float, angle: float) -> np.ndarray:
    return cv2.filter2D(rgb, -1, line_psf(length, angle), borderType=cv2.BORDER_REPLICATE)


def _page(rgb: np.ndarray) -> PageInput:
    image = Image.fromarray(rgb, "RGB")
    return PageInput(1, image.width, image.height, 72, image=image)


@pytest.mark.parametrize(("length", "angle"), [(7.0, 0.0), (7.0, 60.0), (9.0, 135.0)])
def test_a_motion_smear_is_measured(length: float, angle: float) -> None:
    gray = cv2.cvtColor(_smear(_photo(_card()), length, angle), cv2.COLOR_RGB2GRAY)[300:900, 300:1300]
    found = motion_blur(gray)
    assert found is not None
    assert abs(found[0] - length) <= 1.0
    turn = abs(found[1] - angle) % 180
    assert min(turn, 180 - turn) <= 6


@pytest.mark.parametrize("sigma", [0.0, 1.2, 1.8])
def test_a_sharp_or_gaussian_blurred_card_shows_no_smear(sigma: float) -> None:
    rgb = _photo(_card())
    if sigma:
        rgb = cv2.GaussianBlur(rgb, (0, 0), sigma)
    assert motion_blur(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[300:900, 300:1300]) is None
    page = crop_card(_page(rgb))
    assert page.steps == ("card_crop", "card_even")  # no smear undone


def test_the_smear_is_undone_before_the_card_is_cut_out() -> None:
    sharp = _photo(_card())
    smeared = _smear(sharp, 8.0, 30.0)
    page = crop_card(_page(smeared))
    assert page.steps[0] == "card_crop" and page.steps[1].startswith("unsmear:")
    plain = crop_card(_page(smeared), unsmear=False, even=False)
    assert plain.steps == ("card_crop",)

    # its print closer to the sharp card's than the smeared one's was: the ink (darker than
    # mid-grey) of the lines of print, intersection over union with the sharp card's
    def ink(p: PageInput) -> np.ndarray:
        gray = np.asarray(p.image.convert("L"))
        return gray[250:800, 250:1300] < 128

    truth = ink(crop_card(_page(sharp), even=False))

    def overlap(mask: np.ndarray) -> float:
        return float((mask & truth).sum() / (mask | truth).sum())

    assert overlap(ink(page)) > 1.15 * overlap(ink(plain))


def test_undo_motion_keeps_shape_and_range() -> None:
    rgb = _smear(_photo(_card()), 6.0, 20.0)[:200, :300]
    out = undo_motion(rgb, line_psf(6.0, 20.0), iterations=5)
    assert out.shape == rgb.shape and out.dtype == np.uint8
    gray = out[..., 0]
    assert undo_motion(np.ascontiguousarray(gray), line_psf(6.0, 20.0), 5).shape == gray.shape


def test_the_smeared_cards_number_is_read_again() -> None:
    """End to end (Tesseract): the 12 digits of a card smeared by 9 px are read once the smear
    is undone."""
    smeared = _smear(_photo(_card()), 9.0, 40.0)
    read = read_page(_page(smeared), OcrSettings(workers=1))
    assert any(s.startswith("unsmear:") for s in read.steps)
    assert _ID in read.text.replace(" ", "")


def test_print_under_a_glare_spot_regains_its_contrast() -> None:
    rgb = _photo(_card()).astype(np.float32)
    h, w = rgb.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    glare = 0.8 * np.exp(-((xs - 820) ** 2 + (ys - 560) ** 2) / (2 * 90.0**2))[..., None]
    rgb = np.clip(255 - (255 - rgb) * (1 - glare), 0, 255).astype(np.uint8)  # light added
    even = crop_card(_page(rgb))
    plain = crop_card(_page(rgb), even=False)
    assert even.steps == ("card_crop", "card_even") and plain.steps == ("card_crop",)

    def spread(p: PageInput) -> float:  # print against card under the spot
        gray = np.asarray(p.image.convert("L"), np.float32)[370:450, 640:840]  # "4215"
        return float(np.percentile(gray, 95) - np.percentile(gray, 2))

    assert spread(even) > 1.2 * spread(plain)


def test_a_deconvolved_card_is_not_evened_out() -> None:
    page = crop_card(_page(_smear(_photo(_card()), 8.0, 30.0)))
    assert page.steps[1].startswith("unsmear:") and "card_even" not in page.steps
