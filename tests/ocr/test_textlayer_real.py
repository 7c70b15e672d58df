"""The text-layer path on real born-digital agency PDFs (vi_real_admin_pdfs).

PDFium's loose char boxes reach up to the glyph: the stacked marks of "ề", "Ủ", "Ị" stand
1-3 pt above the rest of a bold heading. These pages were read as "Đi ề u 3." and with the
signature block before the "Nơi nhận:" of the same row, where pdfplumber (and pdftotext)
read them whole and in order (bench textlayer).
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


@pytest.mark.parametrize(
    ("name", "page"),
    [("tb_ubnd_quangngai_542_2024.pdf", 2), ("cv_ubnd_quangngai_507_2025.pdf", 1)],
)
def test_recipients_come_before_the_signature_block_of_the_same_row(read, name, page):
    # "Nơi nhận:" (left) and "TL. CHỦ TỊCH" (right) start on one row; the left column is
    # read first, as the PDF's own text has it.
    text = read(name).pages[page - 1].text
    assert 0 <= text.index("Nơi nhận") < text.index("TL. CHỦ TỊCH")


def test_no_word_of_the_corpus_is_cut_at_a_stacked_mark(read, real_pdfs):
    cut = {}
    for pdf in sorted(real_pdfs.glob("*.pdf")):
        for page in read(pdf.name).pages:
            assert page.source == "text_layer", (pdf.name, page.number)
            found = _CUT_SYLLABLE.findall(page.text)
            if found:
                cut[(pdf.name, page.number)] = found
    assert cut == {}
