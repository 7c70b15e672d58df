"""đúng (correct): values have the form, check digits and coherence the law gives them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from extractors.types import ADMIN_TYPE_CODES, OFFICIAL_LETTER_KIND, PRINTED_BIRTH_YEAR, FieldValue

from ..masking import PERSONAL_FIELD
from ..reference import (
    REFORM_DATE,
    acceptable_expiries,
    match_key,
    parse_iso,
    parse_personal_id,
    tax_code_problem,
    unit_key,
    words_to_number,
)
from .base import LOW_CONFIDENCE, Context, mask, rule
from .fields import (
    DATE_FIELDS,
    DOCUMENT_DATE_FIELDS,
    IMPLIED_SEX,
    KEY_FIELDS,
    LEGACY_ID_FIELDS,
    PERSON_ID_FIELDS,
    PRESENT_ADDRESS_FIELDS,
    SIGNER_FIELDS,
    YEAR_FIELDS,
    person_ids,
)
from .places import any_province, document_date, locate

# The agency part is upper case but for a few lower-case letters of official abbreviations
# (TTg = Thủ tướng, BNNPTNT …: "2227/QĐ-TTg").
_AGENCY_PART = r"[A-ZĐ0-9&][A-ZĐ0-9&a-zđ]*(?:-[A-ZĐ0-9&][A-ZĐ0-9&a-zđ]*)*"
_ADMIN_NUMBER = re.compile(r"^(\d{1,5})/([A-Za-zĐđ]+)-(" + _AGENCY_PART + r")$")
_LETTER_NUMBER = re.compile(r"^(\d{1,5})/([A-ZĐ][A-ZĐ0-9&]*)-([A-ZĐa-zđ0-9&]+(?:-[A-ZĐa-zđ0-9&]+)*)$")
_LEGAL_NUMBER = re.compile(r"^(\d{1,5})/(\d{4})/([A-Za-zĐđ]+)-(" + _AGENCY_PART + r")$")


def document_number_problem(number: str, doc_type: str, kind: str | None) -> str | None:
    """Why ``number`` is not a valid NĐ 30/2020 (or VBQPPL) number, or None if it is."""
    m = _LEGAL_NUMBER.match(number)
    if m:
        year = int(m.group(2))
        return None if 1945 <= year <= 2199 else f"năm {year} / year {year}"
    m = _ADMIN_NUMBER.match(number)
    if m and m.group(2) in ADMIN_TYPE_CODES:
        return None
    m = _LETTER_NUMBER.match(number)
    if m and doc_type == "official_letter" and kind in (None, OFFICIAL_LETTER_KIND):
        return None  # công văn: {n}/{agency}-{unit}, no type code
    head = number.split("/")[1].split("-")[0] if number.count("/") == 1 and "-" in number else None
    if head and head not in ADMIN_TYPE_CODES:
        return f"mã loại {head!r} không thuộc PL III NĐ 30/2020 / type code not in the PL III list"
    return "sai cấu trúc / malformed"


@rule(
    "correct.document_number.format",
    "correct",
    "error",
    reason="NĐ 30/2020/NĐ-CP PL I–III: Số, ký hiệu = n/loại-cơ quan; công văn n/cơ quan-đơn vị; "
    "VBQPPL n/năm/loại-cơ quan (domain-vn §2.6, R-D1)",
    vi="Số, ký hiệu văn bản không đúng định dạng",
    en="Document number does not match the NĐ 30/2020 format",
)
def document_number_format(ctx: Context):
    fv = ctx.fields.get("document_number")
    if fv is None:
        return 0, []
    kind = ctx.fields["document_kind"].value if "document_kind" in ctx.fields else None
    problem = document_number_problem(fv.value, ctx.doc_type, kind)
    return 1, ([("document_number", fv.value, problem)] if problem else [])


@rule(
    "correct.issue_date.valid",
    "correct",
    "error",
    reason="fields.md: dates are ISO YYYY-MM-DD (or YYYY-MM / YYYY when the page gives less); "
    "an impossible date is a misread (domain-vn §3.1)",
    vi="Ngày ban hành không hợp lệ",
    en="Issue date is not a valid date",
)
def issue_date_valid(ctx: Context):
    fv = ctx.fields.get("issue_date")
    if fv is None:
        return 0, []
    return 1, ([] if parse_iso(fv.value) else [("issue_date", fv.value, "")])


@rule(
    "correct.issue_date.not_in_future",
    "correct",
    "error",
    reason="A document cannot be issued after the day it is digitized; a future date is a misread "
    "digit or a wrong century",
    vi="Ngày ban hành ở tương lai",
    en="Issue date is in the future",
)
def issue_date_not_in_future(ctx: Context):
    fv = ctx.fields.get("issue_date")
    span = parse_iso(fv.value) if fv else None
    if fv is None or span is None:
        return 0, []
    earliest, _ = span
    return 1, ([("issue_date", fv.value, f"> {ctx.today.isoformat()}")] if earliest > ctx.today else [])


@rule(
    "correct.field.low_confidence",
    "correct",
    "warning",
    reason=f"R-D5: key fields read below {LOW_CONFIDENCE:.2f} confidence need a second read (human review); "
    "a số ký hiệu or số định danh read at 0.30 or more whose structure checks out against the law "
    "and the document's other fields is not in doubt (issue 14)",
    vi=f"Độ tin cậy nhận dạng thấp (< {LOW_CONFIDENCE:.2f}), cần kiểm tra lại",
    en=f"Low recognition confidence (< {LOW_CONFIDENCE:.2f}), needs review",
)
def field_low_confidence(ctx: Context):
    keys = [k for k in KEY_FIELDS.get(ctx.doc_type, ()) if k in ctx.fields]
    failures = [
        (k, ctx.fields[k].value, f"{ctx.fields[k].confidence:.2f}")
        for k in keys
        if ctx.fields[k].confidence < LOW_CONFIDENCE
        and ctx.fields[k].source != "review"
        and not _checked_out(ctx, k)
    ]
    return len(keys), failures


# Below this a short numeral or an ID is close to a guess: on real scans every misread
# hand-written document number was read at ≤ 0.225, the right ones at ≥ 0.338 (issue 14).
CHECKED_CONFIDENCE = 0.30


def _checked_out(ctx: Context, key: str) -> bool:
    """A key value the law lets us cross-check, and which checks out, is not in doubt.

    Số, ký hiệu: the code part follows NĐ 30/2020 PL I–III and the numeral (whose words bound the
    field's confidence) reads at ≥ 0.30; Tesseract is unsure of short printed numerals.
    Số định danh: 12 digits, a province code of the 63 list, digits 4–6 equal to the holder's
    year of birth on the same document and digit 4 matching the sex when it is known (NĐ 137/2015
    Đ.13, TT 07/2016/TT-BCA).
    Số phát hành of a land certificate: a series of the blanks' forms, read as it stands.
    Mã số doanh nghiệp: its check digit holds. Giới tính: the holder's số định danh says the same
    (_sex_by_id). A card's expiry: the day the law sets from its birth and issue dates
    (_expiry_by_law). Any value the card's machine-readable zone reads the same (mrz_confirmed).
    """
    fv = ctx.fields[key]
    if "mrz_confirmed" in fv.flags:
        return True  # the card's machine-readable zone, every check digit holding, reads the same
    if "words_confirmed" in fv.flags:
        return True  # the page writes the same date in words ("Ghi bằng chữ: Ngày mười chín, …")
    if key == "sex":
        return _sex_by_id(ctx)
    if key == "expiry_date" and ctx.doc_type == "citizen_id":
        return _expiry_by_law(ctx)
    if key == "date_of_birth" and ctx.doc_type == "citizen_id" and _birth_by_expiry_and_id(ctx):
        return True
    if fv.confidence < CHECKED_CONFIDENCE and not (
        key in (*PERSON_ID_FIELDS, *_TAX_CODE_FIELDS) and "boxed" in fv.flags
    ):
        # (an ID or a mã số read box by box is scored with its box rules: the floor says nothing
        # of its digits; a mã số's check digit fails on any one digit misread, TT 105/2020)
        return False
    if key in _NAME_FIELDS and ("mrz_name" in fv.flags or _read_twice(ctx, fv)):
        return True  # the card's zone spells it letter for letter, or the page prints it twice
    if key == "registration_number" and _plain_numeral(fv):
        return True  # a short printed numeral read as it stands (no look-alike repaired)
    if (
        key == "register_number"
        and _LAND_REGISTER.fullmatch(fv.value)
        and (fv.raw or "").strip(" .:;,") == fv.value
    ):
        return True  # số vào sổ of a family the land registers print, read as it stands
    if (
        key == "serial_number"
        and _GCN_SERIAL.fullmatch(fv.value)
        and (fv.raw or "").strip(" .:;,") == fv.value
    ):
        return True  # số phát hành in a form the certificate blanks are printed with, read as it stands
    if key in _TAX_CODE_FIELDS:
        return tax_code_problem(fv.value) is None  # its check digit holds (TT 105/2020)
    if key in _IN_WORDS:
        # an area or capital in figures that equals the same amount written in words beside it
        # (R-D3) was read twice, independently: "3994m2" read unsurely, "Ba nghìn chín trăm …" sure
        words = amount_in_words(key, fv, ctx.text)
        number = words_to_number(words) if words else None
        try:
            return number is not None and abs(float(fv.value) - number) <= 0.005
        except ValueError:
            return False
    if key == "document_number":
        if "repaired" in fv.flags:
            return False  # the format holds only as repaired (a hyphen put back): not read twice
        kind = ctx.fields["document_kind"].value if "document_kind" in ctx.fields else None
        return document_number_problem(fv.value, ctx.doc_type, kind) is None
    if key not in PERSON_ID_FIELDS:
        return False
    pid = parse_personal_id(fv.value)
    _, dob_key, sex_key = PERSON_ID_FIELDS[key]
    dob = parse_iso(ctx.fields[dob_key].value) if dob_key and dob_key in ctx.fields else None
    if pid is None or pid.province is None or dob is None or pid.birth_year != dob[0].year:
        return False
    sex = ctx.fields[sex_key].value if sex_key and sex_key in ctx.fields else None
    sex = sex or IMPLIED_SEX.get(ctx.doc_type, {}).get(key)
    return sex not in ("Nam", "Nữ") or pid.male == (sex == "Nam")


_TAX_CODE_FIELDS = ("enterprise_code",)
_NAME_FIELDS = ("full_name", "applicant_name", "husband_name", "wife_name", "holder_name", "signer_name")


def _read_twice(ctx: Context, fv: FieldValue) -> bool:
    """A person's name the page prints a second time, read the same there (an applicant's name
    under the signature, "(Ký, ghi rõ họ tên)"): two independent readings that agree (R-D5).
    The field's own line counts once: a name read as it stands needs two lines holding it, a
    name repaired from its reading ("NGUYÊN" → "Nguyễn") one line that prints it so."""
    if not ctx.text or len(fv.value.split()) < 2:
        return False
    name = unicodedata.normalize("NFC", fv.value).casefold()
    word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    lines = [unicodedata.normalize("NFC", ln).casefold() for ln in ctx.text.splitlines()]
    holding = sum(1 for ln in lines if word.search(re.sub(r"\s+", " ", ln)))
    raw = unicodedata.normalize("NFC", fv.raw or "").casefold()
    return holding >= (2 if word.search(re.sub(r"\s+", " ", raw)) else 1)


# Số vào sổ cấp GCN as the registers print it (domain-vn §2.4): "CH 01234", "CS 01234", "VP 2144",
# "H00681", "01439/QSDĐ".
_LAND_REGISTER = re.compile(r"(?:CH|CS|VP) \d{4,6}|H\d{5}|\d{4,6}/QSDĐ")
# Số phát hành (seri phôi) of a GCN blank (domain-vn §2.4): one letter and 6 digits (older),
# two letters and 6 digits (2004–2024), two letters and 8 digits (the 2024 form).
_GCN_SERIAL = re.compile(r"[A-ZĐ] \d{6}|[A-ZĐ]{2} (?:\d{6}|\d{8})")


def _plain_numeral(fv: FieldValue) -> bool:
    """Số of a hộ tịch register entry: a numeral of at most five digits, read as printed."""
    return bool(re.fullmatch(r"\d{1,5}", fv.value)) and (fv.raw or "").strip(" .:_…") == fv.value


def _sure(ctx: Context, key: str) -> bool:
    fv = ctx.fields.get(key)
    return fv is not None and fv.confidence >= LOW_CONFIDENCE


def _sex_by_id(ctx: Context) -> bool:
    """Giới tính is one of two words, and digit 4 of the holder's số định danh says which (NĐ
    137/2015 Đ.13): a Nam/Nữ read however unsurely that the number agrees with (the number read
    at 0.30 or more, its province code listed and its year the birth date's) is read twice and
    not in doubt."""
    sex = ctx.fields["sex"].value
    if sex not in ("Nam", "Nữ"):
        return False
    for id_key, (_, dob_key, sex_key) in PERSON_ID_FIELDS.items():
        if sex_key != "sex" or id_key not in ctx.fields or ctx.fields[id_key].confidence < CHECKED_CONFIDENCE:
            continue
        pid = parse_personal_id(ctx.fields[id_key].value)
        dob = parse_iso(ctx.fields[dob_key].value) if dob_key and dob_key in ctx.fields else None
        if pid is None or pid.province is None or dob is None or pid.birth_year != dob[0].year:
            continue
        if pid.male == (sex == "Nam"):
            return True
    return False


def _birth_by_expiry_and_id(ctx: Context) -> bool:
    """A card's date of birth read however unsurely is read twice more: its day and month by
    the expiry, read surely, which is the holder's birthday at 25, 40 or 60 (Luật CCCD 2014
    Đ.21, Luật Căn cước 2023 Đ.21; the day the law sets from the issue date when that is read
    surely), and its year by the số định danh (digits 4–6, read at 0.30 or more, its province
    code listed)."""
    if not _sure(ctx, "expiry_date") or "id_number" not in ctx.fields:
        return False
    dob = parse_iso(ctx.fields["date_of_birth"].value)
    printed = parse_iso(ctx.fields["expiry_date"].value)
    if not dob or not printed or dob[0] != dob[1] or printed[0] != printed[1]:
        return False
    born, expiry = dob[0], printed[0]
    if (born.month, born.day) != (expiry.month, expiry.day) or expiry.year - born.year not in (25, 40, 60):
        return False
    if _sure(ctx, "issue_date"):
        issued = parse_iso(ctx.fields["issue_date"].value)
        if issued and issued[0] == issued[1] and expiry not in acceptable_expiries(born, issued[0]):
            return False
    id_fv = ctx.fields["id_number"]
    pid = parse_personal_id(id_fv.value)
    return (
        id_fv.confidence >= CHECKED_CONFIDENCE
        and pid is not None
        and pid.province is not None
        and pid.birth_year == born.year
    )


def _expiry_by_law(ctx: Context) -> bool:
    """A card's 'có giá trị đến' is set by the law from the birth date and the issue date (the
    next milestone birthday, correct.citizen_id.expiry_by_age): an expiry read however unsurely
    that is exactly that day, with the two dates it follows from read surely, is not in doubt."""
    if not (_sure(ctx, "date_of_birth") and _sure(ctx, "issue_date")):
        return False
    dob = parse_iso(ctx.fields["date_of_birth"].value)
    issued = parse_iso(ctx.fields["issue_date"].value)
    printed = parse_iso(ctx.fields["expiry_date"].value)
    if not dob or not issued or not printed or dob[0] != dob[1] or issued[0] != issued[1]:
        return False
    return printed[0] == printed[1] and printed[0] in acceptable_expiries(dob[0], issued[0])


@rule(
    "correct.personal_id.structure",
    "correct",
    "error",
    reason="R-D1: số định danh cá nhân is 12 digits PPP G YY NNNNNN (NĐ 137/2015 Đ.13, "
    "TT 07/2016/TT-BCA); an old 9-digit CMND stays legal on older documents",
    vi="Số định danh cá nhân không đúng cấu trúc 12 chữ số",
    en="Personal ID is not a 12-digit number",
)
def personal_id_structure(ctx: Context):
    ids = person_ids(ctx)
    failures = []
    for k, v in ids:
        ok = re.fullmatch(r"\d{12}", v) or (k in LEGACY_ID_FIELDS and re.fullmatch(r"\d{9}", v))
        if not ok:
            failures.append((k, v, ""))
    return len(ids), failures


@rule(
    "correct.personal_id.province_prefix",
    "correct",
    "warning",
    reason="R-D1: digits 1–3 are the province of birth registration in the frozen 63-code list "
    "(TT 07/2016/TT-BCA PL1); another prefix may be a country code (birth abroad): review",
    vi="Mã tỉnh (3 số đầu) không thuộc danh mục 63 mã",
    en="Province prefix (first 3 digits) not in the 63-code list",
)
def personal_id_province_prefix(ctx: Context):
    ids = [(k, v, pid) for k, v in person_ids(ctx) if (pid := parse_personal_id(v))]
    return len(ids), [(k, v, v[:3]) for k, v, pid in ids if pid.province is None]


@rule(
    "correct.personal_id.sex_digit_matches",
    "correct",
    "error",
    reason="R-D3: digit 4 encodes century and sex (even = Nam, odd = Nữ); on a marriage "
    "certificate bên chồng is Nam, bên vợ Nữ (Luật HN&GĐ 2014 Đ.8 khoản 2)",
    vi="Chữ số thứ 4 của số định danh không khớp giới tính",
    en="Digit 4 of the personal ID does not match the sex",
)
def personal_id_sex_digit_matches(ctx: Context):
    checked, failures = 0, []
    implied = IMPLIED_SEX.get(ctx.doc_type, {})
    for k, v in person_ids(ctx):
        pid, sex_key = parse_personal_id(v), PERSON_ID_FIELDS[k][2]
        if pid is None:
            continue
        if sex_key and sex_key in ctx.fields:
            sex = ctx.fields[sex_key].value
        elif k in implied:
            sex = implied[k]  # bên chồng / bên vợ
        elif k == "legal_representative_id_number" and ctx.extraction.notes.get("legal_representative_sex"):
            sex = ctx.extraction.notes["legal_representative_sex"]  # printed beside the name
        elif k == "applicant_id_number" and ctx.extraction.notes.get("applicant_sex"):
            sex = ctx.extraction.notes["applicant_sex"]  # a tờ khai's "Giới tính" line (CT01, CC01)
        elif k == "holder_id_number" and (honorific := _holder_sex(ctx)):
            sex = honorific  # a land holder's "Ông" / "Bà"
        else:
            continue
        if sex not in ("Nam", "Nữ"):
            continue
        checked += 1
        if pid.male != (sex == "Nam"):
            failures.append((k, v, f"{v[3]} ↔ {sex}", (sex_key,) if sex_key in ctx.fields else ()))
    return checked, failures


# A land certificate prints its holder's year of birth and honorific beside the ID, in no field
# of fields.md ("Ông: KIM HỒNG HIỆP, sinh năm 1966; Số định danh cá nhân: …"). Read from the
# page's text, which is stored with the document, so a re-check judges them as the sweep did.
_HOLDER_HONORIFIC = re.compile(r"(?im)^\s*(ông|bà)\s*[:.]\s*\S")


def _holder_birth_year(ctx: Context) -> int | None:
    """The one year of birth a land certificate's text prints (several holders: none)."""
    if ctx.doc_type != "land_use_certificate" or not ctx.text:
        return None
    years = {m.group(1) for m in PRINTED_BIRTH_YEAR.finditer(ctx.text)}
    return int(years.pop()) if len(years) == 1 else None


