"""One typed result tree for recognized text: Document > Page > Block > Line > Word.

Every element has a bounding box in page pixels ``(x0, y0, x1, y1)`` and a confidence in
[0, 1]; ``export()`` gives plain JSON-able data. Text is NFC. Modelled on docTR's
``doctr/io/elements.py``.

Provenance: each Word records the ``engine`` that read it (``tesseract``, ``trueocr``,
``text_layer``; empty when unknown). Each Block may carry a layout ``kind`` (ocr/layout.py
``BLOCK_KINDS``: header_agency, header_motto, number, place_date, title, body, signature,
recipients, stamp). Blocks of a kind in ``APART_KINDS`` (stamps) are kept out of the page
text but stay in ``blocks`` and in every export, with their boxes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[int, int, int, int]
TextSource = Literal["text_layer", "ocr"]
# Block kinds whose text is not part of the page's running text (a stamp's "ĐẾN Số: ...").
APART_KINDS = frozenset({"stamp"})


def _union(boxes: list[BBox]) -> BBox:
    if not boxes:
        return (0, 0, 0, 0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class Word:
    text: str
    bbox: BBox
    confidence: float
    engine: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", unicodedata.normalize("NFC", self.text))

    def export(self) -> dict:
        return {
            "text": self.text,
            "bbox": list(self.bbox),
            "confidence": round(self.confidence, 4),
            "engine": self.engine,
        }


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return _union([w.bbox for w in self.words])

    @property
    def confidence(self) -> float:
        return _mean([w.confidence for w in self.words])

    def export(self) -> dict:
        return {
            "text": self.text,
            "bbox": list(self.bbox),
            "confidence": round(self.confidence, 4),
            "words": [w.export() for w in self.words],
        }


@dataclass(frozen=True)
class Block:
    lines: tuple[Line, ...]
    kind: str = ""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def bbox(self) -> BBox:
        return _union([line.bbox for line in self.lines])

    @property
    def confidence(self) -> float:
        return _mean([w.confidence for line in self.lines for w in line.words])

    def export(self) -> dict:
        return {
            "kind": self.kind,
            "bbox": list(self.bbox),
            "confidence": round(self.confidence, 4),
            "lines": [line.export() for line in self.lines],
        }


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: int
    height: int
    dpi: int
    source: TextSource
    blocks: tuple[Block, ...] = ()
    # What was done to the page before recognition (e.g. "grayscale", "deskew"), and the
    # rotation applied in degrees, so a reviewer can tell why a text looks as it does.
    steps: tuple[str, ...] = ()
    rotation: int = 0
    skew: float = 0.0

    @property
    def text_blocks(self) -> tuple[Block, ...]:
        """The blocks of the running text, in reading order (stamps left out)."""
        return tuple(b for b in self.blocks if b.kind not in APART_KINDS)

    @property
    def stamps(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "stamp")

    @property
    def lines(self) -> list[Line]:
        return [line for block in self.text_blocks for line in block.lines]

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.text_blocks)

    @property
    def confidence(self) -> float:
        return _mean([w.confidence for w in self.words])

    def export(self) -> dict:
        return {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "source": self.source,
            "rotation": self.rotation,
            "skew": round(self.skew, 2),
            "steps": list(self.steps),
            "confidence": round(self.confidence, 4),
            "blocks": [b.export() for b in self.blocks],
        }


@dataclass(frozen=True)
class Document:
    pages: tuple[Page, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def text_source(self) -> str:
        """``text_layer``, ``ocr`` or ``mixed`` (fields.md)."""
        sources = {p.source for p in self.pages}
        if len(sources) == 1:
            return sources.pop()
        return "mixed" if sources else "ocr"

    @property
    def mean_ocr_confidence(self) -> float:
        return _mean([w.confidence for p in self.pages for w in p.words])

    def export(self) -> dict:
        return {
            "text_source": self.text_source,
            "mean_ocr_confidence": round(self.mean_ocr_confidence, 4),
            "pages": [p.export() for p in self.pages],
        }
