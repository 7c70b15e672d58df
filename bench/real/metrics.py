"""Text metrics of ``bench real``: page CER with reading order, and order-free scores.

Both sides are normalized the same way: NFC, rule-only lines (``____``, ``–––``: the
underlines of the header, see vi_real_admin_pdfs/SOURCES.md) dropped, whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from rapidfuzz.distance import Levenshtein

_RULE_LINE = re.compile(r"^[_–—-]+$")
_SPACE = re.compile(r"\s+")


def page_lines(text: str) -> list[str]:
    """The non-empty lines of a page, NFC, spaces collapsed, rule-only lines dropped."""
    out = []
    for line in unicodedata.normalize("NFC", text).splitlines():
        line = _SPACE.sub(" ", line).strip()
        if line and not _RULE_LINE.match(line.replace(" ", "")):
            out.append(line)
    return out


def normalize_page(text: str) -> str:
    """One string for the whole page: its lines in order, joined by single spaces."""
    return " ".join(page_lines(text))


def page_errors(truth: str, hypothesis: str) -> tuple[int, int]:
    """(Levenshtein distance of the two full page strings, characters of the truth): the
    CER with reading order, so text read in another order counts as errors."""
    ref, hyp = normalize_page(truth), normalize_page(hypothesis)
    return Levenshtein.distance(ref, hyp), len(ref)


def line_errors(truth: str, hypothesis: str) -> tuple[int, int]:
    """(errors, characters) with each truth line matched to its closest output line: the
    order-free CER (``bench ocr``'s line CER), which reading order does not touch."""
    hyp = page_lines(hypothesis)
    errors = total = 0
    for ref in page_lines(truth):
        total += len(ref)
        best = min((Levenshtein.distance(ref, h, score_cutoff=len(ref)) for h in hyp), default=len(ref))
        errors += min(best, len(ref))
    return errors, total


def words(text: str) -> Counter[str]:
    return Counter(normalize_page(text).split())


def bag_of_words(truth: str, hypothesis: str) -> tuple[int, int, int]:
    """(matched words, truth words, output words): the multiset overlap, for an F1."""
    ref, hyp = words(truth), words(hypothesis)
    return sum((ref & hyp).values()), sum(ref.values()), sum(hyp.values())


def f1(matched: int, truth: int, output: int) -> float:
    if not truth and not output:
        return 1.0
    p = matched / output if output else 0.0
    r = matched / truth if truth else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def header_errors(header: str, hypothesis: str) -> tuple[int, int, int]:
    """(errors, characters, lines kept) of the header against the start of the output.

    The output's first k lines are compared with the header (reading order counted), for
    the k that fits best: "the page text up to and including the title", wherever the OCR
    ended the title. An engine that mixes stamp text or the other column into the header
    pays for it; one that reads the header last gets nearly all of it as errors."""
    ref = normalize_page(header)
    lines = page_lines(hypothesis)
    best = (len(ref), 0)
    prefix = ""
    for k, line in enumerate(lines, start=1):
        prefix = f"{prefix} {line}" if prefix else line
        if len(prefix) > 3 * len(ref) + 50:
            break
        d = Levenshtein.distance(ref, prefix)
        if d < best[0]:
            best = (d, k)
    return best[0], len(ref), best[1]


def leaked(stamp_text: str, truth: str, hypothesis: str) -> tuple[int, int]:
    """(stamp words found in the output beyond what the page's own text explains, stamp
    words): how much of a stamp's text ended up in the body text."""
    stamp = words(stamp_text)
    extra = words(hypothesis) - words(truth)
    return sum((stamp & extra).values()), sum(stamp.values())


def insertions(truth: str, hypothesis: str) -> int:
    """Characters of the output that align to nothing in the truth (Levenshtein insertions):
    what a stamp or a signature adds to the page text, even when read as garbage."""
    ops = Levenshtein.editops(normalize_page(truth), normalize_page(hypothesis))
    return sum(1 for op in ops if op.tag == "insert")
