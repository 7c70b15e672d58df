"""Field groups the rules share: per document type, and across types (ids, dates, places, names)."""

from __future__ import annotations

import re

from extractors.registry import TYPES

from .base import Context

# --- per document type: views of the registry (extractors/registry.py) ---------------------
# Required fields (đủ, R-F1): the record is rejected without them.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {t.name: t.required for t in TYPES}
# Recommended fields: missing ones are looked at (review), not rejected.
RECOMMENDED_FIELDS: dict[str, tuple[str, ...]] = {t.name: t.recommended for t in TYPES}
# Key fields (R-D5): a low OCR confidence on them sends the record to review.
KEY_FIELDS: dict[str, tuple[str, ...]] = {t.name: t.key_fields for t in TYPES}
# Types whose legal validity window starts at issue_date (sống, R-S1).
DATED_BY_ISSUE_DATE = tuple(t.name for t in TYPES if t.valid_from_issue)


# --- identifiers ---
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
# Whose sex a side of the form implies when the form has no sex field: on a giấy chứng nhận kết
# hôn the parties are "bên chồng" (nam) and "bên vợ" (nữ); the law marries a man and a woman
# (Luật HN&GĐ 2014 Đ.3 khoản 5, Đ.8 khoản 2), so digit 4 of each ID is checked against it.
IMPLIED_SEX: dict[str, dict[str, str]] = {
    "marriage_certificate": {"husband_id_number": "Nam", "wife_id_number": "Nữ"},
}
# On these an old 9-digit CMND is still legal (Luật Căn cước 2023 Đ.46); citizen_id keeps it apart.
LEGACY_ID_FIELDS = {
    "holder_id_number",
    "legal_representative_id_number",
    "applicant_id_number",
    "husband_id_number",
    "wife_id_number",
}


def person_ids(ctx: Context) -> list[tuple[str, str]]:
    return [(k, ctx.fields[k].value) for k in PERSON_ID_FIELDS if k in ctx.fields]


# --- dates ---
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


# --- places ---
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


SIGNER_FIELDS = ("signer_name", "signer_title")


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
