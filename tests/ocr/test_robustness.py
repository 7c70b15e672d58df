"""Every file of the robustness corpora and tesseract_testing ends as a Document or a typed
InputError: none hangs, crashes or raises anything else (issue 3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ocr.errors import InputError
from ocr.pipeline import read_document
from ocr.result import Document
from ocr.settings import OcrSettings

CORPORA = ("robustness_ocrmypdf", "robustness_pdfminer", "robustness_pdfplumber", "tesseract_testing")
# 150 DPI keeps the walk CI-sized; the per-page limit turns a pathological page into a
# typed ocr_timeout instead of a stuck test.
SETTINGS = OcrSettings(render_dpi=150, page_timeout_s=60)


def corpora_root() -> Path | None:
    # As tests/conftest.py (not importable from here): $SOHOA_CORPORA or ../shared/corpora.
    env = os.environ.get("SOHOA_CORPORA")
    root = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "corpora"
    return root if root.is_dir() else None


def _files() -> list[Path]:
    root = corpora_root()
    if root is None:
        return []
    return sorted(
        p for name in CORPORA if (root / name).is_dir() for p in (root / name).rglob("*") if p.is_file()
    )


FILES = _files()


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(corpora_root())) for p in FILES])
def test_every_corpus_file_gives_a_document_or_a_typed_error(path: Path):
    try:
        doc = read_document(path.read_bytes(), SETTINGS)
    except InputError as exc:
        assert exc.code in {
            "empty_file",
            "unsupported_format",
            "corrupt_file",
            "encrypted_pdf",
            "too_large",
            "ocr_timeout",
        }
        assert exc.message
        return
    assert isinstance(doc, Document) and doc.pages
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    for page in doc.pages:
        assert page.source in ("ocr", "text_layer")
        assert page.rotation in (0, 90, 180, 270)
        for word in page.words:
            assert word.text and 0.0 <= word.confidence <= 1.0


def test_the_walk_covers_every_corpus():
    if not FILES:
        pytest.skip("public corpora missing")
    walked = {p.relative_to(corpora_root()).parts[0] for p in FILES}
    assert walked == set(CORPORA)
    assert len(FILES) > 200
