"""The text-layer path on real born-digital agency PDFs (vi_real_admin_pdfs).

PDFium's loose char boxes reach up to the glyph: the stacked marks of "ề", "Ủ", "Ị" stand
1-3 pt above the rest of a bold heading. These pages were read as "Đi ề u 3.", where
pdfplumber (and pdftotext) read them whole (bench textlayer).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ocr.pipeline import read_document
from ocr.result import Document

# A letter with a circumflex or breve and a tone mark is never a Vietnamese word alone
# ("ề", "ấ"), so standing alone between two words it is a word cut in three.
_CUT_SYLLABLE = re.compile(r"\w [ấầẩẫậắằẳẵặếềểễệốồổỗộ] \w")


@pytest.fixture(scope="module")
def real_pdfs(corpora: Path) -> Path:
    root = corpora / "vi_real_admin_pdfs" / "docs"
    if not root.is_dir():
        pytest.skip(f"corpus vi_real_admin_pdfs missing under {corpora}")
    return root


@pytest.fixture(scope="module")
def read(real_pdfs: Path):
    cache: dict[str, Document] = {}

    def read_one(name: str) -> Document:
        if name not in cache:
            cache[name] = read_document((real_pdfs / name).read_bytes())
        return cache[name]

    return read_one


def test_bold_headings_with_stacked_marks_are_read_as_whole_words(read):
    page = read("luat_qh_duthao_cbcc_2025.pdf").pages[1]
    assert page.source == "text_layer"
    lines = [line.text for line in page.lines]
    assert "Điều 3. Nguyên tắc quản lý cán bộ, công chức" in lines
    assert any(line.startswith("Điều 4. Cơ chế thu hút nguồn nhân lực chất lượng cao") for line in lines)
    text = read("tb_ubnd_quangngai_542_2024.pdf").pages[1].text
    assert "(Thông báo này thay cho Giấy mời)" in text
    assert "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG" in text


def test_no_word_of_the_corpus_is_cut_at_a_stacked_mark(read, real_pdfs):
    cut = {}
    for pdf in sorted(real_pdfs.glob("*.pdf")):
        for page in read(pdf.name).pages:
            assert page.source == "text_layer", (pdf.name, page.number)
            found = _CUT_SYLLABLE.findall(page.text)
            if found:
                cut[(pdf.name, page.number)] = found
    assert cut == {}
