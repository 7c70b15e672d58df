"""From outcomes to a verdict: run the rules, score them, and decide the status."""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction

from ..reference import Facts, Reference
from ..types import RuleOutcome, Status, Violation
from .base import LOW_CONFIDENCE, SEVERITY_WEIGHT, Context
from .catalogue import RULES


def evaluate(
    extraction: Extraction,
    *,
    today: date,
    text: str | None = None,
    reference: Reference | None = None,
    facts: Facts | None = None,
    notes: dict | None = None,
) -> tuple[RuleOutcome, ...]:
    """Run every rule. ``notes`` (if given) receives what rules derive (valid_to, unit codes)."""
    ctx = Context(extraction, today, text, reference, facts, notes if notes is not None else {})
    return tuple(r(ctx) for r in RULES)


CRITERIA = ("correct", "complete", "clean", "live")


def criterion_scores(outcomes: tuple[RuleOutcome, ...]) -> dict[str, float | None]:
    """``score`` per criterion; None where no rule of that criterion evaluated anything."""
    out: dict[str, float | None] = {}
    for c in CRITERIA:
        mine = tuple(o for o in outcomes if o.criterion == c)
        out[c] = score(mine) if any(o.evaluated for o in mine) else None
    return out


def unsure_fields(extraction: Extraction) -> frozenset[str]:
    """Fields read below LOW_CONFIDENCE by the machine (reviewed values are sure), and printed
    values the card's own machine-readable zone (every check digit holding) reads otherwise:
    two readings of one value that disagree, one of them a misread or the card altered — a
    person compares them (correct.citizen_id.mrz_matches_printed) before anything is rejected."""
    return frozenset(
        k
        for k, fv in extraction.values.items()
        if fv.source != "review"
        and (fv.confidence < LOW_CONFIDENCE or any(f.startswith("mrz_mismatch:") for f in fv.flags))
    )


def field_status(extraction: Extraction, outcomes: tuple[RuleOutcome, ...]) -> dict[str, Status]:
    """Per field: the worst verdict of the violations that name it."""
    rank = {"accepted": 0, "needs_review": 1, "rejected": 2}
    by_severity: dict[str, Status] = {"error": "rejected", "warning": "needs_review", "info": "accepted"}
    out: dict[str, Status] = dict.fromkeys(extraction.fields, "accepted")
    for o in outcomes:
        for v in o.violations:
            if v.field:
                s = by_severity[v.severity]
                if rank[s] > rank[out.get(v.field, "accepted")]:
                    out[v.field] = s
    return out


def score(outcomes: tuple[RuleOutcome, ...]) -> float:
    """Share of evaluated checks that passed, weighted by severity.

    Each evaluated value is one check; a failing value costs its rule's weight (error 3,
    warning 1, info 0.5), so a document with one blocking problem scores lower than one
    with a doubtful confidence. Nothing evaluated → 0.0 (nothing was shown to be right).
    """
    total = passed = 0.0
    for o in outcomes:
        w = SEVERITY_WEIGHT[o.severity]
        total += w * o.evaluated
        passed += w * (o.evaluated - len(o.violations))
    return passed / total if total else 0.0


def status(outcomes: tuple[RuleOutcome, ...], unsure: frozenset[str] = frozenset()) -> Status:
    """``rejected`` on an error, ``needs_review`` on a warning, else ``accepted``. An error
    that rests on a value read unsurely (``unsure``: below LOW_CONFIDENCE) — its own field or
    a field a cross-field check compared it with — goes to review: the machine is not sure the
    document says it, so a person looks before anything is rejected (the low-confidence
    warning names that field)."""
    errors = [v for o in outcomes for v in o.violations if v.severity == "error"]
    severities = {v.severity for o in outcomes for v in o.violations}

    def rests_on_an_unsure_reading(v: Violation) -> bool:
        return v.field in unsure or any(f in unsure for f in v.related)

    if errors and not all(rests_on_an_unsure_reading(v) for v in errors):
        return "rejected"
    if errors:
        return "needs_review"
    if "warning" in severities:
        return "needs_review"
    return "accepted"
