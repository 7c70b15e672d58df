"""A PDF page's characters read by PDFium, shaped like pdfplumber's, without pdfminer.

pdfplumber parses every page in Python (pdfminer): ~0.1 s for a dense A4 page, 75 % of
the text-layer path's time (bench/bench_ocr.py, 10.8 pages/s on one core). PDFium, which
renders the pages anyway, holds the same characters after one C call. :class:`PdfiumTextPage`
offers what ``ocr.textlayer`` uses of a pdfplumber page (``chars``, ``extract_words``,
``filter``, ``width``, ``height``, ``bbox``, ``close``), so the text-layer checks and the
grouping stay one implementation.

Coordinates are points in the displayed frame (``/Rotate`` and the crop box applied, y
down from the top edge), as pdfplumber gives them; boxes are PDFium's loose boxes (font
ascent to descent, advance width), the nearest match to pdfplumber's. Each char also has
``matrix`` (only its first two entries are meaningful: the direction of the glyph's advance
on the displayed page, y up, which is what ``ocr.textlayer.char_direction`` reads),
``fontname``, ``size``, ``upright`` and ``invisible`` (render mode 3).

Every call into PDFium holds ``PDFIUM_LOCK`` (``ocr.loader``): PDFium is not thread-safe.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from typing import Any

import pypdfium2.raw as c

_SCALE = 1000  # PageToDevice returns ints: map to a 1000x canvas, divide back (0.001 pt)
_WORD_GAP = 1.5  # pt along the line that splits words (pdfplumber's x_tolerance=1.5)
_LINE_TOLERANCE = 3.0  # pt across the line within which chars share a line (y_tolerance)
# What a text object gives each of its chars: font name, size, matrix, upright, invisible, direction.
_ObjectInfo = tuple[str, float, tuple[float, float, float, float, float, float], bool, bool, str]


def _affine(page_raw: Any, width: float, height: float) -> tuple[float, ...]:
    """(a, b, c, d, e, f): page space (y up) -> displayed points (y down), x' = a x + c y + e,
    y' = b x + d y + f, from PDFium's own page-to-device mapping (rotation, crop box)."""
    w, h = max(1, round(width * _SCALE)), max(1, round(height * _SCALE))
    out_x, out_y = ctypes.c_int(), ctypes.c_int()

    def to_device(x: float, y: float) -> tuple[float, float]:
        c.FPDF_PageToDevice(page_raw, 0, 0, w, h, 0, x, y, out_x, out_y)
        return out_x.value / _SCALE, out_y.value / _SCALE

    ox, oy = to_device(0.0, 0.0)
    xx, xy = to_device(1000.0, 0.0)
    yx, yy = to_device(0.0, 1000.0)
    return ((xx - ox) / 1000, (xy - oy) / 1000, (yx - ox) / 1000, (yy - oy) / 1000, ox, oy)


_OBJECT_ADDRESS: list[Any] = []


def _text_object_address() -> Any:
    """``FPDFText_GetTextObject`` returning the object's address as an int (0 for none).

    The binding's own return type is a pointer object, and its address costs a second
    object (``.contents``): together a third of the per-char time of a dense page."""
    if not _OBJECT_ADDRESS:
        bound = c.FPDFText_GetTextObject
        function = type(bound)(ctypes.cast(bound, ctypes.c_void_p).value)
        function.argtypes = bound.argtypes
        function.restype = ctypes.c_void_p
        _OBJECT_ADDRESS.append(function)
    return _OBJECT_ADDRESS[0]


def read_chars(page_raw: Any, textpage_raw: Any, width: float, height: float) -> list[dict]:
    """Every non-generated character of a PDFium text page as a pdfplumber-like dict."""
    a, b, cc, d, e, f = _affine(page_raw, width, height)
    count = c.FPDFText_CountChars(textpage_raw)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    written = c.FPDFText_GetText(textpage_raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    raw_text = buffer.raw[: max(0, written - 1) * 2].decode("utf-16-le", "replace")
    # One UTF-16 unit per char index; a char outside the BMP would shift the string.
    aligned = len(raw_text) == count
    rect = c.FS_RECTF()
    matrix = c.FS_MATRIX()
    # mỗi đối tượng chữ: tên phông, cỡ, vectơ hướng chữ, đứng thẳng, ẩn, chiều viết
    objects: dict[int, _ObjectInfo] = {}
    name_buffer = ctypes.create_string_buffer(256)
    chars: list[dict] = []
    get_object_address = _text_object_address()
    map_error = c.FPDFText_HasUnicodeMapError
    loose_box = c.FPDFText_GetLooseCharBox
    for i in range(count):
        key = get_object_address(textpage_raw, i)
        if not key:
            continue  # a space or line break PDFium generated: not in the file
        info = objects.get(key)
        if info is None:
            obj = c.FPDFText_GetTextObject(textpage_raw, i)
            fontname, size, invisible = "", 0.0, False
            font = c.FPDFTextObj_GetFont(obj)
            if font:
                n = c.FPDFFont_GetBaseFontName(font, name_buffer, len(name_buffer))
                fontname = name_buffer.raw[: max(0, n - 1)].decode("utf-8", "replace")
            fsize = ctypes.c_float()
            if c.FPDFTextObj_GetFontSize(obj, fsize):
                size = fsize.value
            invisible = c.FPDFTextObj_GetTextRenderMode(obj) == c.FPDF_TEXTRENDERMODE_INVISIBLE
            if c.FPDFText_GetMatrix(textpage_raw, i, matrix):
                ux, uy = matrix.a, matrix.b  # the advance direction in page space
            else:
                ux, uy = 1.0, 0.0
            dx, dy = a * ux + cc * uy, b * ux + d * uy  # on the displayed page, y down
            upright = abs(dx) >= abs(dy) and dx >= 0
            vector = (dx, -dy, 0.0, 0.0, 0.0, 0.0)
            info = (fontname, size, vector, upright, invisible, _direction_of(dx, -dy))
            objects[key] = info
        if map_error(textpage_raw, i) == 1:
            text = "\ufffd"
        elif aligned:
            text = raw_text[i]
        else:
            code = c.FPDFText_GetUnicode(textpage_raw, i)
            text = chr(code) if 0 < code < 0x110000 else "\ufffd"
        if not loose_box(textpage_raw, i, rect):
            continue
        left, top, right, bottom = rect.left, rect.top, rect.right, rect.bottom
        x_a, y_a = a * left + cc * top + e, b * left + d * top + f
        x_b, y_b = a * right + cc * bottom + e, b * right + d * bottom + f
        # Outside the crop box nothing is shown: a glyph whose centre is not on the
        # displayed page is not text of the page (pdfplumber's crop did the same job).
        if not (0.0 <= (x_a + x_b) / 2 <= width and 0.0 <= (y_a + y_b) / 2 <= height):
            continue
        fontname, size, vector, upright, invisible, direction = info
        chars.append(
            {
                "object_type": "char",
                "text": text,
                "x0": min(x_a, x_b),
                "x1": max(x_a, x_b),
                "top": min(y_a, y_b),
                "bottom": max(y_a, y_b),
                "fontname": fontname,
                "size": size,
                "upright": upright,
                "matrix": vector,
                "invisible": invisible,
                "direction": direction,
            }
        )
    _level_tops(chars)
    return chars


def _level_tops(chars: list[dict]) -> None:
    """Bring the top of every upright char down to its font's ascent line.

    PDFium's loose box reaches up to the glyph where it stands above the ascent: "Ủ", "Ị",
    "ề" of a bold heading stand 1-3 pt above their neighbours, and a word holding one looked
    higher than the line it sits on ("TL. CHỦ TỊCH" came before "Nơi nhận:" of the same row).
    pdfplumber's boxes are the font's, level along a line; the lowest top above the bottom
    among the chars of one font and size is that font's ascent."""
    heights: dict[tuple[str, float], float] = {}
    for ch in chars:
        if ch["direction"] == "ltr":
            key = (ch["fontname"], ch["size"])
            height = ch["bottom"] - ch["top"]
            if height > 0 and height < heights.get(key, math.inf):
                heights[key] = height
    for ch in chars:
        if ch["direction"] == "ltr":
            height = heights.get((ch["fontname"], ch["size"]))
            if height is not None and ch["bottom"] - ch["top"] > height:
                ch["top"] = ch["bottom"] - height


