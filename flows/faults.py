"""Crash points for fault-injection tests (OCRmyPDF's tests inject faults the same way).

A real process death cannot be timed from outside, so tests set ``SOHOA_CRASH_AT`` to a named
point and the process kills itself there with SIGKILL's exit status: no cleanup, no finally
blocks, exactly like ``kill -9``. Unset in production, where this is a dictionary lookup.
"""

from __future__ import annotations

import os

CRASH_POINTS = ("after_commit", "during_ocr", "before_commit")


def crash_point(name: str) -> None:
    if os.environ.get("SOHOA_CRASH_AT") == name:
        os._exit(137)
