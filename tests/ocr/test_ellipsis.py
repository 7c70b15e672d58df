"""Ellipses told from three full stops by the spacing of their dots (ocr/ellipsis.py).

The dots are drawn at the pitches measured on the real pages of ``bench real`` at 200 DPI
(Times New Roman 14 pt): 13 px between an ellipsis's dots, 10 px between typed full stops.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.ellipsis import ELLIPSIS, ELLIPSIS_MIN_PITCH_PT, respell_word, restore_ellipses
from ocr.pipeline import read_document
from ocr.result import Block, Line, Page, Word
from ocr.settings import OcrSettings

DPI = 200
ELLIPSIS_PITCH, STOPS_PITCH = 13, 10  # px at 200 DPI, Times New Roman 14 pt
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def dotted(
    pitches: list[int], width: int = 260, height: int = 60
) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A grey strip with a short stroke (a letter) then dots at ``pitches`` px apart, and the
    box of the word they make."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 20, 16, 44), fill=0)  # a letter's stem, on the baseline y=44
    x = 30
    draw.ellipse((x - 2, 40, x + 2, 44), fill=0)
    for pitch in pitches:
        x += pitch
        draw.ellipse((x - 2, 40, x + 2, 44), fill=0)
    return np.asarray(image), (8, 18, x + 4, 46)


def word(text: str, box: tuple[int, int, int, int]) -> Word:
    return Word(text, box, 0.9, "tesseract")


def test_the_threshold_lies_between_a_stop_and_an_ellipsis_at_14_pt():
    stop, ellipsis = STOPS_PITCH * 72 / DPI, ELLIPSIS_PITCH * 72 / DPI
    assert stop < ELLIPSIS_MIN_PITCH_PT < ellipsis


def test_three_dots_an_ellipsis_apart_are_an_ellipsis_with_provenance():
    gray, box = dotted([ELLIPSIS_PITCH] * 2)
    new = respell_word(word("s...", box), gray, DPI)
    assert new.text == "s" + ELLIPSIS
    assert new.engine == "tesseract+ellipsis"


def test_three_typed_full_stops_stay_full_stops():
    gray, box = dotted([STOPS_PITCH] * 2)
    read = word("s...", box)
    assert respell_word(read, gray, DPI) is read


def test_two_ellipses_and_two_stops_typed_after_them():
    # "số………..": the placeholder of a draft's number, as a real text layer has it
    gray, box = dotted([ELLIPSIS_PITCH] * 8 + [STOPS_PITCH] * 2)
    assert respell_word(word("s" + "." * 11, box), gray, DPI).text == "s" + ELLIPSIS * 3 + ".."


def test_a_reading_whose_dots_the_page_does_not_show_is_kept():
    gray, box = dotted([ELLIPSIS_PITCH] * 2)
    read = word("s....", box)  # four dots read, three on the page
    assert respell_word(read, gray, DPI) is read


def test_a_blank_crop_keeps_the_reading():
    gray = np.full((60, 200), 255, np.uint8)
    read = word("s...", (0, 0, 200, 60))
    assert respell_word(read, gray, DPI) is read


def test_the_page_records_how_many_words_it_changed():
    gray, box = dotted([ELLIPSIS_PITCH] * 2)
    plain = word("ngày", (0, 0, 5, 5))
    page = Page(1, gray.shape[1], gray.shape[0], DPI, "ocr", (Block((Line((plain, word("s...", box))),)),))
    out = restore_ellipses(page, gray)
    assert out.steps == ("ellipsis:1",)
    assert out.text == "ngày s" + ELLIPSIS
    same = Page(1, gray.shape[1], gray.shape[0], DPI, "ocr", (Block((Line((plain,)),)),))
    assert restore_ellipses(same, gray) is same


@pytest.mark.skipif(not SERIF.is_file(), reason="DejaVuSerif.ttf not found (fonts-dejavu-core)")
@pytest.mark.parametrize(("pitch", "expected"), [(ELLIPSIS_PITCH, ELLIPSIS), (STOPS_PITCH, "...")])
def test_real_tesseract_reads_a_placeholder_as_the_page_shows_it(pitch, expected):
    """A line "Nghị định số …/2025/NĐ-CP" at 14 pt, 200 DPI, its dots drawn at ``pitch``, read
    through the whole OCR pipeline."""
    font = ImageFont.truetype(str(SERIF), 39)  # 14 pt at 200 DPI
    page = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(page)
    draw.text((60, 70), "Nghị định số", fill=0, font=font)
    x = 60 + int(draw.textlength("Nghị định số ", font=font)) + 4
    baseline = 70 + font.getmetrics()[0]
    for k in range(3):
        cx = x + k * pitch
        draw.ellipse((cx - 2, baseline - 4, cx + 2, baseline), fill=0)
    draw.text((x + 2 * pitch + 6, 70), "/2025/NĐ-CP ngày 12", fill=0, font=font)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", dpi=(DPI, DPI))
    (read,) = read_document(buffer.getvalue(), OcrSettings()).pages
    assert f"{expected}/2025/NĐ-CP" in read.text
    assert ("ellipsis:1" in read.steps) == (expected == ELLIPSIS)