def _reading_box(
    char: dict, direction: str, width: float, height: float
) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = char["x0"], char["top"], char["x1"], char["bottom"]
    if direction == "ttb":
        return (top, width - x1, bottom, width - x0)
    if direction == "btt":
        return (height - bottom, x0, height - top, x1)
    if direction == "rtl":
        return (width - x1, height - bottom, width - x0, height - top)
    return (x0, top, x1, bottom)


def _direction_of(a: float, b: float) -> str:
    if abs(a) >= abs(b):
        return "ltr" if a >= 0 else "rtl"
    return "btt" if b > 0 else "ttb"


def extract_words(
    chars: list[dict],
    width: float,
    height: float,
    gap: float = _WORD_GAP,
    line_tolerance: float = _LINE_TOLERANCE,
) -> list[dict]:
    """Words as pdfplumber's ``extract_words`` returns them (``text``, ``x0``, ``x1``,
    ``top``, ``bottom``): chars of one direction clustered into lines within
    ``line_tolerance`` across, sorted along the line, split at blanks and at gaps wider
    than ``gap``."""
    by_direction: dict[str, list[tuple[tuple[float, float, float, float], dict]]] = {}
    for char in chars:
        direction = char["direction"]
        if direction == "ltr":
            box = (char["x0"], char["top"], char["x1"], char["bottom"])
        else:
            box = _reading_box(char, direction, width, height)
        by_direction.setdefault(direction, []).append((box, char))
    words: list[dict] = []
    for items in by_direction.values():
        # Lines are told apart by the bottom of the boxes, not the top: PDFium's loose box
        # reaches up to the glyph, so "ề", "ế", "ổ" of a 14 pt bold heading stand 3 pt above
        # their neighbours and a cut by top split "Điều" into "Đi ề u"; the bottom (the
        # font's descent, the same as pdfplumber's) is level along a line.
        items.sort(key=lambda item: item[0][3])
        lines: list[list[tuple[tuple[float, float, float, float], dict]]] = []
        line_bottom = -math.inf
        for item in items:
            if item[0][3] - line_bottom > line_tolerance:
                lines.append([item])
                line_bottom = item[0][3]
            else:
                lines[-1].append(item)
        for line in lines:
            line.sort(key=lambda item: item[0][0])
            current: list[dict] = []
            last_u1 = 0.0
            for box, char in line:
                if not char["text"].strip():
                    if current:
                        words.append(_word(current))
                        current = []
                    continue
                if current:
                    if box[0] - last_u1 > gap:
                        words.append(_word(current))
                        current = [char]
                        last_u1 = box[2]
                        continue
                    if box[2] > last_u1:
                        last_u1 = box[2]
                else:
                    last_u1 = box[2]
                current.append(char)
            if current:
                words.append(_word(current))
    return words


