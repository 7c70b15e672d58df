"""Reading order of drawn administrative pages (issue 13's page-CER bar): each test draws a page
with one layout the real documents have (fictional text) and reads it through the real
pipeline (Tesseract included), then checks the order a person reads it in."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ocr.pipeline import read_document
from ocr.result import Page
from ocr.settings import OcrSettings
from tests.ocr.drawn import BODY, DPI, SERIF, SERIF_BOLD, font


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(DPI, DPI))
    return buf.getvalue()


def _read(image: Image.Image) -> Page:
    return read_document(_png(image), OcrSettings(workers=1)).pages[0]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _header(draw: ImageDraw.ImageDraw) -> None:
    regular, bold = font(SERIF, 34), font(SERIF_BOLD, 34)
    draw.text((150, 150), "BỘ VĂN HÓA SỐ", font=bold, fill="black")
    draw.text((760, 150), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", font=bold, fill="black")
    draw.text((870, 200), "Độc lập - Tự do - Hạnh phúc", font=bold, fill="black")
    draw.text((150, 300), "Số:", font=regular, fill="black")
    draw.text((330, 300), "/TTr-BVHS", font=regular, fill="black")
    draw.text((820, 300), "Hà Nội, ngày      tháng      năm 2025", font=regular, fill="black")


def test_a_printed_draft_frame_is_print_not_an_arrival_stamp() -> None:
    # A draft's "DỰ THẢO" mark, framed, under the number where an arrival stamp would be:
    # its words stay in the page text and no stamp is recorded for it.
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    _header(draw)
    draw.rectangle((170, 380, 470, 470), outline=0, width=3)
    draw.text((200, 402), "DỰ THẢO", font=font(SERIF_BOLD, 38), fill=0)
    draw.text((700, 420), "TỜ TRÌNH", font=font(SERIF_BOLD, 34), fill=0)
    for i, line in enumerate(BODY):
        draw.text((150, 560 + 70 * i), line, font=font(SERIF, 34), fill=0)
    read = _read(page)
    assert "DỰ THẢO" in read.text, read.text
    assert not any(s.startswith("stamp:box:") for s in read.steps), read.steps
    assert not read.stamps
