"""What a sweep shows an operator: a WARNING per quarantined file, the summary artifacts, and
the state its run ends in.

A run that quarantined a file ends ``Completed`` under the name ``Quarantined``. The batch did
its job (the bad file is set aside with its reason, every other document is stored), so it is
not ``Failed`` (which says that something broke and would page whoever watches failures, and
make Prefect's retries run the batch again) nor ``Crashed`` (the infrastructure died). The
custom name shows in the run list, the run page and the dashboard's run history instead of a
plain "Completed", can be filtered on (state name "Quarantined"), and each quarantined file is
also a WARNING log line and an event ``sohoa.document.quarantined`` an automation can notify on.
"""

from __future__ import annotations

import logging
from typing import Any

from flows.masking import mask_text

QUARANTINED_STATE = "Quarantined"
QUARANTINE_EVENT = "sohoa.document.quarantined"
# Rows the operator need not see: another run holds the file and reports it itself.
HIDDEN_OUTCOMES = frozenset({"claimed_elsewhere"})

# Quarantine codes (README "Quarantine") in words, Vietnamese / English.
REASONS = {
    "empty_file": "tệp rỗng / empty file",
    "unsupported_format": "không phải tài liệu hỗ trợ / not a supported document",
    "corrupt_file": "tệp hỏng hoặc bị cắt cụt / damaged or truncated file",
    "encrypted_pdf": "PDF có mật khẩu / password-protected PDF",
    "too_large": "vượt giới hạn kích thước / over the size limits",
    "ocr_timeout": "nhận dạng quá thời gian / OCR timed out",
    "processing_failed": "xử lý lỗi nhiều lần / failed too many times",
    "unsafe_key": "tên tệp không đặt được vào kho / a file name the archive cannot take",
    "version_gone": "bị thay hoặc xoá trước khi đọc / replaced or deleted before it was read",
}


def reason_of(row: dict[str, Any]) -> str:
    code = str(row.get("error") or "")
    return f"{code}: {REASONS[code]}" if code in REASONS else code


def warn_if_quarantined(logger: logging.Logger | logging.LoggerAdapter, row: dict[str, Any]) -> None:
    """A quarantined file is a WARNING in its run's log, with its reason and where it went."""
    if row.get("outcome") != "quarantined":
        return
    logger.warning(
        "quarantined %s (%s) -> %s",
        mask_text(str(row.get("key", ""))),
        reason_of(row),
        mask_text(str(row.get("quarantine_key", ""))),
    )
    try:
        from prefect.events import emit_event

        dossier = mask_text(str(row.get("dossier") or "unfiled"))
        emit_event(
            event=QUARANTINE_EVENT,
            resource={"prefect.resource.id": f"sohoa.dossier.{dossier}", "sohoa.dossier": dossier},
            payload={"key": mask_text(str(row.get("key", ""))), "code": str(row.get("error") or "")},
        )
    except Exception:  # an event is a convenience: the log line and the artifact say it already
        logger.debug("could not emit %s", QUARANTINE_EVENT, exc_info=True)


def table_rows(documents: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The documents table of a sweep: one row per file this run handled, masked, with the
    reason of a quarantine in its own column next to the outcome."""
    rows = []
    for doc in documents:
        if doc.get("outcome") in HIDDEN_OUTCOMES:
            continue
        rows.append(
            {
                "key": mask_text(str(doc.get("key", ""))),
                "outcome": str(doc.get("outcome", "")),
                "reason": reason_of(doc) if doc.get("outcome") in ("quarantined", "failed") else "",
                "doc_type": str(doc.get("doc_type", "")),
                "status": str(doc.get("status", "")),
                "score": str(doc.get("score", "")),
            }
        )
    return rows


def summary_markdown(
    batch_id: int, listed: int, registered: int, outcomes: dict[str, int], documents: list[dict[str, Any]]
) -> str:
    lines = [f"# Sweep batch {batch_id}", "", f"- listed: {listed}", f"- newly registered: {registered}"]
    lines += [f"- {k}: {v}" for k, v in sorted(outcomes.items()) if k not in HIDDEN_OUTCOMES]
    if elsewhere := sum(outcomes.get(k, 0) for k in HIDDEN_OUTCOMES):
        lines.append(
            f"- ({elsewhere} file(s) were being processed by another run at the same time; "
            "that run reports them)"
        )
    quarantined = [d for d in documents if d.get("outcome") == "quarantined"]
    if quarantined:
        lines += [
            "",
            f"## ⚠ Cách ly / quarantined: {len(quarantined)}",
            "",
            "| tệp / file | lý do / reason | ở đâu / where |",
            "|---|---|---|",
        ]
        lines += [
            f"| {mask_text(str(d.get('key', '')))} | {reason_of(d)} | "
            f"{mask_text(str(d.get('quarantine_key', '')))} |"
            for d in quarantined
        ]
    return "\n".join(lines)


def final_state(summary: Any) -> Any:
    """The run's end: the summary itself (plain Completed), or a Completed state named
    "Quarantined" carrying it when a file of this run was quarantined."""
    n = summary.count("quarantined")
    if not n:
        return summary
    from prefect.states import Completed

    return Completed(
        name=QUARANTINED_STATE,
        data=summary,
        message=f"batch {summary.batch_id}: {n} file(s) quarantined, see the log and artifacts",
    )
