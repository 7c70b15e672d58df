"""Rule catalogue: đúng (correct), đủ (complete), sạch (clean), sống (live).

Each rule is a plain function decorated with ``@rule(...)``: it receives a ``Context`` (the
extraction, ``today``, optionally the full text) and returns ``(evaluated, failures)``,
where ``evaluated`` counts the values it looked at and ``failures`` lists ``(field, value,
detail)`` for each failing one. The decorator turns that into a ``RuleOutcome`` with one
``Violation`` per failure, carrying the rule's id, criterion, severity and a bilingual
message (Vietnamese — English). A rule that does not apply returns ``(0, [])``.

Ids are sentences: ``<criterion>.<subject>.<property>`` (``correct.issue_date.not_in_future``).
Severities follow domain-vn §1.4: a blocking rule is an ``error`` (the record is rejected),
a review rule a ``warning``, an automatic or informative one ``info``.

Change ``RULES_VERSION`` whenever a rule is added, removed or changes its verdicts: stored
verdicts carry it so they can be recomputed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from extractors.types import ADMIN_TYPE_CODES, OFFICIAL_LETTER_KIND, Extraction, FieldValue

from .masking import mask_text as _mask_ids  # the one ID pattern (flows uses it too)
from .reference import (
    CMND_CUTOFF,
    REFORM_DATE,
    Candidate,
    Facts,
    Reference,
    Unit,
    UnitList,
    acceptable_expiries,
    expected_expiry,
    land_term_end,
    match_key,
    old_style_tone,
    parse_iso,
    parse_personal_id,
    tax_code_problem,
    unit_key,
    words_to_number,
)
from .types import Criterion, RuleOutcome, Severity, Violation

RULES_VERSION = "2026.12.1"

# --- tables per document type -------------------------------------------------------------
# Required fields (đủ, R-F1): the record is rejected without them. Administrative documents
# are identified by number + date + agency, and the trích yếu says what they are about; the
# signer is often under a seal or signature and goes to RECOMMENDED (review, not reject).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "administrative_decision": ("document_number", "issue_date", "issuing_agency", "subject"),
    "official_letter": ("document_number", "issue_date", "issuing_agency", "subject"),
    "citizen_id": ("id_number", "full_name", "date_of_birth"),
    "birth_certificate": ("full_name", "date_of_birth", "sex", "registration_date", "registration_place"),
    "marriage_certificate": ("husband_name", "wife_name", "registration_date", "registration_place"),
    "land_use_certificate": ("serial_number", "holder_name", "parcel_number", "map_sheet_number", "area_m2"),
    "business_registration": ("enterprise_code", "enterprise_name", "head_office_address"),
    "application_form": ("form_title", "applicant_name"),
}
RECOMMENDED_FIELDS: dict[str, tuple[str, ...]] = {
    "administrative_decision": ("document_kind", "issue_place", "signer_name", "signer_title"),
    "official_letter": ("document_kind", "issue_place", "signer_name", "signer_title"),
    "citizen_id": ("sex", "issue_date", "place_of_residence"),
    "birth_certificate": ("registration_number", "place_of_birth", "mother_name"),
    "marriage_certificate": ("registration_number", "husband_date_of_birth", "wife_date_of_birth"),
    "land_use_certificate": ("issue_date", "issuing_agency", "address", "land_use_term", "holder_id_number"),
    "business_registration": ("first_registration_date", "legal_representative", "issuing_agency"),
    "application_form": ("recipient", "request_date"),
}
# Key fields (R-D5): a low OCR confidence on them sends the record to review.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "administrative_decision": ("document_number", "issue_date", "issuing_agency", "subject", "signer_name"),
    "official_letter": ("document_number", "issue_date", "issuing_agency", "subject", "signer_name"),
    "citizen_id": ("id_number", "legacy_id_number", "full_name", "date_of_birth", "sex", "expiry_date"),
    "birth_certificate": ("registration_number", "full_name", "date_of_birth", "personal_id_number"),
    "marriage_certificate": ("registration_number", "husband_name", "wife_name", "registration_date"),
    "land_use_certificate": (
        "serial_number",
        "register_number",
        "holder_name",
        "holder_id_number",
        "area_m2",
    ),
    "business_registration": ("enterprise_code", "enterprise_name", "charter_capital_vnd"),
    "application_form": ("applicant_name", "applicant_id_number"),
}
# Types whose legal validity window starts at issue_date (sống, R-S1).
DATED_BY_ISSUE_DATE = ("administrative_decision", "official_letter", "land_use_certificate")

LOW_CONFIDENCE = 0.80
# Identifier fields are masked in messages (design invariant 6).
_PERSONAL = re.compile(r"(?:^|_)id_number$")

SEVERITY_WEIGHT = {"error": 3.0, "warning": 1.0, "info": 0.5}


@dataclass(frozen=True)
class Context:
    extraction: Extraction
    today: date
    text: str | None = None
    reference: Reference | None = None  # code lists by version (the flow loads them)
    facts: Facts | None = None  # what the warehouse already knows (the flow looks it up)
    notes: dict = field(default_factory=dict)  # what rules derive: valid_to, unit codes, links

    @property
    def fields(self) -> dict[str, FieldValue]:
        """The fields that were read; a field the machine could not read is in ``unread``."""
        return self.extraction.values

    @property
    def unread(self) -> dict[str, FieldValue]:
        return self.extraction.unread

    @property
    def doc_type(self) -> str:
        return self.extraction.doc_type


Failure = tuple[str | None, str, str]  # (field, value as read, detail for the message)
Check = Callable[[Context], tuple[int, list[Failure]]]


@dataclass(frozen=True)
class Rule:
    id: str
    criterion: Criterion
    severity: Severity
    reason: str  # why the rule exists (where it comes from)
    message_vi: str
    message_en: str
    check: Check

    def __call__(self, ctx: Context) -> RuleOutcome:
        evaluated, failures = self.check(ctx)
        violations = tuple(
            Violation(
                rule=self.id,
                criterion=self.criterion,
                severity=self.severity,
                field=field,
                message=self.message(field, value, detail),
                values=(value,),
            )
            for field, value, detail in failures
        )
        return RuleOutcome(
            self.id, self.criterion, self.severity, max(evaluated, len(violations)), violations
        )

    def message(self, field: str | None, value: str, detail: str) -> str:
        shown = mask(value) if field and _PERSONAL.search(field) else value
        where = f" [{field}={shown!r}]" if field else ""
        extra = f" ({detail})" if detail else ""
        return _mask_ids(f"{self.message_vi} — {self.message_en}{where}{extra}")

    def describe(self) -> dict:
        return {
            "id": self.id,
            "criterion": self.criterion,
            "severity": self.severity,
            "reason": self.reason,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


RULES: list[Rule] = []


def rule(id: str, criterion: Criterion, severity: Severity, *, reason: str, vi: str, en: str):
    def register(check: Check) -> Rule:
        r = Rule(id, criterion, severity, reason, vi, en, check)
        if any(x.id == id for x in RULES):
            raise ValueError(f"duplicate rule id {id}")
        RULES.append(r)
        return r

    return register


def mask(value: str) -> str:
    """A 12-digit ID → ``096******234``: first and last 3 characters kept."""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


# --- đúng ----------------------------------------------------------------------------------
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
def _document_number_format(ctx: Context):
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
def _issue_date_valid(ctx: Context):
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
def _issue_date_not_in_future(ctx: Context):
    fv = ctx.fields.get("issue_date")
    span = parse_iso(fv.value) if fv else None
    if span is None:
        return 0, []
    earliest, _ = span
    return 1, ([("issue_date", fv.value, f"> {ctx.today.isoformat()}")] if earliest > ctx.today else [])


@rule(
    "correct.field.low_confidence",
    "correct",
    "warning",
    reason=f"R-D5: key fields read below {LOW_CONFIDENCE:.2f} confidence need a second read (human review)",
    vi=f"Độ tin cậy nhận dạng thấp (< {LOW_CONFIDENCE:.2f}), cần kiểm tra lại",
    en=f"Low recognition confidence (< {LOW_CONFIDENCE:.2f}), needs review",
)
def _low_confidence(ctx: Context):
    keys = [k for k in KEY_FIELDS.get(ctx.doc_type, ()) if k in ctx.fields]
    failures = [
        (k, ctx.fields[k].value, f"{ctx.fields[k].confidence:.2f}")
        for k in keys
        if ctx.fields[k].confidence < LOW_CONFIDENCE and ctx.fields[k].source != "review"
    ]
    return len(keys), failures


# --- đúng: identifiers ------------------------------------------------------------------------
# Fields holding a 12-digit personal ID, with the fields that say whose it is (name, birth, sex).
PERSON_ID_FIELDS: dict[str, tuple[str, str | None, str | None]] = {
    "id_number": ("full_name", "date_of_birth", "sex"),
    "personal_id_number": ("full_name", "date_of_birth", "sex"),
    "husband_id_number": ("husband_name", "husband_date_of_birth", None),
    "wife_id_number": ("wife_name", "wife_date_of_birth", None),
    "holder_id_number": ("holder_name", None, None),
    "legal_representative_id_number": ("legal_representative", None, None),
    "applicant_id_number": ("applicant_name", "date_of_birth", None),
}
# On these an old 9-digit CMND is still legal (Luật Căn cước 2023 Đ.46); citizen_id keeps it apart.
_LEGACY_OK = {
    "holder_id_number",
    "legal_representative_id_number",
    "applicant_id_number",
    "husband_id_number",
    "wife_id_number",
}


def _ids(ctx: Context) -> list[tuple[str, str]]:
    return [(k, ctx.fields[k].value) for k in PERSON_ID_FIELDS if k in ctx.fields]


@rule(
    "correct.personal_id.structure",
    "correct",
    "error",
    reason="R-D1: số định danh cá nhân is 12 digits PPP G YY NNNNNN (NĐ 137/2015 Đ.13, "
    "TT 07/2016/TT-BCA); an old 9-digit CMND stays legal on older documents",
    vi="Số định danh cá nhân không đúng cấu trúc 12 chữ số",
    en="Personal ID is not a 12-digit number",
)
def _personal_id_structure(ctx: Context):
    ids = _ids(ctx)
    failures = []
    for k, v in ids:
        ok = re.fullmatch(r"\d{12}", v) or (k in _LEGACY_OK and re.fullmatch(r"\d{9}", v))
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
def _personal_id_prefix(ctx: Context):
    ids = [(k, v) for k, v in _ids(ctx) if parse_personal_id(v)]
    return len(ids), [(k, v, v[:3]) for k, v in ids if parse_personal_id(v).province is None]


@rule(
    "correct.personal_id.sex_digit_matches",
    "correct",
    "error",
    reason="R-D3: digit 4 encodes century and sex (even = Nam, odd = Nữ)",
    vi="Chữ số thứ 4 của số định danh không khớp giới tính",
    en="Digit 4 of the personal ID does not match the sex",
)
def _personal_id_sex(ctx: Context):
    checked, failures = 0, []
    for k, v in _ids(ctx):
        pid, sex_key = parse_personal_id(v), PERSON_ID_FIELDS[k][2]
        if pid is None or not sex_key or sex_key not in ctx.fields:
            continue
        sex = ctx.fields[sex_key].value
        if sex not in ("Nam", "Nữ"):
            continue
        checked += 1
        if pid.male != (sex == "Nam"):
            failures.append((k, v, f"{v[3]} ↔ {sex}"))
    return checked, failures


@rule(
    "correct.personal_id.birth_year_matches",
    "correct",
    "error",
    reason="R-D3: digits 4–6 give the birth year (century digit + YY); it must equal the year "
    "of the date of birth",
    vi="Năm sinh trong số định danh không khớp ngày sinh",
    en="Birth year encoded in the personal ID does not match the date of birth",
)
def _personal_id_birth_year(ctx: Context):
    checked, failures = 0, []
    for k, v in _ids(ctx):
        pid, dob_key = parse_personal_id(v), PERSON_ID_FIELDS[k][1]
        span = parse_iso(ctx.fields[dob_key].value) if dob_key and dob_key in ctx.fields else None
        if pid is None or span is None:
            continue
        checked += 1
        if pid.birth_year != span[0].year:
            failures.append((k, v, f"{pid.birth_year} ≠ {span[0].year}"))
    return checked, failures


@rule(
    "correct.legacy_id.format",
    "correct",
    "error",
    reason="CMND is 9 digits (NĐ 05/1999) or 12 (2012–2016), no check digit (domain-vn §2.1)",
    vi="Số CMND cũ không phải 9 hoặc 12 chữ số",
    en="Legacy CMND number is not 9 or 12 digits",
)
def _legacy_id(ctx: Context):
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
def _tax_code(ctx: Context):
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
def _land_serial(ctx: Context):
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
def _parcel_numbers(ctx: Context):
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
def _registration_number(ctx: Context):
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
def _sex_value(ctx: Context):
    fv = ctx.fields.get("sex")
    if fv is None:
        return 0, []
    return 1, ([] if fv.value in ("Nam", "Nữ") else [("sex", fv.value, "")])


# --- đúng: dates ------------------------------------------------------------------------------
DATE_FIELDS = (
    "date_of_birth",
    "issue_date",
    "expiry_date",
    "registration_date",
    "husband_date_of_birth",
    "wife_date_of_birth",
    "first_registration_date",
    "amendment_date",
    "request_date",
)
YEAR_FIELDS = ("mother_birth_year", "father_birth_year")


@rule(
    "correct.date.valid",
    "correct",
    "error",
    reason="fields.md: dates are ISO YYYY-MM-DD / YYYY-MM / YYYY; years are 4 digits; an "
    "impossible date is a misread (domain-vn §3.1)",
    vi="Ngày tháng không hợp lệ",
    en="Date is not a valid date",
)
def _dates_valid(ctx: Context):
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
def _dates_not_future(ctx: Context):
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
def _dates_ordered(ctx: Context):
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
            failures.append((b, ctx.fields[b].value, f"{b} < {a} {ctx.fields[a].value}"))
    return checked, failures


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
def _expiry_by_age(ctx: Context):
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
        return 1, [("expiry_date", "", "thiếu / missing")]
    if printed is None:
        return 0, []
    if printed[0] in allowed:
        return 1, []
    expected = ", ".join(sorted(d.isoformat() if d else "không thời hạn / lifelong" for d in allowed))
    return 1, [("expiry_date", fv.value, f"≠ {expected}")]


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
def _mrz_matches(ctx: Context):
    if ctx.doc_type != "citizen_id":
        return 0, []
    checked, failures = 0, []
    for k, fv in ctx.fields.items():
        zone = [f.split(":", 1)[1] for f in fv.flags if f.startswith("mrz_mismatch:")]
        if zone or "mrz_confirmed" in fv.flags:
            checked += 1
        if zone:
            failures.append((k, fv.value, f"MRZ {mask(zone[0]) if _PERSONAL.search(k) else zone[0]}"))
    return checked, failures


@rule(
    "correct.marriage.legal_age",
    "correct",
    "error",
    reason="Luật HN&GĐ 2014 Đ.8: nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi on the registration date",
    vi="Chưa đủ tuổi kết hôn vào ngày đăng ký",
    en="Under the legal marriage age on the registration date",
)
def _marriage_age(ctx: Context):
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
            failures.append((key, ctx.fields[key].value, f"< {age}"))
    return checked, failures


@rule(
    "correct.marriage.distinct_people",
    "correct",
    "error",
    reason="Luật Hộ tịch 2014 Đ.17–18: the two parties are two different people",
    vi="Hai bên kết hôn có cùng số giấy tờ tùy thân",
    en="Both parties carry the same identity number",
)
def _marriage_distinct(ctx: Context):
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
def _area_positive(ctx: Context):
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
_IN_WORDS = {
    "area_m2": re.compile(
        r"(?is)diện\s*tích.{0,200}?bằng\s*chữ\s*[:：]?\s*(\([^)]{0,200}\)|[^)\n;]+(?:\n[^)\n;:]+(?=\)))?)"
    ),
    "charter_capital_vnd": re.compile(
        r"(?is)vốn\s*điều\s*lệ.{0,200}?bằng\s*chữ\s*[:：]?\s*([^)\n;]+(?:\n[^)\n;:]+(?=\)))?)"
    ),
}


def amount_in_words(key: str, fv: FieldValue, text: str | None) -> str | None:
    """The "bằng chữ" wording of an amount, from the field's raw text or the page text."""
    for source in (fv.raw or "", text or ""):
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
def _figures_words(ctx: Context):
    checked, failures = 0, []
    for key in _IN_WORDS:
        fv = ctx.fields.get(key)
        words = amount_in_words(key, fv, ctx.text) if fv else None
        number = words_to_number(words) if words else None
        if fv is None or number is None:
            continue
        try:
            figures = float(fv.value)
        except ValueError:
            continue
        checked += 1
        if abs(figures - number) > 0.005:
            failures.append((key, fv.value, f"bằng chữ / in words: {words} = {number:g}"))
    return checked, failures


