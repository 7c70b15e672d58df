"""The signature block read again, alone, when a seal across it broke Tesseract's reading.

A seal pressed over the signer's title and name (NĐ 30/2020 Đ.33: over a third of the
signature, often over the words) draws a ring through them. Reading the whole page,
Tesseract's layout analysis takes the ring for a picture and cuts or drops the words near it:
"GIÁM ĐỐC" comes out "ÂM ĐỐC", "Trương Trung Hùng" as "ng Hùng", or the name is not there at
all. Read alone as one block of text (``--psm 6``: no picture to find), the same lines read
whole. So a signature block whose reading looks broken (a word Tesseract is unsure of, a line
set off the block's centre line: the lines are centred, NĐ 30/2020 PL I) or that has a grey
seal's ring beside it is cut out with the ring's area, from its left neighbour to its right
one, and read in one Tesseract run (all such blocks of the page on one sheet). A line read
anew replaces the old line at its height when it holds more letters, keeps every sure word of
the old (or its start or end: a word cut at the ring), and is sure enough; a line the page's
reading lost is added when it is surer still. Step ``signature_lines:N`` counts the lines
replaced or added.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from ocr.errors import OcrEngineError, OcrTimeoutError
from ocr.result import APART_KINDS, BBox, Block, Line, Page, Word
from ocr.settings import OcrSettings
from ocr.tesseract import read_stacked

# A word with a letter read less surely than this is a fragment of a cut word.
_UNSURE = 0.6
# A line whose centre is further than this many line heights from the block's centre line.
_OFF_CENTRE = 1.5
# A line read anew must be at least this sure (mean confidence of its words with a letter) to
# replace one; a line the page's reading lost, this sure and this long to be added.
_MIN_CONFIDENCE = 0.6
_LOST_LINE_CONFIDENCE = 0.8
# … and none of its words with a letter less sure than this.
_UNSURE_IN_NEW = 0.5
_LOST_LINE_LETTERS = 4
# Old words at least this sure and this long must be in the new reading (same line, read again).
_SURE_WORD = 0.85
_SURE_LETTERS = 3
# A ring this many line heights from the block or closer is the block's seal.
_RING_NEAR = 2.0
# A lost line: a band of ink rows at least this share of a read line's ink a row, at least
# this many line heights tall.
_LOST_ROW_SHARE = 0.25
_LOST_BAND = 0.5
_RING = re.compile(r"^stamp:ring:(\d+),(\d+),(\d+),(\d+)$")


def _letters(words: tuple[Word, ...] | list[Word]) -> int:
    return sum(c.isalpha() for w in words for c in w.text)


def _text_lines(block: Block) -> list[Line]:
    return [ln for ln in block.lines if _letters(ln.words) >= 2]


def _height(line: Line) -> int:
    hs = sorted(w.bbox[3] - w.bbox[1] for w in line.words)
    return max(1, hs[len(hs) // 2])


def looks_broken(block: Block) -> bool:
    """A signature block read with a word cut by something across it."""
    lines = _text_lines(block)
    if not lines:
        return False
    if any(w.confidence < _UNSURE and any(c.isalpha() for c in w.text) for ln in lines for w in ln.words):
        return True
    if len(lines) < 2:
        return False
    centres = sorted((ln.bbox[0] + ln.bbox[2]) / 2 for ln in lines)
    middle = centres[len(centres) // 2]
    return any(abs((ln.bbox[0] + ln.bbox[2]) / 2 - middle) > _OFF_CENTRE * _height(ln) for ln in lines)


def _rings(steps: tuple[str, ...]) -> list[BBox]:
    return [(int(m[1]), int(m[2]), int(m[3]), int(m[4])) for s in steps if (m := _RING.match(s)) is not None]


def _near(ring: BBox, box: BBox, gap: float) -> bool:
    return not (
        ring[2] < box[0] - gap or ring[0] > box[2] + gap or ring[3] < box[1] - gap or ring[1] > box[3] + gap
    )


def _region(page: Page, block: Block, rings: list[BBox], h: int, size: tuple[int, int]) -> BBox:
    """The block with its seal, from the nearest word left of it to the nearest right of it
    (not the image's last pixels: a turned page's corners are filled there)."""
    width, height = size
    boxes = [block.bbox, *rings]
    x0, y0 = min(b[0] for b in boxes), max(0, min(b[1] for b in boxes) - h // 2)
    x1, y1 = max(b[2] for b in boxes), min(height, max(b[3] for b in boxes) + h // 2)
    reach = max(block.bbox[2] - block.bbox[0], 8 * h)
    left, right = max(h, x0 - reach), min(width - h, x1 + reach)
    mine = {id(w) for ln in block.lines for w in ln.words}
    for other in page.blocks:
        if other.kind in APART_KINDS:
            continue  # a seal's own words lie across the signature: no neighbour column
        for ln in other.lines:
            for w in ln.words:
                cy = (w.bbox[1] + w.bbox[3]) / 2
                if id(w) in mine or not y0 <= cy <= y1:
                    continue
                if w.bbox[2] <= x0:
                    left = max(left, w.bbox[2] + h // 2)
                elif w.bbox[0] >= x1:
                    right = min(right, w.bbox[0] - h // 2)
    return min(left, x0), y0, max(right, x1), y1


def _bare(text: str) -> str:
    """Letters without their marks, lower case: a word cut at the ring keeps its end ("rấn" of
    "Trần") with a tone OCR guessed from what was left."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if c.isalnum())


