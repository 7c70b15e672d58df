"""Derived PDFs without active content.

A searchable PDF copies the pages that had a usable text layer from the original, and a
copied page brings its annotations (links that launch programs or open URIs, form widgets
with scripts) and its additional actions (``/AA``: JavaScript run when the page opens).
:func:`strip_active_content` redraws every page as a Form XObject of its content and
resources only, onto a fresh page of the same size in a new document: no annotations, no
page or document actions, no JavaScript name tree, no embedded files, whatever the source
held. The text stays (text in a form XObject is extracted as any other). The original in
the archive is never touched: this works on the derived copy only.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from ocr.loader import PDFIUM_LOCK


def strip_active_content(pdf: bytes) -> bytes:
    """``pdf`` redrawn page by page with nothing but its content (see the module)."""
    with PDFIUM_LOCK:
        source = pdfium.PdfDocument(pdf)
        out = pdfium.PdfDocument.new()
        try:
            for index in range(len(source)):
                page = source[index]
                try:
                    width, height = page.get_size()
                    rotation = page.get_rotation()
                finally:
                    page.close()
                xobject = source.page_as_xobject(index, out)
                target = out.new_page(width, height)
                try:
                    target.insert_obj(xobject.as_pageobject())
                    target.gen_content()
                    if rotation:
                        target.set_rotation(rotation)
                finally:
                    target.close()
                    xobject.close()
            # Saved to a file and read back (as ocr.pipeline does): no second copy in memory.
            handle, path = tempfile.mkstemp(prefix="sohoa-safe-", suffix=".pdf")
            os.close(handle)
            try:
                out.save(path)
            finally:
                out.close()
        finally:
            source.close()
    try:
        return Path(path).read_bytes()
    finally:
        os.unlink(path)
