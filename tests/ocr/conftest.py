"""Fixtures of the OCR tests: corpus files, ground truth, a born-digital PDF writer, CER."""

from __future__ import annotations

import ctypes
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

# DejaVu Sans covers Vietnamese; Debian's fonts-dejavu-core (pulled in by fontconfig).
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
GOVT_DOCS = ("govt_quyet_dinh", "govt_cong_van", "govt_thong_bao")


def normalize(text: str) -> str:
    """NFC, whitespace runs collapsed: the README's CER convention for this corpus."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate on whitespace-normalized NFC text."""
    ref = normalize(reference)
    return Levenshtein.distance(ref, normalize(hypothesis)) / max(1, len(ref))


def line_cer(reference: str, hypothesis: str) -> float:
    """CER counted line by line (design.md): each reference line against its closest line."""
    hyp_lines = [normalize(line) for line in hypothesis.splitlines() if line.strip()]
    errors = total = 0
    for line in reference.splitlines():
        ref = normalize(line)
        if not ref:
            continue
        total += len(ref)
        errors += min((Levenshtein.distance(ref, h) for h in hyp_lines), default=len(ref))
    return errors / max(1, total)


@pytest.fixture(scope="session")
def synth_docs(corpora: Path) -> Path:
    root = corpora / "vi_synth_docs_v1_nomvn"
    if not (root / "metadata.jsonl").is_file():
        pytest.skip(f"corpus vi_synth_docs_v1_nomvn missing under {corpora}")
    return root


@pytest.fixture(scope="session")
def ground_truth(synth_docs: Path) -> dict[str, str]:
    """doc_id -> full_text of vi_synth_docs_v1_nomvn/metadata.jsonl."""
    truth = {}
    for line in (synth_docs / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            truth[record["doc_id"]] = record["full_text"]
    return truth


@pytest.fixture(scope="session")
def ocrmypdf_files(corpora: Path) -> Path:
    root = corpora / "robustness_ocrmypdf" / "files"
    if not root.is_dir():
        pytest.skip(f"corpus robustness_ocrmypdf missing under {corpora}")
    return root


@pytest.fixture(scope="session")
def pdfminer_samples(corpora: Path) -> Path:
    root = corpora / "robustness_pdfminer" / "samples"
    if not root.is_dir():
        pytest.skip(f"corpus robustness_pdfminer missing under {corpora}")
    return root


@pytest.fixture(scope="session")
def pdfplumber_pdfs(corpora: Path) -> Path:
    root = corpora / "robustness_pdfplumber"
    if not (root / "pdfs").is_dir():
        pytest.skip(f"corpus robustness_pdfplumber missing under {corpora}")
    return root


@pytest.fixture(scope="session")
def hard_line_crops(corpora: Path) -> list[tuple[bytes, str]]:
    """(PNG bytes, text) of vi_synth_lines_nomvn/hard: small text whose ink bled and blurred."""
    root = corpora / "vi_synth_lines_nomvn"
    if not (root / "ground_truth_hard.jsonl").is_file():
        pytest.skip(f"corpus vi_synth_lines_nomvn missing under {corpora}")
    records = [
        json.loads(line)
        for line in (root / "ground_truth_hard.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return [((root / r["image"]).read_bytes(), r["text"]) for r in records]


@pytest.fixture(scope="session")
def font_path() -> Path:
    for candidate in FONT_CANDIDATES:
        if candidate.is_file():
            return candidate
    pytest.skip("DejaVuSans.ttf not found (Debian package fonts-dejavu-core)")


@pytest.fixture(scope="session")
def text_line_image(font_path: Path) -> Callable[..., Image.Image]:
    """A white grayscale page with one line of black text: ``make(text, size, at, font_px)``."""

    def make(
        text: str, size: tuple[int, int] = (1200, 300), at: tuple[int, int] = (40, 100), font_px: int = 64
    ) -> Image.Image:
        page = Image.new("L", size, 255)
        ImageDraw.Draw(page).text(at, text, fill=0, font=ImageFont.truetype(str(font_path), font_px))
        return page

    return make


# A text run on a page: (x from the left, y of the baseline from the top, text), in points.
Run = tuple[float, float, str]


def write_text_pdf(
    font_file: Path,
    pages: Sequence[Sequence[Run]],
    *,
    font_size: float = 11,
    page_size: tuple[float, float] = (595, 842),
    rotation: int = 0,
) -> bytes:
    """A born-digital PDF with real, Unicode-mapped text (PDFium with an embedded TTF)."""
    pdf = pdfium.PdfDocument.new()
    font_bytes = font_file.read_bytes()
    font_buffer = (ctypes.c_uint8 * len(font_bytes)).from_buffer_copy(font_bytes)
    font = pdfium_c.FPDFText_LoadFont(
        pdf.raw, font_buffer, len(font_bytes), pdfium_c.FPDF_FONT_TRUETYPE, True
    )
    assert font, "PDFium could not load the font"
    try:
        for runs in pages:
            page = pdf.new_page(*page_size)
            for x, y, text in runs:
                obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, font_size)
                wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
                pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, pdfium_c.FPDF_WIDESTRING))
                pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, page_size[1] - y)
                pdfium_c.FPDFPage_InsertObject(page.raw, obj)
            assert pdfium_c.FPDFPage_GenerateContent(page.raw)
            if rotation:
                page.set_rotation(rotation)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdfium_c.FPDFFont_Close(font)
        pdf.close()


def flow_lines(lines: Sequence[str], *, left: float = 56, top: float = 72, pitch: float = 16.5) -> list[Run]:
    """Lines set one under another; an empty line leaves a blank line (a paragraph gap)."""
    return [(left, top + i * pitch, line) for i, line in enumerate(lines) if line.strip()]


@pytest.fixture(scope="session")
def make_text_pdf(font_path: Path) -> Callable[..., bytes]:
    def make(pages: Sequence[Sequence[Run]], **kwargs) -> bytes:
        return write_text_pdf(font_path, pages, **kwargs)

    return make


class TextMetrics:
    """The text helpers above, for test modules (conftest is not importable by them)."""

    normalize = staticmethod(normalize)
    cer = staticmethod(cer)
    line_cer = staticmethod(line_cer)
    flow_lines = staticmethod(flow_lines)


@pytest.fixture(scope="session")
def metrics() -> type[TextMetrics]:
    return TextMetrics