# --- đúng: units valid on the document's date -------------------------------------------------
ADDRESS_FIELDS = (
    "place_of_residence",
    "place_of_origin",
    "place_of_birth_registration",
    "place_of_birth",
    "registration_place",
    "address",
    "head_office_address",
    "issue_place",
)
# Places that speak for the document's date. Quê quán, nơi sinh and nơi đăng ký khai sinh keep
# the names of their own time and are never "modernised" (domain-vn §2.2), so they are only mapped.
PRESENT_ADDRESS_FIELDS = (
    "place_of_residence",
    "registration_place",
    "address",
    "head_office_address",
    "issue_place",
)
DOCUMENT_DATE_FIELDS = (
    "issue_date",
    "registration_date",
    "amendment_date",
    "first_registration_date",
    "request_date",
)
_DISTRICT_WORD = re.compile(r"^(?:huyện|quận|thị xã|thành phố|tp\.)\s*", re.IGNORECASE)
_AGENCY = re.compile(r"^(?:(?:ủy|uỷ) ban nhân dân|ubnd|công an|hđnd|hội đồng nhân dân)\s+", re.IGNORECASE)
_COMMUNE_WORD = re.compile(r"^(?:xã|phường|thị trấn|đặc khu)\s", re.IGNORECASE)


def document_date(ctx: Context) -> date | None:
    for k in DOCUMENT_DATE_FIELDS:
        span = parse_iso(ctx.fields[k].value) if k in ctx.fields else None
        if span:
            return span[1] if k != "amendment_date" else span[0]
    return None


