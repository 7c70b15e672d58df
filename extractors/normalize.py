"""Text normalizers shared by every extractor (fields.md value formats, domain-vn §3).

Pure functions, no state:

- ``nfc_clean``: NFC, legacy Ð/ð → Đ/đ, dotted leaders removed, whitespace collapsed.
- ``fold``: accent-stripped, lower-case key of the *same length* as its input, so a regex
  run on the folded text gives offsets valid in the original (label matching on OCR text
  that lost its diacritics: "So:", "Sô:", "Số" all fold to "so").
- ``match_key``: tone-placement-insensitive key for comparing names (domain §3.3).
- ``parse_date``: Vietnamese dates, always D-M-Y, keeping the precision the page gives.
- ``normalize_document_number``, ``person_name``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from itertools import combinations, pairwise

__all__ = [
    "PROVINCE_CODES",
    "SURNAMES",
    "SURNAME_KEYS",
    "day_lost",
    "fold",
    "form_phrase_specks",
    "format_decimal",
    "ia_names",
    "identifier",
    "impossible_date",
    "match_key",
    "money",
    "mst_check_ok",
    "nfc_clean",
    "normalize_document_number",
    "parse_date",
    "parse_words_date",
    "person_name",
    "phone",
    "repair_agency_units",
    "repair_date",
    "repair_district",
    "repair_name",
    "repair_place",
    "repair_sevens",
    "respell_form_slips",
    "strip_tone",
    "valid_personal_id",
    "vn_number",
    "words_number",
]

_LEGACY_D = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# Dotted leader lines are layout, not content (domain §2.7, R-C3).
_LEADERS = re.compile(r"…+|\.{3,}|·{3,}|_{3,}")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


def nfc_clean(text: str) -> str:
    """NFC, Ð/ð (U+00D0/U+00F0) → Đ/đ, dotted leaders stripped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text or "").translate(_LEGACY_D)
    text = _LEADERS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def _fold_char(ch: str) -> str:
    if ch in "đĐðÐ":
        return "d"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    base = base.lower()
    return base if len(base) == 1 else ch.lower()[:1] or ch


# What OCR makes of the English glosses' letters on cards ("Place oƒ origin", "Datø"): look-alikes
# read back as letters, and a zero between letters as an "o" ("0ƒ", "registrati0n").
GLOSS_LOOKALIKES = str.maketrans({"ƒ": "f", "ø": "o", "Ø": "O", "œ": "o"})
GLOSS_ZERO = re.compile(r"(?<![0-9])0(?=[a-z])|(?<=[a-z])0(?![0-9])")


def fold(text: str) -> str:
    """Accent-stripped lower-case text, one output character per input character.

    The input is expected in NFC (``ocr.result.Word`` guarantees it); a combining mark
    left alone folds to itself lower-cased, so lengths always match.
    """
    return "".join(_fold_char(ch) for ch in text)


# --- tone placement (domain §3.3) -------------------------------------------------------
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng


