"""Pure reference helpers for the rules: frozen code lists, identifier checks, match keys,
Vietnamese number words, the ID-card age rule, and the ``Reference``/``Facts`` values the
flow hands to ``judge`` (quality never reads a database or a file: it is given plain values).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# --- the frozen 63-province list of personal-ID prefixes (TT 07/2016/TT-BCA PL1) ------------
# domain-vn Appendix B. Decode a 12-digit ID's first three digits with THIS list, never with
# the 34-province list of 2025 (080 is Long An here, Tây Ninh in the new list).
ID_PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}
ID_CODES_SOURCE = "TT 07/2016/TT-BCA Phụ lục 1 (mã tỉnh, 63 đơn vị, đóng băng)"
REFORM_DATE = date(2025, 7, 1)  # QĐ 19/2025/QĐ-TTg, NQ 202/2025/QH15
CMND_CUTOFF = date(2024, 12, 31)  # every CMND invalid after this day (Luật Căn cước 2023 Đ.46)
LAW_2023_IN_FORCE = date(2024, 7, 1)


# --- personal ID ------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonalId:
    province_code: str  # PPP
    province: str | None  # name in the 63-list at the time, None if not a province code
    male: bool
    birth_year: int


def parse_personal_id(value: str) -> PersonalId | None:
    """``096`` + ``1`` + ``90`` + six serial digits → province 096 Cà Mau, female, born 1990. None if not 12 digits."""
    if not re.fullmatch(r"\d{12}", value or ""):
        return None
    g = int(value[3])
    century = 1900 + 100 * (g // 2)
    return PersonalId(value[:3], ID_PROVINCE_CODES.get(value[:3]), g % 2 == 0, century + int(value[4:6]))


# --- tax code (mã số thuế / mã số doanh nghiệp) ------------------------------------------------
_MST_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_code_problem(value: str) -> str | None:
    """None if ``value`` is a valid 10-digit MST or 13-digit branch code (``NNNNNNNNNN-NNN``)."""
    m = re.fullmatch(r"(\d{10})(?:-(\d{3}))?", value or "")
    if not m:
        return "không phải 10 hoặc 10-3 chữ số / not 10 or 10-3 digits"
    digits = [int(c) for c in m.group(1)]
    if m.group(2) == "000":
        return "đuôi 000 / branch suffix 000"
    if all(d == 0 for d in digits[2:9]):
        return "N3..N9 = 0000000"
    total = sum(w * d for w, d in zip(_MST_WEIGHTS, digits, strict=False))
    if total % 11 == 0:
        return "tiền tố không có mã hợp lệ / no valid code for this prefix"
    expected = 10 - total % 11
    if expected != digits[9]:
        return f"chữ số kiểm tra {digits[9]} ≠ {expected} / check digit {digits[9]} != {expected}"
    return None


def tax_code_with_check_digit(prefix9: str) -> str:
    total = sum(w * int(d) for w, d in zip(_MST_WEIGHTS, prefix9, strict=False))
    return prefix9 + str(10 - total % 11)


# --- ID card expiry by age (Luật Căn cước 2023 Đ.21; Luật CCCD 2014 Đ.21) -----------------------
def _birthday(dob: date, age: int) -> date:
    try:
        return dob.replace(year=dob.year + age)
    except ValueError:  # 29 February
        return date(dob.year + age, 3, 1)


def expected_expiry(dob: date, issued: date, *, milestones: tuple[int, ...] | None = None) -> date | None:
    """The printed "có giá trị đến" for a card issued on ``issued``; None means for life.

    The next milestone birthday after the issue date; a card issued within 2 years before a
    milestone is valid until the following one; issued at 58 or later: for life.
    """
    if milestones is None:
        milestones = (14, 25, 40, 60) if issued >= LAW_2023_IN_FORCE else (25, 40, 60)
    if issued >= _birthday(dob, 58):
        return None
    for i, age in enumerate(milestones):
        mark = _birthday(dob, age)
        if issued < mark:
            if issued >= _birthday(dob, age - 2):
                return _birthday(dob, milestones[i + 1]) if i + 1 < len(milestones) else None
            return mark
    return None


def acceptable_expiries(dob: date, issued: date) -> set[date | None]:
    """Printed expiries a genuine card can carry: the rule of the law in force at issue, plus
    the 2014 law's milestones for cards issued before 01/7/2024 (transitional tolerance)."""
    out = {expected_expiry(dob, issued)}
    if issued < LAW_2023_IN_FORCE:
        out.add(expected_expiry(dob, issued, milestones=(14, 25, 40, 60)))
    return out


