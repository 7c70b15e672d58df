"""Settings of the OCR path, with named defaults measured on these machines (design.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OcrSettings:
    # Tesseract language. ``vie`` alone: ``vie+eng`` strips diacritics 4x more often.
    language: str = "vie"
    # Page segmentation mode. 1 = automatic segmentation with orientation and script
    # detection (OSD); 3 = the same without OSD. Checked here on the vi_synth govt pages:
    # psm 1 gives word-for-word the same text as psm 3 on upright pages and reads pages
    # turned 90/180 deg (psm 3: garbage), with boxes still in the input image's pixels;
    # it costs ~0.2 s more per page (0.9 s vs 0.7 s). 6 merges columns and table cells.
    psm: int = 1
    # DPI at which PDF pages without a usable text layer are rendered; also the pixel unit
    # of text-layer bounding boxes, so both kinds of page share one coordinate system.
    render_dpi: int = 300
    # Largest page we decode or render (width * height at the working DPI). Checked from
    # the header / page size before any pixel is allocated.
    max_pixels: int = 120_000_000
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
    # The Tesseract executable (name on PATH or absolute path).
    tesseract_cmd: str = "tesseract"

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
        if self.page_timeout_s <= 0:
            raise ValueError("page_timeout_s must be positive")
        if self.min_text_layer_chars < 0:
            raise ValueError("min_text_layer_chars must be >= 0")
        if self.tesseract_threads < 0:
            raise ValueError("tesseract_threads must be >= 0")
