"""ocr/card.py: a card photographed on a table is cut out flat and upright; a scan, an A4 page
photographed upright and a grey page are left as they are. Drawn here with OpenCV."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from ocr.card import crop_card, find_card
from ocr.loader import PageInput


def _card(width: int = 856, height: int = 540) -> np.ndarray:
    card = np.full((height, width, 3), (236, 240, 232), np.uint8)
    cv2.circle(card, (90, 90), 55, (200, 30, 30), -1)  # the emblem
    for row in range(8):  # lines of print
        y = 150 + row * 45
        cv2.rectangle(card, (260, y), (260 + 420 - 20 * row, y + 14), (40, 40, 40), -1)
    return card


def _photo(
    thing: np.ndarray, angle: float, frame=(1200, 1600), background=(150, 100, 60), tilt=0.05
) -> Image.Image:
    fh, fw = frame[1], frame[0]
    h, w = thing.shape[:2]
    rng = np.random.default_rng(5)
    table = np.full((fh, fw, 3), background, np.uint8)
    grain = rng.integers(-18, 18, (fh, fw, 1))
    table = np.clip(table.astype(int) + grain, 0, 255).astype(np.uint8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    centre = np.array([fw / 2, fh / 2])
    rot = cv2.getRotationMatrix2D((0, 0), angle, 1.0)[:, :2]
    corners = (src - [w / 2, h / 2]) @ rot.T + centre
    corners[1] += [0, -tilt * h]  # perspective: the far side shorter
    corners[2] += [0, tilt * h]
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    warped = cv2.warpPerspective(thing, matrix, (fw, fh))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (fw, fh))
    table[mask > 0] = warped[mask > 0]
    return Image.fromarray(table, "RGB")


def _page(image: Image.Image) -> PageInput:
    return PageInput(1, image.width, image.height, 300, image=image)


def test_card_on_a_table_is_cut_out_upright_at_its_own_resolution() -> None:
    page = crop_card(_page(_photo(_card(), angle=-25)))
    assert "card_crop" in page.steps
    assert page.width > page.height  # landscape, as the card
    assert abs(page.width / page.height - 85.6 / 54) < 0.1
    assert page.width >= 1400 and page.dpi >= 400
    # upright: the emblem (red) is in the top-left quarter
    rgb = np.asarray(page.image)
    red = (rgb[..., 0] > 150) & (rgb[..., 1] < 90)
    ys, xs = np.nonzero(red)
    assert xs.mean() < page.width / 3 and ys.mean() < page.height / 3


def test_card_on_a_pale_table_is_found_by_its_edges() -> None:
    assert find_card(_photo(_card(), angle=8, background=(222, 214, 196))) is not None


def test_a4_page_photographed_upright_is_no_card() -> None:
    page = np.full((1400, 990, 3), 245, np.uint8)
    for row in range(25):
        cv2.rectangle(page, (100, 100 + row * 48), (880, 114 + row * 48), (30, 30, 30), -1)
    photo = _photo(page, angle=3, frame=(1800, 2400))
    same = _page(photo)
    assert crop_card(same) is same


def test_card_on_a_flatbed_or_white_paper_and_grey_pages_are_left_alone() -> None:
    scan = _page(_photo(_card(), angle=1, background=(250, 250, 250), tilt=0.0))
    assert crop_card(scan) is scan
    grey = _page(_photo(_card(), angle=-25).convert("L"))
    assert crop_card(grey) is grey


def test_a_card_with_print_beyond_it_is_part_of_a_page() -> None:
    """Regression (issue 14, blind a4_copy): both sides of a card copied on one yellowed A4
    sheet were cut down to the front, and the back's fields lost; a certificate's bordered
    table was cut out of its page the same way."""
    sheet = np.full((2354, 1676, 3), (244, 236, 214), np.uint8)  # yellowed paper
    front, back = _card(), _card()
    sheet[300:840, 400:1256] = front
    sheet[1100:1640, 400:1256] = back
    for row in range(6):  # the back's machine-readable zone, printed beyond the front
        cv2.rectangle(sheet, (420, 1700 + row * 40), (1230, 1716 + row * 40), (30, 30, 30), -1)
    page = _page(Image.fromarray(sheet, "RGB"))
    assert find_card(page.image) is None
    assert crop_card(page) is page
