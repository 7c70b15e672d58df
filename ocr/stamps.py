"""Stamps and seals: found before and after recognition, kept out of the page text, recorded.

* Colour scans: red ink (R well above G and B) in large connected regions is a seal or an
  arrival stamp. Before the page is made grey, those regions' pixels are replaced by their
  red channel, where red ink is as light as paper and black print under it stays black:
  the text under a stamp reads as it would without it (:func:`remove_red_stamps`). Each
  region's box is kept, and its own text is read from its green channel (red ink dark)
  into a ``stamp`` block (:func:`stamp_blocks`).
* Grey and 1-bit scans: ring-shaped components (a round seal's border) and stand-alone
  rectangles of stamp size in the header band (an arrival stamp "ĐẾN Số: … Ngày: …") are
  found on the grey page (:func:`find_grey_stamps`). In a rectangle every word is the
  stamp's (but a box with no arrival label and a word read surely is a printed frame, the
  "DỰ THẢO" mark of a draft, and its words stay the page's); in a ring only the words
  Tesseract was unsure of (the ring's curved text reads as low-confidence debris, the
  printed title and name under a seal read normally).
* Grey scans of coloured stamps: a red seal or arrival stamp scanned grey is lighter than
  the print. That lighter ink, away from the print's edges, is looked at alone: rings and
  boxes (also askew, also cut where print crosses them) are found on it, and before the page
  is read their ink and its pale rims are made paper, and the print under them is divided
  by the share of light the stamp lets through there, which gives it back its own grey
  (:func:`find_grey_ink_stamps`, :func:`remove_grey_stamps`); their text is read from that ink
  alone into ``stamp`` blocks (:func:`read_stamps`). Under a seal cleared so, only unsure
  words that do not read as print (signs, one or two letters) are the seal's. A page whose
  print is not dark (a faded copy) is left as it is.

Words taken go into a ``stamp`` block (``ocr.result.APART_KINDS``): not in ``Page.text``,
present in the JSON and hOCR with their boxes. Page steps: ``stamps_red:N``,
``stamps_grey:N``, ``stamps:N``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from ocr.components import label_components
from ocr.layout import fold
from ocr.result import BBox, Block, Line, Page, Word
from ocr.settings import OcrSettings

# Red ink: R exceeds max(G, B) by this much (paper, grey and black print do not).
_RED_MARGIN = 50
# A stamp's box is at least this big (inches) on its longer side; red headings are thinner.
_MIN_STAMP_IN = 0.45
# A seal's ring is inked on this share of its circumference (text circles found by Hough
# in body text: well under; real seals on the signed scans: 0.86-1.0).
_RING_INKED = 0.8
# A grey page's print: its darkest fifth of ink at most this grey; a stamp's ink at least
# this much lighter than the print (red (205, 40, 50) is ~90 grey at full cover, print ~0-40).
_PRINT_MAX = 60
_STAMP_LIGHTER = 55
_SPECK = 12
# Inside a stamp, ink darker than its darkest (this percentile of its ink, less a margin) is
# print: the stamp there is divided out of it, not made paper.
_STAMP_DARKEST = 5
_STAMP_MARGIN = 15
# Light ink (not beside print) a page needs before it is searched for a stamp, in pixels at
# 100 DPI: the thinnest arrival box holds ~460, clean rendered pages 70-170 at 300 DPI, real
# signed scans 635 and up (bench real). Below it the search (connected components of a whole
# page, ~0.1-0.3 s at 300 DPI) is not run: clean pages stay as fast as before.
_MIN_LIGHT_INK = 300
# Words Tesseract was this unsure of inside a seal's ring are the seal's, not the page's.
_SEAL_WORD_CONFIDENCE = 0.6
# ... but under a seal cleared before reading, a word of letters read at least this surely is
# print (what is left of the seal's ink reads as signs and single letters, mostly below 0.5).
_CLEARED_WORD_CONFIDENCE = 0.3
# The labels printed on an arrival stamp (Nghị định 30/2020, Phụ lục IV: "ĐẾN", "Số:",
# "Ngày:", "Giờ:", "Chuyển:", "Lưu hồ sơ số:"), folded; a box with none of them and a word
# read surely is a printed frame, not a stamp.
_ARRIVAL_LABELS = frozenset({"den", "so", "ngay", "gio", "chuyen", "luu"})
_PRINT_WORD_CONFIDENCE = 0.8


@dataclass(frozen=True)
class Stamp:
    bbox: BBox
    shape: str  # "red", "ring" or "box"


def _red_mask(rgb: np.ndarray) -> np.ndarray:
    r = rgb[..., 0].astype(np.int16)
    other = np.maximum(rgb[..., 1], rgb[..., 2]).astype(np.int16)
    return (r - other) > _RED_MARGIN


def find_red_stamps(image: Image.Image, dpi: int) -> tuple[list[Stamp], np.ndarray | None]:
    """Large red-ink regions of a colour page, and the (dilated) mask of their ink."""
    import cv2

    if image.mode != "RGB":
        return [], None
    # Every 4th pixel first, sampled by PIL: a page with not one red pixel there has no
    # red stamp (a stamp is thousands of pixels: the bar below is 0.05 % of the page), and
    # the page's colour array and masks, ~80 MB at 300 DPI, are never made.
    sample = image.resize((max(1, image.width // 4), max(1, image.height // 4)), Image.Resampling.NEAREST)
    if not _red_mask(np.asarray(sample)).any():
        return [], None
    rgb = np.asarray(image)
    mask = _red_mask(rgb)
    if mask.mean() < 0.0005:
        return [], None
    # Close the gaps of a seal's ring text and an arrival stamp's letters into one region.
    k = max(3, dpi // 20)
    closed = cv2.dilate(mask.astype(np.uint8), np.ones((k, k), np.uint8))
    n, _labels, stats = label_components(closed)
    stamps: list[Stamp] = []
    keep = np.zeros_like(mask)
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if max(w, h) < _MIN_STAMP_IN * dpi or min(w, h) < 0.25 * dpi:
            continue  # a red heading or a red underline: text, not a stamp
        stamps.append(Stamp((int(x), int(y), int(x + w), int(y + h)), "red"))
        keep[y : y + h, x : x + w] |= mask[y : y + h, x : x + w]
    if not stamps:
        return [], None
    return stamps, cv2.dilate(keep.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)


def remove_red_stamps(image: Image.Image, mask: np.ndarray) -> Image.Image:
    """``image`` with the stamps' red ink replaced by its red channel (near paper white)."""
    rgb = np.asarray(image).copy()
    red = rgb[..., 0][mask]
    rgb[mask] = np.stack([red, red, red], axis=-1)
    return Image.fromarray(rgb, "RGB")


