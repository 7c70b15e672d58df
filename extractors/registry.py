"""One home per document type: the registry of the 8 types of fields.md.

Each ``DocType`` holds what the pipeline knows of a type: its fields (the keys of
../shared/docs/fields.md, in that order), the fields quality requires and recommends, the
key fields a low confidence sends to review, what identifies one document (``identity``),
the extractor that reads it, and the dossiers (thủ tục, by code) it belongs to and how many
of it each one needs. Every other place reads these from here: ``types.DOC_TYPES``,
``forms.FIELDS``, ``admin_document.FIELDS``, ``extractors.EXTRACTORS``, the quality rules'
``REQUIRED_FIELDS`` / ``RECOMMENDED_FIELDS`` / ``KEY_FIELDS``, ``document_identity`` and the
procedures of ``quality.dossier``. A ninth type is one more entry here (tests check the
entries against fields.md).

The extractor is named by its import path ("module:function"), as prefect.yaml names a
flow: the extractor modules read their field lists from this registry, so it cannot import
them. The sample renderer is not here: the sample generator is a package of its own that
imports the registry (extractors never import it); its tests check every type has one.
Pure data: no network, database or Prefect.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from ocr.result import Document

    from .layout import Segment
    from .types import FieldValue

__all__ = [
    "REGISTRY",
    "TYPES",
    "UNKNOWN",
    "DocType",
    "Extractor",
    "IdentityPart",
    "doc_type",
]

UNKNOWN = "unknown"  # the doc_type of a document no type fits (fields.md)

# Thủ tục hành chính (quality.dossier.PROCEDURES holds their names and form titles).
BIRTH_REGISTRATION = "1.001193"
MARRIAGE_REGISTRATION = "1.000894"
LAND_CERTIFICATE_REISSUE = "dat-dai.cap-doi"
ENTERPRISE_CHANGE = "dkdn.thay-doi"


class Extractor(Protocol):
    """Reads a recognized document's fields; ``notes`` receives what it saw beyond them."""

    def __call__(
        self, document: Document, doc_type: str, segs: list[Segment], notes: dict | None = None, /
    ) -> dict[str, FieldValue]: ...


@dataclass(frozen=True)
class IdentityPart:
    """One part of a document's identity: the first of ``keys`` that has a value (or
    ``default``); ``folded`` parts are compared on their match key (case, tone placement)."""

    keys: tuple[str, ...]
    default: str | None = None
    folded: bool = False


def _part(*keys: str, default: str | None = None, folded: bool = False) -> IdentityPart:
    return IdentityPart(keys, default, folded)


@dataclass(frozen=True)
class DocType:
    name: str  # the doc_type of fields.md
    label_vi: str  # what the page calls it
    fields: tuple[str, ...]  # fields.md keys, in its order
    required: tuple[str, ...]  # đủ, R-F1: the record is rejected without them
    recommended: tuple[str, ...]  # missing ones are looked at (review), not rejected
    key_fields: tuple[str, ...]  # R-D5: a low OCR confidence on them sends the record to review
    identity: tuple[IdentityPart, ...]  # what makes two scans the same document
    extractor: str  # "module:function" reading the fields of a recognized document
    dossiers: Mapping[str, int] = field(default_factory=dict)  # procedure code → how many it needs
    valid_from_issue: bool = False  # sống, R-S1: its legal validity starts at issue_date

    @property
    def extract_fields(self) -> Extractor:
        """The extractor function, imported on first use."""
        return _resolve(self.extractor)


@cache
def _resolve(path: str) -> Extractor:
    module, _, name = path.partition(":")
    return cast("Extractor", getattr(importlib.import_module(module), name))


# Administrative documents are identified by number + date + agency, and the trích yếu says
# what they are about; the signer is often under a seal or a signature and goes to the
# recommended fields (review, not reject).
_ADMIN_FIELDS = (
    "document_number",
    "document_kind",
    "issuing_agency",
    "issue_place",
    "issue_date",
    "subject",
    "signer_name",
    "signer_title",
)


def _administrative(name: str, label_vi: str) -> DocType:
    """Quyết định and công văn share their fields (NĐ 30/2020 PL I): only the type differs."""
    return DocType(
        name=name,
        label_vi=label_vi,
        fields=_ADMIN_FIELDS,
        required=("document_number", "issue_date", "issuing_agency", "subject"),
        recommended=("document_kind", "issue_place", "signer_name", "signer_title"),
        key_fields=("document_number", "issue_date", "issuing_agency", "subject", "signer_name"),
        identity=(_part("document_number"), _part("issue_date"), _part("issuing_agency", folded=True)),
        extractor="extractors.admin_document:extract_admin_document",
        valid_from_issue=True,
    )


# Hộ tịch: số, quyển số, ngày and nơi đăng ký identify an entry in the civil register.
_CIVIL_REGISTER_IDENTITY = (
    _part("registration_number"),
    _part("book_number", default=""),
    _part("registration_date"),
    _part("registration_place", folded=True),
)

