"""Extractors for the form-like types: citizen_id, birth_certificate, marriage_certificate,
land_use_certificate, business_registration, application_form (fields.md keys exactly).

Each is a label table (``labels.Spec``) read by ``labels.read_fields`` plus what labels
cannot give: the marriage certificate's husband | wife table (words assigned to the column
under "Chồng" / "Vợ"), the land certificate's place-and-date line and signing agency, the
business header agency and amendment line, the đơn's title and date line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ocr.result import Document, Word

from .labels import (
    Labels,
    Spec,
    assign_hits,
    drop_junk,
    find_hits,
    line_below,
    make_field,
    normalize_value,
    read_after,
    read_all,
    read_fields,
)
from .layout import Segment, segments
from .mrz import find_mrz, zone_line1_id
from .normalize import (
    GLOSS_LOOKALIKES,
    LAND_PHRASES,
    SURNAME_KEYS,
    box_cells,
    date_words_misread,
    day_lost,
    fold,
    form_phrase_specks,
    format_decimal,
    ia_names,
    match_key,
    nfc_clean,
    parse_date,
    person_name,
    personal_id_without_extra_digits,
    repair_date_words,
    respell_form_slips,
    respell_form_words,
    respell_legal_form,
    respell_set_phrase,
    valid_personal_id,
    words_number,
)
from .registry import TYPES
from .types import PRINTED_BIRTH_YEAR, Extraction, FieldValue, unread_field

__all__ = ["FIELDS", "GENERIC_SPECS", "join_card_sides", "read_labelled_values"]

NAME = ("ho va ten", "ho ten", "ho chu dem va ten", "ho chu dem ten", "ho chu dem va ten khai sinh")
DOB = ("ngay sinh", "ngay thang nam sinh", "sinh ngay")

CITIZEN_SPECS = [
    Spec(
        "id_number",
        (
            "so dinh danh ca nhan",
            "so",
            "so cccd",
            "so can cuoc cong dan",
            "so dinh danh",
            "so can cuoc",
            "so the can cuoc",
        ),
        "personal_id",
    ),
    Spec("full_name", NAME, "name"),
    Spec("date_of_birth", DOB, "date"),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("place_of_origin", ("que quan", "nguyen quan"), "place", multiline=1),
    Spec("place_of_residence", ("noi thuong tru", "noi cu tru", "noi dkhk thuong tru"), "place", multiline=1),
    Spec("place_of_birth_registration", ("noi dang ky khai sinh",), "place", multiline=1),
    Spec(
        "issue_date", ("ngay thang nam cap", "ngay cap", "ngay thang nam", "ngay cap the", "cap ngay"), "date"
    ),
    Spec(
        "expiry_date",
        (
            "co gia tri den",
            "ngay thang nam het han",
            "ngay het han",
            "co gia tri",
            "co gia tri den ngay",
            "gia tri den",
            "het han",
        ),
        "date",
    ),
    Spec("_features", ("dac diem nhan dang", "dac diem nhan dang", "dan toc", "ton giao", "dau vet rieng")),
]

BIRTH_SPECS = [
    Spec("registration_number", ("so", "s0", "so dang ky"), "code"),  # ("S0: 195": its o read as 0)
    Spec("book_number", ("quyen so",), "code"),
    Spec("full_name", ("ho chu dem ten", "ho chu dem va ten", "ho va ten", "ho ten"), "name"),
    Spec("date_of_birth", ("ngay thang nam sinh", "ngay sinh", "sinh ngay"), "date"),
    Spec("_in_words", ("ghi bang chu", "bang chu")),
    Spec("sex", ("gioi tinh",), "sex"),
    Spec("ethnicity", ("dan toc",), "ethnicity"),
    Spec("nationality", ("quoc tich",), "nationality"),
    Spec("place_of_birth", ("noi sinh",), "place", multiline=1),
    Spec("place_of_origin", ("que quan",), "place", multiline=1),
    Spec("personal_id_number", ("so dinh danh ca nhan", "so dinh danh"), "personal_id"),
    Spec(
        "mother_name",
        (
            "ho chu dem ten nguoi me",
            "ho va ten me",
            "ho ten me",
            "ho ten nguoi me",
            "ho chu dem va ten nguoi me",
        ),
        "name",
    ),
    Spec(
        "father_name",
        (
            "ho chu dem ten nguoi cha",
            "ho va ten cha",
            "ho ten cha",
            "ho ten nguoi cha",
            "ho chu dem va ten nguoi cha",
        ),
        "name",
    ),
    Spec("mother_birth_year", ("nam sinh",), "year", after="mother_name"),
    Spec("father_birth_year", ("nam sinh",), "year", after="father_name"),
    Spec("mother_birth_year", ("nam sinh cua me", "nam sinh me", "nam sinh cua nguoi me"), "year"),
    Spec("father_birth_year", ("nam sinh cua cha", "nam sinh cha", "nam sinh cua nguoi cha"), "year"),
    Spec("_residence", ("noi cu tru",)),
    Spec(
        "registration_place",
        ("noi dang ky", "co quan dang ky", "noi dang ky khai sinh", "co quan dang ky khai sinh"),
        "place",
        multiline=1,
    ),
    Spec("registration_date", ("ngay thang nam dang ky", "ngay dang ky"), "date"),
]

LAND_SPECS = [
    Spec("serial_number", ("so phat hanh", "so seri", "so serial"), "code"),
    Spec("register_number", ("so vao so cap gcn", "so vao so cap giay chung nhan", "so vao so"), "code"),
    Spec("holder_name", ("ong", "ba", "ong ba", "ho va ten", "ho ten"), "name"),
    Spec("_birth_year", ("nam sinh", "sinh nam")),
    Spec(
        "holder_id_number",
        (
            "cccd so",
            "cmnd so",
            "so dinh danh ca nhan",
            "so dinh danh",
            "so cccd",
            "giay to nhan than so",
            "so giay to nhan than",
            "can cuoc cong dan so",
            "can cuoc so",
            "the can cuoc so",
        ),
        "personal_id",
    ),
    Spec("_holder_address", ("dia chi thuong tru", "dia chi thuong tru tai", "noi cu tru")),
    Spec("parcel_number", ("thua dat so", "so thua", "so thua dat"), "int"),
    Spec("map_sheet_number", ("to ban do so", "so to ban do", "so to"), "int"),
    # "Địa chỉ" is the parcel's after the parcel section or its numbers, the holder's after
    # the holder's section, name or ID (either first in the holder's line)
    Spec(
        "address",
        ("dia chi", "dia chi thua dat"),
        "place",
        multiline=1,
        after=("_parcel_section", "parcel_number", "map_sheet_number"),
    ),
    Spec("_holder_address_short", ("dia chi",), after=("_holder_section", "holder_name", "holder_id_number")),
    Spec("_holder_section", ("nguoi su dung dat", "nguoi duoc cap giay chung nhan")),
    Spec("_parcel_section", ("thong tin thua dat", "thua dat")),
    Spec("area_m2", ("dien tich",), "area"),
    Spec("_form", ("hinh thuc su dung", "bang chu")),
    Spec(
        "land_use_purpose", ("muc dich su dung", "muc dich su dung dat", "muc dich", "loai dat"), multiline=1
    ),
    Spec("land_use_term", ("thoi han su dung", "thoi han su dung dat", "thoi han"), "term"),
    Spec("land_use_origin", ("nguon goc su dung", "nguon goc su dung dat", "nguon goc"), multiline=1),
]

BUSINESS_SPECS = [
    Spec("enterprise_code", ("ma so doanh nghiep", "ma so thue", "ma doanh nghiep"), "mst"),
    Spec(
        "enterprise_name",
        (
            "ten cong ty viet bang tieng viet",
            "ten doanh nghiep viet bang tieng viet",
            "ten doanh nghiep",
            "ten cong ty",
        ),
        multiline=1,
    ),
    Spec(
        "_names",
        (
            "ten cong ty viet bang tieng nuoc ngoai",
            "ten cong ty viet tat",
            "ten doanh nghiep viet bang tieng nuoc ngoai",
            "ten doanh nghiep viet tat",
        ),
    ),
    Spec(
        "head_office_address",
        ("dia chi tru so chinh", "tru so chinh", "dia chi tru so"),
        "place",
        multiline=1,
    ),
    Spec("_contact", ("dien thoai", "email", "fax", "website", "thu dien tu")),
    Spec("charter_capital_vnd", ("von dieu le",), "money"),
    Spec("_in_words", ("bang chu",)),
    Spec("legal_representative", ("ho va ten", "ho ten"), "name"),
    Spec(
        "_rep",
        (
            "gioi tinh",
            "chuc danh",
            "sinh ngay",
            "ngay sinh",
            "dan toc",
            "quoc tich",
            "loai giay to phap ly cua ca nhan",
            "ngay cap",
            "noi cap",
            "dia chi lien lac",
        ),
    ),
    Spec(
        "legal_representative_id_number",
        (
            "so giay to phap ly cua ca nhan",
            # the label wraps in its table cell ("…của cá" / number / "nhân"): the cut label too,
            # so "của cá" is not taken for the value and the number on the next line is read
            "so giay to phap ly cua ca",
            "so giay to phap ly",
            "so dinh danh ca nhan",
            "so cccd",
        ),
        "personal_id",
    ),
    Spec("first_registration_date", ("dang ky lan dau", "ngay dang ky lan dau"), "date"),
    Spec("_amendment", ("dang ky thay doi lan thu",)),
]

APPLICATION_SPECS = [
    Spec("recipient", ("kinh gui",), multiline=1),
    Spec(
        "applicant_name",
        (
            *NAME,
            "ho chu dem ten nguoi yeu cau",
            "ho ten nguoi yeu cau",
            "toi ten la",
            "ho chu dem va ten nguoi yeu cau",
            "ten toi la",
            "nguoi yeu cau",
            "ho va ten nguoi de nghi",
            "ho ten nguoi de nghi",
            "nguoi de nghi",
            "ho chu dem ten nguoi khai",
            "ho ten nguoi khai",
            "nguoi khai",
            "ho chu dem ten nguoi de nghi",
            # the label's head lost at the line's start ("đệm và tên: Nguyễn Khánh Hạnh"), or
            # left on a line of its own ("Tôi" / "tên là DANH BÍCH THU NHUNG")
            "chu dem va ten",
            "dem va ten",
            "ten la",
        ),
        "name",
    ),
    Spec(
        "applicant_id_number",
        (
            "so dinh danh ca nhan",
            "so cccd",
            "cccd so",
            "so cmnd",
            "cmnd so",
            "so giay to tuy than",
            "so can cuoc",
            "giay to tuy than",
            "giay to nhan than",
            "so giay to nhan than",
            "so dinh danh",
            "can cuoc so",
            "can cuoc cong dan so",
            "so can cuoc cong dan",
            "the can cuoc so",
        ),
        "personal_id",
    ),
    Spec("date_of_birth", DOB, "date"),
    Spec(
        "_misc",
        (
            "gioi tinh",
            "dan toc",
            "quoc tich",
            "noi sinh",
            "email",
            "noi dung de nghi",
            "ly do",
            "nghe nghiep",
            "que quan",
        ),
    ),
    Spec(
        "address",
        (
            "noi cu tru",
            "dia chi thuong tru",
            "dia chi",
            "noi thuong tru",
            "cho o hien tai",
            "noi o hien tai",
            "dia chi lien he",
            "noi o",
            "dia chi cu tru",
        ),
        "place",
        multiline=1,
    ),
    Spec(
        "phone",
        (
            "so dien thoai",
            "dien thoai",
            "sdt",
            "so dt",
            "dien thoai lien he",
            "so dien thoai lien he",
            "di dong",
        ),
        "phone",
    ),
]

# The fields of each form type, in fields.md order (a view of the registry).
FIELDS: dict[str, tuple[str, ...]] = {
    t.name: t.fields for t in TYPES if t.extractor.startswith(f"{__name__}:")
}

_MOTTO = re.compile(r"^(?:cong hoa xa hoi|doc lap\s*[-–—]?\s*tu do)")
# "ngày25": glued; "Cà Mau, 05 tháng 3 năm 2024": "ngày" lost, the day before "tháng"
_PLACE_DATE = re.compile(r"^\s*(?P<place>[^\d,]{2,40}?)\s*,\s*(?:ngay(?![a-z])|(?=\d{1,2}\s*thang\b))")
_AUTHORITY = re.compile(r"^[^\w]*(?:tm|kt|q|tl|tuq|t)\s*[.:]\s*")  # ("T. CHỦ TỊCH": the K of KT lost; "(T.")
_POSITION = re.compile(r"^(?:pho\s+)?(?:chu tich|giam doc|truong phong|truong|cuc truong|pho)\b")


def _whole(seg: Segment, factor: float = 1.0, value: str | None = None) -> FieldValue | None:
    return make_field(
        value if value is not None else nfc_clean(seg.text), nfc_clean(seg.text), list(seg.words), seg, factor
    )


def _place_date(segs: list[Segment], start: int = 0) -> Segment | None:
    """The last "<Địa danh>, ngày … tháng … năm …" line at or after ``start``."""
    found = None
    for seg in segs[start:]:
        if _PLACE_DATE.match(seg.folded) and parse_date(seg.text):
            found = seg
    return found


def _date_field(seg: Segment) -> FieldValue | None:
    d = parse_date(seg.text)
    if d and day_lost(seg.text, d[1]):
        # the line prints the day, its month or day misread: unread where the line is
        return unread_field(seg.page.number, seg.bbox, nfc_clean(seg.text), seg.page.source)
    if not d:
        return None
    m = re.search(r"ngay(?![a-z])", seg.folded)
    start = m.start() if m else 0
    words = seg.words_in(start, len(seg.text))
    return make_field(
        d[0], nfc_clean(seg.text[start:]), words, seg, flags=() if d[1] == "YMD" else ("precision_" + d[1],)
    )


def _lacks(fields: dict[str, FieldValue | None], key: str) -> bool:
    """No value for ``key`` yet (absent, or its label seen and its value unread)."""
    fv = fields.get(key)
    return fv is None or fv.unread


def _keep(
    fields: dict[str, FieldValue | None],
    doc_type: str,
    segs: list[Segment] | None = None,
    specs: list[Spec] | None = None,
) -> dict[str, FieldValue]:
    _label_word_names(fields)
    if segs and specs:
        _unseen_required(fields, doc_type, segs, specs)
    _drop_extra_id_digits(fields)
    _id_sevens_by_birth(fields)
    _boxed_ids(fields)
    _birth_year_from_id(fields)
    _register_number_lookalikes(fields)
    return {k: fv for k in FIELDS[doc_type] if (fv := fields.get(k)) is not None}


# A civil register's số is a number ("131"; "131/2017" with its year): OCR's look-alikes of
# 1 and 0 among its digits ("Số: l3I") are those digits, when a digit is read among them.
# So is its quyển số ("0l" for 01, "03/2O17").
_LOOKALIKE_NUMBER = re.compile(r"^(?=.*\d)[0-9lI|Oo]{2,6}(?:/[0-9lIOo]{4})?$")


def _register_number_lookalikes(fields: dict[str, FieldValue | None]) -> None:
    for key in ("registration_number", "book_number"):
        fv = fields.get(key)
        if fv is None or fv.unread or not _LOOKALIKE_NUMBER.match(fv.value):
            continue
        value = fv.value.translate(str.maketrans("lI|Oo", "11100"))
        if value != fv.value:
            fields[key] = replace(
                fv, value=value, repairs=(*fv.repairs, f"{fv.value} → {value}: look-alikes of 1 and 0")
            )


# (not the second half of a day OCR split at its narrow 1s: "7 1/03/1994" is 11/03, not 1/03)
_DMY_RAW = re.compile(r"(?<!\d)(?<!\d )(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")


def _birth_year_from_id(fields: dict[str, FieldValue | None]) -> None:
    """A date of birth left unread because its year is no year ("27-05-7994": a 1 read as 7)
    takes the year its owner's ID number gives (digit 4: century, digits 5–6: year; NĐ
    137/2015 Đ.13) when the two differ in one digit only: a repair the ID validates, recorded
    as such. Any other misread stays unread. A date read back from its 7s alone
    ("seven_for_one") yields to the owner's ID where the ID gives its year: the ID's reading,
    or unread when the two differ more. It stands where the ID says nothing of it (its day or
    month was read back too: "27/70/2001" with the ID's 2001)."""
    for key, (dob_key, _) in _ID_OWNER.items():
        pid, dob = fields.get(key), fields.get(dob_key)
        if (
            dob is not None
            and "seven_for_one" in dob.flags
            and pid is not None
            and not pid.unread
            and valid_personal_id(pid.value)
            and len(pid.value) == 12
        ):
            year = {"0": "19", "1": "19", "2": "20", "3": "20"}.get(pid.value[3], "") + pid.value[4:6]
            m = _DMY_RAW.search(dob.raw)
            by_id = parse_date(f"{m.group(1)}/{m.group(2)}/{year}") if m else None
            if dob.value[:4] != year or (by_id is not None and by_id[1] == "YMD"):
                dob = fields[dob_key] = unread_field(dob.page, dob.bbox, dob.raw, dob.source)
        if pid is None or pid.unread or dob is None or not dob.unread or not valid_personal_id(pid.value):
            continue
        century = {"0": "19", "1": "19", "2": "20", "3": "20"}.get(pid.value[3])
        m = _DMY_RAW.search(dob.raw)
        if century is None or m is None or len(pid.value) != 12:
            continue
        year = century + pid.value[4:6]
        if sum(a != b for a, b in zip(m.group(3), year, strict=True)) != 1:
            continue
        got = parse_date(f"{m.group(1)}/{m.group(2)}/{year}")
        if got is None or got[1] != "YMD":
            continue
        fields[dob_key] = replace(
            dob,
            value=got[0],
            confidence=0.85,
            flags=tuple(f for f in dob.flags if f != "unread"),
            repairs=(*dob.repairs, f"year {m.group(3)} → {year}, as the ID number gives it"),
        )


# A person's ID field → the same person's date of birth and sex (or the sex the field implies:
# bên chồng / bên vợ of a marriage certificate).
_ID_OWNER: dict[str, tuple[str, str | bool | None]] = {
    "id_number": ("date_of_birth", "sex"),
    "personal_id_number": ("date_of_birth", "sex"),
    "applicant_id_number": ("date_of_birth", None),
    "husband_id_number": ("husband_date_of_birth", True),
    "wife_id_number": ("wife_date_of_birth", False),
}


def _drop_extra_digits_value(fv: FieldValue, born: FieldValue | None, sex: str | bool | None) -> str | None:
    m = re.match(r"\d{4}", born.value) if born is not None and not born.unread else None
    if m is None:
        return None
    # the raw reading keeps the box rules ("|9|5|1|5|5|13|8|"): a "1" beside one is the extra
    # digit; the value may have kept only the longest run of digits ("0| 9|61016)519…" → "519…")
    for text in dict.fromkeys((fv.raw, fv.value)):
        if len(re.sub(r"\D", "", text)) > 12 or "|" in text:
            got = personal_id_without_extra_digits(text, int(m.group(0)), sex)  # type: ignore[arg-type]
            if got is not None:
                return got
    return None


def _drop_extra_id_digits(fields: dict[str, FieldValue | None]) -> None:
    """An ID read with digits too many (boxes) → the one valid number its digits give (issue 14
    item 3: a repair that validates, recorded as ``repaired``)."""
    for key, (dob_key, sex_key) in _ID_OWNER.items():
        fv = fields.get(key)
        if fv is None or fv.unread or len(re.sub(r"\D", "", fv.value)) <= 12:
            continue
        sex: bool | None
        if isinstance(sex_key, str):
            got = fields.get(sex_key)
            sex = None if got is None or got.unread else got.value == "Nam"
        else:
            sex = sex_key
        value = _drop_extra_digits_value(fv, fields.get(dob_key), sex)
        if value is not None:
            flags = (*(f for f in fv.flags if f != "invalid"), "repaired")
            fields[key] = replace(
                fv, value=value, flags=flags, repairs=(*fv.repairs, f"digits too many: {fv.raw} → {value}")
            )


def _id_sevens_by_birth(fields: dict[str, FieldValue | None]) -> None:
    """A 12-digit ID that is none because OCR read a 1 of its first six digits as a 7 (a
    hand's flagged 1: "095765…", century digit 7, for a woman born 1965): the one number a 7
    read back as 1 makes valid and of the year its owner's date of birth gives (digit 4:
    century, 5–6: year; NĐ 137/2015 Đ.13), a repair the date validates, recorded as such."""
    for key, (dob_key, _) in _ID_OWNER.items():
        fv, dob = fields.get(key), fields.get(dob_key)
        if fv is None or fv.unread or dob is None or dob.unread or not re.match(r"\d{4}", dob.value):
            continue
        if not (fv.value.isdigit() and len(fv.value) == 12) or valid_personal_id(fv.value):
            continue
        year = int(dob.value[:4])
        found = {
            v
            for i, ch in enumerate(fv.value[:6])
            if ch == "7"
            and valid_personal_id(v := fv.value[:i] + "1" + fv.value[i + 1 :])
            and _id_of_year(v, year)
        }
        if len(found) == 1:
            value = found.pop()
            fields[key] = replace(
                fv,
                value=value,
                confidence=min(fv.confidence, 0.85),
                flags=(*(f for f in fv.flags if f != "invalid"), "repaired"),
                repairs=(*fv.repairs, f"a 1 read as 7: {fv.value} → {value}, of the birth year {year}"),
            )


def _boxed_ids(fields: dict[str, FieldValue | None]) -> None:
    """An ID printed one digit per box and read so, cell by cell (one digit in each, or the
    rules between them read as "1"): flagged ``boxed``. Tesseract scores the run with its box
    rules as one word, so its confidence is the rules', not the digits' (quality weighs it)."""
    for key in _ID_OWNER:
        fv = fields.get(key)
        if fv is not None and not fv.unread and "boxed" not in fv.flags and fv.value in box_cells(fv.raw):
            fields[key] = replace(fv, flags=(*fv.flags, "boxed"))


_REQUIRED = {t.name: t.required for t in TYPES}
_NAME_KEYS = (
    "full_name",
    "husband_name",
    "wife_name",
    "holder_name",
    "applicant_name",
    "mother_name",
    "father_name",
)
# What a name label leaves behind when the value was not read with it: no one's name.
_LABEL_WORDS = frozenset(
    {"chong", "vo", "ho", "ten", "ho ten", "ho va ten", "ben chong", "ben vo", "va ten", "chu dem va ten"}
)  # ("và tên": the label's tail, its "Họ" read apart)


def _label_word_names(fields: dict[str, FieldValue | None]) -> None:
    """A name read as a word of its label ("Chồng" of "… tên chồng:", "Họ" of "Họ, chữ đệm,
    tên") is the label's rest: the value under it was not read → unread, where the label is."""
    for key in _NAME_KEYS:
        fv = fields.get(key)
        if fv is not None and not fv.unread and _no_name(fv):
            fields[key] = unread_field(fv.page, fv.bbox, fv.raw, fv.source)


def _no_name(fv: FieldValue) -> bool:
    """A label's word, or one word cut by a comma ("Ngày, thá": the next label's start, read
    under a name label left blank or unread): a Vietnamese full name has a surname and a given
    name at least."""
    if fold(fv.value).strip() in _LABEL_WORDS:
        return True
    return len(fv.value.split()) == 1 and bool(re.match(r"^\s*[^\W\d_]+\s*,", fv.raw))


def _unseen_required(
    fields: dict[str, FieldValue | None], doc_type: str, segs: list[Segment], specs: list[Spec]
) -> None:
    """A required field of which neither value nor label was read is unread, not absent.

    The official form of the type prints the label of every required field (a blank one
    keeps its label: that field is absent). When the label itself is nowhere in what OCR
    read (a garbled line, a photo's glare, a serial printed in red), the document has the
    field and the machine missed it: a person reads it from the page (issue 14)."""
    seen = {s.key for h in find_hits(segs, Labels(specs)) for s in h.specs}
    with_spec = {s.key for s in specs}
    for key in _REQUIRED.get(doc_type, ()):
        if key == "id_number" and fields.get("legacy_id_number") is not None:
            continue  # a CMND: its 9-digit number is the card's number
        if key in with_spec and key not in seen and fields.get(key) is None:
            fields[key] = unread_field(segs[0].page.number, None, "", segs[0].page.source)


# --- citizen_id ----------------------------------------------------------------------------
def extract_citizen_id(
    document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None
) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue | None] = dict(read_fields(segs, CITIZEN_SPECS))
    got = fields.get("id_number")
    if got is not None and len(re.sub(r"\D", "", got.value)) == 9:
        fields["legacy_id_number"] = got
        fields.pop("id_number")
    if _lacks(fields, "issue_date"):  # CMND back: "Ngày 10 tháng 08 năm 2024" above the signature
        for seg in segs:
            if re.match(r"^\s*ngay\s*[0-9oil]{1,2}\s*thang\b", seg.folded):
                fields["issue_date"] = _date_field(seg) or fields.get("issue_date")
                break
    _issue_glossed_expiry(fields)
    zone_read = _use_mrz(document, fields)
    if notes is not None and (zone_read or any(_zone_line(seg.text) for seg in segs)):
        # the card shows its machine-readable zone: read (every check digit holds), or not —
        # then its second reading of the printed values is missing (correct.citizen_id.mrz_read)
        notes["mrz"] = "read" if zone_read else "unread"
    if _lacks(fields, "id_number"):  # a bare 12-digit number near the top of the card
        for seg in segs[:12]:
            m = re.search(r"(?<!\d)\d{3}\s?\d{3}\s?\d{6}(?!\d)|(?<!\d)\d{12}(?!\d)", seg.text)
            if m:
                value = re.sub(r"\s", "", m.group(0))
                ok = valid_personal_id(value)
                fields["id_number"] = make_field(
                    value,
                    m.group(0),
                    seg.words_in(m.start(), m.end()),
                    seg,
                    0.8 if ok else 0.5,
                    () if ok else ("invalid",),
                )
                break
    if _lacks(fields, "id_number"):
        _zone_line1_number(segs, fields)
    _label_word_names(fields)  # a label's word read as the name ("và tên"): look for the name
    if _lacks(fields, "full_name"):
        _card_name_between(segs, fields)
    _card_name_from_zone(document, segs, fields)
    name = fields.get("full_name")
    if name is None or name.unread or _no_name(name):
        _card_name_under_label(segs, fields)
    if _lacks(fields, "date_of_birth"):
        _card_birth_by_id(segs, fields)
    _card_gloss_dates(segs, fields)
    _card_gloss_places(segs, fields)
    if _lacks(fields, "expiry_date"):
        _card_expiry_by_age(segs, fields)
    if _lacks(fields, "issue_date"):
        _card_issue_date(segs, fields)
    _card_expiry_unseen(segs, fields)
    return _keep(fields, doc_type, segs, CITIZEN_SPECS)


