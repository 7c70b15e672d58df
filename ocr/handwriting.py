"""The number, day and month of a header, often written by hand after signing, read by
three engines and voted.

Tesseract turns hand-written digits into symbols ("0†", "$14", "ngày⁄{5"). Two line
recognizers read them better, each with its own errors: trueocr's Vietnamese one
(ocr/engines/trueocr.py) and PP-OCRv4's (ocr/engines/ppocr.py, digits and Latin letters, no
diacritics). On the real signed scans of ``vi_real_admin_scans`` Tesseract alone read 7 of 19
numbers, Tesseract with trueocr 13, the three engines 17 (bench real). So each value is read
several times: Tesseract's page reading, and each recognizer on a tight crop of the value,
on its whole line and on a wider crop; PP-OCR also reads the two crops stretched 1.5x wide,
as its CTC decoding merges a repeated digit ("11" read "1") in a narrow crop. The month is
printed, but Tesseract loses it beside hand-written ink ("tháng tOnăm"): it is voted from
the whole-line readings. Then:

* the value most opinions give is kept (ties: the value more line recognizers give, then
  one that holds the other's digits and more, "22" before "2", then the opinion that was
  right most often first, ``_RANK``), and its ``engine`` says who read it
  (``ppocr+tesseract+trueocr`` …); the pieces of a value two crops cut apart ("2" and "4")
  count for it when another opinion read it whole ("24"), never as sure;
* it is sure (>= 0.9) when two thirds of the opinions or more give it, two engines or
  more do, and no other value is read (one stray reading is let pass among eight opinions
  or more); or when PP-OCR gives it on all five of its crops (measured: see ``decide``).
  Otherwise its confidence is low (< 0.5), so the field built on it goes to a person
  (quality R-D5, < 0.80). The printed month is settled by the three whole-line readings
  when they agree, and voted with the crops when they do not;
* a value left unsure is read once more by a fourth engine, PP-OCRv6's small recognizer
  (the same crops and the line): its own vote gives the value, never sure, unless the
  first value holds its digits and more, two engines gave the first value and v6 reads no
  digit more, or v6 only adds digits after a number (``_with_second_opinion``); page step
  ``fill_ins_second:N``;
* no well-formed opinion: the line is left as Tesseract read it;
* a number whose code Tesseract and PP-OCR read apart on the line ("/TT-BKHCN" against
  "/TTr-BKHCN": the pen beside it took a letter out) is capped below what quality trusts
  in a number whose code checks out (``SUFFIX_DOUBT_CONFIDENCE``).

A crop's reading is the value between its labels: a number's after the label's colon and
before the code's slash ("6:1/" is 1, "Số:" read as "6:"), a day's between "ngày" and
"tháng"; digits a space apart are one value ("8 5O7"); an open "6" read "G" is a 6. A number
whose slash the pen's strokes took in ("Số:8 84BC-UBVHXH15") ends where its code begins, and
the slash is put back after the value. A number's crops begin at the
label's colon, found on the page (``_colon_end``), when Tesseract's "Số:" box took in the
pen's first digits.

The value replaces the characters Tesseract read in its place (or goes between its labels
when nothing was read there); its box is the share of the word(s) those characters took.
Words of marks alone that Tesseract made of the pen's strokes beside it ("565 _ /TB-UBND")
are dropped: the extractor reads no number or date across them. The row read is the first
line of the block with a field's label, joined again where the layout cut it. A value's blank with no pen stroke in it (a draft's
"Số: …/TTr", "ngày … tháng") is left as it is: nothing is read there. Page step
``fill_ins:N`` counts the values checked, ``fill_ins_unsure:N`` those left low,
``fill_ins_blank:N`` the blanks left empty.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

import cv2
import numpy as np

from ocr.engines import Reader, line_readers, ppocr
from ocr.errors import ModelLoadError
from ocr.result import Block, Line, Page, Word

# Confidence of a value the engines read alike, and the cap of one they did not.
AGREED_CONFIDENCE = 0.95
UNSURE_CONFIDENCE = 0.45
# Letters both engines write for hand-written digits (o5 -> 05, l6 -> 16; an open "0"
# read "C", "68C4" for 6804; a bold "8" read "&", "0&thang" for 08, bench real, dev fonts).
_LOOKALIKE = str.maketrans(
    {
        "C": "0",
        "&": "8",
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
        "G": "6",
    }
)

# The value ends at the code's slash, or where the code begins when the pen's strokes took
# the slash in ("Số:8 84BC-UBVHXH15", "Só:Ø đ%BC-UBVHXHI5", bench real, dev fonts).
# A hyphen printed where a number's slash belongs ("06-QĐ-UBND"): malformed, kept as printed.
_PRINTED_HYPHENS = "-–—"
_NUMBER = re.compile(
    r"^\s*(?P<lab>S[ốoóồổỗộơớờởỡợô]\s*[:;.,]?)\s*(?P<v>[^/\s][^/]*?)?\s*[_\s.,]*"
    r"(?:/|(?-i:(?=[A-ZĐ]{2,6}-[A-ZĐ])))",
    re.IGNORECASE,
)
# "tháng" and "năm" as the engines write them beside ink ("háng", "thông", "thng", "iháng";
# "máng", its "th" run into one letter; "nãm", "nam"): never a digit in the place of the "t"
# ("2 4háng" is day 24).
_THANG = r"(?:[^\s\d]?h|m)\S{0,2}ng"
_NAM = r"n\S{0,2}m"
# The day: whatever stands between "ngày" and "tháng".
_DAY = re.compile(
    rf"(?P<lab>ng\S{{1,2}}y\s*[,.:;]?)\s*(?P<v>(?!{_THANG})\S.{{0,7}}?)?\s*[.,]?\s*{_THANG}",
    re.IGNORECASE,
)
# The month: between "tháng" and "năm", both as the engines write them beside ink
# ("tháng 10 năm", "thang 10nam", "thông 01 nãm", "iháng 02 năm", "tháng tOnăm"; a pen's
# "10" read as two marks, "tháng | O năm").
_MONTH = re.compile(
    rf"(?:^|[\s\d,.])(?P<lab>{_THANG}\s*[,.:;]?)\s*(?P<v>(?!{_NAM}\b)\S(?:.{{0,3}}?\S)?)?\s*[_.,]?\s*{_NAM}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Field:
    pattern: re.Pattern[str]
    most: int  # digits at most
    span: tuple[int, int] | None  # the values a calendar allows


FIELDS = {
    "number": _Field(_NUMBER, 6, None),
    "day": _Field(_DAY, 2, (1, 31)),
    "month": _Field(_MONTH, 2, (1, 12)),
}
# The values read again in each kind of header block (ocr/layout.py).
BLOCK_FIELDS = {"number": ("number",), "place_date": ("day", "month")}
# A value is sure only when at least this share of its opinions gives it (and none other).
SURE_SHARE = 2 / 3


@dataclass(frozen=True)
class Reading:
    raw: str | None  # the characters in the value's place, as read
    value: str | None  # the digits, when the characters are digits (look-alikes mapped)


def _digits(raw: str | None, field: str) -> str | None:
    if not raw:
        return None
    # Digits a space apart are one value written wide ("1 8", "2 4háng").
    text = re.sub(r"(?<=\d) (?=\d)", "", raw.strip(" _.,").translate(_LOOKALIKE))
    spec = FIELDS[field]
    if not (text.isdigit() and 1 <= len(text) <= spec.most):
        return None
    if spec.span is not None and not spec.span[0] <= int(text) <= spec.span[1]:
        return None
    return text


def parse(field: str, text: str) -> Reading:
    """The number ("Số: 04 /QĐ-..."), day ("ngày 05 tháng ...") or month ("tháng 02 năm")
    in a line's text."""
    m = FIELDS[field].pattern.search(text)
    raw = m.group("v") if m else None
    return Reading(raw, _digits(raw, field))


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