def strip_tone(syllable: str) -> tuple[str, str]:
    """Split a syllable into (syllable without tone mark, tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)[:1]
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def _old_style(syllable: str) -> str:
    """Move the tone to the first vowel of a final oa/oe/uy (hoà → hòa, thuỷ → thủy).

    Only when the syllable ends with the pair (no final consonant) and, for uy, the u is
    not part of a qu- onset (quý keeps its tone on y).
    """
    base, tone = strip_tone(syllable)
    if not tone or len(base) < 2:
        return syllable
    tail = base[-2:].lower()
    if tail not in ("oa", "oe", "uy"):
        return syllable
    if tail == "uy" and len(base) >= 3 and base[-3].lower() == "q":
        return syllable
    target = base[-2]
    toned = unicodedata.normalize("NFC", unicodedata.normalize("NFD", target) + tone)
    return base[:-2] + toned + base[-1]


_WORD = re.compile(r"\w+")


def _tone_key(text: str) -> str:
    """``text`` with every tone placed the old way, its case kept: "Hoà Bình" and "Hòa Bình"
    are one spelling of one name."""
    return _WORD.sub(lambda m: _old_style(m.group(0)), unicodedata.normalize("NFC", text))


def match_key(text: str) -> str:
    """Canonical comparison key: NFC, Đ fix, old-style tones, casefold, single spaces.

    ``match_key("Hoà Bình") == match_key("HÒA BÌNH")``. Store the original verbatim and
    compare on this key. For accent-free fuzzy label matching use ``fold``.
    """
    text = nfc_clean(text).casefold()
    text = _WORD.sub(lambda m: _old_style(m.group(0)), text)
    return unicodedata.normalize("NFC", text)


# --- dates (domain §3.1) ------------------------------------------------------------------
# Digits as OCR tends to misread them inside a date; ø is the slashed zero of some fonts
# ("tháng Ø4"). (Applied to folded text, which is lower case.)
_DIGIT_FIX = str.maketrans({"o": "0", "i": "1", "l": "1", "|": "1", "ø": "0", "s": "5", "t": "1", "!": "1"})
_D = r"[0-9oil|ø]"
# The month of a date in words: also a 5 OCR read as S or Š ("tháng Š năm 2026", "tháng 5Š",
# the letter a speck glued to the digit) — a letter where no word can stand; and the 1 of a
# two-digit month a hand writes with a flag, read as T ("tháng T1": 11, a month only if ≤ 12).
# A "!" after the month's first digit is its second 1 ("tháng 1! năm 2014": November).
# (a two-digit day, month or year OCR split at a narrow digit: "ngày 0 5", "tháng 1 2", "năm 2 024")
_M = rf"({_D}{{1,2}}|{_D} {_D}|t{_D}|s|{_D}!)s?"
_DAY = rf"({_D}{{1,2}}|{_D} {_D})"
_YEAR = rf"({_D}{{4}}|{_D}(?: ?{_D}){{3}})"
# "ngày,23", "ngày03" and "04tháng" as OCR glues them are dates as well.
# A speck OCR leaves after a number ("tháng 4` năm 2026") is no part of the date.
_SPECK = r"[,.`'’‘´]?"
# "năm" misread after a day and a month read as such ("tháng 8 nền: 2022", "tháng03` năn2026"):
# a word of 2–4 letters starting with n, then the year — the date's shape holds it.
_NAM = r"(?:nam|n[^\W\d_]{1,3}:?)"
_DATE_WORDS = re.compile(
    rf"\bngay[\s,.]*{_DAY}\s*{_SPECK}\s*thang\s*{_M}\s*{_SPECK}\s*{_NAM}\s*{_YEAR}(?!\d)"
)
# "Cà Mau, 05 tháng 3 năm 2024": "ngày" lost after the place's comma, the day before "tháng"
_DATE_WORDS_COMMA = re.compile(
    rf"(?:^|,)\s*{_DAY}\s*{_SPECK}\s*thang\s*{_M}\s*{_SPECK}\s*{_NAM}\s*{_YEAR}(?!\d)"
)
# "ngày" misread ("ngủy", "nghy", "nøày"): a word of 2–5 characters starting with n, then the
# day, "tháng", the month, "năm", the year — the three words keep the date's shape
# (and "tháng" misread too, "n¿ày 04 tuíng 01 năm 2016": a word of 3–5 starting with t)
_DATE_WORDS_LOOSE = re.compile(
    rf"(?<!\w)n\S{{1,4}}\s+{_DAY}\s*{_SPECK}\s*(?:thang|t[^\s\d]{{2,4}})\s*{_M}\s*{_SPECK}"
    rf"\s*{_NAM}\s*{_YEAR}(?!\d)"
)
# "ngày" misread past its n ("HØà 26 tháng 11 năm 2017"): a word of 2–5 signs, not a figure
# first, then the day, and "tháng" and "năm" read as such — a day before "tháng" is the day
_DATE_WORDS_DAY_WORD_LOST = re.compile(
    rf"(?<!\w)[^\s\d]\S{{1,4}}\s+{_DAY}\s*{_SPECK}\s*thang\s*{_M}\s*{_SPECK}\s*nam\s*{_YEAR}(?!\d)"
)
_MONTH_YEAR_WORDS = re.compile(rf"\bthang\s*{_M}\s*{_SPECK}\s*nam\s*({_D}{{4}})(?!\d)")
_YEAR_WORDS = re.compile(rf"\bnam\s*({_D}{{4}})(?!\w)")
# A digit in a printed date, or its OCR look-alike (O/o → 0, I/l/i → 1; not "|", a table
# rule as often as a 1); a look-alike glued after a letter is part of a word, not a date.
_DL = r"[0-9OoIliØøŠš]"  # (Š: a 5 read with a caron, "Š.8.1986"; no Vietnamese word has one)
_DMY = re.compile(
    rf"(?<![\d/.\-])(?:(?=\d)|(?<![^\W\d_]))({_DL}{{1,2}})\s*([/.\-])\s*({_DL}{{1,2}})\s*\2\s*({_DL}{{4}})(?![\d/])"
)
_DIGIT_FIX_DATE = str.maketrans(
    {"O": "0", "o": "0", "I": "1", "l": "1", "i": "1", "Ø": "0", "ø": "0", "Š": "5", "š": "5"}
)
# "1 1/05/1992", "03/1 1/2022": a two-digit day or month OCR split at its narrow 1s
_SPLIT_PART = re.compile(
    r"(?<![\d/.\-])(\d) (\d)(?=\s*[/.\-]\s*\d)|(?<=[/.\-])(\d) (\d)(?=\s*[/.\-]\s*\d{4})"
)
_DOUBLED_SEP = re.compile(r"(?<=\d)([/.\-])\1+(?=\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")  # unambiguous; e-signature times
_MY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_Y = re.compile(r"^(\d{4})$")


def _num(s: str) -> int:
    return int(s.translate(_DIGIT_FIX).replace(" ", ""))


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str] | None:
    if not 1800 <= year <= 2199:
        return None
    if month is None:
        return f"{year:04d}", "Y"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "YM"
    try:
        return date(year, month, day).isoformat(), "YMD"
    except ValueError:
        return None


_DAY_PRINTED = re.compile(r"(?<!\w)ng\S{0,3}\s*[^\s\d]?[0-9]{1,2}(?!\d)")  # ("ngày Ú7": a digit misread)


def day_lost(text: str, precision: str) -> bool:
    """A date read to its month or year only whose line prints a day ("ngày 21 tháng 0À năm
    2019": the month misread): the page holds the whole date, the machine did not read it —
    not a date of lesser precision (fields.md keeps the precision the page gives)."""
    return precision != "YMD" and bool(_DAY_PRINTED.search(fold(nfc_clean(text))))


def parse_date(text: str) -> tuple[str, str] | None:
    """Parse the first Vietnamese date in ``text`` → (ISO value, precision) or None.

    Precision is ``YMD``, ``YM`` or ``Y`` (domain §3.1): "tháng 3 năm 2024" gives
    ("2024-03", "YM"), never an invented day. Numeric dates are always D-M-Y. An
    impossible date (31/02/2024) gives None rather than a guess. ISO ``2024-03-05`` (the
    signing time of an electronic copy) is read as such.
    """
    if not text:
        return None
    clean = nfc_clean(text).replace("⁄", "/").replace("∕", "/")  # fraction and division slashes
    folded = fold(clean)
    m = (
        _DATE_WORDS.search(folded)
        or _DATE_WORDS_LOOSE.search(folded)
        or _DATE_WORDS_COMMA.search(folded)
        or _DATE_WORDS_DAY_WORD_LOST.search(folded)
    )
    if m:
        got = _iso(_num(m.group(3)), _num(m.group(2)), _num(m.group(1)))
        if got is None and len(m.group(2)) == 1 and folded[m.end(2) : m.end(2) + 1] == "s":
            # "tháng 0Š": the S is the month's second digit, a 5 (May), not a speck after it
            got = _iso(_num(m.group(3)), _num(m.group(2) + "s"), _num(m.group(1)))
        return got
    m = _ISO_DATE.search(clean)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    joined = _SPLIT_PART.sub(lambda m: "".join(g for g in m.groups() if g), clean)
    m = _DMY.search(joined) or _DMY.search(_DOUBLED_SEP.sub(r"\1", joined))  # "03/03//1996": a stroke twice
    if m:
        day, month, year = (int(m.group(i).translate(_DIGIT_FIX_DATE)) for i in (1, 3, 4))
        return _iso(year, month, day)
    m = _MONTH_YEAR_WORDS.search(folded)
    if m:
        return _iso(_num(m.group(2)), _num(m.group(1)))
    bare = clean.strip(" .,;")
    m = _MY.match(bare)
    if m:
        return _iso(int(m.group(2)), int(m.group(1)))
    m = _YEAR_WORDS.search(folded) or _Y.match(bare)
    if m:
        return _iso(_num(m.group(1)))
    return None


# A date printed plainly whose day the month does not have ("31/06/1983", "ngày 30 tháng 02
# năm 2024"): digits only, one separator kind, month 1–12, day 29–31 — nothing to repair.
_PLAIN_DMY = re.compile(r"(?<![\w/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\w/.\-])")
_PLAIN_WORDS = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})(?!\w)")


def impossible_date(text: str, today: date | None = None) -> str | None:
    """The one date in ``text`` printed plainly with a day its month lacks → "YYYY-MM-DD" as
    printed (31/06/1983 → "1983-06-31"), for the rules to judge (correct.date.valid) rather than
    leave the field unread; None when any date in ``text`` is real or the digits are unsure."""
    today = today or date.today()
    clean = nfc_clean(text)
    found = [(m.group(1), m.group(3), m.group(4)) for m in _PLAIN_DMY.finditer(clean)]
    found += [(m.group(1), m.group(2), m.group(3)) for m in _PLAIN_WORDS.finditer(fold(clean))]
    if len(found) != 1:
        return None
    day, month, year = (int(x) for x in found[0])
    if not (1 <= month <= 12 and 29 <= day <= 31 and 1900 <= year <= today.year + 80):
        return None
    try:
        date(year, month, day)
        return None  # a real date: not this helper's
    except ValueError:
        return f"{year:04d}-{month:02d}-{day:02d}"


# --- dates whose separators OCR misread (issue 14 item 3) ----------------------------------
# "/" read as 1, I, l or |; digits as O/o (0) or I/l/i/| (1): "2411012001", "02l10I2025".
_SEP_ALIKES = set("/.-1Il|\\!Jj")  # ("06J03I2007": a slash read as J)
# (a handwritten 1 with a long flag read as "ƒ": "ƒ0/04/2003")
_DIGIT_ALIKES = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "i": "1", "|": "1", "ƒ": "1"}
)
_DATE_TOKEN = re.compile(r"(?<![\w/.\-])[0-9OoDIliƒ|/.\-\\!Jj]{7,10}(?![\w/.\-])")


def repair_date(text: str, today: date | None = None) -> tuple[str, str] | None:
    """A numeric date whose separators or digits OCR misread → (ISO value, the repair), only
    when exactly one reading is a real calendar date between 1900 and 30 years from
    ``today``: "2411012001" → 2001-10-24, "02l10I2025" → 2025-10-02, "24102001" (ddmmyyyy)
    → 2001-10-24. "1111990" (01/01/1990 or 11/01/1990) is refused: two dates fit."""
    today = today or date.today()
    compact = re.sub(r"(?<=[0-9OoIl|/.\-])\s+(?=[0-9OoIl|/.\-])", "", nfc_clean(text))
    for m in _DATE_TOKEN.finditer(compact):
        token = m.group(0)
        found: set[date] = set()
        n = len(token)
        for dl in (1, 2):
            for s1 in (0, 1):
                for ml in (1, 2):
                    s2 = n - dl - s1 - ml - 4
                    if s2 not in (0, 1):
                        continue
                    d, a = token[:dl], token[dl : dl + s1]
                    mo, b = token[dl + s1 : dl + s1 + ml], token[dl + s1 + ml : dl + s1 + ml + s2]
                    y = token[n - 4 :]
                    if any(c not in _SEP_ALIKES for c in a + b):
                        continue
                    if (s1 == 0) != (s2 == 0) and dl + ml < 4:
                        continue  # "1/11990": one separator kept, one lost, short parts: too loose
                    if ("1" in a + b and (dl, ml) != (2, 2)) or (
                        "1" in a + b and re.search(r"[/.\-]", token)
                    ):
                        continue  # a digit 1 read as "/" only in dd1mm1yyyy: "3102/2024" stays unread
                    digits = [p.translate(_DIGIT_ALIKES) for p in (d, mo, y)]
                    if not all(p.isdigit() for p in digits):
                        continue
                    try:
                        day = date(int(digits[2]), int(digits[1]), int(digits[0]))
                    except ValueError:
                        continue
                    if 1900 <= day.year <= today.year + 30:
                        found.add(day)
        if len(found) == 1:
            day = found.pop()
            if re.fullmatch(r"\d{1,2}([/.\-])\d{1,2}\1\d{4}", token):
                return None  # nothing to repair: parse_date reads it
            return day.isoformat(), f"{token} → {day.day:02d}/{day.month:02d}/{day.year}"
        if found:
            return None  # ambiguous
    return None


# --- a 1 read as 7 -------------------------------------------------------------------------
_SEVEN = re.compile(r"7")


def repair_sevens(text: str, today: date | None = None) -> tuple[str, str] | None:
    """A date or year that cannot be, read from a font whose 1 has a long flag (or a hand that
    writes it so) as a 7: "7985", "ngày 73 tháng 4", "27/70/2001", "25/02/7969" → (ISO value,
    precision) with the fewest 7s read back as 1s, when exactly one reading with that few is a
    date between 1900 and 80 years from ``today``. Only for what ``parse_date`` refuses: a
    date that can be is kept as read; a date impossible without a 7 (31/06) stays impossible."""
    today = today or date.today()
    if parse_date(text):
        return None
    sevens = [m.start() for m in _SEVEN.finditer(text)]
    if len(sevens) > 6:
        return None
    for k in range(1, len(sevens) + 1):
        found = set()
        for combo in combinations(sevens, k):
            chars = list(text)
            for i in combo:
                chars[i] = "1"
            d = parse_date("".join(chars))
            if d and 1900 <= int(d[0][:4]) <= today.year + 80:
                found.add(d)
        if found:
            return found.pop() if len(found) == 1 else None
    return None


# --- document numbers (domain §2.6) --------------------------------------------------------
_NUMBER_LABEL = re.compile(r"^\s*s[oôố]\s*(?:,?\s*k[yý]\s*hi[eệ]u)?\s*[:.]?\s*", re.IGNORECASE)
_AROUND_SEP = re.compile(r"\s*([/\-])\s*")
# An I, l or | between a capital or a digit and a digit in the code after the first "/" is
# a "1" read as a letter (printed "UBVHXH15" read "UBVHXHI5", sure: bench real).
_CODE_ONE = re.compile(r"(?<=[A-ZĐ0-9])[Il|](?=[0-9])")


def normalize_document_number(text: str) -> str:
    """``"Số: 123 /QĐ-UBND"`` → ``"123/QĐ-UBND"``: label dropped, NFC, no spaces around / and -."""
    text = nfc_clean(text).translate(_DASHES)
    text = _NUMBER_LABEL.sub("", text)
    text = _AROUND_SEP.sub(r"\1", text)
    head, slash, code = text.partition("/")
    return (head + slash + _CODE_ONE.sub("1", code)).strip(" .,;:")


# --- person names (domain §3.3) -------------------------------------------------------------
def _cap(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def person_name(text: str) -> str:
    """``"NGUYỄN THỊ HỒNG NHUNG"`` → ``"Nguyễn Thị Hồng Nhung"`` (NFC, single spaces).

    A word of a mixed-case name with a Latin-1 capital after a small letter ("TrÝ": TCVN3
    draws ý on Ý's code) is kept as read: legacy-encoded text, for the quality rules to see."""
    clean = nfc_clean(text)
    mixed = not clean.isupper()
    return " ".join(
        "-".join(p[:1].upper() + p[1:] for p in w.split("-")) if mixed and _legacy_capital(w) else _cap(w)
        for w in clean.split(" ")
        if w
    )


_LATIN1_CAPITALS = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def _legacy_capital(word: str) -> bool:
    """A part of ``word`` with a Latin-1 capital and a small letter after its first letter."""
    return any(
        any(c.islower() for c in p[1:]) and any(c in _LATIN1_CAPITALS for c in p[1:]) for p in word.split("-")
    )


# Common Vietnamese surnames, the one list (issue 16: admin_document kept a second, different
# one): each folds to a key no other one has, so a surname OCR read with a wrong or missing
# diacritic ("Nguyên", "Hưỳnh", "Tran") is spelled back (domain §3.4: lexicon constraints),
# and an upper-case line that starts with one can be a signer's name (admin_document).
SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lâm",
    "Trương",
    "Quách",
    "Tạ",
    "Châu",
    "Đinh",
    "Trịnh",
    "Đoàn",
    "Lưu",
    "Cao",
    "Tô",
    "Thái",
    "Kiều",
    "Lương",
    "Tăng",
    "Triệu",
    "Phùng",
    "Nghiêm",
    "Tôn",
    "Diệp",
    "Hứa",
    "Khúc",
    "Mạc",
    "Giang",
    "Ông",
    "Thạch",
    "Danh",
    "Lục",
    "Âu",
    "Từ",
    "Hầu",
    "Quan",
    "Chu",
    "Mai",
    "La",
    "Kim",
    "Sơn",
    "Lữ",
    "Hà",
    "Vương",
    "Lại",
    "Tiêu",
)
_SURNAME_BY_KEY = {fold(s): s for s in SURNAMES}
# The folded keys ("nguyen", "tran" …): how a line of text is matched against the list.
SURNAME_KEYS = frozenset(_SURNAME_BY_KEY)


def _lost_first_letter() -> dict[str, str]:
    """A surname whose first consonant OCR lost (a capital against a table's rule: "Oàng" for
    "Hoàng", "Uỳnh" for "Huỳnh"), the rest as printed, marks and all → the surname; only where
    one surname ends so, two letters or more remain and they begin with a vowel (a rest that
    begins with a consonant may be a given name: "Hùng" is no "Phùng"), and not the given
    name "Anh"."""
    by_rest: dict[str, set[str]] = {}
    for canon in set(_SURNAME_BY_KEY.values()):
        rest = canon[1:].casefold()
        if len(rest) >= 2 and fold(rest)[0] in "aeiouy" and fold(canon)[0] not in "aeiouy" and rest != "anh":
            by_rest.setdefault(rest, set()).add(canon)
    return {
        rest: next(iter(names))
        for rest, names in by_rest.items()
        if len(names) == 1 and fold(rest) not in _SURNAME_BY_KEY
    }


_SURNAME_LOST_FIRST = _lost_first_letter()


def repair_name(name: str) -> tuple[str, bool]:
    """Respell the surname (and a middle "Thị") from the lexicon → (name, changed)."""
    parts = name.split(" ")
    if len(parts) < 2:
        return name, False
    changed = False
    canon = _SURNAME_BY_KEY.get(fold(parts[0])) or _SURNAME_LOST_FIRST.get(parts[0].casefold())
    if canon and canon != parts[0]:
        parts[0], changed = canon, True
    if len(parts) >= 3 and fold(parts[1]) == "thi" and parts[1] != "Thị":
        parts[1], changed = "Thị", True
    return " ".join(parts), changed


# --- identifiers, numbers, money (domain §2.1, §2.5, §3.2, §3.4) ---------------------------
# CCCD-era province codes (frozen 63-list, domain-vn Appendix B).
PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
# Digit look-alikes as OCR reads them (domain §3.4).
DIGIT_LOOKALIKES = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "i": "1",
        "S": "5",
        "s": "5",
        "B": "8",
        "Z": "2",
        "z": "2",
        "b": "6",
        "G": "6",
        "g": "9",
        "T": "7",
        "Ø": "0",  # the slashed zero of some fonts
        "ø": "0",
    }
)
_ID_RUN = re.compile(r"[0-9OoDQIl|iSsBZzbGgTØø](?:[ .]?[0-9OoDQIl|iSsBZzbGgTØø])*")


