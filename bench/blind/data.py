"""Fictional people, places, identifiers and dates for the blind set.

Written from the documentation only (fields.md, domain-vn*.md) and public knowledge of the
official forms; it shares nothing with the project's own sample generator.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# The day against which "live" (sống) is decided: valid documents stay valid well past it,
# expired ones expired before it (see README).
REFERENCE_DATE = dt.date(2026, 12, 1)
REFORM_DATE = dt.date(2025, 7, 1)  # 2-tier administrative units (no huyện) from this day
SO_MERGER_DATE = dt.date(2025, 3, 1)  # Sở KH&ĐT → Sở Tài chính, Sở TN&MT → Sở NN&MT
CAN_CUOC_LAW_DATE = dt.date(2024, 7, 1)  # Luật Căn cước 2023 in force


# ---------------------------------------------------------------------------------------
# dates: (year, month, day) tuples so that an impossible date (30/02) can be printed
# ---------------------------------------------------------------------------------------
Ymd = tuple[int, int, int]


def ymd(d: dt.date) -> Ymd:
    return (d.year, d.month, d.day)


def iso(t: Ymd) -> str:
    return f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"


def as_date(t: Ymd) -> dt.date:
    """The date of ``t``; a planted impossible day (31/02) is taken as its month's last
    day, so what is computed from it (the law cited, a later date) still renders."""
    import calendar

    year, month, day = t
    month = min(max(month, 1), 12)
    return dt.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 → 28/02 of a common year
        return d.replace(year=d.year + years, day=28)


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def fmt_slash(t: Ymd, sep: str = "/", pad: bool = True) -> str:
    if pad:
        return f"{t[2]:02d}{sep}{t[1]:02d}{sep}{t[0]:04d}"
    return f"{t[2]}{sep}{t[1]}{sep}{t[0]}"


def fmt_words_line(t: Ymd, nd30: bool = True) -> str:
    """'ngày 05 tháng 3 năm 2024' (NĐ 30/2020: day < 10 and months 1–2 take a leading 0)."""
    day = f"{t[2]:02d}"
    month = f"{t[1]:02d}" if (t[1] <= 2 or not nd30) else f"{t[1]}"
    return f"ngày {day} tháng {month} năm {t[0]}"


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _words_below_100(n: int) -> str:
    if n < 10:
        return _DIGITS[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else _DIGITS[tens] + " mươi"
    if unit == 0:
        return head
    if unit == 1 and tens > 1:
        return head + " mốt"
    if unit == 5:
        return head + " lăm"
    return head + " " + _DIGITS[unit]


def number_words(n: int) -> str:
    """Vietnamese number in words, enough for days, months, years and areas (< 1,000,000)."""
    if n < 100:
        return _words_below_100(n)
    if n < 1000:
        h, r = divmod(n, 100)
        if r == 0:
            return f"{_DIGITS[h]} trăm"
        if r < 10:
            return f"{_DIGITS[h]} trăm linh {_DIGITS[r]}"
        return f"{_DIGITS[h]} trăm {_words_below_100(r)}"
    th, r = divmod(n, 1000)
    head = f"{number_words(th)} nghìn"
    if r == 0:
        return head
    if r < 100:
        return f"{head} không trăm " + (f"linh {_DIGITS[r]}" if r < 10 else _words_below_100(r))
    return f"{head} {number_words(r)}"


def date_in_words(t: Ymd) -> str:
    """GKS 'Ghi bằng chữ': 'Ngày mười lăm, tháng ba, năm hai nghìn không trăm hai mươi tư'."""
    year = number_words(t[0]).replace("hai mươi bốn", "hai mươi tư")
    return f"Ngày {number_words(t[2])}, tháng {number_words(t[1])}, năm {year}"


# ---------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------
SURNAMES = [
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Nguyễn",
    "Trần",
    "Trần",
    "Lê",
    "Lê",
    "Phạm",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Võ",
    "Vũ",
    "Phan",
    "Trương",
    "Bùi",
    "Đặng",
    "Đỗ",
    "Ngô",
    "Hồ",
    "Dương",
    "Lý",
    "Lâm",
    "Châu",
    "Tạ",
    "Quách",
    "Thạch",
    "Danh",
    "Kim",
    "Mai",
    "Tô",
    "Đoàn",
    "Lương",
    "Trịnh",
    "Cao",
    "Từ",
]
MIDDLE_M = [
    "Văn",
    "Văn",
    "Hữu",
    "Minh",
    "Quốc",
    "Thành",
    "Đức",
    "Công",
    "Hoàng",
    "Thanh",
    "Ngọc",
    "Tấn",
    "Chí",
    "Hồng",
    "Trung",
    "Bảo",
]
MIDDLE_F = [
    "Thị",
    "Thị",
    "Thị",
    "Ngọc",
    "Thanh",
    "Thu",
    "Kim",
    "Mỹ",
    "Hồng",
    "Bích",
    "Diễm",
    "Phương",
    "Như",
    "Thùy",
    "Khánh",
]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Duy",
    "Hải",
    "Hiếu",
    "Hùng",
    "Huy",
    "Khang",
    "Khoa",
    "Kiệt",
    "Lâm",
    "Lộc",
    "Long",
    "Luân",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nhân",
    "Phát",
    "Phong",
    "Phúc",
    "Quang",
    "Quân",
    "Sang",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thịnh",
    "Toàn",
    "Trí",
    "Trọng",
    "Tuấn",
    "Vinh",
    "Vũ",
    "Hiệp",
    "Khải",
    "Lợi",
    "Đạt",
    "Đông",
    "Tín",
    "Thuận",
    "Hậu",
    "Hoà",
    "Quý",
]
GIVEN_F = [
    "Anh",
    "Bích",
    "Châu",
    "Diễm",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huệ",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Nhi",
    "Nhung",
    "Oanh",
    "Phượng",
    "Quyên",
    "Thảo",
    "Thư",
    "Thủy",
    "Trang",
    "Trinh",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Yến",
    "Xuân",
    "Ngọc",
    "Hạnh",
    "Thắm",
    "Lụa",
    "Đào",
]


def person_name(rng: random.Random, female: bool) -> str:
    sur = rng.choice(SURNAMES)
    parts = [sur]
    mids = MIDDLE_F if female else MIDDLE_M
    parts.append(rng.choice(mids))
    if rng.random() < 0.3:
        parts.append(rng.choice([m for m in mids if m not in parts] or mids))
    parts.append(rng.choice(GIVEN_F if female else GIVEN_M))
    return unicodedata.normalize("NFC", " ".join(parts))


def strip_diacritics(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# ---------------------------------------------------------------------------------------
# administrative units (from ../shared/corpora/vn_admin_units, a fallback list otherwise)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewUnit:
    province_code: str  # 2 digits (QĐ 19/2025)
    province: str  # "Tỉnh Cà Mau"
    ward: str  # "Phường An Xuyên"


@dataclass(frozen=True)
class OldUnit:
    province_code: str
    province: str  # "Tỉnh Bạc Liêu"
    district: str  # "Huyện Hồng Dân"
    ward: str  # "Xã Ninh Quới A"


_FALLBACK_NEW = [
    ("96", "Tỉnh Cà Mau", w)
    for w in (
        "Phường Bạc Liêu",
        "Phường Vĩnh Trạch",
        "Phường Hiệp Thành",
        "Xã Hồng Dân",
        "Xã Ninh Quới",
        "Xã Phước Long",
        "Xã Hòa Bình",
        "Phường Giá Rai",
        "Xã Gành Hào",
        "Phường An Xuyên",
        "Phường Lý Văn Lâm",
        "Phường Tân Thành",
        "Phường Hòa Thành",
        "Xã U Minh",
        "Xã Thới Bình",
        "Xã Trần Văn Thời",
        "Xã Sông Đốc",
        "Xã Cái Nước",
        "Xã Đầm Dơi",
        "Xã Năm Căn",
        "Xã Đất Mũi",
    )
]
_FALLBACK_OLD = [
    ("95", "Tỉnh Bạc Liêu", "Huyện Hồng Dân", "Xã Ninh Quới A"),
    ("95", "Tỉnh Bạc Liêu", "Thị xã Giá Rai", "Phường Hộ Phòng"),
    ("95", "Tỉnh Bạc Liêu", "Huyện Đông Hải", "Xã Long Điền Tây"),
    ("96", "Tỉnh Cà Mau", "Thành phố Cà Mau", "Phường 7"),
    ("96", "Tỉnh Cà Mau", "Huyện Thới Bình", "Xã Tân Lộc Bắc"),
    ("96", "Tỉnh Cà Mau", "Huyện U Minh", "Xã Khánh Thuận"),
    ("96", "Tỉnh Cà Mau", "Huyện Trần Văn Thời", "Xã Lợi An"),
    ("96", "Tỉnh Cà Mau", "Huyện Đầm Dơi", "Xã Tạ An Khương Nam"),
]

# 2026 status changes we do not want to reason about (Đồng Nai became a city on 30/04/2026;
# Quảng Ninh and Bắc Ninh reported as upgraded): keep them out of generated addresses.
_EXCLUDED_NEW_PROVINCES = {"75", "22", "24"}


def corpora_dir() -> Path | None:
    env = os.environ.get("SOHOA_CORPORA")
    cands = [Path(env)] if env else []
    here = Path(__file__).resolve()
    cands += [p / "shared" / "corpora" for p in here.parents[:5]]
    cands += [Path("../shared/corpora"), Path("/work/shared/corpora")]
    for c in cands:
        if (c / "vn_admin_units").is_dir():
            return c
    return None


@lru_cache(maxsize=1)
def admin_units() -> tuple[list[NewUnit], list[OldUnit], str]:
    """(new units, old units, source) — source is 'corpora' or 'fallback'."""
    root = corpora_dir()
    if root is not None:
        new_p = root / "vn_admin_units/thanglequoc/wards_flat_derived.csv"
        old_p = root / "vn_admin_units/gso_via_VietnamProvinces/Xa_2025-01-04_pre_reform.csv"
        if new_p.exists() and old_p.exists():
            new: list[NewUnit] = []
            with new_p.open(encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if row["province_code"] in _EXCLUDED_NEW_PROVINCES:
                        continue
                    new.append(
                        NewUnit(
                            row["province_code"], _nfc(row["province_full_name"]), _nfc(row["ward_full_name"])
                        )
                    )
            old: list[OldUnit] = []
            with old_p.open(encoding="utf-8") as f:
                rows = csv.reader(f)
                next(rows)
                for r in rows:
                    if len(r) >= 6 and r[1].isdigit() and r[4]:
                        old.append(OldUnit(r[1], _nfc(r[0]), _nfc(r[2]), _nfc(r[4])))
            return new, old, "corpora"
    return ([NewUnit(*x) for x in _FALLBACK_NEW], [OldUnit(*x) for x in _FALLBACK_OLD], "fallback")


def _nfc(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


CAMAU_FOCUS = 0.65  # share of places drawn from Cà Mau (+ former Bạc Liêu), the project's province


def pick_new_unit(rng: random.Random) -> NewUnit:
    new, _, _ = admin_units()
    if rng.random() < CAMAU_FOCUS:
        cm = [u for u in new if u.province_code == "96"]
        if cm:
            return rng.choice(cm)
    return rng.choice(new)


def pick_old_unit(rng: random.Random) -> OldUnit:
    _, old, _ = admin_units()
    if rng.random() < CAMAU_FOCUS:
        cm = [u for u in old if u.province_code in ("95", "96")]
        if cm:
            return rng.choice(cm)
    return rng.choice(old)


def _lower_unit(name: str) -> str:
    """'Xã Tân Lộc' → 'xã Tân Lộc' (NĐ 30 PL II: the unit word lower case, numbered units kept)."""
    word, _, rest = name.partition(" ")
    for unit in ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu"):
        if name.lower().startswith(unit.lower() + " "):  # the GSO list also spells "Thị Trấn"
            rest = name[len(unit) + 1 :]
            if rest.split()[0].isdigit():
                return name
            return unit.lower() + " " + rest
    if rest.split() and rest.split()[0].isdigit():
        return name  # "Phường 7", "Quận 3"
    return word.lower() + " " + rest


HAMLETS = [
    "Tân Hòa",
    "Tân Phong",
    "Cái Rô",
    "Kinh Tế",
    "Đầu Sấu",
    "Bà Điều",
    "Xóm Mới",
    "Bình Minh",
    "Phú Hiệp",
    "Thanh Tùng",
    "Kênh Tư",
    "Rạch Gốc",
    "Vàm Xáng",
    "Nhà Thờ",
    "Hòa Trung",
]
STREETS = [
    "Lý Thường Kiệt",
    "Trần Hưng Đạo",
    "Nguyễn Tất Thành",
    "Phan Ngọc Hiển",
    "Ngô Quyền",
    "Hùng Vương",
    "Lê Lợi",
    "Nguyễn Trãi",
    "Quang Trung",
    "Trần Phú",
    "Cao Văn Lầu",
    "Hai Bà Trưng",
]


def street_part(rng: random.Random, urban: bool) -> str:
    if urban:
        r = rng.random()
        if r < 0.6:
            return f"Số {rng.randint(1, 320)}, đường {rng.choice(STREETS)}"
        return f"Khóm {rng.randint(1, 12)}"
    r = rng.random()
    if r < 0.7:
        return f"Ấp {rng.choice(HAMLETS)}"
    return f"Ấp {rng.randint(1, 9)}"


def address_new(rng: random.Random, u: NewUnit | None = None, with_street: bool = True) -> str:
    u = u or pick_new_unit(rng)
    parts = []
    if with_street:
        parts.append(street_part(rng, u.ward.startswith("Phường")))
    parts += [_lower_unit(u.ward), _lower_unit(u.province)]
    return ", ".join(parts)


def address_old(rng: random.Random, u: OldUnit | None = None, with_street: bool = True) -> str:
    u = u or pick_old_unit(rng)
    parts = []
    if with_street:
        parts.append(street_part(rng, u.ward.startswith("Phường") or u.ward.startswith("Thị trấn")))
    parts += [_lower_unit(u.ward), _lower_unit(u.district), _lower_unit(u.province)]
    return ", ".join(parts)


def address_for_date(rng: random.Random, day: dt.date, with_street: bool = True) -> str:
    """An address valid on `day`: old 3-tier names before the reform, new 2-tier after."""
    return (
        address_new(rng, with_street=with_street)
        if day >= REFORM_DATE
        else address_old(rng, with_street=with_street)
    )


def short_place(rng: random.Random, day: dt.date) -> str:
    """A short place (quê quán / nơi đăng ký khai sinh style): commune + province (+ district before the reform)."""
    return address_for_date(rng, day, with_street=False)


def bare_province(name: str) -> str:
    for p in ("Thành phố ", "Tỉnh "):
        if name.startswith(p):
            return name[len(p) :]
    return name


# ---------------------------------------------------------------------------------------
# identifiers
# ---------------------------------------------------------------------------------------
def old_province_codes() -> dict[str, str]:
    """Old province name → 3-digit CCCD prefix (the frozen 63-list = '0' + GSO code)."""
    _, old, _ = admin_units()
    out = {}
    for u in old:
        out[u.province] = "0" + u.province_code.zfill(2)
    return out


def century_sex_digit(birth_year: int, female: bool) -> int:
    base = {19: 0, 20: 2, 21: 4, 22: 6, 23: 8}[birth_year // 100]
    return base + (1 if female else 0)


def personal_id(rng: random.Random, prov3: str, birth_year: int, female: bool) -> str:
    return f"{prov3}{century_sex_digit(birth_year, female)}{birth_year % 100:02d}{rng.randint(0, 999999):06d}"


def random_prov3(rng: random.Random, birth: dt.date) -> str:
    """The birth-registration province code for someone born on `birth` (63-list before the reform)."""
    if birth >= REFORM_DATE:
        new, _, _ = admin_units()
        if rng.random() < CAMAU_FOCUS:
            return "096"
        return "0" + rng.choice(new).province_code
    if rng.random() < CAMAU_FOCUS:
        return rng.choice(["095", "096"])
    return rng.choice(sorted(set(old_province_codes().values())))


def mst_check_digit(nine: str) -> int | None:
    w = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    s = sum(int(c) * k for c, k in zip(nine, w, strict=True)) % 11
    if s == 0:
        return None
    return 10 - s if s != 1 else 9  # 10 − 1 = 9; kept explicit for readability


def enterprise_code(rng: random.Random, region: str = "20") -> str:
    while True:
        body = region + f"{rng.randint(1, 9999999):07d}"
        c = mst_check_digit(body)
        if c is not None and c <= 9:
            return body + str(c)


# ICAO 9303 check digit: weights 7-3-1, '<' = 0, A = 10 … Z = 35
def mrz_check(s: str) -> str:
    total = 0
    for i, ch in enumerate(s):
        if ch.isdigit():
            v = int(ch)
        elif ch == "<":
            v = 0
        else:
            v = ord(ch) - 55
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_name(full_name: str) -> str:
    parts = strip_diacritics(full_name).upper().split()
    s = parts[0] + "<<" + "<".join(parts[1:])
    return (s + "<" * 30)[:30]


def mrz_td1(id12: str, dob: Ymd, female: bool, expiry: Ymd, full_name: str) -> list[str]:
    """The three 30-character lines of a CCCD/căn cước TD1 zone (domain-vn.md §2.1 layout)."""
    doc = id12[-9:]
    opt1 = (id12 + "<<" + mrz_check(id12))[:15]
    l1 = "IDVNM" + doc + mrz_check(doc) + opt1
    b = f"{dob[0] % 100:02d}{dob[1]:02d}{dob[2]:02d}"
    e = f"{expiry[0] % 100:02d}{expiry[1]:02d}{expiry[2]:02d}"
    l2 = b + mrz_check(b) + ("F" if female else "M") + e + mrz_check(e) + "VNM" + "<" * 11
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 += mrz_check(composite)
    return [l1, l2, mrz_name(full_name)]


def mrz_valid(lines: list[str]) -> bool:
    l1, l2, _ = lines
    if len(l1) != 30 or len(l2) != 30:
        return False
    composite = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    return (
        mrz_check(l1[5:14]) == l1[14]
        and mrz_check(l2[0:6]) == l2[6]
        and mrz_check(l2[8:14]) == l2[14]
        and mrz_check(composite) == l2[29]
    )


# ---------------------------------------------------------------------------------------
# card validity (domain-vn.md §2.1)
# ---------------------------------------------------------------------------------------
def expected_expiry(dob: dt.date, issue: dt.date) -> dt.date | None:
    """Birthday at the next re-issue milestone; None = 'Không thời hạn' (issued at 58+)."""
    milestones = (14, 25, 40, 60) if issue >= CAN_CUOC_LAW_DATE else (25, 40, 60)
    if age_on(dob, issue) >= 58:
        return None
    for i, m in enumerate(milestones):
        b = add_years(dob, m)
        if b > issue:
            if add_years(issue, 2) >= b:  # issued within 2 years before the milestone
                return add_years(dob, milestones[i + 1]) if i + 1 < len(milestones) else None
            return b
    return None


# ---------------------------------------------------------------------------------------
# legacy encodings (for planted 'clean' errors): TCVN3 (ABC) and VNI as read back as Latin-1
# ---------------------------------------------------------------------------------------
_TCVN3 = {
    "à": 0xB5,
    "ả": 0xB6,
    "ã": 0xB7,
    "á": 0xB8,
    "ạ": 0xB9,
    "ă": 0xA8,
    "ằ": 0xBB,
    "ẳ": 0xBC,
    "ẵ": 0xBD,
    "ắ": 0xBE,
    "ặ": 0xC6,
    "â": 0xA9,
    "ầ": 0xC7,
    "ẩ": 0xC8,
    "ẫ": 0xC9,
    "ấ": 0xCA,
    "ậ": 0xCB,
    "đ": 0xAE,
    "è": 0xCC,
    "ẻ": 0xCE,
    "ẽ": 0xCF,
    "é": 0xD0,
    "ẹ": 0xD1,
    "ê": 0xAA,
    "ề": 0xD2,
    "ể": 0xD3,
    "ễ": 0xD4,
    "ế": 0xD5,
    "ệ": 0xD6,
    "ì": 0xD7,
    "ỉ": 0xD8,
    "ĩ": 0xDC,
    "í": 0xDD,
    "ị": 0xDE,
    "ò": 0xDF,
    "ỏ": 0xE1,
    "õ": 0xE2,
    "ó": 0xE3,
    "ọ": 0xE4,
    "ô": 0xAB,
    "ồ": 0xE5,
    "ổ": 0xE6,
    "ỗ": 0xE7,
    "ố": 0xE8,
    "ộ": 0xE9,
    "ơ": 0xAC,
    "ờ": 0xEA,
    "ở": 0xEB,
    "ỡ": 0xEC,
    "ớ": 0xED,
    "ợ": 0xEE,
    "ù": 0xEF,
    "ủ": 0xF1,
    "ũ": 0xF2,
    "ú": 0xF3,
    "ụ": 0xF4,
    "ư": 0xAD,
    "ừ": 0xF5,
    "ử": 0xF6,
    "ữ": 0xF7,
    "ứ": 0xF8,
    "ự": 0xF9,
    "ỳ": 0xFA,
    "ỷ": 0xFB,
    "ỹ": 0xFC,
    "ý": 0xFD,
    "ỵ": 0xFE,
    "Ă": 0xA1,
    "Â": 0xA2,
    "Ê": 0xA3,
    "Ô": 0xA4,
    "Ơ": 0xA5,
    "Ư": 0xA6,
    "Đ": 0xA7,
}


def to_tcvn3(s: str) -> str:
    """How TCVN3 text looks when read as Latin-1 ('Nguyễn' → 'NguyÔn')."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        code = _TCVN3.get(ch)
        if code is None and ch.isupper():
            code = _TCVN3.get(ch.lower())  # .VnTimeH capitals share the lower-case codes
            if code is not None and ch.lower() in "ăâêôơưđ":
                code = None
        if code is None:
            out.append(ch)
        else:
            c = bytes([code]).decode("cp1252", errors="replace")
            out.append("-" if code == 0xAD else c)  # soft hyphen would be invisible on paper
    return "".join(out)


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(s: str) -> str:
    """How VNI-Windows text looks when read as Latin-1 ('Nguyễn' → 'Nguyeãn')."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        if not marks:
            out.append(ch)
            continue
        up = base.isupper()
        mod = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
        tone = next((m for m in marks if m in _VNI_TONE), "")
        if base.lower() == "i" and not mod:
            out.append(_VNI_I[tone].upper() if up else _VNI_I[tone])
            continue
        if mod == "\u031b":  # horn: ơ ư
            b = {"o": "ô", "u": "ö"}[base.lower()]
            seq = b + (_VNI_TONE[tone] if tone else "")
        elif mod == "\u0302":
            seq = base.lower() + _VNI_CIRC[tone]
        elif mod == "\u0306":
            seq = base.lower() + _VNI_BREVE[tone]
        else:
            seq = base.lower() + _VNI_TONE[tone]
        out.append(seq.upper() if up else seq)
    return "".join(out)
