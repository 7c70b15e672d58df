"""The document record shared by all types: semantic values, printed text, ground truth."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

from . import data as D
from .render import Page, pick_family


@dataclass
class Doc:
    doc_type: str
    v: dict[str, Any]  # semantic values (dates as Ymd tuples)
    p: dict[str, str] = field(default_factory=dict)  # text printed for each field key ("" = label only)
    gt: dict[str, str] = field(default_factory=dict)  # ground truth, fields.md formats
    aliases: dict[str, list[str]] = field(default_factory=dict)  # other acceptable ground truths
    variant: dict[str, Any] = field(default_factory=dict)
    planted: dict[str, Any] | None = None
    overrides: dict[str, tuple[str | None, str | None]] = field(
        default_factory=dict
    )  # key → (printed, gt); None gt = absent

    def set(self, key: str, printed: str, gt: str | None = None) -> None:
        self.p[key] = printed
        if gt is not None:
            self.gt[key] = gt

    def set_date(self, key: str, t: D.Ymd, printed: str) -> None:
        self.p[key] = printed
        self.gt[key] = D.iso(t)

    def apply_overrides(self) -> None:
        for k, (pr, g) in self.overrides.items():
            self.p[k] = pr if pr is not None else ""
            if g is None:
                self.gt.pop(k, None)
                self.aliases.pop(k, None)
            else:
                self.gt[k] = g
                self.aliases.pop(k, None)


def date_style(rng: random.Random) -> str:
    return rng.choices(["slash", "slash", "slash", "dash", "dot", "nopad"], [5, 3, 2, 1, 1, 1])[0]


def fmt_date(t: D.Ymd, style: str) -> str:
    if style == "dash":
        return D.fmt_slash(t, "-")
    if style == "dot":
        return D.fmt_slash(t, ".", pad=False)
    if style == "nopad":
        return D.fmt_slash(t, "/", pad=False)
    if style == "words":
        return D.fmt_words_line(t)
    return D.fmt_slash(t)


def new_page(
    rng: random.Random,
    variant: dict[str, Any],
    *,
    serif_bias: float = 0.75,
    width_mm: float = 210,
    height_mm: float = 297,
    base_pt: float | None = None,
) -> Page:
    dpi = rng.choice([150, 200, 200, 300])
    fam = pick_family(rng, serif_bias)
    hand = pick_family(rng, 0.5)
    pt = base_pt or rng.uniform(11.5, 13.5)
    page = Page(
        width_mm,
        height_mm,
        dpi,
        fam,
        rng,
        base_pt=pt,
        hand_family=hand,
        margin_mm=(rng.uniform(15, 22), rng.uniform(12, 20), 25, rng.uniform(22, 32)),
    )
    variant.update({"font": fam.fid, "hand_font": hand.fid, "dpi": dpi, "pt": round(pt, 1)})
    return page


def motto(page: Page, cx: float | None, pt: float, underline: bool = True, bold_second: bool = True) -> None:
    page.center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", pt, bold=True, cx=cx)
    page.center("Độc lập - Tự do - Hạnh phúc", pt + 0.5, bold=bold_second, cx=cx, underline=underline)


def within(d: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
    return max(lo, min(hi, d))


def fit_lines(
    page: Page, lines: list[str], max_w: float, pt: float, bold: bool = True, min_pt: float | None = None
) -> tuple[float, list[str]]:
    """Shrink the type (down to min_pt) until every line fits max_w, then wrap what still does not."""
    min_pt = min_pt or pt - 2.5
    size = pt
    while size > min_pt and max(page.tw(s, page.font(size, bold=bold)) for s in lines) > max_w:
        size -= 0.25
    out: list[str] = []
    f = page.font(size, bold=bold)
    for s in lines:
        out.extend(page.wrap(s, f, max_w))
    return size, out


def header_columns(
    page: Page, left: list[tuple[str, bool]], pt: float, rng: random.Random, left_frac: float = 0.4
) -> tuple[float, float, float]:
    """NĐ 30 two-column header: issuer block left, national motto right, each fitted to its column.

    Returns (left centre x, right centre x, y under the lower block)."""
    W = page.right - page.left
    lw = W * left_frac
    gap = page.mm(3)
    lcx = page.left + lw / 2
    rcx = page.left + lw + gap + (W - lw - gap) / 2
    y0 = page.y
    mot = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    mpt, _ = fit_lines(page, mot[:1], W - lw - gap, pt, min_pt=pt - 4)
    lpt = pt
    for text, bold in left:
        s, _ = fit_lines(page, [text], lw, pt, bold=bold)
        lpt = min(lpt, s)
    for text, bold in left:
        for ln in fit_lines(page, [text], lw, lpt, bold=bold, min_pt=lpt)[1]:
            page.center(ln, lpt, bold=bold, cx=lcx)
    page.hline(lcx - page.mm(12), lcx + page.mm(12), page.y + page.px(8))
    yl = page.y
    page.y = y0
    motto(page, rcx, mpt)
    page.y = max(yl, page.y)
    return lcx, rcx, page.y


def capture(
    img: Image.Image, rng: random.Random, variant: dict[str, Any], phone_share: float = 0.15
) -> tuple[Image.Image, list[str]]:
    """How an A4 page reached the archive: scanned or photocopied (mostly), or photographed with a phone."""
    from .damage import phone_photo, scan

    if rng.random() < phone_share:
        variant["capture"] = "phone"
        variant["dpi"] = 72  # what phones write in the file; the page is about 250 dpi in the frame
        return phone_photo(img, rng, document=True)
    variant.setdefault("capture", "scan")
    return scan(img, rng)
