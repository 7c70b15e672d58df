"""PDF points to pixels, in one place, so rendered pages and text-layer boxes agree."""

from __future__ import annotations

import math

# PDFium sizes a rendering as ceil(points * scale). 792 pt * 300/72 is 3300.0000000000005
# in floating point, which would make a US Letter page 3301 px tall; shaving the scale by
# a part per billion gives the exact 3300 and changes nothing else.
_SHAVE = 1 - 1e-9


def pdf_scale(dpi: float) -> float:
    """Pixels per PDF point at ``dpi`` (the ``scale`` passed to PDFium's renderer)."""
    return dpi / 72 * _SHAVE


def pdf_page_pixels(width_pt: float, height_pt: float, dpi: float) -> tuple[int, int]:
    """Size in pixels of a page rendered at ``dpi``, exactly as PDFium will make it."""
    scale = pdf_scale(dpi)
    return math.ceil(width_pt * scale), math.ceil(height_pt * scale)
