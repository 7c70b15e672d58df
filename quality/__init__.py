"""Fields in, verdicts out: the đúng · đủ · sạch · sống rule catalogue (``rules.py``).

``judge(extraction, today=…, text=…)`` runs every rule and returns a ``Verdict``: any
error → ``rejected``; else any warning → ``needs_review``; else ``accepted``. Pure: no
network, database or Prefect.
"""

from __future__ import annotations

from datetime import date

from extractors.types import Extraction

from .rules import RULES, RULES_VERSION, Rule, evaluate, score, status
from .types import RuleOutcome, Verdict, Violation

__all__ = ["judge", "RULES", "RULES_VERSION", "Rule", "Verdict", "Violation", "RuleOutcome", "catalogue"]


def judge(extraction: Extraction, *, today: date, text: str | None = None) -> Verdict:
    outcomes = evaluate(extraction, today=today, text=text)
    return Verdict(
        status=status(outcomes),
        score=score(outcomes),
        outcomes=outcomes,
        rules_version=RULES_VERSION,
    )


def catalogue() -> list[dict]:
    """Every rule's id, criterion, severity, reason and messages (for reports and docs)."""
    return [r.describe() for r in RULES]
