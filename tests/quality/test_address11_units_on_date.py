"""Addresses valid on the document's date are not sent to review (issue 14, helper address11).

Two lists spell some units differently (same code): a document written with one spelling is
valid in the other list too; a pre-reform address on a document dated before the reform was
correct then, and its split commune is mapped with candidates, not asked. A name no list knows
is still flagged. Unit names, people and numbers here are fictional.
"""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction, FieldValue
from quality import judge
from quality.reference import Candidate, Reference, Unit, UnitList, same_unit_type, spelling_variant
from quality.rules.places import locate

TODAY = date(2026, 11, 28)
REFORM = date(2025, 7, 1)
VALID = "correct.address.unit_valid_on_date"
LEVEL = "correct.address.level_on_date"
LIVE = "live.address.current_unit"

OLD = UnitList(
    "legacy",
    None,
    REFORM,
    {"91": Unit("91", "Tỉnh Sông Mây"), "92": Unit("92", "Tỉnh Đồi Cát - Bãi Xanh")},
    {
        "91001": Unit("91001", "Xã Rờ Kai", "91", "Huyện Núi Đá"),
        "91002": Unit("91002", "Xã Pá Lừu", "91", "Huyện Núi Đá"),
        "91003": Unit("91003", "Thị trấn Bản Lót", "91", "Huyện Núi Đá"),
        "91004": Unit("91004", "Xã Bản Lót", "91", "Huyện Núi Đá"),
        "91005": Unit("91005", "Xã Ea Bơi", "91", "Huyện Núi Đá"),
        "91006": Unit("91006", "Phường 3", "91", "Thành phố Mây"),
        "91007": Unit("91007", "Xã Pá Lìn", "91", "Huyện Khe Suối"),
        "91008": Unit("91008", "Xã Pá Lừa", "91", "Huyện Núi Đá"),
        "92001": Unit("92001", "Xã Cát Vàng", "92", "Huyện Bãi Xanh"),
    },
)
NEW = UnitList(
    "2025",
    REFORM,
    None,
    {"91": Unit("91", "Tỉnh Sông Mây")},
    {
        "91001": Unit("91001", "Xã Núi Đá", "91"),
        "91004": Unit("91004", "Xã Bản Lót", "91"),
        "91006": Unit("91006", "Phường Mây Hồng", "91"),
        "91007": Unit("91007", "Xã Khe Suối", "91"),
    },
)
REF = Reference(
    "test-address11",
    (OLD, NEW),
    {
        "91001": (Candidate("91001", "Xã Núi Đá", True, False),),
        # Xã Pá Lừu was split between two new communes
        "91002": (
            Candidate("91001", "Xã Núi Đá", True, True),
            Candidate("91007", "Xã Khe Suối", False, True),
        ),
        "91003": (
            Candidate("91004", "Xã Bản Lót", True, True),
            Candidate("91001", "Xã Núi Đá", False, True),
        ),
        "91004": (Candidate("91004", "Xã Bản Lót", True, False),),
    },
)


def form(address: str, request_date: str) -> Extraction:
    values = {
        "form_title": "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        "recipient": "Công an xã Núi Đá",
        "applicant_name": "Đỗ Thị Hồng Vân",
        "applicant_id_number": "091190004321",
        "date_of_birth": "1990-04-02",
        "address": address,
        "request_date": request_date,
    }
    return Extraction(
        "application_form",
        0.95,
        {k: FieldValue(v, v, 0.95, 1, (0, 0, 10, 10), "ocr") for k, v in values.items()},
    )


def outcome(e: Extraction, rule: str):
    verdict = judge(e, today=TODAY, reference=REF)
    (o,) = [o for o in verdict.outcomes if o.rule == rule]
    return o, verdict


# --- another list's spelling of the same unit ---------------------------------------------------
def test_a_unit_spelt_as_another_official_list_spells_it_is_valid_on_its_date() -> None:
    for address in (
        "Thôn 2, xã Rơ Kai, huyện Núi Đá, tỉnh Sông Mây",  # tone mark: Rờ / Rơ
        "Thôn 2, xã Rơ Kai, tỉnh Sông Mây",  # no district: the marks alone
        "Thôn 2, xã EaBơi, huyện Núi Đá, tỉnh Sông Mây",  # spacing
        "Thôn 2, xã Pá Lìu, huyện Núi Đá, tỉnh Sông Mây",  # a vowel apart, district named
    ):
        o, _ = outcome(form(address, "2022-10-28"), VALID)
        assert o.evaluated == 1 and o.passed, (address, o.violations)


def test_a_unit_no_list_knows_is_still_flagged() -> None:
    for address in (
        "Thôn 2, xã Không Có, huyện Núi Đá, tỉnh Sông Mây",
        "Thôn 2, xã Pá Lìu, tỉnh Sông Mây",  # a vowel apart, nothing pins the place down
        "Thôn 2, xã Pá Lìu, huyện Sông Trong, tỉnh Sông Mây",  # not that district's unit
        "Số 5, Phường 4, thành phố Mây, tỉnh Sông Mây",  # numbered units never approximate
    ):
        o, _ = outcome(form(address, "2022-10-28"), VALID)
        assert not o.passed, address


