"""Ellipses told from three full stops by the spacing of their dots.

Tesseract reads the ellipsis "…" (U+2026) as three full stops "...". Vietnamese agency
documents are typed in word processors that write "…" for a placeholder ("ngày…tháng…năm",
"số……/TTr-BNNMT") and for an open list ("Hà Nội…"), and authors also type "..." by hand; on
the 50 real pages of ``bench real`` the text layers hold 78 runs of "…" and 17 of "...". The
two differ on the page: the ellipsis spreads its three dots over one em (a dot every 1/3 em,
4.3-4.7 pt in the 13-14 pt type of Nghị định 30/2020/NĐ-CP), three full stops sit a quarter
em apart (3.3-3.5 pt). Measured on those pages at 200 DPI: 13 px between the dots of every
"…", 9.5-10.5 px between those of every "...".

So for each word read with three dots or more, its dots are found in the page's pixels
(small round blobs on one baseline, a regular row of them) and each run is written again from
its spacing: three dots an ellipsis apart are "…", the rest stay full stops
(``số………..`` keeps the two stops typed after three ellipses). Where the dots cannot be
found or counted as read, the word stays as Tesseract read it. A word changed gets the engine
mark ``+ellipsis`` and the page the step ``ellipsis:<words>``. Type smaller than 12 pt puts an
ellipsis's dots under the threshold: it is left as full stops, as before.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

import cv2
import numpy as np

from ocr.components import label_components
from ocr.result import Block, Line, Page, Word

ELLIPSIS = "\u2026"
# Provenance of a word whose dots were rewritten.
ELLIPSIS_ENGINE_SUFFIX = "+ellipsis"
# Dots at least this far apart (in points, centre to centre) are an ellipsis's: between a
# full stop's quarter em (3.5 pt at 14 pt; 3.8 pt measured) and an ellipsis's third of an em
# (4.4-4.7 pt at 13-14 pt). In italic the two are alike (10.4 against 9.7 px at 14 pt, 200 DPI): an
# italic ellipsis stays three full stops.
ELLIPSIS_MIN_PITCH_PT = 4.1
# A run of dots breaks at a gap wider than this (an ellipsis's pitch at 16 pt is 5.3 pt).
_MAX_PITCH_PT = 6.0
# A dot is this size (points; a full stop at 10-16 pt is ~1-2 pt across).
_DOT_MIN_PT, _DOT_MAX_PT = 0.6, 2.8
_DOTS = re.compile(r"\.{3,}")


def _dot_centres(crop: np.ndarray, dpi: int) -> list[tuple[float, float]]:
    """(x, bottom) of the dot-like blobs in a word's crop, left to right, on one baseline."""
    if crop.size == 0:
        return []
    low, high = int(crop.min()), int(crop.max())
    if high - low < 40:
        return []
    ink = (crop < (low + high) / 2).astype(np.uint8)
    count, _, stats = label_components(ink)
    pt = dpi / 72
    lo, hi = max(1.0, _DOT_MIN_PT * pt), _DOT_MAX_PT * pt
    blobs = []
    for i in range(1, count):
        w, h, area = stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT], stats[i, cv2.CC_STAT_AREA]
        # round and filled: a full stop, not a stroke's end or a comma
        if (
            lo <= w <= hi
            and lo <= h <= hi
            and abs(int(w) - int(h)) <= max(2, 0.4 * max(w, h))
            and area >= 0.5 * w * h
        ):
            # the box's centre: a dot is round, its centroid the same within half a pixel
            left = stats[i, cv2.CC_STAT_LEFT]
            blobs.append((float(left + (w - 1) / 2), float(stats[i, cv2.CC_STAT_TOP] + h)))
    if len(blobs) < 3:
        return []
    # On the baseline most of them share: a letter's dot (i, the nặng tone's dot) is off it.
    base = statistics.median(b[1] for b in blobs)
    return sorted(b for b in blobs if abs(b[1] - base) <= max(2.0, 0.8 * pt))


def _runs(xs: list[float], dpi: int) -> list[list[float]]:
    """The dots' x grouped into runs: a gap wider than an ellipsis's pitch ends a run."""
    runs: list[list[float]] = []
    for x in xs:
        if runs and x - runs[-1][-1] <= _MAX_PITCH_PT * dpi / 72:
            runs[-1].append(x)
        else:
            runs.append([x])
    return [r for r in runs if len(r) >= 3]


def _spelled(run: list[float], dpi: int) -> str:
    """A run of dots written out: each three an ellipsis's pitch apart are "…", others ".".
    Both gaps inside a triple must be wide: a full stop typed after an ellipsis stays one."""
    wide = ELLIPSIS_MIN_PITCH_PT * dpi / 72
    out, i = [], 0
    while i < len(run):
        if i + 2 < len(run) and run[i + 1] - run[i] >= wide and run[i + 2] - run[i + 1] >= wide:
            out.append(ELLIPSIS)
            i += 3
        else:
            out.append(".")
            i += 1
    return "".join(out)


def respell_word(word: Word, gray: np.ndarray, dpi: int) -> Word:
    """``word`` with its runs of dots written as the page shows them (unchanged if unsure)."""
    text_runs = list(_DOTS.finditer(word.text))
    if not text_runs:
        return word
    x0, y0, x1, y1 = word.bbox
    # The box of a word of dots alone is the dots' height: take the line's height around it.
    pad = max(4, int(0.1 * dpi))
    crop = gray[max(0, y0 - pad) : y1 + pad, max(0, x0) : x1]
    runs = _runs([x for x, _ in _dot_centres(crop, dpi)], dpi)
    # Each run of dots read must be a run found, with as many dots: else the reading and the
    # pixels do not agree on what is there, and the reading is kept.
    if len(runs) != len(text_runs) or any(
        len(r) != len(m.group()) for r, m in zip(runs, text_runs, strict=True)
    ):
        return word
    text, end, pieces = word.text, 0, []
    for run, match in zip(runs, text_runs, strict=True):
        pieces += [text[end : match.start()], _spelled(run, dpi)]
        end = match.end()
    pieces.append(text[end:])
    new = "".join(pieces)
    if new == word.text:
        return word
    return replace(word, text=new, engine=word.engine + ELLIPSIS_ENGINE_SUFFIX)


def restore_ellipses(page: Page, gray: np.ndarray) -> Page:
    """``page`` with the ellipses it shows written "…" (step ``ellipsis:<words>``); ``gray`` is
    the page as read, in the pixels of its boxes."""
    changed = 0
    blocks: list[Block] = []
    for block in page.blocks:
        lines = []
        for line in block.lines:
            words = []
            for word in line.words:
                new = respell_word(word, gray, page.dpi) if "..." in word.text else word
                changed += new is not word
                words.append(new)
            lines.append(Line(tuple(words)))
        blocks.append(replace(block, lines=tuple(lines)))
    if not changed:
        return page
    return replace(page, blocks=tuple(blocks), steps=(*page.steps, f"ellipsis:{changed}"))


__all__ = ["ELLIPSIS", "ELLIPSIS_MIN_PITCH_PT", "respell_word", "restore_ellipses"]