def _sure(words: list[Word], at_least: float) -> bool:
    said = [w for w in words if any(c.isalpha() for c in w.text)]
    return bool(said) and sum(w.confidence for w in said) / len(said) >= at_least


def _trimmed(words: list[Word]) -> list[Word]:
    """Without the specks a ring's arc leaves at a line's ends ("N.", "_`"): a sign or two read
    unsurely."""
    words = list(words)
    while words and _speck(words[0]):
        words.pop(0)
    while words and _speck(words[-1]):
        words.pop()
    return words


def _speck(word: Word) -> bool:
    return sum(c.isalnum() for c in word.text) <= 2 and word.confidence < _SURE_WORD


def _better(old: Line, new: list[Word]) -> bool:
    if _letters(new) <= _letters(old.words) or not _sure(new, _MIN_CONFIDENCE):
        return False
    if any(w.confidence < _UNSURE_IN_NEW and any(c.isalpha() for c in w.text) for w in new):
        return False  # a word the ring still garbles ("Tr#ế"): the old reading is no worse
    texts = [_bare(w.text) for w in new]
    return all(
        any(t.endswith(_bare(w.text)) or t.startswith(_bare(w.text)) for t in texts)
        for w in old.words
        if w.confidence >= _SURE_WORD and sum(c.isalpha() for c in w.text) >= _SURE_LETTERS
    )


def _overlap(a: BBox, b: BBox) -> float:
    """How much of the lower of two boxes' heights they share."""
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared / max(1, min(a[3] - a[1], b[3] - b[1]))


def _merged(block: Block, new_lines: list[list[Word]]) -> tuple[Block, int]:
    """The block with the lines read anew in place of the old at their height, and the lost ones
    added; how many lines changed."""
    lines = list(block.lines)
    changed = 0
    for words in map(_trimmed, new_lines):
        if not words:
            continue
        new = Line(tuple(sorted(words, key=lambda w: w.bbox[0])))
        # (the line of a line's height: a signature's stroke beside it is no line of text)
        at = [
            i for i, ln in enumerate(lines) if _letters(ln.words) >= 2 and _overlap(ln.bbox, new.bbox) > 0.5
        ]
        if at:
            i = max(at, key=lambda j: _overlap(lines[j].bbox, new.bbox))
            if _better(lines[i], words):
                lines[i] = new
                changed += 1
        elif _letters(words) >= _LOST_LINE_LETTERS and _sure(words, _LOST_LINE_CONFIDENCE):
            lines.append(new)
            changed += 1
    lines.sort(key=lambda ln: ln.bbox[1])
    return replace(block, lines=tuple(lines)), changed


