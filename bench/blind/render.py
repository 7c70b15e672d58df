"""Drawing primitives: fonts, a page with a cursor, labelled fields in several styles."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype")]

# (id, regular, bold, italic, bold-italic) — relative to a font directory; used when present.
FONT_FAMILIES = [
    (
        "times",
        "liberation2/LiberationSerif-Regular.ttf",
        "liberation2/LiberationSerif-Bold.ttf",
        "liberation2/LiberationSerif-Italic.ttf",
        "liberation2/LiberationSerif-BoldItalic.ttf",
    ),
    (
        "dejavu_serif",
        "dejavu/DejaVuSerif.ttf",
        "dejavu/DejaVuSerif-Bold.ttf",
        "dejavu/DejaVuSerif-Italic.ttf",
        "dejavu/DejaVuSerif-BoldItalic.ttf",
    ),
    (
        "freeserif",
        "freefont/FreeSerif.ttf",
        "freefont/FreeSerifBold.ttf",
        "freefont/FreeSerifItalic.ttf",
        "freefont/FreeSerifBoldItalic.ttf",
    ),
    (
        "noto_serif",
        "noto/NotoSerif-Regular.ttf",
        "noto/NotoSerif-Bold.ttf",
        "noto/NotoSerif-Italic.ttf",
        "noto/NotoSerif-BoldItalic.ttf",
    ),
    (
        "arial",
        "liberation2/LiberationSans-Regular.ttf",
        "liberation2/LiberationSans-Bold.ttf",
        "liberation2/LiberationSans-Italic.ttf",
        "liberation2/LiberationSans-BoldItalic.ttf",
    ),
    (
        "dejavu_sans",
        "dejavu/DejaVuSans.ttf",
        "dejavu/DejaVuSans-Bold.ttf",
        "dejavu/DejaVuSans-Oblique.ttf",
        "dejavu/DejaVuSans-BoldOblique.ttf",
    ),
    (
        "freesans",
        "freefont/FreeSans.ttf",
        "freefont/FreeSansBold.ttf",
        "freefont/FreeSansOblique.ttf",
        "freefont/FreeSansBoldOblique.ttf",
    ),
    (
        "noto_sans",
        "noto/NotoSans-Regular.ttf",
        "noto/NotoSans-Bold.ttf",
        "noto/NotoSans-Italic.ttf",
        "noto/NotoSans-BoldItalic.ttf",
    ),
]
MONO = ["dejavu/DejaVuSansMono.ttf", "liberation2/LiberationMono-Regular.ttf", "freefont/FreeMono.ttf"]


def _find(rel: str) -> str | None:
    for d in _DIRS:
        p = d / rel
        if p.exists():
            return str(p)
    return None


@lru_cache(maxsize=1)
def available_families() -> list[tuple[str, list[str]]]:
    out = []
    for fid, *files in FONT_FAMILIES:
        paths = [_find(f) for f in files]
        if all(paths):
            out.append((fid, [p for p in paths if p]))
    if not out:
        raise RuntimeError("no Vietnamese-capable TrueType font found (install fonts-dejavu-core)")
    return out


@lru_cache(maxsize=512)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def mono_path() -> str:
    for m in MONO:
        p = _find(m)
        if p:
            return p
    return available_families()[0][1][0]


@dataclass
class Family:
    fid: str
    paths: list[str]

    def get(self, size: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
        return _font(self.paths[(1 if bold else 0) + (2 if italic else 0)], max(6, int(size)))


def pick_family(rng: random.Random, serif_bias: float = 0.7) -> Family:
    fams = available_families()
    serif = [f for f in fams if "serif" in f[0] or f[0] == "times"]
    sans = [f for f in fams if f not in serif]
    pool = serif if (rng.random() < serif_bias and serif) or not sans else sans
    fid, paths = rng.choice(pool)
    return Family(fid, paths)


INK = (20, 20, 22)
BLUE_INK = (25, 40, 130)


@dataclass
class Page:
    """A white page in pixels with a vertical cursor; sizes are given in points (1/72 in)."""

    width_mm: float
    height_mm: float
    dpi: int
    family: Family
    rng: random.Random
    base_pt: float = 13.0
    margin_mm: tuple[float, float, float, float] = (20, 15, 30, 20)  # top, right, bottom, left (NĐ 30)
    hand_family: Family | None = None
    img: Image.Image = field(init=False)
    draw: ImageDraw.ImageDraw = field(init=False)
    y: float = field(init=False)

    def __post_init__(self) -> None:
        self.W = int(self.width_mm / 25.4 * self.dpi)
        self.H = int(self.height_mm / 25.4 * self.dpi)
        self.img = Image.new("RGB", (self.W, self.H), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.img)
        self.left = self.mm(self.margin_mm[3])
        self.right = self.W - self.mm(self.margin_mm[1])
        self.y = self.mm(self.margin_mm[0])

    # units -----------------------------------------------------------------------------
    def mm(self, v: float) -> int:
        return int(v / 25.4 * self.dpi)

    def px(self, pt: float) -> int:
        return int(pt / 72 * self.dpi)

    def font(
        self, pt: float | None = None, bold: bool = False, italic: bool = False
    ) -> ImageFont.FreeTypeFont:
        return self.family.get(self.px(pt or self.base_pt), bold, italic)

    def line_h(self, pt: float | None = None) -> int:
        return int(self.px(pt or self.base_pt) * 1.45)

    def tw(self, s: str, f: ImageFont.FreeTypeFont) -> int:
        return int(self.draw.textlength(s, font=f))

    # text ------------------------------------------------------------------------------
    def text(
        self, x: float, y: float, s: str, f: ImageFont.FreeTypeFont, fill=INK, anchor: str = "ls"
    ) -> None:
        self.draw.text((x, y), s, font=f, fill=fill, anchor=anchor)

    def center(
        self,
        s: str,
        pt: float | None = None,
        bold: bool = False,
        italic: bool = False,
        cx: float | None = None,
        advance: bool = True,
        underline: bool = False,
    ) -> None:
        f = self.font(pt, bold, italic)
        cx = (self.left + self.right) / 2 if cx is None else cx
        self.y += self.line_h(pt)
        self.text(cx, self.y, s, f, anchor="ms")
        if underline:
            w = self.tw(s, f) * 0.45
            self.draw.line(
                [(cx - w / 2, self.y + self.px(6)), (cx + w / 2, self.y + self.px(6))],
                fill=INK,
                width=max(1, self.px(0.8)),
            )
        if not advance:
            self.y -= self.line_h(pt)

    def wrap(
        self, s: str, f: ImageFont.FreeTypeFont, width: float, first_width: float | None = None
    ) -> list[str]:
        words, lines, cur = s.split(), [], ""
        limit = first_width if first_width is not None else width
        for w in words:
            t = (cur + " " + w).strip()
            if self.tw(t, f) <= limit or not cur:
                cur = t
            else:
                lines.append(cur)
                cur, limit = w, width
        if cur:
            lines.append(cur)
        return lines

    def paragraph(
        self,
        s: str,
        pt: float | None = None,
        indent_mm: float = 10,
        italic: bool = False,
        bold: bool = False,
        x0: float | None = None,
        x1: float | None = None,
        justify: bool = True,
    ) -> None:
        f = self.font(pt, bold, italic)
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        ind = self.mm(indent_mm)
        lines = self.wrap(s, f, x1 - x0, x1 - x0 - ind)
        for i, ln in enumerate(lines):
            self.y += self.line_h(pt)
            xs = x0 + (ind if i == 0 else 0)
            words = ln.split()
            if justify and i < len(lines) - 1 and len(words) > 1:
                gap = (x1 - xs - sum(self.tw(w, f) for w in words)) / (len(words) - 1)
                x = xs
                for w in words:
                    self.text(x, self.y, w, f)
                    x += self.tw(w, f) + gap
            else:
                self.text(xs, self.y, ln, f)

    def handwriting(self, x: float, y: float, s: str, pt: float | None = None) -> float:
        """Value written by hand: italic face, blue ink, jittered baseline, size and slant."""
        fam = self.hand_family or self.family
        size = self.px((pt or self.base_pt) * self.rng.uniform(1.0, 1.15))
        f = fam.get(size, bold=self.rng.random() < 0.3, italic=True)
        ink = tuple(max(0, min(255, c + self.rng.randint(-15, 15))) for c in BLUE_INK)
        for word in s.split(" "):
            # one glyph run per word: the baseline wanders a little between words
            dy = self.rng.uniform(-0.12, 0.12) * size
            self.draw.text((x, y + dy), word, font=f, fill=ink, anchor="ls")
            x += self.draw.textlength(word + " ", font=f) * self.rng.uniform(0.98, 1.08)
        return x

    def dots(self, x0: float, x1: float, y: float, char: str = ".") -> None:
        f = self.font()
        dw = max(1.0, self.draw.textlength(char, font=f))
        n = int((x1 - x0) / dw)
        if n > 0:
            self.text(x0, y, char * n, f, fill=(60, 60, 60))

    # labelled fields -------------------------------------------------------------------
    def field(
        self,
        label: str,
        value: str,
        style: str,
        *,
        x0: float | None = None,
        x1: float | None = None,
        label_bold: bool = False,
        value_bold: bool = False,
        pt: float | None = None,
        label2: str | None = None,
    ) -> None:
        """Print 'label: value' in one of the styles: beside, dotted, hand, above, broken, bilingual.

        `label2` is an English gloss (bilingual style on the same line or below).
        An empty value prints the label with room (dots in dotted/hand styles) and nothing else.
        """
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        lf = self.font(pt, bold=label_bold)
        vf = self.font(pt, bold=value_bold)
        lh = self.line_h(pt)
        if style == "above":
            self.y += lh
            self.text(x0, self.y, label + (":" if not label.endswith(":") else ""), lf)
            if label2:
                self.text(
                    x0 + self.tw(label + ": ", lf),
                    self.y,
                    label2,
                    self.font((pt or self.base_pt) * 0.8, italic=True),
                )
            self._value_lines(value, vf, x0 + self.mm(6), x1, lh, value_bold)
            return
        if style == "broken":
            # the label runs over two lines, the value follows the second part
            words = label.split()
            cut = max(1, len(words) // 2)
            self.y += lh
            self.text(x0, self.y, " ".join(words[:cut]), lf)
            label = " ".join(words[cut:])
        head = label + ": "
        if label2 and style == "bilingual":
            head = label + " / " + label2 + ": "
        self.y += lh
        self.text(x0, self.y, head, lf)
        xv = x0 + self.tw(head, lf)
        if style in ("dotted", "hand"):
            k = 0.82 if style == "hand" else 1.0  # handwriting runs wider than the type it is measured with
            lines = (
                self.wrap(value, vf, (x1 - x0 - self.mm(4)) * k, (x1 - xv - self.mm(4)) * k)
                if value
                else [""]
            )
            for i, ln in enumerate(lines):
                xs = xv if i == 0 else x0
                if i:
                    self.y += lh
                if style == "hand" and ln:
                    xe = self.handwriting(xs + self.mm(2), self.y - self.px(1), ln, pt)
                else:
                    if ln:
                        self.text(xs + self.mm(1), self.y, ln, vf)
                    xe = xs + self.mm(1) + self.tw(ln, vf)
                # dotted leaders on both sides of a short value
                if ln:
                    self.dots(xs, xs + self.mm(1), self.y + self.px(1))
                self.dots(xe + self.mm(1), x1, self.y + self.px(1))
            return
        lines = self.wrap(value, vf, x1 - x0, x1 - xv)
        for i, ln in enumerate(lines):
            if i:
                self.y += lh
            self.text(xv if i == 0 else x0, self.y, ln, vf)

    def _value_lines(self, value: str, vf, x0: float, x1: float, lh: int, bold: bool) -> None:
        for ln in self.wrap(value, vf, x1 - x0) or [""]:
            self.y += lh
            if ln:
                self.text(x0, self.y, ln, vf)

    def gap(self, mm: float) -> None:
        self.y += self.mm(mm)

    def hline(self, x0: float, x1: float, y: float | None = None, width_pt: float = 0.8) -> None:
        y = self.y if y is None else y
        self.draw.line([(x0, y), (x1, y)], fill=INK, width=max(1, self.px(width_pt)))

    def table(
        self,
        rows: list[tuple[str, str]],
        col_frac: float = 0.38,
        pt: float | None = None,
        x0: float | None = None,
        x1: float | None = None,
    ) -> None:
        """Bordered two-column table: label | value (value wraps inside its cell)."""
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        xm = x0 + (x1 - x0) * col_frac
        lf, vf = self.font(pt), self.font(pt)
        lh = self.line_h(pt)
        pad = self.mm(1.5)
        top = self.y + self.mm(2)
        y = top
        lw = max(1, self.px(0.7))
        self.draw.line([(x0, y), (x1, y)], fill=INK, width=lw)
        for label, value in rows:
            ll = self.wrap(label, lf, xm - x0 - 2 * pad)
            vl = self.wrap(value, vf, x1 - xm - 2 * pad) if value else [""]
            n = max(len(ll), len(vl))
            for i, s in enumerate(ll):
                self.text(x0 + pad, y + pad + lh * (i + 0.8), s, lf)
            for i, s in enumerate(vl):
                if s:
                    self.text(xm + pad, y + pad + lh * (i + 0.8), s, vf)
            y += n * lh + 2 * pad
            self.draw.line([(x0, y), (x1, y)], fill=INK, width=lw)
        for x in (x0, xm, x1):
            self.draw.line([(x, top), (x, y)], fill=INK, width=lw)
        self.y = y


def signature(page: Page, cx: float, y: float, rng: random.Random, color=BLUE_INK) -> None:
    """A scribble: a few Bézier-ish strokes."""
    w = page.mm(rng.uniform(22, 35))
    h = page.mm(rng.uniform(5, 10))
    x = cx - w / 2
    pts = []
    n = rng.randint(8, 14)
    for i in range(n):
        pts.append(
            (
                x + w * i / (n - 1) + rng.uniform(-w / 20, w / 20),
                y + rng.uniform(-h, h) * (0.4 + 0.6 * ((i % 2) * 2 - 1)),
            )
        )
    page.draw.line(pts, fill=color, width=max(1, page.px(1.1)), joint="curve")
    page.draw.line(
        [(x + w * 0.1, y + h * 0.6), (x + w * 0.95, y - h * 0.2)], fill=color, width=max(1, page.px(0.8))
    )


def red_seal(page: Page, cx: float, cy: float, rng: random.Random, text: str = "") -> None:
    """A round red stamp, partly transparent over whatever is under it."""
    r = page.mm(rng.uniform(16, 20))
    overlay = Image.new("RGBA", page.img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    col = (200, 30, 35, int(rng.uniform(120, 190)))
    lw = max(2, page.px(1.6))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=col, width=lw)
    d.ellipse(
        [cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72], outline=col, width=max(1, lw // 2)
    )
    # star in the centre
    import math

    pts = []
    for k in range(10):
        rr = r * (0.28 if k % 2 == 0 else 0.12)
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=col)
    if text:
        f = page.family.get(page.px(6.5), bold=True)
        n = len(text)
        for i, ch in enumerate(text):
            a = math.pi + (i + 0.5) / n * math.pi * 1.7 - math.pi * 0.35
            x = cx + r * 0.86 * math.cos(a)
            y = cy + r * 0.86 * math.sin(a)
            d.text((x, y), ch, font=f, fill=col, anchor="mm")
    page.img.paste(Image.alpha_composite(page.img.convert("RGBA"), overlay).convert("RGB"))
    page.draw = ImageDraw.Draw(page.img)