def _word(chars: list[dict]) -> dict:
    if len(chars) == 1:
        ch = chars[0]
        return {
            "text": ch["text"],
            "x0": ch["x0"],
            "x1": ch["x1"],
            "top": ch["top"],
            "bottom": ch["bottom"],
            "upright": ch["upright"],
        }
    x0 = x1 = top = bottom = None
    texts = []
    for ch in chars:
        texts.append(ch["text"])
        if x0 is None:
            x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
            continue
        x0, x1 = min(x0, ch["x0"]), max(x1, ch["x1"])
        top, bottom = min(top, ch["top"]), max(bottom, ch["bottom"])
    return {
        "text": "".join(texts),
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "upright": chars[0]["upright"],
    }


class PdfiumTextPage:
    """The characters of one PDF page, with the part of pdfplumber's ``Page`` interface
    that ``ocr.textlayer`` uses. Holds no PDFium object: safe to keep after the page closes."""

    def __init__(self, chars: list[dict], width: float, height: float) -> None:
        self.chars = chars
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)
        self._words: list[dict] | None = None

    def extract_words(self, **_kwargs: Any) -> list[dict]:
        # The direction of each char picks its reading frame: pdfplumber's direction
        # arguments (ocr.textlayer._EXTRACT_ARGS) are implied. Computed once: the check
        # (judge_text_layer) and the reading (read_text_layer) both ask.
        if self._words is None:
            self._words = extract_words(self.chars, self.width, self.height)
        return self._words

    def filter(self, keep: Callable[[dict], bool]) -> PdfiumTextPage:
        return PdfiumTextPage([ch for ch in self.chars if keep(ch)], self.width, self.height)

    @property
    def invisible_share(self) -> float:
        shown = [ch for ch in self.chars if ch["text"].strip()]
        return sum(1 for ch in shown if ch["invisible"]) / len(shown) if shown else 0.0

    def close(self) -> None:
        pass


def text_page(page: Any, width: float, height: float) -> PdfiumTextPage:
    """The chars of a pypdfium2 ``PdfPage`` of displayed size ``width`` x ``height`` pt.
    The caller holds ``PDFIUM_LOCK``."""
    textpage = page.get_textpage()
    try:
        return PdfiumTextPage(read_chars(page.raw, textpage.raw, width, height), width, height)
    finally:
        textpage.close()
