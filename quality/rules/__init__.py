"""Rule catalogue: đúng (correct), đủ (complete), sạch (clean), sống (live).

One module per criterion (``correct``, ``complete``, ``clean``, ``live``) and one for the
dossier rules (``dossier``); the machinery (``Rule``, ``Context``, ``@rule``) is in ``base``,
the field groups the rules share in ``fields``, places and dates in ``places``, document
identity in ``identity``, the verdict (score, status) in ``verdict``. ``catalogue.RULES``
lists every document rule once, in order.

Ids are sentences: ``<criterion>.<subject>.<property>`` (``correct.issue_date.not_in_future``).
Severities follow domain-vn §1.4: a blocking rule is an ``error`` (the record is rejected),
a review rule a ``warning``, an automatic or informative one ``info``.
"""

from __future__ import annotations

from ..reference import parse_iso
from .base import CRITERIA, LOW_CONFIDENCE, SEVERITY_WEIGHT, Check, Context, Failure, Rule, mask, rule
from .catalogue import DOSSIER_RULES, RULES, RULES_VERSION, catalogue
from .clean import legacy_problem
from .correct import amount_in_words, document_number_problem
from .fields import (
    ADDRESS_FIELDS,
    DATE_FIELDS,
    DATED_BY_ISSUE_DATE,
    DOCUMENT_DATE_FIELDS,
    KEY_FIELDS,
    NAME_FIELDS,
    PERSON_ID_FIELDS,
    PRESENT_ADDRESS_FIELDS,
    RECOMMENDED_FIELDS,
    REQUIRED_FIELDS,
    SIGNER_FIELDS,
    YEAR_FIELDS,
)
from .identity import document_identity, document_subject
from .live import STALE_DAYS, valid_to
from .places import Place, document_date, document_date_of, locate
from .verdict import criterion_scores, evaluate, field_status, score, status, unsure_fields

__all__ = [
    "ADDRESS_FIELDS",
    "CRITERIA",
    "DATED_BY_ISSUE_DATE",
    "DATE_FIELDS",
    "DOCUMENT_DATE_FIELDS",
    "DOSSIER_RULES",
    "KEY_FIELDS",
    "LOW_CONFIDENCE",
    "NAME_FIELDS",
    "PERSON_ID_FIELDS",
    "PRESENT_ADDRESS_FIELDS",
    "RECOMMENDED_FIELDS",
    "REQUIRED_FIELDS",
    "RULES",
    "RULES_VERSION",
    "SEVERITY_WEIGHT",
    "SIGNER_FIELDS",
    "STALE_DAYS",
    "YEAR_FIELDS",
    "Check",
    "Context",
    "Failure",
    "Place",
    "Rule",
    "amount_in_words",
    "catalogue",
    "criterion_scores",
    "document_date",
    "document_date_of",
    "document_identity",
    "document_number_problem",
    "document_subject",
    "evaluate",
    "field_status",
    "legacy_problem",
    "locate",
    "mask",
    "parse_iso",
    "rule",
    "score",
    "status",
    "unsure_fields",
    "valid_to",
]
