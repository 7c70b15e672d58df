"""The one pattern and mask of personal identifiers (design invariant 6).

Full values live only in the warehouse and the archive. A 12-digit ID becomes
``096******234``; 9-digit CMND and 10-digit phone numbers are masked the same way. Here,
in the lowest layer that needs it, so that quality's messages and flows' logs, run names,
events and reports use the same pattern (``flows.masking`` re-exports it).
"""

from __future__ import annotations

import re

# Digits possibly grouped by spaces/dots ("096 190 001 234"), 9 or more in all, taken as one
# whole run: an ID glued to other digits ("0961900012345") or after a number and a space
# is masked too, and a masked text masks to itself. Document numbers like 123/QĐ-UBND are
# too short to match.
ID_PATTERN = re.compile(r"(?<![\d])(\d(?:[ .]?\d){8,})(?![\d])")


def mask_id(digits: str) -> str:
    bare = re.sub(r"\D", "", digits)
    if len(bare) < 9:
        return digits
    return bare[:3] + "*" * (len(bare) - 6) + bare[-3:]


def mask_text(text: str) -> str:
    return ID_PATTERN.sub(lambda m: mask_id(m.group(1)), text)


# Fields holding a personal identifier ("id_number", "holder_id_number" …): their values are
# masked whole in rule messages, whatever their length.
PERSONAL_FIELD = re.compile(r"(?:^|_)id_number$")


def mask_value(value: str) -> str:
    """A field's value → ``096******234``: first and last 3 characters kept (all masked up to 6)."""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 6) + value[-3:]
