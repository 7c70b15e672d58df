"""Stamps on grey pages (issue 13's stamps bar): a red seal or arrival stamp scanned grey is
lighter than the print. It is found by its ring or box in its own ink, even where print
crosses it, and cleared before reading: the print under it reads as without it, and its words
are not in the page text.

The pages are drawn here (DejaVu Serif) and read by the real pipeline (Tesseract).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageChops, ImageDraw

from ocr.pipeline import read_document
from ocr.result import Block, Line, Page, Word
from ocr.settings import OcrSettings
from ocr.stamps import Stamp, find_grey_ink_stamps, remove_grey_stamps, take_stamp_words
from tests.ocr.drawn import BODY, DPI, SERIF, SERIF_BOLD
from tests.ocr.drawn import font as _font

STAMP_GREY = 110  # a red stamp's ink on a grey scan: mid-grey, the print black


def _page(ink: int = 0) -> Image.Image:
    """A grey A4 page at 200 DPI: number, title and body printed in ``ink``."""
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    bold, regular = _font(SERIF_BOLD, 34), _font(SERIF, 34)
    draw.text((150, 150), "ỦY BAN NHÂN DÂN", font=regular, fill=ink)
    draw.text((150, 300), "Số: 12/QĐ-UBND", font=regular, fill=ink)
    draw.text((700, 420), "QUYẾT ĐỊNH", font=bold, fill=ink)
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill=ink)
    return page


def _arrival_stamp(page: Image.Image, at: tuple[int, int]) -> Image.Image:
    """A grey arrival stamp "ĐẾN Số: … Chuyển:" stamped 3 degrees askew at ``at``, inked
    as a stamp inks (multiplied: the print under it stays black)."""
    box = Image.new("L", (420, 170), 0)
    d = ImageDraw.Draw(box)
    d.rectangle((0, 0, 419, 169), outline=255, width=4)
    d.text((20, 85), "ĐẾN", font=_font(SERIF_BOLD, 50), fill=255, anchor="lm")
    d.text((160, 45), "Số: 3609", font=_font(SERIF, 26), fill=255, anchor="lm")
    d.text((160, 125), "Chuyển:", font=_font(SERIF, 26), fill=255, anchor="lm")
    box = box.rotate(3, expand=True, resample=Image.Resampling.BICUBIC)
    layer = Image.new("L", page.size, 0)
    layer.paste(box, at)
    tint = Image.fromarray((255 - np.asarray(layer, np.float32) * (255 - STAMP_GREY) / 255).astype(np.uint8))
    return ImageChops.multiply(page, tint)


def _seal(page: Image.Image, centre: tuple[int, int], radius: int = 150) -> Image.Image:
    """A grey round seal (two rings, a star's worth of ink inside) over ``centre``."""
    layer = Image.new("L", page.size, 255)
    d = ImageDraw.Draw(layer)
    x, y = centre
    d.ellipse((x - radius, y - radius, x + radius, y + radius), outline=STAMP_GREY, width=8)
    r2 = int(radius * 0.62)
    d.ellipse((x - r2, y - r2, x + r2, y + r2), outline=STAMP_GREY, width=4)
    d.text((x, y), "DẤU", font=_font(SERIF_BOLD, 40), fill=STAMP_GREY, anchor="mm")
    return ImageChops.multiply(page, layer)


def _read(image: Image.Image) -> Page:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(DPI, DPI))
    return read_document(buf.getvalue(), OcrSettings(workers=1)).pages[0]


def _lines_with(page: Page, word: str) -> list[str]:
    return [" ".join(ln.split()) for ln in page.text.splitlines() if word in ln]


@pytest.fixture(scope="module")
def clean() -> Page:
    return _read(_page())


def test_a_grey_arrival_stamp_over_the_print_is_cleared_and_kept_out_of_the_text(clean: Page) -> None:
    # Askew and crossed by the first body line: on all the ink, box and text are one
    # component and the box's edges are not straight rows; on the stamp's own ink it is a box.
    stamped = _read(_arrival_stamp(_page(), (100, 470)))
    assert any(s.startswith("stamps_grey:1") for s in stamped.steps), stamped.steps
    assert any(s.startswith("stamp:box:") for s in stamped.steps), stamped.steps
    for word in ("ĐẾN", "3609", "Chuyển"):
        assert word not in stamped.text, stamped.text
    assert stamped.stamps, stamped.steps  # its own words, read apart
    assert _lines_with(stamped, "Căn cứ") == _lines_with(clean, "Căn cứ")
    assert "QUYẾT ĐỊNH" in stamped.text


def test_text_under_a_grey_seal_reads_as_without_it(clean: Page) -> None:
    sealed = _read(_seal(_page(), (560, 700)))
    assert any(s.startswith("stamps_grey:") for s in sealed.steps), sealed.steps
    assert any(s.startswith("stamp:ring:") for s in sealed.steps), sealed.steps
    assert "DẤU" not in sealed.text
    for word in ("Căn cứ", "Xét đề nghị", "Điều 1.", "Điều 2."):
        assert _lines_with(sealed, word) == _lines_with(clean, word), sealed.text


