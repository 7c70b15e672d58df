"""Dossier-level rules (đủ, R-F2), kept under their old name: the rule, the procedures and
``check_dossier`` live in ``quality/rules/dossier.py`` with the other rules."""

from __future__ import annotations

from .rules.dossier import (
    PROCEDURES,
    RULE,
    RULE_ID,
    Dossier,
    Procedure,
    check_dossier,
    procedure_of,
    required_documents,
)

__all__ = [
    "PROCEDURES",
    "RULE",
    "RULE_ID",
    "Dossier",
    "Procedure",
    "check_dossier",
    "procedure_of",
    "required_documents",
]
