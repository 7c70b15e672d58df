"""The number and the day of a header, often written by hand after signing, read twice.

Tesseract turns hand-written digits into symbols ("0†", "$14", "ngày⁄{5"); trueocr's line
recognizer (ocr/engines/trueocr.py) reads most of them (real signed scans: numbers 13 of 19
right against Tesseract's 7). Neither is sure enough alone, so each of the two lines (the
``number`` and ``place_date`` blocks of ocr/layout.py) is read by both, and:

* both give the same digits: the value is kept with a high confidence (>= 0.9);
* they differ, or only one gives well-formed digits: the value of the one that gave
  well-formed digits (trueocr's first: it was right more often) is kept with a low
  confidence (< 0.5), so the field built on it goes to a person (quality R-D5, < 0.80);
* neither: the line is left as Tesseract read it.

The value replaces the characters Tesseract read in its place; its box is the share of the
word(s) those characters took; its ``engine`` says who read it (``trueocr``, ``tesseract``
or ``tesseract+trueocr`` when they agreed). Page step ``fill_ins:N`` counts the values
checked, ``fill_ins_unsure:N`` those left low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from ocr.result import Block, Line, Page, Word

# Confidence of a value both engines read alike, and the cap of one they did not.
AGREED_CONFIDENCE = 0.95
UNSURE_CONFIDENCE = 0.45
# Letters both engines write for hand-written digits (o5 -> 05, l6 -> 16).
_LOOKALIKE = str.maketrans(
    {
        "o": "0",
        "O": "0",
        "D": "0",
        "Ô": "0",
        "ô": "0",
        "l": "1",
        "I": "1",
        "|": "1",
        "í": "1",
        "Í": "1",
        "S": "5",
        "s": "5",
    }
)

_NUMBER = re.compile(r"^\s*S[ốoóồổỗộơớờởỡợô]\s*[:;.,]?\s*(?P<v>[^/\s][^/]*?)?\s*[_\s.,]*/", re.IGNORECASE)
# The day: whatever stands between "ngày" and "tháng" (the latter's first letter may be
# read as a symbol: "@háng", "(tháng").
_DAY = re.compile(
    r"ng[aàáảãạ]y\s*[,.:;]?\s*(?P<v>(?!th[aáàảãạâấắ]ng)\S.{0,7}?)?\s*[.,]?\s*"
    r"\S?h[aáàảãạâấắ]ng",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    raw: str | None  # the characters in the value's place, as read
    value: str | None  # the digits, when the characters are digits (look-alikes mapped)


def _digits(raw: str | None, most: int) -> str | None:
    if not raw:
        return None
    text = raw.strip(" _.,").translate(_LOOKALIKE)
    return text if text.isdigit() and 1 <= len(text) <= most else None


def parse(kind: str, text: str) -> Reading:
    """The number ("Số: 04 /QĐ-...") or the day ("ngày 05 tháng ...") in a line's text."""
    pattern, most = (_NUMBER, 6) if kind == "number" else (_DAY, 2)
    m = pattern.search(text)
    raw = m.group("v") if m else None
    value = _digits(raw, most)
    if value is not None and kind == "place_date" and not 1 <= int(value) <= 31:
        value = None
    return Reading(raw, value)


