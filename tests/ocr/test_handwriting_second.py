"""The fourth opinion (issue 13, item 3): a fill-in the three engines leave unsure is read again
by PP-OCRv6's small recognizer, whose vote gives the value, never sure.

Pages are drawn here (DejaVu Serif for print, DkgHandwriting for the pen) and read by the real
pipeline and the real models; a missing model is a path that does not exist (a model that
cannot be loaded cannot be produced with the wheels installed).
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from ocr.engines import ppocr
from ocr.errors import ModelLoadError
from ocr.handwriting import (
    AGREED_CONFIDENCE,
    UNSURE_CONFIDENCE,
    Opinion,
    _backers,
    _second_opinions,
    _Target,
    _with_second_opinion,
)
from ocr.result import Block, Line, Word
from tests.ocr.drawn import BODY, HAND, SERIF, SERIF_BOLD, number_blank_page, read_drawn
from tests.ocr.drawn import font as _font

MISSING = "/nonexistent/ppocr6/rec.onnx"


def _page(scribble: bool) -> Image.Image:
    """A header whose number blank holds a pen's scribble (no digit any engine can agree on)
    or, with ``scribble`` False, a hand-written 36."""
    page, draw = number_blank_page()
    bold, regular = _font(SERIF_BOLD, 34), _font(SERIF, 34)
    draw.text((820, 300), "Hà Nội, ngày 05 tháng 8 năm 2025", font=regular, fill="black")
    if scribble:
        points = [(226 + 6 * i, 318 + (12 if i % 2 else -12)) for i in range(15)]
        draw.line(points, fill=(25, 45, 150), width=4)
    else:
        draw.text((222, 290), "36", font=_font(HAND, 52), fill=(25, 45, 150))
    draw.text((700, 420), "TỜ TRÌNH", font=bold, fill="black")
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=regular, fill="black")
    return page


def test_an_unsure_value_is_asked_of_ppocr6_and_a_missing_model_is_as_configured() -> None:
    page = read_drawn(_page(scribble=True))
    assert any(s.startswith("fill_ins_second:") for s in page.steps), page.steps
    assert "ppocr6_unavailable" not in page.steps
    # Its model missing: the three engines' vote stands, and the page says so.
    page = read_drawn(_page(scribble=True), ppocr6_model_path=MISSING)
    assert "ppocr6_unavailable" in page.steps, page.steps
    assert not any(s.startswith("fill_ins_second:") for s in page.steps)
    assert not any("ppocr6" in w.engine for w in page.words)
    # Required: a clear, typed error naming the model.
    with pytest.raises(ModelLoadError, match="PP-OCR model cannot be loaded from /nonexistent"):
        read_drawn(_page(scribble=True), ppocr6_model_path=MISSING, second_engine_required=True)


def test_ppocr6_reads_a_pen_number_on_its_crops() -> None:
    image = _page(scribble=False)
    gray = np.asarray(image.convert("L"))
    line = Line((Word("Số:", (150, 300, 205, 340), 0.9), Word("/TTr-BTC", (330, 300, 480, 340), 0.9)))
    crops = {
        "line": gray[290:350, 140:490],
        "number:tight": gray[280:350, 212:322],
        "number:wide": gray[275:355, 195:335],
    }
    target = _Target(0, Block((line,), "number"), crops, frozenset())
    got = _second_opinions([target], [(0, "number")], None)
    value, _, engine, readings = got[(0, "number")] or ("", 0.0, "", 0)
    assert value == "36" and "ppocr6" in engine.split("+") and readings >= 1, got


def test_the_second_opinion_is_never_sure_and_keeps_what_the_first_holds() -> None:
    unsure = ("2", 0.2, "trueocr")
    # v6's value takes the place of an unsure one, capped below what quality trusts.
    assert _with_second_opinion("day", unsure, ("24", AGREED_CONFIDENCE, "ppocr6")) == (
        "24",
        UNSURE_CONFIDENCE,
        "ppocr6",
    )
    assert _with_second_opinion("day", None, ("7", 0.3, "ppocr6")) == ("7", 0.3, "ppocr6")
    assert _with_second_opinion("day", unsure, None) == unsure
    # A first value holding v6's digits and more: a crop lost one ("16" read "6").
    assert _with_second_opinion("day", ("16", 0.2, "ppocr"), ("6", 0.4, "ppocr6"))[0] == "16"
    # v6 reads a number's slash as a digit ("47/QĐ" as "471"): the first value stays.
    assert _with_second_opinion("number", ("47", 0.2, "ppocr"), ("471", 0.4, "ppocr6"))[0] == "47"
    assert _with_second_opinion("number", ("04", 0.2, "ppocr"), ("604", 0.4, "ppocr6"))[0] == "604"


def test_the_ppocr6_model_is_loaded_once_per_process() -> None:
    v6 = ppocr.model(engine=ppocr.ENGINE_V6)
    assert ppocr.model(engine=ppocr.ENGINE_V6) is v6
    assert v6 is not ppocr.model()
    assert ppocr.default_model_path(ppocr.ENGINE_V6).name == ppocr.MODEL_FILE_V6
    assert "7" in v6.characters


def test_a_value_two_engines_gave_stays_unless_v6_reads_a_digit_more() -> None:
    # Regression (bench fields, own damaged set): a printed "tháng 01" on a noisy page,
    # Tesseract "01" and trueocr "1" (counted apart by decide), v6 "10" on one crop.
    opinions = [
        Opinion("tesseract", "page", "01"),
        Opinion("trueocr", "tight", "1"),
        Opinion("ppocr", "line", None),
    ]
    first = ("1", 0.05, "trueocr")
    backers = _backers("month", first, opinions)
    assert backers == (2, "01", 2)
    assert _with_second_opinion("month", first, ("10", 0.075, "ppocr6"), backers) == first
    # Two engines lost the pen's first digit alike ("24" read "4"): v6's longer value stands.
    lost = [Opinion("trueocr", "tight", "4"), Opinion("ppocr", "tight", "4")]
    backers = _backers("day", ("4", 0.2, "ppocr+trueocr"), lost)
    assert _with_second_opinion("day", ("4", 0.2, "ppocr+trueocr"), ("24", 0.3, "ppocr6"), backers)[0] == "24"


def test_v6_reading_its_value_more_often_than_the_others_theirs_outweighs_two_engines() -> None:
    # bench real, more dev fonts (ecolier): a pen's month "4" read "1" by trueocr's line and
    # one PP-OCR crop (two of nine readings, the rest unread), "4" on three of v6's crops.
    opinions = [
        Opinion("tesseract", "page", None),
        Opinion("trueocr", "line", "1"),
        Opinion("trueocr", "tight", None),
        Opinion("ppocr", "tight_stretched", "1"),
        Opinion("ppocr", "line", None),
    ]
    first = ("1", 0.1, "ppocr+trueocr")
    backers = _backers("month", first, opinions)
    assert backers == (2, "1", 2)
    assert _with_second_opinion("month", first, ("4", 0.225, "ppocr6", 3), backers) == ("4", 0.225, "ppocr6")
    # As many readings as the others': the two engines' value stays.
    assert _with_second_opinion("month", first, ("4", 0.15, "ppocr6", 2), backers) == first