def valid_personal_id(digits: str) -> bool:
    """12 digits, PPP in the 63-list (domain §2.1); or a 9-digit CMND."""
    if not digits.isdigit():
        return False
    if len(digits) == 9:
        return True
    return len(digits) == 12 and digits[:3] in PROVINCE_CODES and digits[3] in "0123"


_COMMITTEE = ("ban", "nhân", "dân")


def respell_committee(text: str) -> str:
    """ "Ủy ban nhân dân" with a tone OCR put on a word of it ("ỦY BẠN NHÂN DẬN") spelled right.

    Only the three words after "Ủy"/"Uỷ" of a phrase that folds to "uy ban nhan dan" are
    respelled; "Ủy"/"Uỷ" themselves are kept as printed (both spellings are used)."""
    words = text.split(" ")
    for i in range(len(words) - 3):
        key = fold(" ".join(words[i : i + 4]))
        if key not in ("uy ban nhan dan", "uy dan nhan dan"):  # "Ủy Đan": the B read as Đ
            continue
        if words[i].isupper() and len(words[i]) > 1 and all(w.islower() for w in words[i + 1 : i + 4]):
            words[i] = words[i].capitalize()  # "ỦY ban nhân dân": one capital too many
        if words[i].lower() not in ("ủy", "uỷ") and not words[i].isascii():
            words[i] = "ỦY" if words[i].isupper() else "Ủy"  # "Ùy", "Úy": a wrong mark on it
        for j, right in enumerate(_COMMITTEE, start=i + 1):
            w = words[j]
            if j == i + 1 and w[:1] in "Đđ":
                # the B read as Đ: the word takes the case of the words after it
                after = words[i + 2]
                words[j] = (
                    right.upper() if after.isupper() else right.capitalize() if after[:1].isupper() else right
                )
            elif w.lower() != right and not w.isascii():  # text read without marks stays so
                words[j] = (
                    right.upper() if w.isupper() else (right.capitalize() if w[:1].isupper() else right)
                )
    return " ".join(words)


# Words of agency names and titles (NĐ 30/2020 PL I: the issuer block; Luật TCCQĐP 2025: the
# units), as printed. OCR puts a wrong mark on them in capitals ("SỐ TÀI CHÍNH TÍNH CÀ MAU",
# "MỖI TRƯỜNG"); inside an agency's name or a signer's title no other word folds the same.
_AGENCY_PHRASES = (
    "sở",
    "tỉnh",
    "huyện",
    "thành phố",
    "thị xã",
    "thị trấn",
    "phòng",
    "văn phòng",
    "tài chính",
    "tài nguyên và môi trường",
    "nông nghiệp và môi trường",
    "kế hoạch và đầu tư",
    "đăng ký kinh doanh",
    "giáo dục và đào tạo",
    "tư pháp",
    "nội vụ",
    "công an",
    "chủ tịch",
    "phó chủ tịch",
    "giám đốc",
    "phó giám đốc",
    "chánh văn phòng",
    "trưởng phòng",
    "phòng đăng ký kinh doanh",  # ("PHONG ĐĂNG KÝ …": the head word read without its mark)
)
_AGENCY_BY_FOLD = {fold(p): p.split(" ") for p in _AGENCY_PHRASES}
_AGENCY_LONGEST = max(len(p.split(" ")) for p in _AGENCY_PHRASES)


_UNIT_HEADS = frozenset({"xa", "huyen", "tinh", "phuong", "quan", "pho", "tran", "ap", "khom", "to"})


def _like(word: str, right: str) -> str:
    return right.upper() if word.isupper() else (right.capitalize() if word[:1].isupper() else right)


