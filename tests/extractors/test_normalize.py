"""Normalizers: dates in every form the pages use, numbers, names, match keys."""

from __future__ import annotations

import unicodedata

import pytest
import pytest as _pytest

from extractors import admin_document
from extractors.normalize import (
    SURNAME_KEYS,
    SURNAMES,
    fold,
    match_key,
    nfc_clean,
    normalize_document_number,
    parse_date,
    person_name,
    repair_date,
    repair_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 05 tháng 3 năm 2024", ("2024-03-05", "YMD")),
        ("Cà Mau, ngày 05 tháng 02 năm 2026", ("2026-02-05", "YMD")),
        ("ngay 05 thang 3 nam 2024", ("2024-03-05", "YMD")),  # OCR without diacritics
        ("NGÀY 5 THÁNG 12 NĂM 2025", ("2025-12-05", "YMD")),
        ("ngày 5tháng 3 năm 2024", ("2024-03-05", "YMD")),  # glued by OCR
        ("ngay O5 thang 1O nam 2024", ("2024-10-05", "YMD")),  # O read for 0
        ("05/03/2024", ("2024-03-05", "YMD")),  # always D-M-Y
        ("05-03-2024", ("2024-03-05", "YMD")),
        ("5.3.2024", ("2024-03-05", "YMD")),
        ("5/3/2024", ("2024-03-05", "YMD")),
        ("12 / 06 / 1992", ("1992-06-12", "YMD")),
        ("Ngày sinh: 12/06/1992", ("1992-06-12", "YMD")),
        ("tháng 3 năm 2024", ("2024-03", "YM")),
        ("ngày … tháng 3 năm 2024", ("2024-03", "YM")),  # day left blank on the form
        ("03/2024", ("2024-03", "YM")),
        ("năm 2024", ("2024", "Y")),
        ("Sinh năm 1950", ("1950", "Y")),
        ("1950", ("1950", "Y")),
        ("2024-03-05T10:20:00+07:00", ("2024-03-05", "YMD")),  # ISO, e-signature time
    ],
)
def test_parse_date_forms(text: str, expected: tuple[str, str]) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2024",
        "ngày 30 tháng 2 năm 2024",
        "29/02/2023",
        "13/13/2024",
        "00/00/2024",
        "tháng 13 năm 2024",
        "",
        "Việt Nam",
        "12/2024/QĐ-UBND",
        "ngày … tháng … năm …",
    ],
)
def test_parse_date_invalid(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_leap_day() -> None:
    assert parse_date("29/02/2024") == ("2024-02-29", "YMD")


def test_parse_date_never_month_first() -> None:
    assert parse_date("03/05/2024") == ("2024-05-03", "YMD")
    assert parse_date("12/31/2024") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số: 123 /QĐ-UBND", "123/QĐ-UBND"),
        ("Số:123/QĐ-UBND", "123/QĐ-UBND"),
        ("So 12 / 2024 / QĐ – UBND.", "12/2024/QĐ-UBND"),
        ("Sô: 1234/UBND-VP", "1234/UBND-VP"),
        ("Số, ký hiệu: 05/KH-UBND", "05/KH-UBND"),
        ("56/STC-NS", "56/STC-NS"),
        ("12/QÐ-UBND", "12/QĐ-UBND"),  # legacy U+00D0
        (unicodedata.normalize("NFD", "Số: 7/QĐ-UBND"), "7/QĐ-UBND"),
        # a printed "1" read as I or l in the code (bench real: "884/BC-UBVHXHI5", sure)
        ("Số: 884/BC-UBVHXHI5", "884/BC-UBVHXH15"),
        ("04/QĐ-BCĐl38", "04/QĐ-BCĐ138"),
        ("12/NQ-HĐND", "12/NQ-HĐND"),
        ("I2/QĐ-UBND", "I2/QĐ-UBND"),  # the number itself is left to the fill-in vote
    ],
)
def test_normalize_document_number(text: str, expected: str) -> None:
    assert normalize_document_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NGUYỄN THỊ HỒNG NHUNG", "Nguyễn Thị Hồng Nhung"),
        ("nguyễn  văn   a", "Nguyễn Văn A"),
        ("ĐẶNG ĐỨC ĐẠT", "Đặng Đức Đạt"),
        ("ÐẶNG văn Ðức", "Đặng Văn Đức"),  # legacy Ð
        (unicodedata.normalize("NFD", "TRẦN THUỶ"), "Trần Thuỷ"),
    ],
)
def test_person_name(text: str, expected: str) -> None:
    value = person_name(text)
    assert value == expected
    assert unicodedata.is_normalized("NFC", value)


