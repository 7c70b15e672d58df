"""citizen_id: CCCD 2016 (barcode), CCCD 2021 (chip, MRZ), căn cước 2024 (chip, MRZ); both sides."""

from __future__ import annotations

import datetime as dt
import math
import random

from PIL import Image, ImageDraw

from . import data as D
from .common import Doc, fmt_date
from .damage import flatbed_card, phone_photo, scan
from .render import INK, Page, _font, mono_path, pick_family, signature

GENS = ("cccd2016", "cccd2021", "cc2024")
MIN_VALID_EXPIRY = dt.date(2029, 6, 1)


def _issue_range(gen: str) -> tuple[dt.date, dt.date]:
    return {
        "cccd2016": (dt.date(2016, 6, 1), dt.date(2020, 12, 31)),
        "cccd2021": (dt.date(2021, 1, 15), dt.date(2024, 6, 28)),
        "cc2024": (dt.date(2024, 7, 1), dt.date(2026, 11, 20)),
    }[gen]


def make(rng: random.Random, gen: str | None = None, expired: bool = False) -> dict:
    gen = gen or rng.choices(GENS, [2, 4, 4])[0]
    if expired:
        gen = "cccd2016"
    lo, hi = _issue_range(gen)
    for _ in range(500):
        issue = D.rand_date(rng, lo, hi)
        dob = D.rand_date(rng, dt.date(1962, 1, 1), D.add_years(issue, -14))
        exp = D.expected_expiry(dob, issue)
        if exp is None:
            continue
        if expired and dt.date(2019, 1, 1) <= exp <= dt.date(2026, 9, 30):
            break
        if not expired and exp >= MIN_VALID_EXPIRY:
            break
    female = rng.random() < 0.5
    birth_place_unit = D.pick_old_unit(rng)
    prov3 = "0" + birth_place_unit.province_code.zfill(2)
    return {
        "gen": gen,
        "female": female,
        "name": D.person_name(rng, female),
        "dob": D.ymd(dob),
        "issue": D.ymd(issue),
        "expiry": D.ymd(exp) if exp else D.ymd(D.add_years(D.as_date(D.ymd(dob)), 60)),
        "id": D.personal_id(rng, prov3, dob.year, female),
        "origin": D.address_old(rng, with_street=False),
        "residence": D.address_for_date(rng, issue, with_street=True),
        "birth_reg": D.address_old(rng, birth_place_unit, with_street=False),
        "features": rng.choice(
            [
                "Nốt ruồi C: 1cm trên sau cánh mũi phải",
                "Sẹo chấm C: 2cm dưới trước đuôi mắt trái",
                "Nốt ruồi C: 1,5cm dưới trước mép phải",
                "Sẹo chấm C: 3cm trên đầu lông mày phải",
            ]
        ),
    }