# The legal forms an enterprise's name starts with (Luật Doanh nghiệp 2020 Đ.38: "loại hình
# doanh nghiệp" then the proper name), as printed in capitals.
_LEGAL_FORMS = (
    "CÔNG TY CỔ PHẦN",
    "CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN",
    "CÔNG TY TRÁCH NHIỆM HỮU HẠN HAI THÀNH VIÊN TRỞ LÊN",
    "CÔNG TY TRÁCH NHIỆM HỮU HẠN",
    "CÔNG TY TNHH MỘT THÀNH VIÊN",
    "CÔNG TY TNHH",
    "CÔNG TY HỢP DANH",
    "DOANH NGHIỆP TƯ NHÂN",
    "HỢP TÁC XÃ",
)


def respell_legal_form(name: str) -> str:
    """An enterprise name whose legal form OCR read with a wrong mark ("CÔNG TY CỐ PHẦN …") with
    the form spelled as the law names it: only its words, only when their letters fold the
    same; the proper name after them is kept as read. Text read without marks stays so."""
    words = name.split(" ")
    for form in _LEGAL_FORMS:
        n = len(form.split(" "))
        head = words[:n]
        first = form.split(" ")[0]
        if len(head) == n and len(first) > 3 and head[0] == first[1:] and head[1:] == form.split(" ")[1:]:
            # "OANH NGHIỆP TƯ NHÂN …": the form's first letter lost at the line's edge, the rest
            # of its words exactly as the law names them
            return " ".join([first, *words[1:]])
        if len(head) < n or fold(" ".join(head)) != fold(form) or all(w.isascii() for w in head):
            continue
        right = form.split(" ")
        return " ".join([_like(w, r.lower()) for w, r in zip(head, right, strict=True)] + words[n:])
    return name


# The set phrases a land certificate's origin and purpose are written in (TT 23/2014/TT-BTNMT
# Đ.6, TT 10/2024/TT-BTNMT), as the forms print them.
LAND_PHRASES = (
    "Nhà nước giao đất có thu tiền sử dụng đất",
    "Nhà nước giao đất không thu tiền sử dụng đất",
    "Nhà nước cho thuê đất trả tiền một lần cho cả thời gian thuê",
    "Nhà nước cho thuê đất trả tiền thuê đất hằng năm",
    "Nhà nước cho thuê đất trả tiền hằng năm",
    "Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất",
    "Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất",
    "Nhận chuyển nhượng quyền sử dụng đất",
    "Nhận thừa kế quyền sử dụng đất",
    "Được tặng cho quyền sử dụng đất",
    "Đất ở tại nông thôn",
    "Đất ở tại đô thị",
    "Đất trồng lúa",
    "Đất trồng cây hằng năm khác",
    "Đất trồng cây lâu năm",
    "Đất nuôi trồng thủy sản",
    "Đất rừng sản xuất",
)


def respell_set_phrase(text: str, phrases: tuple[str, ...]) -> str:
    """``text`` as the set phrase it is when OCR put a wrong mark on a word of it ("… có thù
    tiền sử dụng đất"): the letters fold the same, the tones differ beyond their placement."""
    for phrase in phrases:
        if fold(text) == fold(phrase) and _tone_key(text) != _tone_key(phrase) and not text.isascii():
            return phrase
    return text


# Phrases of an administrative document's trích yếu that OCR reads with a wrong mark or đ for
# d ("cơ sở đữ liệu", "Tổ chuyến đối số"): the words of digitization and reform (NĐ 30/2020,
# Đề án 06) whose letters no other phrase of a trích yếu folds the same.
_SUBJECT_PHRASES = (
    "cơ sở dữ liệu",
    "dữ liệu",
    "chuyển đổi số",
    "thủ tục hành chính",
    "cải cách hành chính",
    "triển khai",
)
_SUBJECT_BY_FOLD = {fold(p): p.split(" ") for p in _SUBJECT_PHRASES}


def respell_subject_words(text: str) -> str:
    """The set phrases of ``_SUBJECT_PHRASES`` in a trích yếu spelled right where OCR put a
    wrong mark on a word of them; text read without marks stays as read."""
    return _respell_phrases(text, _SUBJECT_BY_FOLD, (4, 3, 2))


def _respell_phrases(
    text: str,
    book: dict[str, list[str]],
    lengths: Iterable[int],
    *,
    marks: str = "",
    tones_only: bool = False,
    skip: Callable[[list[str], int, int], bool] | None = None,
) -> str:
    """``text`` with each run of words that folds as a phrase of ``book`` (longest first, of
    the ``lengths``) spelled as the phrase, where OCR put a wrong mark on a word of it. Words
    read without any mark stay as read. ``marks``: punctuation after a word that is kept and
    not matched; ``tones_only``: only words whose tones differ beyond their placement are
    respelled ("Hoà" stays); ``skip(words, i, n)``: a match there is left alone."""
    if text.isascii():
        return text
    words = text.split(" ")
    sizes = sorted(set(lengths), reverse=True)
    i = 0
    while i < len(words):
        for n in sizes:
            window = words[i : i + n]
            if len(window) < n:
                continue
            core = [w.rstrip(marks) for w in window] if marks else window
            right = book.get(fold(" ".join(core)))
            if right is None or any(not w.isalpha() for w in core) or all(w.isascii() for w in window):
                continue
            if skip is not None and skip(words, i, n):
                continue
            for j, r in enumerate(right):
                w = core[j]
                if not tones_only or _tone_key(w.lower()) != _tone_key(r):
                    words[i + j] = _like(w, r) + window[j][len(w) :]
            i += n - 1
            break
        i += 1
    return " ".join(words)


def respell_agency_words(text: str) -> str:
    """The words of an agency's name or a title spelled right where OCR put a wrong mark on
    them (a phrase of ``_AGENCY_PHRASES`` whose letters fold the same). Text read without any
    mark stays as read ("Phong Điền" is as printed); place names are left alone."""
    return _respell_phrases(text, _AGENCY_BY_FOLD, range(1, _AGENCY_LONGEST + 1), skip=_place_name_word)


def _place_name_word(words: list[str], i: int, n: int) -> bool:
    if n != 1:
        return False
    # after a unit word it is a place's name ("thị xã Tịnh Biên"); a unit word heads a name:
    # last, it is the name's ("TỈNH HÀ TĨNH")
    return (i > 0 and fold(words[i - 1]).strip(",") in _UNIT_HEADS) or i + 1 == len(words)