def document_date_of(extraction: Extraction) -> date | None:
    """The date a document speaks for (issue, registration, amendment, request)."""
    return document_date(Context(extraction, date.today()))


@dataclass(frozen=True)
class Place:
    province: Unit | None
    commune: list[Unit]
    district_named: str | None
    commune_named: str | None


def locate(address: str, units: UnitList) -> Place | None:
    """Find the province (last part) and commune of an address in one code list."""
    parts = [_AGENCY.sub("", p.strip()).strip() for p in re.split(r"[,;\-–]\s*(?=\D)", address) if p.strip()]
    parts = [p for p in parts if p]
    if not parts:
        return None
    provinces = units.province_by_key.get(unit_key(parts[-1]))
    if not provinces:
        return None
    province = provinces[0]
    district = next((p for p in parts[:-1] if _DISTRICT_WORD.match(p)), None)
    commune = next((p for p in parts[:-1] if _COMMUNE_WORD.match(p)), None)
    found: list[Unit] = []
    if commune:
        found = list(units.commune_by_key.get((province.code, unit_key(commune)), []))
        if district and len(found) > 1:
            narrowed = [u for u in found if u.district and unit_key(u.district) == unit_key(district)]
            found = narrowed or found
    return Place(province, found, district, commune)


def _any_province(ref: Reference, address: str) -> tuple[UnitList, Place] | None:
    for ul in ref.unit_lists:
        place = locate(address, ul)
        if place:
            return ul, place
    return None


