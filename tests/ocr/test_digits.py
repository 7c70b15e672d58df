"""Numbers Tesseract was unsure of read again by the single-crop engines, their agreed
reading in its place (ocr/digits.py, issue 14, forms13). Fictional numbers."""

from __future__ import annotations

import numpy as np

from ocr.digits import agreed, reread_numbers
from ocr.result import Block, Line, Page, Word


def _page(*words: Word) -> Page:
    label = Word("Điện thoại liên hệ:", (10, 10, 200, 40), 0.95, "tesseract")
    return Page(1, 600, 200, 200, "ocr", (Block((Line((label, *words)),), "body"),))


def _readers(*texts: str, calls: list[int] | None = None):
    def reader(text: str):
        def read(crops: list[np.ndarray]) -> list[str]:
            if calls is not None:
                calls.append(len(crops))
            return [text for _ in crops]

        return read

    return [(f"e{i}", reader(t)) for i, t in enumerate(texts)]


GRAY = np.full((200, 600), 255, np.uint8)


def test_an_unsure_number_takes_the_reading_all_three_engines_agree_on() -> None:
    # an italic hand '1' Tesseract read as '7'
    page = _page(Word("0912000473", (220, 10, 420, 40), 0.78, "tesseract"))
    out = reread_numbers(page, GRAY, _readers("0912000413", "0912000413 ", "0912000413."))
    word = out.blocks[0].lines[0].words[-1]
    assert (word.text, word.engine) == ("0912000413", "digits")
    assert "digits:1" in out.steps


def test_a_phone_whose_zeros_tesseract_read_as_letters_is_read_again() -> None:
    page = _page(Word("Øổ12000473", (220, 10, 420, 40), 0.74, "tesseract"))
    out = reread_numbers(page, GRAY, _readers("0912000413", "0912000413", "0912000413"))
    assert out.blocks[0].lines[0].words[-1].text == "0912000413"


def test_a_date_with_a_glyph_lost_is_read_again() -> None:
    page = _page(Word("?3⁄12/1995", (220, 10, 420, 40), 0.0, "tesseract"))
    out = reread_numbers(page, GRAY, _readers("13/12/1995", "13/12/1995", "13/12/1995"))
    assert out.blocks[0].lines[0].words[-1].text == "13/12/1995"


def test_engines_that_disagree_leave_tesseract_s_reading() -> None:
    page = _page(Word("0912000473", (220, 10, 420, 40), 0.78, "tesseract"))
    out = reread_numbers(page, GRAY, _readers("0912000413", "0912000473", "0912000413"))
    assert out is page


def test_a_sure_number_or_print_with_letters_is_not_read_again() -> None:
    calls: list[int] = []
    page = _page(
        Word("0912000413", (220, 10, 420, 40), 0.96, "tesseract"),
        Word("04/2020/TT-BTP", (430, 10, 590, 40), 0.4, "tesseract"),
    )
    out = reread_numbers(page, GRAY, _readers("x", "x", "x", calls=calls))
    assert out is page and calls == []


def test_only_a_number_all_readings_give_is_agreed() -> None:
    assert agreed(["21/05/1989", "21/05/1989", "21/05/1989.."]) == "21/05/1989"
    assert agreed(["0912000413", "0912000413"]) is None  # an engine missing
    assert agreed(["09120 00413", "09120 00413", "09120 00413"]) is None
    assert agreed(["12345", "12345", "12345"]) is None  # too short to be a form's number


def _date_line(*parts: tuple[str, float]) -> Page:
    words, x = [], 10
    for text, conf in parts:
        words.append(Word(text, (x, 10, x + 60, 40), conf, "tesseract"))
        x += 70
    return Page(1, 900, 200, 200, "ocr", (Block((Line(tuple(words)),), "body"),))


def test_a_written_in_day_month_and_year_of_a_form_s_date_line_are_read_again() -> None:
    page = _date_line(
        ("Tân", 0.95), ("Phong,", 0.95), ("ngày", 0.95), ("†6", 0.78),
        ("tháng", 0.95), ("¡0", 0.9), ("năm", 0.95), ("2022", 0.97),
    )  # fmt: skip
    calls: list[int] = []
    # each engine reads the two unsure crops, in order
    texts = iter(["16", "10"] * 3)

    def read(crops: list[np.ndarray]) -> list[str]:
        calls.append(len(crops))
        return [next(texts) for _ in crops]

    out = reread_numbers(page, GRAY, [("a", read), ("b", read), ("c", read)])
    assert out.blocks[0].lines[0].text == "Tân Phong, ngày 16 tháng 10 năm 2022"
    assert calls == [2, 2, 2]  # the sure year was not read again


def test_a_date_part_out_of_its_range_is_left() -> None:
    page = _date_line(("ngày", 0.95), ("2†", 0.7), ("tháng", 0.95), ("09", 0.95))
    out = reread_numbers(page, GRAY, _readers("41", "41", "41"))
    assert out is page


def test_a_date_part_read_as_digits_loses_none_of_them() -> None:
    page = _date_line(("ngày", 0.95), ("23", 0.6), ("tháng", 0.95), ("7", 0.95))
    out = reread_numbers(page, GRAY, _readers("3", "3", "3"))
    assert out is page


def test_a_year_read_surely_but_out_of_range_is_read_again() -> None:
    page = _date_line(
        ("ngày", 0.95), ("16", 0.95), ("tháng", 0.95), ("10", 0.95), ("năm", 0.95), ("3033", 0.95)
    )
    out = reread_numbers(page, GRAY, _readers("2022", "2022", "2022"))
    assert out.blocks[0].lines[0].text == "ngày 16 tháng 10 năm 2022"


def test_a_date_part_with_a_sign_more_is_left() -> None:
    page = _date_line(("ngày", 0.95), ("21", 0.95), ("tháng", 0.95), ("1Ï", 0.18))
    out = reread_numbers(page, GRAY, _readers("1", "1", "1"))
    assert out is page


def test_the_word_s_punctuation_after_the_number_stays() -> None:
    page = _page(Word("28/8/2O24:", (220, 10, 420, 40), 0.7, "tesseract"))
    out = reread_numbers(page, GRAY, _readers("28/8/2024", "28/8/2024:", "28/8/2024"))
    assert out.blocks[0].lines[0].words[-1].text == "28/8/2024:"


def test_a_year_with_its_full_stop_asks_no_engine() -> None:
    # Regression (session 18): "năm 2026." on every body line with a date loaded the three
    # line models, ~100 MB, for a word that could never change (a date's part is taken one
    # sign for one, at most four digits).
    page = _date_line(
        ("ngày", 0.95), ("16", 0.95), ("tháng", 0.95), ("10", 0.95), ("năm", 0.95), ("2026.", 0.96)
    )
    calls: list[int] = []
    out = reread_numbers(page, GRAY, _readers("2026", "2026", "2026", calls=calls))
    assert out is page
    assert calls == []


def test_a_four_sign_year_misread_is_still_read_again() -> None:
    page = _date_line(
        ("ngày", 0.95), ("16", 0.95), ("tháng", 0.95), ("10", 0.95), ("năm", 0.95), ("2O26", 0.6)
    )
    out = reread_numbers(page, GRAY, _readers("2026", "2026", "2026"))
    assert out.blocks[0].lines[0].text == "ngày 16 tháng 10 năm 2026"
