"""A signature block a seal's ring broke, read again line by line (ocr/signature.py; issue 14,
blind dev seeds of session 19: "GIÁM ĐỐC" read "ÂM ĐỐC", "Trương Trung Hùng" read "ng Hùng"
on faint scans with a grey seal across the signature). The page image is drawn here (DejaVu
Serif) and the strips are read by the real Tesseract; the broken reading is given as the page
read it, since when Tesseract's page layout breaks depends on the scan."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from ocr.result import Block, Line, Page, Word
from ocr.settings import OcrSettings
from ocr.signature import looks_broken, reread_signature_lines
from tests.ocr.drawn import DPI, SERIF_BOLD, font

TITLE, NAME = "GIÁM ĐỐC", "Trương Trung Hùng"


def _w(text: str, box: tuple[int, int, int, int], conf: float = 0.96) -> Word:
    return Word(text, box, conf, "tesseract")


def _drawn() -> tuple[np.ndarray, dict[str, tuple[int, int, int, int]]]:
    """A page's lower right: the title and the name centred on x 1200, a signature stroke."""
    page = Image.new("L", (1654, 1600), 255)
    draw = ImageDraw.Draw(page)
    bold = font(SERIF_BOLD, 34)
    boxes = {}
    for y, text in ((1000, TITLE), (1300, NAME)):
        width = draw.textlength(text, font=bold)
        draw.text((1200 - width / 2, y), text, font=bold, fill=60)
        x0, y0, x1, y1 = draw.textbbox((1200 - width / 2, y), text, font=bold)
        boxes[text] = (int(x0), int(y0), int(x1), int(y1))
    draw.line((1100, 1180, 1350, 1140), fill=60, width=4)
    return np.asarray(page), boxes


def _broken_page(boxes: dict[str, tuple[int, int, int, int]]) -> Page:
    """The block as Tesseract read it with a ring across the words' starts."""
    t0, t1, t2, t3 = boxes[TITLE]
    n0, n1, n2, n3 = boxes[NAME]
    title = Line((_w("ÂM", (t0 + 40, t1, t0 + 48, t1 + 6), 0.28), _w("ĐỐC", (t2 - 80, t1, t2, t3))))
    name = Line((_w("ng", (n0 + 150, n1, n0 + 180, n3)), _w("Hùng", (n2 - 90, n1, n2, n3))))
    left = Block((Line((_w("Nơi", (150, t1, 210, t3)), _w("nhận:", (220, t1, 320, t3)))),), "footer")
    return Page(1, 1654, 1600, DPI, "ocr", blocks=(left, Block((title, name), "signature")))


def test_a_signature_block_cut_by_a_ring_is_read_again_line_by_line() -> None:
    gray, boxes = _drawn()
    page = _broken_page(boxes)
    assert looks_broken(page.blocks[1])
    got = reread_signature_lines(page, gray, OcrSettings(workers=1))
    lines = [ln.text for ln in got.blocks[1].lines]
    assert lines == [TITLE, NAME], lines
    assert "signature_lines:2" in got.steps
    assert got.blocks[0] == page.blocks[0]  # the other column untouched


def test_a_block_read_whole_is_not_read_again() -> None:
    gray, boxes = _drawn()
    t0, t1, t2, t3 = boxes[TITLE]
    n0, n1, n2, n3 = boxes[NAME]
    whole = Block(
        (
            Line((_w("GIÁM", (t0, t1, t0 + 100, t3)), _w("ĐỐC", (t2 - 80, t1, t2, t3)))),
            Line(
                (
                    _w("Trương", (n0, n1, n0 + 120, n3)),
                    _w("Trung", (n0 + 130, n1, n0 + 230, n3)),
                    _w("Hùng", (n2 - 90, n1, n2, n3)),
                )
            ),
        ),
        "signature",
    )
    page = Page(1, 1654, 1600, DPI, "ocr", blocks=(whole,))
    assert not looks_broken(whole)
    assert reread_signature_lines(page, gray, OcrSettings(workers=1)) is page


def test_a_new_reading_that_loses_a_sure_word_or_garbles_one_is_refused() -> None:
    # Drawn: the name line says "Trương Trung Hùng"; the page's reading claims a sure "Lâm"
    # the strip does not hold: the strip's reading would drop it, so the old line stays.
    gray, boxes = _drawn()
    page = _broken_page(boxes)
    n0, n1, n2, n3 = boxes[NAME]
    sure_other = Line((_w("Lâm", (n0, n1, n0 + 60, n3)), _w("Hùng", (n2 - 90, n1, n2, n3), 0.4)))
    block = Block((page.blocks[1].lines[0], sure_other), "signature")
    got = reread_signature_lines(
        Page(1, 1654, 1600, DPI, "ocr", blocks=(block,)), gray, OcrSettings(workers=1)
    )
    assert [ln.text for ln in got.blocks[0].lines] == [TITLE, "Lâm Hùng"]


def test_a_seal_ring_beside_the_block_sends_it_to_be_read_again_and_a_lost_line_is_added() -> None:
    # The page's reading lost the name line under the seal entirely; the ring's step says a
    # seal lies by the block, and the name's ink below the title is a line no word covers.
    gray, boxes = _drawn()
    t0, t1, t2, t3 = boxes[TITLE]
    block = Block(
        (Line((_w("GIÁM", (t0, t1, t0 + 100, t3)), _w("ĐỐC", (t2 - 80, t1, t2, t3)))),), "signature"
    )
    page = Page(1, 1654, 1600, DPI, "ocr", blocks=(block,), steps=("stamp:ring:1000,1050,1300,1350",))
    assert not looks_broken(block)
    got = reread_signature_lines(page, gray, OcrSettings(workers=1))
    assert [ln.text for ln in got.blocks[0].lines] == [TITLE, NAME]
    # without the ring nothing says the block lost a line: it is left as read
    bare = Page(1, 1654, 1600, DPI, "ocr", blocks=(block,))
    assert reread_signature_lines(bare, gray, OcrSettings(workers=1)) is bare