def _ring_in(
    small: np.ndarray, ink: np.ndarray, dpi_s: float, *, every: bool = False
) -> list[tuple[int, int, int]]:
    """A seal's ring in ``small`` (a crop around a large component at ~100 DPI): a circle of
    0.35-1.1 inch radius whose circumference is inked nearly all round (text is not). With
    ``every``, each such ring (seals stamped over each other), else the first one found."""
    import cv2

    circles = cv2.HoughCircles(
        cv2.GaussianBlur(small, (5, 5), 1.5),
        cv2.HOUGH_GRADIENT,
        dp=2,
        minDist=int(0.5 * dpi_s),
        param1=120,
        param2=40,
        minRadius=int(0.35 * dpi_s),
        maxRadius=int(1.1 * dpi_s),
    )
    if circles is None:
        return []
    inked = cv2.dilate(ink, np.ones((3, 3), np.uint8)).astype(bool)
    theta = np.linspace(0, 2 * np.pi, 240, endpoint=False)
    h, w = ink.shape

    def ring_at(x: float, y: float, radius: float) -> bool:
        xs = (x + radius * np.cos(theta)).astype(int)
        ys = (y + radius * np.sin(theta)).astype(int)
        inside = (xs >= 0) & (ys >= 0) & (xs < w) & (ys < h)
        return bool(inside.mean() > 0.9 and inked[ys[inside], xs[inside]].mean() > _RING_INKED)

    rings: list[tuple[int, int, int]] = []
    for x, y, r in circles[0][:10]:
        if not any(ring_at(x, y, radius) for radius in np.arange(r - 4, r + 5, 1.0)):
            continue
        if every:
            # Hough keeps one circle per centre, perhaps a seal's inner ring: its outer one.
            outer = [radius for radius in np.arange(r + 5, 1.1 * dpi_s, 1.0) if ring_at(x, y, radius)]
            r = max(outer, default=r)
        rings.append((int(x), int(y), int(r)))
        if not every:
            break
    return rings