def _replace_value(line: Line, field: str, value: str, confidence: float, engine: str) -> Line | None:
    """``line`` with the characters Tesseract read in the value's place replaced by ``value``."""
    m = FIELDS[field].pattern.search(line.text)
    if m is None:
        return None
    if m.group("v") is None:
        # Nothing was read in its place: the value goes in as a word of its own, in the gap
        # (however narrow: Tesseract's boxes of the labels around it can take in the pen's
        # strokes, "tháng" and "năm" side by side around a written month).
        gap = _gap(line, m, narrow=True)
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


# The label after a value, as Tesseract misreads it beside ink ("háng", "thảng", "thắng",
# "iháng"; "nãm", "nắm"), and its spelling: the extractor finds a date by its labels.
_LABEL_AFTER = {
    "day": (re.compile(_THANG, re.IGNORECASE), "tháng"),
    "month": (re.compile(_NAM, re.IGNORECASE), "năm"),
}


def _label_repaired(line: Line, field: str, value: str) -> Line:
    """``line`` with the label word right after the voted ``value`` spelled as printed."""
    if field not in _LABEL_AFTER:
        return line
    pattern, label = _LABEL_AFTER[field]
    words = list(line.words)
    for i, word in enumerate(words[:-1]):
        after = words[i + 1]
        voted = word.text == value and word.engine != "tesseract"
        if voted and after.text != label and pattern.fullmatch(after.text):
            words[i + 1] = replace(after, text=label)
            return Line(tuple(words))
    return line


# A word of marks alone that Tesseract made of the pen's strokes beside a value ("565 _
# /TB-UBND", "tháng 3 _ năm"): the extractor reads no number or date across it.
_DEBRIS = re.compile(r"[_\-\u2013\u2014.,:;|\u2026'\"`~^\u201c\u201d]+")


def _debris_cleared(line: Line, value: str) -> Line:
    """``line`` without the words of marks alone right before and after the voted ``value``
    (between it and its label, or the text after it)."""
    words = list(line.words)
    at = next((i for i, w in enumerate(words) if w.text == value and w.engine != "tesseract"), None)
    if at is None:
        return line
    end = at + 1
    while end + 1 < len(words) and _DEBRIS.fullmatch(words[end].text):
        end += 1
    start = at
    while start - 1 > 0 and _DEBRIS.fullmatch(words[start - 1].text):
        start -= 1
    if start == at and end == at + 1:
        return line
    return Line((*words[:start], words[at], *words[end:]))


# What Tesseract made of the rest of a pen's number once its first digits ended the value:
# slashes and digits alone ("81 / /TTr-BTC" for 817, "2/7 /BC-BCT" for 387; a pen's "7"
# reads as a slash), before the printed code's own slash.
_PEN_SLASHES = re.compile(r"[/\u2044\\|\d]*[/\u2044\\|][/\u2044\\|\d]*")
_CODE = re.compile(r"[/\u2044]\w*[^\W\d_]")


def _pen_slashes_cleared(line: Line, value: str, read: str) -> Line:
    """``line`` without the words of slashes and digits between the voted number ``value``
    and its code ("/TTr-BTC"), when the vote changed what Tesseract read (``read``, its value
    before the vote): those are the pen's digits it read as slashes. A number Tesseract read
    as the vote did is left as printed, so a doubled slash on a printed number stays for the
    rules to judge."""
    if read == value:
        return line
    words = list(line.words)
    at = next((i for i, w in enumerate(words) if w.text == value and w.engine != "tesseract"), None)
    if at is None:
        return line
    end = at + 1
    while end < len(words) and _PEN_SLASHES.fullmatch(words[end].text):
        end += 1
    if end == at + 1 or end == len(words) or not _CODE.match(words[end].text):
        return line
    return Line((*words[: at + 1], *words[end:]))


def _slash_restored(line: Line, value: str, read: str = "") -> Line:
    """``line`` with the slash between the voted number ``value`` and its code put back when
    the pen's strokes took it in ("Số: 884 BC-UBVHXH15"): the code of a number follows a
    slash, and the extractor finds the number by it. The slash is a word of its own at the
    value's right edge, as sure as the value. Where Tesseract read a hyphen there (``read``,
    the line before the vote: "Số: 06-QĐ-UBND"), the page prints one: it is put back instead,
    and the malformed number is left for the rules to judge."""
    m = _NUMBER.search(line.text)
    if m is None or line.text[m.end() - 1 : m.end()] == "/":
        return line
    before = _NUMBER.search(read) if read else None
    printed = (before.group("v") or "").rstrip()[-1:] if before is not None else ""
    separator = printed if printed and printed in _PRINTED_HYPHENS else "/"
    words = list(line.words)
    at = next((i for i, w in enumerate(words) if w.text == value and w.engine != "tesseract"), None)
    if at is None:
        return line
    word = words[at]
    x1, y0, y1 = word.bbox[2], word.bbox[1], word.bbox[3]
    if separator != "/" and at + 1 < len(words) and words[at + 1].text[:1] in _PRINTED_HYPHENS:
        return line  # the hyphen read is still there
    words.insert(at + 1, Word(separator, (x1, y0, x1 + 1, y1), word.confidence, word.engine))
    return Line(tuple(words))