TYPES: tuple[DocType, ...] = (
    DocType(
        name="citizen_id",
        label_vi="CMND / CCCD / thẻ căn cước",
        fields=(
            "id_number",
            "legacy_id_number",
            "full_name",
            "date_of_birth",
            "sex",
            "nationality",
            "place_of_origin",
            "place_of_residence",
            "place_of_birth_registration",
            "issue_date",
            "expiry_date",
        ),
        required=("id_number", "full_name", "date_of_birth"),
        recommended=("sex", "issue_date", "place_of_residence"),
        key_fields=("id_number", "legacy_id_number", "full_name", "date_of_birth", "sex", "expiry_date"),
        identity=(_part("id_number", "legacy_id_number"), _part("issue_date")),
        extractor="extractors.forms:extract_citizen_id",
        dossiers={
            BIRTH_REGISTRATION: 1,
            MARRIAGE_REGISTRATION: 2,
            LAND_CERTIFICATE_REISSUE: 1,
            ENTERPRISE_CHANGE: 1,
        },
    ),
    DocType(
        name="birth_certificate",
        label_vi="giấy khai sinh",
        fields=(
            "registration_number",
            "book_number",
            "full_name",
            "date_of_birth",
            "sex",
            "ethnicity",
            "nationality",
            "place_of_birth",
            "place_of_origin",
            "personal_id_number",
            "mother_name",
            "mother_birth_year",
            "father_name",
            "father_birth_year",
            "registration_date",
            "registration_place",
        ),
        required=("full_name", "date_of_birth", "sex", "registration_date", "registration_place"),
        recommended=("registration_number", "place_of_birth", "mother_name"),
        key_fields=("registration_number", "full_name", "date_of_birth", "personal_id_number"),
        identity=_CIVIL_REGISTER_IDENTITY,
        extractor="extractors.forms:extract_birth_certificate",
    ),
    DocType(
        name="marriage_certificate",
        label_vi="giấy chứng nhận kết hôn",
        fields=(
            "registration_number",
            "book_number",
            "husband_name",
            "husband_date_of_birth",
            "husband_id_number",
            "wife_name",
            "wife_date_of_birth",
            "wife_id_number",
            "registration_date",
            "registration_place",
        ),
        required=("husband_name", "wife_name", "registration_date", "registration_place"),
        recommended=("registration_number", "husband_date_of_birth", "wife_date_of_birth"),
        key_fields=("registration_number", "husband_name", "wife_name", "registration_date"),
        identity=_CIVIL_REGISTER_IDENTITY,
        extractor="extractors.forms:extract_marriage_certificate",
    ),
    DocType(
        name="land_use_certificate",
        label_vi="giấy chứng nhận quyền sử dụng đất",
        fields=(
            "serial_number",
            "register_number",
            "holder_name",
            "holder_id_number",
            "parcel_number",
            "map_sheet_number",
            "address",
            "area_m2",
            "land_use_purpose",
            # "Lâu dài" or "Đến ngày dd/mm/yyyy" (fields.md gives no format: the two forms of
            # domain-vn §2.4, an end date printed with - or . or in words written with /).
            "land_use_term",
            "land_use_origin",
            "issue_date",
            "issuing_agency",
        ),
        required=("serial_number", "holder_name", "parcel_number", "map_sheet_number", "area_m2"),
        recommended=("issue_date", "issuing_agency", "address", "land_use_term", "holder_id_number"),
        key_fields=("serial_number", "register_number", "holder_name", "holder_id_number", "area_m2"),
        identity=(_part("serial_number"),),
        extractor="extractors.forms:extract_land_use_certificate",
        dossiers={LAND_CERTIFICATE_REISSUE: 1},
        valid_from_issue=True,
    ),
    DocType(
        name="business_registration",
        label_vi="giấy chứng nhận đăng ký doanh nghiệp",
        fields=(
            "enterprise_code",
            "enterprise_name",
            "head_office_address",
            "charter_capital_vnd",
            "legal_representative",
            "legal_representative_id_number",
            "first_registration_date",
            "amendment_number",
            "amendment_date",
            "issuing_agency",
        ),
        required=("enterprise_code", "enterprise_name", "head_office_address"),
        recommended=("first_registration_date", "legal_representative", "issuing_agency"),
        key_fields=("enterprise_code", "enterprise_name", "charter_capital_vnd"),
        identity=(_part("enterprise_code"), _part("amendment_number", default="0")),
        extractor="extractors.forms:extract_business_registration",
        dossiers={ENTERPRISE_CHANGE: 1},
    ),
    _administrative("administrative_decision", "quyết định"),
    _administrative("official_letter", "công văn, thông báo, tờ trình …"),
    DocType(
        name="application_form",
        label_vi="đơn, tờ khai",
        fields=(
            "form_title",
            "recipient",
            "applicant_name",
            "applicant_id_number",
            "date_of_birth",
            "address",
            "phone",
            "request_date",
        ),
        required=("form_title", "applicant_name"),
        recommended=("recipient", "request_date"),
        key_fields=("applicant_name", "applicant_id_number"),
        identity=(
            _part("applicant_name", folded=True),
            _part("request_date"),
            _part("form_title", folded=True),
        ),
        extractor="extractors.forms:extract_application_form",
        # The form names the procedure: every dossier holds one.
        dossiers={
            BIRTH_REGISTRATION: 1,
            MARRIAGE_REGISTRATION: 1,
            LAND_CERTIFICATE_REISSUE: 1,
            ENTERPRISE_CHANGE: 1,
        },
    ),
)

REGISTRY: dict[str, DocType] = {t.name: t for t in TYPES}


def doc_type(name: str) -> DocType | None:
    """The registry entry of ``name`` (None for ``unknown`` or anything else)."""
    return REGISTRY.get(name)
