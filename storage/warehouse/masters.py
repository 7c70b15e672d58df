"""Master tables: people by personal ID, enterprises by code, land parcels by map sheet +
parcel (+ locality), each fact linked to every document that states it ("một lần khai
báo": a second dossier finds what is already known).

``populate`` runs inside ``save_document``'s transaction; only accepted documents feed the
masters, but every document is measured against them (how many of its fields were already
known). ``facts_for`` is what the flow hands to the quality rules (plain values).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.warehouse.db import transaction
from storage.warehouse.models import (
    Document,
    DocumentLink,
    DocumentVerdict,
    FieldValue,
    IngestLedger,
    MasterEntity,
    MasterFact,
)
from storage.warehouse.types import SessionFactory, utcnow

# Per document type: (entity type, field holding the natural key, {field: attribute}).
# Field keys are the contract of fields.md.
ROLES: dict[str, tuple[tuple[str, str, dict[str, str]], ...]] = {
    "citizen_id": (
        (
            "person",
            "id_number",
            {
                "full_name": "full_name",
                "date_of_birth": "date_of_birth",
                "sex": "sex",
                "place_of_residence": "residence",
                "place_of_origin": "place_of_origin",
                "legacy_id_number": "legacy_id_number",
                "nationality": "nationality",
            },
        ),
    ),
    "birth_certificate": (
        (
            "person",
            "personal_id_number",
            {
                "full_name": "full_name",
                "date_of_birth": "date_of_birth",
                "sex": "sex",
                "place_of_birth": "place_of_birth",
                "nationality": "nationality",
                "ethnicity": "ethnicity",
            },
        ),
    ),
    "marriage_certificate": (
        (
            "person",
            "husband_id_number",
            {"husband_name": "full_name", "husband_date_of_birth": "date_of_birth"},
        ),
        ("person", "wife_id_number", {"wife_name": "full_name", "wife_date_of_birth": "date_of_birth"}),
    ),
    "land_use_certificate": (
        ("person", "holder_id_number", {"holder_name": "full_name"}),
        (
            "land_parcel",
            "",
            {
                "serial_number": "serial_number",
                "holder_name": "holder_name",
                "holder_id_number": "holder_id_number",
                "area_m2": "area_m2",
                "land_use_purpose": "land_use_purpose",
                "land_use_term": "land_use_term",
                "address": "address",
            },
        ),
    ),
    "business_registration": (
        ("person", "legal_representative_id_number", {"legal_representative": "full_name"}),
        (
            "enterprise",
            "enterprise_code",
            {
                "enterprise_name": "name",
                "head_office_address": "head_office_address",
                "charter_capital_vnd": "charter_capital_vnd",
                "legal_representative": "legal_representative",
                "first_registration_date": "first_registration_date",
                "amendment_number": "amendment_number",
            },
        ),
    ),
    "application_form": (
        (
            "person",
            "applicant_id_number",
            {
                "applicant_name": "full_name",
                "date_of_birth": "date_of_birth",
                "address": "residence",
                "phone": "phone",
            },
        ),
    ),
}


def _norm(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def _parcel_key(fields: Mapping[str, str], annotations: Mapping) -> str | None:
    sheet, parcel = fields.get("map_sheet_number"), fields.get("parcel_number")
    if not (sheet and parcel and sheet.isdigit() and parcel.isdigit()):
        return None
    unit = ((annotations or {}).get("units") or {}).get("address") or {}
    locality = unit.get("commune_code") or _norm(fields.get("address", ""))
    return f"{int(sheet)}/{int(parcel)}@{locality}"[:255]


@dataclass(frozen=True)
class Statement:
    entity_type: str
    natural_key: str
    display_name: str | None
    facts: tuple[tuple[str, str, str], ...]  # (attribute, value, field key)


def statements(
    doc_type: str, fields: Mapping[str, str], annotations: Mapping | None = None
) -> list[Statement]:
    """What one document says about which master entities."""
    out = []
    for entity_type, key_field, attrs in ROLES.get(doc_type, ()):
        if entity_type == "land_parcel":
            key = _parcel_key(fields, annotations or {})
        else:
            key = fields.get(key_field)
            if entity_type == "person" and not (key and key.isdigit() and len(key) == 12):
                key = None
        if not key:
            continue
        facts = tuple((attr, fields[f], f) for f, attr in attrs.items() if fields.get(f))
        name_field = next((f for f, a in attrs.items() if a in ("full_name", "name")), None)
        out.append(Statement(entity_type, key, fields.get(name_field) if name_field else None, facts))
    return out


def populate(
    s: Session,
    document_id: int,
    doc_type: str,
    fields: Mapping[str, str],
    annotations: Mapping,
    *,
    accepted: bool,
) -> tuple[int, int]:
    """Measure (fields already known, fields stated) and, for an accepted document, record
    its facts. Runs in the caller's transaction."""
    known_fields: set[str] = set()
    stated_fields: set[str] = set()
    now = utcnow()
    for st in statements(doc_type, fields, annotations):
        entity = s.scalar(
            select(MasterEntity).where(
                MasterEntity.entity_type == st.entity_type, MasterEntity.natural_key == st.natural_key
            )
        )
        if entity is not None:
            known = {
                (a, _norm(v))
                for a, v in s.execute(
                    select(MasterFact.attribute, MasterFact.value).where(MasterFact.entity_id == entity.id)
                )
            }
            for attr, value, field_key in st.facts:
                if (attr, _norm(value)) in known:
                    known_fields.add(field_key)
        stated_fields.update(f for _, _, f in st.facts)
        if not accepted:
            continue
        if entity is None:
            entity = MasterEntity(
                entity_type=st.entity_type,
                natural_key=st.natural_key,
                display_name=st.display_name,
                first_seen_at=now,
                last_seen_at=now,
            )
            s.add(entity)
            s.flush()
        else:
            entity.last_seen_at = now
            if st.display_name:
                entity.display_name = st.display_name
        for attr, value, field_key in st.facts:
            s.add(
                MasterFact(
                    entity_id=entity.id,
                    attribute=attr,
                    value=value,
                    document_id=document_id,
                    field_key=field_key,
                    created_at=now,
                )
            )
    return len(known_fields), len(stated_fields)


