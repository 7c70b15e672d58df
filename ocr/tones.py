"""Tone marks that OCR misread, put back where a dictionary word says so.

Tesseract reads a Vietnamese syllable's letters well and its tone mark less well: on real
agency pages two thirds of the words it gets wrong differ from the truth by the tone alone
(``thâm quyền`` for ``thẩm quyền``, ``tô chức`` for ``tổ chức``), and it is as sure of them as
of its right words, so confidence cannot find them.

Most Vietnamese words are two syllables or more, and a misread tone usually breaks one. A
line's syllables are cut into dictionary words (``ocr/data/vi_words.txt``) so that as many
syllables as possible sit inside words of two to four syllables; a word may differ from what
was read by the tones of two syllables at most, never by its letters. A cut scores its
syllables inside words less 1.5 per word changed, and of equal scores the cut with fewer
changes wins: what was read is kept unless each change makes clearly more of the line into
words. A syllable ending in a stop (p, t, c, ch) with a tone it cannot take is changed
whatever its case.

What is never changed: a syllable with a capital letter, for it starts a name or a place
(``Thới Bình`` is not ``thời bình``, ``Nguyễn`` not ``nguyện``), nor a syllable by a word that
holds one (``quận Bình Tân`` is not ``quân bình``); a syllable with digits or inner
punctuation; two syllables of one word (``trong đó`` never becomes ``tròng đỏ``); the function
words and numerals in ``FUNCTION_WORDS``, which stand alone so often that a neighbour is no
evidence against them (``tại khoản`` is not ``tài khoản``, ``ngày sáu`` not ``ngày sau``); a
syllable already inside a word as read (``có hiệu lực kế`` is not ``có hiếu | lực kế``).

Measured on the 50 rendered real pages of ``bench real`` (clean 200 DPI): 361 words fixed for
17 broken, page CER against raw Tesseract's 0.80x -> 0.75x. On 80 blind forms, field F1
unchanged (0.931 -> 0.932), no name or place touched.

Tone placement follows the page: a replaced syllable gets its mark where the traditional
rule puts it (``hóa``, ``thủy``, ``hoàng``, ``người``), which is how agency documents write
it; comparisons ignore placement (``hoá`` = ``hóa``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).parent / "data" / "vi_words.txt"

# huyền sắc ngã hỏi nặng, as combining marks
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aeiouyâêôơưă")
_MARKED_VOWELS = frozenset("âêôơưă")

# Function words of Vietnamese (hư từ) and the administrative units, which stand alone far
# more often than inside a compound: a tone change on them needs more than a neighbour.
_FUNCTION_WORDS_TEXT = (
    "và của là có không được các những một trong tại theo về với cho từ đến để do bởi vì "
    "thì mà nếu khi đã đang sẽ cũng này đó ở ra vào như hoặc hay bị phải rằng nhưng còn "
    "vẫn rất đều mỗi mọi cả tỉnh huyện xã "
    # numerals: a date written in words ("ngày sáu") is a value, not a misread "ngày sau"
    "không một hai ba bốn tư năm lăm sáu bảy tám chín mười mươi mốt trăm nghìn ngàn triệu linh lẻ"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# "đây" is not among them although it is one: its tone variants stand in compounds only
# ("thúc đẩy", "đẩy mạnh", "đầy đủ"), which Tesseract read "thúc đây" 34 times on the real pages
# and never the other way round.

# Syllables read that are words almost only inside a compound, beside a tone variant that
# stands alone (a function word, or "số", "điều"): alone on a line between two syllables, with no
# compound of the word list around them, they are that variant ("đề thực hiện" is "để thực
# hiện"; "đề nghị", "vấn đề" are compounds and stay). Real pages: 79 fixed, 1 broken.
LONE_FUNCTION_WORDS = {
    "đề": "để",
    "đệ": "để",
    "vê": "về",
    "đên": "đến",
    "sô": "số",
    "só": "số",
    "điêu": "điều",
}
# Compounds common in agency documents that the word list lacks.
EXTRA_WORDS = ("đề ra",)
# A syllable ending in a stop (p, t, c, ch) takes the sắc or nặng tone only: "quôc", "xuât",
# "Kêt" are no Vietnamese; which of the two, a neighbour's compound or the word list says.
_STOP_TONES = ("\u0301", "\u0323")
_STOP_ENDING = re.compile(r"(p|t|c|ch)$")

_LONGEST_WORD = 4
# A word may differ from what was read by the tones of this many syllables ("thâm đình" ->
# "thẩm định", "tông thê" -> "tổng thể"); real pages: 41 more words fixed, 3 broken.
_MAX_CHANGES_IN_WORD = 2
# A token: leading punctuation, the syllable's letters, trailing punctuation.
_TOKEN = re.compile(r"^(\W*)([^\W\d_]+)(\W*)$")


def split_tone(syllable: str) -> tuple[str, str]:
    """``(syllable without its tone mark, the mark or "")``; vowel marks (â ơ ư ...) stay."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in TONE_MARKS), "")
    base = "".join(c for c in decomposed if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def place_tone(base: str, tone: str) -> str:
    """``base`` (a syllable without tone mark) with ``tone`` on the vowel the traditional rule
    picks: a marked vowel (the ơ of ươ); else a lone vowel; else the first of two vowels that
    end the syllable (hóa, thủy, của); else the second (hoàng, khuyên). The u of qu- and the i
    of gi- before a vowel belong to the consonant (quý, giữa)."""
    if not tone:
        return base
    low = base.lower()
    start = 2 if low.startswith("qu") or (low.startswith("gi") and len(low) > 2 and low[2] in _VOWELS) else 0
    vowels = [i for i in range(start, len(low)) if low[i] in _VOWELS]
    if not vowels:
        vowels = [i for i in range(len(low)) if low[i] in _VOWELS]
        if not vowels:
            return base
    cluster = [vowels[0]]
    for i in vowels[1:]:
        if i != cluster[-1] + 1:
            break
        cluster.append(i)
    marked = [i for i in cluster if low[i] in _MARKED_VOWELS]
    if marked:
        pos = marked[-1] if "ươ" in low else marked[0]
    elif len(cluster) == 1 or (len(cluster) == 2 and cluster[-1] == len(low) - 1):
        pos = cluster[0]
    else:
        pos = cluster[1]
    toned = unicodedata.normalize("NFC", base[pos] + tone)
    return base[:pos] + toned + base[pos + 1 :]


@dataclass(frozen=True)
class Lexicon:
    """Dictionary words of 2-4 syllables: their toneless syllables -> the tone sequences; and
    in how many words each syllable (toned, lower case) stands."""

    words: dict[tuple[str, ...], frozenset[tuple[str, ...]]]
    syllables: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> Lexicon:
        words: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        syllables: Counter[str] = Counter()
        for line in lines:
            syllables_of_word = line.strip().lower().split()
            if 2 <= len(syllables_of_word) <= _LONGEST_WORD:
                syllables.update(unicodedata.normalize("NFC", s) for s in syllables_of_word)
                parts = [split_tone(s) for s in syllables_of_word]
                words.setdefault(tuple(p[0] for p in parts), set()).add(tuple(p[1] for p in parts))
        return cls({k: frozenset(v) for k, v in words.items()}, dict(syllables))


@cache
def lexicon() -> Lexicon:
    """The word list, read once per process."""
    return Lexicon.from_lines([*WORDS_FILE.read_text(encoding="utf-8").splitlines(), *EXTRA_WORDS])


def _stop_misread(syllable: str) -> bool:
    """A Vietnamese syllable (it has â ê ô ơ ư ă or đ: "robot", "chat" are not touched) ending
    in a stop with a tone it cannot take."""
    low = syllable.lower()
    base, tone = split_tone(low)
    return (
        bool(_STOP_ENDING.search(base))
        and tone not in _STOP_TONES
        and any(c in _MARKED_VOWELS or c == "đ" for c in base)
    )


def _changeable(syllable: str) -> bool:
    # Only lower-case syllables: a capital starts a name or a place (Thới Bình is not "thời
    # bình", Nguyễn not "nguyện", Thanh Hóa not "thành hóa"), and names are what a dossier's
    # fields hold. Function words and numerals stand alone too often to be judged by a neighbour.
    return syllable.islower() and syllable not in FUNCTION_WORDS


def _recase(original: str, new: str) -> str:
    if len(original) > 1 and original.isupper():
        return new.upper()
    if original[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _worth(cut: tuple[int, int, list]) -> tuple[int, int]:
    # A changed word must pay for itself: each costs 1.5 syllables of words gained, so a word
    # changed to make a two-syllable word is taken, and two words changed that only re-cut the
    # line ("có hiệu lực kể" -> "có hiếu | lực kế") are not. Of equal cuts, the one with fewer
    # words changed.
    covered, neg_changes, _ = cut
    return 2 * covered + 3 * neg_changes, neg_changes


def restore_tones(tokens: Sequence[str], words: Lexicon | None = None) -> list[str]:
    """The line's tokens (as read, in order) with misread tone marks put back."""
    words = words or lexicon()
    tokens = [_lower_mixed(t) for t in tokens]
    n = len(tokens)
    matches = [_TOKEN.match(t) for t in tokens]
    keys = [split_tone(m.group(2).lower()) if m else None for m in matches]
    # A syllable already inside a word as read keeps its tone: changing it would only re-cut the
    # line ("có hiệu lực kế" is not "có hiếu | lực kế", "đuôi mắt trái" not "đuôi | mặt trái").
    in_word = [False] * n
    for i in range(n - 1):
        tones = words.words.get(_word_span(matches, keys, i, 2))  # type: ignore[arg-type]
        if tones and (keys[i][1], keys[i + 1][1]) in tones:  # type: ignore[index]
            in_word[i] = in_word[i + 1] = True
    stop = [m is not None and _stop_misread(m.group(2)) for m in matches]
    # best[i]: (syllables inside words, -changes, chosen tones per position) for tokens[i:]
    best: list[tuple[int, int, list[tuple[str, ...] | None]]] = [(0, 0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        covered, neg_changes, rest = best[i + 1]
        choice = (covered, neg_changes, [None, *rest])
        for length in range(2, _LONGEST_WORD + 1):
            toneless = _word_span(matches, keys, i, length)
            if toneless is None:
                break  # a longer span is no word either
            tones = words.words.get(toneless)
            if not tones:
                continue
            span = keys[i : i + length]
            inner = matches[i : i + length]
            read = tuple(k[1] for k in span)  # type: ignore[index]
            # A syllable whose tone its stop ending cannot take must change: free, and allowed in
            # a name ("Quôc hội", "quôc tê" -> "quốc tế" is one change, not two).
            forced = [stop[i + j] for j in range(length)]
            best_tones = min(
                tones,
                key=lambda t: (sum(a != b and not f for a, b, f in zip(t, read, forced, strict=True)), t),
            )
            if any(f and t not in _STOP_TONES for t, f in zip(best_tones, forced, strict=True)):
                continue
            changed = [
                j for j, (a, b) in enumerate(zip(best_tones, read, strict=True)) if a != b and not forced[j]
            ]
            # a word with a capital is a name's ("quận Bình Tân" is no misread "quân bình")
            lower = all(m.group(2).islower() for m in inner)  # type: ignore[union-attr]
            if (
                (changed and not lower)
                or len(changed) > _MAX_CHANGES_IN_WORD
                or any(
                    in_word[i + j] or not _changeable(inner[j].group(2))  # type: ignore[union-attr]
                    for j in changed
                )
            ):
                continue
            after_covered, after_neg, after = best[i + length]
            candidate = (
                after_covered + length,
                after_neg - min(len(changed), 1),
                [best_tones] + [None] * (length - 1) + after,
            )
            if _worth(candidate) > _worth(choice):
                choice = candidate
        best[i] = choice
    out = list(tokens)
    plan = best[0][2]
    for i, chosen in enumerate(plan):
        if chosen is None:
            continue
        for j, tone in enumerate(chosen):
            key, match = keys[i + j], matches[i + j]
            if key is None or match is None or key[1] == tone:
                continue
            letters = match.group(2)
            new = place_tone(split_tone(letters.lower())[0], tone)
            out[i + j] = match.group(1) + _recase(letters, new) + match.group(3)
    _stop_tones_alone(out, matches, plan, words)
    _article_references(out)
    _lone_function_words(out, words)
    return out


def _word_span(
    matches: Sequence[re.Match[str] | None], keys: Sequence[tuple[str, str] | None], start: int, length: int
) -> tuple[str, ...] | None:
    """The toneless syllables of the tokens ``start .. start + length`` when they can make one
    word: all syllables, punctuation only at the span's two ends (inside, it splits a word);
    else None."""
    if start < 0 or start + length > len(matches):
        return None
    inner = matches[start : start + length]
    if any(m is None for m in inner):
        return None
    if any(m.group(3) for m in inner[:-1]) or any(m.group(1) for m in inner[1:]):  # type: ignore[union-attr]
        return None
    return tuple(k[0] for k in keys[start : start + length])  # type: ignore[index]


def _covered(plan: list[tuple[str, ...] | None]) -> list[bool]:
    inside = [False] * len(plan)
    for i, chosen in enumerate(plan):
        if chosen is not None:
            for j in range(len(chosen)):
                inside[i + j] = True
    return inside


def _stop_tones_alone(
    out: list[str], matches: list[re.Match[str] | None], plan: list[tuple[str, ...] | None], words: Lexicon
) -> None:
    """A stop-ending syllable left with a tone it cannot take, in no word of the line: sắc or
    nặng, whichever more words of the list hold ("xuât" -> "xuất"); neither known, left as read."""
    inside = _covered(plan)
    for i, match in enumerate(matches):
        if match is None or inside[i] or not _stop_misread(match.group(2)):
            continue
        letters = match.group(2)
        base = split_tone(letters.lower())[0]
        options = [place_tone(base, tone) for tone in _STOP_TONES]
        counts = [words.syllables.get(o, 0) for o in options]
        if max(counts) == 0 or counts[0] == counts[1]:
            continue
        best = options[counts.index(max(counts))]
        out[i] = match.group(1) + _recase(letters, best) + match.group(3)


def _lower_mixed(token: str) -> str:
    """ "sỐ", "tẠi": a lower-case word with one capital, a marked vowel, is the lower-case word
    (Tesseract takes the capital of a toned vowel for its small letter; "eKYC" is left)."""
    match = _TOKEN.match(token)
    if match is None:
        return token
    letters = match.group(2)
    if letters[:1].islower() and any(c.isupper() and not c.isascii() for c in letters):
        return match.group(1) + letters.lower() + match.group(3)
    return token


def _article_references(out: list[str]) -> None:
    """ "Điêu 5" is "Điều 5": a law's article before its number (never a name: "Điêu" is
    no surname or place before a number)."""
    for i in range(len(out) - 1):
        if out[i] in ("Điêu", "điêu") and out[i + 1][:1].isdigit():
            out[i] = out[i][0] + "iều"


def _lone_function_words(out: list[str], words: Lexicon) -> None:
    """``LONE_FUNCTION_WORDS`` between two syllables of the line and in no compound of the list
    with them (toneless, so a misread neighbour still counts: "vân đề" is "vấn đề")."""
    matches = [_TOKEN.match(t) for t in out]
    keys = [split_tone(m.group(2).lower()) if m else None for m in matches]
    for i in range(1, len(out) - 1):
        match = matches[i]
        if match is None or match.group(2) not in LONE_FUNCTION_WORDS:
            continue
        in_compound = any(
            _word_span(matches, keys, start, length) in words.words
            for length in range(2, _LONGEST_WORD + 1)
            for start in range(i - length + 1, i + 1)
        )
        if not in_compound:
            out[i] = match.group(1) + LONE_FUNCTION_WORDS[match.group(2)] + match.group(3)
