"""A pen's digit that Tesseract read as a slash ("81 / /TTr-BTC" for a written 817) is left
beside the voted value unless it is cleared: the number's line then holds two slashes and the
extractor reads no number (bench real, second dev group: 4 of 42 numbers lost this way)."""

from __future__ import annotations

from ocr.handwriting import _pen_slashes_cleared, _replace_value, parse
from ocr.result import Line, Word


def _line(*words: tuple[str, int, int]) -> Line:
    return Line(tuple(Word(text, (x0, 280, x1, 320), 0.9, "tesseract") for text, x0, x1 in words))


def _voted(line: Line, value: str) -> Line:
    """The line as read_fill_ins leaves it: the vote's value in place, then cleared."""
    read = parse("number", line.text).value or ""
    replaced = _replace_value(line, "number", value, 0.95, "ppocr+trueocr")
    assert replaced is not None
    return _pen_slashes_cleared(replaced, value, read)


def test_a_pen_seven_read_as_a_slash_is_cleared_after_the_vote() -> None:
    line = _line(("Số:", 299, 345), ("81", 357, 394), ("/", 403, 424), ("/TTr-BTC", 436, 594))
    out = _voted(line, "817")
    assert out.text == "Số: 817 /TTr-BTC"
    assert parse("number", out.text).value == "817"


def test_slash_and_digit_debris_is_cleared_too() -> None:
    line = _line(("Số:", 311, 354), ("2/7", 378, 452), ("/BC-BCT", 474, 613))
    assert _voted(line, "387").text == "Số: 387 /BC-BCT"


def test_a_fraction_slash_read_in_the_pen_value_is_cleared() -> None:
    line = _line(("Số:", 252, 299), ("27\u2044/", 336, 401), ("/TTr-BTNMT", 438, 658))
    assert _voted(line, "9910").text == "Số: 9910 /TTr-BTNMT"


def test_a_printed_doubled_slash_read_as_voted_stays_for_the_rules() -> None:
    # Tesseract read 310 as the vote did: nothing of the pen is in doubt, the print is kept.
    line = _line(("Số:", 300, 345), ("310", 357, 420), ("/", 430, 440), ("/QĐ-UBND", 450, 600))
    assert _voted(line, "310").text == "Số: 310 / /QĐ-UBND"


def test_words_with_letters_before_the_code_are_kept() -> None:
    line = _line(("Số:", 299, 345), ("81", 357, 394), ("/a", 403, 424), ("/TTr-BTC", 436, 594))
    assert _voted(line, "817").text == "Số: 817 /a /TTr-BTC"
