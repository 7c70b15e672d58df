"""land_use_certificate: the 2009–2024 pink form and the TT 10/2024/TT-BTNMT form (1 or 2 pages)."""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image, ImageDraw

from . import data as D
from .common import Doc, capture, date_style, fmt_date, motto, new_page
from .render import Page, red_seal, signature

PURPOSES = [
    # (text, long-term?, origin choices)
    (
        "Đất ở tại nông thôn",
        True,
        [
            "Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất",
            "Nhà nước giao đất có thu tiền sử dụng đất",
            "Nhận chuyển nhượng quyền sử dụng đất",
        ],
    ),
    (
        "Đất ở tại đô thị",
        True,
        [
            "Nhà nước giao đất có thu tiền sử dụng đất",
            "Nhận chuyển nhượng quyền sử dụng đất",
            "Nhận thừa kế quyền sử dụng đất",
        ],
    ),
    (
        "Đất trồng lúa",
        False,
        [
            "Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất",
            "Nhà nước giao đất không thu tiền sử dụng đất",
        ],
    ),
    (
        "Đất trồng cây lâu năm",
        False,
        [
            "Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất",
            "Nhận tặng cho quyền sử dụng đất",
        ],
    ),
    (
        "Đất nuôi trồng thủy sản",
        False,
        [
            "Nhà nước giao đất không thu tiền sử dụng đất",
            "Công nhận quyền sử dụng đất như giao đất không thu tiền sử dụng đất",
        ],
    ),
]
SERIAL_LETTERS = ["AA", "AB", "AC", "BĐ", "BK", "BY", "CD", "CH", "CK", "CS", "CY", "DA", "DĐ"]


def area_words(a: float) -> str:
    whole = int(a)
    dec = round((a - whole) * 10)
    s = D.number_words(whole)
    if dec:
        s += " phẩy " + D.number_words(dec)
    return s[0].upper() + s[1:] + " mét vuông"


def fmt_area(a: float, style: str) -> str:
    whole = int(a)
    dec = round((a - whole) * 10)
    g = f"{whole:,}".replace(",", ".") if style != "plain" else str(whole)
    num = g + (f",{dec}" if dec else "")
    return num + {"m2": " m2", "plain": "m²"}.get(style, " m²")


def _fit_purpose(purpose: str, address: str) -> str:
    """Urban residential land lies in a phường or thị trấn, rural residential land in a xã."""
    if purpose.startswith("Đất ở tại"):
        urban = "phường " in address.lower() or "thị trấn " in address.lower()
        return "Đất ở tại đô thị" if urban else "Đất ở tại nông thôn"
    return purpose