@rule(
    "correct.address.unit_valid_on_date",
    "correct",
    "warning",
    reason="R-D2: tỉnh/xã must be in the code list in force on the document's date (QĐ 19/2025/QĐ-TTg "
    "from 01/7/2025: 34 tỉnh, 3,321 xã, no huyện); older documents legitimately carry old units",
    vi="Đơn vị hành chính không có trong danh mục hiệu lực vào ngày của giấy tờ",
    en="Administrative unit not in the code list in force on the document's date",
)
def _unit_on_date(ctx: Context):
    if ctx.reference is None:
        return 0, []
    day = document_date(ctx) or ctx.today
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
            other = _any_province(ctx.reference, v)
            if other:  # names a province of another list (e.g. tỉnh Bạc Liêu after 07/2025)
                checked += 1
                failures.append((k, v, f"tỉnh / province {other[1].province.name} ∉ {units.name} @ {day}"))
            continue
        checked += 1
        if place.district_named and day >= REFORM_DATE:
            failures.append((k, v, f"cấp huyện không còn từ / no district level since {REFORM_DATE}"))
        elif place.commune_named and not place.commune:
            failures.append((k, v, f"{place.commune_named} ∉ {units.name} @ {day}"))
    return checked, failures


# --- đủ ------------------------------------------------------------------------------------
@rule(
    "complete.doc_type.known",
    "complete",
    "warning",
    reason="Without a document type no field can be required or checked",
    vi="Không xác định được loại giấy tờ",
    en="Document type could not be determined",
)
def _doc_type_known(ctx: Context):
    return 1, ([(None, ctx.doc_type, "")] if ctx.doc_type not in REQUIRED_FIELDS else [])


@rule(
    "complete.required_fields.present",
    "complete",
    "error",
    reason="R-F1: the fields required for the document type (REQUIRED_FIELDS) are all present",
    vi="Thiếu trường bắt buộc",
    en="Required field missing",
)
def _required_present(ctx: Context):
    # An unread field is on the document (the machine missed it): correct.field.unread sends
    # the record to review; only what the document lacks is judged here.
    required = REQUIRED_FIELDS.get(ctx.doc_type, ())
    return len(required), [(k, "", "") for k in required if k not in ctx.fields and k not in ctx.unread]


