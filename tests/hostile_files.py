"""Hostile files made on the spot (none of them is stored in the repository)."""

from __future__ import annotations

import io
import struct
import zlib

import pypdfium2 as pdfium


def many_empty_pages_pdf(pages: int = 10_000) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def deeply_nested_pdf(depth: int = 100_000) -> bytes:
    """A PDF whose one page's /Extra entry is an array nested ``depth`` deep."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Extra " + nested + b" >>",
    ]
    return _assemble(objects)


def invalid_utf8_text_pdf() -> bytes:
    """A text layer whose string bytes are not valid in any Unicode encoding."""
    stream = b"BT /F1 24 Tf 72 720 Td (\xff\xfe\xc3\x28 Ng\xc6\xb0\xe1 \x80\x80) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _assemble(objects)


def image_bomb_png(side: int = 100_000) -> bytes:
    """A tiny PNG whose header declares side × side pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def deflate_bomb_pdf(inflated: int = 3 << 30) -> bytes:
    """A one-page PDF whose content stream (spaces: valid, empty content) deflates to
    ``inflated`` bytes. 3 GiB makes a ~3 MB file. Compressed in 1 MiB steps: the bomb is
    never whole in memory here either."""
    deflater, block, parts = zlib.compressobj(9), b" " * (1 << 20), []
    for _ in range(inflated // len(block)):
        parts.append(deflater.compress(block))
    parts.append(deflater.compress(b" " * (inflated % len(block))) + deflater.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _assemble(objects)


def active_content_pdf() -> bytes:
    """A scan-like page (no text) carrying every kind of active content a PDF can: an
    OpenAction and a page /AA running JavaScript, a JavaScript name tree, an embedded file,
    a link annotation that launches a program and one that opens a URI."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R"
        b" /Names << /JavaScript << /Names [(x) 5 0 R] >> /EmbeddedFiles << /Names [(a.exe) 8 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
        b" /AA << /O 5 0 R >> /Annots [6 0 R 7 0 R] >>",
        b"<< /Length 38 >>\nstream\n0 g 20 20 160 10 re f 20 60 120 10 re f\nendstream",
        b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /Launch /F (calc.exe) >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [100 100 200 200] /A << /S /URI /URI (http://example.invalid/) >> >>",
        b"<< /Type /Filespec /F (a.exe) /EF << /F 9 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
    ]
    return _assemble(objects)


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
