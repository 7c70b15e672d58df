"""The rule catalogue: every rule, listed once, in the order its results are stored and shown.

The order is the order of a verdict's outcomes, of the report's tables and of the stored
rule results; it is kept as it has always been (not grouped by criterion), so stored
verdicts and reports compare equal. A new rule goes at the end of the list of its scope.

Change ``RULES_VERSION`` whenever a rule is added, removed or changes its verdicts: stored
verdicts carry it so they can be recomputed.
"""

from __future__ import annotations

from . import clean, complete, correct, dossier, live
from .base import Context, Rule
from .dossier import Dossier

RULES_VERSION = "2026.12.13"

# Document rules (scope "document"): each judges one document's fields.
RULES: list[Rule[Context]] = [
    correct.document_number_format,
    correct.issue_date_valid,
    correct.issue_date_not_in_future,
    correct.field_low_confidence,
    correct.personal_id_structure,
    correct.personal_id_province_prefix,
    correct.personal_id_sex_digit_matches,
    correct.personal_id_birth_year_matches,
    correct.legacy_id_format,
    correct.tax_code_check_digit,
    correct.land_serial_format,
    correct.land_parcel_numbers,
    correct.registration_number_format,
    correct.sex_value,
    correct.date_valid,
    correct.date_not_in_future,
    correct.date_ordered,
    correct.citizen_id_expiry_by_age,
    correct.citizen_id_mrz_matches_printed,
    correct.marriage_legal_age,
    correct.marriage_distinct_people,
    correct.area_positive,
    correct.amount_figures_match_words,
    correct.address_unit_valid_on_date,
    complete.doc_type_known,
    complete.required_fields_present,
    complete.recommended_fields_present,
    complete.form_lines_filled,
    correct.field_unread,
    correct.signer_unread,
    clean.text_nfc,
    clean.text_no_legacy_code_points,
    clean.value_no_placeholder,
    live.issue_date_known,
    clean.value_whitespace,
    clean.name_tone_placement,
    clean.personal_id_one_person,
    clean.document_scanned_twice,
    live.validity_not_expired,
    live.validity_window_known,
    live.supersession_newer_version_known,
    live.address_current_unit,
    live.facts_recent,
    correct.agency_existed_on_document_date,
    correct.citizen_id_mrz_read,
    clean.name_syllables,
    correct.address_level_on_date,
    correct.amount_figures_one_digit_off,
]
# Dossier rules (scope "dossier"): each judges the documents of one dossier together.
DOSSIER_RULES: list[Rule[Dossier]] = [dossier.required_documents]


def _unique(rules: list) -> None:
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise ValueError(f"duplicate rule id {r.id}")
        seen.add(r.id)


_unique([*RULES, *DOSSIER_RULES])


def catalogue() -> list[dict]:
    """Every rule's id, criterion, severity, reason and messages (for reports and docs)."""
    return [{**r.describe(), "scope": "document"} for r in RULES] + [r.describe() for r in DOSSIER_RULES]
