"""A PDF page's own text layer as a ``Page(source="text_layer")``.

The page's characters come from PDFium (``ocr.pdfiumtext.PdfiumTextPage``, which offers the
part of pdfplumber's ``Page`` interface used here; a pdfplumber page is read the same way,
which is how ``bench textlayer`` compares the two). Words come from ``extract_words`` with
a 1.5 pt gap (keeps words apart when a generator omits space glyphs), are grouped into lines by vertical position and split at wide gaps
(columns, the two halves of an administrative header), then into blocks by vertical gaps.
Boxes are converted from PDF points to pixels at the render DPI (``px = pt * dpi / 72``),
the same frame as a rendered page, so text-layer and OCR pages are interchangeable.

Sideways text (a landscape table on a portrait page) is grouped in its own reading frame;
boxes stay in the page's frame.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ocr.result import BBox, Block, Line, Page, Word
from ocr.units import pdf_page_pixels, pdf_scale

_CID = re.compile(r"\(cid:\d+\)")  # a glyph without a Unicode mapping
_REPLACEMENT = "\ufffd"

# Grouping thresholds, in units of line height.
_SAME_LINE_OVERLAP = 0.5  # vertical overlap (of the smaller height) to share a line
_WORD_GAP = 1.5  # a horizontal gap wider than this splits a line (column, header halves)
_LINE_GAP = 0.8  # a vertical gap wider than this starts a new block
_DUPLICATE_TOLERANCE = 1.0  # pt: the same glyph drawn again this close is fake bold


def usable_char_count(page: Any) -> int:
    """Characters of a text page that carry real text: not blank, not unmapped glyphs."""
    count = 0
    for char in page.chars:
        text = char.get("text") or ""
        if not text.strip() or _REPLACEMENT in text or _CID.fullmatch(text):
            continue
        count += 1
    return count


@dataclass
class _Item:
    """A word with its box in the reading frame (u along the line, v down the lines)."""

    word: Word
    u0: float
    v0: float
    u1: float
    v1: float

    @property
    def height(self) -> float:
        return max(self.v1 - self.v0, 1e-6)


def _to_reading_frame(
    box: tuple[float, float, float, float], direction: str, width: float, height: float
) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    if direction == "ttb":  # page turned 90 deg clockwise: lines read downwards
        return (top, width - x1, bottom, width - x0)
    if direction == "btt":  # turned 90 deg counter-clockwise: lines read upwards
        return (height - bottom, x0, height - top, x1)
    if direction == "rtl":  # upside down
        return (width - x1, height - bottom, width - x0, height - top)
    return box


def _lines(items: list[_Item]) -> list[list[_Item]]:
    """Rows of words sharing a vertical band, each split at wide horizontal gaps."""
    rows: list[list[_Item]] = []
    row_v: list[tuple[float, float]] = []  # running (top, bottom) of each row
    for item in sorted(items, key=lambda i: (i.v0, i.u0)):
        if rows:
            top, bottom = row_v[-1]
            overlap = min(bottom, item.v1) - max(top, item.v0)
            if overlap >= _SAME_LINE_OVERLAP * min(bottom - top, item.height):
                rows[-1].append(item)
                n = len(rows[-1])
                row_v[-1] = (top + (item.v0 - top) / n, bottom + (item.v1 - bottom) / n)
                continue
        rows.append([item])
        row_v.append((item.v0, item.v1))

    lines: list[list[_Item]] = []
    for row in rows:
        row.sort(key=lambda i: i.u0)
        line_height = statistics.median(i.height for i in row)
        current = [row[0]]
        for item in row[1:]:
            if item.u0 - current[-1].u1 > _WORD_GAP * line_height:
                lines.append(current)
                current = [item]
            else:
                current.append(item)
        lines.append(current)
    return lines


@dataclass
class _LineBox:
    items: list[_Item]
    u0: float
    v0: float
    u1: float
    v1: float
    height: float  # median word height: the unit of the gap thresholds

    @classmethod
    def of(cls, items: list[_Item]) -> _LineBox:
        return cls(
            items,
            min(i.u0 for i in items),
            min(i.v0 for i in items),
            max(i.u1 for i in items),
            max(i.v1 for i in items),
            statistics.median(i.height for i in items),
        )


def _blocks(lines: list[list[_Item]]) -> list[list[_LineBox]]:
    """Lines stacked closely one under another, overlapping horizontally, form a block."""
    boxes = sorted((_LineBox.of(line) for line in lines), key=lambda b: (b.v0, b.u0))
    if not boxes:
        return []
    tallest = max(b.height for b in boxes)
    blocks: list[list[_LineBox]] = []
    open_blocks: list[list[_LineBox]] = []  # blocks a later line may still join
    for line in boxes:
        # Lines come top-down, so a block whose last line ends too far above this one can
        # take no later line either: drop it from the candidates (keeps this near-linear).
        open_blocks = [b for b in open_blocks if line.v0 - b[-1].v1 <= _LINE_GAP * max(tallest, b[-1].height)]
        best, best_gap = None, math.inf
        for block in open_blocks:
            last = block[-1]
            gap = line.v0 - last.v1
            if (
                -0.5 * line.height <= gap <= _LINE_GAP * max(line.height, last.height)
                and min(line.u1, last.u1) > max(line.u0, last.u0)
                and gap < best_gap
            ):
                best, best_gap = block, gap
        if best is None:
            best = [line]
            blocks.append(best)
            open_blocks.append(best)
        else:
            best.append(line)
    blocks.sort(key=lambda b: (b[0].v0, b[0].u0))
    return blocks


def group_words(
    words: Sequence[Word], direction: str = "ltr", page_size: tuple[float, float] = (0.0, 0.0)
) -> tuple[Block, ...]:
    """Group words (boxes in page pixels) into blocks of lines, in reading order.

    ``direction`` is the text direction of all ``words``; for anything but ``ltr`` the
    grouping happens in the rotated reading frame, which needs ``page_size`` (w, h).
    """
    if not words:
        return ()
    items = [_Item(w, *_to_reading_frame(w.bbox, direction, *page_size)) for w in words]
    return tuple(
        Block(tuple(Line(tuple(i.word for i in line.items)) for line in block))
        for block in _blocks(_lines(items))
    )


def _clean(text: str) -> tuple[str, float]:
    """Text with unmapped glyphs as U+FFFD, and the share of characters that are real."""
    cleaned = _CID.sub(_REPLACEMENT, text)
    bad = cleaned.count(_REPLACEMENT)
    return cleaned, (1.0 - bad / len(cleaned)) if cleaned else 0.0


def _to_pixels(word: dict, origin: tuple[float, float], scale: float, size: tuple[int, int]) -> BBox | None:
    ox, oy = origin
    x0 = max(0, math.floor((word["x0"] - ox) * scale))
    y0 = max(0, math.floor((word["top"] - oy) * scale))
    x1 = min(size[0], math.ceil((word["x1"] - ox) * scale))
    y1 = min(size[1], math.ceil((word["bottom"] - oy) * scale))
    if x1 <= x0 or y1 <= y0:  # outside the visible page
        return None
    return (x0, y0, x1, y1)


# extract_words arguments per text direction; ``*_rotated`` apply to non-upright chars.
# The gap that splits words (1.5 pt, kept small for generators that omit space glyphs) is
# ``x_tolerance`` along horizontal lines but ``y_tolerance`` along vertical ones.
_EXTRACT_ARGS: dict[str, dict[str, Any]] = {
    "ltr": {"x_tolerance": 1.5, "y_tolerance": 3, "line_dir": "ttb", "char_dir": "ltr"},
    "rtl": {"x_tolerance": 1.5, "y_tolerance": 3, "line_dir": "btt", "char_dir": "rtl"},
    # turned clockwise / counter-clockwise
    "ttb": {"x_tolerance": 3, "y_tolerance": 1.5, "line_dir_rotated": "rtl", "char_dir_rotated": "ttb"},
    "btt": {"x_tolerance": 3, "y_tolerance": 1.5, "line_dir_rotated": "ltr", "char_dir_rotated": "btt"},
}


def char_direction(char: dict) -> str:
    """Where a glyph's advance points on the page: ``ltr``, ``rtl``, ``ttb`` or ``btt``.

    From the text matrix (PDF space, y up, page rotation included): pdfplumber's own
    ``direction`` is the extraction setting, not the glyph's.
    """
    try:
        a, b = float(char["matrix"][0]), float(char["matrix"][1])
    except (KeyError, TypeError, ValueError, IndexError):
        return "ltr" if char.get("upright", True) else "ttb"
    if abs(a) >= abs(b):
        return "ltr" if a >= 0 else "rtl"
    return "btt" if b > 0 else "ttb"


def duplicate_char_ids(chars: Sequence[dict], tolerance: float = _DUPLICATE_TOLERANCE) -> set[int]:
    """``id()`` of chars that repeat an earlier one (same glyph, font, size) within
    ``tolerance`` points in both x and y: "fake bold" drawn twice.

    pdfplumber's ``dedupe_chars`` does this in quadratic time (about 1 s per dense page)
    and, chaining positions along ``doctop``, swallows repeated letters of vertical text.
    This is linear, with a grid of ``tolerance``-sized cells, and compares pairs only.
    """
    # Cells twice the tolerance wide: the points within ``tolerance`` of (x, y) lie in the
    # 2 x 2 cells from the one holding (x - tolerance, y - tolerance), looked up directly
    # in a grid per glyph (this runs for every char of every page).
    cell = 2.0 * tolerance
    grids: dict[tuple, dict[tuple[int, int], list[tuple[float, float]]]] = {}
    floor = math.floor
    duplicates: set[int] = set()
    for char in chars:
        x, y = float(char["x0"]), float(char["top"])
        ident = (char.get("text"), char.get("fontname"), char.get("size"), char.get("upright"))
        grid = grids.get(ident)
        if grid is None:
            grid = grids[ident] = {}
        cx, cy = floor((x - tolerance) / cell), floor((y - tolerance) / cell)
        found = False
        for key in ((cx, cy), (cx + 1, cy), (cx, cy + 1), (cx + 1, cy + 1)):
            bucket = grid.get(key)
            if bucket and any(abs(x - kx) <= tolerance and abs(y - ky) <= tolerance for kx, ky in bucket):
                found = True
                break
        if found:
            duplicates.add(id(char))
        else:
            grid.setdefault((floor(x / cell), floor(y / cell)), []).append((x, y))
    return duplicates


def read_text_layer(pdf_page: Any, number: int, dpi: int) -> Page:
    """Turn a text page (``PdfiumTextPage``, or a pdfplumber page) into a
    ``Page(source="text_layer")`` in pixels at ``dpi``."""
    scale = pdf_scale(dpi)
    # Rounded like PDFium's renderer, so boxes match a rendering of the page.
    width, height = pdf_page_pixels(float(pdf_page.width), float(pdf_page.height), dpi)
    origin = (float(pdf_page.bbox[0]), float(pdf_page.bbox[1]))
    chars = pdf_page.chars
    duplicates = duplicate_char_ids(chars)
    # PdfiumTextPage chars carry their direction; pdfplumber's are read off the matrix.
    directions = Counter(c.get("direction") or char_direction(c) for c in chars if id(c) not in duplicates)

    blocks: list[Block] = []
    # The dominant direction first, then any sideways captions.
    for direction, _count in directions.most_common():
        part = pdf_page
        if len(directions) > 1 or duplicates:
            part = pdf_page.filter(
                lambda obj, d=direction: (
                    obj.get("object_type") != "char"
                    or (id(obj) not in duplicates and (obj.get("direction") or char_direction(obj)) == d)
                )
            )
        raw_words = part.extract_words(keep_blank_chars=False, **_EXTRACT_ARGS[direction])
        words = []
        for raw in raw_words:
            text, confidence = _clean(raw["text"])
            if not text.strip():
                continue
            bbox = _to_pixels(raw, origin, scale, (width, height))
            if bbox is not None:
                words.append(Word(text, bbox, confidence, "text_layer"))
        blocks.extend(group_words(words, direction, (width, height)))

    steps: tuple[str, ...] = ("text_layer",)
    if directions and directions.most_common(1)[0][0] != "ltr":
        steps += (f"text_direction:{directions.most_common(1)[0][0]}",)
    return Page(
        number=number,
        width=width,
        height=height,
        dpi=dpi,
        source="text_layer",
        blocks=tuple(blocks),
        steps=steps,
    )


# ---------------------------------------------------------------- is the text layer good?

# Latin-1 letters and signs that no Vietnamese word holds, but that legacy 8-bit fonts
# (TCVN3/ABC: "NguyÔn ViÖt", "Hµ Néi"; VNI: "Nguyeãn Vieät") put where Vietnamese letters
# should be. À-Ý/à-ý that Vietnamese does use (á, â, ã, è, é, ê, ì, í, ò, ó, ô, õ, ù, ú, ý)
# are not in the set.
_LEGACY_MARKS = frozenset("¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÄÅÆÇËÎÏÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþÿ")
# Frequent Vietnamese syllables as they look stripped of their diacritics; "cua", "nguoi",
# "duoc" are rare in other Latin-script languages.
_STRIPPED_SYLLABLES = frozenset(
    [
        "cua",
        "nguoi",
        "duoc",
        "nhung",
        "trong",
        "cong",
        "hoa",
        "viet",
        "nam",
        "doc",
        "lap",
        "tu",
        "do",
        "hanh",
        "phuc",
        "ngay",
        "thang",
        "nam",
        "quyet",
        "dinh",
        "uy",
        "ban",
        "nhan",
        "dan",
        "tinh",
        "huyen",
        "xa",
        "phuong",
        "thanh",
        "pho",
        "so",
        "dia",
        "chi",
        "ho",
        "ten",
        "sinh",
        "chung",
        "minh",
        "can",
        "cuoc",
        "giay",
        "dang",
        "ky",
        "chu",
        "tich",
        "giam",
        "doc",
        "noi",
        "dung",
        "theo",
        "quy",
        "dinh",
        "cac",
        "nhu",
        "khong",
        "mot",
        "cho",
        "voi",
        "ve",
        "tai",
        "dan",
        "toc",
    ]
)
_VIETNAMESE_ONLY = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u036f\u1ea0-\u1ef9àáãèéìíòóõùúýỳỹ]")


def judge_text_layer(pdf_page: Any) -> str:
    """Why a text layer with enough characters should not be trusted, or "" if it is fine:

    * ``legacy_encoding``: TCVN3/VNI glyph codes (more than 3 % of words hold a Latin-1 mark
      no Vietnamese word has, next to letters);
    * ``no_diacritics``: the words are Vietnamese syllables (>= 15 % in a list of the most
      frequent) but fewer than 2 % of the letters carry a Vietnamese mark.
    """
    words = pdf_page.extract_words(x_tolerance=1.5, y_tolerance=3)
    texts = [unicodedata.normalize("NFC", w["text"]) for w in words]
    if not texts:
        return ""
    legacy = sum(
        1
        for t in texts
        if any(c in _LEGACY_MARKS for c in t) and any(c.isalpha() and c not in _LEGACY_MARKS for c in t)
    )
    if legacy > max(2, 0.03 * len(texts)):
        return "legacy_encoding"
    letters = [c for t in texts for c in t if c.isalpha()]
    if len(letters) >= 100:
        marked = len(_VIETNAMESE_ONLY.findall(unicodedata.normalize("NFD", "".join(letters))))
        syllables = sum(1 for t in texts if t.lower().strip(".,;:()") in _STRIPPED_SYLLABLES)
        if syllables >= 0.15 * len(texts) and marked < 0.02 * len(letters):
            return "no_diacritics"
    return ""
