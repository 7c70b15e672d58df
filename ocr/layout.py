"""Page layout after recognition: blocks of a Vietnamese administrative document, in the
order a person reads them.

The layout is set by Nghị định 30/2020/NĐ-CP: a two-column header (agency left, national
motto right), then the number ("Số: ...") left and the place and date ("..., ngày ...
tháng ... năm ...") right on one row, the subject ("V/v ...") under the number, the title,
the body, and a two-column footer ("Nơi nhận:" left, the signature block right).

Tesseract reads the header's two columns line by line across the page when their lines
share a baseline ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), and the number
and date likewise. Here every line is first cut at wide horizontal gaps (and before the
motto's words when no gap survived), then the header band is found by its anchor (the
motto, else the place-and-date line) and read column by column: agency, motto, number,
place and date (a date with its day or month left blank stays one line), subject. The
title is the centred lines under the header (centred on the running text's column, so a
justified body line is not one). The footer from "Nơi nhận" on is read left column first
(as the text layers of born-digital documents have it), then the signature block; a
footnote below it comes after it. The body's blocks are read in rows: blocks side by side
(a table's cells, each column a block of Tesseract's) left to right, each whole, before the
row below; running text, one block under the other, keeps Tesseract's order. Words keep their boxes and engines; only their grouping and
order change. Stamps (``ocr.stamps``) are kept in blocks of their own, out of the text.

Pure geometry on the result tree, no pixels: about a millisecond a page.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property

from ocr.result import Block, Line, Page, Word
from ocr.tables import Table, cell_of

BLOCK_KINDS = (
    "header_agency",
    "header_motto",
    "number",
    "place_date",
    "subject",
    "title",
    "body",
    "recipients",
    "signature",
    "stamp",
    "other",
)
# A gap wider than this many median word heights between two words of a line separates
# two columns (body text has gaps of ~0.3-0.6 heights; header columns 3+).
COLUMN_GAP_HEIGHTS = 2.2
# The recipients list ends at a vertical gap wider than this many word heights (what is
# below it, a footnote at the foot of the page, comes after the footer).
_FOOTER_GAP_HEIGHTS = 4.0
# A fragment of two or three letters read less surely than this is a speck (see _speck).
_SPECK_CONFIDENCE = 0.6
# The header's anchor (the motto, the place and date) is in this top share of the page.
_HEADER_TOP = 0.3

_MOTTO = re.compile(r"^(cong hoa|xa hoi chu nghia|doc lap)")
# "Số:", and a law's or resolution's "Luật số:", "Nghị quyết số:" (read glued: "Luậtsố:").
_NUMBER = re.compile(r"^(luat|nghi quyet|lenh)?\s*so\s*[:;.]?")
# The day's digits may be glued to "ngày" and written apart ("ngày0 2 tháng", bench real).
_DATE = re.compile(r"ngay(\b|\d).*\b(thang|nam)\b|\bngay\s*\S*\s*thang")
# "Nơi nhận:", also with its first letter lost under a seal or a speck ("ơi nhận:").
_RECIPIENTS = re.compile(r"^n?oi nhan")


def fold(text: str) -> str:
    """Lower case without diacritics (đ -> d), for matching labels read with lost marks."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class _Frag:
    words: tuple[Word, ...]
    block: int  # index of the Tesseract block it came from
    order: int  # position in Tesseract's reading order
    cell: tuple[int, int] | None = None  # (table, cell) of a ruled table it is in

    # Cached: the order is worked out by comparing fragments pairwise (~2,000 box reads a page).
    @cached_property
    def bbox(self) -> tuple[int, int, int, int]:
        return (
            min(w.bbox[0] for w in self.words),
            min(w.bbox[1] for w in self.words),
            max(w.bbox[2] for w in self.words),
            max(w.bbox[3] for w in self.words),
        )

    @cached_property
    def folded(self) -> str:
        return fold(" ".join(w.text for w in self.words))

    @property
    def cy(self) -> float:
        b = self.bbox
        return (b[1] + b[3]) / 2

    @property
    def cx(self) -> float:
        b = self.bbox
        return (b[0] + b[2]) / 2


def _word_height(page: Page) -> float:
    heights = [
        w.bbox[3] - w.bbox[1] for b in page.blocks for ln in b.lines for w in ln.words if len(w.text) >= 2
    ]
    return float(statistics.median(heights)) if heights else 20.0


