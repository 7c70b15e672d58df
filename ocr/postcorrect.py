"""Safe post-correction of OCR words: digit look-alikes inside numeric tokens, and (with
``tones``) tone marks a dictionary word puts back (ocr/tones.py).

A letter is replaced only where nothing but a digit or a separator can stand, so text is
never invented:

* ``O``/``o`` between two digits, or in a digit place of a date, is ``0`` (``2O21``);
* in a date shaped ``d{1,2} ? d{1,2} ? d{4}`` whose other separator is ``/``, ``-`` or
  ``.``, an ``I``/``l``/``|`` in the separator place is that separator
  (``17I06/2021`` -> ``17/06/2021``). ``17106/2021`` is left alone: a ``1`` is a digit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ocr.result import Block, Line
from ocr.tones import restore_tones

# Provenance of a word whose tone mark ocr/tones.py changed: the engine that read it, and why.
TONES_ENGINE_SUFFIX = "+tones"

_O_IN_DIGITS = re.compile(r"(?<=\d)[Oo](?=\d)")
_DATE = re.compile(r"^([\dOo]{1,2})([/.\-Il|])([\dOo]{1,2})([/.\-Il|])([\dOo]{4})([.,;:)]?)$")
_LOOKALIKE_SEPARATORS = "Il|"
_O_TO_ZERO = str.maketrans("Oo", "00")


def correct_token(text: str) -> str:
    """The token with unambiguous digit look-alikes fixed (unchanged if none)."""
    fixed = _O_IN_DIGITS.sub("0", text)
    match = _DATE.match(fixed)
    if match:
        day, sep1, month, sep2, year, tail = match.groups()
        real = {sep1, sep2} - set(_LOOKALIKE_SEPARATORS)
        digits = sum(c.isdigit() for c in day + month + year)
        # One real separator (the other the same or a look-alike), and mostly real digits.
        if len(real) == 1 and digits >= 6:
            sep = real.pop()
            fixed = f"{day}{sep}{month}{sep}{year}{tail}".translate(_O_TO_ZERO)
    return fixed


def postcorrect_blocks(
    blocks: tuple[Block, ...], digits: bool = True, tones: bool = False
) -> tuple[tuple[Block, ...], int, int]:
    """Blocks with, per ``digits``, :func:`correct_token` applied to every word and, per
    ``tones``, each line's tone marks restored; and how many words each changed."""
    fixed_digits = toned = 0
    out = []
    for block in blocks:
        lines = []
        for line in block.lines:
            words = []
            for word in line.words:
                fixed = correct_token(word.text) if digits else word.text
                if fixed != word.text:
                    fixed_digits += 1
                    word = replace(word, text=fixed)
                words.append(word)
            if tones:
                restored = restore_tones([w.text for w in words])
                for k, (word, text) in enumerate(zip(words, restored, strict=True)):
                    if text != word.text:
                        toned += 1
                        words[k] = replace(word, text=text, engine=word.engine + TONES_ENGINE_SUFFIX)
            lines.append(Line(tuple(words)))
        out.append(replace(block, lines=tuple(lines)))
    return (tuple(out) if fixed_digits or toned else blocks), fixed_digits, toned
