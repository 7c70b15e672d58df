"""The machine-readable zone of a CCCD / thẻ căn cước: ICAO 9303 TD1, 3 lines × 30 characters.

Line 1: ``ID`` ``VNM``, the document number (the last 9 digits of the personal ID), its check
digit, the full 12-digit ID, ``<<``, the ID's check digit. Line 2: birth date YYMMDD + check,
sex (M/F), expiry YYMMDD + check, ``VNM``, filler, the composite check digit. Line 3: the name
without diacritics, ``SURNAME<<GIVEN<NAMES`` (domain-vn §2.1).

Check digits: weights 7-3-1 over the characters (digits as themselves, A–Z as 10–35, ``<`` as
0), sum mod 10. OCR confusions are repaired by position only (a digit position reads O/D/Q as
0, I/l/| as 1, S as 5, B as 8, Z as 2, G as 6; a filler position reads K, «, ‹ … as ``<``), and a
reading is used only when every check digit then holds. Digits misread as other digits are
repaired only where two checks pin one answer: the number printed twice (its own check and the
ID's), a date's one look-alike digit (its check and the composite, exactly one candidate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations

from ocr.result import BBox, Document

__all__ = ["MrzReading", "check_digit", "find_mrz", "parse_td1", "rebuilt_line1", "zone_line1_id"]

_DIGIT_FIX = str.maketrans(
    {
        "O": "0",
        "D": "0",
        "Q": "0",
        "U": "0",
        "I": "1",
        "L": "1",
        "|": "1",
        "T": "1",
        "S": "5",
        "B": "8",
        "Z": "2",
        "G": "6",
        "A": "4",
    }
)
# what OCR makes of the filler "<" (and of "<<")
_FILLER = re.compile(r"[«‹〈<(\[{]|[Kk]|[cC](?=[<Kk«cC]|$)")


def check_digit(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        if ch.isdigit():
            v = int(ch)
        elif "A" <= ch <= "Z":
            v = ord(ch) - 55
        else:
            v = 0
        total += v * (7, 3, 1)[i % 3]
    return total % 10


@dataclass(frozen=True)
class MrzReading:
    id_number: str  # 12 digits
    document_number: str  # 9 digits (last 9 of the ID)
    birth: str  # ISO date
    sex: str  # "Nam" / "Nữ"
    expiry: str | None  # ISO date, None when the card has no end ("<<<<<<")
    name: str | None  # "SURNAME GIVEN NAMES" without diacritics, as printed in the zone
    raw: str  # the lines as read
    repairs: tuple[str, ...]  # what was changed to make the check digits hold
    page: int = 1
    bbox: BBox | None = None


def _clean(line: str) -> str:
    s = re.sub(r"\s+", "", line.upper())
    s = s.replace("«", "<<").replace("»", "<<")
    # An O with a mark or a slash is the zone's 0 read with a speck on it ("TDVNMÔ784…"), or a
    # speck of its own, which the reading one character shorter then leaves out.
    s = s.translate(_MARKED_O).replace("]", "1")  # (a 1 at the line's end read as "]")
    # The zone prints only A-Z, 0-9 and "<": any other letter with a mark, a dot or a dash in
    # it is OCR's (a glare speck, a fingerprint's edge), never the zone's.
    return re.sub(r"[^A-Z0-9<|‹〈(\[{]", "", s)


_MARKED_O = str.maketrans(dict.fromkeys("ÔÓÒÕỌỎỐỒỔỖỘƠỚỜỞỠỢØÖÐ", "O"))


def _digits(s: str) -> str:
    return s.translate(_DIGIT_FIX)


def _yymmdd(s: str, century: int) -> date | None:
    try:
        return date(century + int(s[:2]), int(s[2:4]), int(s[4:6]))
    except ValueError:
        return None


_LINE1 = re.compile(
    r"[I1lT|].{0,2}V(?:[NMW]M)?(?P<doc>[0-9A-Z|]{9})(?P<c1>[0-9A-Z|])(?P<id>[0-9A-Z|]{12})[<K«(C]*(?P<c2>[0-9A-Z|])$"
)
_LINE2 = re.compile(
    r"^(?P<dob>[0-9A-Z|]{6})(?P<c1>[0-9A-Z|])(?P<sex>[MFH<])(?P<exp>[0-9A-Z|]{6}|<{6})(?P<c2>[0-9A-Z|<])"
    r"V[NMW]{1,3}M[<K«(C]*(?P<c3>[0-9A-Z|])$"  # ("VNWNM": a letter read twice)
)


def _filler(s: str) -> str:
    return _FILLER.sub("<", s)


# Digits OCR takes for one another in the zone's OCR-B print (blur closes a 0 into a 9 or 8).
_DIGIT_CONFUSIONS = {
    p
    for pair in ("06", "08", "09", "14", "17", "27", "38", "39", "56", "58", "68", "89")
    for p in (pair, pair[::-1])
}


def _one_digit_fixes(value: str, check: int) -> list[str]:
    """``value`` with one digit replaced by a look-alike (``_DIGIT_CONFUSIONS``) so that its
    check digit is ``check``."""
    out = []
    for i, was in enumerate(value):
        for d in "0123456789":
            cand = value[:i] + d + value[i + 1 :]
            if was + d in _DIGIT_CONFUSIONS and check_digit(cand) == check:
                out.append(cand)
    return out


def _shorter(line: str, span: int) -> list[tuple[int, str]]:
    """``line`` and ``line`` without one, or (read exactly two characters too long) two, of its
    first ``span`` characters (specks, a doubled digit), with how many were left out. (Pairs only
    then: a long garbled row holding "VNM" would otherwise give tens of thousands of pairs.)"""
    out: dict[str, int] = {line: 0}
    extra = len(line) - _TD1_LINE
    for n in range(1, (2 if extra == 2 else 1) + 1):
        for idx in combinations(range(min(span, len(line))), n):
            cut = "".join(c for i, c in enumerate(line) if i not in idx)
            out.setdefault(cut, n)
    return [(n, cut) for cut, n in out.items()]


def parse_td1(line1: str, line2: str, line3: str | None = None) -> MrzReading | None:
    """The zone's values when every check digit holds (after positional repairs), else None.

    A line read one or two characters too long (a speck, a doubled digit) is read again
    without each one (or pair) of its characters in turn; such a reading is taken only when
    every check digit then holds (five checks across the two lines: a wrong cut fails them),
    and, past one character left out, when it agrees with itself as a card does
    (``_consistent``); it is recorded."""
    a, b = _filler(_clean(line1)), _filler(_clean(line2))
    got = _parse_td1(a, b, line1, line2, line3)
    if got is not None:
        return got
    long1, long2 = len(a) > _TD1_LINE, len(b) > _TD1_LINE
    if not (long1 or long2):
        return None
    # (line 2's specks are looked for before its "VNM": its filler's length is not counted)
    cuts1 = _shorter(a, len(a)) if long1 else [(0, a)]
    cuts2 = _shorter(b, _LINE2_FIELDS + len(b) - _TD1_LINE) if long2 else [(0, b)]
    for n1, cut1 in cuts1:
        for n2, cut2 in cuts2:
            if not n1 + n2 or n1 + n2 > 3:
                continue
            got = _parse_td1(cut1, cut2, line1, line2, line3)
            if got is None or (n1 + n2 > 1 and not _consistent(got)):
                continue
            left_out = "a stray character" if n1 + n2 == 1 else f"{n1 + n2} stray characters"
            return replace(got, repairs=(*got.repairs, f"{left_out} left out of the zone"))
    return None


# Line 2's fields before its filler: birth date and check, sex, expiry and check, "VNM".
_LINE2_FIELDS = 18


def _consistent(z: MrzReading) -> bool:
    """A reading made by leaving out more than one character must also agree with itself as a
    card does: the birth year is the ID's digits 5-6 (NĐ 137/2015 Đ.13), and a card that ends
    ends on the holder's birthday (Luật Căn cước 2023 Đ.21); a wrong cut that happened to hold
    the check digits does not."""
    if z.birth[2:4] != z.id_number[4:6]:
        return False
    return z.expiry is None or z.expiry[4:] == z.birth[4:]


_TD1_LINE = 30


def _parse_td1(a: str, b: str, line1: str, line2: str, line3: str | None) -> MrzReading | None:
    m1, m2 = _LINE1.search(a), _LINE2.search(b)
    if not m1 or not m2:
        return None
    repairs: list[str] = []

    def fix(part: str, what: str) -> str:
        out = _digits(part)
        if out != part:
            repairs.append(f"{what} {part} → {out}")
        return out

    doc, c1, pid, c2 = (fix(m1.group(k), k) for k in ("doc", "c1", "id", "c2"))
    dob, d1 = fix(m2.group("dob"), "dob"), fix(m2.group("c1"), "dob check")
    exp_raw = m2.group("exp")
    lifelong = exp_raw == "<<<<<<"
    exp = exp_raw if lifelong else fix(exp_raw, "expiry")
    e1 = m2.group("c2") if lifelong else fix(m2.group("c2"), "expiry check")
    c3 = fix(m2.group("c3"), "composite")
    if not all(x.isdigit() for x in (doc, c1, pid, c2, dob, d1, c3)) or (
        not lifelong and not (exp + e1).isdigit()
    ):
        return None
    if check_digit(dob) != int(d1) and dob[:2] != pid[4:6] and check_digit(pid[4:6] + dob[2:]) == int(d1):
        # the first digits of line 2 misread (a line's edge): the ID's digits 5–6 are the birth
        # year (NĐ 137/2015 Đ.13); taken only when the date's check and the composite then hold
        repairs.append(f"birth year {dob[:2]} → {pid[4:6]}, as the ID number gives it")
        dob = pid[4:6] + dob[2:]
    if (
        doc != pid[-9:]
        and check_digit(pid) == int(c2)
        and sum(x != y for x, y in zip(doc, pid[-9:], strict=True)) <= 2
        and check_digit(pid[-9:]) == int(c1)
    ):
        # the document number is the ID's last 9 digits, printed twice on line 1: a digit of
        # the first print misread ("6939061556096093906155" for "0939…") is read from the
        # second, when the ID's own check, the number's check and the composite then all hold
        # (a number whose check digit is wrong as printed stays wrong: its digits agree)
        repairs.append(f"document number {doc} → {pid[-9:]}, as the ID gives it")
        doc = pid[-9:]
    if (
        check_digit(pid) != int(c2)
        and check_digit(doc) == int(c1)
        and sum(x != y for x, y in zip(doc, pid[-9:], strict=True)) <= 2
        and check_digit(pid[:3] + doc) == int(c2)
    ):
        # the other way round: the ID's last 9 digits misread, the document number read right
        repairs.append(f"ID number {pid} → {pid[:3] + doc}, as the document number gives it")
        pid = pid[:3] + doc
    century = {"0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100, "5": 2100}.get(pid[3])

    def composite_holds(dob: str, exp: str) -> bool:
        return check_digit(doc + c1 + pid + "<<" + c2 + dob + d1 + exp + e1 + "<" * 11) == int(c3)

    if century is not None and check_digit(dob) != int(d1):
        # one digit of the birth date misread (0 read as 9 under motion blur): of its look-alikes
        # that make the date's check hold, taken only when exactly one is also a real date, has
        # the year the ID's digits 5-6 give (NĐ 137/2015 Đ.13) and holds the composite check;
        # none or several: refused. An expiry likewise, on the birthday it must fall on (a card
        # runs to the holder's birthday at 25, 40 or 60, Luật Căn cước 2023 Đ.21)
        fixes = [
            f
            for f in _one_digit_fixes(dob, int(d1))
            if f[:2] == pid[4:6] and _yymmdd(f, century) and composite_holds(f, exp)
        ]
        if len(fixes) == 1:
            repairs.append(f"birth date {dob} → {fixes[0]}: one digit, both checks holding")
            dob = fixes[0]
    if not lifelong and century is not None and check_digit(exp) != int(e1):
        fixes = [f for f in _one_digit_fixes(exp, int(e1)) if f[2:] == dob[2:] and composite_holds(dob, f)]
        if len(fixes) == 1:
            repairs.append(f"expiry {exp} → {fixes[0]}: one digit, both checks holding")
            exp = fixes[0]
    checks = [
        check_digit(doc) == int(c1),
        check_digit(pid) == int(c2),
        check_digit(dob) == int(d1),
        lifelong or check_digit(exp) == int(e1),
        pid[-9:] == doc,
    ]
    composite = doc + c1 + pid + "<<" + c2 + dob + d1 + exp + e1 + "<" * 11
    checks.append(check_digit(composite) == int(c3))
    if not all(checks):
        return None
    born = _yymmdd(dob, century) if century else None
    if born is None:
        return None
    expiry = None
    if not lifelong:
        expiry = _yymmdd(exp, born.year // 100 * 100)
        if expiry is not None and expiry < born:
            expiry = _yymmdd(exp, born.year // 100 * 100 + 100)
        if expiry is None:
            return None
    sex = m2.group("sex")
    if sex not in "MF":  # "<" or an H read for M: the ID's digit 4 says it (even = Nam)
        sex = "M" if int(pid[3]) % 2 == 0 else "F"
    name = None
    if line3:
        n = re.sub(r"[^A-Z<]", "", re.sub(r"[«‹〈]", "<", _clean(line3)))
        if len(n) < 10 or "<" not in n:
            n = ""  # no line of the zone ("T41 11.": a garbled row under it), no name
        surname, _, given = n.partition("<<")
        name = (
            " ".join(p for p in (surname.replace("<", " "), given.replace("<", " ")) if p.strip()).strip()
            or None
        )
        name = re.sub(r"\s+", " ", name) if name else None
    raw = "\n".join(x for x in (line1, line2, line3) if x)
    return MrzReading(
        pid,
        doc,
        born.isoformat(),
        "Nam" if sex == "M" else "Nữ",
        expiry.isoformat() if expiry else None,
        name,
        raw,
        tuple(repairs),
    )


_LINE1_START = re.compile(r"^[I1lT|][D0O]?.?VN")  # ("TDVNHI…": the M read as "HI")
_ZONE_ID = re.compile(r"(\d{12})<+(\d)$")


def zone_line1_id(text: str) -> tuple[bool, str | None]:
    """Whether ``text`` is a zone's line 1 carrying a number (``IDVNM`` then digits), and the
    12-digit ID at its end when the ID's own check digit holds (``…095******874<<2``, masked here).

    For a zone the whole of which does not check out (``find_mrz`` gives nothing): the line
    still shows the card has its number, and its last field may be read on its own."""
    line = _filler(_clean(text))
    if not _LINE1_START.match(line) or len(re.findall(r"\d", line)) < 9:
        return False, None
    m = _ZONE_ID.search(line)
    if m and check_digit(m.group(1)) == int(m.group(2)):
        return True, m.group(1)
    return True, None


def _row_text(line, lines) -> str:
    """The line's text with what OCR put in other blocks on the same row to its right (the
    zone's last check digit often comes out as a block of its own)."""
    _, y0, _, y1 = line.bbox
    words = list(line.words)
    for other in lines:
        if other is line:
            continue
        for w in other.words:
            cy = (w.bbox[1] + w.bbox[3]) / 2
            if y0 <= cy <= y1 and w.bbox[0] >= line.bbox[2] - 2 and w.bbox[0] - line.bbox[2] < 4 * (y1 - y0):
                words.append(w)
    words.sort(key=lambda w: w.bbox[0])
    return " ".join(w.text for w in words)


