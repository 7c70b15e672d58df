"""The rule machinery: what a rule is, what it is given, and how its failures become violations.

A rule is a plain function wrapped by ``@rule(...)``: it receives a ``Context`` (the
extraction, ``today``, optionally the full text, reference lists and known facts) and
returns ``(evaluated, failures)``, where ``evaluated`` counts the values it looked at and
``failures`` lists ``(field, value, detail)`` for each failing one. ``Rule.__call__`` turns
that into a ``RuleOutcome`` with one ``Violation`` per failure, carrying the rule's id,
criterion, severity and a bilingual message (Vietnamese — English). A rule that does not
apply returns ``(0, [])``. Registering is not done here: the catalogue lists every rule once,
in order (``catalogue.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from extractors.types import Extraction, FieldValue

from ..masking import PERSONAL_FIELD, mask_text, mask_value
from ..reference import Facts, Reference
from ..types import Criterion, RuleOutcome, Severity, Violation

__all__ = [
    "CRITERIA",
    "LOW_CONFIDENCE",
    "SEVERITY_WEIGHT",
    "Check",
    "Context",
    "Failure",
    "Rule",
    "mask",
    "rule",
]

CRITERIA = ("correct", "complete", "clean", "live")
LOW_CONFIDENCE = 0.80
SEVERITY_WEIGHT = {"error": 3.0, "warning": 1.0, "info": 0.5}
# The one mask of a value (quality/masking.py); rules and their callers know it as ``mask``.
mask = mask_value


@dataclass(frozen=True)
class Context:
    extraction: Extraction
    today: date
    text: str | None = None
    reference: Reference | None = None  # code lists by version (the flow loads them)
    facts: Facts | None = None  # what the warehouse already knows (the flow looks it up)
    notes: dict = field(default_factory=dict)  # what rules derive: valid_to, unit codes, links

    @property
    def fields(self) -> dict[str, FieldValue]:
        """The fields that were read; a field the machine could not read is in ``unread``."""
        return self.extraction.values

    @property
    def unread(self) -> dict[str, FieldValue]:
        return self.extraction.unread

    @property
    def doc_type(self) -> str:
        return self.extraction.doc_type


# (field, value as read, detail for the message), and for a check that compares fields, the
# other fields it compared (``Violation.related``).
Failure = tuple[str | None, str, str] | tuple[str | None, str, str, tuple[str, ...]]
# What a rule looks at: one document (``Context``) or one dossier (``rules.dossier``).
C = TypeVar("C")
Check = Callable[[C], tuple[int, list[Failure]]]


@dataclass(frozen=True)
class Rule(Generic[C]):
    id: str
    criterion: Criterion
    severity: Severity
    reason: str  # why the rule exists (where it comes from)
    message_vi: str
    message_en: str
    check: Callable[[C], tuple[int, list[Failure]]]

    def __call__(self, ctx: C) -> RuleOutcome:
        evaluated, failures = self.check(ctx)
        violations = tuple(
            Violation(
                rule=self.id,
                criterion=self.criterion,
                severity=self.severity,
                field=failure[0],
                message=self.message(failure[0], failure[1], failure[2]),
                values=(failure[1],),
                related=failure[3] if len(failure) == 4 else (),
            )
            for failure in failures
        )
        return RuleOutcome(
            self.id, self.criterion, self.severity, max(evaluated, len(violations)), violations
        )

    def message(self, field: str | None, value: str, detail: str) -> str:
        shown = mask(value) if field and PERSONAL_FIELD.search(field) else value
        where = f" [{field}={shown!r}]" if field else ""
        extra = f" ({detail})" if detail else ""
        return mask_text(f"{self.message_vi} — {self.message_en}{where}{extra}")

    def describe(self) -> dict:
        return {
            "id": self.id,
            "criterion": self.criterion,
            "severity": self.severity,
            "reason": self.reason,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


def rule(
    id: str, criterion: Criterion, severity: Severity, *, reason: str, vi: str, en: str
) -> Callable[[Callable[[Context], tuple[int, list[Failure]]]], Rule[Context]]:
    """Wrap a document check as a ``Rule``; the catalogue lists it (no registration here)."""

    def wrap(check: Callable[[Context], tuple[int, list[Failure]]]) -> Rule[Context]:
        return Rule(id, criterion, severity, reason, vi, en, check)

    return wrap