def _holder_sex(ctx: Context) -> str | None:
    """The sex the holder's "Ông" / "Bà" gives, when the certificate has one holder of one."""
    if _holder_birth_year(ctx) is None:
        return None
    honorifics = {m.group(1).casefold() for m in _HOLDER_HONORIFIC.finditer(ctx.text or "")}
    return ("Nam" if honorifics == {"ông"} else "Nữ") if len(honorifics) == 1 else None


@rule(
    "correct.personal_id.birth_year_matches",
    "correct",
    "error",
    reason="R-D3: digits 4–6 give the birth year (century digit + YY); it must equal the year "
    "of the date of birth",
    vi="Năm sinh trong số định danh không khớp ngày sinh",
    en="Birth year encoded in the personal ID does not match the date of birth",
)
def personal_id_birth_year_matches(ctx: Context):
    checked, failures = 0, []
    for k, v in person_ids(ctx):
        pid, dob_key = parse_personal_id(v), PERSON_ID_FIELDS[k][1]
        span = parse_iso(ctx.fields[dob_key].value) if dob_key and dob_key in ctx.fields else None
        year = span[0].year if span else None
        if year is None and k == "holder_id_number":
            year = _holder_birth_year(ctx)  # printed, no field of its own: "Năm sinh: 1993"
        if pid is None or year is None:
            continue
        checked += 1
        if pid.birth_year != year:
            failures.append((k, v, f"{pid.birth_year} ≠ {year}", (dob_key,) if span and dob_key else ()))
    return checked, failures


