"""Field types shared by every extractor (the contract of fields.md).

A field that is not on the page is absent from ``Extraction.fields``, never an empty
string. ``value`` is normalized, ``raw`` is the text as read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from ocr.result import BBox

from .registry import TYPES, UNKNOWN

FieldSource = Literal["text_layer", "ocr", "review"]

# Every doc_type of fields.md, then "unknown" (a view of the registry).
DOC_TYPES: tuple[str, ...] = (*(t.name for t in TYPES), UNKNOWN)


@dataclass(frozen=True)
class FieldValue:
    value: str
    raw: str
    confidence: float
    page: int
    bbox: BBox | None
    source: FieldSource = "ocr"
    # Why the value needs a look: "invalid" (an identifier that does not validate, kept as
    # read), "repaired" (digit look-alikes replaced), "precision_YM" / "precision_Y",
    # "unread" (the label is on the page, its value could not be read: value "", confidence
    # 0, bbox of the label), "mrz" (read from the card's machine-readable zone), "boxed" (an
    # ID read digit by digit from its printed boxes: its confidence is that of the box rules),
    # "seven_for_one" (a date or year that could not be, read back with a 1 OCR took for a 7).
    flags: tuple[str, ...] = ()
    # How the value was repaired or completed ("date separators 2411012001 → 24/10/2001",
    # "MRZ check digits hold"), for the reviewer and the lineage.
    repairs: tuple[str, ...] = ()

    @property
    def unread(self) -> bool:
        # No read value is ever empty, so an empty one at confidence 0 (as the warehouse keeps
        # it, without flags) is unread too.
        return UNREAD in self.flags or (
            self.value == "" and self.confidence == 0.0 and self.source != "review"
        )

    def export(self) -> dict:
        out: dict = {
            "value": None if self.unread else self.value,
            "raw": self.raw,
            "confidence": round(self.confidence, 4),
            "page": self.page,
            "bbox": list(self.bbox) if self.bbox else None,
        }
        if self.flags:
            out["flags"] = list(self.flags)
        if self.repairs:
            out["repairs"] = list(self.repairs)
        return out


UNREAD = "unread"


def unread_field(page: int, bbox: BBox | None, raw: str = "", source: FieldSource = "ocr") -> FieldValue:
    """A field whose label is on the page but whose value could not be read: no value,
    confidence 0, the label's (or the blank's) box, so a reviewer is shown where to look."""
    return FieldValue(value="", raw=raw, confidence=0.0, page=page, bbox=bbox, source=source, flags=(UNREAD,))


@dataclass(frozen=True)
class Extraction:
    doc_type: str
    doc_type_confidence: float
    fields: dict[str, FieldValue] = field(default_factory=dict)

    # What the extractor saw of the document beyond its fields, e.g. {"signature_block":
    # False} when the pages hold no signature block (a first page scanned alone).
    notes: dict = field(default_factory=dict)

    def export_fields(self) -> dict[str, dict]:
        """The fields read (fields.md ``fields``); unread ones are in ``export_unread``."""
        return {key: fv.export() for key, fv in self.fields.items() if not fv.unread}

    def export_unread(self) -> dict[str, dict]:
        """Fields whose label is on the page but whose value was not read: where to look."""
        return {key: fv.export() for key, fv in self.fields.items() if fv.unread}

    @property
    def values(self) -> dict[str, FieldValue]:
        """The fields that were read (unread ones left out): what rules and identities use."""
        return {k: fv for k, fv in self.fields.items() if not fv.unread}

    @property
    def unread(self) -> dict[str, FieldValue]:
        return {k: fv for k, fv in self.fields.items() if fv.unread}


# Type codes of administrative documents, NĐ 30/2020/NĐ-CP Phụ lục III (domain §2.6).
# Case-sensitive (QyĐ, CTr, TTr, TrS are mixed case). SY/TrS/SL mark copies.
# A công văn has no type code in its number (``1234/UBND-VP``); its ``document_kind`` is "CV".
ADMIN_TYPE_CODES = frozenset(
    {
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
        "SY",
        "TrS",
        "SL",
        "TT",
        "NĐ",
        "TTLT",  # VBQPPL: thông tư, nghị định, thông tư liên tịch (Luật BHVBQPPL)
    }
)
OFFICIAL_LETTER_KIND = "CV"


# The form's instruction where a name is signed and typed ("(Ký, ghi rõ họ tên)", "(Ký tên, đóng
# dấu)"): a template's line, not a name (NĐ 30/2020 Phụ lục I). Matched without marks: OCR
# slips a tone in it ("ghỉ rõ họ tên") as in any line.
_FORM_INSTRUCTION = re.compile(
    r"^\(\s*(?:chu\s+)?ky(?:\s+ten)?(?:\s*[,;]?\s*(?:va\s+)?(?:ghi ro ho(?:\s+va)?\s+ten|dong dau|"
    r"ghi ro chuc vu))+\s*\)?\s*\.?$"
)


def is_form_instruction(text: str) -> bool:
    """Whether ``text`` is the form's signing instruction (``_FORM_INSTRUCTION``), marks aside."""
    bare = unicodedata.normalize("NFD", text.strip().casefold().replace("đ", "d"))
    return _FORM_INSTRUCTION.match("".join(c for c in bare if not unicodedata.combining(c))) is not None


# A year of birth printed in running text with no field of its own ("Ông: …, sinh năm 1966;",
# "Năm sinh: 1993" on a land certificate): read by the extractor to find the holder's ID and by
# the rules to check it.
PRINTED_BIRTH_YEAR = re.compile(r"(?i)\b(?:sinh\s+năm|năm\s+sinh)\s*:?\s*((?:19|20)\d\d)\b")
