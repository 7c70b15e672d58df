"""The fill-in vote's rules for the ways the hand-written fields of ``bench real``'s
development fonts were lost (issue 13, item 2): a label's box that took in the first digits,
Tesseract's marks left beside a voted value, a month read as two marks, a place-date block
that begins with the motto. Pure functions, no engine run."""

from __future__ import annotations

from ocr.handwriting import (
    AGREED_CONFIDENCE,
    Opinion,
    _debris_cleared,
    _replace_value,
    _row_joined,
    decide,
    parse,
)
from ocr.result import Block, Line, Word


def _opinions(tesseract: str | None, trueocr: list[str | None], ppocr: list[str | None]) -> list[Opinion]:
    """Tesseract's page reading, trueocr on line/tight/wide, PP-OCR on line/tight/tight
    stretched/wide/wide stretched."""
    return [
        Opinion("tesseract", "page", tesseract),
        *(Opinion("trueocr", c, v) for c, v in zip(("line", "tight", "wide"), trueocr, strict=True)),
        *(
            Opinion("ppocr", c, v)
            for c, v in zip(
                ("line", "tight", "tight_stretched", "wide", "wide_stretched"), ppocr, strict=True
            )
        ),
    ]


def _line(*texts: str, engine: str = "tesseract") -> Line:
    return Line(tuple(Word(t, (100 * i, 10, 100 * i + 80, 40), 0.9, engine) for i, t in enumerate(texts)))


def test_crops_that_lost_the_first_digits_count_for_the_whole_line_readings() -> None:
    # humor-sans "8606": the first two digits stood in the "Số:" word's box; every crop
    # starts after it and read "06", the three whole-line readings "8606".
    value, confidence, _ = decide(
        "number", _opinions("8606", ["8606", "06", "506"], ["8606", "06", "06", "606", "606"])
    )
    assert value == "8606" and confidence < AGREED_CONFIDENCE
    # One engine's line reading alone moves nothing: the crops' value is kept.
    value, _, _ = decide("number", _opinions(None, [None, "65", "5"], ["565", "65", "65", "65", "65"]))
    assert value == "65"
    # Nor do line readings of two engines that disagree.
    value, _, _ = decide("number", _opinions("8606", ["806", "06", "06"], [None, "06", "06", "06", "06"]))
    assert value == "06"


def test_marks_beside_a_voted_value_are_dropped() -> None:
    line = _line("Số:", "565", "_", "/TB-UBND")
    line = Line(
        tuple(w if w.text != "565" else Word("565", w.bbox, 0.3, "ppocr+trueocr") for w in line.words)
    )
    assert _debris_cleared(line, "565").text == "Số: 565 /TB-UBND"
    month = _line("ngày", "18", "tháng", "3", "_", "năm", "2025")
    month = Line(tuple(w if w.text != "3" else Word("3", w.bbox, 0.3, "ppocr") for w in month.words))
    assert _debris_cleared(month, "3").text == "ngày 18 tháng 3 năm 2025"
    # Tesseract's own digits are not a voted value: the line is left as read.
    assert _debris_cleared(_line("Số:", "12", "-", "/QĐ"), "12").text == "Số: 12 - /QĐ"


def test_a_month_read_as_two_marks_is_found() -> None:
    assert parse("month", "Hà Nội, ngày 13 tháng | O năm 2023").value == "10"
    assert parse("month", "ngày 05 tháng 02 năm 2025").value == "02"
    assert parse("month", "ngày … tháng năm 2025").raw is None


def test_the_date_row_is_found_below_the_mottos_last_line() -> None:
    motto = Line((Word("Độc lập - Tự do - Hạnh phúc", (900, 160, 1380, 200), 0.9, "tesseract"),))
    place = Line(
        (
            Word("Hà Nội, ngày", (840, 260, 1050, 310), 0.9, "tesseract"),
            Word("tháng 7 năm 2025", (1150, 262, 1450, 312), 0.9, "tesseract"),
        )
    )
    block, row = _row_joined(Block((motto, place), "place_date"))
    assert row == 1 and block.lines[row].text.startswith("Hà Nội, ngày")
    assert block.lines[0] is motto  # the order of the block's lines is kept
    # A number row cut in two by the layout is joined again, where its first piece was.
    number = Block((_line("Số:"), Line((Word("/QĐ-UBND", (300, 12, 450, 38), 0.9, "tesseract"),))), "number")
    block, row = _row_joined(number)
    assert row == 0 and block.lines[0].text == "Số: /QĐ-UBND" and len(block.lines) == 1


def test_a_value_nothing_was_read_for_goes_between_its_labels() -> None:
    # humor-sans: the month written between "tháng" and "năm" was not read by Tesseract at
    # all; its voted value went after "năm" ("tháng năm 8 2025"), where no date is read.
    month = _replace_value(_line("ngày", "16", "tháng", "năm", "2025"), "month", "8", 0.3, "ppocr")
    assert month is not None and month.text == "ngày 16 tháng 8 năm 2025"
    day = _replace_value(_line("Hà", "Nội,", "ngày", "tháng", "8", "năm"), "day", "12", 0.3, "ppocr")
    assert day is not None and day.text == "Hà Nội, ngày 12 tháng 8 năm"
    number = _replace_value(_line("Số:", "/TTr-BTC"), "number", "47", 0.3, "ppocr")
    assert number is not None and number.text == "Số: 47 /TTr-BTC"


def test_a_value_that_took_no_crop_reading_keeps_its_sureness() -> None:
    # vpcp_2239 (real scan): trueocr's wide "233" ends the "2233" that Tesseract and trueocr
    # read on the line; it moves there, and PP-OCR's "2239" on all five crops stays sure.
    value, confidence, _ = decide("number", _opinions("2233", ["2233", "2259", "233"], ["2239"] * 5))
    assert (value, confidence) == ("2239", AGREED_CONFIDENCE)
