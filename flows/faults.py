"""Fault points for fault-injection tests (OCRmyPDF's tests inject faults the same way).

A real process death cannot be timed from outside, so tests set ``SOHOA_CRASH_AT`` to a named
point and the process kills itself there with SIGKILL's exit status: no cleanup, no finally
blocks, exactly like ``kill -9``.

Tests that run the sweep in their own process can instead hang a callback on a point
(:func:`hooked`), to do something real at exactly that moment: restart the database, replace
the file being processed. Unset in production, where each point is two dictionary lookups.

Points: ``before_read`` (claimed, not read yet), ``during_ocr`` (read, before OCR),
``before_commit``, ``after_commit`` (document stored, original not moved yet) and
``retrying`` (a transient error is about to be retried with back-off).

Inside the child process that reads one document (flows/isolation.py), ``child_abort``,
``child_segfault`` and ``child_oom`` crash that child for real, as a C library's abort, a
segfault or a runaway allocation would; ``SOHOA_CRASH_ON`` (part of a file's name) limits
them to the files that match.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

CRASH_POINTS = ("after_commit", "during_ocr", "before_commit")
FAULT_POINTS = ("before_read", *CRASH_POINTS, "retrying")

_hooks: dict[str, Callable[[], None]] = {}


def crash_point(name: str) -> None:
    if os.environ.get("SOHOA_CRASH_AT") == name:
        os._exit(137)
    hook = _hooks.get(name)
    if hook is not None:
        hook()


@contextmanager
def hooked(name: str, callback: Callable[[], None]) -> Iterator[None]:
    """Call ``callback`` (in the worker thread) each time the sweep passes point ``name``."""
    if name not in FAULT_POINTS:
        raise ValueError(f"unknown fault point {name!r}; known: {FAULT_POINTS}")
    _hooks[name] = callback
    try:
        yield
    finally:
        _hooks.pop(name, None)
