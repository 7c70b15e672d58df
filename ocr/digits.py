"""Numbers Tesseract was unsure of, read again by the engines that read single crops.

A number written in by hand or in an italic hand font (a form's phone, ID or date of birth)
is where Tesseract errs most: an italic '1' comes out '7' ('0345994473' for 0345994413,
'29/03/7959'), a glyph becomes '?'. The trained line engines (trueocr, PP-OCR v4 and v6)
read such a crop well. A word of six digits or more Tesseract read with a confidence under
0.9 is read again by the three; their reading takes its place when all three agree on it and
it is a number (digits with '/', '.' or '-' between). Printed numbers on a clean page are
read surely and are not looked at again, so an ordinary page costs nothing here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import numpy as np

from ocr.engines import Reader
from ocr.result import Block, Line, Page, Word

_UNSURE = 0.9
_NUMBER = re.compile(r"\d+(?:[/.\-]\d+)*")
# Tesseract's reading may hold anything in a digit's place ('?3⁄12/1995', 'Ø755548091'),
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


def reread_numbers(page: Page, gray: np.ndarray, readers: list[tuple[str, Reader]]) -> Page:
    """``page`` with each number Tesseract was unsure of replaced by the one the other
    engines agree on (step ``digits:<n>``, the number of words replaced)."""
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
    readings: list[list[str]] = [[] for _ in spots]
    for _, read in readers:
        try:
            texts = read(crops)
        except Exception:  # an engine missing or failing: no agreement of all, nothing changed
            return page
        for got, text in zip(readings, texts, strict=False):
            got.append(text)
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
    blocks: list[Block] = []
    for b, block in enumerate(page.blocks):
        lines = []
        for n, line in enumerate(block.lines):
            words = tuple(
                Word(new[(b, n, i)], w.bbox, 0.9, "digits") if (b, n, i) in new else w
                for i, w in enumerate(line.words)
            )
            lines.append(Line(words))
        blocks.append(replace(block, lines=tuple(lines)))
    return replace(page, blocks=tuple(blocks), steps=(*page.steps, f"digits:{len(new)}"))


__all__ = ["agreed", "reread_numbers"]
