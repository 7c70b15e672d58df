"""Shared by flow tests that run ``sohoa`` as a separate process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SOHOA = str(Path(sys.executable).parent / "sohoa")


def settings_env(settings) -> dict[str, str]:
    """The environment of a child ``sohoa`` process: these settings, the test's Prefect API."""
    from prefect.settings import PREFECT_API_URL

    return {
        **os.environ,
        **settings.as_env(),
        "SOHOA_MAX_PARALLEL_DOCUMENTS": "1",
        "PREFECT_API_URL": PREFECT_API_URL.value() or "",
    }
