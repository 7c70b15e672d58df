"""Document-type classification from the title line and the number's type code.

Evidence, each matched on folded (accent-free) text so OCR without diacritics still works:

- the **title**: an upper-case line equal (fuzzily) to a title in ``TITLES``;
- the **type code** in the header number (``Số: 12/QĐ-UBND`` → QĐ), looked up in
  ``TYPE_CODES``; a công văn number (``1234/UBND-VP``, no type code) counts for a công văn
  only together with a "V/v" trích yếu.

To add a document type, add its title rows (and type codes, if its number carries one) and
register its extractor in ``extractors/__init__.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ocr.result import Document

from .layout import Segment, segments
from .normalize import GLOSS_LOOKALIKES, GLOSS_ZERO, normalize_document_number
from .types import ADMIN_TYPE_CODES, OFFICIAL_LETTER_KIND

__all__ = ["TITLES", "TYPE_CODES", "Title", "classify", "classify_segments", "find_number", "find_title"]


@dataclass(frozen=True)
class Title:
    doc_type: str
    kind: str  # the document_kind the title implies
    folded: str  # the title as matched: folded, single spaces, no punctuation


# Every kind but the quyết định is an ``official_letter`` whose ``document_kind`` says which
# (NĐ 30/2020 PL III codes; TT and NĐ are the VBQPPL codes of a thông tư, a nghị định).
TITLES: tuple[Title, ...] = (
    Title("administrative_decision", "QĐ", "quyet dinh"),
    Title("official_letter", OFFICIAL_LETTER_KIND, "cong van"),
    Title("official_letter", "TB", "thong bao"),
    Title("official_letter", "TTr", "to trinh"),
    Title("official_letter", "KH", "ke hoach"),
    Title("official_letter", "BC", "bao cao"),
    Title("official_letter", "NQ", "nghi quyet"),
    Title("official_letter", "TT", "thong tu"),
    Title("official_letter", "NĐ", "nghi dinh"),
    Title("official_letter", "CT", "chi thi"),
    Title("official_letter", "CĐ", "cong dien"),
    Title("official_letter", "GM", "giay moi"),
    Title("official_letter", "BB", "bien ban"),
    Title("official_letter", "HD", "huong dan"),
    Title("official_letter", "CTr", "chuong trinh"),
    Title("official_letter", "PA", "phuong an"),
    Title("official_letter", "ĐA", "de an"),
    Title("official_letter", "QC", "quy che"),
    Title("official_letter", "HĐ", "hop dong"),
    Title("official_letter", "GUQ", "giay uy quyen"),
    Title("official_letter", "GGT", "giay gioi thieu"),
)

# A type code in the number says the kind whatever the title; only QĐ is a decision.
TYPE_CODES: dict[str, str] = {
    code: ("administrative_decision" if code == "QĐ" else "official_letter") for code in ADMIN_TYPE_CODES
}

# Titles of the form-like types: matched as the (fuzzy) start of an upper-case line, so a
# long title ("GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU …") matches by its head.
FORM_TITLES: tuple[tuple[str, str], ...] = (
    ("citizen_id", "can cuoc cong dan"),
    ("citizen_id", "citizen identity card"),
    ("citizen_id", "giay chung minh nhan dan"),
    ("citizen_id", "chung minh nhan dan"),
    ("citizen_id", "can cuoc"),
    ("birth_certificate", "giay khai sinh"),
    ("birth_certificate", "trich luc khai sinh"),
    ("marriage_certificate", "giay chung nhan ket hon"),
    ("marriage_certificate", "trich luc ket hon"),
    ("land_use_certificate", "giay chung nhan quyen su dung dat"),
    ("business_registration", "giay chung nhan dang ky doanh nghiep"),
    ("business_registration", "giay chung nhan dang ky ho kinh doanh"),
    ("application_form", "don de nghi"),
    ("application_form", "don xin"),
    ("application_form", "don dang ky"),
    ("application_form", "to khai"),
    ("application_form", "giay de nghi"),
    ("application_form", "phieu yeu cau"),
    ("application_form", "phieu de nghi"),
)
# Label evidence (folded phrases seen anywhere): (doc_type, phrases, weight) when all occur.
FORM_MARKERS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("citizen_id", ("so dinh danh ca nhan", "noi dang ky khai sinh"), 0.3),
    ("citizen_id", ("dac diem nhan dang",), 0.3),
    ("citizen_id", ("co gia tri den",), 0.3),
    ("citizen_id", ("place of residence",), 0.3),
    ("citizen_id", ("full name", "date of birth"), 0.3),  # bilingual card labels
    # the English glosses only a card prints (its title's gloss read when the Vietnamese
    # title was not: "ŒC CÔNG DÂN / Citizen Identity Card")
    ("citizen_id", ("identity card",), 0.3),
    ("citizen_id", ("place of origin",), 0.3),
    ("citizen_id", ("date of expiry",), 0.3),
    ("birth_certificate", ("nguoi me", "nguoi cha", "noi sinh"), 0.3),
    ("marriage_certificate", ("chong", "vo", "giay to tuy than"), 0.3),
    ("land_use_certificate", ("thua dat so", "to ban do so"), 0.3),
    ("land_use_certificate", ("muc dich su dung", "nguon goc su dung"), 0.15),
    ("land_use_certificate", ("so vao so cap",), 0.15),
    ("business_registration", ("ma so doanh nghiep", "von dieu le"), 0.3),
    ("application_form", ("kinh gui", "toi ten la"), 0.25),
    ("application_form", ("kinh gui", "nguoi yeu cau"), 0.25),
    ("application_form", ("kinh gui", "xin cam doan"), 0.25),
)
FORM_TITLE_MIN = 88

TITLE_WEIGHT = 0.6
CODE_WEIGHT = 0.35
VV_WEIGHT = 0.15
MIN_SCORE = 0.3
TITLE_MIN_RATIO = 85

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _title_key(seg: Segment) -> str:
    return _NON_ALNUM.sub(" ", seg.folded).strip()


def match_title(seg: Segment) -> Title | None:
    """The title this segment is, if it is an upper-case line equal (fuzzily) to one."""
    if not seg.is_upper() or len(seg.words) > 6:
        return None
    key = _title_key(seg)
    best, best_score = None, 0.0
    for title in TITLES:
        score = fuzz.ratio(key, title.folded)
        if score > best_score:
            best, best_score = title, score
    return best if best_score >= TITLE_MIN_RATIO else None


# A title stands in the upper half of its page (NĐ 30/2020 PL I: under the header, above the
# body); lower down, an upper-case line like a title is a signature block's agency or place
# ("TM. ỦY BAN NHÂN DÂN HUYỆN" / "HỒNG DÂN", fuzzily "HƯỚNG DẪN").
TITLE_TOP_FRACTION = 0.5


def find_title(segs: list[Segment]) -> tuple[int, Title] | None:
    """The first title line in reading order, in the upper half of its page."""
    for seg in segs:
        if seg.bbox[1] > seg.page.height * TITLE_TOP_FRACTION:
            continue
        title = match_title(seg)
        if title is not None:
            return seg.index, title
    return None


# "Số:" label at the start of a segment (also "Só", "Sô", "So", "S0", glued to the number:
# "Số2624"); the number itself is matched on the original text.
_NUMBER_LABEL = re.compile(r"^s[o0](?![a-z])\s*(?:,?\s*(?:va\s*)?ky\s*hieu)?\s*[:;.]?\s*")
# numeral (as read: digits, look-alikes, or the symbols OCR makes of hand-written digits),
# "/", then the code: "12/QĐ-UBND", "12/2024/QĐ-UBND", "1234/UBND-VP".
_NUMBER_BODY = re.compile(
    r"(?P<num>[^\s/]{0,8}?(?:\s+[^\s/]{1,4})?)\s*[/⁄]\s*"
    r"(?P<code>[^\W_][\w&]*(?:\s*[/\-–—]\s*[^\W_][\w&]*)*)"
)
# a number printed out of shape: "310-QĐ-UBND", "QĐ-UBND/310", "310//QĐ-UBND" (digits and a type code)
_LOOSE_NUMBER = re.compile(r"(?=[^\s]*\d)(?=[^\s]*[A-ZĐ]{2})[0-9A-Za-zĐđ][0-9A-Za-zĐđ/\-–&.]{3,29}(?!\S)")
NUMBER_RE = re.compile(r"[0-9OoIl]{1,6}(?:\s*/\s*[^\W_][\w&]*)(?:\s*[/\-–—]\s*[^\W_][\w&]*)*")
_BODY_START = re.compile(r"^(?:can cu|kinh gui|xet |thuc hien|theo de nghi|dieu 1\b|noi nhan|trich yeu)")
_NUMERAL_LOOKALIKES = str.maketrans(
    {"O": "0", "o": "0", "Q": "0", "D": "0", "I": "1", "l": "1", "i": "1", "|": "1"}
)


@dataclass(frozen=True)
class NumberMatch:
    seg: Segment
    start: int  # span of the number in seg.text (label excluded)
    end: int
    label_start: int
    numeral: str | None = None  # the digits before "/", None when they could not be read
    code_start: int = 0  # where the code after "/" starts in seg.text
    malformed: bool = False  # a number printed out of shape ("310-QĐ-UBND"): start..end as read

    @property
    def code(self) -> str:
        return self.seg.text[self.code_start : self.end]


def read_numeral(text: str) -> str | None:
    """The digits of a document number's numeral as read, or None when it is not readable.

    Digit look-alikes (O→0, l/I→1) are read as digits and stray punctuation around it is
    dropped ("899." → 899, "5:" → 5); any other symbol (what OCR makes of a hand-written
    digit: "†", "$", "{§", "⁄") means the numeral was not read: a person has to read it."""
    core = text.strip().strip(".:;,'`‘’\"")
    core = re.sub(r"\s+", "", core).translate(_NUMERAL_LOOKALIKES)
    return core if re.fullmatch(r"\d{1,6}", core) else None


def _code_ok(code: str) -> bool:
    head = re.split(r"\s*[/\-–—]\s*", code)[0]
    if re.fullmatch(r"\d{4}", head):  # 12/2024/QĐ-UBND
        return True
    letters = [c for c in code if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and code[:1].isalpha()


def find_number(segs: list[Segment]) -> NumberMatch | None:
    """The document's own number: a "Số:" label at the start of a segment.

    The label must be capitalized or followed by ":" (a body citation "… số 12/QĐ-UBND"
    wrapped to a line start is neither). The first one in reading order wins. A number
    whose numeral is not readable (hand-written, read as symbols) is still found, with
    ``numeral`` None: the code after "/" says the kind and the agency.
    """
    for seg in segs:
        m = _NUMBER_LABEL.match(seg.folded)
        if not m:
            continue
        label = seg.text[: m.end()]
        if not (label[:1].isupper() or ":" in label or re.match(r"^s[o0]\d", seg.folded)):
            continue
        n = _NUMBER_BODY.match(seg.text, m.end())
        if not n or not _code_ok(n.group("code")):
            loose = _LOOSE_NUMBER.match(seg.text, m.end())
            if loose and (label[:1].isupper() or ":" in label):
                return NumberMatch(seg, loose.start(), loose.end(), m.start(), None, loose.end(), True)
            continue
        numeral = read_numeral(n.group("num"))
        start = n.start("num") if n.group("num").strip() else n.start("code")
        return NumberMatch(seg, start, n.end(), m.start(), numeral, n.start("code"))
    return None


def body_start(segs: list[Segment]) -> int:
    """Index of the first body segment (Căn cứ, Kính gửi, Điều 1 …), or len(segs)."""
    for seg in segs:
        # (a speck OCR read before its first word: '"Thực hiện chỉ đạo …')
        if _BODY_START.match(seg.folded.lstrip(" '\"`‘’“”_.,~-")):
            return seg.index
    return len(segs)


def split_number(number: str) -> tuple[str | None, str]:
    """(type code or None, agency part) of a normalized number.

    ``12/QĐ-UBND`` → ("QĐ", "UBND"); ``12/2024/QĐ-UBND`` → ("QĐ", "UBND");
    ``1234/UBND-VP`` → (None, "UBND-VP"). OCR's D for Đ in a type code is fixed when only
    the fixed form is a PL III code (QD → QĐ; HD and DA are codes themselves).
    """
    parts = number.split("/")
    rest = (
        parts[2]
        if len(parts) >= 3 and parts[1].isdigit() and len(parts[1]) == 4
        else (parts[1] if len(parts) >= 2 else "")
    )
    head, _, tail = rest.partition("-")
    code = fix_type_code(head)
    if code in ADMIN_TYPE_CODES and tail:
        return code, tail
    return None, rest


def fix_type_code(code: str) -> str:
    """Undo OCR slips in a type code when only the fixed form is a PL III code:
    D read for Đ (QD → QĐ), a doubled letter (QĐĐ → QĐ) and a stray stroke (TTIr → TTr)."""
    if code in ADMIN_TYPE_CODES:
        return code
    candidates = [code.replace("D", "Đ").replace("d", "đ")]
    dedup = re.sub(r"(.)\1+", r"\1", code)
    candidates += [dedup, dedup.replace("D", "Đ")]
    # a stray upright stroke read into it (TTIr → TTr): one I, l, | or 1 too many
    candidates += [code[:i] + code[i + 1 :] for i, c in enumerate(code) if c in "Il|1" and i > 0]
    for fixed in candidates:
        if fixed in ADMIN_TYPE_CODES:
            return fixed
    return code


# "V/v", also as OCR gives it: "V/V", "V/ v", "V/", "V|v" (folded, so lower case here).
VV = r"(?:v\s*[/|\\]\s*v?\b|vw\b)"  # "VW": Vietnamese has no w
_VV = re.compile(r"(?:^|\s)" + VV)
_ABOUT = re.compile(r"(?:^|\s)(?:" + VV + r"|ve viec\b)")


def match_form_title(seg: Segment) -> str | None:
    """The form-like type whose title this upper-case line starts with (fuzzily)."""
    if not seg.is_upper() or len(seg.words) > 20:
        return None
    key = _title_key(seg)
    words = key.split()
    best, best_score = None, 0.0
    for doc_type, title in FORM_TITLES:
        if len(key) < len(title) - 2:
            continue
        head = key[: len(title)]
        score = fuzz.ratio(head, title)
        if len(key) > len(title) and key[len(title)] != " ":
            score -= 10  # "can cuoc" must not take "can cuoc cong dan"'s place … nor a longer word
        # as many whole words as the title has: a letter OCR added inside a word ("GILAY KHAI
        # SINH") shifts the character head, not the word head
        score = max(score, fuzz.ratio(" ".join(words[: len(title.split())]), title))
        if score > best_score:
            best, best_score = doc_type, score
    return best if best_score >= FORM_TITLE_MIN else None


def find_form_title(segs: list[Segment], limit: int = 30) -> tuple[int, str] | None:
    """The first form title; a title broken over two upper-case lines is joined."""
    for k, seg in enumerate(segs[:limit]):
        t = match_form_title(seg)
        if t is None and k + 1 < len(segs) and seg.is_upper() and segs[k + 1].is_upper():
            t = _joined_title(seg, segs[k + 1])
        if t is not None:
            return seg.index, t
    return None


def _joined_title(a: Segment, b: Segment) -> str | None:
    key = _title_key(a) + " " + _title_key(b)
    for doc_type, title in FORM_TITLES:
        if (
            len(title) > len(_title_key(a)) + 2
            and len(key) >= len(title) - 2
            and fuzz.ratio(key[: len(title)], title) >= FORM_TITLE_MIN
        ):
            return doc_type
    return None


def _spaced(folded: str) -> str:
    return " " + _NON_ALNUM.sub(" ", folded) + " "


_MRZ = re.compile(r" i\s?[d0o]\s?v\s?n\s?m\s?[0-9oil]{6}")
# the zone's line 2: birth date and its check digit, sex, expiry and its check digit, VNM
# ("8906289M2906287VNM<<<…"): read when line 1's "IDVNM" was not ("TDVNMôö8…")
_MRZ_LINE2 = re.compile(r" \d{7}\s?[mf]\s?\d{7}\s?v\s?[nmw]\s?m\b")
# letters OCR reads in a card's small English glosses ("Pløce oƒ residence", "0ate 0ƒ birth")
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia|doc lap\s*[-–—]?\s*tu do")
_PLACE_DATE_LINE = re.compile(r"[,.]\s*ngay\W*\S{0,4}\s*thang\b")


def _admin_layout(segs: list[Segment], number: NumberMatch) -> bool:
    """The header of an administrative document around its number: the national motto above
    it and a place-and-date line within a few lines of it."""
    i = number.seg.index
    motto = any(_MOTTO.search(s.folded) for s in segs[max(0, i - 8) : i + 1])
    dated = any(_PLACE_DATE_LINE.search(s.folded) for s in segs[max(0, i - 3) : i + 4])
    return motto and dated


# The nouns an issuing agency's name starts with (cơ quan ban hành, NĐ 30/2020 PL I), folded:
# the header's agency line, a signature block's "TM. <agency>", a body's "<agency> thông báo".
AGENCY_NOUNS = re.compile(
    r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|so|phong|ban|chi cuc|tong cuc|cuc|vu|"
    r"van phong|trung tam|truong|benh vien|cong an|thanh tra|bo|doan|chi nhanh|kho bac|"
    r"bao hiem|toa an|vien kiem sat|hoi dong|chinh phu|quoc hoi|dang uy|mat tran)\b"
)


def admin_header(segs: list[Segment]) -> bool:
    """The header of an administrative document (NĐ 30/2020 PL I), with or without a number
    read: the national motto at the top of its page, an agency line (upper case, left of or
    above it) and the place-and-date line right under it, in the page's top third. A form puts
    its "<place>, ngày …" line at the foot, above the signature: no header."""
    for k, motto in enumerate(segs[:12]):
        if not _MOTTO.search(motto.folded):
            continue
        page = motto.page
        agency = any(
            s.page is page
            and s.is_upper()
            and AGENCY_NOUNS.match(s.folded)
            and (s.bbox[2] <= motto.bbox[0] + motto.height or s.bbox[3] <= motto.bbox[1])
            for s in segs[: k + 4]
        )
        dated = any(
            s.page is page
            and _PLACE_DATE_LINE.search(s.folded)
            and s.bbox[1] < page.height / 3
            and s.bbox[1] >= motto.bbox[1]
            for s in segs[k : k + 6]
        )
        return agency and dated
    return False


def classify_segments(segs: list[Segment]) -> tuple[str, float]:
    scores: dict[str, float] = {}

    def add(doc_type: str, weight: float) -> None:
        scores[doc_type] = scores.get(doc_type, 0.0) + weight

    form = find_form_title(segs)
    if form:
        add(form[1], TITLE_WEIGHT)
    text = " ".join(_spaced(GLOSS_ZERO.sub("o", s.folded.translate(GLOSS_LOOKALIKES))) for s in segs)
    marked: Counter[str] = Counter()
    for doc_type, phrases, weight in FORM_MARKERS:
        if marked[doc_type] < 2 and all(f" {p} " in text for p in phrases):
            add(doc_type, weight)  # at most two marker rows per type count
            marked[doc_type] += 1
    if _MRZ.search(text) or _MRZ_LINE2.search(text):
        add("citizen_id", TITLE_WEIGHT)  # the back of a chip card: its machine-readable zone
    if _party_headings(segs):
        # "Thông tin | Vợ | Chồng": the husband | wife table of a marriage certificate, whose
        # title OCR did not read (a page cropped to the table)
        add("marriage_certificate", 0.3)
    found = find_title(segs) if not form else None
    if found:
        add(found[1].doc_type, TITLE_WEIGHT)
    header = segs[: body_start(segs) + 2]
    has_vv = any(_VV.search(s.folded) for s in header)  # "V/v": a công văn's trích yếu
    has_about = has_vv or any(_ABOUT.search(s.folded) for s in header)
    number = find_number(segs)
    if number:
        code, _ = split_number("0/" + normalize_document_number(number.code))
        if code in TYPE_CODES:
            add(TYPE_CODES[code], CODE_WEIGHT)
        elif code is None and has_about:
            add("official_letter", CODE_WEIGHT)  # n/AGENCY-UNIT with a trích yếu: công văn
        elif code is None and not form and _admin_layout(segs, number):
            # national motto + "Số: n/AGENCY-UNIT" + "<place>, ngày …": the layout of NĐ
            # 30/2020, whatever the trích yếu looks like as read
            add("official_letter", CODE_WEIGHT)
    elif not form and not found and admin_header(segs):
        # an NĐ 30/2020 header whose number was not read (or not printed) and no title of a
        # known kind: an administrative document all the same, dated by its header line
        add("official_letter", CODE_WEIGHT)
    if has_vv and (not found or found[1].doc_type == "official_letter"):
        add("official_letter", VV_WEIGHT)
    if not scores:
        return "unknown", 0.0
    best = max(scores, key=lambda t: scores[t])
    total = sum(scores.values())
    if scores[best] < MIN_SCORE:
        return "unknown", 0.0
    return best, round(min(0.99, scores[best]) * scores[best] / total, 3)


def classify(document: Document) -> tuple[str, float]:
    """``(doc_type, confidence)``: a type of fields.md or ``unknown``."""
    return classify_segments(segments(document))


_HUSBAND_HEAD = frozenset({"chong", "ben chong", "ben nam", "nguoi chong"})
_WIFE_HEAD = frozenset({"vo", "ben vo", "ben nu", "nguoi vo"})


def _party_headings(segs: list[Segment]) -> bool:
    """A husband's and a wife's column heading, each a line of its own, level on one row."""
    heads = [(s, _NON_ALNUM.sub(" ", s.folded).strip()) for s in segs]
    husbands = [s for s, t in heads if t in _HUSBAND_HEAD]
    wives = [s for s, t in heads if t in _WIFE_HEAD]
    return any(
        h.page is w.page and abs(h.bbox[1] - w.bbox[1]) < max(h.height, w.height, 1)
        for h in husbands
        for w in wives
    )