# the last word of a bilingual card's English gloss, then ":" and the date ("No vn năm Me /
# hứa oƒ expiry: 12/01/2042", the Vietnamese label garbled); "birth registration" is a place
_GLOSS_DATE = {
    "expiry_date": re.compile(r"\bexp\w{0,4}\s*[:;]"),
    "issue_date": re.compile(r"\bissue\s*[:;]"),
    "date_of_birth": re.compile(r"\bbirth\s*[:;]"),
}


def _issue_glossed_expiry(fields: dict[str, FieldValue | None]) -> None:
    """A date read under the issue label "Ngày, tháng, năm" whose line's gloss says expiry
    ("Ngày, tháng, năm biết bạn ý 0e of expiry: 07/07/2030": "hết hạn" garbled, "Date of
    expiry" read): the card's expiry, not its issue date."""
    fv = fields.get("issue_date")
    if fv is None or fv.unread or not _GLOSS_DATE["expiry_date"].search(fold(fv.raw or "")):
        return
    fields.pop("issue_date")
    if _lacks(fields, "expiry_date"):
        fields["expiry_date"] = fv


def _card_gloss_dates(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """A date the card prints after its label's English gloss, the Vietnamese label garbled
    past reading: the one full date after the one line whose gloss ends in that word."""
    for key, gloss in _GLOSS_DATE.items():
        if not _lacks(fields, key):
            continue
        found = [(seg, m) for seg in segs if (m := gloss.search(seg.folded))]
        if len(found) != 1:
            continue
        seg, m = found[0]
        d = parse_date(seg.text[m.end() :])
        if not d or d[1] != "YMD":
            continue
        fv = make_field(
            d[0], nfc_clean(seg.text[m.end() :]).strip(), seg.words_in(m.end(), len(seg.text)), seg, 0.9
        )
        if fv is not None:
            fields[key] = replace(fv, repairs=(*fv.repairs, "the date after its English gloss"))


# the English glosses of a card's labels ("Quê quán / Place of origin"), the places' and the
# nationality's (the dates' are _GLOSS_DATE's; "Sex" is too short to tell from a misreading)
_PLACE_GLOSSES = {
    "place_of_origin": "place of origin",
    "place_of_residence": "place of residence",
    "place_of_birth_registration": "place of birth registration",
    "nationality": "nationality",
}
_GLOSS_HEAD = re.compile(r"^(?P<head>[^/:]{0,24})/\s*(?P<gloss>[a-z0 ]{6,34}?)\s*(?P<end>[:;.]|$)")
_GLOSS_OF = re.compile(r"^(?P<head>\S{0,6}\s)?\s*(?P<gloss>of [a-z ]{6,26}?)\s*(?P<end>[:;])")


def _card_gloss_places(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """A place (or the nationality) whose Vietnamese label OCR garbled past reading ("mà / Place
    oƒ origh." for "Quê quán / Place of origin", "Qu66 tịch / Natløiality:"), its English gloss
    read: the gloss is the label. Taken only when the gloss is closer to this field's than to
    the card's other fields' and one line has it."""
    for key in _PLACE_GLOSSES:
        if not _lacks(fields, key):
            continue
        found = []
        for seg in segs:
            m = _GLOSS_HEAD.match(seg.folded.translate(GLOSS_LOOKALIKES))
            lead = ""
            if m is None or len(m.group("head").split()) > 3:
                # the label and the gloss's "/ Place" both garbled: "“4e øƒ ørigin: Phường 6, …"
                m, lead = _GLOSS_OF.match(seg.folded.translate(GLOSS_LOOKALIKES)), "place "
                if m is None:
                    continue
            said = lead + m.group("gloss").replace("0", "o").strip()
            scores = {k: fuzz.ratio(said, g) for k, g in _PLACE_GLOSSES.items()}
            others = max(v for k, v in scores.items() if k != key)
            if scores[key] >= 80 and scores[key] - others >= 8:
                found.append((seg, m.end()))
        if len(found) != 1:
            continue
        seg, end = found[0]
        spec = Spec(key, (), "nationality") if key == "nationality" else Spec(key, (), "place", multiline=1)
        fv = read_after(seg, end, spec, segs, CITIZEN_SPECS)
        if fv is not None:
            fields[key] = replace(fv, repairs=(*fv.repairs, "the value after its label's English gloss"))


def _card_expiry_unseen(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """A chip card prints its expiry: the 2016/2021 căn cước công dân on its front ("Có giá trị
    đến"), the 2024 căn cước on its back ("Ngày, tháng, năm hết hạn"), "Không thời hạn" when it
    has none. The side that carries it read, and neither the date nor its label: the card has
    it and the machine missed it (glare, a garbled line) → unread, not absent."""
    if not segs or fields.get("expiry_date") is not None or fields.get("legacy_id_number") is not None:
        return
    text = " ".join(s.folded for s in segs)
    if "khong thoi han" in text:
        return
    if "can cuoc cong dan" in text:
        carried = not (_lacks(fields, "full_name") and _lacks(fields, "id_number"))
    elif "can cuoc" in text:
        carried = not _lacks(fields, "issue_date")
    else:
        return
    if carried:
        fields["expiry_date"] = unread_field(segs[0].page.number, None, "", segs[0].page.source)


# "Ngày 01 tháng 07 năm 2020" with its words misread ("Ngờy 01 thông 07 nôm 2020"): the three
# numbers keep their places between words of the right length
_LOOSE_DATE_WORDS = re.compile(
    r"\bng\w{1,3}\s*(\d{1,2})\s*th\w{2,4}\s*(\d{1,2})\s*n\w{1,2}m?\s*(\d{4})(?!\d)"
)


def _card_dates(segs: list[Segment]) -> list[tuple[str, Segment]]:
    """Every full date printed on the card, as ISO values with their segment."""
    out = []
    for seg in segs:
        got = parse_date(seg.text)
        value = got[0] if got and got[1] == "YMD" else None
        if value is None and (m := _LOOSE_DATE_WORDS.search(seg.folded)):
            d = parse_date(f"{m.group(1)}/{m.group(2)}/{m.group(3)}")
            value = d[0] if d and d[1] == "YMD" else None
        if value is not None:
            out.append((value, seg))
    return out


def _card_birth_by_id(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """Its label lost to OCR, the date of birth is the one date on the card in the year the ID
    number gives (digit 4: century, digits 5–6: year; NĐ 137/2015 Đ.13): a repair that holds
    only when exactly one such date is printed (issue and expiry fall in other years)."""
    pid = fields.get("id_number")
    if pid is None or pid.unread or not valid_personal_id(pid.value):
        return
    century = {"0": "19", "1": "19", "2": "20", "3": "20"}.get(pid.value[3])
    if century is None:
        return
    year = century + pid.value[4:6]
    _put_card_date(
        fields,
        "date_of_birth",
        _the_one_card_date(segs, lambda v: v.startswith(year)),
        "the only date in the ID's birth year",
    )


def _the_one_card_date(segs: list[Segment], fits: Callable[[str], bool]) -> tuple[str, Segment] | None:
    """The one date value on the card that ``fits`` (with the first segment printing it), or
    None when none or several do: a field placed by its date alone holds only then."""
    found: dict[str, Segment] = {}
    for value, seg in _card_dates(segs):
        if fits(value):
            found.setdefault(value, seg)
    return next(iter(found.items())) if len(found) == 1 else None


def _put_card_date(
    fields: dict[str, FieldValue | None], key: str, found: tuple[str, Segment] | None, repair: str
) -> None:
    if found is None:
        return
    value, seg = found
    fv = make_field(value, seg.text, list(seg.words), seg, 0.85)
    if fv is not None:
        fields[key] = replace(fv, repairs=(*fv.repairs, repair))


def _card_expiry_by_age(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """Its label lost to OCR ("C6 s12 mị đến:"), the expiry is the one date on the card on the
    holder's 25th, 40th or 60th birthday (a card runs to the next of those ages: Luật Căn cước
    công dân 2014 Đ.21, Luật Căn cước 2023 Đ.21)."""
    dob = fields.get("date_of_birth")
    if dob is None or dob.unread or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dob.value):
        return
    ages = {f"{int(dob.value[:4]) + age:04d}{dob.value[4:]}" for age in (25, 40, 60)}
    _put_card_date(
        fields,
        "expiry_date",
        _the_one_card_date(segs, ages.__contains__),
        "the only date on a birthday a card expires",
    )


def _card_issue_date(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """Its label lost to OCR ("Ngày, thi, nhìn / Đăng, nonth, yeu: 23/04/2024"), the issue date
    is the one date on the card that is neither the birth date nor the expiry and falls between
    the holder's 14th birthday (the youngest a card is made for, Luật Căn cước Đ.19) and the
    expiry."""
    dob, exp = fields.get("date_of_birth"), fields.get("expiry_date")
    if dob is None or dob.unread or exp is None or exp.unread:
        return
    low, high = f"{int(dob.value[:4]) + 14:04d}{dob.value[4:]}", exp.value
    _put_card_date(
        fields,
        "issue_date",
        _the_one_card_date(segs, lambda v: v not in (dob.value, high) and low <= v < high),
        "the only other date on the card",
    )


def _card_name_from_zone(
    document: Document, segs: list[Segment], fields: dict[str, FieldValue | None]
) -> None:
    """The zone's line 3 spells the name without marks (``TRAN<<NGOC<PHUONG<OANH``): when the
    printed name read does not fold to it (a garbled gloss taken for the value) and a line in
    capitals does, that line is the name."""
    zone = find_mrz(document, _printed_id(fields))
    if zone is None or not zone.name:
        return
    target = _zone_name_key(zone.name)
    fv = fields.get("full_name")
    printed = (
        _similar(_zone_name_key(fold(fv.value).upper()), target) if fv is not None and not fv.unread else 0.0
    )
    if fv is not None and printed == 1.0:
        # the zone spells the printed name letter for letter: a second reading of its letters
        fields["full_name"] = replace(fv, flags=(*fv.flags, "mrz_name"))
        return
    if printed >= 0.8:
        return
    best, score = None, 0.0
    for seg in segs:
        text = nfc_clean(seg.text).strip()
        if not seg.is_upper() or not _NAME_LINE.match(text):
            continue
        sim = _similar(_zone_name_key(fold(text).upper()), target)
        if sim > score:
            best, score = seg, sim
    if best is None or score < 0.85:
        if fv is not None and not fv.unread and printed < 0.5 and fv.bbox is not None:
            # the value read is no reading of the name the zone spells (a gloss, a garbled label)
            fields["full_name"] = unread_field(fv.page, fv.bbox, fv.raw, fv.source)
        return
    text = nfc_clean(best.text).strip()
    got = normalize_value("name", text)
    if got:
        new = make_field(got[0], text, list(best.words), best, 0.9 * got[1], got[2])
        if new is not None:
            fields["full_name"] = replace(new, repairs=(*new.repairs, "the name the MRZ spells"))


def _printed_id(fields: dict[str, FieldValue | None]) -> str | None:
    fv = fields.get("id_number")
    if fv is None or fv.unread or not valid_personal_id(fv.value) or len(fv.value) != 12:
        return None
    return fv.value


def _zone_name_key(text: str) -> str:
    # OCR of the zone's letters: 0 for O, 1 for I; spaces do not count
    return re.sub(r"[^A-Z]", "", text.upper().replace("0", "O").replace("1", "I"))


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


_NAME_LINE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+){1,5}$")


def _card_name_between(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """Every card design prints the name in capitals between the number and the date of birth:
    when its label was lost (read elsewhere, garbled), that capitals line is the name."""
    pid, dob = fields.get("id_number"), fields.get("date_of_birth")
    if pid is None or dob is None or pid.unread or dob.unread or pid.page != dob.page:
        return
    if pid.bbox is None or dob.bbox is None:
        return
    for seg in segs:
        top, bottom = seg.bbox[1], seg.bbox[3]
        if (
            seg.page.number != pid.page
            or top < pid.bbox[3] - seg.height * 0.3
            or bottom > dob.bbox[1] + seg.height * 0.3
        ):
            continue
        text = nfc_clean(seg.text).strip().lstrip(" .,_'`|")  # (". BÙI CÔNG NGHĨA": specks before it)
        if seg.is_upper() and _NAME_LINE.match(text) and ":" not in text:
            got = normalize_value("name", text)
            if got:
                fields["full_name"] = make_field(got[0], text, list(seg.words), seg, 0.9 * got[1], got[2])
            return


_NAME_LABEL_LINE = re.compile(r"^\W*ho\W+(?:chu\W+dem|va\W+ten|ten)\b")


def _card_name_under_label(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """The name in capitals a few lines under its label, a garbled gloss read between them
    ("Họ, chữ đệm và tên khai sinh" / "Sam, túc Free cá CN Ra" / "PHAN THỊ DIỄM LIÊN"): every
    card prints the name so, under its label, and the gloss is never in capitals."""
    for seg in segs:
        if not _NAME_LABEL_LINE.match(seg.folded):
            continue
        h = max(seg.height, 1)
        for nxt in segs[seg.index + 1 : seg.index + 4]:
            if nxt.page is not seg.page or nxt.bbox[1] > seg.bbox[3] + 4 * h or not nxt.overlaps_x(seg):
                continue
            text = nfc_clean(nxt.text).strip()
            if nxt.is_upper() and _NAME_LINE.match(text) and len(text.split()) >= 2:
                got = normalize_value("name", text)
                if got:
                    fv = make_field(got[0], text, list(nxt.words), nxt, 0.9 * got[1], got[2])
                    if fv is not None:
                        fields["full_name"] = replace(
                            fv, repairs=(*fv.repairs, "the capitals under the label")
                        )
                return
        return


_ZONE_LINE2 = re.compile(r"V[NMW]M\W?[<«‹]{3,}")


def _zone_line(text: str) -> bool:
    """A line of a TD1 zone: line 1 (``IDVNM`` and digits) or line 2 (``…VNM<<<<``)."""
    return zone_line1_id(text)[0] or bool(_ZONE_LINE2.search(re.sub(r"\s+", "", text.upper())))


def _zone_line1_number(segs: list[Segment], fields: dict[str, FieldValue | None]) -> None:
    """The printed number missed (red print OCR drops) and the zone not checking out as a
    whole: its line 1 still carries the number. The 12 digits before ``<<`` are taken when
    their own check digit holds and the ID's century-and-sex digit and birth year agree with
    the printed date of birth and sex (three independent checks); otherwise the card has a
    number the machine could not read — unread (review), not missing."""
    dob, sex = fields.get("date_of_birth"), fields.get("sex")
    for seg in segs:
        is_line1, pid = zone_line1_id(seg.text)
        if not is_line1:
            continue
        if pid is not None and valid_personal_id(pid) and dob is not None and not dob.unread:
            century = {"0": "19", "1": "19", "2": "20", "3": "20"}[pid[3]]
            agrees = dob.value[:4] == century + pid[4:6]
            if sex is not None and not sex.unread:
                agrees = agrees and (int(pid[3]) % 2 == 0) == (sex.value == "Nam")
            if agrees:
                fields["id_number"] = make_field(pid, seg.text, list(seg.words), seg, 0.9, ("mrz_line1",))
                return
        fields["id_number"] = unread_field(seg.page.number, seg.bbox, seg.text, seg.page.source)
        return


MRZ_FIELDS = {"id_number": "id_number", "date_of_birth": "birth", "sex": "sex", "expiry_date": "expiry"}


def _use_mrz(document: Document, fields: dict[str, FieldValue | None]) -> bool:
    """Fill what the printed side lacks (or left unread) from the machine-readable zone, whose
    check digits all hold; a printed value the zone confirms is two independent reads (R-D5)
    and is sure; a printed value the zone contradicts keeps its reading and the flag
    ``mrz_mismatch:<zone value>``, for correct.citizen_id.mrz_matches_printed."""
    zone = find_mrz(document, _printed_id(fields))
    if zone is None:
        return False
    for key, attr in MRZ_FIELDS.items():
        value = getattr(zone, attr)
        if not value:
            continue
        printed = fields.get(key)
        if printed is None or printed.unread or "invalid" in printed.flags:
            # absent, unread, or printed but not a valid value: the zone's checked reading
            fields[key] = FieldValue(
                value,
                zone.raw,
                0.97,
                zone.page,
                zone.bbox,
                "ocr",
                ("mrz",),
                (*zone.repairs, "MRZ: every check digit holds"),
            )
        elif printed.value == value:
            fields[key] = replace(
                printed,
                confidence=max(printed.confidence, 0.97),
                flags=(*tuple(f for f in printed.flags if f != "invalid"), "mrz_confirmed"),
                repairs=(*printed.repairs, "confirmed by the MRZ"),
            )
        elif not printed.value.startswith(value) and not value.startswith(printed.value):
            # a partial printed date (YYYY-MM) the zone completes is no disagreement
            fields[key] = replace(printed, flags=(*printed.flags, f"mrz_mismatch:{value}"))
    return True


def _merge_zone(front: dict[str, FieldValue], zone_side: dict[str, FieldValue]) -> dict[str, FieldValue]:
    merged = dict(front)
    for key, fv in zone_side.items():
        mine = merged.get(key)
        if "mrz" not in fv.flags:
            if mine is None or mine.unread:
                merged[key] = fv  # a back-side field the front does not carry (issue date, …)
            continue
        if mine is None or mine.unread:
            merged[key] = fv
        elif mine.value == fv.value:
            merged[key] = replace(
                mine,
                confidence=max(mine.confidence, fv.confidence),
                flags=(*tuple(f for f in mine.flags if f != "invalid"), "mrz_confirmed"),
                repairs=(*mine.repairs, "confirmed by the MRZ"),
            )
        elif not mine.value.startswith(fv.value) and not fv.value.startswith(mine.value):
            merged[key] = replace(mine, flags=(*mine.flags, f"mrz_mismatch:{fv.value}"))
    return merged


def _side(ex: Extraction) -> str | None:
    if ex.doc_type != "citizen_id":
        return None
    f = ex.values
    if "full_name" in f:
        return "front"
    if any("mrz" in fv.flags for fv in f.values()) or "issue_date" in f:
        return "back"
    return None


def join_card_sides(extractions: list[Extraction]) -> list[tuple[int, int, Extraction]]:
    """Front and back of one card scanned as two documents of a dossier → ``(front index, back
    index, the card as one document)``. A back joins the front whose ID number it carries (its
    zone's or printed), or the only front when the dossier holds one front and one back; the
    zone then confirms or contradicts the front's printed values as on a two-page scan."""
    fronts = [i for i, e in enumerate(extractions) if _side(e) == "front"]
    backs = [i for i, e in enumerate(extractions) if _side(e) == "back"]
    out: list[tuple[int, int, Extraction]] = []
    used: set[int] = set()
    for b in backs:
        bid = extractions[b].values.get("id_number")
        match = [
            f
            for f in fronts
            if f not in used
            and bid is not None
            and extractions[f].values.get("id_number") is not None
            and extractions[f].values["id_number"].value == bid.value
        ]
        if not match and len(fronts) == 1 and len(backs) == 1 and fronts[0] not in used:
            fid = extractions[fronts[0]].values.get("id_number")
            if bid is None or fid is None or fid.value == bid.value or "mrz" in bid.flags:
                match = fronts  # the zone's number against a misread front is the mismatch rule's
        if not match:
            continue
        f = match[0]
        used.add(f)
        front, back = extractions[f], extractions[b]
        fields = _merge_zone(front.fields, back.fields)
        ordered = {k: fields[k] for k in FIELDS["citizen_id"] if k in fields}
        out.append(
            (
                f,
                b,
                Extraction(
                    "citizen_id",
                    max(front.doc_type_confidence, back.doc_type_confidence),
                    ordered,
                    {**back.notes, **front.notes, "sides": [f, b]},
                ),
            )
        )
    return out


# --- birth_certificate ---------------------------------------------------------------------
_PARENT_HEAD = re.compile(r"^(?:\d+\W*|[ivx]+\W+)?thong tin (?:cua )?(?:nguoi )?(me|cha)\b\W*$")
PARENT_SPECS = [
    # (a column is narrow: a long name wraps onto the next line, "NGUYỄN TRUNG THANH" / "CƯỜNG")
    Spec("name", (*NAME, "ho chu dem ten"), "name", multiline=1),
    Spec("birth_year", ("nam sinh",), "year"),
    Spec("_other", ("dan toc", "quoc tich", "noi cu tru", "noi thuong tru", "dia chi")),
]


def _parent_columns(segs: list[Segment]) -> dict[str, list[Segment]]:
    """The mother's and the father's blocks side by side under "Thông tin người mẹ" |
    "Thông tin người cha" (TT 04/2020/TT-BTP form): each column read as a document of its own,
    since OCR interleaves the two columns' "Họ, chữ đệm, tên:" lines."""
    heads = [(seg, m.group(1)) for seg in segs if (m := _PARENT_HEAD.match(seg.folded.strip()))]
    for (a, pa), (b, pb) in pairwise(heads):
        if pa == pb or a.page is not b.page or abs(a.bbox[1] - b.bbox[1]) > max(a.height, 1):
            continue
        left, right = (a, b) if a.bbox[0] < b.bbox[0] else (b, a)
        split = (left.bbox[2] + right.bbox[0]) / 2
        end = next(
            (
                s.index
                for s in segs[max(a.index, b.index) + 1 :]
                if re.match(r"^(?:co quan|noi dang ky|ngay\W*thang\W*nam dang ky|ngay dang ky)", s.folded)
            ),
            len(segs),
        )
        body = [s for s in segs[max(a.index, b.index) + 1 : end] if s.page is a.page]
        return {
            "mother" if party == "me" else "father": [
                s for s in body if (s.x_center < split) == (head is left)
            ]
            for party, head in ((pa, a), (pb, b))
        }
    return {}


# The kinds of health facility a nơi sinh names (as the register writes them), whose words OCR
# reads with a wrong mark ("Bệnh viện Sản - Nhỉ", "Nhị" for Nhi): letters that fold the same.
_FACILITIES = (
    "Bệnh viện Sản - Nhi",
    "Bệnh viện Sản Nhi",
    "Bệnh viện Phụ sản",
    "Bệnh viện Đa khoa",
    "Bệnh viện Nhi",
    "Trung tâm Y tế",
    "Trạm Y tế",
    "Nhà hộ sinh",
)
_FACILITY_RES = [
    (
        re.compile(
            r"\s*-\s*".join(r"\s+".join(map(re.escape, fold(part).split())) for part in f.split(" - "))
            + r"(?![^\W\d_])"
        ),
        f,
    )
    for f in _FACILITIES
]


def _respell_facility(fields: dict[str, FieldValue | None]) -> None:
    fv = fields.get("place_of_birth")
    if fv is None or fv.unread or fv.value.isascii():
        return
    value, folded = fv.value, fold(fv.value)
    for rx, right in _FACILITY_RES:
        m = rx.match(folded)
        if m:
            said = value[: m.end()]
            want = right.upper() if said.isupper() else right
            if said != want:
                fields["place_of_birth"] = replace(
                    fv, value=want + value[m.end() :], repairs=(*fv.repairs, f"{said} → {want}")
                )
            return


def extract_birth_certificate(
    document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None
) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue | None] = dict(read_fields(segs, BIRTH_SPECS))
    _respell_facility(fields)
    for side, part in _parent_columns(segs).items():
        part = [replace(seg, index=i) for i, seg in enumerate(part)]
        for key, fv in read_fields(part, PARENT_SPECS).items():
            if _lacks(fields, f"{side}_{key}"):
                fields[f"{side}_{key}"] = fv
    if _lacks(fields, "registration_date"):
        pd = _place_date(segs, len(segs) // 2)
        if pd:
            fields["registration_date"] = _date_field(pd) or fields.get("registration_date")
    return _keep(fields, doc_type, segs, BIRTH_SPECS)


# --- marriage_certificate ------------------------------------------------------------------
MARRIAGE_SPECS = [
    Spec("registration_number", ("so", "s0"), "code"),
    Spec("book_number", ("quyen so",), "code"),
    Spec("registration_date", ("ngay thang nam dang ky", "ngay dang ky"), "date"),
    Spec(
        "registration_place",
        ("noi dang ky", "co quan dang ky", "noi dang ky ket hon", "co quan dang ky ket hon"),
        "place",
        multiline=1,
    ),
    Spec(
        "_rows",
        (
            "ho chu dem ten",
            "ho chu dem va ten",
            "ho va ten",
            "ngay thang nam sinh",
            "ngay sinh",
            "dan toc",
            "quoc tich",
            "noi cu tru",
            "giay to tuy than",
            "giay to nhan than",
        ),
    ),
]
_ROWS = (
    # a label cell may wrap, its values on the first line's row: "Họ, chữ đệm," / "tên",
    # "Ngày, tháng," / "năm sinh"
    # (OCR slips in the label words: "Họ, chữ đệ, lên", "Nghy, tháng, năm sinh")
    ("name", re.compile(r"^(?:ho\W*(?:chu\W*dem?\b(?:\W*(?:va\W*)?[tl]en)?|va ten|ten))\b"), "name"),
    (
        "date_of_birth",
        re.compile(
            r"^(?:ng[a-z]?y\W*thang(?:\W*nam)?(?:\W*sinh)?(?!\W*(?:nam\W*)?(?:dang ky|cap))|ngay sinh|sinh ngay)\b"
        ),
        "date",
    ),
    (
        "id_number",
        re.compile(
            r"^(?:so\W*)?(?:giay to (?:tuy|nhan)(?: than)?|dinh danh ca nhan|dinh danh|cccd|cmnd|"
            r"can cuoc(?: cong dan)?|the can cuoc|chung minh nhan dan)\b"
        ),
        "personal_id",
    ),
)


def _column_x(segs: list[Segment]) -> tuple[float, float] | None:
    """x centres of the "Chồng" and "Vợ" column headings."""
    for seg in segs:
        ws = [(fold(w.text).strip(".,:;"), w) for w in seg.words]
        ch = [w for t, w in ws if t in ("chong", "ben chong")]
        vo = [w for t, w in ws if t in ("vo", "ben vo")]
        if ch and vo:
            return (ch[0].bbox[0] + ch[0].bbox[2]) / 2, (vo[0].bbox[0] + vo[0].bbox[2]) / 2
    heads = {}
    for seg in segs:
        t = re.sub(r"[^a-z ]", "", seg.folded).strip()
        if t in ("chong", "ben chong", "ben nam") and "h" not in heads:
            heads["h"] = seg.x_center
        elif t in ("vo", "ben vo", "ben nu") and "w" not in heads:
            heads["w"] = seg.x_center
    if len(heads) == 2:  # either column first ("Thông tin | Vợ | Chồng" too)
        return heads["h"], heads["w"]
    return None


# A table row's label cell as OCR garbles it on a poor scan ("Naày, tháng, By sinh", "Giấy tờ
# thy thân", "Họ, Giản tên"): near enough the printed label, or "Họ … tên" with one or two
# words between, and no more than the label cell (a date or an ID ends it).
_ROW_WORDING = {
    "name": ("ho chu dem ten", "ho chu dem va ten", "ho va ten"),
    "date_of_birth": ("ngay thang nam sinh",),
    "id_number": ("giay to tuy than", "giay to nhan than"),
}


def _cell_right_of_words(seg: Segment, segs: list[Segment]) -> bool:
    """Words stand left of ``seg`` on its row (three letters or more: not a rule read "|")."""
    h = max(seg.height, 1)
    return any(
        o.page is seg.page
        and o.bbox[2] <= seg.bbox[0]
        and min(o.bbox[3], seg.bbox[3]) - max(o.bbox[1], seg.bbox[1]) >= 0.5 * h
        and sum(c.isalpha() for c in o.text) >= 3
        for o in segs
    )


_ROW_NAME_LOOSE = re.compile(r"^ho (?:[a-z]+ ){1,2}[tl]en$")


def _garbled_row_label(seg: Segment, row: str) -> int | None:
    """End offset (in ``seg.text``) of a row label OCR garbled past ``_ROWS``, or None."""
    words: list[str] = []
    best: int | None = None
    for w, (_, b) in zip(seg.words, seg.offsets, strict=False):
        t = re.sub(r"[^a-z]", "", fold(w.text))
        if not t or any(c.isdigit() for c in w.text) or w.text.strip() == "|" or len(words) >= 5:
            break
        words.append(t)
        label = " ".join(words)
        if "dang ky" in label or label.endswith(" cap"):
            return None
        if (row == "name" and _ROW_NAME_LOOSE.match(label)) or any(
            fuzz.ratio(label, x) >= 80 for x in _ROW_WORDING[row]
        ):
            best = b
    return best


_SECTION = re.compile(
    r"^(?:\d+\W*|[ivx]+\W+)?(?:thong tin (?:cua )?(?:nguoi |ben )?|ben |nguoi )?(chong|vo|nam|nu)\b\W*$"
)
_SECTION_NAMED = re.compile(r"^(?:\d+\W*|[ivx]+\W+)?(?:thong tin|ben|nguoi)\b|^(?:chong|vo)\W*:")
_PARTY_NAME = re.compile(
    r"^ho\W+(?:chu dem\W+(?:va\W+)?ten|va ten|ten)\W+(?:cua\W+)?(?:nguoi\W+|ben\W+)?"
    r"(chong|vo)\b\W*$"
)
_BARE_NAME_LABEL = re.compile(r"^ho\W+(?:chu\W+de\w?\W+(?:va\W+)?ten|va ten|ten)\b\W*$")
PARTY_SPECS = [
    Spec(
        "name",
        (
            *NAME,
            "ho chu dem ten",
            *tuple(
                f"{n} {p}"
                for n in ("ho chu dem ten", "ho chu dem va ten", "ho va ten", "ho ten")
                for p in ("chong", "vo", "nguoi chong", "nguoi vo")
            ),
        ),
        "name",
    ),
    Spec("date_of_birth", DOB, "date"),
    Spec(
        "id_number",
        (
            "giay to tuy than",
            "giay to nhan than",
            "so dinh danh ca nhan",
            "so dinh danh",
            "so cccd",
            "so giay to tuy than",
            "so can cuoc",
            "cccd so",
        ),
        "personal_id",
        multiline=1,
    ),
    Spec("_other", ("dan toc", "quoc tich", "noi cu tru", "noi thuong tru", "dia chi")),
]


def _party_sections(segs: list[Segment]) -> dict[str, list[Segment]]:
    """The husband's and the wife's sections of a certificate laid out one after the other
    ("Thông tin người chồng:" … "Bên nữ:" …), either first."""
    found = [(seg, m) for seg in segs if (m := _SECTION.match(seg.folded.strip()))]
    # column headings of a table ("Chồng   Vợ" on one row) or signature captions are no sections
    alone = [
        (seg, m)
        for seg, m in found
        if not any(
            o is not seg and o.page is seg.page and abs(o.bbox[1] - seg.bbox[1]) < max(seg.height, 1)
            for o, _ in found
        )
    ]
    if any(_SECTION_NAMED.match(seg.folded.strip()) for seg, _ in alone):
        # a heading that says whose section it is ("Bên nữ:", "Thông tin người chồng"): a bare
        # "Nam" is then the end of an address cut at its line ("…, tỉnh Quảng" / "Nam")
        alone = [(seg, m) for seg, m in alone if _SECTION_NAMED.match(seg.folded.strip())]
    heads = [(seg.index, "husband" if m.group(1) in ("chong", "nam") else "wife") for seg, m in alone]
    firsts: dict[str, int] = {}
    for i, side in heads:
        firsts.setdefault(side, i)
    if len(firsts) != 2:
        return _party_columns(segs)
    (a, side_a), (b, side_b) = sorted((i, side) for side, i in firsts.items())
    end = next(
        (
            s.index
            for s in segs[b + 1 :]
            if re.match(
                r"^(?:co quan|noi dang ky|ngay\W*thang\W*nam dang ky|"
                r"ngay dang ky)",
                s.folded,
            )
        ),
        len(segs),
    )
    return {side_a: segs[a + 1 : b], side_b: segs[b + 1 : end]}


def _party_columns(segs: list[Segment]) -> dict[str, list[Segment]]:
    """Husband and wife side by side, each column under its own name label ("Họ, chữ đệm, tên
    vợ:" | "Họ, chữ đệm, tên chồng:"), either on the left."""
    labels = [(seg, m.group(1)) for seg in segs if (m := _PARTY_NAME.match(seg.folded.strip()))]
    if len(labels) == 1:
        # the other party's word OCR lost from its label ("Họ, chữ đêm. tên \" beside "Họ, chữ
        # đệm, tên chồng:"): a name label level with the one found is the other party's
        (one, party), *_ = labels
        beside = [
            s
            for s in segs
            if s is not one
            and s.page is one.page
            and abs(s.bbox[1] - one.bbox[1]) <= max(one.height, 1)
            and _BARE_NAME_LABEL.match(s.folded.strip())
        ]
        if len(beside) == 1:
            labels = sorted(
                [(one, party), (beside[0], "vo" if party == "chong" else "chong")], key=lambda x: x[0].index
            )
    for (a, pa), (b, pb) in pairwise(labels):
        if pa == pb or a.page is not b.page or abs(a.bbox[1] - b.bbox[1]) > max(a.height, 1):
            continue
        left, right = (a, b) if a.bbox[0] < b.bbox[0] else (b, a)
        split = (left.bbox[0] + right.bbox[0]) / 2 + (right.bbox[0] - left.bbox[0]) * 0.2
        end = next(
            (
                s.index
                for s in segs[max(a.index, b.index) + 1 :]
                if re.match(r"^(?:co quan|noi dang ky|ngay\W*thang\W*nam dang ky|ngay dang ky)", s.folded)
            ),
            len(segs),
        )
        body = [s for s in segs[min(a.index, b.index) : end] if s.page is a.page]
        sides = {pa: a, pb: b}
        out = {}
        for party, head in sides.items():
            mine = []
            for s in body:
                # by word: OCR may join the two columns' lines ("…: 15/07/1990 Ngày, tháng, …")
                ws = tuple(w for w in s.words if (w.bbox[0] < split) == (head is left))
                if len(ws) == len(s.words):
                    mine.append(s)
                elif ws:
                    mine.append(Segment(ws, s.page, s.block, s.line, s.index))
            out["husband" if party == "chong" else "wife"] = mine
        return out
    return {}


def extract_marriage_certificate(
    document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None
) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue | None] = dict(read_fields(segs, MARRIAGE_SPECS))
    sections = _party_sections(segs)
    for side, part in sections.items():
        # label reading walks segments by index: a section is read as a document of its own
        part = [replace(seg, index=i) for i, seg in enumerate(part)]
        for key, fv in read_fields(part, PARTY_SPECS).items():
            fields.setdefault(f"{side}_{key}", fv)
    if sections:  # not a husband | wife table (the "Chồng  Vợ" at the foot are signatures)
        for side, part in sections.items():
            if fields.get(f"{side}_id_number") is None:
                _bare_party_id(fields, side, part)
        return _keep(fields, doc_type, segs, MARRIAGE_SPECS)
    cols = _column_x(segs)
    # without the "Chồng | Vợ" headings: the two value columns in reading order
    split = (cols[0] + cols[1]) / 2 if cols else None
    done: set[str] = set()
    for seg in segs:
        for row, rx, kind in _ROWS:
            # (a table's rule or a speck before the label cell: "| Giấy tờ tùy thân", "'Họ, chữ đệm")
            lead = len(seg.folded) - len(seg.folded.lstrip(" |!'`‘’\"[]()_.,:;-"))
            m = rx.match(seg.folded[lead:])
            end = lead + m.end() if m else _garbled_row_label(seg, row)
            if end is None or row in done or _cell_right_of_words(seg, segs):
                # (a party's cell that reads like a label, "Căn cước công dân số" under "Giấy tờ
                # tùy thân", is no row label: the label cell is the row's first)
                continue
            done.add(row)
            label_right = seg.words_in(0, end)[-1].bbox[2] if seg.words_in(0, end) else seg.bbox[0]
            line_segs = [
                o
                for o in segs
                if o.page is seg.page
                and o.index != seg.index
                and o.bbox[0] >= label_right
                and abs(o.bbox[1] + o.bbox[3] - seg.bbox[1] - seg.bbox[3]) / 2 < max(seg.height, 1) * 0.6
            ]
            rest = seg.text[end:].strip(" :")
            groups: list[list[Word]] = []
            if rest and normalize_value(kind, rest) is not None:  # else the label's tail ("cá")
                groups.append(seg.words_in(end, len(seg.text)))
            groups += [list(o.words) for o in sorted(line_segs, key=lambda o: o.bbox[0])]
            words = [w for g in groups for w in g]
            bars = [i for i, w in enumerate(words) if w.text.strip() == "|"]
            if len(groups) != 2 and len(bars) == 1:
                # the table's rule between the two cells read as "|": the split is there
                groups = [words[: bars[0]], words[bars[0] + 1 :]]
            if len(groups) != 2:  # columns not kept apart: split the words at the middle
                if split is None:
                    continue
                middle = split
                words = sorted((w for g in groups for w in g), key=lambda w: w.bbox[0])
                groups = [
                    [w for w in words if (w.bbox[0] + w.bbox[2]) / 2 < middle],
                    [w for w in words if (w.bbox[0] + w.bbox[2]) / 2 >= middle],
                ]
            sides = ("husband", "wife")
            if cols and cols[1] < cols[0]:  # the wife's column on the left
                sides = ("wife", "husband")
            for side, ws in zip(sides, groups, strict=False):
                ws = [w for w in ws if w.text.strip(" :|")]
                raw = nfc_clean(" ".join(w.text for w in ws)).lstrip(":").strip()
                got = normalize_value(kind, raw) if raw else None
                if got:
                    fields[f"{side}_{row}"] = make_field(got[0], raw, ws, seg, got[1], got[2])
                elif kind == "personal_id" and cols:
                    _id_below(
                        fields, f"{side}_{row}", seg, segs, cols[0] if side == "husband" else cols[1], cols
                    )
    for side in ("husband", "wife"):
        if _lacks(fields, f"{side}_id_number"):
            _party_id_by_birth(fields, side, segs)
    return _keep(fields, doc_type, segs, MARRIAGE_SPECS)


def _party_id_by_birth(fields: dict[str, FieldValue | None], side: str, segs: list[Segment]) -> None:
    """A party's số định danh whose row label OCR garbled ("B0CCCI)" for "Số CCCD"): the one
    valid 12-digit number on the certificate whose digit 4 (century and sex: 0/2 a man born in
    the 1900s/2000s, 1/3 a woman) and digits 5–6 (year) are those of this party's date of birth
    (NĐ 137/2015 Đ.13; a marriage is a man's and a woman's, Luật HN&GĐ 2014 Đ.8)."""
    dob = fields.get(f"{side}_date_of_birth")
    if dob is None or dob.unread or not re.match(r"(19|20)\d\d", dob.value):
        return
    sex_digit = (0 if side == "husband" else 1) + (2 if dob.value.startswith("20") else 0)
    head = f"{sex_digit}{dob.value[2:4]}"
    found = {
        m.group(0): (seg, m)
        for seg in segs
        for m in _ID_IN_CELL.finditer(seg.text)
        if m.group(0)[3:6] == head and valid_personal_id(m.group(0))
    }
    if len(found) != 1:
        return
    seg, m = next(iter(found.values()))
    fv = make_field(m.group(0), m.group(0), seg.words_in(m.start(), m.end()), seg, 0.85)
    if fv is not None:
        fields[f"{side}_id_number"] = replace(
            fv, repairs=(*fv.repairs, "the one ID of the party's sex and birth year on the certificate")
        )


_ID_IN_CELL = re.compile(r"(?<!\d)\d{12}(?!\d)")


def _bare_party_id(fields: dict[str, FieldValue | None], side: str, part: list[Segment]) -> None:
    """A party's số định danh whose label OCR garbled ("Đ0ECCD," for "Số CCCD"): the one valid
    12-digit number in the party's own section or column, taken only when its digits 5–6 are
    the year of the party's date of birth read on the same certificate (NĐ 137/2015 Đ.13)."""
    dob = fields.get(f"{side}_date_of_birth")
    if dob is None or dob.unread or len(dob.value) < 4:
        return
    found = {
        (m.group(0), seg.index): (seg, m)
        for seg in part
        for m in _ID_IN_CELL.finditer(seg.text)
        if valid_personal_id(m.group(0)) and m.group(0)[4:6] == dob.value[2:4]
    }
    if len({v for v, _ in found}) != 1:
        return
    seg, m = next(iter(found.values()))
    fv = make_field(m.group(0), m.group(0), seg.words_in(m.start(), m.end()), seg, 0.9)
    if fv is not None:
        fields[f"{side}_id_number"] = replace(
            fv, repairs=(*fv.repairs, "the one ID in the party's column, its birth year the party's")
        )


def _id_below(
    fields: dict[str, FieldValue | None],
    key: str,
    row: Segment,
    segs: list[Segment],
    col_x: float,
    cols: tuple[float, float],
) -> None:
    """A table's ID cell that wraps: "Căn cước công dân số" on the row, the 12 digits on the
    cell's next lines ("096******597, cấp ngày …", masked here) — the lines below the row in this party's
    column (nearer its heading than the other's)."""
    h = max(row.height, 1)
    other = cols[1] if col_x == cols[0] else cols[0]
    below = []
    for o in segs:
        if o.page is not row.page or not row.bbox[3] <= o.bbox[1] <= row.bbox[3] + 4 * h:
            continue
        # OCR may join the two cells of a row into one line ("0771…, cấp ngày … | 0960…, cấp
        # ngày …"): this party's words are those nearer its column
        mine = tuple(w for w in o.words if abs(w.bbox[0] - col_x) < abs(w.bbox[0] - other))
        if not mine or mine[0].bbox[0] <= row.bbox[0] + h:
            continue
        below.append(o if len(mine) == len(o.words) else Segment(mine, o.page, o.block, o.line, o.index))
    below.sort(key=lambda o: o.bbox[1])
    for o in below[:2]:
        m = _ID_IN_CELL.search(o.text)
        if m:
            got = normalize_value("personal_id", m.group(0))
            if got:
                fields[key] = make_field(
                    got[0], m.group(0), o.words_in(m.start(), m.end()), o, got[1], got[2]
                )
            return


# --- land_use_certificate ------------------------------------------------------------------
_SERIAL = re.compile(r"(?<![A-Za-zĐđ0-9])([A-ZĐ]{1,3})\s?(\d{6,8})(?!\d)")
# What may stand beside a serial on its own line: specks, a "Số"/"No." before it.
_SERIAL_REST = re.compile(r"(?i)[\s.,:;'\"`|_~*-]+|^\s*(?:s[ốoô]|no)\b")


def _serial(m: re.Match) -> str:
    letters = m.group(1)
    if len(letters) > 2:  # OCR doubled a letter: "BĐĐ 123…"
        letters = re.sub(r"(.)\1+", r"\1", letters)[:2]
    return f"{letters} {m.group(2)}"


# A line that is a series and a number and nothing else, printed other than the blanks are
# ("C-7144829", "71513814 AA"): the số phát hành as printed, for correct.land_serial.format.
_SERIAL_MALFORMED = re.compile(r"[A-ZĐ]{1,3}[-.]\d{6,8}|\d{6,8} ?[A-ZĐ]{1,3}")


def _malformed_serial(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    found = [(seg, m) for seg in segs if (m := _SERIAL_MALFORMED.fullmatch(seg.text.strip(" .,;:|")))]
    if len(found) == 1:  # one such line only: nothing else on the page it could be
        seg, m = found[0]
        fields["serial_number"] = make_field(m.group(0), m.group(0), seg.words_in(0, len(seg.text)), seg)


def _signing_agency(segs: list[Segment], date_seg: Segment) -> FieldValue | None:
    lines: list[Segment] = []
    for seg in segs[date_seg.index + 1 : date_seg.index + 6]:
        if not any(c.isalnum() for c in seg.text):
            continue  # a table's rule read as "|" beside the agency's lines: not their end
        if (
            seg.page is not date_seg.page
            or not seg.overlaps_x(date_seg)
            or not seg.is_upper()
            # the agency is printed under the date line: not the title's words read again
            # after a second reading that ran the page's lines into one
            or seg.bbox[1] < date_seg.bbox[1] + date_seg.height / 2
        ):
            if lines:
                break
            continue
        f = _AUTHORITY.sub("", seg.folded)
        # "TRƯỜNG TỈNH CÀ MAU" ends "Sở Nông nghiệp và Môi / trường": not the title TRƯỞNG
        continued = bool(lines) and (
            seg.text.lstrip().upper().startswith("TRƯỜNG")
            # "… THÀNH" / "PHỐ CÀ MAU": a unit word cut at the line's end, not the title PHÓ
            or fold(lines[-1].text).rstrip(" .,").endswith((" thanh", " thi"))
        )
        if (_POSITION.match(f) and not continued) or (_AUTHORITY.match(seg.folded) and lines):
            break
        lines.append(seg)
    if not lines:
        return None
    raw = " ".join(s.text for s in lines)
    # (after a table's rule read as "|" before it: "| TM. ỦY BAN NHÂN DÂN HUYỆN |")
    # ("'TTM. ỦY BAN …": a speck and a doubled letter before the TM.)
    value = drop_junk(
        re.sub(r"^[\s|!\[\]'\"`‘’_.,-]*T?(?:TM|KT|Q|TL|TUQ)\s*[.:,]\s*", "", raw, flags=re.IGNORECASE)
    )
    # the authority line read on the agency's line ("… TỈNH CÀ MAU KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
    # "… HUYỆN ĐẦM DƠI _KT. CHỦ TỊCH": a speck glued before it)
    value = re.split(r"\s+[_|!'`‘’.,-]*(?:KT|TL|TUQ)\b[.,:]?\s", value)[0]
    words = [w for s in lines for w in s.words]
    return make_field(value, nfc_clean(raw), words, lines[0])


# "… sử dụng đất Bạc Liêu, ngày 22 tháng 7 năm 2017": a place's name, a comma, "ngày" and a day
_PLACE_DATE_AFTER = re.compile(r"\s+[A-ZĐ][^\d,;:]{1,30},\s*ng\S{1,3}\s+\d{1,2}\b")


def _signing_place_date(segs: list[Segment]) -> tuple[Segment, FieldValue | None] | None:
    """The "<Địa danh>, ngày …" line over the signature and the agency signing under it.

    The line whose agency under it reads longest, the last of equals (a second reading of the
    page may hold the line again, the agency glued onto it or cut short), else the last one."""
    lines = [seg for seg in segs if _PLACE_DATE.match(seg.folded) and parse_date(seg.text)]
    found = [(seg, agency) for seg in lines if (agency := _signing_agency(segs, seg)) is not None]
    if found:
        return max(reversed(found), key=lambda f: len(f[1].value.split()) if f[1] else 0)
    return (lines[-1], None) if lines else None


# Signs no số vào sổ is printed with ("CS 04725", "H04670", "00123 QSDĐ/456/QĐ-UB"):
# brackets, commas, bars — OCR's reading of a stamp or a scratch over it
_REGISTER_JUNK = re.compile(r"[()\[\]{},;|<>«»]")


def _garbled_register_number(fields: dict[str, FieldValue | None]) -> None:
    """A số vào sổ read as signs no register number has ("CđĐ tU(IN,(C1I1UJ271441") or with
    no figure ("cấp", the label's own word): unread, not a value."""
    fv = fields.get("register_number")
    if fv is None or fv.unread:
        return
    if not any(c.isdigit() for c in fv.value) or _REGISTER_JUNK.search(fv.value):
        fields["register_number"] = unread_field(fv.page, fv.bbox, fv.raw, fv.source)


def _printed_birth_years(segs: list[Segment]) -> set[str]:
    """The years printed as "năm sinh" / "sinh năm" on the page."""
    return {m.group(1) for seg in segs for m in PRINTED_BIRTH_YEAR.finditer(seg.text)}


def _holder_id_by_birth_year(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """The holder's số định danh whose label OCR could not read whole (split at the line's end:
    "…; Số định" / "danh cá nhân: 0…"): the one valid 12-digit number on the certificate whose
    digits 5–6 are the year of the one "sinh năm" printed on it (NĐ 137/2015 Đ.13)."""
    if not _lacks(fields, "holder_id_number"):
        return
    years = _printed_birth_years(segs)
    if len(years) != 1:
        return
    (year,) = years
    found = {
        m.group(0): (seg, m)
        for seg in segs
        for m in _ID_IN_CELL.finditer(seg.text)
        if m.group(0)[4:6] == year[2:] and valid_personal_id(m.group(0))
    }
    if len(found) != 1:
        return
    seg, m = next(iter(found.values()))
    fv = make_field(m.group(0), m.group(0), seg.words_in(m.start(), m.end()), seg, 0.9)
    if fv is not None:
        fields["holder_id_number"] = replace(
            fv, repairs=(*fv.repairs, "the one ID on the certificate of the holder's birth year")
        )


# "… GCN: CS 00760" where the label's first words were lost or split off ("Số vào sổ cấp" |
# "GCN:CS-00760"), a frame's rule through the line read as "-" for the spaces
_REGISTER_AFTER_GCN = re.compile(r"\bGCN\s*[:.\-–—_]?\s*([A-ZĐ]{1,3})(\s?[\-–—_]?\s?)(\d{3,6})(?![\d/])")


def _register_after_gcn(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """The số vào sổ cấp GCN when its label reading gave nothing with a figure: the one
    series-and-number printed right after "GCN" (TT 23/2014 form), read a little in doubt."""
    fv = fields.get("register_number")
    if fv is not None and any(c.isdigit() for c in fv.value):
        return
    # (the series and the number as printed: "CS 00760" spaced, "H04670" not)
    found = [
        (seg, m, f"{m.group(1)}{' ' if m.group(2) else ''}{m.group(3)}")
        for seg in segs
        if (m := _REGISTER_AFTER_GCN.search(seg.text))
    ]
    if len({v for _, _, v in found}) != 1:
        return
    seg, m, value = found[0]
    got = make_field(value, m.group(0), seg.words_in(m.start(1), m.end(3)), seg, 0.85)
    if got is not None:
        fields["register_number"] = got


def extract_land_use_certificate(
    document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None
) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue | None] = dict(read_fields(segs, LAND_SPECS))
    serial = fields.get("serial_number")
    m = _SERIAL.search(serial.value) if serial else None
    if serial and m:
        fields["serial_number"] = FieldValue(
            _serial(m), serial.raw, serial.confidence, serial.page, serial.bbox, serial.source, serial.flags
        )
    if not m:
        fields.pop("serial_number", None)
        for seg in segs:
            m = _SERIAL.search(seg.text)
            if m and re.search(r"\d{9,}", seg.text):
                # a line of a second reading that runs several lines together, the serial at its
                # end ("… thành phố Huế AB 902592"): that one, in doubt as any serial in text
                last = list(_SERIAL.finditer(seg.text))[-1]
                m = last if not seg.text[last.end() :].strip(" .,;:|") and len(last.group(1)) == 2 else None
            if m:
                # The form prints the số phát hành with no label (TT 23/2014, TT 10/2024: at the
                # foot of page 1): a line that is the serial and nothing else is that print, read
                # as surely as its words; a serial-like run inside other text may be something
                # else (a hồ sơ number), so it is held in doubt.
                alone = not _SERIAL_REST.sub("", seg.text[: m.start()] + seg.text[m.end() :])
                fields["serial_number"] = make_field(
                    _serial(m), m.group(0), seg.words_in(m.start(), m.end()), seg, 1.0 if alone else 0.8
                )
                break
        else:
            _malformed_serial(fields, segs)
    _register_after_gcn(fields, segs)
    _garbled_register_number(fields)
    _holder_id_by_birth_year(fields, segs)
    pd = _signing_place_date(segs)
    if pd:
        fields["issue_date"] = _date_field(pd[0])
        fields["issuing_agency"] = pd[1]
    _area_by_words(fields, segs)
    for key in ("land_use_origin", "land_use_purpose"):
        fv = fields.get(key)
        if fv is not None and not fv.unread and (cut := _PLACE_DATE_AFTER.search(fv.value)):
            # the signature's "<Địa danh>, ngày …" glued onto the value's line (a page read twice)
            fv = fields[key] = replace(fv, value=fv.value[: cut.start()].rstrip(" ,.;"))
        if (
            fv is not None
            and not fv.unread
            and (right := respell_set_phrase(fv.value, LAND_PHRASES)) != fv.value
        ):
            fields[key] = replace(fv, value=right, repairs=(*fv.repairs, "the set phrase's spelling"))
    return _keep(fields, doc_type, segs, LAND_SPECS)


# "3.3817 m2": a group of four digits after the separator is no number in either convention
# (domain-vn §3.2): the decimal comma was read as nothing, or as a dot
_MISGROUPED = re.compile(r"\d[.,]\d{4,}")
_AREA_WORDS = re.compile(r"(?is)b[aằ]ng\s*ch[uữ]\s*[:：]?\s*([^)]{3,160})")


def _area_by_words(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """An area whose figures OCR misgrouped, set right by the same area in words beside it
    (R-D3: "bằng số" = "bằng chữ"): taken only when the words' number has the very digits the
    figures show, in their order — the separator alone was misread."""
    fv = fields.get("area_m2")
    if fv is None or fv.unread or not _MISGROUPED.search(fv.raw or ""):
        return
    seg = next(
        (s for s in segs if s.page.number == fv.page and fv.bbox and s.bbox[1] <= fv.bbox[1] <= s.bbox[3]),
        None,
    )
    if seg is None:
        return
    text = " ".join(s.text.strip(" |") for s in segs[seg.index : seg.index + 4])
    m = _AREA_WORDS.search(text)
    if not m:
        return
    words = re.sub(r"(?i)\bmét vuông\b.*$", "", m.group(1)).strip(" ,.")
    whole, _, frac = fold(words).partition("phay")
    number = words_number(whole)
    if number is None:
        return
    digits = str(number)
    if frac.strip():
        f = words_number(frac) if not all(w in _DIGIT_WORDS for w in frac.split()) else None
        tail = "".join(_DIGIT_WORDS[w] for w in frac.split()) if f is None else str(f)
        if not tail.isdigit():
            return
        digits, value = digits + tail, format_decimal(float(f"{number}.{tail}"))
    else:
        value = str(number)
    figures = re.search(r"\d[\d.,]*\d", fv.raw or "")  # the number, not the "2" of "m2"
    if figures is None or re.sub(r"\D", "", figures.group(0)) != digits:
        return
    fields["area_m2"] = replace(
        fv,
        value=value,
        confidence=max(fv.confidence, 0.9),
        repairs=(*fv.repairs, f"{fv.raw.strip()} → {value}, as the words give it"),
    )


_DIGIT_WORDS = {
    "khong": "0",
    "mot": "1",
    "hai": "2",
    "ba": "3",
    "bon": "4",
    "tu": "4",
    "nam": "5",
    "sau": "6",
    "bay": "7",
    "tam": "8",
    "chin": "9",
}


# --- business_registration -----------------------------------------------------------------
def _header_lines(segs: list[Segment]) -> list[Segment]:
    """Upper-case agency lines left of the national motto, above the title."""
    mottos = [s for s in segs[:8] if _MOTTO.match(s.folded)]
    out = []
    for seg in segs[:10]:
        if _MOTTO.match(seg.folded) or not seg.is_upper():
            continue
        if any(seg.x_center > m.bbox[0] and seg.overlaps_x(m) for m in mottos):
            continue
        if mottos and seg.bbox[1] > max(m.bbox[3] for m in mottos) + 4 * seg.height:
            break
        if re.match(r"^(?:giay chung nhan|so\s*[:.]?\s*\d|ma so)", seg.folded):
            break
        out.append(seg)
    return out


# "Đăng ký thay đổi lần thứ: 2, ngày …" as OCR reads it: "lần thể", "lần thử", "lần duf" (the
# last word misread), "thay đốt", "9 ký thay đổi" (the first word lost); the number a digit
# or its look-alike ("Ï, ngày …": a 1); "thứ" read as a longer word ("lần thuế", "lần thuứ")
_AMENDMENT = re.compile(r"(?<!\w)ky\s+thay\s+do\w?\s+lan\s+\w{2,4}\W*")


def extract_business_registration(
    document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None
) -> dict[str, FieldValue]:
    fields: dict[str, FieldValue | None] = dict(read_fields(segs, BUSINESS_SPECS))
    name = fields.get("enterprise_name")
    if name is not None and not name.unread and (legal := respell_legal_form(name.value)) != name.value:
        fields["enterprise_name"] = replace(
            name, value=legal, repairs=(*name.repairs, "the legal form's spelling")
        )
    for seg in segs:
        m = _AMENDMENT.search(seg.folded)
        if not m:
            continue
        rest = seg.text[m.end() :]
        n = re.match(r"\s*([\doil|]{1,3})(?!\w)", seg.folded[m.end() :])
        if n:
            number = str(int(n.group(1).translate(str.maketrans("oil|", "0111"))))
            raw = seg.text[m.end() : m.end() + n.end()].strip()
            fields["amendment_number"] = make_field(
                number, raw, seg.words_in(m.end(), m.end() + n.end()), seg
            )
        d = parse_date(rest)
        if d and not day_lost(rest, d[1]):
            k = re.search(r"ngay\b", seg.folded[m.end() :])
            start = m.end() + (k.start() if k else 0)
            fields["amendment_date"] = make_field(
                d[0], nfc_clean(seg.text[start:]), seg.words_in(start, len(seg.text)), seg
            )
        break
    head = _header_lines(segs)
    if head:
        value = drop_junk(" ".join(s.text for s in head))
        fields["issuing_agency"] = make_field(value, value, [w for s in head for w in s.words], head[0])
    if notes is not None and (sex := _representative_sex(segs)):
        # the certificate prints the representative's sex (domain-vn §2.5): no field of the
        # contract, but what the ID's digit 4 is checked against (R-D3)
        notes["legal_representative_sex"] = sex
    return _keep(fields, doc_type, segs, BUSINESS_SPECS)


_REPRESENTATIVE = re.compile(r"\bnguoi dai dien theo phap luat\b")
_SEX_LINE = re.compile(r"\bgioi tinh\W*(nam|nu)\b")


def _representative_sex(segs: list[Segment]) -> str | None:
    """The one "Giới tính" printed in the legal representative's section (after its heading,
    within the next lines, before another section's number)."""
    for i, seg in enumerate(segs):
        if _REPRESENTATIVE.search(seg.folded):
            found = {m.group(1) for s in segs[i : i + 6] if (m := _SEX_LINE.search(s.folded))}
            if len(found) == 1:
                return "Nam" if found.pop() == "nam" else "Nữ"
            return None
    return None


# --- application_form ----------------------------------------------------------------------
_FORM_TITLE = re.compile(r"^(?:don|to khai|giay de nghi|phieu)\b")
# Where a form's body starts: the recipient, or the first labelled line.
_FORM_BODY = re.compile(r"^(?:kinh gui|ve viec\b)|:")
# Upper-case lines above the title that are not it: an agency, a form code, a number.
_NOT_FORM_TITLE = re.compile(
    r"^(?:uy ban|ubnd|cong an|so\b|phong\b|bo\b|cuc\b|chi cuc|mau\b|mau so|so\s*:|ma\b|tinh\b|huyen\b|xa\b)"
)


# Specks OCR reads at a title's ends ("'TỜ KHAI …").
_TITLE_SPECKS = " '\"`‘’“”*.,:;_|~-"


def _title_value(lines: list[Segment]) -> str:
    read = drop_junk(" ".join(s.text for s in lines)).strip(_TITLE_SPECKS)
    return respell_form_slips(form_phrase_specks(respell_form_words(read)))


def _title_with_next(seg: Segment, segs: list[Segment]) -> list[Segment]:
    """The title line and the upper-case lines that continue it just under it."""
    lines = [seg]
    for nxt in segs[seg.index + 1 : seg.index + 3]:
        if (
            nxt.is_upper()
            and nxt.page is seg.page
            and nxt.overlaps_x(seg)
            and nxt.bbox[1] - lines[-1].bbox[3] < seg.height * 1.2
            and not _MOTTO.match(nxt.folded)
            and not _FORM_BODY.search(nxt.folded)
        ):
            lines.append(nxt)
        else:
            break
    return lines


def _form_title(segs: list[Segment]) -> FieldValue | None:
    """The form's title (ĐƠN …, TỜ KHAI …, GIẤY ĐỀ NGHỊ …, PHIẾU …).

    Every đơn and tờ khai has one (TT 04/2020/TT-BTP, TT 01/2022/TT-BTP forms and the đơn of
    any thủ tục), centred under the national motto and above "Kính gửi" or the first label. A
    title worded otherwise ("BẢN KHAI …") is the upper-case line in that place. Found nowhere,
    the title is on the page and the machine missed it (a garbled or faint line): unread, shown
    between the motto and the body, never absent (it has no label to be left blank)."""
    head = segs[:20]
    for seg in head:
        if _FORM_TITLE.match(seg.folded.lstrip(_TITLE_SPECKS)) and seg.is_upper():
            lines = _title_with_next(seg, segs)
            value = _title_value(lines)
            return make_field(value, value, [w for s in lines for w in s.words], seg)
    motto = [s for s in head if _MOTTO.match(s.folded)]
    body = next(
        (s for s in head if (not motto or s.index > motto[-1].index) and _FORM_BODY.search(s.folded)), None
    )
    start = motto[-1].index + 1 if motto else 0
    end = body.index if body is not None else min(len(segs), start + 4)
    for seg in segs[start:end]:
        if (
            seg.is_upper()
            and len(seg.words) >= 2
            and not _MOTTO.match(seg.folded)
            and not _NOT_FORM_TITLE.match(seg.folded)
        ):
            lines = _title_with_next(seg, segs)
            value = _title_value(lines)
            # where the title stands, not what it begins with: read a little less surely
            return make_field(value, value, [w for s in lines for w in s.words], seg, 0.9)
    if not segs:
        return None
    page = (motto[-1] if motto else segs[0]).page
    top = motto[-1].bbox[3] if motto else 0
    bottom = (
        body.bbox[1] if body is not None and body.page is page else min(page.height, top + page.height // 8)
    )
    return unread_field(page.number, (0, top, page.width, max(top + 1, bottom)), "", page.source)


# Lines of a đơn / tờ khai that say who applies: printed, they are to be filled in.
_APPLICANT_LINES = ("date_of_birth", "applicant_id_number", "address")
_OTHER_PERSON = re.compile(
    r"\bnguoi co ten duoi day\b|^\W*(?:\d+\W*|[ivx]+\W+)?thong tin (?:cua )?nguoi duoc (?:cap|khai sinh|dang ky)"
)


def extract_application_form(
    document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None
) -> dict[str, FieldValue]:
    # "… cho người có tên dưới đây:" opens another person's part (the child of a tờ khai khai
    # sinh, the one a copy is for): its name and birth date are not the applicant's
    cut = next((s.index for s in segs if _OTHER_PERSON.search(s.folded)), len(segs))
    fields: dict[str, FieldValue | None] = dict(read_fields(segs[:cut], APPLICATION_SPECS))
    fields["form_title"] = _form_title(segs)
    if notes is not None:
        # the applicant's own lines printed on the form and left blank: the form lacks them
        hits = find_hits(segs[:cut], Labels(APPLICATION_SPECS))
        assign_hits(hits)
        seen = {h.spec.key for h in hits if h.spec is not None}
        blank = [k for k in _APPLICANT_LINES if k in seen and fields.get(k) is None]
        if blank:
            notes["blank_lines"] = blank
        # the applicant's "Giới tính" (CT01, CC01 print it): what digit 4 of their ID must say
        found = {m.group(1) for seg in segs[:cut] if (m := _SEX_LINE.search(seg.folded))}
        if len(found) == 1:
            notes["applicant_sex"] = "Nam" if found.pop() == "nam" else "Nữ"
    pd = _place_date(segs, len(segs) // 3)
    if pd:
        fields["request_date"] = _date_field(pd)
    _request_date_slips(fields, segs)
    _name_lookalikes(fields)
    _name_as_signed(fields, segs)
    _recipient_of_garbled_label(fields, segs[:cut])
    fv = fields.get("recipient")
    if fv is not None and not fv.unread and (right := _recipient_spelled(fv.value)) != fv.value:
        fields["recipient"] = replace(fv, value=right, repairs=(*fv.repairs, "the set phrase's spelling"))
    _place_names_capitalized(fields)
    _birth_date_of_garbled_label(fields, segs[:cut])
    _phone_below_label_tail(fields, segs[:cut])
    kept = _keep(fields, doc_type, segs, APPLICATION_SPECS)
    _applicant_id_in_boxes(kept)
    _applicant_id_of_comb(kept, segs[:cut])
    return kept


# "Ngày sàn: 26/05/1994": "Ngày sinh" with its second word misread (a word of s and 2–4 letters),
# an item's number before it; the label ends at its colon
_GARBLED_DOB = re.compile(r"^\W*(?:\d{1,2}\W+)?ngay\s+s[a-z]{1,4}\s*[:;]")


def _birth_date_of_garbled_label(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """No date of birth found by its label, when the label was read "Ngày sàn:" (no "Ngày s…"
    label of a đơn is another date): the whole date after it, in the applicant's part, read a
    little less surely. A value that is no whole date is left alone."""
    if fields.get("date_of_birth") is not None:
        return
    for seg in segs:
        m = _GARBLED_DOB.match(seg.folded)
        if m is None:
            continue
        got = normalize_value("date", seg.text[m.end() :])
        if got is None or "precision_" in " ".join(got[2]) or "placeholder" in got[2]:
            return
        words = seg.words_in(m.end(), len(seg.text))
        fields["date_of_birth"] = make_field(
            got[0], nfc_clean(seg.text[m.end() :]), words, seg, 0.9 * got[1], got[2]
        )
        return


# The agencies a đơn is addressed to, their name's head before the unit ("Công an xã …").
_RECIPIENT_HEADS = ("Công an", "Ủy ban nhân dân", "Phòng Tư pháp")
_UNIT_NEXT = re.compile(r"^(?:xa|phuong|thi tran|thi xa|huyen|quan|tinh|thanh pho)\b")


def _recipient_head(value: str) -> str | None:
    """The agency head ``value`` opens with, before a unit word, read with a letter or two
    wrong ("Cũng an xã Hàng Vịnh") → ``value`` with the head as printed; None if it opens with
    none."""
    words = value.split(" ")
    for head in _RECIPIENT_HEADS:
        n = len(head.split(" "))
        got, want = fold(" ".join(words[:n])), fold(head)
        if not _UNIT_NEXT.match(fold(" ".join(words[n:]))):
            continue
        if got == want:
            return value
        if fuzz.ratio(got, want) >= 85:
            return " ".join([head, *words[n:]])
    return None


def _recipient_spelled(value: str) -> str:
    """A recipient as the forms print it: its head's letters and the marks of its set phrases
    (``respell_form_words``), an "Ia …" name read "la …" (``ia_names``)."""
    return ia_names(respell_form_words(_recipient_head(value) or value))


def _phone_below_label_tail(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """A phone label whose tail OCR misread past the label table ("Số điện thon Bên hệ-": the
    rest, "Bên hệ-", taken for its value and unread), its number on the line under it (a form
    with its values under their labels): that line's number, when it is one and alone there."""
    fv = fields.get("phone")
    if fv is None or not fv.unread or fv.bbox is None or any(ch.isdigit() for ch in fv.raw):
        return
    box = fv.bbox
    seg = next((s for s in segs if s.page.number == fv.page and _inside(box, s.bbox)), None)
    below = line_below(seg, segs) if seg is not None else None
    if below is None or not re.fullmatch(r"[\d .]{9,14}", below.text.strip()):
        return
    got = normalize_value("phone", below.text)
    if got is not None and (
        new := make_field(got[0], below.text.strip(), list(below.words), below, got[1], got[2])
    ):
        fields["phone"] = replace(new, repairs=("its label's tail misread: the number under it",))


def _inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


# "Rùnh gì: Công an xã …": a label of a word or two misread past the table's reach, its colon
_SHORT_LABEL = re.compile(r"^\s*\S{1,6}(?:\s+\S{1,6})?\s*[:;]\s*(?=\S)")


def _recipient_of_garbled_label(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """No "Kính gửi" found (read "Rùnh gì:"): the value after a short label near the top, above
    the applicant's name, that opens with an agency's head before a unit ("Công an xã …", "Ủy
    ban nhân dân phường …") is the recipient, read a little less surely."""
    if fields.get("recipient") is not None:
        return
    name = fields.get("applicant_name")
    top = (name.page, name.bbox[1]) if name is not None and name.bbox is not None else None
    for seg in segs[:15]:
        if top is not None and (seg.page.number, seg.bbox[1]) >= top:
            return  # the applicant's part: "Nơi cấp: Công an tỉnh …" is no addressee
        m = _SHORT_LABEL.match(seg.text)
        if m is None or _recipient_head(seg.text[m.end() :].strip()) is None:
            continue
        value = nfc_clean(seg.text[m.end() :])
        fields["recipient"] = make_field(value, value, seg.words_in(m.end(), len(seg.text)), seg, 0.9)
        return


# The words that open a part of an address and name its unit: written small, the name after
# them capitalized syllable by syllable.
_UNIT_WORDS = frozenset(
    [
        "số",
        "đường",
        "phố",
        "ấp",
        "thôn",
        "xóm",
        "bản",
        "buôn",
        "làng",
        "khóm",
        "sóc",
        "tổ",
        "khu",
        "xã",
        "phường",
        "thị",
        "trấn",
        "huyện",
        "quận",
        "thành",
        "tỉnh",
    ]
)


def _place_names_capitalized(fields: dict[str, FieldValue | None]) -> None:
    """An address whose name lost a syllable's capital to OCR ('xã Minh sơn', a hand's S read
    small): every syllable of a unit's name is capitalized, when the name's others are."""
    fv = fields.get("address")
    if fv is None or fv.unread:
        return
    parts = []
    for part in fv.value.split(", "):
        words = part.split(" ")
        n = 0
        while n < len(words) - 1 and words[n].lower() in _UNIT_WORDS:
            n += 1
        name = words[n:]
        if n and any(w[:1].isupper() for w in name):
            name = [w[:1].upper() + w[1:] if w.isalpha() and w[:1].islower() else w for w in name]
        parts.append(" ".join(words[:n] + name))
    value = ", ".join(parts)
    if value != fv.value:
        fields["address"] = replace(fv, value=value, repairs=(*fv.repairs, "a name's syllable capitalized"))


def _applicant_id_of_comb(fields: dict[str, FieldValue], segs: list[Segment]) -> None:
    """No applicant's ID found by its label, when the label was read garbled with the box
    rules beside it ('SðSLCCD:'): the one valid ID that ocr/boxes.py read cell by cell out of
    a comb in the applicant's part, of the birth year the form gives where it gives one. None
    such: the one valid ID of that birth year alone on its line after a short label the table
    did not know ("SốCCCP: 0660…", "S8 CCCD: 0951…"), a repair the birth year validates."""
    if fields.get("applicant_id_number") is not None:
        return
    found = [
        (w, seg)
        for seg in segs
        for w in seg.words
        if w.engine == "boxes" and len(w.text) == 12 and valid_personal_id(w.text)
    ]
    dob = fields.get("date_of_birth")
    year = (
        int(dob.value[:4]) if dob is not None and not dob.unread and re.match(r"\d{4}", dob.value) else None
    )
    if found and year is not None:
        found = [(w, seg) for w, seg in found if _id_of_year(w.text, year)]
    if not found and year is not None:
        # … or its label misread past the table's reach ("SốCCCP:", "S8 CCCD:"): a valid ID of
        # the applicant's birth year after a short label on a line of its own
        found = [
            (w, seg)
            for seg in segs
            if (m := _SHORT_LABEL_ID.match(seg.text)) and _id_label_slip(seg.folded[: m.start(1)])
            for w in seg.words
            if w.text.rstrip(".,;") == m.group(1)
            and valid_personal_id(m.group(1))
            and _id_of_year(m.group(1), year)
        ]
    if len(found) != 1:
        return
    word, seg = found[0]
    fields["applicant_id_number"] = FieldValue(
        value=word.text.rstrip(".,;"),
        raw=seg.text,
        confidence=round(min(word.confidence, 0.85), 4),
        page=seg.page.number,
        bbox=word.bbox,
        source=seg.page.source,
        flags=("boxed",) if word.engine == "boxes" else ("repaired",),
        repairs=(
            "its label unread: the one ID read out of printed boxes"
            if word.engine == "boxes"
            else "its label misread: the one ID of the applicant's birth year",
        ),
    )


# "SốCCCP: 0660…1421" (twelve digits): a label of up to three words, then the number and nothing else
_SHORT_LABEL_ID = re.compile(r"^\s*(?:[^\W\d_]\S{0,7}\s*){1,3}[:.]?\s*(\d{12})[.,;]?\s*$")
_ID_LABELS = frozenset(
    re.sub(r"[^a-z]", "", lab)
    for spec in APPLICATION_SPECS
    if spec.key == "applicant_id_number"
    for lab in spec.labels
)


def _id_label_slip(label: str) -> bool:
    """``label`` is an ID label of the table with one letter misread, added or lost ("SốCCCP",
    "S8 CCCD"; spaces and signs aside) — not the garble box rules make of one ("SðSLCCD")."""
    key = re.sub(r"[^a-z0-9]", "", label)
    return any(Levenshtein.distance(key, lab) <= 1 for lab in _ID_LABELS)


_BOX_SIGNS = re.compile(r"[|\[\]()/.]")


def _id_of_year(value: str, year: int) -> bool:
    century = {"0": 1900, "1": 1900, "2": 2000, "3": 2000}.get(value[3])
    return century is not None and century + int(value[4:6]) == year


def _applicant_id_in_boxes(fields: dict[str, FieldValue]) -> None:
    """An applicant's ID printed one digit per box (the CT01 / CC01 tờ khai) and read as no
    number, or left unread: its cells read again, the strokes OCR made of the rules taken as
    rules (``box_cells(loose=True)``). One valid number among the readings — or one of the year
    the applicant's date of birth gives (NĐ 137/2015 Đ.13) — is the number, a repair recorded
    as such. None: a value with signs in it ("0|2|2|1|ø|6|…") is no number — unread, where it
    is."""
    fv = fields.get("applicant_id_number")
    if fv is None:
        return
    if fv.value.isdigit() and len(fv.value) == 12 and valid_personal_id(fv.value):
        if "boxed" not in fv.flags and len(_BOX_SIGNS.findall(fv.raw)) >= 6:
            # read out of boxes whose rules OCR read as other signs ("09.5.117/0.9/3)7.5]5)2"):
            # scored with its rules, like any boxed reading (quality cross-checks its digits)
            fields["applicant_id_number"] = replace(fv, flags=(*fv.flags, "boxed"))
        return
    found = [v for v in box_cells(fv.raw, loose=True) if valid_personal_id(v)]
    dob = fields.get("date_of_birth")
    if len(found) > 1 and dob is not None and not dob.unread and re.match(r"\d{4}", dob.value):
        found = [v for v in found if _id_of_year(v, int(dob.value[:4]))]
    if len(found) == 1:
        fields["applicant_id_number"] = replace(
            fv,
            value=found[0],
            confidence=0.8 if fv.unread else min(fv.confidence, 0.85),
            flags=(*(f for f in fv.flags if f not in ("invalid", "unread")), "repaired", "boxed"),
            repairs=(*fv.repairs, f"read box by box: {fv.raw} → {found[0]}"),
        )
    elif not fv.unread and not fv.value.isdigit() and "placeholder" not in fv.flags:
        # (a placeholder typed where the number goes, "x", stands: clean.value.no_placeholder)
        fields["applicant_id_number"] = unread_field(fv.page, fv.bbox, fv.raw, fv.source)


# Signs a name has not, read for a letter of their shape: "7rần" (T), "MA! NGỌC" (I), "#OÀNG" (H).
_SEVEN_T = re.compile(r"(?<!\w)7([^\W\d_]+)(?!\w)")
_HASH_H = re.compile(r"(?<!\w)#([^\W\d_]{2,})")  # "#OÀNG": the H of a word in capitals
_BANG_I = re.compile(r"(?<=[^\W\d_]{2})!(?=\s|$|[^\W\d_])")


def _name_lookalikes(fields: dict[str, FieldValue | None]) -> None:
    """The applicant's name read with a sign for a letter of its shape: a "7" heading a word
    in small letters is its T ("7rần Công Tài"), a "!" in a word in capitals its I ("MA! NGỌC
    THỊ LAN"), a "#" heading one its H ("#OÀNG TRUNG VŨ"). Normalized again from the raw text
    so fixed, the repair recorded."""
    fv = fields.get("applicant_name")
    if fv is None or fv.unread:
        return
    fixed = _SEVEN_T.sub(lambda m: ("T" if m.group(1).islower() else "7") + m.group(1), fv.raw)
    fixed = _BANG_I.sub(lambda m: "I" if fixed[: m.start()].split()[-1].isupper() else "!", fixed)
    fixed = _HASH_H.sub(lambda m: ("H" if m.group(1).isupper() else "#") + m.group(1), fixed)
    if fixed == fv.raw:
        return
    got = normalize_value("name", fixed)
    if got is not None and got[0] != fv.value:
        fields["applicant_name"] = replace(
            fv, value=got[0], repairs=(*fv.repairs, f"{fv.raw} → {fixed}: signs read for letters")
        )


# "(Ký, ghi rõ họ tên)" under the applicant's title at the foot ("(Ký. ghỉ rõ họ tên)", "(ý, ghi …").
_SIGN_HINT = re.compile(r"gh\w\W+r\w\W+h\w\W+ten\b")
_SIGNED_NAME = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+){1,5}$")


def _name_as_signed(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """The applicant's name read with a slip that the name written out under the signature
    (a đơn's "(Ký, ghi rõ họ tên)") does not have: the same letters with other marks where the
    label's value was read in capitals and the foot's in title case (OCR puts marks more surely
    on small letters: "LÝ CHÍ TOÁN" / "Lý Chí Toàn"), or the value's first letter lost ("hạch
    Văn Lộc" / "Thạch Văn Lộc"). Any other difference (another person, a legacy encoding) is
    left as read; a name absent or unread is not filled in from the foot."""
    fv = fields.get("applicant_name")
    if fv is None or fv.unread:
        return
    hint = next((s.index for s in reversed(segs) if _SIGN_HINT.search(s.folded)), None)
    if hint is None:
        return
    foot = [
        s
        for s in segs[hint + 1 :]
        if _SIGNED_NAME.match(s.text.strip())
        and all(w[:1].isupper() and w[1:].islower() for w in s.text.split())
    ]
    if not foot:
        return
    signed = person_name(foot[-1].text)
    got, want = fold(fv.value), fold(signed)
    same_letters = got == want and fv.raw.isupper() and match_key(fv.value) != match_key(signed)
    lost = want[: len(want) - len(got)]
    head_lost = fv.raw[:1].islower() and want.endswith(got) and 1 <= len(lost) <= 2 and lost.isalpha()
    # the surname misread into no surname ("Ký Minh Hải" / "Lý Minh Hải", "Dươnh Mỹ Bích Anh" /
    # "Danh Mỹ Bích Anh"), the given names the same: the foot's surname, one the lexicon knows
    g, w = got.split(" "), want.split(" ")
    surname_slip = (
        len(g) == len(w) >= 2 and g[1:] == w[1:] and g[0] not in SURNAME_KEYS and w[0] in SURNAME_KEYS
    )
    if same_letters or head_lost or surname_slip:
        fields["applicant_name"] = replace(
            fv, value=signed, repairs=(*fv.repairs, f"{fv.value} → {signed}, as written under the signature")
        )


# A place-and-date line whose day or month is not read as digits ("ngày 2Š tháng 06", "tháng 0ó").
# a place may end in its number ("Gia Tân 3", "Phường 7"), never begin with one
_PLACE_DATE_LOOSE = re.compile(r"^\s*[^\d,][^,]{1,39}?\s*,\s*ngay")


def _request_date_slips(fields: dict[str, FieldValue | None], segs: list[Segment]) -> None:
    """The request date whose day or month OCR read with letters of a digit's shape ("ngày
    2Š", "tháng 0ó", a handwritten 6 read "ö" or "ø" and taken for a 0): the one real date they
    give (``repair_date_words``), recorded as a repair. Several (or none): as the line's own
    reading has it (unread, or its month when the day is no digit at all: "ngày T tháng 12").
    A day and month read as digits stay as read."""
    for seg in reversed(segs[len(segs) // 3 :]):
        if not _PLACE_DATE_LOOSE.match(seg.folded):
            continue
        if not date_words_misread(seg.text):
            return
        got = repair_date_words(seg.text)
        start = seg.folded.find("ngay")
        if got is None:
            return  # several dates or none: as the date line's own reading has it
        words = seg.words_in(start, len(seg.text))
        fv = make_field(got[0], nfc_clean(seg.text[start:]), words, seg, 0.85, ("repaired",))
        if fv is not None:
            fields["request_date"] = replace(fv, repairs=(got[1],))
        return


# --- any page: the common labelled values --------------------------------------------------
GENERIC_SPECS = [
    Spec("full_name", ("ho va ten", "ho ten", "ho chu dem ten", "ho chu dem va ten", "toi ten la"), "name"),
    Spec("date_of_birth", ("ngay sinh", "ngay thang nam sinh", "sinh ngay"), "date"),
    Spec(
        "id_number",
        ("cccd so", "so cccd", "so dinh danh ca nhan", "cmnd so", "so cmnd", "cccd"),
        "personal_id",
    ),
    Spec("address", ("dia chi thuong tru", "noi thuong tru", "noi cu tru"), "place", multiline=1),
    Spec("phone", ("so dien thoai", "dien thoai"), "phone"),
    Spec("enterprise_code", ("ma so doanh nghiep", "ma so thue"), "mst"),
    # qualified labels are other fields: they only end the previous value
    Spec(
        "_other",
        (
            "dia chi",
            "chuc vu",
            "email",
            "gioi tinh",
            "quoc tich",
            "dan toc",
            "cap ngay",
            "noi cap",
            "dai dien",
            "ten doanh nghiep",
            "so tai khoan",
            "ho ten cha",
            "ho ten me",
            "ho va ten cha",
            "ho va ten me",
            "dia chi thuong tru truoc day",
            "dia chi tam tru",
            "noi sinh",
        ),
    ),
]


def read_labelled_values(document: Document) -> list[tuple[str, FieldValue]]:
    """Every common labelled value on any page (Họ và tên, Ngày sinh, CCCD số, Địa chỉ thường
    trú, Số điện thoại, Mã số doanh nghiệp), each occurrence, in reading order."""
    out = []
    for r in read_all(segments(document), GENERIC_SPECS):
        fv = r.to_field()
        if fv is not None and not fv.unread:
            out.append((r.spec.key, fv))
    return out