def _tilted_box(comp: np.ndarray, dpi_s: float, hidden: np.ndarray | None) -> bool:
    """``comp`` (a component's pixels) is a box of arrival-stamp size, perhaps stamped a few
    degrees askew: ink along the four edges of its smallest turned rectangle, or print there
    (``hidden``: where print may hide the stamp's ink)."""
    import cv2

    ys, xs = np.nonzero(comp)
    (cx, cy), (rw, rh), angle = cv2.minAreaRect(np.column_stack([xs, ys]).astype(np.float32))
    if rw < rh:
        rw, rh, angle = rh, rw, angle - 90
    angle = (angle + 45) % 90 - 45
    if not (1.0 <= rw / dpi_s <= 3.5 and 0.35 <= rh / dpi_s <= 1.4 and abs(angle) <= 10):
        return False
    turn = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    turn[:, 2] += np.array([rw / 2 - cx, rh / 2 - cy])
    seen = comp if hidden is None else comp | hidden
    flat = cv2.warpAffine(seen.astype(np.uint8), turn, (int(rw) + 1, int(rh) + 1)) > 0
    edges = (
        flat[:4].any(axis=0).mean(),
        flat[-4:].any(axis=0).mean(),
        flat[:, :4].any(axis=1).mean(),
        flat[:, -4:].any(axis=1).mean(),
    )
    # One edge may be cut by the print crossing it (taken away with the print).
    return sorted(edges)[1] > 0.6


