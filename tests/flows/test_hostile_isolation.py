"""Issue 17.1: the reading of one document runs in a child process of its own, so that its
crash (abort, segfault in a C library, running out of memory) is a typed error of that
document and the batch goes on.

The crashes are real: the child aborts, reads address 0, or allocates past its address-space
limit (flows/faults.py ``child_*``). Before the fix a 2 GB limit ended ``sohoa process`` with
exit 134 and no error line, the other documents of the batch with it.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from flows.isolation import DocumentCrashedError, process_isolated
from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from ocr.errors import TooLargeError
from ocr.settings import OcrSettings
from storage.warehouse.models import IngestLedger
from tests.flows.helpers import SOHOA


@pytest.mark.parametrize(
    ("point", "signal_name"), [("child_abort", "SIGABRT"), ("child_segfault", "SIGSEGV")]
)
def test_a_crash_in_the_child_is_a_typed_error(monkeypatch, sample_dir, point, signal_name):
    png = sorted(sample_dir.rglob("*.png"))[0].read_bytes()
    monkeypatch.setenv("SOHOA_CRASH_AT", point)
    monkeypatch.setenv("SOHOA_CRASH_ON", "bad")
    with pytest.raises(DocumentCrashedError, match=signal_name):
        process_isolated(png, "bad.png", ocr_settings=OcrSettings(), memory_mb=3072)
    # This process lives on, and so does the next document.
    result = process_isolated(png, "good.png", ocr_settings=OcrSettings(), memory_mb=3072)
    assert result.document.pages and result.source == "good.png"


def test_running_out_of_memory_is_too_large_naming_the_limit(monkeypatch, sample_dir):
    png = sorted(sample_dir.rglob("*.png"))[0].read_bytes()
    monkeypatch.setenv("SOHOA_CRASH_AT", "child_oom")
    with pytest.raises(TooLargeError, match=r"1024 MiB per document .SOHOA_MAX_DOCUMENT_MEMORY_MB"):
        process_isolated(png, "x.png", ocr_settings=OcrSettings(), memory_mb=1024)


def test_a_sweep_goes_on_past_a_document_whose_reading_segfaults(settings, sample_dir, monkeypatch):
    pngs = sorted(sample_dir.rglob("*.png"))[:2]
    store, inbox = settings.object_store(), settings.location("inbox")
    store.put(inbox.bucket, inbox.key("D-SEGV/crash-me.png"), pngs[0].read_bytes())
    store.put(inbox.bucket, inbox.key("D-SEGV/fine.png"), pngs[1].read_bytes())
    monkeypatch.setenv("SOHOA_CRASH_AT", "child_segfault")
    monkeypatch.setenv("SOHOA_CRASH_ON", "crash-me")
    summary = run_sweep(settings.model_copy(update={"max_attempts": 1}), today=date(2026, 11, 28))
    assert summary.outcomes == {"processed": 1, "quarantined": 1}
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        row = s.scalars(select(IngestLedger).where(IngestLedger.key.endswith("crash-me.png"))).one()
    assert (row.status, row.error_code) == ("quarantined", "processing_failed")
    assert "SIGSEGV" in row.last_error


def test_sohoa_process_reports_a_crashed_file_and_reads_the_others(sample_dir, tmp_path):
    pngs = sorted(sample_dir.rglob("*.png"))[:1]
    (tmp_path / "crash-me.png").write_bytes(pngs[0].read_bytes())
    (tmp_path / "fine.png").write_bytes(pngs[0].read_bytes())
    import os

    env = {
        **os.environ,
        "SOHOA_CRASH_AT": "child_abort",
        "SOHOA_CRASH_ON": "crash-me",
        "SOHOA_DATA_DIR": str(tmp_path / "data"),
    }
    out = subprocess.run(
        [SOHOA, "process", str(tmp_path / "crash-me.png"), str(tmp_path / "fine.png")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 3, out.stderr[-2000:]  # some files unreadable, the rest ran
    lines = {
        json.loads(line)["source"].rsplit("/", 1)[-1]: json.loads(line) for line in out.stdout.splitlines()
    }
    assert lines["crash-me.png"]["error"]["code"] == "processing_crashed"
    assert "SIGABRT" in lines["crash-me.png"]["error"]["message"]
    assert "error" not in lines["fine.png"] and lines["fine.png"]["pages"] == 1
