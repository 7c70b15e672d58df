"""Field types shared by every extractor (the contract of fields.md).

A field that is not on the page is absent from ``Extraction.fields``, never an empty
string. ``value`` is normalized, ``raw`` is the text as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ocr.result import BBox

FieldSource = Literal["text_layer", "ocr", "review"]

DOC_TYPES = (
    "citizen_id",
    "birth_certificate",
    "marriage_certificate",
    "land_use_certificate",
    "business_registration",
    "administrative_decision",
    "official_letter",
    "application_form",
    "unknown",
)


@dataclass(frozen=True)
class FieldValue:
    value: str
    raw: str
    confidence: float
    page: int
    bbox: BBox | None
    source: FieldSource = "ocr"
    # Why the value needs a look: "invalid" (an identifier that does not validate, kept as
    # read), "repaired" (digit look-alikes replaced), "precision_YM" / "precision_Y".
    flags: tuple[str, ...] = ()

    def export(self) -> dict:
        out = {
            "value": self.value,
            "raw": self.raw,
            "confidence": round(self.confidence, 4),
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox else None,
        }
        if self.flags:
            out["flags"] = list(self.flags)
        return out


@dataclass(frozen=True)
class Extraction:
    doc_type: str
    doc_type_confidence: float
    fields: dict[str, FieldValue] = field(default_factory=dict)

    def export_fields(self) -> dict[str, dict]:
        return {key: fv.export() for key, fv in self.fields.items()}


# Type codes of administrative documents, NĐ 30/2020/NĐ-CP Phụ lục III (domain §2.6).
# Case-sensitive (QyĐ, CTr, TTr, TrS are mixed case). SY/TrS/SL mark copies.
# A công văn has no type code in its number (``1234/UBND-VP``); its ``document_kind`` is "CV".
ADMIN_TYPE_CODES = frozenset(
    {
        "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA",
        "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG",
        "PC", "PB", "SY", "TrS", "SL",
    }
)
OFFICIAL_LETTER_KIND = "CV"