def _lost_rows(gray: np.ndarray, region: BBox, block: Block, h: int) -> list[tuple[int, int]]:
    """Bands of print-dark ink in the block's column that no line of it covers: lines the page's
    reading lost. A seal's ring adds a few pixels to a row (its top and bottom arcs a band too
    thin for a line); a line of print adds many."""
    import cv2

    x0, y0, x1, y1 = region
    cx0, cx1 = max(x0, block.bbox[0] - 2 * h), min(x1, block.bbox[2] + 2 * h)
    crop = gray[y0:y1, cx0:cx1]
    if crop.size == 0:
        return []
    level = cv2.threshold(np.ascontiguousarray(crop), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0]
    profile = (crop < level).sum(axis=1)
    covered = np.zeros(len(profile), bool)
    text_rows = []
    for ln in block.lines:
        a, b = max(0, ln.bbox[1] - y0 - h // 4), max(0, ln.bbox[3] - y0 + h // 4)
        covered[a:b] = True
        text_rows.extend(profile[max(0, ln.bbox[1] - y0) : max(0, ln.bbox[3] - y0)])
    if not text_rows:
        return []
    enough = max(8.0, _LOST_ROW_SHARE * float(np.median(text_rows)))
    inked = (profile >= enough) & ~covered
    bands, start = [], None
    for y, on in enumerate([*inked, False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if y - start >= _LOST_BAND * h:
                bands.append((y0 + start, y0 + y))
            start = None
    return bands


def reread_signature_lines(
    page: Page,
    gray: np.ndarray,
    settings: OcrSettings,
    unstamped: Callable[[], np.ndarray | None] | None = None,
) -> Page:
    """``page`` with its signature blocks read again where broken or sealed (module doc); from
    ``unstamped()`` (the page with its stamps left on) where a stamp was cleared before
    reading: clearing the ring cleared the strokes of the words it crossed."""
    rings = _rings(page.steps)
    height_px, width_px = gray.shape[:2]
    regions: list[tuple[int, BBox, int]] = []
    for i, block in enumerate(page.blocks):
        lines = _text_lines(block)
        if block.kind != "signature" or not lines:
            continue
        h = sorted(_height(ln) for ln in lines)[len(lines) // 2]
        near = [r for r in rings if _near(r, block.bbox, _RING_NEAR * h)]
        if near or looks_broken(block):
            regions.append((i, _region(page, block, near, h, (width_px, height_px)), h))
    if not regions:
        return page
    whole = unstamped() if unstamped is not None else None
    if whole is not None and whole.shape[:2] == gray.shape[:2]:
        gray = whole
    # One strip a line: read alone, a line of print reads through a ring crossing it, where a
    # block of several lines with a seal's star and a signature's strokes among them does not.
    strips: list[tuple[int, BBox]] = []
    for i, (x0, y0, x1, y1), h in regions:
        rows = [(ln.bbox[1], ln.bbox[3]) for ln in _text_lines(page.blocks[i])]
        rows += _lost_rows(gray, (x0, y0, x1, y1), page.blocks[i], h)
        for top, bottom in rows:
            strips.append((i, (x0, max(0, top - h // 3), x1, min(height_px, bottom + h // 3))))
    crops = [
        (k, (x0, y0), gray[y0:y1, x0:x1])
        for k, (_, (x0, y0, x1, y1)) in enumerate(strips)
        if x1 - x0 > 2 and y1 - y0 > 2
    ]
    if not crops:
        return page
    try:
        read_lines = read_stacked(crops, page.dpi, settings)
    except (OcrEngineError, OcrTimeoutError):
        return replace(page, steps=(*page.steps, "signature_lines_failed"))
    read: dict[int, list[Word]] = {}
    for k, ln in read_lines:
        _, (x0, _, x1, _) = strips[k]
        read.setdefault(k, []).extend(
            w
            for w in ln.words
            # not a sign of the ring's, nor a piece the strip's end cut (a neighbour's, the border's)
            if any(c.isalnum() for c in w.text) and w.bbox[0] > x0 + 1 and w.bbox[2] < x1 - 1
        )
    new: dict[int, list[list[Word]]] = {}
    for k, words in read.items():
        if words:
            new.setdefault(strips[k][0], []).append(words)
    out = list(page.blocks)
    changed = 0
    for i, block_lines in new.items():
        out[i], n = _merged(out[i], block_lines)
        changed += n
    if not changed:
        return page
    return replace(page, blocks=tuple(out), steps=(*page.steps, f"signature_lines:{changed}"))


__all__ = ["looks_broken", "reread_signature_lines"]
