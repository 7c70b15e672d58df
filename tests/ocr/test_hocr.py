"""hOCR from the result tree: valid XML for OCR and text-layer pages, all text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from ocr.hocr import page_tree_to_hocr
from ocr.pipeline import read_document
from ocr.result import Block, Document, Line, Page, Word

XHTML = "{http://www.w3.org/1999/xhtml}"


def _by_class(root: ET.Element, cls: str) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("class") == cls]


def _bbox(title: str) -> tuple[int, ...]:
    match = re.search(r"bbox (\d+) (\d+) (\d+) (\d+)", title)
    assert match, title
    return tuple(int(v) for v in match.groups())


@pytest.fixture(scope="module")
def ocr_doc(synth_docs):
    data = (synth_docs / "pages" / "govt_quyet_dinh_p1.png").read_bytes()
    return read_document(data)


def test_ocr_page_hocr_parses_and_mirrors_the_tree(ocr_doc):
    root = ET.fromstring(page_tree_to_hocr(ocr_doc, title="govt_quyet_dinh").encode("utf-8"))
    assert root.tag == f"{XHTML}html"
    (page_el,) = _by_class(root, "ocr_page")
    page = ocr_doc.pages[0]
    assert _bbox(page_el.get("title")) == (0, 0, page.width, page.height)
    assert "x_source ocr" in page_el.get("title")
    assert len(_by_class(root, "ocr_carea")) == len(page.blocks)
    assert len(_by_class(root, "ocr_line")) == len(page.lines)
    words = _by_class(root, "ocrx_word")
    assert [w.text for w in words] == [w.text for w in page.words]
    assert _bbox(words[0].get("title")) == page.words[0].bbox
    confidences = [int(re.search(r"x_wconf (\d+)", w.get("title")).group(1)) for w in words]
    assert all(0 <= c <= 100 for c in confidences) and max(confidences) > 90
    assert "QUYẾT" in [w.text for w in words]


def test_text_layer_pages_get_hocr_too(make_text_pdf, metrics):
    data = make_text_pdf([metrics.flow_lines(["Số: 789/QĐ-UBND", "", "Điều 1. Phê duyệt"])])
    doc = read_document(data)
    root = ET.fromstring(page_tree_to_hocr(doc))
    (page_el,) = _by_class(root, "ocr_page")
    assert "x_source text_layer" in page_el.get("title")
    assert "scan_res 300 300" in page_el.get("title")
    assert [w.text for w in _by_class(root, "ocrx_word")] == [
        "Số:",
        "789/QĐ-UBND",
        "Điều",
        "1.",
        "Phê",
        "duyệt",
    ]
    assert len(_by_class(root, "ocr_carea")) == 2


def test_hostile_text_is_escaped_and_forbidden_characters_replaced():
    hostile = [
        "<script>alert('x')</script>",
        'a"b&c<d>',
        "form\x0cfeed\x00nul",
        "]]>",
    ]
    words = tuple(Word(text, (10 * i, 0, 10 * i + 9, 9), 0.5) for i, text in enumerate(hostile))
    doc = Document(
        pages=(
            Page(
                number=1, width=100, height=20, dpi=300, source="text_layer", blocks=(Block((Line(words),)),)
            ),
        )
    )
    text = page_tree_to_hocr(doc, title="<title>&")
    root = ET.fromstring(text)  # raises if anything broke the XML
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert "<script>" not in text
    assert root.find(f"{XHTML}head/{XHTML}title").text == "<title>&"
    got = [w.text for w in _by_class(root, "ocrx_word")]
    assert got[0] == "<script>alert('x')</script>"
    assert got[1] == 'a"b&c<d>'
    assert got[2] == "form\ufffdfeed\ufffdnul"
    assert got[3] == "]]>"


def test_empty_document_is_still_valid_hocr():
    root = ET.fromstring(page_tree_to_hocr(Document()))
    assert _by_class(root, "ocr_page") == []
