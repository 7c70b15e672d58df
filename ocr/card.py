"""A card photographed on a table: find it in the frame and cut it out flat.

A phone photo of an ID card (CCCD / căn cước, ID-1 size 85.6 × 54 mm) shows the card small,
turned and in perspective on wood, cloth or a desk. Read as a page, the background's grain
was taken for red seals and text, deskew stopped short of a 30° turn, and the card's small
print was read at the DPI the file claims, not the card's own (issue 14, blind card photos:
most fields of such a card lost). ``find_card`` finds one card-shaped quadrilateral that
stands out from the frame's border; ``crop_card`` warps it to an upright rectangle at the
card's own resolution (at least ``_MIN_WIDTH`` pixels across), with the DPI that size
means. Before the warp, a smear of the hand's motion found in the card is deconvolved
(ocr/deblur.py); after it, the card's lightness is evened out tile by tile (glare, blur). A
page where no such card is found (a scan, an A4 page, a card filling the frame), or where
print lies beyond the card (both sides copied on one sheet, a certificate's bordered
table), is returned unchanged.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
from PIL import Image

from ocr.deblur import unsmear_region
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

__all__ = ["crop_card", "find_card"]

_CARD_ASPECT = 85.6 / 54.0  # ID-1 (ISO/IEC 7810)
_CARD_WIDTH_IN = 85.6 / 25.4
_WORK_SIDE = 480  # the frame is searched at this size (longest side, pixels)
_BORDER = 0.04  # the frame's outer ring, as a share of its side, samples the background
# A card: this share of the frame at least and at most (smaller is no readable card; larger
# touches the border, already a crop), sides in the ID-1 ratio within the slack perspective
# gives, and a solid shape (a card, not text or a table's grain).
_MIN_AREA, _MAX_AREA = 0.08, 0.80
_ASPECT_LOW, _ASPECT_HIGH = -0.09, 0.20  # the measured ratio's share off ID-1's
# A card lies on the table long side across (turned up to this much); an A4 page, whose
# ratio perspective can bring near a card's, is photographed upright, long side down the frame.
_MAX_TILT = 40.0
# The frame's border as light and neutral as paper (L*, a*/b* off grey, OpenCV's 0-255 scale):
# a flatbed scan or a copy on A4, not a table.
_PAPER_L, _PAPER_CHROMA = 225.0, 12.0
_MIN_SOLIDITY = 0.90
_MIN_WIDTH = 1400  # the flat card's width in pixels (~415 DPI): small print stays readable
_CLAHE_CLIP, _CLAHE_TILES = 2.0, 8
_MARGIN = 0.025  # kept around the card, of its width: a corner cut short keeps its print
# Print beyond the card (ink this much darker than the frame around it, in more than this
# share of it, a band of this share of the frame's side around the card left out, looked at
# with the frame's longest side this long) makes the card part of a page.
_PRINT_CONTRAST, _PRINT_SHARE, _PRINT_MARGIN, _PRINT_SIDE = 90.0, 0.002, 0.04, 960


def _quad(contour: np.ndarray) -> np.ndarray:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.04, 0.05, 0.06):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx
    # rounded corners the approximation keeps as 5-8 points: the smallest rotated rectangle
    box = cv2.boxPoints(cv2.minAreaRect(hull))
    return box.reshape(4, 1, 2)


def _masks(small: np.ndarray) -> list[np.ndarray]:
    """Candidate masks of the card: the pixels unlike the frame's border (its colour, at
    several distances: a red emblem must not win Otsu's split over a card as pale as the
    table), and the region closed by strong edges (a card on a table of its own colour)."""
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float32)
    median, distance = border_distance(lab, _BORDER)
    if median[0] >= _PAPER_L and np.hypot(median[1] - 128, median[2] - 128) <= _PAPER_CHROMA:
        return []  # the card lies on paper or a scanner's lid: a scan, already flat
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    out = unlike_border(distance, kernel)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    out.append(edge_closed(cv2.Canny(gray, 30, 90), kernel))
    return out


def _card_in(mask: np.ndarray) -> tuple[float, np.ndarray] | None:
    """(area, corners) of the largest region of ``mask`` when it is card-shaped."""
    sh, sw = mask.shape
    found = largest_solid_region(mask, _MIN_AREA, _MAX_AREA, _MIN_SOLIDITY)
    if found is None:
        return None
    contour, area = found
    quad = _quad(contour)
    if cv2.contourArea(quad) < 0.9 * area:
        return None
    corners = order_corners(quad, landscape=True)
    width = (np.linalg.norm(corners[1] - corners[0]) + np.linalg.norm(corners[2] - corners[3])) / 2
    height = (np.linalg.norm(corners[3] - corners[0]) + np.linalg.norm(corners[2] - corners[1])) / 2
    if height <= 0 or not _ASPECT_LOW <= width / height / _CARD_ASPECT - 1 <= _ASPECT_HIGH:
        return None
    top = corners[1] - corners[0]
    if abs(np.degrees(np.arctan2(top[1], top[0]))) > _MAX_TILT:
        return None
    if (corners < 1).any() or (corners[:, 0] > sw - 2).any() or (corners[:, 1] > sh - 2).any():
        return None  # the card runs off the frame: not whole
    return area, corners


def find_card(image: Image.Image) -> np.ndarray | None:
    """The four corners (TL, TR, BR, BL of the card upright, in ``image`` pixels) of one
    card-shaped quadrilateral that differs from the frame's border, or None."""
    small, scale = work_copy(image, _WORK_SIDE)
    found = [c for m in _masks(small) if (c := _card_in(m)) is not None]
    if not found:
        return None
    corners = max(found, key=lambda c: c[0])[1] / scale
    return None if _print_outside(image, corners) else corners


