"""Image clean-up before Tesseract, recording each step applied.

For now only what was measured to matter without risk (design.md): any image mode to
8-bit grayscale, transparency flattened onto white (a transparent background is black
once the alpha channel is dropped). In RGB a red title lost every diacritic; in grayscale
it did not. Orientation, deskew, upscaling of low-DPI scans and a median filter come later;
adaptive threshold, Otsu and NLM denoising were measured to hurt.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

_WHITE = (255, 255, 255, 255)


def _to_8bit(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit grayscale (``I;16``, ``I``, ``F``) to ``L``, scaled, not clipped."""
    array = np.asarray(image)
    if image.mode.startswith("I;16"):
        return Image.fromarray((array.astype(np.uint16) >> 8).astype(np.uint8), "L")
    array = array.astype(np.float64)
    low, high = float(array.min()), float(array.max())
    if high > 255 or low < 0:
        span = high - low or 1.0
        array = (array - low) * (255.0 / span)
    return Image.fromarray(np.clip(np.rint(array), 0, 255).astype(np.uint8), "L")


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def preprocess(image: Image.Image | np.ndarray) -> tuple[Image.Image, tuple[str, ...]]:
    """Return an 8-bit grayscale (``L``) image and the names of the steps applied.

    A numpy array is read as grayscale (2-D) or RGB/RGBA (3-D, channels last), not BGR.
    """
    steps: list[str] = []
    if isinstance(image, np.ndarray):
        image = Image.fromarray(image)
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        image = _to_8bit(image)
        steps.append("to_8bit")
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, _WHITE)
        image = Image.alpha_composite(background, rgba)
        steps.append("flatten_alpha")
    if image.mode != "L":
        # ITU-R 601 luma; CMYK goes through RGB without colour management.
        image = image.convert("RGB").convert("L") if image.mode == "CMYK" else image.convert("L")
        steps.append("grayscale")
    return image, tuple(steps)