@rule(
    "correct.legacy_id.format",
    "correct",
    "error",
    reason="CMND is 9 digits (NĐ 05/1999) or 12 (2012–2016), no check digit (domain-vn §2.1)",
    vi="Số CMND cũ không phải 9 hoặc 12 chữ số",
    en="Legacy CMND number is not 9 or 12 digits",
)
def legacy_id_format(ctx: Context):
    fv = ctx.fields.get("legacy_id_number")
    if fv is None:
        return 0, []
    return 1, ([] if re.fullmatch(r"\d{9}|\d{12}", fv.value) else [("legacy_id_number", fv.value, "")])


@rule(
    "correct.tax_code.check_digit",
    "correct",
    "error",
    reason="R-D1: mã số doanh nghiệp = MST (Luật DN 2020 Đ.29), N10 = 10 − (Σ wᵢNᵢ mod 11), "
    "w = 31,29,23,19,17,13,7,5,3 (TT 105/2020, TT 86/2024/TT-BTC); branch suffix 001–999",
    vi="Mã số doanh nghiệp sai chữ số kiểm tra hoặc cấu trúc",
    en="Enterprise (tax) code fails its check digit or structure",
)
def tax_code_check_digit(ctx: Context):
    fv = ctx.fields.get("enterprise_code")
    if fv is None:
        return 0, []
    v = fv.value
    if re.fullmatch(r"\d{12}", v):  # household business: the personal ID is the code (2025)
        return 1, [] if parse_personal_id(v) else [("enterprise_code", v, "")]
    problem = tax_code_problem(v)
    return 1, ([("enterprise_code", v, problem)] if problem else [])


