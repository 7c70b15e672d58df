"""Mask personal identifiers in anything a person reads: logs, tables, reports.

Full values live only in the warehouse (design invariant 6). A 12-digit ID becomes
``096******234``; 9-digit CMND and 10-digit phone numbers are masked the same way.
"""

from __future__ import annotations

import hashlib
import logging

from quality.masking import ID_PATTERN, mask_id, mask_text

__all__ = ["ID_PATTERN", "dossier_ref", "install_masking", "mask_id", "mask_text"]

_REF_LETTERS = "abcdefghijklmnop"  # hex digit → letter: a reference never looks like an ID


def dossier_ref(dossier: str) -> str:
    """A dossier's name fit for Prefect (run names, tags, parameters, events): the name itself
    when it holds no personal ID, else its masked form and a hash of the full name, so that
    two dossiers whose masked names collide stay apart (``flows.sweep`` resolves it back by
    listing the inbox)."""
    masked = mask_text(dossier)
    if masked == dossier:
        return dossier
    digest = hashlib.sha256(dossier.encode("utf-8")).hexdigest()[:12]
    return f"{masked}~{''.join(_REF_LETTERS[int(c, 16)] for c in digest)}"


_installed = False


def install_masking(*_ignored: str) -> None:
    """Mask identifiers in every log record made in this process, whoever logs it.

    A record factory rather than a filter: filters on a logger miss records of its child
    loggers, and Prefect ships records to the UI through its own handler. Idempotent.
    """
    global _installed
    if _installed:
        return
    base = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = base(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: leave it for logging to report
            return record
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return record

    logging.setLogRecordFactory(masked_record)
    _installed = True