# --- text keys --------------------------------------------------------------------------------
_TONES = {"\u0300": "2", "\u0301": "1", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def fix_dd(text: str) -> str:
    return text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def match_key(text: str) -> str:
    """A key for comparing Vietnamese text whatever the tone-mark placement.

    NFC, Đ/đ fixed, casefolded, whitespace collapsed, and each syllable's tone mark taken off
    its vowel and written as a digit after the syllable: ``hòa`` and ``hoà`` both give
    ``hoa2``. Vowel marks (â ă ê ô ơ ư) and đ stay. Store what was printed; match on this.
    """
    text = fix_dd(unicodedata.normalize("NFC", text or "")).casefold()
    words = []
    for word in text.split():
        decomposed = unicodedata.normalize("NFD", word)
        tone = "".join(_TONES[c] for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        words.append(base + tone[:1])
    return " ".join(words)


def old_style_tone(text: str) -> str:
    """``hoà``/``thuỷ`` written with the tone on the first vowel of oa/oe/uy (``hòa``/``thủy``)
    when no consonant follows: the placement most official lists use."""

    def fix(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        d = unicodedata.normalize("NFD", second)
        tones = "".join(c for c in d if c in _TONES)
        if not tones:
            return m.group(0)
        plain = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        return unicodedata.normalize("NFC", first + tones) + plain

    nfc = unicodedata.normalize("NFC", text)
    # not after q (quý) or a bare g onset; after ng it is (nguỵ → ngụy)
    return re.sub(r"(?i)(?<!q)(?<!(?<!n)g)([ou])([aàáảãạeèéẻẽẹyỳýỷỹỵ])(?![a-zđ\u00c0-\u1ef9])", fix, nfc)


# --- Vietnamese number words ("bằng chữ") -------------------------------------------------------
_DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}


def _words_to_int(tokens: list[str]) -> int | None:
    total = group = 0
    pending: int | None = None
    seen = False
    for t in tokens:
        if t in ("linh", "lẻ", "và"):
            continue
        if t in _DIGITS:
            if pending is not None:  # "hai năm" in a decimal part: digit run handled by caller
                group += pending
            pending = _DIGITS[t]
        elif t == "mười":
            group += 10
        elif t == "mươi":
            group += (pending or 0) * 10
            pending = None
        elif t == "trăm":
            group += (pending or 0) * 100
            pending = None
        elif t in _SCALES:
            group += pending or 0
            pending = None
            scale = _SCALES[t]
            if 0 < total < scale:  # "một nghìn năm trăm tỷ": what came before counts in tỷ too
                total = (total + group) * scale
            else:
                total += (group or 1) * scale
            group = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + group + (pending or 0)


def _bare_word(word: str) -> str:
    d = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


_NUMBER_WORDS = (*_DIGITS, "mười", "mươi", "trăm", *_SCALES, "linh", "lẻ", "và", "phẩy")
# A number word with a tone OCR got wrong ("lắm" for "lăm"): respelled when its letters name one
# number word only (or several of one value: một/mốt); "muoi" is mười or mươi, never guessed.
_BARE_NUMBER_WORD: dict[str, str] = {}
for _w in _NUMBER_WORDS:
    _b = _bare_word(_w)
    _prev = _BARE_NUMBER_WORD.get(_b)
    if _prev is None:
        _BARE_NUMBER_WORD[_b] = _w
    elif _DIGITS.get(_prev, -1) != _DIGITS.get(_w, -2):
        _BARE_NUMBER_WORD[_b] = ""  # ambiguous
del _w, _b, _prev


def words_to_number(text: str) -> float | None:
    """``một nghìn hai trăm ba mươi tư phẩy năm mét vuông`` → 1234.5. None if not number words."""
    text = old_style_tone(fix_dd(unicodedata.normalize("NFC", text))).casefold()
    text = re.sub(r"\b(mét vuông|m2|m²|đồng|việt nam|vnđ|vnd|chẵn|chẳn)\b", " ", text)
    text = text.replace("ngàn", "nghìn")
    tokens = [
        t if t in _NUMBER_WORDS else (_BARE_NUMBER_WORD.get(_bare_word(t)) or t)
        for t in re.findall(r"[^\W\d_]+", text)
    ]
    if not tokens:
        return None
    if "phẩy" in tokens:
        i = tokens.index("phẩy")
        whole, frac = _words_to_int(tokens[:i]), tokens[i + 1 :]
        if whole is None or not frac:
            return None
        if all(t in _DIGITS for t in frac):
            digits = "".join(str(_DIGITS[t]) for t in frac)
        else:
            f = _words_to_int(frac)
            if f is None:
                return None
            digits = str(f)
        return float(f"{whole}.{digits}")
    n = _words_to_int(tokens)
    return float(n) if n is not None else None


# --- dates -----------------------------------------------------------------------------------
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_iso(value: str) -> tuple[date, date] | None:
    """The earliest and latest day an ISO date of any precision (Y, YM, YMD) can mean."""
    m = _ISO.match(value or "")
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            first = date(y, mo, 1)
            last = date(y + (mo == 12), mo % 12 + 1, 1)
            return first, date.fromordinal(last.toordinal() - 1)
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


_TERM_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")


def land_term_end(term: str) -> date | str | None:
    """``Đến ngày 15/10/2064`` → that date; ``Lâu dài`` → None (no end); unknown → "unknown"."""
    key = match_key(term)
    if "lâu dai" in key.replace("2", "").replace("1", "") or key.startswith("lâu"):
        return None
    m = _TERM_DATE.search(term or "") or re.search(r"(\d{4})-(\d{2})-(\d{2})", term or "")
    if m:
        try:
            if len(m.group(1)) == 4:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return "unknown"
    return "unknown"


# --- reference data and warehouse facts, handed in by the flow ---------------------------------
@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # full name as listed, e.g. "Phường An Xuyên" / "Tỉnh Cà Mau"
    province_code: str | None = None  # for communes
    district: str | None = None  # for pre-2025 communes


_UNIT_PREFIX = re.compile(
    r"^(?:thành phố|tp\.?|tỉnh|quận|huyện|thị xã|tx\.?|thị trấn|tt\.?|xã|phường|p\.|đặc khu)\s*",
    re.IGNORECASE,
)


# Tây Nguyên place names come from ethnic languages, whose Latin spelling ends a syllable in
# "k" where Vietnamese writes "c": the code list has "Xã Ngọk Yêu", "Đăk Ngọk", documents and
# older lists "xã Ngọc Yêu", "Đắc Lắc". No Vietnamese syllable ends in "k", so the key reads a
# final k as c and both spellings name the one unit.
_FINAL_K = re.compile(r"(?<=\w)k(?=\d?(?:\s|$))")


def unit_key(name: str) -> str:
    """``Phường An Xuyên`` / ``P. An Xuyên`` / ``an xuyen`` agnostic-ish: type word dropped;
    ``Ngọk`` and ``Ngọc`` one key."""
    n = unicodedata.normalize("NFC", name or "").strip()
    n = _UNIT_PREFIX.sub("", n).strip()
    return _FINAL_K.sub("c", match_key(n))


_COMMUNE_TYPE = re.compile(r"^\s*(xã|phường|thị trấn|tt\.?|đặc khu)\s", re.IGNORECASE)


def same_unit_type(a: str, b: str) -> bool:
    """``Thị trấn Hát Lót`` and ``thị trấn Hát Lót`` (or ``TT. Hát Lót``): the same kind of
    commune-level unit. False when either name carries no type word."""
    ma = _COMMUNE_TYPE.match(unicodedata.normalize("NFC", a or "").casefold())
    mb = _COMMUNE_TYPE.match(unicodedata.normalize("NFC", b or "").casefold())
    if not ma or not mb:
        return False
    kinds = [("thị trấn" if m.group(1).startswith("tt") else m.group(1)) for m in (ma, mb)]
    return kinds[0] == kinds[1]


def _bare_syllables(name: str) -> list[str]:
    """``Xã Rờ Kơi`` → ``["ro", "koi"]``: type word, tone and vowel marks, apostrophes and
    dashes dropped, đ → d, ``NT`` → ``nong truong`` (nông trường)."""
    key = re.sub(r"['’`\-–]", "", unit_key(name))
    decomposed = unicodedata.normalize("NFD", key.replace("đ", "d"))
    words = "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isdigit()).split()
    return [s for w in words for s in (("nong", "truong") if w == "nt" else (w,))]


def spelling_variant(a: str, b: str, *, loose: bool = False) -> bool:
    """Two spellings of one unit name as official lists write it. The GSO list of 01/2025
    has ``Xã Rơ Kơi``, ``Xã Lưỡng Minh``, ``Xã EaBia``, ``Thị trấn NT Trần Phú``, ``Xã Hát Lìu``
    where the June 2025 list has ``Xã Rờ Kơi``, ``Xã Lượng Minh``, ``Xã Ea Bia``, ``Thị trấn
    Nông trường Trần Phú``, ``Xã Hát Lừu`` (same codes). Equal once marks, spaces and
    apostrophes are dropped; with ``loose`` (the district is named too, so the place is pinned
    down) one vowel letter may differ as well (``liu``/``luu``) in a name of two syllables or
    more. Numbered units (``Phường 6``) match only as written."""
    if unit_key(a) == unit_key(b):
        return True
    if re.search(r"\d", a) or re.search(r"\d", b):
        return False
    ja, jb = "".join(_bare_syllables(a)), "".join(_bare_syllables(b))
    if not ja or not jb:
        return False
    if ja == jb:
        return True
    if not loose or len(ja) != len(jb) or min(len(_bare_syllables(a)), len(_bare_syllables(b))) < 2:
        return False
    letters = [(p, q) for p, q in zip(ja, jb, strict=True) if p != q]
    return len(letters) == 1 and letters[0][0] in "aeiouy" and letters[0][1] in "aeiouy"


@dataclass(frozen=True)
class UnitList:
    """One version of the administrative-unit code list and the days it was in force."""

    name: str
    valid_from: date | None
    valid_to: date | None  # exclusive
    provinces: Mapping[str, Unit]
    communes: Mapping[str, Unit]

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_to is None or day < self.valid_to
        )

    @cached_property
    def province_by_key(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for u in self.provinces.values():
            out.setdefault(unit_key(u.name), []).append(u)
        return out

    @cached_property
    def commune_by_key(self) -> dict[tuple[str, str], list[Unit]]:
        out: dict[tuple[str, str], list[Unit]] = {}
        for u in self.communes.values():
            out.setdefault((u.province_code or "", unit_key(u.name)), []).append(u)
        return out

    @cached_property
    def communes_by_province(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for u in self.communes.values():
            out.setdefault(u.province_code or "", []).append(u)
        return out

    def commune_variant(self, province_code: str, name: str, district: str | None) -> list[Unit]:
        """The commune an official list spells another way (see ``spelling_variant``): one
        unit of the province (of the named district, when a district is named) or none. A
        spelling equal without marks is preferred to one a vowel apart."""
        pool = [
            u
            for u in self.communes_by_province.get(province_code, ())
            if district is None or (u.district is not None and spelling_variant(u.district, district))
        ]
        for loose in (False, True) if district is not None else (False,):
            found = [u for u in pool if spelling_variant(name, u.name, loose=loose)]
            if len(found) > 1:
                found = [u for u in found if same_unit_type(u.name, name)]
            if found:
                return found if len(found) == 1 else []
        return []


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    default: bool
    partial: bool


@dataclass(frozen=True)
class Reference:
    """Code lists by version plus the old→new commune mapping (old code → candidates)."""

    version: str
    unit_lists: tuple[UnitList, ...]
    old_to_new: Mapping[str, tuple[Candidate, ...]] = field(default_factory=dict)

    def list_on(self, day: date) -> UnitList | None:
        for ul in self.unit_lists:
            if ul.in_force(day):
                return ul
        return None

    def current(self, today: date) -> UnitList | None:
        return self.list_on(today)


@dataclass(frozen=True)
class KnownPerson:
    name: str
    date_of_birth: str | None
    document_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class KnownDocument:
    id: int
    doc_type: str
    issue_date: str | None
    sha256: str | None = None
    amendment_number: int | None = None


@dataclass(frozen=True)
class Facts:
    """What the warehouse already knows, looked up by the flow for one document."""

    persons: Mapping[str, KnownPerson] = field(default_factory=dict)  # personal ID → person
    same_identity: tuple[KnownDocument, ...] = ()  # documents with the same identity key
    predecessors: tuple[KnownDocument, ...] = ()  # older versions of the same object
    sha256: str | None = None  # this document's content hash
