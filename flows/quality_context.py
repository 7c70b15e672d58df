"""The quality rules' context from the warehouse: reference data and what is already known.

quality/ is pure; storage/ answers queries; this module turns one into the other:

    reference = load_reference_context(sf)               # cached per loaded version
    verdict = judge_in_warehouse(sf, extraction, today=…, text=…, sha256=…, reference=reference)

``rejudge(sf, result, today=…)`` does that for a ``DocumentResult`` from ``process_bytes``.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from extractors.types import Extraction
from quality import Facts, KnownDocument, KnownPerson, Reference, document_identity, document_subject, judge
from quality.reference import ID_CODES_SOURCE, ID_PROVINCE_CODES, Candidate, Unit, UnitList
from quality.rules import PERSON_ID_FIELDS
from quality.types import Verdict
from storage.warehouse import masters
from storage.warehouse import reference as ref_store
from storage.warehouse.types import SessionFactory

from .pipeline import DocumentResult

ID_CODES_VERSION = "tt07-2016"
_CACHE: dict[str, Reference] = {}


def load_reference_data(sf: SessionFactory) -> list[ref_store.LoadResult]:
    """Load (idempotently) every reference dataset: 2025 and pre-2025 unit lists, the
    old→new mapping (vietnamadminunits, MIT) and the frozen 63-code personal-ID table."""
    return ref_store.load_all(
        sf, ID_PROVINCE_CODES, id_codes_version=ID_CODES_VERSION, id_codes_source=ID_CODES_SOURCE
    )


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def reference_from_snapshot(snap: ref_store.ReferenceSnapshot) -> Reference:
    lists = []
    for ul in snap.unit_lists:
        provinces = {c: Unit(c, n) for c, n in ul.provinces}
        communes: dict[str, Unit] = {}
        for code, name, province, district in ul.communes:
            communes.setdefault(code, Unit(code, name, province, district))
        lists.append(UnitList(ul.name, _iso(ul.valid_from), _iso(ul.valid_to), provinces, communes))
    mapping: dict[str, list[Candidate]] = {}
    for old, new, new_name, default, partial in snap.mapping:
        mapping.setdefault(old, []).append(Candidate(new, new_name, default, partial))
    return Reference(snap.version, tuple(lists), {k: tuple(v) for k, v in mapping.items()})


def load_reference_context(sf: SessionFactory) -> Reference | None:
    """The newest reference data as a ``quality.Reference`` (None if nothing is loaded).

    Kept in memory per loaded version: reading the ~14,000 unit rows for every document
    was 70 % of a sweep's time (py-spy, 100 one-line pages)."""
    version = ref_store.snapshot_version(sf)
    if version is None:
        return None
    if version not in _CACHE:
        snap = ref_store.snapshot(sf)
        if snap is None:
            return None
        _CACHE[snap.version] = reference_from_snapshot(snap)
        return _CACHE[snap.version]  # a load may have committed since: its own version
    return _CACHE[version]


def facts_for(sf: SessionFactory, extraction: Extraction, *, sha256: str | None) -> Facts:
    ids = [extraction.fields[k].value for k in PERSON_ID_FIELDS if k in extraction.fields]
    wf = masters.facts_for(
        sf,
        personal_ids=ids,
        identity_key=document_identity(extraction),
        subject_key=document_subject(extraction),
    )

    def known(d: masters.KnownDoc) -> KnownDocument:
        return KnownDocument(d.id, d.doc_type, d.document_date, d.sha256, d.amendment_number)

    return Facts(
        persons={
            pid: KnownPerson(p.full_name or "", p.date_of_birth, p.document_ids)
            for pid, p in wf.persons.items()
        },
        same_identity=tuple(known(d) for d in wf.same_identity),
        predecessors=tuple(known(d) for d in wf.same_subject),
        sha256=sha256,
    )


def judge_in_warehouse(
    sf: SessionFactory,
    extraction: Extraction,
    *,
    today: date,
    text: str | None,
    sha256: str | None,
    reference: Reference | None = None,
) -> Verdict:
    ref = reference if reference is not None else load_reference_context(sf)
    return judge(
        extraction, today=today, text=text, reference=ref, facts=facts_for(sf, extraction, sha256=sha256)
    )


def rejudge(sf: SessionFactory, result: DocumentResult, *, today: date) -> DocumentResult:
    """The same result judged again with the warehouse's reference data and known facts."""
    verdict = judge_in_warehouse(
        sf, result.extraction, today=today, text=result.document.text, sha256=result.sha256
    )
    return dataclasses.replace(result, verdict=verdict)


def facts_as_known(
    sf: SessionFactory, extraction: Extraction, *, document_id: int, sha256: str | None
) -> Facts:
    """The facts for judging a document already stored, again: itself left out (it would be
    its own duplicate and its own person), identity and person facts as they stood when it
    arrived (older documents only, so a later copy does not make the first one a duplicate),
    and every other version of its subject, newer ones included (``sống``: supersession)."""
    ids = [extraction.fields[k].value for k in PERSON_ID_FIELDS if k in extraction.fields]
    wf = masters.facts_for(
        sf,
        personal_ids=ids,
        identity_key=document_identity(extraction),
        subject_key=document_subject(extraction),
    )

    def known(d: masters.KnownDoc) -> KnownDocument:
        return KnownDocument(d.id, d.doc_type, d.document_date, d.sha256, d.amendment_number)

    persons = {}
    for pid, p in wf.persons.items():
        earlier = tuple(i for i in p.document_ids if i < document_id)
        if earlier:
            persons[pid] = KnownPerson(p.full_name or "", p.date_of_birth, earlier)
    return Facts(
        persons=persons,
        same_identity=tuple(known(d) for d in wf.same_identity if d.id < document_id),
        predecessors=tuple(known(d) for d in wf.same_subject if d.id != document_id),
        sha256=sha256,
    )


def judge_stored(
    sf: SessionFactory,
    extraction: Extraction,
    *,
    document_id: int,
    sha256: str | None,
    today: date,
    text: str | None,
    reference: Reference | None = None,
) -> Verdict:
    """A stored document judged again on ``today`` with the newest reference data: what goes
    stale with time (expiry, staleness, supersession, current unit) is evaluated afresh."""
    ref = reference if reference is not None else load_reference_context(sf)
    return judge(
        extraction,
        today=today,
        text=text,
        reference=ref,
        facts=facts_as_known(sf, extraction, document_id=document_id, sha256=sha256),
    )
