"""Mask personal identifiers in anything a person reads: logs, tables, reports.

Full values live only in the warehouse (design invariant 6). A 12-digit ID becomes
``096******234``; 9-digit CMND and 10-digit phone numbers are masked the same way.
"""

from __future__ import annotations

import logging
import re

# Digits possibly grouped by spaces/dots ("096 190 001 234"), 9 or more in all, taken as one
# whole run: an ID glued to other digits ("0961900012345") or after a number and a space
# is masked too, and a masked text masks to itself. Document numbers like 123/QĐ-UBND are
# too short to match.
_ID_RE = re.compile(r"(?<![\d])(\d(?:[ .]?\d){8,})(?![\d])")


def mask_id(digits: str) -> str:
    bare = re.sub(r"\D", "", digits)
    if len(bare) < 9:
        return digits
    return bare[:3] + "*" * (len(bare) - 6) + bare[-3:]


def mask_text(text: str) -> str:
    return _ID_RE.sub(lambda m: mask_id(m.group(1)), text)


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
