"""Property-based tests of the validators (quality/reference.py, quality/rules.py).

Personal IDs, tax codes, ISO dates, document numbers, number words, the ID-card expiry rule
and the tone-insensitive match key. Every value is fictional. Derandomized, ≈200 examples.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extractors.normalize import PROVINCE_CODES, mst_check_ok
from extractors.types import ADMIN_TYPE_CODES, Extraction, FieldValue
from flows.masking import mask_text
from quality import judge
from quality.masking import mask_text as _mask_ids
from quality.reference import (
    ID_PROVINCE_CODES,
    expected_expiry,
    match_key,
    old_style_tone,
    parse_iso,
    parse_personal_id,
    tax_code_problem,
    tax_code_with_check_digit,
    words_to_number,
)
from quality.rules import document_number_problem

PROPS = settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
TODAY = date(2026, 11, 28)

ID_RULES = (
    "correct.personal_id.structure",
    "correct.personal_id.province_prefix",
    "correct.personal_id.sex_digit_matches",
    "correct.personal_id.birth_year_matches",
)


def fv(value: str) -> FieldValue:
    return FieldValue(value, value, 0.99, 1, (0, 0, 10, 10), "ocr")


def id_violations(pid: str, dob: date, sex: str) -> set[str]:
    ex = Extraction(
        "citizen_id",
        0.99,
        {
            "id_number": fv(pid),
            "full_name": fv("Trần Thị Mai"),
            "date_of_birth": fv(dob.isoformat()),
            "sex": fv(sex),
        },
    )
    return {v.rule for v in judge(ex, today=TODAY).violations if v.rule in ID_RULES}


# --- personal ID: PPP G YY NNNNNN (domain-vn §2.1) -----------------------------------------
@st.composite
def person(draw) -> tuple[str, date, str]:
    """(12-digit ID, date of birth, sex) consistent with each other (born 1900–2026)."""
    dob = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    female = draw(st.booleans())
    g = 2 * ((dob.year - 1900) // 100) + female
    province = draw(st.sampled_from(sorted(ID_PROVINCE_CODES)))
    rest = f"{draw(st.integers(0, 999_999)):06d}"
    return f"{province}{g}{dob.year % 100:02d}{rest}", dob, ("Nữ" if female else "Nam")


@PROPS
@given(p=person())
def test_consistent_personal_id_validates(p) -> None:
    pid, dob, sex = p
    parsed = parse_personal_id(pid)
    assert parsed is not None and parsed.province == ID_PROVINCE_CODES[pid[:3]]
    assert parsed.birth_year == dob.year and parsed.male == (sex == "Nam")
    assert id_violations(pid, dob, sex) == set()


@PROPS
@given(p=person(), position=st.integers(0, 2), digit=st.sampled_from("0123456789"))
def test_province_digit_corruption_is_caught_unless_it_names_another_province(p, position, digit) -> None:
    pid, dob, sex = p
    assume(pid[position] != digit)
    bad = pid[:position] + digit + pid[position + 1 :]
    found = id_violations(bad, dob, sex)
    # No check digit (domain-vn §2.1): a prefix that is another province's code cannot be told.
    if bad[:3] in ID_PROVINCE_CODES:
        assert found == set()
    else:
        assert found == {"correct.personal_id.province_prefix"}


@PROPS
@given(p=person(), digit=st.sampled_from("0123456789"))
def test_sex_century_digit_corruption_is_always_caught(p, digit) -> None:
    pid, dob, sex = p
    assume(pid[3] != digit)
    bad = pid[:3] + digit + pid[4:]
    found = id_violations(bad, dob, sex)
    if (int(digit) - int(pid[3])) % 2:
        assert "correct.personal_id.sex_digit_matches" in found
    else:  # same sex, another century
        assert found == {"correct.personal_id.birth_year_matches"}


@PROPS
@given(p=person(), position=st.integers(4, 5), digit=st.sampled_from("0123456789"))
def test_birth_year_digit_corruption_is_always_caught(p, position, digit) -> None:
    pid, dob, sex = p
    assume(pid[position] != digit)
    assert id_violations(pid[:position] + digit + pid[position + 1 :], dob, sex) == {
        "correct.personal_id.birth_year_matches"
    }


@PROPS
@given(p=person(), cut=st.integers(0, 11), extra=st.sampled_from(["", "0", "a", " "]))
def test_personal_id_of_wrong_shape_is_rejected(p, cut, extra) -> None:
    pid, dob, sex = p
    bad = pid[:cut] + extra + pid[cut + 1 :] if extra else pid[:cut] + pid[cut + 1 :]
    assume(not re.fullmatch(r"\d{12}", bad))
    assert parse_personal_id(bad) is None
    assert "correct.personal_id.structure" in id_violations(bad, dob, sex)


def test_province_lists_agree() -> None:
    assert set(ID_PROVINCE_CODES) == PROVINCE_CODES


# --- tax code check digit (domain-vn §2.5) -----------------------------------------------------
_W = (31, 29, 23, 19, 17, 13, 7, 5, 3)
PREFIX9 = st.integers(0, 999_999_999).map(lambda n: f"{n:09d}")


def _has_code(prefix: str) -> bool:
    return sum(w * int(d) for w, d in zip(_W, prefix, strict=False)) % 11 > 1 and prefix[2:] != "0000000"


@PROPS
@given(prefix=PREFIX9.filter(_has_code), branch=st.integers(0, 999))
def test_tax_code_with_check_digit_is_accepted(prefix: str, branch: int) -> None:
    code = tax_code_with_check_digit(prefix)
    assert len(code) == 10 and tax_code_problem(code) is None and mst_check_ok(code)
    branch_code = f"{code}-{branch:03d}"
    assert (tax_code_problem(branch_code) is None) == (branch != 0) == mst_check_ok(branch_code)


@PROPS
@given(prefix=PREFIX9.filter(_has_code), position=st.integers(0, 9), digit=st.sampled_from("0123456789"))
def test_tax_code_single_digit_change_is_rejected(prefix: str, position: int, digit: str) -> None:
    code = tax_code_with_check_digit(prefix)
    assume(code[position] != digit)
    bad = code[:position] + digit + code[position + 1 :]
    assert tax_code_problem(bad) is not None
    ex = Extraction("business_registration", 0.99, {"enterprise_code": fv(bad)})
    assert "correct.tax_code.check_digit" in {v.rule for v in judge(ex, today=TODAY).violations}


@PROPS
@given(
    text=st.one_of(
        PREFIX9.map(lambda p: p + str(sum(w * int(d) for w, d in zip(_W, p, strict=False)) % 10)),
        st.text(alphabet=st.sampled_from("0123456789-"), max_size=15),
    )
)
def test_two_tax_code_validators_agree(text: str) -> None:
    assert (tax_code_problem(text) is None) == mst_check_ok(text)


# --- ISO dates of any precision ----------------------------------------------------------------
@PROPS
@given(d=st.dates(min_value=date(1800, 1, 1), max_value=date(2199, 12, 31)))
def test_parse_iso_spans(d: date) -> None:
    assert parse_iso(d.isoformat()) == (d, d)
    first, last = parse_iso(f"{d.year:04d}-{d.month:02d}")
    assert first == d.replace(day=1) <= d <= last and (last + timedelta(days=1)).day == 1
    assert parse_iso(f"{d.year:04d}") == (date(d.year, 1, 1), date(d.year, 12, 31))


@PROPS
@given(y=st.integers(1800, 2199), m=st.integers(0, 99), d=st.integers(0, 99))
def test_parse_iso_rejects_impossible_dates(y: int, m: int, d: int) -> None:
    try:
        real = date(y, m, d)
    except ValueError:
        real = None
    assert parse_iso(f"{y:04d}-{m:02d}-{d:02d}") == ((real, real) if real else None)
    if not 1 <= m <= 12:
        assert parse_iso(f"{y:04d}-{m:02d}") is None


# --- document numbers (NĐ 30/2020 PL III) ---------------------------------------------------------
AGENCIES = st.sampled_from(["UBND", "UBND-VP", "SNV", "STC", "UBND-KT", "CAT-PC06", "HĐND", "SYT-NVY"])


@PROPS
@given(
    n=st.integers(1, 99999),
    pad=st.booleans(),
    kind=st.sampled_from(sorted(ADMIN_TYPE_CODES)),
    agency=AGENCIES,
    year=st.one_of(st.none(), st.integers(1945, 2199)),
)
def test_well_formed_document_numbers_pass(n, pad, kind, agency, year) -> None:
    num = f"{n:02d}" if pad else str(n)
    number = f"{num}/{year}/{kind}-{agency}" if year else f"{num}/{kind}-{agency}"
    assert document_number_problem(number, "administrative_decision", kind) is None


@PROPS
@given(
    n=st.integers(1, 99999),
    kind=st.text(alphabet=st.sampled_from("ABCDEFGHKLMNOPQRSTUVXY"), min_size=1, max_size=4),
    agency=AGENCIES,
)
def test_unknown_type_codes_fail(n, kind, agency) -> None:
    assume(kind not in ADMIN_TYPE_CODES)
    assert document_number_problem(f"{n}/{kind}-{agency}", "administrative_decision", None) is not None


# --- amounts in words ("bằng chữ", domain-vn §3.2) --------------------------------------------------
_DIG = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _group_words(n: int, full: bool, linh: str) -> list[str]:
    """0 < n < 1000 in words; ``full``: a higher group precedes ("không trăm linh năm")."""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    out = [_DIG[h], "trăm"] if h or full else []
    if t == 0:
        if u:
            out += ([linh] if out else []) + [_DIG[u]]
    elif t == 1:
        out += ["mười"] + ([("lăm" if u == 5 else _DIG[u])] if u else [])
    else:
        out += [_DIG[t], "mươi"] + ([{1: "mốt", 4: "tư", 5: "lăm"}.get(u, _DIG[u])] if u else [])
    return out


def _below_billion(n: int, full: bool, linh: str, thousand: str) -> list[str]:
    out: list[str] = []
    for scale, word in ((1_000_000, "triệu"), (1000, thousand), (1, "")):
        g, n = divmod(n, scale)
        if g:
            out += _group_words(g, full or bool(out), linh) + ([word] if word else [])
    return out


def number_words(n: int, linh: str = "linh", thousand: str = "nghìn", ty: str = "tỷ") -> str:
    """An independent reading of ``n`` (what a registrar writes in "bằng chữ")."""
    if n == 0:
        return "không"
    billions, rest = divmod(n, 1_000_000_000)
    out = ([*_below_billion(billions, False, linh, thousand), ty]) if billions else []
    out += _below_billion(rest, bool(out), linh, thousand)
    return " ".join(out)


@PROPS
@given(
    n=st.one_of(st.integers(1, 10**6), st.integers(1, 10**15)),
    linh=st.sampled_from(["linh", "lẻ"]),
    thousand=st.sampled_from(["nghìn", "ngàn"]),
    ty=st.sampled_from(["tỷ", "tỉ"]),
    unit=st.sampled_from(["", " đồng", " đồng chẵn", " mét vuông"]),
    cap=st.booleans(),
)
def test_number_words_round_trip(n: int, linh: str, thousand: str, ty: str, unit: str, cap: bool) -> None:
    text = number_words(n, linh, thousand, ty) + unit
    assert words_to_number(text.capitalize() if cap else text) == n


def test_thousands_of_billions_in_words() -> None:
    """Regression (bug: nghìn tỷ): "một nghìn năm trăm tỷ đồng" (1.5e12, a large company's
    charter capital) was read as 500000001000 and the figures rule rejected a true record."""
    assert words_to_number("một nghìn năm trăm tỷ đồng") == 1_500_000_000_000
    assert words_to_number("năm mươi nghìn tỷ") == 50_000_000_000_000
    assert words_to_number("hai nghìn năm trăm triệu đồng") == 2_500_000_000
    ex = Extraction(
        "business_registration",
        0.99,
        {
            "charter_capital_vnd": FieldValue(
                "1500000000000",
                "1.500.000.000.000 đồng (bằng chữ: Một nghìn năm trăm tỷ đồng)",
                0.99,
                1,
                (0, 0, 10, 10),
                "ocr",
            )
        },
    )
    assert "correct.amount.figures_match_words" not in {v.rule for v in judge(ex, today=TODAY).violations}


@PROPS
@given(whole=st.integers(1, 10**6), frac=st.integers(1, 99))
def test_area_words_with_decimal_round_trip(whole: int, frac: int) -> None:
    digits = f"{frac:02d}".rstrip("0")
    spelled = " ".join(_DIG[int(c)] for c in digits)
    assert words_to_number(f"{number_words(whole)} phẩy {spelled} mét vuông") == float(f"{whole}.{digits}")


# --- ID card expiry (Luật Căn cước 2023 Đ.21) ---------------------------------------------------------
@PROPS
@given(dob=st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)), age_days=st.integers(0, 36500))
def test_expiry_is_after_issue_or_for_life(dob: date, age_days: int) -> None:
    issued = dob + timedelta(days=age_days)
    assume(issued <= TODAY)
    expiry = expected_expiry(dob, issued)
    age58 = date(dob.year + 58, dob.month, dob.day if (dob.month, dob.day) != (2, 29) else 28)
    if issued >= age58 + timedelta(days=1):
        assert expiry is None
    else:
        assert expiry is None or expiry > issued


# --- tone-insensitive keys ---------------------------------------------------------------------
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_ONSETS = ("", "h", "kh", "th", "t", "l", "x", "ng", "nh", "ch", "tr", "đ", "s")


@PROPS
@given(
    onset=st.sampled_from(_ONSETS),
    pair=st.sampled_from(["oa", "oe", "uy"]),
    tone=st.sampled_from(_TONES),
    upper=st.booleans(),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_reference_match_key_is_tone_placement_insensitive(onset, pair, tone, upper, form) -> None:
    old = unicodedata.normalize("NFC", onset + pair[0] + tone + pair[1])
    new = unicodedata.normalize("NFC", onset + pair + tone)
    new_text = unicodedata.normalize(form, f"Xã {new} An".upper() if upper else f"xã {new} an")
    assert match_key(f"Xã {old} An") == match_key(new_text) == match_key(match_key(new_text))
    assert old_style_tone(new) == old and old_style_tone(old) == old


def test_new_style_tone_after_ng_onset_is_recognised() -> None:
    """Regression (bug: ng onset): "Nguỵ"/"ngoà" were not seen as new-style placement because
    the "g" of "ng" was taken for a g- onset; "quý" still keeps its tone."""
    assert old_style_tone("Nguỵ Thị Hoà") == "Ngụy Thị Hòa"
    assert old_style_tone("ngoà") == "ngòa" and old_style_tone("quý") == "quý"


# --- masking of personal IDs in logs, messages and reports (design invariant 6) ------------------


@st.composite
def log_text(draw) -> str:
    """Log-like text: words, fictional IDs (bare, grouped), dates, numbers, glued together."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["id", "id_spaced", "digits", "word", "date", "amount"]))
        if kind == "id":
            pieces.append(draw(person())[0])
        elif kind == "id_spaced":
            pid = draw(person())[0]
            sep = draw(st.sampled_from([" ", "."]))
            pieces.append(sep.join((pid[:3], pid[3:6], pid[6:9], pid[9:])))
        elif kind == "digits":
            pieces.append(draw(st.text(alphabet=st.sampled_from("0123456789"), min_size=1, max_size=16)))
        elif kind == "word":
            pieces.append(
                draw(
                    st.sampled_from(
                        [
                            "CCCD",
                            "số",
                            "inbox/H12.01-261128-0001/",
                            ".png",
                            "key=",
                            "Nguyễn Văn An",
                            "*",
                            "-",
                            "_",
                            "(",
                            ")",
                        ]
                    )
                )
            )
        elif kind == "date":
            pieces.append(draw(st.dates()).strftime("%d/%m/%Y"))
        else:
            pieces.append(f"{draw(st.integers(0, 10**12)):,}".replace(",", "."))
    seps = draw(
        st.lists(st.sampled_from(["", " ", ": ", "/", "\n", "-"]), min_size=len(pieces), max_size=len(pieces))
    )
    return "".join(p + s for p, s in zip(pieces, seps, strict=False))


