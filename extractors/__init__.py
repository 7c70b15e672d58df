"""Text out, fields in: classify a recognized document, then run its type's extractor.

``extract(document)`` → ``Extraction`` (fields.md): ``doc_type`` (a type of fields.md or
``unknown``), its confidence, and the type's fields, each with value, raw text, confidence,
page and bbox (and ``flags`` when a value needs a look). ``split_documents(document)`` →
page ranges of the documents in a multi-document file. ``read_labelled_values(document)``
→ the common labelled values (name, date of birth, CCCD, address, phone, MST) of any page.
Pure: no network, database or Prefect.
"""

from __future__ import annotations

from collections.abc import Callable

from ocr.result import Document

from .admin_document import extract_admin_document
from .classify import classify, classify_segments
from .forms import FORM_EXTRACTORS, join_card_sides, read_labelled_values
from .layout import Segment, segments
from .split import split_documents
from .types import DOC_TYPES, Extraction, FieldValue

__all__ = [
    "DOC_TYPES",
    "EXTRACTORS",
    "Extraction",
    "FieldValue",
    "classify",
    "extract",
    "join_card_sides",
    "read_labelled_values",
    "split_documents",
]

Extractor = Callable[[Document, str, list[Segment]], dict[str, FieldValue]]

# One extractor per document type; types without one yield no fields.
EXTRACTORS: dict[str, Extractor] = {
    "administrative_decision": lambda doc, t, segs: extract_admin_document(doc, t, segs),
    "official_letter": lambda doc, t, segs: extract_admin_document(doc, t, segs),
    **FORM_EXTRACTORS,
}
ADMIN_TYPES = ("administrative_decision", "official_letter")


def extract(document: Document) -> Extraction:
    segs = segments(document)
    doc_type, confidence = classify_segments(segs)
    notes: dict = {}
    if doc_type in ADMIN_TYPES:
        fields = extract_admin_document(document, doc_type, segs, notes)
    else:
        extractor = EXTRACTORS.get(doc_type)
        fields = extractor(document, doc_type, segs) if extractor else {}
    return Extraction(doc_type=doc_type, doc_type_confidence=confidence, fields=fields, notes=notes)
