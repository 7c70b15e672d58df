"""The page images of ``bench real``, made from the real born-digital PDFs of
vi_real_admin_pdfs, and what each one should read as.

Every image is deterministic (seeded by the page's id) and cached under
``.sohoa/bench-cache/real-<VERSION>/<condition>/`` with a manifest, so a second run only reads
files. Conditions:

* ``clean150`` / ``clean200`` / ``clean300``: the page rendered grey by PDFium at that DPI;
* ``damaged200``: printed and scanned: a 300-DPI render given photocopy contrast (toner
  ~10 % grey, paper ~93 %), a 0.8-px blur, a skew of up to 1.2°, rescanned at 200 DPI,
  sigma-5 noise and specks, saved as JPEG quality 45–70;
* ``stamps200`` (grey) / ``stamps200_color``: a red round seal with ring text over the
  signature block and a red arrival stamp "ĐẾN Số: … Ngày: …" under the number line, both
  blended like ink (multiply); in the grey image the red is mid-grey, as on a grey scan.
  Only pages that got a stamp are kept;
* ``hand_dev`` / ``hand_dev2`` / ``hand_heldout``: the header's number ("Số: N /…") and day ("ngày DD") —
  and the month, when the draft left it blank — written by hand in a handwriting font:
  printed digits are whited out and written again (same value), blank fields of drafts are
  filled in with seeded values that are also put into the page's ground truth. Only header
  pages are kept. ``DEV_FONTS`` is the group to develop against; ``HELDOUT_FONTS`` are kept
  aside to show nothing was tuned to a font.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

VERSION = "v4"
FONT_DIRS = ("/usr/share/fonts",)
# Handwriting fonts from Debian (scripts/install-bench-deps.sh). Develop with the first
# group; the second is never looked at while tuning.
DEV_FONTS = {
    "dkg": "truetype/fifthhorseman/dkg.ttf",
    "breip": "truetype/breip/Breip.ttf",
    "humor-sans": "truetype/humor-sans/Humor-Sans.ttf",
    "dancingscript": "opentype/dancingscript/DancingScript-Regular.otf",
}
# (femkeklaver is not used: its digits are outlines, nothing a pen draws.)
# A second development group (session 16): five more Debian handwriting and script fonts, for
# tuning on more pens than four; the held-out group stays apart.
DEV2_FONTS = {
    "kristi": "truetype/kristi/Kristi.ttf",
    "kaushan": "opentype/kaushanscript/KaushanScript-Regular.otf",
    "ecolier": "truetype/ecolier-court/Ecolier-court.ttf",
    "comicneue": "opentype/comic-neue/ComicNeue-Regular.otf",
    "kiloji": "truetype/kiloji/kiloji.ttf",
}
HELDOUT_FONTS = {
    "klee": "truetype/klee/KleeOne-Regular.ttf",
    "bwht-learn": "opentype/bwht/BecauseWeLearn-Regular.otf",
    "bwht-mentor": "opentype/bwht/BecauseWeMentor-Regular.otf",
}
# The control: the same fill-ins typed in a serif font, upright and steady, so that what the
# extractor cannot find even in print is told apart from what the pen makes unreadable.
TYPED_FONTS = {"dejavu-serif": "truetype/dejavu/DejaVuSerif.ttf"}
FONT_GROUPS = {
    "hand_dev": DEV_FONTS,
    "hand_dev2": DEV2_FONTS,
    "hand_heldout": HELDOUT_FONTS,
    "typed_control": TYPED_FONTS,
}
# The groups written by a pen (several renders of a page, each in another font).
HAND_GROUPS = ("hand_dev", "hand_dev2", "hand_heldout")
PRINT_FONT = "truetype/dejavu/DejaVuSans-Bold.ttf"
PEN = (25, 45, 150)  # ballpoint blue
STAMP_RED = (205, 40, 50)
CONDITIONS = (
    "clean150",
    "clean200",
    "clean300",
    "damaged200",
    "stamps200",
    "stamps200_color",
    "hand_dev",
    "hand_dev2",
    "hand_heldout",
    "typed_control",
)


def font_path(rel: str) -> Path:
    for root in FONT_DIRS:
        p = Path(root) / rel
        if p.is_file():
            return p
    raise FileNotFoundError(f"font {rel} missing: run scripts/install-bench-deps.sh")


def seed_of(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:4], "big")


# ------------------------------------------------------------------ the corpus


@dataclass
class PageRef:
    id: str  # "<pdf stem>_p<page>"
    pdf: Path
    page: int  # 1-based
    truth: str  # the text layer (ground_truth.jsonl "text")
    doc_kind: str


def corpus_pages(root: Path) -> list[PageRef]:
    out = []
    for line in (root / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            pdf = root / rec["file"]
            out.append(PageRef(f"{pdf.stem}_p{rec['page']}", pdf, rec["page"], rec["text"], rec["doc_kind"]))
    return out


# ------------------------------------------------------------------ text positions


@dataclass(frozen=True)
class Char:
    ch: str
    left: float  # PDF points, y up
    bottom: float
    right: float
    top: float

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def page_chars(pdf: Path, page: int) -> tuple[list[Char], float]:
    """(characters, page height in points) of one page, as poppler's ``pdftotext`` sees them.

    poppler, not PDFium's text page: the number and day of the Quảng Ngãi documents were
    stamped into form widgets by the signing software, which PDFium's text page leaves out
    (and which the ground truth, made by pdftotext, has). Words come with boxes; a word's
    characters share its width evenly. Lines end with "\\n", words are separated by " "."""
    import html
    import subprocess

    xml = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = _PAGE.search(xml)
    height = float(m.group(2)) if m else 842.0
    chars: list[Char] = []
    for line in xml.split("<line ")[1:]:
        for w in _WORD.finditer(line):
            x0, y0, x1, y1 = map(float, w.groups()[:4])
            word = html.unescape(w.group(5))
            if not word:
                continue
            step = (x1 - x0) / len(word)
            b, t = height - y1, height - y0
            for k, ch in enumerate(word):
                chars.append(Char(ch, x0 + k * step, b, x0 + (k + 1) * step, t))
            chars.append(Char(" ", x1, b, x1, t))
        if chars:
            last = chars[-1]
            chars[-1] = Char("\n", last.left, last.bottom, last.right, last.top)
    return chars, height


def _find(chars: list[Char], word: str, top_fraction: float, height: float) -> list[int]:
    """Indexes where ``word`` starts in the character stream, in the top part of the page."""
    s = "".join(c.ch for c in chars)
    out = []
    for m in re.finditer(re.escape(word), s):
        if chars[m.start()].top > height * (1 - top_fraction):
            out.append(m.start())
    return out


def _line(chars: list[Char], ref: Char, height: float) -> list[Char]:
    """The characters on the same text line as ``ref`` (any order in the stream), by x."""
    return sorted(
        (c for c in chars if c.ch.strip() and abs(c.cy - ref.cy) < 0.6 * height), key=lambda c: c.left
    )


@dataclass
class Slot:
    """A place on the page for hand-written digits: its box (PDF points) and the printed
    digits there, if any."""

    left: float
    bottom: float
    right: float
    top: float
    printed: str
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Header:
    number: Slot | None = None
    number_suffix: str = ""  # "TB-UBND" in "Số: 11 /TB-UBND"
    day: Slot | None = None
    month: Slot | None = None
    month_printed: str = ""
    year: str = ""


def _slot(line: list[Char], left: float, right: float, b: float, t: float) -> Slot:
    digits = [c for c in line if c.ch.isdigit() and c.left >= left - 0.5 and c.right <= right + 0.5]
    return Slot(
        left, b, right, t, "".join(c.ch for c in digits), [(c.left, c.bottom, c.right, c.top) for c in digits]
    )


def find_header(chars: list[Char], page_height: float) -> Header:
    """The "Số: N /…" number and the "ngày DD tháng MM năm YYYY" of a page's header."""
    h = Header()
    for i in _find(chars, "Số:", 0.45, page_height)[:1]:
        s_char, colon = chars[i], chars[i + 2]
        size = s_char.top - s_char.bottom
        line = _line(chars, s_char, size)
        slashes = [
            c for c in line if c.ch == "/" and c.left > colon.right and c.left - colon.right < 25 * size
        ]
        if slashes:
            slash = slashes[0]
            h.number = _slot(line, colon.right, slash.left, s_char.bottom, s_char.top)
            suffix, prev = "", slash
            for c in line:
                if c.left <= slash.left:
                    continue
                if c.left - prev.right > 0.9 * size:
                    break
                suffix += c.ch
                prev = c
            h.number_suffix = suffix
    for i in _find(chars, "ngày", 0.45, page_height):
        n_char = chars[i]
        size = chars[i + 1].top - chars[i + 1].bottom  # "g": no accent
        line = _line(chars, n_char, size * 1.5)
        text = "".join(c.ch for c in line)
        # The place-date line: "<Place>, ngày … tháng … năm …" (not "ngày 20/02/2025" in a body).
        m = re.search(r",\s*ngày(.*?)tháng(.*?)năm\s*(\d{4})?", text)
        if not m:
            continue
        ngay_end = line[text.index("ngày", m.start()) + 3]
        thang = line[m.end(1)], line[m.start(2) - 1]
        nam = line[m.end(2)]
        h.day = _slot(line, ngay_end.right, thang[0].left, chars[i].bottom, chars[i].bottom + size * 1.1)
        h.month = _slot(line, thang[1].right, nam.left, chars[i].bottom, chars[i].bottom + size * 1.1)
        h.month_printed = h.month.printed
        h.year = m.group(3) or ""
        break
    return h


