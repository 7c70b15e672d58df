"""Shared test fixtures.

Real components only: the local S3 server (JuiceFS gateway), PostgreSQL on 127.0.0.1:5432,
SQLite, Tesseract. The public corpora live beside the project at ``../shared/corpora`` or
wherever ``SOHOA_CORPORA`` points.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def corpora_root() -> Path | None:
    env = os.environ.get("SOHOA_CORPORA")
    candidate = Path(env) if env else PROJECT_ROOT.parent / "shared" / "corpora"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def corpora() -> Path:
    root = corpora_root()
    if root is None:
        pytest.skip(
            "public corpora missing: expected ../shared/corpora beside the project "
            "or a folder named by SOHOA_CORPORA"
        )
    return root
