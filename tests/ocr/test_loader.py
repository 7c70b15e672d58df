"""Loading: format by magic bytes, one page at a time, a typed error for every bad input."""

from __future__ import annotations

import io
import resource
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from ocr.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from ocr.loader import load_pages, sniff
from ocr.settings import OcrSettings

LETTER_300 = (2550, 3300)  # US Letter (612 x 792 pt) at 300 DPI


def _encode(image: Image.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares width x height but carries a few bytes of pixel data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grayscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def govt_png(synth_docs: Path) -> bytes:
    return (synth_docs / "pages" / "govt_quyet_dinh_p1.png").read_bytes()


# ---------------------------------------------------------------- sniff


def test_sniff_names_every_supported_format_from_bytes(govt_png, synth_docs, ocrmypdf_files):
    small = Image.new("RGB", (8, 8), "white")
    assert sniff(govt_png) == "png"
    assert sniff((ocrmypdf_files / "baiona_color.jpg").read_bytes()) == "jpeg"
    assert sniff(_encode(small, "TIFF")) == "tiff"
    assert sniff(_encode(small, "TIFF", compression="tiff_lzw")) == "tiff"
    assert sniff(_encode(small, "BMP")) == "bmp"
    assert sniff(_encode(small, "WEBP")) == "webp"
    assert sniff((synth_docs / "docs" / "govt_quyet_dinh.pdf").read_bytes()) == "pdf"
    # A PDF header after some junk is still a PDF (readers allow 1024 bytes of it).
    assert sniff(b"junk\r\n" + (synth_docs / "docs" / "govt_quyet_dinh.pdf").read_bytes()) == "pdf"


def test_sniff_rejects_empty_and_unknown_bytes(ocrmypdf_files):
    with pytest.raises(EmptyFileError) as empty:
        sniff(b"")
    assert empty.value.code == "empty_file"
    with pytest.raises(UnsupportedFormatError) as text:
        sniff(b"Hello, this is a text file named scan.pdf\n")
    assert text.value.code == "unsupported_format"
    # Real files that are not scans: hOCR, a zip, a BMP-like text starting with "BM".
    with pytest.raises(UnsupportedFormatError):
        sniff((ocrmypdf_files / "latin.hocr").read_bytes())
    with pytest.raises(UnsupportedFormatError):
        sniff(b"BMW service report, 2026\n" * 3)
    with pytest.raises(UnsupportedFormatError):
        sniff(b"PK\x03\x04" + b"\x00" * 40)


# ---------------------------------------------------------------- images


def test_png_loads_as_one_image_page_with_estimated_dpi(govt_png):
    pages = list(load_pages(govt_png))
    assert len(pages) == 1
    page = pages[0]
    assert page.kind == "image" and page.number == 1
    assert (page.width, page.height) == (1700, 2200)
    assert page.image.size == (1700, 2200)
    # The PNG carries no DPI: estimated as if its long side were A4's (the truth is 200).
    assert "dpi_estimated" in page.steps
    assert 170 <= page.dpi <= 210


def test_declared_dpi_is_kept():
    data = _encode(Image.new("L", (850, 1100), 255), "PNG", dpi=(300, 300))
    (page,) = load_pages(data)
    assert page.dpi == 300
    assert "dpi_estimated" not in page.steps


def test_exif_orientation_is_applied_and_recorded():
    image = Image.new("RGB", (300, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to view"
    (page,) = load_pages(_encode(image, "JPEG", exif=exif.tobytes()))
    assert page.image.size == (100, 300)
    assert "exif_transpose:6" in page.steps


def test_multi_frame_tiff_streams_one_page_per_frame(synth_docs):
    first = Image.open(synth_docs / "pages" / "govt_quyet_dinh_p1.png").convert("L")
    second = Image.open(synth_docs / "pages" / "form_xin_nghi_viec_p1.png").convert("L")
    second = second.resize((second.width // 2, second.height // 2))
    data = _encode(
        first, "TIFF", save_all=True, append_images=[second], compression="tiff_lzw", dpi=(200, 200)
    )
    pages = load_pages(data)
    page1 = next(pages)
    assert (page1.number, page1.image.size, page1.dpi) == (1, (1700, 2200), 200)
    page2 = next(pages)
    assert (page2.number, page2.image.size) == (2, (850, 1100))
    # Frames are independent images, not one object re-seeked under the consumer.
    assert page1.image.size == (1700, 2200)
    assert list(pages) == []


def test_truncated_jpeg_is_corrupt_not_padded(ocrmypdf_files):
    data = (ocrmypdf_files / "baiona_color.jpg").read_bytes()
    for cut in (len(data) // 2, len(data) - 2):
        with pytest.raises(CorruptFileError) as info:
            list(load_pages(data[:cut]))
        assert info.value.code == "corrupt_file"
        assert "truncated" in info.value.message


def test_truncated_png_and_garbage_after_magic_are_corrupt(govt_png):
    with pytest.raises(CorruptFileError):
        list(load_pages(govt_png[: len(govt_png) // 2]))
    with pytest.raises(CorruptFileError):
        list(load_pages(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20))
    with pytest.raises(CorruptFileError):
        list(load_pages(b"\xff\xd8\xff\xe0" + b"\x00" * 100))


def test_oversized_image_is_refused_from_its_header():
    # 35000 x 35000 declared, ~100 bytes on disk: refused without decoding.
    with pytest.raises(TooLargeError) as info:
        list(load_pages(_png_header_only(35000, 35000)))
    assert info.value.code == "too_large"
    # Just over a strict limit of ours (far below PIL's own guard) is refused too.
    with pytest.raises(TooLargeError):
        list(load_pages(_png_header_only(1000, 1001), OcrSettings(max_pixels=1_000_000)))
    (ok,) = load_pages(_encode(Image.new("L", (1000, 1000), 255), "PNG"), OcrSettings(max_pixels=1_000_000))
    assert ok.image.size == (1000, 1000)
    # The strict limit did not leak into PIL's process-wide guard.
    big = Image.open(io.BytesIO(_encode(Image.new("L", (2000, 1500), 255), "PNG")))
    big.load()
    assert big.size == (2000, 1500)


# ---------------------------------------------------------------- PDF


def test_image_only_pdf_is_rendered_at_render_dpi(synth_docs):
    data = (synth_docs / "docs" / "govt_quyet_dinh.pdf").read_bytes()
    (page,) = load_pages(data)
    assert page.kind == "image"
    assert page.dpi == 300
    assert page.image.size == LETTER_300
    assert (page.width, page.height) == LETTER_300
    assert page.steps == ("rendered_pdf:300dpi",)
    (page150,) = load_pages(data, OcrSettings(render_dpi=150))
    assert page150.image.size == (1275, 1650)


def test_born_digital_pdf_pages_use_their_text_layer(pdfplumber_pdfs):
    data = (pdfplumber_pdfs / "pdfs" / "scotus-transcript-p1.pdf").read_bytes()
    (page,) = load_pages(data)
    assert page.kind == "text_layer"
    assert page.image is None
    assert (page.width, page.height) == LETTER_300
    # A threshold above the page's character count turns it into a scan.
    (scan,) = load_pages(data, OcrSettings(min_text_layer_chars=10**6))
    assert scan.kind == "image" and scan.image.size == LETTER_300


def test_glyphs_without_unicode_are_not_a_usable_text_layer(ocrmypdf_files):
    # Every glyph of this PDF extracts as "(cid:N)": OCR the rendering instead.
    (page,) = load_pages((ocrmypdf_files / "truetype_font_nomapping.pdf").read_bytes())
    assert page.kind == "image"


def test_mixed_pdf_streams_pages_in_order(ocrmypdf_files):
    data = (ocrmypdf_files / "multipage.pdf").read_bytes()
    kinds = [p.kind for p in load_pages(data, OcrSettings(render_dpi=100))]
    # Page 4's text is an earlier OCR's invisible layer (render mode 3): OCR'd again.
    assert kinds == ["image"] * 6
    pages = list(load_pages(data, OcrSettings(render_dpi=100)))
    assert "text_layer_refused:invisible" in pages[3].steps
    kinds = [p.kind for p in load_pages(data, OcrSettings(render_dpi=100, check_text_layer=False))]
    assert kinds == ["image", "image", "image", "text_layer", "image", "image"]


@pytest.mark.parametrize(
    "name",
    [
        "aes-128.pdf",
        "aes-128-m.pdf",
        "aes-256.pdf",
        "aes-256-m.pdf",
        "aes-256-r6.pdf",
        "rc4-40.pdf",
        "rc4-128.pdf",
    ],
)
def test_password_protected_pdf_is_encrypted_error(pdfminer_samples, name):
    data = (pdfminer_samples / "encryption" / name).read_bytes()
    with pytest.raises(EncryptedPdfError) as info:
        list(load_pages(data))
    assert info.value.code == "encrypted_pdf"


def test_pdfplumber_password_example_is_encrypted_error(pdfplumber_pdfs):
    with pytest.raises(EncryptedPdfError):
        list(load_pages((pdfplumber_pdfs / "pdfs" / "password-example.pdf").read_bytes()))


def test_encrypted_pdf_with_empty_user_password_opens(pdfminer_samples):
    data = (pdfminer_samples / "encryption" / "encrypted_doc_no_id.pdf").read_bytes()
    pages = list(load_pages(data, OcrSettings(render_dpi=72)))
    assert [p.number for p in pages] == [1, 2, 3]


def test_corrupt_and_empty_pdfs(ocrmypdf_files, pdfplumber_pdfs, synth_docs):
    with pytest.raises(CorruptFileError):  # header and %%EOF only
        list(load_pages((ocrmypdf_files / "invalid.pdf").read_bytes()))
    with pytest.raises(EmptyFileError):  # pdfplumber's zero-byte empty.pdf
        list(load_pages((pdfplumber_pdfs / "pdfs" / "empty.pdf").read_bytes()))
    scan = (synth_docs / "docs" / "govt_quyet_dinh.pdf").read_bytes()
    with pytest.raises(CorruptFileError) as info:
        list(load_pages(scan[: len(scan) // 2]))
    assert info.value.code == "corrupt_file"


def test_truncated_pdf_that_pdfium_could_repair_is_still_corrupt(pdfplumber_pdfs):
    data = (pdfplumber_pdfs / "pdfs" / "federal-register-2020-17221.pdf").read_bytes()
    with pytest.raises(CorruptFileError) as info:
        list(load_pages(data[: int(len(data) * 0.9)]))
    assert "truncated" in info.value.message


def test_35000_px_pdf_page_is_too_large_before_rendering(ocrmypdf_files):
    data = (ocrmypdf_files / "hugemono.pdf").read_bytes()  # 8400 pt square = 35000 px
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    with pytest.raises(TooLargeError) as info:
        list(load_pages(data))
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert "35000x35000" in info.value.message
    # Rendering it would take > 1 GiB (1.2 gigapixels); the peak must not have moved much.
    assert grown_mib < 200


def test_errors_surface_lazily_page_by_page(ocrmypdf_files):
    # The stream yields good pages before it reaches a bad one; the error is still typed.
    pages = load_pages(
        (ocrmypdf_files / "multipage.pdf").read_bytes(), OcrSettings(max_pixels=2_000_000, render_dpi=72)
    )
    first = next(pages)
    assert first.number == 1 and first.kind == "image"
    with pytest.raises(TooLargeError) as info:
        list(pages)  # page 2 is 2160 pt square: 4.7 MP at 72 DPI
    assert "page 2" in info.value.message


def test_robustness_corpus_ends_in_pages_or_typed_errors(ocrmypdf_files):
    """Every odd file of OCRmyPDF's test resources loads or fails with an InputError."""
    outcomes = {}
    for path in sorted(ocrmypdf_files.iterdir()):
        try:
            outcomes[path.name] = [p.kind for p in load_pages(path.read_bytes())]
        except InputError as exc:
            outcomes[path.name] = exc.code
    assert outcomes["hugemono.pdf"] == "too_large"
    assert outcomes["invalid.pdf"] == "corrupt_file"
    assert outcomes["linn.txt"] == "unsupported_format"
    assert outcomes["cardinal.pdf"] == ["image"] * 4
    assert outcomes["graph_ocred.pdf"] == ["image"]  # invisible OCR layer: not trusted
    assert outcomes["vector.pdf"] == ["image"]  # text drawn as paths: OCR it
    assert len(outcomes) == len(list(ocrmypdf_files.iterdir()))


def test_fax_at_204_by_98_dpi_is_resampled_to_square_pixels_and_read(text_line_image):
    from ocr.pipeline import read_document

    # Drawn at 204 DPI both ways, then squashed to 98 DPI vertically like a fax machine.
    page = text_line_image("Quyết định số 123 về việc cấp phép", size=(1400, 500), at=(60, 200), font_px=48)
    fax = page.resize((1400, 500 * 98 // 204), Image.BILINEAR).point(lambda v: 255 if v > 150 else 0)
    out = io.BytesIO()
    fax.convert("1").save(out, format="TIFF", compression="group3", dpi=(204, 98))

    [loaded] = list(load_pages(out.getvalue()))
    assert "square_pixels:204x98dpi" in loaded.steps
    assert loaded.dpi == 204
    assert abs(loaded.image.height - 500) <= 1 and loaded.image.width == 1400
    text = read_document(out.getvalue()).text
    assert "Quyết định số 123" in text, text


def test_square_dpi_and_nonsense_dpi_tags_are_left_alone():
    for dpi in [(300, 300), (300, 290), (1, 300)]:
        out = io.BytesIO()
        Image.new("L", (200, 300), 255).save(out, format="PNG", dpi=dpi)
        [loaded] = list(load_pages(out.getvalue()))
        assert not any(step.startswith("square_pixels") for step in loaded.steps), dpi
        assert loaded.image.size == (200, 300)


@pytest.mark.parametrize(("quality", "heavy"), [(10, True), (20, True), (60, False), (90, False)])
def test_heavily_compressed_jpeg_is_marked_deblocked_and_read_by_the_larger_model(
    text_line_image, quality, heavy
):
    from ocr.pipeline import read_document

    page = text_line_image("Quyết định số 789")
    out = io.BytesIO()
    page.save(out, format="JPEG", quality=quality, dpi=(300, 300))
    [loaded] = list(load_pages(out.getvalue()))
    assert ("jpeg_heavy" in loaded.steps) is heavy
    read = read_document(out.getvalue()).pages[0]
    assert any(step.startswith("deblock:") for step in read.steps) is heavy
    assert ("language:vie+Vietnamese" in read.steps) is heavy
    assert "Quyết định số 789" in read.text