def make(rng: random.Random) -> dict:
    gen = rng.choice(["gcn2009", "gcn2024"])
    issue = (
        D.rand_date(rng, dt.date(2016, 1, 10), dt.date(2024, 7, 31))
        if gen == "gcn2009"
        else D.rand_date(rng, dt.date(2024, 8, 1), dt.date(2026, 11, 20))
    )
    female = rng.random() < 0.4
    hb = D.rand_date(rng, dt.date(1950, 1, 1), D.add_years(issue, -20))
    purpose, long_term, origins = rng.choice(PURPOSES)
    term = None if long_term else D.ymd(D.add_years(issue, 50))
    area = round(rng.uniform(60, 900), 1) if long_term else round(rng.uniform(800, 25000), rng.choice([0, 1]))
    if rng.random() < 0.4:
        area = float(int(area))
    if issue < D.SO_MERGER_DATE:
        agency = (
            rng.choice(
                ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH BẠC LIÊU"]
            )
            if gen == "gcn2024" or rng.random() < 0.5
            else "UBND_DISTRICT"
        )
    else:
        agency = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH CÀ MAU"
    if agency == "UBND_DISTRICT":
        o = D.pick_old_unit(rng)
        agency = "ỦY BAN NHÂN DÂN " + o.district.upper()
        addr_unit = o
    else:
        addr_unit = None
    address = D.address_new(rng) if issue >= D.REFORM_DATE else D.address_old(rng, addr_unit)
    purpose = _fit_purpose(purpose, address)
    serial = (
        f"{rng.choice(SERIAL_LETTERS)} {rng.randint(0, 99999999):08d}"
        if gen == "gcn2024"
        else f"{rng.choice(SERIAL_LETTERS)} {rng.randint(100000, 999999)}"
    )
    reg = rng.choice(
        [
            f"CS {rng.randint(1, 9999):05d}",
            f"CH {rng.randint(1, 9999):05d}",
            f"VP {rng.randint(100, 9999)}",
            f"{rng.randint(1, 9999):05d}/QSDĐ",
            f"H{rng.randint(1, 9999):05d}",
        ]
    )
    return {
        "gen": gen,
        "issue": D.ymd(issue),
        "holder": D.person_name(rng, female),
        "female": female,
        "hb": hb.year,
        "hid": D.personal_id(rng, D.random_prov3(rng, hb), hb.year, female),
        "holder_addr": D.address_for_date(rng, issue),
        "parcel": str(rng.randint(1, 1200)),
        "sheet": str(rng.randint(1, 95)),
        "address": address,
        "area": area,
        "purpose": purpose,
        "term": term,
        "origin": rng.choice(origins),
        "agency": agency,
        "serial": serial,
        "reg": reg,
        "place": "Cà Mau"
        if "CÀ MAU" in agency or issue >= D.REFORM_DATE
        else (
            "Bạc Liêu"
            if "BẠC LIÊU" in agency
            else agency.split("HUYỆN ")[-1].split("THÀNH PHỐ ")[-1].split("THỊ XÃ ")[-1].title()
        ),
        "signer": D.person_name(rng, rng.random() < 0.3),
    }


def fields(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    st = date_style(rng)
    doc.variant["date_style"] = st
    doc.set("serial_number", v["serial"], v["serial"])
    doc.set("register_number", v["reg"], v["reg"])
    doc.set("holder_name", v["holder"].upper(), v["holder"])
    doc.set("holder_id_number", v["hid"], v["hid"])
    doc.set("parcel_number", v["parcel"], v["parcel"])
    doc.set("map_sheet_number", v["sheet"], v["sheet"])
    doc.set("address", v["address"], v["address"])
    a = v["area"]
    doc.set(
        "area_m2",
        fmt_area(a, rng.choice(["dots", "dots", "m2", "plain"])),
        (f"{a:.1f}".rstrip("0").rstrip(".")),
    )
    doc.set("land_use_purpose", v["purpose"], v["purpose"])
    if v["term"]:
        doc.set(
            "land_use_term",
            "Đến ngày " + fmt_date(v["term"], st if st != "words" else "slash"),
            D.iso(v["term"]),
        )
        doc.aliases["land_use_term"] = ["Đến ngày " + D.fmt_slash(v["term"])]
    else:
        doc.set("land_use_term", "Lâu dài", "Lâu dài")
    doc.set("land_use_origin", v["origin"], v["origin"])
    doc.set_date("issue_date", v["issue"], D.fmt_words_line(v["issue"], nd30=rng.random() < 0.6))
    doc.set("issuing_agency", v["agency"], v["agency"])


# --- planted errors -------------------------------------------------------------------------------
def err_area_words(doc: Doc, rng: random.Random):
    doc.v["area_words"] = area_words(doc.v["area"] + rng.choice([100, 10, -10, 1000]))
    return (
        "area_m2",
        "correct",
        "area_words_mismatch",
        f"area in words ({doc.v['area_words']}) differs from the figure",
    )


def err_serial(doc: Doc, rng: random.Random):
    letters, digits = doc.v["serial"].split()
    bad = rng.choice([letters + " " + digits[:-3], letters[0] + "-" + digits + "9", digits + " " + letters])
    doc.v["serial"] = bad
    return "serial_number", "correct", "serial_format", f"serial '{bad}' is not 1–2 letters + 6–8 digits"


def err_holder_id(doc: Doc, rng: random.Random):
    hid = doc.v["hid"]
    doc.v["hid"] = (
        rng.choice([hid[:-1], hid + str(rng.randint(0, 9)), hid[:3] + str(int(hid[3]) ^ 1) + hid[4:]])
        if rng.random() < 0.7
        else hid[:4] + f"{(doc.v['hb'] + 3) % 100:02d}" + hid[6:]
    )
    return (
        "holder_id_number",
        "correct",
        "id_structure",
        f"holder ID {doc.v['hid']} is not a valid 12-digit number for a holder born {doc.v['hb']}",
    )


def err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["holder_id_number", "parcel_number", "area_m2", "holder_name"])
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank on the certificate"