def fields(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    if v["gen"] == "cmnd":
        # the 9-digit CMND prints no sex, nationality or expiry; its "Nguyên quán" is not quê quán
        doc.set("legacy_id_number", v["cmnd"], v["cmnd"])
        doc.set("full_name", v["name"].upper(), v["name"])
        doc.set_date("date_of_birth", v["dob"], D.fmt_slash(v["dob"], "-"))
        doc.set("place_of_residence", v["residence"], v["residence"])
        doc.set_date(
            "issue_date", v["issue"], D.fmt_words_line(v["issue"], nd30=False).replace("ngày", "Ngày", 1)
        )
        return
    style = rng.choice(["slash", "slash", "slash", "dash"]) if v["gen"] != "cccd2016" else "slash"
    doc.variant["date_style"] = style
    doc.set("id_number", v["id"], v["id"])
    doc.set("full_name", v["name"].upper(), v["name"])
    doc.set_date("date_of_birth", v["dob"], fmt_date(v["dob"], style))
    doc.set("sex", "Nữ" if v["female"] else "Nam", "Nữ" if v["female"] else "Nam")
    doc.set("nationality", "Việt Nam", "Việt Nam")
    doc.set_date("expiry_date", v["expiry"], fmt_date(v["expiry"], style))
    doc.set_date("issue_date", v["issue"], fmt_date(v["issue"], style))
    doc.set("place_of_residence", v["residence"], v["residence"])
    if v["gen"] == "cc2024":
        doc.set("place_of_birth_registration", v["birth_reg"], v["birth_reg"])
    else:
        doc.set("place_of_origin", v["origin"], v["origin"])


# --- planted errors --------------------------------------------------------------------------
def err_sex_digit(doc: Doc, rng: random.Random):
    v = doc.v
    g = int(v["id"][3])
    v["id"] = v["id"][:3] + str(g ^ 1) + v["id"][4:]
    return (
        "id_number",
        "correct",
        "id_sex_digit",
        f"digit 4 of the ID ({g ^ 1}) says {'Nữ' if (g ^ 1) % 2 else 'Nam'}, the card says {'Nữ' if v['female'] else 'Nam'}",
    )


def err_year_digits(doc: Doc, rng: random.Random):
    v = doc.v
    yy = (v["dob"][0] + rng.choice([-3, -2, -1, 1, 2, 3])) % 100
    v["id"] = v["id"][:4] + f"{yy:02d}" + v["id"][6:]
    return (
        "id_number",
        "correct",
        "id_year_digits",
        f"digits 5-6 of the ID ({yy:02d}) contradict the year of birth {v['dob'][0]}",
    )


def err_expiry_rule(doc: Doc, rng: random.Random):
    v = doc.v
    y, m, d = v["expiry"]
    v["expiry"] = (y + rng.choice([5, 10, -3]), m, d)
    if v["expiry"][0] < 2029:
        v["expiry"] = (y + 5, m, d)
    return (
        "expiry_date",
        "correct",
        "expiry_rule",
        f"expiry {D.iso(v['expiry'])} is not the re-issue milestone for a holder born {D.iso(v['dob'])} (expected {y:04d}-{m:02d}-{d:02d})",
    )


def err_impossible_dob(doc: Doc, rng: random.Random):
    v = doc.v
    y = v["dob"][0]
    v["dob"] = rng.choice([(y, 2, 30), (y, 2, 31), (y, 4, 31), (y, 6, 31), (y, 9, 31), (y, 11, 31)])
    return "date_of_birth", "correct", "impossible_date", f"date of birth {D.iso(v['dob'])} does not exist"


def _chip(doc: Doc, rng: random.Random) -> None:
    if doc.v["gen"] == "cccd2016":
        doc.v.update(make(rng, gen=rng.choice(["cccd2021", "cc2024"])))


def err_mrz_check(doc: Doc, rng: random.Random):
    _chip(doc, rng)
    doc.v["mrz_bad_check"] = True
    return (
        "id_number",
        "correct",
        "mrz_check_digit",
        "the document-number check digit of the machine-readable zone is wrong",
    )


def err_mrz_mismatch(doc: Doc, rng: random.Random):
    _chip(doc, rng)
    y, m, d = doc.v["dob"]
    doc.v["mrz_dob"] = (y, m, d % 28 + 1 if d != 28 else 27)
    return (
        "date_of_birth",
        "correct",
        "mrz_mismatch",
        f"the zone's birth date {D.iso(doc.v['mrz_dob'])} differs from the printed {D.iso(doc.v['dob'])} (check digits valid)",
    )


def err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["id_number", "date_of_birth", "full_name"])
    doc.v.update(make(rng, gen="cccd2016"))  # no machine-readable zone that would still carry it
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank on the card"


def err_placeholder(doc: Doc, rng: random.Random):
    key = rng.choice(["place_of_residence", "date_of_birth"])
    txt = rng.choice(["không rõ", "x", "..."]) if key == "place_of_residence" else f"00/00/{doc.v['dob'][0]}"
    doc.overrides[key] = (txt, txt)
    return key, "clean", "placeholder", f"placeholder '{txt}' printed as {key}"


def err_legacy(doc: Doc, rng: random.Random):
    key = "place_of_birth_registration" if doc.v["gen"] == "cc2024" else "place_of_origin"
    val = doc.v["birth_reg"] if doc.v["gen"] == "cc2024" else doc.v["origin"]
    enc = rng.choice(["tcvn3", "vni"])
    txt = D.to_tcvn3(val) if enc == "tcvn3" else D.to_vni(val)
    doc.overrides[key] = (txt, txt)
    return key, "clean", f"legacy_{enc}", f"{key} printed in {enc.upper()} legacy encoding"


def err_expired(doc: Doc, rng: random.Random):
    doc.v.update(make(rng, expired=True))
    return "expiry_date", "live", "expired_card", f"card expired on {D.iso(doc.v['expiry'])}"


def err_cmnd(doc: Doc, rng: random.Random):
    """A 9-digit CMND presented after 31/12/2024, when every CMND ceased to be valid."""
    v = doc.v
    issue = D.rand_date(rng, dt.date(2008, 1, 1), dt.date(2015, 12, 31))
    dob = D.rand_date(rng, dt.date(1960, 1, 1), D.add_years(issue, -16))
    v.update(
        {
            "gen": "cmnd",
            "issue": D.ymd(issue),
            "dob": D.ymd(dob),
            "cmnd": f"{rng.choice(['38', '36', '35', '02', '30'])}{rng.randint(0, 9999999):07d}",
            "residence": D.address_old(rng),
            "origin": D.address_old(rng, with_street=False),
        }
    )
    return "legacy_id_number", "live", "cmnd_invalid", "a CMND (9 digits) is no longer valid after 31/12/2024"