@rule(
    "complete.recommended_fields.present",
    "complete",
    "warning",
    reason="NĐ 30/2020: place, kind and signer are part of every document; missing ones are "
    "usually under a seal or signature and need a look",
    vi="Thiếu trường nên có",
    en="Recommended field missing",
)
def _recommended_present(ctx: Context):
    wanted = RECOMMENDED_FIELDS.get(ctx.doc_type, ())
    no_block = ctx.extraction.notes.get("signature_block") is False or (
        ctx.text is not None and not _SIGNATURE_BLOCK.search(ctx.text)
    )
    if any(k in ctx.unread for k in SIGNER_FIELDS) or (
        no_block and not any(k in ctx.fields for k in SIGNER_FIELDS)
    ):
        # the signature block is not on the pages (page 1 of a longer document scanned alone):
        # no gap in what they show; there but unread (under the seal) is correct.signer.unread
        wanted = tuple(k for k in wanted if k not in SIGNER_FIELDS)
    return len(wanted), [(k, "", "") for k in wanted if k not in ctx.fields and k not in ctx.unread]


SIGNER_FIELDS = ("signer_name", "signer_title")
# What shows a page holds the signature block (NĐ 30/2020 PL I): "Nơi nhận" or an authority line.
_SIGNATURE_BLOCK = re.compile(r"(?im)^\s*(?:n[ơo]i nh[ậa]n\b|(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S)")


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
def _unread(ctx: Context):
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
def _signer_unread(ctx: Context):
    unread = {k: fv for k, fv in ctx.unread.items() if k in SIGNER_FIELDS}
    return len(unread), [(k, fv.raw, f"trang / page {fv.page}") for k, fv in unread.items()]


# --- sạch ----------------------------------------------------------------------------------
def _texts(ctx: Context) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = [(k, fv.value) for k, fv in ctx.fields.items()]
    if ctx.text is not None:
        out.append((None, ctx.text))
    return out


@rule(
    "clean.text.nfc",
    "clean",
    "warning",
    reason="R-C1: text is Unicode NFC (TCVN 6909:2001); NFD from macOS or 'Unicode tổ hợp' "
    "typing compares unequal",
    vi="Văn bản chưa chuẩn hóa Unicode NFC",
    en="Text is not in Unicode NFC",
)
def _nfc(ctx: Context):
    texts = _texts(ctx)
    return len(texts), [
        (k, v if k else v[:40], "") for k, v in texts if not unicodedata.is_normalized("NFC", v)
    ]


# Latin-1 letters and signs Vietnamese never uses: text decoded from a legacy TCVN3
# (.VnTime) or VNI font shows them in place of Vietnamese letters ("Hµ Néi" = Hà Nội,
# "Nguyeãn" = Nguyễn in VNI shows ã after e). Signs with an ordinary meaning in documents
# (² ³ ° § © « » · ±) are left out.
_LEGACY_CHARS = frozenset("ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿ¡¢£¤¥¦¨ª¬®¯µ¶¸¹º¼½¾¿")
# TCVN3 puts some lower-case Vietnamese letters on Latin-1 capitals: "NguyÔn" = Nguyễn.
_LATIN1_CAPITALS = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TEXT_MIN_LEGACY = 3  # in the full text, a stray sign is not yet mojibake
# … nor a few signs OCR made of seals and signatures: legacy-encoded text has them in most
# words, so the full text needs them in at least this share of its letters.
_TEXT_LEGACY_SHARE = 0.01


def legacy_problem(text: str, min_count: int = 1) -> str | None:
    """Why ``text`` looks like legacy-encoded Vietnamese, or None."""
    bad = [c for c in text if c in _LEGACY_CHARS]
    if len(bad) >= min_count:
        return "ký tự / characters " + " ".join(f"U+{ord(c):04X}" for c in sorted(set(bad)))
    capitals = [a + b for a, b in zip(text, text[1:]) if a.islower() and b in _LATIN1_CAPITALS]
    if len(capitals) >= min_count:
        return f"chữ hoa giữa từ / capital inside a word {capitals[0]!r}"
    return None


@rule(
    "clean.text.no_legacy_code_points",
    "clean",
    "warning",
    reason="R-C1: Đ/đ must be U+0110/U+0111, not U+00D0/U+00F0; no TCVN3/VNI mojibake (domain-vn §3.3)",
    vi="Có ký tự mã cũ (Ð/ð, TCVN3, VNI)",
    en="Legacy code points (Ð/ð, TCVN3, VNI mojibake)",
)
def _no_legacy(ctx: Context):
    texts = _texts(ctx)
    failures = []
    for k, v in texts:
        letters = sum(c.isalpha() for c in v)
        problem = legacy_problem(v, 1 if k else max(_TEXT_MIN_LEGACY, int(letters * _TEXT_LEGACY_SHARE)))
        if problem:
            failures.append((k, v if k else v[:40], problem))
    return len(texts), failures


_PLACEHOLDER = re.compile(
    r"^(?:[.…·_\-–—/\\x×?*\s]+|0+|0{1,2}[/.\-]0{1,2}(?:[/.\-]\d{2,4})?|"
    r"không rõ|chưa rõ|chưa có|không có|n/?a|null|none)$",
    re.IGNORECASE,
)
_ZERO_DATE = re.compile(r"\b0{1,2}\s*[/.\-]\s*0{1,2}\s*[/.\-]\s*\d{2,4}\b")


