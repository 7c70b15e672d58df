"""The report's CSV: every rule result, one row each, for a spreadsheet. Personal IDs are masked
in the columns that hold outside text, and no cell can run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

from flows.masking import mask_text
from flows.report.build import Report

CSV_COLUMNS = (
    "batch_id",
    "dossier",
    "document_id",
    "file",
    "doc_type",
    "document_status",
    "rule",
    "criterion",
    "severity",
    "field",
    "result",
    "evaluated",
    "failing_values",
    "message",
    "rules_version",
)
# Columns of text that came from outside (file and dossier names, values read from scans):
# personal IDs masked in each.
_MASKED_COLUMNS = ("dossier", "file", "failing_values", "message")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: object) -> object:
    """OWASP CSV injection: a text cell a spreadsheet would take for a formula (it begins
    with = + - @, a tab or a carriage return) is prefixed with a single quote, so Excel or
    LibreOffice shows it as text. Numbers (ids, counts) are left as numbers."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def render_csv(r: Report) -> str:
    """The CSV as text (the BOM is added when it is written: Excel reads UTF-8 only with it)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for row in r.csv_rows:
        row = {k: mask_text(v) if k in _MASKED_COLUMNS and isinstance(v, str) else v for k, v in row.items()}
        w.writerow({k: neutralize(v) for k, v in row.items()})
    return buf.getvalue()


CSV_BOM = "\ufeff"