@PROPS
@given(text=log_text())
def test_masking_leaves_no_twelve_digit_run_and_is_idempotent(text: str) -> None:
    masked = mask_text(text)
    assert not re.search(r"\d{12}", masked), masked
    assert not re.search(r"\d(?:[ .]?\d){11}", masked), masked
    assert mask_text(masked) == masked


@PROPS
@given(
    p=person(),
    before=st.sampled_from(["", "CCCD ", "số ", "x", "("]),
    after=st.sampled_from(["", " ", ".", ")", ".png", " cấp ngày 05/03/2024"]),
)
def test_rule_messages_never_show_a_personal_id(p, before: str, after: str) -> None:
    pid = p[0]
    assert pid not in _mask_ids(before + pid + after)
    assert pid not in mask_text(before + pid + after)


def test_masking_id_glued_to_digits_and_grouped_runs() -> None:
    """Regression (bug: 13+ digit runs): an ID with a digit glued to it ("0961900012345")
    was left whole in logs; a grouped run longer than 12 digits was masked in part, leaving
    digits that a second pass masked again (not idempotent)."""
    assert "096190001234" not in mask_text("CCCD 0961900012345")
    assert mask_text("0000001 200 000 000") == mask_text(mask_text("0000001 200 000 000"))
    assert not re.search(r"\d{3} \d{3}", mask_text("Số 12 096 190 001 234"))