def find_grey_stamps(
    gray: np.ndarray, dpi: int, *, ink_only: bool = False, hidden: np.ndarray | None = None
) -> list[Stamp]:
    """Round seals (rings) and arrival-stamp boxes on a grey page. ``ink_only``: ``gray``
    holds nothing but stamp ink (print taken away), so a dense seal and a box stamped askew
    count too; ``hidden``: where the print was (it may hide a ring's or a box's ink)."""
    import cv2

    h, w = gray.shape
    scale = min(1.0, 100 / max(dpi, 1))  # work at ~100 DPI: fast, and enough for shapes
    small = (
        cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
        if scale < 1
        else gray
    )
    dpi_s = dpi * scale
    # Pale stamp ink (a red box scanned grey, thin strokes averaged down to 100 DPI) counts.
    ink = (small < 180).astype(np.uint8)
    under = None
    if hidden is not None:
        under = cv2.resize(hidden.astype(np.uint8) * 255, small.shape[::-1], interpolation=cv2.INTER_AREA) > 0
    if ink_only:
        # Stamp ink alone: a ring or a box cut in pieces by the print crossing it is one
        # stamp. Pieces within a line's height are joined (the boxes shrunk back, each
        # piece's own pixels kept).
        k = int(0.2 * dpi_s) | 1
        n, labels, stats = label_components(cv2.dilate(ink, np.ones((k, k), np.uint8)), connectivity=8)
        labels = np.where(ink > 0, labels, 0)
        stats[:, :2] = np.minimum(stats[:, :2] + k // 2, small.shape[::-1])
        stats[:, 2:4] = np.maximum(stats[:, 2:4] - 2 * (k // 2), 1)
        stats[:, 4] = np.bincount(labels.ravel(), minlength=n)
    else:
        n, labels, stats = label_components(ink)
    # Only a component of a box's or a seal's size can be one: the tests below, done on every
    # component at once and a little looser (they are all made again, exactly, in the loop),
    # spare a Python loop over a page's thousands of glyphs (~0.04 s a page).
    sw, sh = stats[:, 2] * 1.01, stats[:, 3] * 1.01
    fills = stats[:, 4] / np.maximum(1, stats[:, 2] * stats[:, 3])
    box_sized = (sw >= dpi_s) & (sw <= 3.6 * dpi_s) & (sh >= 0.34 * dpi_s) & (sh <= 1.45 * dpi_s)
    seal_sized = (np.minimum(sw, sh) >= 0.69 * dpi_s) & (np.maximum(sw, sh) <= 5.1 * dpi_s)
    if not ink_only:
        box_sized &= fills < 0.21
        seal_sized &= fills < 0.36
    stamps: list[Stamp] = []
    for i in np.flatnonzero(box_sized | seal_sized).tolist():
        if i == 0:
            continue  # the background
        x, y, cw, ch, area = stats[i]
        fill = area / max(1, cw * ch)
        box = Stamp((int(x / scale), int(y / scale), int((x + cw) / scale), int((y + ch) / scale)), "box")

        def is_box(
            i: int = i, x: int = x, y: int = y, cw: int = cw, ch: int = ch, fill: float = fill
        ) -> bool:
            # On stamp ink alone an arrival stamp's box holds its labels and the hand-written
            # number and date: with a double border and a bold "ĐẾN" that is a fifth of it or
            # more (0.21, ttr_btnmt_luat_dcks p1 in bench real, whose "Chuyển:" was read into
            # the text); on the whole page's ink a fifth is the most a frame holds.
            if not (
                1.0 <= cw / dpi_s <= 3.5
                and 0.35 <= ch / dpi_s <= 1.4
                and fill < (0.3 if ink_only else 0.2)
                and y / small.shape[0] < 0.45
            ):
                return False
            # A box: ink along its four edges (the border, perhaps dotted), little inside.
            comp = labels[y : y + ch, x : x + cw] == i
            edges = (
                comp[:3].any(axis=0).mean(),
                comp[-3:].any(axis=0).mean(),
                comp[:, :3].any(axis=1).mean(),
                comp[:, -3:].any(axis=1).mean(),
            )
            return min(edges) > 0.6 or (
                ink_only
                and _tilted_box(comp, dpi_s, None if under is None else under[y : y + ch, x : x + cw])
            )

        if ink_only and is_box():
            # On stamp ink alone a box is looked for first: a circle through an arrival
            # stamp's hand-written digits, its border and the print crossing it (counted as
            # hidden ink) passed for a seal, and the box was never found (bench real,
            # tb_ubnd_quangngai_565 p1: its words read into the title).
            stamps.append(box)
            continue
        if min(cw, ch) >= 0.7 * dpi_s and max(cw, ch) <= 5 * dpi_s and (fill < 0.35 or ink_only):
            # Large and open: perhaps a seal, often joined to the signature's text and scrawl.
            m = int(0.1 * dpi_s)
            y0, x0 = max(0, y - m), max(0, x - m)
            rings = _ring_in(
                np.ascontiguousarray(small[y0 : y + ch + m, x0 : x + cw + m]),
                ink[y0 : y + ch + m, x0 : x + cw + m]
                | (0 if under is None else under[y0 : y + ch + m, x0 : x + cw + m]),
                dpi_s,
                every=ink_only,
            )
            for rx, ry, r in rings:
                cx, cy = rx + x0, ry + y0
                stamps.append(
                    Stamp(
                        (
                            int((cx - r) / scale),
                            int((cy - r) / scale),
                            int((cx + r) / scale),
                            int((cy + r) / scale),
                        ),
                        "ring",
                    )
                )
            if rings:
                continue
        if not ink_only and is_box():
            stamps.append(box)
    return stamps


def _grey_stamp_ink(gray: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Ink of a grey page that is clearly lighter than its print and not the soft edge of a
    printed stroke: a coloured stamp scanned grey (red ink mid-grey, print black). None when
    the page has no dark print to tell it from (a faded or all-grey page: nothing is taken).
    Also where the print is, with its soft edges (it hides a stamp's ink it crosses), and all
    but the print (what may be cleared inside a stamp found)."""
    import cv2

    # Ink is under 200. The 20th percentile of its grey levels, from the page's histogram
    # (a sort of every ink pixel cost five times as much, a mask of it twice as much).
    counts = np.cumsum(cv2.calcHist([gray], [0], None, [200], [0, 200]).ravel().astype(np.int64))
    if counts[-1] < 0.001 * gray.size:
        return None
    print_level = float(np.searchsorted(counts, 0.2 * counts[-1]))
    if print_level > _PRINT_MAX:
        return None
    # Masks as 0/1 bytes from OpenCV's thresholds (viewed as bool where a mask is wanted):
    # the page is 8.7 million pixels at 300 DPI, and every numpy temporary costs a pass.
    limit = min(print_level + _STAMP_LIGHTER, 2 * _PRINT_MAX)
    _t, dark = cv2.threshold(gray, math.ceil(limit) - 1, 1, cv2.THRESH_BINARY_INV)  # gray < limit
    near_print = cv2.dilate(dark, np.ones((5, 5), np.uint8))
    _t, ink = cv2.threshold(gray, 199, 1, cv2.THRESH_BINARY_INV)  # gray < 200
    stamp = cv2.subtract(ink, near_print)  # ink not near print
    if cv2.countNonZero(stamp) < _MIN_LIGHT_INK * (dpi / 100) ** 2:
        return None
    # Specks left of the print's soft edges are not a stamp's strokes.
    _n, labels, stats = label_components(stamp)
    big = stats[:, cv2.CC_STAT_AREA] >= _SPECK
    big[0] = False
    if not big.any():
        return None
    # Inside a stamp all but the print may go (the last mask): its ink touching the letters
    # left as specks would change their shapes (the print only loses a soft edge there).
    return _components_mask(labels, stats, big), near_print.view(bool), dark == 0


def _components_mask(labels: np.ndarray, stats: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Where ``labels`` is one of the components ``keep`` marks: drawn in each one's box
    when the boxes are small beside the page (a page's light ink is often a few dozen
    strokes: ~1 ms instead of ~25 ms for a look-up of every pixel of an A4 page at 300 DPI)."""
    ids = np.flatnonzero(keep)
    boxes = int((stats[ids, 2].astype(np.int64) * stats[ids, 3]).sum())
    if len(ids) > 500 or boxes > labels.size // 8:
        return keep[labels]
    mask = np.zeros(labels.shape, bool)
    for i in ids.tolist():
        x, y, w, h = (int(v) for v in stats[i, :4])
        mask[y : y + h, x : x + w] |= labels[y : y + h, x : x + w] == i
    return mask


def find_grey_ink_stamps(gray: np.ndarray, dpi: int) -> tuple[list[Stamp], np.ndarray | None]:
    """Seals and arrival boxes of a grey page drawn in ink lighter than its print (a red
    stamp scanned grey), found on that ink alone: print crossing a stamp neither hides its
    ring or box nor joins it to the text. Also the mask of the stamps' ink inside their boxes
    (what :func:`remove_grey_stamps` clears before the page is read)."""
    found = _grey_stamp_ink(gray, dpi)
    if found is None:
        return [], None
    light, near_print, beside = found
    only = np.where(light, np.uint8(0), np.uint8(255))  # uint8 at once: no int64 page
    stamps = find_grey_stamps(only, dpi, ink_only=True, hidden=near_print)
    if not stamps:
        return [], None
    import cv2

    # The stamp's ink beyond the shape found (a ring found inside a seal's outer edge, a
    # second seal stamped over the first): the light ink joined to it, when no larger than
    # the stamp by half, goes too.
    k = int(0.2 * dpi) | 1
    _n, groups, stats = label_components(
        cv2.dilate(light.astype(np.uint8), np.ones((k, k), np.uint8)), connectivity=8
    )
    keep = np.zeros_like(light)
    m = max(2, dpi // 15)  # a ring is found to a few pixels at ~100 DPI
    h, w = light.shape
    for stamp in stamps:
        x0, y0, x1, y1 = stamp.bbox
        x0, y0, x1, y1 = max(0, x0 - m), max(0, y0 - m), min(w, x1 + m), min(h, y1 + m)
        keep[y0:y1, x0:x1] |= beside[y0:y1, x0:x1] & (gray[y0:y1, x0:x1] < 200)
        bw, bh = (x1 - x0) // 2, (y1 - y0) // 2
        for g in np.unique(groups[y0:y1, x0:x1][light[y0:y1, x0:x1]]):
            gx, gy, gw, gh, _area = stats[g]
            if gx >= x0 - bw and gy >= y0 - bh and gx + gw <= x1 + bw and gy + gh <= y1 + bh:
                part = (slice(gy, gy + gh), slice(gx, gx + gw))
                keep[part] |= light[part] & (groups[part] == g)
    # The stamp's strokes' own pale rims, which would be left as a ghost of it.
    keep |= cv2.dilate(keep.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & beside
    return stamps, keep


def remove_grey_stamps(image: Image.Image, mask: np.ndarray) -> Image.Image:
    """Grey ``image`` with the stamps' ink (``mask``) made paper, and the print under it
    given back its own grey levels: a stamp's ink darkens what is under it by the share it
    lets through, so the print it crosses is divided by that share, taken from the stamp's
    ink around the letters (inpainted over them)."""
    import cv2

    gray = np.asarray(image)
    a = gray.copy()
    paper = int(np.percentile(a, 95))
    a[mask] = paper
    if not mask.any():
        return Image.fromarray(a, "L")
    # The stamp's darkest ink on paper: anything darker inside it is print (a thin stroke of
    # it is as light as a stamp's ink only where the stamp crosses it).
    level = float(np.percentile(gray[mask], _STAMP_DARKEST)) - _STAMP_MARGIN
    printed = cv2.dilate((gray < level).astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    zone = cv2.dilate(mask.astype(np.uint8), np.ones((9, 9), np.uint8))
    n, _labels, stats = label_components(zone, connectivity=8)
    h, w = gray.shape
    for i in range(1, n):
        x, y, cw, ch, _area = stats[i]
        x0, y0, x1, y1 = max(0, x - 8), max(0, y - 8), min(w, x + cw + 8), min(h, y + ch + 8)
        part = (slice(y0, y1), slice(x0, x1))
        under = printed[part] & (zone[part] > 0)
        if not under.any():
            continue
        g = gray[part]
        # What the stamp alone lets through: its ink where it is seen, paper elsewhere.
        layer = np.where(mask[part], np.minimum(g, paper), paper).astype(np.uint8)
        through = cv2.inpaint(layer, under.astype(np.uint8), 1, cv2.INPAINT_NS)
        restored = np.clip(g.astype(np.float32) * paper / np.maximum(through, 1), 0, paper)
        a[part][under] = restored.astype(np.uint8)[under]
    return Image.fromarray(a, "L")


def stamp_ink_image(image: Image.Image, mask: np.ndarray) -> Image.Image:
    """Only the stamps' ink of grey ``image`` (``mask``), on white: what a stamp itself says."""
    a = np.full(mask.shape, 255, np.uint8)
    a[mask] = np.asarray(image)[mask]
    return Image.fromarray(a, "L")


def _inside(word: Word, stamp: Stamp) -> bool:
    """The word's centre is inside the stamp: its box, or for a ring its circle (a word in
    the box's corner, outside the seal, is the page's)."""
    box = stamp.bbox
    cx = (word.bbox[0] + word.bbox[2]) / 2
    cy = (word.bbox[1] + word.bbox[3]) / 2
    if stamp.shape == "ring":
        r = (box[2] - box[0]) / 2
        return (cx - (box[0] + r)) ** 2 + (cy - (box[1] + box[3]) / 2) ** 2 <= r * r
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _arrival_label(word: Word) -> bool:
    letters = "".join(c for c in fold(word.text) if c.isalpha())
    return letters in _ARRIVAL_LABELS


def _printed_frame(page: Page, stamp: Stamp) -> bool:
    """A box whose words are print: no arrival-stamp label in it ("ĐẾN", "Số", "Ngày",
    "Giờ", "Chuyển", "Lưu"), and a word of letters read surely. A printed frame of the
    document's own ("DỰ THẢO" beside the title of a draft) has the shape of an arrival stamp
    under the number; its words are the page's (Nghị định 30/2020 prints the mark on the
    draft itself)."""
    words = [
        w for b in page.blocks if b.kind != "stamp" for ln in b.lines for w in ln.words if _inside(w, stamp)
    ]
    if any(_arrival_label(w) for w in words):
        return False
    return any(
        w.confidence >= _PRINT_WORD_CONFIDENCE and sum(c.isalpha() for c in w.text) >= 3 for w in words
    )


def _print_word(word: Word) -> bool:
    """Reads as a printed word: three letters or more and at most one other sign, not
    hopeless. Under a seal cleared before reading, that is print read a little unsure (a
    name under the seal, 0.54: bench real, ttr_btc_luat_kdbh p3); what is left of the seal
    reads as one or two letters among signs."""
    letters = sum(c.isalpha() for c in word.text)
    return letters >= 3 and len(word.text) - letters <= 1 and word.confidence >= _CLEARED_WORD_CONFIDENCE


def take_stamp_words(page: Page, stamps: list[Stamp], *, record: bool = True, cleared: bool = False) -> Page:
    """Words of ``page`` that are the stamps' moved into ``stamp`` blocks (one per stamp).
    A box that is a printed frame (:func:`_printed_frame`) is no stamp: its words stay.
    ``record``: each stamp's box a step of the page (not when another step records it).
    ``cleared``: the stamps' ink was taken off the page before reading, so a word that reads
    as print inside a ring is the page's (:func:`_print_word`)."""
    stamps = [s for s in stamps if s.shape != "box" or not _printed_frame(page, s)]
    if not stamps:
        return page
    taken: list[list[Word]] = [[] for _ in stamps]
    blocks = []
    for block in page.blocks:
        if block.kind == "stamp":
            blocks.append(block)
            continue
        lines = []
        for line in block.lines:
            kept = []
            for word in line.words:
                for n, stamp in enumerate(stamps):
                    if _inside(word, stamp) and (
                        stamp.shape != "ring"
                        or (word.confidence < _SEAL_WORD_CONFIDENCE and not (cleared and _print_word(word)))
                    ):
                        taken[n].append(word)
                        break
                else:
                    kept.append(word)
            if kept:
                lines.append(Line(tuple(kept)))
        if lines:
            blocks.append(replace(block, lines=tuple(lines)))
    for words in taken:
        if words:
            blocks.append(Block((Line(tuple(words)),), "stamp"))
    # Each stamp's box is a step of its own, read or not ("stamp:ring:x0,y0,x1,y1").
    steps = tuple(f"stamp:{s.shape}:" + ",".join(map(str, s.bbox)) for s in stamps) if record else ()
    return replace(page, blocks=tuple(blocks), steps=page.steps + steps)


def read_red_stamps(
    page: Page, original: Image.Image, stamps: list[Stamp], scale: float, settings: OcrSettings
) -> Page:
    """The red stamps' own text, read by Tesseract from the green channel of ``original``
    (red ink is dark there), as ``stamp`` blocks; boxes scaled by ``scale`` to the page's
    pixels (the page was read upscaled, never turned, when it had red stamps: see caller)."""
    green = Image.fromarray(np.ascontiguousarray(np.asarray(original)[..., 1]), "L")
    return read_stamps(page, green, stamps, scale, settings)


def read_stamps(
    page: Page, ink: Image.Image, stamps: list[Stamp], scale: float, settings: OcrSettings
) -> Page:
    """The stamps' own text, read by Tesseract from the grey ``ink`` (the stamps' ink dark,
    at the page's size as it came), as ``stamp`` blocks; boxes scaled by ``scale`` to the
    page's pixels (such a page was read never turned: see caller)."""
    from ocr.tesseract import blocks_from_tsv, parse_tsv, run_tesseract

    gray = np.asarray(ink)
    blocks = list(page.blocks)
    for stamp in stamps:
        x0, y0, x1, y1 = stamp.bbox
        crop = Image.fromarray(np.ascontiguousarray(gray[y0:y1, x0:x1]), "L")
        tsv = run_tesseract(crop, round(page.dpi / scale), replace(settings, psm=6))["tsv"]
        words = [
            Word(
                w.text,
                (
                    int((w.bbox[0] + x0) * scale),
                    int((w.bbox[1] + y0) * scale),
                    int((w.bbox[2] + x0) * scale),
                    int((w.bbox[3] + y0) * scale),
                ),
                w.confidence,
                w.engine,
            )
            for b in blocks_from_tsv(parse_tsv(tsv.decode("utf-8", "replace")))
            for line in b.lines
            for w in line.words
        ]
        if words:
            blocks.append(Block((Line(tuple(words)),), "stamp"))
    steps = tuple(f"stamp:{s.shape}:" + ",".join(str(int(v * scale)) for v in s.bbox) for s in stamps)
    return replace(page, blocks=tuple(blocks), steps=page.steps + steps)


__all__ = [
    "Stamp",
    "find_grey_ink_stamps",
    "find_grey_stamps",
    "find_red_stamps",
    "read_red_stamps",
    "read_stamps",
    "remove_grey_stamps",
    "remove_red_stamps",
    "stamp_ink_image",
    "take_stamp_words",
]
