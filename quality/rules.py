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
from dataclasses import dataclass
from datetime import date

from extractors.types import ADMIN_TYPE_CODES, OFFICIAL_LETTER_KIND, Extraction, FieldValue

from .types import Criterion, RuleOutcome, Severity, Violation

RULES_VERSION = "2026.11.1"

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
}
# Key fields (R-D5): a low OCR confidence on them sends the record to review.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "administrative_decision": ("document_number", "issue_date", "issuing_agency", "subject", "signer_name"),
    "official_letter": ("document_number", "issue_date", "issuing_agency", "subject", "signer_name"),
    "citizen_id": ("id_number", "legacy_id_number", "full_name", "date_of_birth", "sex", "expiry_date"),
    "birth_certificate": ("registration_number", "full_name", "date_of_birth", "personal_id_number"),
    "marriage_certificate": ("registration_number", "husband_name", "wife_name", "registration_date"),
    "land_use_certificate": ("serial_number", "register_number", "holder_name", "holder_id_number", "area_m2"),
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

    @property
    def fields(self) -> dict[str, FieldValue]:
        return self.extraction.fields

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
        return RuleOutcome(self.id, self.criterion, self.severity, max(evaluated, len(violations)), violations)

    def message(self, field: str | None, value: str, detail: str) -> str:
        shown = mask(value) if field and _PERSONAL.search(field) else value
        where = f" [{field}={shown!r}]" if field else ""
        extra = f" ({detail})" if detail else ""
        return f"{self.message_vi} — {self.message_en}{where}{extra}"

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
    """``096190001234`` → ``096******234``: first and last 3 characters kept."""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]


# --- đúng ----------------------------------------------------------------------------------
_ADMIN_NUMBER = re.compile(r"^(\d{1,5})/([A-Za-zĐđ]+)-([A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*)$")
_LETTER_NUMBER = re.compile(r"^(\d{1,5})/([A-ZĐ][A-ZĐ0-9&]*)-([A-ZĐa-zđ0-9&]+(?:-[A-ZĐa-zđ0-9&]+)*)$")
_LEGAL_NUMBER = re.compile(r"^(\d{1,5})/(\d{4})/([A-Za-zĐđ]+)-([A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*)$")


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
    "correct.document_number.format", "correct", "error",
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


@rule(
    "correct.issue_date.valid", "correct", "error",
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
    "correct.issue_date.not_in_future", "correct", "error",
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
    "correct.field.low_confidence", "correct", "warning",
    reason=f"R-D5: key fields read below {LOW_CONFIDENCE:.2f} confidence need a second read "
    "(human review)",
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


# --- đủ ------------------------------------------------------------------------------------
@rule(
    "complete.doc_type.known", "complete", "warning",
    reason="Without a document type no field can be required or checked",
    vi="Không xác định được loại giấy tờ",
    en="Document type could not be determined",
)
def _doc_type_known(ctx: Context):
    return 1, ([(None, ctx.doc_type, "")] if ctx.doc_type not in REQUIRED_FIELDS else [])


@rule(
    "complete.required_fields.present", "complete", "error",
    reason="R-F1: the fields required for the document type (REQUIRED_FIELDS) are all present",
    vi="Thiếu trường bắt buộc",
    en="Required field missing",
)
def _required_present(ctx: Context):
    required = REQUIRED_FIELDS.get(ctx.doc_type, ())
    return len(required), [(k, "", "") for k in required if k not in ctx.fields]


@rule(
    "complete.recommended_fields.present", "complete", "warning",
    reason="NĐ 30/2020: place, kind and signer are part of every document; missing ones are "
    "usually under a seal or signature and need a look",
    vi="Thiếu trường nên có",
    en="Recommended field missing",
)
def _recommended_present(ctx: Context):
    wanted = RECOMMENDED_FIELDS.get(ctx.doc_type, ())
    return len(wanted), [(k, "", "") for k in wanted if k not in ctx.fields]


# --- sạch ----------------------------------------------------------------------------------
def _texts(ctx: Context) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = [(k, fv.value) for k, fv in ctx.fields.items()]
    if ctx.text is not None:
        out.append((None, ctx.text))
    return out


@rule(
    "clean.text.nfc", "clean", "warning",
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
    "clean.text.no_legacy_code_points", "clean", "warning",
    reason="R-C1: Đ/đ must be U+0110/U+0111, not U+00D0/U+00F0; no TCVN3/VNI mojibake "
    "(domain-vn §3.3)",
    vi="Có ký tự mã cũ (Ð/ð, TCVN3, VNI)",
    en="Legacy code points (Ð/ð, TCVN3, VNI mojibake)",
)
def _no_legacy(ctx: Context):
    texts = _texts(ctx)
    failures = []
    for k, v in texts:
        problem = legacy_problem(v, 1 if k else _TEXT_MIN_LEGACY)
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
    "clean.value.no_placeholder", "clean", "error",
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
    "live.issue_date.known", "live", "warning",
    reason="R-S1: the validity window (valid_from, supersession, expiry) starts at the issue "
    "date; without a full date it cannot be computed",
    vi="Không xác định được ngày ban hành đầy đủ để tính hiệu lực",
    en="No full issue date: the validity window cannot be computed",
)
def _issue_date_known(ctx: Context):
    if ctx.doc_type not in DATED_BY_ISSUE_DATE:
        return 0, []
    fv = ctx.fields.get("issue_date")
    span = parse_iso(fv.value) if fv else None
    if span is None or span[0] != span[1]:
        return 1, [("issue_date", fv.value if fv else "", "" if fv else "thiếu / missing")]
    return 1, []


# --- verdict -------------------------------------------------------------------------------
def evaluate(extraction: Extraction, *, today: date, text: str | None = None) -> tuple[RuleOutcome, ...]:
    ctx = Context(extraction, today, text)
    return tuple(r(ctx) for r in RULES)


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


def status(outcomes: tuple[RuleOutcome, ...]) -> str:
    severities = {v.severity for o in outcomes for v in o.violations}
    if "error" in severities:
        return "rejected"
    if "warning" in severities:
        return "needs_review"
    return "accepted"