def _crop(gray: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    pad = max(2, (y1 - y0) // 4)
    h, w = gray.shape
    return gray[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]


def _spans(words: tuple[Word, ...]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for w in words:
        out.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    return out


def _share(word: Word, start: int, end: int) -> tuple[int, int, int, int]:
    """The part of ``word``'s box its characters ``start:end`` take, by character count."""
    x0, y0, x1, y1 = word.bbox
    n = max(1, len(word.text))
    return (x0 + (x1 - x0) * start // n, y0, x0 + (x1 - x0) * end // n, y1)


def _replace_value(line: Line, kind: str, value: str, confidence: float, engine: str) -> Line | None:
    """``line`` with the characters Tesseract read in the value's place replaced by ``value``."""
    text = line.text
    pattern = _NUMBER if kind == "number" else _DAY
    m = pattern.search(text)
    if m is None:
        return None
    if m.group("v") is None:
        # Nothing was read in its place: the value goes in as a word of its own, in the gap.
        gap = _gap(line, m)
        if gap is None:
            return None
        words_ = sorted((*line.words, Word(value, gap, confidence, engine)), key=lambda w: w.bbox[0])
        return Line(tuple(words_))
    start, end = m.span("v")
    words: list[Word] = []
    placed = False
    for word, (a, b) in zip(line.words, _spans(line.words), strict=True):
        if b <= start or a >= end:
            words.append(word)
            continue
        s, e = max(start, a) - a, min(end, b) - a
        if s > 0:
            words.append(replace(word, text=word.text[:s], bbox=_share(word, 0, s)))
        if not placed:
            box = _share(word, s, e)
            words.append(Word(value, box, confidence, engine))
            placed = True
        else:  # the value ran over two words: widen the placed word's box
            last = words[-1]
            bx = _share(word, s, e)
            words[-1] = replace(
                last, bbox=(last.bbox[0], min(last.bbox[1], bx[1]), bx[2], max(last.bbox[3], bx[3]))
            )
        if e < len(word.text):
            words.append(replace(word, text=word.text[e:], bbox=_share(word, e, len(word.text))))
    return Line(tuple(words))


def _value_box(line: Line, kind: str) -> tuple[int, int, int, int] | None:
    """The box of the characters Tesseract read in the value's place."""
    pattern = _NUMBER if kind == "number" else _DAY
    m = pattern.search(line.text)
    if m is None:
        return None
    if m.group("v") is None:
        # Nothing read there (faint or tall pen strokes): the gap between the label and
        # what follows it, if there is room for digits.
        gap = _gap(line, m)
        return gap
    start, end = m.span("v")
    boxes = [
        _share(w, max(start, a) - a, min(end, b) - a)
        for w, (a, b) in zip(line.words, _spans(line.words), strict=True)
        if b > start and a < end
    ]
    # The pen's digits fill the blank between label and what follows, whatever part of them
    # Tesseract turned into characters: the whole blank is read.
    gap = _gap(line, m)
    if gap is not None:
        boxes.append(gap)
    return (
        (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        if boxes
        else None
    )


def _gap(line: Line, m: re.Match[str]) -> tuple[int, int, int, int] | None:
    """The blank between the word ending the label and the next word, as a box."""
    spans = _spans(line.words)
    if m.group("v") is not None:
        label_end, follow = m.start("v"), m.end("v")
    else:
        label_end = m.start() + len(m.group(0).rstrip("/ _.,").rstrip())
        label_end = follow = label_end
        tail = m.group(0)[len(m.group(0).rstrip("/ _.,").rstrip()) :]
        follow = label_end + len(tail) - len(tail.lstrip())
    # The label's last word ends before the value; the follower's first word starts after.
    before = [w for w, (a, b) in zip(line.words, spans, strict=True) if b <= label_end]
    after = [w for w, (a, b) in zip(line.words, spans, strict=True) if a >= follow]
    if not before or not after:
        return None
    x0, x1 = before[-1].bbox[2], after[0].bbox[0]
    y0, y1 = line.bbox[1], line.bbox[3]
    return (x0 + 2, y0, x1 - 2, y1) if x1 - x0 >= 0.5 * (y1 - y0) else None


def _crop_around(
    gray: np.ndarray, box: tuple[int, int, int, int], height: int, pad_x: float, pad_y: float
) -> np.ndarray:
    x0, y0, x1, y1 = box
    h, w = gray.shape
    return gray[
        max(0, int(y0 - pad_y * height)) : min(h, int(y1 + pad_y * height)),
        max(0, int(x0 - pad_x * height)) : min(w, int(x1 + pad_x * height)),
    ]


_DIGIT_RUN = re.compile(r"[0-9oOlI]+")


def crop_value(kind: str, text: str) -> str | None:
    """The digits read on a crop of the value alone (its neighbours' edges trimmed)."""
    runs = sorted(_DIGIT_RUN.findall(text), key=len, reverse=True)
    return _digits(runs[0], 6 if kind == "number" else 2) if runs else None


def decide(kind: str, opinions: list[str | None], tesseract_conf: float) -> tuple[str, float, str] | None:
    """(value, confidence, engine) from the opinions, in order Tesseract's page reading,
    trueocr on the value's tight crop, on its line, on a wider crop; None to leave it.

    The value most opinions give (ties: the order above from the second on, as trueocr's
    tight crop was right most often). Sure only when all four agree and Tesseract read it
    printed-clear (word confidence >= 0.85): hand-written "09" read "03" four times alike
    was seen, and Tesseract was never that sure of a hand-written digit there."""
    valid = [o for o in opinions if o is not None]
    if not valid:
        return None
    votes = {v: valid.count(v) for v in valid}
    rank = [*opinions[1:], opinions[0]]
    value = max(votes, key=lambda v: (votes[v], -rank.index(v)))
    engines = {"tesseract" if i == 0 else "trueocr" for i, o in enumerate(opinions) if o == value}
    engine = "+".join(sorted(engines))
    if len(valid) == len(opinions) and votes[value] == len(opinions) and tesseract_conf >= 0.85:
        return value, AGREED_CONFIDENCE, engine
    return value, UNSURE_CONFIDENCE * votes[value] / len(opinions), engine


def _first_row_joined(block: Block) -> Block:
    """The block with the pieces of its first row (cut apart at wide gaps by the layout:
    "Số: 12" and "/QĐ-UBND") joined into one line again, left to right."""
    first = block.lines[0]
    height = first.bbox[3] - first.bbox[1]

    def overlap(ln: Line) -> float:  # hand-written digits stand taller than the print
        return min(first.bbox[3], ln.bbox[3]) - max(first.bbox[1], ln.bbox[1])

    row = [ln for ln in block.lines if overlap(ln) >= 0.3 * height]
    if len(row) == 1:
        return block
    rest = tuple(ln for ln in block.lines if not any(ln is r for r in row))
    words = tuple(sorted((w for ln in row for w in ln.words), key=lambda w: w.bbox[0]))
    return Block((Line(words), *rest), block.kind)


def read_fill_ins(page: Page, gray: np.ndarray, model_dir: str | None = None) -> Page:
    """``page`` with the number and day of its header read by both engines (see above)."""
    from ocr.engines.trueocr import read_lines

    targets = []
    for i, block in enumerate(page.blocks):
        if block.kind in ("number", "place_date") and block.lines:
            block = _first_row_joined(block)
            box = _value_box(block.lines[0], block.kind)
            if box is not None:
                targets.append((i, block, box))
    if not targets:
        return page
    crops = []
    for _, block, box in targets:
        line_box = block.lines[0].bbox
        height = line_box[3] - line_box[1]
        crops += [
            _crop_around(gray, box, height, 0.3, 0.25),
            _crop(gray, line_box),
            _crop_around(gray, box, height, 0.6, 0.3),
        ]
    readings = read_lines(crops, model_dir)
    blocks = list(page.blocks)
    checked = unsure = 0
    for n, (i, block, _box) in enumerate(targets):
        line = block.lines[0]
        tight, whole, wide = readings[3 * n : 3 * n + 3]
        words = [w for w in line.words if any(c.isdigit() for c in w.text)] or list(line.words)
        opinions = [
            parse(block.kind, line.text).value,
            crop_value(block.kind, tight.text),
            parse(block.kind, whole.text).value,
            crop_value(block.kind, wide.text),
        ]
        choice = decide(block.kind, opinions, min(w.confidence for w in words))
        if choice is None:
            continue
        value, confidence, engine = choice
        new = _replace_value(line, block.kind, value, confidence, engine)
        if new is None:
            continue
        checked += 1
        unsure += confidence < AGREED_CONFIDENCE
        blocks[i] = Block((new, *block.lines[1:]), block.kind)
    if not checked:
        return page
    steps = (f"fill_ins:{checked}",) + ((f"fill_ins_unsure:{unsure}",) if unsure else ())
    return replace(page, blocks=tuple(blocks), steps=page.steps + steps)


__all__ = ["AGREED_CONFIDENCE", "UNSURE_CONFIDENCE", "Reading", "decide", "parse", "read_fill_ins"]
