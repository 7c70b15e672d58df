"""Sample pages with exact ground truth, for the demo, tests and benchmarks.

``generate(out_dir, count, seed=0, formats=("png", "jpg", "pdf"), damage=False, types=None,
damage_kinds=None)`` renders ``count`` one-page documents at 200–300 DPI and writes, beside
them, ``truth.jsonl``: one line per file with its ``doc_type`` and the expected normalized
field values (fields.md keys). ``sohoa samples --out DIR`` is the command-line entry.

- Without ``types`` (the demo's and flow tests' call) kinds rotate quyết định → công văn
  (with V/v) → thông báo starting at ``seed``: A4 pages in the NĐ 30/2020/NĐ-CP layout,
  drawn by ``admin.py``.
- ``types=ALL_TYPES`` rotates every doc type of fields.md; the form-like types are drawn by
  ``forms.py`` (ID card front and back, giấy khai sinh, kết hôn, GCN QSDĐ, GCN ĐKDN,
  đơn / tờ khai).

Each doc type's renderer is found in ``RENDERERS``, keyed by the doc type names of
``extractors.types.DOC_TYPES`` (a test checks that every type has one).

Agencies and places are Cà Mau's (domain-vn Appendix A); people, numbers, dates and subjects
are FICTIONAL. The same seed gives the same pages and truth. Files are image-only: PNG, JPEG,
PDF (PIL's PDF writer, no text layer) and TIFF.

Damage: ``damage=True`` alone adds light scan damage (rotation ≤ 1°, gaussian noise, JPEG
quality 60). With ``damage_kinds`` (a subset of ``DAMAGE_KINDS``: skew, blur, noise,
low_dpi, jpeg, rotation by a quarter turn, a red seal stamped over text) each page gets one
kind in rotation, over a slight skew and grain; ``truth.damage`` records what was done.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from . import admin, forms
from .admin import KINDS
from .common import RenderedPage, SampleRenderer, SampleTruth, damage_page, light_damage, save_page
from .forms import FORM_TYPES

__all__ = ["ALL_TYPES", "RENDERERS", "generate", "render"]

# Every doc type of fields.md, in the order ``generate(types=ALL_TYPES)`` rotates them.
ALL_TYPES = (
    "citizen_id",
    "birth_certificate",
    "marriage_certificate",
    "land_use_certificate",
    "business_registration",
    "application_form",
    "administrative_decision",
    "official_letter",
)
# Doc type (extractors.types.DOC_TYPES) -> how its pages are drawn.
RENDERERS: dict[str, SampleRenderer] = {**forms.RENDERERS, **admin.RENDERERS}
# Layout (kind) -> its renderer; a form's kind is its doc type.
_BY_KIND = {kind: r for r in RENDERERS.values() for kind in r.kinds}


def render(rng: random.Random, kind: str) -> RenderedPage:
    """Draw one page of ``kind``: a form-like doc type, or an admin kind (``KINDS``)."""
    renderer = _BY_KIND.get(kind)
    if renderer is None:
        raise ValueError(f"unknown sample type {kind!r}: {KINDS + FORM_TYPES}")
    return renderer.draw(rng, kind)


def generate(
    out_dir: Path,
    count: int,
    seed: int = 0,
    formats: tuple[str, ...] = ("png", "jpg", "pdf"),
    damage: bool = False,
    types: tuple[str, ...] | None = None,
    damage_kinds: tuple[str, ...] | None = None,
) -> list[SampleTruth]:
    """Render ``count`` pages into ``out_dir`` (formats rotate) and write ``truth.jsonl``.

    ``types`` (doc types of fields.md, or the admin kinds ``quyet_dinh``/``cong_van``/
    ``thong_bao``) rotate; by default the three admin kinds, starting at ``seed``.
    ``damage_kinds`` (a subset of ``DAMAGE_KINDS``, rotating) gives each damaged page one
    kind of damage; without it ``damage=True`` applies the light default damage.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = tuple(f.lower().lstrip(".") for f in formats) or ("png",)
    truths: list[SampleTruth] = []
    for i in range(count):
        t0 = time.perf_counter()
        rng = random.Random(f"sohoa-samples:{seed}:{i}")
        if types:
            kind = types[i % len(types)]
            if kind in RENDERERS:  # a doc type: rotate its layouts
                opts = RENDERERS[kind].kinds
                kind = opts[(i // len(types)) % len(opts)]
        else:
            kind = KINDS[(seed + i) % len(KINDS)]
        page = render(rng, kind)
        img, dpi = page.image, page.dpi
        dmg = None
        if damage and damage_kinds:
            dk = damage_kinds[i % len(damage_kinds)]
            img, dmg, dpi = damage_page(img, dk, rng, seed * 1_000_003 + i, dpi, page.stamp_at)
        elif damage:
            img, dmg = light_damage(img, rng, seed * 1_000_003 + i)
        fmt = formats[i % len(formats)]
        name = f"{i:04d}_{kind}.{fmt}"
        save_page(img, out_dir / name, fmt, dpi, damage)
        truths.append(
            SampleTruth(
                file=name,
                doc_type=page.doc_type,
                format=fmt,
                dpi=dpi,
                seed=seed,
                index=i,
                damage=dmg,
                fields=page.fields,
                text=page.transcript,
                width=img.width,
                height=img.height,
                render_seconds=time.perf_counter() - t0,
            )
        )
    with open(out_dir / "truth.jsonl", "w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(t.export(), ensure_ascii=False) + "\n")
    return truths
