"""Bytes in, ``Document`` out: the OCR path as one chain of plain functions.

    sniff -> load pages one by one -> per page:
        usable PDF text layer -> read_text_layer                   (in the caller's thread)
        otherwise             -> prepare (gray, orientation, deskew, DPI) -> Tesseract
                                 (``workers`` pages at once, each in its own Tesseract process)
    -> Document [+ searchable PDF]

Pages stream: at most ``workers + 1`` decoded images are alive at a time, so a 500-page
PDF never sits in memory whole. Raises only ``InputError`` subclasses (the file is
unreadable: quarantine it with ``exc.code``) or ``OcrEngineError`` (Tesseract itself is
missing or broken: retry later). Thread-safe: several documents may be read at once.
No network, database or Prefect here: values in, values out.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image

from ocr.boxes import read_boxed_numbers
from ocr.card import crop_card
from ocr.digits import reread_numbers
from ocr.ellipsis import restore_ellipses
from ocr.engines import line_readers
from ocr.flatten import flatten_page
from ocr.handwriting import read_fill_ins
from ocr.layout import arrange
from ocr.loader import PDFIUM_LOCK, PageInput, load_pages, sniff
from ocr.preprocess import prepare, preprocess, rotate_gray
from ocr.result import Document, Page
from ocr.settings import OcrSettings
from ocr.signature import reread_signature_lines
from ocr.stamps import (
    Stamp,
    find_grey_ink_stamps,
    find_grey_stamps,
    find_red_stamps,
    read_stamps,
    remove_grey_stamps,
    remove_red_stamps,
    stamp_ink_image,
    take_stamp_words,
)
from ocr.tables import drop_rule_marks, find_tables, reread_cells
from ocr.tesseract import _reading_score, language_or_fallback, recognize_page
from ocr.textlayer import read_text_layer

# The reread must be surer by this much to be kept. Read twice, clean pages and forms
# came out ~0.001 surer on average by the larger model, and a tie kept 9 of 12 clean pages'
# rereads (CER 0.03 -> 0.07 %); with 0.02 none of them, while 29 of 30 hard crops still were.
_REREAD_MARGIN = 0.02


def _prepare_and_recognize(
    page: PageInput,
    settings: OcrSettings,
    pdf: bool,
    orientation: bool,
    sharpen: bool = False,
    language: str | None = None,
) -> tuple[Page, bytes | None, Image.Image]:
    """Prepare and read ``page``; in ``language`` (step ``language:...``) if one is given and
    differs from ``settings.language``. Also the image as read (the page's pixels)."""
    assert page.image is not None  # _ocr_page đã loại trang không có ảnh
    image, dpi, quarter, skew, steps = prepare(
        page.image,
        page.dpi,
        orientation=orientation,
        deskew=settings.deskew,
        upscale_below_dpi=settings.upscale_below_dpi,
        median=settings.median,
        max_pixels=settings.max_pixels,
        deblock="jpeg_heavy" in page.steps,
        sharpen=sharpen,
        erase_leaders=settings.erase_leaders,
    )
    if language and language != settings.language:
        settings = replace(settings, language=language)
        steps += (f"language:{language}",)
    read, page_pdf = recognize_page(
        image,
        dpi,
        settings,
        number=page.number,
        steps=page.steps + steps,
        rotation=quarter,
        skew=skew,
        pdf=pdf,
    )
    if "flip:180" in read.steps:
        image = image.rotate(180)
    return read, page_pdf, image


def _empty_page_pdf(width: int, height: int, dpi: int) -> bytes:
    """A one-page PDF with nothing on it, the size of a page of ``width`` x ``height`` pixels."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument.new()
        try:
            document.new_page(width * 72 / dpi, height * 72 / dpi)
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue()
        finally:
            document.close()


def _blank(image: Image.Image) -> bool:
    """No ink at all (an empty PDF page, a white scan): nothing for Tesseract to read."""
    if image.mode in ("RGB", "RGBA"):
        # Each channel's extremes first: a page with print spans far more than 8 in some
        # channel, and converting a colour page to grey only to learn that cost a page copy.
        bands = image.getextrema()
        if max(hi - lo for lo, hi in bands[:3]) >= 24:  # type: ignore[misc]
            return False
    low, high = image.convert("L").getextrema()
    # Ảnh một kênh cho (thấp, cao); stub của PIL không biết số kênh, còn cho cả một cặp mỗi kênh.
    return high - low < 8  # type: ignore[operator]


def _after_reading(
    read: Page,
    image: Image.Image,
    settings: OcrSettings,
    removed: tuple[Image.Image, list[Stamp]] | None = None,
    unstamped: Callable[[], np.ndarray | None] | None = None,
) -> Page:
    """Ellipses told from full stops (ocr/ellipsis.py), stamps out of the text (ocr/stamps.py), layout (ocr/layout.py), then the header's
    hand-written number and day read by a second engine (ocr/handwriting.py), on the
    reading kept. ``removed``: the stamps taken off the page before reading, and their ink
    (dark, grey, at the page's size as it came), from which their own text is read;
    ``unstamped``: the page as read but with those stamps left on (made only when needed)."""
    # one grey array of the page for the steps below (the image as read is grey already)
    gray = np.asarray(image if image.mode == "L" else image.convert("L"))
    if settings.ellipses:
        read = restore_ellipses(read, gray)
    if settings.stamps:
        read = take_stamp_words(read, find_grey_stamps(gray, read.dpi))
        if removed is not None and read.rotation == 0:
            ink, stamps = removed
            scale = image.width / ink.width
            # What is left of a seal cleared (print-dark specks of it) reads as unsure debris
            # inside its ring: the seal's, as on a grey page (a box's words are the print's).
            rings = [
                Stamp(
                    (
                        int(s.bbox[0] * scale),
                        int(s.bbox[1] * scale),
                        int(s.bbox[2] * scale),
                        int(s.bbox[3] * scale),
                    ),
                    "ring",
                )
                for s in stamps
                if s.shape == "ring"
            ]
            read = take_stamp_words(read, rings, record=False, cleared=True)
            read = read_stamps(read, ink, stamps, scale, settings)
    if settings.layout:
        # Ruled tables read cell by cell, without the "|" Tesseract makes of their rules.
        tables = find_tables(gray, read.dpi) if settings.tables else ()
        read = reread_cells(drop_rule_marks(read, tables), gray, tables, settings)
        read = arrange(read, tables)
        if settings.signature_lines:
            read = reread_signature_lines(read, gray, settings, unstamped)
    if settings.boxed_numbers:
        read = read_boxed_numbers(
            read,
            gray,
            settings.tesseract_cmd,
            settings.second_engine_model_dir or None,
            settings.ppocr_model_path or None,
            settings.ppocr6_model_path or None,
        )
    if settings.reread_numbers:
        read = reread_numbers(
            read,
            gray,
            line_readers(
                settings.second_engine_model_dir or None,
                settings.ppocr_model_path or None,
                settings.ppocr6_model_path or None,
            ),
        )
    if settings.fill_ins and any(b.kind in ("number", "place_date") for b in read.blocks):
        read = read_fill_ins(
            read,
            gray,
            settings.second_engine_model_dir or None,
            settings.ppocr_model_path or None,
            required=settings.second_engine_required,
            ppocr6_model=settings.ppocr6_model_path or None,
        )
    return read


def _limit_opencv(threads: int) -> None:
    import cv2

    if threads and cv2.getNumThreads() != threads:
        cv2.setNumThreads(threads)


def _ocr_page(page: PageInput, settings: OcrSettings, pdf: bool) -> tuple[Page, bytes | None]:
    _limit_opencv(settings.opencv_threads)
    # a card photographed on a table: the card alone, flat, its smear undone (ocr/card.py)
    page = crop_card(page, settings.card_unsmear, settings.card_even)
    if settings.flatten_photos:
        page = flatten_page(page)  # a sheet photographed on a table: flat, upright (ocr/flatten.py)
    if page.image is None:
        raise ValueError(f"page {page.number} has neither an image nor a text layer")
    if _blank(page.image):
        # Skipping Tesseract here is what keeps a PDF of thousands of empty pages cheap, in the
        # searchable-PDF path too: an empty page of the same size stands in for Tesseract's.
        return Page(
            page.number, page.width, page.height, page.dpi, "ocr", steps=(*page.steps, "blank_page")
        ), (_empty_page_pdf(page.width, page.height, page.dpi) if pdf else None)
    removed = None
    source = page.image
    if settings.stamps and page.image.mode == "RGB":
        stamps, mask = find_red_stamps(page.image, page.dpi)
        if mask is not None:  # chỉ có mặt nạ khi tìm thấy dấu đỏ
            # Red seals and arrival stamps out before the page goes grey: the print under
            # them then reads as if they were not there (their text is read apart, from the
            # green channel, where red ink is dark).
            removed = (Image.fromarray(np.ascontiguousarray(np.asarray(page.image)[..., 1]), "L"), stamps)
            page = replace(
                page,
                image=remove_red_stamps(page.image, mask),
                steps=(*page.steps, f"stamps_red:{len(stamps)}"),
            )
    elif settings.stamps and source.mode == "L":
        stamps, mask = find_grey_ink_stamps(np.asarray(source), page.dpi)
        if mask is not None:
            # A stamp scanned grey (lighter than the print) found by its ring or box in its
            # own ink, and that ink cleared before reading, as for a red one.
            removed = (stamp_ink_image(source, mask), stamps)
            page = replace(
                page,
                image=remove_grey_stamps(source, mask),
                steps=(*page.steps, f"stamps_grey:{len(stamps)}"),
            )
    orientation = settings.orientation
    larger_model = language_or_fallback(settings.reread_language, settings)
    # A heavily compressed JPEG has lost the fine detail of the tone marks, which the larger
    # model tells apart better (bench jpeg10_100dpi: vie 1.26 %, vie+Vietnamese 0.96 %, raw
    # 2.42 %); it reads ~40 % slower, paid only on such pages.
    language = larger_model if "jpeg_heavy" in page.steps else None
    result = _prepare_and_recognize(page, settings, pdf, orientation, language=language)
    first = result[0]
    if first.rotation % 180 and (
        "sideways_unsure" in first.steps or first.confidence < settings.flip_below_confidence
    ):
        # Turned sideways by a weak profile margin, or read poorly both ways up: columns of
        # aligned short lines can fool the profile, so read it as it came, keep the better.
        upright = _prepare_and_recognize(page, settings, pdf, False, language=language)
        if _reading_score(upright[0].blocks) >= _reading_score(first.blocks):
            result, orientation = upright, False
    read = result[0]
    if read.blocks and read.confidence < settings.deblur_below_confidence and "flip:180" not in read.steps:
        # Read poorly: perhaps blurred or bled ink. Read it again with the blur undone, by
        # the larger model, and keep that reading only if Tesseract is clearly surer of it
        # (a sharp page stays as it was). Its orientation is settled by the first reading,
        # so no flip test again (a page found upside down is not reread).
        sharpened = _prepare_and_recognize(
            page, replace(settings, orientation=False), pdf, orientation, sharpen=True, language=larger_model
        )
        if sharpened[0].confidence > read.confidence + _REREAD_MARGIN:
            result = sharpened

    def unstamped() -> np.ndarray | None:
        # The page as read, its stamps left on: clearing a seal's ring clears the strokes of
        # the words it crosses too, which a line read alone reads through (ocr/signature.py).
        read, image = result[0], result[2]
        if removed is None or read.rotation:
            return None
        gray, _ = preprocess(source)
        if read.skew:
            gray = rotate_gray(gray, read.skew)
        if gray.size != image.size:
            gray = gray.resize(image.size, Image.Resampling.BICUBIC)
        return np.asarray(gray)

    return _after_reading(result[0], result[2], settings, removed, unstamped), result[1]


def read_page(page: PageInput, settings: OcrSettings = OcrSettings()) -> Page:
    """Recognize one loaded page: its text layer if it has one, else OCR of its image."""
    if page.kind == "text_layer":
        result = read_text_layer(page.text_page, page.number, page.dpi)
        return replace(result, steps=page.steps + result.steps)
    return _ocr_page(page, settings, pdf=False)[0]


def _read(data: bytes, settings: OcrSettings, pdf_dir: str | None) -> Document:
    """Every page of ``data``; with ``pdf_dir``, each OCR'd page's PDF as ``<n>.pdf`` there."""
    workers = settings.workers or os.cpu_count() or 1
    pages: dict[int, Page] = {}
    inflight: set[Future] = set()

    def collect(done: set[Future]) -> None:
        for future in done:
            page, page_pdf = future.result()  # re-raises a page's typed error
            pages[page.number] = page
            if pdf_dir is not None and page_pdf is not None:
                Path(pdf_dir, f"{page.number}.pdf").write_bytes(page_pdf)

    with ThreadPoolExecutor(workers, thread_name_prefix="sohoa-ocr") as pool:
        try:
            for page in load_pages(data, settings):
                if page.kind == "text_layer":
                    pages[page.number] = read_page(page, settings)
                    continue
                inflight.add(pool.submit(_ocr_page, page, settings, pdf_dir is not None))
                del page  # the future holds the image until it is done
                while len(inflight) >= workers:
                    done, inflight = wait(inflight, return_when=FIRST_COMPLETED)
                    collect(done)
            done, inflight = wait(inflight)
            collect(done)
        except BaseException:
            for future in inflight:
                future.cancel()
            raise
    return Document(pages=tuple(pages[n] for n in sorted(pages)))


def read_document(data: bytes, settings: OcrSettings = OcrSettings()) -> Document:
    """Read every page of a scan or PDF given as bytes (format sniffed, name ignored)."""
    return _read(bytes(data), settings, None)


def read_path(path: str | os.PathLike[str], settings: OcrSettings = OcrSettings()) -> Document:
    """:func:`read_document` on a file's bytes."""
    return read_document(Path(path).read_bytes(), settings)


def _merge_pdf(data: bytes, document: Document, pdf_dir: str) -> bytes:
    """One PDF: each OCR'd page as Tesseract drew it (image + invisible text), each text-layer
    page copied from the original PDF as it is."""
    import pypdfium2 as pdfium

    merged = os.path.join(pdf_dir, "merged.pdf")
    with PDFIUM_LOCK:
        out = pdfium.PdfDocument.new()
        source = pdfium.PdfDocument(data) if sniff(data) == "pdf" else None
        try:
            for page in document.pages:
                if page.source == "text_layer" and source is not None:
                    out.import_pages(source, [page.number - 1])
                    continue
                part = pdfium.PdfDocument(os.path.join(pdf_dir, f"{page.number}.pdf"))
                try:
                    out.import_pages(part)
                finally:
                    part.close()
            # Saved to a file and read back once the document is closed: a BytesIO and its
            # getvalue() would hold the whole PDF twice beside PDFium's own copy.
            out.save(merged)
        finally:
            if source is not None:
                source.close()
            out.close()
    return Path(merged).read_bytes()


def read_document_with_pdf(data: bytes, settings: OcrSettings = OcrSettings()) -> tuple[Document, bytes]:
    """:func:`read_document` and the document's searchable PDF, in one OCR pass.

    The PDF has one page per page of the input: OCR'd pages show the image Tesseract read
    (grayscale, turned upright and deskewed) with invisible text over each word, drawn by
    Tesseract's own PDF renderer in the same run as its TSV; pages that had a usable text
    layer are copied from the original PDF unchanged.
    """
    data = bytes(data)
    pdf_dir = tempfile.mkdtemp(prefix="sohoa-pdf-")
    try:
        document = _read(data, settings, pdf_dir)
        return document, _merge_pdf(data, document, pdf_dir)
    finally:
        shutil.rmtree(pdf_dir, ignore_errors=True)


def searchable_pdf(
    data: bytes, document: Document | None = None, settings: OcrSettings = OcrSettings()
) -> bytes:
    """The searchable PDF of ``data``. It is drawn during OCR, so this reads the document
    again; a caller that wants both should call :func:`read_document_with_pdf` once
    (``document`` is accepted for the issue's signature and otherwise unused)."""
    return read_document_with_pdf(data, settings)[1]