_LAND_SERIAL = re.compile(r"^[A-ZĐ]{1,2} ?\d{6,8}$")


@rule(
    "correct.land_serial.format",
    "correct",
    "error",
    reason="R-D1: số phát hành GCN is 1–2 letters + 6 digits (pre-2024) or 2 letters + 8 digits "
    "(TT 10/2024/TT-BTNMT), e.g. 'AA 05565655'",
    vi="Số phát hành (seri) giấy chứng nhận không đúng mẫu",
    en="Land certificate serial number does not match the form",
)
def land_serial_format(ctx: Context):
    fv = ctx.fields.get("serial_number")
    if fv is None:
        return 0, []
    return 1, ([] if _LAND_SERIAL.match(fv.value) else [("serial_number", fv.value, "")])


@rule(
    "correct.land_parcel.numbers",
    "correct",
    "error",
    reason="Thửa đất số and tờ bản đồ số are positive integers in hồ sơ địa chính",
    vi="Số thửa hoặc số tờ bản đồ không phải số nguyên dương",
    en="Parcel or map sheet number is not a positive integer",
)
def land_parcel_numbers(ctx: Context):
    keys = [k for k in ("parcel_number", "map_sheet_number") if k in ctx.fields]
    return len(keys), [
        (k, ctx.fields[k].value, "") for k in keys if not re.fullmatch(r"0*[1-9]\d{0,5}", ctx.fields[k].value)
    ]