def _print_outside(image: Image.Image, corners: np.ndarray) -> bool:
    """Print on the frame beyond the card: the card is part of a page (both sides of a card
    copied on one A4 sheet, a bordered table of a certificate), read whole, not one card cut
    out of it. A table or cloth has grain, never ink this much darker than itself: on the
    blind cards photographed on tables 0 % of the frame around the card, on pages 0.9-4.5 %."""
    gray = np.asarray(image.convert("L"))
    h, w = gray.shape
    scale = _PRINT_SIDE / max(h, w)
    small = cv2.resize(
        gray, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    side = max(3, round(_PRINT_MARGIN * _PRINT_SIDE))
    return ink_around(small, corners * scale, side, _PRINT_CONTRAST, _PRINT_SHARE)


def _even_out(rgb: np.ndarray) -> np.ndarray:
    """The card's lightness equalized tile by tile (CLAHE on L*, colours kept): print washed out
    by a glare spot or a shadow regains its contrast."""
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    clahe = cv2.createCLAHE(clipLimit=_CLAHE_CLIP, tileGridSize=(_CLAHE_TILES, _CLAHE_TILES))
    lab[..., 0] = clahe.apply(np.ascontiguousarray(lab[..., 0]))
    return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)


def crop_card(page: PageInput, unsmear: bool = True, even: bool = True) -> PageInput:
    """``page`` with its image replaced by the card found in it, flat and upright (step
    ``card_crop``); unchanged when no card is found. With ``unsmear``, a card smeared by the
    hand's motion is deconvolved in the photo first (ocr/deblur.py; step
    ``unsmear:<length>@<angle>``)."""
    if page.image is None or not in_colour(page.image):
        return page  # a photo is in colour; a grey scan or a bilevel fax is no card photo
    corners = find_card(page.image)
    if corners is None:
        return page
    top = np.linalg.norm(corners[1] - corners[0])
    width = max(_MIN_WIDTH, round(top))
    height = round(width / _CARD_ASPECT)
    dpi = round(width / _CARD_WIDTH_IN)
    m = round(width * _MARGIN)
    target = np.array(
        [[m, m], [m + width - 1, m], [m + width - 1, m + height - 1], [m, m + height - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    rgb = np.asarray(page.image.convert("RGB"))
    steps: tuple[str, ...] = ("card_crop",)
    if unsmear:
        rgb, smear = unsmear_region(rgb, corners)
        if smear is not None:
            steps += (f"unsmear:{smear[0]:.1f}@{smear[1]:.0f}",)
    width, height = width + 2 * m, height + 2 * m
    flat = cv2.warpPerspective(
        rgb, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    if even and len(steps) == 1:  # not on a deconvolved card: its ringing would be raised too
        flat = _even_out(flat)
        steps += ("card_even",)
    return replace(
        page,
        image=Image.fromarray(flat, "RGB"),
        width=width,
        height=height,
        dpi=dpi,
        steps=(*page.steps, *steps),
    )
