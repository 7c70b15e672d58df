"""The ``sohoa`` command as a user runs it: a real process, real Tesseract, no services."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SOHOA = str(Path(sys.executable).parent / "sohoa")


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SOHOA, *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


@pytest.mark.parametrize("args", [[], ["process"], ["storage"], ["db"], ["sweep"], ["demo"]])
def test_help_everywhere(args):
    out = run(*args, "--help")
    assert out.returncode == 0, out.stderr
    assert "Usage" in out.stdout


def test_process_prints_fields_md_shape_and_error_lines(corpora, tmp_path):
    docs = corpora / "vi_synth_docs_v1_nomvn" / "pages"
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    notdoc = tmp_path / "notes.pdf"
    notdoc.write_text("chỉ là văn bản")

    out = run(
        "process",
        str(docs / "govt_quyet_dinh_p1.png"),
        str(docs / "govt_cong_van_p1.png"),
        str(empty),
        str(notdoc),
    )

    assert out.returncode == 3, out.stderr  # some inputs unreadable; the rest ran
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    by_source = {Path(line["source"]).name: line for line in lines}
    assert len(lines) == 4
    decision = by_source["govt_quyet_dinh_p1.png"]
    assert decision["doc_type"] == "administrative_decision"
    assert decision["text_source"] == "ocr" and decision["pages"] == 1
    assert decision["fields"]["document_number"]["value"] == "789/QĐ-UBND"
    assert decision["fields"]["issue_date"]["value"] == "2026-02-28"
    assert decision["quality"]["status"] in ("accepted", "needs_review", "rejected")
    assert by_source["govt_cong_van_p1.png"]["doc_type"] == "official_letter"
    assert by_source["empty.pdf"]["error"]["code"] == "empty_file"
    assert by_source["notes.pdf"]["error"]["code"] == "unsupported_format"


def test_process_missing_path_is_an_error_on_stderr(tmp_path):
    out = run("process", str(tmp_path / "nope.png"))
    assert out.returncode == 3
    assert "no such file" in out.stderr


def test_storage_status_when_stopped_exits_4(tmp_path):
    from storage.localserver import free_port

    out = run(
        "storage",
        "status",
        env={"SOHOA_DATA_DIR": str(tmp_path), "SOHOA_S3_ENDPOINT": f"127.0.0.1:{free_port()}"},
    )
    assert out.returncode == 4
    assert out.stdout.startswith("stopped")


def test_quiet_tracebacks_wraps_each_console_handler_once():
    """Regression: each command run in one process wrapped Prefect's console formatter again,
    until formatting a record recursed past Python's limit (seen when tests ran many commands)."""
    import io
    import logging

    from flows import cli

    logger = logging.getLogger("sohoa-test-quiet")
    handler = logging.StreamHandler(io.StringIO())
    logger.addHandler(handler)
    try:
        for _ in range(3):
            cli._quiet_tracebacks()
        assert isinstance(handler.formatter, cli._NoTraceback)
        assert not isinstance(handler.formatter.inner, cli._NoTraceback)
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.error("failed", exc_info=True)
        assert handler.stream.getvalue() == "failed\n"  # the line, not the traceback
    finally:
        logger.removeHandler(handler)
