"""The text-layer path: born-digital PDF pages read exactly, boxes in render pixels."""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium
import pytest

from ocr.pipeline import read_document
from ocr.result import Word
from ocr.settings import OcrSettings
from ocr.textlayer import duplicate_char_ids, group_words


@pytest.fixture(scope="module")
def quyet_dinh_lines(ground_truth) -> list[str]:
    return ground_truth["govt_quyet_dinh"].splitlines()


@pytest.fixture(scope="module")
def quyet_dinh_pdf(make_text_pdf, metrics, quyet_dinh_lines) -> bytes:
    """govt_quyet_dinh's ground truth set as a born-digital A4 PDF (DejaVu Sans 10 pt)."""
    return make_text_pdf([metrics.flow_lines(quyet_dinh_lines, left=40)], font_size=10)


def test_vietnamese_text_layer_is_read_exactly(quyet_dinh_pdf, quyet_dinh_lines, metrics):
    doc = read_document(quyet_dinh_pdf)
    (page,) = doc.pages
    assert doc.text_source == "text_layer"
    assert page.source == "text_layer" and page.steps == ("text_layer",)
    assert [line.text for line in page.lines] == [ln for ln in quyet_dinh_lines if ln.strip()]
    assert metrics.cer("\n".join(quyet_dinh_lines), doc.text) == 0.0
    assert "789/QĐ-UBND" in doc.text
    assert all(unicodedata.is_normalized("NFC", w.text) for w in page.words)
    assert {w.confidence for w in page.words} == {1.0}


def test_paragraph_gaps_become_blocks(quyet_dinh_pdf, quyet_dinh_lines):
    (page,) = read_document(quyet_dinh_pdf).pages
    paragraphs = [p for p in "\n".join(quyet_dinh_lines).split("\n\n") if p.strip()]
    assert [b.text for b in page.blocks] == [p.strip("\n") for p in paragraphs]


def test_boxes_are_pixels_at_render_dpi_and_match_the_rendering(quyet_dinh_pdf):
    (page,) = read_document(quyet_dinh_pdf).pages
    assert (page.width, page.height, page.dpi) == (2480, 3509, 300)  # A4 595x842 pt
    rendered = pdfium.PdfDocument(quyet_dinh_pdf)[0].render(scale=300 / 72 * (1 - 1e-9))
    assert (rendered.width, rendered.height) == (page.width, page.height)
    for word in page.words:
        x0, y0, x1, y1 = word.bbox
        assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
    # First line "QUYẾT ĐỊNH": baseline 72 pt from the top, left edge at 40 pt.
    first = page.lines[0]
    assert abs(first.bbox[0] - 40 * 300 / 72) <= 4
    assert first.bbox[1] < 72 * 300 / 72 < first.bbox[3] + 20
    # The same page at 150 DPI: boxes scale with it.
    (half,) = read_document(quyet_dinh_pdf, OcrSettings(render_dpi=150)).pages
    assert abs(half.lines[0].bbox[0] * 2 - first.bbox[0]) <= 2


@pytest.mark.parametrize("rotation, direction", [(90, "ttb"), (180, "rtl"), (270, "btt")])
def test_rotated_pages_are_grouped_in_their_reading_frame(
    make_text_pdf, metrics, quyet_dinh_lines, rotation, direction
):
    data = make_text_pdf([metrics.flow_lines(quyet_dinh_lines, left=40)], font_size=10, rotation=rotation)
    (page,) = read_document(data).pages
    assert [line.text for line in page.lines] == [ln for ln in quyet_dinh_lines if ln.strip()]
    assert f"text_direction:{direction}" in page.steps
    if rotation in (90, 270):
        assert (page.width, page.height) == (3509, 2480)
        # Sideways lines are tall and narrow on the page.
        x0, y0, x1, y1 = page.lines[1].bbox
        assert (y1 - y0) > 5 * (x1 - x0)


