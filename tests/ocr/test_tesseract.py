"""The OCR path on real Tesseract (vie): text, boxes, confidences, errors."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ocr.errors import InputError, OcrEngineError, OcrTimeoutError
from ocr.pipeline import read_document, read_path
from ocr.preprocess import preprocess
from ocr.settings import OcrSettings
from ocr.tesseract import blocks_from_tsv, engine_version, recognize

# Clean 200-DPI renderings: Tesseract 5 + vie (tessdata_fast) measured 0-0.14 % CER here.
MAX_CER = 0.01


@pytest.fixture(scope="module")
def quyet_dinh_png(synth_docs: Path) -> Path:
    return synth_docs / "pages" / "govt_quyet_dinh_p1.png"


@pytest.fixture(scope="module")
def quyet_dinh_doc(quyet_dinh_png):
    return read_path(quyet_dinh_png)


def test_png_page_is_ocrd_with_diacritics(quyet_dinh_doc, ground_truth, metrics):
    doc = quyet_dinh_doc
    (page,) = doc.pages
    assert doc.text_source == "ocr" and page.source == "ocr"
    assert "QUYẾT ĐỊNH" in doc.text
    assert "789/QĐ-UBND" in doc.text
    assert "Phan Thị Mỹ Lan" in doc.text
    assert metrics.cer(ground_truth["govt_quyet_dinh"], doc.text) < MAX_CER
    assert metrics.line_cer(ground_truth["govt_quyet_dinh"], doc.text) < MAX_CER


def _without_tones(steps: tuple[str, ...]) -> tuple[str, ...]:
    # ocr/tones.py's step (its count depends on what Tesseract misread) is tested in test_tones.py
    return tuple(s for s in steps if not s.startswith("tones:"))


def test_ocr_words_have_boxes_confidences_and_nfc(quyet_dinh_doc):
    (page,) = quyet_dinh_doc.pages
    assert (page.width, page.height) == (1700, 2200)
    assert _without_tones(page.steps) == ("dpi_estimated", "grayscale")
    assert len(page.blocks) >= 10 and len(page.words) > 250
    for word in page.words:
        x0, y0, x1, y1 = word.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
        assert 0.0 <= word.confidence <= 1.0
        assert word.text.strip() == word.text and word.text
        assert unicodedata.is_normalized("NFC", word.text)
    assert 0.8 < quyet_dinh_doc.mean_ocr_confidence <= 1.0
    # The title is the first line, near the top and centred.
    title = page.lines[0]
    assert title.text == "QUYẾT ĐỊNH"
    assert title.bbox[1] < 300 and 500 < title.bbox[0] < 900


@pytest.mark.parametrize("doc_id", ["govt_cong_van", "govt_thong_bao"])
def test_other_govt_pages_are_read_within_cer(synth_docs, ground_truth, metrics, doc_id):
    doc = read_path(synth_docs / "pages" / f"{doc_id}_p1.png")
    assert metrics.cer(ground_truth[doc_id], doc.text) < MAX_CER


def test_image_only_pdf_goes_through_ocr(synth_docs, ground_truth, metrics):
    doc = read_path(synth_docs / "docs" / "govt_quyet_dinh.pdf")
    (page,) = doc.pages
    assert page.source == "ocr"
    # Read by Tesseract from a copy at 250 DPI (OcrSettings.tesseract_max_dpi); the page and
    # its boxes stay at 300.
    assert _without_tones(page.steps) == ("rendered_pdf:300dpi", "grayscale", "read_at:250dpi")
    assert (page.width, page.height, page.dpi) == (2550, 3300, 300)
    assert "789/QĐ-UBND" in doc.text
    assert metrics.cer(ground_truth["govt_quyet_dinh"], doc.text) < MAX_CER
    # Boxes are in the rendered page's pixels: the title sits where it does in the
    # 200-DPI PNG, scaled by 300/200.
    assert 750 < page.lines[0].bbox[0] < 1350


def test_page_turned_upside_down_is_still_read(quyet_dinh_png, ground_truth, metrics):
    turned = Image.open(quyet_dinh_png).rotate(180)
    page = recognize(preprocess(turned)[0], 200)  # low confidence: read again turned back
    assert "QUYẾT ĐỊNH" in page.text
    assert metrics.cer(ground_truth["govt_quyet_dinh"], page.text) < MAX_CER
    assert page.rotation == 180 and _without_tones(page.steps)[-1] == "flip:180"
    # Boxes are in the frame of the image as read (turned back): the title is at the top.
    title = next(line for line in page.lines if line.text == "QUYẾT ĐỊNH")
    assert title.bbox[1] < 300


def test_upright_page_is_read_once_without_flip(quyet_dinh_png):
    page = recognize(preprocess(Image.open(quyet_dinh_png))[0], 200)
    assert page.rotation == 0 and "flip:180" not in page.steps
    assert page.confidence > 0.9


def test_recognize_takes_arrays_and_passes_dpi(quyet_dinh_png):
    array = np.asarray(Image.open(quyet_dinh_png).convert("L").crop((0, 0, 1700, 700)))
    page = recognize(array, 200, number=7, steps=("crop",))
    assert (page.number, page.dpi, _without_tones(page.steps)) == (7, 200, ("crop",))
    assert (page.width, page.height) == (1700, 700)
    assert "789/QĐ-UBND" in page.text


def test_blank_page_gives_an_empty_page():
    page = recognize(Image.new("L", (1240, 1754), 255), 150)
    assert page.blocks == () and page.text == ""
    assert page.confidence == 0.0


def test_tesseract_runs_with_one_openmp_thread(quyet_dinh_png, monkeypatch):
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    recognize(Image.new("L", (200, 100), 255), 300)
    assert os.environ["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.delenv("OMP_THREAD_LIMIT")
    recognize(Image.new("L", (200, 100), 255), 300, OcrSettings(tesseract_threads=0))
    assert "OMP_THREAD_LIMIT" not in os.environ


def test_timeout_is_a_typed_input_error(quyet_dinh_png):
    image, _ = preprocess(Image.open(quyet_dinh_png))
    with pytest.raises(OcrTimeoutError) as info:
        recognize(image, 200, OcrSettings(page_timeout_s=0.01))
    assert isinstance(info.value, InputError)
    assert info.value.code == "ocr_timeout"


def test_missing_tesseract_is_an_engine_error_not_an_input_error(quyet_dinh_png):
    settings = OcrSettings(tesseract_cmd="/nonexistent/tesseract")
    with pytest.raises(OcrEngineError) as info:
        read_document(quyet_dinh_png.read_bytes(), settings)
    assert not isinstance(info.value, InputError)
    with pytest.raises(OcrEngineError):
        engine_version(settings)


def test_unknown_language_is_an_engine_error():
    with pytest.raises(OcrEngineError) as info:
        recognize(Image.new("L", (200, 100), 255), 300, OcrSettings(language="xyz"))
    assert "xyz" in str(info.value)


def test_engine_version_is_tesseract_5():
    assert engine_version().startswith("5.")


def test_blocks_from_tsv_groups_paragraphs_and_skips_non_words():
    rows = [
        # level, block, par, line, word, left, top, width, height, conf, text
        (1, 0, 0, 0, 0, 0, 0, 100, 100, -1, ""),  # page
        (2, 1, 0, 0, 0, 10, 10, 80, 30, -1, ""),  # block
        (5, 1, 1, 1, 1, 10, 10, 20, 10, 96.5, "Số:"),
        (5, 1, 1, 1, 2, 35, 10, 30, 10, 91, "789/QĐ-UBND"),
        (5, 1, 1, 1, 3, 70, 10, 5, 10, 95, " "),  # blank word
        (5, 1, 1, 2, 1, 10, 25, 40, 10, -1, "ghost"),  # conf -1
        (5, 1, 1, 2, 2, 10, 25, 40, 10, 40, "Hà"),
        (5, 1, 2, 1, 1, 10, 50, 40, 10, 88, "Điều"),
    ]
    keys = [
        "level",
        "block_num",
        "par_num",
        "line_num",
        "word_num",
        "left",
        "top",
        "width",
        "height",
        "conf",
        "text",
    ]
    data = {key: [row[i] for row in rows] for i, key in enumerate(keys)}
    blocks = blocks_from_tsv(data)
    assert [b.text for b in blocks] == ["Số: 789/QĐ-UBND\nHà", "Điều"]
    first = blocks[0].lines[0].words
    assert first[0].bbox == (10, 10, 30, 20)
    assert first[0].confidence == pytest.approx(0.965)
    assert blocks[0].lines[1].words[0].confidence == pytest.approx(0.40)


def test_a_page_read_from_a_reduced_copy_keeps_its_words_where_they_are(synth_docs):
    path = synth_docs / "docs" / "govt_quyet_dinh.pdf"
    (reduced,) = read_path(path).pages
    (full,) = read_path(path, OcrSettings(tesseract_max_dpi=0)).pages
    assert "read_at:250dpi" in reduced.steps
    assert not any(step.startswith("read_at") for step in full.steps)
    assert (reduced.width, reduced.height) == (full.width, full.height)

    def once(page):  # words that occur once on the page, with their boxes
        texts = [w.text for w in page.words]
        return {w.text: w.bbox for w in page.words if texts.count(w.text) == 1}

    a, b = once(reduced), once(full)
    common = set(a) & set(b)
    assert len(common) > 40
    # In 300-DPI pixels, to the rounding of a 250-DPI box (1.2 px) and a letter's edge.
    assert all(max(abs(x - y) for x, y in zip(a[t], b[t], strict=True)) <= 4 for t in common)
