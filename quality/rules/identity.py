"""What makes two scans the same document, and what a newer document replaces."""

from __future__ import annotations

from extractors.types import Extraction

from ..reference import match_key


def document_identity(ex: Extraction) -> str | None:
    """What makes two scans the same document (not the same file): per type, its identifiers."""
    f = {k: fv.value for k, fv in ex.values.items()}
    parts: tuple[str | None, ...]
    t = ex.doc_type
    if t == "citizen_id":
        parts = (f.get("id_number") or f.get("legacy_id_number"), f.get("issue_date"))
    elif t in ("birth_certificate", "marriage_certificate"):
        parts = (
            f.get("registration_number"),
            f.get("book_number") or "",
            f.get("registration_date"),
            match_key(f.get("registration_place", "")),
        )
    elif t == "land_use_certificate":
        parts = (f.get("serial_number"),)
    elif t == "business_registration":
        parts = (f.get("enterprise_code"), f.get("amendment_number") or "0")
    elif t in ("administrative_decision", "official_letter"):
        parts = (f.get("document_number"), f.get("issue_date"), match_key(f.get("issuing_agency", "")))
    elif t == "application_form":
        parts = (
            match_key(f.get("applicant_name", "")),
            f.get("request_date"),
            match_key(f.get("form_title", "")),
        )
    else:
        return None
    if not all(p is not None and p != "" for p in parts[:1]) or any(p is None for p in parts):
        return None
    return t + ":" + "|".join(str(p) for p in parts)


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
