"""sạch (clean): NFC text, no legacy code points or placeholders, one person per ID, no twin scans."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from extractors.types import is_form_instruction

from ..reference import match_key, old_style_tone, parse_iso
from .base import Context, rule
from .fields import NAME_FIELDS, PERSON_ID_FIELDS, person_ids
from .identity import document_identity


def _texts(ctx: Context) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = [(k, fv.value) for k, fv in ctx.fields.items()]
    if ctx.text is not None:
        out.append((None, ctx.text))
    return out


@rule(
    "clean.text.nfc",
    "clean",
    "warning",
    reason="R-C1: text is Unicode NFC (TCVN 6909:2001); NFD from macOS or 'Unicode tổ hợp' "
    "typing compares unequal",
    vi="Văn bản chưa chuẩn hóa Unicode NFC",
    en="Text is not in Unicode NFC",
)
def text_nfc(ctx: Context):
    texts = _texts(ctx)
    return len(texts), [
        (k, v if k else v[:40], "") for k, v in texts if not unicodedata.is_normalized("NFC", v)
    ]


# Latin-1 letters and signs Vietnamese never uses: text decoded from a legacy TCVN3
# (.VnTime) or VNI font shows them in place of Vietnamese letters ("Hµ Néi" = Hà Nội,
# "Nguyeãn" = Nguyễn in VNI shows ã after e). Signs with an ordinary meaning in documents
# (² ³ ° § © « » · ±) are left out.
_LEGACY_CHARS = frozenset("ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïðñöøûüþÿ¡¢£¤¥¦¨ª¬®¯µ¶¸¹º¼½¾¿")
# TCVN3 puts some lower-case Vietnamese letters on Latin-1 capitals: "NguyÔn" = Nguyễn.
_LATIN1_CAPITALS = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TEXT_MIN_LEGACY = 3  # in the full text, a stray sign is not yet mojibake
# … nor a few signs OCR made of seals and signatures: legacy-encoded text has them in most
# words, so the full text needs them in at least this share of its letters.
_TEXT_LEGACY_SHARE = 0.01


# A sign between two letters of a name word ("Lý Th_ụnh Khang"): no Vietnamese name has one
# (§3.3: a name is syllables of letters; the ethnic names' apostrophe and hyphen are allowed).
# OCR reads the glyphs a TCVN3/VNI font draws for Vietnamese letters (µ ¨ ¬) as such signs.
# A name word opening with "§" is TCVN3's Đ ("§oµn" = Đoàn): the sign stands for no letter elsewhere.
_SIGN_IN_NAME_WORD = re.compile(r"(?<=[^\W\d_])[_|\\/~^*#@$%&+=\d{}\[\]](?=[^\W\d_])|(?<!\S)§(?=[^\W\d_])")


def name_sign_problem(raw: str) -> str | None:
    """Why the name as read (``raw``) has a sign inside a word, or None."""
    m = _SIGN_IN_NAME_WORD.search(raw)
    if m is None:
        return None
    word = next(w for w in raw.split() if m.group(0) in w)
    return f"ký tự lạ trong họ tên / sign inside a name word {word!r}"


def legacy_problem(text: str, min_count: int = 1) -> str | None:
    """Why ``text`` looks like legacy-encoded Vietnamese, or None."""
    bad = [c for c in text if c in _LEGACY_CHARS]
    if len(bad) >= min_count:
        return "ký tự / characters " + " ".join(f"U+{ord(c):04X}" for c in sorted(set(bad)))
    capitals = [a + b for a, b in pairwise(text) if a.islower() and b in _LATIN1_CAPITALS]
    if len(capitals) >= min_count:
        return f"chữ hoa giữa từ / capital inside a word {capitals[0]!r}"
    vni = _VNI_PAIR.findall(text.lower())
    if len(vni) >= min_count:
        return f"dấu VNI sau nguyên âm / VNI mark after a vowel {vni[0]!r}"
    return None


# VNI draws a vowel's circumflex as a letter of its own after the vowel ("Coâng" = Công,
# "Nguyeãn" = Nguyễn): pairs no Vietnamese syllable has ("uâ", "iê", "uê", "uô", "oă", "oã"
# do: "tuân", "tiên", "thuế", "muôn", "xoăn", "hoãn")
_VNI_PAIR = re.compile(r"[oae][âêô]|eã")


# A bilingual label's English gloss ("/ Date of birth:") as OCR reads its small italics: ASCII
# and the ø/ƒ it makes of "o" and "f" ("/ 0øte øƒ birth:"). Legacy-encoded Vietnamese has other
# signs in its words; the gloss is left out of the full text before counting.
_OCR_GLOSS = re.compile(r"/\s*[A-Za-z0-9#&@øØƒ ,.'’()\-]{1,45}:")
# On a card, what stands between a label's "/" and its ":" is the English gloss whatever OCR made
# of it ("/ Dœe øƒ biah:", "/ Place ðƒ origin:"); "of" read with a slashed o is a gloss's word;
# a machine-readable zone line prints A-Z, 0-9 and "<" only, so any other sign in it is OCR's.
_CARD_GLOSS = re.compile(r"/[^:/\n]{1,45}:")
_GLOSS_OF = re.compile(r"(?<!\S)[øØðÐ][ƒf](?!\S)")
_ZONE_LINE = re.compile(r"(?m)^[^\n]*<<[^\n]*$")


def _no_speck_words(text: str) -> str:
    """The full text without its specks: a word with no letter but legacy signs ("¡", "€Ð",
    "¡ï", "®": OCR's reading of a seal's edge, glare, a fingerprint). Legacy-encoded text puts
    its signs inside words of ordinary letters ("Hµ Néi", "Tr¬ng"), which stay counted."""
    return " ".join(w for w in text.split() if any(c.isalpha() and c not in _LEGACY_CHARS for c in w))


@rule(
    "clean.text.no_legacy_code_points",
    "clean",
    "warning",
    reason="R-C1: Đ/đ must be U+0110/U+0111, not U+00D0/U+00F0; no TCVN3/VNI mojibake (domain-vn §3.3)",
    vi="Có ký tự mã cũ (Ð/ð, TCVN3, VNI)",
    en="Legacy code points (Ð/ð, TCVN3, VNI mojibake)",
)
def text_no_legacy_code_points(ctx: Context):
    texts = _texts(ctx)
    failures = []
    for k, v in texts:
        if k is None:
            v = _OCR_GLOSS.sub("/ :", v)
            if ctx.doc_type == "citizen_id":
                v = _GLOSS_OF.sub(" ", _ZONE_LINE.sub("", _CARD_GLOSS.sub("/ :", v)))
            v = _no_speck_words(v)
        letters = sum(c.isalpha() for c in v)
        problem = legacy_problem(v, 1 if k else max(_TEXT_MIN_LEGACY, int(letters * _TEXT_LEGACY_SHARE)))
        if problem:
            failures.append((k, v if k else v[:40], problem))
        elif k is not None and k in NAME_FIELDS and (sign := name_sign_problem(ctx.fields[k].raw or "")):
            failures.append((k, v, sign))
    return len(texts), failures


# ("không" alone: "no" written where a name or a place should be is no field's value)
_PLACEHOLDER = re.compile(
    r"^(?:\(?\s*họ\s*(?:và\s*)?tên\s*\)?|[.…·_\-–—/\\x×?*\s]+|0+|0{1,2}[/.\-]0{1,2}(?:[/.\-]\d{2,4})?|"
    r"không|không rõ|chưa rõ|chưa có|không có|chưa cập nhật|đang cập nhật|chưa xác định|không xác định|"
    r"n/?a|null|none)$",
    re.IGNORECASE,
)
_ZERO_DATE = re.compile(r"\b0{1,2}\s*[/.\-]\s*0{1,2}\s*[/.\-]\s*\d{2,4}\b")
# The forms' specimen name ("Nguyễn Văn A", "Trần Thị B"): a given name of one letter is no name.
_SPECIMEN_NAME = re.compile(r"^(?:\w+\s+){1,3}[A-Z]$")


@rule(
    "clean.value.no_placeholder",
    "clean",
    "error",
    reason="R-C3: placeholders ('…', '...', 'x', '/', '0', '00/00/yyyy', 'không rõ', a specimen name "
    "'Nguyễn Văn A') are not data",
    vi="Giá trị là ký tự giữ chỗ, không phải dữ liệu",
    en="Value is a placeholder, not data",
)
def value_no_placeholder(ctx: Context):
    failures = []
    for k, fv in ctx.fields.items():
        value = fv.value.strip()
        if _PLACEHOLDER.match(value) or is_form_instruction(value) or not value:
            failures.append((k, fv.value, ""))
        elif k in NAME_FIELDS and _SPECIMEN_NAME.match(value):
            failures.append((k, fv.value, "tên mẫu / specimen name"))
        elif _ZERO_DATE.search(fv.raw or "") and ("date" in k or "birth" in k):
            failures.append((k, fv.raw, "00/00"))
    return len(ctx.fields), failures


@rule(
    "clean.value.whitespace",
    "clean",
    "warning",
    reason="fields.md: values are trimmed, whitespace collapsed to single spaces",
    vi="Giá trị có khoảng trắng thừa",
    en="Value has stray whitespace",
)
def value_whitespace(ctx: Context):
    return len(ctx.fields), [
        (k, fv.value, "")
        for k, fv in ctx.fields.items()
        if fv.value != fv.value.strip() or re.search(r"\s{2,}|[\t\r\n\u00a0]", fv.value)
    ]


@rule(
    "clean.name.tone_placement",
    "clean",
    "info",
    reason="R-C2: 'hoà'/'hòa' are both correct spellings; the value is stored as printed and "
    "matched on a tone-placement-insensitive key (domain-vn §3.3)",
    vi="Tên viết dấu kiểu mới (hoà, thuỷ): giữ nguyên, so khớp bằng khóa chuẩn",
    en="Name uses new-style tone placement: kept as printed, matched on the canonical key",
)
def name_tone_placement(ctx: Context):
    keys = [k for k in NAME_FIELDS if k in ctx.fields]
    return len(keys), [
        (k, ctx.fields[k].value, f"key {match_key(ctx.fields[k].value)!r}")
        for k in keys
        if old_style_tone(ctx.fields[k].value) != ctx.fields[k].value
    ]


# the vowel letters of Vietnamese (any tone folds onto them by NFD); every syllable has one
_VOWELS = set("aăâeêioôơuưy")


def _vowelless_words(name: str) -> list[str]:
    """Words of a name (split at spaces: "H'Hen" is one) with letters but no vowel letter."""
    bad = []
    for w in name.split():
        base = "".join(c for c in unicodedata.normalize("NFD", w.lower()) if unicodedata.category(c) != "Mn")
        if any(c.isalpha() for c in base) and not any(c in _VOWELS for c in base):
            bad.append(w)
    return bad


@rule(
    "clean.name.syllables",
    "clean",
    "warning",
    reason="R-C1: every Vietnamese syllable has a vowel; a name word without one ('Vn', 'Sn' of "
    "'NguyÔn V¨n S¬n', TCVN3 text read as Latin-1 with its symbols dropped) is mojibake or a "
    "misread: a person reads the name",
    vi="Họ tên có từ không có nguyên âm (lỗi mã cũ hoặc nhận dạng sai)",
    en="Name has a word without a vowel (legacy encoding or misread)",
)
def name_syllables(ctx: Context):
    keys = [k for k in NAME_FIELDS if k in ctx.fields]
    return len(keys), [
        (k, ctx.fields[k].value, " ".join(bad))
        for k in keys
        if (bad := _vowelless_words(ctx.fields[k].value))
    ]


@rule(
    "clean.personal_id.one_person",
    "clean",
    "error",
    reason="R-C4: one person per số định danh across the warehouse; the same ID with another "
    "name or date of birth is a misread or a wrong record",
    vi="Số định danh đã gắn với người khác trong kho dữ liệu",
    en="Personal ID already belongs to a different person in the warehouse",
)
def personal_id_one_person(ctx: Context):
    if ctx.facts is None:
        return 0, []
    checked, failures = 0, []
    for k, v in person_ids(ctx):
        known = ctx.facts.persons.get(v)
        name_key, dob_key, _ = PERSON_ID_FIELDS[k]
        if known is None or name_key not in ctx.fields:
            continue
        checked += 1
        if match_key(known.name) != match_key(ctx.fields[name_key].value):
            failures.append((k, v, f"{ctx.fields[name_key].value} ≠ {known.name}"))
            continue
        mine = ctx.fields[dob_key].value if dob_key and dob_key in ctx.fields else None
        if (
            mine
            and known.date_of_birth
            and (a := parse_iso(mine))
            and (b := parse_iso(known.date_of_birth))
            and (a[1] < b[0] or b[1] < a[0])
        ):
            failures.append((k, v, f"{mine} ≠ {known.date_of_birth}"))
    return checked, failures


@rule(
    "clean.document.scanned_twice",
    "clean",
    "warning",
    reason="R-C4: the same document (same identifiers) scanned again as a different file; keep "
    "one as the record, link the other",
    vi="Giấy tờ này đã được số hóa (quét lại lần nữa)",
    en="This document was already digitized (scanned twice)",
)
def document_scanned_twice(ctx: Context):
    if ctx.facts is None or document_identity(ctx.extraction) is None:
        return 0, []
    twins = [d for d in ctx.facts.same_identity if d.sha256 != ctx.facts.sha256]
    return 1, (
        [(None, document_identity(ctx.extraction) or "", "≡ " + ", ".join(f"#{d.id}" for d in twins))]
        if twins
        else []
    )
