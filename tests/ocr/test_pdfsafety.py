"""Issue 17.5: derived PDFs carry no active content; the page and its text stay."""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from ocr.pdfsafety import strip_active_content
from tests.hostile_files import _assemble, active_content_pdf

ACTIVE = (
    b"/JavaScript",
    b"/JS",
    b"/AA",
    b"/OpenAction",
    b"/Launch",
    b"/URI",
    b"/Annots",
    b"/EmbeddedFile",
    b"/Link",
)


def _active(pdf: bytes) -> list[bytes]:
    return [token for token in ACTIVE if re.search(re.escape(token) + rb"\b", pdf)]


def test_every_kind_of_active_content_is_removed_and_the_page_stays():
    original = active_content_pdf()
    assert set(_active(original)) == set(ACTIVE)  # the fixture has them all
    safe = strip_active_content(original)
    assert _active(safe) == []
    out = pdfium.PdfDocument(safe)
    try:
        assert len(out) == 1 and out[0].get_size() == (200, 200)
        image = out[0].render(scale=1).to_pil().convert("L")
        assert image.getextrema()[0] < 50  # the drawn bars are still there
    finally:
        out.close()


def test_the_text_layer_survives():
    stream = b"BT /F1 24 Tf 72 720 Td (Hello searchable world) Tj ET"
    safe = strip_active_content(
        _assemble(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
                b" /Contents 4 0 R /AA << /O << /S /JavaScript /JS (app.alert\\(1\\)) >> >> >>",
                b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        )
    )
    assert _active(safe) == []
    doc = pdfium.PdfDocument(safe)
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    assert text == "Hello searchable world"