def test_spelling_variant_rules() -> None:
    assert spelling_variant("Xã Rơ Kai", "Xã Rờ Kai")
    assert spelling_variant("Xã EaBơi", "Xã Ea Bơi")
    assert spelling_variant("Xã Ea D'Rơi", "Xã Ea Drơi")
    assert spelling_variant("Thị trấn NT Sông Mây", "Thị trấn Nông trường Sông Mây")
    assert not spelling_variant("Xã Pá Lìu", "Xã Pá Lừu")
    assert spelling_variant("Xã Pá Lìu", "Xã Pá Lừu", loose=True)
    assert not spelling_variant("Xã Pá Lìu", "Xã Pá Lìn", loose=True)  # a consonant apart
    assert not spelling_variant("Phường 3", "Phường 8", loose=True)
    assert not spelling_variant("Xã Lìu", "Xã Lừu", loose=True)  # one syllable: too little to go on


def test_a_vowel_apart_prefers_the_unit_equal_without_marks() -> None:
    # "Pà Lừu" is Pá Lừu without marks, and a vowel from Pá Lừa: the first
    place = locate("xã Pà Lừu, huyện Núi Đá, tỉnh Sông Mây", OLD)
    assert place is not None and [u.code for u in place.commune] == ["91002"]


# --- xã and thị trấn of one name in one district -------------------------------------------------
def test_the_type_word_tells_a_xa_from_a_thi_tran_of_the_same_name() -> None:
    assert same_unit_type("Thị trấn Bản Lót", "TT. Bản Lót") and not same_unit_type(
        "Xã Bản Lót", "thị trấn Bản Lót"
    )
    xa = locate("Thôn 1, xã Bản Lót, huyện Núi Đá, tỉnh Sông Mây", OLD)
    tt = locate("Khu 1, thị trấn Bản Lót, huyện Núi Đá, tỉnh Sông Mây", OLD)
    assert xa is not None and [u.code for u in xa.commune] == ["91004"]
    assert tt is not None and [u.code for u in tt.commune] == ["91003"]
    # the xã went whole into one new commune: converted, nobody asked, even after the reform
    o, verdict = outcome(form("Thôn 1, xã Bản Lót, huyện Núi Đá, tỉnh Sông Mây", "2025-03-02"), LIVE)
    assert o.passed and verdict.annotations["units"]["address"]["commune_code"] == "91004"


# --- a province name with a dash -------------------------------------------------------------------
def test_a_province_whose_name_has_a_dash_is_found() -> None:
    place = locate("Ấp 3, xã Cát Vàng, huyện Bãi Xanh, tỉnh Đồi Cát - Bãi Xanh", OLD)
    assert place is not None and place.province.code == "92" and [u.code for u in place.commune] == ["92001"]
    o, _ = outcome(form("Ấp 3, xã Cát Vàng, huyện Bãi Xanh, tỉnh Đồi Cát - Bãi Xanh", "2023-05-01"), VALID)
    assert o.evaluated == 1 and o.passed
    # after the reform that province is gone: a whole level wrong, the document rejected
    o, verdict = outcome(
        form("Ấp 3, xã Cát Vàng, huyện Bãi Xanh, tỉnh Đồi Cát - Bãi Xanh", "2026-01-05"), LEVEL
    )
    assert not o.passed and verdict.status == "rejected"


# --- live: a split commune on a document dated before the reform -----------------------------------
def test_a_split_commune_on_a_document_dated_before_the_reform_is_mapped_not_asked() -> None:
    address = "Thôn 2, xã Pá Lừu, huyện Núi Đá, tỉnh Sông Mây"
    o, verdict = outcome(form(address, "2022-10-28"), LIVE)
    assert o.passed and o.evaluated == 1
    mapped = verdict.annotations["units"]["address"]
    assert mapped["commune_code"] is None and mapped["candidates"] == ["91001", "91007"]  # no silent pick
    assert mapped["as_of"] == "legacy"
    assert verdict.status == "accepted", verdict.violations
    # the same address on a form dated after the reform names a commune that no longer exists
    o, verdict = outcome(form(address, "2026-02-10"), LIVE)
    assert not o.passed and "91001" in o.violations[0].message and "91007" in o.violations[0].message
    assert verdict.status != "accepted"


def test_a_commune_whose_name_has_a_dash_is_found() -> None:
    dashed = UnitList(
        "2025-dash",
        REFORM,
        None,
        {"93": Unit("93", "Tỉnh Cao Nguyên")},
        {"93001": Unit("93001", "Phường Đồi Thông - Hồ Xanh", "93")},
    )
    place = locate("Số 4, đường Hoa Mai, phường Đồi Thông - Hồ Xanh, tỉnh Cao Nguyên", dashed)
    assert place is not None and [u.code for u in place.commune] == ["93001"]
    # a list that wrote it without the dash
    place = locate("Số 4, phường Đồi Thông - Hồ Xanh, tỉnh Cao Nguyên", OLD_DASHLESS)
    assert place is not None and [u.code for u in place.commune] == ["93001"]
    assert locate("Số 4, phường Đồi Thông, tỉnh Cao Nguyên", dashed).commune == []  # type: ignore[union-attr]


OLD_DASHLESS = UnitList(
    "legacy-dashless",
    None,
    REFORM,
    {"93": Unit("93", "Tỉnh Cao Nguyên")},
    {"93001": Unit("93001", "Phường Đồi Thông Hồ Xanh", "93", "Thành phố Thông")},
)
