"""Splitting a multi-document PDF into its documents, by page.

A page starts a new document when its top carries what only a first page carries: the
national motto (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM), a document title of a type in
fields.md, or a "Số: …/…" number line. A page without any of these (page 2 of a quyết
định, the back of a card scanned as its own page) continues the current document.
"""

from __future__ import annotations

import re

from ocr.result import Document

from .classify import find_form_title, find_number, find_title
from .layout import segments

__all__ = ["split_documents", "starts_document"]

_MOTTO = re.compile(r"(?:cong hoa xa hoi chu nghia|doc lap\s*[-–—]?\s*tu do\s*[-–—]?\s*hanh phuc)")
TOP_FRACTION = 0.35


def starts_document(document: Document, page_index: int) -> bool:
    page = document.pages[page_index]
    segs = [s for s in segments(Document((page,))) if s.bbox[1] <= page.height * TOP_FRACTION]
    if any(_MOTTO.search(s.folded) for s in segs):
        return True
    if find_form_title(segs) or find_title(segs):
        return True
    number = find_number(segs)
    return number is not None


def split_documents(document: Document) -> list[tuple[int, int]]:
    """Page ranges ``(first, last)``, 1-based inclusive, one per document in the file."""
    n = len(document.pages)
    if n == 0:
        return []
    starts = [0] + [i for i in range(1, n) if starts_document(document, i)]
    return [(a + 1, (starts[k + 1] if k + 1 < len(starts) else n)) for k, a in enumerate(starts)]
