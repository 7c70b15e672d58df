"""Numbers written one character a box (a form's ID in a comb of printed cells).

Tesseract reads such a row as one word with the cells' rules in it ('01:91:61] 7.7):9/14]'),
so the digits and the rules are hard to tell apart afterwards. Here the comb is found from
its rules on the page, each cell's ink is cut out alone, and every cell is read as one
character by the engines that read single crops (PP-OCR, the second engine) and by
Tesseract on the cells set side by side without their rules. The row's words in the page
are then replaced by the digits, when every cell gave a digit the readings agree on.
"""

from __future__ import annotations

import itertools
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from ocr.engines import Reader, line_readers
from ocr.result import BBox, Line, Page, Word


@dataclass(frozen=True)
class Comb:
    """A row of printed cells: the row's box and each cell's inside (rules excluded)."""

    bbox: BBox
    cells: tuple[BBox, ...]


def find_combs(gray: np.ndarray, dpi: int) -> list[Comb]:
    """The rows of at least six equal printed cells on the page, found by their vertical
    rules: seven or more thin strokes of one height, top and bottom level, evenly spaced.
    (The horizontal rules are not relied on: the leader eraser may have taken them.)"""
    if gray.size == 0 or dpi <= 0:
        return []
    if dpi >= 250:
        # Most pages hold no comb: a fine page is looked at half size first (~15 against
        # ~38 ms of CPU at 300 DPI; it found a comb on every one of 279 form and card pages
        # of dev seeds 213-217 where the full size did), and in full only when one is there.
        half = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
        if not _combs(half, dpi // 2):
            return []
    return _combs(gray, dpi)


def _combs(gray: np.ndarray, dpi: int) -> list[Comb]:
    paper = int(np.median(gray[::4, ::4]))  # a sample is enough, and 20x quicker
    # Box rules are often drawn light and grainy: smoothed along the rule, then anything a
    # little darker than the paper is the rule's.
    dark = max(0, paper - 28)
    ink = (cv2.blur(gray, (1, max(3, round(dpi * 0.03)))) < dark).astype(np.uint8)
    tall = max(8, round(dpi * 0.12))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, tall)))
    # The strokes' boxes from their outlines: the mask is sparse after the opening, and
    # tracing it costs ~4 ms a 300-DPI page against ~70 ms for labelling every pixel (this
    # search runs on every page: bench real's throughput bar).
    contours, _ = cv2.findContours(vert, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    thin = max(4, dpi * 0.035)
    strokes = sorted(
        (int(x), int(y), int(x + w), int(y + h))
        for x, y, w, h in map(cv2.boundingRect, contours)
        if w <= thin and dpi * 0.18 <= h <= dpi * 0.6  # a box of 4.5 mm or more
    )
    combs: list[Comb] = []
    taken: set[int] = set()
    for i, first in enumerate(strokes):
        if i in taken:
            continue
        height = first[3] - first[1]
        tol = max(3, round(height * 0.15))
        row = [i] + [
            j
            for j in range(i + 1, len(strokes))
            if j not in taken
            and abs(strokes[j][1] - first[1]) <= tol
            and abs(strokes[j][3] - first[3]) <= tol
        ]
        comb = _comb_of([strokes[j] for j in row], height, ink)
        if comb is not None:
            combs.append(comb)
            taken.update(row)
    return combs


def _comb_of(rules: list[tuple[int, int, int, int]], height: int, ink: np.ndarray) -> Comb | None:
    """The longest run of evenly spaced rules among ``rules`` (sorted by x) as a comb, when
    it has seven rules or more (six cells) about a cell's height apart. A rule the scan lost
    between two others (twice the spacing) is put back halfway."""
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(rules)]
    usual = [g for g in gaps if 0.4 * height <= g <= 1.6 * height]
    if len(usual) < 6:
        return None
    step = float(np.median(usual))
    best: list[tuple[int, int, int, int]] = []
    run = rules[:1]
    for prev, rule, gap in zip(rules, rules[1:], gaps, strict=False):
        if abs(gap - step) <= 0.2 * step:
            run.append(rule)
        elif abs(gap - 2 * step) <= 0.2 * step:
            mid = (prev[0] + rule[0]) // 2
            run.append((mid, prev[1], mid + prev[2] - prev[0], prev[3]))
            run.append(rule)
        else:
            if len(run) > len(best):
                best = run
            run = [rule]
    if len(run) > len(best):
        best = run
    if len(best) < 7:
        return None
    best = _extended(best, step, ink)
    y0 = int(np.median([r[1] for r in best]))
    y1 = int(np.median([r[3] for r in best]))
    thick = max(r[2] - r[0] for r in best)
    pad = thick + 1
    cells = tuple((left[2] + 1, y0 + pad, right[0] - 1, y1 - pad) for left, right in itertools.pairwise(best))
    return Comb((best[0][0], y0, best[-1][2], y1), cells)