def test_header_halves_on_one_baseline_are_separate_lines(make_text_pdf):
    runs = [
        (40, 60, "ỦY BAN NHÂN DÂN"),
        (300, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (40, 76, "THÀNH PHỐ HÀ NỘI"),
        (300, 76, "Độc lập - Tự do - Hạnh phúc"),
        (40, 120, "Số: 12/QĐ-UBND"),
        (300, 120, "Hà Nội, ngày 05 tháng 3 năm 2026"),
    ]
    (page,) = read_document(make_text_pdf([runs], font_size=10)).pages
    texts = [line.text for line in page.lines]
    assert sorted(texts) == sorted(text for _x, _y, text in runs)
    # Left column and right column of the header are two blocks, not one run-on line.
    assert [b.text for b in page.blocks][:2] == [
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]


def test_english_born_digital_pdf_matches_pdfplumbers_expected_text(pdfplumber_pdfs, metrics):
    reference = (pdfplumber_pdfs / "comparisons" / "scotus-transcript-p1.txt").read_text()
    doc = read_document((pdfplumber_pdfs / "pdfs" / "scotus-transcript-p1.pdf").read_bytes())
    assert doc.text_source == "text_layer"
    assert metrics.cer(reference, doc.text) < 0.005


def test_sideways_landscape_pdf_reads_like_the_upright_one(pdfplumber_pdfs):
    pdfs = pdfplumber_pdfs / "pdfs"
    upright = read_document((pdfs / "nics-background-checks-2015-11.pdf").read_bytes())
    sideways = read_document((pdfs / "nics-background-checks-2015-11-rotated.pdf").read_bytes())
    assert "text_direction:ttb" in sideways.pages[0].steps
    assert sideways.pages[0].lines[0].text == upright.pages[0].lines[0].text
    assert sorted(w.text for w in sideways.pages[0].words) == sorted(w.text for w in upright.pages[0].words)


def test_group_words_splits_lines_and_blocks_by_gaps():
    def word(text, x0, y0, x1, y1):
        return Word(text, (x0, y0, x1, y1), 1.0)

    words = [
        word("b", 60, 100, 100, 130),
        word("a", 10, 102, 50, 131),  # one line, out of order
        word("c", 10, 140, 50, 170),  # next line, close below: same block
        word("far", 400, 101, 480, 130),  # same band, far right: another line, another block
        word("d", 10, 260, 50, 290),  # after a wide gap: new block
    ]
    blocks = group_words(words)
    assert [b.text for b in blocks] == ["a b\nc", "far", "d"]


def test_fake_bold_duplicate_glyphs_are_dropped(pdfplumber_pdfs):
    # pdfplumber's own test of dedupe_chars expects exactly this first line.
    doc = read_document((pdfplumber_pdfs / "pdfs" / "issue-71-duplicate-chars.pdf").read_bytes())
    assert doc.pages[0].lines[0].text == (
        "项目描述：负责四川省甘孜州丹巴磨子电站引水隧洞爆破方案优化设计及爆破震动监测工"
    )


def test_duplicate_char_ids_pairs_only_close_twins():
    def char(text, x0, top, upright=True):
        return {"text": text, "x0": x0, "top": top, "fontname": "F", "size": 10, "upright": upright}

    twin_a, twin_b = char("A", 10.0, 20.0), char("A", 10.4, 20.3)
    # "ss" of vertical text: same x, 3 pt apart along the line, then a third "s" beyond.
    vertical = [char("s", 50.0, y, upright=False) for y in (100.0, 103.0, 106.0)]
    chain = [char("o", 70.0 + 0.8 * i, 40.0) for i in range(4)]  # 0.8 pt steps: twins pairwise
    ids = duplicate_char_ids([twin_a, twin_b, *vertical, *chain])
    assert id(twin_b) in ids and id(twin_a) not in ids
    assert not ids & {id(c) for c in vertical}
    # Each "o" is compared with kept ones only: 70.0 kept, 70.8 dup, 71.6 kept, 72.4 dup.
    assert [id(c) in ids for c in chain] == [False, True, False, True]