def _split_line(words: tuple[Word, ...], height: float) -> list[tuple[Word, ...]]:
    """A line cut at column gaps, and before the motto's first word when glued to the agency."""
    parts: list[list[Word]] = [[words[0]]]
    for i in range(1, len(words)):
        prev, word = words[i - 1], words[i]
        gap = word.bbox[0] - prev.bbox[2]
        glued_motto = _motto_word(word) and i + 1 < len(words) and fold(words[i + 1].text).startswith("hoa")
        # A date with its day or month left blank to fill in ("ngày      tháng 6 năm 2025")
        # is one line, whatever the blank's width.
        blank_in_date = fold(prev.text) in ("ngay", "thang") or fold(word.text) in ("thang", "nam")
        if (gap > COLUMN_GAP_HEIGHTS * height and not blank_in_date) or glued_motto:
            parts.append([])
        parts[-1].append(word)
    return [tuple(p) for p in parts]


def _fragments(page: Page, height: float, tables: tuple[Table, ...] = ()) -> list[_Frag]:
    """The page's lines cut at column gaps, and at the cells of ruled tables (a line Tesseract
    read across a table's row is a piece of each cell)."""
    frags: list[_Frag] = []
    for b, block in enumerate(page.blocks):
        for line in block.lines:
            if not line.words:
                continue
            for words in _split_line(line.words, height):
                if not tables:
                    frags.append(_Frag(words, b, len(frags)))
                    continue
                for cell, piece in itertools.groupby(words, key=lambda w: cell_of(tables, w)):
                    frags.append(_Frag(tuple(piece), b, len(frags), cell))
    return frags


def _rows(frags: list[_Frag], height: float) -> list[_Frag]:
    """Top to bottom; fragments whose centres are within half a word height share a row and
    go left to right."""
    rows: list[list[_Frag]] = []
    for f in sorted(frags, key=lambda f: f.cy):
        if rows and abs(f.cy - rows[-1][0].cy) <= 0.5 * height:
            rows[-1].append(f)
        else:
            rows.append([f])
    return [f for row in rows for f in sorted(row, key=lambda f: f.bbox[0])]


def _block(frags: list[_Frag], kind: str) -> Block:
    return Block(tuple(Line(f.words) for f in frags), kind)


@dataclass
class _Header:
    blocks: list[Block]
    used: set[int]  # fragment orders taken into the header
    top: float
    bottom: float


def _motto_word(word: Word) -> bool:
    """The motto's first word as printed: "CỘNG", in capitals."""
    return fold(word.text) == "cong" and word.text.isupper()


