"""A short fuzz run of the page loader and the text-layer reader (hypothesis).

Seeds are tiny files made here (PNG, JPEG with EXIF, 2-frame TIFF, a PDF with a text layer,
an image-only PDF); hypothesis mutates their bytes (truncation, bit flips, overwritten and
inserted runs, a header of one format spliced onto the body of another). Every input must
either give pages or raise one of the loader's typed ``InputError``s: never another
exception. Hangs are kept out by the loader's own limits (``max_pixels``, ``max_pages``,
a low ``render_dpi``), not by timing. Derandomized: the same inputs in CI every run.
"""

from __future__ import annotations

import io
import warnings
from contextlib import suppress

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from ocr.errors import CorruptFileError, InputError
from ocr.loader import load_pages
from ocr.settings import OcrSettings
from ocr.textlayer import read_text_layer

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LIMITS = OcrSettings(render_dpi=50, max_pixels=4_000_000, max_pages=8, min_text_layer_chars=5)


def _image(fmt: str, **params) -> bytes:
    img = Image.new("RGB", (24, 16), "white")
    for x in range(4, 20):
        img.putpixel((x, 8), (0, 0, 0))
    out = io.BytesIO()
    img.save(out, format=fmt, **params)
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    img = Image.new("L", (24, 16), 255)
    exif = img.getexif()
    exif[0x0112] = 6  # Orientation: rotate 90
    exif[0x0131] = "sohoa fuzz seed"
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes(), dpi=(300, 300))
    return out.getvalue()


def _tiff_two_frames() -> bytes:
    a = Image.new("L", (24, 16), 255)
    b = Image.new("1", (16, 24), 1)
    out = io.BytesIO()
    a.save(out, format="TIFF", save_all=True, append_images=[b], dpi=(200, 200), compression="tiff_lzw")
    return out.getvalue()


def _text_pdf() -> bytes:
    """A one-page PDF whose text layer pdfplumber reads (hand-built, exact xref)."""
    text = b"BT /F1 12 Tf 20 100 Td (So: 12/QD-UBND ngay 05 thang 3 nam 2024) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 150] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


SEEDS = {
    "png": _image("PNG", dpi=(300, 300)),
    "jpeg": _jpeg_with_exif(),
    "tiff": _tiff_two_frames(),
    "pdf_text": _text_pdf(),
    "pdf_image": _image("PDF", resolution=72.0),
}
HEADERS = {
    "png": b"\x89PNG\r\n\x1a\n",
    "jpeg": b"\xff\xd8\xff\xe0",
    "tiff_le": b"II*\x00",
    "tiff_be": b"MM\x00*",
    "bigtiff": b"II+\x00",
    "pdf": b"%PDF-1.7\n",
    "bmp": b"BM" + b"\x00" * 12 + (40).to_bytes(4, "little"),
    "webp": b"RIFF\x00\x00\x00\x00WEBP",
}


def consume(data: bytes) -> int:
    """Everything a reader of the document does with its pages; the number of pages read."""
    count = 0
    for page in load_pages(data, LIMITS):
        if page.text_page is not None:
            read_text_layer(page.text_page, page.number, page.dpi)
        else:
            assert page.image is not None and page.image.size == (page.width, page.height)
        count += 1
    return count


def check(data: bytes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PIL/pdfminer warn on odd files; only exceptions count
        with suppress(InputError):
            consume(data)


@st.composite
def mutated(draw, seed_names=tuple(SEEDS)) -> bytes:
    data = bytearray(SEEDS[draw(st.sampled_from(seed_names))])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["truncate", "flip", "overwrite", "insert", "splice", "duplicate"]))
        n = len(data)
        if n == 0:
            break
        pos = draw(st.integers(0, n - 1))
        if op == "truncate":
            del data[pos:]
        elif op == "flip":
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=8))
            data[pos : pos + len(chunk)] = chunk
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "splice":
            data = bytearray(HEADERS[draw(st.sampled_from(sorted(HEADERS)))]) + data[pos:]
        else:
            end = draw(st.integers(pos, n))
            data[end:end] = data[pos:end]
    return bytes(data)


def test_seeds_load() -> None:
    for name, data in SEEDS.items():
        assert consume(data) == (2 if name == "tiff" else 1), name
    pages = list(load_pages(SEEDS["pdf_text"], LIMITS))
    assert pages[0].kind == "text_layer"


@pytest.mark.timeout(600)
@FUZZ
@given(data=mutated(("png", "jpeg", "tiff")))
def test_mutated_images_give_pages_or_a_typed_error(data: bytes) -> None:
    check(data)


@pytest.mark.timeout(600)
@FUZZ
@given(data=mutated(("pdf_text", "pdf_image")))
def test_mutated_pdfs_give_pages_or_a_typed_error(data: bytes) -> None:
    check(data)


@pytest.mark.timeout(300)
@settings(max_examples=100, deadline=None, derandomize=True)
@given(header=st.sampled_from(sorted(HEADERS)), tail=st.binary(max_size=256))
def test_known_header_on_random_bytes(header: str, tail: bytes) -> None:
    check(HEADERS[header] + tail)


# ---------------------------------------------------------------- regressions found by the fuzz run


def _without_width_in_second_frame(tiff: bytes) -> bytes:
    entry = b"\x00\x01\x03\x00\x01\x00\x00\x00"  # ImageWidth, SHORT, count 1 (little-endian)
    at = tiff.rindex(entry)
    assert at > tiff.index(entry)  # the second frame's directory
    return tiff[:at] + b"\x00\x28" + tiff[at + 2 :]  # now an unknown tag: no width


def test_tiff_frame_without_dimensions_is_a_corrupt_file() -> None:
    """Regression (bug: TIFF frame count crash): counting the frames of a TIFF whose second
    directory lacks ImageWidth raised PIL's TypeError("Missing dimensions") out of the
    loader instead of CorruptFileError."""
    with pytest.raises(CorruptFileError):
        consume(_without_width_in_second_frame(SEEDS["tiff"]))


def test_jpeg_with_corrupt_exif_still_loads() -> None:
    """Regression (bug: corrupt EXIF crash): a JPEG whose EXIF block is damaged raised
    SyntaxError from ``getexif()`` after its pixels had decoded; the page now loads without
    the orientation hint."""
    data = SEEDS["jpeg"].replace(b"Exif\x00\x00MM\x00*", b"Exif\x00\x00M\r\x00*", 1)
    (page,) = list(load_pages(data, LIMITS))
    assert page.image is not None and "exif_unreadable" in page.steps