@rule(
    "correct.registration_number.format",
    "correct",
    "warning",
    reason="Hộ tịch: Số is a number, Quyển số a number or number/year (Luật Hộ tịch 2014; TT 04/2020/TT-BTP)",
    vi="Số / quyển số đăng ký không đúng dạng",
    en="Registration or book number is malformed",
)
def registration_number_format(ctx: Context):
    keys = [k for k in ("registration_number", "book_number", "register_number") if k in ctx.fields]
    pattern = {
        "registration_number": r"\d{1,6}(?:/\d{4})?",
        "book_number": r"\d{1,4}(?:/\d{4})?",
        "register_number": r"[A-ZĐ]{0,4}[ .\-]?\d{1,8}(?:/[A-ZĐa-zđ]+)*",
    }
    return len(keys), [
        (k, ctx.fields[k].value, "") for k in keys if not re.fullmatch(pattern[k], ctx.fields[k].value)
    ]


@rule(
    "correct.sex.value",
    "correct",
    "error",
    reason="fields.md: sex is 'Nam' or 'Nữ'",
    vi="Giới tính không phải Nam hoặc Nữ",
    en="Sex is neither Nam nor Nữ",
)
def sex_value(ctx: Context):
    fv = ctx.fields.get("sex")
    if fv is None:
        return 0, []
    return 1, ([] if fv.value in ("Nam", "Nữ") else [("sex", fv.value, "")])


@rule(
    "correct.date.valid",
    "correct",
    "error",
    reason="fields.md: dates are ISO YYYY-MM-DD / YYYY-MM / YYYY; years are 4 digits; an "
    "impossible date is a misread (domain-vn §3.1)",
    vi="Ngày tháng không hợp lệ",
    en="Date is not a valid date",
)
def date_valid(ctx: Context):
    keys = [k for k in DATE_FIELDS + YEAR_FIELDS if k in ctx.fields and k != "issue_date"]
    failures = []
    for k in keys:
        v = ctx.fields[k].value
        ok = re.fullmatch(r"(1[89]|20|21)\d\d", v) if k in YEAR_FIELDS else parse_iso(v)
        if not ok:
            failures.append((k, v, ""))
    return len(keys), failures


@rule(
    "correct.date.not_in_future",
    "correct",
    "error",
    reason="Births, registrations and requests cannot be after the day of digitization "
    "(expiry dates excepted)",
    vi="Ngày tháng ở tương lai",
    en="Date is in the future",
)
def date_not_in_future(ctx: Context):
    checked, failures = 0, []
    for k in DATE_FIELDS:
        if k in ("issue_date", "expiry_date") or k not in ctx.fields:
            continue
        span = parse_iso(ctx.fields[k].value)
        if span is None:
            continue
        checked += 1
        if span[0] > ctx.today:
            failures.append((k, ctx.fields[k].value, f"> {ctx.today.isoformat()}"))
    return checked, failures


# (earlier field, later field, strict): the later one must not precede the earlier one.
DATE_ORDER = (
    ("date_of_birth", "issue_date", False),
    ("date_of_birth", "registration_date", False),
    ("issue_date", "expiry_date", True),
    ("husband_date_of_birth", "registration_date", True),
    ("wife_date_of_birth", "registration_date", True),
    ("first_registration_date", "amendment_date", False),
    ("date_of_birth", "request_date", True),
)


@rule(
    "correct.date.ordered",
    "correct",
    "error",
    reason="R-D3: issued/registered after birth, expiry after issue, amendment after first "
    "registration (Luật Hộ tịch 2014; Luật Căn cước 2023)",
    vi="Thứ tự ngày tháng không hợp lý (cấp trước ngày sinh, hết hạn trước ngày cấp …)",
    en="Dates out of order (issued before birth, expiry before issue …)",
)
def date_ordered(ctx: Context):
    checked, failures = 0, []
    for a, b, strict in DATE_ORDER:
        if b == "request_date" and ctx.doc_type != "application_form":
            continue
        sa = parse_iso(ctx.fields[a].value) if a in ctx.fields else None
        sb = parse_iso(ctx.fields[b].value) if b in ctx.fields else None
        if sa is None or sb is None:
            continue
        checked += 1
        # Compare the latest day b can mean with the earliest a can mean (partial dates).
        if sb[1] < sa[0] or (strict and sb[1] <= sa[0]):
            failures.append((b, ctx.fields[b].value, f"{b} < {a} {ctx.fields[a].value}", (a,)))
    return checked, failures


def _printed_date_in(text: str, days: set[date | None]) -> bool:
    """Whether one of ``days`` is printed in ``text`` as on a card: dd/mm/yyyy (or - . as separator)."""
    found = {
        (int(d), int(m), int(y))
        for d, m, y in re.findall(r"(?<!\d)(\d{2})\s?[/.\-]\s?(\d{2})\s?[/.\-]\s?(\d{4})(?!\d)", text)
    }
    return any(day and (day.day, day.month, day.year) in found for day in days)


@rule(
    "correct.citizen_id.expiry_by_age",
    "correct",
    "error",
    reason="R-D3: 'có giá trị đến' is the birthday at the next milestone 14/25/40/60 (2014 law: "
    "25/40/60); issued within 2 years of one → the following one; issued at 58+ → for life "
    "(Luật Căn cước 2023 Đ.21, Luật CCCD 2014 Đ.21)",
    vi="Ngày hết hạn không khớp quy định theo độ tuổi",
    en="Expiry date does not follow the age rule",
)
def citizen_id_expiry_by_age(ctx: Context):
    if ctx.doc_type != "citizen_id" or "id_number" not in ctx.fields:
        return 0, []
    dob = parse_iso(ctx.fields["date_of_birth"].value) if "date_of_birth" in ctx.fields else None
    issued = parse_iso(ctx.fields["issue_date"].value) if "issue_date" in ctx.fields else None
    if not dob or not issued or dob[0] != dob[1] or issued[0] != issued[1]:
        return 0, []
    allowed = acceptable_expiries(dob[0], issued[0])
    fv = ctx.fields.get("expiry_date")
    printed = parse_iso(fv.value) if fv else None
    if fv is None:
        lifelong = None in allowed
        raw = match_key(ctx.text or "")
        if lifelong or match_key("không thời hạn") in raw:
            return 1, []
        if "expiry_date" in ctx.unread or re.search(
            r"gi[aá] tr[iị] đ[eếé]n|h[eế]t h[aạ]n|date of expiry", raw
        ):
            return 0, []  # the expiry is printed, the machine did not read it: not this rule's
        if _printed_date_in(ctx.text or "", allowed):
            return 1, []  # the label was lost but the expected date is on the card
        return 1, [("expiry_date", "", "thiếu / missing", ("date_of_birth", "issue_date"))]
    if printed is None:
        return 0, []
    if printed[0] in allowed:
        return 1, []
    expected = ", ".join(sorted(d.isoformat() if d else "không thời hạn / lifelong" for d in allowed))
    return 1, [("expiry_date", fv.value, f"≠ {expected}", ("date_of_birth", "issue_date"))]


