"""Imported once by the forkserver of ``flows.isolation`` (never by anything else): reads a
tiny page through the whole pipeline, so that what the OCR path imports or loads on first
use (OpenCV, Tesseract's language list, PDF writing...) is in the forkserver before it forks
each document's child. Without it every child paid ~1-2 s for it (bench_hostile).

Every thread it starts has ended when the import returns, so forking stays safe.
"""

from __future__ import annotations

import contextlib


def _warm() -> None:
    import io

    from PIL import Image, ImageDraw

    from flows.pipeline import process_bytes

    image = Image.new("L", (600, 120), 255)
    ImageDraw.Draw(image).text((20, 40), "Ho so so 12 ngay 05/03/2026", fill=0)
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(300, 300))
    process_bytes(buf.getvalue(), "warm-up.png", searchable_pdf=True)

    from ocr.tones import lexicon

    lexicon()  # the word list (~0.3 s), loaded here even if the tiny page gave no line to correct


# A warm-up that fails only costs the children their first-use time: never the forkserver.
with contextlib.suppress(Exception):
    _warm()
