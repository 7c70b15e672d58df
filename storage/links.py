"""Links an auditor can open years later: plain URLs of the read-only report server
(``flows/reportserver.py``), without signatures that expire and without object keys (an
archive key keeps the file's original name, which may hold a personal ID).

    /reports/<name>/report.html           the report (HTML) of a batch or a day
    /reports/<name>/rule-results.csv      its CSV
    /documents/<id>/original              the archived original of warehouse document <id>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

REPORT_FILES = ("report.html", "rule-results.csv")
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,80}")


@dataclass(frozen=True)
class Links:
    base_url: str  # e.g. http://reports.sohoa.internal:4300 (no trailing slash needed)

    @property
    def base(self) -> str:
        return self.base_url.rstrip("/")

    def report(self, name: str, file: str = "report.html") -> str:
        if not _NAME.fullmatch(name) or file not in REPORT_FILES:
            raise ValueError(f"not a report: {name!r}/{file!r}")
        return f"{self.base}/reports/{quote(name)}/{file}"

    def original(self, document_id: int) -> str:
        return f"{self.base}/documents/{int(document_id)}/original"


def report_name_ok(name: str) -> bool:
    return _NAME.fullmatch(name) is not None