@rule(
    "correct.citizen_id.mrz_matches_printed",
    "correct",
    "warning",
    reason="R-D3/R-D5: the machine-readable zone (ICAO 9303 TD1, every check digit holding) is a "
    "second read of the ID number, birth date, sex and expiry; a printed value it contradicts is "
    "a misread or an altered card: a person compares the two",
    vi="Vùng đọc máy (MRZ) không khớp thông tin in trên thẻ",
    en="Machine-readable zone disagrees with the printed card",
)
def citizen_id_mrz_matches_printed(ctx: Context):
    if ctx.doc_type != "citizen_id":
        return 0, []
    checked, failures = 0, []
    for k, fv in ctx.fields.items():
        zone = [f.split(":", 1)[1] for f in fv.flags if f.startswith("mrz_mismatch:")]
        if zone or "mrz_confirmed" in fv.flags:
            checked += 1
        if zone:
            failures.append((k, fv.value, f"MRZ {mask(zone[0]) if PERSONAL_FIELD.search(k) else zone[0]}"))
    return checked, failures


@rule(
    "correct.citizen_id.mrz_read",
    "correct",
    "warning",
    reason="R-D5: the zone on the card is its second read of the ID number, birth date, sex and "
    "expiry; when it is there but the machine could not read it (no reading whose check digits "
    "all hold), the printed values were not compared with it and a person does",
    vi="Có vùng đọc máy (MRZ) trên thẻ nhưng không đọc được, chưa đối chiếu với thông tin in",
    en="Machine-readable zone on the card could not be read; printed values not cross-checked",
)
def citizen_id_mrz_read(ctx: Context):
    zone = ctx.extraction.notes.get("mrz")
    if ctx.doc_type != "citizen_id" or zone is None:
        return 0, []
    if zone != "unread":
        return 1, []
    # the reviewer compares the zone with the number it repeats first (then birth date, sex, expiry)
    for key in ("id_number", "date_of_birth", "expiry_date"):
        if key in ctx.fields:
            return 1, [(key, ctx.fields[key].value, "MRZ")]
    return 1, [(None, "", "")]


@rule(
    "correct.marriage.legal_age",
    "correct",
    "error",
    reason="Luật HN&GĐ 2014 Đ.8: nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi on the registration date",
    vi="Chưa đủ tuổi kết hôn vào ngày đăng ký",
    en="Under the legal marriage age on the registration date",
)
def marriage_legal_age(ctx: Context):
    if ctx.doc_type != "marriage_certificate" or "registration_date" not in ctx.fields:
        return 0, []
    reg = parse_iso(ctx.fields["registration_date"].value)
    if reg is None:
        return 0, []
    checked, failures = 0, []
    for key, age in (("husband_date_of_birth", 20), ("wife_date_of_birth", 18)):
        span = parse_iso(ctx.fields[key].value) if key in ctx.fields else None
        if span is None:
            continue
        checked += 1
        earliest_birth = span[0]  # benefit of the doubt for partial dates
        if reg[1] < date(earliest_birth.year + age, earliest_birth.month, min(earliest_birth.day, 28)):
            failures.append((key, ctx.fields[key].value, f"< {age}", ("registration_date",)))
    return checked, failures


@rule(
    "correct.marriage.distinct_people",
    "correct",
    "error",
    reason="Luật Hộ tịch 2014 Đ.17–18: the two parties are two different people",
    vi="Hai bên kết hôn có cùng số giấy tờ tùy thân",
    en="Both parties carry the same identity number",
)
def marriage_distinct_people(ctx: Context):
    h, w = ctx.fields.get("husband_id_number"), ctx.fields.get("wife_id_number")
    if h is None or w is None:
        return 0, []
    return 1, ([("wife_id_number", w.value, "")] if h.value == w.value else [])


@rule(
    "correct.area.positive",
    "correct",
    "error",
    reason="Diện tích is a positive number of m² (domain-vn §2.4)",
    vi="Diện tích không phải số dương",
    en="Area is not a positive number",
)
def area_positive(ctx: Context):
    fv = ctx.fields.get("area_m2")
    if fv is None:
        return 0, []
    try:
        ok = float(fv.value) > 0
    except ValueError:
        ok = False
    return 1, ([] if ok else [("area_m2", fv.value, "")])


# The wording in words may wrap onto the next line inside its brackets: "(Bằng chữ: Mười ba
# nghìn bốn trăm bốn mươi\nsáu phẩy bảy mét vuông)".
# The words may run onto the next line, OCR putting a block break between ("… năm trăm tám" /
# "" / "mươi bốn mét vuông)"): the rest up to the closing bracket is theirs.
_IN_WORDS = {
    "area_m2": re.compile(
        r"(?is)diện\s*tích.{0,200}?bằng\s*chữ\s*[:：]?\s*(\([^)]{0,200}\)|[^)\n;]+(?:\n\s*[^)\n;:]+(?=\)))?)"
    ),
    "charter_capital_vnd": re.compile(
        r"(?is)vốn\s*điều\s*lệ.{0,200}?bằng\s*chữ\s*[:：]?\s*([^)\n;]+(?:\n\s*[^)\n;:]+(?=\)))?)"
    ),
}


