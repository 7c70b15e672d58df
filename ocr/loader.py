"""Bytes in, pages out, one page at a time.

``sniff`` names the format from the magic bytes (the file name is never trusted);
``load_pages`` yields one :class:`PageInput` per page: a decoded image (an image file, a
TIFF frame, or a PDF page rendered at ``render_dpi``) or a PDF page whose text layer is
usable as it is. Every way a file can be unreadable ends in a typed ``InputError``:

====================================  ==========================
zero bytes                            ``EmptyFileError``
no known signature                    ``UnsupportedFormatError``
truncated / corrupt image or PDF      ``CorruptFileError``
PDF that needs a password             ``EncryptedPdfError``
page over ``max_pixels``              ``TooLargeError`` (checked before decoding)
more pages/frames than ``max_pages``  ``TooLargeError`` (PDF and TIFF alike)
pixels in all over ``max_document_pixels``  ``TooLargeError`` (before the page over it)
PDF stream inflating past ``max_stream_bytes``  ``TooLargeError`` (before PDFium parses)
ZIP, HTML, a polyglot                 ``UnsupportedFormatError`` (judged by content)
====================================  ==========================
"""

from __future__ import annotations

import io
import logging
import re
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from ocr.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    TooLargeError,
    UnsupportedFormatError,
)
from ocr.pdfiumtext import PdfiumTextPage, read_chars
from ocr.settings import OcrSettings
from ocr.textlayer import judge_text_layer, usable_char_count
from ocr.units import pdf_page_pixels, pdf_scale

log = logging.getLogger(__name__)

# PDFium is not thread-safe, not even across documents (pypdfium2's docs): every call into
# it, from any document read in any thread, holds this lock.
PDFIUM_LOCK = threading.RLock()

# A truncated image must fail, never be padded with grey and OCR'd as if whole.
ImageFile.LOAD_TRUNCATED_IMAGES = False

FORMATS = ("jpeg", "png", "tiff", "bmp", "webp", "pdf")
_PIL_FORMAT = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF", "bmp": "BMP", "webp": "WEBP"}
# BITMAPINFOHEADER sizes (core, v1..v5, OS/2): tightens the two-byte "BM" signature.
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
# What PIL raises on bad image data, besides its own DecompressionBombError. A TIFF with a
# tag missing or of the wrong type gives TypeError/KeyError (fuzzing: "Missing dimensions").
_DECODE_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    TypeError,
    KeyError,
)

# An image without a plausible DPI of its own gets one estimated from its size, as if its
# long side were the long side of an A4 page (297 mm). 72/96 DPI are software defaults,
# not scan resolutions, so they count as "no DPI".
_A4_LONG_SIDE_IN = 297 / 25.4
_MIN_DECLARED_DPI = 100
_MAX_DPI = 2400
_MIN_SQUARED_DPI = 50  # a fax's 98 DPI is low but real; below this the tag is nonsense
_MIN_ESTIMATED_DPI = 70


@dataclass(eq=False)
class PageInput:
    """One page ready for recognition.

    Either ``image`` (a fully decoded PIL image, any mode) or ``text_page`` (a
    ``ocr.pdfiumtext.PdfiumTextPage``, a page with a usable text layer) is set. ``width``/``height`` are pixels at
    ``dpi``. A ``text_page`` is valid only until the next page is requested from the
    generator (its document is closed when the generator ends).
    """

    number: int  # 1-based
    width: int
    height: int
    dpi: int
    image: Image.Image | None = None
    text_page: Any = None
    # What the loader did to get here ("exif_transpose", "dpi_estimated", "rendered_pdf"...)
    steps: tuple[str, ...] = ()

    @property
    def kind(self) -> Literal["image", "text_layer"]:
        return "text_layer" if self.text_page is not None else "image"


# Formats that are never a scan, though one may carry one inside (a ZIP's stored member
# can be a whole PDF whose header falls within the first 1024 bytes).
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_FOREIGN_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive",
    b"PK\x05\x06": "a ZIP archive",
    b"PK\x07\x08": "a ZIP archive",
    b"MZ": "a Windows executable",
    b"\x7fELF": "an ELF executable",
    b"#!": "a script",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\x1f\x8b": "a gzip file",
    b"\xd0\xcf\x11\xe0": "an OLE (old Office) file",
}
_MARKUP = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml)\b", re.IGNORECASE)


