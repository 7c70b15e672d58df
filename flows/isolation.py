"""One document's OCR in a child process of its own, under a memory limit.

A crash in a C library (PDFium, Leptonica, an abort or a segfault) or a run out of memory
then ends that child only: the batch goes on, and the document gets a typed error:

- the child ran out of its address space (``RLIMIT_AS``): ``TooLargeError`` naming the
  limit (``SOHOA_MAX_DOCUMENT_MEMORY_MB``), quarantined at once (the bytes will not change);
- the child died of a signal or exited without an answer: ``DocumentCrashedError``, which
  the sweep counts as an attempt and quarantines as ``processing_failed`` at
  ``SOHOA_MAX_ATTEMPTS``.

Children are forked from a *forkserver* that imported the pipeline once (fork from a
process with threads — Prefect's, the sweep's pool — is unsafe), so a child starts warm in
a few milliseconds (bench_hostile measures the overhead per document).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from flows.pipeline import DocumentResult, process_bytes
from ocr.errors import InputError, TooLargeError
from ocr.settings import OcrSettings

if TYPE_CHECKING:  # not at run time: the forkserver preloads this module, kept light
    from flows.settings import Settings

# Crash points that happen inside the child, for tests (flows/faults.py: a real crash of a
# C library cannot be timed from outside; these are the crashes themselves).
CHILD_CRASHES = ("child_abort", "child_segfault", "child_oom")

_context_lock = threading.Lock()
_context: multiprocessing.context.ForkServerContext | None = None


class DocumentCrashedError(RuntimeError):
    """The child reading a document died (a signal, an exit without an answer)."""

    code = "processing_crashed"


def _ctx() -> multiprocessing.context.ForkServerContext:
    global _context
    with _context_lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["flows.isolation", "flows.isolation_warmup"])
            _context = ctx
        return _context


_start_lock = threading.Lock()


@contextmanager
def _main_hidden() -> Iterator[None]:
    """Without this, each child would import the parent's ``__main__`` again (the ``sohoa``
    script and with it the CLI: ~2.7 s a document, bench_hostile); the child needs only
    this module, which the forkserver has imported already."""
    main = sys.modules.get("__main__")
    names = main.__dict__ if main is not None else {}
    saved: dict[str, Any] = {k: names[k] for k in ("__file__", "__spec__") if k in names}
    for key in saved:
        if key == "__file__":
            del names[key]
        else:
            names[key] = None
    try:
        yield
    finally:
        names.update(saved)


def _crash(point: str) -> None:
    if point == "child_abort":
        os.abort()
    if point == "child_segfault":
        import ctypes

        ctypes.string_at(0)  # a read of address 0: SIGSEGV, as a C library's bug would
    if point == "child_oom":
        hog = [bytearray(64 << 20) for _ in range(1 << 16)]  # until the address space ends
        del hog


def _child(
    conn: Connection,
    data: bytes,
    source: str,
    ocr_settings: OcrSettings,
    today: date | None,
    searchable_pdf: bool,
    memory_bytes: int,
    crash: str,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C reaches it
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        if crash in CHILD_CRASHES:
            _crash(crash)
        result = process_bytes(
            data, source, ocr_settings=ocr_settings, today=today, searchable_pdf=searchable_pdf
        )
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("oom", None))
    except InputError as exc:
        conn.send(("input", exc))
    except BaseException as exc:
        try:
            conn.send(("error", exc))
        except Exception:  # an exception that does not pickle: its text then
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def process_isolated(
    data: bytes,
    source: str,
    *,
    ocr_settings: OcrSettings,
    memory_mb: int,
    today: date | None = None,
    searchable_pdf: bool = False,
) -> DocumentResult:
    """``flows.pipeline.process_bytes`` in a child process limited to ``memory_mb`` MiB of
    address space (0: no limit). Raises what ``process_bytes`` raises, plus the two errors
    of the module docstring."""
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    # SOHOA_CRASH_ON (a part of the source's name) aims a test's crash at one document.
    crash = os.environ.get("SOHOA_CRASH_AT", "")
    if os.environ.get("SOHOA_CRASH_ON", "") not in source:
        crash = ""
    child = ctx.Process(
        target=_child,
        name="sohoa-document",
        daemon=True,
        args=(send, data, source, ocr_settings, today, searchable_pdf, memory_mb << 20, crash),
    )
    with _start_lock, _main_hidden():
        child.start()
    send.close()
    try:
        try:
            kind, value = receive.recv()
        except EOFError:  # the child died before answering
            kind, value = "died", None
        child.join()
    finally:
        receive.close()
        if child.is_alive():  # interrupted while waiting: take the child down with us
            child.kill()
            child.join()
    if kind == "ok":
        return value
    if kind == "oom":
        raise TooLargeError(
            f"reading it took more than the memory limit of {memory_mb} MiB per document "
            "(SOHOA_MAX_DOCUMENT_MEMORY_MB)"
        )
    if kind in ("input", "error"):
        raise value
    code = child.exitcode
    how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
    if code is not None and code < 0 and -code == signal.SIGKILL:
        how += " (killed: perhaps the system ran out of memory)"
    raise DocumentCrashedError(f"the process reading the document died of {how}")


def process_with_limits(
    settings: Settings,
    data: bytes,
    source: str,
    *,
    today: date | None = None,
    searchable_pdf: bool = False,
) -> DocumentResult:
    """One document the way ``settings`` (a ``flows.settings.Settings``) asks: in a child
    process under ``max_document_memory_mb`` (the default), or in this process when
    ``isolate_documents`` is off."""
    # A daemonic process may not start children: a Dask worker (distributed.worker.daemon)
    # reads in-process; its nanny restarts it if a document crashes it.
    if not settings.isolate_documents or multiprocessing.current_process().daemon:
        return process_bytes(
            data, source, ocr_settings=settings.ocr(), today=today, searchable_pdf=searchable_pdf
        )
    return process_isolated(
        data,
        source,
        ocr_settings=settings.ocr(),
        today=today,
        searchable_pdf=searchable_pdf,
        memory_mb=settings.max_document_memory_mb,
    )
