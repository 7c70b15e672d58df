"""read_document / read_path end to end: every input ends as a Document or a typed error."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from ocr.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from ocr.pipeline import read_document, read_path
from ocr.settings import OcrSettings

MAX_CER = 0.01


def test_format_comes_from_bytes_not_the_file_name(synth_docs, tmp_path):
    disguised = tmp_path / "scan.pdf"
    shutil.copy(synth_docs / "pages" / "govt_thong_bao_p1.png", disguised)
    doc = read_path(disguised)
    assert doc.text_source == "ocr"
    assert len(doc.pages) == 1 and doc.pages[0].words


def test_text_file_named_pdf_is_unsupported(tmp_path):
    fake = tmp_path / "hop_dong.pdf"
    fake.write_text("HỢP ĐỒNG LAO ĐỘNG\nSố: 042/HĐLĐ/2026\n", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError) as info:
        read_path(fake)
    assert info.value.export()["code"] == "unsupported_format"


def test_zero_bytes_is_empty_file(tmp_path):
    empty = tmp_path / "scan.jpg"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError) as info:
        read_path(empty)
    assert info.value.export() == {"code": "empty_file", "message": "the file is empty (0 bytes)"}


@pytest.mark.parametrize(
    "make, error",
    [
        (lambda c: (c["jpeg"])[: len(c["jpeg"]) // 2], CorruptFileError),
        (lambda c: c["encrypted"], EncryptedPdfError),
        (lambda c: c["hugemono"], TooLargeError),
        (lambda c: b"", EmptyFileError),
    ],
    ids=["truncated-jpeg", "encrypted-pdf", "35000px-pdf", "zero-bytes"],
)
def test_read_document_raises_only_typed_input_errors(ocrmypdf_files, pdfminer_samples, make, error):
    corpus = {
        "jpeg": (ocrmypdf_files / "baiona_color.jpg").read_bytes(),
        "encrypted": (pdfminer_samples / "encryption" / "aes-256.pdf").read_bytes(),
        "hugemono": (ocrmypdf_files / "hugemono.pdf").read_bytes(),
    }
    with pytest.raises(error) as info:
        read_document(make(corpus))
    assert isinstance(info.value, InputError)
    assert info.value.code == error.code


def test_multi_page_tiff_is_ocrd_page_by_page(synth_docs, ground_truth, metrics):
    ids = ["govt_quyet_dinh", "govt_thong_bao"]
    frames = [Image.open(synth_docs / "pages" / f"{i}_p1.png").convert("L") for i in ids]
    out = io.BytesIO()
    frames[0].save(
        out, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(200, 200)
    )
    doc = read_document(out.getvalue())
    assert [p.number for p in doc.pages] == [1, 2]
    assert [p.dpi for p in doc.pages] == [200, 200]
    for page, doc_id in zip(doc.pages, ids, strict=False):
        assert page.source == "ocr"
        assert metrics.cer(ground_truth[doc_id], page.text) < MAX_CER
    assert "789/QĐ-UBND" in doc.pages[0].text and "789/QĐ-UBND" not in doc.pages[1].text


def test_pdf_with_a_text_page_and_a_scanned_page_is_mixed(make_text_pdf, metrics, synth_docs, ground_truth):
    born_digital = make_text_pdf(
        [metrics.flow_lines(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])]
    )
    merged = pdfium.PdfDocument(born_digital)
    merged.import_pages(pdfium.PdfDocument(synth_docs / "docs" / "govt_quyet_dinh.pdf"))
    out = io.BytesIO()
    merged.save(out)

    doc = read_document(out.getvalue())
    assert [p.source for p in doc.pages] == ["text_layer", "ocr"]
    assert doc.text_source == "mixed"
    assert doc.pages[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert metrics.cer(ground_truth["govt_quyet_dinh"], doc.pages[1].text) < MAX_CER
    exported = json.loads(json.dumps(doc.export(), ensure_ascii=False))
    assert exported["text_source"] == "mixed"
    assert exported["pages"][0]["blocks"][0]["lines"][0]["words"][0]["text"] == "CỘNG"


def test_render_and_compare_ocr_agrees_with_the_text_layer(make_text_pdf, metrics, ground_truth):
    """The same born-digital page read both ways: the OCR path should match its text layer."""
    lines = ground_truth["govt_quyet_dinh"].splitlines()
    data = make_text_pdf([metrics.flow_lines(lines, left=40)], font_size=10)
    layer = read_document(data)
    ocr = read_document(data, OcrSettings(min_text_layer_chars=10**9))
    assert layer.text_source == "text_layer" and ocr.text_source == "ocr"
    assert (ocr.pages[0].width, ocr.pages[0].height) == (layer.pages[0].width, layer.pages[0].height)
    assert metrics.cer(layer.text, ocr.text) < MAX_CER
    # Same word, same place: the boxes of both paths share one pixel frame.
    layer_box = next(w.bbox for w in layer.pages[0].words if w.text == "789/QĐ-UBND")
    ocr_box = next(w.bbox for w in ocr.pages[0].words if w.text == "789/QĐ-UBND")
    assert all(abs(a - b) <= 12 for a, b in zip(layer_box, ocr_box, strict=False))


def test_read_document_accepts_any_bytes_like(synth_docs):
    data = (synth_docs / "pages" / "receipt_bien_lai_p1.png").read_bytes()
    doc = read_document(memoryview(bytearray(data)))
    assert doc.pages[0].words


def test_settings_are_validated():
    with pytest.raises(ValueError):
        OcrSettings(psm=14)
    with pytest.raises(ValueError):
        OcrSettings(psm=0)  # orientation only, no text
    with pytest.raises(ValueError):
        OcrSettings(render_dpi=10)
    with pytest.raises(ValueError):
        OcrSettings(page_timeout_s=0)
    with pytest.raises(ValueError):
        OcrSettings(language="vie eng")
    with pytest.raises(ValueError):
        OcrSettings(deblur_below_confidence=1.5)
    with pytest.raises(ValueError):
        OcrSettings(reread_language="")
    defaults = OcrSettings()
    assert (defaults.language, defaults.render_dpi, defaults.max_pixels) == ("vie", 300, 120_000_000)
    assert (defaults.min_text_layer_chars, defaults.tesseract_threads) == (20, 1)


def test_read_path_of_a_missing_file_is_not_an_input_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        read_path(tmp_path / "nope.png")


def test_cropped_pdf_page_text_layer_and_rendering_share_one_frame(make_text_pdf, metrics):
    lines = [f"Dòng số {i} của biên bản" for i in range(40)]
    page_doc = pdfium.PdfDocument(make_text_pdf([metrics.flow_lines(lines, left=40)], font_size=10))
    page_doc[0].set_cropbox(30, 300, 400, 700)  # PDF space, y up: only the middle shows
    out = io.BytesIO()
    page_doc.save(out)

    (layer,) = read_document(out.getvalue()).pages
    (ocr,) = read_document(out.getvalue(), OcrSettings(min_text_layer_chars=10**9)).pages
    assert (layer.width, layer.height) == (ocr.width, ocr.height) == (1542, 1667)
    # Text outside the crop box is invisible, so not in the text layer either.
    assert [line.text for line in layer.lines] == [line.text for line in ocr.lines]
    assert layer.lines[0].text == "Dòng số 5 của biên bản"
    assert all(abs(a - b) <= 12 for a, b in zip(layer.lines[0].bbox, ocr.lines[0].bbox, strict=True))


@pytest.fixture(scope="module")
def hard_readings(hard_line_crops) -> list[tuple[bytes, str, object]]:
    """The first 10 hard crops, each with its Page as read with the default settings."""
    return [(data, truth, read_document(data).pages[0]) for data, truth in hard_line_crops[:10]]


def test_blurred_line_crops_read_poorly_are_read_again_deblurred_and_read_better(hard_readings, metrics):
    # lines_hard: small text whose ink bled and blurred. Read as they come, Tesseract is
    # unsure (mean confidence 0.45-0.83) and wrong on ~28 % of the characters.
    plain = OcrSettings(deblur_below_confidence=0)
    n = len(hard_readings)
    deblurred = sum(any(s.startswith("deblur:") for s in page.steps) for _data, _truth, page in hard_readings)
    cer_default = sum(metrics.cer(truth, page.text) for _d, truth, page in hard_readings) / n
    cer_plain = (
        sum(metrics.cer(truth, read_document(data, plain).text) for data, truth, _page in hard_readings) / n
    )
    # When written (vie alone on the reread): 9 of 10 deblurred, CER 28.5 % -> 20.4 %.
    assert deblurred >= 6
    assert cer_default < 0.8 * cer_plain, (cer_default, cer_plain)


def test_poorly_read_page_is_reread_by_the_script_model_and_says_so(hard_readings, metrics):
    # The reread's vie+Vietnamese (tesseract-ocr-script-viet, installed by
    # scripts/install-system-deps.sh) against vie alone: lines_hard 20.7 -> 16.2 % CER.
    vie = OcrSettings(reread_language="vie")
    n = len(hard_readings)
    by_script = sum("language:vie+Vietnamese" in page.steps for _d, _t, page in hard_readings)
    cer_script = sum(metrics.cer(truth, page.text) for _d, truth, page in hard_readings) / n
    cer_vie = (
        sum(metrics.cer(truth, read_document(data, vie).text) for data, truth, _page in hard_readings) / n
    )
    assert by_script >= 6
    assert cer_script < cer_vie, (cer_script, cer_vie)


def test_reread_language_that_is_not_installed_falls_back_to_the_main_one(hard_line_crops):
    data, _truth = hard_line_crops[0]
    page = read_document(data, OcrSettings(reread_language="vie+Klingon")).pages[0]
    assert page.words
    assert not any(step.startswith("language:") for step in page.steps), page.steps


def test_sharp_line_read_again_deblurred_keeps_its_first_reading(text_line_image):
    # Even with the second reading forced, the sharp reading is the surer one and stays.
    out = io.BytesIO()
    text_line_image("Ngày 14 tháng 3 năm 2025 tại Hà Nội", size=(900, 120), at=(30, 40), font_px=28).save(
        out, format="PNG"
    )
    page = read_document(out.getvalue(), OcrSettings(deblur_below_confidence=1.0)).pages[0]
    assert page.text == "Ngày 14 tháng 3 năm 2025 tại Hà Nội"
    assert not any(step.startswith("deblur:") for step in page.steps), page.steps
