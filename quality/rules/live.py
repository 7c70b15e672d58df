"""sống (live): validity window, supersession, current administrative units, staleness."""

from __future__ import annotations

import re
from datetime import date

from ..reference import CMND_CUTOFF, Candidate, expected_expiry, land_term_end, parse_iso
from .base import Context, rule
from .fields import ADDRESS_FIELDS, DATED_BY_ISSUE_DATE
from .places import document_date, locate


@rule(
    "live.issue_date.known",
    "live",
    "warning",
    reason="R-S1: the validity window (valid_from, supersession, expiry) starts at the issue "
    "date; without a full date it cannot be computed",
    vi="Không xác định được ngày ban hành đầy đủ để tính hiệu lực",
    en="No full issue date: the validity window cannot be computed",
)
def issue_date_known(ctx: Context):
    if ctx.doc_type not in DATED_BY_ISSUE_DATE or "issue_date" in ctx.unread:
        return 0, []  # an unread date is correct.field.unread's
    fv = ctx.fields.get("issue_date")
    span = parse_iso(fv.value) if fv else None
    if span is None or span[0] != span[1]:
        return 1, [("issue_date", fv.value if fv else "", "" if fv else "thiếu / missing")]
    return 1, []


def valid_to(ctx: Context) -> date | str | None:
    """The end of the document's legal validity: a date, None (no end) or "unknown"."""
    f = ctx.fields
    if ctx.doc_type == "citizen_id":
        if "id_number" not in f and "legacy_id_number" in f:
            return CMND_CUTOFF
        span = parse_iso(f["expiry_date"].value) if "expiry_date" in f else None
        if span:
            return span[1]
        dob = parse_iso(f["date_of_birth"].value) if "date_of_birth" in f else None
        issued = parse_iso(f["issue_date"].value) if "issue_date" in f else None
        if dob and issued and dob[0] == dob[1] and issued[0] == issued[1]:
            return expected_expiry(dob[0], issued[0])
        return "unknown"
    if ctx.doc_type == "land_use_certificate":
        return land_term_end(f["land_use_term"].value) if "land_use_term" in f else "unknown"
    return None


@rule(
    "live.validity.not_expired",
    "live",
    "warning",
    reason="R-S1: valid_to from the card expiry (CMND: 31/12/2024) or the land-use term; an "
    "expired document is flagged, kept, and not used as current",
    vi="Giấy tờ đã hết hiệu lực",
    en="Document has expired",
)
def validity_not_expired(ctx: Context):
    end = valid_to(ctx)
    if ctx.doc_type not in ("citizen_id", "land_use_certificate"):
        return 0, []
    ctx.notes["valid_to"] = end.isoformat() if isinstance(end, date) else end
    if not isinstance(end, date):
        return (1 if end is None else 0), []
    return 1, (
        [(None, end.isoformat(), f"valid_to {end.isoformat()} < {ctx.today.isoformat()}")]
        if end < ctx.today
        else []
    )


@rule(
    "live.validity.window_known",
    "live",
    "info",
    reason="R-S1: without an expiry or a land-use term the validity window cannot be computed",
    vi="Không xác định được thời hạn hiệu lực",
    en="Validity window unknown (no expiry / land-use term)",
)
def validity_window_known(ctx: Context):
    if ctx.doc_type not in ("citizen_id", "land_use_certificate"):
        return 0, []
    end = valid_to(ctx)
    key = "expiry_date" if ctx.doc_type == "citizen_id" else "land_use_term"
    return 1, ([(key, ctx.fields[key].value if key in ctx.fields else "", "")] if end == "unknown" else [])


def _amendment(value: str | None) -> int | None:
    m = re.search(r"\d+", value or "")
    return int(m.group()) if m else None


@rule(
    "live.supersession.newer_version_known",
    "live",
    "info",
    reason="R-S2: a newer certificate or amendment links to the older one, which stays (design "
    "invariant 5); an older version arriving later is stored as superseded, not current",
    vi="Đã có phiên bản mới hơn trong kho; giấy tờ này được lưu là phiên bản cũ",
    en="A newer version is already in the warehouse; this one is kept as superseded",
)
def supersession_newer_version_known(ctx: Context):
    if ctx.facts is None or not ctx.facts.predecessors:
        return 0, []
    mine_amend = (
        _amendment(ctx.fields["amendment_number"].value) if "amendment_number" in ctx.fields else None
    )
    mine_date = document_date(ctx)
    newer = []
    for d in ctx.facts.predecessors:
        if mine_amend is not None and d.amendment_number is not None:
            if d.amendment_number > mine_amend:
                newer.append(d)
        elif mine_date and d.issue_date and (span := parse_iso(d.issue_date)) and span[0] > mine_date:
            newer.append(d)
    ctx.notes["supersedes"] = [d.id for d in ctx.facts.predecessors if d not in newer]
    return 1, ([(None, ", ".join(f"#{d.id}" for d in newer), "")] if newer else [])