def _header(frags: list[_Frag], width: int, page_height: int, height: float) -> _Header | None:
    """The two-column header band, read column by column, or None when there is none."""
    # The header is at the top of the page; its motto printed in capitals ("CỘNG HÒA ...":
    # running text that names the country, "nước Cộng hòa xã hội chủ nghĩa Việt Nam", is
    # not it), its place-and-date line in the right column (a body line that gives a date
    # starts at the left margin).
    top = [f for f in frags if f.bbox[1] < _HEADER_TOP * page_height]
    mottos = [
        f
        for f in top
        if _MOTTO.match(f.folded)
        and f.cx > 0.4 * width
        and (not f.folded.startswith("cong") or _motto_word(f.words[0]))
    ]
    dates = [f for f in top if _DATE.search(f.folded) and f.cx > 0.45 * width and f.bbox[0] > 0.3 * width]
    anchor = mottos[0] if mottos else (dates[0] if dates else None)
    if anchor is None:
        return None
    right = list(mottos[:3] + dates[:1])
    split = min(f.bbox[0] for f in right) - 0.5 * height
    right_cx = statistics.median(f.cx for f in right)
    right_w = max(f.bbox[2] for f in right) - min(f.bbox[0] for f in right)
    band_top = anchor.bbox[1] - 1.5 * height

    def side(f: _Frag) -> str | None:
        x0, _, x1, _ = f.bbox
        if x1 <= split + 0.5 * height:
            return "left"
        if x0 >= split - 0.5 * height and abs(f.cx - right_cx) <= 0.2 * max(right_w, height):
            return "right"
        return None

    band: list[_Frag] = []
    for f in sorted(frags, key=lambda f: f.bbox[1]):
        if f.bbox[3] < band_top:
            continue  # above the header: stamps of the signing system, page numbers
        s = side(f)
        if f.bbox[1] < anchor.bbox[1] - 0.5 * height and (s != "left" or f.cy < band_top):
            continue  # beside or above the motto's first line: not the header's
        if s is None:
            break  # a title or body line across the page: the header is over
        band.append(f)
    lefts = [f for f in band if side(f) == "left"]
    rights = [f for f in band if side(f) == "right"]
    if not lefts or not rights:
        return None

    number = next((f for f in lefts if _NUMBER.match(f.folded)), None)
    date = next((f for f in rights if _DATE.search(f.folded)), None)
    row = [f for f in (number, date) if f is not None]
    if row:
        lo = min(f.bbox[1] for f in row) - 0.3 * height
        hi = max(f.bbox[3] for f in row) + 0.3 * height
    else:
        lo = hi = max(f.bbox[3] for f in band) + 1

    def part(frags_: list[_Frag], where: str) -> list[_Frag]:
        if where == "above":
            picked = [f for f in frags_ if f.cy < lo]
        elif where == "row":
            picked = [f for f in frags_ if lo <= f.cy <= hi]
        else:
            picked = [f for f in frags_ if f.cy > hi]
        return _rows(picked, height)

    blocks: list[Block] = []
    for frags_, kind in (
        (part(lefts, "above"), "header_agency"),
        (part(rights, "above"), "header_motto"),
        (part(lefts, "row"), "number"),
        (part(rights, "row"), "place_date"),
        (part(lefts, "below"), "subject"),
        (part(rights, "below"), "other"),
    ):
        if frags_:
            blocks.append(_block(frags_, kind))
    return _Header(
        blocks, {f.order for f in band}, min(f.bbox[1] for f in band), max(f.bbox[3] for f in band)
    )


def _footer(frags: list[_Frag], width: int, height: float) -> tuple[list[Block], set[int], set[int]]:
    """From "Nơi nhận:" down: the recipients (left column), then the signature block (right);
    and what comes after the footer on the page (footnotes, a line across the page below it),
    read after it. Returns (blocks, fragments taken, fragments after the footer)."""
    anchor = next((f for f in frags if _RECIPIENTS.match(f.folded) and f.cx < 0.5 * width), None)
    if anchor is None:
        return [], set(), set()
    below = sorted(
        (f for f in frags if f.bbox[3] >= anchor.bbox[1] - 0.5 * height), key=lambda f: (f.bbox[1], f.bbox[0])
    )
    # The recipients: left lines from the anchor down, until a gap wider than a few lines
    # (a footnote at the foot of the page is not a recipient).
    lefts: list[_Frag] = []
    for f in below:
        if (
            f.bbox[0] < anchor.bbox[0] + 3 * height
            and f.cx < 0.5 * width
            and f.bbox[1] >= anchor.bbox[1] - 0.5 * height
        ):
            if lefts and f.bbox[1] - max(g.bbox[3] for g in lefts) > _FOOTER_GAP_HEIGHTS * height:
                break
            lefts.append(f)
    # The signature block is right of the recipients: split at the right edge of the
    # widest recipients line that starts at the anchor's left edge.
    split = max(f.bbox[2] for f in lefts)
    lefts_bottom = max(f.bbox[3] for f in lefts)
    rest = [f for f in below if f not in lefts]
    # Specks (a dot, a stroke of the signature or of a seal read as a letter) between the
    # columns go with the side their centre is on; they neither cross nor end the footer.
    specks = [f for f in rest if _speck(f) and f.bbox[1] < lefts_bottom]
    lefts += [f for f in specks if f.cx < split]
    rest = [f for f in rest if f not in lefts]
    crossing = [f for f in rest if f.bbox[0] < split and f not in specks]
    if any(f.bbox[1] < lefts_bottom for f in crossing):
        # A line across both columns beside the recipients is not this layout; leave it alone.
        return [], set(), set()
    # The footer ends at the first line below the recipients that is not right of them.
    end = min((f.bbox[1] for f in crossing), default=float("inf"))
    rights = [f for f in rest if (f.bbox[0] >= split or f in specks) and f.bbox[1] < end]
    blocks = [_block(_rows(lefts, height), "recipients")]
    if rights:
        blocks.append(_block(_rows(rights, height), "signature"))
    after = {f.order for f in rest if f not in rights}
    return blocks, {f.order for f in lefts + rights}, after