def err_placeholder(doc: Doc, rng: random.Random):
    key, txt = rng.choice(
        [
            ("land_use_origin", "x"),
            ("address", "không rõ"),
            ("map_sheet_number", "…"),
            ("holder_id_number", "000000000000"),
        ]
    )
    doc.overrides[key] = (txt, txt)
    return key, "clean", "placeholder", f"placeholder '{txt}' in {key}"


def err_legacy(doc: Doc, rng: random.Random):
    enc = rng.choice(["tcvn3", "vni"])
    key = rng.choice(["holder_name", "address"])
    val = doc.v["holder"].upper() if key == "holder_name" else doc.v["address"]
    txt = D.to_tcvn3(val) if enc == "tcvn3" else D.to_vni(val)
    doc.overrides[key] = (txt, txt)
    return key, "clean", f"legacy_{enc}", f"{key} printed in {enc.upper()} legacy encoding"


def err_expired_term(doc: Doc, rng: random.Random):
    v = doc.v
    v["purpose"] = rng.choice(
        ["Đất nuôi trồng thủy sản", "Đất trồng cây hằng năm khác", "Đất nông nghiệp khác"]
    )
    v["origin"] = "Nhà nước cho thuê đất trả tiền thuê đất hằng năm"
    end = D.rand_date(rng, dt.date(2021, 1, 1), dt.date(2026, 9, 30))
    issue = D.rand_date(rng, dt.date(2016, 1, 10), min(end - dt.timedelta(days=700), dt.date(2024, 7, 31)))
    _redate(v, issue, rng)
    v["term"] = D.ymd(end)
    return "land_use_term", "live", "expired_term", f"land-use term ended on {D.iso(v['term'])}"


def _redate(v: dict, issue: dt.date, rng: random.Random) -> None:
    """Move a certificate to another issue date, keeping form, agency and address consistent with it."""
    v["issue"] = D.ymd(issue)
    v["gen"] = "gcn2009" if issue < dt.date(2024, 8, 1) else "gcn2024"
    if issue < D.SO_MERGER_DATE:
        v["agency"], v["place"] = "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG TỈNH CÀ MAU", "Cà Mau"
    else:
        v["agency"], v["place"] = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH CÀ MAU", "Cà Mau"
    v["address"] = D.address_for_date(rng, issue)
    v["purpose"] = _fit_purpose(v["purpose"], v["address"])
    v["holder_addr"] = D.address_for_date(rng, issue)
    if len(v["serial"].split()[-1]) == 8 and v["gen"] == "gcn2009":
        v["serial"] = v["serial"].split()[0] + " " + v["serial"].split()[-1][2:]
    if v["gen"] == "gcn2024" and len(v["serial"].split()[-1]) == 6:
        v["serial"] = v["serial"].split()[0] + " " + f"{rng.randint(0, 99):02d}" + v["serial"].split()[-1]


def err_outdated_unit(doc: Doc, rng: random.Random):
    v = doc.v
    issue = D.rand_date(rng, dt.date(2025, 8, 1), dt.date(2026, 11, 20))
    _redate(v, issue, rng)
    o = D.pick_old_unit(rng)
    while o.province_code not in ("95", "96"):
        o = D.pick_old_unit(rng)
    v["address"] = D.address_old(rng, o)
    v["purpose"] = _fit_purpose(v["purpose"], v["address"])
    if v["term"]:
        v["term"] = D.ymd(D.add_years(issue, 50))
    return (
        "address",
        "live",
        "outdated_unit",
        f"parcel address uses pre-reform units (huyện, old province) on a certificate issued {D.iso(v['issue'])}",
    )


ERRORS = {
    "correct": [err_area_words, err_serial, err_holder_id],
    "complete": [err_blank],
    "clean": [err_placeholder, err_legacy],
    "live": [err_expired_term, err_outdated_unit],
}


