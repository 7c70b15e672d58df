"""Scanner and phone-camera damage: skew, noise, blur, photocopy, JPEG; cards on a table."""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image


def _np(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("RGB"), dtype=np.float32)


def _pil(a: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert(img.mode)


def _rotate(a: np.ndarray, angle: float, fill: tuple[int, int, int] | int, expand: bool) -> np.ndarray:
    h, w = a.shape[:2]
    M = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    if expand:
        c, s = abs(M[0, 0]), abs(M[0, 1])
        nw, nh = int(h * s + w * c), int(h * c + w * s)
        M[0, 2] += nw / 2 - w / 2
        M[1, 2] += nh / 2 - h / 2
        w, h = nw, nh
    return cv2.warpAffine(
        a, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=fill
    )


def scan(img: Image.Image, rng: random.Random, *, strength: float = 1.0) -> tuple[Image.Image, list[str]]:
    """A flatbed scan or photocopy: returns the damaged page and the damage ids applied."""
    ids: list[str] = []
    g_rng = np.random.default_rng(rng.randint(0, 2**31))
    a = np.asarray(img.convert("RGB"))
    h, w = a.shape[:2]
    mode = rng.choices(["clean", "gray", "photocopy", "faint", "yellowed"], [3, 3, 2, 1, 1])[0]
    if mode != "clean":
        ids.append(mode)
    gray = mode in ("gray", "photocopy", "faint")
    if gray:
        f = cv2.cvtColor(a, cv2.COLOR_RGB2GRAY).astype(np.float32)
        if mode == "photocopy":
            # harder contrast and toner specks, as from a copier
            f = np.clip((f - 40) * 1.35, 0, 255)
            speck = g_rng.random((h, w), dtype=np.float32) < 0.0015 * strength
            f[speck] = 40
        elif mode == "faint":
            f = 255 - (255 - f) * rng.uniform(0.45, 0.6)
    else:
        f = a.astype(np.float32)
        if mode == "yellowed":
            f *= np.array([1.0, 0.97, 0.86], dtype=np.float32)
    if rng.random() < 0.5:  # uneven illumination across the glass
        gx = np.linspace(rng.uniform(0.88, 1.0), rng.uniform(0.95, 1.02), w, dtype=np.float32)
        f *= gx[None, :] if gray else gx[None, :, None]
        ids.append("light_gradient")
    sigma = rng.uniform(2, 9) * strength
    noise = g_rng.standard_normal((h, w), dtype=np.float32)
    noise *= sigma
    f += noise if gray else noise[:, :, None]
    ids.append(f"noise{int(sigma)}")
    np.clip(f, 0, 255, out=f)
    out: np.ndarray = f.astype(np.uint8)
    if rng.random() < 0.45:
        k = rng.choice([3, 3, 5])
        out = cv2.GaussianBlur(out, (k, k), 0)
        ids.append(f"blur{k}")
    angle = rng.uniform(-1.8, 1.8) * strength
    if abs(angle) > 0.15:
        dark = rng.random() >= 0.7
        v = rng.randint(30, 90) if dark else 255
        out = _rotate(out, angle, (v, v, v) if not gray else v, expand=rng.random() < 0.4)
        ids.append(f"skew{angle:+.1f}")
    return Image.fromarray(out, "L" if gray else "RGB"), ids


def _table_texture(rng: random.Random, w: int, h: int) -> np.ndarray:
    """A table top, drawn at a quarter of the size and enlarged (it is smooth anyway)."""
    g = np.random.default_rng(rng.randint(0, 2**31))
    kind = rng.choice(["wood", "wood", "laminate", "fabric", "desk_dark"])
    sw, sh = max(8, w // 4), max(8, h // 4)
    if kind == "wood":
        base = np.array(
            rng.choice([(150, 105, 70), (120, 80, 50), (175, 135, 95), (95, 65, 45)]), dtype=np.float32
        )
        yy = np.arange(sh, dtype=np.float32)[:, None] * 4
        xx = np.arange(sw, dtype=np.float32)[None, :] * 4
        freq = rng.uniform(0.02, 0.06)
        warp = (
            12 * np.sin(xx * 0.004 + rng.uniform(0, 6))
            + g.standard_normal((1, sw), dtype=np.float32).cumsum(axis=1) * 0.2
        )
        grain = np.sin((yy + warp) * freq) * 0.5 + np.sin((yy + warp * 1.7) * freq * 3.1) * 0.2
        streak = cv2.GaussianBlur(g.standard_normal((sh, sw), dtype=np.float32), (0, 0), sigmaX=6, sigmaY=0.6)
        shade = 1 + 0.12 * grain + 0.22 * streak
        a = base[None, None, :] * shade[:, :, None]
    elif kind == "laminate":
        base = np.array(rng.choice([(210, 205, 195), (190, 190, 185), (225, 220, 210)]), dtype=np.float32)
        a = (
            np.ones((sh, sw, 3), np.float32) * base
            + cv2.GaussianBlur(g.normal(0, 12, (sh, sw)).astype(np.float32), (0, 0), 1)[:, :, None]
        )
    elif kind == "fabric":
        base = np.array(rng.choice([(60, 80, 120), (120, 40, 40), (70, 100, 70)]), dtype=np.float32)
        yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
        weave = (np.sin(xx * 1.7) * np.sin(yy * 1.7)) * 10
        a = (
            np.ones((sh, sw, 3), np.float32) * base
            + weave[:, :, None]
            + g.normal(0, 6, (sh, sw, 1)).astype(np.float32)
        )
    else:
        base = np.array(rng.choice([(40, 40, 45), (25, 30, 35)]), dtype=np.float32)
        a = np.ones((sh, sw, 3), np.float32) * base + g.normal(0, 5, (sh, sw, 1)).astype(np.float32)
    small = np.clip(a, 0, 255).astype(np.uint8)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def phone_photo(
    card: Image.Image, rng: random.Random, *, document: bool = False
) -> tuple[Image.Image, list[str]]:
    """A card (or an A4 page, document=True) photographed with a phone: on a textured table,
    in perspective, with uneven light, glare, blur and noise."""
    ids = ["phone"]
    cw, ch = card.size
    if document:
        # a 4-megapixel portrait frame: the page fills most of its height (about 190 dpi)
        W, H = 1800, 2400
        scale = rng.uniform(0.82, 0.94) * H / ch
        rot = math.radians(rng.uniform(-6, 6))
        persp = rng.uniform(0.0, 0.08)
    else:
        landscape = rng.random() < 0.75
        W, H = (1600, 1200) if landscape else (1200, 1600)
        scale = rng.uniform(0.6, 0.88) * min(W, H * 1.4) / cw  # card width 60–88 % of the frame
        rot = math.radians(rng.uniform(-14, 14) if rng.random() < 0.85 else rng.uniform(-35, 35))
        persp = rng.uniform(0.0, 0.16)
    tw, th = cw * scale, ch * scale
    if document:
        cx = W / 2 + rng.uniform(-0.3, 0.3) * max(0.0, W - tw)
        cy = H / 2 + rng.uniform(-0.3, 0.3) * max(0.0, H - th)
    else:
        cx = W / 2 + rng.uniform(-0.08, 0.08) * W
        cy = H / 2 + rng.uniform(-0.08, 0.08) * H
    corners = np.array(
        [[-tw / 2, -th / 2], [tw / 2, -th / 2], [tw / 2, th / 2], [-tw / 2, th / 2]], np.float32
    )
    side = rng.choice([0, 1, 2, 3])
    # shrink one edge to fake the camera tilt
    pairs = {0: ((0, 0), (1, 0)), 1: ((2, 0), (3, 0)), 2: ((0, 1), (3, 1)), 3: ((1, 1), (2, 1))}[side]
    for i, j in pairs:
        corners[i, j] *= 1 - persp
    rm = np.array([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]], np.float32)
    dst = corners @ rm.T + np.array([cx, cy], np.float32)
    # keep the whole card (page) in the frame: shrink, then slide it in
    span = dst.max(axis=0) - dst.min(axis=0)
    f = min(1.0, W * 0.97 / span[0], H * 0.97 / span[1])
    if f < 1:
        dst = (dst - np.array([cx, cy], np.float32)) * f + np.array([cx, cy], np.float32)
    lo, hi = dst.min(axis=0), dst.max(axis=0)
    dst[:, 0] += max(0.0, W * 0.015 - lo[0]) - max(0.0, hi[0] - W * 0.985)
    dst[:, 1] += max(0.0, H * 0.015 - lo[1]) - max(0.0, hi[1] - H * 0.985)
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    M = cv2.getPerspectiveTransform(src, dst)
    ids += [f"rot{math.degrees(rot):+.0f}", f"persp{persp:.2f}"]
    mask = np.zeros((ch, cw), np.uint8)
    r = int(cw * 0.04) if not document else 1  # cards have rounded corners
    cv2.rectangle(mask, (r, 0), (cw - r, ch), 255, -1)
    cv2.rectangle(mask, (0, r), (cw, ch - r), 255, -1)
    for x, y in ((r, r), (cw - r, r), (r, ch - r), (cw - r, ch - r)):
        cv2.circle(mask, (x, y), r, 255, -1)
    warped = cv2.warpPerspective(np.asarray(card.convert("RGB")), M, (W, H), flags=cv2.INTER_LINEAR)
    wmask = cv2.warpPerspective(mask, M, (W, H), flags=cv2.INTER_LINEAR)
    # the slowly varying fields (shadow, light, glare) are computed at 1/8 size and enlarged
    sw, sh = W // 8, H // 8
    m8 = cv2.resize(wmask, (sw, sh), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    shadow = cv2.GaussianBlur(m8, (0, 0), 1.6)
    shadow = np.roll(shadow, (rng.randint(0, 2), rng.randint(-1, 2)), axis=(0, 1))
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32) * 8
    lx, ly = rng.uniform(0, W), rng.uniform(0, H)
    d = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / math.hypot(W, H)
    light = rng.uniform(1.0, 1.12) - rng.uniform(0.2, 0.5) * d
    ids.append("uneven_light")
    glare = np.zeros_like(light)
    if rng.random() < 0.7:  # laminate reflects a bright spot
        gx, gy = cv2.perspectiveTransform(
            np.array([[[rng.uniform(0.15, 0.85) * cw, rng.uniform(0.2, 0.8) * ch]]], np.float32), M
        )[0, 0]
        k = 2 if document else 1
        sx, sy = rng.uniform(40, 140) * k, rng.uniform(25, 90) * k
        glare = (
            (rng.uniform(120, 230) if not document else rng.uniform(60, 140))
            * np.exp(-(((xx - gx) / sx) ** 2 + ((yy - gy) / sy) ** 2))
            * m8
        )
        ids.append("glare")

    def up(f: np.ndarray) -> np.ndarray:
        return cv2.resize(f.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR)

    shade = up((1 - 0.45 * shadow * (1 - m8)) * light)
    bg = _table_texture(rng, W, H)
    wm = wmask.astype(np.float32)[:, :, None] / 255
    a = bg.astype(np.float32) * (1 - wm) + warped.astype(np.float32) * wm
    a *= shade[:, :, None]
    if rng.random() < 0.5:  # warm indoor light
        a *= np.array([1.04, 1.0, 0.9], np.float32)
        ids.append("warm")
    a += up(glare)[:, :, None]
    out: np.ndarray = np.clip(a, 0, 255).astype(np.uint8)
    b = rng.random()
    if b < 0.35:  # focus
        s_ = rng.uniform(0.8, 1.8)
        out = cv2.GaussianBlur(out, (0, 0), s_)
        ids.append(f"blur{s_:.1f}")
    elif b < 0.55:  # hand shake
        k = rng.choice([5, 7, 9])
        kern = np.zeros((k, k), np.float32)
        ang = rng.uniform(0, math.pi)
        c = k // 2
        cv2.line(
            kern,
            (int(c - c * math.cos(ang)), int(c - c * math.sin(ang))),
            (int(c + c * math.cos(ang)), int(c + c * math.sin(ang))),
            1.0,
            1,
        )
        kern /= kern.sum()
        out = cv2.filter2D(out, -1, kern)
        ids.append(f"motion{k}")
    noise = np.random.default_rng(rng.randint(0, 2**31)).standard_normal(
        (H, W), dtype=np.float32
    ) * rng.uniform(2, 6)
    out = np.clip(out.astype(np.float32) + noise[:, :, None], 0, 255).astype(np.uint8)
    return Image.fromarray(out), ids


def flatbed_card(card: Image.Image, rng: random.Random) -> tuple[Image.Image, list[str]]:
    """The card on a flatbed scanner: white surround, slight rotation, scanner noise."""
    cw, ch = card.size
    pad = int(cw * 0.12)
    page = Image.new("RGB", (cw + 2 * pad, ch + 2 * pad), (250, 250, 250))
    page.paste(card.convert("RGB"), (pad, pad))
    out, ids = scan(page, rng, strength=0.7)
    return out, ["flatbed", *ids]
