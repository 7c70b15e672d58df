"""Every form-like extractor on pixels: a generated page per type, clean and damaged,
through real OCR (``ocr.pipeline.read_document``), against the generator's truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from samples import generate
from samples.forms import FORM_TYPES

# (damage kind, minimum share of truth fields read exactly) per page
CASES = [(t, None, 0.85) for t in FORM_TYPES] + [
    ("citizen_id", "stamp", 0.7),
    ("birth_certificate", "skew", 0.7),
    ("marriage_certificate", "noise", 0.7),
    ("land_use_certificate", "rotation", 0.7),
    ("business_registration", "jpeg", 0.7),
    ("application_form", "low_dpi", 0.7),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("doc_type", "damage", "bar"), CASES, ids=[f"{t}-{d or 'clean'}" for t, d, _ in CASES]
)
def test_form_page_through_ocr(
    tmp_path: Path, ocr_file, doc_type: str, damage: str | None, bar: float
) -> None:
    (truth,) = generate(
        tmp_path,
        1,
        seed=11,
        formats=("png",),
        damage=damage is not None,
        types=(doc_type,),
        damage_kinds=(damage,) if damage else None,
    )
    ex = extract(ocr_file(tmp_path / truth.file, truth.dpi))
    assert ex.doc_type == doc_type
    right = [k for k, v in truth.fields.items() if k in ex.fields and ex.fields[k].value == v]
    wrong = {
        k: (v, ex.fields[k].value if k in ex.fields else None)
        for k, v in truth.fields.items()
        if k not in right
    }
    assert len(right) / len(truth.fields) >= bar, wrong
    for key in right:
        fv = ex.fields[key]
        assert fv.source == "ocr" and fv.page == 1
        x0, y0, x1, y1 = fv.bbox
        assert 0 <= x0 < x1 and 0 <= y0 < y1


@pytest.mark.slow
def test_split_a_scanned_dossier_pdf(tmp_path: Path) -> None:
    """Three documents scanned into one PDF (a card, a đơn, a quyết định) split by page."""
    import shutil

    from PIL import Image

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed")
    from extractors import split_documents
    from ocr.pipeline import read_document

    truths = generate(
        tmp_path,
        3,
        seed=4,
        formats=("png",),
        types=("citizen_id", "application_form", "administrative_decision"),
    )
    pages = [Image.open(tmp_path / t.file).convert("L") for t in truths]
    pdf = tmp_path / "dossier.pdf"
    pages[0].save(pdf, "PDF", resolution=300.0, save_all=True, append_images=pages[1:])
    doc = read_document(pdf.read_bytes())
    assert len(doc.pages) == 3
    assert split_documents(doc) == [(1, 1), (2, 2), (3, 3)]
