"""The one wrapper around PaddleOCR's PP-OCRv4 line recognizer (Apache-2.0), the ONNX file
that ships inside the ``rapidocr_onnxruntime`` wheel (PyPI, Apache-2.0).

sohoa uses only that model file, run by ONNX Runtime here; rapidocr's own Python code is
never imported (it would pull in opencv-python beside the headless build; pyproject keeps
that one out). The model was trained for Chinese and Latin script: it drops Vietnamese
diacritics ("Số" reads "S6"), but it reads hand-written digits that Tesseract turns into
symbols and that trueocr misreads (real signed scans, number crops: 17 of 19 right, against
trueocr's 13): a third opinion on the header's number and day (ocr/handwriting.py).

* The model is loaded once per process (lazily, cached per file) with one ONNX thread.
* A model that cannot be loaded raises ``ModelLoadError`` every time it is asked for.
* The character list is the model's own metadata (``character``), as rapidocr reads it.
"""

from __future__ import annotations

import importlib.util
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from ocr.engines import LineReading
from ocr.errors import ModelLoadError

ENGINE = "ppocr"
MODEL_FILE = "ch_PP-OCRv4_rec_infer.onnx"
_HEIGHT = 48  # the model's input height (rapidocr's rec_img_shape [3, 48, 320])
_LOCK = threading.Lock()
_LOADED: dict[str, _Model] = {}


@dataclass(frozen=True)
class _Model:
    session: Any  # onnxruntime.InferenceSession
    characters: tuple[str, ...]  # index 0 = CTC blank


def default_model_path() -> Path:
    """The model file inside the installed ``rapidocr_onnxruntime`` package (not imported)."""
    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError("rapidocr_onnxruntime (the PP-OCR model's package) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / MODEL_FILE


def model(path: str | Path | None = None) -> _Model:
    """The recognizer of ``path`` (default: the model in the wheel), loaded once."""
    key = str(Path(path).expanduser().resolve()) if path else ""
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        file = Path(key) if key else default_model_path()
        try:
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # workers run one document per core
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
            listed = session.get_modelmeta().custom_metadata_map["character"].splitlines()
        except Exception as exc:
            # NoSuchFile for a missing model, InvalidProtobuf for a corrupt one, KeyError for
            # a model without its character list.
            raise ModelLoadError(
                f"PP-OCR model cannot be loaded from {file}: {type(exc).__name__}: {exc}"
            ) from None
        loaded = _Model(session, ("", *listed, " "))
        _LOADED[key] = loaded
        return loaded


def _input(gray: np.ndarray) -> np.ndarray:
    """A grey crop as the model wants it: 3 channels, 48 px high, scaled to [-1, 1]."""
    h, w = gray.shape[:2]
    width = max(8, math.ceil(_HEIGHT * w / max(h, 1)))
    resized = cv2.resize(gray, (width, _HEIGHT), interpolation=cv2.INTER_LINEAR)
    x = resized.astype(np.float32) / 127.5 - 1.0
    return np.repeat(x[None, None], 3, axis=1)


def read_lines(crops: list[np.ndarray], path: str | Path | None = None) -> list[LineReading]:
    """Each uint8 grey line crop read by the recognizer, one at a time (a header gives six
    small crops; padding them to one width changed readings)."""
    if not crops:
        return []
    m = model(path)
    name = m.session.get_inputs()[0].name
    out = []
    for crop in crops:
        if crop.size == 0 or min(crop.shape[:2]) < 2:
            out.append(LineReading("", 0.0))
            continue
        probs = m.session.run(None, {name: _input(crop)})[0][0]
        best, peak = probs.argmax(axis=1), probs.max(axis=1)
        chars, confs, last = [], [], 0
        for index, p in zip(best, peak, strict=True):
            if index != last and index != 0 and index < len(m.characters):
                chars.append(m.characters[index])
                confs.append(float(p))
            last = index
        out.append(LineReading("".join(chars), float(np.mean(confs)) if confs else 0.0))
    return out


__all__ = [
    "ENGINE",
    "MODEL_FILE",
    "LineReading",
    "ModelLoadError",
    "default_model_path",
    "model",
    "read_lines",
]
