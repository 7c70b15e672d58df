"""hOCR (XHTML) from the result tree, so text-layer pages get hOCR as well as OCR'd ones.

Structure, as Tesseract writes it: ``ocr_page > ocr_carea > ocr_par > ocr_line >
ocrx_word``, each with ``title="bbox x0 y0 x1 y1"``; words add ``x_wconf`` (0-100) and ``x_engine`` (the recognizer that read the word); areas of a
layout kind add ``x_kind`` (``stamp`` areas are in the hOCR though not in the page text). Pages
add ``ppageno``, ``scan_res`` and ``x_source`` (``text_layer`` or ``ocr``). All text is
escaped and characters that XML 1.0 forbids are replaced, so the output always parses as
XML. Spec: https://kba.github.io/hocr-spec/1.2/
"""

from __future__ import annotations

import re
from html import escape

from ocr.result import BBox, Document

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return escape(_XML_FORBIDDEN.sub("\ufffd", value), quote=True)


def _bbox(box: BBox) -> str:
    return "bbox {} {} {} {}".format(*box)


def page_tree_to_hocr(document: Document, *, title: str = "", language: str = "vi") -> str:
    """Serialize ``document`` as one hOCR XHTML string (one ``ocr_page`` per page)."""
    lang = _text(language)
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"'
        ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        f'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" lang="{lang}">',
        "<head>",
        f"<title>{_text(title)}</title>",
        '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
        '<meta name="ocr-system" content="sohoa (tesseract / PDFium text layer)"/>',
        '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"/>',
        f'<meta name="ocr-number-of-pages" content="{len(document.pages)}"/>',
        "</head>",
        "<body>",
    ]
    for page in document.pages:
        p = page.number
        page_title = (
            f"{_bbox((0, 0, page.width, page.height))}; ppageno {p - 1}; "
            f"scan_res {page.dpi} {page.dpi}; x_source {page.source}"
        )
        out.append(f'<div class="ocr_page" id="page_{p}" title="{_text(page_title)}">')
        for b, block in enumerate(page.blocks, 1):
            bbox = _text(_bbox(block.bbox))
            # x_kind: the layout kind (header_agency, stamp, ...); hOCR allows x_ properties.
            area = _text(f"{_bbox(block.bbox)}; x_kind {block.kind}" if block.kind else bbox)
            out.append(f'<div class="ocr_carea" id="block_{p}_{b}" title="{area}">')
            out.append(f'<p class="ocr_par" id="par_{p}_{b}" lang="{lang}" title="{bbox}">')
            for n, line in enumerate(block.lines, 1):
                out.append(f'<span class="ocr_line" id="line_{p}_{b}_{n}" title="{_text(_bbox(line.bbox))}">')
                words = []
                for w, word in enumerate(line.words, 1):
                    wconf = round(word.confidence * 100)
                    word_title = f"{_bbox(word.bbox)}; x_wconf {wconf}"
                    if word.engine:  # provenance: which recognizer read the word
                        word_title += f"; x_engine {word.engine}"
                    word_title = _text(word_title)
                    words.append(
                        f'<span class="ocrx_word" id="word_{p}_{b}_{n}_{w}"'
                        f' title="{word_title}">{_text(word.text)}</span>'
                    )
                out.append(" ".join(words))
                out.append("</span>")
            out.append("</p>")
            out.append("</div>")
        out.append("</div>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"
