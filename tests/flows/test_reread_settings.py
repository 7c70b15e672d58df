"""The OCR settings (reread, text repairs) come from the environment like the other OCR limits."""

from __future__ import annotations

from flows.settings import Settings


def test_reread_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SOHOA_OCR_REREAD_BELOW_CONFIDENCE", "0")
    monkeypatch.setenv("SOHOA_OCR_REREAD_LANGUAGE", "vie")
    ocr = Settings(data_dir=tmp_path).ocr()
    assert (ocr.deblur_below_confidence, ocr.reread_language) == (0.0, "vie")


def test_reread_is_on_by_default(tmp_path):
    ocr = Settings(data_dir=tmp_path).ocr()
    assert (ocr.deblur_below_confidence, ocr.reread_language) == (0.85, "vie+Vietnamese")


def test_text_repairs_are_on_by_default_and_can_be_turned_off(monkeypatch, tmp_path):
    ocr = Settings(data_dir=tmp_path).ocr()
    assert (ocr.tones, ocr.ellipses, ocr.tables, ocr.flatten_photos) == (True, True, True, True)
    monkeypatch.setenv("SOHOA_OCR_TONES", "false")
    monkeypatch.setenv("SOHOA_OCR_ELLIPSES", "false")
    monkeypatch.setenv("SOHOA_OCR_TABLES", "false")
    monkeypatch.setenv("SOHOA_OCR_FLATTEN_PHOTOS", "false")
    ocr = Settings(data_dir=tmp_path).ocr()
    assert (ocr.tones, ocr.ellipses, ocr.tables, ocr.flatten_photos) == (False, False, False, False)


def test_card_photo_repairs_and_the_fourth_engine_are_set_from_the_environment(monkeypatch, tmp_path):
    ocr = Settings(data_dir=tmp_path).ocr()
    assert (ocr.card_unsmear, ocr.card_even, ocr.ppocr6_model_path) == (True, True, "")
    monkeypatch.setenv("SOHOA_OCR_CARD_UNSMEAR", "false")
    monkeypatch.setenv("SOHOA_OCR_CARD_EVEN", "false")
    monkeypatch.setenv("SOHOA_OCR_PPOCR6_MODEL_PATH", "/models/rec.onnx")
    ocr = Settings(data_dir=tmp_path).ocr()
    assert (ocr.card_unsmear, ocr.card_even, ocr.ppocr6_model_path) == (False, False, "/models/rec.onnx")
