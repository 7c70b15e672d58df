"""A pen's digit written close to a date's label is boxed with it by Tesseract: the crops of
the day and month then start (end) where the label's printed letters end (begin), measured by
the line's other printed words (issue 13, item 2; bench real, dev fonts: breip's "24" read "4")."""

from __future__ import annotations

from ocr.handwriting import _labels_around
from ocr.result import Line, Word


def _line(*words: tuple[str, int, int]) -> Line:
    return Line(tuple(Word(text, (x0, 280, x1, 320), 0.95, "tesseract") for text, x0, x1 in words))


def test_a_label_box_that_took_in_the_first_digit_starts_the_day_after_its_letters() -> None:
    # "ngày" is 105 px wide where four letters at this print size take ~76 px.
    line = _line(
        ("Hà", 1287, 1334),
        ("Nội,", 1345, 1407),
        ("ngày", 1421, 1526),
        ("4", 1535, 1573),
        ("tháng", 1585, 1673),
        ("11", 1685, 1709),
        ("năm", 1731, 1796),
        ("2025", 1808, 1884),
    )
    start, end = _labels_around(line, "day")
    assert start is not None and 1490 <= start <= 1505
    assert end is None


def test_a_label_box_that_took_in_the_last_digit_ends_the_month_before_its_letters() -> None:
    # "năm" is 95 px wide where three letters take ~57 px: the month's "2" is in its box.
    line = _line(
        ("Hà", 866, 913),
        ("Nội,", 923, 986),
        ("ngày", 1000, 1075),
        ("08", 1085, 1120),
        ("tháng", 1135, 1223),
        ("1", 1233, 1251),
        ("năm", 1262, 1357),
        ("2025", 1370, 1446),
    )
    start, end = _labels_around(line, "month")
    assert start is None
    assert end is not None and 1295 <= end <= 1310


def test_labels_as_wide_as_their_letters_move_nothing() -> None:
    line = _line(
        ("Hà", 866, 913),
        ("Nội,", 923, 986),
        ("ngày", 1000, 1075),
        ("12", 1085, 1120),
        ("tháng", 1135, 1223),
        ("8", 1233, 1251),
        ("năm", 1262, 1326),
        ("2025", 1339, 1415),
    )
    assert _labels_around(line, "day") == (None, None)
    assert _labels_around(line, "month") == (None, None)


def test_too_few_printed_words_to_measure_by_move_nothing() -> None:
    line = _line(("ngày", 1421, 1526), ("4", 1535, 1573), ("tháng", 1585, 1673))
    assert _labels_around(line, "day") == (None, None)
