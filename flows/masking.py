"""Mask personal identifiers in anything a person reads: logs, tables, reports.

Full values live only in the warehouse (design invariant 6). ``096190001234`` becomes
``096******234``; 9-digit CMND and 10-digit phone numbers are masked the same way.
"""

from __future__ import annotations

import logging
import re

# Digits possibly grouped by spaces/dots ("096 190 001 234"), 9 to 12 digits in all,
# not part of a longer number. Document numbers like 123/QĐ-UBND are too short to match.
_ID_RE = re.compile(r"(?<![\d])(\d(?:[ .]?\d){8,11})(?![\d])")


def mask_id(digits: str) -> str:
    bare = re.sub(r"\D", "", digits)
    if len(bare) < 9:
        return digits
    return bare[:3] + "*" * (len(bare) - 6) + bare[-3:]


def mask_text(text: str) -> str:
    return _ID_RE.sub(lambda m: mask_id(m.group(1)), text)


class MaskingFilter(logging.Filter):
    """A logging filter that masks identifiers in the rendered message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_text(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def install_masking(*logger_names: str) -> None:
    for name in logger_names or ("sohoa", "prefect"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())
        for handler in logger.handlers:
            if not any(isinstance(f, MaskingFilter) for f in handler.filters):
                handler.addFilter(MaskingFilter())
