"""One reading per page per test worker: the flow tests' cache of document results.

Flow tests drop the same generated sample pages into a fresh inbox again and again, and most
of them run once per database: the same bytes were read (OCR, layout, stamps, second engine)
dozens of times per worker, each time giving the same result. Here the first reading of a
page (bytes, OCR settings, date, limits) runs for real, in its child process as always, and
later sweeps in the same worker get a copy of that result. What a test checks of the flow
(claims, archive, quarantine, warehouse rows, artifacts, review) still runs every time.

Not cached: a reading while a fault is set (``SOHOA_CRASH_AT``: the child must crash for
real), a typed error (cheap, and its message names the file), and sweeps in other processes
(``sohoa sweep`` children, Dask workers). ``SOHOA_TEST_OCR_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import os
import sys
import threading
from datetime import date

import pytest

from flows import isolation
from flows.pipeline import DocumentResult
from flows.settings import Settings

_real = isolation.process_with_limits
_results: dict[tuple[object, ...], DocumentResult] = {}
_lock = threading.Lock()
stats = {"hits": 0, "misses": 0}


def process_with_limits(
    settings: Settings,
    data: bytes,
    source: str,
    *,
    today: date | None = None,
    searchable_pdf: bool = False,
) -> DocumentResult:
    if os.environ.get("SOHOA_CRASH_AT"):
        return _real(settings, data, source, today=today, searchable_pdf=searchable_pdf)
    key = (
        hashlib.sha256(data).hexdigest(),
        repr(settings.ocr()),
        settings.isolate_documents,
        settings.max_document_memory_mb,
        today,
        searchable_pdf,
    )
    with _lock:
        hit = _results.get(key)
    if hit is None:
        result = _real(settings, data, source, today=today, searchable_pdf=searchable_pdf)
        with _lock:
            _results[key] = copy.deepcopy(result)
            stats["misses"] += 1
        return result
    with _lock:
        stats["hits"] += 1
    return dataclasses.replace(copy.deepcopy(hit), source=source)


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bind the cached reader wherever a ``flows`` module holds the real one (by identity,
    so it keeps working when the code that calls it moves between modules)."""
    if os.environ.get("SOHOA_TEST_OCR_CACHE") == "0":
        return
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "flows" or name.startswith("flows.")):
            continue
        for attr, value in list(vars(module).items()):
            if value is _real:
                monkeypatch.setattr(module, attr, process_with_limits)
