"""The blind set: documents of the 8 types of fields.md, with ground truth and planted errors."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from . import admin, business, cards, civil, forms, land
from .common import Doc

DOCUMENT_TYPES = (
    "citizen_id",
    "birth_certificate",
    "marriage_certificate",
    "land_use_certificate",
    "business_registration",
    "administrative_decision",
    "official_letter",
    "application_form",
)
CRITERIA = ("correct", "complete", "clean", "live")


class _Mod:
    def __init__(self, make: Callable, fields: Callable, errors: dict, render: Callable) -> None:
        self.make, self.fields, self.errors, self.render = make, fields, errors, render


def _module(doc_type: str) -> _Mod:
    if doc_type == "citizen_id":
        return _Mod(cards.make, cards.fields, cards.ERRORS, cards.render)
    if doc_type in ("administrative_decision", "official_letter"):
        return _Mod(lambda rng: admin.make(rng, doc_type), admin.fields, admin.ERRORS, admin.render)
    if doc_type == "birth_certificate":
        return _Mod(civil.make_birth, civil.fields_birth, civil.ERRORS_BIRTH, civil.render_birth)
    if doc_type == "marriage_certificate":
        return _Mod(civil.make_marriage, civil.fields_marriage, civil.ERRORS_MARRIAGE, civil.render_marriage)
    if doc_type == "land_use_certificate":
        return _Mod(land.make, land.fields, land.ERRORS, land.render)
    if doc_type == "business_registration":
        return _Mod(business.make, business.fields, business.ERRORS, business.render)
    if doc_type == "application_form":
        return _Mod(forms.make, forms.fields, forms.ERRORS, forms.render)
    raise ValueError(f"unknown document type {doc_type!r}")


def _error_plan(seed: int, doc_type: str, n: int, plant: bool) -> dict[int, str]:
    """Which documents of a type carry an error, and of which criterion (cycled so all four appear)."""
    if not plant or n == 0:
        return {}
    rng = random.Random(f"plan:{seed}:{doc_type}")
    idx = list(range(n))
    rng.shuffle(idx)
    k = n // 2 + (n % 2 if rng.random() < 0.5 else 0)
    offset = DOCUMENT_TYPES.index(doc_type)
    return {i: CRITERIA[(j + offset) % 4] for j, i in enumerate(sorted(idx[:k]))}


def build(
    doc_type: str, seed: int, i: int, criterion: str | None
) -> tuple[Doc, list[Image.Image], list[str]]:
    mod = _module(doc_type)
    rng = random.Random(f"doc:{seed}:{doc_type}:{i}")
    doc = Doc(doc_type, mod.make(rng))
    if criterion:
        fn = rng.choice(mod.errors[criterion])
        field, crit, kind, desc = fn(doc, rng)
        doc.planted = {"field": field, "criterion": crit, "kind": kind, "description": desc}
    mod.fields(doc, rng)
    doc.apply_overrides()
    pages, sides = mod.render(doc, rng)
    return doc, pages, sides


def _save(pages: list[Image.Image], path_stem: Path, rng: random.Random, variant: dict[str, Any]) -> Path:
    dpi = int(variant.get("dpi", 300))
    if len(pages) == 1:
        photo = variant.get("capture") == "phone"
        if photo or rng.random() < 0.4:
            q = rng.randint(60, 90)
            p = path_stem.with_suffix(".jpg")
            pages[0].save(p, "JPEG", quality=q, dpi=(dpi, dpi))
            variant["jpeg_quality"] = q
        else:
            p = path_stem.with_suffix(".png")
            # level 1: noisy scans hardly compress better at higher levels, and zlib was most of the run time
            pages[0].save(p, "PNG", dpi=(dpi, dpi), compress_level=1)
        return p
    p = path_stem.with_suffix(".tif")
    q = rng.randint(70, 90)
    pages[0].save(
        p, "TIFF", save_all=True, append_images=pages[1:], compression="jpeg", quality=q, dpi=(dpi, dpi)
    )
    variant["jpeg_quality"] = q
    return p


def generate(
    out_dir: Path, n_per_type: int, seed: int, plant_errors: bool, *, types: tuple[str, ...] | None = None
) -> list[dict]:
    """Write images and manifest.jsonl under out_dir; return the manifest records.

    `types` restricts the set to some document types (default: all 8); a type's documents do
    not depend on which other types are generated.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[dict] = []
    for t in types or ():
        if t not in DOCUMENT_TYPES:
            raise ValueError(f"unknown document type {t!r}; expected one of {DOCUMENT_TYPES}")
    for doc_type in DOCUMENT_TYPES:
        if types and doc_type not in types:
            continue
        (out_dir / doc_type).mkdir(exist_ok=True)
        plan = _error_plan(seed, doc_type, n_per_type, plant_errors)
        for i in range(n_per_type):
            doc, pages, sides = build(doc_type, seed, i, plan.get(i))
            doc_id = f"{doc_type}_{i:03d}"
            path = _save(
                pages, out_dir / doc_type / doc_id, random.Random(f"save:{seed}:{doc_id}"), doc.variant
            )
            variant = dict(doc.variant)
            records.append(
                {
                    "id": doc_id,
                    "file": str(path.relative_to(out_dir)),
                    "pages": len(pages),
                    "page_sides": sides,
                    "document_type": doc_type,
                    "fields": dict(sorted(doc.gt.items())),
                    "aliases": dict(sorted(doc.aliases.items())),
                    "planted_error": doc.planted,
                    "variant": variant,
                }
            )
    with (out_dir / "manifest.jsonl").open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records