def rebuilt_line1(line1: str, printed_id: str | None) -> str | None:
    """Line 1 as the card must print it for ``printed_id`` (``IDVNM`` + its last 9 digits +
    check + the 12 digits + ``<<`` + check), when the line read is one OCR garbled past its
    shape (characters doubled or dropped: it is no 30-character ``IDVNM…`` line) — never for a
    line of the right shape, whose own check digits are the ones to judge. The rebuilt line is
    then held to line 2's composite check digit, which covers the whole ID: the zone confirms
    the printed number, or the reading is refused."""
    if not printed_id or not re.fullmatch(r"\d{12}", printed_id):
        return None
    a = _filler(_clean(line1))
    if not _LINE1_START.match(a) or (len(a) == _TD1_LINE and _LINE1.search(a)):
        return None
    doc = printed_id[-9:]
    return f"IDVNM{doc}{check_digit(doc)}{printed_id}<<{check_digit(printed_id)}"


# line 2 begins with the birth date's six digits (or their look-alikes)
_LINE2_START = re.compile(r"^[0-9OILDQSBZ|]{6}")


def find_mrz(document: Document, printed_id: str | None = None) -> MrzReading | None:
    """The zone among the document's lines: a line that looks like line 2 (…VNM<<<…) with a
    line 1 (ID…VNM…) above it, on any page (the back of the card). ``printed_id``: the number
    the card prints, for a line 1 OCR garbled (``rebuilt_line1``)."""
    for page in document.pages:
        lines = page.lines
        texts = [_row_text(ln, lines) for ln in lines]
        for i, t in enumerate(texts):
            if i == 0 or not re.search(r"V[NMW]{1,3}M", _clean(t)):
                continue
            # (a speck before the line, "Ỉ 0212…", is no character of the zone: _clean drops it)
            if not _LINE2_START.match(_clean(t)):
                continue
            for j in (i - 1, i - 2):
                if j < 0:
                    continue
                line3 = texts[i + 1] if i + 1 < len(texts) else None
                got = parse_td1(texts[j], t, line3)
                rebuilt = rebuilt_line1(texts[j], printed_id) if got is None else None
                if rebuilt is not None:
                    got = parse_td1(rebuilt, t, line3)
                    if got is not None:
                        got = replace(
                            got,
                            raw="\n".join(x for x in (texts[j], t, line3) if x),
                            repairs=(
                                *got.repairs,
                                "line 1 garbled: rebuilt from the printed ID, line 2's composite check holding",
                            ),
                        )
                if got is not None:
                    boxes = [ln.bbox for ln in lines[j : i + 2]]
                    bbox = (
                        min(b[0] for b in boxes),
                        min(b[1] for b in boxes),
                        max(b[2] for b in boxes),
                        max(b[3] for b in boxes),
                    )
                    return MrzReading(**{**got.__dict__, "page": page.number, "bbox": bbox})
    return None