def link_document(
    s: Session,
    document_id: int,
    identity_key: str | None,
    subject_key: str | None,
    document_date: str | None,
    sha256: str,
) -> None:
    """Same identity, other content → ``duplicate_of`` the first such document. Same subject →
    the newer (by document date) ``supersedes`` the older; both stay."""
    now = utcnow()
    if identity_key:
        twin = s.scalar(
            select(Document.id)
            .join(DocumentVerdict, DocumentVerdict.document_id == Document.id)
            .where(
                DocumentVerdict.identity_key == identity_key,
                Document.id != document_id,
                Document.source_sha256 != sha256,
            )
            .order_by(Document.id)
            .limit(1)
        )
        if twin is not None:
            s.add(
                DocumentLink(
                    from_document_id=document_id, to_document_id=twin, kind="duplicate_of", created_at=now
                )
            )
            return
    if not subject_key:
        return
    others = s.execute(
        select(DocumentVerdict.document_id, DocumentVerdict.document_date).where(
            DocumentVerdict.subject_key == subject_key, DocumentVerdict.document_id != document_id
        )
    ).all()
    if not others:
        return
    mine = document_date or ""
    older = [o for o in others if (o.document_date or "") <= mine]
    newer = [o for o in others if (o.document_date or "") > mine]
    if older:  # I supersede the latest older one
        prev = max(older, key=lambda o: (o.document_date or "", o.document_id))
        s.add(
            DocumentLink(
                from_document_id=document_id,
                to_document_id=prev.document_id,
                kind="supersedes",
                created_at=now,
            )
        )
    if newer:  # an older version arrived late: the earliest newer one supersedes it
        nxt = min(newer, key=lambda o: (o.document_date or "", o.document_id))
        s.add(
            DocumentLink(
                from_document_id=nxt.document_id,
                to_document_id=document_id,
                kind="supersedes",
                created_at=now,
            )
        )


# --- reads -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PersonFacts:
    personal_id: str
    full_name: str | None
    date_of_birth: str | None
    document_ids: tuple[int, ...]
    facts: dict[str, list[str]]


@dataclass(frozen=True)
class KnownDoc:
    id: int
    doc_type: str
    document_date: str | None
    sha256: str
    amendment_number: int | None


@dataclass(frozen=True)
class WarehouseFacts:
    persons: dict[str, PersonFacts]
    same_identity: list[KnownDoc]
    same_subject: list[KnownDoc]