def _value_box(line: Line, field: str) -> tuple[int, int, int, int] | None:
    """The box of the characters Tesseract read in the value's place."""
    m = FIELDS[field].pattern.search(line.text)
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


def _colon_end(gray: np.ndarray, box: tuple[int, int, int, int]) -> int | None:
    """The right edge of the colon of a "Số:" label whose word's ``box`` this is: two small
    dots one above the other, the lower one on the baseline of the label's first letter
    (the "S"). The leftmost such pair is taken (the pen's strokes stand right of it). None
    when there is none."""
    x0, y0, x1, y1 = box
    crop = gray[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if crop.size == 0 or crop.shape[0] < 8:
        return None
    paper = float(np.percentile(crop, 95))
    dark = (crop < min(160.0, 0.6 * paper)).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    comps = [tuple(int(v) for v in c) for c in stats[1:]]
    letters = [c for c in comps if c[3] >= 0.35 * crop.shape[0]]
    if not letters:
        return None
    first = min(letters, key=lambda c: c[0])
    base, size = first[1] + first[3], first[3]
    dots = [c for c in comps if c[2] <= 0.35 * size and c[3] <= 0.35 * size and c[4] >= 2]
    ends = [
        max(lo[0] + lo[2], up[0] + up[2])
        for lo in dots
        if abs(lo[1] + lo[3] - base) <= 0.2 * size and lo[0] > first[0] + first[2]
        for up in dots
        if up[1] + up[3] < lo[1]
        and lo[1] - (up[1] + up[3]) <= 0.6 * size
        and abs((up[0] + up[2] / 2) - (lo[0] + lo[2] / 2)) <= max(up[2], lo[2])
    ]
    return x0 + min(ends) if ends else None


def _after_colon(gray: np.ndarray, line: Line) -> int | None:
    """Where a number begins: right after the colon of its "Số:" label (see ``_colon_end``),
    or None. Tesseract's "Số:" word can take in the pen's first digits ("Số:" boxed over
    "Số:6": the crop from its end read "2" for 62), and a crop reaching over the label
    reads it as digits ("6:C4" for 604; bench real, dev fonts)."""
    m = _NUMBER.search(line.text)
    if m is None:
        return None
    label_end = m.end("lab") - 1
    word = next(
        (w for w, (a, b) in zip(line.words, _spans(line.words), strict=True) if a <= label_end < b), None
    )
    end = _colon_end(gray, word.bbox) if word is not None else None
    return None if end is None else end + 1


def _printed_width(line: Line, word: Word) -> float | None:
    """How wide ``word``'s letters are at the line's print size, measured by the line's other
    printed words (None when there are too few of them to tell)."""
    widths = [
        (w.bbox[2] - w.bbox[0]) / len(w.text)
        for w in line.words
        if w is not word and len(w.text) >= 2 and w.confidence >= 0.8 and w.text.rstrip(",.").isalnum()
    ]
    if len(widths) < 3:
        return None
    return len(word.text.rstrip(",.:;")) * float(np.median(widths))


def _labels_around(line: Line, field: str) -> tuple[int | None, int | None]:
    """Where a day or month begins and ends when Tesseract's boxes of the labels around it
    ("ngày", "tháng", "năm") took in the pen's first or last digit: such a box is much wider
    than its letters at the line's print size. Breip's small "2" written close after "ngày"
    was boxed with it and lost on every crop ("24" read "4"), and the "2" of a "12" with
    "tháng" ("1"; bench real, dev fonts). (None, None) when the boxes are as wide as their
    letters make them."""
    m = FIELDS[field].pattern.search(line.text)
    if m is None:
        return None, None
    spans = list(zip(line.words, _spans(line.words), strict=True))
    label_end = m.start("lab") + len(m.group("lab").rstrip()) - 1
    before = next((w for w, (a, b) in spans if a <= label_end < b), None)
    after_at = m.end() - 1  # the last letter of the label after the value
    after = next((w for w, (a, b) in spans if a <= after_at < b), None)
    start = end = None
    for word, is_before in ((before, True), (after, False)):
        if word is None or word.text[:1].isdigit() or word.engine != "tesseract":
            continue
        width = _printed_width(line, word)
        x0, x1 = word.bbox[0], word.bbox[2]
        if width is None or x1 - x0 < 1.3 * width:
            continue
        if is_before:
            start = int(x0 + width)
        else:
            end = int(x1 - width)
    return start, end


def _gap(line: Line, m: re.Match[str], narrow: bool = False) -> tuple[int, int, int, int] | None:
    """The blank between the word ending the label and the next word, as a box (``narrow``:
    however narrow it is; else None when there is no room for digits)."""
    spans = _spans(line.words)
    if m.group("v") is not None:
        label_end, follow = m.start("v"), m.end("v")
    else:  # from the label's end to what follows it ("/TTr", "tháng", "năm")
        label_end = m.start("lab") + len(m.group("lab").rstrip())
        tail = line.text[label_end:]
        follow = label_end + len(tail) - len(tail.lstrip())
    # The label's last word ends before the value; the follower's first word starts after.
    before = [w for w, (a, b) in zip(line.words, spans, strict=True) if b <= label_end]
    after = [w for w, (a, b) in zip(line.words, spans, strict=True) if a >= follow]
    if not before or not after:
        return None
    x0, x1 = before[-1].bbox[2], after[0].bbox[0]
    y0, y1 = line.bbox[1], line.bbox[3]
    if x1 - x0 >= 0.5 * (y1 - y0):
        return (x0 + 2, y0, x1 - 2, y1)
    return (x0, y0, max(x0 + 1, x1), y1) if narrow else None


def _pen_in(gray: np.ndarray, box: tuple[int, int, int, int], height: int) -> bool:
    """Whether anything a pen wrote stands in ``box`` (a value's blank): a dark stroke at
    least 0.4 of the line's height tall. The dots, dashes and underscores a draft leaves in
    a blank ("Số: …/TTr", "ngày - tháng") are flat, and so is an underline; a digit written
    there, even at the print's size, is not. The box is taken half a line higher and a third
    lower, as a pen's digits stand taller than the print and off its baseline."""
    x0, y0, x1, y1 = box
    h, w = gray.shape
    crop = gray[max(0, int(y0 - 0.5 * height)) : min(h, int(y1 + 0.3 * height)), max(0, x0) : min(w, x1)]
    if crop.size == 0:
        return True  # nothing to look at: read it as before
    paper = float(np.percentile(crop, 95))
    dark = (crop < min(215.0, 0.85 * paper)).astype(np.uint8)
    if not dark.any():
        return False
    # A fine pen's hairline is light and breaks apart at the scan's resolution ("24" in
    # strokes of 9 and 5 px on a 33 px line, bench real's second dev group): light grey
    # counts, and pieces a pixel or two apart are one stroke (grown by a pixel each side,
    # which the height test takes back).
    grown = cv2.dilate(dark, np.ones((3, 3), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    return bool((stats[1:, cv2.CC_STAT_HEIGHT] - 2 >= 0.4 * height).any())


def _left_blank(
    gray: np.ndarray, line: Line, field: str, start: int | None = None, end: int | None = None
) -> bool:
    """The value's blank holds no pen stroke (a draft's number and day, left for after
    signing): nothing is to be read there, whatever the engines make of its edges (PP-OCR
    read the "ố" of "Số:" on a wide crop as "6", trueocr a dash as "1"). Only a blank
    between whole words is judged; Tesseract's digits there, or a value run into the label
    ("ngày82"), are read as before. ``start``: where the value begins when the label's word
    box took it in (``_after_colon``, ``_labels_around``): the blank is judged from there;
    ``end``: the same on the right, where the next label's box took in the value's end."""
    m = FIELDS[field].pattern.search(line.text)
    if m is None or _digits(m.group("v"), field) is not None:
        return False
    gap = _gap(line, m)
    if gap is not None and m.group("v") is not None and (box := _value_box(line, field)) is not None:
        # What Tesseract read there is judged too: its box can reach into the label's
        # ("tháng" boxed to 1197 px, the pen's "4" read "?" at 1185-1206).
        gap = (min(gap[0], box[0]), gap[1], max(gap[2], box[2]), gap[3])
    if gap is not None and start is not None and start < gap[0]:
        gap = (start, gap[1], gap[2], gap[3])
    if gap is not None and end is not None and end > gap[2]:
        gap = (gap[0], gap[1], end, gap[3])
    return gap is not None and not _pen_in(gray, gap, line.bbox[3] - line.bbox[1])


def _crop_around(
    gray: np.ndarray,
    box: tuple[int, int, int, int],
    height: int,
    pad_x: float,
    pad_y: float,
    left: int | None = None,
    right: int | None = None,
) -> np.ndarray:
    """``box`` padded by shares of the line's ``height``; left of ``left`` and right of
    ``right``, when given (the end or start of a label that must not be read), blanked to the
    paper's shade (the recognizers read a digit flush with the crop's edge worse: "4" for 6804)."""
    x0, y0, x1, y1 = box
    h, w = gray.shape
    start = max(0, int(x0 - pad_x * height))
    crop = gray[
        max(0, int(y0 - pad_y * height)) : min(h, int(y1 + pad_y * height)),
        start : min(w, int(x1 + pad_x * height)),
    ]
    cut_left = left is not None and left > start
    cut_right = right is not None and right - start < crop.shape[1]
    if (cut_left or cut_right) and crop.size:
        paper = int(np.percentile(crop, 95))
        crop = crop.copy()
        if left is not None and cut_left:
            crop[:, : left - start] = paper
        if right is not None and cut_right:
            crop[:, max(0, right - start) :] = paper
    return crop


# Digits (and the look-alikes the engines write for them), single spaces allowed between
# them: a value written wide ("8 5O7", "5 65") is one run, not its longest piece.
_DIGIT_RUN = re.compile(r"[0-9oOlIC&G]+(?: [0-9oOlIC&G]+)*")


# The labels around a day ("ngày" / "tháng") and a month ("tháng" / "năm") as the engines
# write them on a crop ("ngay7 t", "ngayzZthangl0": the month's "10" is not the day).
_CROP_LABELS = {"day": (r"ng\S{0,2}y", r"t?h\S{0,2}ng"), "month": (r"h\S{0,2}ng", r"n\S{0,2}m")}


def crop_value(field: str, text: str) -> str | None:
    """The digits read on a crop of the value alone (its neighbours' edges trimmed). A
    number's crop can take in the label's colon and the suffix's slash: what stands before
    the colon is the label ("6:1/", "10: 1 /": "Số:" read as digits) and the suffix begins at
    the first slash after a digit."""
    if field == "number":
        pieces = [p for p in text.split("/") if _DIGIT_RUN.search(p.rsplit(":", 1)[-1])]
        text = pieces[0].rsplit(":", 1)[-1] if pieces else ""
    else:  # a day's or month's crop reaches into its labels: only what stands between them
        before, after = _CROP_LABELS[field]
        text = re.split(before, text, flags=re.IGNORECASE)[-1]
        text = re.split(after, text, maxsplit=1, flags=re.IGNORECASE)[0]
    runs = sorted(_DIGIT_RUN.findall(text), key=len, reverse=True)
    return _digits(runs[0], field) if runs else None


@dataclass(frozen=True)
class Opinion:
    engine: str  # tesseract, trueocr or ppocr
    crop: str  # page (Tesseract's page reading), tight, line or wide
    value: str | None  # the digits it gives, or None


# Ties go to the opinion first in this order (the most often right on real signed scans).
_RANK = [
    ("ppocr", "tight"),
    ("ppocr", "tight_stretched"),
    ("ppocr", "line"),
    ("trueocr", "tight"),
    ("ppocr", "wide_stretched"),
    ("ppocr", "wide"),
    ("trueocr", "line"),
    ("trueocr", "wide"),
    ("tesseract", "page"),
]


def _collapsed(value: str) -> str:
    """``value`` with each run of a repeated digit written once ("11" -> "1", "2239" -> "239")."""
    return re.sub(r"(\d)\1+", r"\1", value)


def _within(short: str, longer: str) -> bool:
    """Whether ``short``'s digits stand in ``longer`` in order (some of ``longer``'s left out)."""
    rest = iter(longer)
    return all(d in rest for d in short)


def decide(field: str, opinions: list[Opinion]) -> tuple[str, float, str] | None:
    """(value, confidence, engine) from the opinions (see the module's docstring); None to
    leave the line as Tesseract read it. A day's or month's "01" and "1" are one value: they
    vote together (apart, "01" twice and "1" twice lost to a misread "7" thrice), and the
    value is written as most of its opinions wrote it (as printed, "08" stays "08")."""
    if field not in ("day", "month"):
        return _decide(field, opinions)
    written: dict[str, Counter[str]] = {}
    alike = []
    for o in opinions:
        if o.value is not None and o.value.isdigit():
            number = str(int(o.value))
            written.setdefault(number, Counter())[o.value] += 1
            o = replace(o, value=number)
        alike.append(o)
    choice = _decide(field, alike)
    if choice is None or choice[0] not in written:
        return choice
    # the form most opinions wrote; on a tie the longer ("08" as printed over "8")
    form = max(written[choice[0]].items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    return form, choice[1], choice[2]


def _decide(field: str, opinions: list[Opinion]) -> tuple[str, float, str] | None:
    valid = [o for o in opinions if o.value is not None]
    if not valid:
        return None
    votes: dict[str, list[Opinion]] = {}
    for o in valid:
        votes.setdefault(str(o.value), []).append(o)
    # PP-OCR's CTC decoding writes a repeated digit once on a narrow crop: its plain reading
    # counts for the value with the repeat when PP-OCR itself read that on a stretched crop
    # (never as sure). Another engine's doubled digit alone moves nothing ("776" for 76).
    merged = False
    grown: set[str] = set()  # values that took crop readings ending them (never sure)
    for longer in list(votes):
        short = _collapsed(longer)
        shown = any(o.engine == "ppocr" and o.crop.endswith("_stretched") for o in votes[longer])
        if short != longer and short in votes and shown:
            moved = [o for o in votes[short] if o.engine == "ppocr" and not o.crop.endswith("_stretched")]
            if moved:
                votes[longer] += moved
                votes[short] = [o for o in votes[short] if o not in moved]
                merged = True
    # The crops of a number start just after "Số:", and the "ố" was read as a leading 5 or 6
    # ("62624" for 2624, bgddt_2624): such a crop reading counts for the value without it
    # when a reading of the whole line, label and all, gives that (never as sure).
    if field == "number":
        for longer in list(votes):
            rest = longer[1:]
            # Five digits or more only: a short hand-written number whose first digit a line
            # reading missed ("542" read "42") is no label ("542" was lost that way).
            label_like = len(longer) >= 5 and longer[:1] in ("5", "6")
            if label_like and any(o.crop in ("page", "line") for o in votes.get(rest, [])):
                moved = [o for o in votes[longer] if o.crop not in ("page", "line")]
                if moved:
                    votes[rest] += moved
                    votes[longer] = [o for o in votes[longer] if o not in moved]
                    merged = True
        # The first digits written into the label's box (Tesseract's "Số:" word took them
        # in) are outside every crop, which start after it: a crop reading that ends the
        # value the whole-line readings of two engines or more give counts for that value
        # ("06" for 8606, bench real, dev fonts; that value never as sure, the others as
        # they were: vpcp_2239's "233" moved to "2233" leaves PP-OCR's "2239" sure).
        for longer in list(votes):
            lines = [o for o in votes[longer] if o.crop in ("page", "line")]
            if len({o.engine for o in lines}) < 2:
                continue
            for short in list(votes):
                if short != longer and longer.endswith(short):
                    moved = [o for o in votes[short] if o.crop not in ("page", "line")]
                    if moved:
                        votes[longer] += moved
                        votes[short] = [o for o in votes[short] if o not in moved]
                        grown.add(longer)
    # A CTC recognizer drops a digit of a pen's value on some crops ("6" for 62: PP-OCR's four
    # crops, while its own line reading and trueocr's crops read "62"): a value only one
    # engine reads, which that engine on its whole line and another engine read with more
    # digits around it, counts for the longer value (never as sure) when it would outvote
    # it. (A stray "5" beside seven readings of "05" moves nothing: that "05" stays sure;
    # nor does a "3" whose crops took the "t" of "tháng" in as "31", PP-OCR's line read "3".)
    for short in list(votes):
        engines = {o.engine for o in votes[short]}
        if len(engines) != 1 or not votes[short]:
            continue
        for longer in list(votes):
            around = {o.engine for o in votes[longer]}
            own_line = any(o.engine in engines and o.crop == "line" for o in votes[longer])
            if (
                len(longer) > len(short)
                and _within(short, longer)
                and engines < around
                and own_line
                and len(votes[short]) >= len(votes[longer])
            ):
                votes[longer] += votes[short]
                votes[short] = []
                grown.add(longer)
                break
    votes = {v: ops for v, ops in votes.items() if ops}
    # A value two crops cut apart, each reading one piece ("2" on the crops whose right edge
    # fell on the pen's "4", "4" on those that took the "2" into "ngày"), while another
    # opinion read it whole ("24", bench real, dev fonts): the pieces count for it (never
    # as sure). Not when one piece alone has most of the readings, nor, for a number, with
    # a piece read once (a crop reads the label's "ố" as a 5 or 6: "5" and "65" are no 565).
    least = 2 if field == "number" else 1
    for whole in list(votes):
        if whole not in votes:
            continue
        for cut in range(1, len(whole)):
            head, tail = whole[:cut], whole[cut:]
            counts = (len(votes.get(head, ())), len(votes.get(tail, ())))
            if head != tail and min(counts) >= least and 2 * max(counts) <= len(valid):
                votes[whole] += votes.pop(head) + votes.pop(tail)
                grown.add(whole)
                break

    def first(value: str) -> int:
        ranks = [_RANK.index((o.engine, o.crop)) for o in votes[value] if (o.engine, o.crop) in _RANK]
        return min(ranks, default=len(_RANK))

    # Ties go to the value more engines give (their errors are apart; one engine's crops of
    # a pen's digit err alike: PP-OCR's "515" on three crops against "575" of trueocr's line
    # and PP-OCR's two stretched crops, qngai_575), then to the opinion ranked first.
    # Ties are never sure; among them a value that holds another's digits and more goes
    # first: a crop loses a pen's digit (cut by its edge, run into a label: "2" for 22)
    # more often than it makes one up.
    def holds(v: str) -> bool:
        return any(len(w) < len(v) and len(votes[w]) == len(votes[v]) and _within(w, v) for w in votes)

    def recognizers(v: str) -> int:  # the line recognizers (Tesseract is weakest on a pen)
        return len({o.engine for o in votes[v]} - {"tesseract"})

    value = max(votes, key=lambda v: (len(votes[v]), recognizers(v), holds(v), -first(v)))
    merged = merged or value in grown
    engines = {o.engine for o in votes[value]}
    engine = "+".join(sorted(engines))
    dissent = len(valid) - len(votes[value])
    sure = (
        not merged
        and len(votes[value]) >= max(2, math.ceil(SURE_SHARE * len(opinions)))
        # one stray reading among eight or more (a slash read as "1" on one crop)
        and dissent <= (1 if len(opinions) >= 8 else 0)
        and len(engines) >= 2
    )
    # PP-OCR alike on all five of its crops (two of them stretched): on the real signed
    # scans that was right every time the other engines split or misread the pen ("2239"
    # against Tesseract's and trueocr's "2233"), and in bench real's hand-written fonts it
    # made no wrong value sure. Its five opinions outvote the other four.
    pp_crops = [o for o in opinions if o.engine == "ppocr"]
    pp_unanimous = len(pp_crops) == 5 and all(o.value == value for o in pp_crops)
    sure = sure or (not merged and pp_unanimous)
    # A reading of the whole line (label and all) with more digits than the value: a digit
    # the crops missed (a "4" run into "tháng", every crop read "2"): never sure.
    if any(o.crop in ("page", "line") and len(str(o.value)) > len(value) for o in valid):
        sure = False
    if sure:
        return value, AGREED_CONFIDENCE, engine
    return value, UNSURE_CONFIDENCE * len(votes[value]) / len(opinions), engine


def _row_joined(block: Block) -> tuple[Block, int]:
    """The block with the pieces of the row that holds its fields (cut apart at wide gaps by
    the layout: "Số: 12" and "/QĐ-UBND") joined into one line again, left to right, and
    that line's index. The row is the first line where a field's label is read, else the
    first line: a place-date block can begin with the motto's last line ("Độc lập - Tự do
    - Hạnh phúc" above "Hà Nội, ngày …", bench real, dev fonts)."""
    labelled = [
        n
        for n, ln in enumerate(block.lines)
        if any(FIELDS[f].pattern.search(ln.text) for f in BLOCK_FIELDS.get(block.kind, ()))
    ]
    seed = block.lines[labelled[0] if labelled else 0]
    height = seed.bbox[3] - seed.bbox[1]

    def overlap(ln: Line) -> float:  # hand-written digits stand taller than the print
        return min(seed.bbox[3], ln.bbox[3]) - max(seed.bbox[1], ln.bbox[1])

    row = [ln for ln in block.lines if overlap(ln) >= 0.3 * height]
    words = tuple(sorted((w for ln in row for w in ln.words), key=lambda w: w.bbox[0]))
    joined = Line(words) if len(row) > 1 else seed
    lines: list[Line] = []
    at = 0
    for ln in block.lines:  # the joined row where its first piece was, the rest in order
        if any(ln is r for r in row):
            if ln is row[0]:
                at = len(lines)
                lines.append(joined)
            continue
        lines.append(ln)
    return Block(tuple(lines), block.kind), at


# The cap of a number's value when the code after it is in doubt: below the 0.30 at which
# quality trusts a number whose code checks out (quality/rules/correct.py), so a person
# reads it.
SUFFIX_DOUBT_CONFIDENCE = 0.25


def _code_key(text: str) -> str:
    """A number's code ("/TTr-BKHCN", "/QĐÐ-TTg") as PP-OCR and Tesseract can both write it:
    letters and digits only, without marks (PP-OCR has none; Đ, Ð -> D), upper case, each
    run of a repeated letter once (Tesseract's "QĐÐ" for "QĐ")."""
    folded = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    kept = "".join(c for c in folded if c.isascii() and c.isalnum()).upper()
    return re.sub(r"(.)\1+", r"\1", kept)


def _suffix_in_doubt(line: str, ppocr: dict[str, str]) -> bool:
    """Whether Tesseract's code after the number (its page line) and PP-OCR's (its reading of
    the same line) differ: the pen's strokes beside it can take a letter out of Tesseract's
    reading ("1/TT-BKHCN" for 1/TTr-BKHCN, a Thông tư's code on a Tờ trình, bench real, dev
    fonts, was accepted). The digits may be right; the number as a whole is not sure."""
    theirs = ppocr.get("line")
    if not theirs:
        return False
    m, p = _NUMBER.search(line), _NUMBER.search(theirs)
    if m is None or p is None:
        return False
    ours, other = _code_key(line[m.end() :]), _code_key(theirs[p.end() :])
    return bool(ours and other) and ours != other


def _engine_readers(model_dir: str | None, ppocr_model: str | None) -> list[tuple[str, Reader]]:
    """trueocr and PP-OCR v4 for the first readings, PP-OCR's labels as the patterns expect."""
    readers = dict(line_readers(model_dir, ppocr_model))
    ppocr_read = readers["ppocr"]
    return [
        ("trueocr", readers["trueocr"]),
        ("ppocr", lambda crops: [_latin_label(text) for text in ppocr_read(crops)]),
    ]


def _latin_label(text: str) -> str:
    """PP-OCR's reading with the label as the patterns expect it: it reads "Số:" as "S6:" or
    "So:" (no Vietnamese diacritics) and writes full-width colons."""
    text = text.replace("\uff1a", ":")
    return re.sub(r"^\W*S[6o0ôóòố]\s*([:;.,])", r"Số\1", text)


def _stretched(crop: np.ndarray, factor: float = 1.5) -> np.ndarray:
    if crop.size == 0:
        return crop
    return cv2.resize(
        crop, (max(1, round(crop.shape[1] * factor)), crop.shape[0]), interpolation=cv2.INTER_CUBIC
    )


@dataclass
class _Target:
    index: int  # of the block in the page
    block: Block
    crops: dict[str, np.ndarray]  # "line", and "<field>:tight" / "<field>:wide" where found
    blank: frozenset[str]  # the fields whose blank holds no pen stroke: left as they are
    row: int = 0  # the index of the line holding the fields in ``block``

    @property
    def line(self) -> Line:
        return self.block.lines[self.row]


def _targets(page: Page, gray: np.ndarray) -> list[_Target]:
    out = []
    for i, block in enumerate(page.blocks):
        if block.kind not in BLOCK_FIELDS or not block.lines:
            continue
        block, row = _row_joined(block)
        line = block.lines[row]
        height = line.bbox[3] - line.bbox[1]
        crops = {"line": _crop(gray, line.bbox)}
        bounds = {
            f: (_after_colon(gray, line), None) if f == "number" else _labels_around(line, f)
            for f in BLOCK_FIELDS[block.kind]
        }
        blank = frozenset(f for f in BLOCK_FIELDS[block.kind] if _left_blank(gray, line, f, *bounds[f]))
        for field in BLOCK_FIELDS[block.kind]:
            start, end = bounds[field]
            if field not in blank and (box := _value_box(line, field)) is not None:
                tight, wide, left, right = box, box, None, None
                if start is not None and start < box[0] - 0.3 * height:
                    # The label's box took in the value's first digits: the tight crop
                    # begins at the colon (the label blanked out), the wide one too when its
                    # margin does not reach it (the label's box took the whole value in).
                    tight, left = (start, tight[1], tight[2], tight[3]), start
                    if start < box[0] - 0.6 * height:
                        wide = (start, wide[1], wide[2], wide[3])
                if end is not None and end > box[2] + 0.3 * height:
                    # The next label's box took in the value's last digit: the same on the right.
                    tight, right = (tight[0], tight[1], end, tight[3]), end
                    if end > box[2] + 0.6 * height:
                        wide = (wide[0], wide[1], end, wide[3])
                crops[f"{field}:tight"] = _crop_around(gray, tight, height, 0.3, 0.25, left=left, right=right)
                crops[f"{field}:wide"] = _crop_around(gray, wide, height, 0.6, 0.3)
        out.append(_Target(i, block, crops, blank, row))
    return out


Job = tuple[int, str, np.ndarray]  # target index, crop name, crop


def _jobs_first(targets: list[_Target]) -> list[Job]:
    """The first readings of every target: its line and each value's tight crop."""
    return [
        (n, name, crop)
        for n, t in enumerate(targets)
        for name, crop in t.crops.items()
        if name == "line" or name.endswith(":tight")
    ]


def _jobs_more(targets: list[_Target], open_: set[tuple[int, str]], engine: str) -> list[Job]:
    """The further readings of the values the first ones did not settle: the wide crop, and
    for PP-OCR both crops stretched."""
    jobs: list[Job] = []
    for n, field in sorted(open_):
        crops = targets[n].crops
        if (wide := crops.get(f"{field}:wide")) is not None:
            jobs.append((n, f"{field}:wide", wide))
        if engine == "ppocr":
            for kind in ("tight", "wide"):
                if (crop := crops.get(f"{field}:{kind}")) is not None:
                    jobs.append((n, f"{field}:{kind}_stretched", _stretched(crop)))
    return jobs


def _read_jobs(jobs: list[Job], read: Reader, into: list[dict[str, str]]) -> None:
    if jobs:
        for (n, name, _), text in zip(jobs, read([crop for _, _, crop in jobs]), strict=True):
            into[n][name] = text


def _opinions(field: str, line: Line, readings: dict[str, dict[str, str]]) -> list[Opinion]:
    opinions = [Opinion("tesseract", "page", parse(field, line.text).value)]
    for engine, texts in readings.items():
        for crop, text in texts.items():
            if crop == "line":
                opinions.append(Opinion(engine, crop, parse(field, text).value))
            elif crop.startswith(f"{field}:"):
                opinions.append(Opinion(engine, crop.split(":", 1)[1], crop_value(field, text)))
    return opinions


def _settled(field: str, opinions: list[Opinion]) -> tuple[str, float, str] | None:
    """The value the first readings settle: every one of them well-formed and alike (for
    the month, printed as a rule, the three whole-line readings: the crops of a lone digit
    between "tháng" and "năm" take in letters, "9" read "4")."""
    if field == "month":
        opinions = [o for o in opinions if o.crop in ("page", "line")]
    choice = decide(field, opinions)
    if choice is None or choice[1] < AGREED_CONFIDENCE or any(o.value is None for o in opinions):
        return None
    return choice


def _second_opinions(
    targets: list[_Target], doubtful: list[tuple[int, str]], model_path: str | None
) -> dict[tuple[int, str], tuple[str, float, str, int] | None]:
    """PP-OCRv6's own vote on each value the three engines left unsure: its readings of the
    value's line, tight and wide crops and both stretched, with Tesseract's page reading
    (value, confidence, engine, and how many of those readings gave the value).
    ``decide`` knows PP-OCR's CTC habits (a repeated digit written once on a narrow crop)
    under the name ``ppocr``; v6 shares them, so it votes under that name and the engine
    is renamed after."""
    jobs: list[Job] = [(n, "line", targets[n].crops["line"]) for n in sorted({n for n, _ in doubtful})]
    jobs += [
        (n, f"{field}:tight", crop)
        for n, field in doubtful
        if (crop := targets[n].crops.get(f"{field}:tight")) is not None
    ]
    jobs += _jobs_more(targets, set(doubtful), "ppocr")  # the wide crop, both stretched
    readings: list[dict[str, str]] = [{} for _ in targets]
    _read_jobs(
        jobs,
        lambda crops: [_latin_label(r.text) for r in ppocr.read_lines(crops, model_path, ppocr.ENGINE_V6)],
        readings,
    )
    out: dict[tuple[int, str], tuple[str, float, str, int] | None] = {}
    for n, field in doubtful:
        opinions = _opinions(field, targets[n].line, {"ppocr": readings[n]})
        choice = decide(field, opinions)
        if choice is None:
            out[(n, field)] = None
            continue
        value, confidence, engine = choice
        readings_of = _backers(field, choice, opinions)[2]
        out[(n, field)] = (value, confidence, engine.replace("ppocr", ppocr.ENGINE_V6), readings_of)
    return out


def _backers(
    field: str, choice: tuple[str, float, str] | None, opinions: list[Opinion]
) -> tuple[int, str, int]:
    """How many engines gave ``choice``'s value, its longest form among them (a day or month
    by its number: "01" and "1" are one value), and how many readings gave it."""
    if choice is None:
        return 0, "", 0

    def key(value: str) -> str:
        return value if field == "number" else str(int(value))

    alike = [o for o in opinions if o.value is not None and key(o.value) == key(choice[0])]
    form = max((str(o.value) for o in alike), key=len, default=choice[0])
    return len({o.engine for o in alike}), form, len(alike)


def _with_second_opinion(
    field: str,
    first: tuple[str, float, str] | None,
    second: tuple[str, float, str] | tuple[str, float, str, int] | None,
    backers: tuple[int, str, int] = (1, "", 1),
) -> tuple[str, float, str] | None:
    """The value of PP-OCRv6's vote, never sure, in the place of an unsure one; but the first
    value when it holds v6's digits and more (a crop loses a pen's digit, "16" read "6",
    more often than it makes one up), when ``backers`` (two engines or more) gave it and
    v6's holds no digit more (a damaged page's printed "tháng 01": Tesseract's "01" and
    trueocr's "1" against v6's "10" on one crop), and a number's first value when v6's only
    adds digits after it (v6 reads the slash after a number, and the code's first letter,
    as digits: "47/QĐ" as "4710", tests/ocr/test_layout.py). On bench real's dev fonts the
    fields right went from 24 / 40 / 41 to 26 / 43 / 44 (number / day / month, of 26 / 47 /
    47); on the real signed scans none changed."""
    if second is None:
        return first
    if first is not None and len(first[0]) > len(second[0]) and _within(second[0], first[0]):
        return first
    if first is not None and field == "number" and second[0].startswith(first[0]):
        return first
    engines, form, readings = backers
    form = max(form, first[0] if first else "", key=len)
    grows = len(second[0]) > len(form) and _within(form, second[0])
    # v6's readings of its value outnumber the others' of theirs: the stronger evidence
    # (an ecolier "4" read "1" on two of nine crops, "4" on three of v6's six; bench real,
    # more dev fonts), however many engines gave the first.
    outread = len(second) == 4 and second[3] > readings
    if engines >= 2 and not grows and not outread:
        return first
    return second[0], min(second[1], UNSURE_CONFIDENCE), second[2]


def read_fill_ins(
    page: Page,
    gray: np.ndarray,
    model_dir: str | None = None,
    ppocr_model: str | None = None,
    required: bool = False,
    ppocr6_model: str | None = None,
) -> Page:
    """``page`` with the number, day and month of its header read again by the other engines
    (see above). Each engine first reads the lines and the tight crops; a value all of
    those readings give alike is settled, and only the others are read again on the wider
    and stretched crops (a clean printed header costs a third of the crops). An engine
    whose model cannot be loaded raises ``ModelLoadError`` when ``required``; otherwise the
    others vote without it (page step ``<engine>_unavailable``)."""
    targets = _targets(page, gray)
    if not targets:
        return page
    readers = dict(_engine_readers(model_dir, ppocr_model))
    readings: dict[str, list[dict[str, str]]] = {}
    missing: list[str] = []
    first = _jobs_first(targets)
    for engine, read in readers.items():
        try:
            readings[engine] = [{} for _ in targets]
            _read_jobs(first, read, readings[engine])
        except ModelLoadError:
            if required:
                raise
            del readings[engine]
            missing.append(engine)
    steps = tuple(f"{engine}_unavailable" for engine in missing)
    if not readings:
        return replace(page, steps=page.steps + steps)

    def opinions_of(n: int, field: str, line: Line) -> list[Opinion]:
        return _opinions(field, line, {e: r[n] for e, r in readings.items()})

    fields = [(n, f) for n, t in enumerate(targets) for f in BLOCK_FIELDS[t.block.kind] if f not in t.blank]
    settled = {
        (n, field): choice
        for n, field in fields
        if (choice := _settled(field, opinions_of(n, field, targets[n].line))) is not None
    }
    open_ = set(fields) - settled.keys()
    for engine in readings:
        _read_jobs(_jobs_more(targets, open_, engine), readers[engine], readings[engine])

    choices = {
        (n, field): settled.get((n, field)) or decide(field, opinions_of(n, field, targets[n].line))
        for n, field in fields
    }
    doubtful = sorted(k for k, c in choices.items() if c is None or c[1] < AGREED_CONFIDENCE)
    if doubtful:
        try:
            second = _second_opinions(targets, doubtful, ppocr6_model)
        except ModelLoadError:
            if required:
                raise
            steps += (f"{ppocr.ENGINE_V6}_unavailable",)
        else:
            for (n, field), v6 in second.items():
                backers = _backers(field, choices[(n, field)], opinions_of(n, field, targets[n].line))
                choices[(n, field)] = _with_second_opinion(field, choices[(n, field)], v6, backers)
            steps += (f"fill_ins_second:{len(doubtful)}",)

    blocks = list(page.blocks)
    checked = unsure = 0
    for n, target in enumerate(targets):
        line = as_read = target.line
        changed = False
        voted: list[tuple[str, str]] = []
        for field in BLOCK_FIELDS[target.block.kind]:
            if field in target.blank:
                continue
            choice = choices[(n, field)]
            if choice is None:
                continue
            value, confidence, engine = choice
            if field == "number" and _suffix_in_doubt(line.text, readings.get("ppocr", [{}] * (n + 1))[n]):
                confidence = min(confidence, SUFFIX_DOUBT_CONFIDENCE)
            new = _replace_value(line, field, value, confidence, engine)
            if new is None:
                continue
            line, changed = _debris_cleared(_label_repaired(new, field, value), value), True
            if field == "number":
                read_before = parse(field, as_read.text).value or ""
                line = _slash_restored(_pen_slashes_cleared(line, value, read_before), value, as_read.text)
            checked += 1
            unsure += confidence < AGREED_CONFIDENCE
            voted.append((field, value))
        for field, value in voted:
            # Once more when every value is in: the day's label word held the month's pen
            # strokes ("máng“V") until the month's vote took them out of it.
            line = _label_repaired(line, field, value)
        if changed or target.blank:  # a blank's row is kept joined too ("Số:" and "/TTr-BTC")
            lines = list(target.block.lines)
            lines[target.row] = line
            blocks[target.index] = Block(tuple(lines), target.block.kind)
    if checked:
        steps += (f"fill_ins:{checked}",) + ((f"fill_ins_unsure:{unsure}",) if unsure else ())
    if blanks := sum(len(t.blank) for t in targets):
        steps += (f"fill_ins_blank:{blanks}",)
    return replace(page, blocks=tuple(blocks), steps=page.steps + steps)


__all__ = ["AGREED_CONFIDENCE", "UNSURE_CONFIDENCE", "Opinion", "Reading", "decide", "parse", "read_fill_ins"]