# --- drawing -------------------------------------------------------------------------------------
def _paper(page: Page, rng: random.Random, pink: bool) -> None:
    import cv2
    import numpy as np

    W, H = page.W, page.H
    # the security pattern is drawn at 1/3 scale and enlarged: it is background, not text
    w3, h3 = W // 3, H // 3
    yy, xx = np.mgrid[0:h3, 0:w3].astype(np.float32) * 3
    base = np.array([250, 236, 238] if pink else [246, 248, 242], np.float32)
    g = np.sin(xx * 0.03 + 4 * np.sin(yy * 0.006)) * np.sin(yy * 0.028 + 3 * np.sin(xx * 0.005))
    a = base[None, None, :] - 9 * (g > 0.8)[:, :, None]
    a = cv2.resize(np.clip(a, 0, 255).astype("uint8"), (W, H), interpolation=cv2.INTER_LINEAR)
    page.img = Image.fromarray(a)
    page.draw = ImageDraw.Draw(page.img)
    m = page.mm(8)
    col = (190, 60, 70) if pink else (60, 120, 80)
    page.draw.rectangle([m, m, W - m, H - m], outline=col, width=max(2, page.px(2)))
    page.draw.rectangle(
        [m + page.mm(1.5), m + page.mm(1.5), W - m - page.mm(1.5), H - m - page.mm(1.5)],
        outline=col,
        width=max(1, page.px(0.7)),
    )


def _title(page: Page, gen: str) -> None:
    red = (185, 25, 35)
    pt = page.base_pt + 3
    if gen == "gcn2009":
        lines = [
            "GIẤY CHỨNG NHẬN",
            "QUYỀN SỬ DỤNG ĐẤT",
            "QUYỀN SỞ HỮU NHÀ Ở VÀ TÀI SẢN KHÁC GẮN LIỀN VỚI ĐẤT",
        ]
    else:
        lines = ["GIẤY CHỨNG NHẬN", "QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN", "GẮN LIỀN VỚI ĐẤT"]
    for i, ln in enumerate(lines):
        f = page.font(pt + (4 if i == 0 else 0), bold=True)
        page.y += page.line_h(pt + (4 if i == 0 else 0))
        page.text((page.left + page.right) / 2, page.y, ln, f, fill=red, anchor="ms")


def _holder(page: Page, doc: Doc, rng: random.Random, style: str) -> None:
    p, v = doc.p, doc.v
    title = "Bà" if v["female"] else "Ông"
    if style == "inline":
        idp = p.get("holder_id_number", "")
        txt = f"{title}: {p.get('holder_name', '')}, sinh năm {v['hb']}; {rng.choice(['CCCD số', 'Số định danh cá nhân:', 'Căn cước công dân số'])} {idp}; Địa chỉ thường trú: {v['holder_addr']}"
        page.paragraph(txt, indent_mm=6)
    else:
        page.field(title, p.get("holder_name", ""), "beside", value_bold=True)
        page.field("Năm sinh", str(v["hb"]), "beside")
        page.field(
            rng.choice(["Số định danh cá nhân", "CCCD số", "Số giấy tờ nhân thân"]),
            p.get("holder_id_number", ""),
            "beside",
        )
        page.field("Địa chỉ", v["holder_addr"], "beside")


