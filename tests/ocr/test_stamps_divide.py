"""A grey stamp taken off the page gives the print under it back as it was (issue 13's stamps
bar: text under a stamp reads as well as without it). A stamp's ink multiplies what is under
it: the print it crosses is darker, with its soft edges as dark as print. Making every lighter
pixel inside the stamp paper cut those edges, and a print hairline inside the stamp's box (off
its ink) went with them (bench real, stamps200: under-stamp line CER 0.0261, clean 0.0216).
The stamp is now divided out of the print: ink darker than the stamp's darkest is print, and
its grey level over the share of light the stamp lets through there (taken from the stamp's
ink around it) is the print's own.

The pages are drawn here (DejaVu Serif), with anti-aliased print, as a 200-DPI render is.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from ocr.result import Block, Line, Page, Word
from ocr.stamps import Stamp, find_grey_ink_stamps, remove_grey_stamps, take_stamp_words
from tests.ocr.drawn import BODY, DPI, SERIF
from tests.ocr.drawn import font as _font

STAMP_GREY = 110  # a red stamp's ink on a grey scan: mid-grey, the print black
SEAL = (560, 700)


def _page() -> Image.Image:
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    regular = _font(SERIF, 34)
    draw.text((150, 300), "Số: 12/QĐ-UBND", font=regular, fill=0)
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill=0)
    # A hairline of the print inside the seal's circle, off its ink: a thin rule (grey at 200
    # DPI, as a thin stroke of a letter is).
    draw.line((470, 615, 505, 615), fill=80, width=1)
    return page


def _seal(page: Image.Image) -> Image.Image:
    """A grey round seal over the body, as a stamp inks: multiplied onto the print."""
    layer = Image.new("L", page.size, 255)
    d = ImageDraw.Draw(layer)
    x, y = SEAL
    d.ellipse((x - 150, y - 150, x + 150, y + 150), outline=STAMP_GREY, width=8)
    d.ellipse((x - 93, y - 93, x + 93, y + 93), outline=STAMP_GREY, width=4)
    d.text((x, y + 40), "DẤU", font=_font(SERIF, 40), fill=STAMP_GREY, anchor="mm")
    return ImageChops.multiply(page, layer)


def _cleared() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    clean = _page()
    sealed = _seal(clean)
    _stamps, mask = find_grey_ink_stamps(np.asarray(sealed), DPI)
    assert mask is not None
    cleared = np.asarray(remove_grey_stamps(sealed, mask)).astype(int)
    return np.asarray(clean).astype(int), np.asarray(sealed).astype(int), cleared


def test_print_crossed_by_a_grey_seal_gets_its_own_grey_levels_back() -> None:
    clean, sealed, cleared = _cleared()
    crossed = (sealed != clean) & (clean < 250)  # print the seal's ink darkened
    assert crossed.sum() > 200
    # Its soft edges as they were, not cut to paper nor left as dark as the core: each
    # such pixel within a sixth of the ink range of its clean level, on the whole.
    error = np.abs(cleared[crossed] - clean[crossed])
    assert error.mean() < 255 / 6, error.mean()
    # What Tesseract's threshold makes of it: nearly the same strokes (where the seal's edge
    # runs under a letter, where it stops is a guess: the letter is a pixel thicker there).
    assert ((cleared[crossed] < 128) == (clean[crossed] < 128)).mean() > 0.85


def test_a_print_hairline_inside_a_seal_off_its_ink_stays() -> None:
    clean, _sealed, cleared = _cleared()
    rule = (slice(613, 618), slice(472, 503))  # off the seal's rings and the text lines
    assert clean[rule].min() <= 80
    assert cleared[rule].min() <= 100, cleared[rule].min()


def test_the_seal_itself_still_goes() -> None:
    clean, _sealed, cleared = _cleared()
    x, y = SEAL
    area = (slice(y - 160, y + 160), slice(x - 160, x + 160))
    left = (cleared[area] < 200) & (clean[area] >= 250)  # ink where the page is paper
    assert left.mean() < 0.002, left.mean()


def _under_seal(word: Word, cleared: bool) -> str:
    seal = Stamp((400, 400, 700, 700), "ring")
    page = Page(1, 1654, 2339, DPI, "ocr", blocks=(Block((Line((word,)),)),))
    return take_stamp_words(page, [seal], cleared=cleared).text


def test_a_word_read_a_little_unsure_under_a_cleared_seal_stays_in_the_text() -> None:
    # A signer's name under the seal, read at 0.54 once the seal was taken off (bench real,
    # ttr_btc_luat_kdbh p3): print, not the seal's.
    name = Word("Nguyễn", (500, 600, 620, 635), 0.54)
    assert _under_seal(name, cleared=True) == "Nguyễn"
    # A seal left on the page: its ring text reads as unsure words, and such a word is its.
    assert _under_seal(name, cleared=False) == ""


def test_what_is_left_of_a_cleared_seal_still_goes() -> None:
    for debris in ("TẾ,", 'm"ó', "—]Ị]", "8"):
        assert _under_seal(Word(debris, (500, 600, 540, 630), 0.35), cleared=True) == "", debris
    # Letters read hopelessly (a seal's star read as a word) are no print either.
    assert _under_seal(Word("IgmyÖm", (500, 600, 620, 635), 0.02), cleared=True) == ""
