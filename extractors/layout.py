"""Reading the Line/Word tree as *segments*: runs of words on one line, split at column gaps.

Vietnamese administrative pages have a two-column header (agency | national motto, number
| place-and-date) and a two-column footer (Nơi nhận | signature). OCR sometimes keeps the
columns apart as blocks, sometimes interleaves them on one line. Splitting every line at
wide horizontal gaps, and before the national motto when no gap survived, gives the same
segments either way. Each segment keeps its words, so a regex match on its text maps back
to the words used (value confidence and bbox).

Matching is done on ``fold(text)`` (accent-free, lower case, same length), so labels are
found on OCR output that lost its diacritics.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field
from functools import cached_property

from ocr.result import BBox, Document, Page, Word

from .normalize import fold

# A gap wider than this many median word heights separates two columns.
COLUMN_GAP_HEIGHTS = 2.2
# Split before these (folded) phrases when OCR glued them to another column's text.
# A number's label alone or with its numeral (folded: "so:", "so: 8"), and what may follow it
# across a blank: a numeral or the code after the slash ("8", "/TTr-BTNMT").
_NUMBER_SO_FAR = re.compile(r"^s[o0]\s*[:;.]?(?:\s*[0-9oil]{1,6})?$")
_NUMBER_GOES_ON = re.compile(r"^(?:\d{1,6}\b|[/⁄]\s*\S)")
_SPLIT_BEFORE = re.compile(r"(?<=\S)\s+(?=cong hoa xa hoi chu nghia|doc lap\s*[-–—]\s*tu do)")


def union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass
class Segment:
    words: tuple[Word, ...]
    page: Page
    block: int  # document-wide block index
    line: int  # document-wide line index
    index: int = 0  # position in the segment list (reading order)
    offsets: list[tuple[int, int]] = field(default_factory=list, repr=False)
    text: str = ""

    def __post_init__(self) -> None:
        parts, pos = [], 0
        self.offsets = []
        for w in self.words:
            self.offsets.append((pos, pos + len(w.text)))
            parts.append(w.text)
            pos += len(w.text) + 1
        self.text = " ".join(parts)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def bbox(self) -> BBox:
        return union([w.bbox for w in self.words]) or (0, 0, 0, 0)

    @property
    def height(self) -> int:
        hs = [w.bbox[3] - w.bbox[1] for w in self.words]
        return int(statistics.median(hs)) if hs else 0

    @property
    def x_center(self) -> float:
        b = self.bbox
        return (b[0] + b[2]) / 2

    def words_in(self, start: int, end: int) -> list[Word]:
        """Words whose characters overlap ``text[start:end]``."""
        return [w for w, (a, b) in zip(self.words, self.offsets, strict=False) if a < end and b > start]

    def span_start_word(self, start: int) -> int:
        """Offset of the first word touching ``start`` (so a span can be snapped to words)."""
        for a, b in self.offsets:
            if b > start:
                return a
        return len(self.text)

    def is_upper(self, start: int = 0, end: int | None = None) -> bool:
        """Most letters upper case (titles, agency and signer-title lines)."""
        letters = [c for c in self.text[start:end] if c.isalpha()]
        if len(letters) < 2:
            return False
        return sum(c.isupper() for c in letters) / len(letters) >= 0.8

    def overlaps_x(self, other: Segment, slack: int = 0) -> bool:
        a, b = self.bbox, other.bbox
        return a[0] - slack < b[2] and b[0] - slack < a[2]


def _split_line(words: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    if len(words) < 2:
        return [words] if words else []
    heights = [max(1, w.bbox[3] - w.bbox[1]) for w in words]
    gap_limit = COLUMN_GAP_HEIGHTS * statistics.median(heights)
    runs, current = [], [words[0]]
    for prev, w in itertools.pairwise(words):
        if w.bbox[0] - prev.bbox[2] > gap_limit:
            runs.append(tuple(current))
            current = []
        current.append(w)
    runs.append(tuple(current))
    # A number filled into a wide blank ("Số:      8      /TTr-BTNMT") is one field, not
    # three columns: the label and its numeral keep what follows when that is a numeral or
    # the code after its slash (a right column never begins with either).
    joined: list[tuple[Word, ...]] = []
    for run in runs:
        before = " ".join(w.text for w in joined[-1]) if joined else ""
        label = before[:1] == "S" or ":" in before  # as find_number: no body "số" wrapped
        if label and _NUMBER_SO_FAR.match(fold(before)) and _NUMBER_GOES_ON.match(run[0].text):
            joined[-1] += run
        else:
            joined.append(run)
    out = []
    for run in joined:
        out.extend(_split_anchor(run))
    return out


def _split_anchor(run: tuple[Word, ...]) -> list[tuple[Word, ...]]:
    text = " ".join(w.text for w in run)
    m = _SPLIT_BEFORE.search(fold(text))
    if not m:
        return [run]
    cut = len(text[: m.end()].split())
    return [run[:cut], *_split_anchor(run[cut:])]


def segments(document: Document) -> list[Segment]:
    """All segments of the document in reading order (page, block, line, left to right)."""
    out: list[Segment] = []
    block_no = line_no = 0
    for page in document.pages:
        for block in page.blocks:
            for line in block.lines:
                words = tuple(w for w in line.words if w.text.strip())
                for run in _split_line(words):
                    out.append(Segment(run, page, block_no, line_no, index=len(out)))
                line_no += 1
            block_no += 1
    return out
