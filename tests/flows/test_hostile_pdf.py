"""Issue 17.5 through the sweep: the derived searchable PDF of a PDF with active content
carries none of it, and the archived original stays byte-identical."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage.warehouse.models import Document
from tests.hostile_files import _assemble
from tests.ocr.test_pdfsafety import _active

TEXT = b"Cong van so 12 ve viec tiep nhan ho so cua cong dan tai bo phan mot cua"


def _text_pdf_with_active_content() -> bytes:
    stream = b"BT /F1 11 Tf 40 780 Td (" + TEXT + b") Tj ET"
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
            b" /Contents 4 0 R /AA << /O 6 0 R >> /Annots [7 0 R] >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
            b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) >> >>",
        ]
    )


def test_the_derived_pdf_has_no_active_content_and_the_archive_is_the_original(settings):
    original = _text_pdf_with_active_content()
    store, inbox = settings.object_store(), settings.location("inbox")
    store.put(inbox.bucket, inbox.key("D-ACTIVE/letter.pdf"), original)
    summary = run_sweep(settings, today=date(2026, 11, 28))
    assert summary.outcomes == {"processed": 1}
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        doc = s.scalars(select(Document)).one()
    bucket, _, key = doc.derived["pdf"].partition("/")
    derived = store.get(bucket, key)
    assert derived.startswith(b"%PDF") and _active(derived) == []
    assert store.get(doc.archive_bucket, doc.archive_key) == original  # byte-identical
