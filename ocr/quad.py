"""A card or a sheet photographed on a table, found by its four corners against the table:
the geometry ocr/card.py (an ID card) and ocr/flatten.py (a whole page) share."""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image


def in_colour(image: Image.Image) -> bool:
    """Whether ``image`` can be a photo: an RGB(A) image with colour in it. A grey page stored
    as RGB (a grey scan in a PDF, which PDFium renders in colour) is a scan: its every pixel has
    R = G = B. Every 4th pixel is looked at, sampled by PIL (no copy of the page)."""
    if image.mode not in ("RGB", "RGBA"):
        return False
    sample = image.resize((max(1, image.width // 4), max(1, image.height // 4)), Image.Resampling.NEAREST)
    rgb = np.asarray(sample)[..., :3]  # (an RGBA image's alpha aside)
    return bool((rgb[..., 0] != rgb[..., 2]).any() or (rgb[..., 1] != rgb[..., 2]).any())


def work_copy(image: Image.Image, side: int) -> tuple[np.ndarray, float]:
    """(the photo in RGB, ``side`` pixels on its longest side, slightly blurred so the table's
    grain and the print do not break the regions up; its scale from the photo)."""
    rgb = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    h, w = rgb.shape[:2]
    scale = side / max(h, w)
    small = cv2.resize(
        rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    return cv2.GaussianBlur(small, (5, 5), 0), scale


def order_corners(quad: np.ndarray, landscape: bool = False) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left, the turn from the frame the
    smallest one; with ``landscape``, only orders whose top side is the long one (a card lies
    with its long side across; upside down it is turned by the page's orientation step)."""
    pts = quad.reshape(4, 2).astype(np.float32)
    centre = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    pts = pts[np.argsort(angles)]  # clockwise in image coordinates (y down), from the left
    best = None
    for start in range(4):
        cand = np.roll(pts, -start, axis=0)
        top = cand[1] - cand[0]
        left = cand[3] - cand[0]
        if landscape and np.linalg.norm(top) < np.linalg.norm(left):
            continue
        tilt = abs(np.degrees(np.arctan2(top[1], top[0])))
        if best is None or tilt < best[0]:
            best = (tilt, cand)
    assert best is not None
    return best[1]


def border_distance(lab: np.ndarray, border: float) -> tuple[np.ndarray, np.ndarray]:
    """(the median colour of the frame's outer ring, each pixel's distance from it in units of
    the ring's spread): the ring, ``border`` of the frame's side wide, samples the table."""
    sh, sw = lab.shape[:2]
    ring = max(2, round(min(sh, sw) * border))
    samples = np.concatenate(
        [
            lab[:ring].reshape(-1, 3),
            lab[-ring:].reshape(-1, 3),
            lab[:, :ring].reshape(-1, 3),
            lab[:, -ring:].reshape(-1, 3),
        ]
    )
    median = np.median(samples, axis=0)
    spread = np.median(np.abs(samples - median), axis=0) + 2.0
    return median, np.sqrt((((lab - median) / spread) ** 2).sum(axis=2))


def unlike_border(distance: np.ndarray, kernel: np.ndarray) -> list[np.ndarray]:
    """Masks of what is unlike the table at three distances, closed (the print inside filled)
    and opened (the table's grain dropped)."""
    out = []
    for level in (4.0, 6.0, 9.0):
        far = (distance > level).astype(np.uint8) * 255
        out.append(cv2.morphologyEx(cv2.morphologyEx(far, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN, kernel))
    return out


def edge_closed(edges: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """The regions strong edges close (a card or sheet on a table of its own colour), filled."""
    edges = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(edges)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    return cv2.morphologyEx(filled, cv2.MORPH_OPEN, kernel)


def largest_solid_region(
    mask: np.ndarray, min_area: float, max_area: float, min_solidity: float
) -> tuple[np.ndarray, float] | None:
    """(contour, area) of the largest region of ``mask`` when it covers between ``min_area``
    and ``max_area`` of the frame and fills at least ``min_solidity`` of its convex hull."""
    sh, sw = mask.shape
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    if not min_area <= area / (sh * sw) <= max_area:
        return None
    hull_area = cv2.contourArea(cv2.convexHull(contour))
    if hull_area <= 0 or area / hull_area < min_solidity:
        return None
    return contour, area


def ink_around(gray: np.ndarray, corners: np.ndarray, side: int, contrast: float, share: float) -> bool:
    """Print beyond the quadrilateral (more than ``share`` of the frame outside it, ``side``
    pixels around it left out, darker than the frame's median by ``contrast``): a card or a
    frame printed on a page, not one lying on a table (a table or cloth has grain, never ink
    this much darker than itself)."""
    quad = np.zeros(gray.shape[:2], np.uint8)
    cv2.fillConvexPoly(quad, np.rint(corners).astype(np.int32), 255)
    around = gray[cv2.dilate(quad, np.ones((side, side), np.uint8)) == 0]
    if around.size == 0:
        return False
    dark = around < float(np.median(around)) - contrast
    return float(dark.mean()) > share


__all__ = [
    "border_distance",
    "edge_closed",
    "ink_around",
    "largest_solid_region",
    "order_corners",
    "unlike_border",
    "work_copy",
]
