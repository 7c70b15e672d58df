"""Hand-written fill-ins in thin pen strokes (issue 13, ``bench real``'s development font
breip: 4 of 13 days read right): a digit a crop lost ("1" for 16, "2" for 22 or 24) and an
open "6" read "G".

The pages are drawn here (DejaVu Serif for print, Breip's thin strokes for the pen) and read
by the real pipeline: Tesseract, trueocr's and PP-OCR's ONNX models. The rest are pure
functions.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from ocr.handwriting import AGREED_CONFIDENCE, UNSURE_CONFIDENCE, _slash_restored, crop_value, decide, parse
from ocr.pipeline import read_document
from ocr.result import Line, Word
from ocr.settings import OcrSettings
from tests.ocr.drawn import BODY, DPI, SERIF, SERIF_BOLD, draw_motto
from tests.ocr.drawn import font as _font
from tests.ocr.test_handwriting_vote import _opinions

THIN = Path("/usr/share/fonts/truetype/breip/Breip.ttf")  # fonts-breip: a thin felt pen
PEN = (25, 45, 150)


def test_an_open_six_read_g_is_a_six() -> None:
    # trueocr on breip's "16" run into the label: "ngaylG", "ngặylG tháng".
    assert crop_value("day", "L.ngaylGi") == "16"
    assert crop_value("day", "x.ngáylG th") == "16"


def test_pieces_of_a_value_two_crops_cut_apart_count_for_it() -> None:
    # dkg "24" (bench real, dev fonts): the tight crop ended on the "4" and read "2" (so did
    # Tesseract and trueocr's line), PP-OCR's wide crops took the "2" into "ngày" and read
    # "4"; trueocr's wide crop read "24", PP-OCR's tight one "21".
    value, confidence, _ = decide("day", _opinions("2", ["2", "2", "24"], [None, "21", None, "4", "4"]))
    assert value == "24" and confidence < AGREED_CONFIDENCE
    # A value read alike twice is no piece of itself: "1" and "1" do not make "11".
    value, _, _ = decide("number", _opinions(None, ["11", "1", "1"], [None, None, None, "1", None]))
    assert value == "1"
    # Nor when one piece alone has most of the readings: a "1" (the "y" of "ngày") and one
    # line reading "14" move nothing from the "4" five crops read.
    value, _, _ = decide("day", _opinions(None, ["14", "1", "4"], [None, "4", "4", "4", "4"]))
    assert value == "4"
    # A number's piece one opinion reads is none: the label's "ố" read "5" on one crop
    # before the "65" the others read.
    value, _, _ = decide("number", _opinions(None, [None, "65", "5"], ["565", "65", "65", "65", "65"]))
    assert value == "65"


def test_a_tie_goes_to_the_value_that_holds_the_other() -> None:
    # breip "16" run into "ngày": trueocr read "lG" on its line and both crops, PP-OCR "l" on
    # its line and two crops. A crop loses a pen's digit more often than it makes one up;
    # a tie is never sure.
    value, confidence, _ = decide("day", _opinions(None, ["16", "16", "16"], ["1", "1", None, "1", None]))
    assert value == "16" and confidence < AGREED_CONFIDENCE
    # dkg "22": trueocr's line and wide crop "22", its tight crop and Tesseract's page "2".
    # Tesseract, the weakest on a pen, does not make "2" the value of more engines.
    value, _, _ = decide("day", _opinions("2", ["22", "2", "22"], [None, None, "7", None, None]))
    assert value == "22"
    # Without a tie the votes decide, as before; and a tie between values two recognizers
    # and one give goes to the two's value first (PP-OCR's "2241" against "224").
    value, _, _ = decide("day", _opinions("2", ["22", "2", "2"], [None, None, None, None, None]))
    assert value == "2"
    value, _, _ = decide(
        "number", _opinions(None, ["224", None, None], ["224", "2241", "224", "2241", "2241"])
    )
    assert value == "224"


def test_a_number_whose_slash_the_pen_took_in_is_read_and_the_slash_put_back() -> None:
    # dkg "884" (bench real, dev fonts): no slash read by any engine, nothing was read.
    assert parse("number", "Số:8 84BC-UBVHXH15").value == "884"
    assert parse("number", "Số: 12QĐ-UBND").value == "12"
    # A slash still ends the value; a party code's hyphen is no code's start.
    assert parse("number", "Số: 5 /2025/TT-BTC").value == "5"
    assert parse("number", "Số: 45-KH/TU").value is None
    words = (
        Word("Só:", (100, 10, 160, 40), 0.9, "tesseract"),
        Word("884", (170, 5, 240, 45), 0.25, "ppocr"),
        Word("BC-UBVHXH15", (245, 10, 400, 40), 0.9, "tesseract"),
    )
    line = _slash_restored(Line(words), "884")
    assert line.text == "Só: 884 / BC-UBVHXH15"
    assert line.words[2].confidence == 0.25
    # A slash read is left alone.
    kept = Line((*words[:2], Word("/BC-UBVHXH15", (245, 10, 400, 40), 0.9, "tesseract")))
    assert _slash_restored(kept, "884") == kept
    # Regression (blind planted set, fields8): a printed hyphen where the slash belongs
    # ("06-QĐ-UBND", a malformed number) was turned into "06 / QĐ-UBND", hiding the error.
    hyphen = Line((words[0], Word("06", (170, 5, 240, 45), 0.9, "ppocr+trueocr"), words[2]))
    assert _slash_restored(hyphen, "06", "Só: 06-BC-UBVHXH15").text == "Só: 06 - BC-UBVHXH15"
    split = Line((*hyphen.words[:2], Word("-BC-UBVHXH15", (245, 10, 400, 40), 0.9, "tesseract")))
    assert _slash_restored(split, "06", "Só: 06 -BC-UBVHXH15") == split


def _page(number: str, day: str) -> Image.Image:
    """A header per Nghị định 30/2020 whose number and day are written in thin strokes."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    bold, regular, pen = _font(SERIF_BOLD, 34), _font(SERIF, 34), _font(THIN, 52)
    draw.text((150, 150), "BỘ TÀI CHÍNH", font=bold, fill="black")
    draw_motto(draw, bold)
    draw.text((150, 300), "Số:", font=regular, fill="black")
    draw.text((150 + draw.textlength("Số:", font=regular) + 12, 288), number, font=pen, fill=PEN)
    draw.text((400, 300), "/TTr-BTC", font=regular, fill="black")
    place = "Hà Nội, ngày "
    draw.text((820, 300), place, font=regular, fill="black")
    x = 820 + draw.textlength(place, font=regular)
    draw.text((x, 288), day, font=pen, fill=PEN)
    draw.text((x + 80, 300), "tháng 8 năm 2025", font=regular, fill="black")
    draw.text((700, 420), "TỜ TRÌNH", font=bold, fill="black")
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill="black")
    return page