ERRORS = {
    "correct": [
        err_sex_digit,
        err_year_digits,
        err_expiry_rule,
        err_impossible_dob,
        err_mrz_check,
        err_mrz_mismatch,
    ],
    "complete": [err_blank],
    "clean": [err_placeholder, err_legacy],
    "live": [err_expired, err_expired, err_cmnd],
}


# --- drawing --------------------------------------------------------------------------------
CARD_MM = (85.6, 53.98)


def _card_page(rng: random.Random, fam, dpi: int = 300) -> Page:
    return Page(CARD_MM[0], CARD_MM[1], dpi, fam, rng, base_pt=6.2, margin_mm=(2, 3, 2, 3))


def _background(page: Page, rng: random.Random, palette: str) -> None:
    W, H = page.W, page.H
    import numpy as np

    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    if palette == "green":
        c0, c1 = np.array([222, 240, 228]), np.array([246, 236, 214])
    elif palette == "blue":
        c0, c1 = np.array([214, 232, 246]), np.array([240, 228, 236])
    else:
        c0, c1 = np.array([236, 236, 226]), np.array([226, 238, 244])
    t = (xx / W * 0.7 + yy / H * 0.3)[:, :, None]
    a = c0 * (1 - t) + c1 * t
    # guilloche: interfering sine waves
    g = np.sin(xx * 0.045 + 6 * np.sin(yy * 0.011)) * np.sin(yy * 0.04 + 5 * np.sin(xx * 0.008))
    a = a - 10 * (g > 0.85)[:, :, None]
    page.img = Image.fromarray(np.clip(a, 0, 255).astype("uint8"))
    page.draw = ImageDraw.Draw(page.img)


def _emblem(page: Page, cx: float, cy: float, r: float) -> None:
    d = page.draw
    d.ellipse(
        [cx - r, cy - r, cx + r, cy + r],
        fill=(205, 40, 40),
        outline=(200, 160, 40),
        width=max(2, int(r / 10)),
    )
    pts = []
    for k in range(10):
        rr = r * (0.55 if k % 2 == 0 else 0.22)
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=(250, 215, 60))