def test_grey_print_without_a_stamp_is_left_alone() -> None:
    # Light print (a faded copy) has no darker print to be told from: nothing is a stamp.
    assert find_grey_ink_stamps(np.asarray(_page(ink=STAMP_GREY)), DPI) == ([], None)
    # Print as light as a stamp's ink beside black print, but no ring or box: not a stamp.
    page = _page()
    ImageDraw.Draw(page).text((150, 900), "Nơi nhận: như Điều 2;", font=_font(SERIF, 34), fill=STAMP_GREY)
    ImageDraw.Draw(page).rectangle((900, 1000, 1400, 1100), fill=STAMP_GREY)  # a grey bar
    assert find_grey_ink_stamps(np.asarray(page), DPI) == ([], None)


def test_two_seals_stamped_over_each_other_are_both_found_and_cleared() -> None:
    # A seal stamped half over another (a document's own seal and the receiver's): each
    # ring is a stamp, and the ink of both is cleared, not only the first one's.
    page = _seal(_seal(_page(), (560, 700)), (760, 760), radius=130)
    stamps, mask = find_grey_ink_stamps(np.asarray(page), DPI)
    centres = sorted(((s.bbox[0] + s.bbox[2]) // 2, (s.bbox[1] + s.bbox[3]) // 2) for s in stamps)
    assert [s.shape for s in stamps] == ["ring", "ring"], stamps
    assert abs(centres[0][0] - 560) < 15 and abs(centres[0][1] - 700) < 15, centres
    assert abs(centres[1][0] - 760) < 15 and abs(centres[1][1] - 760) < 15, centres
    assert mask is not None
    for x, y in ((560, 700 + 146), (760 + 89, 760 + 89)):  # on each seal's outer ring, off the print
        assert mask[y - 3 : y + 4, x - 3 : x + 4].any(), (x, y)


def test_an_unsure_word_in_a_seal_box_corner_outside_its_ring_stays_in_the_text() -> None:
    seal = Stamp((400, 400, 700, 700), "ring")
    corner = Word("Ngãi;", (395, 660, 445, 690), 0.4)  # in the box, outside the circle
    debris = Word("J5", (540, 540, 570, 570), 0.4)  # inside the ring, unsure: the seal's
    page = Page(1, 1654, 2339, DPI, "ocr", blocks=(Block((Line((corner, debris)),)),))
    taken = take_stamp_words(page, [seal])
    assert taken.text == "Ngãi;"
    assert [b.text for b in taken.stamps] == ["J5"]


def test_a_cleared_seal_leaves_neither_a_ghost_nor_specks_on_the_print() -> None:
    # The ring's pale rim and its ink touching the letters go; the print stays as it was.
    clean = np.asarray(_page())
    sealed = _seal(_page(), (560, 700))
    _stamps, mask = find_grey_ink_stamps(np.asarray(sealed), DPI)
    assert mask is not None
    cleared = np.asarray(remove_grey_stamps(sealed, mask)).astype(int)
    area = (slice(540, 860), slice(400, 720))
    left = (cleared[area] < 230) & (clean[area] >= 250)  # ink where the page is paper
    assert left.mean() < 0.002, left.mean()
    dark = clean[area] < 40
    assert (cleared[area][dark] < 60).mean() > 0.99  # the print under the seal stays print


def test_the_grey_ink_masks_are_what_their_definitions_say() -> None:
    # Regression (session 18): the masks are built from OpenCV thresholds as 0/1 bytes
    # (a pass less per mask on an 8.7-million-pixel page); they must stay the numpy ones.
    import cv2

    from ocr.stamps import _PRINT_MAX, _STAMP_LIGHTER, _grey_stamp_ink

    gray = np.asarray(_seal(_page(), (900, 700)))
    found = _grey_stamp_ink(gray, DPI)
    assert found is not None
    light, near_print, beside = found
    ink = gray < 200
    levels = np.sort(gray[ink])
    limit = min(float(levels[int(np.ceil(0.2 * len(levels))) - 1]) + _STAMP_LIGHTER, 2 * _PRINT_MAX)
    dark = gray < limit
    near = cv2.dilate(dark.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    assert near_print.dtype == bool and beside.dtype == bool and light.dtype == bool
    assert np.array_equal(near_print, near)
    assert np.array_equal(beside, ~dark)
    assert not (light & ~(ink & ~near)).any()  # light ink is ink away from the print
    assert light.sum() > 1000  # the seal's rings


def test_a_thin_red_seal_is_found_through_the_sampled_look_first() -> None:
    # Regression (session 18): a page is looked at every 4th pixel before its colour array
    # is made; a seal drawn with 3-pixel strokes, just over the bar, must still be seen there.
    from ocr.stamps import find_red_stamps

    page = _page().convert("RGB")
    ImageDraw.Draw(page).ellipse((800, 500, 1100, 800), outline=(210, 40, 40), width=3)
    stamps, mask = find_red_stamps(page, DPI)
    assert [s.shape for s in stamps] == ["red"] and mask is not None
    assert find_red_stamps(_page().convert("RGB"), DPI) == ([], None)