def _extended(
    rules: list[tuple[int, int, int, int]], step: float, ink: np.ndarray
) -> list[tuple[int, int, int, int]]:
    """``rules`` with the end rules the stroke finder missed (cut short by the leader eraser
    or a faint scan): ink over most of the row's height a step beyond either end."""
    y0 = int(np.median([r[1] for r in rules]))
    y1 = int(np.median([r[3] for r in rules]))
    width = max(r[2] - r[0] for r in rules)
    slack = max(2, round(step * 0.15))
    rules = list(rules)
    for side in (1, -1):
        while True:
            end = rules[-1] if side == 1 else rules[0]
            at = round(end[0] + side * step)
            a, b = max(0, at - slack), min(ink.shape[1], at + slack + 1)
            if a >= b:
                break
            cover = ink[y0:y1, a:b].mean(axis=0)
            if cover.size == 0 or cover.max() < 0.6:
                break
            x = a + int(cover.argmax())
            rule = (x, y0, x + width, y1)
            if side == 1:
                rules.append(rule)
            else:
                rules.insert(0, rule)
    return rules


# What the engines write for a digit alone (a box's rule left at its side is cut off before).
_LOOKALIKE = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "Ø": "0",
        "ø": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "i": "1",
        "!": "1",
        "Z": "2",
        "z": "2",
        "S": "5",
        "s": "5",
        "B": "8",
        "g": "9",
        "q": "9",
        "G": "6",
        "b": "6",
        "T": "7",
    }
)


def _digit(text: str) -> str | None:
    """The one digit a cell's reading gives, or None."""
    core = text.strip().strip(".,:;'\"`-_~()[]{}")
    if len(core) != 1:
        return None
    d = core.translate(_LOOKALIKE)
    return d if d.isdigit() else None


def _cell_ink(gray: np.ndarray, cell: BBox, dark: int) -> np.ndarray | None:
    """The cell's ink cut out with a white margin, or None for an empty cell. The rules may
    have been found short (the leader eraser takes pieces of them), so the cut reaches a
    fifth of the cell above and below; what touches its edges, and the thin flat pieces of
    the horizontal rules, are not the digit."""
    x0, y0, x1, y1 = cell
    inset = max(1, round((x1 - x0) * 0.08))
    reach = max(2, round((y1 - y0) * 0.2))
    crop = gray[max(0, y0 - reach) : y1 + reach, x0 + inset : x1 - inset]
    if crop.size == 0:
        return None
    ink = crop < dark
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    h, w = crop.shape
    size = y1 - y0
    keep = []
    for i in range(1, n):
        _left, top, cw, ch, area = (int(v) for v in stats[i])
        if top == 0 or top + ch == h or area < 3 or ch < size * 0.12:
            continue
        if cw > 2.5 * ch and ch < size * 0.2:  # a piece of a horizontal rule
            continue
        keep.append(i)
    if not keep:
        return None
    xs0 = min(int(stats[i, cv2.CC_STAT_LEFT]) for i in keep)
    ys0 = min(int(stats[i, cv2.CC_STAT_TOP]) for i in keep)
    xs1 = max(int(stats[i, cv2.CC_STAT_LEFT] + stats[i, cv2.CC_STAT_WIDTH]) for i in keep)
    ys1 = max(int(stats[i, cv2.CC_STAT_TOP] + stats[i, cv2.CC_STAT_HEIGHT]) for i in keep)
    if ys1 - ys0 < size * 0.3:  # a speck or a dash, not a digit
        return None
    if xs0 == 0 and xs1 == w:  # ink from side to side: print running through, not a box
        return None
    glyph = crop[ys0:ys1, xs0:xs1]
    m = max(4, round((ys1 - ys0) * 0.35))
    return cv2.copyMakeBorder(glyph, m, m, m, m, cv2.BORDER_CONSTANT, value=255)


