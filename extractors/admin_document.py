"""Extractor for administrative documents (NĐ 30/2020/NĐ-CP): quyết định, công văn, thông báo …

Fields (fields.md): ``document_number``, ``document_kind``, ``issuing_agency``,
``issue_place``, ``issue_date``, ``subject``, ``signer_name``, ``signer_title``.

Works on segments of the Line/Word tree (``layout.py``) so every value keeps the words it
came from: confidence is their mean, bbox their union. Labels are matched on folded text.

Where each field is looked for, in order of preference (the fallbacks lower confidence):

- number: the first "Số:" label (also "Sô", "So", no colon) at a segment start; OCR's D for
  Đ in the type code is fixed (07/QD-UBND → 07/QĐ-UBND); ``raw`` is the number as read;
- kind: the number's PL III type code, else the title's (THÔNG BÁO → TB), else "CV";
- place and date: "<Địa danh>, ngày dd tháng mm năm yyyy", in the header, else the footer;
  a date OCR garbled keeps the place and whatever precision still parses (never a guess);
- subject: "V/v …" / "Về việc …" / "Trích yếu: …" in the header, up to 3 lines of the same
  block and column; else the lines under the title. The "V/v"/"Về việc" prefix is not part
  of the value (it is kept in ``raw``) and a final period is dropped;
- issuing agency: (1) the upper-case agency lines left of the national motto, above the
  number; with a parent agency ("UBND TỈNH CÀ MAU / SỞ TÀI CHÍNH") the last agency wins;
  (2) the authority line of a quyết định ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", without the
  position words) × 0.9; (3) a body sentence "<cơ quan> thông báo / yêu cầu …" × 0.7;
  (4) the agency code of the number ("UBND") × 0.5, so quality flags it for review;
- signer: the last upper-case signer title (TM./KT./Q./TL./TUQ. or a position) followed,
  in the same column, by a person's name, skipping signature scribbles, seals and
  "(Đã ký)"; title lines joined by a space, authority marker kept; a position line OCR
  garbled is spelled as in ``POSITIONS`` (CHỦ 'LICH → CHỦ TỊCH), ``raw`` keeps the reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ocr.result import Document

from .classify import (
    AGENCY_NOUNS,
    VV,
    body_start,
    find_number,
    find_title,
    fix_type_code,
    match_title,
    split_number,
)
from .labels import drop_junk
from .layout import Segment, segments, union
from .normalize import (
    SURNAME_KEYS,
    fold,
    impossible_date,
    nfc_clean,
    normalize_document_number,
    parse_date,
    person_name,
)
from .registry import REGISTRY
from .types import ADMIN_TYPE_CODES, OFFICIAL_LETTER_KIND, FieldValue, is_form_instruction, unread_field

__all__ = ["FIELDS", "extract_admin_document"]

# The fields of an administrative document, in fields.md order (a view of the registry:
# quyết định and công văn share them).
FIELDS = REGISTRY["administrative_decision"].fields


@dataclass(frozen=True)
class Part:
    seg: Segment
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.seg.text[self.start : self.end].strip()


def _field(value: str, parts: list[Part], factor: float = 1.0, weakest: bool = False) -> FieldValue | None:
    """``weakest``: the confidence is the least sure word's (numbers and dates, where one
    hand-written digit read wrong makes the whole value wrong), else the mean."""
    words = [w for p in parts for w in p.seg.words_in(p.start, p.end)]
    if not value or not words:
        return None
    page = parts[0].seg.page
    confs = [w.confidence for w in words]
    if weakest:  # the digits carry the value; "ngày", "tháng", "năm" are the label around them
        confs = [w.confidence for w in words if any(c.isdigit() for c in w.text)] or confs
    conf = (min(confs) if weakest else sum(confs) / len(confs)) * factor
    return FieldValue(
        value=value,
        raw=" ".join(p.text for p in parts),
        confidence=round(min(1.0, max(0.0, conf)), 4),
        page=page.number,
        bbox=union([w.bbox for w in words]),
        source=page.source,
    )


# --- vocabulary (folded) ------------------------------------------------------------------
_MOTTO = re.compile(r"^(?:cong hoa xa hoi|doc lap\s*[-–—]?\s*tu do)")
_AUTHORITY = re.compile(r"^(?:tm|kt|q|tl|tuq)\s*[.:]\s*")
# Positions (chức vụ) as printed in signature and authority lines, NĐ 30/2020 PL I.
POSITIONS = (
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "PHÓ TỔNG GIÁM ĐỐC",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA",
    "PHÓ CHÁNH THANH TRA",
    "HIỆU TRƯỞNG",
    "PHÓ HIỆU TRƯỞNG",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG",
    "CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "PHÓ VỤ TRƯỞNG",
    "CHI CỤC TRƯỞNG",
    "PHÓ CHI CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "VIỆN TRƯỞNG",
    "CHÁNH ÁN",
    "CHỦ NHIỆM",
    "PHÓ CHỦ NHIỆM",
    "TRƯỞNG CÔNG AN",
    "PHÓ TRƯỞNG CÔNG AN",
    "GIÁM ĐỐC SỞ",
    "THỦ TRƯỞNG CƠ QUAN",
    "TRƯỞNG",
    "PHÓ TRƯỞNG",
)
_POSITIONS = sorted({fold(p) for p in POSITIONS}, key=len, reverse=True)
# folded → printed form, for the positions whose folded form is unambiguous
# (THỨ TRƯỞNG and THỦ TRƯỞNG both fold to "thu truong": never snapped).
_CANONICAL = {
    key: spellings[0] for key in _POSITIONS if len(spellings := [p for p in POSITIONS if fold(p) == key]) == 1
}
_POSITION_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _POSITIONS) + r")\b")
_BODY_AGENCY = re.compile(
    r"^(?:(?:" + "|".join(re.escape(p) for p in _POSITIONS) + r")\s+)?"
    r"(?P<agency>(?:uy ban nhan dan|ubnd|so|bo|cuc|chi cuc|phong|ban|van phong|trung tam|"
    r"cong an|hoi dong nhan dan)\b[^,.;:]{0,70}?)\s+"
    r"(?:thong bao|yeu cau|de nghi|quyet dinh|bao cao|kinh trinh|trinh|huong dan)\b"
)
# Text stamped or printed over a scan after signing: the e-signature caption (Người ký, Email,
# Cơ quan, Thời gian ký, Ký bởi), the gazette centre's seal, an arrival stamp ("ĐẾN", "Giờ").
_OVERLAY = re.compile(
    r"nguoi ky|email|co quan\s*:|thoi gian ky|ky boi|trung tam cong bao|tin hoc\b|"
    r"cong thong tin dien tu|^den\b|gio\s*:|chinhphu"
)
_NOISE = re.compile(r"^\(|da ky|ky ten|ky,? ghi ro|dong dau|\[")
_STOP_NAME_WORDS = {"noi", "nhan", "luu", "kinh", "gui"}
# Surnames (normalize.SURNAMES) that also open a position or a phrase of the signature block
# (CHỦ TỊCH, TỔ TRƯỞNG, ÔNG, TỪ NGÀY): an upper-case line starting with one is not a name.
_SIGNATURE_WORDS = frozenset({"chu", "to", "ong", "tu"})
_NAME_START = SURNAME_KEYS - _SIGNATURE_WORDS
_PLACE_DATE = re.compile(
    r"[,.]\s*(ngay[\s,.]*[0-9oil|]{1,2}\s*[,.]?\s*thang\s*[0-9oil|]{1,2}\s*[,.]?\s*nam\s*[0-9oil|]{4})"
)
# a date line whose day or month OCR garbled ("ngày0Ðÿ", "tháng100năm"): the place still counts
_PLACE_DATE_LOOSE = re.compile(
    r"[,.]\s*(ngay(?![a-z]).{0,30}?(?<![a-z])nam\s*\S{4}"
    # … or its "tháng … năm" garbled whole, the year read ("ngày 24 phông Ï Ì mềm 2025")
    r"|ngay(?![a-z]).{0,30}?(?<!\d)(?:19|20)\d\d(?!\d))"
)
# (a speck OCR made a quote may stand before it: "'Về việc …")
_ABOUT = re.compile(r"(?:^|\s)['`‘’\"“]?(?P<label>" + VV + r"|ve viec\b|trich yeu\s*:)\s*[:.]?\s*")
_LEADING_NUMBER = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


# --- document number and kind ------------------------------------------------------------
def _glued(words: list, number) -> bool:
    """The numeral shares a word with the code ("22/TTr-UBND" as one word): that word's
    confidence is the numeral's only measure, the code's validity does not lift it."""
    return any(w in number.seg.words_in(number.code_start, number.end) for w in words)


# A word read at least this surely is taken as printed, not as a hand-written fill-in.
PRINTED_CONFIDENCE = 0.8


def _unread(parts: list[Part]) -> FieldValue | None:
    words = [w for p in parts for w in p.seg.words_in(p.start, p.end)]
    if not words:
        return None
    page = parts[0].seg.page
    return unread_field(
        page.number, union([w.bbox for w in words]), " ".join(p.text for p in parts), page.source
    )


# "Số: 2474ĐÐ-UBND": the header's number label, then something with digits that is no number
_GARBLED_NUMBER = re.compile(r"^(S[ốoô0]\s*:\s*)(?=\S*\d)\S+")


def _garbled_number(header: list[Segment]) -> FieldValue | None:
    """The number label is printed with a figure after it that reads as no number (a hand-written
    numeral OCR ran into the code): the number is on the page, unread — not missing."""
    for seg in header:
        m = _GARBLED_NUMBER.match(seg.text.strip())
        if m:
            lead = len(seg.text) - len(seg.text.lstrip())
            return _unread([Part(seg, lead, lead + m.end())])
    return None


def _number_value(raw: str, title_kind: str | None = None) -> str:
    """The number normalized, its type code's OCR slips undone; with the kind the title names
    (``title_kind``, "TTr" for a TỜ TRÌNH), a code read one letter off it ("TT" for "TTr",
    a pen's stroke over the "r") or glued to the agency ("TTrBTNMT", its hyphen lost) is
    given back as the title says (NĐ 30/2020 PL III: the code is the document's kind)."""
    value = normalize_document_number(raw)
    head, sep, rest = value.partition("/")
    head = head.translate(_LEADING_NUMBER)
    parts = rest.split("/")
    # type code position: after the year in 12/2024/QĐ-UBND, else first
    i = 1 if len(parts) >= 2 and parts[0].isdigit() and len(parts[0]) == 4 else 0
    if parts and parts[i]:
        code, dash, tail = parts[i].partition("-")
        code = fix_type_code(code)
        if title_kind in ADMIN_TYPE_CODES and code != title_kind:
            if not dash and re.fullmatch(re.escape(title_kind) + r"[A-ZĐ][A-ZĐ0-9]+", code):
                code, dash, tail = title_kind, "-", code[len(title_kind) :]
            elif (
                dash and tail and code not in ADMIN_TYPE_CODES and Levenshtein.distance(code, title_kind) == 1
            ):
                code = title_kind
            elif dash and tail and len(code) + 1 == len(title_kind) and title_kind.startswith(code):
                code = title_kind  # "TT" for "TTr": a letter lost, and TT (thông tư) is no tờ trình
        parts[i] = code + dash + tail
    return head + sep + "/".join(parts)


# "27572026/QĐ-UBND": the numeral glued to the year of a n/yyyy/loại-cơ quan number
_GLUED_YEAR = re.compile(r"(\d{1,5}?)((?:19|20)\d{2})(/[^\W\d_].*)")


def _year_slash_lost(fields: dict[str, FieldValue | None]) -> None:
    """A number n/yyyy/… whose first "/" OCR lost ("27572026/QĐ-UBND"): the slash put back when
    the four digits it leaves are the year of the document's own date (NĐ 30/2020 PL I: the
    year of a VBQPPL's number is its year of issue)."""
    fv, issued = fields.get("document_number"), fields.get("issue_date")
    if fv is None or fv.unread or issued is None or issued.unread:
        return
    m = _GLUED_YEAR.fullmatch(fv.value)
    if m is None or m.group(2) != issued.value[:4]:
        return
    value = f"{m.group(1)}/{m.group(2)}{m.group(3)}"
    fields["document_number"] = replace(fv, value=value, repairs=(*fv.repairs, f"{fv.value} → {value}"))


# --- place and date ------------------------------------------------------------------------
@dataclass(frozen=True)
class _PlaceDate:
    seg: Segment
    place: tuple[int, int] | None
    date: tuple[int, int]
    iso: str | None
    anchored: bool


def _place_span(seg: Segment, comma: int) -> tuple[tuple[int, int] | None, bool]:
    """Words before the comma that can be a place name: no digits or label punctuation."""
    chosen: list[tuple[int, int]] = []
    for a, b in reversed(seg.offsets):
        if a >= comma:
            continue
        token = seg.text[a : min(b, comma)]
        if not token or re.search(r"[\d:/;()]", token) or len(chosen) >= 6:
            break
        chosen.insert(0, (a, min(b, comma)))
    reached_start = bool(chosen) and chosen[0][0] == 0
    # Drop glued upper-case words of another column ("TỈNH CÀ MAU Cà Mau, ngày …") and
    # leading lower-case words of a sentence.
    tokens = [seg.text[a:b] for a, b in chosen]
    mixed = any(not t.isupper() for t in tokens)
    while chosen and (
        not tokens[0][:1].isupper()
        or (
            mixed
            and len(tokens[0]) > 1
            and tokens[0].isupper()
            and not tokens[0].endswith(".")
            and len(tokens) > 1
        )
    ):
        chosen.pop(0)
        tokens.pop(0)
        reached_start = False
    if not chosen:
        return None, False
    return (chosen[0][0], chosen[-1][1]), reached_start


def _find_place_date(segs: list[Segment], header_end: int) -> _PlaceDate | None:
    """The "<Địa danh>, ngày … tháng … năm …" line. A line whose date OCR garbled
    ("tháng 023") still gives the place; the date is then left out."""
    candidates = []
    for seg in segs:
        spans = list(_PLACE_DATE.finditer(seg.folded))
        spans += [
            m
            for m in _PLACE_DATE_LOOSE.finditer(seg.folded)
            if not any(m.start() == x.start() for x in spans)
        ]
        for m in spans:
            start, end = m.span(1)
            parsed = parse_date(seg.text[start:end])
            if parsed is None and (bad := impossible_date(seg.text[start:end])):
                parsed = (bad, "YMD")  # "ngày 31 tháng 6": as printed, for correct.issue_date.valid
            place, anchored = _place_span(seg, m.start())
            if not parsed and not (place and anchored):
                continue
            zone = 0 if seg.index < header_end else (1 if seg.index >= 0.6 * len(segs) else 2)
            rank = (0 if parsed else 1, 0 if place else 1, 0 if anchored else 1, zone, seg.index)
            iso = parsed[0] if parsed else None
            candidates.append((rank, _PlaceDate(seg, place, (start, end), iso, anchored)))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


# --- subject -----------------------------------------------------------------------------
_BODY_OPENING = re.compile(r"^(?:thuc hien|theo de nghi)")


def _is_stop(seg: Segment, opening_ok: bool = False) -> bool:
    f = seg.folded.lstrip(" '\"`‘’“”_.,~-")  # ('"Thực hiện …': a speck before the body's first word)
    if not any(c.isalnum() for c in seg.text):
        return True  # rules, dashes
    if seg.is_upper() or match_title(seg) or _MOTTO.match(f):
        return True
    if not opening_ok and _BODY_OPENING.match(f):
        return True
    if re.match(r"^(?:can cu|kinh gui|xet |dieu \d|noi nhan|so\s*[:.]?\s*\d)", f):
        return True
    return bool(_PLACE_DATE.search(f))


def _centred_under(seg: Segment, title: Segment) -> bool:
    """NĐ 30/2020 PL I: the trích yếu is centred under the type name; body text starts at the margin."""
    width = title.page.width
    centre = (seg.bbox[0] + seg.bbox[2]) / 2 - (title.bbox[0] + title.bbox[2]) / 2
    return abs(centre) < 0.05 * width and seg.bbox[2] - seg.bbox[0] < 0.8 * width


def _follow(segs: list[Segment], first: Segment, max_lines: int, same_block: bool) -> list[Segment]:
    """Lines continuing ``first`` in its column: adjacent, not a label or title line.

    Under a title (``same_block`` False) the first line may open with "Thực hiện" / "Theo đề nghị"
    when it is centred under the title: a plan's trích yếu ("Thực hiện công tác …"), not the body.
    """
    out: list[Segment] = []
    prev = first
    for seg in segs[first.index + 1 : first.index + 1 + 3 * max_lines]:
        if len(out) >= max_lines or seg.page is not first.page:
            break
        if not seg.overlaps_x(first) or seg.line == prev.line:
            continue  # another column on the same height
        gap = seg.bbox[1] - prev.bbox[3]
        height = max(prev.height, seg.height, 1)
        if gap > 1.0 * height or (same_block and seg.block != prev.block and gap > 0.5 * height):
            break
        if _is_stop(seg, opening_ok=not same_block and not out and _centred_under(seg, first)):
            break
        out.append(seg)
        prev = seg
    return out


def _find_subject(
    segs: list[Segment], zone_end: int, title_idx: int | None, number_end: tuple[int, int] | None
):
    for seg in segs[:zone_end]:
        pos = number_end[1] if number_end and seg.index == number_end[0] else 0
        m = _ABOUT.search(seg.folded, pos)
        if not m:
            continue
        if m.start("label") > 0 and re.match(
            r"^\W*(?:thuc hien|theo de nghi|can cu|xet)\b", seg.folded[pos:]
        ):
            continue  # "Thực hiện chỉ đạo … về việc nâng cao …": the body's words, no trích yếu
        label = m.group("label")
        start = m.end()
        if start >= len(seg.text):
            continue
        parts = [Part(seg, m.start("label"), len(seg.text))]
        parts += [Part(s, 0, len(s.text)) for s in _follow(segs, seg, 3, same_block=True)]
        text = nfc_clean(" ".join([seg.text[start:]] + [p.seg.text for p in parts[1:]]))
        return _subject_value(text), parts, label
    if title_idx is not None:
        title = segs[title_idx]
        lines = _follow(segs, title, 3, same_block=False)
        if lines:
            parts = [Part(s, 0, len(s.text)) for s in lines]
            text = nfc_clean(" ".join(p.seg.text for p in parts))
            text = re.sub(r"^(?:V\s*/\s*v|Về việc|Ve viec)\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
            return _subject_value(text), parts, None
    return None


# What follows the trích yếu (NĐ 30/2020 PL I): the body's openings, the recipients, an article.
_AFTER_SUBJECT = re.compile(r"^(?:can cu|kinh gui|xet |dieu \d|quyet dinh\s*:|thuc hien|theo de nghi)")


def _subject_left_out(segs: list[Segment], anchor: Segment) -> bool:
    """The line right under the title (or the number) in its column is a later part of the
    document: the authority's line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN …"), "Căn cứ …",
    "Kính gửi: …", the body. No trích yếu was printed: the field is absent, not unread.
    A trích yếu opening with "Thực hiện …" is centred under its title, the body is not."""
    nxt = next(
        (
            s
            for s in segs[anchor.index + 1 :]
            if s.page is anchor.page
            and s.line != anchor.line
            and s.overlaps_x(anchor)
            and not _MOTTO.match(s.folded)
            and not _PLACE_DATE.search(s.folded)  # the header's other column, read between
        ),
        None,
    )
    if nxt is None:
        return False
    f = nxt.folded.lstrip(" '\"`‘’“”_.,~-")
    if _AFTER_SUBJECT.match(f):
        return not (match_title(anchor) and _BODY_OPENING.match(f) and _centred_under(nxt, anchor))
    words = _letters_only(f).split()
    return nxt.is_upper() and any(fuzz.ratio(" ".join(words[: len(p.split())]), p) >= 80 for p in _POSITIONS)


def _subject_value(text: str) -> str:
    return text.rstrip(" .;,").strip()


# --- agency --------------------------------------------------------------------------------
def _header_agency(segs: list[Segment], header_end: int):
    header = segs[:header_end]
    mottos = [s for s in header if _MOTTO.match(s.folded)]
    top = min((m.bbox[1] for m in mottos), default=None)
    lines = []
    for seg in header:
        f = seg.folded
        if not seg.is_upper() or _MOTTO.match(f) or match_title(seg) or re.match(r"^so\s*[:.]?\s*\d", f):
            continue
        if re.fullmatch(r"\W*s[o0]\W*", f):
            continue  # "SO": the "Số:" label of a number left blank, read without its marks
        if _OVERLAY.search(f):
            continue  # a digital-signature box or an arrival stamp printed over the header
        if top is not None and seg.page is mottos[0].page and seg.bbox[3] < top - 0.5 * max(seg.height, 1):
            continue  # above the header: overlays, e-signature captions
        level = top is not None and abs(seg.bbox[1] - top) <= max(seg.height, 1)
        if _AUTHORITY.match(f) or (
            _POSITION_RE.match(_letters_only(f)) and not AGENCY_NOUNS.match(f) and not level
        ):
            continue  # a signer's or authority line, not the agency block (TRƯỜNG … is a school);
            # a position level with the motto is the issuing authority (THỦ TƯỚNG CHÍNH PHỦ)
        if any(seg.overlaps_x(m) and seg.x_center > m.bbox[0] for m in mottos):
            continue  # right column: motto lines
        lines.append(seg)
    if not lines:
        return None
    # top to bottom: the parent above its unit, whatever order the page's reading gave them
    # ("SỞ TÀI NGUYÊN …" read before the "ỦY BAN NHÂN DÂN TỈNH …" above it, on a skewed photo)
    lines.sort(key=lambda seg: (seg.page.number, seg.bbox[1]))
    units: list[list[Segment]] = []
    for seg in lines:
        # a line ending in "VÀ MÔI" / "VÀ" is cut mid-name: "TRƯỜNG" under it ends the name
        # ("SỞ NÔNG NGHIỆP VÀ MÔI" / "TRƯỜNG"), no agency of its own (a school)
        cut = bool(units) and re.search(r"\b(?:va|va moi)\W*$", units[-1][-1].folded) is not None
        if not units or (AGENCY_NOUNS.match(seg.folded) and not cut):
            units.append([seg])
        else:
            units[-1].append(seg)
    unit = units[-1]
    value = nfc_clean(" ".join(s.text for s in unit))
    return value, [Part(s, 0, len(s.text)) for s in unit], 1.0


def _authority_agency(segs: list[Segment], start: int, end: int):
    run: list[Segment] = []
    for seg in segs[start:end]:
        if seg.is_upper() and not match_title(seg) and not _MOTTO.match(seg.folded):
            if run and seg.index != run[-1].index + 1:
                break
            run.append(seg)
            if len(run) == 2:
                break
        elif run:
            break
    if not run:
        return None
    first = run[0]
    m = _POSITION_RE.match(first.folded)
    offset = m.end() if m else 0
    while offset < len(first.text) and first.text[offset] == " ":
        offset += 1
    rest = first.folded[offset:]
    if not AGENCY_NOUNS.match(rest):
        return None
    parts = [Part(first, offset, len(first.text))] + [Part(s, 0, len(s.text)) for s in run[1:]]
    value = nfc_clean(" ".join(p.text for p in parts))
    return value, parts, 0.9


def _body_agency(segs: list[Segment], start: int):
    for seg in segs[start : start + 40]:
        m = _BODY_AGENCY.match(seg.folded)
        if m:
            a, b = m.span("agency")
            return nfc_clean(seg.text[a:b]), [Part(seg, a, b)], 0.7
    return None


# --- signer ----------------------------------------------------------------------------------
def _noise_word(word: str) -> bool:
    """OCR of a handwritten signature or a seal: no Vietnamese vowel, or letters Vietnamese
    does not use (f j w z) in a short word of capitals."""
    letters = fold("".join(c for c in word if c.isalpha()))
    if not letters:
        return True
    return not re.search(r"[aeiouy]", letters) or bool(re.search(r"[fjwz]", letters))


def _noise(seg: Segment) -> bool:
    """A signature, seal or "(Đã ký)" line: low confidence, under 3 letters, or no word."""
    if _NOISE.search(seg.folded) or sum(c.isalpha() for c in seg.text) < 3:
        return True
    if sum(w.confidence for w in seg.words) / len(seg.words) < 0.5:
        return True
    return all(_noise_word(w) for w in seg.text.split())


def _strokes(seg: Segment) -> bool:
    """Pieces of a handwritten signature as OCR reads them: under 3 letters, no word with a
    vowel, or a box more than three of its lines tall (a scrawl, not a line of print)."""
    if sum(c.isalpha() for c in seg.text) < 3 or all(_noise_word(w) for w in seg.text.split()):
        return True
    return seg.bbox[3] - seg.bbox[1] > 3 * max(seg.height, 1)


def _letters_only(folded: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9. ]", "", folded)).strip()


def _position_line(seg: Segment) -> bool:
    """An upper-case signer-title line: TM./KT./… or a position, allowing an OCR slip in a
    short one ("CHỦ 'LICH" for CHỦ TỊCH)."""
    if not seg.is_upper():
        return False
    f = _letters_only(seg.folded)
    if _AUTHORITY.match(f) or _POSITION_RE.match(f):
        return True
    return (
        len(f.split()) <= 4
        and process.extractOne(f, _POSITIONS, scorer=fuzz.ratio, score_cutoff=80) is not None
    )


_TITLE_JUNK = str.maketrans("", "", "'\"`‘’“”|\\_~^*<>")  # ("`*>NguyÔn": a signature's strokes)


def _upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# Letters a TCVN3/VNI font shows in place of Vietnamese ones ("NguyÔn V¨n An"): a name in a
# legacy encoding is still the signer's name (clean.text.no_legacy_code_points judges it).
_LEGACY_IN_NAME = re.compile(r"[a-zà-ỹ][ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]|[¨µ¸¹º¼½¾¿ª¬®¯¶¦§¤¥£¢¡ÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿ]")


def _is_name_words(words: list[str], upper_ok: bool) -> bool:
    if not 2 <= len(words) <= 6:
        return False
    legacy = any(_LEGACY_IN_NAME.search(w) for w in words)
    for w in words:
        if not (
            w.isalpha()
            or (legacy and re.fullmatch(r"[^\W\d_¨µ¸¹º¼½¾¿ª¬®¯¶¦§¤¥£¢¡]*[\w¨µ¸¹º¼½¾¿ª¬®¯¶¦§¤¥£¢¡]+", w))
            # a legacy font's letter OCR read as a sign ("H÷u" read "H+u"): a letter first and last
            or (legacy and re.fullmatch(r"[^\W\d_][^\s\d]{0,5}[^\W\d_]", w))
        ):
            return False
        if not (w[0].isupper() or (legacy and w[0] == "§")):  # TCVN3 prints Đ as §
            return False
    if legacy:  # (not "Nơi nhận", "Ký"; VNI prints Đ as Ñ: "Ñoaøn" is Đoàn)
        return words[0][0] == "Ñ" or fold(words[0]).lower()[:2] not in ("no", "ky")
    if all(w.isupper() for w in words if len(w) > 1):
        return upper_ok and fold(words[0]).lower() in _NAME_START
    if any(any(c.isupper() for c in w[1:]) for w in words):
        return False
    return fold(words[0]).lower() not in _STOP_NAME_WORDS


def _title_start(seg: Segment) -> bool:
    f = _letters_only(seg.folded)
    if not (_AUTHORITY.match(f) or _POSITION_RE.match(f)):
        return False
    cut, _ = _split_title_name(seg)
    return seg.is_upper(0, cut)


def _snap_position(line: str) -> str:
    """A signer-title line with its position spelled as in ``POSITIONS`` when OCR garbled
    it ("CHỦ 'LICH", "PHO CHU TICH" → CHỦ TỊCH, PHÓ CHỦ TỊCH): the page printed the
    position, OCR misread it. The authority marker (TM./KT./…) and any agency text are
    kept as read; ``raw`` keeps the whole line as read."""
    # (specks before the marker, "__ KT. CHỦ TỊCH": a seal's or a rule's edge, not the title's)
    m = re.match(r"^[\s_|'`~.\-–—]*((?:TM|KT|Q|TL|TUQ)\s*[.:]\s*)?(.*)$", line, re.IGNORECASE)
    assert m is not None  # every part of the pattern is optional: it matches any line
    prefix, rest = m.group(1) or "", m.group(2)
    key = _letters_only(fold(rest))
    if not key or len(key.split()) > 5:
        return line
    hit = process.extractOne(key, list(_CANONICAL), scorer=fuzz.ratio, score_cutoff=80)
    if hit is None:
        return line
    return prefix + _CANONICAL[hit[0]]


def _deputy(lines) -> list[str]:
    """Signer-title lines with a deputy's "PHÓ" OCR lost put back: a deputy signs "KT." for the
    head (NĐ 30/2020 Đ.13), so the position under "KT. CHỦ TỊCH" is never CHỦ TỊCH itself
    ("KT. CHỦ TỊCH / CHỦ TỊCH" read for "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        m = re.match(r"^\s*KT\s*[.:]\s*(.+)$", prev)
        if m and fold(line).strip() == fold(m.group(1)).strip() and not fold(line).startswith("pho "):
            line = "PHÓ " + line.strip()
        elif m and _deputy_line(prev, line) and not _position_line_text(line):
            line = "PHÓ " + m.group(1).strip()  # its head garbled ("M ĐỐC" under "KT. GIÁM ĐỐC")
        out.append(line)
    return out


def _deputy_lost(title_parts: list[Part], segs: list[Segment], name: Part | None) -> str | None:
    """The deputy's position under a block that ends at "KT. CHỦ TỊCH" (always printed under
    it, NĐ 30/2020 Đ.13), lost to the seal or the signature: "PHÓ CHỦ TỊCH" — when nothing but
    specks stands between that line and the name (a line of words there is not known)."""
    last = title_parts[-1]
    m = re.match(r"^\s*KT\s*[.:]\s*(.+)$", _snap_position(last.text))
    if m is None or not _position_line_text(m.group(1)) or re.search(r"\bpho\b", fold(m.group(1))):
        return None
    end = name.seg.index if name is not None else len(segs)
    words = last.seg.words_in(last.start, last.end)
    left = min((w.bbox[0] for w in words), default=last.seg.bbox[0]) - 2 * max(last.seg.height, 1)
    between = [  # the block's column only (the recipients' list beside it is no part of it)
        s for s in segs[last.seg.index + 1 : end] if s.page is last.seg.page and s.bbox[0] >= left
    ]
    if any(sum(c.isalpha() for c in s.text) >= 3 for s in between):
        return None
    return "PHÓ " + m.group(1).strip()


def _deputy_line(prev: str, line: str) -> bool:
    """``line`` under "KT. <position>" (a deputy signs for the head, NĐ 30/2020 Đ.13: the line
    is "PHÓ <position>") read with its head garbled: upper case, as short, ending in the
    position's last word ("M ĐỐC", "EEIÊM ĐỐC" under "KT. GIÁM ĐỐC")."""
    m = re.match(r"^\s*KT\s*[.:]\s*(.+)$", prev)
    if m is None or not line.strip() or not line.isupper():
        return False
    position, got = _letters_only(fold(m.group(1))).split(), _letters_only(fold(line)).split()
    return (
        bool(position and got)
        and got[-1] == position[-1]
        and len(" ".join(got)) <= len(" ".join(position)) + 6
    )


def _position_line_text(line: str) -> bool:
    return bool(_POSITION_RE.match(_letters_only(fold(line))))


def _split_title_name(seg: Segment) -> tuple[int, int | None]:
    """(end of the upper-case title prefix, start of a title-case name after it).

    The name start is None when nothing follows the title, -1 when something that is not
    a name follows (the line is not a signature block).
    """
    cut = 0
    for a, b in seg.offsets:
        if not _upper_word(seg.text[a:b]):
            break
        cut = b
    rest = seg.text[cut:]
    if not rest.strip():
        return cut, None
    if _is_name_words(rest.translate(_TITLE_JUNK).split(), upper_ok=False):
        return cut, cut + len(rest) - len(rest.lstrip())
    return cut, -1


def _find_signer(segs: list[Segment], not_before: int):
    """(title parts, name part) of the signature block, read from the page's foot upward; the
    name part is None when the block's title lines were read and no name under them."""
    unnamed: list[Part] | None = None
    for i in range(len(segs) - 1, not_before - 1, -1):
        seg = segs[i]
        if not _title_start(seg):
            continue
        title_parts: list[Part] = []
        name_part: Part | None = None
        cut, name_at = _split_title_name(seg)
        title_parts.append(Part(seg, 0, cut))
        if name_at == -1:
            continue
        if name_at is not None:
            name_part = Part(seg, name_at, len(seg.text))
        else:
            page_h = seg.page.height
            for nxt in segs[i + 1 : i + 12]:
                if nxt.page is not seg.page or nxt.bbox[1] - seg.bbox[3] > 0.3 * page_h:
                    break
                if not (nxt.overlaps_x(seg, slack=seg.height * 3)):
                    continue
                if _XXX_NAME.match(nxt.text) or _TEMPLATE_NAME.match(nxt.folded):
                    # "xxx" typed where the name goes: a placeholder, judged as one
                    # (clean.value.no_placeholder), not a name unread under the seal
                    name_part = Part(nxt, 0, len(nxt.text))
                    break
                if _deputy_line(title_parts[-1].seg.text, nxt.text) and len(title_parts) < 4:
                    title_parts.append(Part(nxt, 0, len(nxt.text)))  # (read unsurely, a speck's confidence)
                    continue
                if _noise(nxt):
                    continue
                words = nxt.text.translate(_TITLE_JUNK).split()
                if _is_name_words(words, upper_ok=True):
                    name_part = Part(nxt, 0, len(nxt.text))
                    break
                if (_position_line(nxt) or _deputy_line(title_parts[-1].seg.text, nxt.text)) and len(
                    title_parts
                ) < 4:
                    title_parts.append(Part(nxt, 0, len(nxt.text)))
                    continue
                if nxt.is_upper():
                    continue  # seal or stamp text
                break
        _authority_above(segs, i, title_parts)
        if name_part is None:
            # the block's title lines are printed and read; its name is not (under the seal or
            # the signature): the title stands, the name is left to the caller (unread)
            last = _letters_only(title_parts[-1].seg.folded)
            if unnamed is None and _POSITION_RE.match(last) and not re.match(r"^(?:tm|kt|tl|tuq)\b", last):
                # down to the signer's own position (CHỦ TỊCH, PHÓ CHỦ TỊCH), not an authority
                # line alone (TM. …, KT. CHỦ TỊCH: the deputy's position under it was not read)
                unnamed = title_parts
            continue
        return title_parts, name_part
    return (unnamed, None) if unnamed is not None else None


def _authority_above(segs: list[Segment], i: int, title_parts: list[Part]) -> None:
    """Extend a signer title upward over authority lines: "TM. ỦY BAN NHÂN DÂN" above "CHỦ TỊCH"."""
    seg = top = segs[i]
    for k in range(i - 1, max(-1, i - 6), -1):
        above = segs[k]
        if above.page is not seg.page or not above.overlaps_x(top, slack=top.height * 3):
            continue
        if top.bbox[1] - above.bbox[3] > 2.5 * max(top.height, 1):
            break
        if not any(c.isalnum() for c in above.text):
            continue  # a speck of the signature or seal read between the lines (">")
        if _AUTHORITY.match(above.folded) and above.is_upper() and len(title_parts) < 4:
            title_parts.insert(0, Part(above, 0, len(above.text)))
            top = above
            continue
        break


# "Số:" printed with nothing read after it (or only the code, "Số:      /QĐ-UBND" read as two
# columns): the label of a number left blank, which the document lacks.
_BLANK_NUMBER_LABEL = re.compile(r"^\s*S[ốôoóò0]\s*[:.]?\s*(?:/\S*)?\s*$")
_VV_START = re.compile(r"^\s*" + VV)


def _vv_line(segs: list[Segment]) -> Segment | None:
    return next((s for s in segs if _VV_START.match(s.folded)), None)


def _unread_number(segs: list[Segment], date_line: Segment | None) -> FieldValue:
    """The number's place in the header, unread: left of the motto, from the top of the page
    down to the place-and-date line (or the top quarter of the page)."""
    page = segs[0].page
    motto = next((s for s in segs[:12] if s.page is page and _MOTTO.match(s.folded)), None)
    right = motto.bbox[0] if motto is not None and motto.bbox[0] > page.width // 4 else page.width // 2
    bottom = date_line.bbox[3] if date_line is not None and date_line.page is page else page.height // 4
    top = min(s.bbox[1] for s in segs[:3])
    return unread_field(page.number, (0, top, right, max(top + 1, bottom)), "", page.source)


# --- the extractor ---------------------------------------------------------------------------
def extract_admin_document(
    document: Document, doc_type: str, segs: list[Segment] | None = None, notes: dict | None = None
) -> dict[str, FieldValue]:
    """The fields; ``notes`` (if given) receives ``signature_block``: whether the pages hold one."""
    segs = segs if segs is not None else segments(document)
    fields: dict[str, FieldValue | None] = {}
    notes = {} if notes is None else notes
    if not segs:
        return {}
    found_title = find_title(segs)
    title_idx = found_title[0] if found_title else None
    title = found_title[1] if found_title else None
    limit = body_start(segs)
    number = find_number(segs)

    # document_number: unread when the numeral is not readable (hand-written, read as symbols)
    number_value = None
    if number:
        part = Part(number.seg, number.start, number.end)
        if number.numeral is not None:
            number_value = _number_value(number.numeral + "/" + number.code, title.kind if title else None)
            fields["document_number"] = _field(number_value, [part])
            # the numeral (often hand-written after signing) bounds the confidence; a code that
            # validates (a PL III type code, or a công văn's AGENCY-UNIT) is no longer in doubt
            # (Tesseract is unsure of "/QĐ-BGDĐT" for its Đ, which fix_type_code settles)
            # (the code's word begins at its slash, inside that span: "2645 /QĐ-SNNMT" — only
            # the words holding a digit are the numeral's)
            numeral_words = [
                w
                for w in number.seg.words_in(number.start, number.code_start)
                if any(c.isdigit() for c in w.text)
            ]
            if fields["document_number"] is not None and numeral_words:
                weakest = min(w.confidence for w in numeral_words)
                fv = fields["document_number"]
                code_ok = re.fullmatch(
                    r"\d+/(?:\d{4}/)?[A-Za-zĐđ]+-[A-ZĐ0-9&][A-ZĐ0-9&a-zđ]*(?:-[A-ZĐ0-9&]+)*", number_value
                ) and (split_number(number_value)[0] or doc_type == "official_letter")
                conf = (
                    weakest if code_ok and not _glued(numeral_words, number) else min(fv.confidence, weakest)
                )
                fields["document_number"] = replace(fv, confidence=round(conf, 4))
                as_read = normalize_document_number(number.numeral + "/" + number.code)
                if number_value.replace("-", "") == as_read.replace("-", "") and number_value != as_read:
                    # the hyphen after the type code put back ("43/TBUBND" → "43/TB-UBND"): lost by
                    # OCR, or printed so (a malformed number) — a person looks
                    fv = fields["document_number"]
                    fields["document_number"] = replace(
                        fv,
                        confidence=min(fv.confidence, 0.5),
                        flags=(*fv.flags, "repaired"),
                        repairs=(*fv.repairs, f"{as_read} → {number_value}"),
                    )
        else:
            raw_num = number.seg.text[number.start : number.code_start].strip(" /")
            words = number.seg.words_in(
                number.start, number.code_start if not number.malformed else number.end
            )
            sure = bool(words) and min(w.confidence for w in words) >= PRINTED_CONFIDENCE
            if number.malformed and sure:  # printed out of shape: as read, for the format rule
                number_value = normalize_document_number(number.seg.text[number.start : number.end])
                fields["document_number"] = _field(number_value, [part])
            elif not number.malformed and not raw_num.strip(" .:_…-"):
                pass  # "Số:      /QĐ-UBND": the blank was never filled in, the number is absent
            elif raw_num and re.fullmatch(r"[0-9A-Za-zĐđ][0-9A-Za-zĐđ\-–.]*", raw_num) and sure:
                # printed and read surely, but no number: kept as read for the format rule
                number_value = normalize_document_number(raw_num + "/" + number.code)
                fields["document_number"] = _field(number_value, [part])
            else:  # hand-written digits read as symbols, or unsure: a person reads them
                fields["document_number"] = _unread([Part(number.seg, number.label_start, number.end)])
    elif (garbled := _garbled_number(segs[:limit])) is not None:
        fields["document_number"] = garbled
    number_unseen = (
        "document_number" not in fields
        and number is None
        and not any(_BLANK_NUMBER_LABEL.match(s.text) for s in segs[: max(limit, 12)])
    )

    # document_kind: the number's type code, else the title's, else CV for a công văn
    title_kind = title.kind if title else None
    code = split_number(_number_value("0/" + number.code, title_kind))[0] if number and number.code else None
    if code and number:
        fields["document_kind"] = _field(code, [Part(number.seg, number.start, number.end)])
    elif title is not None and title_idx is not None:  # found together (find_title)
        t = segs[title_idx]
        fields["document_kind"] = _field(title.kind, [Part(t, 0, len(t.text))])
    elif number and doc_type == "official_letter":
        fields["document_kind"] = _field(
            OFFICIAL_LETTER_KIND, [Part(number.seg, number.start, number.end)], 0.9
        )
    elif doc_type == "official_letter" and (vv := _vv_line(segs[: limit + 2])) is not None:
        # no number read, no title: the "V/v" trích yếu is a công văn's (NĐ 30/2020 PL I)
        fields["document_kind"] = _field(OFFICIAL_LETTER_KIND, [Part(vv, 0, len(vv.text))], 0.9)

    # header zone: everything above the title (or the number) and before the body
    anchors = [i for i in (title_idx, number.seg.index if number else None) if i is not None]
    header_end = min([*anchors, limit]) if anchors else min(limit, 8)

    # issue_place, issue_date
    pd = _find_place_date(segs, max(header_end, number.seg.index + 1 if number else 0))
    if pd:
        if pd.iso:
            fields["issue_date"] = _field(pd.iso, [Part(pd.seg, *pd.date)], weakest=True)
        else:
            fields["issue_date"] = _unread([Part(pd.seg, *pd.date)])
        if pd.place:
            place = nfc_clean(pd.seg.text[pd.place[0] : pd.place[1]]).rstrip(" ,.")
            fields["issue_place"] = _field(place, [Part(pd.seg, *pd.place)])
    _year_slash_lost(fields)
    if number_unseen and pd is not None and any(_MOTTO.match(s.folded) for s in segs[: max(header_end, 12)]):
        # The page has the header (motto, place-and-date line) but neither "Số:" nor a number
        # was read in it: NĐ 30/2020 prints one under the agency on every document, and no
        # label was read left blank, so the machine missed the line
        # (faint, under a stamp, glued to the agency): unread, shown in the header's left
        # column, for a person to read; not absent, which would reject the document.
        fields["document_number"] = _unread_number(segs, pd.seg if pd else None)

    # subject
    zone_end = max(
        limit, (number.seg.index + 1) if number else 0, (title_idx + 2) if title_idx is not None else 0
    )
    subject = _find_subject(segs, zone_end, title_idx, (number.seg.index, number.end) if number else None)
    if subject:
        subject_value, subject_parts, _ = subject
        fields["subject"] = _field(subject_value, subject_parts)
    elif (
        anchor := segs[title_idx] if title_idx is not None else number.seg if number else None
    ) is not None and not _subject_left_out(segs, anchor):
        # NĐ 30/2020 gives every document a trích yếu under its title or number; it has no
        # label, so not finding it says the machine missed it: unread, shown at that anchor.
        # (Where the next part of the document stands right under the anchor, none was printed.)
        unread = _unread([Part(anchor, 0, len(anchor.text))])
        if unread is not None:
            fields["subject"] = unread

    # issuing_agency
    agency = _header_agency(segs, header_end)
    if agency is None:
        after = max(
            [i + 1 for i in (title_idx, number.seg.index if number else None) if i is not None]
            + ([subject_parts[-1].seg.index + 1] if subject else [])
            + [0]
        )
        agency = _authority_agency(segs, after, max(limit, after))
    if agency is None:
        agency = _body_agency(segs, limit if limit < len(segs) else 0)
    if agency is None and number:
        _, agency_part = split_number(_number_value("0/" + number.code, title_kind))
        agency_code = agency_part.split("-")[0]
        if agency_code:
            agency = agency_code, [Part(number.seg, number.start, number.end)], 0.5
    if agency is not None:
        value, parts, factor = agency
        fields["issuing_agency"] = _field(drop_junk(value), parts, factor)

    # signer
    signer = _find_signer(segs, limit if limit < len(segs) else 0)
    if signer:
        title_parts, name_part = signer
        title_parts = [p for p in title_parts if p.text]
        if title_parts:
            lines = _deputy(_snap_position(p.text) for p in title_parts)
            if (deputy := _deputy_lost(title_parts, segs, signer[1])) is not None:
                lines.append(deputy)
            title_text = " ".join(lines)
            title_text = nfc_clean(title_text.translate(_TITLE_JUNK))
            # "KT: CHỦ TỊCH", "TM, ỦY BAN …": the authority's dot read as a colon or a comma
            title_text = re.sub(r"(?<![^\W\d_])(TM|KT|TL|TUQ)\s*[:,]\s+", r"\1. ", title_text)
            fields["signer_title"] = _field(title_text, title_parts)
    if signer and signer[1] is not None:
        name_part = signer[1]
        name = name_part.text.strip()
        if _LEGACY_IN_NAME.search(name):
            # a name in a legacy font ("NguyÔn"): as printed, so clean.* sees its signs
            name = nfc_clean(name_part.text.translate(_TITLE_JUNK)).strip()
        elif not (_XXX_NAME.match(name) or _TEMPLATE_NAME.match(fold(name))):
            name = person_name(name_part.text.translate(_TITLE_JUNK))  # (a placeholder as printed)
        fields["signer_name"] = _field(name, [name_part])
        notes["signature_block"] = True
    else:
        block = _signature_block(segs, limit if limit < len(segs) else 0)
        notes["signature_block"] = block is not None or any(
            _RECIPIENTS.match(s.folded) or _position_line(s)
            for s in segs[limit if limit < len(segs) else 0 :]
        )
        instruction = _instruction_as_name(segs, limit if limit < len(segs) else 0)
        if block is not None and instruction is not None:
            # the form's instruction is the last thing in the block: no name was typed under it,
            # the instruction stands where the name goes (clean.value.no_placeholder judges it)
            fields["signer_name"] = _field(
                nfc_clean(instruction.text), [Part(instruction, 0, len(instruction.text))]
            )
        elif block is not None and (foot := _foot_name(segs, limit if limit < len(segs) else 0)):
            # the title lines lost to the seal or the signature, the name under them read
            fields["signer_name"] = _field(
                person_name(foot.text.translate(_TITLE_JUNK)), [Part(foot, 0, len(foot.text))]
            )
            notes["signature_block"] = True
            if "signer_title" not in fields:  # printed above the name, lost with the seal
                fields["signer_title"] = unread_field(block[0], block[1], block[2], segs[0].page.source)
        elif block is not None:  # the block is there, its name is under the seal or signature
            fields["signer_name"] = unread_field(block[0], block[1], block[2], segs[0].page.source)

    return {k: v for k, v in fields.items() if v is not None}


_RECIPIENTS = re.compile(r"^noi nhan\b")
_XXX_NAME = re.compile(r"^\s*[xX]{3,}\s*$")
# the template's "Họ và tên" left where the signer's name is typed: a placeholder, not a name
_TEMPLATE_NAME = re.compile(r"^\s*\(?\s*ho\W+(?:va\W+)?ten\s*\)?\s*$")


def _instruction_as_name(segs: list[Segment], not_before: int) -> Segment | None:
    """The form instruction read lowest under the signer-title lines, with nothing read
    below it in that column: the line where the signer's name should be holds the instruction."""
    titles = [s for s in segs[not_before:] if _position_line(s) and not _MOTTO.match(s.folded)]
    if not titles:
        return None
    title = titles[-1]
    h = max(title.height, 1)
    under = [
        s
        for s in segs[not_before:]
        if s.page is title.page
        and s.bbox[1] >= title.bbox[3]
        and s.bbox[2] > title.bbox[0] - 3 * h
        and s.bbox[0] < title.bbox[2] + 3 * h
        and any(c.isalnum() for c in s.text)
    ]
    if not under:
        return None
    last = max(under, key=lambda s: s.bbox[1])
    return last if is_form_instruction(last.text) else None


_SEAL_STEP = re.compile(r"^stamp:ring:(\d+),(\d+),(\d+),(\d+)$")


def _seals(page) -> list[tuple[int, int, int, int]]:
    """The round seals the OCR found on ``page`` (its ``stamp:ring:x0,y0,x1,y1`` steps)."""
    return [
        (int(m[1]), int(m[2]), int(m[3]), int(m[4])) for step in page.steps if (m := _SEAL_STEP.match(step))
    ]


def _foot_name(segs: list[Segment], not_before: int) -> Segment | None:
    """The signer's name when OCR lost the title lines above it (a seal or a signature over
    them): NĐ 30/2020 PL I puts the signer's full name last in the signature block, in the
    right column, under "Nơi nhận". The lowest line read below "Nơi nhận", right of the page's
    middle, that is a name (2–6 capitalized words), with nothing but specks (seal, signature)
    read lower."""
    recipients = next((s for s in reversed(segs[not_before:]) if _RECIPIENTS.match(s.folded)), None)
    if recipients is None:
        return None
    page = recipients.page
    after = [s for s in segs[recipients.index + 1 :] if s.page is page and s.bbox[1] >= recipients.bbox[1]]
    names = [
        s
        for s in after
        if s.bbox[0] > page.width * 0.45
        and _is_name_words(s.text.translate(_TITLE_JUNK).split(), upper_ok=False)
    ]
    if not names:
        return None
    name = max(names, key=lambda s: s.bbox[1])
    if any(s is not name and s.bbox[1] > name.bbox[3] and not _noise(s) for s in after):
        return None
    return name


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _signature_block(
    segs: list[Segment], not_before: int
) -> tuple[int, tuple[int, int, int, int], str] | None:
    """(page, box, text) of a signature block whose signer was not read: its authority or
    position lines (TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH) or, when the whole block is seal and
    signature, the space right of "Nơi nhận". None when the pages hold no signature block
    (page 1 of a longer document scanned alone)."""

    def ink(box: tuple[int, int, int, int], page, after: int) -> bool:
        # something was read where the name goes (a signature, a seal, a name OCR garbled);
        # nothing at all there is a blank: the name is absent, not unread. A round seal found
        # there is ink too: it is stamped over the signature (NĐ 30/2020 Đ.33: trùm 1/3 chữ ký),
        # so the block is signed and its name, often under the ring, was not read
        if any(_overlap(box, seal) for seal in _seals(page)):
            return True
        # Without a seal, the strokes of a signature OCR cut into specks ("Ki", "SN", "đà * SA
        # N" in a box taller than three lines) are no name: signed, the name left blank
        return any(
            o.page is page
            and o.index > after
            and o.bbox[1] >= box[1]
            and o.bbox[1] <= box[3]
            and o.bbox[2] > box[0]
            and o.bbox[0] < box[2]
            and any(c.isalnum() for c in o.text)
            and not _position_line(o)
            and not _strokes(o)
            for o in segs[after + 1 :]
        )

    for seg in reversed(segs[not_before:]):
        if _position_line(seg) and not _MOTTO.match(seg.folded):
            h = max(seg.height, 1)
            below = (
                seg.bbox[0] - 3 * h,
                seg.bbox[3],
                seg.bbox[2] + 3 * h,
                min(seg.page.height, seg.bbox[3] + 10 * h),
            )
            if not ink(below, seg.page, seg.index):
                return None
            return seg.page.number, (below[0], seg.bbox[1], below[2], below[3]), seg.text
    for seg in reversed(segs[not_before:]):
        if _RECIPIENTS.match(seg.folded):
            page, h = seg.page, max(seg.height, 1)
            box = (
                page.width // 2,
                max(0, seg.bbox[1] - 2 * h),
                page.width,
                min(page.height, seg.bbox[1] + 12 * h),
            )
            return (page.number, box, seg.text) if ink(box, page, seg.index - 3) else None
    return None
