"""Reference data versions, the 2025 traps, verdict storage, links and master tables."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.errors import StoreError
from storage.warehouse import masters
from storage.warehouse import reference as ref
from storage.warehouse.documents import save_document
from storage.warehouse.models import DocumentLink, DocumentVerdict, MasterFact
from storage.warehouse.records import FieldRecord

CODES = {"080": "Long An", "072": "Tây Ninh", "096": "Cà Mau"}


@pytest.fixture(scope="module")
def vau() -> list[ref.Dataset]:
    return ref.read_vietnamadminunits()


def test_vietnamadminunits_reader_counts_and_traps(vau) -> None:
    new, legacy, mapping = vau
    assert sum(r["level"] == "province" for r in new.rows) == 34
    assert sum(r["level"] == "commune" for r in new.rows) == 3321
    assert sum(r["level"] == "province" for r in legacy.rows) == 63
    assert new.valid_from == legacy.valid_to == "2025-07-01"
    # Code 80: Long An before the reform, Tây Ninh after.
    assert {r["name"] for r in legacy.rows if r["level"] == "province" and r["code"] == "80"} == {
        "Tỉnh Long An"
    }
    assert {r["name"] for r in new.rows if r["level"] == "province" and r["code"] == "80"} == {
        "Tỉnh Tây Ninh"
    }
    # Cà Mau keeps 96 with 64 communes.
    assert sum(r["level"] == "commune" and r["province_code"] == "96" for r in new.rows) == 64
    # Phường 6 of TP Cà Mau was split between Tân Thành (default) and Hòa Thành (NQ 1655).
    p6 = [m for m in mapping.rows if m["old_name"] == "Phường 6" and m["old_district"] == "Thành phố Cà Mau"]
    assert {(m["new_code"], m["new_name"], m["is_default"], m["partial"]) for m in p6} == {
        ("32025", "Phường Tân Thành", True, True),
        ("32041", "Phường Hòa Thành", False, True),
    }


def test_load_is_versioned_never_overwritten(warehouse, vau) -> None:
    results = [ref.load_dataset(warehouse, ds) for ds in vau]
    results.append(ref.load_dataset(warehouse, ref.id_codes_dataset(CODES, version="v1", source="test")))
    assert all(r.created for r in results)
    again = ref.load_dataset(warehouse, vau[0])
    assert not again.created and again.version_id == results[0].version_id  # idempotent
    changed = ref.Dataset(ref.ID_CODES, "v1", "test", [{"code": "080", "name": "Tây Ninh"}])
    with pytest.raises(StoreError, match="new version"):
        ref.load_dataset(warehouse, changed)
    update = ref.Dataset(ref.ID_CODES, "v2", "test", [{"code": "080", "name": "Long An"}])
    assert ref.load_dataset(warehouse, update).created
    listed = [(v.dataset, v.version) for v in ref.versions(warehouse)]
    assert (ref.ID_CODES, "v1") in listed and (ref.ID_CODES, "v2") in listed  # both kept

    snap = ref.snapshot(warehouse)
    assert snap is not None and snap.id_codes == {"080": "Long An"}  # newest version wins
    # The cheap version check that lets the sweep keep the snapshot in memory agrees with it.
    assert ref.snapshot_version(warehouse) == snap.version and "v2" in snap.version
    assert ref.unit_count(warehouse, ref.DVHC_2025, "commune") == 3321
    by_name = {u.name.split(":")[0]: u for u in snap.unit_lists}
    assert dict(by_name[ref.DVHC_2025].provinces)["80"] == "Tỉnh Tây Ninh"
    assert dict(by_name[ref.DVHC_LEGACY].provinces)["80"] == "Tỉnh Long An"
    split = {(m[1], m[3], m[4]) for m in snap.mapping if m[0] == "32017"}
    assert split == {("32025", True, True), ("32041", False, True)}


def _fields(**values: str) -> list[FieldRecord]:
    return [FieldRecord(key=k, value=v, raw=v, source="ocr", confidence=0.95) for k, v in values.items()]


CARD = {"id_number": "096190001234", "full_name": "Trần Thị Mai", "date_of_birth": "1990-05-10", "sex": "Nữ"}


def test_verdict_masters_reuse_and_links(warehouse, registered, make_record) -> None:
    lid, o = registered("inbox/HS-001/cccd.jpg")
    first = save_document(
        warehouse,
        make_record(
            lid,
            o,
            doc_type="citizen_id",
            fields=_fields(**CARD, issue_date="2022-06-01"),
            criteria_scores={"correct": 1.0, "complete": 0.9, "clean": 1.0, "live": None},
            field_status={"full_name": "accepted"},
            annotations={"valid_to": "2030-05-10"},
            identity_key="citizen_id:096190001234|2022-06-01",
            subject_key="person:096190001234",
            document_date="2022-06-01",
        ),
    )
    with warehouse() as s:
        v = s.get(DocumentVerdict, first)
        assert v.criteria_scores["complete"] == 0.9 and v.valid_to == "2030-05-10" and v.rules_version == "r1"
        assert v.fields_known == 0 and v.fields_total == 5

    # A second dossier for the same person finds what is known.
    known = masters.person(warehouse, "096190001234")
    assert known is not None and known.full_name == "Trần Thị Mai" and known.document_ids == (first,)
    assert known.facts["date_of_birth"] == ["1990-05-10"]

    lid2, o2 = registered("inbox/HS-002/don.jpg")
    form = save_document(
        warehouse,
        make_record(
            lid2,
            o2,
            doc_type="application_form",
            fields=_fields(
                applicant_name="Trần Thị Mai",
                applicant_id_number="096190001234",
                date_of_birth="1990-05-10",
                form_title="Tờ khai đăng ký khai sinh",
            ),
        ),
    )
    with warehouse() as s:
        v2 = s.get(DocumentVerdict, form)
        assert (v2.fields_known, v2.fields_total) == (2, 4)  # name and date of birth already known
        facts = (
            s.execute(select(MasterFact.document_id).where(MasterFact.attribute == "full_name"))
            .scalars()
            .all()
        )
        assert sorted(facts) == [first, form]  # links back to every document stating it

    metrics = masters.reuse_metrics(warehouse)
    assert metrics.persons == 1 and metrics.documents == 2 and metrics.documents_reusable == 2
    assert metrics.field_share == pytest.approx(2 / 9)

    # Rejected documents feed nothing.
    lid3, o3 = registered("inbox/HS-003/cccd.jpg")
    save_document(
        warehouse,
        make_record(
            lid3,
            o3,
            doc_type="citizen_id",
            status="rejected",
            fields=_fields(id_number="096190009999", full_name="Phạm Văn Bình"),
        ),
    )
    assert masters.person(warehouse, "096190009999") is None

    # A newer card of the same person supersedes the older one; a rescan is a duplicate.
    lid4, o4 = registered("inbox/HS-004/cccd-moi.jpg")
    newer = save_document(
        warehouse,
        make_record(
            lid4,
            o4,
            doc_type="citizen_id",
            fields=_fields(**CARD, issue_date="2026-01-10"),
            identity_key="citizen_id:096190001234|2026-01-10",
            subject_key="person:096190001234",
            document_date="2026-01-10",
        ),
    )
    lid5, o5 = registered("inbox/HS-005/cccd-quet-lai.jpg")
    rescan = save_document(
        warehouse,
        make_record(
            lid5,
            o5,
            doc_type="citizen_id",
            fields=_fields(**CARD, issue_date="2022-06-01"),
            identity_key="citizen_id:096190001234|2022-06-01",
            subject_key="person:096190001234",
            document_date="2022-06-01",
        ),
    )
    with warehouse() as s:
        links = {(k.from_document_id, k.to_document_id, k.kind) for k in s.scalars(select(DocumentLink))}
        assert (newer, first, "supersedes") in links and (rescan, first, "duplicate_of") in links
        assert s.scalar(select(func.count()).select_from(DocumentVerdict)) == 5  # old rows stay
    wf = masters.facts_for(
        warehouse,
        personal_ids=["096190001234"],
        identity_key="citizen_id:096190001234|2022-06-01",
        subject_key="person:096190001234",
    )
    assert [d.id for d in wf.same_identity] == [first, rescan]
    assert [d.id for d in wf.same_subject] == [first, newer, rescan]
    assert wf.persons["096190001234"].date_of_birth == "1990-05-10"


def test_new_storage_modules_import_nothing_above_storage() -> None:
    import json
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "import storage.links, storage.warehouse.reference, storage.warehouse.masters, storage.warehouse.reports\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = set(json.loads(out.stdout))
    assert "storage" in loaded
    assert not loaded & {"flows", "ocr", "extractors", "quality", "prefect"}
