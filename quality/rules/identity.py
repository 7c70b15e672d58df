"""What makes two scans the same document, and what a newer document replaces."""

from __future__ import annotations

from extractors.registry import IdentityPart, doc_type
from extractors.types import Extraction

from ..reference import match_key


def _identity_part(part: IdentityPart, f: dict[str, str]) -> str | None:
    if part.folded:
        return match_key(f.get(part.keys[0], ""))
    value = f.get(part.keys[0])
    for k in part.keys[1:]:
        value = value or f.get(k)
    return (value or part.default) if part.default is not None else value


def document_identity(ex: Extraction) -> str | None:
    """What makes two scans the same document (not the same file): per type, the identity
    parts the registry gives; none without the first part or with any part missing."""
    t = doc_type(ex.doc_type)
    if t is None:
        return None
    f = {k: fv.value for k, fv in ex.values.items()}
    parts = tuple(_identity_part(p, f) for p in t.identity)
    if not all(p is not None and p != "" for p in parts[:1]) or any(p is None for p in parts):
        return None
    return t.name + ":" + "|".join(str(p) for p in parts)


def document_subject(ex: Extraction) -> str | None:
    """What a newer document of the same type replaces: the card holder, the parcel, the enterprise."""
    f = {k: fv.value for k, fv in ex.values.items()}
    if ex.doc_type == "citizen_id" and f.get("id_number"):
        return f"person:{f['id_number']}"
    if ex.doc_type == "land_use_certificate" and f.get("map_sheet_number") and f.get("parcel_number"):
        return (
            f"parcel:{int(f['map_sheet_number'])}/{int(f['parcel_number'])}"
            if (f["map_sheet_number"].isdigit() and f["parcel_number"].isdigit())
            else None
        )
    if ex.doc_type == "business_registration" and f.get("enterprise_code"):
        return f"enterprise:{f['enterprise_code']}"
    return None