def _photo(page: Page, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
    d = page.draw
    bg = rng.choice([(235, 240, 248), (245, 245, 245), (220, 232, 245)])
    d.rectangle([x, y, x + w, y + h], fill=bg, outline=(150, 150, 150))
    skin = rng.choice([(200, 160, 130), (185, 145, 115), (215, 175, 145)])
    d.ellipse([x + w * 0.28, y + h * 0.16, x + w * 0.72, y + h * 0.58], fill=skin)
    d.ellipse([x + w * 0.26, y + h * 0.1, x + w * 0.74, y + h * 0.34], fill=(30, 30, 30))
    shirt = rng.choice([(245, 245, 245), (40, 60, 110), (230, 230, 230)])
    d.pieslice([x + w * 0.05, y + h * 0.6, x + w * 0.95, y + h * 1.45], 180, 360, fill=shirt)


def _qr(page: Page, x: float, y: float, s: float, rng: random.Random) -> None:
    n = 25
    c = s / n
    d = page.draw
    d.rectangle([x, y, x + s, y + s], fill=(255, 255, 255))
    for i in range(n):
        for j in range(n):
            finder = (i < 7 and j < 7) or (i < 7 and j >= n - 7) or (i >= n - 7 and j < 7)
            if finder:
                ii, jj = i % (n - 7) if i >= 7 else i, j % (n - 7) if j >= 7 else j
                on = ii in (0, 6) or jj in (0, 6) or (2 <= ii <= 4 and 2 <= jj <= 4)
            else:
                on = rng.random() < 0.5
            if on:
                d.rectangle(
                    [x + j * c, y + i * c, x + (j + 1) * c - 1, y + (i + 1) * c - 1], fill=(10, 10, 10)
                )


def _barcode(page: Page, x: float, y: float, w: float, h: float, rng: random.Random) -> None:
    xx = x
    while xx < x + w:
        bw = rng.choice([1, 1, 2, 3]) * page.W / 1000
        if rng.random() < 0.55:
            page.draw.rectangle([xx, y, xx + bw, y + h], fill=(10, 10, 10))
        xx += bw + page.W / 1000


def _label_value(
    page: Page,
    x: float,
    y: float,
    label: str,
    en: str | None,
    value: str,
    *,
    same_line: bool,
    bold_value: bool,
    lpt: float,
    vpt: float,
    x1: float,
    label_color=INK,
) -> float:
    """Draw one card field; returns the y of the next line."""
    lf = page.font(lpt)
    ef = page.font(lpt * 0.92, italic=True)
    vf = page.font(vpt, bold=bold_value)
    head = label + (" / " if en else ":")
    if en and page.tw(head, lf) + page.tw(en + ":", ef) > x1 - x:
        # too long for one line: the English gloss goes under the Vietnamese label
        page.text(x, y, label + " /", lf, fill=label_color)
        y += page.line_h(lpt) * 0.95
        page.text(x, y, en + ":", ef, fill=label_color)
        xe = x + page.tw(en + ":", ef)
    else:
        page.text(x, y, head, lf, fill=label_color)
        xe = x + page.tw(head, lf)
        if en:
            page.text(xe, y, en + ":", ef, fill=label_color)
            xe += page.tw(en + ":", ef)
    lh = page.line_h(vpt) * 1.02
    if same_line:
        lines = page.wrap(value, vf, x1 - x, x1 - xe - page.px(2))
        for i, ln in enumerate(lines):
            page.text(xe + page.px(2) if i == 0 else x, y + i * lh, ln, vf)
        return y + max(1, len(lines)) * lh
    lines = page.wrap(value, vf, x1 - x) if value else []
    for i, ln in enumerate(lines):
        page.text(x, y + (i + 1) * lh, ln, vf)
    return y + (len(lines) + 1) * lh


def _fit(draw, doc: Doc, rng: random.Random, fam) -> Image.Image:
    """Draw a side, shrinking the type until the last line stays on the card."""
    state = rng.getstate()
    img: Image.Image | None = None
    for s in (1.0, 0.92, 0.85, 0.78, 0.7, 0.62):
        rng.setstate(state)
        img, bottom = draw(doc, rng, fam, s)
        if bottom <= img.size[1] * 0.965:
            break
    assert img is not None
    return img


def draw_front(doc: Doc, rng: random.Random, fam) -> Image.Image:
    return _fit(_draw_front, doc, rng, fam)


def draw_back(doc: Doc, rng: random.Random, fam) -> Image.Image:
    return _fit(_draw_back, doc, rng, fam)


def _sex_nat(
    page: Page, x: float, y: float, x1: float, p: dict, bilingual: bool, lpt: float, vpt: float
) -> float:
    lf = page.font(lpt)
    vf = page.font(vpt, bold=True)
    sl = "Giới tính / Sex: " if bilingual else "Giới tính: "
    page.text(x, y, sl, lf)
    page.text(x + page.tw(sl, lf), y, p.get("sex", ""), vf)
    nx = x + (x1 - x) * 0.4
    nl = "Quốc tịch / Nationality: " if bilingual else "Quốc tịch: "
    page.text(nx, y, nl, lf)
    page.text(nx + page.tw(nl, lf), y, p.get("nationality", ""), vf)
    return y + page.line_h(vpt) * 1.05


def _cmnd_front(doc: Doc, rng: random.Random, fam, s: float) -> tuple[Image.Image, float]:
    v, p = doc.v, doc.p
    page = _card_page(rng, fam)
    _background(page, rng, "blue")
    W, H = page.W, page.H
    _emblem(page, W * 0.14, H * 0.3, H * 0.13)
    cx = W * 0.6
    page.text(cx, H * 0.1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page.font(5.4 * s, bold=True), anchor="ms")
    page.text(cx, H * 0.16, "Độc lập - Tự do - Hạnh phúc", page.font(5.4 * s, bold=True), anchor="ms")
    page.text(
        cx,
        H * 0.27,
        "GIẤY CHỨNG MINH NHÂN DÂN",
        page.font(8.5 * s, bold=True),
        fill=(190, 30, 30),
        anchor="ms",
    )
    page.text(
        cx,
        H * 0.38,
        "SỐ " + p.get("legacy_id_number", ""),
        page.font(9.5 * s, bold=True),
        fill=(190, 30, 30),
        anchor="ms",
    )
    _photo(page, W * 0.04, H * 0.48, W * 0.22, H * 0.42, rng)
    x, x1, y = W * 0.3, W * 0.97, H * 0.5
    hand = rng.random() < 0.5  # older cards were filled in by hand
    for lab, key in (
        ("Họ tên", "full_name"),
        ("Sinh ngày", "date_of_birth"),
        ("Nguyên quán", None),
        ("Nơi ĐKHK thường trú", "place_of_residence"),
    ):
        val = p.get(key, "") if key else v["origin"]
        lf = page.font(5.6 * s)
        page.text(x, y, lab + ":", lf)
        xv = x + page.tw(lab + ": ", lf)
        lines = page.wrap(val, page.font(6.4 * s, bold=True), x1 - x - page.px(3), x1 - xv - page.px(3))
        for i, ln in enumerate(lines):
            if hand:
                page.handwriting(xv if i == 0 else x, y, ln, pt=6.2 * s)
            else:
                page.text(xv if i == 0 else x, y, ln, page.font(6.4 * s, bold=True))
            page.dots(page.tw(ln, page.font(6.4 * s)) + (xv if i == 0 else x) + page.px(2), x1, y)
            y += page.line_h(6.2 * s)
    return page.img, y - page.line_h(6.2 * s)


def _cmnd_back(doc: Doc, rng: random.Random, fam, s: float) -> tuple[Image.Image, float]:
    v, p = doc.v, doc.p
    page = _card_page(rng, fam)
    _background(page, rng, "blue")
    W, H = page.W, page.H
    lf = page.font(5.6 * s)
    page.text(W * 0.04, H * 0.12, "Dân tộc: Kinh          Tôn giáo: Không", lf)
    page.text(W * 0.3, H * 0.24, "DẤU VẾT RIÊNG VÀ DỊ HÌNH", page.font(5.6 * s, bold=True), anchor="ms")
    page.text(W * 0.04, H * 0.34, v.get("features", "Nốt ruồi cách 2cm trên đuôi mắt phải"), lf)
    page.text(W * 0.3, H * 0.5, p.get("issue_date", ""), page.font(5.8 * s, italic=True), anchor="ms")
    page.text(W * 0.3, H * 0.58, "GIÁM ĐỐC CA TỈNH CÀ MAU", page.font(5.4 * s, bold=True), anchor="ms")
    signature(page, W * 0.3, H * 0.72, rng, color=(40, 40, 60))
    for i, lab in enumerate(("NGÓN TRỎ TRÁI", "NGÓN TRỎ PHẢI")):
        fx = W * (0.58 + 0.21 * i)
        page.text(fx + W * 0.09, H * 0.12, lab, page.font(4.6 * s, bold=True), anchor="ms")
        page.draw.rounded_rectangle(
            [fx, H * 0.16, fx + W * 0.18, H * 0.62], radius=8, outline=(120, 120, 120), fill=(240, 240, 240)
        )
    return page.img, H * 0.6


def _draw_front(doc: Doc, rng: random.Random, fam, s: float) -> tuple[Image.Image, float]:
    v, p = doc.v, doc.p
    gen = v["gen"]
    if gen == "cmnd":
        return _cmnd_front(doc, rng, fam, s)
    page = _card_page(rng, fam)
    _background(
        page,
        rng,
        {"cccd2016": "blue", "cccd2021": "green", "cc2024": "grey"}[gen]
        if rng.random() < 0.8
        else rng.choice(["blue", "green", "grey"]),
    )
    W, H = page.W, page.H
    bilingual = gen != "cccd2016"
    _emblem(page, W * 0.1, H * 0.17, H * 0.11)
    cx = W * 0.56
    room = W * (0.6 if gen == "cccd2021" else 0.74)  # between the emblem and the QR code
    hpt = 6.3
    while hpt > 4.5 and page.tw("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page.font(hpt, bold=True)) > room:
        hpt -= 0.2
    if gen == "cccd2021":
        cx = W * 0.53
    f1 = page.font(hpt, bold=True)
    page.text(cx, H * 0.09, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f1, anchor="ms")
    if gen == "cc2024":
        page.text(cx, H * 0.15, "SOCIALIST REPUBLIC OF VIET NAM", page.font(5.6, bold=True), anchor="ms")
        page.text(cx, H * 0.245, "CĂN CƯỚC", page.font(10, bold=True), fill=(190, 30, 30), anchor="ms")
        page.text(cx, H * 0.30, "IDENTITY CARD", page.font(6, bold=True), fill=(190, 30, 30), anchor="ms")
    else:
        page.text(cx, H * 0.15, "Độc lập - Tự do - Hạnh phúc", page.font(6.0, bold=True), anchor="ms")
        if bilingual:
            page.text(cx, H * 0.205, "SOCIALIST REPUBLIC OF VIET NAM", page.font(5.2), anchor="ms")
            page.text(cx, H * 0.25, "Independence - Freedom - Happiness", page.font(5.2), anchor="ms")
            page.text(
                cx, H * 0.325, "CĂN CƯỚC CÔNG DÂN", page.font(9.5, bold=True), fill=(190, 30, 30), anchor="ms"
            )
            page.text(
                cx,
                H * 0.375,
                "Citizen Identity Card",
                page.font(5.6, bold=True),
                fill=(190, 30, 30),
                anchor="ms",
            )
        else:
            page.text(
                cx, H * 0.27, "CĂN CƯỚC CÔNG DÂN", page.font(10, bold=True), fill=(190, 30, 30), anchor="ms"
            )
    if gen == "cccd2021":
        _qr(page, W * 0.86, H * 0.04, H * 0.2, rng)
    # photo column
    px0, py0, pw, ph = W * 0.04, H * (0.34 if gen != "cccd2021" else 0.42), W * 0.24, H * 0.4
    _photo(page, px0, py0, pw, ph, rng)
    if gen == "cc2024":
        # chip under the photo
        page.draw.rounded_rectangle(
            [W * 0.07, H * 0.8, W * 0.2, H * 0.94], radius=6, fill=(212, 175, 85), outline=(150, 120, 50)
        )
    # fields
    same = rng.random() < 0.5
    doc.variant["card_value_same_line"] = same
    x, x1 = W * 0.31, W * 0.97
    y = H * (0.43 if gen != "cccd2016" else 0.38)
    lpt, vpt = 5.6 * s, 6.8 * s
    if gen == "cc2024":
        y = H * 0.4
        lines = [
            ("Số định danh cá nhân", "Personal identification number", p.get("id_number", ""), True),
            (
                "Họ, chữ đệm và tên khai sinh",
                "Surname, middle name and given name",
                p.get("full_name", ""),
                True,
            ),
            ("Ngày sinh", "Date of birth", p.get("date_of_birth", ""), False),
        ]
        for lab, en, val, big in lines:
            y = _label_value(
                page,
                x,
                y,
                lab,
                en,
                val,
                same_line=not big,
                bold_value=True,
                lpt=lpt,
                vpt=vpt + (1.2 * s if big else 0),
                x1=x1,
            )
        y = _sex_nat(page, x, y, x1, p, True, lpt, vpt)
        return page.img, y - page.line_h(vpt)
    # CCCD 2016 / 2021
    idf = page.font((10 if gen == "cccd2016" else 9.5) * s, bold=True)
    lab = "Số" if gen == "cccd2016" else "Số / No."
    page.text(x, y, lab + ":", page.font(7 * s, bold=True))
    page.text(
        x + page.tw(lab + ": ", page.font(7 * s, bold=True)) + page.px(2),
        y,
        p.get("id_number", ""),
        idf,
        fill=(170, 20, 20) if rng.random() < 0.5 else INK,
    )
    y += page.line_h(8 * s)

    def gloss(english: str) -> str | None:
        return english if bilingual else None

    y = _label_value(
        page,
        x,
        y,
        "Họ và tên",
        gloss("Full name"),
        p.get("full_name", ""),
        same_line=False,
        bold_value=True,
        lpt=lpt,
        vpt=vpt + 0.8,
        x1=x1,
    )
    dob_label = "Ngày sinh" if bilingual else rng.choice(["Ngày, tháng, năm sinh", "Ngày sinh"])
    y = _label_value(
        page,
        x,
        y,
        dob_label,
        gloss("Date of birth"),
        p.get("date_of_birth", ""),
        same_line=True,
        bold_value=True,
        lpt=lpt,
        vpt=vpt,
        x1=x1,
    )
    y = _sex_nat(page, x, y, x1, p, bilingual, lpt, vpt)
    y = _label_value(
        page,
        x,
        y,
        "Quê quán",
        gloss("Place of origin"),
        p.get("place_of_origin", ""),
        same_line=same,
        bold_value=False,
        lpt=lpt,
        vpt=vpt,
        x1=x1,
    )
    y_end = _label_value(
        page,
        x,
        y,
        "Nơi thường trú",
        gloss("Place of residence"),
        p.get("place_of_residence", ""),
        same_line=same,
        bold_value=False,
        lpt=lpt,
        vpt=vpt,
        x1=x1,
    )
    # expiry under the photo (2021) or at the bottom left (2016)
    ey = py0 + ph + page.line_h(6)
    ef = page.font(5.0, italic=True)
    page.text(
        px0,
        ey,
        "Có giá trị đến:" if gen == "cccd2016" else "Có giá trị đến: " + p.get("expiry_date", ""),
        ef if gen == "cccd2016" else page.font(4.8),
    )
    if gen == "cccd2016":
        page.text(px0, ey + page.line_h(6), p.get("expiry_date", ""), page.font(5.8, bold=True))
    else:
        page.text(px0, ey + page.line_h(5.2), "Date of expiry", ef)
    return page.img, y_end - page.line_h(vpt)


def _mrz_lines(doc: Doc) -> list[str]:
    v = doc.v
    name = v["name"] if "full_name" in doc.gt else ""
    idn = doc.p.get("id_number") or v["id"]
    dob = v.get("mrz_dob", v["dob"])
    lines = D.mrz_td1(
        idn if len(idn) == 12 and idn.isdigit() else v["id"], dob, v["female"], v["expiry"], name or v["name"]
    )
    if not name:
        lines[2] = "<" * 30
    if v.get("mrz_bad_check"):
        c = int(lines[0][14])
        bad = str((c + 1 + int(v["id"][-1]) % 8) % 10)  # not hash(): it changes between processes
        if bad == lines[0][14]:
            bad = str((c + 5) % 10)
        lines[0] = lines[0][:14] + bad + lines[0][15:]
    return lines


def _draw_back(doc: Doc, rng: random.Random, fam, s: float) -> tuple[Image.Image, float]:
    v, p = doc.v, doc.p
    gen = v["gen"]
    if gen == "cmnd":
        return _cmnd_back(doc, rng, fam, s)
    page = _card_page(rng, fam)
    _background(page, rng, rng.choice(["blue", "green", "grey"]))
    W, H = page.W, page.H
    if gen == "cc2024":
        _qr(page, W * 0.04, H * 0.05, H * 0.26, rng)
        x, x1, y = W * 0.24, W * 0.97, H * 0.1
        same = doc.variant.get("card_value_same_line", False)
        for lab, en, key in (
            ("Nơi cư trú", "Place of residence", "place_of_residence"),
            ("Nơi đăng ký khai sinh", "Place of birth registration", "place_of_birth_registration"),
        ):
            y = _label_value(
                page,
                x,
                y,
                lab,
                en,
                p.get(key, ""),
                same_line=same,
                bold_value=True,
                lpt=5.4 * s,
                vpt=6.2 * s,
                x1=x1,
            )
        y = max(y, H * 0.36)
        for lab, en, key in (
            ("Ngày, tháng, năm cấp", "Date of issue", "issue_date"),
            ("Ngày, tháng, năm hết hạn", "Date of expiry", "expiry_date"),
        ):
            y = _label_value(
                page,
                W * 0.04,
                y,
                lab,
                en,
                p.get(key, ""),
                same_line=True,
                bold_value=True,
                lpt=5.4 * s,
                vpt=6.2 * s,
                x1=W * 0.6,
            )
        y_end = y - page.line_h(6.2 * s)
        page.text(W * 0.76, H * 0.42, "BỘ CÔNG AN", page.font(6.2, bold=True), anchor="ms")
        page.text(W * 0.76, H * 0.47, "MINISTRY OF PUBLIC SECURITY", page.font(4.8), anchor="ms")
        signature(page, W * 0.76, H * 0.55, rng, color=(40, 40, 60))
    else:
        # fingerprints top right; chip (2021) or barcode (2016) top left
        fh = 0.3 if gen == "cccd2021" else 0.36
        for i, (vi, en) in enumerate(
            (("Ngón trỏ trái", "Left index finger"), ("Ngón trỏ phải", "Right index finger"))
        ):
            fx = W * (0.58 + 0.21 * i)
            page.draw.rounded_rectangle(
                [fx, H * 0.06, fx + W * 0.18, H * (0.06 + fh)],
                radius=8,
                outline=(120, 120, 120),
                fill=(240, 240, 240),
            )
            for k in range(9):
                page.draw.arc(
                    [fx + W * 0.02 + k * 3, H * 0.1 + k * 3, fx + W * 0.16 - k * 3, H * (0.04 + fh) - k * 3],
                    180,
                    360 + 40 * (k % 2),
                    fill=(110, 110, 110),
                    width=2,
                )
            page.text(fx + W * 0.09, H * (0.1 + fh), vi, page.font(4.6), anchor="ms")
            if gen != "cccd2016":
                page.text(fx + W * 0.09, H * (0.14 + fh), en, page.font(4.0, italic=True), anchor="ms")
        if gen == "cccd2021":
            page.draw.rounded_rectangle(
                [W * 0.06, H * 0.06, W * 0.19, H * 0.25],
                radius=8,
                fill=(212, 175, 85),
                outline=(150, 120, 50),
            )
        else:
            _barcode(page, W * 0.05, H * 0.06, W * 0.45, H * 0.12, rng)
        x, y = W * 0.04, H * (0.3 if gen == "cccd2021" else 0.24)
        feat_label = "Đặc điểm nhận dạng" if gen == "cccd2016" else "Đặc điểm nhân dạng"
        y = _label_value(
            page,
            x,
            y,
            feat_label,
            None if gen == "cccd2016" else "Personal identification",
            v["features"],
            same_line=gen == "cccd2016",
            bold_value=False,
            lpt=5.2 * s,
            vpt=5.8 * s,
            x1=W * 0.55,
        )
        iss = p.get("issue_date", "")
        y += page.line_h(5 * s) * 0.3
        if gen == "cccd2016":
            t = v["issue"]
            txt = f"Ngày {t[2]:02d} tháng {t[1]:02d} năm {t[0]}" if iss else "Ngày      tháng      năm"
            page.text(x + W * 0.05, y, txt, page.font(5.8 * s, italic=True))
            title = ["CỤC TRƯỞNG CỤC CẢNH SÁT", "ĐKQL CƯ TRÚ VÀ DLQG VỀ DÂN CƯ"]
            tx, ty, tpt = W * 0.28, y + page.line_h(5.8 * s) * 1.2, 5.0 * s
        else:
            lab = "Ngày, tháng, năm / Date, month, year: "
            page.text(x, y, lab, page.font(4.8 * s))
            page.text(x + page.tw(lab, page.font(4.8 * s)), y, iss, page.font(6.0 * s, bold=True))
            title = ["CỤC TRƯỞNG CỤC CẢNH SÁT", "QUẢN LÝ HÀNH CHÍNH", "VỀ TRẬT TỰ XÃ HỘI"]
            tx, ty, tpt = W * 0.77, H * 0.5, 4.4
        y_end = y
        for i, t_ in enumerate(title):
            page.text(tx, ty + i * page.line_h(tpt), t_, page.font(tpt, bold=True), anchor="ms")
        sy = ty + page.line_h(tpt) * (len(title) + 0.6)
        signature(page, tx, sy, rng, color=(40, 40, 60))
        page.text(
            tx,
            sy + page.line_h(tpt) * 1.6,
            D.person_name(random.Random(v["id"]), False),
            page.font(tpt + 0.6, bold=True),
            anchor="ms",
        )
        if gen == "cccd2016":
            y_end = sy + page.line_h(tpt) * 1.6
    if gen != "cccd2016":
        # MRZ band at the bottom: OCR-B-like monospace
        lines = _mrz_lines(doc)
        doc.variant["mrz"] = lines
        mf = _font(mono_path(), int(page.px(7.6)))
        band_top = H * 0.72
        page.draw.rectangle([0, band_top, W, H], fill=(250, 250, 246))
        cw = (W * 0.94) / 30
        for i, ln in enumerate(lines):
            yy = band_top + H * 0.06 + i * H * 0.085
            for j, ch in enumerate(ln):
                page.draw.text((W * 0.03 + j * cw + cw / 2, yy), ch, font=mf, fill=(15, 15, 15), anchor="mm")
        # the text above the zone must end before the band
        y_end = y_end + (H - band_top) if y_end > band_top - page.px(2) else min(y_end, H * 0.9)
    return page.img, y_end


def render(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    fam = pick_family(rng, 0.35)
    doc.variant["font"] = fam.fid
    doc.variant["card_gen"] = doc.v["gen"]
    front = draw_front(doc, rng, fam)
    back = draw_back(doc, rng, fam)
    capture = rng.choices(["phone", "flatbed", "a4_copy"], [6, 2, 2])[0]
    doc.variant["capture"] = capture
    if capture == "phone":
        f, ids1 = phone_photo(front, rng)
        b, ids2 = phone_photo(back, rng)
        doc.variant["damage"] = [ids1, ids2]
        return [f, b], ["front", "back"]
    if capture == "flatbed":
        f, ids1 = flatbed_card(front, rng)
        b, ids2 = flatbed_card(back, rng)
        doc.variant["damage"] = [ids1, ids2]
        return [f, b], ["front", "back"]
    # photocopy of both sides on one A4 page (common in dossiers)
    dpi = rng.choice([150, 200, 300])
    A4 = (int(210 / 25.4 * dpi), int(297 / 25.4 * dpi))
    sheet = Image.new("RGB", A4, (255, 255, 255))
    cw = int(CARD_MM[0] / 25.4 * dpi * rng.uniform(1.0, 1.5))
    for i, side in enumerate((front, back)):
        im = side.resize((cw, int(cw * side.size[1] / side.size[0])), Image.Resampling.LANCZOS)
        x = (A4[0] - cw) // 2 + rng.randint(-20, 20)
        y = int(A4[1] * (0.12 + 0.36 * i))
        sheet.paste(im, (x, y))
    out, ids = scan(sheet, rng)
    doc.variant["damage"] = [ids]
    doc.variant["dpi"] = dpi
    return [out], ["front+back"]