def _parcel(page: Page, doc: Doc, rng: random.Random, style: str) -> None:
    p, v = doc.p, doc.v
    words = v.get("area_words") or area_words(v["area"])
    area_txt = p.get("area_m2", "")
    area_full = f"{area_txt} (Bằng chữ: {words})" if area_txt else ""
    share = f"Sử dụng riêng: {area_txt}; Sử dụng chung: Không" if area_txt else "Sử dụng riêng"
    rows = [
        ("Thửa đất số", p.get("parcel_number", "")),
        ("Tờ bản đồ số", p.get("map_sheet_number", "")),
        ("Địa chỉ", p.get("address", "")),
        ("Diện tích", area_full),
        ("Hình thức sử dụng", share),
        ("Mục đích sử dụng", p.get("land_use_purpose", "")),
        ("Thời hạn sử dụng", p.get("land_use_term", "")),
        ("Nguồn gốc sử dụng", p.get("land_use_origin", "")),
    ]
    if style == "table":
        page.table([(r[0], r[1]) for r in rows], col_frac=0.3)
        return
    if style == "lettered":
        letters = ["a)", "", "b)", "c)", "d)", "đ)", "e)", "g)"]
        # thửa + tờ on one line, as on the pink form
        page.y += page.line_h()
        f = page.font()
        s = f"a) Thửa đất số: {rows[0][1]};   Tờ bản đồ số: {rows[1][1]};"
        page.text(page.left + page.mm(4), page.y, s, f)
        for (lab, val), let in zip(rows[2:], letters[2:], strict=True):
            page.field(f"{let} {lab}", val, "beside", x0=page.left + page.mm(4))
        return
    for lab, val in rows:
        page.field(lab, val, style)


def _sign(page: Page, doc: Doc, rng: random.Random) -> None:
    p, v = doc.p, doc.v
    W = page.right - page.left
    cx = page.left + W * 0.68
    page.gap(4)
    page.center(f"{v['place']}, {p.get('issue_date', '')}", page.base_pt, italic=True, cx=cx)
    agency = p.get("issuing_agency", "")
    tm = agency.startswith("ỦY BAN")
    f = page.font(bold=True)
    lines = page.wrap(("TM. " if tm else "") + agency, f, W * 0.55)
    for ln in lines:
        page.center(ln, page.base_pt, bold=True, cx=cx)
    page.center("KT. CHỦ TỊCH" if tm else "KT. GIÁM ĐỐC", page.base_pt, bold=True, cx=cx)
    page.center("PHÓ CHỦ TỊCH" if tm else "PHÓ GIÁM ĐỐC", page.base_pt, bold=True, cx=cx)
    ys = page.y + page.mm(13)
    signature(page, cx, ys, rng)
    red_seal(page, cx - page.mm(14), ys, rng)
    page.y = ys + page.mm(12)
    page.center(v["signer"], page.base_pt, bold=True, cx=cx)
    # register number bottom left
    page.y += page.line_h()
    page.text(
        page.left, page.y, f"Số vào sổ cấp GCN: {p.get('register_number', '')}", page.font(page.base_pt - 1)
    )


def _real_date(t: D.Ymd) -> bool:
    try:
        D.as_date(t)
        return True
    except ValueError:
        return False


def _changes(page: Page, doc: Doc, rng: random.Random, issue: dt.date) -> None:
    """'Những thay đổi sau khi cấp Giấy chứng nhận': dated entries (mortgage and its release)."""
    page.gap(5)
    page.paragraph(
        "IV. Những thay đổi sau khi cấp Giấy chứng nhận"
        if doc.v["gen"] == "gcn2009"
        else "3. Những thay đổi sau khi cấp Giấy chứng nhận",
        bold=True,
        indent_mm=0,
    )
    d1 = D.rand_date(rng, issue + dt.timedelta(days=30), D.REFERENCE_DATE - dt.timedelta(days=60))
    bank = rng.choice(
        [
            "Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam - Chi nhánh Cà Mau",
            "Ngân hàng TMCP Công thương Việt Nam - Chi nhánh Bạc Liêu",
            "Ngân hàng Chính sách xã hội tỉnh Cà Mau",
        ]
    )
    rows = [
        (
            f"Thế chấp bằng quyền sử dụng đất tại {bank} theo hồ sơ số {rng.randint(100, 9999)}.CN.{rng.randint(1, 99):03d}",
            f"Ngày {D.fmt_slash(D.ymd(d1))}",
        )
    ]
    if rng.random() < 0.5 and d1 < D.REFERENCE_DATE - dt.timedelta(days=40):
        d2 = D.rand_date(rng, d1 + dt.timedelta(days=20), D.REFERENCE_DATE - dt.timedelta(days=10))
        rows.append(
            (
                f"Xóa thế chấp theo hồ sơ số {rng.randint(100, 9999)}.XT.{rng.randint(1, 99):03d}",
                f"Ngày {D.fmt_slash(D.ymd(d2))}",
            )
        )
    page.table(
        [("Nội dung thay đổi và cơ sở pháp lý", "Xác nhận của cơ quan có thẩm quyền"), *rows],
        col_frac=0.62,
        pt=page.base_pt - 1,
    )


