"""Fields in, verdicts out: the đúng · đủ · sạch · sống rule catalogue (``rules/``).

``judge(extraction, today=…, text=…, reference=…, facts=…)`` runs every rule and returns a
``Verdict``: any error → ``rejected``; else any warning → ``needs_review``; else
``accepted``; with a score overall and per criterion, a status per field, and what the
rules derived (``annotations``: valid_to, current unit codes, supersession links).
``reference`` (code lists by version) and ``facts`` (what the warehouse already knows) are
plain values the flow looks up; without them the rules that need them do not apply.
Pure: no network, database or Prefect.
"""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction

from . import dossier
from .reference import Facts, KnownDocument, KnownPerson, Reference
from .rules import (
    CRITERIA,
    RULES,
    RULES_VERSION,
    Rule,
    catalogue,
    criterion_scores,
    document_date_of,
    document_identity,
    document_subject,
    evaluate,
    field_status,
    score,
    status,
    unsure_fields,
)
from .types import RuleOutcome, Verdict, Violation

__all__ = [
    "CRITERIA",
    "RULES",
    "RULES_VERSION",
    "Facts",
    "KnownDocument",
    "KnownPerson",
    "Reference",
    "Rule",
    "RuleOutcome",
    "Verdict",
    "Violation",
    "catalogue",
    "document_identity",
    "document_subject",
    "dossier",
    "judge",
]


def judge(
    extraction: Extraction,
    *,
    today: date,
    text: str | None = None,
    reference: Reference | None = None,
    facts: Facts | None = None,
) -> Verdict:
    notes: dict = {}
    day = document_date_of(extraction)
    if day is not None:
        notes["document_date"] = day.isoformat()
    outcomes = evaluate(extraction, today=today, text=text, reference=reference, facts=facts, notes=notes)
    return Verdict(
        status=status(outcomes, unsure_fields(extraction)),
        score=score(outcomes),
        outcomes=outcomes,
        rules_version=RULES_VERSION,
        criteria=criterion_scores(outcomes),
        fields=field_status(extraction, outcomes),
        annotations=notes,
        identity=document_identity(extraction),
        subject=document_subject(extraction),
    )