def _foreign(head: bytes) -> str | None:
    """What ``head`` (a file's first bytes, or the junk before a PDF header) is, when it is
    something no scan starts with: an archive, an executable, HTML/XML/SVG markup."""
    for signature, what in _FOREIGN_SIGNATURES.items():
        if head.startswith(signature):
            return what
    if _MARKUP.search(head[:1024]):
        return "an HTML/XML document"
    return None


def _appended_zip(data: bytes) -> bool:
    """A ZIP's end-of-central-directory record ends the file (a scan with an archive glued
    to its end: a polyglot). Its comment length must reach exactly to the end of the file,
    so 4 chance bytes inside compressed data do not count."""
    tail = data[-(65535 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return False
    comment = int.from_bytes(tail[at + 20 : at + 22], "little")
    return at + 22 + comment == len(tail)


def sniff(data: bytes) -> str:
    """Name the format of ``data`` from its content: one of :data:`FORMATS`.

    Raises ``EmptyFileError`` for zero bytes and ``UnsupportedFormatError`` when no known
    signature matches, or the file is (also) something else: a ZIP (even one whose stored
    member is a PDF), HTML, or a polyglot (a scan with an archive appended, a PDF header
    after markup). Whatever the file is called.
    """
    if not data:
        raise EmptyFileError("the file is empty (0 bytes)")
    foreign = _foreign(data[:1024].lstrip())
    if foreign:
        raise UnsupportedFormatError(f"not a scan: the file is {foreign} (judged by its content)")
    fmt = _sniff_signature(data)
    if b"%PDF-" in data[:1024] and fmt != "pdf":
        raise UnsupportedFormatError(f"a polyglot: a {fmt.upper()} file that also holds a PDF header")
    if _appended_zip(data):
        raise UnsupportedFormatError(f"a polyglot: a {fmt.upper()} file with a ZIP archive appended")
    return fmt


def _sniff_signature(data: bytes) -> str:
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # TIFF, BigTIFF
        return "tiff"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:2] == b"BM" and len(data) >= 18 and int.from_bytes(data[14:18], "little") in _BMP_HEADER_SIZES:
        return "bmp"
    # Readers accept a PDF header anywhere in the first 1024 bytes (junk before it is common;
    # junk that is another format makes a polyglot, refused by ``sniff``).
    at = data.find(b"%PDF-", 0, 1024)
    if at >= 0:
        foreign = _foreign(data[:at]) if at else None
        if foreign:
            raise UnsupportedFormatError(f"a polyglot: {foreign} with a PDF header inside")
        return "pdf"
    if not data.strip():
        raise EmptyFileError(f"the file holds only whitespace ({len(data)} bytes)")
    raise UnsupportedFormatError(
        "not a supported scan: no JPEG, PNG, TIFF, BMP, WebP or PDF signature "
        f"in the first bytes ({len(data)} bytes)"
    )


def load_pages(data: bytes, settings: OcrSettings = OcrSettings()) -> Iterator[PageInput]:
    """Yield the pages of ``data`` one at a time (format from :func:`sniff`).

    Errors are raised when the offending page is reached, so a consumer may already have
    received earlier pages; ``ocr.pipeline.read_document`` treats the document as a whole.
    """
    fmt = sniff(data)
    if fmt == "pdf":
        yield from _pdf_pages(data, settings)
    else:
        yield from _image_pages(data, fmt, settings)


# ---------------------------------------------------------------- images


def _check_pixels(width: int, height: int, settings: OcrSettings, what: str) -> None:
    if width * height > settings.max_pixels:
        raise TooLargeError(
            f"{what} is {width}x{height} = {width * height:,} pixels, over the limit of "
            f"{settings.max_pixels:,}"
        )


class _PixelBudget:
    """The pixels decoded or rendered in one document so far, against ``max_document_pixels``:
    checked before each page is decoded, so a document over it costs no more than the limit."""

    def __init__(self, settings: OcrSettings):
        self.limit, self.spent = settings.max_document_pixels, 0

    def spend(self, width: int, height: int, what: str) -> None:
        self.spent += width * height
        if self.spent > self.limit:
            raise TooLargeError(
                f"{what} brings the document to {self.spent:,} pixels, over the limit of "
                f"{self.limit:,} per document (max_document_pixels)"
            )


def _image_dpi(image: Image.Image) -> tuple[int, bool]:
    """(dpi, estimated): the image's own horizontal DPI if plausible, else an estimate."""
    declared = image.info.get("dpi")
    try:
        dpi = round(float(declared[0])) if declared else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    if _MIN_DECLARED_DPI <= dpi <= _MAX_DPI:
        return dpi, False
    estimate = round(max(image.size) / _A4_LONG_SIDE_IN)
    return max(_MIN_ESTIMATED_DPI, min(_MAX_DPI, estimate)), True


# Horizontal and vertical resolutions this far apart are a fax's (204 x 98 DPI) or a
# scanner's draft mode: the glyphs are squashed, and Tesseract read such a fax at 18.5 % CER.
_ANISOTROPY = 0.1
_RESAMPLABLE_MODES = ("L", "LA", "RGB", "RGBA", "CMYK", "I", "F")


def _square_pixels(
    image: Image.Image, settings: OcrSettings, label: str
) -> tuple[Image.Image, int, str] | None:
    """(image resampled to square pixels, its DPI, step) when the declared X and Y DPI
    differ, else None. The lower axis is brought up to the higher one."""
    try:
        x, y = (float(v) for v in image.info["dpi"][:2])
    except (KeyError, TypeError, ValueError):
        return None
    if not (min(x, y) >= _MIN_SQUARED_DPI and max(x, y) <= _MAX_DPI):
        return None
    if abs(x - y) < _ANISOTROPY * max(x, y):
        return None
    w, h = image.size
    size = (w, round(h * x / y)) if x > y else (round(w * y / x), h)
    _check_pixels(*size, settings, f"{label} at square pixels")
    if image.mode == "1":  # resampled as grey, which also smooths the squashed steps
        image = image.convert("L")
    elif image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode not in _RESAMPLABLE_MODES:
        return None
    resized = image.resize(size, Image.Resampling.BICUBIC)
    return resized, round(max(x, y)), f"square_pixels:{x:g}x{y:g}dpi"


# Mean of the JPEG's luminance quantization table above which it counts as heavily
# compressed (libjpeg quality <~ 25: q20 -> 141, q10 -> 196; q60 -> ~46).
_HEAVY_JPEG_QUANT = 120.0


def _heavily_compressed(image: Image.Image) -> bool:
    tables = getattr(image, "quantization", None) or {}
    table = tables.get(0)
    if not table:
        return False
    return sum(table) / len(table) >= _HEAVY_JPEG_QUANT


def _image_pages(data: bytes, fmt: str, settings: OcrSettings) -> Iterator[PageInput]:
    # PIL's own bomb guard (a process-wide setting, checked from the header at open time)
    # warns above MAX_IMAGE_PIXELS and raises above twice that; we raise above max_pixels
    # ourselves, also before decoding. The global is only ever raised to our limit, never
    # lowered, so a strict setting in one call does not leak into other callers of PIL.
    if Image.MAX_IMAGE_PIXELS is not None and settings.max_pixels > Image.MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = settings.max_pixels
    what = fmt.upper()
    try:
        image = Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[fmt]])
    except Image.DecompressionBombError as exc:
        raise TooLargeError(f"{what} image is too large: {exc}") from None
    except _DECODE_ERRORS as exc:
        raise CorruptFileError(f"{what} header cannot be read: {exc}") from None

    try:  # counting TIFF frames walks every directory: a corrupt one fails here
        frames = getattr(image, "n_frames", 1) if fmt == "tiff" else 1
    except _DECODE_ERRORS as exc:
        raise CorruptFileError(f"{what} frame list cannot be read: {exc}") from None
    if frames > settings.max_pages:
        raise TooLargeError(
            f"the {what} has {frames} frames; the limit is {settings.max_pages} pages (max_pages)"
        )
    budget = _PixelBudget(settings)
    for index in range(frames):
        number = index + 1
        label = f"{what} frame {number}" if frames > 1 else f"{what} image"
        try:
            if index:
                image.seek(index)
            _check_pixels(*image.size, settings, label)
            budget.spend(*image.size, label)
            image.load()  # full decode: a truncated or corrupt file fails here
            page_image = image.copy() if frames > 1 else image
        except TooLargeError:
            raise
        except Image.DecompressionBombError as exc:
            raise TooLargeError(f"{label} is too large: {exc}") from None
        except _DECODE_ERRORS as exc:
            raise CorruptFileError(f"{label} cannot be decoded: {exc}") from None

        steps: list[str] = []
        dpi, estimated = _image_dpi(page_image)
        if estimated:
            steps.append("dpi_estimated")
        if fmt == "jpeg" and _heavily_compressed(page_image):
            steps.append("jpeg_heavy")
        squared = _square_pixels(page_image, settings, label)
        if squared is not None:
            page_image, dpi, step = squared
            steps.append(step)
        try:  # the pixels decoded; a corrupt EXIF block only loses the orientation hint
            orientation = page_image.getexif().get(0x0112, 1)  # EXIF/TIFF Orientation tag
            if orientation in range(2, 9):
                page_image = ImageOps.exif_transpose(page_image)
                steps.append(f"exif_transpose:{orientation}")
        except _DECODE_ERRORS:
            steps.append("exif_unreadable")
        yield PageInput(
            number=number,
            width=page_image.width,
            height=page_image.height,
            dpi=dpi,
            image=page_image,
            steps=tuple(steps),
        )


