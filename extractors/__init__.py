"""Text out, fields in: classify a recognized document, then run its type's extractor.

``extract(document)`` → ``Extraction`` (fields.md): ``doc_type`` (a type of fields.md or
``unknown``), its confidence, and the type's fields, each with value, raw text, confidence,
page and bbox (and ``flags`` when a value needs a look). ``split_documents(document)`` →
page ranges of the documents in a multi-document file. ``read_labelled_values(document)``
→ the common labelled values (name, date of birth, CCCD, address, phone, MST) of any page.
Pure: no network, database or Prefect.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ocr.result import Document

from .classify import classify, classify_segments
from .forms import join_card_sides, read_labelled_values
from .layout import segments
from .normalize import (
    parse_words_date,
    repair_agency_units,
    respell_agency_words,
    respell_committee,
    respell_subject_words,
)
from .registry import REGISTRY, TYPES, DocType, Extractor
from .split import split_documents
from .types import DOC_TYPES, Extraction, FieldValue

__all__ = [
    "DOC_TYPES",
    "EXTRACTORS",
    "REGISTRY",
    "TYPES",
    "DocType",
    "Extraction",
    "FieldValue",
    "classify",
    "extract",
    "join_card_sides",
    "read_labelled_values",
    "split_documents",
]

# Values naming an agency: "Ủy ban nhân dân" respelled where OCR put a tone on one of its words,
# and its province or district where OCR put a wrong mark on it.
_AGENCY_TEXT = ("issuing_agency", "signer_title", "recipient", "registration_place")
# Free text read as a whole line or block, where a speck OCR made a quote can open a word.
_SPECK_TEXT = (*_AGENCY_TEXT, "subject")
# A quote opening a word that no quote closes: "'Về việc …", "UỶ BAN NHÂN DÂN 'THÀNH PHỐ …".
_LONE_QUOTE = re.compile(r"(?:(?<=^)|(?<=\s))['`‘’](?=[^\W\d_])|(?<=[^\W\d_])['`‘’\"“”]$")
# (or closing the text: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ”", a speck after its last word)


def _without_lone_quote(text: str) -> str:
    if sum(text.count(q) for q in "'`‘’\"“”") != 1:
        return text  # quotes that pair up, or none: as read
    return _LONE_QUOTE.sub("", text)


# One extractor per document type, named by the registry; types without one yield no fields.
EXTRACTORS: dict[str, Extractor] = {t.name: t.extract_fields for t in TYPES}


def extract(document: Document) -> Extraction:
    segs = segments(document)
    doc_type, confidence = classify_segments(segs)
    notes: dict = {}
    extractor = EXTRACTORS.get(doc_type)
    fields = extractor(document, doc_type, segs, notes) if extractor else {}
    for key in _SPECK_TEXT:
        fv = fields.get(key)
        if fv is None or fv.unread:
            continue
        value = _without_lone_quote(fv.value)
        if key in _AGENCY_TEXT:
            value = repair_agency_units(respell_agency_words(respell_committee(value)))
        elif key == "subject":
            value = respell_subject_words(value)
        if value != fv.value:
            fields[key] = replace(fv, value=value)
    _confirm_dates_in_words(fields, document.text)
    return Extraction(doc_type=doc_type, doc_type_confidence=confidence, fields=fields, notes=notes)


# "Ghi bằng chữ: Ngày mười chín, tháng năm, năm hai nghìn …" (giấy khai sinh, TT 04/2020/TT-BTP):
# the page writes a date in words as well; the words run on over a line or a block break.
_IN_WORDS = re.compile(r"(?i)bằng\s*chữ\s*[:：]?\s*(ng\S{1,3}\s(?:\S+\s+){2,24}\S+)")


def _confirm_dates_in_words(fields: dict[str, FieldValue], text: str) -> None:
    """A date field whose value the page also writes in words (read independently of its
    figures) is flagged ``words_confirmed``: two readings agree, it is not in doubt (R-D5).
    The wording is the longest run of words after "bằng chữ" that reads as a whole date."""
    wordings = set()
    for m in _IN_WORDS.finditer(unicodedata.normalize("NFC", text or "")):
        words = m.group(1).split()
        for n in range(len(words), 5, -1):
            got = parse_words_date(" ".join(words[:n]).strip(" .;()"))
            if got:
                if got[1] == "YMD":
                    wordings.add(got[0])
                break
    if not wordings:
        return
    for key, fv in fields.items():
        if (
            fv is not None
            and not fv.unread
            and key.endswith(("date", "date_of_birth"))
            and fv.value in wordings
        ):
            fields[key] = replace(fv, flags=(*fv.flags, "words_confirmed"))
