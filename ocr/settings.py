"""Settings of the OCR path, with named defaults measured on these machines (design.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OcrSettings:
    # Tesseract language. ``vie`` alone: ``vie+eng`` strips diacritics 4x more often.
    language: str = "vie"
    # Page segmentation mode. 3 = automatic segmentation without OSD. psm 1 (with OSD)
    # reads the same text on upright pages but costs ~0.25 s more per page (1.04 vs 0.80 s
    # at 300 DPI); orientation is found more cheaply by ``orientation`` below. 6 merges
    # columns and table cells.
    psm: int = 3
    # DPI at which PDF pages without a usable text layer are rendered; also the pixel unit
    # of text-layer bounding boxes, so both kinds of page share one coordinate system.
    render_dpi: int = 300
    # Largest page we decode or render (width * height at the working DPI). Checked from
    # the header / page size before any pixel is allocated.
    max_pixels: int = 120_000_000
    # Most pages one document may have; a PDF with more is refused (``TooLargeError``) before
    # any page is parsed. Dossiers run to hundreds of pages, not thousands.
    max_pages: int = 2000
    # One set of limits for every format (PDF, TIFF, images), checked before the work: the
    # pixels rendered or decoded in one document in all (10^10: ~1,150 A4 pages at 300 DPI,
    # hours of OCR), and the bytes one compressed PDF stream may inflate to (a 3 MB "deflate
    # bomb" inflates to 3 GiB; PDFium would hold it whole). A file over a limit is refused
    # as ``TooLargeError`` naming the limit.
    max_document_pixels: int = 10_000_000_000
    max_stream_bytes: int = 256 * 1024 * 1024
    # Wall-clock limit of one Tesseract run on one page; past it the page (and so the
    # document) is reported as ``OcrTimeoutError``.
    page_timeout_s: float = 120.0
    # A PDF page with fewer usable characters than this in its text layer is treated as a
    # scan and OCR'd.
    min_text_layer_chars: int = 20
    # OpenMP threads per Tesseract process (``OMP_THREAD_LIMIT``). 1 thread with one process
    # per core was 4.3x faster than Tesseract's default threading on 2 cores. 0 leaves the
    # environment alone.
    tesseract_threads: int = 1
    # Tesseract 5 reads a line again inverted (white on black) when its confidence is low
    # (``tessedit_do_invert``). On clean 300-DPI pages those re-reads were 15 % of the time
    # and changed no character (bench_ocr); white-on-black text is rare in dossiers. True
    # restores Tesseract's default.
    invert_text_lines: bool = False
    # OpenCV's own threads per call (``cv2.setNumThreads``, process-wide). Pages already run
    # one per core (``workers`` here, one process per core in a deployment), so OpenCV's
    # threads on top of them only add switching: clean 300-DPI pages, sohoa's own CPU per
    # page 0.39 -> 0.36 s (bench real throughput). 0 leaves OpenCV's default.
    opencv_threads: int = 1
    # The Tesseract executable (name on PATH or absolute path).
    tesseract_cmd: str = "tesseract"
    # Pages recognized at once per document (threads, each driving one Tesseract process;
    # the Tesseract processes of all documents are capped at one per core). 0 = one per core.
    workers: int = 0
    # Sideways pages (text lines vertical) are turned by a projection profile (~0.1 s);
    # upside-down ones are read again turned when the first reading's mean confidence is
    # below ``flip_below_confidence`` (upright ~0.95, upside down ~0.45 here).
    orientation: bool = True
    flip_below_confidence: float = 0.75
    # A page whose mean word confidence is below this is read again with its blur undone
    # (ocr/preprocess.py ``deblur``) in ``reread_language``, and that reading is kept if it
    # is surer by 0.02 (ocr/pipeline.py ``_REREAD_MARGIN``); 0 turns the reread off. Heavily compressed JPEG pages are read in ``reread_language`` from
    # the start. ``Vietnamese`` is Debian's script model (tesseract-ocr-script-viet), ~40 %
    # slower than ``vie``; where it is not installed, ``language`` is used instead.
    deblur_below_confidence: float = 0.85
    reread_language: str = "vie+Vietnamese"
    # A phone photo of a whole sheet on a table (turned, in mild perspective) warped flat and
    # upright before anything else reads it (ocr/flatten.py): keystone left the header's two
    # columns converging, and Tesseract interleaved their characters. Page step
    # ``flatten:quad:<tilt>``; scans and rendered pages are left as they are.
    flatten_photos: bool = True
    # A card photographed by a moving hand (every stroke smeared along one line) is
    # deconvolved before it is cut out (ocr/deblur.py, page step ``unsmear:<px>@<deg>``); the
    # smear's length and direction are read from the photo's cepstrum, so a sharp or a
    # Gaussian-blurred card is left as it is.
    card_unsmear: bool = True
    # The lightness of a card cut out of a photo evened out tile by tile (CLAHE, ocr/card.py;
    # page step ``card_even``): print washed out by a glare spot or faded by blur regains its
    # contrast. Not on a deconvolved card, whose ringing it would raise.
    card_even: bool = True
    # Skew of 2-5 deg cost ~20 % of the words (design.md); removed when >= 0.2 deg.
    deskew: bool = True
    # Dotted leaders of forms ("Họ, chữ đệm, tên: Cao Chí Nhân ……") erased before
    # Tesseract, which read them as letters and garbled the label and value beside them
    # (ocr/preprocess.py ``erase_dotted_leaders``; issue 14, blind dotted forms). Page step
    # ``erase_leaders:<dots>``.
    erase_leaders: bool = True
    # Pages below this DPI whose glyphs are tiny (< 10 px) are upscaled 2x (cubic). Only
    # then: on 12-px glyphs (150 DPI pages, line crops) upscaling raised CER (bench_ocr).
    upscale_below_dpi: int = 250
    # 3x3 median filter on noisy pages only (ocr/preprocess.py): noisy pages 1.04 % ->
    # 0.03 % CER, but on clean and 150-DPI pages it eroded strokes (bench_ocr).
    median: bool = True
    # Digit look-alikes inside dates and numbers (``17I06/2021``), see ocr/postcorrect.py.
    postcorrect: bool = True
    # Tone marks put back where a dictionary word says so (``thâm quyền`` -> ``thẩm quyền``,
    # ocr/tones.py); the word's engine gets ``+tones``, the page the step ``tones:<words>``.
    # Real agency pages (bench real, clean 200 DPI): 361 words fixed for 17 broken.
    tones: bool = True
    # "…" told from "..." by the spacing of the dots on the page (ocr/ellipsis.py): Tesseract
    # reads every ellipsis as three full stops. The word's engine gets ``+ellipsis``, the page
    # the step ``ellipsis:<words>``.
    ellipses: bool = True
    # Regroup and reorder the blocks of an OCR'd page as a person reads an administrative
    # document (ocr/layout.py): header columns apart, number and date apart, footer columns.
    layout: bool = True
    # Ruled tables found by their rules and read cell by cell, row by row (ocr/tables.py),
    # the rules' "|" marks dropped and cells read poorly read again alone; steps
    # ``layout:table``, ``table_rules:<words>``, ``table_cells:<cells>``. Needs ``layout``.
    tables: bool = True
    # A signature block read broken (a seal's ring across its words) read again line by line,
    # each line alone (ocr/signature.py); step ``signature_lines:<n>``. Needs ``layout``.
    signature_lines: bool = True
    # Stamps and seals kept out of the page text and recorded as ``stamp`` blocks and
    # ``stamp:...`` steps (ocr/stamps.py); red ones removed before the page goes grey.
    stamps: bool = True
    # The header's number and day (often hand-written) read again by the second engine,
    # trueocr's line recognizer (ocr/handwriting.py): kept with a high confidence where both
    # engines agree, a low one (< 0.5: review) where they do not.
    fill_ins: bool = True
    # Numbers written one character a printed cell (a form's ID in boxes) read cell by cell
    # by all engines (ocr/boxes.py), their words in place of Tesseract's; step ``boxes:<n>``.
    boxed_numbers: bool = True
    # A number of six digits or more Tesseract read unsure (< 0.9) read again by trueocr and
    # PP-OCR v4/v6, their reading in its place when all three agree (ocr/digits.py); step
    # ``digits:<n>``.
    reread_numbers: bool = True
    # The folder of trueocr's models (rec.onnx, meta.json); empty = those in the wheel.
    second_engine_model_dir: str = ""
    # The third engine's model, PP-OCRv4's line recognizer (ocr/engines/ppocr.py); empty =
    # the ONNX file inside the rapidocr-onnxruntime wheel.
    ppocr_model_path: str = ""
    # The fourth opinion, PP-OCRv6's small line recognizer, asked only on the values the three
    # engines leave unsure (its value, never sure, in their place); empty = the ONNX file
    # inside the rapidocr wheel. Page steps ``fill_ins_second:<n>``, ``ppocr6_unavailable``.
    ppocr6_model_path: str = ""
    # A model of the other engines that cannot be loaded: True raises ``ModelLoadError`` (an
    # ``OcrEngineError``: the document is retried later); False votes without it and records
    # the page step ``trueocr_unavailable`` / ``ppocr_unavailable``.
    second_engine_required: bool = False
    # Tesseract reads a page of more DPI than this from a copy reduced to it (the boxes given
    # back in the page's pixels; the searchable PDF's image is that copy); 0 reads every page
    # as it is. Its lines are scaled to one height anyway, so more pixels only cost time: 13
    # real pages at 300 DPI, Tesseract's CPU at 300 / 250 / 200 DPI 1.54 / 1.39 / 1.31 s a
    # page, page CER 4.39 / 4.39 / 4.24 %. An image whose DPI was estimated is read as it is.
    tesseract_max_dpi: int = 250
    # Reject text layers that are invisible, legacy-encoded (TCVN3/VNI) or stripped of
    # their diacritics, and OCR those pages instead (ocr/textlayer.py ``judge_text_layer``).
    check_text_layer: bool = True

    def __post_init__(self) -> None:
        if not self.language or any(c.isspace() for c in self.language):
            raise ValueError(f"language must be a Tesseract language code, got {self.language!r}")
        if not 0 <= self.psm <= 13:
            raise ValueError(f"psm must be 0..13, got {self.psm}")
        if self.psm in (0, 2):
            raise ValueError(f"psm {self.psm} does no recognition")
        if not 50 <= self.render_dpi <= 1200:
            raise ValueError(f"render_dpi must be 50..1200, got {self.render_dpi}")
        if self.max_pixels <= 0:
            raise ValueError("max_pixels must be positive")
        if self.max_document_pixels < self.max_pixels:
            raise ValueError("max_document_pixels must be >= max_pixels")
        if self.max_stream_bytes <= 0:
            raise ValueError("max_stream_bytes must be positive")
        if self.page_timeout_s <= 0:
            raise ValueError("page_timeout_s must be positive")
        if self.min_text_layer_chars < 0:
            raise ValueError("min_text_layer_chars must be >= 0")
        if self.workers < 0:
            raise ValueError("workers must be >= 0")
        if not 0 <= self.flip_below_confidence <= 1:
            raise ValueError("flip_below_confidence must be in [0, 1]")
        if not 0 <= self.deblur_below_confidence <= 1:
            raise ValueError("deblur_below_confidence must be in [0, 1]")
        if not self.reread_language or any(c.isspace() for c in self.reread_language):
            raise ValueError(
                f"reread_language must be a Tesseract language code, got {self.reread_language!r}"
            )
        if self.tesseract_max_dpi and not 100 <= self.tesseract_max_dpi <= 1200:
            raise ValueError(f"tesseract_max_dpi must be 0 or 100..1200, got {self.tesseract_max_dpi}")
        if self.tesseract_threads < 0:
            raise ValueError("tesseract_threads must be >= 0")
        if self.opencv_threads < 0:
            raise ValueError("opencv_threads must be >= 0")