@rule(
    "clean.value.no_placeholder",
    "clean",
    "error",
    reason="R-C3: placeholders ('…', '...', 'x', '/', '0', '00/00/yyyy', 'không rõ') are not data",
    vi="Giá trị là ký tự giữ chỗ, không phải dữ liệu",
    en="Value is a placeholder, not data",
)
def _no_placeholder(ctx: Context):
    failures = []
    for k, fv in ctx.fields.items():
        if _PLACEHOLDER.match(fv.value.strip()) or not fv.value.strip():
            failures.append((k, fv.value, ""))
        elif _ZERO_DATE.search(fv.raw or "") and ("date" in k or "birth" in k):
            failures.append((k, fv.raw, "00/00"))
    return len(ctx.fields), failures


# --- sống ----------------------------------------------------------------------------------
@rule(
    "live.issue_date.known",
    "live",
    "warning",
    reason="R-S1: the validity window (valid_from, supersession, expiry) starts at the issue "
    "date; without a full date it cannot be computed",
    vi="Không xác định được ngày ban hành đầy đủ để tính hiệu lực",
    en="No full issue date: the validity window cannot be computed",
)
def _issue_date_known(ctx: Context):
    if ctx.doc_type not in DATED_BY_ISSUE_DATE or "issue_date" in ctx.unread:
        return 0, []  # an unread date is correct.field.unread's
    fv = ctx.fields.get("issue_date")
    span = parse_iso(fv.value) if fv else None
    if span is None or span[0] != span[1]:
        return 1, [("issue_date", fv.value if fv else "", "" if fv else "thiếu / missing")]
    return 1, []


# --- sạch (more) ------------------------------------------------------------------------------
@rule(
    "clean.value.whitespace",
    "clean",
    "warning",
    reason="fields.md: values are trimmed, whitespace collapsed to single spaces",
    vi="Giá trị có khoảng trắng thừa",
    en="Value has stray whitespace",
)
def _whitespace(ctx: Context):
    return len(ctx.fields), [
        (k, fv.value, "")
        for k, fv in ctx.fields.items()
        if fv.value != fv.value.strip() or re.search(r"\s{2,}|[\t\r\n\u00a0]", fv.value)
    ]


NAME_FIELDS = (
    "full_name",
    "holder_name",
    "husband_name",
    "wife_name",
    "mother_name",
    "father_name",
    "legal_representative",
    "applicant_name",
    "signer_name",
)


@rule(
    "clean.name.tone_placement",
    "clean",
    "info",
    reason="R-C2: 'hoà'/'hòa' are both correct spellings; the value is stored as printed and "
    "matched on a tone-placement-insensitive key (domain-vn §3.3)",
    vi="Tên viết dấu kiểu mới (hoà, thuỷ): giữ nguyên, so khớp bằng khóa chuẩn",
    en="Name uses new-style tone placement: kept as printed, matched on the canonical key",
)
def _tone_placement(ctx: Context):
    keys = [k for k in NAME_FIELDS if k in ctx.fields]
    return len(keys), [
        (k, ctx.fields[k].value, f"key {match_key(ctx.fields[k].value)!r}")
        for k in keys
        if old_style_tone(ctx.fields[k].value) != ctx.fields[k].value
    ]


@rule(
    "clean.personal_id.one_person",
    "clean",
    "error",
    reason="R-C4: one person per số định danh across the warehouse; the same ID with another "
    "name or date of birth is a misread or a wrong record",
    vi="Số định danh đã gắn với người khác trong kho dữ liệu",
    en="Personal ID already belongs to a different person in the warehouse",
)
def _one_person(ctx: Context):
    if ctx.facts is None:
        return 0, []
    checked, failures = 0, []
    for k, v in _ids(ctx):
        known = ctx.facts.persons.get(v)
        name_key, dob_key, _ = PERSON_ID_FIELDS[k]
        if known is None or name_key not in ctx.fields:
            continue
        checked += 1
        if match_key(known.name) != match_key(ctx.fields[name_key].value):
            failures.append((k, v, f"{ctx.fields[name_key].value} ≠ {known.name}"))
            continue
        mine = ctx.fields[dob_key].value if dob_key and dob_key in ctx.fields else None
        if mine and known.date_of_birth and parse_iso(mine) and parse_iso(known.date_of_birth):
            a, b = parse_iso(mine), parse_iso(known.date_of_birth)
            if a[1] < b[0] or b[1] < a[0]:
                failures.append((k, v, f"{mine} ≠ {known.date_of_birth}"))
    return checked, failures


def document_identity(ex: Extraction) -> str | None:
    """What makes two scans the same document (not the same file): per type, its identifiers."""
    f = {k: fv.value for k, fv in ex.values.items()}
    parts: tuple[str | None, ...]
    t = ex.doc_type
    if t == "citizen_id":
        parts = (f.get("id_number") or f.get("legacy_id_number"), f.get("issue_date"))
    elif t in ("birth_certificate", "marriage_certificate"):
        parts = (
            f.get("registration_number"),
            f.get("book_number") or "",
            f.get("registration_date"),
            match_key(f.get("registration_place", "")),
        )
    elif t == "land_use_certificate":
        parts = (f.get("serial_number"),)
    elif t == "business_registration":
        parts = (f.get("enterprise_code"), f.get("amendment_number") or "0")
    elif t in ("administrative_decision", "official_letter"):
        parts = (f.get("document_number"), f.get("issue_date"), match_key(f.get("issuing_agency", "")))
    elif t == "application_form":
        parts = (
            match_key(f.get("applicant_name", "")),
            f.get("request_date"),
            match_key(f.get("form_title", "")),
        )
    else:
        return None
    if not all(p is not None and p != "" for p in parts[:1]) or any(p is None for p in parts):
        return None
    return t + ":" + "|".join(str(p) for p in parts)


