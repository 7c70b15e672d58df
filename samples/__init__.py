"""Fictional sample pages with exact ground truth, for the demo, tests and benchmarks.

``generate(out_dir, count, seed=…)`` renders pages of the document types of fields.md and
writes ``truth.jsonl`` beside them; ``sohoa samples --out DIR`` is the command-line entry.
Samples may import ``extractors`` (field formats); ``extractors`` never imports samples.
"""

from .admin import (
    ALL_TYPES,
    DAMAGE_KINDS,
    KINDS,
    FontNotFoundError,
    SampleSpec,
    SampleTruth,
    damage_page,
    generate,
    make_spec,
    render,
)
from .forms import FORM_TYPES, FormSpec, make_form, render_form

__all__ = [
    "ALL_TYPES",
    "DAMAGE_KINDS",
    "FORM_TYPES",
    "KINDS",
    "FontNotFoundError",
    "FormSpec",
    "SampleSpec",
    "SampleTruth",
    "damage_page",
    "generate",
    "make_form",
    "make_spec",
    "render",
    "render_form",
]
