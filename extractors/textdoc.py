"""Turn plain text into a ``Document`` tree with synthetic, consistent boxes.

For text that arrives without positions (ground-truth transcripts, a ``.txt`` export, a
text layer read without coordinates) and for tests. Layout conventions:

- one text line → one ``Line``; a blank line starts a new ``Block``; ``\\f`` starts a new page;
- a run of 3+ spaces inside a line is a column gap: the text after it is placed in the right
  half of the page (or further right), as in the two-column header of NĐ 30/2020.

Boxes are on a fixed grid (``char_width`` × ``line_height`` pixels), so geometry-based
rules (column gaps, line adjacency) behave as on a real page.
"""

from __future__ import annotations

import re

from ocr.result import Block, Document, Line, Page, TextSource, Word

_GAP = re.compile(r" {3,}|\t+")


def document_from_text(
    text: str,
    *,
    source: TextSource = "text_layer",
    confidence: float = 1.0,
    width: int = 1700,
    height: int = 2200,
    dpi: int = 200,
    char_width: int = 14,
    line_height: int = 40,
    margin: int = 100,
) -> Document:
    pages = []
    for page_no, page_text in enumerate(text.split("\f"), start=1):
        blocks: list[Block] = []
        lines: list[Line] = []
        y = margin
        for raw_line in page_text.split("\n"):
            if not raw_line.strip():
                if lines:
                    blocks.append(Block(tuple(lines)))
                    lines = []
                y += line_height
                continue
            words: list[Word] = []
            x = margin
            for col, chunk in enumerate(_GAP.split(raw_line)):
                if col > 0:
                    x = max(x + 6 * char_width, width // 2 if col == 1 else x)
                for token in chunk.split():
                    w = len(token) * char_width
                    words.append(Word(token, (x, y, x + w, y + int(line_height * 0.7)), confidence))
                    x += w + char_width
            if words:
                lines.append(Line(tuple(words)))
            y += line_height
        if lines:
            blocks.append(Block(tuple(lines)))
        page_w = max([width] + [w.bbox[2] + margin for b in blocks for ln in b.lines for w in ln.words])
        page_h = max(height, y + margin)
        pages.append(Page(page_no, page_w, page_h, dpi, source, tuple(blocks)))
    return Document(tuple(pages))
