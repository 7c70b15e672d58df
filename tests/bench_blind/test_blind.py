"""The blind generator: determinism, coverage of fields.md, valid cards, planted errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from bench.blind import CRITERIA, DOCUMENT_TYPES, generate
from bench.blind import data as D

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# One worker runs the module (make test: --dist loadgroup), so the blind set (~12 CPU-s) is
# generated once, not once on each worker that draws one of its tests.
pytestmark = pytest.mark.xdist_group("blind")


def fields_md() -> Path | None:
    for p in (PROJECT_ROOT.parent / "shared" / "docs" / "fields.md", PROJECT_ROOT / "docs" / "fields.md"):
        if p.exists():
            return p
    return None


def contract_keys() -> dict[str, set[str]]:
    """Field keys per document type, read from fields.md (the one home of the contract)."""
    path = fields_md()
    if path is None:
        pytest.skip("fields.md not found at ../shared/docs/fields.md")
    out: dict[str, set[str]] = {}
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            current = re.findall(r"`([a-z_]+)`", line)
            for t in current:
                out[t] = set()
        elif line.startswith("## "):
            current = []
        elif current:
            for k in re.findall(r"`([a-z_0-9]+)`", line):
                for t in current:
                    out[t].add(k)
    return out


@pytest.fixture(scope="module")
def blind_set(tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("blind")
    return out, generate(out, 4, 11, True)


def test_every_type_is_produced_with_its_files(blind_set):
    out, recs = blind_set
    assert Counter(r["document_type"] for r in recs) == dict.fromkeys(DOCUMENT_TYPES, 4)
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == recs
    for r in recs:
        with Image.open(out / r["file"]) as im:
            assert getattr(im, "n_frames", 1) == r["pages"] == len(r["page_sides"])
            assert min(im.size) >= 600


def test_manifest_keys_are_fields_md_keys(blind_set):
    keys = contract_keys()
    _, recs = blind_set
    for r in recs:
        assert set(r) >= {"file", "document_type", "fields", "planted_error", "variant"}
        assert set(r["fields"]) <= keys[r["document_type"]], (
            r["id"],
            set(r["fields"]) - keys[r["document_type"]],
        )
        assert set(r["aliases"]) <= set(r["fields"])
        for k, v in r["fields"].items():
            assert isinstance(v, str) and v == " ".join(v.split()) and v, (r["id"], k, v)


DATE_KEYS = re.compile(r"(date|date_of_birth)$")


def test_valid_documents_hold_the_formats_and_cross_checks(blind_set):
    _, recs = blind_set
    valid = [r for r in recs if r["planted_error"] is None]
    assert valid
    for r in valid:
        f = r["fields"]
        for k, v in f.items():
            if DATE_KEYS.search(k):
                d = dt.date.fromisoformat(v)
                assert dt.date(1940, 1, 1) < d < dt.date(2080, 1, 1), (r["id"], k, v)
            if k.endswith("id_number") and k != "legacy_id_number":
                assert re.fullmatch(r"\d{12}", v), (r["id"], k, v)
        t = r["document_type"]
        if t == "citizen_id":
            dob, issue, exp = (
                dt.date.fromisoformat(f[k]) for k in ("date_of_birth", "issue_date", "expiry_date")
            )
            assert D.expected_expiry(dob, issue) == exp
            assert exp > D.REFERENCE_DATE
            _id_matches(f["id_number"], dob.year, f["sex"] == "Nữ")
        if t == "birth_certificate" and "personal_id_number" in f:
            _id_matches(f["personal_id_number"], int(f["date_of_birth"][:4]), f["sex"] == "Nữ")
            assert f["registration_date"] >= f["date_of_birth"]
        if t == "marriage_certificate":
            reg = dt.date.fromisoformat(f["registration_date"])
            assert D.age_on(dt.date.fromisoformat(f["husband_date_of_birth"]), reg) >= 20
            assert D.age_on(dt.date.fromisoformat(f["wife_date_of_birth"]), reg) >= 18
            _id_matches(f["husband_id_number"], int(f["husband_date_of_birth"][:4]), False)
            _id_matches(f["wife_id_number"], int(f["wife_date_of_birth"][:4]), True)
        if t == "business_registration":
            assert D.mst_check_digit(f["enterprise_code"][:9]) == int(f["enterprise_code"][9])
            assert int(f["charter_capital_vnd"]) > 0
        if t == "land_use_certificate":
            assert float(f["area_m2"]) > 0
            assert (
                f["land_use_term"] == "Lâu dài"
                or dt.date.fromisoformat(f["land_use_term"]) > D.REFERENCE_DATE
            )
            assert re.fullmatch(r"[A-ZĐ]{1,2} \d{6,8}", f["serial_number"])
        if t in ("administrative_decision", "official_letter"):
            assert re.fullmatch(r"\d{2,5}(/\d{4})?/[A-ZĐa-z]+-[A-ZĐ0-9\-]+", f["document_number"]), f[
                "document_number"
            ]
        # documents dated after the 2-tier reform name no district
        day = (
            f.get("issue_date")
            or f.get("registration_date")
            or f.get("request_date")
            or f.get("amendment_date")
        )
        if day and day >= "2025-07-01" and t != "citizen_id":
            for k in ("address", "head_office_address", "registration_place", "recipient", "issuing_agency"):
                assert "huyện" not in f.get(k, "").lower(), (r["id"], k, f.get(k))


def _id_matches(pid: str, year: int, female: bool) -> None:
    assert int(pid[3]) == D.century_sex_digit(year, female)
    assert pid[4:6] == f"{year % 100:02d}"


def test_mrz_check_digits_hold_on_valid_cards(blind_set):
    _, recs = blind_set
    cards = [
        r
        for r in recs
        if r["document_type"] == "citizen_id" and r["planted_error"] is None and "mrz" in r["variant"]
    ]
    for r in cards:
        lines = r["variant"]["mrz"]
        f = r["fields"]
        assert [len(x) for x in lines] == [30, 30, 30]
        assert D.mrz_valid(lines)
        assert lines[0][5:14] == f["id_number"][-9:] and lines[0][15:27] == f["id_number"]
        assert lines[1][0:6] == f["date_of_birth"][2:].replace("-", "")
        assert lines[1][8:14] == f["expiry_date"][2:].replace("-", "")
        assert lines[1][7] == ("F" if f["sex"] == "Nữ" else "M")


def test_mrz_matches_the_domain_example():
    # domain-vn.md §2.1: IDVNM0930470641001093047064<<2 / 9301054M3301052VNM<<<<<<<<<<<8
    lines = D.mrz_td1("001093047064", (1993, 1, 5), False, (2033, 1, 5), "Ung Hoàng Hiệp")
    assert lines[:2] == ["IDVNM0930470641001093047064<<2", "9301054M3301052VNM<<<<<<<<<<<8"]
    assert lines[2].startswith("UNG<<HOANG<HIEP<")
    assert D.mrz_valid(lines)
    broken = [lines[0][:14] + "7" + lines[0][15:], lines[1], lines[2]]
    assert not D.mrz_valid(broken)


def test_planted_errors_cover_the_four_criteria(blind_set):
    _, recs = blind_set
    planted = [r["planted_error"] for r in recs if r["planted_error"]]
    assert 0.35 * len(recs) <= len(planted) <= 0.65 * len(recs)
    assert Counter(p["criterion"] for p in planted).keys() == set(CRITERIA)
    for r in recs:
        p = r["planted_error"]
        if p is None:
            continue
        assert set(p) == {"field", "criterion", "kind", "description"} and p["description"]
        if p["criterion"] == "complete":
            assert p["field"] not in r["fields"]  # the blank field is absent from the ground truth
        else:
            assert p["field"] in r["fields"]


def _digest(out: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(out.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(out).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_documents(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    # the types with the most random drawing: card photos, two-page certificates, handwriting
    types = ("citizen_id", "land_use_certificate", "application_form")
    ra = generate(a, 2, 5, True, types=types)
    rb = generate(b, 2, 5, True, types=types)
    rc = generate(c, 1, 6, True, types=types)
    assert ra == rb
    assert _digest(a) == _digest(b)
    assert [r["fields"] for r in ra[::2]] != [r["fields"] for r in rc]


def test_legacy_encodings_look_like_mojibake():
    assert D.to_tcvn3("Nguyễn Văn Hùng") == "NguyÔn V¨n Hïng"
    assert D.to_vni("Nguyễn Văn Hùng") == "Nguyeãn Vaên Huøng"


def test_same_seed_same_manifest_in_another_process(tmp_path):
    """Nothing may depend on per-process state (str hashing, set order)."""
    import os
    import subprocess
    import sys

    script = "import sys; from bench.blind import generate; generate(sys.argv[1], 2, 3, True, types=('citizen_id',))"
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env, cwd=PROJECT_ROOT)
        outs.append((out / "manifest.jsonl").read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert _digest(tmp_path / "1") == _digest(tmp_path / "2")


def test_a_planted_impossible_day_still_renders() -> None:
    # Seeds 71, 72 and 83 with --plant-errors crashed: a decision whose planted date was
    # 31/02 was compared with the 2025 reform date through dt.date(2025, 2, 31).
    assert D.as_date((2025, 2, 31)) == dt.date(2025, 2, 28)
    assert D.as_date((2024, 2, 30)) == dt.date(2024, 2, 29)
    assert D.as_date((2025, 6, 16)) == dt.date(2025, 6, 16)