def _header(image: Image.Image) -> dict[str, Line]:
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PNG", dpi=(DPI, DPI))
    page = read_document(buf.getvalue(), OcrSettings(workers=1)).pages[0]
    return {b.kind: b.lines[0] for b in page.blocks if b.kind in ("number", "place_date")}


def _voted(line: Line) -> list[tuple[str, float]]:
    return [(w.text, w.confidence) for w in line.words if w.engine != "tesseract"]


def test_a_thin_stroke_number_and_day_are_read() -> None:
    header = _header(_page("57", "16"))
    assert _voted(header["number"]) == [("57", AGREED_CONFIDENCE)], header["number"].text
    # The "1" of the day was lost on PP-OCR's crops ("ngayl"), trueocr read "lG": "16"
    # (main read "1"), unsure as the engines split.
    day = _voted(header["place_date"])[0]
    assert day[0] == "16" and day[1] <= UNSURE_CONFIDENCE, header["place_date"].text


def test_a_thin_stroke_day_the_engines_misread_goes_to_review() -> None:
    # Breip's "2" (a hook) is read "1" or not at all: whatever is read is not sure.
    header = _header(_page("57", "24"))
    day = _voted(header["place_date"])[0]
    assert day[1] <= UNSURE_CONFIDENCE, header["place_date"].text
