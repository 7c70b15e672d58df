"""Verdict types: what a rule says about one document's fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Criterion = Literal["correct", "complete", "clean", "live"]
Severity = Literal["error", "warning", "info"]
Status = Literal["accepted", "needs_review", "rejected"]


@dataclass(frozen=True)
class Violation:
    rule: str  # sentence-like id, e.g. "correct.document_number.format"
    criterion: Criterion
    severity: Severity
    field: str | None
    message: str
    values: tuple[str, ...] = ()  # the failing values, as read
    # The other fields a cross-field check compared ``field`` with (the date of birth behind
    # an ID's birth-year digits): when one of them was read unsurely, the contradiction may be
    # the misread, so the document goes to a person instead of being rejected.
    related: tuple[str, ...] = ()

    def export(self) -> dict:
        return {
            "rule": self.rule,
            "criterion": self.criterion,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class RuleOutcome:
    """One rule evaluated on one document: how many values it looked at, which failed."""

    rule: str
    criterion: Criterion
    severity: Severity
    evaluated: int
    violations: tuple[Violation, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class Verdict:
    status: Status
    score: float
    outcomes: tuple[RuleOutcome, ...] = field(default_factory=tuple)
    rules_version: str = ""
    criteria: dict[str, float | None] = field(default_factory=dict)  # score per criterion
    fields: dict[str, Status] = field(default_factory=dict)  # verdict per field
    annotations: dict = field(default_factory=dict)  # valid_to, unit codes, links, staleness
    identity: str | None = None  # what makes two scans the same document
    subject: str | None = None  # what a newer document of this type replaces

    @property
    def violations(self) -> list[Violation]:
        return [v for o in self.outcomes for v in o.violations]

    def export(self) -> dict:
        out: dict = {
            "status": self.status,
            "score": round(self.score, 4),
            "violations": [v.export() for v in self.violations],
        }
        if self.criteria:
            out["criteria"] = {k: (round(v, 4) if v is not None else None) for k, v in self.criteria.items()}
        if self.fields:
            out["fields"] = dict(self.fields)
        if self.annotations:
            out["annotations"] = self.annotations
        if self.rules_version:
            out["rules_version"] = self.rules_version
        return out
