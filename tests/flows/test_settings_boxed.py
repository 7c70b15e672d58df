"""The boxed-number reading is an operator's setting like the other OCR stages: the
environment reaches ocr/boxes.py through flows' settings (regression: the stage was on and
could not be turned off from SOHOA_OCR_BOXED_NUMBERS)."""

from __future__ import annotations

import pytest

from flows.settings import Settings


def test_boxed_numbers_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().ocr().boxed_numbers is True
    monkeypatch.setenv("SOHOA_OCR_BOXED_NUMBERS", "false")
    assert Settings().ocr().boxed_numbers is False


def test_number_rereading_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().ocr().reread_numbers is True
    monkeypatch.setenv("SOHOA_OCR_REREAD_NUMBERS", "0")
    assert Settings().ocr().reread_numbers is False
