"""The document-type registry agrees with the field contract (../shared/docs/fields.md) and
every place that reads it (extractors, quality rules, dossiers) sees the same types."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import extractors
from extractors import forms
from extractors.admin_document import FIELDS as ADMIN_FIELDS
from extractors.classify import FORM_MARKERS, FORM_TITLES, TITLES, TYPE_CODES
from extractors.registry import REGISTRY, TYPES, UNKNOWN
from extractors.types import DOC_TYPES

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Keys the code adds beyond fields.md, per type, each with where it is documented. None
# today: ``document_kind`` is in fields.md; unread labels (``Extraction.export_unread``,
# "unread_fields" in exports) and ``notes`` are not field keys, so they are not listed here.
DOCUMENTED_EXTRAS: dict[str, tuple[str, ...]] = {}


def fields_md() -> Path:
    """fields.md in ../shared/docs, found as the tests find ../shared/corpora: beside the
    folder ``SOHOA_CORPORA`` names, else beside the project."""
    candidates = []
    env = os.environ.get("SOHOA_CORPORA")
    if env:
        candidates.append(Path(env).resolve().parent / "docs" / "fields.md")
    candidates.append(PROJECT_ROOT.parent / "shared" / "docs" / "fields.md")
    for path in candidates:
        if path.is_file():
            return path
    pytest.fail(
        "the field contract is missing: expected ../shared/docs/fields.md beside the project "
        f"(or beside the folder SOHOA_CORPORA names); looked at {', '.join(map(str, candidates))}"
    )


def contract() -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """(doc_type, fields in order) for each type fields.md lists, and its name for "no type"."""
    text = fields_md().read_text(encoding="utf-8")
    section = text.split("## Document types and their fields", 1)
    assert len(section) == 2, "fields.md has no '## Document types and their fields' section"
    body = section[1].split("\n## ", 1)[0]
    unknown = re.search(r"or `([a-z_]+)`", body)
    assert unknown, "fields.md no longer says which doc_type means 'no type'"
    key = re.compile(r"`([a-z][a-z0-9_]*)`")
    types: list[tuple[str, tuple[str, ...]]] = []
    for block in body.split("\n### ")[1:]:
        heading, _, prose = block.partition("\n")
        fields = tuple(key.findall(prose))
        assert fields, f"fields.md lists no fields under {heading!r}"
        types += [(name, fields) for name in key.findall(heading)]
    return types, unknown.group(1)


def test_registry_lists_the_types_of_fields_md_in_its_order() -> None:
    types, unknown = contract()
    assert [t for t, _ in types] == [t.name for t in TYPES], "registry and fields.md list other types"
    assert unknown == UNKNOWN
    assert (*(t for t, _ in types), unknown) == DOC_TYPES


@pytest.mark.parametrize("doc_type", [t.name for t in TYPES])
def test_registry_fields_are_those_of_fields_md(doc_type: str) -> None:
    documented = dict(contract()[0])[doc_type]
    extras = DOCUMENTED_EXTRAS.get(doc_type, ())
    assert REGISTRY[doc_type].fields == documented + extras, (
        f"{doc_type}: registry fields differ from fields.md "
        f"(only in registry: {sorted(set(REGISTRY[doc_type].fields) - set(documented))}, "
        f"only in fields.md: {sorted(set(documented) - set(REGISTRY[doc_type].fields))})"
    )


@pytest.mark.parametrize("t", TYPES, ids=lambda t: t.name)
def test_every_type_names_only_its_own_fields(t) -> None:
    own = set(t.fields)
    assert set(t.required) <= own and set(t.recommended) <= own and set(t.key_fields) <= own
    assert not set(t.required) & set(t.recommended)
    assert t.identity and all(set(p.keys) <= own for p in t.identity)


def test_every_type_has_an_extractor_and_every_reader_sees_the_registry() -> None:
    for t in TYPES:
        assert callable(t.extract_fields), t.extractor
        assert extractors.EXTRACTORS[t.name] is t.extract_fields
    assert set(extractors.EXTRACTORS) == set(REGISTRY)
    assert {t: REGISTRY[t].fields for t in forms.FIELDS} == forms.FIELDS
    assert ADMIN_FIELDS == REGISTRY["administrative_decision"].fields == REGISTRY["official_letter"].fields
    assert set(forms.FIELDS) | {"administrative_decision", "official_letter"} == set(REGISTRY)


def test_classifier_knows_only_registry_types() -> None:
    named = {t.doc_type for t in TITLES} | {t for t, _ in FORM_TITLES}
    named |= {t for t, _, _ in FORM_MARKERS} | set(TYPE_CODES.values())
    assert named <= set(REGISTRY)


def test_quality_reads_the_registry() -> None:
    from quality import dossier
    from quality.rules import (
        ADDRESS_FIELDS,
        DATE_FIELDS,
        KEY_FIELDS,
        NAME_FIELDS,
        PERSON_ID_FIELDS,
        RECOMMENDED_FIELDS,
        REQUIRED_FIELDS,
        YEAR_FIELDS,
    )

    assert {t.name: t.required for t in TYPES} == REQUIRED_FIELDS
    assert {t.name: t.recommended for t in TYPES} == RECOMMENDED_FIELDS
    assert {t.name: t.key_fields for t in TYPES} == KEY_FIELDS
    every_field = {k for t in TYPES for k in t.fields}
    groups = (ADDRESS_FIELDS, DATE_FIELDS, NAME_FIELDS, YEAR_FIELDS, tuple(PERSON_ID_FIELDS))
    assert {k for g in groups for k in g} <= every_field
    # every dossier a type names is a procedure quality knows, and each one starts at its form
    codes = {p.code for p in dossier.PROCEDURES}
    assert {c for t in TYPES for c in t.dossiers} == codes
    for p in dossier.PROCEDURES:
        assert next(iter(p.required)) == "application_form"
        assert dict(p.required) == {t.name: t.dossiers[p.code] for t in TYPES if p.code in t.dossiers}
