"""A page photographed on a table: find the sheet in the frame and warp it flat and upright.

A phone photo of a whole A4 page shows the sheet turned a few degrees and in mild
perspective (keystone) on wood, cloth or a dark desk. Deskew turns the page by one angle,
but keystone leaves the text lines converging: the top of the page is turned differently
from its bottom, and Tesseract merged the two header columns of an administrative document
(agency left, national motto right) line by line, their characters interleaved (issue 14,
blind phone photos). ``find_page`` finds one page-shaped quadrilateral in a colour frame:
a region unlike the frame's border in colour, lighter than the border (Otsu), or closed by
strong edges (a table as pale as the paper); ``flatten_page`` warps it to an upright rectangle (the homography of
its four corners, ``cv2.getPerspectiveTransform`` / ``cv2.warpPerspective``), records the
step ``flatten:quad:<tilt>``, and gives it the DPI its width means on A4.

It declines (the page is returned as it came, no step) on anything else: a grey or bilevel
page (a scan), a page filling the frame, a region that is not one solid four-cornered
portrait sheet, one whose surroundings are the same paper or lighter than it (a frame
printed on a page, a block of dense print), one with print beyond it, a sheet already square
to the frame (nothing to undo), or a card (``ocr/card.py`` cuts those out before). On the
real pages (bench real: clean200, scans, and the same pages rendered in colour or damaged)
it declined on every one. Blind dev seeds 19/29/41 (valid / planted): field F1 0.9495 ->
0.9526 / 0.9343 -> 0.9329, 0.9424 -> 0.9464 / 0.9321 -> 0.9349, 0.9599 -> 0.9606 / 0.9422 ->
0.9438; fields right on the photographed pages 326 -> 332 of 366 / 335 -> 338 of 369 (the
header's agency no longer read with the motto's letters in it). Motion blur is not undone here.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
from PIL import Image

from ocr.loader import PageInput
from ocr.quad import (
    border_distance,
    edge_closed,
    in_colour,
    ink_around,
    largest_solid_region,
    order_corners,
    unlike_border,
    work_copy,
)

__all__ = ["find_page", "flatten_page"]

_A4_ASPECT = 297.0 / 210.0  # height / width of an upright A4 sheet
_A4_WIDTH_IN = 210.0 / 25.4
_WORK_SIDE = 640  # the frame is searched at this size (longest side, pixels)
_BORDER = 0.03  # the frame's outer ring, as a share of its side, samples the background
# Just outside the sheet and just inside it (bands of this share of the frame's side), the
# colours (L*a*b*, OpenCV's 0-255 scale) differ by this much at least: a table, not paper.
_BAND = 0.015
_CONTRAST = 12.0
# Print beyond the sheet (ink this much darker than the frame around it, in more than this
# share of it) makes the quadrilateral a frame printed on a page (ocr/card.py's test).
_PRINT_CONTRAST, _PRINT_SHARE = 90.0, 0.002
# A sheet: this share of the frame at least (smaller is a card or a detail, no whole page)
# and at most (larger leaves no background: nothing to cut away); solid and four-cornered.
_MIN_AREA, _MAX_AREA = 0.25, 0.97
_MIN_SOLIDITY = 0.92
_QUAD_FIT = 0.95  # intersection over union of the region and its four-cornered shape
# Height / width of the flattened sheet: portrait pages from a square-ish form to a long
# letter (a sheet photographed lying sideways is left to the orientation step, unflattened).
_ASPECT_RANGE = (1.0, 1.9)
_A4_SLACK = 0.10  # a measured ratio within this share of A4's is taken as A4 exactly
_MAX_TILT = 20.0  # degrees: a page photographed upright-ish, not a card on a table
# A sheet whose corners lie within this share of the frame's side of a rectangle square to
# the frame (no turn, no keystone) is not warped: resampling it would only blur it.
_MIN_DISTORTION = 0.004
_INSET = 0.004  # of the sheet's width, cut off each edge: no sliver of table at the margins


def _quad(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.01, 0.015, 0.02, 0.03, 0.04):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx
    return None


def _masks(small: np.ndarray) -> list[np.ndarray]:
    """Candidate masks of the sheet: the pixels unlike the frame's border in colour and
    lightness, at several distances, and the regions strong edges close."""
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    _median, distance = border_distance(lab, _BORDER)
    out = unlike_border(distance, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9)))
    # A sheet on a table of nearly its own colour (beige plaster, grey cloth): lighter than
    # the table, which Otsu's split of the lightness finds, and bounded by a strong edge.
    light = cv2.GaussianBlur(lab[..., 0].astype(np.uint8), (0, 0), 3)
    _t, mask = cv2.threshold(light, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    big = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    out.append(cv2.morphologyEx(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, big), cv2.MORPH_OPEN, big))
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    out.append(edge_closed(cv2.Canny(cv2.GaussianBlur(gray, (0, 0), 2), 20, 60), big))
    return out


def _page_in(mask: np.ndarray) -> tuple[float, np.ndarray] | None:
    """(fit, corners) of the largest region of ``mask`` when it is a whole sheet; ``fit`` is
    the intersection over union of the region and its four-cornered shape."""
    sh, sw = mask.shape
    found = largest_solid_region(mask, _MIN_AREA, _MAX_AREA, _MIN_SOLIDITY)
    if found is None:
        return None
    contour, _area = found
    quad = _quad(contour)
    if quad is None:
        return None
    region = np.zeros_like(mask)
    cv2.drawContours(region, [contour], -1, 255, thickness=cv2.FILLED)
    shape = np.zeros_like(mask)
    cv2.fillConvexPoly(shape, quad.reshape(-1, 2).astype(np.int32), 255)
    union = int(np.count_nonzero(region | shape))
    fit = int(np.count_nonzero(region & shape)) / max(1, union)
    if fit < _QUAD_FIT:
        return None
    corners = order_corners(quad)
    top = corners[1] - corners[0]
    if abs(np.degrees(np.arctan2(top[1], top[0]))) > _MAX_TILT:
        return None
    if (corners < 1).any() or (corners[:, 0] > sw - 2).any() or (corners[:, 1] > sh - 2).any():
        return None  # the sheet runs off the frame: its edge is not its corner
    width, height = _size(corners)
    if width <= 0 or not _ASPECT_RANGE[0] <= height / width <= _ASPECT_RANGE[1]:
        return None
    return fit, corners


def _size(corners: np.ndarray) -> tuple[float, float]:
    """(width, height) of the sheet: its longer opposite sides (the nearer, less shortened)."""
    width = max(np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[3]))
    height = max(np.linalg.norm(corners[3] - corners[0]), np.linalg.norm(corners[2] - corners[1]))
    return float(width), float(height)


def _square_to_frame(corners: np.ndarray, side: float) -> bool:
    """The sheet's corners lie on a rectangle with sides along the frame's (nothing to undo)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners.tolist()
    off = max(abs(x0 - x3), abs(x1 - x2), abs(y0 - y1), abs(y3 - y2))
    return off <= _MIN_DISTORTION * side