def _person(s: Session, personal_id: str) -> PersonFacts | None:
    entity = s.scalar(
        select(MasterEntity).where(
            MasterEntity.entity_type == "person", MasterEntity.natural_key == personal_id
        )
    )
    if entity is None:
        return None
    facts: dict[str, list[str]] = {}
    docs: set[int] = set()
    for attr, value, doc_id in s.execute(
        select(MasterFact.attribute, MasterFact.value, MasterFact.document_id)
        .where(MasterFact.entity_id == entity.id)
        .order_by(MasterFact.id)
    ):
        facts.setdefault(attr, [])
        if value not in facts[attr]:
            facts[attr].append(value)
        docs.add(doc_id)

    def first(attribute: str) -> str | None:
        return facts[attribute][0] if facts.get(attribute) else None

    return PersonFacts(
        personal_id,
        entity.display_name or first("full_name"),
        first("date_of_birth"),
        tuple(sorted(docs)),
        facts,
    )


def person(sf: SessionFactory, personal_id: str) -> PersonFacts | None:
    """Everything the warehouse knows about one person (for a second dossier)."""
    with transaction(sf) as s:
        return _person(s, personal_id)


def _known_docs(s: Session, column: InstrumentedAttribute[str | None], key: str) -> list[KnownDoc]:
    rows = s.execute(
        select(
            Document.id,
            Document.doc_type,
            DocumentVerdict.document_date,
            Document.source_sha256,
            FieldValue.value,
        )
        .join(DocumentVerdict, DocumentVerdict.document_id == Document.id)
        .outerjoin(
            FieldValue, and_(FieldValue.document_id == Document.id, FieldValue.key == "amendment_number")
        )
        .where(column == key)
        .order_by(Document.id)
    ).all()
    out = []
    for doc_id, doc_type, ddate, sha, amend in rows:
        digits = "".join(c for c in (amend or "") if c.isdigit())
        out.append(KnownDoc(doc_id, doc_type, ddate, sha, int(digits) if digits else None))
    return out


def facts_for(
    sf: SessionFactory,
    *,
    personal_ids: Iterable[str] = (),
    identity_key: str | None = None,
    subject_key: str | None = None,
) -> WarehouseFacts:
    with transaction(sf) as s:
        persons = {}
        for pid in set(personal_ids):
            p = _person(s, pid)
            if p is not None:
                persons[pid] = p
        same = _known_docs(s, DocumentVerdict.identity_key, identity_key) if identity_key else []
        subj = _known_docs(s, DocumentVerdict.subject_key, subject_key) if subject_key else []
        return WarehouseFacts(persons, same, subj)


@dataclass(frozen=True)
class ReuseMetrics:
    documents: int
    documents_reusable: int  # accepted and feeding at least one master fact
    fields_total: int
    fields_known: int
    persons: int
    enterprises: int
    land_parcels: int

    @property
    def field_share(self) -> float:
        return self.fields_known / self.fields_total if self.fields_total else 0.0

    @property
    def document_share(self) -> float:
        return self.documents_reusable / self.documents if self.documents else 0.0


def reuse_metrics(sf: SessionFactory, document_ids: Iterable[int] | None = None) -> ReuseMetrics:
    """Share of fields already known when their document arrived, and share of documents whose
    facts feed the masters; over ``document_ids`` or the whole warehouse."""
    with transaction(sf) as s:
        ids = list(document_ids) if document_ids is not None else None
        q = select(
            func.count(DocumentVerdict.document_id),
            func.coalesce(func.sum(DocumentVerdict.fields_total), 0),
            func.coalesce(func.sum(DocumentVerdict.fields_known), 0),
        )
        dq = select(func.count(func.distinct(MasterFact.document_id)))
        if ids is not None:
            q = q.where(DocumentVerdict.document_id.in_(ids))
            dq = dq.where(MasterFact.document_id.in_(ids))
        docs, total, known = s.execute(q).one()
        reusable = s.scalar(dq) or 0
        counts = dict(
            s.execute(select(MasterEntity.entity_type, func.count()).group_by(MasterEntity.entity_type)).all()
        )
        return ReuseMetrics(
            int(docs),
            int(reusable),
            int(total),
            int(known),
            counts.get("person", 0),
            counts.get("enterprise", 0),
            counts.get("land_parcel", 0),
        )


def batch_document_ids(sf: SessionFactory, batch_id: int) -> list[int]:
    with transaction(sf) as s:
        return list(
            s.scalars(
                select(Document.id)
                .join(IngestLedger, IngestLedger.id == Document.ledger_id)
                .where(IngestLedger.batch_id == batch_id)
                .order_by(Document.id)
            )
        )