def _without_rules(text: str) -> str:
    """The page text without what a table's rules leave in it: lines of "|" alone, blank
    lines, a "|" at a line's ends (a cell's wording runs on over the row's rule)."""
    lines = (ln.strip().strip("|¡!").strip() for ln in text.splitlines())
    return "\n".join(ln for ln in lines if ln)


def amount_in_words(key: str, fv: FieldValue, text: str | None) -> str | None:
    """The "bằng chữ" wording of an amount, from the field's raw text or the page text."""
    for source in (fv.raw or "", _without_rules(text or "")):
        m = _IN_WORDS[key].search(source) or re.search(r"(?is)bằng\s*chữ\s*[:：]?\s*([^)\n;]+)", fv.raw or "")
        if m:
            return re.sub(r"\s+", " ", m.group(1)).strip(" .()")
    return None


@rule(
    "correct.amount.figures_match_words",
    "correct",
    "error",
    reason="R-D3: 'bằng số' must equal 'bằng chữ' for area and charter capital (domain-vn §2.4, §3.2)",
    vi="Số ghi bằng số và bằng chữ không khớp",
    en="Amount in figures and amount in words disagree",
)
def amount_figures_match_words(ctx: Context):
    return _amounts_apart(ctx, one_digit=False)


# What a page's wording of an amount holds when OCR read it: number words, spaces and
# punctuation. A digit or a sign among them ("Mười nghìn ¡ 1 mét vuông") is a wording misread,
# whose number is no second reading to hold the figures against.
_GARBLED_WORDS = re.compile(r"[^\w\s,.()\-]|\d")


def _amounts_in_words(ctx: Context) -> list[tuple[str, FieldValue, str, float]]:
    """(field, value, wording, its number) of each amount whose wording was read cleanly."""
    out = []
    for key in _IN_WORDS:
        fv = ctx.fields.get(key)
        words = amount_in_words(key, fv, ctx.text) if fv else None
        if fv is None or not words or _GARBLED_WORDS.search(words):
            continue
        number = words_to_number(words)
        if number is None:
            continue
        try:
            float(fv.value)
        except ValueError:
            continue
        out.append((key, fv, words, number))
    return out


def _one_digit_apart(value: str, number: float) -> bool:
    """The figures and the words' number written alike but for one digit ("2300000000" and
    "hai tỷ năm trăm triệu"): the one a figure misread makes."""
    figures = value.replace(".", "")
    words = f"{number:f}".rstrip("0").rstrip(".").replace(".", "")
    return len(figures) == len(words) and sum(a != b for a, b in zip(figures, words, strict=True)) == 1


@rule(
    "correct.amount.figures_one_digit_off",
    "correct",
    "warning",
    reason="R-D3: 'bằng số' and 'bằng chữ' differ in one digit only: the document's own slip, or "
    "one figure the machine misread (3 for 5, 1 for 7); a person reads the figures again",
    vi="Số ghi bằng số và bằng chữ lệch một chữ số (có thể đọc sai), cần kiểm tra",
    en="Amount in figures and in words differ in one digit (possibly misread); to be checked",
)
def amount_figures_one_digit_off(ctx: Context):
    return _amounts_apart(ctx, one_digit=True)


def _amounts_apart(ctx: Context, *, one_digit: bool) -> tuple[int, list[tuple[str, str, str]]]:
    """(checked, failures) of the amounts whose figures and words differ: by one digit only
    (``one_digit``, a warning) or otherwise (an error); each amount is judged by one rule."""
    checked, failures = 0, []
    for key, fv, words, number in _amounts_in_words(ctx):
        checked += 1
        if abs(float(fv.value) - number) > 0.005 and _one_digit_apart(fv.value, number) == one_digit:
            failures.append((key, fv.value, f"bằng chữ / in words: {words} = {number:g}"))
    return checked, failures


def _commune_name(name: str, units) -> bool:
    """``name`` (no unit word) is the name of a commune or ward of ``units``."""
    key = unit_key(name)
    return any(k == key for _, k in units.commune_by_key)


def _units_on_date(ctx: Context) -> tuple[int, list[tuple[str, str, str, bool]]]:
    """Present addresses against the unit list in force on the document's date: (checked,
    failures as (field, value, message, level)); ``level`` when a whole level is wrong (a huyện
    after 01/7/2025, a province of another list), not a commune's name."""
    day = document_date(ctx)
    if ctx.reference is None or day is None:
        # no date read (a card's back unread): the list in force is unknown, a 2019 card's
        # huyện is not judged by today's list
        return 0, []
    units = ctx.reference.list_on(day)
    if units is None:
        return 0, []
    checked, failures = 0, []
    for k in PRESENT_ADDRESS_FIELDS:
        if k not in ctx.fields:
            continue
        v = ctx.fields[k].value
        place = locate(v, units)
        if place is None:
            other = any_province(ctx.reference, v)
            if other and k == "issue_place" and _commune_name(v, units):
                # the địa danh of a commune-level agency is the commune's name (NĐ 30/2020 PL I),
                # which may be a former province's ("Bạc Liêu" of UBND phường Bạc Liêu)
                continue
            if other:  # names a province of another list (e.g. tỉnh Bạc Liêu after 07/2025)
                checked += 1
                failures.append(
                    (k, v, f"tỉnh / province {other[1].province.name} ∉ {units.name} @ {day}", True)
                )
            continue
        checked += 1
        if place.district_named and day >= REFORM_DATE:
            failures.append((k, v, f"cấp huyện không còn từ / no district level since {REFORM_DATE}", True))
        elif place.commune_named and not place.commune:
            failures.append((k, v, f"{place.commune_named} ∉ {units.name} @ {day}", False))
    return checked, failures


@rule(
    "correct.address.unit_valid_on_date",
    "correct",
    "warning",
    reason="R-D2: tỉnh/xã must be in the code list in force on the document's date (QĐ 19/2025/QĐ-TTg "
    "from 01/7/2025: 34 tỉnh, 3,321 xã, no huyện); older documents legitimately carry old units. "
    "A unit level that no longer existed also fails correct.address.level_on_date (error)",
    vi="Đơn vị hành chính không có trong danh mục hiệu lực vào ngày của giấy tờ",
    en="Administrative unit not in the code list in force on the document's date",
)
def address_unit_valid_on_date(ctx: Context):
    checked, failures = _units_on_date(ctx)
    return checked, [(k, v, m) for k, v, m, _ in failures]


