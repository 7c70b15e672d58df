"""Bad input at scale: every file of the public corpora plus hostile files made here, in one
batch. Each ends processed or quarantined with a typed reason; the batch ends; nothing is lost.

SOHOA_TEST_CORPORA_SAMPLE=1 takes a sample instead (all encrypted PDFs, every eighth other
file) for a quick local run; the whole batch is ~6 minutes of one test worker in CI.
"""

from __future__ import annotations

import json
import os
from datetime import date

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

    take_all = os.environ.get("SOHOA_TEST_CORPORA_SAMPLE") != "1"
    for folder in CORPORA_FOLDERS:
        files = [
            p
            for p in sorted((corpora / folder).rglob("*"))
            if p.is_file()
            and p.suffix.lower() not in (".md", ".txt", ".sha256", ".json", ".jsonl", ".toml", ".rst", "")
        ]
        for n, path in enumerate(files):
            encrypted = "encrypt" in path.as_posix() or "password" in path.name
            if take_all or encrypted or n % 8 == 0:
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
    print(f"\nhostile batch: {len(dropped)} files, outcomes {summary.outcomes}")
