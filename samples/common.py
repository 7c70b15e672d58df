"""What the sample renderers share: fonts, page geometry, the text a page records, the
fictional names, scan damage, saving, and the types a renderer returns and ``generate`` writes.

Fonts: DejaVu Serif (Debian ``fonts-dejavu-core``, or ``fonts-dejavu-extra`` for italics).
Missing styles fall back to the regular serif face; with no serif font at all a
``FontNotFoundError`` names the package to install (Pillow's built-in font has no
Vietnamese glyphs, so there is no silent fallback).
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.normalize import SURNAMES as RECOGNIZED_SURNAMES

# --- fonts and page geometry ---------------------------------------------------------------
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
FONT_FILES = {
    "regular": ("DejaVuSerif.ttf",),
    "bold": ("DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf"),
    "italic": ("DejaVuSerif-Italic.ttf", "DejaVuSerif.ttf"),
    "bolditalic": ("DejaVuSerif-BoldItalic.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf"),
}
A4_INCHES = (8.27, 11.69)
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"


class FontNotFoundError(RuntimeError):
    pass


@cache
def font_path(style: str) -> str:
    for name in FONT_FILES[style]:
        for d in FONT_DIRS:
            if (d / name).is_file():
                return str(d / name)
    raise FontNotFoundError(
        "DejaVu Serif not found in "
        + ", ".join(map(str, FONT_DIRS))
        + ": install the Debian package fonts-dejavu-core (apt-get install fonts-dejavu-core)"
    )


@lru_cache(maxsize=256)
def load_font(style: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(style), size_px)


def date_in_words(d: date) -> str:
    """``ngày 05 tháng 3 năm 2025`` as printed on a page (NĐ 30/2020: months 1–2 with a 0)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


# --- drawing -------------------------------------------------------------------------------
TextLine = tuple[int, int, str, float]  # (y, x, text, font size in px) of one line drawn


class Sheet:
    """A white grayscale page at ``dpi`` that records every line of text drawn on it, so the
    transcript is exactly what was printed."""

    def __init__(self, w: int, h: int, dpi: int):
        self.dpi = dpi
        self.w, self.h = w, h
        self.img = Image.new("L", (w, h), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.lines: list[TextLine] = []

    def mm(self, v: float) -> int:
        return round(v * self.dpi / 25.4)

    def px(self, pt: float) -> int:
        return max(8, round(pt * self.dpi / 72))

    def put(self, x: int, y: int, s: str, f: ImageFont.FreeTypeFont) -> None:
        self.draw.text((x, y), s, font=f, fill=0)
        self.lines.append((y, x, s, f.size))

    def transcript(self, tolerance: int, right_from: int) -> str:
        return transcribe(self.lines, tolerance, right_from)


def transcribe(lines: list[TextLine], tolerance: int, right_from: int) -> str:
    """Lines in reading order, in the convention of ``extractors.textdoc``: texts drawn at
    the same height are joined by 4 spaces (a column gap), a row with only right-column
    text starts with 4 spaces, and a blank line marks a vertical gap (a new block)."""
    rows: list[list] = []
    for y, x, s, size in lines:
        for row in rows:
            if abs(row[0] - y) < tolerance:
                row[1].append((x, s))
                row[2] = max(row[2], size)
                break
        else:
            rows.append([y, [(x, s)], size])
    rows.sort(key=lambda r: r[0])
    out = []
    prev_y, prev_size = None, 0
    for y, parts, size in rows:
        if prev_y is not None and y - prev_y > 1.5 * prev_size:
            out.append("")
        parts.sort()
        lead = "    " if parts[0][0] >= right_from else ""
        out.append(lead + "    ".join(s for _, s in parts))
        prev_y, prev_size = y, size
    return "\n".join(out)


# --- fictional people and places (Cà Mau's communes, domain-vn Appendix A) ----------------
COMMUNES = (
    ("XÃ", "Khánh Bình"),
    ("XÃ", "Đầm Dơi"),
    ("XÃ", "Năm Căn"),
    ("XÃ", "Cái Nước"),
    ("XÃ", "Thới Bình"),
    ("XÃ", "U Minh"),
    ("XÃ", "Trần Văn Thời"),
    ("XÃ", "Hồng Dân"),
    ("XÃ", "Hòa Bình"),
    ("XÃ", "Phú Tân"),
    ("XÃ", "Sông Đốc"),
    ("XÃ", "Đất Mũi"),
    ("PHƯỜNG", "Tân Thành"),
    ("PHƯỜNG", "An Xuyên"),
    ("PHƯỜNG", "Giá Rai"),
    ("PHƯỜNG", "Bạc Liêu"),
)
# The surnames the generator draws from: the first of the one list that recognizes them
# (extractors.normalize), without three the seeded samples never used, so that the same seed
# still draws the same pages.
SURNAMES = tuple(
    name
    for name in RECOGNIZED_SURNAMES[: RECOGNIZED_SURNAMES.index("Châu") + 1]
    if name not in {"Hoàng", "Phan", "Vũ"}
)
MIDDLE = (
    "Văn",
    "Thị",
    "Minh",
    "Thanh",
    "Quốc",
    "Hồng",
    "Ngọc",
    "Hoài",
    "Đức",
    "Kim",
    "Bảo",
    "Thị Mỹ",
    "Văn Út",
    "Hoàng",
)
GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hải",
    "Hạnh",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nhung",
    "Phúc",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trí",
    "Uyên",
    "Vinh",
    "Yến",
    "Thuỷ",
    "Hoà",
    "Khải",
    "Nghĩa",
    "Phượng",
    "Tuấn",
)


