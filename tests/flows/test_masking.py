"""Personal identifiers never reach a log line or a table unmasked (design invariant 6)."""

from __future__ import annotations

import logging

from flows.masking import install_masking, mask_id, mask_text

FICTIONAL_ID = "096190001234"  # fictional: province 096, 1900s male, year 90


def test_mask_id_keeps_three_digits_each_side():
    assert mask_id(FICTIONAL_ID) == "096******234"
    assert mask_id("096 190 001 234") == "096******234"


def test_mask_text_leaves_document_numbers_and_dates_alone():
    text = f"Số: 123/QĐ-UBND ngày 05/03/2024, CCCD {FICTIONAL_ID}, ĐT 0912345678"
    masked = mask_text(text)
    assert "123/QĐ-UBND" in masked and "05/03/2024" in masked
    assert FICTIONAL_ID not in masked and "0912345678" not in masked


def test_every_logger_is_masked_including_children_and_args(caplog):
    install_masking()
    with caplog.at_level(logging.INFO):
        logging.getLogger("sohoa.some.child").info("person %s read", FICTIONAL_ID)
        logging.getLogger("prefect.task_runs").info(f"key inbox/{FICTIONAL_ID}.png")
    assert FICTIONAL_ID not in caplog.text
    assert "096******234" in caplog.text