# ------------------------------------------------------------------ drawing


def render(pdf: Path, page: int, dpi: int) -> tuple[Image.Image, list[Char], float]:
    """(RGB image, characters, page height in points) of one PDF page."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        doc.init_forms()  # draws the form widgets the signing software put the number into
        image = doc[page - 1].render(scale=dpi / 72, may_draw_forms=True).to_pil().convert("RGB")
    finally:
        doc.close()
    chars, height = page_chars(pdf, page)
    return image, chars, height


def to_px(box: tuple[float, float, float, float], height: float, dpi: int) -> tuple[int, int, int, int]:
    s = dpi / 72
    left, bottom, right, top = box
    return int(left * s), int((height - top) * s), math.ceil(right * s), math.ceil((height - bottom) * s)


def _ink(image: Image.Image, layer: Image.Image, color: tuple[int, int, int], at: tuple[int, int]) -> None:
    """Multiply ``color`` onto ``image`` where the L-mode ``layer`` (0–255 coverage) is set, at
    ``at``: ink darkens what is under it, as a stamp or pen on printed text does."""
    x, y = at
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(image.width, x + layer.width), min(image.height, y + layer.height)
    if x1 <= x0 or y1 <= y0:
        return
    region = np.asarray(image.crop((x0, y0, x1, y1)), dtype=np.float32)
    alpha = np.asarray(layer, dtype=np.float32)[y0 - y : y1 - y, x0 - x : x1 - x, None] / 255
    tint = np.array(color, dtype=np.float32) / 255
    out = region * (1 - alpha * (1 - tint))
    image.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (x0, y0))


def write_by_hand(
    image: Image.Image,
    text: str,
    left: int,
    baseline: int,
    size: int,
    font: Path,
    rng: np.random.Generator,
    color: tuple[int, int, int] = PEN,
    steady: bool = False,
) -> tuple[int, int, int, int]:
    """Write ``text`` glyph by glyph: each slightly rotated, moved and scaled, the line
    sloping a little (``steady``: none of that, as typed). Returns the box written over (pixels)."""
    x = float(left)
    slope = 0.0 if steady else rng.uniform(-0.06, 0.06)
    wobble = 0.0 if steady else 1.0
    box = [10**9, 10**9, 0, 0]
    for ch in text:
        glyph_size = max(8, int(size * (1 + wobble * rng.uniform(-0.08, 0.1))))
        f = ImageFont.truetype(str(font), glyph_size)
        x0, y0, x1, y1 = f.getbbox(ch, anchor="ls")
        pad = glyph_size // 2
        layer = Image.new("L", (int(x1 - x0 + 2 * pad), int(y1 - y0 + 2 * pad)), 0)
        ImageDraw.Draw(layer).text((pad - x0, pad - y0), ch, font=f, fill=255, anchor="ls")
        layer = layer.rotate(wobble * rng.uniform(-9, 9), resample=Image.Resampling.BICUBIC, expand=False)
        layer = layer.filter(ImageFilter.GaussianBlur(0.4))
        gx = int(x + x0 - pad + wobble * rng.normal(0, size * 0.03))
        gy = int(baseline + (x - left) * slope + y0 - pad + wobble * rng.normal(0, size * 0.05))
        _ink(image, layer, color, (gx, gy))
        box = [
            min(box[0], gx + pad),
            min(box[1], gy + pad),
            max(box[2], gx + layer.width - pad),
            max(box[3], gy + layer.height - pad),
        ]
        x += (x1 - x0) + size * (0.03 if steady else rng.uniform(0.02, 0.12))
    return box[0], box[1], box[2], box[3]


def white_out(image: Image.Image, boxes: list[tuple[int, int, int, int]], pad: int) -> None:
    draw = ImageDraw.Draw(image)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - pad, top - pad, right + pad, bottom + pad), fill=(255, 255, 255))


@dataclass
class FillIn:
    """What was written by hand on a page, and the truth that follows from it."""

    number: str = ""  # the digits written ("" when the page has no number slot)
    number_printed: bool = False  # the digits were printed and have been written over
    day: str = ""
    month: str = ""  # written by hand only when the draft left the month blank
    month_printed: str = ""
    year: str = ""
    number_suffix: str = ""
    erased: list[tuple[int, int, int, int]] = field(default_factory=list)  # pixel boxes whited out

    @property
    def document_number(self) -> str | None:
        return f"{self.number}/{self.number_suffix}" if self.number and self.number_suffix else None

    @property
    def issue_date(self) -> str | None:
        month = self.month or self.month_printed
        if not (self.day and month and self.year):
            return None
        return f"{self.year}-{int(month):02d}-{int(self.day):02d}"


def fill_in(
    image: Image.Image,
    header: Header,
    height: float,
    dpi: int,
    font: Path,
    seed: int,
    write: bool = True,
    steady: bool = False,
) -> FillIn:
    """White out the header's printed number and day and write them by hand; fill the
    blank ones of a draft with seeded values (``write=False``: white out only, for tests;
    ``steady``: typed, black, at the print's size)."""
    rng = np.random.default_rng(seed)
    out = FillIn(year=header.year, number_suffix=header.number_suffix, month_printed=header.month_printed)
    slots: list[tuple[Slot, str]] = []

    def room(slot: Slot) -> int:  # digits that fit into a blank at the print's size
        return max(1, int((slot.right - slot.left) / (0.62 * (slot.top - slot.bottom))))

    if header.number is not None:
        n_digits = min(room(header.number), int(rng.integers(1, 5)))
        out.number = header.number.printed or str(int(rng.integers(10 ** (n_digits - 1), 10**n_digits)))
        out.number_printed = bool(header.number.printed)
        slots.append((header.number, out.number))
    if header.day is not None:
        day = int(rng.integers(1, 29))
        out.day = header.day.printed or (f"{day:02d}" if room(header.day) >= 2 or day >= 10 else str(day))
        slots.append((header.day, out.day))
        if header.month is not None and not header.month.printed:
            out.month = str(int(rng.integers(1, 13)))
            slots.append((header.month, out.month))
    for slot, digits in slots:
        size_pt = slot.top - slot.bottom
        px = [to_px(b, height, dpi) for b in slot.boxes]
        white_out(image, px, max(1, int(size_pt * dpi / 72 * 0.12)))
        out.erased += px
        if not write:
            continue
        print_px = size_pt * dpi / 72
        size = print_px * (0.8 if steady else rng.uniform(1.35, 1.7))
        x_start, _, x_end, _ = to_px((slot.left, slot.bottom, slot.right, slot.top), height, dpi)
        if px:
            x_start, x_end = min(b[0] for b in px), max(b[2] for b in px)
        # Written to fit the blank (people write smaller into a narrow one), never below
        # the print's size; wider than that, it runs over, as it does on paper.
        gap = max(x_end - x_start - 0.3 * print_px, 1)

        def width_at(size: float, digits: str = digits) -> float:
            return ImageFont.truetype(str(font), int(size)).getlength(digits) + len(digits) * size * 0.08

        size = int(max(print_px * (0.7 if steady else 0.95), min(size, size * gap / width_at(size))))
        width = width_at(size)
        left = (
            int(max(x_start + 0.15 * print_px, (x_start + x_end) / 2 - width / 2)) if width < gap else x_start
        )
        # pdftotext's boxes reach down to the descender; the baseline is ~1/5 of the box up.
        line_base = (height - slot.bottom - 0.2 * size_pt) * dpi / 72
        baseline = int(line_base if steady else line_base + rng.uniform(-0.1, 0.15) * size)
        write_by_hand(image, digits, left, baseline, size, font, rng, (20, 20, 20) if steady else PEN, steady)
    return out


def truth_with_fill_in(truth: str, fill: FillIn) -> str:
    """The page's text with the blank fields that were filled in by hand filled in."""
    if fill.number and not fill.number_printed:
        truth = re.sub(r"Số:(?!\s*\d)", f"Số: {fill.number}", truth, count=1)
    if fill.day:
        m = re.search(r"ngày(?!\s*\d)(?=\s*(?:\n|tháng|…|\.\.|\s))", truth)
        if m and not re.match(r"\s*\d", truth[m.end() :]):
            truth = truth[: m.end()] + f" {fill.day}" + truth[m.end() :]
            if fill.month:
                m2 = re.compile(r"tháng(?!\s*\d)").search(truth, m.end())
                if m2:
                    truth = truth[: m2.end()] + f" {fill.month}" + truth[m2.end() :]
    return truth


def _ring_text(size: int, radius: float, text: str, font: Path) -> Image.Image:
    layer = Image.new("L", (size, size), 0)
    c = size / 2
    f = ImageFont.truetype(str(font), max(8, int(radius * 0.16)))
    span = 1.8 * math.pi  # the name runs clockwise round the top, leaving a gap at the bottom
    step = span / max(len(text) - 1, 1)
    for i, ch in enumerate(text):
        angle = -math.pi / 2 - span / 2 + i * step
        glyph = Image.new("L", (int(radius * 0.3), int(radius * 0.3)), 0)
        ImageDraw.Draw(glyph).text((glyph.width / 2, glyph.height / 2), ch, font=f, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x = c + radius * math.cos(angle) - glyph.width / 2
        y = c + radius * math.sin(angle) - glyph.height / 2
        layer.paste(255, (int(x), int(y)), glyph)
    return layer


def seal(radius: int, text: str, rng: np.random.Generator) -> Image.Image:
    """A round seal: two rings, the agency's name around, a star in the middle (coverage)."""
    size = 2 * radius + 8
    c = size / 2
    font = font_path(PRINT_FONT)
    layer = _ring_text(size, radius * 0.8, text, font)
    d = ImageDraw.Draw(layer)
    w = max(2, radius // 22)
    d.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=w)
    r2 = radius * 0.62
    d.ellipse((c - r2, c - r2, c + r2, c + r2), outline=255, width=max(1, w // 2))
    star = [
        (
            c + (radius * 0.3 if k % 2 == 0 else radius * 0.12) * math.cos(math.pi / 2 + k * math.pi / 5),
            c - (radius * 0.3 if k % 2 == 0 else radius * 0.12) * math.sin(math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=255)
    # Uneven ink: some of the impression is faint.
    a = np.asarray(layer, dtype=np.float32) * rng.uniform(0.55, 1.0, (size, size)).astype(np.float32)
    return (
        Image.fromarray(a.astype(np.uint8))
        .filter(ImageFilter.GaussianBlur(0.7))
        .rotate(rng.uniform(0, 360), resample=Image.Resampling.BICUBIC)
    )


def arrival_stamp(scale: float, number: str, day: str, hand: Path, rng: np.random.Generator) -> Image.Image:
    """The arrival stamp of the receiving office: a box "ĐẾN Số: … Ngày: … Chuyển: …",
    the number and date written by hand (coverage)."""
    w, h = int(2.1 * 72 * scale), int(0.85 * 72 * scale)
    layer = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(layer)
    lw = max(2, int(scale * 1.3))
    d.rectangle((0, 0, w - 1, h - 1), outline=255, width=lw)
    d.rectangle((lw * 2, lw * 2, w - 1 - lw * 2, h - 1 - lw * 2), outline=255, width=max(1, lw // 2))
    big = ImageFont.truetype(str(font_path(PRINT_FONT)), int(h * 0.32))
    small = ImageFont.truetype(str(font_path(PRINT_FONT)), int(h * 0.16))
    d.text((int(w * 0.06), h // 2), "ĐẾN", font=big, fill=255, anchor="lm")
    d.text((int(w * 0.36), int(h * 0.27)), "Số:", font=small, fill=255, anchor="lm")
    d.text((int(w * 0.36), int(h * 0.52)), "Ngày:", font=small, fill=255, anchor="lm")
    d.text((int(w * 0.36), int(h * 0.77)), "Chuyển:", font=small, fill=255, anchor="lm")
    rgb = Image.new("RGB", (w, h), (255, 255, 255))
    write_by_hand(rgb, number, int(w * 0.52), int(h * 0.33), int(h * 0.26), hand, rng, (0, 0, 0))
    write_by_hand(rgb, day, int(w * 0.56), int(h * 0.58), int(h * 0.24), hand, rng, (0, 0, 0))
    hand_layer = Image.fromarray(255 - np.asarray(rgb.convert("L")))
    layer = Image.fromarray(np.maximum(np.asarray(layer), np.asarray(hand_layer)))
    a = np.asarray(layer, dtype=np.float32) * rng.uniform(0.6, 1.0, (h, w)).astype(np.float32)
    return (
        Image.fromarray(a.astype(np.uint8))
        .filter(ImageFilter.GaussianBlur(0.6))
        .rotate(rng.uniform(-4, 4), expand=True, resample=Image.Resampling.BICUBIC)
    )


SEAL_TEXTS = (
    "ỦY BAN NHÂN DÂN * TỈNH QUẢNG NGÃI *",
    "BỘ TÀI CHÍNH * HÀ NỘI *",
    "BỘ CÔNG THƯƠNG * HÀ NỘI *",
    "VĂN PHÒNG CHÍNH PHỦ * HÀ NỘI *",
)
_SIGNER = re.compile(
    r"^(?:KT\.|TM\.|Q\.|TL\.|BỘ TRƯỞNG|CHỦ TỊCH|PHÓ CHỦ TỊCH|THỨ TRƯỞNG|CHÁNH ÁN|"
    r"CHỦ NHIỆM|GIÁM ĐỐC|TRƯỞNG BAN)"
)


def _lines(chars: list[Char]) -> list[list[Char]]:
    lines: list[list[Char]] = []
    cur: list[Char] = []
    for c in chars:
        if c.ch == "\n":
            if cur:
                lines.append(cur)
            cur = []
        else:
            cur.append(c)
    if cur:
        lines.append(cur)
    return lines


def stamp_page(
    image: Image.Image, chars: list[Char], height: float, dpi: int, header: Header, seed: int
) -> tuple[str, list[str]]:
    """Put an arrival stamp under the number line of a header page and a seal over the
    signature block. Returns (the stamps' text, the page text lines under the stamps)."""
    rng = np.random.default_rng(seed)
    s = dpi / 72
    texts, boxes = [], []
    if header.number is not None or header.day is not None:
        anchor = header.number or header.day
        assert anchor is not None
        number, day = (
            str(int(rng.integers(100, 9999))),
            f"{int(rng.integers(1, 29))}/{int(rng.integers(1, 13))}",
        )
        hand = font_path(DEV_FONTS["dkg"])
        layer = arrival_stamp(s, number, day, hand, rng)
        x = int(36 * s + rng.uniform(0, 40) * s)
        y = int((height - anchor.bottom) * s + rng.uniform(10, 30) * s)
        _ink(image, layer, STAMP_RED, (x, y))
        texts.append(f"ĐẾN Số: {number} Ngày: {day} Chuyển:")
        boxes.append((x, y, x + layer.width, y + layer.height))
    width = image.width / s
    signer = None
    for line in _lines(chars):
        text = "".join(c.ch for c in line).strip()
        if line and line[0].left > width * 0.4 and _SIGNER.match(text) and line[0].bottom < height * 0.75:
            signer = line
    if signer is None:
        for line in _lines(chars):
            if "".join(c.ch for c in line).strip().startswith("Nơi nhận"):
                signer = [Char("", width * 0.62, line[0].bottom + 30, width * 0.7, line[0].top + 30)]
    if signer is not None:
        radius = int(rng.uniform(0.68, 0.8) * 72 * s)
        text = SEAL_TEXTS[int(rng.integers(0, len(SEAL_TEXTS)))]
        layer = seal(radius, text, rng)
        cx = signer[0].left * s + rng.uniform(-0.2, 0.2) * radius
        cy = (height - signer[0].bottom) * s + radius * rng.uniform(0.6, 1.0)
        x, y = int(cx - layer.width / 2), int(cy - layer.height / 2)
        _ink(image, layer, STAMP_RED, (x, y))
        texts.append(text.replace("*", " "))
        boxes.append((x, y, x + layer.width, y + layer.height))
    under = []
    for line in _lines(chars):
        for x0, y0, x1, y1 in boxes:
            if any(x0 <= (c.left + c.right) / 2 * s <= x1 and y0 <= (height - c.cy) * s <= y1 for c in line):
                text = "".join(c.ch for c in line).strip()
                if text:
                    under.append(text)
                break
    return " ".join(texts), under


# ------------------------------------------------------------------ damage


def print_and_scan(image: Image.Image, dpi: int, seed: int, target: int = 200) -> bytes:
    """A printed page photocopied and scanned: see the module docs. JPEG bytes."""
    rng = np.random.default_rng(seed)
    a: np.ndarray = np.asarray(image.convert("L"), dtype=np.float32)
    paper = rng.uniform(232, 242)
    a = paper - (255 - a) * (paper - 25) / 255
    grey = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    grey = grey.rotate(
        rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=int(paper)
    )
    grey = grey.resize((grey.width * target // dpi, grey.height * target // dpi), Image.Resampling.BILINEAR)
    a = np.asarray(grey, dtype=np.float32) + rng.normal(0, 5, grey.size[::-1])
    speck = rng.random(grey.size[::-1])
    a[speck < 0.0005] = 40
    out = io.BytesIO()
    Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(
        out, format="JPEG", quality=int(rng.integers(45, 71)), dpi=(target, target)
    )
    return out.getvalue()


# ------------------------------------------------------------------ the cached sets


@dataclass
class Item:
    id: str
    condition: str
    path: str
    truth: str
    dpi: int
    doc_kind: str = ""
    font: str = ""
    expected_number: str | None = None
    expected_date: str | None = None
    number_printed: bool = False
    stamp_text: str = ""
    under_stamp: list[str] = field(default_factory=list)


def _save_png(image: Image.Image, path: Path, dpi: int) -> None:
    tmp = path.with_suffix(".tmp")
    image.save(tmp, format="PNG", dpi=(dpi, dpi))
    os.replace(tmp, path)


def _make(ref: PageRef, condition: str, out: Path, variant: int = 0) -> list[Item]:
    if condition.startswith("clean"):
        dpi = int(condition[5:])
        image, _, _ = render(ref.pdf, ref.page, dpi)
        path = out / f"{ref.id}.png"
        _save_png(image.convert("L"), path, dpi)
        return [Item(ref.id, condition, str(path), ref.truth, dpi, ref.doc_kind)]
    if condition == "damaged200":
        image, _, _ = render(ref.pdf, ref.page, 300)
        path = out / f"{ref.id}.jpg"
        path.write_bytes(print_and_scan(image, 300, seed_of(ref.id, condition)))
        return [Item(ref.id, condition, str(path), ref.truth, 200, ref.doc_kind)]
    if condition.startswith("stamps200"):
        dpi = 200
        image, chars, height = render(ref.pdf, ref.page, dpi)
        if not chars:
            return []
        stamp_text, under = stamp_page(
            image, chars, height, dpi, find_header(chars, height), seed_of(ref.id, "stamps")
        )
        if not stamp_text:
            return []
        path = out / f"{ref.id}.png"
        _save_png(image if condition.endswith("color") else image.convert("L"), path, dpi)
        return [
            Item(
                ref.id,
                condition,
                str(path),
                ref.truth,
                dpi,
                ref.doc_kind,
                stamp_text=stamp_text,
                under_stamp=under,
            )
        ]
    if condition in FONT_GROUPS:
        dpi = 200
        image, chars, height = render(ref.pdf, ref.page, dpi)
        header = find_header(chars, height) if chars else Header()
        if header.number is None and header.day is None:
            return []
        fonts = sorted(FONT_GROUPS[condition])
        name = fonts[(seed_of(ref.id) + variant) % len(fonts)]
        fill = fill_in(
            image,
            header,
            height,
            dpi,
            font_path(FONT_GROUPS[condition][name]),
            seed_of(ref.id, condition, variant),
            steady=condition == "typed_control",
        )
        item_id = f"{ref.id}_{name}"
        path = out / f"{item_id}.png"
        _save_png(image.convert("L"), path, dpi)
        return [
            Item(
                item_id,
                condition,
                str(path),
                truth_with_fill_in(ref.truth, fill),
                dpi,
                ref.doc_kind,
                font=name,
                expected_number=fill.document_number,
                expected_date=fill.issue_date,
                number_printed=fill.number_printed,
            )
        ]
    raise ValueError(f"unknown condition {condition!r}; have {CONDITIONS}")


def _make_task(args: tuple[PageRef, str, str, int]) -> list[dict]:
    ref, condition, out, variant = args
    return [asdict(i) for i in _make(ref, condition, Path(out), variant)]


def build(
    condition: str, pages: list[PageRef], cache: Path, workers: int = 1, variants: int = 1
) -> list[Item]:
    """The images of one condition (made once, then read from the cache)."""
    out = cache / f"real-{VERSION}" / condition
    ids = sorted(p.id for p in pages)
    manifest = (
        out / f"manifest-{hashlib.sha256(('|'.join(ids) + str(variants)).encode()).hexdigest()[:12]}.json"
    )
    if manifest.is_file():
        items = [Item(**d) for d in json.loads(manifest.read_text(encoding="utf-8"))]
        if all(Path(i.path).is_file() for i in items):
            return items
    out.mkdir(parents=True, exist_ok=True)
    tasks = [(p, condition, str(out), v) for p in pages for v in range(variants)]
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as ex:
            made = [d for ds in ex.map(_make_task, tasks) for d in ds]
    else:
        made = [d for t in tasks for d in _make_task(t)]
    # Two variants of one page may draw the same font: keep the first.
    seen, items = set(), []
    for d in made:
        if d["id"] not in seen:
            seen.add(d["id"])
            items.append(Item(**d))
    manifest.write_text(json.dumps([asdict(i) for i in items], ensure_ascii=False), encoding="utf-8")
    return items