def document_subject(ex: Extraction) -> str | None:
    """What a newer document of the same type replaces: the card holder, the parcel, the enterprise."""
    f = {k: fv.value for k, fv in ex.values.items()}
    if ex.doc_type == "citizen_id" and f.get("id_number"):
        return f"person:{f['id_number']}"
    if ex.doc_type == "land_use_certificate" and f.get("map_sheet_number") and f.get("parcel_number"):
        return (
            f"parcel:{int(f['map_sheet_number'])}/{int(f['parcel_number'])}"
            if (f["map_sheet_number"].isdigit() and f["parcel_number"].isdigit())
            else None
        )
    if ex.doc_type == "business_registration" and f.get("enterprise_code"):
        return f"enterprise:{f['enterprise_code']}"
    return None


@rule(
    "clean.document.scanned_twice",
    "clean",
    "warning",
    reason="R-C4: the same document (same identifiers) scanned again as a different file; keep "
    "one as the record, link the other",
    vi="Giấy tờ này đã được số hóa (quét lại lần nữa)",
    en="This document was already digitized (scanned twice)",
)
def _scanned_twice(ctx: Context):
    if ctx.facts is None or document_identity(ctx.extraction) is None:
        return 0, []
    twins = [d for d in ctx.facts.same_identity if d.sha256 != ctx.facts.sha256]
    return 1, (
        [(None, document_identity(ctx.extraction) or "", "≡ " + ", ".join(f"#{d.id}" for d in twins))]
        if twins
        else []
    )


# --- sống (more) ------------------------------------------------------------------------------
def valid_to(ctx: Context) -> date | str | None:
    """The end of the document's legal validity: a date, None (no end) or "unknown"."""
    f = ctx.fields
    if ctx.doc_type == "citizen_id":
        if "id_number" not in f and "legacy_id_number" in f:
            return CMND_CUTOFF
        span = parse_iso(f["expiry_date"].value) if "expiry_date" in f else None
        if span:
            return span[1]
        dob = parse_iso(f["date_of_birth"].value) if "date_of_birth" in f else None
        issued = parse_iso(f["issue_date"].value) if "issue_date" in f else None
        if dob and issued and dob[0] == dob[1] and issued[0] == issued[1]:
            return expected_expiry(dob[0], issued[0])
        return "unknown"
    if ctx.doc_type == "land_use_certificate":
        return land_term_end(f["land_use_term"].value) if "land_use_term" in f else "unknown"
    return None


@rule(
    "live.validity.not_expired",
    "live",
    "warning",
    reason="R-S1: valid_to from the card expiry (CMND: 31/12/2024) or the land-use term; an "
    "expired document is flagged, kept, and not used as current",
    vi="Giấy tờ đã hết hiệu lực",
    en="Document has expired",
)
def _not_expired(ctx: Context):
    end = valid_to(ctx)
    if ctx.doc_type not in ("citizen_id", "land_use_certificate"):
        return 0, []
    ctx.notes["valid_to"] = end.isoformat() if isinstance(end, date) else end
    if not isinstance(end, date):
        return (1 if end is None else 0), []
    return 1, (
        [(None, end.isoformat(), f"valid_to {end.isoformat()} < {ctx.today.isoformat()}")]
        if end < ctx.today
        else []
    )


@rule(
    "live.validity.window_known",
    "live",
    "info",
    reason="R-S1: without an expiry or a land-use term the validity window cannot be computed",
    vi="Không xác định được thời hạn hiệu lực",
    en="Validity window unknown (no expiry / land-use term)",
)
def _window_known(ctx: Context):
    if ctx.doc_type not in ("citizen_id", "land_use_certificate"):
        return 0, []
    end = valid_to(ctx)
    key = "expiry_date" if ctx.doc_type == "citizen_id" else "land_use_term"
    return 1, ([(key, ctx.fields[key].value if key in ctx.fields else "", "")] if end == "unknown" else [])


def _amendment(value: str | None) -> int | None:
    m = re.search(r"\d+", value or "")
    return int(m.group()) if m else None


@rule(
    "live.supersession.newer_version_known",
    "live",
    "info",
    reason="R-S2: a newer certificate or amendment links to the older one, which stays (design "
    "invariant 5); an older version arriving later is stored as superseded, not current",
    vi="Đã có phiên bản mới hơn trong kho; giấy tờ này được lưu là phiên bản cũ",
    en="A newer version is already in the warehouse; this one is kept as superseded",
)
def _newer_known(ctx: Context):
    if ctx.facts is None or not ctx.facts.predecessors:
        return 0, []
    mine_amend = (
        _amendment(ctx.fields["amendment_number"].value) if "amendment_number" in ctx.fields else None
    )
    mine_date = document_date(ctx)
    newer = []
    for d in ctx.facts.predecessors:
        if mine_amend is not None and d.amendment_number is not None:
            if d.amendment_number > mine_amend:
                newer.append(d)
        elif (
            mine_date and d.issue_date and parse_iso(d.issue_date) and parse_iso(d.issue_date)[0] > mine_date
        ):
            newer.append(d)
    ctx.notes["supersedes"] = [d.id for d in ctx.facts.predecessors if d not in newer]
    return 1, ([(None, ", ".join(f"#{d.id}" for d in newer), "")] if newer else [])