def personal_id_without_extra_digits(text: str, birth_year: int, male: bool | None = None) -> str | None:
    """The one 12-digit số định danh that ``text``'s digits give with their extra ones dropped.

    OCR reads an ID printed one digit per box with digits too many: a box rule taken for a
    "1" ("0|5|2|18|7|413|…") or a doubled stroke. Dropping digits is a repair only when exactly
    one value results that holds as the holder's number: a province code of the 63 list, digit
    4 giving the century of ``birth_year`` (and the sex, when known), digits 5–6 its last two
    (NĐ 137/2015 Đ.13). Several values (an extra digit among the random six) → None."""
    digits = re.sub(r"\D", "", text)
    extra = len(digits) - 12
    century = (birth_year // 100 - 19) * 2
    if not 0 <= century <= 8:
        return None
    # one digit per box, the rules between the boxes read as "1": the one reading that holds
    found = {v for b in box_cells(text) if (v := _one_valid_id(b, [()], birth_year, century, male))}
    if len(found) == 1:
        return found.pop()
    if not 1 <= extra <= 8:
        return None
    ones = [i for i, c in enumerate(digits) if c == "1"]
    if ("|" in text or len(_BOX_RULE.findall(text)) >= 4) and len(ones) >= extra:
        # digits in boxes: a rule read as "1" is the extra digit ("4|3" → "413")
        value = _one_valid_id(digits, combinations(ones, extra), birth_year, century, male)
        if value:
            return value
    return _one_valid_id(digits, combinations(range(len(digits)), extra), birth_year, century, male)


_BOX_RULE = re.compile(r"[|\[\])/]")
_BOX_DIGIT = str.maketrans({"Ø": "0", "ø": "0", "O": "0", "o": "0", "I": "1", "l": "1"})


def _cell_readings(cell: str, loose: bool = False) -> set[str]:
    """The digits a run read between two box rules can hold: one digit per box, and the rules
    between the boxes OCR kept read as "1" ("1017" = rule 0 rule 7 → 07; "61016" → 606).
    ``loose``: also the run with one of its "1"s dropped, a rule read as "1" beside a rule OCR
    lost ("7613" = 7 6 rule 3)."""
    if len(cell) == 1:
        return {cell}
    out = {cell} if len(cell) <= 3 else set()  # (or a box whose rule OCR lost: "03|4|…")
    for rule_at in (1, 0):  # d r d r … or r d r d …
        rules, digits = cell[rule_at::2], cell[1 - rule_at :: 2]
        if digits and set(rules) <= {"1"}:
            out.add(digits)
    if loose and len(cell) <= 5:
        out |= {cell[:i] + cell[i + 1 :] for i, c in enumerate(cell) if c == "1"}
    return out


# Strokes OCR reads for a box rule or a 1 in a row of boxes, taken as a "1" (loose reading);
# a dot between two boxes is a rule read so ("0.9/6/0/7/…").
_BOX_STROKES = str.maketrans({**dict.fromkeys("iíìÌÍ!¡", "1"), ".": "|"})


def box_cells(text: str, length: int = 12, loose: bool = False) -> list[str]:
    """The numbers a number printed one digit per box can be, read cell by cell between the
    box rules OCR kept ("0|9|6|1017|5|5|19|2|5|10)2"). Empty unless the number is read as
    boxes (six rules or more) and every cell is digits and rules. ``loose``: the strokes
    "i", "Ì", "!" read as a rule or a 1 too, and a run may have lost one rule
    (``_cell_readings``) — for a caller that validates what comes out."""
    if loose:
        text = text.translate(_BOX_STROKES)
    # (loose: a gap between two digits is a rule OCR lost too)
    rules = len(_BOX_RULE.findall(text)) + (len(re.findall(r"(?<=\d)\s+(?=\d)", text)) if loose else 0)
    if rules < (6 if length == 12 else 4):
        return []
    start = re.search(r"[\d|\[\]Ø]", text)  # a label read before the boxes is not a cell
    text = text[start.start() :] if start else text
    options: list[set[str]] = []
    # (a box whose rule OCR lost between two digits read as a space: "2 0/7/1|…")
    for cell in re.split(r"[|\[\])/]|(?<=\d)\s+(?=\d)", text.translate(_BOX_DIGIT)):
        cell = cell.strip(" .,:;")
        if not cell:
            continue
        if not cell.isdigit():
            return []
        readings = _cell_readings(cell, loose)
        if not readings:
            return []
        options.append(readings)
    out = [""]
    for readings in options:
        out = [a + b for a in out for b in readings]
        if loose:
            out = list(dict.fromkeys(v for v in out if len(v) <= length))
        if len(out) > 256:
            return []
    return [v for v in out if len(v) == length]


def _one_valid_id(digits: str, drops, birth_year: int, century: int, male: bool | None) -> str | None:
    found: set[str] = set()
    for drop in drops:
        gone = set(drop)
        value = "".join(c for i, c in enumerate(digits) if i not in gone)
        if value in found or not valid_personal_id(value) or value[4:6] != f"{birth_year % 100:02d}":
            continue
        g = int(value[3])
        if g - g % 2 != century or (male is not None and (g % 2 == 0) != male):
            continue
        found.add(value)
        if len(found) > 1:
            return None
    return found.pop() if found else None


def mst_check_ok(code: str) -> bool:
    """Mã số thuế / mã số doanh nghiệp check digit (domain §2.5), 10 or 10-3 digits."""
    m = re.fullmatch(r"(\d{10})(?:-(\d{3}))?", code)
    if not m:
        return False
    d = [int(c) for c in m.group(1)]
    total = sum(w * n for w, n in zip((31, 29, 23, 19, 17, 13, 7, 5, 3), d[:9], strict=False))
    if total % 11 == 0 or m.group(1)[2:9] == "0000000" or m.group(2) == "000":
        return False
    return (10 - total % 11) == d[9]


def identifier(text: str, validate, min_len: int = 9) -> tuple[str, bool, bool] | None:
    """The first identifier in ``text`` → (value, repaired, valid).

    Spaces and dots between digits are dropped. Look-alike letters (O→0, l→1, S→5, B→8 …)
    are replaced only when the result then validates; otherwise the value is left as read
    (``valid`` False, so the caller flags it).
    """
    best, end = None, 0
    for m in _ID_RUN.finditer(text or ""):
        raw = re.sub(r"[ .]", "", m.group(0))
        if len(raw) >= min_len and sum(c.isdigit() for c in raw) >= len(raw) * 0.5:
            best, end = raw, m.end()
            break
    if best is None:
        return None
    suffix = ""
    # a branch suffix right after the run itself (not after the first digit alike elsewhere)
    tail = re.match(r"\s*-\s*(\d{3})\b", text[end:]) if best.isdigit() else None
    if best.isdigit():
        if tail and validate(best + "-" + tail.group(1)):
            return best + "-" + tail.group(1), False, True
        return best + suffix, False, validate(best)
    fixed = best.translate(DIGIT_LOOKALIKES)
    if fixed.isdigit() and validate(fixed):
        return fixed, True, True
    core = best.strip("OoDQIl|iSsBZzbGgTØø")  # a letter glued to the number ("o096…", "096…l")
    if core.isdigit() and validate(core):
        return core, True, True
    return best, False, False


_VN_NUMBER = re.compile(r"\d[\d., ]*")


def vn_number(text: str) -> float | None:
    """``1.234,5`` → 1234.5; ``1234,5`` → 1234.5; ``1.500.000`` → 1500000 (domain §3.2).

    "," is the decimal mark and "." groups thousands; "1,234.5" (English locale) is read
    as such when the last separator is "." and is followed by other than 3 digits.
    """
    m = _VN_NUMBER.search((text or "").translate(_DIGIT_FIX_UPPER))
    if not m:
        return None
    s = m.group(0).replace(" ", "").rstrip(".,")
    if "," in s and "." in s:
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        s = s.replace(",", ".") if s.count(",") == 1 else s.replace(",", "")
    elif "." in s:
        parts = s.split(".")
        if len(parts) > 2 or len(parts[-1]) == 3:
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


_DIGIT_FIX_UPPER = str.maketrans({"O": "0", "o": "0"})


def format_decimal(x: float) -> str:
    """1234.5 → "1234.5"; 1200.0 → "1200" (fields.md area)."""
    return f"{x:.4f}".rstrip("0").rstrip(".")


def money(text: str) -> str | None:
    """``1.500.000.000 đồng`` → ``"1500000000"`` (integer đồng)."""
    m = re.search(r"\d[\d., ]*\d|\d", (text or "").translate(_DIGIT_FIX_UPPER))
    if not m:
        return None
    digits = re.sub(r"[., ]", "", m.group(0))
    return str(int(digits)) if digits.isdigit() else None


def phone(text: str) -> str | None:
    """``0972 345 678`` → ``0972345678``; ``+84 972 …`` keeps its ``+84``. A leading zero OCR
    read as a look-alike (``Ø744…``, ``O972…``) is a zero: a number there always starts with one."""
    text = re.sub(r"(?<![^\W\d_])[ØøOo](?=\d{8,11}\b)", "0", text or "")
    m = re.search(r"\+?\d[\d .\-]{7,16}\d", text)
    if not m:
        return None
    out = re.sub(r"[ .\-]", "", m.group(0))
    return out if 9 <= len(out.lstrip("+")) <= 12 else None


# --- dates in words (GKS "ghi bằng chữ", domain §3.1) --------------------------------------
_UNITS = {
    "khong": 0,
    "mot": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "linh": 0,
    "le": 0,
}
_MONTH_WORDS = {"gieng": 1, "chap": 12}


def words_number(text: str) -> int | None:
    """Vietnamese number words → int: "hai nghìn không trăm hai mươi tư" → 2024."""
    total, current, pending, seen = 0, 0, None, False
    for w in fold(text).replace(",", " ").split():
        if w in ("nghin", "ngan"):
            total += (current + (pending or 0) or 1) * 1000
            current, pending = 0, None
        elif w == "tram":
            current += (pending or 0) * 100
            pending = None
        elif w == "muoi":
            current += (1 if pending is None else pending) * 10
            pending = None
        elif w in ("linh", "le"):
            pending = None
        elif w in _UNITS:
            if pending is not None:
                return None
            pending = _UNITS[w]
        else:
            return None
        seen = True
    return total + current + (pending or 0) if seen else None


def parse_words_date(text: str) -> tuple[str, str] | None:
    """ "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi tư" → ("2024-03-15", "YMD")."""
    f = fold(nfc_clean(text))
    m = re.search(r"ngay\s+(.+?)\s*,?\s+thang\s+(.+?)\s*,?\s+nam\s+(.+?)\s*$", f.strip(" ."))
    if not m:
        return None
    month_txt = m.group(2).strip()
    month = _MONTH_WORDS.get(month_txt) or words_number(month_txt)
    day, year = words_number(m.group(1)), words_number(m.group(3))
    if not (day and month and year):
        return None
    return _iso(year, month, day)


# --- place names (domain §3.4: lexicon constraints with ĐVHC names) -----------------------
PROVINCES = (
    "Hà Nội",
    "Hà Giang",
    "Cao Bằng",
    "Bắc Kạn",
    "Tuyên Quang",
    "Lào Cai",
    "Điện Biên",
    "Lai Châu",
    "Sơn La",
    "Yên Bái",
    "Hòa Bình",
    "Thái Nguyên",
    "Lạng Sơn",
    "Quảng Ninh",
    "Bắc Giang",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Bắc Ninh",
    "Hải Dương",
    "Hải Phòng",
    "Hưng Yên",
    "Thái Bình",
    "Hà Nam",
    "Nam Định",
    "Ninh Bình",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Huế",
    "Đà Nẵng",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Ninh Thuận",
    "Bình Thuận",
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
    "Đắk Nông",
    "Lâm Đồng",
    "Bình Phước",
    "Tây Ninh",
    "Bình Dương",
    "Đồng Nai",
    "Bà Rịa - Vũng Tàu",
    "Hồ Chí Minh",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Cần Thơ",
    "Hậu Giang",
    "Sóc Trăng",
    "Bạc Liêu",
    "Cà Mau",
)
# Cà Mau's communes and wards (domain-vn Appendix A, QĐ 19/2025).
CA_MAU_COMMUNES = (
    "Bạc Liêu",
    "Vĩnh Trạch",
    "Hiệp Thành",
    "Hồng Dân",
    "Ninh Quới",
    "Vĩnh Lộc",
    "Ninh Thạnh Lợi",
    "Phước Long",
    "Vĩnh Phước",
    "Vĩnh Thanh",
    "Phong Hiệp",
    "Hòa Bình",
    "Châu Thới",
    "Vĩnh Lợi",
    "Hưng Hội",
    "Vĩnh Mỹ",
    "Vĩnh Hậu",
    "Giá Rai",
    "Láng Tròn",
    "Phong Thạnh",
    "Gành Hào",
    "Đông Hải",
    "Long Điền",
    "An Trạch",
    "Định Thành",
    "An Xuyên",
    "Lý Văn Lâm",
    "Tân Thành",
    "Hòa Thành",
    "Nguyễn Phích",
    "U Minh",
    "Khánh An",
    "Khánh Lâm",
    "Thới Bình",
    "Biển Bạch",
    "Trí Phải",
    "Tân Lộc",
    "Hồ Thị Kỷ",
    "Trần Văn Thời",
    "Sông Đốc",
    "Đá Bạc",
    "Khánh Bình",
    "Khánh Hưng",
    "Cái Nước",
    "Lương Thế Trân",
    "Tân Hưng",
    "Hưng Mỹ",
    "Đầm Dơi",
    "Tạ An Khương",
    "Trần Phán",
    "Tân Thuận",
    "Quách Phẩm",
    "Thanh Tùng",
    "Tân Tiến",
    "Năm Căn",
    "Đất Mới",
    "Tam Giang",
    "Cái Đôi Vàm",
    "Phú Mỹ",
    "Phú Tân",
    "Nguyễn Việt Khái",
    "Tân Ân",
    "Phan Ngọc Hiển",
    "Đất Mũi",
)
# Their districts before the 2025 reform (domain-vn-camau, the predecessors' column): the
# level an older address, a district committee's name or a hospital's still prints.
CA_MAU_DISTRICTS = (
    "Hồng Dân",
    "Phước Long",
    "Vĩnh Lợi",
    "Hòa Bình",
    "Đông Hải",
    "Giá Rai",
    "Thới Bình",
    "U Minh",
    "Trần Văn Thời",
    "Cái Nước",
    "Đầm Dơi",
    "Năm Căn",
    "Phú Tân",
    "Ngọc Hiển",
)
_PLACE_UNIT = re.compile(r"\b(tinh|thanh pho|xa|phuong)\s+([^,;.()\d]+)")
_DISTRICT_UNIT = re.compile(r"\b(huyen|thi xa)\s+([^,;.()\d]+)")
_DISTRICT_LEVEL = re.compile(r"\b(?:huyen|quan|thi xa|thanh pho|tp)\b")


_CAPS_UNIT = re.compile(r"(?:(?<=^)|(?<=,\s))(ẤP|KHÓM|THÔN|XÓM|XÃ|PHƯỜNG)\s+(?=([^\W\d_])([^\W\d_]*))")


# "xã la Pia": the capital I of a Jrai / Ê Đê name ("Ia Pia", "Ia Grai") read as a small l, its
# twin in most fonts — a name after a unit word starts with a capital, and a capital L is
# not read small
_IA_NAME = re.compile(r"(?<!\w)(xã|phường|thị trấn|huyện|thị xã|sông|suối) la(?= [A-ZĐÀ-Ỹ])")


def ia_names(text: str) -> str:
    """``text`` with a place name "la …" after its unit word read back as "Ia …"."""
    return _IA_NAME.sub(r"\1 Ia", text)


def _unit_word_case(text: str) -> str:
    """A part's unit word OCR read in capitals before a name in title case ("ẤP Xóm Mới": the
    small p of "Ấp" read as P) written as the rest of the address is ("Ấp Xóm Mới")."""

    def fix(m: re.Match[str]) -> str:
        head, rest = m.group(2), m.group(3)
        if head.isupper() and rest and rest.islower():
            return m.group(1).capitalize() + m.group(0)[len(m.group(1)) :]
        return m.group(0)

    text = _CAPS_UNIT.sub(fix, text)
    # "thị Xã Giá Rai": the second word of a unit read with a capital its first word lacks
    text = _UNIT_SECOND_WORD.sub(lambda m: m.group(1) + m.group(2).lower(), text)
    # "Xã Tân Lộc, huyện …": a value set at the head of its line is printed with a capital;
    # the unit word before a name is written in lower case (NĐ 30/2020 PL II, domain-vn §3.3),
    # a numbered unit keeps it ("Phường 9", "Quận 3")
    text = _SENTENCE_UNIT.sub(lambda m: m.group(1).lower(), text)
    if re.match(r"^số\s+\d", text):
        text = "S" + text[1:]  # the house number heads the address: "Số 293, đường …"
    text = re.sub(r"^(Số|SỐ)(?=\d{1,4}\b)", r"\1 ", text)  # "Số210, đường …": its space lost
    m = _CAPS_NUMBERED_UNIT.match(text)
    if m and any(c.islower() for c in text[m.end() :]):  # (an address all in capitals stays so)
        # "ẤP 6, xã Phước Long": a numbered hamlet's unit word in capitals, in an address
        # written in lower case elsewhere — the same OCR slip before a number
        text = m.group(1).capitalize() + text[len(m.group(1)) :]
    return text


_UNIT_SECOND_WORD = re.compile(r"(?<!\w)(thị |thành )(Xã|Trấn|Phố)(?=\s+[^\W\d_])")
_CAPS_NUMBERED_UNIT = re.compile(r"^(ẤP|KHÓM|THÔN|XÓM|TỔ|SỐ)\s+(?=\d{1,3}\b)")
_SENTENCE_UNIT = re.compile(
    r"(?:(?<=^)|(?<=,\s))(Xã|Phường|Thị [tT]rấn|Huyện|Quận|Thị [xX]ã|Thành [pP]hố|Tỉnh|Đặc [kK]hu)"
    r"(?=\s+[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])"
)


def repair_place(text: str) -> tuple[str, bool]:
    """Respell a province (after "tỉnh"/"thành phố") or, in a Cà Mau address, a commune
    (after "xã"/"phường") that OCR misread by a diacritic or a letter ("tỉnh Cả Mau",
    "Cà Mai"), when one lexicon name is clearly the closest → (text, changed). Other text
    is kept as read."""
    # "xñ Ninh Hòa": the ã of "xã" read as ñ, a letter Vietnamese has not, at the head of a part
    fixed = _XA_TILDE.sub(_xa, text)
    x, text = fixed != text, fixed
    text = _unit_word_case(text)
    text = ia_names(text)
    # "…Tây Bắc. huyện Trần Văn Thời": a comma read as a dot before the next part's unit word
    text = _DOT_BEFORE_UNIT.sub(", ", text)
    text = _DOT_IN_NAME.sub(" ", text)  # "huyện Trần Văn. Thời, tỉnh …": a speck inside the name
    text = _COMMA_SPECK.sub(",", text)  # "…Tây B, . huyện …": a speck after the comma
    text, u = _respell_unit_words(text)
    u = u or bool(x)
    # "Sổ 316, đường Ngô Quyền": the house number's "Số" with a wrong tone, before a street word
    text, n = _HOUSE_NO.subn("Số", text)
    u = u or bool(n)
    # "Ấn Phú Hiệp, xã Đông Phú, …": the hamlet's "Ấp" read with its p as n, or a wrong mark,
    # at the head of an address whose next part is a commune (an ấp is a hamlet of a xã)
    text, n = _UNIT_FIGURE.subn(lambda m: f"{m.group(1)} {_FIGURE_OF[m.group(2)]}", text)
    u = u or bool(n)
    text, n = _HAMLET.subn("Ấp", text)
    u = u or bool(n)
    # "xãTân Lộc": the space after a unit word lost (no name starts with a capital inside a word)
    text, n = _GLUED_UNIT.subn(r"\1 ", text)
    u = u or bool(n)
    text, n = _KHOM.subn("Khóm", text)  # "Khó 8, phường …": the m lost (no unit is "Khó")
    u = u or bool(n)
    m = _TRAN_HEAD.match(text)
    if m and fold(m.group(1)) != "thi":  # "(h/ trấn Châu Hưng": only a thị trấn is a "… trấn"
        text, u = "thị " + text[m.end(1) :].lstrip(), True

    text, a = _repair_units(text, ("tinh", "thanh pho"), PROVINCES)
    text, c = _complete_province(text)
    a = a or c
    if not text.isascii():
        # "Bệnh viện Đa khoa tinh Cà Mau": "tỉnh" read without its mark inside a marked text,
        # before a province's name
        text, n = _BARE_TINH.subn("tỉnh ", text)
        a = a or bool(n)
    text, d = repair_district(text)
    a = a or u or d
    # The commune lexicon is the 2025 list: an address with a district level (huyện, thị xã,
    # thành phố Cà Mau) is older, and its communes (xã Đông Thới, phường Tân Xuyên) are not
    # misreadings of the new ones.
    if "ca mau" in fold(text) and not _DISTRICT_LEVEL.search(fold(text)):
        text, b = _repair_units(text, ("xa", "phuong"), CA_MAU_COMMUNES)
        return text, a or b
    return text, a


_BARE_TINH = re.compile(
    r"(?<![^\s,])tinh\s+(?=(?:"
    + "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True))
    + r")\b)"
)
_DOT_IN_NAME = re.compile(
    r"(?<=[^\W\d_])\.\s+(?=[A-ZĐÀ-Ỹ][^\W\d_]*,\s*(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s)"
)
_COMMA_SPECK = re.compile(r",\s*[.;:]+(?=\s)")
_DOT_BEFORE_UNIT = re.compile(r"(?<=\w)\.\s+(?=(?:huyện|tỉnh|xã|phường|quận|thị trấn|thị xã|thành phố)\s)")
_HOUSE_NO = re.compile(
    r"^S[ổồỗôớờởọộ](?=\s+\d{1,4}[A-Za-z]?(?:/\d{1,4})?\s*,?\s+(?:đường|phố|ngõ|hẻm|ngách|kiệt|tổ)\b)"
)
_LAST_PROVINCE = re.compile(r"(?:(?<=\btỉnh )|(?<=\bTỈNH )|(?<=\bthành phố ))([^\W\d_]+(?: [^\W\d_]+)?)\W*$")


def _complete_province(text: str) -> tuple[str, bool]:
    """A value cut at its line's end in the middle of its province ("…, tỉnh Cà", the "Mau" lost
    to glare or a fold): the province whose name those words begin, when exactly one does."""
    m = _LAST_PROVINCE.search(text)
    if m is None:
        return text, False
    said = m.group(1).split()
    if any(fold(p) == fold(" ".join(said)) for p in PROVINCES):
        return text, False
    found = [
        p
        for p in PROVINCES
        if len(p.split()) > len(said)
        and [w.lower() for w in p.split()[: len(said)]] == [w.lower() for w in said]
    ]
    if len(found) != 1:
        return text, False
    name = found[0].upper() if m.group(1).isupper() else found[0]
    return text[: m.start(1)] + name, True


# ("Xỗ Vĩnh Tường", "xỡ Thới Bình", "xố Quảng Nguyên": its vowel misread; a two-letter word on
# x heading a part, or after "Ủy ban nhân dân", is "xã": no other unit word or name is one)
_XA_TILDE = re.compile(r"(?:(?<=^)|(?<=,\s)|(?<=[dD][âÂ][nN]\s))[xX]([^\W\d_])(?=\s+[A-ZĐÀ-Ỹ])")


def _xa(m: re.Match[str]) -> str:
    letter = m.group(1)
    if letter == "ñ" or (not letter.isascii() and fold(letter) in "aoeu" and letter not in "ãÃ"):
        return "xã"  # (in running text a unit word is in lower case)
    return m.group(0)


# "Phường g": a numbered unit's figure read as the lower-case letter it looks like (no name is
# one lower-case letter)
_UNIT_FIGURE = re.compile(r"\b(Phường|Quận|Khóm|Ấp|Tổ)\s+([gloƒ])(?=\s*(?:,|$))")
_FIGURE_OF = {"g": "9", "l": "1", "o": "0", "ƒ": "1"}
_HAMLET = re.compile(
    # (also "X" for the whole word, and a speck glued before it: "lấp 5, xã …")
    r"^(Ấn|Ẩn|Áp|Âp|Ắp|Ầp|Ẩp|Ập|Äp|Ap|X|[lI|1!][ẤấÁá]p)(?=\s+(?:\d{1,3}|[A-ZĐÀ-Ỹ][^\s,]*)(?:\s+[^\s,]+){0,4},\s*(?:xã|phường|thị trấn)\s)"
)
_GLUED_UNIT = re.compile(r"(?<![^\s,])(xã|phường|huyện|tỉnh|quận|ấp|khóm)(?=[A-ZĐÀ-Ỹ])")
_TRAN_HEAD = re.compile(r"^([^\s,]{1,4})\s+(?=trấn\s+[A-ZĐÀ-Ỹ])")
_KHOM = re.compile(r"^(?:Khó|Khỏm|Khôm|Khớm|Khòm)(?=\s+\d{1,3},\s*(?:xã|phường|thị trấn)\s)")
_UNIT_SPELLING = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
# (the h of "huyện" read as n or b, at a part's head before a name: "nuyện Hoà Bình")
_UNIT_SPELLING |= {"nuyen": "huyện", "buyen": "huyện"}
_UNIT_WORD_AT = re.compile(r"(?:(?<=^)|(?<=,\s))([^\W\d_]+)(?=\s+[A-ZĐÀ-Ỹ])")


def _respell_unit_words(text: str) -> tuple[str, bool]:
    """A unit word in lower case that OCR gave a wrong tone, at the head of a part and before a
    name ("tình Cà Mau" → "tỉnh Cà Mau"): the words differ from the unit only by their marks."""
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group(1)
        right = _UNIT_SPELLING.get(fold(word))
        if right is None or word == right or not word.islower():
            return word  # a capital is a name's ("Tịnh Biên", "Huyền"), not a unit word
        changed = True
        return right

    return _UNIT_WORD_AT.sub(fix, text), changed


_DISTRICT_HOME = re.compile(r"\b(?:tinh\s+)?(?:ca mau|bac lieu)\s*$")


def _one_letter_off(a: str, b: str) -> bool:
    """``a`` and ``b`` of the same length and words, one letter apart."""
    return (
        len(a) == len(b)
        and a.count(" ") == b.count(" ")
        and sum(x != y for x, y in zip(a, b, strict=True)) == 1
    )


def repair_district(text: str) -> tuple[str, bool]:
    """A Cà Mau or Bạc Liêu district after "huyện"/"thị xã" that OCR read with a wrong mark
    ("huyện Đấm Dơi", "HUYỆN NGỌC HIẾN", "huyện Trấn Văn Thời") spelled as the district is:
    only when the letters are the same — or, in an address ending in that province, one
    letter differs and no other district is as near — so any other name is kept as read →
    (text, changed)."""
    out, pos, changed = [], 0, False
    # in an address of the province those districts are in: one letter misread too ("huyện Đầm
    # Đei, tỉnh Cà Mau"), when one district alone is that near
    home = bool(_DISTRICT_HOME.search(fold(text)))
    for m in _DISTRICT_UNIT.finditer(fold(text)):
        a = m.start(2)
        name = text[a : m.end(2)].rstrip()
        found = [c for c in CA_MAU_DISTRICTS if fold(c) == fold(name)]
        if not found and home and len(name) >= 5:
            found = [c for c in CA_MAU_DISTRICTS if _one_letter_off(fold(c), fold(name))]
        if len(found) != 1:
            continue
        cand = found[0].upper() if name.isupper() else found[0]
        if _tone_key(cand) == _tone_key(name):
            continue  # as printed, or its tone placed the old way ("huyện Hoà Bình")
        out.append(text[pos:a] + cand)
        pos, changed = a + len(name), True
    out.append(text[pos:])
    return "".join(out), changed


_AGENCY_UNIT = re.compile(r"\b(?:tinh|thanh pho|huyen|thi xa)\s+")
_UNIT_LEXICON = {
    "tinh": PROVINCES,
    "thanh pho": PROVINCES,
    "huyen": CA_MAU_DISTRICTS,
    "thi xa": CA_MAU_DISTRICTS,
}


def repair_agency_units(text: str) -> str:
    """An agency's name whose province or district OCR read with a wrong mark ("SỞ KẾ HOẠCH VÀ
    ĐẦU TƯ TỈNH CẢ MAU PHÒNG ĐĂNG KÝ KINH DOANH", "ỦY BAN NHÂN DÂN HUYỆN NGỌC HIẾN"): the words
    after the unit word that fold to a name of the unit's list, spelled as that name. The name
    runs on into the next office's, so the words are matched at their head, letter for letter."""
    folded = fold(text)
    out, pos = [], 0
    for m in _AGENCY_UNIT.finditer(folded):
        if m.start() < pos:
            continue
        lexicon = _UNIT_LEXICON[" ".join(m.group(0).split())]
        a = m.end()
        # (or its words read glued, "TỈNH CÀMAU")
        found = [
            (c, n)
            for c in lexicon
            for n in {len(c), len(c.replace(" ", ""))}
            if folded[a : a + n] in (fold(c), fold(c).replace(" ", ""))
            and not folded[a + n : a + n + 1].isalnum()
        ]
        if len(found) != 1:
            continue
        (c, n), name = found[0], text[a : a + found[0][1]]
        cand = c.upper() if name.isupper() else c
        if _tone_key(cand) == _tone_key(name):
            continue
        out.append(text[pos:a] + cand)
        pos = a + n
    out.append(text[pos:])
    return "".join(out)


def _repair_units(text: str, units: tuple[str, ...], lexicon: tuple[str, ...]) -> tuple[str, bool]:
    from rapidfuzz import fuzz

    folded = fold(text)
    out, pos, changed = [], 0, False
    for m in _PLACE_UNIT.finditer(folded):
        if m.group(1) not in units:
            continue
        a, b = m.span(2)
        name = text[a:b].rstrip()
        b = a + len(name)
        key = fold(name)
        scored = sorted(((fuzz.ratio(key, fold(c)), c) for c in lexicon), reverse=True)
        best, cand = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0
        if _tone_key(cand.upper() if name.isupper() else cand) == _tone_key(name):
            continue  # the name as printed, its tone placed the old way ("Hoà Bình"): kept
        # exact fold: only the diacritics differ; otherwise a close, unambiguous spelling
        if cand != name and (
            (key == fold(cand) and second < 100)
            or (key != fold(cand) and best >= 80 and best - second >= 8 and len(key) >= 5)
        ):
            if name.isupper():
                cand = cand.upper()
            if cand != name:
                out.append(text[pos:a] + cand)
                pos, changed = b, True
    out.append(text[pos:])
    return "".join(out), changed


# --- a đơn / tờ khai's set wording (issue 14: forms; forms11) ------------------------------
# Phrases of the titles and addressees of the official forms (TT 04/2020/TT-BTP and
# 01/2022/TT-BTP civil status, TT 66/2023/TT-BCA and 16/2024/TT-BCA residence and card forms,
# TT 10/2024/TT-BTNMT land forms, the đơn of any thủ tục), as the forms print them. OCR puts a
# wrong mark on their words in capitals ("GẮN LIÊN VỚI ĐẤT", "ĐỂ NGHỊ", "THAY ĐỐI"); a phrase
# of two words or more whose letters fold the same is that phrase.
FORM_PHRASES = (
    "tờ khai",
    "đề nghị",
    "giấy đề nghị",
    "đăng ký",
    "khai sinh",
    "kết hôn",
    "khai tử",
    "thay đổi",
    "thông tin",
    "cư trú",
    "thường trú",
    "tạm trú",
    "lưu trú",
    "căn cước",
    "căn cước công dân",
    "cấp bản sao",
    "bản sao",
    "trích lục",
    "hộ tịch",
    "xác nhận",
    "tình trạng hôn nhân",
    "biến động",
    "đất đai",
    "tài sản",
    "gắn liền với đất",
    "giấy chứng nhận",
    "quyền sử dụng đất",
    "quyền sở hữu",
    "nhà ở",
    "cấp đổi",
    "cấp lại",
    "cải chính",
    "bổ sung",
    "giám hộ",
    "nhận cha",
    "nuôi con nuôi",
    "lý lịch tư pháp",
    "hộ chiếu",
    "giao đất",
    "thuê đất",
    "chuyển mục đích sử dụng đất",
    "tách thửa",
    "hợp thửa",
    "hộ kinh doanh",
    "giải quyết",
    "điều chỉnh",
    "hỗ trợ",
    "trợ cấp",
    "chi nhánh",
    "văn phòng đăng ký đất đai",
    "ủy ban nhân dân",
    "công an",
    "phòng tư pháp",
)
_FORM_BY_FOLD = {fold(p): p.split(" ") for p in FORM_PHRASES}
_FORM_LONGEST = max(len(p.split(" ")) for p in FORM_PHRASES)


# Two words that follow each other inside a set phrase ("đề nghị", "xác nhận"): no mark between
_FORM_PAIRS = frozenset(fold(f"{a} {b}") for p in FORM_PHRASES for a, b in pairwise(p.split(" ")))


def form_phrase_specks(text: str) -> str:
    """``text`` without a comma or dot OCR put between two words of a set phrase ("ĐƠN ĐỀ,
    NGHỊ XÁC NHẬN" → "ĐƠN ĐỀ NGHỊ XÁC NHẬN"); a mark between phrases ("THAY ĐỔI, CẢI CHÍNH")
    stays."""
    words = text.split(" ")
    for i, (a, b) in enumerate(pairwise(words)):
        core = a.rstrip(",.;")
        if core != a and core and fold(f"{core} {b}") in _FORM_PAIRS:
            words[i] = core
    return " ".join(words)


_VOWELS = frozenset("aeiouy")


def _letter_slip(read: str, right: str) -> bool:
    """``read`` is ``right`` (both folded, same length) with one letter misread as a letter of
    the other kind — a vowel for a consonant or back ("ttn" for "tin"): no spelling variant
    ("kí" / "ký") is one."""
    diff = [(a, b) for a, b in zip(read, right, strict=True) if a != b]
    return len(diff) == 1 and (diff[0][0] in _VOWELS) != (diff[0][1] in _VOWELS) and diff[0][0].isalpha()


def respell_form_slips(text: str) -> str:
    """A title in capitals with a word of a set phrase (``FORM_PHRASES``) one letter misread
    into no word ("THÔNG TTN CƯ TRÚ" → "THÔNG TIN CƯ TRÚ", ``_letter_slip``), the phrase's word
    in its place; other words are kept as read."""
    if not text.isupper():
        return text
    words = text.split(" ")
    for n in range(_FORM_LONGEST, 1, -1):
        for i in range(len(words) - n + 1):
            got = fold(" ".join(words[i : i + n]))
            for key, right in _FORM_BY_FOLD.items():
                if len(right) == n and len(key) == len(got) and key != got and _letter_slip(got, key):
                    words[i : i + n] = [_like(w, r) for w, r in zip(words[i : i + n], right, strict=True)]
                    break
    return " ".join(words)


def respell_form_words(text: str) -> str:
    """A form's title or addressee with the words of its set phrases (``FORM_PHRASES``, two
    words or more) spelled as the forms print them, where OCR put a wrong mark on one: the
    letters fold the same, the tones differ beyond their placement ("Hoà" stays "Hoà").
    Words read without any mark stay as read; the words between the phrases (names of
    places and people) are never touched."""
    return _respell_phrases(text, _FORM_BY_FOLD, range(2, _FORM_LONGEST + 1), marks=",.;:", tones_only=True)


# Day and month of a "ngày … tháng … năm …" line whose digits OCR read as letters of their shape.
_DAY_ALIKES: dict[str, str | tuple[str, ...]] = {
    # a dagger is a hand's flagged 1 ("†6": 16) or a speck glued to the day ("†14": 14)
    "†": ("1", ""),
    **dict.fromkeys("SŠsš$§", "5"),
    **dict.fromkeys("OoDQÖØÚÙUuúù", "0"),  # a zero is as tall as a capital
    **dict.fromkeys("óòỏõọôồốổỗộöøơờớởỡợ", "6"),  # a small o with a stroke above or through: a 6
    **dict.fromkeys("ÓÒỎÕỌÔỒỐỔỖỘƠ", "06"),
    **dict.fromkeys("Iil|!¡", "1"),
    **dict.fromkeys("Tt", "1"),  # a handwritten 1 with its flag ("0T", "2T"; a 7 reads as a 7)
    **dict.fromkeys("Zz", "2"),
    "B": "8",
    **dict.fromkeys("Gb", "6"),
    **dict.fromkeys("gq", "9"),
}
# (a bracket OCR made of a speck before the day: "ngày(ÓŠ tháng 06")
_WORDS_DATE_SLIPS = re.compile(
    r"\bngay[\s,.:(]{0,3}(?P<d>†?[^\s\-.,'`_(]{1,2})(?P<ds>[\-.,'`_]?(?:\s+[\-.,'`_])?)\s+thang[\s,.:]{0,3}"
    r"(?P<m>[^\s\-.,'`_]{1,2})(?P<ms>[\-.,'`_]?(?:\s+[\-.,'`_])?)\s+nam[\s,.:]{0,3}(?P<y>\d{4})(?!\d)"
)


def date_words_misread(text: str) -> bool:
    """A "ngày dd tháng mm năm yyyy" date whose day or month holds other than digits."""
    m = _WORDS_DATE_SLIPS.search(fold(nfc_clean(text)))
    return m is not None and (
        not (m.group("d") + m.group("m")).isdigit() or bool(m.group("ds") + m.group("ms"))
    )


def repair_date_words(text: str, today: date | None = None) -> tuple[str, str] | None:
    """A "ngày dd tháng mm năm yyyy" date whose day or month OCR read with a letter of a digit's
    shape ("ngày 2Š tháng 06", "tháng 0ó") → (ISO value, the repair), only when exactly one
    reading is a real calendar date (1900 to 30 years after ``today``): "0T" (01 or 07) is
    refused. Digits read as digits are never changed."""
    today = today or date.today()
    clean = nfc_clean(text)
    m = _WORDS_DATE_SLIPS.search(fold(clean))
    if m is None:
        return None
    parts = []
    for g in ("d", "m"):
        token = clean[m.start(g) : m.end(g)]
        options = [""]
        for ch in token:
            got = ch if ch.isdigit() and ch.isascii() else _DAY_ALIKES.get(ch)
            if got is None:
                return None
            options = [o + c for o in options for c in got]
        parts.append((token, options))
    year = int(m.group("y"))
    specks = bool(m.group("ds") + m.group("ms"))  # "ngày 30- tháng 4.", "24 ` tháng 02_": specks
    if not 1900 <= year <= today.year + 30 or (all(t.isdigit() for t, _ in parts) and not specks):
        return None
    found: set[date] = set()
    for d in parts[0][1]:
        for mo in parts[1][1]:
            try:
                found.add(date(year, int(mo), int(d)))
            except ValueError:
                continue
    if len(found) != 1:
        return None
    day = found.pop()
    return day.isoformat(), f"day and month {parts[0][0]} {parts[1][0]} → {day.day:02d} {day.month:02d}"