# Where a past act happened (the UBND that registered a birth or a marriage, the place of birth
# and its registration, quê quán): history, kept with the names of its day (domain-vn §2.2, Luật
# Hộ tịch 2014; fields.PRESENT_ADDRESS_FIELDS); it is mapped and its candidates noted, but a split
# commune there asks nobody to choose a current one.
PAST_ACT_FIELDS = ("registration_place", "place_of_birth_registration", "place_of_birth", "place_of_origin")


@rule(
    "live.address.current_unit",
    "live",
    "warning",
    reason="R-C5/§4.1: an address is stored as printed and mapped to the current commune code; "
    "a split commune gives a candidate set, never a silent pick (NQ 1655/NQ-UBTVQH15); asked only "
    "when the document speaks for the current list's days (an older one's address was valid then)",
    vi="Địa chỉ cũ thuộc xã bị chia tách: cần chọn xã mới trong các ứng viên",
    en="Old address in a split commune: choose the new commune among the candidates",
)
def address_current_unit(ctx: Context):
    if ctx.reference is None:
        return 0, []
    current = ctx.reference.current(ctx.today)
    if current is None:
        return 0, []
    # The list in force on the document's date: an address valid there was correct when
    # written (domain-vn §4.1.4). Mapped with its candidates, it asks nobody to choose while
    # the document speaks for a day before the current list (a 2022 form, a 2016 card).
    day = document_date(ctx)
    dated = ctx.reference.list_on(day) if day is not None else None
    mapped: dict[str, dict] = {}
    checked, failures = 0, []
    for k in ADDRESS_FIELDS:
        if k not in ctx.fields or k == "issue_place":
            continue
        v = ctx.fields[k].value
        place = locate(v, current)
        if place and len(place.commune) == 1:
            checked += 1
            u = place.commune[0]
            mapped[k] = {
                "commune_code": u.code,
                "commune": u.name,
                "province_code": place.province.code,
                "candidates": [u.code],
                "method": "current",
            }
            continue
        old, old_list = None, None
        for ul in ctx.reference.unit_lists:
            if ul is current:
                continue
            p = locate(v, ul)
            if p and p.commune:
                old, old_list = p, ul
                break
        if old is None:
            continue
        checked += 1
        candidates: dict[str, Candidate] = {}
        for u in old.commune:
            for c in ctx.reference.old_to_new.get(u.code, ()):
                candidates.setdefault(c.code, c)
        cands = sorted(candidates.values(), key=lambda c: (not c.default, c.code))
        mapped[k] = {
            "commune_code": cands[0].code if len(cands) == 1 else None,
            "candidates": [c.code for c in cands],
            "old_codes": [u.code for u in old.commune],
            "method": "converted" if len(cands) == 1 else "ambiguous",
        }
        if dated is not None and old_list is dated:
            mapped[k]["as_of"] = dated.name
        elif len(cands) != 1 and k not in PAST_ACT_FIELDS:
            failures.append(
                (k, v, "ứng viên / candidates: " + "; ".join(f"{c.code} {c.name}" for c in cands))
            )
    if mapped:
        ctx.notes["units"] = mapped
    return checked, failures


STALE_DAYS = 5 * 365


@rule(
    "live.facts.recent",
    "live",
    "info",
    reason="R-S3: facts from a document older than 5 years need re-verification against the "
    "masters before reuse (staleness measure, domain-vn §5)",
    vi="Dữ liệu cũ hơn 5 năm, cần xác minh lại trước khi dùng lại",
    en="Facts older than 5 years: re-verify before reuse",
)
def facts_recent(ctx: Context):
    day = document_date(ctx)
    if day is None:
        return 0, []
    age = (ctx.today - day).days
    ctx.notes["staleness_days"] = age
    return 1, ([(None, day.isoformat(), f"{age} ngày / days")] if age > STALE_DAYS else [])