# --- what a renderer returns and generate writes -------------------------------------------
@dataclass
class SampleTruth:
    file: str  # relative to out_dir
    doc_type: str
    format: str
    dpi: int
    seed: int
    index: int
    damage: dict | None
    fields: dict[str, str]
    text: str  # the printed text, line by line (columns separated by 4 spaces)
    width: int = 0
    height: int = 0
    render_seconds: float = field(default=0.0, repr=False)

    def export(self) -> dict:
        out = asdict(self)
        out.pop("render_seconds")
        return out


@dataclass(frozen=True)
class RenderedPage:
    """One page as drawn, before any damage: what ``generate`` saves and the truth it writes."""

    image: Image.Image
    transcript: str
    doc_type: str
    dpi: int
    fields: dict[str, str]  # expected normalized values (fields.md keys and formats)
    stamp_at: tuple[float, float]  # where a seal would be stamped (fractions of the page)


@dataclass(frozen=True)
class SampleRenderer:
    """How to draw one document type: the layouts (kinds) it rotates through, and
    ``draw(rng, kind)``. A form has one kind, its doc type; an official letter two."""

    kinds: tuple[str, ...]
    draw: Callable[[random.Random, str], RenderedPage]


# --- scan damage and saving ----------------------------------------------------------------
def light_damage(img: Image.Image, rng: random.Random, seed_int: int) -> tuple[Image.Image, dict]:
    """``generate(damage=True)`` without damage kinds: rotation ≤ 1°, grain, JPEG quality 60."""
    angle = round(rng.uniform(-1.0, 1.0), 2)
    img = img.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)  # ≤ 1°: bilinear is enough
    sigma = round(rng.uniform(4.0, 9.0), 1)
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape
    # Scanner grain: gaussian noise drawn at half resolution (2×2 grains), 4× cheaper.
    small = np.random.default_rng(seed_int).standard_normal(((h + 1) // 2, (w + 1) // 2), dtype=np.float32)
    noise = small.repeat(2, axis=0).repeat(2, axis=1)[:h, :w]
    arr += noise * sigma
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=60)
    buf.seek(0)
    img = Image.open(buf)
    img.load()
    return img, {"rotation_deg": angle, "noise_sigma": sigma, "jpeg_quality": 60}


def save_page(img: Image.Image, path: Path, fmt: str, dpi: int, damaged: bool) -> None:
    if fmt == "png":
        img.save(path, "PNG", dpi=(dpi, dpi), compress_level=1 if damaged else 3)
    elif fmt in ("jpg", "jpeg"):
        img.save(path, "JPEG", dpi=(dpi, dpi), quality=60 if damaged else 90)
    elif fmt == "pdf":
        img.save(path, "PDF", resolution=float(dpi))
    elif fmt in ("tif", "tiff"):
        img.save(path, "TIFF", dpi=(dpi, dpi), compression="tiff_deflate")
    else:
        raise ValueError(f"unsupported sample format: {fmt!r} (png, jpg, pdf, tif)")


# Scan damage of ``generate(..., damage_kinds=…)``: each damaged page gets one of these (in
# rotation), on top of a slight skew and scanner grain.
DAMAGE_KINDS = ("skew", "blur", "noise", "low_dpi", "jpeg", "rotation", "stamp")


def stamp(img: Image.Image, at: tuple[float, float], dpi: int, rng: random.Random) -> Image.Image:
    """A red round seal over the text near ``at`` (fractions of the page)."""
    rgb = img.convert("RGB")
    layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    r = round(dpi * 0.6)
    cx, cy = (
        round(at[0] * rgb.width + rng.uniform(-0.4, 0.4) * r),
        round(at[1] * rgb.height + rng.uniform(-0.4, 0.4) * r),
    )
    red = (205, 30, 40, 150)
    w = max(2, dpi // 60)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=w)
    d.ellipse(
        (cx - round(r * 0.8), cy - round(r * 0.8), cx + round(r * 0.8), cy + round(r * 0.8)),
        outline=red,
        width=w,
    )
    f = load_font("bold", max(10, r // 6))
    for k, ch in enumerate("ỦY BAN NHÂN DÂN * CÀ MAU *"):
        a = math.radians(200 + k * 360 / 26)
        d.text(
            (cx + round(r * 0.9 * math.cos(a)) - 5, cy + round(r * 0.9 * math.sin(a)) - 5),
            ch,
            font=f,
            fill=red,
        )
    star = [
        (
            cx + r * 0.3 * math.cos(math.radians(-90 + 144 * k)),
            cy + r * 0.3 * math.sin(math.radians(-90 + 144 * k)),
        )
        for k in range(5)
    ]
    d.polygon(star, fill=red)
    return Image.alpha_composite(rgb.convert("RGBA"), layer).convert("RGB")


def damage_page(
    img: Image.Image,
    kind: str,
    rng: random.Random,
    seed_int: int,
    dpi: int,
    stamp_at: tuple[float, float] = (0.7, 0.85),
) -> tuple[Image.Image, dict, int]:
    """Apply one kind of scan damage (plus slight skew and grain) → (image, record, dpi)."""

    info: dict = {"kind": kind}
    if kind == "stamp":
        img = stamp(img, stamp_at, dpi, rng)
    angle = round(rng.uniform(-2.5, 2.5) if kind == "skew" else rng.uniform(-0.6, 0.6), 2)
    fill = (255, 255, 255) if img.mode == "RGB" else 255
    img = img.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=fill, expand=kind == "skew")
    info["skew_deg"] = angle
    if kind == "blur":
        radius = round(rng.uniform(0.8, 1.3) * dpi / 300, 2)
        img = img.filter(ImageFilter.GaussianBlur(radius))
        info["blur_radius"] = radius
    sigma = round(rng.uniform(10.0, 18.0) if kind == "noise" else rng.uniform(2.0, 5.0), 1)
    arr = np.asarray(img, dtype=np.float32)
    small = np.random.default_rng(seed_int).standard_normal(arr.shape[:2], dtype=np.float32)
    arr = arr + (small[..., None] if arr.ndim == 3 else small) * sigma
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)
    info["noise_sigma"] = sigma
    if kind == "low_dpi":
        new_dpi = max(120, round(dpi * 0.55)) if dpi > 150 else dpi
        img = img.resize(
            (round(img.width * new_dpi / dpi), round(img.height * new_dpi / dpi)), Image.Resampling.BILINEAR
        )
        info["dpi_from"], dpi = dpi, new_dpi
    if kind == "rotation":
        quarter = rng.choice((90, 270))
        img = img.rotate(quarter, expand=True)
        info["rotation_deg"] = quarter
    quality = rng.randint(30, 45) if kind == "jpeg" else 75
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    img = Image.open(buf)
    img.load()
    info["jpeg_quality"] = quality
    return img, info, dpi
