"""Where and when a document speaks: its date, and the units of its addresses in a code list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.types import Extraction

from ..reference import Reference, Unit, UnitList, parse_iso, same_unit_type, spelling_variant, unit_key
from .base import Context
from .fields import _AGENCY, _COMMUNE_WORD, _DISTRICT_WORD, DOCUMENT_DATE_FIELDS


def document_date(ctx: Context) -> date | None:
    for k in DOCUMENT_DATE_FIELDS:
        span = parse_iso(ctx.fields[k].value) if k in ctx.fields else None
        if span:
            return span[1] if k != "amendment_date" else span[0]
    return None


def document_date_of(extraction: Extraction) -> date | None:
    """The date a document speaks for (issue, registration, amendment, request)."""
    return document_date(Context(extraction, date.today()))


@dataclass(frozen=True)
class Place:
    province: Unit
    commune: list[Unit]
    district_named: str | None
    commune_named: str | None


def locate(address: str, units: UnitList) -> Place | None:
    """Find the province (last part) and commune of an address in one code list."""
    parts = [_AGENCY.sub("", p.strip()).strip() for p in re.split(r"[,;\-–]\s*(?=\D)", address) if p.strip()]
    parts = [p for p in parts if p]
    if not parts:
        return None
    provinces = units.province_by_key.get(unit_key(parts[-1]))
    if not provinces and len(parts) > 1:  # a name with a dash: "Tỉnh Bà Rịa - Vũng Tàu"
        provinces = units.province_by_key.get(unit_key(f"{parts[-2]} - {parts[-1]}"))
        parts = parts[:-1] if provinces else parts
    if not provinces:
        return None
    province = provinces[0]
    district = next((p for p in parts[:-1] if _DISTRICT_WORD.match(p)), None)
    at = next((i for i, p in enumerate(parts[:-1]) if _COMMUNE_WORD.match(p)), None)
    commune = parts[at] if at is not None else None
    found: list[Unit] = []
    if at is not None and commune:
        # a name with a dash ("Phường Cam Ly - Đà Lạt") was cut in two by the split above
        names = [commune] + ([f"{commune} - {parts[at + 1]}"] if at + 1 < len(parts) - 1 else [])
        for name in names:
            found = list(units.commune_by_key.get((province.code, unit_key(name)), []))
            if found:
                commune = name
                break
        if district and len(found) > 1:
            narrowed = [u for u in found if u.district and spelling_variant(u.district, district)]
            found = narrowed or found
        for name in names if not found else ():
            # another official list's spelling of the same unit (Rơ Kơi / Rờ Kơi)
            found = units.commune_variant(province.code, name, district)
            if found:
                commune = name
                break
        if len(found) > 1:  # Xã Hát Lót and Thị trấn Hát Lót, one district: the type word tells
            found = [u for u in found if same_unit_type(u.name, commune)] or found
    return Place(province, found, district, commune)


def any_province(ref: Reference, address: str) -> tuple[UnitList, Place] | None:
    for ul in ref.unit_lists:
        place = locate(address, ul)
        if place:
            return ul, place
    return None