def _speck(f: _Frag) -> bool:
    """A speck or a stroke (of a signature, of a seal's remains), not a line of text: at most
    one letter or digit, or at most three read unsurely."""
    letters = sum(c.isalnum() for w in f.words for c in w.text)
    confidence = sum(w.confidence for w in f.words) / len(f.words)
    return letters <= 1 or (letters <= 3 and confidence < _SPECK_CONFIDENCE)


def _text_column(frags: list[_Frag], width: int) -> tuple[float, float]:
    """The left and right edges of the page's running text: where its long lines start and end."""
    long = [f for f in frags if f.bbox[2] - f.bbox[0] > 0.5 * width]
    if len(long) < 3:
        return 0.1 * width, 0.9 * width
    return (
        statistics.quantiles([f.bbox[0] for f in long], n=10)[0],
        statistics.quantiles([f.bbox[2] for f in long], n=10)[-1],
    )


def _title(rest: list[_Frag], width: int, height: float, header: _Header) -> set[int]:
    """Centred lines right under the header (the document type and its subject): as far in
    from the running text's left edge as from its right one (a justified body line, indented
    at its start and full at its end, is not). The title may begin beside the header's last
    lines (a subject or a framed "DỰ THẢO" under the number reaching lower than it)."""
    left, right = _text_column(rest, width)
    taken: set[int] = set()
    last = header.bottom
    for f in sorted((f for f in rest if f.bbox[1] >= header.top), key=lambda f: f.bbox[1]):
        x0, y0, x1, _ = f.bbox
        centred = abs((x0 - left) - (right - x1)) < 0.05 * (right - left) and x0 - left > height
        if y0 < header.bottom - height and not centred:
            continue  # beside the header's last lines: not a title, not its end
        if not centred or y0 - last > 3 * height:
            break
        taken.add(f.order)
        last = f.bbox[3]
    return taken


def arrange(page: Page, tables: tuple[Table, ...] = ()) -> Page:
    """``page`` with its blocks regrouped and reordered as a person reads the document, each
    block with a ``kind``; steps ``layout:header``, ``layout:footer`` say what was found.
    A page with no such layout (a form, a table, a text layer) comes back with its blocks
    marked ``body`` and in the same order. The words of ``tables`` (ruled, ``ocr.tables``)
    are read cell by cell, each cell a block, band by band, left to right (step
    ``layout:table``)."""
    if not page.blocks:
        return page
    stamps = [b for b in page.blocks if b.kind == "stamp"]
    text = replace(page, blocks=tuple(b for b in page.blocks if b.kind != "stamp"))
    height = _word_height(text)
    frags = _fragments(text, height, tables)
    steps: list[str] = []
    if any(f.cell is not None for f in frags):
        steps.append("layout:table")
    header = _header(frags, page.width, page.height, height) if frags else None
    head_blocks: list[Block] = []
    used: set[int] = set()
    if header is not None:
        head_blocks, used = header.blocks, header.used
        steps.append("layout:header")
    foot_blocks, foot_used, foot_after = _footer(
        [f for f in frags if f.order not in used], page.width, height
    )
    if foot_blocks:
        steps.append("layout:footer")
    used |= foot_used | foot_after
    rest = [f for f in frags if f.order not in used]
    title = _title(rest, page.width, height, header) if header is not None else set()
    # Above the header's bottom and not the title: the signing system's stamp text beside
    # or above the header, a page number.
    preamble = [f for f in rest if header is not None and f.bbox[3] < header.bottom and f.order not in title]
    blocks: list[Block] = []
    # Above the header (the signing system's stamp text, a page number): as Tesseract read it.
    blocks += _by_source_block(preamble, "other")
    blocks += head_blocks
    if title:
        blocks.append(_block([f for f in rest if f.order in title], "title"))
    body = [f for f in rest if f.order not in title and f not in preamble]
    blocks += _by_rows_of_blocks(body, "body", height)
    blocks += foot_blocks
    blocks += _by_source_block([f for f in frags if f.order in foot_after], "other")
    blocks += stamps
    return replace(page, blocks=tuple(blocks), steps=page.steps + tuple(steps))


