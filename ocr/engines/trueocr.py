"""The one wrapper around ``trueocr`` (PyPI, Apache-2.0): a Vietnamese CTC line recognizer
on ONNX Runtime, its models inside the wheel (``trueocr/models``: rec.onnx, meta.json).

sohoa uses only its line recognizer, as a second opinion on line crops Tesseract found
(the hand-written number and day of a header: ocr/handwriting.py). Measured here: its page
detection, deskew and reading order cost ~0.65 s a page and read the rendered real PDFs
worse than Tesseract (page CER 0.076 vs 0.065); line by line, keeping its reading where it
was surer gained nothing (0.0655 -> 0.0653 at best); on hand-written digits it reads what
Tesseract turns into symbols.

* The model is loaded once per process (lazily, on first use, cached per model folder) with
  one ONNX thread: workers run one document per core.
* A model that cannot be loaded (folder or file missing, corrupt ONNX) raises
  ``ModelLoadError`` every time it is asked for (not cached: a fixed folder is used again).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ocr.engines import LineReading
from ocr.errors import ModelLoadError

if TYPE_CHECKING:  # chỉ nạp trong recognizer(): thiếu trueocr thì thành ModelLoadError
    from trueocr.recognizer import Recognizer

ENGINE = "trueocr"
_LOCK = threading.Lock()
_LOADED: dict[str, Recognizer] = {}


def default_model_dir() -> Path:
    import trueocr

    return Path(trueocr.__file__).parent / "models"


def recognizer(model_dir: str | Path | None = None) -> Recognizer:
    """The line recognizer of ``model_dir`` (default: the models in the wheel), loaded once."""
    key = str(Path(model_dir).expanduser().resolve()) if model_dir else ""
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        try:
            from trueocr.recognizer import Recognizer

            model = Recognizer(Path(key) if key else default_model_dir(), threads=1)
        except ImportError as exc:
            raise ModelLoadError(f"trueocr is not installed: {exc}") from None
        except Exception as exc:
            # FileNotFoundError for a missing rec.onnx/meta.json, KeyError for a meta.json
            # without a charset, onnxruntime's Fail / InvalidProtobuf for a corrupt model.
            raise ModelLoadError(
                f"trueocr model cannot be loaded from {key or 'the wheel'}: {type(exc).__name__}: {exc}"
            ) from None
        _LOADED[key] = model
        return model


def read_lines(crops: list[np.ndarray], model_dir: str | Path | None = None) -> list[LineReading]:
    """Each uint8 grey line crop read by the recognizer (batched by width)."""
    if not crops:
        return []
    model = recognizer(model_dir)
    return [LineReading(p.text, float(p.confidence)) for p in model.predict(crops)]


__all__ = ["ENGINE", "LineReading", "ModelLoadError", "default_model_dir", "read_lines", "recognizer"]
