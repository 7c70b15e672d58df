"""The one wrapper around PaddleOCR's line recognizers (Apache-2.0): PP-OCRv4's, the ONNX file
that ships inside the ``rapidocr_onnxruntime`` wheel, and PP-OCRv6's small one, inside the
``rapidocr`` wheel (both PyPI, Apache-2.0; the models' terms in rapidocr's MODEL_LICENSES.md).

sohoa uses only those model files, run by ONNX Runtime here; rapidocr's own Python code is
never imported (it would pull in opencv-python beside the headless build, and a text
detector's geometry libraries; pyproject keeps those out). The model was trained for Chinese and Latin script: it drops Vietnamese
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
# PP-OCRv6 reads hand-written digits better than v4 alone (bench real, dev fonts: 26 of 26
# crops of a pen's number right on its 1.5x crop, against 21 for v4), but the three-engine
# vote was built on v4's errors: v6 is asked apart, on the values that vote leaves unsure.
ENGINE_V6 = "ppocr6"
MODEL_FILE_V6 = "PP-OCRv6_rec_small.onnx"
_PACKAGES = {ENGINE: ("rapidocr_onnxruntime", MODEL_FILE), ENGINE_V6: ("rapidocr", MODEL_FILE_V6)}
_HEIGHT = 48  # the model's input height (rapidocr's rec_img_shape [3, 48, 320])
_LOCK = threading.Lock()
_LOADED: dict[str, _Model] = {}


@dataclass(frozen=True)
class _Model:
    session: Any  # onnxruntime.InferenceSession
    characters: tuple[str, ...]  # index 0 = CTC blank


def default_model_path(engine: str = ENGINE) -> Path:
    """The model file of ``engine`` (``ppocr`` or ``ppocr6``) inside its installed package
    (not imported)."""
    package, file = _PACKAGES[engine]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(f"{package} (the {engine} model's package) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / file


def model(path: str | Path | None = None, engine: str = ENGINE) -> _Model:
    """The recognizer of ``path`` (default: ``engine``'s model in its wheel), loaded once."""
    key = str(Path(path).expanduser().resolve()) if path else f":{engine}"
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        file = Path(key) if path else default_model_path(engine)
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


def read_lines(
    crops: list[np.ndarray], path: str | Path | None = None, engine: str = ENGINE
) -> list[LineReading]:
    """Each uint8 grey line crop read by ``engine``'s recognizer (or the model at ``path``),
    one at a time (a header gives six small crops; padding them to one width changed
    readings)."""
    if not crops:
        return []
    m = model(path, engine)
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
    "ENGINE_V6",
    "MODEL_FILE",
    "MODEL_FILE_V6",
    "LineReading",
    "ModelLoadError",
    "default_model_path",
    "model",
    "read_lines",
]
