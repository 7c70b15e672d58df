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
from datetime import date

__all__ = [
    "nfc_clean",
    "fold",
    "match_key",
    "parse_date",
    "normalize_document_number",
    "person_name",
    "strip_tone",
]

_LEGACY_D = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
# Dotted leader lines are layout, not content (domain §2.7, R-C3).
_LEADERS = re.compile(r"…+|\.{3,}|·{3,}|_{3,}")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})


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


def match_key(text: str) -> str:
    """Canonical comparison key: NFC, Đ fix, old-style tones, casefold, single spaces.

    ``match_key("Hoà Bình") == match_key("HÒA BÌNH")``. Store the original verbatim and
    compare on this key. For accent-free fuzzy label matching use ``fold``.
    """
    text = nfc_clean(text).casefold()
    text = _WORD.sub(lambda m: _old_style(m.group(0)), text)
    return unicodedata.normalize("NFC", text)


# --- dates (domain §3.1) ------------------------------------------------------------------
# Digits as OCR tends to misread them inside a date.
# (Applied to folded text, which is lower case.)
_DIGIT_FIX = str.maketrans({"o": "0", "i": "1", "l": "1", "|": "1"})
_D = r"[0-9oil|]"
_DATE_WORDS = re.compile(
    rf"\bngay\s*({_D}{{1,2}})\s*[,.]?\s*thang\s*({_D}{{1,2}})\s*[,.]?\s*nam\s*({_D}{{4}})(?!\d)"
)
_MONTH_YEAR_WORDS = re.compile(rf"\bthang\s*({_D}{{1,2}})\s*[,.]?\s*nam\s*({_D}{{4}})(?!\d)")
_YEAR_WORDS = re.compile(rf"\bnam\s*({_D}{{4}})(?!\w)")
_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")  # unambiguous; e-signature times
_MY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_Y = re.compile(r"^(\d{4})$")


def _num(s: str) -> int:
    return int(s.translate(_DIGIT_FIX))


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


def parse_date(text: str) -> tuple[str, str] | None:
    """Parse the first Vietnamese date in ``text`` → (ISO value, precision) or None.

    Precision is ``YMD``, ``YM`` or ``Y`` (domain §3.1): "tháng 3 năm 2024" gives
    ("2024-03", "YM"), never an invented day. Numeric dates are always D-M-Y. An
    impossible date (31/02/2024) gives None rather than a guess. ISO ``2024-03-05`` (the
    signing time of an electronic copy) is read as such.
    """
    if not text:
        return None
    clean = nfc_clean(text)
    folded = fold(clean)
    m = _DATE_WORDS.search(folded)
    if m:
        return _iso(_num(m.group(3)), _num(m.group(2)), _num(m.group(1)))
    m = _ISO_DATE.search(clean)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.search(clean)
    if m:
        return _iso(int(m.group(4)), int(m.group(3)), int(m.group(1)))
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


# --- document numbers (domain §2.6) --------------------------------------------------------
_NUMBER_LABEL = re.compile(r"^\s*s[oôố]\s*(?:,?\s*k[yý]\s*hi[eệ]u)?\s*[:.]?\s*", re.IGNORECASE)
_AROUND_SEP = re.compile(r"\s*([/\-])\s*")


def normalize_document_number(text: str) -> str:
    """``"Số: 123 /QĐ-UBND"`` → ``"123/QĐ-UBND"``: label dropped, NFC, no spaces around / and -."""
    text = nfc_clean(text).translate(_DASHES)
    text = _NUMBER_LABEL.sub("", text)
    text = _AROUND_SEP.sub(r"\1", text)
    return text.strip(" .,;:")


# --- person names (domain §3.3) -------------------------------------------------------------
def _cap(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def person_name(text: str) -> str:
    """``"NGUYỄN THỊ HỒNG NHUNG"`` → ``"Nguyễn Thị Hồng Nhung"`` (NFC, single spaces)."""
    return " ".join(_cap(w) for w in nfc_clean(text).split(" ") if w)