def render(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    p, v = doc.p, doc.v
    gen = v["gen"]
    two_pages = rng.random() < 0.35
    layout = (
        rng.choice(["lettered", "table", "beside", "dotted"])
        if gen == "gcn2009"
        else rng.choice(["table", "table", "beside", "lettered"])
    )
    holder_style = rng.choice(["inline", "fields"])
    doc.variant.update({"layout": f"{gen}_{layout}", "holder_style": holder_style, "two_pages": two_pages})
    page = new_page(rng, doc.variant, serif_bias=0.8)
    _paper(page, rng, pink=gen == "gcn2009")
    page.left += page.mm(6)
    page.right -= page.mm(6)
    page.y += page.mm(6)
    motto(page, None, page.base_pt)
    page.gap(4)
    _title(page, gen)
    page.gap(3)
    serial_label = rng.choice(["", "Số phát hành: ", "Số seri: "]) if gen == "gcn2024" else ""
    doc.variant["serial_label"] = serial_label.strip() or None
    serial_txt = serial_label + p.get("serial_number", "")
    f = page.font(page.base_pt + 1, bold=True)

    def put_serial(pg: Page) -> None:
        pg.y += pg.line_h()
        pg.text((pg.left + pg.right) / 2, pg.y, serial_txt, f, fill=(200, 20, 30), anchor="ms")

    if gen == "gcn2024":
        put_serial(page)
        if rng.random() < 0.8:
            from .cards import _qr

            q = page.mm(22)
            _qr(page, page.right - q, page.mm(16), q, rng)
            doc.variant["qr"] = True
    page.gap(3)
    sec1 = (
        "I. Người sử dụng đất, chủ sở hữu nhà ở và tài sản khác gắn liền với đất"
        if gen == "gcn2009"
        else "1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất"
    )
    page.paragraph(sec1, bold=True, indent_mm=0)
    _holder(page, doc, rng, holder_style)
    pages = []
    if two_pages:
        if gen == "gcn2009":
            page.y = page.H - page.mm(40)
            put_serial(page)
        pages.append(page)
        p0 = pages[0]
        page = Page(
            210,
            297,
            p0.dpi,
            p0.family,
            rng,
            base_pt=p0.base_pt,
            hand_family=p0.hand_family,
            margin_mm=p0.margin_mm,
        )
        _paper(page, rng, pink=gen == "gcn2009")
        page.left += page.mm(6)
        page.right -= page.mm(6)
        page.y += page.mm(8)
    page.gap(3)
    sec2 = (
        "II. Thửa đất, nhà ở và tài sản khác gắn liền với đất"
        if gen == "gcn2009"
        else "2. Thông tin thửa đất"
    )
    page.paragraph(sec2, bold=True, indent_mm=0)
    if gen == "gcn2009":
        page.paragraph("1. Thửa đất:", indent_mm=2)
    _parcel(page, doc, rng, layout)
    _sign(page, doc, rng)
    if gen == "gcn2009" and not two_pages:
        put_serial(page)
    issue = D.as_date(v["issue"]) if _real_date(v["issue"]) else None
    if two_pages and issue and issue < D.REFERENCE_DATE - dt.timedelta(days=120) and rng.random() < 0.7:
        _changes(page, doc, rng, issue)
        doc.variant["changes_table"] = True
    pages.append(page)
    out: list[Image.Image] = []
    dmg: list[list[str]] = []
    for pg in pages:
        img = pg.img
        if img.size != pages[0].img.size:
            img = img.resize(pages[0].img.size)
        im, ids = capture(
            img,
            rng,
            doc.variant,
            phone_share=0.15 if not out else (1.0 if doc.variant.get("capture") == "phone" else 0.0),
        )
        out.append(im)
        dmg.append(ids)
    doc.variant["damage"] = dmg
    return out, [f"page{i + 1}" for i in range(len(out))]
