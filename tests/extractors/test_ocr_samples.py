"""End to end on pixels: a generated page, real Tesseract, the extractor, the truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from samples import generate


@pytest.mark.slow
def test_generated_pages_through_tesseract(tmp_path: Path, ocr_file) -> None:
    truths = generate(tmp_path, 3, seed=7, formats=("png",))
    right = total = 0
    for t in truths:
        ex = extract(ocr_file(tmp_path / t.file, t.dpi))
        assert ex.doc_type == t.doc_type, t.file
        for key in ("document_number", "issue_date", "document_kind"):
            assert ex.fields[key].value == t.fields[key], (t.file, key)
            assert ex.fields[key].source == "ocr"
            assert ex.fields[key].bbox is not None
        for key, expected in t.fields.items():
            total += 1
            right += key in ex.fields and ex.fields[key].value == expected
    assert right / total >= 0.9, f"{right}/{total} fields right"
