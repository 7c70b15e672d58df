"""Property-based tests of the normalizers (extractors/normalize.py) with hypothesis.

Every value is fictional. Runs are derandomized (the same examples in CI every time) and
capped at about 200 examples a test.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extractors.normalize import (
    PROVINCE_CODES,
    fold,
    identifier,
    match_key,
    money,
    mst_check_ok,
    nfc_clean,
    normalize_document_number,
    parse_date,
    parse_words_date,
    person_name,
    valid_personal_id,
    vn_number,
)

PROPS = settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# The dates _iso accepts (years 1800–2199).
DATES = st.dates(min_value=date(1800, 1, 1), max_value=date(2199, 12, 31))

# --- Vietnamese letters ------------------------------------------------------------------
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_LOWER = sorted(
    {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES} | set("bcdđghklmnpqrstvx")
)
VI_LETTERS = _LOWER + [c.upper() for c in _LOWER]


@st.composite
def vi_word(draw) -> str:
    """A run of Vietnamese letters, any case, NFC or NFD, sometimes with a legacy Ð."""
    w = "".join(draw(st.lists(st.sampled_from([*VI_LETTERS, "Ð", "ð"]), min_size=1, max_size=8)))
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), w)


@st.composite
def messy_name(draw) -> str:
    words = draw(st.lists(vi_word(), min_size=1, max_size=5))
    seps = draw(
        st.lists(
            st.sampled_from([" ", "  ", "\t", "\n", " \u00a0", "-", "…", "...."]),
            min_size=len(words) + 1,
            max_size=len(words) + 1,
        )
    )
    out = seps[0] if draw(st.booleans()) else ""
    for w, s in zip(words, seps[1:], strict=False):
        out += w + s
    return out


# --- dates in figures -----------------------------------------------------------------------
# OCR look-alikes of 0 and 1 (domain-vn §3.4) as they appear inside a printed date.
_LOOKALIKE = {"0": ("O", "o"), "1": ("I", "l", "i")}


@st.composite
def ocr_digits(draw, digits: str) -> str:
    """``digits`` with some 0/1 read as O/o/I/l/i by OCR."""
    out = []
    for ch in digits:
        if ch in _LOOKALIKE and draw(st.booleans()):
            out.append(draw(st.sampled_from(_LOOKALIKE[ch])))
        else:
            out.append(ch)
    return "".join(out)


@st.composite
def figures_date(draw, d: date, lookalikes: bool) -> str:
    pad_day = draw(st.booleans()) or d.day >= 10
    pad_month = draw(st.booleans()) or d.month >= 10
    day = f"{d.day:02d}" if pad_day else str(d.day)
    month = f"{d.month:02d}" if pad_month else str(d.month)
    year = f"{d.year:04d}"
    if lookalikes:
        day, month, year = draw(ocr_digits(day)), draw(ocr_digits(month)), draw(ocr_digits(year))
    sep = draw(st.sampled_from("/.-"))
    gap = draw(st.sampled_from(["", " "]))
    prefix = draw(
        st.sampled_from(["", "Sinh ngày: ", "Ngày cấp ", "Có giá trị đến: ", "Ngày sinh/Date of birth: "])
    )
    suffix = draw(st.sampled_from(["", " ", ".", " (dương lịch)", ", nơi cấp: Cục CS QLHC"]))
    return f"{prefix}{day}{gap}{sep}{gap}{month}{gap}{sep}{gap}{year}{suffix}"


@PROPS
@given(d=DATES, data=st.data())
def test_date_in_figures_round_trips(d: date, data) -> None:
    text = data.draw(figures_date(d, lookalikes=False))
    assert parse_date(text) == (d.isoformat(), "YMD")


@PROPS
@given(d=DATES, data=st.data())
def test_date_in_figures_with_ocr_lookalikes_round_trips(d: date, data) -> None:
    text = data.draw(figures_date(d, lookalikes=True))
    assert parse_date(text) == (d.isoformat(), "YMD")


def test_date_lookalike_day_is_not_cut_to_its_last_digit() -> None:
    """Regression (bug: look-alike day): "l5/03/2024" (OCR read 1 as l) parsed as 5 March."""
    assert parse_date("l5/03/2024") == ("2024-03-15", "YMD")
    assert parse_date("Sinh ngày: I7/O6/2O21") == ("2021-06-17", "YMD")
    assert parse_date("1O/03/2024") == ("2024-03-10", "YMD")
    # a look-alike glued to a word is not a digit: the date is not invented from it
    assert parse_date("Halo/03/2024") is None
    # a table rule before a date is not a 1
    assert parse_date("|05/03/2024|") == ("2024-03-05", "YMD")


@PROPS
@given(d=DATES, data=st.data())
def test_date_in_words_with_figures_round_trips(d: date, data) -> None:
    day = data.draw(ocr_digits(f"{d.day:02d}" if data.draw(st.booleans()) else str(d.day)))
    month = data.draw(ocr_digits(f"{d.month:02d}" if data.draw(st.booleans()) else str(d.month)))
    year = data.draw(ocr_digits(str(d.year)))
    ngay, thang, nam = data.draw(
        st.sampled_from(
            [
                ("ngày", "tháng", "năm"),
                ("ngay", "thang", "nam"),
                ("Ngày", "Tháng", "Năm"),
                ("NGÀY", "THÁNG", "NĂM"),
            ]
        )
    )
    place = data.draw(st.sampled_from(["", "Cà Mau, ", "Phường An Xuyên, "]))
    text = f"{place}{ngay} {day} {thang} {month} {nam} {year}"
    assert parse_date(text) == (d.isoformat(), "YMD")


@PROPS
@given(d=DATES)
def test_partial_dates_keep_their_precision(d: date) -> None:
    assert parse_date(f"tháng {d.month} năm {d.year}") == (f"{d.year:04d}-{d.month:02d}", "YM")
    assert parse_date(f"{d.month:02d}/{d.year}") == (f"{d.year:04d}-{d.month:02d}", "YM")
    assert parse_date(f"Sinh năm {d.year}") == (f"{d.year:04d}", "Y")
    assert parse_date(str(d.year)) == (f"{d.year:04d}", "Y")


@st.composite
def impossible_dmy(draw) -> tuple[int, int, int]:
    year = draw(st.integers(1800, 2199))
    month = draw(st.integers(0, 19))
    day = draw(st.integers(0, 39))
    try:
        date(year, month, day)
        ok = True
    except ValueError:
        ok = False
    assume(not ok)
    return day, month, year


@PROPS
@given(dmy=impossible_dmy(), sep=st.sampled_from("/.-"), words=st.booleans())
def test_impossible_dates_give_no_value(dmy: tuple[int, int, int], sep: str, words: bool) -> None:
    day, month, year = dmy
    text = (
        f"ngày {day:02d} tháng {month:02d} năm {year}" if words else f"{day:02d}{sep}{month:02d}{sep}{year}"
    )
    assert parse_date(text) is None


# --- dates in words ("ghi bằng chữ") --------------------------------------------------------
_DIG = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


@st.composite
def two_digit_words(draw, n: int) -> str:
    if n < 10:
        return _DIG[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_DIG[tens]} mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        tail = "mốt"
    elif unit == 5:
        tail = draw(st.sampled_from(["lăm", "năm"])) if tens > 1 else "lăm"
    elif unit == 4 and tens > 1:
        tail = draw(st.sampled_from(["tư", "bốn"]))
    else:
        tail = _DIG[unit]
    return f"{head} {tail}"


@st.composite
def year_words(draw, y: int) -> str:
    thousands, rest = divmod(y, 1000)
    hundreds, rest = divmod(rest, 100)
    out = f"{_DIG[thousands]} {draw(st.sampled_from(['nghìn', 'ngàn']))}"
    if hundreds or rest:
        out += f" {_DIG[hundreds]} trăm"
    if rest:
        out += (f" {draw(st.sampled_from(['lẻ', 'linh']))} " if rest < 10 else " ") + draw(
            two_digit_words(rest)
        )
    return out


@PROPS
@given(d=DATES, data=st.data())
def test_date_in_words_round_trips(d: date, data) -> None:
    day = data.draw(two_digit_words(d.day))
    if d.month == 1:
        month = data.draw(st.sampled_from(["một", "giêng"]))
    elif d.month == 4:
        month = "tư"
    elif d.month == 12:
        month = data.draw(st.sampled_from(["mười hai", "chạp"]))
    else:
        month = data.draw(two_digit_words(d.month))
    comma = data.draw(st.sampled_from(["", ","]))
    text = f"ngày {day}{comma} tháng {month}{comma} năm {data.draw(year_words(d.year))}"
    if data.draw(st.booleans()):
        text = text.capitalize()
    assert parse_words_date(text) == (d.isoformat(), "YMD")


# --- numbers and money (domain-vn §3.2) -------------------------------------------------------
def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@PROPS
@given(
    whole=st.integers(0, 10**12),
    frac=st.sampled_from(["", "5", "25", "75", "05", "125"]),
    grouped=st.booleans(),
    unit=st.sampled_from(["", " m²", "m2", " m 2", " mét vuông", " đồng"]),
)
def test_vn_number_round_trips(whole: int, frac: str, grouped: bool, unit: str) -> None:
    text = (_group(whole, ".") if grouped else str(whole)) + (f",{frac}" if frac else "") + unit
    expected = float(Decimal(f"{whole}.{frac or '0'}"))
    assert vn_number(text) == expected


@PROPS
@given(
    amount=st.integers(0, 10**13),
    style=st.sampled_from([".", " ", ""]),
    unit=st.sampled_from([" đồng", " VNĐ", " VND", "₫", " đồng (bằng chữ: …)", ""]),
)
def test_money_round_trips(amount: int, style: str, unit: str) -> None:
    assert money(_group(amount, style) + unit if style else str(amount) + unit) == str(amount)


# --- names (domain-vn §3.3) -------------------------------------------------------------------
@PROPS
@given(name=messy_name())
def test_person_name_is_nfc_single_spaced_and_idempotent(name: str) -> None:
    once = person_name(name)
    assert unicodedata.is_normalized("NFC", once)
    assert once == once.strip() and "  " not in once and "\u00d0" not in once and "\u00f0" not in once
    assert all(w[:1] == w[:1].upper() for part in once.split(" ") for w in part.split("-"))
    assert person_name(once) == once


@PROPS
@given(name=messy_name())
def test_person_name_keeps_the_letters(name: str) -> None:
    assert match_key(person_name(name)).replace(" ", "").replace("-", "") == match_key(
        nfc_clean(name)
    ).replace(" ", "").replace("-", "")


@PROPS
@given(name=messy_name())
def test_match_key_ignores_case_form_and_is_idempotent(name: str) -> None:
    key = match_key(name)
    assert key == match_key(unicodedata.normalize("NFD", name).upper()) == match_key(key)
    assert len(fold(name)) == len(name)


# Syllables whose tone sits on o/u of a final oa/oe/uy in the old style, on a/e/y in the new.
_ONSETS = ("", "h", "kh", "th", "t", "l", "x", "ng", "nh", "ch", "tr", "đ", "s")


@PROPS
@given(
    onset=st.sampled_from(_ONSETS),
    pair=st.sampled_from(["oa", "oe", "uy"]),
    tone=st.sampled_from(_TONES[1:]),
    upper=st.booleans(),
)
def test_match_key_is_tone_placement_insensitive(onset: str, pair: str, tone: str, upper: bool) -> None:
    old = unicodedata.normalize("NFC", onset + pair[0] + tone + pair[1])
    new = unicodedata.normalize("NFC", onset + pair + tone)
    if upper:
        new = new.upper()
    assert match_key(f"Xã {old} An") == match_key(f"xã {new} an")


# --- document numbers (NĐ 30/2020) --------------------------------------------------------------
_KINDS = ("QĐ", "CV", "TB", "KH", "TTr", "QyĐ", "CTr", "BC", "HD")
_AGENCIES = ("UBND", "UBND-VP", "STC-NS", "SNV", "UBND-KT", "CAT-PC06")


@st.composite
def document_number(draw) -> str:
    n = f"{draw(st.integers(1, 99999)):0{draw(st.sampled_from([1, 2]))}d}"
    kind, agency = draw(st.sampled_from(_KINDS)), draw(st.sampled_from(_AGENCIES))
    if draw(st.booleans()):
        return f"{n}/{draw(st.integers(1945, 2199))}/{kind}-{agency}"
    return f"{n}/{kind}-{agency}"


@PROPS
@given(
    number=document_number(),
    label=st.sampled_from(["", "Số: ", "Số ", "Số, ký hiệu: ", "SỐ: ", "So: "]),
    gap=st.sampled_from(["", " ", "  "]),
    dash=st.sampled_from(["-", "\u2013", "\u2011"]),
)
def test_document_number_round_trips(number: str, label: str, gap: str, dash: str) -> None:
    printed = number.replace("/", f"{gap}/{gap}").replace("-", f"{gap}{dash}{gap}")
    assert normalize_document_number(label + printed) == number
    assert normalize_document_number(number) == number


# --- identifiers -------------------------------------------------------------------------------
@st.composite
def personal_id(draw) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    century_sex = draw(st.sampled_from("0123"))
    yy = f"{draw(st.integers(0, 99)):02d}"
    rest = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=6, max_size=6)))
    return province + century_sex + yy + rest


@PROPS
@given(pid=personal_id(), data=st.data())
def test_personal_id_read_back_through_spaces_and_lookalikes(pid: str, data) -> None:
    assert valid_personal_id(pid)
    spaced = data.draw(
        st.sampled_from(
            [pid, f"{pid[:3]} {pid[3:6]} {pid[6:9]} {pid[9:]}", f"{pid[:3]}.{pid[3:6]}.{pid[6:9]}.{pid[9:]}"]
        )
    )
    # at most a few look-alikes, as a read of the card would have
    chars = list(spaced)
    positions = [i for i, c in enumerate(chars) if c in "01"]
    for i in data.draw(st.lists(st.sampled_from(positions), max_size=3, unique=True)) if positions else []:
        chars[i] = {"0": "O", "1": "l"}[chars[i]]
    text = "Số định danh cá nhân: " + "".join(chars)
    value, repaired, valid = identifier(text, valid_personal_id, 9)
    assert (value, valid) == (pid, True)
    assert repaired == ("O" in text or "l" in text.split(":")[1])


def _mst_ok_prefix(head: str) -> bool:
    total = sum(w * int(n) for w, n in zip((31, 29, 23, 19, 17, 13, 7, 5, 3), head, strict=False))
    return total % 11 > 1 and head[2:] != "0000000"


def _with_check_digit(head: str) -> str:
    total = sum(w * int(n) for w, n in zip((31, 29, 23, 19, 17, 13, 7, 5, 3), head, strict=False))
    return head + str(10 - total % 11)


def mst():
    """A valid 10-digit MST (independent of the code under test)."""
    return st.integers(0, 999_999_999).map(lambda n: f"{n:09d}").filter(_mst_ok_prefix).map(_with_check_digit)


@PROPS
@given(
    code=mst(),
    branch=st.integers(1, 999),
    gap=st.sampled_from(["", " "]),
    prefix=st.sampled_from(["", "Mã số doanh nghiệp: ", "MST chi nhánh: "]),
)
def test_enterprise_code_keeps_its_branch_suffix(code: str, branch: int, gap: str, prefix: str) -> None:
    assert mst_check_ok(code)
    branch_code = f"{code}-{branch:03d}"
    text = f"{prefix}{code}{gap}-{gap}{branch:03d}"
    assert identifier(text, mst_check_ok, 10) == (branch_code, False, True)


def test_enterprise_branch_suffix_kept_when_last_digit_repeats() -> None:
    """Regression (bug: branch suffix dropped): the suffix was looked up after the first
    occurrence in the text of the code's last digit, not after the code itself."""
    assert identifier("0101243150-001", mst_check_ok, 10) == ("0101243150-001", False, True)
    assert identifier("Mã số chi nhánh: 0101243150 - 002", mst_check_ok, 10) == (
        "0101243150-002",
        False,
        True,
    )


@PROPS
@given(code=mst(), position=st.integers(0, 9), digit=st.sampled_from("0123456789"))
def test_mst_single_digit_change_is_rejected(code: str, position: int, digit: str) -> None:
    assume(code[position] != digit)
    assert not mst_check_ok(code[:position] + digit + code[position + 1 :])


@PROPS
@given(text=st.text(alphabet=st.sampled_from("0123456789- "), max_size=16))
def test_mst_check_accepts_only_the_format(text: str) -> None:
    if mst_check_ok(text):
        assert re.fullmatch(r"\d{10}(-\d{3})?", text) and not text.endswith("-000")
