"""Issue 3 features end to end with real Tesseract: orientation, deskew, noise, post-correction,
text-layer routing, the searchable PDF and page parallelism."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from ocr.errors import OcrTimeoutError
from ocr.loader import load_pages
from ocr.pipeline import read_document, read_document_with_pdf, searchable_pdf
from ocr.postcorrect import correct_token
from ocr.preprocess import estimate_geometry, prepare
from ocr.settings import OcrSettings

MAX_CER = 0.01


@pytest.fixture(scope="module")
def quyet_dinh(synth_docs) -> Image.Image:
    return Image.open(synth_docs / "pages" / "govt_quyet_dinh_p1.png").convert("L")


def _png(image: Image.Image, dpi: int = 200) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _turn(image: Image.Image, angle: float) -> Image.Image:
    return image.rotate(angle, expand=True, fillcolor=255, resample=Image.BICUBIC)


@pytest.mark.parametrize("angle", [0, 2.5, -4, 90, 180, 270])
def test_geometry_estimate_undoes_turns_and_skew(quyet_dinh, angle):
    quarter, skew = estimate_geometry(np.asarray(_turn(quyet_dinh, angle)))
    # Upright and upside down look alike to the profile; Tesseract's confidence decides.
    assert quarter == (90 if angle in (90, 270) else 0)
    residual = angle % 90 if angle % 90 < 45 else angle % 90 - 90
    assert abs(skew + residual) <= 0.3


def test_blank_page_has_no_geometry():
    assert estimate_geometry(np.full((800, 600), 255, np.uint8)) == (0, 0.0)


@pytest.mark.parametrize("angle, rotation", [(90, 270), (180, 180), (273.5, 90)])
def test_turned_pages_are_read_as_well_as_upright_and_say_how(
    quyet_dinh, ground_truth, metrics, angle, rotation
):
    (page,) = read_document(_png(_turn(quyet_dinh, angle))).pages
    assert page.rotation == rotation
    assert metrics.line_cer(ground_truth["govt_quyet_dinh"], page.text) < MAX_CER
    # Boxes are in the upright page as read: the title near the top.
    title = next(line for line in page.lines if line.text == "QUYẾT ĐỊNH")
    assert title.bbox[1] < 0.15 * page.height
    exported = page.export()
    assert exported["rotation"] == rotation and exported["steps"] == list(page.steps)


def test_skewed_page_is_deskewed_and_the_angle_recorded(quyet_dinh, ground_truth, metrics):
    (page,) = read_document(_png(_turn(quyet_dinh, 4))).pages
    assert page.skew == pytest.approx(-4, abs=0.3)
    assert any(step.startswith("deskew:") for step in page.steps)
    assert metrics.line_cer(ground_truth["govt_quyet_dinh"], page.text) < MAX_CER
    (raw,) = read_document(_png(_turn(quyet_dinh, 4)), OcrSettings(deskew=False, orientation=False)).pages
    assert page.skew != raw.skew == 0.0


def test_median_filter_only_on_noisy_pages(quyet_dinh):
    clean = prepare(quyet_dinh, 200)[4]
    assert not any(s.startswith("median3") for s in clean)
    rng = np.random.default_rng(1)
    noisy = np.asarray(quyet_dinh, np.float32) + rng.normal(0, 25, quyet_dinh.size[::-1])
    noisy_image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))
    assert any(s.startswith("median3") for s in prepare(noisy_image, 200)[4])


def test_tiny_glyphs_are_upscaled_normal_ones_are_not(quyet_dinh):
    small = quyet_dinh.resize((quyet_dinh.width // 3, quyet_dinh.height // 3), Image.LANCZOS)
    image, dpi, *_rest, steps = prepare(small, 67)
    assert any(s.startswith("upscale:") for s in steps) and image.width > small.width * 1.5
    assert dpi > 67
    assert not any(s.startswith("upscale:") for s in prepare(quyet_dinh, 200)[4])


@pytest.mark.parametrize(
    "token, fixed",
    [
        ("17I06/2021", "17/06/2021"),
        ("17/06l2021", "17/06/2021"),
        ("2O21", "2021"),
        ("05-1O-2020", "05-10-2020"),
        ("17/06/2021,", "17/06/2021,"),
        ("17106/2021", "17106/2021"),  # a 1 is a digit: ambiguous, left alone
        ("Ol", "Ol"),
        ("HOI", "HOI"),
        ("17I06I2021", "17I06I2021"),  # no real separator
    ],
)
def test_postcorrection_fixes_only_unambiguous_look_alikes(token, fixed):
    assert correct_token(token) == fixed


def test_invisible_text_layer_is_ocrd_again(ocrmypdf_files):
    doc = read_document((ocrmypdf_files / "graph_ocred.pdf").read_bytes())
    (page,) = doc.pages
    assert page.source == "ocr" and "text_layer_refused:invisible" in page.steps


TCVN3 = [
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "QuyÕt ®Þnh vÒ viÖc bæ nhiÖm «ng NguyÔn V¨n An",
    "Hµ Néi, ngµy 12 th¸ng 5 n¨m 2026",
]
STRIPPED = [
    "Cong hoa xa hoi chu nghia Viet Nam",
    "Doc lap - Tu do - Hanh phuc",
    "Quyet dinh cua Uy ban nhan dan tinh ve viec bo nhiem ong Nguyen Van An",
    "Ha Noi, ngay 12 thang 5 nam 2026",
    "Noi dung theo quy dinh cua chu tich",
]


@pytest.mark.parametrize("lines, reason", [(TCVN3, "legacy_encoding"), (STRIPPED, "no_diacritics")])
def test_bad_text_layers_are_refused_and_ocrd(make_text_pdf, metrics, lines, reason):
    data = make_text_pdf([metrics.flow_lines(lines * 3)])
    (page,) = load_pages(data)
    assert page.kind == "image" and f"text_layer_refused:{reason}" in page.steps
    (read,) = read_document(data).pages
    assert read.source == "ocr"
    # Switched off, the same layer is used as it is.
    (kept,) = read_document(data, OcrSettings(check_text_layer=False)).pages
    assert kept.source == "text_layer"


def test_good_vietnamese_text_layer_is_kept(make_text_pdf, metrics, ground_truth):
    lines = ground_truth["govt_quyet_dinh"].splitlines()
    (page,) = read_document(make_text_pdf([metrics.flow_lines(lines, left=40)], font_size=10)).pages
    assert page.source == "text_layer" and "Phan Thị Mỹ Lan" in page.text


def _pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
    finally:
        pdf.close()


def test_searchable_pdf_has_every_page_with_its_text(make_text_pdf, metrics, synth_docs, ground_truth):
    born_digital = make_text_pdf(
        [metrics.flow_lines(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])]
    )
    merged = pdfium.PdfDocument(born_digital)
    merged.import_pages(pdfium.PdfDocument(synth_docs / "docs" / "govt_quyet_dinh.pdf"))
    out = io.BytesIO()
    merged.save(out)

    doc, pdf = read_document_with_pdf(out.getvalue())
    assert [p.source for p in doc.pages] == ["text_layer", "ocr"]
    texts = _pdf_text(pdf)
    assert len(texts) == 2
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[0]  # copied from the original
    assert metrics.cer(ground_truth["govt_quyet_dinh"], texts[1]) < 0.05  # Tesseract's layer
    assert "789/QĐ-UBND" in texts[1]
    # The OCR'd page keeps the page size of the original (300 DPI rendering).
    sizes = [pdfium.PdfDocument(pdf)[i].get_size() for i in range(2)]
    assert sizes[1] == pytest.approx((612, 792), abs=1)


def test_searchable_pdf_of_an_image_and_the_function_form(quyet_dinh):
    data = _png(_turn(quyet_dinh, 180))
    pdf = searchable_pdf(data)
    (text,) = _pdf_text(pdf)
    assert "QUYẾT ĐỊNH" in text  # the page was turned upright before Tesseract drew it


def test_multi_page_tiff_pages_come_back_in_order_from_parallel_workers(synth_docs, metrics, ground_truth):
    ids = ["govt_quyet_dinh", "govt_thong_bao", "govt_cong_van"]
    frames = [Image.open(synth_docs / "pages" / f"{i}_p1.png").convert("L") for i in ids]
    out = io.BytesIO()
    frames[0].save(
        out, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(200, 200)
    )
    doc = read_document(out.getvalue(), OcrSettings(workers=3))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    for page, doc_id in zip(doc.pages, ids, strict=True):
        assert metrics.cer(ground_truth[doc_id], page.text) < MAX_CER


def test_documents_read_from_several_threads_at_once_agree_with_one_by_one(synth_docs):
    datas = [
        (synth_docs / "docs" / f"{name}.pdf").read_bytes()
        for name in ("govt_quyet_dinh", "receipt_phieu_chi", "form_dang_ky_hoc")
    ]
    alone = [read_document(d).text for d in datas]
    with ThreadPoolExecutor(3) as pool:
        together = [doc.text for doc in pool.map(read_document, datas)]
    assert together == alone


def test_page_timeout_is_typed_and_leaves_nothing_running(quyet_dinh):
    with pytest.raises(OcrTimeoutError):
        read_document(_png(quyet_dinh), OcrSettings(page_timeout_s=0.01))
    # The next document reads normally: no worker is left stuck.
    assert read_document(_png(quyet_dinh.crop((0, 0, 1700, 500)))).pages[0].words


def test_blank_pages_are_not_ocred_in_the_searchable_pdf_path_either():
    """Regression, issue 17.7: the sweep's searchable-PDF path sent blank pages to Tesseract
    (500 blank pages: 175.8 s against 7.8 s in `sohoa process`; three blank A1 pages: 1.35 GB)."""
    source = pdfium.PdfDocument.new()
    for _ in range(3):
        source.new_page(1684, 2384)  # A1 in points, nothing on it
    buffer = io.BytesIO()
    source.save(buffer)
    source.close()
    document, pdf = read_document_with_pdf(buffer.getvalue(), OcrSettings(render_dpi=100))
    assert [("blank_page" in p.steps) for p in document.pages] == [True, True, True]
    merged = pdfium.PdfDocument(pdf)
    try:
        assert len(merged) == 3
        # The stand-in page keeps the paper size (within a point of rounding).
        assert abs(merged[0].get_width() - 1684) < 1 and abs(merged[0].get_height() - 2384) < 1
    finally:
        merged.close()
