"""Review by a person: in the Prefect UI (a paused flow run shows a form with the fields,
their confidence and the failing rules, and an artifact with each flagged field's crop of the
page) or with ``sohoa review``. A correction, or a confirmation of the value as read, is
stored as a new field value with source ``review``, who and when; the rules run again on the
reviewed fields and the document gets the new verdict (the old rule results stay)."""

from __future__ import annotations

import base64
import io
import re
from datetime import UTC, date, datetime
from typing import cast

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import Field, create_model

from extractors.admin_document import FIELDS as ADMIN_FIELDS
from extractors.forms import FIELDS as FORM_FIELDS
from extractors.normalize import parse_date
from extractors.types import Extraction, FieldValue
from flows.masking import mask_text
from flows.settings import Settings
from flows.warehouse import open_warehouse, rule_records
from quality import RULES_VERSION, catalogue, judge
from quality.rules import DATE_FIELDS, PERSON_ID_FIELDS, YEAR_FIELDS
from quality.types import Verdict
from storage.warehouse import review as review_store

REVIEWER_FIELD = "reviewer"  # the form's box for the reviewer's name (no document has this field)
CROP_MARGIN = 12  # pixels of page around a field's box, so the reviewer sees its context


class ReviewInputError(ValueError):
    """A correction that cannot be stored: an unknown field or an invalid value."""


def known_fields(item: review_store.ReviewItem) -> set[str]:
    """The fields a document of this type may have (fields.md), and those it has."""
    by_type = dict(FORM_FIELDS) | {"administrative_decision": ADMIN_FIELDS, "official_letter": ADMIN_FIELDS}
    return set(by_type.get(item.doc_type, ())) | set(item.fields)