# ---------------------------------------------------------------- PDF


def _open_pdfium(data: bytes) -> pdfium.PdfDocument:
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError("the PDF is encrypted and needs a password to open") from None
        raise CorruptFileError(f"the PDF cannot be parsed: {exc}") from None


def _text_layer_page(
    index: int, settings: OcrSettings, pdfium_page: pdfium.PdfPage, width_pt: float, height_pt: float
) -> tuple[Any, str]:
    """(the page's text layer if usable else None, why it was refused).

    The characters come from PDFium (``ocr.pdfiumtext``), which has parsed the page anyway:
    pdfplumber's pure-Python parse cost ~0.1 s a dense page, 75 % of the text-layer path.
    """
    try:
        with PDFIUM_LOCK:
            textpage = pdfium_page.get_textpage()
            try:
                # A scan has no characters, and then nothing more is read.
                if textpage.count_chars() < settings.min_text_layer_chars:
                    return None, ""
                page = PdfiumTextPage(
                    read_chars(pdfium_page.raw, textpage.raw, width_pt, height_pt), width_pt, height_pt
                )
            finally:
                textpage.close()
        if usable_char_count(page) < settings.min_text_layer_chars:
            return None, ""
        if not settings.check_text_layer:
            return page, ""
        if page.invisible_share > 0.5:
            # Somebody's earlier OCR: ours is measured, theirs is not.
            return None, "invisible"
        verdict = judge_text_layer(page)
        if verdict:
            return None, verdict
        return page, ""
    except Exception as exc:  # a broken content stream: fall back to OCR of the rendering
        log.info("page %d: text layer unreadable: %s: %s", index + 1, type(exc).__name__, exc)
    return None, "unreadable"


