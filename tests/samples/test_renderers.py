"""Every document type of the registry has a sample renderer, each renderer draws its own
type, and the pure libraries never import the sample generator."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from extractors.types import DOC_TYPES
from samples import ALL_TYPES, RENDERERS, render

# "unknown" is what the classifier says of a page of no known type: there is nothing to draw.
DRAWABLE = tuple(t for t in DOC_TYPES if t != "unknown")
ROOT = Path(__file__).resolve().parents[2]


def test_every_doc_type_has_a_renderer() -> None:
    missing = set(DRAWABLE) - set(RENDERERS)
    assert not missing, f"doc types without a sample renderer (samples/generator.py RENDERERS): {missing}"
    assert set(RENDERERS) <= set(DRAWABLE), "a renderer for a doc type the registry does not know"
    assert sorted(ALL_TYPES) == sorted(DRAWABLE)


@pytest.mark.parametrize("doc_type", DRAWABLE)
def test_each_renderer_draws_its_type(doc_type: str) -> None:
    for kind in RENDERERS[doc_type].kinds:
        page = render(random.Random(f"renderer:{kind}"), kind)
        assert page.doc_type == doc_type
        assert page.fields and page.transcript
        assert 200 <= page.dpi <= 400


@pytest.mark.parametrize("package", ["ocr", "extractors", "quality", "storage"])
def test_libraries_do_not_import_samples(package: str) -> None:
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            assert not any(n == "samples" or n.startswith("samples.") for n in names), path
