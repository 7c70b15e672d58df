"""Fictional sample pages with exact ground truth, for the demo, tests and benchmarks.

``generate(out_dir, count, seed=…)`` renders pages of the document types of fields.md and
writes ``truth.jsonl`` beside them; ``sohoa samples --out DIR`` is the command-line entry.

- ``common.py``: what the renderers share (fonts, page geometry, the recorded transcript,
  fictional names, scan damage, saving, the page and truth types);
- ``admin.py``: quyết định, công văn, thông báo (NĐ 30/2020 layout);
- ``forms.py``: the form-like types (ID card, giấy khai sinh, kết hôn, GCN QSDĐ, GCN ĐKDN, đơn);
- ``generator.py``: ``RENDERERS`` (doc type → renderer), ``render`` and ``generate``.

Imports go one way: generator → {admin, forms} → common. Samples may import ``extractors``
(field formats); ``extractors`` never imports samples.
"""

from .admin import KINDS, SampleSpec, make_spec, render_admin
from .common import DAMAGE_KINDS, FontNotFoundError, RenderedPage, SampleRenderer, SampleTruth, damage_page
from .forms import FORM_TYPES, FormSpec, make_form, render_form
from .generator import ALL_TYPES, RENDERERS, generate, render

__all__ = [
    "ALL_TYPES",
    "DAMAGE_KINDS",
    "FORM_TYPES",
    "KINDS",
    "RENDERERS",
    "FontNotFoundError",
    "FormSpec",
    "RenderedPage",
    "SampleRenderer",
    "SampleSpec",
    "SampleTruth",
    "damage_page",
    "generate",
    "make_form",
    "make_spec",
    "render",
    "render_admin",
    "render_form",
]
