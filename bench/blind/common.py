"""The document record shared by all types: semantic values, printed text, ground truth."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

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
    overrides: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # key → (printed, gt); None gt = absent

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


def new_page(rng: random.Random, variant: dict[str, Any], *, serif_bias: float = 0.75, width_mm: float = 210, height_mm: float = 297, base_pt: float | None = None) -> Page:
    dpi = rng.choice([150, 200, 200, 300])
    fam = pick_family(rng, serif_bias)
    hand = pick_family(rng, 0.5)
    pt = base_pt or rng.uniform(11.5, 13.5)
    page = Page(width_mm, height_mm, dpi, fam, rng, base_pt=pt, hand_family=hand,
                margin_mm=(rng.uniform(15, 22), rng.uniform(12, 20), 25, rng.uniform(22, 32)))
    variant.update({"font": fam.fid, "hand_font": hand.fid, "dpi": dpi, "pt": round(pt, 1)})
    return page


def motto(page: Page, cx: float, pt: float, underline: bool = True, bold_second: bool = True) -> None:
    page.center("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", pt, bold=True, cx=cx)
    page.center("Độc lập - Tự do - Hạnh phúc", pt + 0.5, bold=bold_second, cx=cx, underline=underline)


def within(d: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
    return max(lo, min(hi, d))