_REOPEN_EVERY_PAGES = 25


_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_STEP = 1 << 20  # output bytes per zlib call: the scan holds at most this much


def check_pdf_streams(data: bytes, limit: int) -> None:
    """Refuse a PDF with a Flate stream that inflates past ``limit`` bytes, before PDFium
    parses it (PDFium inflates a content stream whole: a 3 MB file took 4.3 GB).

    Every stream is inflated once, in 1 MiB steps that are counted and dropped, so the scan
    itself costs no memory. Streams are found by their keyword (a stream is never inside an
    object stream); one that is not Flate (JPEG, CCITT, encrypted) fails at its first bytes
    and is skipped. A bomb behind another filter first is left to the per-document
    memory limit of ``flows.isolation``.
    """
    view = memoryview(data)
    for match in _STREAM_START.finditer(data):
        inflater, size, pos = zlib.decompressobj(), 0, match.end()
        pending: bytes | memoryview = view[pos : pos + _INFLATE_STEP]
        try:
            while pending:
                size += len(inflater.decompress(pending, _INFLATE_STEP))
                if size > limit:
                    raise TooLargeError(
                        f"a PDF stream at byte {match.start():,} inflates to more than {limit:,} bytes "
                        f"(max_stream_bytes); the file has {len(data):,}"
                    )
                if inflater.eof:
                    break
                if inflater.unconsumed_tail:
                    pending = inflater.unconsumed_tail
                else:
                    pos += len(pending)
                    pending = view[pos : pos + _INFLATE_STEP]
        except zlib.error:
            continue  # not Flate, or damaged: PDFium judges it


