"""What the OCR tests that draw their own administrative pages share: fonts, the body text of a
decision (Nghị định 30/2020 layout), and a font loader that skips when Debian's font is missing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.pipeline import read_document
from ocr.result import Page
from ocr.settings import OcrSettings

DPI = 200
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
HAND = Path("/usr/share/fonts/truetype/fifthhorseman/dkg.ttf")  # fonts-dkg-handwriting

BODY = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV;",
    "Điều 1. Phê duyệt kế hoạch cải cách hành chính năm 2025 của tỉnh.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.",
]


def font(path: Path, px: int) -> ImageFont.FreeTypeFont:
    if not path.exists():
        pytest.skip(f"font {path} missing (scripts/install-system-deps.sh installs it)")
    return ImageFont.truetype(str(path), px)


def draw_motto(draw: ImageDraw.ImageDraw, bold: ImageFont.FreeTypeFont) -> None:
    """The national motto in the right column of a Nghị định 30/2020 header, where every drawn
    page puts it (its agency column at x 150, the number row at y 300)."""
    draw.text((760, 150), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill="black")
    draw.text((870, 200), "Độc lập - Tự do - Hạnh phúc", font=bold, fill="black")


def number_blank_page() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A white A4 page with a ministry's agency line, the motto, and the number's "Số:" and
    "/TTr-BTC" with a blank between them, where a pen's number goes (x 222, y 290)."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    bold, regular = font(SERIF_BOLD, 34), font(SERIF, 34)
    draw.text((150, 150), "BỘ TÀI CHÍNH", font=bold, fill="black")
    draw_motto(draw, bold)
    draw.text((150, 300), "Số:", font=regular, fill="black")
    draw.text((330, 300), "/TTr-BTC", font=regular, fill="black")
    return page, draw


def png_bytes(image: Image.Image) -> bytes:
    """A drawn page as the PNG an archivist would drop, at the drawn pages' DPI."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(DPI, DPI))
    return buf.getvalue()


def read_drawn(image: Image.Image, **settings) -> Page:
    """A drawn page read through the whole OCR pipeline, Tesseract included (one worker)."""
    return read_document(png_bytes(image), OcrSettings(workers=1, **settings)).pages[0]
