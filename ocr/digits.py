"""Numbers Tesseract was unsure of, read again by the engines that read single crops.

A number written in by hand or in an italic hand font (a form's phone, ID or date of birth)
is where Tesseract errs most: an italic '1' comes out '7' ('03…473' for a phone 03…413,
'29/03/7959'), a glyph becomes '?'. The trained line engines (trueocr, PP-OCR v4 and v6)
read such a crop well. A word of six digits or more Tesseract read with a confidence under
0.9 is read again by the three; their reading takes its place when all three agree on it and
it is a number (digits with '/', '.' or '-' between). Printed numbers on a clean page are
read surely and are not looked at again, so an ordinary page costs nothing here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from ocr.engines import Reader
from ocr.result import Line, Page, Word

_UNSURE = 0.9
_NUMBER = re.compile(r"\d+(?:[/.\-]\d+)*")
# Tesseract's reading may hold anything in a digit's place ('?3⁄12/1995', 'Ø7555…'),
# but a word with a run of letters is print with a number in it ('04/2020/TT-BTP').
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# Letters Tesseract gives for a digit, which make no word ('Øổ64558312' for a phone).
_DIGIT_LIKE = str.maketrans("ØøOoDlI|", "00000111")


# A date's day, month and year written in after the words of a place-and-date line ('ngày
# 2† tháng s5 năm 202]'); the header's own line is the second engine's (ocr/handwriting.py).
_SLOTS = {"ngay": (1, 31), "thang": (1, 12), "nam": (1900, 2099)}


def _bare(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in plain if ch.isascii() and ch.isalpha())


def _candidate(line: Line, i: int, kind: str) -> tuple[int, int] | bool:
    """What the word at ``i`` is to be read again as: a date's part (its range), a number
    (True), or nothing (False)."""
    word = line.words[i]
    if not word.engine.startswith("tesseract") or not any(ch.isdigit() for ch in word.text):
        return False
    seen = word.text.translate(_DIGIT_LIKE)
    if word.confidence < _UNSURE and sum(ch.isdigit() for ch in seen) >= 6:
        return not _LETTERS.search(seen)
    # A date's part takes the engines' digits one for one (reread_numbers), at most four:
    # a longer word ('2026.', '2019;') could never change, and asking would load three models.
    if i == 0 or kind in ("number", "place_date") or len(word.text) > 4:
        return False
    slot = _SLOTS.get(_bare(line.words[i - 1].text))
    if slot is None:
        return False
    if word.text.isdigit() and word.confidence >= _UNSURE and slot[0] <= int(word.text) <= slot[1]:
        return False  # read surely, and a day, month or year it can be ('năm 3033' is not)
    bare = {_bare(w.text) for w in line.words}
    return slot if {"ngay", "thang"} <= bare else False


def _crop(gray: np.ndarray, word: Word) -> np.ndarray:
    x0, y0, x1, y1 = word.bbox
    m = max(2, (y1 - y0) // 4)
    return gray[max(0, y0 - m) : y1 + m, max(0, x0 - m) : x1 + m]


def agreed(readings: list[str], slot: tuple[int, int] | None = None) -> str | None:
    """The number all the readings give (dots, commas and spaces at its ends left out), or
    None when one differs, one is missing or it is no number; for a date's part (``slot``),
    digits alone within its range."""
    cores = {r.strip().strip(".,:;'\"`_~ ") for r in readings}
    if len(readings) < 3 or len(cores) != 1:
        return None
    core = cores.pop()
    if slot is not None:
        ok = core.isdigit() and len(core) <= 4 and slot[0] <= int(core) <= slot[1]
        return core if ok else None
    if not _NUMBER.fullmatch(core) or sum(ch.isdigit() for ch in core) < 6:
        return None
    return core


def _read_by_all(readers: list[tuple[str, Reader]], crops: list[np.ndarray]) -> list[list[str]] | None:
    """Each crop's readings, one per engine in order; None when an engine is missing or fails
    (then no value has the agreement of all, and nothing is changed)."""
    readings: list[list[str]] = [[] for _ in crops]
    for _, read in readers:
        try:
            texts = read(crops)
        except Exception:
            return None
        for got, text in zip(readings, texts, strict=False):
            got.append(text)
    return readings


def _relined(page: Page, put: Callable[[int, int, Line], Line], step: str) -> Page:
    """``page`` with each line (block ``b``, line ``n``) as ``put`` gives it back, and ``step``."""
    blocks = tuple(
        replace(block, lines=tuple(put(b, n, line) for n, line in enumerate(block.lines)))
        for b, block in enumerate(page.blocks)
    )
    return replace(page, blocks=blocks, steps=(*page.steps, step))


# What a crop from a date's label to the next label reads as: the label's letters, then the
# value — one run of one or two digits, nothing after it but specks.
_SLOT_READING = re.compile(r"^[^\d]*?(\d{1,2})[^\w]*$")


def _slot_spans(line: Line) -> list[tuple[int, int, tuple[int, int]]]:
    """The day or month of a "ngày D tháng M năm YYYY" line that Tesseract lost (no word
    between the two labels: its glyph taken into the label's box, "tháng" 109 px wide for "tháng
    8") or read as no digit at all ("tháng § năm"): (label's index, next label's index, range).
    Only on a line whose other part and year are read as digits, so a label line ("Ngày, tháng,
    năm sinh:") or a blank "ngày … tháng … năm …" is never one."""
    # (a label with a digit glued to it, "ngày29", holds its value: no label here)
    bare = [_bare(w.text) if not any(ch.isdigit() for ch in w.text) else "" for w in line.words]
    out: list[tuple[int, int, tuple[int, int]]] = []
    for i in range(len(bare) - 2):
        if bare[i] != "ngay":
            continue
        try:
            t = bare.index("thang", i + 1, i + 3)
            n = bare.index("nam", t + 1, t + 3)
        except ValueError:
            continue
        if n + 1 >= len(line.words) or not re.fullmatch(r"\d{4}\W?", line.words[n + 1].text):
            continue
        day, month = line.words[i + 1 : t], line.words[t + 1 : n]

        def read(part: tuple[Word, ...]) -> bool:
            return len(part) == 1 and bool(re.fullmatch(r"\W?\d{1,2}\W?", part[0].text))

        def lost(part: tuple[Word, ...]) -> bool:
            # (a sign with a digit, "¡0", is a part read: ``_candidate``'s to read again)
            text = part[0].text if len(part) == 1 else ""
            return not part or (len(part) == 1 and len(text) <= 2 and not any(ch.isalnum() for ch in text))

        if read(day) and lost(month):
            out.append((t, n, _SLOTS["thang"]))
        elif read(month) and lost(day):
            out.append((i, t, _SLOTS["ngay"]))
    return out


def fill_date_slots(page: Page, gray: np.ndarray, readers: list[tuple[str, Reader]]) -> Page:
    """``page`` with a date's lost day or month (``_slot_spans``) read again: the crop from its
    label to the next label read by the line engines; when all of them read the same one- or
    two-digit value in the part's range after the label, it takes the part's place (a word of
    engine "digits"; step ``date_slots:<n>``). Any disagreement leaves the line as read."""
    spots: list[tuple[int, int, int, int, tuple[int, int]]] = []
    crops: list[np.ndarray] = []
    for b, block in enumerate(page.blocks):
        # A header's number and date line are the fill-in vote's (ocr/handwriting.py), which
        # runs after this and judges a blank with the pen in it: one reader per line.
        if block.kind in ("stamp", "number", "place_date"):
            continue
        for n, line in enumerate(block.lines):
            for label, nxt, slot in _slot_spans(line):
                words = line.words[label : nxt + 1]
                x0, x1 = words[0].bbox[0], words[-1].bbox[0]
                y0, y1 = min(w.bbox[1] for w in words), max(w.bbox[3] for w in words)
                m = max(2, (y1 - y0) // 4)
                crops.append(gray[max(0, y0 - m) : y1 + m, max(0, x0 - m) : max(x0 + 1, x1 - 1)])
                spots.append((b, n, label, nxt, slot))
    if not spots:
        return page
    readings = _read_by_all(readers, crops)
    if readings is None:
        return page
    new: dict[tuple[int, int], tuple[int, int, Word]] = {}
    for (b, n, label, nxt, slot), got in zip(spots, readings, strict=True):
        values = {hit.group(1) if (hit := _SLOT_READING.match(r.strip())) else None for r in got}
        if len(got) < 3 or len(values) != 1 or (value := values.pop()) is None:
            continue
        if not slot[0] <= int(value) <= slot[1]:
            continue
        line = page.blocks[b].lines[n]
        head = line.words[label]
        if nxt > label + 1:  # the part read as a sign: its box
            box = line.words[label + 1].bbox
        else:  # taken into the label's box: its right end, a digit's width or two
            h = head.bbox[3] - head.bbox[1]
            box = (
                max(head.bbox[0], head.bbox[2] - len(value) * h * 2 // 3),
                head.bbox[1],
                head.bbox[2],
                head.bbox[3],
            )
        new[(b, n)] = (label, nxt, Word(value, box, 0.9, "digits"))
    if not new:
        return page

    def put(b: int, n: int, line: Line) -> Line:
        if (b, n) not in new:
            return line
        label, nxt, word = new[(b, n)]
        return Line((*line.words[: label + 1], word, *line.words[nxt:]))

    return _relined(page, put, f"date_slots:{len(new)}")


def reread_numbers(page: Page, gray: np.ndarray, readers: list[tuple[str, Reader]]) -> Page:
    """``page`` with each number Tesseract was unsure of replaced by the one the other
    engines agree on (step ``digits:<n>``, the number of words replaced), and a date's lost
    day or month read again (``fill_date_slots``)."""
    page = fill_date_slots(page, gray, readers)
    spots: list[tuple[int, int, int]] = []
    slots: list[tuple[int, int] | None] = []
    for b, block in enumerate(page.blocks):
        if block.kind == "stamp":
            continue
        for n, line in enumerate(block.lines):
            for i in range(len(line.words)):
                what = _candidate(line, i, block.kind)
                if what is not False:
                    spots.append((b, n, i))
                    slots.append(what if isinstance(what, tuple) else None)
    if not spots:
        return page
    crops = [_crop(gray, page.blocks[b].lines[n].words[i]) for b, n, i in spots]
    readings = _read_by_all(readers, crops)
    if readings is None:
        return page
    new: dict[tuple[int, int, int], str] = {}
    for spot, slot, got in zip(spots, slots, readings, strict=True):
        value = agreed(got, slot)
        b, n, i = spot
        text = page.blocks[b].lines[n].words[i].text
        # A date's part only has its signs changed, one for one: a digit Tesseract saw is
        # not taken away ('23' read '3', '1Ï' read '1' by engines that missed a faint stroke).
        if slot is not None and value is not None and len(value) != len(text):
            continue
        if value is not None:
            # the word's own punctuation after the number stays ('28/8/2024:')
            value += text[len(text.rstrip(".,:;")) :] if slot is None else ""
        if value is not None and value != text:
            new[spot] = value
    if not new:
        return page

    def put(b: int, n: int, line: Line) -> Line:
        return Line(
            tuple(
                Word(new[(b, n, i)], w.bbox, 0.9, "digits") if (b, n, i) in new else w
                for i, w in enumerate(line.words)
            )
        )

    return _relined(page, put, f"digits:{len(new)}")


__all__ = ["agreed", "fill_date_slots", "reread_numbers"]