def _pdf_pages(data: bytes, settings: OcrSettings) -> Iterator[PageInput]:
    # PDFium rebuilds the cross-reference table of a cut file and renders what is left,
    # so a truncated upload would pass as a document with blank pages. Acrobat's rule: the
    # end-of-file marker must be within the last 1024 bytes.
    if b"%%EOF" not in data[-1024:]:
        raise CorruptFileError("the PDF is truncated: no %%EOF marker at its end")
    check_pdf_streams(data, settings.max_stream_bytes)
    budget = _PixelBudget(settings)
    pdf = _open_pdfium(data)
    try:
        try:
            with PDFIUM_LOCK:
                page_count = len(pdf)
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(f"the PDF page tree cannot be read: {exc}") from None
        if page_count == 0:
            raise CorruptFileError("the PDF has no pages")
        if page_count > settings.max_pages:
            raise TooLargeError(
                f"the PDF has {page_count} pages; the limit is {settings.max_pages} (max_pages)"
            )
        dpi = settings.render_dpi
        scale = pdf_scale(dpi)
        for index in range(page_count):
            number = index + 1
            if index and index % _REOPEN_EVERY_PAGES == 0:
                # PDFium keeps every parsed object of a document until it is closed: on a
                # 200-page scan that was ~0.6 MB a page, 120 MB by the end (bench_ocr rss).
                with PDFIUM_LOCK:
                    pdf.close()
                pdf = _open_pdfium(data)
            try:
                with PDFIUM_LOCK:
                    page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(f"PDF page {number} cannot be loaded: {exc}") from None
            try:
                with PDFIUM_LOCK:
                    width_pt, height_pt = page.get_size()
                width, height = pdf_page_pixels(width_pt, height_pt, dpi)
                if width < 1 or height < 1:
                    raise CorruptFileError(f"PDF page {number} has no area ({width_pt:g}x{height_pt:g} pt)")
                text_page, refused = _text_layer_page(index, settings, page, width_pt, height_pt)
                if text_page is not None:
                    yield PageInput(number, width, height, dpi, text_page=text_page)
                    continue
                _check_pixels(width, height, settings, f"PDF page {number} at {dpi} DPI")
                budget.spend(width, height, f"PDF page {number} at {dpi} DPI")
                with PDFIUM_LOCK:
                    try:
                        bitmap = page.render(scale=scale, may_draw_forms=True)
                    except pdfium.PdfiumError as exc:
                        raise CorruptFileError(f"PDF page {number} cannot be rendered: {exc}") from None
                    try:
                        image = bitmap.to_pil()
                        if image.mode in ("RGBA", "RGBX", "L"):  # shares the bitmap's buffer
                            image = image.copy()
                    finally:
                        bitmap.close()
            finally:
                with PDFIUM_LOCK:
                    page.close()
            steps: tuple[str, ...] = (f"rendered_pdf:{dpi}dpi",)
            if refused:
                steps += (f"text_layer_refused:{refused}",)
            yield PageInput(number, image.width, image.height, dpi, image=image, steps=steps)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
