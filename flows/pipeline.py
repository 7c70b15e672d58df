"""One document through every stage: bytes → pages/text → fields → verdict.

Plain functions chained in one readable pipeline (OCRmyPDF style). No services: the CLI's
``sohoa process`` and the sweep flow's per-document task both call ``process_bytes``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from extractors import extract
from extractors.types import Extraction
from ocr.hocr import page_tree_to_hocr
from ocr.pipeline import read_document, read_document_with_pdf
from ocr.result import Document
from ocr.settings import OcrSettings
from quality import RULES_VERSION, judge
from quality.types import Verdict

from .version import PIPELINE_VERSION


@dataclass(frozen=True)
class DocumentResult:
    source: str
    sha256: str
    document: Document
    extraction: Extraction
    verdict: Verdict
    searchable_pdf: bytes | None = None  # image with invisible text, when asked for
    pipeline_version: str = PIPELINE_VERSION
    rules_version: str = RULES_VERSION

    def export(self, *, include_pages: bool = False) -> dict:
        """The shape fields.md fixes for one document (one JSONL line)."""
        out = {
            "source": self.source,
            "doc_type": self.extraction.doc_type,
            "doc_type_confidence": round(self.extraction.doc_type_confidence, 4),
            "pages": len(self.document.pages),
            "text_source": self.document.text_source,
            "mean_ocr_confidence": round(self.document.mean_ocr_confidence, 4),
            "page_info": [
                {
                    "page": p.number,
                    "source": p.source,
                    "rotation": p.rotation,
                    "skew": round(p.skew, 2),
                    "steps": list(p.steps),
                }
                for p in self.document.pages
            ],
            "text": self.document.text,
            "fields": self.extraction.export_fields(),
            # labels on the page whose value could not be read (issue 14): page + bbox to look at
            **({"unread_fields": unread} if (unread := self.extraction.export_unread()) else {}),
            "quality": self.verdict.export(),
            "sha256": self.sha256,
            "pipeline_version": self.pipeline_version,
            "rules_version": self.rules_version,
        }
        if include_pages:
            out["layout"] = self.document.export()["pages"]
        return out

    def hocr(self) -> str:
        return page_tree_to_hocr(self.document)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_bytes(
    data: bytes,
    source: str,
    *,
    ocr_settings: OcrSettings | None = None,
    today: date | None = None,
    searchable_pdf: bool = False,
) -> DocumentResult:
    """Read, extract and judge one file. Raises ``ocr.errors.InputError`` for unreadable input.

    With ``searchable_pdf`` the same OCR pass also draws the document's searchable PDF."""
    pdf = None
    if searchable_pdf:
        document, pdf = read_document_with_pdf(data, ocr_settings or OcrSettings())
    else:
        document = read_document(data, ocr_settings or OcrSettings())
    extraction = extract(document)
    verdict = judge(extraction, today=today or date.today(), text=document.text)
    return DocumentResult(
        source=source,
        sha256=sha256_of(data),
        document=document,
        extraction=extraction,
        verdict=verdict,
        searchable_pdf=pdf,
    )
