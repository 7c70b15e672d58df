"""Motion blur of a card photo: found from the photo itself and undone before the card is cut out.

A phone photo of a card taken by a moving hand smears every stroke along one line (issue 14,
blind card photos: the motion-blurred ones lost most of their fields). A uniform smear of
``length`` pixels multiplies the spectrum by a sinc whose zeros repeat every ``1/length``
along its direction; the log spectrum's own spectrum (the cepstrum) then has a deep negative
peak ``length`` pixels from the centre in that direction, which print, a table's grain or a
Gaussian blur do not make. ``motion_blur`` finds that peak; ``undo_motion`` deconvolves the
smear (Richardson-Lucy with the line it found as the point spread function).
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["line_psf", "motion_blur", "undo_motion", "unsmear_region"]

# The cepstrum is searched for smears this long (pixels of the photo) in steps of this angle.
_MIN_LENGTH, _MAX_LENGTH = 4, 24
_ANGLE_STEP = 3.0
# The negative peak's depth that counts as a smear, and the most the circle through it may
# have on average (its median): on 120 card photos of blind dev seeds 204, 205 and 19, the 19
# smeared by motion 0.023-0.055 deep, circle <= 0.005; the sharp and Gaussian-blurred ones
# <= 0.021 deep, and those deeper than 0.018 had a circle of 0.007-0.014.
_MIN_DEPTH, _MAX_RING = 0.022, 0.006
_ANALYSIS_SIDE = 1024  # the region is measured at most this large (longest side)
_ITERATIONS = 60


def _cepstrum(gray: np.ndarray) -> np.ndarray:
    g = gray.astype(np.float32)
    h, w = g.shape
    window = np.outer(np.hanning(h), np.hanning(w)).astype(np.float32)
    spectrum = np.abs(np.fft.rfft2((g - g.mean()) * window))
    cep = np.fft.irfft2(np.log(spectrum + 1e-3), s=(h, w))
    return np.fft.fftshift(cep).astype(np.float32)


def motion_blur(gray: np.ndarray) -> tuple[float, float, float] | None:
    """(length in pixels, angle in degrees counter-clockwise from the x axis, depth) of a
    uniform linear smear of ``gray``, or None when it shows none."""
    h, w = gray.shape
    if min(h, w) < 4 * _MAX_LENGTH:
        return None
    if max(h, w) > _ANALYSIS_SIDE:  # a centre crop, not a resize: the smear keeps its length
        y0, x0 = max(0, (h - _ANALYSIS_SIDE) // 2), max(0, (w - _ANALYSIS_SIDE) // 2)
        gray = gray[y0 : y0 + _ANALYSIS_SIDE, x0 : x0 + _ANALYSIS_SIDE]
        h, w = gray.shape
    cep = _cepstrum(gray)
    cy, cx = h // 2, w // 2
    angles = np.radians(np.arange(0.0, 180.0, _ANGLE_STEP))
    lengths = np.arange(_MIN_LENGTH, _MAX_LENGTH + 1, dtype=np.float32)
    xs = (cx + np.outer(np.cos(angles), lengths)).astype(np.float32)
    ys = (cy - np.outer(np.sin(angles), lengths)).astype(np.float32)
    values = cv2.remap(cep, xs, ys, cv2.INTER_LINEAR)
    i, j = np.unravel_index(int(np.argmin(values)), values.shape)
    depth = -float(values[i, j])
    # A smear's peak lies in one direction; a Gaussian blur's or a pattern's spreads around
    # the circle of its radius (measured by the circle's median).
    if depth < _MIN_DEPTH or -float(np.median(values[:, j])) > _MAX_RING:
        return None
    # Refined: the angle to 0.5 degree, the length to a tenth of a pixel, around the best.
    fine_a = np.radians(np.degrees(angles[i]) + np.arange(-_ANGLE_STEP, _ANGLE_STEP + 0.01, 0.5))
    fine_l = np.arange(lengths[j] - 1.0, lengths[j] + 1.01, 0.1, dtype=np.float32)
    xs = (cx + np.outer(np.cos(fine_a), fine_l)).astype(np.float32)
    ys = (cy - np.outer(np.sin(fine_a), fine_l)).astype(np.float32)
    values = cv2.remap(cep, xs, ys, cv2.INTER_LINEAR)
    a, b = np.unravel_index(int(np.argmin(values)), values.shape)
    return float(fine_l[b]), float(np.degrees(fine_a[a])) % 180.0, -float(values[a, b])


def line_psf(length: float, angle: float) -> np.ndarray:
    """A uniform smear ``length`` pixels long at ``angle`` degrees (counter-clockwise), summing
    to 1, drawn with sub-pixel weights."""
    size = int(np.ceil(length)) + 2 | 1
    psf = np.zeros((size, size), np.float32)
    c = size // 2
    t = np.radians(angle)
    for s in np.linspace(-length / 2, length / 2, max(2, int(length * 8))):
        x, y = c + s * np.cos(t), c - s * np.sin(t)
        x0, y0 = int(np.floor(x)), int(np.floor(y))
        fx, fy = x - x0, y - y0
        psf[y0, x0] += (1 - fx) * (1 - fy)
        psf[y0, x0 + 1] += fx * (1 - fy)
        psf[y0 + 1, x0] += (1 - fx) * fy
        psf[y0 + 1, x0 + 1] += fx * fy
    return psf / psf.sum()


def undo_motion(image: np.ndarray, psf: np.ndarray, iterations: int = _ITERATIONS) -> np.ndarray:
    """``image`` (uint8, grey or RGB) with the smear ``psf`` deconvolved by Richardson-Lucy
    (light as the signal); in colour only the luma, the print's sharpness (a third of the
    work; the colours, read only to find red seals, stay smeared)."""
    if image.ndim == 3:
        ycc = cv2.cvtColor(image, cv2.COLOR_RGB2YCrCb)
        ycc[..., 0] = undo_motion(np.ascontiguousarray(ycc[..., 0]), psf, iterations)
        return cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB)
    flipped = np.ascontiguousarray(psf[::-1, ::-1])
    observed = image.astype(np.float32) / 255.0 + 1e-3
    estimate = observed.copy()
    for _ in range(iterations):
        blurred = cv2.filter2D(estimate, -1, psf, borderType=cv2.BORDER_REPLICATE) + 1e-6
        estimate *= cv2.filter2D(observed / blurred, -1, flipped, borderType=cv2.BORDER_REPLICATE)
    return np.clip(np.rint(estimate * 255.0), 0, 255).astype(np.uint8)


def unsmear_region(rgb: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, tuple[float, float] | None]:
    """``rgb`` with the motion smear of the quadrilateral ``corners`` (a card found in a photo)
    undone inside its bounding box, and the smear's (length, angle); unchanged and None when
    the quadrilateral's middle (an eighth of it left out each side: no table, no edges) shows
    no smear."""
    h, w = rgb.shape[:2]
    x0, y0 = np.floor(corners.min(axis=0)).astype(int)
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    qw, qh = x1 - x0, y1 - y0
    middle = np.ascontiguousarray(rgb[y0 + qh // 8 : y1 - qh // 8, x0 + qw // 8 : x1 - qw // 8])
    if middle.size == 0:
        return rgb, None
    found = motion_blur(cv2.cvtColor(middle, cv2.COLOR_RGB2GRAY))
    if found is None:
        return rgb, None
    length, angle, _depth = found
    pad = int(np.ceil(2 * length))
    ya, yb, xa, xb = max(0, y0 - pad), min(h, y1 + pad), max(0, x0 - pad), min(w, x1 + pad)
    out = rgb.copy()
    out[ya:yb, xa:xb] = undo_motion(np.ascontiguousarray(rgb[ya:yb, xa:xb]), line_psf(length, angle))
    return out, (length, angle)