@rule(
    "live.address.current_unit",
    "live",
    "warning",
    reason="R-C5/§4.1: an address is stored as printed and mapped to the current commune code; "
    "a split commune gives a candidate set, never a silent pick (NQ 1655/NQ-UBTVQH15)",
    vi="Địa chỉ cũ thuộc xã bị chia tách: cần chọn xã mới trong các ứng viên",
    en="Old address in a split commune: choose the new commune among the candidates",
)
def _current_unit(ctx: Context):
    if ctx.reference is None:
        return 0, []
    current = ctx.reference.current(ctx.today)
    if current is None:
        return 0, []
    mapped: dict[str, dict] = {}
    checked, failures = 0, []
    for k in ADDRESS_FIELDS:
        if k not in ctx.fields or k == "issue_place":
            continue
        v = ctx.fields[k].value
        place = locate(v, current)
        if place and len(place.commune) == 1:
            checked += 1
            u = place.commune[0]
            mapped[k] = {
                "commune_code": u.code,
                "commune": u.name,
                "province_code": place.province.code,
                "candidates": [u.code],
                "method": "current",
            }
            continue
        old = None
        for ul in ctx.reference.unit_lists:
            if ul is current:
                continue
            p = locate(v, ul)
            if p and p.commune:
                old = p
                break
        if old is None:
            continue
        checked += 1
        candidates: dict[str, Candidate] = {}
        for u in old.commune:
            for c in ctx.reference.old_to_new.get(u.code, ()):
                candidates.setdefault(c.code, c)
        cands = sorted(candidates.values(), key=lambda c: (not c.default, c.code))
        mapped[k] = {
            "commune_code": cands[0].code if len(cands) == 1 else None,
            "candidates": [c.code for c in cands],
            "old_codes": [u.code for u in old.commune],
            "method": "converted" if len(cands) == 1 else "ambiguous",
        }
        if len(cands) != 1:
            failures.append(
                (k, v, "ứng viên / candidates: " + "; ".join(f"{c.code} {c.name}" for c in cands))
            )
    if mapped:
        ctx.notes["units"] = mapped
    return checked, failures


STALE_DAYS = 5 * 365


@rule(
    "live.facts.recent",
    "live",
    "info",
    reason="R-S3: facts from a document older than 5 years need re-verification against the "
    "masters before reuse (staleness measure, domain-vn §5)",
    vi="Dữ liệu cũ hơn 5 năm, cần xác minh lại trước khi dùng lại",
    en="Facts older than 5 years: re-verify before reuse",
)
def _recent(ctx: Context):
    day = document_date(ctx)
    if day is None:
        return 0, []
    age = (ctx.today - day).days
    ctx.notes["staleness_days"] = age
    return 1, ([(None, day.isoformat(), f"{age} ngày / days")] if age > STALE_DAYS else [])


# --- verdict -------------------------------------------------------------------------------
def evaluate(
    extraction: Extraction,
    *,
    today: date,
    text: str | None = None,
    reference: Reference | None = None,
    facts: Facts | None = None,
    notes: dict | None = None,
) -> tuple[RuleOutcome, ...]:
    """Run every rule. ``notes`` (if given) receives what rules derive (valid_to, unit codes)."""
    ctx = Context(extraction, today, text, reference, facts, notes if notes is not None else {})
    return tuple(r(ctx) for r in RULES)


CRITERIA = ("correct", "complete", "clean", "live")


def criterion_scores(outcomes: tuple[RuleOutcome, ...]) -> dict[str, float | None]:
    """``score`` per criterion; None where no rule of that criterion evaluated anything."""
    out: dict[str, float | None] = {}
    for c in CRITERIA:
        mine = tuple(o for o in outcomes if o.criterion == c)
        out[c] = score(mine) if any(o.evaluated for o in mine) else None
    return out


def unsure_fields(extraction: Extraction) -> frozenset[str]:
    """Fields read below LOW_CONFIDENCE by the machine (reviewed values are sure)."""
    return frozenset(
        k for k, fv in extraction.values.items() if fv.confidence < LOW_CONFIDENCE and fv.source != "review"
    )


def field_status(extraction: Extraction, outcomes: tuple[RuleOutcome, ...]) -> dict[str, str]:
    """Per field: the worst verdict of the violations that name it."""
    rank = {"accepted": 0, "needs_review": 1, "rejected": 2}
    by_severity = {"error": "rejected", "warning": "needs_review", "info": "accepted"}
    out = dict.fromkeys(extraction.fields, "accepted")
    for o in outcomes:
        for v in o.violations:
            if v.field:
                s = by_severity[v.severity]
                if rank[s] > rank[out.get(v.field, "accepted")]:
                    out[v.field] = s
    return out


def score(outcomes: tuple[RuleOutcome, ...]) -> float:
    """Share of evaluated checks that passed, weighted by severity.

    Each evaluated value is one check; a failing value costs its rule's weight (error 3,
    warning 1, info 0.5), so a document with one blocking problem scores lower than one
    with a doubtful confidence. Nothing evaluated → 0.0 (nothing was shown to be right).
    """
    total = passed = 0.0
    for o in outcomes:
        w = SEVERITY_WEIGHT[o.severity]
        total += w * o.evaluated
        passed += w * (o.evaluated - len(o.violations))
    return passed / total if total else 0.0


def status(outcomes: tuple[RuleOutcome, ...], unsure: frozenset[str] = frozenset()) -> str:
    """``rejected`` on an error, ``needs_review`` on a warning, else ``accepted``. An error
    whose fields were all read unsurely (``unsure``: below LOW_CONFIDENCE) goes to review:
    the machine is not sure the document says it, so a person looks before anything is
    rejected (the low-confidence warning names the same field)."""
    errors = [v for o in outcomes for v in o.violations if v.severity == "error"]
    severities = {v.severity for o in outcomes for v in o.violations}
    if errors and not all(v.field in unsure for v in errors):
        return "rejected"
    if errors:
        return "needs_review"
    if "warning" in severities:
        return "needs_review"
    return "accepted"