def _strip(glyphs: list[np.ndarray]) -> np.ndarray:
    """The cells' digits side by side, one height, a digit's width apart, without rules."""
    height = max(g.shape[0] for g in glyphs)
    parts = []
    for g in glyphs:
        scale = height / g.shape[0]
        parts.append(
            cv2.resize(g, (max(1, round(g.shape[1] * scale)), height), interpolation=cv2.INTER_LINEAR)
        )
        parts.append(np.full((height, max(2, height // 4)), 255, np.uint8))
    return np.hstack(parts)


def _tesseract_line(crop: np.ndarray, tesseract_cmd: str) -> str:
    """Tesseract's reading of one line of digits (page segmentation 7, digits only)."""
    with tempfile.TemporaryDirectory(prefix="sohoa-boxes-") as tmp:
        path = Path(tmp) / "strip.png"
        cv2.imwrite(str(path), crop)
        command = [
            tesseract_cmd,
            str(path),
            "stdout",
            "--psm",
            "7",
            "-l",
            "eng",
            "-c",
            "tessedit_char_whitelist=0123456789",
        ]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else ""


def read_comb(
    gray: np.ndarray, comb: Comb, readers: list[tuple[str, Reader]], tesseract_cmd: str
) -> tuple[str, float] | None:
    """The comb's digits and the share of readings that agreed, when every cell holds a
    digit and a majority of the readings of each cell name the same one; else None."""
    paper = int(np.median(gray[comb.bbox[1] : comb.bbox[3], comb.bbox[0] : comb.bbox[2]]))
    level = int(
        cv2.threshold(
            gray[comb.bbox[1] : comb.bbox[3], comb.bbox[0] : comb.bbox[2]],
            0,
            255,
            cv2.THRESH_BINARY + cv2.THRESH_OTSU,
        )[0]
    )
    dark = min(level, paper - 40)
    glyphs = [_cell_ink(gray, cell, dark) for cell in comb.cells]
    if any(g is None for g in glyphs):
        return None
    cells: list[np.ndarray] = [g for g in glyphs if g is not None]
    votes: list[Counter[str]] = [Counter() for _ in cells]
    strip = _strip(cells)
    for _, read in readers:
        try:
            one = read(cells)
            whole = read([strip])
        except Exception:  # an engine missing or failing leaves the others' votes
            continue
        for vote, text in zip(votes, one, strict=False):
            d = _digit(text)
            if d is not None:
                vote[d] += 1
        digits = "".join(ch for ch in (whole[0] if whole else "") if ch.isdigit())
        if len(digits) == len(cells):
            for vote, d in zip(votes, digits, strict=True):
                vote[d] += 1
    digits = "".join(ch for ch in _tesseract_line(strip, tesseract_cmd) if ch.isdigit())
    if len(digits) == len(cells):
        for vote, d in zip(votes, digits, strict=True):
            vote[d] += 1
    out, shares = [], []
    for vote in votes:
        if not vote:
            return None
        (best, n), *rest = vote.most_common()
        if rest and rest[0][1] == n:
            return None
        out.append(best)
        shares.append(n / sum(vote.values()))
    return "".join(out), min(shares)


def _center_in(word: Word, box: BBox) -> bool:
    cx, cy = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _put(page: Page, comb: Comb, word: Word) -> Page | None:
    """``page`` with the words read inside the comb replaced by ``word``, on the line beside
    the comb (its label's line); None when no line holds or leads to the comb."""
    inside = [
        w for block in page.blocks for line in block.lines for w in line.words if _center_in(w, comb.bbox)
    ]
    # Words Tesseract read well inside the cells are print, not a comb's digits.
    if any(sum(ch.isalpha() for ch in w.text) >= 3 and w.confidence >= 0.8 for w in inside):
        return None
    best: tuple[int, int] | None = None
    best_overlap = 0
    y0, y1 = comb.bbox[1], comb.bbox[3]
    for b, block in enumerate(page.blocks):
        if block.kind == "stamp":
            continue
        for n, line in enumerate(block.lines):
            if not line.words:
                continue
            lx0, ly0, _, ly1 = line.bbox
            overlap = min(ly1, y1) - max(ly0, y0)
            if lx0 < comb.bbox[0] and overlap > best_overlap:
                best, best_overlap = (b, n), overlap
    if best is None or best_overlap < 0.3 * (y1 - y0):
        return None
    blocks = []
    for b, block in enumerate(page.blocks):
        lines = []
        for n, line in enumerate(block.lines):
            kept = tuple(w for w in line.words if not _center_in(w, comb.bbox))
            if (b, n) == best:
                before = tuple(w for w in kept if w.bbox[0] < comb.bbox[0])
                after = tuple(w for w in kept if w.bbox[0] >= comb.bbox[0])
                kept = (*before, word, *after)
            if kept:
                lines.append(Line(kept))
        if lines:
            blocks.append(replace(block, lines=tuple(lines)))
    return replace(page, blocks=tuple(blocks))


def read_boxed_numbers(
    page: Page,
    gray: np.ndarray,
    tesseract_cmd: str,
    model_dir: str | None = None,
    ppocr_model: str | None = None,
    ppocr6_model: str | None = None,
) -> Page:
    """``page`` with each comb of printed cells read cell by cell (step ``boxes:<n>``, the
    number of combs whose reading took the place of Tesseract's)."""
    combs = find_combs(gray, page.dpi)
    if not combs:
        return page
    readers = line_readers(model_dir, ppocr_model, ppocr6_model)
    done = 0
    for comb in combs:
        reading = read_comb(gray, comb, readers, tesseract_cmd)
        if reading is None:
            continue
        digits, share = reading
        # Seven readings a cell (three engines alone and on the strip, and Tesseract's
        # strip): a cell most agree on is as sure as a clean printed word.
        word = Word(digits, comb.bbox, round(0.5 + 0.47 * share, 4), "boxes")
        placed = _put(page, comb, word)
        if placed is not None:
            page, done = placed, done + 1
    return replace(page, steps=(*page.steps, f"boxes:{done}")) if done else page


__all__ = ["Comb", "find_combs", "read_boxed_numbers", "read_comb"]