@rule(
    "correct.address.level_on_date",
    "correct",
    "error",
    reason="R-D2 (block): a document dated from 01/7/2025 names no huyện/quận/thị xã and no province "
    "merged away (NQ 202/2025/QH15, 34 tỉnh, two-level local government); such an address did "
    "not exist on the document's date. Older documents legitimately carry old units",
    vi="Địa chỉ ghi cấp huyện hoặc tỉnh đã không còn vào ngày của giấy tờ",
    en="Address names a district level or a province that no longer existed on the document's date",
)
def address_level_on_date(ctx: Context):
    checked, failures = _units_on_date(ctx)
    return checked, [(k, v, m) for k, v, m, level in failures if level]


# Agencies that ceased to exist on a known day (domain-vn §2.5, §2.6): the district level of
# local government ended on 01/7/2025 (two-level local government: Luật Tổ chức chính quyền địa
# phương 2025, NQ 202/2025/QH15), and the Sở were merged from 01/3/2025 (NĐ 45/2025/NĐ-CP): Kế hoạch
# và Đầu tư into Sở Tài chính, Tài nguyên và Môi trường into Sở Nông nghiệp và Môi trường.
# Matched on text without marks, so OCR's tone slips ("SỜ KỂ HOẠCH") do not hide them.
SO_MERGER_DATE = date(2025, 3, 1)
# Thành phố trực thuộc trung ương (province level) on and after 01/7/2025, without marks.
_CENTRAL_CITIES = r"(?:ha noi|ho chi minh|hcm|hai phong|da nang|can tho|hue)"
_DEFUNCT_AGENCIES = (
    (
        re.compile(r"\b(?:uy ban nhan dan|ubnd)\s+(?:huyen|quan|thi xa)\b"),
        REFORM_DATE,
        "UBND cấp huyện không còn từ / no district People's Committee since",
    ),
    (
        # A thành phố thuộc tỉnh (TP Cà Mau, TP Bạc Liêu) was district level too; the six
        # centrally-run cities are provinces and stay (NQ 202/2025/QH15).
        re.compile(rf"\b(?:uy ban nhan dan|ubnd)\s+(?:thanh pho|tp\.?)\s*(?!{_CENTRAL_CITIES}\b)\w"),
        REFORM_DATE,
        "UBND thành phố thuộc tỉnh (cấp huyện) không còn từ / no People's Committee of a provincial city since",
    ),
    (
        re.compile(r"\bso\s+(?:ke hoach va dau tu|kh\s*&\s*dt|khdt)\b"),
        SO_MERGER_DATE,
        "Sở KH&ĐT hợp nhất vào Sở Tài chính từ / merged into Sở Tài chính since",
    ),
    (
        re.compile(r"\bso\s+(?:tai nguyen va moi truong|tn\s*&\s*mt|tnmt)\b"),
        SO_MERGER_DATE,
        "Sở TN&MT hợp nhất vào Sở Nông nghiệp và Môi trường từ / merged into Sở Nông nghiệp và Môi trường since",
    ),
)
AGENCY_FIELDS = ("issuing_agency", "recipient")


def _bare(text: str) -> str:
    """Lower case, no marks, đ → d, one space: the key the defunct-agency patterns match."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@rule(
    "correct.agency.existed_on_document_date",
    "correct",
    "error",
    reason="R-D2 (block): the issuer or addressee must exist on the document's date: UBND huyện/quận/thị xã "
    "ceased 01/7/2025 (two-level local government, QĐ 19/2025/QĐ-TTg), Sở KH&ĐT and Sở TN&MT were "
    "merged 01/3/2025 (NĐ 45/2025/NĐ-CP; domain-vn §2.5–2.6); older documents keep their names",
    vi="Cơ quan ban hành hoặc nơi nhận không còn tồn tại vào ngày của giấy tờ",
    en="Issuing or addressed agency no longer existed on the document's date",
)
def agency_existed_on_document_date(ctx: Context):
    # The earliest day the document's date can mean (benefit of the doubt for partial dates).
    spans = [parse_iso(ctx.fields[k].value) for k in DOCUMENT_DATE_FIELDS if k in ctx.fields]
    day = next((s[0] for s in spans if s), None)
    keys = [k for k in AGENCY_FIELDS if k in ctx.fields]
    if day is None or not keys:
        return 0, []
    failures = []
    for k in keys:
        v = ctx.fields[k].value
        bare = _bare(v)
        for pattern, ended, why in _DEFUNCT_AGENCIES:
            if day >= ended and pattern.search(bare):
                failures.append((k, v, f"{why} {ended.isoformat()}; {day.isoformat()}"))
                break
    return len(keys), failures


@rule(
    "correct.field.unread",
    "correct",
    "warning",
    reason="Issue 14: a label is on the page but its value could not be read (hand-written, under "
    "a seal, garbled); the document has the value, the machine missed it: a person reads it "
    "from the field's crop (page + bbox), it is not an incomplete record",
    vi="Có nhãn trên giấy tờ nhưng không đọc được giá trị, cần người đọc lại",
    en="Label on the page but its value could not be read; needs a person",
)
def field_unread(ctx: Context):
    unread = {k: fv for k, fv in ctx.unread.items() if k not in SIGNER_FIELDS}
    return len(unread), [(k, fv.raw, f"trang / page {fv.page}") for k, fv in unread.items()]


@rule(
    "correct.signer.unread",
    "correct",
    "info",
    reason="NĐ 30/2020: the signature block is on the page but the signer's name is under the seal "
    "or the signature; number, date, agency and subject identify the document, the name is shown "
    "to whoever opens it (its crop: page + bbox)",
    vi="Khối chữ ký có trên trang nhưng không đọc được tên người ký",
    en="Signature block on the page but the signer's name could not be read",
)
def signer_unread(ctx: Context):
    unread = {k: fv for k, fv in ctx.unread.items() if k in SIGNER_FIELDS}
    return len(unread), [(k, fv.raw, f"trang / page {fv.page}") for k, fv in unread.items()]