def validate(item: review_store.ReviewItem, corrections: dict[str, str]) -> dict[str, str]:
    """The corrections in fields.md's normalized form; ReviewInputError names every problem."""
    known, problems, out = known_fields(item), [], {}
    for key, raw in corrections.items():
        value = (raw or "").strip()
        if key not in known:
            problems.append(
                f"unknown field {key!r} for a {item.doc_type} (known: {', '.join(sorted(known))})"
            )
            continue
        if not value:
            problems.append(f"{key}: an empty value (to confirm a value, give it as it is)")
            continue
        if key in DATE_FIELDS:
            parsed = parse_date(value)
            if parsed is None:
                problems.append(f"{key}={value!r} is not a date (YYYY-MM-DD or DD/MM/YYYY, a real day)")
                continue
            value = parsed[0]
        elif key in YEAR_FIELDS and not re.fullmatch(r"\d{4}", value):
            problems.append(f"{key}={value!r} is not a year (YYYY)")
            continue
        elif key == "sex":
            value = {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ"}.get(value.lower(), "")
            if not value:
                problems.append(f"sex={raw!r} is neither Nam nor Nữ")
                continue
        elif key in PERSON_ID_FIELDS or key == "legacy_id_number":
            digits = re.sub(r"[ .]", "", value)
            if not re.fullmatch(r"\d{9}|\d{12}", digits):
                problems.append(
                    f"{key}={mask_text(value)!r} is not a personal ID (12 digits, or a 9-digit CMND)"
                )
                continue
            value = digits
        out[key] = value
    if problems:
        raise ReviewInputError("; ".join(problems))
    return out


def flagged_fields(item: review_store.ReviewItem) -> list[str]:
    """Fields a failing rule names (as its field, or first in its failing values)."""
    found: list[str] = []
    for _rule, fld, _msg, values in item.failing_values:
        names = [fld] if fld else []
        names += [v[0] for v in values if isinstance(v, (list, tuple)) and v and isinstance(v[0], str)]
        found += [n for n in names if n in item.fields and n not in found]
    return found


def extraction_of(item: review_store.ReviewItem, corrections: dict[str, str]) -> Extraction:
    fields = {}
    for key, f in item.fields.items():
        value = corrections.get(key, f.value or "")
        reviewed = key in corrections
        fields[key] = FieldValue(
            value=value,
            raw=value if reviewed else (f.raw or ""),
            confidence=1.0 if reviewed else (f.confidence or 0.0),
            page=f.page or 1,
            # A stored box is four numbers (x0, y0, x1, y1).
            bbox=cast("tuple[int, int, int, int]", tuple(int(v) for v in f.bbox)) if f.bbox else None,
            source="review" if reviewed else f.source,  # type: ignore[arg-type]
        )
    for key, value in corrections.items():
        if key not in fields:  # a field the machine missed, added by the reviewer
            fields[key] = FieldValue(value, value, 1.0, 1, None, "review")
    return Extraction(item.doc_type, 1.0, fields)


def apply_review(
    settings: Settings,
    document_id: int,
    corrections: dict[str, str],
    reviewer: str,
    *,
    today: date | None = None,
) -> Verdict:
    """Store the reviewed values and the re-run verdict; return that verdict.

    Every value given is stored as reviewed, also one equal to what the machine read: that is
    a person confirming it (its confidence becomes 1.0, so a low reading confidence no longer
    holds the document in review). Raises ReviewInputError for an unknown field or an invalid
    value, and ValueError without a reviewer."""
    from flows.quality_context import load_reference_context

    if not reviewer.strip():
        raise ReviewInputError("a reviewer's name is required: every correction says who made it")
    sf = open_warehouse(settings.resolved_warehouse_url)
    item = review_store.review_item(sf, document_id)
    reviewed = validate(item, corrections)
    # The warehouse's known facts are left out: the document itself is among them and would
    # count as its own duplicate. Reference data (units valid on the date) still applies.
    verdict = judge(
        extraction_of(item, reviewed),
        today=today or date.today(),
        text=item.text,
        reference=load_reference_context(sf),
    )
    # A new label for this judgement: the document points at it, earlier results stay.
    label = f"{RULES_VERSION}+review@{datetime.now(UTC):%Y%m%dT%H%M%S.%f}"
    review_store.record_review(
        sf,
        document_id,
        reviewed,
        reviewer.strip(),
        status=verdict.status,
        score=verdict.score,
        rules_version=label,
        rules=rule_records(verdict),
    )
    return verdict


def describe(item: review_store.ReviewItem) -> str:
    """Markdown for a person: fields with confidence, failing rules. Identifiers masked."""
    lines = [
        f"### Tài liệu / document {item.document_id}: `{mask_text(item.source_key)}`",
        f"{item.doc_type} — **{item.status}** (score {item.score})",
        "",
        "| trường / field | giá trị / value | độ tin cậy / confidence | nguồn / source |",
        "|---|---|---|---|",
    ]
    for key, f in item.fields.items():
        conf = f"{f.confidence:.2f}" if f.confidence is not None else "—"
        lines.append(f"| {key} | {mask_text(f.value or '')} | {conf} | {f.source} |")
    if item.failing:
        lines += ["", "**Quy tắc không đạt / failing rules**"]
        lines += [f"- `{rule}` ({fld or '—'}): {mask_text(msg)}" for rule, fld, msg in item.failing]
    return "\n".join(lines)


# ---- crops of the page for the reviewer -------------------------------------------------


def field_crop_png(
    settings: Settings, item: review_store.ReviewItem, key: str, original: bytes | None = None
) -> bytes | None:
    """The field's box on its page, as a PNG: the page of the archived original, turned as it
    was read (the box is in the coordinates of the page as read), the box scaled to it.
    None when the field has no box or the original cannot be read."""
    from PIL import Image

    from ocr.loader import load_pages
    from ocr.preprocess import rotate_gray

    f = item.fields.get(key)
    if f is None or not f.bbox or not f.page or item.archive is None:
        return None
    try:
        data = original if original is not None else settings.object_store().get(*item.archive)
        page = next((p for p in load_pages(data, settings.ocr()) if p.number == f.page), None)
    except Exception:  # an original that no longer reads: no crop, the values are still shown
        return None
    if page is None:
        return None
    if page.image is None:  # a text-layer page: render it for the crop
        return None
    width, height, rotation = item.pages.get(f.page, (0, 0, 0.0))
    image = page.image.convert("L")
    quarter = round(rotation) % 360
    if quarter in (90, 180, 270):
        image = rotate_gray(image, quarter)
    sx = image.width / width if width else 1.0
    sy = image.height / height if height else 1.0
    x0, y0, x1, y1 = (float(v) for v in f.bbox)
    box = (
        max(0, int(x0 * sx) - CROP_MARGIN),
        max(0, int(y0 * sy) - CROP_MARGIN),
        min(image.width, int(x1 * sx) + CROP_MARGIN),
        min(image.height, int(y1 * sy) + CROP_MARGIN),
    )
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    crop = image.crop(box)
    if crop.width > 1200:  # a line of text stays legible; the artifact stays small
        crop = crop.resize((1200, max(1, crop.height * 1200 // crop.width)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    crop.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def crops_markdown(settings: Settings, item: review_store.ReviewItem) -> str:
    """Each flagged field: its crop of the page (an inline PNG), the value read, and the
    failing rules in Vietnamese and English."""
    rules = {c["id"]: c for c in catalogue()}
    flagged = flagged_fields(item)
    lines = [f"## Ảnh trường cần kiểm tra / crops of the flagged fields — document {item.document_id}", ""]
    if not flagged:
        return "\n".join([*lines, "Không có trường nào bị gắn cờ / no field is flagged."])
    original = None
    if item.archive is not None:
        try:
            original = settings.object_store().get(*item.archive)
        except Exception:
            original = None
    for key in flagged:
        f = item.fields[key]
        lines += [
            f"### {key}: `{mask_text(f.value or '')}` (độ tin cậy / confidence "
            f"{'—' if f.confidence is None else f'{f.confidence:.2f}'}, trang / page {f.page or '—'})",
            "",
        ]
        png = field_crop_png(settings, item, key, original) if original is not None else None
        if png:
            lines.append(f"![{key}](data:image/png;base64,{base64.b64encode(png).decode()})")
        else:
            lines.append("_(không có vùng ảnh / no page region recorded for this field)_")
        lines.append("")
        for rule, fld, msg, values in item.failing_values:
            names = {fld} | {v[0] for v in values if isinstance(v, (list, tuple)) and v}
            if key in names:
                c = rules.get(rule, {})
                lines.append(
                    f"- `{rule}`: {c.get('message_vi', '')} / {c.get('message_en', '')} — {mask_text(msg)}"
                )
        lines.append("")
    return "\n".join(lines)


@flow(name="review-document", flow_run_name="review document {document_id}")
def review_document(
    document_id: int, reviewer: str = "", timeout_s: int = 86_400, settings: Settings | None = None
) -> dict:
    """Pause with a form of the document's fields (and the reviewer's name, required); store
    what the person submits: changed values, and flagged values as confirmed."""
    settings = settings or Settings()
    sf = open_warehouse(settings.resolved_warehouse_url)
    item = review_store.review_item(sf, document_id)
    create_markdown_artifact(key=f"review-{document_id}", markdown=describe(item))
    create_markdown_artifact(
        key=f"review-{document_id}-crops",
        markdown=crops_markdown(settings, item),
        description="Vùng ảnh của các trường cần kiểm tra / crops of the flagged fields",
    )
    flagged = flagged_fields(item)
    # One text box per field, prefilled with what the machine read. pydantic's overloads
    # cannot type field definitions built at run time.
    form = create_model(  # type: ignore[call-overload]
        f"ReviewDocument{document_id}",
        __base__=RunInput,
        # Required in the form's schema (no default) unless the run was started with a name.
        **{
            REVIEWER_FIELD: (
                str,
                Field(
                    default=reviewer or ...,
                    min_length=1,
                    pattern=r"\S",
                    description="Người kiểm tra / reviewer's name (required)",
                ),
            )
        },
        **{
            key: (
                str,
                Field(
                    default=f.value or "",
                    description=(
                        f"confidence {f.confidence}"
                        + (" — CẦN KIỂM TRA / FLAGGED: submitting it confirms it" if key in flagged else "")
                    ),
                ),
            )
            for key, f in item.fields.items()
        },
    )
    answer = pause_flow_run(wait_for_input=form, timeout=timeout_s)
    submitted = answer.model_dump()
    name = str(submitted.pop(REVIEWER_FIELD, "") or "").strip()
    # Changed values are corrections; a flagged value submitted as it is, a confirmation.
    corrections = {
        k: v
        for k, v in submitted.items()
        if k in item.fields and (v != (item.fields[k].value or "") or k in flagged)
    }
    verdict = apply_review(settings, document_id, corrections, name)
    get_run_logger().info("document %s reviewed by %s: %s", document_id, name, verdict.status)
    return {"document_id": document_id, "status": verdict.status, "reviewer": name}
