"""Image clean-up before Tesseract, recording each step applied.

``preprocess``: any image mode to 8-bit grayscale, transparency flattened onto white (a
transparent background is black once the alpha channel is dropped). In RGB a red title
lost every diacritic; in grayscale it did not.

``prepare`` (what the pipeline runs): ``preprocess``, then sideways pages turned and skew
removed (one projection-profile search, ~0.04 s), tiny glyphs upscaled, the dotted leaders
of forms erased (``erase_dotted_leaders``; not inside a stamp's frame), a 3x3 median on
noisy pages only. Each step was kept only where bench/bench_ocr.py showed it helps; adaptive
threshold, Otsu and NLM denoising were measured to hurt (design.md), and the median and
upscaling hurt clean, 150-DPI and line-crop images, hence their conditions.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from ocr.components import label_components

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


# Mean |R - B| and |G - B| over the page below which it counts as colourless (grey text
# on grey paper with per-channel noise); a red title or a coloured stamp is far above.
_COLOURLESS_CHROMA = 8.0


def _colourless(rgb: Image.Image) -> bool:
    # Every 4th pixel is plenty; sampled by PIL, as numpy would copy the whole page first.
    sample = rgb.resize((max(1, rgb.width // 4), max(1, rgb.height // 4)), Image.Resampling.NEAREST)
    array = np.asarray(sample).astype(np.int16)
    if array.size == 0:
        return False
    chroma = (np.abs(array[..., 0] - array[..., 2]).mean() + np.abs(array[..., 1] - array[..., 2]).mean()) / 2
    return float(chroma) < _COLOURLESS_CHROMA


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
        # ITU-R 601 luma; CMYK goes through RGB without colour management. A colourless
        # scan stored as RGB gets the plain mean of its channels instead: their noise is
        # independent, and the mean cancels more of it than luma's weights (line crops with
        # colour noise: 572 -> 510 character errors, raw Tesseract on the RGB file 524).
        rgb = image.convert("RGB") if image.mode in ("CMYK", "P", "RGBX", "YCbCr") else image
        if rgb.mode == "RGB" and _colourless(rgb):
            # PIL's matrix conversion rounds like (r + g + b + 1) // 3 and allocates only
            # the result; the numpy sum it replaced held ~200 MB per A4 page at 300 DPI.
            image = rgb.convert("L", matrix=(1 / 3, 1 / 3, 1 / 3, 0))
        else:
            image = rgb.convert("L")
        steps.append("grayscale")
    return image, tuple(steps)


# ---------------------------------------------------------------- geometry and scale
#
# Measured on these machines (design.md, bench/bench_ocr.py): a page skewed 2-5 deg loses
# ~20 % of its words in Tesseract, one turned 90/180 deg nearly all. Adaptive threshold,
# Otsu and NLM denoising hurt, so none of them reach Tesseract.

_WHITE_L = 255
# Angle estimation works on a copy this wide: ~100 DPI on A4, plenty for line profiles.
_ANALYSIS_WIDTH = 800
_MAX_GLYPH = 27  # px at the analysis width: bigger components are rules, frames, pictures
_SKEW_RANGE = 8.0  # degrees searched each way
# A sideways page scores ~8x its upright reading here, an upright one ~0.1x; columns of
# short aligned lines can make a real upright page score closer, hence a wide margin.
_SIDEWAYS_RATIO = 2.5
_SURELY_SIDEWAYS = 6.0
# Mean change of a 3x3 median filter above which the page counts as noisy (see prepare).
_NOISE_FOR_MEDIAN = 6.0
# Median height of a glyph (connected ink component) below which a page is upscaled, and
# the height it is upscaled towards: 10-pt text is ~30 px tall at 300 DPI, ~13 at 150 DPI
# (where Tesseract did as well without upscaling), ~10 at 100 DPI. Measured in bench_ocr:
# below 13 px (was 10), 100/120-DPI pages 0.97/1.16 -> 0.05/0.04 % CER; towards 16 px (was
# 20, a 2x upscale at 100 DPI), JPEG q10 at 100 DPI 1.44 -> 1.08 % on 8 pages, others equal.
_SMALL_GLYPH_PX = 13
_TARGET_GLYPH_PX = 16
# A single-line crop is upscaled only below this: its glyphs of 10-12 px are mostly noisy
# crops, where upscaling the noise tripled the errors (lines_noisy 0.70 -> 1.84 %).
_SMALL_GLYPH_PX_LINE = 10
_DEBLOCK_SIGMA = 0.8
# Blur undone on a page that read poorly (see deblur): sigma in pixels of the prepared image
# and Richardson-Lucy iterations. lines_hard (bled, blurred 16-20 px text), psm 7, 30 lines:
# 30.3 % CER as it is; sigma 1.25/1.5/1.75 x 5-16 iterations all gave 20.4-22.1 %, 8 at 1.5
# the least; 30 iterations or sigma >= 2 ring and get worse.
_DEBLUR_SIGMA = 1.5
_DEBLUR_ITERATIONS = 8
_DEBLUR_BAND_ROWS = 512
_MIN_SKEW = 0.2  # below this a rotation costs more (resampling blur) than it gains


def _small_ink(gray: np.ndarray) -> np.ndarray:
    """A downscaled ink mask (float32, 1 = ink) for angle estimation only."""
    import cv2

    h, w = gray.shape
    scale = min(1.0, _ANALYSIS_WIDTH / max(h, w))
    small = cv2.resize(
        gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    # Otsu only to find ink for the profile (never fed to Tesseract, where it hurt).
    _t, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # Glyph-sized components only: the rules and frames of a form would make the sideways
    # profile as spiky as the text lines' one.
    _n, labels, stats = label_components(ink)
    small_enough = (stats[:, cv2.CC_STAT_WIDTH] <= _MAX_GLYPH) & (stats[:, cv2.CC_STAT_HEIGHT] <= _MAX_GLYPH)
    small_enough[0] = False  # the background
    return small_enough[labels].astype(np.float32)


def _rotate_array(array: np.ndarray, angle: float, border: float) -> np.ndarray:
    """Rotate counter-clockwise by ``angle`` degrees about the centre, canvas enlarged."""
    import cv2

    h, w = array.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    nw, nh = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    matrix[0, 2] += nw / 2 - w / 2
    matrix[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(
        array, matrix, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=border
    )


def _profile_scores(ink: np.ndarray, angles: np.ndarray) -> np.ndarray:
    """Spikiness of the row profile of ``ink`` turned by each angle (degrees, ccw).

    Text lines parallel to the x axis make row sums spiky (high sum of squared
    differences). Small turns are taken as shears of the ink pixels' coordinates, binned
    with ``bincount``: ~1 ms per angle instead of a warp of the image.
    """
    ys, xs = np.nonzero(ink)
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32) - ink.shape[1] / 2
    pad = int(ink.shape[1] * 0.15) + 2  # tan(8 deg) * half width, with room
    scores = np.empty(len(angles))
    for i, angle in enumerate(angles):
        # Turning the page ccw by ``angle`` moves a point at x by -x*tan(angle) in y (y down).
        rows = np.rint(ys - xs * np.tan(np.radians(angle))).astype(np.int64) + pad
        profile = np.bincount(rows, minlength=ink.shape[0] + 2 * pad).astype(np.float64)
        scores[i] = np.square(np.diff(profile)).sum()
    return scores


def _best_angle(ink: np.ndarray, fine: bool = True) -> tuple[float, float]:
    """(angle, score) maximizing the row profile, coarse 1 deg then fine 0.1 deg."""
    coarse = np.arange(-_SKEW_RANGE, _SKEW_RANGE + 0.01, 1.0)
    scores = _profile_scores(ink, coarse)
    best = float(coarse[int(np.argmax(scores))])
    if not fine:
        return best, float(scores.max())
    fine_angles = np.arange(best - 0.7, best + 0.71, 0.1)
    fine_scores = _profile_scores(ink, fine_angles)
    i = int(np.argmax(fine_scores))
    return float(fine_angles[i]), float(fine_scores[i])


def estimate_geometry(gray: np.ndarray) -> tuple[int, float]:
    """(quarter turn, skew): rotate by ``quarter`` (0 or 90, counter-clockwise) and then by
    ``skew`` degrees to make text lines horizontal. Upright and upside-down are the same
    here (Tesseract's confidence tells them apart, see ``ocr.tesseract``). ``-90`` means
    "probably sideways": turn by 90, but also read it unturned and keep the better."""
    ink = _small_ink(gray)
    if ink.sum() < 50:  # blank page: nothing to align
        return 0, 0.0
    # Coarse scores decide the axis (the ratio is ~8 or ~0.1); only the winner is refined.
    upright = _best_angle(ink, fine=False)
    turned = np.ascontiguousarray(np.rot90(ink))
    sideways = _best_angle(turned, fine=False)
    if sideways[1] > upright[1] * _SIDEWAYS_RATIO:
        sideways = _best_angle(turned)
    else:
        upright = _best_angle(ink)
    if sideways[1] > upright[1] * _SIDEWAYS_RATIO:
        if sideways[1] < upright[1] * _SURELY_SIDEWAYS:
            return -90, round(sideways[0], 1)  # sideways, but let Tesseract confirm
        return 90, round(sideways[0], 1)
    return 0, round(upright[0], 1)


_SINGLE_LINE_MAX_PX = 400  # only images this short can be a single line (cheap test first)
_SINGLE_LINE_GLYPHS = 3.5  # at most this many glyph heights tall: one line with margins
_ONE_LINE_SPREAD = 1.5  # glyph centres within this many glyph heights: one line (2-98 %)


def _single_line(gray: np.ndarray) -> bool:
    """An image of one text line: its glyphs' centres all lie within ~one glyph height.

    (Counting the image's height in glyph heights missed noisy crops with wide margins,
    which were then deskewed by a spurious 1.5-2 deg and upscaled: lines_noisy CER 3x.)
    """
    if gray.ndim != 2 or gray.shape[0] > _SINGLE_LINE_MAX_PX or gray.shape[0] >= gray.shape[1]:
        return False
    tops, heights = _glyph_boxes(gray)
    if len(heights) < 5:
        return False
    height = float(np.median(heights))
    centres = tops + heights / 2
    low, high = np.percentile(centres, (2, 98))
    return gray.shape[0] <= _SINGLE_LINE_GLYPHS * height or high - low <= _ONE_LINE_SPREAD * height


def _glyph_boxes(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(tops, heights) in pixels of the glyph-sized ink components."""
    import cv2

    _t, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _n, _labels, stats = label_components(ink)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    areas = stats[1:, cv2.CC_STAT_AREA]
    # Not specks (noise, diacritics, dots), not rules or frames.
    keep = (heights >= 7) & (areas >= 25) & (heights <= 200) & (widths <= 4 * heights)
    return stats[1:, cv2.CC_STAT_TOP][keep].astype(np.float64), heights[keep].astype(np.float64)


def glyph_height(gray: np.ndarray) -> float:
    """Median height in pixels of glyph-sized ink components (0 if fewer than 5)."""
    heights = _glyph_boxes(gray)[1]
    return float(np.median(heights)) if len(heights) >= 5 else 0.0


def rotate_gray(image: Image.Image, angle: float) -> Image.Image:
    """Rotate an ``L`` image counter-clockwise, exact for quarter turns, white fill."""
    quarter = {
        90: Image.Transpose.ROTATE_90,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_270,
    }
    if angle % 360 == 0:
        return image
    if angle % 360 in quarter:
        return image.transpose(quarter[int(angle % 360)])
    return Image.fromarray(_rotate_array(np.asarray(image), angle, _WHITE_L), "L")


# Uneven lighting (a phone photo's shadow, a curled page): when the paper's brightness
# varies by more than this across the page, it is divided out. Tesseract's global Otsu
# threshold otherwise drops the text in the shadow (bench_ocr phone_shadow: raw 8-40 % CER).
_UNEVEN_BACKGROUND = 40.0
_BACKGROUND_WIDTH = 300  # px: the background is estimated on a copy this wide


def _flatten_background(gray: np.ndarray) -> np.ndarray | None:
    """The page divided by its estimated paper brightness, or None if the light is even."""
    import cv2

    h, w = gray.shape
    if min(h, w) < 200:
        return None
    scale = min(1.0, _BACKGROUND_WIDTH / max(h, w))
    small = cv2.resize(
        gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    # Grey-level closing with a kernel wider than any glyph removes the ink; what is left
    # is the paper. A median then smooths it.
    size = max(3, round(small.shape[1] / 25) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    paper = cv2.medianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), 5)
    low, high = np.percentile(paper, (2, 98))
    if high - low < _UNEVEN_BACKGROUND:
        return None
    paper = cv2.GaussianBlur(paper.astype(np.float32), (0, 0), size / 2)
    paper = np.clip(np.rint(paper), 1, 255).astype(np.uint8)
    # 8-bit at full size: float copies of an A4 page at 300 DPI cost 35 MB each.
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(np.ascontiguousarray(gray), paper, scale=255.0)


def _richardson_lucy(gray: np.ndarray, sigma: float, iterations: int) -> np.ndarray:
    import cv2

    ink = 1.0 - cv2.medianBlur(gray, 3).astype(np.float32) / 255.0
    estimate = ink + 1e-3
    for _ in range(iterations):
        blurred = cv2.GaussianBlur(estimate, (0, 0), sigma) + 1e-6
        estimate *= cv2.GaussianBlur(ink / blurred, (0, 0), sigma)
    return np.rint(255.0 * (1.0 - np.clip(estimate, 0.0, 1.0))).astype(np.uint8)


def deblur(
    gray: np.ndarray, sigma: float = _DEBLUR_SIGMA, iterations: int = _DEBLUR_ITERATIONS
) -> np.ndarray:
    """Ink that bled or went out of focus, sharpened again: speckles removed (3x3 median,
    else deconvolution grows each into a blot), then Richardson-Lucy deconvolution of a
    Gaussian blur of ``sigma`` px, with ink as the signal and paper as zero.

    Written here, ten lines on OpenCV's separable Gaussian, rather than taken from
    scikit-image: that would add it and SciPy (~100 MB) for one FFT-based loop, slower on a
    whole page than OpenCV's blur. Done in bands of rows with overlapping margins, so a
    large page costs a few float bands, not four float copies of itself (A4 at 300 DPI:
    35 MB each; the largest page allowed: 480 MB each).
    """
    # Each iteration blurs twice with a kernel of ~4 sigma: a pixel feels ~8 sigma per
    # iteration of its neighbourhood; a wider margin leaves the bands' seams invisible.
    margin = int(np.ceil(8 * sigma * iterations))
    out = np.empty_like(gray)
    for top in range(0, gray.shape[0], _DEBLUR_BAND_ROWS):
        bottom = min(gray.shape[0], top + _DEBLUR_BAND_ROWS)
        lo, hi = max(0, top - margin), min(gray.shape[0], bottom + margin)
        band = _richardson_lucy(np.ascontiguousarray(gray[lo:hi]), sigma, iterations)
        out[top:bottom] = band[top - lo : top - lo + bottom - top]
    return out


def prepare(
    image: Image.Image,
    dpi: int,
    *,
    orientation: bool = True,
    deskew: bool = True,
    upscale_below_dpi: int = 250,
    median: bool = True,
    max_pixels: int | None = None,
    deblock: bool = False,
    sharpen: bool = False,
    erase_leaders: bool = False,
) -> tuple[Image.Image, int, int, float, tuple[str, ...]]:
    """The full clean-up: grayscale, sideways pages turned, skew removed, low DPI upscaled;
    with ``erase_leaders``, dotted leaders erased (:func:`erase_dotted_leaders`, step
    ``erase_leaders:<dots>``); with ``sharpen``, a blurred page's blur undone last (:func:`deblur`).

    Returns ``(image L, dpi, quarter_turn, skew, steps)``; ``quarter_turn`` is 0 or 90 and
    ``skew`` in degrees, both counter-clockwise as applied.
    """
    import cv2

    gray, steps_t = preprocess(image)
    steps = list(steps_t)
    # The page as an array, kept beside the image: each np.asarray of a PIL image copies it
    # (~3 ms at 300 DPI), and Image.fromarray does not.
    array = np.asarray(gray)
    quarter, skew = 0, 0.0
    if deblock:
        # A heavily compressed JPEG: a slight blur melts its 8x8 blocks and ringing before
        # Tesseract's threshold sees them (bench jpeg10_100dpi, 20 pages: 2.59 -> 1.51 %,
        # raw 2.42 %; sigma 0.5/0.7/0.9/1.1, bilateral and NLM did less or worse).
        array = cv2.GaussianBlur(array, (0, 0), _DEBLOCK_SIGMA)
        gray = Image.fromarray(array, "L")
        steps.append(f"deblock:gauss{_DEBLOCK_SIGMA:g}")
    # Before the angles: a shadow's dark paper passes Otsu as ink, and the glyphs under
    # it drop out of the line profile (a straight page in shadow came out "skewed 1.5 deg").
    flattened = _flatten_background(array)
    if flattened is not None:
        array = flattened
        gray = Image.fromarray(array, "L")
        steps.append("flatten_background")
    if (orientation or deskew) and _single_line(array):
        # One line of text (a crop): its row profile has one band, too little to tell a
        # skew from the shapes of the glyphs; turning it by a wrong angle (up to 6 deg was
        # seen) ruined lines raw Tesseract read well. Tesseract copes with a line's skew.
        steps.append("single_line")
    elif orientation or deskew:
        quarter, skew = estimate_geometry(array)
        if quarter == -90:
            quarter = 90
            steps.append("sideways_unsure")
        if not orientation:
            quarter = 0
        if not deskew or abs(skew) < _MIN_SKEW:
            skew = 0.0
        if quarter:
            gray = rotate_gray(gray, quarter)
            steps.append(f"rotate:{quarter}")
        if skew:
            gray = rotate_gray(gray, skew)
            steps.append(f"deskew:{skew:+.1f}")
        if quarter or skew:
            array = np.asarray(gray)
    if upscale_below_dpi and dpi < upscale_below_dpi:
        # The DPI of an image without one is a guess (as if A4), wrong for a crop or a
        # photo: the glyphs' own height decides (_SMALL_GLYPH_PX, _TARGET_GLYPH_PX).
        height = glyph_height(array)
        small = _SMALL_GLYPH_PX_LINE if "single_line" in steps else _SMALL_GLYPH_PX
        factor = min(2.0, _TARGET_GLYPH_PX / height) if 0 < height < small else 1.0
        size = (round(gray.width * factor), round(gray.height * factor))
        if factor > 1.05 and (max_pixels is None or size[0] * size[1] <= max_pixels):
            array = cv2.resize(array, size, interpolation=cv2.INTER_CUBIC)
            gray = Image.fromarray(array, "L")
            dpi = round(dpi * factor)
            steps.append(f"upscale:x{factor:.2f}")
    if erase_leaders:
        # After the skew is gone (a leader's dots then share one baseline), before the
        # blur is undone or the median runs (both reshape the dots).
        erased, dots = erase_dotted_leaders(array, dpi)
        if dots:
            array = erased
            gray = Image.fromarray(array, "L")
            steps.append(f"erase_leaders:{dots}")
    if sharpen:
        gray = Image.fromarray(deblur(array), "L")
        steps.append(f"deblur:rl{_DEBLUR_SIGMA:g}x{_DEBLUR_ITERATIONS}")
    elif median:
        # Mean change the filter makes: ~0.3 on clean pages, ~2 at 150 DPI (where it
        # erodes thin strokes: CER up), ~10 on speckled/noisy scans (where it helps 30x).
        # Measured on the central 1024 px square: the whole page costs 8x more, says the same.
        h, w = array.shape
        y0, x0 = max(0, h // 2 - 512), max(0, w // 2 - 512)
        probe = np.ascontiguousarray(array[y0 : y0 + 1024, x0 : x0 + 1024])
        noise = float(cv2.absdiff(probe, cv2.medianBlur(probe, 3)).mean())
        if noise >= _NOISE_FOR_MEDIAN:
            gray = Image.fromarray(cv2.medianBlur(array, 3), "L")
            steps.append(f"median3:noise={noise:.1f}")
    return gray, dpi, quarter, skew, tuple(steps)


# ---------------------------------------------------------------- dotted leaders
#
# Forms write their fields on dotted leaders ("Họ, chữ đệm, tên: Cao Chí Nhân ……………").
# Tesseract reads the dots as letters and garbles label and value of the line with them
# (issue 14: every dotted blind form misread; erased, +5 accepted, 0 regressions). A leader
# is a run of at least ``_LEADER_MIN_DOTS`` dots of one size, on one baseline, evenly
# spaced, with no letter right above or below them: diacritics (dấu) sit on a letter,
# periods and "…" are shorter runs, so they stay.
_LEADER_MIN_DOTS = 8
_LEADER_DOT_MAX = 0.3  # widest and tallest dot, in text heights (a period is ~0.2)
_LEADER_GAP_MAX = 1.5  # farthest dot to dot distance in a run, in text heights (~0.5 seen)
_LEADER_GAP_SPREAD = 0.35  # std / mean of a run's gaps: leaders are typeset, regular
_LEADER_BASELINE = 0.12  # bottoms of a run's dots within this many text heights
_LEADER_CLEAR_ABOVE = 0.6  # no ink this high above a dot (a dấu nặng's letter, an i's stem)
_LEADER_CLEAR_BELOW = 0.25  # ... nor this far below it (a diacritic's letter)
# A closed frame of an arrival stamp's size (inches; ocr/stamps.py's box test): its "Giờ: ……"
# leaders are the stamp's, hand-filled. Erased, they shifted Tesseract's grouping of the
# header on vpcp_2239 (the title read next to the stamp's scrawl: needs_review -> rejected).
_FRAME_WIDTH_IN = (1.0, 3.5)
_FRAME_HEIGHT_IN = (0.35, 1.4)
_FRAME_FILL = 0.2  # ink share of its box: a frame is open inside, a picture or a seal is not
_FRAME_EDGE = 0.6  # share of each side that is inked


def _glyph_heights(stats: np.ndarray) -> np.ndarray:
    """Heights of the glyph-sized components among ``connectedComponentsWithStats`` stats."""
    heights = stats[1:, 3]
    widths = stats[1:, 2]
    areas = stats[1:, 4]
    # Not specks (noise, diacritics, dots), not rules or frames.
    keep = (heights >= 7) & (areas >= 25) & (heights <= 200) & (widths <= 4 * heights)
    return heights[keep].astype(np.float64)


def _regular_runs(chain: list[int], x: np.ndarray, area: np.ndarray, text: float) -> list[list[int]]:
    """The parts of a chain of dots (sorted by x) that are evenly spaced leaders."""
    runs: list[list[int]] = []
    if len(chain) < _LEADER_MIN_DOTS:
        return runs
    gaps = np.diff(x[chain])
    typical = float(np.median(gaps))
    # Cut where the spacing breaks (a word between two leaders, a stray speck).
    start = 0
    for k, gap in enumerate(gaps, start=1):
        if not 0.6 * typical <= gap <= 1.5 * typical:
            runs.append(chain[start:k])
            start = k
    runs.append(chain[start:])
    kept = []
    for run in runs:
        if len(run) < _LEADER_MIN_DOTS:
            continue
        run_gaps = np.diff(x[run])
        sizes = area[run].astype(np.float64)
        if (
            run_gaps.std() < _LEADER_GAP_SPREAD * run_gaps.mean()
            and run_gaps.mean() >= 0.15 * text
            and sizes.std() < 0.6 * sizes.mean()
        ):
            kept.append(run)
    return kept


def _frames(
    ink: np.ndarray, labels: np.ndarray, stats: np.ndarray, dpi: int
) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the closed rectangular frames of a stamp's size: a component
    inked down its left and right sides, nearly empty inside, with ink along its top and bottom
    (any ink: a stamp's thin border breaks into dashes at the threshold, vpcp_2239)."""
    left, top, width, height, area = (stats[:, k] for k in range(5))
    lo_w, hi_w = (v * dpi for v in _FRAME_WIDTH_IN)
    lo_h, hi_h = (v * dpi for v in _FRAME_HEIGHT_IN)
    sized = np.flatnonzero(
        (width >= lo_w)
        & (width <= hi_w)
        & (height >= lo_h)
        & (height <= hi_h)
        & (area < _FRAME_FILL * width * height)
    )
    band = max(3, round(0.03 * dpi))  # a side's line, a little skewed or thick
    frames = []
    for c in sized[sized > 0].tolist():
        x, y, w, h = int(left[c]), int(top[c]), int(width[c]), int(height[c])
        comp = labels[y : y + h, x : x + w] == c
        inked = ink[y : y + h, x : x + w] > 0
        sides = (
            inked[:band].any(axis=0).mean(),
            inked[-band:].any(axis=0).mean(),
            comp[:, :band].any(axis=1).mean(),
            comp[:, -band:].any(axis=1).mean(),
        )
        if min(sides) > _FRAME_EDGE:
            frames.append((x, y, x + w, y + h))
    return frames


def erase_dotted_leaders(gray: np.ndarray, dpi: int = 300) -> tuple[np.ndarray, int]:
    """Paint the dots of dotted leaders in the page's background; also how many dots.
    Leaders inside a closed frame of a stamp's size (an arrival stamp) are left.

    ``gray`` is an 8-bit grayscale page, upright, of ``dpi``; it is returned unchanged (same
    object) when no leader is found.
    """
    import cv2

    _t, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _n, labels, stats = label_components(ink)
    heights = _glyph_heights(stats)
    if len(heights) < 5:
        return gray, 0
    # Letters' height: on a form, leader dots can outnumber the letters, so not all glyphs.
    heights = heights[heights >= 0.4 * np.percentile(heights, 90)]
    text = float(np.median(heights))
    left, top = stats[:, 0], stats[:, 1]
    width, height, area = stats[:, 2], stats[:, 3], stats[:, 4]
    bottom = top + height
    biggest = max(2.0, _LEADER_DOT_MAX * text)
    candidates = np.flatnonzero(
        (width <= biggest)
        & (height <= biggest)
        & (area >= 2)
        & (width <= 2 * height + 1)
        & (height <= 2 * width + 1)
    )
    candidates = candidates[candidates > 0]  # 0 is the background
    above, below = round(_LEADER_CLEAR_ABOVE * text), max(1, round(_LEADER_CLEAR_BELOW * text))
    dots: list[int] = []
    for c in candidates.tolist():
        x0, y0, x1, y1 = left[c], top[c], left[c] + width[c], bottom[c]
        # A letter right above or below: a diacritic, a dấu nặng, the dot of an i/j.
        near = np.count_nonzero(ink[max(0, y0 - above) : y0, x0:x1]) + np.count_nonzero(
            ink[y1 : y1 + below, x0:x1]
        )
        if near <= area[c] // 2:  # a speck of noise nearby is not a letter
            dots.append(c)
    if len(dots) < _LEADER_MIN_DOTS:
        return gray, 0
    xs = left + width / 2.0
    order = sorted(dots, key=lambda i: xs[i])
    # Chain each dot to the nearest open chain ending on its baseline just left of it.
    chains: list[list[int]] = []
    open_chains: list[list[int]] = []
    reach, level = _LEADER_GAP_MAX * text, max(2.0, _LEADER_BASELINE * text)
    for i in order:
        open_chains = [c for c in open_chains if xs[i] - xs[c[-1]] <= reach]
        best = None
        for chain in open_chains:
            j = chain[-1]
            on_line = xs[i] > xs[j] and abs(int(bottom[i]) - int(bottom[j])) <= level
            if on_line and (best is None or xs[j] > xs[best[-1]]):
                best = chain
        if best is None:
            best = []
            chains.append(best)
            open_chains.append(best)
        best.append(i)
    runs = [run for chain in chains for run in _regular_runs(chain, xs, area, text)]
    frames = _frames(ink, labels, stats, dpi) if runs else []
    erase = [
        i
        for run in runs
        if not any(
            x0 < xs[run[0]] and xs[run[-1]] < x1 and y0 < top[run[0]] < y1 for x0, y0, x1, y1 in frames
        )
        for i in run
    ]
    if not erase:
        return gray, 0
    mask = np.isin(labels, erase)
    # Their anti-aliased rims too, else faint grey rings are left for Tesseract.
    mask = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    out = gray.copy()
    out[mask] = int(np.median(gray[ink == 0])) if np.any(ink == 0) else _WHITE_L
    return out, len(erase)
