"""Bad input at scale: files of the public corpora plus hostile files made here, in one batch.
Each ends processed or quarantined with a typed reason; the batch ends; nothing is lost.

By default the batch takes a fixed sample of the corpora (``SAMPLE``, 44 files): every file
the loader refuses (each unsupported, empty, corrupt, encrypted or too large one), every
encrypted PDF, and for the files that are read the smallest of each kind (corpus, format,
text layer / scan / both). Every file of the robustness corpora and tesseract_testing still
goes through the reader in tests/ocr/test_robustness.py (~240 files, one test each), and
vi_synth_docs through the OCR tests; this test is about what the sweep does with each kind
of outcome. ``SOHOA_TEST_CORPORA_ALL=1``
drops every file of the corpora instead (~8 minutes of one test worker on 2 cores).
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from flows.sweep import run_sweep
from tests import hostile_files as h

TYPED_CODES = {
    "empty_file",
    "unsupported_format",
    "corrupt_file",
    "encrypted_pdf",
    "too_large",
    "ocr_timeout",
    "unsafe_key",
}
CORPORA_FOLDERS = (
    "robustness_ocrmypdf",
    "robustness_pdfminer",
    "robustness_pdfplumber",
    "tesseract_testing",
    "vi_synth_docs_v1_nomvn",
)
# Made from what ocr.loader says of each corpus file at the sweep's settings (300 DPI): the
# category is in the comment. The loader's refusals cost nothing; the reads are the smallest
# of their kind (the sample reads ~68 Mpx of scans against ~1,260 Mpx for the whole corpora).
SAMPLE = (
    "robustness_ocrmypdf/files/2400dpi.pdf",  # read: pdf, scan, smallest of 32
    "robustness_ocrmypdf/files/arabic.hocr",  # unsupported_format
    "robustness_ocrmypdf/files/baiona_color.jpg",  # read: jpeg, scan, smallest of 2
    "robustness_ocrmypdf/files/cjk.hocr",  # unsupported_format
    "robustness_ocrmypdf/files/crom.png",  # read: png, scan, smallest of 7
    "robustness_ocrmypdf/files/devanagari.hocr",  # unsupported_format
    "robustness_ocrmypdf/files/hello_world_scripts.hocr",  # unsupported_format
    "robustness_ocrmypdf/files/hugemono.pdf",  # too_large
    "robustness_ocrmypdf/files/invalid.pdf",  # corrupt_file
    "robustness_ocrmypdf/files/latin.hocr",  # unsupported_format
    "robustness_ocrmypdf/files/missing_docinfo.pdf",  # read: pdf, text, smallest of 7
    "robustness_ocrmypdf/files/multilingual.hocr",  # unsupported_format
    "robustness_ocrmypdf/files/tagged.odt",  # unsupported_format
    "robustness_ocrmypdf/files/toc.pdf",  # read: pdf, text+scan, smallest of 1
    "robustness_pdfminer/samples/contrib/XIPLAYER0.jb2",  # unsupported_format
    "robustness_pdfminer/samples/contrib/issue_566_test_2.pdf",  # read: pdf, scan, smallest of 22
    "robustness_pdfminer/samples/encryption/aes-128-m.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/encryption/aes-128.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/encryption/aes-256-m.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/encryption/aes-256-r6.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/encryption/aes-256.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/encryption/base.pdf",  # unsupported_format
    "robustness_pdfminer/samples/encryption/encrypted_doc_no_id.pdf",  # encrypted, empty user password: read (scan)
    "robustness_pdfminer/samples/encryption/rc4-128.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/encryption/rc4-40.pdf",  # encrypted_pdf
    "robustness_pdfminer/samples/nonfree/nlp2004slides.pdf",  # read: pdf, text+scan, smallest of 2
    "robustness_pdfminer/samples/simple1.pdf",  # read: pdf, text, smallest of 23
    "robustness_pdfplumber/pdfs/empty.pdf",  # empty_file
    "robustness_pdfplumber/pdfs/hello_structure.pdf",  # read: pdf, text+scan, smallest of 3
    "robustness_pdfplumber/pdfs/issue-140-example.pdf",  # read: pdf, text, smallest of 40
    "robustness_pdfplumber/pdfs/issue-297-example.pdf",  # read: pdf, scan, smallest of 7
    "robustness_pdfplumber/pdfs/issue-948.zip",  # unsupported_format
    "robustness_pdfplumber/pdfs/password-example.pdf",  # encrypted_pdf
    "tesseract_testing/testing/12.tif",  # read: tiff, scan, smallest of 29
    "tesseract_testing/testing/8071_093.3B.uzn",  # unsupported_format
    "tesseract_testing/testing/8087_054.3B.uzn",  # unsupported_format
    "tesseract_testing/testing/hebrew.png",  # read: png, scan, smallest of 7
    "tesseract_testing/testing/hebtypo.jpg",  # read: jpeg, scan, smallest of 1
    "tesseract_testing/testing/trainingital.box",  # unsupported_format
    "tesseract_testing/testing/trainingitalline.box",  # unsupported_format
    "tesseract_testing/testing/trainingtimes.box",  # unsupported_format
    "tesseract_testing/testing/trainingtimesline.box",  # unsupported_format
    "vi_synth_docs_v1_nomvn/docs/receipt_bien_lai.pdf",  # read: pdf, scan, smallest of 12
    "vi_synth_docs_v1_nomvn/pages/receipt_bien_lai_p1.png",  # read: png, scan, smallest of 12
)


def _sample_files(corpora: Path) -> list[Path]:
    missing = [rel for rel in SAMPLE if not (corpora / rel).is_file()]
    assert not missing, f"sample files missing from the corpora at {corpora}: {missing}"
    assert {rel.split("/")[0] for rel in SAMPLE} == set(CORPORA_FOLDERS)
    return [corpora / rel for rel in SAMPLE]


def _all_files(corpora: Path) -> list[Path]:
    skipped = (".md", ".txt", ".sha256", ".json", ".jsonl", ".toml", ".rst", "")
    return [
        p
        for folder in CORPORA_FOLDERS
        for p in sorted((corpora / folder).rglob("*"))
        if p.is_file() and p.suffix.lower() not in skipped
    ]


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["postgresql"], indirect=True)
def test_corpora_and_hostile_files_in_one_batch(settings, corpora, sample_dir):
    store, inbox = settings.object_store(), settings.location("inbox")
    dropped: dict[str, int] = {}

    def drop(key: str, data: bytes) -> None:
        store._client.put_object(
            inbox.bucket,
            key,
            __import__("io").BytesIO(data),
            len(data),
            content_type="application/octet-stream",
        )
        dropped[key] = len(data)

    take_all = os.environ.get("SOHOA_TEST_CORPORA_ALL") == "1"
    for path in _all_files(corpora) if take_all else _sample_files(corpora):
        rel = path.relative_to(corpora).as_posix()
        drop(inbox.prefix + "D-CORPORA/" + rel.replace("/", "__"), path.read_bytes())
    pdf = next(sample_dir.rglob("*.pdf")).read_bytes()
    png = next(sample_dir.rglob("*.png")).read_bytes()
    hostile = {
        "truncated.pdf": pdf[: len(pdf) // 2],
        "zero.png": b"",
        "png-named.pdf": png,  # wrong extension: read by its magic bytes, processed
        "ten-thousand-empty-pages.pdf": h.many_empty_pages_pdf(10_000),
        "bomb.png": h.image_bomb_png(),
        "nested.pdf": h.deeply_nested_pdf(),
        "bad-utf8-text.pdf": h.invalid_utf8_text_pdf(),
    }
    for name, data in hostile.items():
        drop(inbox.prefix + "D-HOSTILE/" + name, data)
    drop(inbox.prefix + "D-HOSTILE/" + "k" * 1000 + ".png", png)

    summary = run_sweep(settings, trigger="cli", today=date(2026, 11, 28))

    assert list(store.list(inbox.bucket, inbox.prefix)) == [], "the batch must end with an empty inbox"
    outcomes = {d["key"]: d for d in summary.documents}
    assert set(outcomes) == set(dropped), "every dropped file has an outcome"
    assert summary.count("failed") == 0, [d for d in summary.documents if d["outcome"] == "failed"]
    for key, row in outcomes.items():
        assert row["outcome"] in ("processed", "quarantined"), row
        if row["outcome"] == "quarantined":
            assert row["error"] in TYPED_CODES, row
            q = settings.location("quarantine")
            reason = json.loads(store.get(q.bucket, row["quarantine_key"] + ".reason.json"))
            assert reason["source"]["key"] == key
    assert outcomes[inbox.prefix + "D-HOSTILE/png-named.pdf"]["outcome"] == "processed"
    for name, code in [
        ("zero.png", "empty_file"),
        ("bomb.png", "too_large"),
        ("ten-thousand-empty-pages.pdf", "too_large"),
        ("truncated.pdf", "corrupt_file"),
    ]:
        assert outcomes[inbox.prefix + "D-HOSTILE/" + name]["error"] == code, name
    encrypted = [k for k in dropped if "encryption__" in k or "password-example" in k]
    assert len(encrypted) >= 6
    # A PDF whose user password is empty opens and is read; the others are typed as encrypted.
    assert any(outcomes[k].get("error") == "encrypted_pdf" for k in encrypted), [
        outcomes[k] for k in encrypted
    ]
    if not take_all:  # the sample still meets every outcome the whole corpora give
        corpus_outcomes = {
            row.get("error") or row["outcome"] for key, row in outcomes.items() if "/D-CORPORA/" in key
        }
        assert corpus_outcomes >= {
            "processed",
            "unsupported_format",
            "encrypted_pdf",
            "empty_file",
            "corrupt_file",
            "too_large",
        }, corpus_outcomes
    print(f"\nhostile batch: {len(dropped)} files, outcomes {summary.outcomes}")
