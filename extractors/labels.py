"""Label → value reading shared by the form-like extractors (cards, certificates, đơn).

A type's fields are a table of ``Spec`` rows: the key, its printed labels (folded: no
diacritics, lower case, punctuation as spaces) and the value kind. ``read_fields`` finds
every label on every segment, then cuts each value from the end of its label to the next
label (or the end of the line). Robust to what scans do to forms:

- labels matched on folded text (OCR that lost its diacritics), with a fuzzy match at the
  start of a line (one or two letters wrong), and bilingual glosses (``/ Full name``) skipped;
- ``:`` missing, dotted leaders (``……``, ``. . .``, ``___``) stripped;
- a label alone on its line (card layout: label above value) takes the next line below;
- ``multiline`` values (addresses) run onto following lines that carry no label;
- a label shared by several fields (``Năm sinh`` of the mother and of the father) goes to
  the field whose ``after`` key was seen last; otherwise the first occurrence wins;
- the value of a kind is normalized by ``normalize.py`` (``Nam`` is read only from the
  value cut after ``Giới tính``, so ``VIỆT NAM`` in ``Quốc tịch`` is never a sex).

Each value keeps its words: confidence = mean word confidence × label match × validity;
bbox = union of the words; an identifier that does not validate keeps its reading and
gets the flag ``invalid``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from rapidfuzz import fuzz

from ocr.result import Word

from .layout import Segment, union
from .normalize import (
    GLOSS_LOOKALIKES,
    GLOSS_ZERO,
    SURNAME_KEYS,
    box_cells,
    day_lost,
    fold,
    format_decimal,
    identifier,
    impossible_date,
    money,
    mst_check_ok,
    nfc_clean,
    parse_date,
    parse_words_date,
    person_name,
    phone,
    repair_date,
    repair_name,
    repair_place,
    repair_sevens,
    valid_personal_id,
    vn_number,
)
from .types import UNREAD, FieldValue, unread_field

__all__ = [
    "LEADERS",
    "Hit",
    "Spec",
    "drop_junk",
    "find_hits",
    "line_below",
    "make_field",
    "normalize_value",
    "read_after",
    "read_fields",
]


@dataclass(frozen=True)
class Spec:
    key: str  # a key starting with "_" is a stopper: it ends the previous value, is not output
    labels: tuple[str, ...]
    kind: str = "text"
    multiline: int = 0  # extra lines the value may run onto
    # only when this key's label is the latest seen among rivals (any of several keys)
    after: str | tuple[str, ...] | None = None


@dataclass
class Hit:
    seg: Segment
    start: int  # label span in seg.text
    end: int
    specs: list[Spec]
    score: float  # 1.0 exact, lower for a fuzzy label
    spec: Spec | None = None


LEADERS = re.compile(r"(?:[.…·_•:]\s?){2,}|…")
_MARKER = re.compile(
    r"^\s*(?:[-–•*+]|\(?[a-zđ0-9]{1,2}[).]|[ivx]{1,4}\.|\d{1,2}\s?_(?=\s))\s*"
)  # ("5_ Số …": the dot read as _)
_GLOSS = re.compile(
    # any gloss "/ <ascii words>:" first, so a longer one is never cut short ("/ Place of birth
    # registration:" is not "place of birth" + "registration: …"); OCR misreads them too ("Eull Name")
    r"\s*[/(]\s*[a-z][^:/\n\d]{1,45}?[:;)]"
    r"|\s*(?:[/|(]|[jl1i](?=\s))?\s*(?:full name|date of birth|sex|nationality|place of origin|place of residence|"
    r"date of expiry|personal identification number|personal identification|"
    r"place of birth registration|place of birth|date of issue|date,? month,? year|"
    r"surname,? middle and given names?|given names?|no)\b\s*\)?\s*[.:;]?"
    # a gloss OCR garbled past the first two ("/ #foce e/ res44eacc:", "/ 0ø of exptry:"): after
    # " / ", short, up to its ":", no run of three digits (a date or a number is a value)
    r"|\s*/\s*(?![^:\n]*\d{3})[^:\n]{2,40}?:(?!\d)"
    # … or its ":" read as "." ("/ Place of zesidence. Ấp Kinh Tế"): "Place/Date of <word>."
    r"|\s*/\s*(?:place|date)\s+o\S?\s+[a-z]{3,14}\.(?=\s)",
)
_PUNCT = re.compile(r"[^0-9a-z]+")
_LONE_CONSONANT = re.compile(r"[BCDĐFGHJKLMNPQRSTVWXZbcdđfghjklmnpqrstvwxz]")
# A date or year read back from a 1 OCR took for a 7 is a guess: under the review threshold.
SEVEN_DOUBT = 0.5
_BOXED = re.compile(r"(?:\d\s*[|\[\]]+\s*){5,}")  # digits in boxes: "0|9|6|1|9|…"
_BOX_DIGITS = str.maketrans({"Ø": "0", "ø": "0", "O": "0", "o": "0", "I": "1", "l": "1"})
# a value of digits and box rules only, some boxes read as two digits ("|0|9/6|0|95|8|09.865")
_RULED_DIGITS = re.compile(r"[\s|\[\]()/.\d]+")
_BOXED_LOOSE = re.compile(r"(?:\d\s*[|\[\]()/.]\s*){5,}")  # … their rules read as other signs too


def _pattern(label: str) -> str:
    words = label.split()
    # (between its words: spaces, commas, dots, brackets, or a stray colon OCR put inside it:
    # "Tên công ty viết : bằng tiếng Việt:")
    return r"(?<![0-9a-z])" + r"(?:[\s,./()]|\s:\s)*".join(re.escape(w) for w in words) + r"(?![0-9a-z])"


class Labels:
    """Compiled label table of a list of specs."""

    def __init__(self, specs: list[Spec]):
        self.specs = specs
        self.by_label: dict[str, list[Spec]] = {}
        for s in specs:
            for lab in s.labels:
                self.by_label.setdefault(lab, []).append(s)
        labels = sorted(self.by_label, key=len, reverse=True)
        self.long = [lab for lab in labels if len(lab) >= 4]
        self.short = [lab for lab in labels if len(lab) < 4]
        self.regex = re.compile("|".join(f"(?P<l{i}>{_pattern(lab)})" for i, lab in enumerate(self.long)))
        self.short_re = re.compile(
            r"^(?P<lab>" + "|".join(_pattern(lab) for lab in self.short) + r")" if self.short else r"(?!)"
        )


def _marker_end(folded: str) -> int:
    m = _MARKER.match(folded)
    return m.end() if m else 0


_BROKEN_HALF = Spec("_broken_label", ())
_ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[a-zđ])\s*[.,)]\s*")


def _broken_label(seg: Segment, nxt: Segment, table: Labels) -> Hit | None:
    """A label broken over two lines ("Nơi đăng ký" / "khai sinh: Xã …"): the whole first
    line and the head of the next one, up to its ":", make one label → a hit on the next line
    ending at the ":" (its value follows there)."""
    item = _ITEM_NUMBER.match(seg.folded)  # "5, Số điện" / "thoại liên hệ: 09…": an item's number
    first = seg.folded[item.end() if item else 0 :]
    if ":" in seg.text or any(c.isdigit() for c in first) or len(seg.words) > 6:
        return None
    ends = [i for i in (nxt.text.find(":"), nxt.text.find("/")) if i > 0]
    colon = min(ends) if ends else -1
    if colon <= 0 or colon > 40 or any(c.isdigit() for c in nxt.text[:colon]):
        return None
    h = min(max(seg.height, 1), max(nxt.height, 1))
    beside = (
        nxt.page is seg.page
        and min(seg.bbox[3], nxt.bbox[3]) - max(seg.bbox[1], nxt.bbox[1]) >= 0.4 * h
        and 0 <= nxt.bbox[0] - seg.bbox[2] <= 5 * h
    )  # or cut on its row, the gap between two words read as a column's ("Giới" | "tính / Sex: Nam")
    if beside and _PUNCT.sub(" ", _GLOSS.split(first)[0]).strip() in table.by_label:
        return None  # a whole label beside its value cell ("Quê quán / £" | "„œ: Xã …")
    if not beside and (
        not _below(seg, nxt)
        or nxt.bbox[1] - seg.bbox[3] > 1.5 * max(seg.height, 1)
        or not nxt.overlaps_x(seg)
    ):
        return None
    head = nxt.folded[:colon]
    g = _GLOSS.search(head)  # "khai sinh / Place of birth registration"
    if g and g.start() > 0:
        head = head[: g.start()]
    joined = _PUNCT.sub(" ", first + " " + head).strip()
    joined = re.sub(r"\s+", " ", joined)
    specs = table.by_label.get(joined)
    if not specs:
        return None
    return Hit(nxt, 0, colon, specs, 1.0)


# "Số 246, đường Nguyễn Tất Thành": an address's house number and its street, no "Số:" label
_HOUSE_NUMBER = re.compile(
    r"\s+\d{1,4}[a-z]?(?:/\d{1,4})?\s*,?\s+(?:duong|pho|ngo|hem|ngach|kiet|to|ap|khu pho|thon|khom|quoc lo)\b"
)


def find_hits(segs: list[Segment], table: Labels) -> list[Hit]:
    hits: list[Hit] = []
    broken: dict[int, Hit] = {}
    first_halves: set[int] = set()
    for seg, nxt in pairwise(segs):
        h = _broken_label(seg, nxt, table)
        if h is None and (below := line_below(seg, segs)) is not None and below is not nxt:
            # the first half read out of its place (layout put it before the header, beside
            # which it stands): its second half is the line under it on the page
            h = _broken_label(seg, below, table)
        if h is not None and h.seg.index not in broken:
            broken[h.seg.index] = h
            first_halves.add(seg.index)
    for seg in segs:
        if seg.index in first_halves:  # the first half of a broken label: the hit is on the next
            hits.append(Hit(seg, 0, len(seg.text), [_BROKEN_HALF], 1.0))  # line; this one only stops values
            continue
        if seg.index in broken:
            hits.append(broken[seg.index])
            continue
        f = seg.folded
        m0 = _marker_end(f)
        found: list[Hit] = []
        for m in table.regex.finditer(f):
            group = m.lastgroup  # every alternative of the table is a named group
            assert group is not None
            label = table.long[int(group[1:])]
            start, end = m.start(), m.end()
            if start > m0:
                # mid-line: only a label followed by ":" (or a bilingual gloss), or after "; "
                rest = f[end:]
                g = _GLOSS.match(rest)
                after = rest[g.end() :] if g and g.end() else rest
                before = f[:start].rstrip()
                if not (
                    after.lstrip().startswith(":")
                    or (g and g.end())
                    # a bilingual label whose gloss OCR garbled ("Quốc tịch / Ng2oealsy- Việt Nam")
                    or re.match(r"\s*/\s*[a-z]", rest)
                    or before.endswith((";", ":"))
                    or (start - len(f[:start].rstrip()) >= 2)
                ):
                    continue
            found.append(Hit(seg, start, end, table.by_label[label], 1.0))
        if not found or found[0].start > m0:
            sm = table.short_re.match(f, m0) if table.short else None
            if sm and not any(h.start < sm.end() for h in found):
                g = _GLOSS.match(f, sm.end())
                rest = f[g.end() if g else sm.end() :].lstrip(" :.;")
                lab = _PUNCT.sub(" ", sm.group("lab")).strip()
                if (
                    rest[:1].isdigit() or rest[:1] in "oil" or f[sm.end() :].lstrip().startswith(":")
                ) and not _HOUSE_NUMBER.match(f[sm.end() :]):
                    found.insert(0, Hit(seg, sm.start(), sm.end(), table.by_label[lab], 1.0))
        if not found or found[0].start > m0:
            fz = _fuzzy_start(seg, m0, table)
            if fz and not any(h.start < fz.end for h in found):
                found.insert(0, fz)
        found += _fuzzy_after_delimiters(seg, found, table)
        found += _fuzzy_before_gloss(seg, found, table)
        hits.extend(sorted(found, key=lambda h: h.start))
    return _split_at_line_end(hits, segs, table)


def _split_at_line_end(hits: list[Hit], segs: list[Segment], table: Labels) -> list[Hit]:
    """A label split at a line end, mid-line ("…; Địa chỉ" / "thường trú: Khóm 4, …"): the end
    of one line and the head of the next up to its ":" make a longer label of the table. The
    hit moves to the next line (its value follows the ":"); the first half only stops values."""
    by_index = {s.index: s for s in segs}
    out = list(hits)
    for i, h in enumerate(hits):
        seg = h.seg
        tail = seg.folded[h.end : len(seg.text.rstrip(" :;,."))]
        if h.start == 0 or (tail and not re.fullmatch(r"\s+[a-z]{1,5}(?: [a-z]{1,5})?", tail)):
            continue  # a label alone on its line is _broken_label's; one with its value stays
            # (a word or two of the label may follow the hit: "Số định danh cá" / "nhân: 0…")
        nxt = by_index.get(seg.index + 1)
        if nxt is None or not _below(seg, nxt) or nxt.bbox[1] - seg.bbox[3] > 1.5 * max(seg.height, 1):
            continue
        colon = nxt.text.find(":")
        if colon <= 0 or colon > 30 or any(c.isdigit() for c in nxt.text[:colon]):
            continue
        if any(o.seg is nxt and o.start < colon for o in hits):
            continue
        joined = re.sub(
            r"\s+", " ", _PUNCT.sub(" ", seg.folded[h.start : h.end] + tail + " " + nxt.folded[:colon])
        )
        specs = table.by_label.get(joined.strip())
        if not specs:
            continue
        out[i] = Hit(seg, h.start, h.end, [_BROKEN_HALF], h.score)
        out.append(Hit(nxt, 0, colon, specs, h.score))
    return sorted(out, key=lambda x: (x.seg.index, x.start)) if len(out) > len(hits) else out


def _fuzzy_start(seg: Segment, m0: int, table: Labels) -> Hit | None:
    """A label at the line start with a letter or two misread (``Ho va tẽn``, ``Quẻ quán``)."""
    f = seg.folded
    words = [(m.start(), m.end()) for m in re.finditer(r"[0-9a-z]+", f[m0:])]
    if not words:
        return None
    best: tuple[float, int, str] | None = None
    for lab in table.long:
        n = len(lab.split())
        if len(lab) < 7:
            continue
        for k in (n, n - 1, n + 1):
            if k < 1 or k > len(words):
                continue
            end = m0 + words[k - 1][1]
            if k != n and seg.is_upper() and re.match(r"\s+[^\W\d_]", seg.text[end:]):
                # "DOANH NGHIỆP TƯ NHÂN THƯƠNG MẠI …": a name in capitals running on, not
                # "Mã doanh nghiệp" short of a word
                continue
            cand = _PUNCT.sub(" ", f[m0:end]).strip()
            score = fuzz.ratio(cand, lab)
            if score >= 86 and (best is None or score > best[0]):
                best = (score, end, lab)
    if best is None:
        return None
    return Hit(seg, m0, best[1], table.by_label[best[2]], best[0] / 100)


def _latest(seen: dict[str, int], after: str | tuple[str, ...] | None) -> float:
    if not after:
        return -0.5
    return max(seen.get(k, -1) for k in ((after,) if isinstance(after, str) else after))


def _fuzzy_after_delimiters(seg: Segment, found: list[Hit], table: Labels) -> list[Hit]:
    """A misread label after "; " or ", " on a row of several ("Thửa đất số: 931; Từ bán đồ
    số, 86;"), when a figure follows it: only there, so no address part is taken for a label."""
    out: list[Hit] = []
    f = seg.folded
    for m in re.finditer(r"[;,]\s*", f):
        pos = m.end()
        if pos >= len(f) or any(h.start <= pos < h.end + 2 for h in found + out):
            continue
        fz = _fuzzy_start(seg, pos, table)
        if fz is None or any(h.start < fz.end and fz.start < h.end for h in found + out):
            continue
        if not re.match(r"[\s:;,.]*\d", f[fz.end :]):
            continue
        out.append(fz)
    return out


def _fuzzy_before_gloss(seg: Segment, found: list[Hit], table: Labels) -> list[Hit]:
    """A misread label mid-line before its English gloss ("… 3402/2014 Nơi thường trở / Fiecr
    eý reudexe«: Ấp 4, …": two columns of a card read as one row): the words before " / " that
    are close to a label, when a ":" closes the gloss after them."""
    out: list[Hit] = []
    f = seg.folded
    for m in re.finditer(r"\s*/\s*[^:/\d]{2,40}:", f):
        slash = m.start()
        if any(h.start <= slash <= h.end + 2 for h in found + out):
            continue
        words = [(w.start(), w.end()) for w in re.finditer(r"[0-9a-z]+", f[:slash])]
        best: tuple[float, int, str] | None = None
        for lab in table.long:
            n = len(lab.split())
            if len(lab) < 7 or n > len(words):
                continue
            start = words[-n][0]
            if any(h.start < slash and start < h.end for h in found + out):
                continue
            score = fuzz.ratio(_PUNCT.sub(" ", f[start:slash]).strip(), lab)
            if score >= 86 and (best is None or score > best[0]):
                best = (score, start, lab)
        if best is not None:
            out.append(Hit(seg, best[1], slash, table.by_label[best[2]], best[0] / 100))
    return out


def assign_hits(hits: list[Hit]) -> None:
    seen: dict[str, int] = {}
    for i, h in enumerate(hits):
        specs = h.specs
        if len(specs) == 1:
            h.spec = specs[0]
        else:
            ranked = sorted(specs, key=lambda s: _latest(seen, s.after), reverse=True)
            h.spec = ranked[0]
        seen[h.spec.key] = i


@dataclass
class Piece:
    seg: Segment
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.seg.text[self.start : self.end]


def _longer_label_end(hit: Hit, end: int) -> int:
    """Where the label ends when OCR garbled the end of a longer wording of it, read as the
    shorter one ("Số vào sổ cấp GƠCN: CS 03245" matched as "Số vào sổ"): past the ":" that
    closes the rest, when that rest is close to the longer label's; else ``hit.end``."""
    if hit.spec is None:
        return hit.end
    f = hit.seg.folded
    said = f[hit.start : hit.end].strip()
    # as far as the longest wording runs past what was matched ("Tên doanh nghiệp" of "… viết
    # bằng tiếng Việt:" when its last word was misread), and a little more
    reach = max([len(lab) - len(said) for lab in hit.spec.labels if lab.startswith(said + " ")], default=0)
    colon = f.find(":", hit.end, min(end, hit.end + max(16, reach + 4)))
    if colon < 0:
        return hit.end
    rest = f[hit.end : colon].strip()
    if not rest or not any(c.isalpha() for c in rest):
        return hit.end
    for label in hit.spec.labels:
        if label.startswith(said + " ") and fuzz.ratio(rest, label[len(said) :].strip()) >= 70:
            return colon + 1
    return hit.end


def _clean_start(seg: Segment, start: int, end: int) -> int:
    """Skip ``:``, a bilingual gloss and leaders after a label."""
    f = seg.folded
    glossed = False
    while start < end:
        g = _GLOSS.match(f, start)
        if g and g.end() > start and f[start : g.end()].strip(" :;."):
            start, glossed = g.end(), True
            continue
        if f[start] in " :;.,-–…_·|" or f[start] == "\u2026":
            start += 1
            continue
        break
    rest = seg.text[start:end].strip()
    if glossed and re.fullmatch(r"[a-z]{4,}", rest) and any(w.startswith(rest) for w in _GLOSS_ENDS):
        return end  # the gloss's last word cut at the line's end ("/ Place of birth registrat")
    return start


# the last words of the cards' glosses, which OCR may cut short at a line's end
_GLOSS_ENDS = ("registration", "residence", "origin", "expiry", "identification", "number", "nationality")


def _hits_by_seg(hits: list[Hit]) -> dict[int, list[Hit]]:
    out: dict[int, list[Hit]] = {}
    for h in hits:
        out.setdefault(h.seg.index, []).append(h)
    return out


def _below(seg: Segment, other: Segment) -> bool:
    return other.page is seg.page and other.bbox[1] >= seg.bbox[1] + seg.height * 0.5


def line_below(seg: Segment, segs: list[Segment]) -> Segment | None:
    """The line under ``seg`` on the page (within 1.5 line heights, overlapping it across),
    wherever OCR's reading order put it."""
    h = max(seg.height, 1)
    under = [
        o
        for o in segs
        if o is not seg and _below(seg, o) and o.bbox[1] - seg.bbox[3] <= 1.5 * h and o.overlaps_x(seg)
    ]
    return min(under, key=lambda o: (o.bbox[1], abs(o.bbox[0] - seg.bbox[0])), default=None)


def _date_line_below(seg: Segment, segs: list[Segment]) -> Segment | None:
    """The line under a date's label (within 2.5 line heights, overlapping it across): a
    label's box read small ("Có giá trị": glyph boxes of 13 px) puts its value line further."""
    h = max(seg.height, 1)
    under = [
        o
        for o in segs
        if o is not seg and _below(seg, o) and o.bbox[1] - seg.bbox[3] <= 2.5 * h and o.overlaps_x(seg)
    ]
    return min(under, key=lambda o: (o.bbox[1], abs(o.bbox[0] - seg.bbox[0])), default=None)


# what is left of a label line when its value is below: a misread end of the label and the gloss
def _speckled_gloss(text: str) -> bool:
    """A gloss after "/" with signs OCR made of its letters ("/ £ulf name" for "/ Full name"):
    no Vietnamese letter, not in capitals, and a word of the cards' glosses once the signs go."""
    head, slash, tail = text.partition("/")
    if not slash or head.strip() or not tail.strip() or tail.isupper():
        return False
    rest = tail.translate(GLOSS_LOOKALIKES)
    if any(c.isalpha() and not c.isascii() for c in rest):
        return False
    words = re.sub(r"[^a-z ]", "", rest.lower()).split()
    return 0 < len(words) <= 6 and _gloss_word_count(words) >= 1


def _caps_vietnamese(text: str) -> bool:
    return text.isupper() and not text.translate(GLOSS_LOOKALIKES).isascii()


_GLOSS_TAIL = re.compile(r"^[a-z ]{0,20}/\s*[a-z][a-z ,.'’]{1,60}$")  # a gloss OCR cut short: "/ Sa"
_ASCII_WORDS = re.compile(r"^[/(]?\s*[A-Za-z][A-Za-z ,.'’/()-]{2,60}:?$")


# letters OCR reads in a small English gloss that are no Vietnamese letter ("Place oƒ origin",
# "Date øƒ birth")


# words of a card's English glosses that are no Vietnamese word
_GLOSS_WORDS = frozenset(
    {
        "name",
        "and",
        "given",
        "middle",
        "surname",
        "date",
        "of",
        "place",
        "birth",
        "expiry",
        "issue",
        "residence",
    }
)


# English words a gloss line starts with that start no Vietnamese value
_GLOSS_FIRST = frozenset({"surname", "given", "middle", "personal", "nationality"})


def _gloss_word_count(words: list[str]) -> int:
    return sum(w in _GLOSS_WORDS for w in words)


def _english(seg: Segment) -> bool:
    """Words of an English gloss in it ("Date of expiry"; not "Mau", the end of "Cà Mau")."""
    if seg.is_upper():
        return False
    if _gloss_word_count(re.findall(r"[a-z]+", seg.text.lower())) >= 2:
        return True
    # its letters folded ("Datẻ 0ƒ expiry": a mark or a zero OCR put on them)
    folded = GLOSS_ZERO.sub("o", fold(seg.text.translate(GLOSS_LOOKALIKES)))
    return _gloss_word_count(re.findall(r"[a-z]+", folded)) >= 2


def _unmarked_name(text: str) -> bool:
    """A Vietnamese name that has no tone or vowel mark ("Danh Thu Giang", "Kim Anh"): two to
    five capitalized words, the first a surname, none a gloss word; no English gloss."""
    words = text.split()
    return (
        2 <= len(words) <= 5
        and all(w[:1].isupper() and w.isalpha() for w in words)
        and words[0].lower() in SURNAME_KEYS
        and _gloss_word_count([w.lower() for w in words]) == 0
    )


def _gloss_line(seg: Segment) -> bool:
    """A line that is only an English gloss (bilingual cards: "Date of expiry", "Place of
    origin:"): ASCII letters, no digits, no Vietnamese letter, a few words; or, in lower case
    and ending in ":", three words no Vietnamese text has, whatever OCR made of the others
    ("Sưnarne, rrxđđle name and g/ven name:")."""
    text = seg.text.strip().translate(GLOSS_LOOKALIKES)
    if (
        bool(_ASCII_WORDS.match(text))
        and len(text.split()) <= 7
        and fold(text) == text.lower()
        and not _unmarked_name(text)
    ):
        return True
    if seg.is_upper() or re.search(r"\d{3}", text):
        return False
    # ("Date ơf expiry": an o read with a horn; "Surname, mid‹d" / "1 given name:", a gloss
    # broken over two lines)
    words = re.findall(r"[a-z]+", text.lower().replace("ơ", "o"))
    known = _gloss_word_count(words)
    # its letters folded ("Datẻ 0ƒ expiry", "Đate of exptry": a mark or a zero OCR put on them):
    # a short line of gloss words but one
    folded = GLOSS_ZERO.sub("o", fold(text)).split()
    folded_known = _gloss_word_count([w.strip(":;.,") for w in folded])
    return (
        (2 <= len(folded) <= 5 and folded_known >= max(2, len(folded) - 1))
        or (text.endswith(":") and known >= 2)
        or (text.replace("ơ", "o").isascii() and known >= 2)
        or (bool(words) and words[0] in _GLOSS_FIRST and text.split()[0].isascii())
    )


def _speck(seg: Segment, ref: int = 0) -> bool:
    """A mark OCR read as a letter with marks ("ặ" at a card's edge): no cell's value (a figure
    or a letter alone may be one: "Tờ bản đồ số | 9", the placeholder "x"). Beside a line of
    height ``ref``: also a sign or two in a box far smaller than its letters (a dot of dust
    read as "3")."""
    text = seg.text.strip()
    if ref and len(text) <= 2 and seg.height < 0.35 * ref:
        return True
    return len(text) == 1 and text.isalpha() and not text.isascii()


def _speck_beside(o: Segment, h: int, hit: Hit) -> bool:
    """``_speck`` for the cell right of a label; but a letter alone as tall as the label's is a
    one-figure number misread when a number is the value ("Tờ bản đồ số | ý" for 7): that cell
    is read, and found no number (unread, not absent)."""
    if hit.spec is not None and hit.spec.kind == "int" and len(o.text.strip()) == 1 and o.height >= 0.6 * h:
        return False
    return _speck(o, h)


# Kinds whose value is never one or two signs: a speck OCR read under a label is not it.
_NEVER_SHORT = frozenset({"place", "name", "personal_id", "phone", "date"})


def _speck_line(nxt: Segment, hit: Hit, near: list[Segment]) -> bool:
    """A line of one or two signs ("3", "-'") under a label whose value cannot be so short (an
    address, a name, an ID, a phone, a date), with another line below it: a speck, not the
    value (a figure alone may be one elsewhere: "Tờ bản đồ số" / "9")."""
    return (
        hit.spec is not None
        and hit.spec.kind in _NEVER_SHORT
        and len(nxt.text.replace(" ", "")) <= 2
        and any(o.bbox[1] > nxt.bbox[1] for o in near if o is not nxt)
    )


def _right_cell(seg: Segment, hit: Hit, segs: list[Segment], by_seg: dict[int, list[Hit]]) -> Segment | None:
    """The segment right of a label that ends its own segment, on the same row: a table's
    value cell (bordered label | value tables, "Quốc tịch      Việt Nam")."""
    end = len(seg.text.rstrip(" :.;|"))
    if (
        hit.end < end - 1
        and any(c.isalnum() for c in seg.text[hit.end :])
        and _clean_start(seg, hit.end, len(seg.text)) < end
    ):
        return None  # (a gloss OCR made a speck of, "Quê quán / £", ends the label too)
    h = max(seg.height, 1)
    best = None
    for o in segs[max(0, seg.index - 3) : seg.index + 4]:
        if o is seg or o.page is not seg.page or o.bbox[0] <= seg.bbox[2] or _speck_beside(o, h, hit):
            continue
        top, bottom = max(o.bbox[1], seg.bbox[1]), min(o.bbox[3], seg.bbox[3])
        if bottom - top < 0.4 * min(h, max(o.height, 1)):
            continue  # not on the label's row
        if min([x.start for x in by_seg.get(o.index, [])] + [len(o.text)]) <= _marker_end(o.folded):
            continue  # another label
        if best is None or o.bbox[0] < best.bbox[0]:
            best = o
    if best is None:
        # OCR read the label column, then the value column (a bordered table, its rows far
        # apart in reading order): the nearest thing right of the label on its row, unless a label
        row = [
            o
            for o in segs
            if o.page is seg.page
            and o.bbox[0] > seg.bbox[2]
            and not _speck_beside(o, h, hit)
            and min(o.bbox[3], seg.bbox[3]) - max(o.bbox[1], seg.bbox[1]) >= 0.4 * min(h, max(o.height, 1))
        ]
        near = min(row, key=lambda o: o.bbox[0], default=None)
        if near is not None and min([x.start for x in by_seg.get(near.index, [])] + [len(near.text)]) > (
            _marker_end(near.folded)
        ):
            best = near
    return best


def _left_on_row(label: Segment, other: Segment) -> bool:
    """``label`` stands left of ``other`` on its row (a table's label cell and value cell)."""
    h = min(max(label.height, 1), max(other.height, 1))
    overlap = min(label.bbox[3], other.bbox[3]) - max(label.bbox[1], other.bbox[1])
    return label.page is other.page and label.bbox[2] <= other.bbox[0] and overlap >= 0.4 * h


def value_pieces(hit: Hit, segs: list[Segment], by_seg: dict[int, list[Hit]]) -> list[Piece]:
    seg = hit.seg
    same = [h for h in by_seg.get(seg.index, []) if h.start >= hit.end]
    end = min([h.start for h in same] + [len(seg.text)])
    start = _clean_start(seg, _longer_label_end(hit, end), end)
    pieces: list[Piece] = []
    text = drop_junk(LEADERS.sub(" ", seg.text[start:end])).strip(" :;,.")
    if (
        text
        and (
            _GLOSS_TAIL.match(seg.folded[start:end].strip().translate(GLOSS_LOOKALIKES))
            or _speckled_gloss(seg.text[start:end])
        )
        and not _caps_vietnamese(seg.text[start:end].split("/", 1)[-1])
        and not _HONORIFIC_PAIR.match(seg.folded[start:end].strip(" :"))
    ):
        # "… Lai sinh / Surname, middle name and gi": the rest is label and gloss (a gloss is
        # never Vietnamese in capitals: "BÙ/ CHÍ AN" is a name with a letter read as "/")
        text = ""
    if not any(c.isalnum() for c in text):
        # "Họ, chữ đệm và tên khai sinh /", "Quê quán / £": the gloss (or a speck OCR made of
        # it) ends the line, the value is on the lines below or in the cell beside
        text = ""
    if text:
        pieces.append(Piece(seg, start, end))
        last = seg
    elif (right := _right_cell(seg, hit, segs, by_seg)) is not None:
        # table layout: the value is in the cell to the right, on the label's row
        first_hit = min([h.start for h in by_seg.get(right.index, [])] + [len(right.text)])
        pieces.append(Piece(right, 0, first_hit))
        if first_hit < len(right.text):
            return pieces
    else:
        # card layout: the value is on the next line below, under the label
        last = None
        h = max(seg.height, 1)
        near = segs[seg.index + 1 : seg.index + 4]
        if (below := line_below(seg, segs)) is not None and below not in near:
            near.append(below)  # read out of its place (the label read before the header)
        # a line that starts where the label starts comes first (a speck left of it is no value)
        # (as does a row of two columns whose right one runs under the label)
        near.sort(
            key=lambda o: (
                abs(o.bbox[0] - seg.bbox[0]) > 2 * h and _column_beside(seg, o, by_seg) is None,
                o.index,
            )
        )
        for nxt in near:
            if not _below(seg, nxt) or nxt.bbox[1] > seg.bbox[3] + 3 * h:
                continue
            alnum = [c for c in drop_junk(nxt.text) if c.isalnum()]
            if (
                not nxt.overlaps_x(seg, slack=seg.height * 6)
                or not alnum
                or (len(alnum) == 1 and alnum[0].isalpha())  # "j": a lone letter is no value
            ):
                continue  # another column, or a speck OCR made a word of
            if _gloss_line(nxt):
                continue  # the label's English gloss on a line of its own ("Date of expiry")
            if _speck_line(nxt, hit, near):
                continue  # a speck OCR read as a figure or two between the label and its value
            first_hit = min([h.start for h in by_seg.get(nxt.index, [])] + [len(nxt.text)])
            if (cut := _column_beside(seg, nxt, by_seg)) is not None:
                # a two-column card read as one row ("Có giá trị đến: 11/06/2039 Ấp Nhà Thờ, …"
                # under "Nơi thường trú:" of the right column): the words under the label
                pieces.append(Piece(nxt, cut, len(nxt.text)))
                last = nxt
                break
            if first_hit <= _marker_end(nxt.folded):
                if any(o is not nxt and seg.bbox[3] <= o.bbox[1] < nxt.bbox[1] - h / 2 for o in near):
                    # the next label's line, and a line between (the value, indented under its
                    # label: "1. Họ, chữ đệm và tên:" / "    KIM ĐỨC MINH"): look at that one
                    continue
                break
            pieces.append(Piece(nxt, 0, first_hit))
            last = nxt
            if first_hit < len(nxt.text):
                return pieces
            break
        if last is None:
            return pieces
    # values that run onto following lines
    extra = hit.spec.multiline if hit.spec else 0
    # where the label starts on its line (mid-row when OCR joined a card's two columns)
    label_left = min((w.bbox[0] for w in seg.words_in(hit.start, hit.end)), default=seg.bbox[0])
    row_start = len(pieces) - 1  # the first piece of the value's current line
    while extra > 0 and pieces and pieces[-1].end == len(pieces[-1].seg.text):
        cur = pieces[-1].seg
        if (rest := _rest_on_row(cur, segs, by_seg)) is not None:
            # OCR cut the line in two ("phường Nghi Tân, thành phố" … "Nghệ An"): its rest on the row
            pieces.append(Piece(rest[0], 0, rest[1]))
            continue
        first = pieces[row_start].seg
        left = min(
            (w.bbox[0] for w in first.words_in(pieces[row_start].start, pieces[row_start].end)),
            default=first.bbox[0],
        )
        beside = cur is not seg and pieces[-1].start > 0
        # (a gloss of the column beside, "Date of expiry", is read between a value and its rest)
        below = next(
            (
                s
                for s in segs[cur.index + 1 : cur.index + 5]
                if _below(cur, s)
                # a table's rule read as "|" (no letter, no digit) is no line of the value
                and any(c.isalnum() for c in s.text)
                # a speck off to the side ("ậ" at the card's edge) is no line of the value
                and (sum(c.isalnum() for c in s.text) >= 2 or s.overlaps_x(cur))
                and not (_gloss_line(s) and (not s.overlaps_x(cur) or (s.bbox[2] < left and _english(s))))
                # a value cut from a row the column beside shares: that column's lines, left of
                # the value's, are not its rest ("PS o eanty", a garbled "Date of expiry")
                and not (beside and s.bbox[2] < left - cur.height)
                # the column beside read between the value's lines (the card's "Có giá trị
                # đến" under the photo, level with the place's second line): not its rest
                and not (s.bbox[2] < left - cur.height and s.bbox[2] < label_left)
            ),
            None,
        )
        cur = first if first.bbox[0] < cur.bbox[0] else cur
        if below is None or below.bbox[1] > cur.bbox[3] + cur.height * 1.2:
            break
        hs = by_seg.get(below.index, [])
        first_hit = min([h.start for h in hs] + [len(below.text)])
        if (
            first_hit <= _marker_end(below.folded)
            and (cut := _column_beside(seg, below, by_seg)) is not None
            and _gutter_before(below, cut)
        ):
            # the value's next line shares its row with the column beside ("Có giá trị đến:
            # 26/01/2039 triển, thị trấn …" under "Nơi thường trú: Số 259, đường Phan Ngọc"):
            # the words under the label are the value's rest
            pieces.append(Piece(below, cut, len(below.text)))
            row_start = len(pieces) - 1
            extra -= 1
            continue
        if (
            not (below.overlaps_x(cur) or below.overlaps_x(seg))
            or below.bbox[0] < seg.bbox[0] - seg.height * 2
        ):
            break  # (a value in the cell beside its label may wrap back under the label)
        hs = by_seg.get(below.index, [])
        first_hit = min([h.start for h in hs] + [len(below.text)])
        if first_hit <= _marker_end(below.folded) or (below.is_upper() and not _upper(pieces[-1].text)):
            break
        if (
            nfc_clean(pieces[-1].text).endswith((".", ";"))
            and not _UNIT_WORD_END.search(fold(nfc_clean(pieces[-1].text)))
            and not _NAME_REST.match(nfc_clean(below.text))
        ):
            break  # ("…, huyện." is a speck after a unit word: its name is on the next line;
            # so is a dot after a name whose rest, then the next unit, opens the line below:
            # "…, huyện Trần Văn." / "Thời, tỉnh Cà Mau")
        if any(
            _left_on_row(segs[i], below) and abs(segs[i].bbox[0] - seg.bbox[0]) < 2 * seg.height
            for i in by_seg
            if i != seg.index
        ):
            # a table's next row (its label in this label's column): another label's value, not
            # this one's continuation; a label of the column beside is no such row
            break
        if _PLACE_DATE_LINE.search(below.folded):
            break  # "Cà Mau, ngày 14 tháng 6 năm 2025": the signing line, not a continuation
        if _SECTION_HEAD.match(below.folded):
            break  # "Thông tin người mẹ": the head of the next section
        pieces.append(Piece(below, 0, first_hit))
        row_start = len(pieces) - 1
        extra -= 1
    return pieces


_NAME_REST = re.compile(
    r"^[A-ZĐÀ-Ỹ][^\W\d_]*(?: [^\W\d_]+)?,\s*(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s"
)


# The last word of a line whose place runs on: a unit word (or the first half of one) or a comma.
_RUNS_ON = re.compile(r"(?:,|(?:^|[\s,])(?:huyen|xa|tinh|phuong|quan|thi|tran|thanh|pho|ap|khom|duong|so))$")


def _rest_on_row(
    cur: Segment, segs: list[Segment], by_seg: dict[int, list[Hit]]
) -> tuple[Segment, int] | None:
    """The rest of a value's line that OCR read as a segment of its own, right of ``cur`` on its
    row and near it, when ``cur`` breaks off on a unit word or a comma ("…, thành phố" |
    "Nghệ An"); None when that segment is another label, a gloss or far off."""
    if not _RUNS_ON.search(fold(drop_junk(cur.text)).strip(" .;:!¡|\\/")):
        return None
    h = max(cur.height, 1)
    for o in segs[cur.index + 1 : cur.index + 3]:
        if o.page is not cur.page or o.bbox[0] < cur.bbox[2] - h / 2 or o.bbox[0] - cur.bbox[2] > 6 * h:
            continue
        overlap = min(o.bbox[3], cur.bbox[3]) - max(o.bbox[1], cur.bbox[1])
        if overlap < 0.5 * min(h, max(o.height, 1)) or not any(c.isalpha() for c in o.text):
            continue
        first_hit = min([x.start for x in by_seg.get(o.index, [])] + [len(o.text)])
        if first_hit <= _marker_end(o.folded) or _gloss_line(o):
            return None
        return o, first_hit
    return None


def _gutter_before(row: Segment, at: int) -> bool:
    """Whether the word of ``row`` at offset ``at`` stands a column's gutter (a line's height
    or more) after the word before it: a value under a label is another column's words only
    then. A form's next row ("Họ và tên: NGUYỄN NGỌC HUY" under an indented "Kính gửi: …") runs
    on at a word's spacing beneath it and is its own value."""
    words = list(zip(row.words, row.offsets, strict=False))
    for (before, _), (word, (a, _)) in pairwise(words):
        if a == at:
            return word.bbox[0] - before.bbox[2] >= max(row.height, 1)
    return False


def _column_beside(label: Segment, row: Segment, by_seg: dict[int, list[Hit]]) -> int | None:
    """Where the words under ``label`` start in ``row``, the line below it that starts with
    another column's label and value (OCR joined the two columns of a card): the first word
    at the label's left edge, when the row starts well left of it and no label follows."""
    h = max(label.height, 1)
    first_hit = min([x.start for x in by_seg.get(row.index, [])] + [len(row.text)])
    if row.bbox[0] > label.bbox[0] - 4 * h or first_hit > _marker_end(row.folded):
        return None
    hits = by_seg.get(row.index, [])
    # where the row's own value starts, past its label's ":" and English gloss ("Ngày, tháng,
    # năm cấp / Dœe oƒ issue: 06/07/2024": "Dœe" is no word of the value under the label)
    value_start = _clean_start(row, max(x.end for x in hits), len(row.text)) if hits else 0
    for w, (a, _) in zip(row.words, row.offsets, strict=False):
        if w.bbox[0] >= label.bbox[0] - h:
            # (a word inside the row's own label, "cấp" of "Ngày, tháng, năm cấp", is no value)
            if a == 0 or a < value_start or any(x.start >= a or x.end > a for x in hits):
                return None
            return a
    return None


_SECTION_HEAD = re.compile(r"^(?:\d+\W*|[ivx]+\W+)?thong tin (?:cua |ve )?(?:nguoi|ben|cha|me|vo|chong)\b")
_PLACE_DATE_LINE = re.compile(r"^[^\d,]{2,40},\s*ngay\s*[0-9oil]{1,2}\s*thang\b")
_UNIT_WORD_END = re.compile(
    r"(?:(?:^|[\s,])(?:huyen|xa|tinh|phuong|quan|thi tran|thi xa|thanh pho|ap|khom|duong)\s*|,\s*)\.+$"
)  # ("…, huyện." / "…, tỉnh..": specks after a unit word; "…Tây B, .": after a comma)


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def make_field(
    value: str, raw: str, words: list[Word], seg: Segment, factor: float = 1.0, flags: tuple[str, ...] = ()
) -> FieldValue | None:
    if not value or not words:
        return None
    page = seg.page
    conf = sum(w.confidence for w in words) / len(words) * factor
    return FieldValue(
        value=value,
        raw=raw,
        confidence=round(min(1.0, max(0.0, conf)), 4),
        page=page.number,
        bbox=union([w.bbox for w in words]),
        source=page.source,
        flags=flags,
    )


# "Ông/Bà Bùi Thanh Hà" (contracts, forms): the slash is the form's "Mr/Mrs", not a gloss's
_HONORIFIC_PAIR = re.compile(r"ong\s*/\s*ba\b")
_NAME_PREFIX = re.compile(r"^(?:ong\s*/\s*ba|ong\s*\(ba\)|ong|ba|anh|chi)\b[\s:.]*")
_TAIL_MARKER = re.compile(r"[\s;,]+(?:[a-zđ]|\d{1,2})\)\s*$")
_TAIL_JUNK = re.compile(r"\s+\S?[)|\]]\s*$")  # "… đô thị ø)": a speck with a bracket, no "(" before


# (and the spacing marks a speck is read as: "ˆ", "˜", "¨", "´", "¸", "¯")
_JUNK_TOKEN = re.compile(r"(?:(?<=\s)|^)[_'\"`~^|\\*•ˆ˜¨´¸¯]+(?=\s|$)|(?<=\w)[_|~^ˆ˜]+(?=\s|$)")


_UNIT_WORD_DOT = re.compile(
    r"(?<![^\s,])(huyện|xã|tỉnh|phường|quận|thị trấn|thị xã|thành phố|ấp|khóm|đường)\.\s+(?=[^\W_])",
    re.IGNORECASE,
)
_LEAD_DASHES = re.compile(r"^[—–_~]+\s+(?=\w)")


def drop_junk(text: str) -> str:
    """Tokens OCR makes of specks and scratches (``_``, ``'``, ``|``) dropped; NFC, single spaces."""
    return nfc_clean(_JUNK_TOKEN.sub(" ", text))


# Latin-1 letters Vietnamese writes (others there are signs of legacy-encoded text)
_VN_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_I_AS_SIGN = re.compile(r"(?<=[^\W\d_])¡(?=[\s,.;)]|$)")


def _i_read_as_sign(v: str) -> str:
    """An i OCR read as "¡" at a word's end ("Phan S¡ Păng"): the i, when no other sign of
    legacy-encoded text is in the value (in TCVN3 "¡" is Ă; mojibake has many such signs)."""
    if "¡" not in v or any("\u00a0" <= c <= "\u00ff" and c != "¡" and c not in _VN_LATIN1 for c in v):
        return v
    return _I_AS_SIGN.sub("i", v)


def _text_value(raw: str) -> str:
    v = _i_read_as_sign(LEADERS.sub(" ", raw))
    v = drop_junk(v)
    v = _LEAD_DASHES.sub("", v)  # "—_ thị trấn Cẩm Khê": a scratch before the value
    v = _UNIT_WORD_DOT.sub(r"\1 ", v)  # "huyện. Phước Long": a speck between a unit word and its name
    if v.count("(") < v.count(")"):  # an unbalanced ")" ends a list marker or a speck
        v = _TAIL_JUNK.sub("", _TAIL_MARKER.sub("", v))
    if v.count("(") > v.count(")"):  # a lone "(" no ")" closes: a speck ("tỉnh Bạc ( Liêu")
        v = re.sub(r"\s+\((?=\s|$)", "", v)
    return v.strip(" ;,.:").strip()


_ZERO_DATE = re.compile(r"(?<!\d)0{1,2}\s*[/.\-]\s*0{1,2}\s*[/.\-]\s*\d{4}(?!\d)")
# A placeholder written where data should be ("xx/xx/xxxx", "00/00/0000", "không rõ"): kept as
# read, so clean.value.no_placeholder judges it. Dots and underscores alone are a blank: absent.
_PLACEHOLDER = re.compile(
    r"^(?:[xX*?]+(?:\s*[/.\-]\s*[xX*?]+)*|0{1,2}\s*[/.\-]\s*0{1,2}(?:\s*[/.\-]\s*[0-9xX]{2,4})?|0+|"
    r"[\-–—]{1,3}\s*[/.]\s*[\-–—]{1,3}(?:\s*[/.]\s*[\-–—]{1,4})?|"
    r"không rõ|chưa rõ|chưa có|không có|chưa cập nhật|đang cập nhật|chưa xác định|không xác định|n/?a)$",
    re.IGNORECASE,
)


# A place begins with its unit ("xã Phú Tân, …"): what OCR left before it of a garbled English
# gloss ("í Paøø øf bính røgisration: xá Phú Tân") or a speck ("In „ xã …", "mi... xã …").
_PLACE_UNIT_START = (
    r"(?:x[aãá]|ph[uư][oơ]ng|th[iị] tr[aấ]n|th[iị] x[aã]|[aấ]p|kh[oó]m|th[oô]n|x[oó]m|t[oổ] d[aâ]n ph[oố])\s"
)
_GLOSS_COLON = re.compile(rf"^[^:]{{3,45}}[:;\-–]\s*(?={_PLACE_UNIT_START})", re.IGNORECASE)
_SPECKS_BEFORE = re.compile(rf"^(?:\S{{1,5}}\s+){{1,2}}(?={_PLACE_UNIT_START})", re.IGNORECASE)
_UNIT_WORDS = re.compile(
    rf"\b{_PLACE_UNIT_START}|\b(?:huy[eệ]n|t[iỉ]nh|qu[aậ]n|th[aà]nh ph[oố]|s[oố])\b", re.IGNORECASE
)


def _gloss_before_place(text: str) -> tuple[str, bool]:
    """``text`` without what stands before its first unit word when that is no part of a place
    (a gloss ending in ":", or one or two specks of at most 5 characters), and whether it cut."""
    for rx in (_GLOSS_COLON, _SPECKS_BEFORE):
        m = rx.match(text)
        if m and not _UNIT_WORDS.search(m.group(0)) and not re.search(r"\d", m.group(0)):
            return text[m.end() :], True
    return text, False


def normalize_value(kind: str, raw: str) -> tuple[str, float, tuple[str, ...]] | None:
    """(value, confidence factor, flags) of a raw value of ``kind``, or None if unreadable."""
    text = _text_value(raw)
    if not text:
        return None
    if _PLACEHOLDER.match(text.strip()):
        return text.strip(), 1.0, ("placeholder",)
    if kind == "name":
        f = fold(text)
        m = _NAME_PREFIX.match(f)
        if m and m.end() < len(text):
            text = text[m.end() :]
        text = re.split(r"[,;(]| - | – |\s{2,}", text)[0]
        # a sign glued to a letter ("BÙ/ CHÍ AN"): a speck, or a letter OCR misread as one
        doubt = 0.75 if re.search(r"[^\W_][^\w\s\-'’]|[^\w\s\-'’][^\W\d_]", text.strip(" .:;'’\"`")) else 1.0
        text = re.sub(r"[^\w\s\-]|_", "", text).strip()
        text = re.sub(r"\d+", "", text).strip(" -")
        tokens = text.split()
        if (
            len(tokens) >= 3
            and len(tokens[0]) <= 2
            and tokens[0].islower()
            and " ".join(tokens[1:]).isupper()
        ):
            # a speck read as a small letter or two before a name in capitals ("ị ĐĂNG KIM MY",
            # "eề ĐỖ NGỌC THANH TRÍ")
            text, doubt = " ".join(tokens[1:]), min(doubt, 0.9)
        elif len(tokens) >= 3 and _LONE_CONSONANT.fullmatch(tokens[-1]):
            # a speck read as a letter after the name ("NGÔ CÔNG LỘC Q"): a lone consonant is
            # no syllable (a given name "Y" is a vowel)
            text, doubt = " ".join(tokens[:-1]), min(doubt, 0.9)
        if len(text) < 2:
            return None
        value, changed = repair_name(person_name(text))
        return value, (0.95 if changed else 1.0) * doubt, (("lexicon",) if changed else ())
    if kind == "date":
        z = _ZERO_DATE.search(text)
        if z:  # "00/00/1993" after a garbled gloss: a placeholder printed as the date, as read
            return re.sub(r"\s+", "", z.group(0)), 1.0, ("placeholder",)
        d = parse_date(text) or parse_words_date(text)
        if d and not 1900 <= int(d[0][:4]) <= date.today().year + 80:
            d = None  # "{8/12/2190": a misread, not a date anyone printed
        if not d:
            fixed = repair_date(text)  # "2411012001", "02l10I2025": only a single real date
            if fixed:
                return fixed[0], 0.9, ("repaired",)
            # "77/03/2016", "ngày 73 tháng 4": a 1 read as 7 — a guess a person confirms
            d = repair_sevens(text)
            if d is None and (bad := impossible_date(text)):
                # "31/06/1983" printed plainly: the date as printed, for correct.date.valid to judge
                return bad, 1.0, ("impossible_date",)
            if d is None or day_lost(text, d[1]):
                return None
            sevens: tuple[str, ...] = ("repaired", "seven_for_one")
            return d[0], SEVEN_DOUBT, sevens if d[1] == "YMD" else (*sevens, "precision_" + d[1])
        if day_lost(text, d[1]):
            return None  # the page prints the day: unread, not a date of lesser precision
        return d[0], 1.0, () if d[1] == "YMD" else ("precision_" + d[1],)
    if kind == "year":
        # a table's rule glued to the year, read "¡" or "!" ("| ¡1976"): no figure of it
        text = re.sub(r"(?<!\w)[¡!|\[\]](?=\d{4}(?!\d))", "", text)
        d = parse_date(text)
        if d is None and (d := repair_sevens(text)) is not None:
            return d[0][:4], SEVEN_DOUBT, ("repaired", "seven_for_one")  # "7985": a 1 read as 7
        return (d[0][:4], 1.0, ()) if d else None
    if kind in ("personal_id", "mst"):
        ok = valid_personal_id if kind == "personal_id" else mst_check_ok
        boxed = False
        got = identifier(text, ok, 9 if kind == "personal_id" else 10)
        if kind == "personal_id" and got is not None and got[1] and _BOXED.search(text):
            got = None  # the rules of boxes read as look-alike 1s ("0 |9 |5 |0 |8": "019150…"): no ID
        if _BOXED.search(text) and (got is None or not got[2]):
            # one digit per box: the box rules read as "|", "[" or "]" are not digits
            unboxed = identifier(re.sub(r"[|\[\]\s]+", " ", text), ok, 9 if kind == "personal_id" else 10)
            if unboxed:
                got = unboxed
        ruled = bool(_RULED_DIGITS.fullmatch(text.strip())) and len(re.findall(r"[|\[\]()/]", text)) >= 4
        if (_BOXED_LOOSE.search(text) or ruled) and (got is None or not got[2] or len(got[0]) < 12):
            # the box rules read as "/", ")" or "." too ("|0|9.6|0|9/5|8|…"): the digits between
            # them, taken only when they make a valid number of the full length
            unboxed = identifier(re.sub(r"[|\[\]()/\s]+", " ", text), ok, 12 if kind == "personal_id" else 10)
            if unboxed and unboxed[2]:
                got, boxed = unboxed, True
            elif kind == "mst" and len(found := {v for v in box_cells(text, 10) if mst_check_ok(v)}) == 1:
                # read cell by cell, the rules between the boxes read as "1": the one reading
                # whose check digit holds (TT 105/2020)
                got, boxed = (found.pop(), True, True), True
            elif kind == "personal_id" and len(digits := re.sub(r"\D", "", text.translate(_BOX_DIGITS))) > 12:
                # digits too many (a rule read as a "1" inside a box): all of them, unvalidated,
                # for the owner's date of birth to tell the extra ones (forms._drop_extra_id_digits)
                got = (digits, False, False)
        if not got:
            return None
        value, repaired, valid = got
        flags = (
            (("repaired",) if repaired else ())
            + (() if valid else ("invalid",))
            + (("boxed",) if boxed else ())
        )
        return value, (0.95 if repaired else 1.0) * (1.0 if valid else 0.6), flags
    if kind == "sex":
        f = re.sub(r"^n(?:\s?n)+", "n", fold(text).lstrip(" :"))  # "NÑam": the N read twice
        if f.startswith(("nu", "n u")):
            return "Nữ", 1.0, ()
        if f.startswith(("nam", "narn", "nain")):
            return "Nam", 1.0, ()
        if re.match(r"n[a-z]m(?![a-z])", f):
            return "Nam", 0.9, ("repaired",)  # "Ngm", "Nem": its middle letter misread; Nữ has no m
        return None
    if kind == "area":
        # "138;9m²": the decimal comma read as a semicolon (between digits, before at most two
        # digits and the unit or the end)
        text = re.sub(r"(?<=\d);(?=\d{1,2}(?!\d))", ",", text)
        x = vn_number(text)
        return (format_decimal(x), 1.0, ()) if x else None
    if kind == "money":
        v = money(text)
        return (v, 1.0, ()) if v else None
    if kind == "phone":
        v = phone(text)
        if v and re.fullmatch(r"[1-9]\d{8}", v):
            # every Vietnamese number dialled at home starts with 0 and has 10 digits (mobile) or
            # 11 (fixed, 02x): nine digits without it lost the 0 to OCR (or the writer)
            return "0" + v, 0.9, ("repaired",)
        return (v, 1.0, ()) if v else None
    if kind == "int":
        if not any(c.isdigit() for c in text):
            return None  # look-alikes alone ("/l" for 753) are no number: unread, not 1
        m = re.search(r"\d+", text.translate(str.maketrans("OolI", "0011")))
        return (str(int(m.group(0))), 1.0, ()) if m else None
    if kind in ("nationality", "ethnicity"):
        # a word value: OCR specks ("————", "j x") are no value; "Viet Narn" is Việt Nam
        letters = sum(c.isalpha() for c in text)
        if kind == "nationality" and fuzz.ratio(fold(text), "viet nam") >= 75:
            return ("VIỆT NAM" if _upper(text) else "Việt Nam"), 1.0, ()
        tail = " ".join(text.split()[-2:])
        if kind == "nationality" and len(text.split()) > 2 and fold(tail) == "viet nam":
            # a gloss OCR garbled and did not close with ":" ("/ Ng2oealsy- Việt Nam"): the value
            # is its last two words
            return ("VIỆT NAM" if _upper(tail) else "Việt Nam"), 0.95, ("gloss_cut",)
        if (
            kind == "ethnicity"
            and fold(text).strip(" .") == "kinh"
            and text.strip(" .") not in ("Kinh", "KINH")
        ):
            return ("KINH" if _upper(text) else "Kinh"), 0.95, ("lexicon",)  # "Kình": no other group folds so
        if letters < 3 or letters < 0.8 * len(text.replace(" ", "")):
            return None
        return text, 1.0, ()
    if kind == "place":
        text = text.lstrip("'\"`‘’“”|¡!.,:;_ ")  # specks before the first word
        text = text.rstrip(" .,:;_-–—~'\"`")  # and after the last ("… tỉnh Bạc Liêu .-")
        # a comma read as the low quotation marks of its shape ("Ấp 7„ xã Bum Tở"): no address
        # quotes anything
        text = text.replace("„", ",").replace("‚", ",")
        text = re.sub(r"\s+,", ",", text)  # a comma OCR set apart from its word ("Ấp 8 , xã")
        text, cut = _gloss_before_place(text)
        value, changed = repair_place(text)
        if cut:
            return value, 0.9, ("gloss_cut",)
        return value, (0.95 if changed else 1.0), (("lexicon",) if changed else ())
    if kind == "term":
        # Thời hạn sử dụng đất: "Lâu dài" or "Đến ngày dd/mm/yyyy" (domain-vn §2.4, the two forms
        # the field takes); an end date printed "27-06-2076", "27.6.2076" or in words is written
        # the one way, so the same term compares equal however it was printed.
        if fold(text).startswith(("lau dai", "on dinh lau dai")):
            return "Lâu dài", 1.0, ()
        d = parse_date(text) or parse_words_date(text)
        if d and d[1] == "YMD":
            year, month, day = d[0].split("-")
            return f"Đến ngày {day}/{month}/{year}", 1.0, ()
        return text, 1.0, ()
    if kind == "code":  # a registration number as printed, no spaces around / and -
        v = re.sub(r"\s*([/\-])\s*", r"\1", text).split(" ;")[0]
        return (v.rstrip(" .;,-–_"), 1.0, ())
    return text, 1.0, ()


@dataclass
class Reading:
    spec: Spec
    hit: Hit
    pieces: list[Piece]
    value: str
    raw: str
    factor: float
    flags: tuple[str, ...] = field(default_factory=tuple)

    def to_field(self) -> FieldValue | None:
        words = [
            w
            for p in self.pieces
            for w in p.seg.words_in(p.start, p.end)
            if p.seg.page is self.pieces[0].seg.page
        ]
        if BLANK in self.flags:
            return None
        if UNREAD in self.flags:  # the label and what was read after it: where a person looks
            seg = self.hit.seg
            boxes = [w.bbox for w in seg.words_in(self.hit.start, self.hit.end) + words]
            return unread_field(seg.page.number, union(boxes), self.raw, seg.page.source)
        fv = make_field(
            self.value, self.raw, words, self.pieces[0].seg, self.factor * self.hit.score, self.flags
        )
        digits = [w for w in words if any(c.isdigit() for c in w.text)]
        if fv is not None and self.spec.kind in NUMERIC_KINDS and digits:
            # the digits carry the value, not "m²", "ngày", "đồng" around them
            conf = sum(w.confidence for w in digits) / len(digits) * self.factor * self.hit.score
            fv = replace(fv, confidence=round(min(1.0, max(0.0, conf)), 4))
        if fv is not None and self.spec.kind == "name" and (rest := _after_surname(words, self.value)):
            # Tesseract is unsure of a surname's marks ("NGUYÊN" 0.36, "TẠ" 0.59) where the
            # lexicon is sure: its letters are those of one surname only (SURNAME_KEYS fold
            # apart), so the name is as sure as its other words
            conf = sum(w.confidence for w in rest) / len(rest) * self.factor * self.hit.score
            fv = replace(fv, confidence=round(min(1.0, max(0.0, conf)), 4))
        if fv is not None and "repaired" in self.flags:
            fv = replace(fv, repairs=(f"{self.raw} → {self.value}",))
        return fv


def _after_surname(words: list[Word], value: str) -> list[Word]:
    """The name's words after its surname, when the value opens with a lexicon surname and the
    first word read spells its letters (marks aside); else nothing."""
    names = [w for w in words if any(c.isalpha() for c in w.text)]
    surname = value.split(" ", 1)[0]
    if len(names) < 2 or fold(surname) not in SURNAME_KEYS:
        return []
    first = "".join(c for c in fold(names[0].text) if c.isalpha())
    return names[1:] if first == fold(surname) else []


def _label_tail_pieces(
    h: Hit, segs: list[Segment], by_seg: dict[int, list[Hit]], pieces: list[Piece]
) -> list[Piece]:
    """Two ways a table's label cell and its value part wrongly.

    - What was read after a short label is the rest of a longer one of the same field, broken
      across the cell's lines ("Nguồn gốc sử" / "dụng", the value "Nhà nước giao đất …" in
      the cell to the right): the value is that right cell.
    - A label ending in "đất" whose "Đất" is capitalized after lower-case label words, with no
      colon ("Mục đích sử dụng Đất nuôi trồng thủy sản"): the label ended before it, the "Đất"
      begins the value (the purposes are "Đất ở …", "Đất trồng lúa" …)."""
    assert h.spec is not None
    if pieces:
        rest = _PUNCT.sub(" ", fold(" ".join(p.text for p in pieces))).strip()
        said = _PUNCT.sub(" ", h.seg.folded[h.start : h.end]).strip()
        if rest and any(lab == f"{said} {rest}" for lab in h.spec.labels):
            cell = _right_cell(h.seg, replace(h, end=len(h.seg.text)), segs, by_seg)
            if cell is None:
                return []
            out = [Piece(cell, 0, len(cell.text))]
            for _ in range(h.spec.multiline):  # the cell's own next lines
                cur = out[-1].seg
                nxt = next(
                    (
                        o
                        for o in segs[cur.index + 1 : cur.index + 4]
                        if _below(cur, o)
                        and o.bbox[1] <= cur.bbox[3] + cur.height * 1.2
                        and o.overlaps_x(cur)
                        and o.bbox[0] >= cur.bbox[0] - cur.height
                        and any(c.isalnum() for c in o.text)
                        and o.index not in by_seg
                        and not _PLACE_DATE_LINE.search(o.folded)
                    ),
                    None,
                )
                if nxt is None:
                    break
                out.append(Piece(nxt, 0, len(nxt.text)))
            return out
    words = [w for w in h.seg.text[h.start : h.end].split() if any(c.isalpha() for c in w)]  # not "|"
    if (
        len(words) >= 2
        and fold(words[-1]) == "dat"
        and words[-1][0] == "Đ"
        and words[-2][:1].islower()
        and pieces
        and pieces[0].seg is h.seg
        and not h.seg.text[h.end :].lstrip().startswith(":")
    ):
        start = h.seg.text.rindex(words[-1], h.start, h.end)
        return [Piece(h.seg, start, pieces[0].end), *pieces[1:]]
    return pieces


BLANK = "blank"  # a Reading's flag: the label is printed and its value left blank


def _qualified_by_next(hit: Hit, by_seg: dict[int, list[Hit]]) -> bool:
    seg = hit.seg
    after = sorted((h for h in by_seg.get(seg.index, []) if h.start >= hit.end), key=lambda h: h.start)
    return (
        bool(after)
        and not any(c.isalnum() for c in seg.text[hit.end : after[0].start])
        and after[0].spec is not None
        and hit.spec is not None
        and after[0].spec.key == hit.spec.key
    )


def _blank_before_next_label(hit: Hit, by_seg: dict[int, list[Hit]]) -> bool:
    """The label is followed on its line by another label, nothing between them, and that one
    has its value on the line: a row of several labelled values whose first was left blank
    (labels printed side by side with their values below are not this: both are empty)."""
    seg = hit.seg
    after = sorted((h for h in by_seg.get(seg.index, []) if h.start >= hit.end), key=lambda h: h.start)
    if not after or any(c.isalnum() for c in seg.text[hit.end : after[0].start]):
        return False
    nxt = after[0]
    stop = after[1].start if len(after) > 1 else len(seg.text)
    return any(c.isalnum() for c in seg.text[nxt.end : stop])


def read_all(segs: list[Segment], specs: list[Spec]) -> list[Reading]:
    """Every labelled value in reading order (a label may occur several times)."""
    table = Labels(specs)
    hits = find_hits(segs, table)
    assign_hits(hits)
    by_seg = _hits_by_seg(hits)
    out: list[Reading] = []
    for h in hits:
        if h.spec is None or h.spec.key.startswith("_"):
            continue
        if _qualified_by_next(h, by_seg):
            continue  # the next label, nothing between, is this one's ("Giấy tờ tùy thân: Căn cước
            # công dân số: 0…"): the value is read after it
        if _blank_before_next_label(h, by_seg):
            # "Thửa đất số:; Tờ bản đồ số: 11;": printed, left blank (absent); not a value to seek
            # on the lines below, nor in a later reading of the same label
            out.append(Reading(h.spec, h, [], "", "", 0.0, (BLANK,)))
            continue
        pieces = _label_tail_pieces(h, segs, by_seg, value_pieces(h, segs, by_seg))
        if not pieces and h.spec.kind != "date":
            continue
        raw = nfc_clean(" ".join(LEADERS.sub(" ", p.text) for p in pieces))
        got = normalize_value(h.spec.kind, raw) if raw else None
        if got is None and h.spec.kind == "date" and not any(c.isdigit() for c in raw):
            # what followed the label was its own misread end ("Có giá trị | đén"), the date
            # is on the line under it, a line no label of its own claims
            below = _date_line_below(h.seg, segs)
            if below is not None and below.index not in by_seg:
                got = normalize_value("date", nfc_clean(below.text))
                if got is not None:
                    pieces, raw = [Piece(below, 0, len(below.text))], nfc_clean(below.text)
        if not pieces:
            continue
        if got is None:
            if h.spec.kind in NUMERIC_KINDS and _words_below_not_its_value(h, pieces, raw):
                # "Ngày, tháng, năm đăng ký:" ending its line, "NGƯỜI THỰC HIỆN" under it: the
                # form's next part, words without a figure, stands where the value would be;
                # the label was printed and left blank (absent), not written and unread (no
                # reading: another of the same label may still hold the value)
                continue
            if h.spec.kind in UNREADABLE_KINDS and sum(c.isalnum() for c in raw) >= (
                1 if h.spec.kind == "int" else 2
            ):
                # something is written after the label but it is no value of its kind (a
                # number of one figure is one letter when misread: "Tờ bản đồ số | ý" for 7)
                out.append(Reading(h.spec, h, pieces, "", raw, 0.0, (UNREAD,)))
            continue
        value, factor, flags = got
        out.append(Reading(h.spec, h, pieces, value, raw, factor, flags))
    return out


def _words_below_not_its_value(hit: Hit, pieces: list[Piece], raw: str) -> bool:
    """The label ends its line with its colon, and the lines taken from below are words of
    letters with no figure at all (two or more words of two letters or more): no misread
    date or number, which keeps some digit or is one garbled token. (A title the label's
    words make, "CĂN CƯỚC CÔNG DÂN" over "Citizen Identity Card", has no colon.)"""
    rest = hit.seg.text[max(0, hit.end - 1) :]
    return (
        all(p.seg is not hit.seg for p in pieces)
        and ":" in rest
        and not any(c.isalnum() for c in hit.seg.text[hit.end :])
        and not any(c.isdigit() for c in raw)
        and sum(1 for w in raw.split() if sum(c.isalpha() for c in w) >= 2) >= 2
    )


# Kinds read from their digits: the confidence is that of the words holding digits.
NUMERIC_KINDS = frozenset({"date", "year", "personal_id", "mst", "area", "money", "phone", "int"})
# Kinds whose reading can fail on what is written (a date, a number): then the field is unread.
UNREADABLE_KINDS = frozenset({"date", "year", "personal_id", "mst", "sex", "area", "money", "phone", "int"})


def read_after(
    seg: Segment, end: int, spec: Spec, segs: list[Segment], specs: list[Spec]
) -> FieldValue | None:
    """The value of ``spec`` read as if its label ended at ``end`` of ``seg`` (a label found
    by other means: its English gloss when the Vietnamese words are garbled), the labels of
    ``specs`` ending it as they end any value. Read a little less surely than a label."""
    hits = find_hits(segs, Labels(specs))
    assign_hits(hits)
    hit = Hit(seg, 0, end, [spec], 0.9, spec)
    by_seg = _hits_by_seg([h for h in hits if not (h.seg is seg and h.start < end)] + [hit])
    pieces = value_pieces(hit, segs, by_seg)
    if not pieces:
        return None
    raw = nfc_clean(" ".join(LEADERS.sub(" ", p.text) for p in pieces))
    got = normalize_value(spec.kind, raw) if raw else None
    if got is None:
        return None
    return Reading(spec, hit, pieces, got[0], raw, got[1], got[2]).to_field()


def read_fields(segs: list[Segment], specs: list[Spec]) -> dict[str, FieldValue]:
    """First reading of each key → FieldValue (fields.md); a key only ever unread is reported
    unread (its label's box, no value)."""
    fields: dict[str, FieldValue] = {}
    blank: set[str] = set()
    for r in read_all(segs, specs):
        if BLANK in r.flags or r.spec.key in blank:
            if r.spec.key not in fields:
                blank.add(r.spec.key)
            continue
        if r.spec.key in fields and not fields[r.spec.key].unread:
            continue
        if r.spec.key in fields and UNREAD in r.flags:
            continue
        fv = r.to_field()
        if fv is not None:
            fields[r.spec.key] = fv
    return fields