def test_nfc_clean() -> None:
    assert nfc_clean(unicodedata.normalize("NFD", "Hà  Nội\n")) == "Hà Nội"
    assert nfc_clean("Ðồng Tháp ð") == "Đồng Tháp đ"
    assert nfc_clean("Họ tên: ……………… Lê A .......") == "Họ tên: Lê A"
    assert nfc_clean("1.500.000 đồng") == "1.500.000 đồng"  # not a leader


def test_match_key_tone_placement() -> None:
    assert match_key("Hoà Bình") == match_key("HÒA BÌNH") == "hòa bình"
    assert match_key("Thuỷ") == match_key("thủy")
    assert match_key("khoẻ") == match_key("khỏe")
    assert match_key("Quý") == "quý"  # qu- onset: tone stays on y
    assert match_key("Hoàng") == "hoàng"  # final consonant: nothing to move
    assert match_key("Ðông") == "đông"
    assert match_key("Quý") != match_key("Quí")  # i/y kept distinct
    assert unicodedata.is_normalized("NFC", match_key(unicodedata.normalize("NFD", "Thuỷ")))


def test_fold_keeps_length_for_offsets() -> None:
    for text in ["Số: 12/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Ðð", "ngày 05 tháng 3"]:
        assert len(fold(text)) == len(text)
    assert fold("Số: 12/QĐ-UBND") == "so: 12/qd-ubnd"
    assert fold("Sô") == fold("So") == fold("SỐ") == "so"


# --- repairs that validate (issue 14 item 3) ------------------------------------------------


@_pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2411012001", "2001-10-24"),  # "/" read as 1
        ("02l10I2025", "2025-10-02"),  # "/" read as l and I
        ("24|10|2001", "2001-10-24"),  # "/" read as |
        ("17I06/2021", "2021-06-17"),  # one separator misread
        ("1OI05I1990", "1990-05-10"),  # O for 0 in the day
        ("24102001", "2001-10-24"),  # ddmmyyyy, separators lost
        ("24 l 1O l 2OO1", "2001-10-24"),  # spaces inside
    ],
)
def test_date_repairs(text: str, iso: str) -> None:
    got = repair_date(text)
    assert got is not None and got[0] == iso and "→" in got[1]


@_pytest.mark.parametrize(
    "text",
    [
        "1111990",  # 01/01/1990 or 11/01/1990: two dates fit
        "3102/2024",  # a digit 1 as "/" beside a real "/": 3/02 or 31/02, refused
        "31I02I2024",  # 31/02 is no date
        "0912345678",  # a phone number
        "2411013001",  # year 3001: out of range
        "24/10/2001",  # nothing to repair (parse_date reads it)
    ],
)
def test_date_repairs_refused(text: str) -> None:
    assert repair_date(text) is None


@pytest.mark.parametrize("surname", SURNAMES)
def test_one_surname_list_both_users_see(surname: str) -> None:
    """The surname list has one home (normalize.SURNAMES): the name repair respells each one
    from its unaccented form, and the administrative extractor takes an upper-case line that
    starts with one for a signer's name (but for the few that open a position: CHỦ TỊCH …)."""
    assert admin_document.SURNAME_KEYS is SURNAME_KEYS
    assert repair_name(f"{fold(surname).capitalize()} Văn An")[0] == f"{surname} Văn An"
    is_name = admin_document._is_name_words([surname.upper(), "VĂN", "AN"], upper_ok=True)
    assert is_name == (fold(surname) not in admin_document._SIGNATURE_WORDS)
    assert not admin_document._is_name_words(["CHỦ", "TỊCH"], upper_ok=True)