def find_page(image: Image.Image) -> np.ndarray | None:
    """The four corners (TL, TR, BR, BL, in ``image`` pixels) of one page-shaped
    quadrilateral that differs from the frame's border and is not square to it, or None."""
    if not in_colour(image):
        return None  # a photo is in colour; a grey or bilevel page is a scan
    if min(image.size) < 200:
        return None
    small, scale = work_copy(image, _WORK_SIDE)
    found = [c for m in _masks(small) if (c := _page_in(m)) is not None]
    if not found:
        return None
    corners = max(found, key=lambda c: c[0])[1]
    if _square_to_frame(corners, float(max(small.shape[:2]))):
        return None
    if not _stands_out(small, corners) or _print_outside(small, corners):
        return None
    return corners / scale


def _bands(shape: tuple[int, ...], corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of a band just outside the quadrilateral and one a little inside it."""
    quad = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(quad, np.rint(corners).astype(np.int32), 255)
    side = max(3, round(_BAND * max(shape[:2])))
    kernel = np.ones((side, side), np.uint8)
    grown = cv2.dilate(quad, kernel)
    # Inside, a band one band's width in from the edge: a frame printed along the page's
    # edge (a land-use certificate's double rule) lies in the first one.
    shrunk, deeper = cv2.erode(quad, kernel), cv2.erode(quad, np.ones((3 * side, 3 * side), np.uint8))
    return (grown > 0) & (quad == 0), (shrunk > 0) & (deeper == 0)


def _stands_out(small: np.ndarray, corners: np.ndarray) -> bool:
    """What lies just outside the sheet differs from its paper just inside (a table, not the
    same paper around a printed frame) and is not lighter than it."""
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    outside, inside = _bands(small.shape, corners)
    if not outside.any() or not inside.any():
        return False
    paper, table = np.median(lab[inside], axis=0), np.median(lab[outside], axis=0)
    # Paper is not darker than what it lies on: a block of dense print on a white page (a
    # scan's text column, darker than the margin around it) is no sheet.
    return paper[0] >= table[0] and float(np.linalg.norm(paper - table)) >= _CONTRAST


def _print_outside(small: np.ndarray, corners: np.ndarray) -> bool:
    """Ink beyond the sheet: the quadrilateral is a frame printed on a page, not a sheet on a
    table (a table or cloth has grain, never ink much darker than itself)."""
    side = max(3, round(_BAND * max(small.shape[:2])))
    return ink_around(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), corners, side, _PRINT_CONTRAST, _PRINT_SHARE)


def flatten_page(page: PageInput) -> PageInput:
    """``page`` with its image replaced by the sheet found in it, flat and upright (step
    ``flatten:quad:<tilt>``, the sheet's turn in the photo in degrees); unchanged when no
    sheet is found."""
    if page.image is None:
        return page
    corners = find_page(page.image)
    if corners is None:
        return page
    width, height = _size(corners)
    ratio = height / width
    if abs(ratio / _A4_ASPECT - 1) <= _A4_SLACK:
        ratio = _A4_ASPECT  # perspective shortens one side: A4 is what was photographed
    out_w = round(width)
    out_h = round(out_w * ratio)
    inset = _INSET * out_w
    target = np.array(
        [
            [-inset, -inset],
            [out_w - 1 + inset, -inset],
            [out_w - 1 + inset, out_h - 1 + inset],
            [-inset, out_h - 1 + inset],
        ],
        dtype=np.float32,
    )
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    source = page.image.convert("RGB") if page.image.mode == "RGBA" else page.image
    array = np.asarray(source)
    flat = cv2.warpPerspective(
        array, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    top = corners[1] - corners[0]
    tilt = float(np.degrees(np.arctan2(top[1], top[0])))
    dpi = round(out_w / _A4_WIDTH_IN) if ratio == _A4_ASPECT else page.dpi
    return replace(
        page,
        image=Image.fromarray(flat, source.mode),
        width=out_w,
        height=out_h,
        dpi=max(72, dpi),
        steps=(*page.steps, f"flatten:quad:{tilt:+.1f}"),
    )
