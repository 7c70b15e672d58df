"""Issue 17.1, 17.7, 17.12: one set of limits for every format, judged before the work, and
files judged by their content (ZIP, HTML, polyglots refused)."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from ocr.errors import TooLargeError, UnsupportedFormatError
from ocr.loader import check_pdf_streams, load_pages, sniff
from ocr.settings import OcrSettings
from tests.hostile_files import deflate_bomb_pdf, many_empty_pages_pdf


def _png(size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, 255).save(buf, "PNG")
    return buf.getvalue()


def _tiff(frames: int, size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    first, *rest = [Image.new("L", size, 255) for _ in range(frames)]
    first.save(buf, "TIFF", save_all=True, append_images=rest)
    return buf.getvalue()


def test_a_zip_whose_stored_member_is_a_pdf_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("a.pdf", many_empty_pages_pdf(1))
    data = buf.getvalue()
    assert b"%PDF-" in data[:1024]  # the old sniff took it for a PDF
    with pytest.raises(UnsupportedFormatError, match="ZIP"):
        sniff(data)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>%PDF-1.4 hello</body></html>",
        b"  <html><script>alert(1)</script>",
        b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
    ],
)
def test_html_and_markup_are_refused_even_with_a_pdf_header_inside(data):
    with pytest.raises(UnsupportedFormatError, match="HTML/XML"):
        sniff(data)


def test_polyglots_are_refused():
    with pytest.raises(UnsupportedFormatError, match="polyglot"):  # a scan with an archive glued on
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("x.txt", "payload")
        sniff(_png() + buf.getvalue())
    with pytest.raises(UnsupportedFormatError, match="polyglot"):  # a PDF header in a JPEG
        sniff(b"\xff\xd8\xff\xe0" + b"\x00" * 20 + b"%PDF-1.7" + b"\x00" * 100)
    assert sniff(b"junk before the header\n" + many_empty_pages_pdf(1)) == "pdf"  # junk is tolerated
    assert sniff(_png()) == "png"


def test_tiff_frames_count_against_max_pages_like_pdf_pages():
    settings = OcrSettings(max_pages=3)
    with pytest.raises(TooLargeError, match="4 frames; the limit is 3 pages"):
        next(load_pages(_tiff(4), settings))
    with pytest.raises(TooLargeError, match="4 pages; the limit is 3"):
        next(load_pages(many_empty_pages_pdf(4), settings))
    assert len(list(load_pages(_tiff(3), settings))) == 3


@pytest.mark.parametrize("kind", ["tiff", "pdf"])
def test_pixels_per_document_are_bounded_in_every_format(kind):
    # 3 pages of 1200 pixels each (TIFF) / of an A4 page at 50 DPI (PDF), limit: 2.5 pages.
    if kind == "tiff":
        data, page = _tiff(3), 40 * 30
        settings = OcrSettings(max_pixels=page, max_document_pixels=int(page * 2.5))
    else:
        data, page = many_empty_pages_pdf(3), 414 * 585
        settings = OcrSettings(render_dpi=50, max_pixels=page, max_document_pixels=int(page * 2.5))
    pages = load_pages(data, settings)
    next(pages), next(pages)
    with pytest.raises(TooLargeError, match="max_document_pixels"):
        next(pages)


def test_a_deflate_bomb_is_refused_before_pdfium_inflates_it():
    bomb = deflate_bomb_pdf(64 << 20)  # 64 MiB of content in a ~64 kB file
    assert len(bomb) < 200_000
    with pytest.raises(TooLargeError, match="max_stream_bytes"):
        next(load_pages(bomb, OcrSettings(max_stream_bytes=16 << 20)))
    check_pdf_streams(bomb, 64 << 20)  # at the limit: accepted