def _by_rows_of_blocks(frags: list[_Frag], kind: str, height: float) -> list[Block]:
    """Fragments grouped back into Tesseract's blocks, read as a person reads a table: blocks
    side by side (the cells of a table's row, each column a block of its own in Tesseract's
    reading) are read left to right, each whole, before the row below; rows top to bottom.
    A page of running text (one block under the other) keeps Tesseract's order."""
    groups: dict[tuple[str, int], list[_Frag]] = {}
    for f in sorted(frags, key=lambda f: f.order):
        # A ruled table is one unit, whatever blocks Tesseract cut it into.
        key = ("table", f.cell[0]) if f.cell is not None else ("block", f.block)
        groups.setdefault(key, []).append(f)
    units = list(groups.values())
    # Rows: blocks whose heights overlap (by more than a line's slack) share a row.
    units.sort(key=lambda u: (_top(u), u[0].order))
    out: list[Block] = []
    for row in _overlapping(units, height):
        if len(row) == 1 or not _side_by_side(row):
            ordered = sorted(row, key=lambda u: u[0].order)
        else:
            ordered = sorted(row, key=lambda u: min(f.bbox[0] for f in u))
        for u in ordered:
            out.extend(_unit_blocks(u, kind, height))
    return out


def _unit_blocks(unit: list[_Frag], kind: str, height: float) -> list[Block]:
    """One block of Tesseract's as it read it; a ruled table in bands: the pieces of its
    cells (a cell's part of a Tesseract block) whose heights overlap make a band, read cell by
    cell left to right, each cell a block of its lines top to bottom; bands top to bottom. So
    a row of cells is read cell by cell (a form's label, then the values beside it, each a
    block), and a comparison table's paragraphs side by side (the old text, the new, the
    note) one row of paragraphs at a time."""
    if unit[0].cell is None:
        return [_block(unit, kind)]
    pieces: dict[tuple[int, int], list[_Frag]] = {}
    for f in unit:
        assert f.cell is not None  # một bảng chỉ gồm các mảnh trong ô của nó
        pieces.setdefault((f.cell[1], f.block), []).append(f)
    out: list[Block] = []
    for band in _overlapping(sorted(pieces.values(), key=_top), height):
        cells: dict[int, list[_Frag]] = {}
        for piece in band:
            cell = piece[0].cell
            assert cell is not None
            cells.setdefault(cell[1], []).extend(piece)
        # Left to right: a cell spanning rows (a column with no rules between its rows) is
        # ranked with the row it starts in, but is read where it stands in this band.
        read = [
            _rows(cells[c], height)
            for c in sorted(cells, key=lambda c: (min(f.bbox[0] for f in cells[c]), c))
        ]
        out.extend(_block(frags, kind) for frags in read)
    return out


def _overlapping(units: list[list[_Frag]], height: float) -> list[list[list[_Frag]]]:
    """``units`` (sorted by their tops) grouped where their heights overlap by more than half a
    line: the rows of blocks side by side, the bands of a table's cells."""
    groups: list[list[list[_Frag]]] = []
    bottom = -1.0
    for u in units:
        if groups and _top(u) < bottom - 0.5 * height:
            groups[-1].append(u)
            bottom = max(bottom, _bottom(u))
        else:
            groups.append([u])
            bottom = _bottom(u)
    return groups


def _top(unit: list[_Frag]) -> float:
    return min(f.bbox[1] for f in unit)


def _bottom(unit: list[_Frag]) -> float:
    return max(f.bbox[3] for f in unit)


def _side_by_side(row: list[list[_Frag]]) -> bool:
    """No two blocks of the row overlap across: they are columns, not lines under lines."""
    spans = sorted((min(f.bbox[0] for f in u), max(f.bbox[2] for f in u)) for u in row)
    return all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def _by_source_block(frags: list[_Frag], kind: str) -> list[Block]:
    """Fragments grouped back into Tesseract's blocks, in Tesseract's order."""
    groups: dict[int, list[_Frag]] = {}
    for f in sorted(frags, key=lambda f: f.order):
        groups.setdefault(f.block, []).append(f)
    return [_block(g, kind) for g in groups.values()]


__all__ = ["BLOCK_KINDS", "COLUMN_GAP_HEIGHTS", "arrange", "fold"]
