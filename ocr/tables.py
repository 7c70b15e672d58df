"""Ruled tables found in the page's pixels, so that their words are read cell by cell.

A table drawn with rules (an annex's list of tasks, a law's comparison table, a form's grid)
is read by a person row by row, each cell whole, left to right. Tesseract does not see the
rules as borders: it reads a row's cells as one line across the page ("2 | CH.VT.02 |Tiếp
nhận ..."), a cell of two lines as two lines of other cells' text, and the rules themselves
as "|" or "I" glued to the words beside them. On the real annex table of
``vi_real_admin_pdfs`` (Excel-made, whose text layer runs cell by cell) that cost two thirds of
the page's errors.

Here the rules are found by morphology: long horizontal and vertical runs of ink, joined
where they cross. A grid of them with at least ``_MIN_CELLS`` cells is a table; its cells
are the spaces the rules enclose (so a cell merged across columns or rows is one cell).
Cells are ordered row by row (a row: cells whose tops are within a line's height of each
other), left to right. ``drop_rule_marks`` takes out what Tesseract made of the rules,
``reread_cells`` reads again, alone, the cells Tesseract read poorly, and
``ocr.layout.arrange`` reads each cell's words as one block, band by band, left to right.

A box drawn round one paragraph (a stamp, a signature box, a "DỰ THẢO" frame) has too few
cells to be a table; a page without rules has no table and reads as before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ocr.components import label_components
from ocr.errors import OcrEngineError, OcrTimeoutError
from ocr.result import Block, Line, Page, Word
from ocr.settings import OcrSettings
from ocr.tesseract import read_stacked

# A grid one of whose spaces is more than this share of it is a frame round a page or a
# picture, not a table.
_MAX_CELL_SHARE = 0.5
# Rules are looked for at about this resolution.
_WORK_DPI = 100
# Fewer cells than this is a frame round some text, not a table.
_MIN_CELLS = 4
# A horizontal rule is at least this long (inches): longer than any letter or word's
# underline is not the test (the grid is), but it keeps the opening cheap and glyphs out.
_H_RULE_INCHES = 0.5
# A vertical rule is at least this tall (inches): taller than a 14-pt bracket or "l"
# (~0.15 in); a rule of a one-line row is ~0.25 in.
_V_RULE_INCHES = 0.2
# A cell is at least this wide and tall (inches): smaller spaces are where rules nearly meet.
_MIN_CELL_INCHES = 0.08
# A cell whose words Tesseract is less sure of than this (mean) is read again alone; its new
# reading is kept when surer by this much.
_REREAD_BELOW = 0.8
_REREAD_MARGIN = 0.05
# A cell read empty takes a new reading only this sure (a stroke of a signature is no text).
_REREAD_EMPTY = 0.5
# Taller cells (inches) are not read again: ~6 lines, past which a cell is running text.
_REREAD_MAX_INCHES = 1.5
# Fewer dark pixels than this in a cell (rules whitened) is an empty cell, not a lost digit.
_MIN_INK_PIXELS = 30
# What Tesseract reads a vertical rule as, alone or glued to a word.
_RULE_MARKS = "|[]!Il1"


@dataclass(frozen=True)
class Table:
    """A ruled table: its box on the page and its cells' boxes, in reading order."""

    bbox: tuple[int, int, int, int]
    cells: tuple[tuple[int, int, int, int], ...]
    # At 1/step of the page's scale, over the table's box:
    labels: np.ndarray  # each pixel's cell number + 1; 0 on a rule
    rules: np.ndarray  # the rules' pixels (bool)
    step: int = 1  # one pixel of ``labels`` and ``rules`` is step x step pixels of the page

    def cell_of(self, box: tuple[int, int, int, int]) -> int | None:
        """The reading-order index of the cell ``box``'s centre is in; for a box whose centre
        is on a rule, the cell most of it is in; None outside the table."""
        x0, y0, x1, y1 = self.bbox
        cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
        if not (x0 <= cx < x1 and y0 <= cy < y1):
            return None
        s = self.step
        label = int(
            self.labels[
                min((cy - y0) // s, self.labels.shape[0] - 1), min((cx - x0) // s, self.labels.shape[1] - 1)
            ]
        )
        if not label:
            inside = self.labels[
                max(0, box[1] - y0) // s : max(1, (box[3] - y0) // s),
                max(0, box[0] - x0) // s : max(1, (box[2] - x0) // s),
            ]
            counts = np.bincount(inside.ravel(), minlength=1)
            counts[0] = 0
            label = int(counts.argmax()) if counts.any() else 0
        return label - 1 if label else None

    def on_rule(self, bbox: tuple[int, int, int, int]) -> float:
        """The share of ``bbox``'s columns crossed by a vertical rule over most of its height."""
        x0, y0, x1, y1 = self.bbox
        s = self.step
        a, b = (max(bbox[0], x0) - x0) // s, -(-(min(bbox[2], x1) - x0) // s)
        c, d = (max(bbox[1], y0) - y0) // s, -(-(min(bbox[3], y1) - y0) // s)
        if a >= b or c >= d:
            return 0.0
        columns = self.rules[c:d, a:b].mean(axis=0) > 0.6
        return min(1.0, float(columns.sum()) * s / max(1, bbox[2] - bbox[0]))

    def rules_in(self, box: tuple[int, int, int, int]) -> np.ndarray:
        """The rules' pixels over ``box`` (inside the table), at the page's scale (bool)."""
        x0, y0 = self.bbox[0], self.bbox[1]
        s = self.step
        top, left = (box[1] - y0) // s, (box[0] - x0) // s
        part = self.rules[top : -(-(box[3] - y0) // s), left : -(-(box[2] - x0) // s)]
        big = np.repeat(np.repeat(part, s, axis=0), s, axis=1) if s > 1 else part
        dy, dx = box[1] - y0 - top * s, box[0] - x0 - left * s
        big = big[dy : dy + box[3] - box[1], dx : dx + box[2] - box[0]]
        out = np.zeros((box[3] - box[1], box[2] - box[0]), bool)
        out[: big.shape[0], : big.shape[1]] = big
        return out


def find_tables(gray: np.ndarray, dpi: int) -> tuple[Table, ...]:
    """The ruled tables of a page (8-bit grey, dark ink), top to bottom."""
    import cv2

    # Rules are found at ~100 DPI, each pixel the darkest of its square (a minimum filter,
    # then every step-th pixel): a ninth of the work of a 300-DPI page, and a rule stays
    # several pixels long for every one thick. 10 ms of CPU a 300-DPI page.
    step = max(1, round(dpi / _WORK_DPI))
    if step > 1:
        darkest = cv2.erode(gray, np.ones((step, step), np.uint8))
        gray = darkest[step // 2 :: step, step // 2 :: step][: gray.shape[0] // step, : gray.shape[1] // step]
    ink = cv2.threshold(np.ascontiguousarray(gray), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    dpi = max(72, dpi // step)
    h_len = int(dpi * _H_RULE_INCHES)
    v_len = int(dpi * _V_RULE_INCHES)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    if not horizontal.any() or not vertical.any():
        return ()
    # Small breaks in a worn rule closed, and the two kinds joined where they cross.
    gap = max(3, dpi // 50)
    horizontal = cv2.morphologyEx(
        horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1))
    )
    vertical = cv2.morphologyEx(
        vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap))
    )
    grid = cv2.dilate(
        cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8), iterations=max(1, dpi // 150)
    )
    count, components, stats = label_components(grid)
    min_cell = int(dpi * _MIN_CELL_INCHES)
    tables: list[Table] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w < 2 * h_len or h < 2 * v_len:
            continue  # narrower than 1 in or lower than 0.4 in: a box round a word, no table
        # This grid's rules only: a line struck through words inside a cell is not a rule.
        table = _cells(components[y : y + h, x : x + w] == i, (x, y, x + w, y + h), min_cell, dpi, step)
        if table is not None:
            tables.append(table)
    return tuple(sorted(tables, key=lambda t: t.bbox[1]))


def _cells(
    rules: np.ndarray, bbox: tuple[int, int, int, int], min_cell: int, dpi: int, step: int
) -> Table | None:
    """The cells of a grid of rules (its box and cells in the page's pixels)."""
    free = (~rules).astype(np.uint8)
    count, labels, stats = label_components(free, connectivity=4)
    boxes: list[tuple[int, int, int, int, int]] = []  # x0, y0, x1, y1, label
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if w >= min_cell and h >= min_cell:
            boxes.append((x, y, x + w, y + h, i))
    if len(boxes) < _MIN_CELLS:
        return None
    if max(int(stats[b[4], 4]) for b in boxes) > _MAX_CELL_SHARE * rules.size:
        return None  # a frame round the page (a certificate's border): one cell holds it all
    # Rows: cells whose tops are within a line's height (~0.15 in) of the row's first cell.
    slack = 0.15 * dpi
    boxes.sort(key=lambda b: (b[1], b[0]))
    rows: list[list[tuple[int, int, int, int, int]]] = []
    for b in boxes:
        if rows and b[1] - rows[-1][0][1] <= slack:
            rows[-1].append(b)
        else:
            rows.append([b])
    ordered = [b for row in rows for b in sorted(row, key=lambda b: b[0])]
    relabel = np.zeros(count, np.int32)
    for rank, b in enumerate(ordered):
        relabel[b[4]] = rank + 1
    x0, y0 = bbox[0], bbox[1]
    return Table(
        (x0 * step, y0 * step, bbox[2] * step, bbox[3] * step),
        tuple(
            ((b[0] + x0) * step, (b[1] + y0) * step, (b[2] + x0) * step, (b[3] + y0) * step) for b in ordered
        ),
        relabel[labels],
        rules,
        step,
    )


def cell_of(tables: tuple[Table, ...], word: Word) -> tuple[int, int] | None:
    """(table, cell) that ``word``'s centre is in, or None."""
    for t, table in enumerate(tables):
        cell = table.cell_of(word.bbox)
        if cell is not None:
            return t, cell
    return None


def drop_rule_marks(page: Page, tables: tuple[Table, ...]) -> Page:
    """``page`` without what Tesseract made of the tables' vertical rules: a word that is a
    rule ("|", "I" standing on one) is dropped, a rule mark glued to a word's edge ("|Tiếp")
    is cut off. Step ``table_rules:N`` counts the words changed."""
    if not tables:
        return page
    changed = 0

    def clean(word: Word) -> Word | None:
        nonlocal changed
        table = next((t for t in tables if _inside(word.bbox, t.bbox)), None)
        if table is None:
            return word
        text = word.text
        if text and all(c in _RULE_MARKS for c in text) and table.on_rule(word.bbox) > 0:
            changed += 1
            return None
        left_on_rule = table.on_rule((word.bbox[0], word.bbox[1], word.bbox[0] + 3, word.bbox[3])) > 0
        right_on_rule = table.on_rule((word.bbox[2] - 3, word.bbox[1], word.bbox[2], word.bbox[3])) > 0
        stripped = text
        if left_on_rule or text.startswith("|"):
            stripped = stripped.lstrip("|[!" if not left_on_rule else _RULE_MARKS)
        if right_on_rule or stripped.endswith("|"):
            stripped = stripped.rstrip("|]!" if not right_on_rule else _RULE_MARKS)
        if stripped == text:
            return word
        changed += 1
        return replace(word, text=stripped) if stripped else None

    blocks = []
    for block in page.blocks:
        lines = []
        for line in block.lines:
            words = tuple(w for w in (clean(w) for w in line.words) if w is not None)
            if words:
                lines.append(Line(words))
        if lines:
            blocks.append(Block(tuple(lines), block.kind))
    if not changed:
        return page
    return replace(page, blocks=tuple(blocks), steps=(*page.steps, f"table_rules:{changed}"))


def reread_cells(page: Page, gray: np.ndarray, tables: tuple[Table, ...], settings: OcrSettings) -> Page:
    """``page`` with the table cells Tesseract read poorly read again, each alone.

    Read as part of the page, a cell of two lines beside one-line cells comes out as noise
    ("nan HỘ, mg un »"), and a lone digit in a narrow cell ("1", "2") is often not read at all.
    A cell with ink and no word, or whose words Tesseract is unsure of (mean confidence under
    ``_REREAD_BELOW``), is cut out with its rules whitened; all such cells of the page are
    stacked on one sheet and read in one Tesseract run (one block of text, ``--psm 6``), and
    a cell's new reading replaces the old when Tesseract is surer of it. Step
    ``table_cells:N`` counts the cells replaced."""
    if not tables or not page.blocks:
        return page
    words = [w for b in page.blocks for ln in b.lines for w in ln.words]
    by_cell: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        key = cell_of(tables, w)
        if key is not None:
            by_cell.setdefault(key, []).append(w)
    dark = _ink_level(gray)
    crops: list[tuple[tuple[int, int], tuple[int, int], np.ndarray]] = []  # cell, origin, pixels
    for t, table in enumerate(tables):
        for c, box in enumerate(table.cells):
            old = by_cell.get((t, c), [])
            if old and sum(w.confidence for w in old) / len(old) >= _REREAD_BELOW:
                continue
            if box[3] - box[1] > _REREAD_MAX_INCHES * page.dpi:
                continue  # a tall cell holds paragraphs, perhaps columns: as the page read it
            crop = gray[box[1] : box[3], box[0] : box[2]].copy()
            crop[table.rules_in(box)] = 255
            if int((crop < dark).sum()) < _MIN_INK_PIXELS:
                continue
            crops.append(((t, c), (box[0], box[1]), crop))
    if not crops:
        return page
    try:
        read_lines = read_stacked(crops, page.dpi, settings)
    except (OcrEngineError, OcrTimeoutError):
        # The page is read already; its cells stay as read rather than the page being lost.
        return replace(page, steps=(*page.steps, "table_cells_failed"))
    new: dict[tuple[int, int], list[Line]] = {}
    for key, line in read_lines:
        new.setdefault(key, []).append(line)
    replaced: set[tuple[int, int]] = set()
    for key, lines in new.items():
        read = [w for ln in lines for w in ln.words]
        old = by_cell.get(key, [])
        mean_new = sum(w.confidence for w in read) / len(read)
        mean_old = sum(w.confidence for w in old) / len(old) if old else _REREAD_EMPTY
        if mean_new > mean_old + _REREAD_MARGIN:
            replaced.add(key)
    if not replaced:
        return page
    dropped = {id(w) for key in replaced for w in by_cell.get(key, [])}
    kept = []
    for block in page.blocks:
        lines = [Line(tuple(w for w in ln.words if id(w) not in dropped)) for ln in block.lines]
        lines = [ln for ln in lines if ln.words]
        if lines:
            kept.append(Block(tuple(lines), block.kind))
    kept += [Block(tuple(new[key])) for key in sorted(replaced)]
    return replace(page, blocks=tuple(kept), steps=(*page.steps, f"table_cells:{len(replaced)}"))


def _ink_level(gray: np.ndarray) -> int:
    """Darker than this is ink (Otsu's threshold of the page)."""
    import cv2

    return int(cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0])


def _inside(box: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] <= cx < outer[2] and outer[1] <= cy < outer[3]


__all__ = ["Table", "cell_of", "drop_rule_marks", "find_tables", "reread_cells"]
