"""Sample generator: files, truth, determinism, speed, and that the truth is extractable."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractors import extract
from extractors.admin_document import FIELDS
from extractors.normalize import parse_date
from extractors.textdoc import document_from_text
from samples import KINDS, generate


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("samples")
    t0 = time.perf_counter()
    truths = generate(out, 9, seed=3)
    return out, truths, (time.perf_counter() - t0) / 9


def test_files_and_truth_jsonl(batch) -> None:
    out, truths, _ = batch
    lines = [json.loads(x) for x in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [x["file"] for x in lines] == [t.file for t in truths]
    assert {t.format for t in truths} == {"png", "jpg", "pdf"}
    assert {t.file.split("_", 1)[1].rsplit(".", 1)[0] for t in truths} == set(KINDS)
    for t in truths:
        path = out / t.file
        assert path.stat().st_size > 10_000
        assert set(t.fields) == set(FIELDS)
        assert parse_date(t.fields["issue_date"])[0] == t.fields["issue_date"]
        assert 200 <= t.dpi <= 300
        if t.format == "pdf":
            head = path.read_bytes()[:5]
            assert head == b"%PDF-"
            assert b"/Font" not in path.read_bytes()  # image only, no text layer
        else:
            with Image.open(path) as img:
                assert abs(img.width / img.height - 210 / 297) < 0.01  # A4
                assert round(img.info["dpi"][0]) == t.dpi


def test_deterministic_for_a_seed(batch, tmp_path: Path) -> None:
    out, truths, _ = batch
    again = generate(tmp_path, 3, seed=3, formats=("png", "jpg", "pdf"))
    for a, b in zip(truths[:3], again, strict=True):
        assert a.export() == b.export()
    assert (out / truths[0].file).read_bytes() == (tmp_path / again[0].file).read_bytes()
    other = generate(tmp_path / "other", 3, seed=4)
    assert [t.fields for t in other] != [t.fields for t in truths[:3]]


def test_fast_enough(batch) -> None:
    _, _, per_page = batch
    assert per_page < 0.5


def test_damage_is_recorded(tmp_path: Path) -> None:
    (t,) = generate(tmp_path, 1, seed=1, formats=("png",), damage=True)
    assert abs(t.damage["rotation_deg"]) <= 1.0
    assert t.damage["jpeg_quality"] == 60
    with Image.open(tmp_path / t.file) as img:
        assert len(np.unique(np.asarray(img))) > 50  # noise: many grey levels


def test_truth_transcript_extracts_to_truth(tmp_path: Path) -> None:
    truths = generate(tmp_path, 24, seed=11, formats=("jpg",))
    for t in truths:
        ex = extract(document_from_text(t.text))
        assert ex.doc_type == t.doc_type, t.file
        assert {k: fv.value for k, fv in ex.fields.items()} == t.fields, t.file
