"""business_registration: Giấy chứng nhận đăng ký doanh nghiệp (Phòng Đăng ký kinh doanh)."""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image

from . import data as D
from .common import Doc, capture, header_columns, new_page
from .render import red_seal, signature

KINDS = [
    ("CÔNG TY TRÁCH NHIỆM HỮU HẠN MỘT THÀNH VIÊN", "CÔNG TY TNHH", "COMPANY LIMITED", "Tên công ty"),
    ("CÔNG TY TRÁCH NHIỆM HỮU HẠN HAI THÀNH VIÊN TRỞ LÊN", "CÔNG TY TNHH", "COMPANY LIMITED", "Tên công ty"),
    ("CÔNG TY CỔ PHẦN", "CÔNG TY CỔ PHẦN", "JOINT STOCK COMPANY", "Tên công ty"),
    ("DOANH NGHIỆP TƯ NHÂN", "DOANH NGHIỆP TƯ NHÂN", "PRIVATE ENTERPRISE", "Tên doanh nghiệp"),
]
TRADES = [
    ("THƯƠNG MẠI DỊCH VỤ", "TRADING SERVICE"),
    ("XÂY DỰNG", "CONSTRUCTION"),
    ("THỦY SẢN", "SEAFOOD"),
    ("NÔNG NGHIỆP CÔNG NGHỆ CAO", "HI-TECH AGRICULTURE"),
    ("VẬN TẢI", "TRANSPORT"),
    ("CHẾ BIẾN GỖ", "WOOD PROCESSING"),
    ("TƯ VẤN ĐẦU TƯ", "INVESTMENT CONSULTING"),
]
BRANDS = [
    "MINH PHÁT",
    "HOÀNG LONG",
    "ĐẤT MŨI",
    "PHƯƠNG NAM",
    "TÂN THÀNH",
    "BẢO ANH",
    "NGỌC HIỂN",
    "SÔNG ĐỐC",
    "KIM NGÂN",
    "THÀNH ĐẠT",
    "AN KHANG",
]


def money_words(n: int) -> str:
    parts = []
    ty, r = divmod(n, 1_000_000_000)
    tr, r = divmod(r, 1_000_000)
    ng, r = divmod(r, 1000)
    if ty:
        parts.append(D.number_words(ty) + " tỷ")
    if tr:
        parts.append(D.number_words(tr) + " triệu")
    if ng:
        parts.append(D.number_words(ng) + " nghìn")
    s = " ".join(parts) + " đồng"
    return s[0].upper() + s[1:]


def _agency(day: dt.date, province: str) -> list[str]:
    so = "SỞ KẾ HOẠCH VÀ ĐẦU TƯ" if day < D.SO_MERGER_DATE else "SỞ TÀI CHÍNH"
    return [f"{so} TỈNH {province.upper()}", "PHÒNG ĐĂNG KÝ KINH DOANH"]


def make(rng: random.Random) -> dict:
    kind = rng.choice(KINDS)
    trade = rng.choice(TRADES)
    brand = rng.choice(BRANDS)
    name = f"{kind[1]} {trade[0]} {brand}"
    ascii_brand = D.strip_diacritics(brand)
    first = D.rand_date(rng, dt.date(2012, 1, 5), dt.date(2026, 10, 30))
    n = rng.choice([0, 0, 1, 2, 3, 5])
    amend = (
        D.rand_date(rng, first + dt.timedelta(days=60), D.REFERENCE_DATE - dt.timedelta(days=10))
        if n and first < D.REFERENCE_DATE - dt.timedelta(days=90)
        else None
    )
    if amend is None:
        n = 0
    if (amend or first) < dt.date(2016, 7, 1):
        # a certificate printed before 2016 would show a 9-digit CMND: keep to 12-digit IDs
        first, n, amend = D.rand_date(rng, dt.date(2016, 7, 1), dt.date(2026, 10, 30)), 0, None
    last = amend or first
    province = "Cà Mau" if last >= D.REFORM_DATE or rng.random() < 0.6 else "Bạc Liêu"
    female = rng.random() < 0.35
    rdob = D.rand_date(rng, D.add_years(last, -65), D.add_years(last, -23))
    capital = rng.choice([5, 10, 20, 25, 50, 100, 150, 300, 500]) * 100_000_000
    if last >= D.REFORM_DATE:
        office = D.address_new(
            rng, next((u for u in [D.pick_new_unit(rng) for _ in range(20)] if u.province_code == "96"), None)
        )
    else:
        office = D.address_old(
            rng,
            next(
                (u for u in [D.pick_old_unit(rng) for _ in range(30)] if u.province.endswith(province)), None
            ),
        )
    return {
        "kind": kind,
        "name": name,
        "foreign": f"{ascii_brand} {trade[1]} {kind[2]}",
        "abbr": f"{ascii_brand.replace(' ', '')} CO., LTD"
        if "TNHH" in name
        else f"{ascii_brand.replace(' ', '')} JSC",
        "code": D.enterprise_code(rng, rng.choice(["20", "19", "03", "01"])),
        "first": D.ymd(first),
        "n": n,
        "amend": D.ymd(amend) if amend else None,
        "agency": _agency(last, province),
        "capital": capital,
        "rep": D.person_name(rng, female),
        "rep_female": female,
        "rep_dob": D.ymd(rdob),
        "rep_id": D.personal_id(rng, D.random_prov3(rng, rdob), rdob.year, female),
        "rep_title": rng.choice(["Giám đốc", "Tổng giám đốc", "Chủ tịch công ty", "Chủ doanh nghiệp"])
        if "TƯ NHÂN" not in name
        else "Chủ doanh nghiệp",
        "office": office,
        "rep_addr": D.address_for_date(rng, last),
        "phone": "0" + rng.choice(["290", "291"]) + f"{rng.randint(0, 9999999):07d}",
        "province": province,
    }


def fmt_money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def fields(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    doc.set("enterprise_code", v["code"], v["code"])
    doc.set("enterprise_name", v["name"], v["name"])
    doc.set("head_office_address", v["office"], v["office"])
    doc.set(
        "charter_capital_vnd",
        fmt_money(v["capital"]) + rng.choice([" đồng", " đồng", " VNĐ"]),
        str(v["capital"]),
    )
    doc.set("legal_representative", v["rep"].upper(), v["rep"])
    doc.set("legal_representative_id_number", v["rep_id"], v["rep_id"])
    doc.set_date("first_registration_date", v["first"], D.fmt_words_line(v["first"], nd30=rng.random() < 0.5))
    if v["n"]:
        doc.set("amendment_number", str(v["n"]), str(v["n"]))
        doc.set_date("amendment_date", v["amend"], D.fmt_words_line(v["amend"], nd30=rng.random() < 0.5))
    full = " ".join(v["agency"])
    doc.set("issuing_agency", full, full)
    doc.aliases["issuing_agency"] = [v["agency"][-1], f"{v['agency'][-1]} - {v['agency'][0]}"]


# --- planted errors -------------------------------------------------------------------------------
def err_mst(doc: Doc, rng: random.Random):
    c = doc.v["code"]
    bad = c[:9] + str((int(c[9]) + rng.randint(1, 9)) % 10)
    doc.v["code"] = bad
    return "enterprise_code", "correct", "mst_check_digit", f"enterprise code {bad} fails the check digit"


def err_capital_words(doc: Doc, rng: random.Random):
    doc.v["capital_words"] = money_words(
        doc.v["capital"] * rng.choice([10, 2]) if rng.random() < 0.5 else doc.v["capital"] // 10
    )
    return (
        "charter_capital_vnd",
        "correct",
        "capital_words_mismatch",
        f"capital in words ({doc.v['capital_words']}) differs from the figure",
    )


def err_amend_before_first(doc: Doc, rng: random.Random):
    v = doc.v
    if not v["n"]:
        v["n"] = rng.randint(1, 3)
        v["first"] = D.ymd(D.rand_date(rng, dt.date(2018, 1, 1), dt.date(2026, 6, 1)))
    first = D.as_date(v["first"])
    amend = first - dt.timedelta(days=rng.randint(30, 700))
    v["amend"] = D.ymd(amend)
    v["agency"] = _agency(first, v["province"])
    return (
        "amendment_date",
        "correct",
        "amendment_before_first_registration",
        f"amendment dated {D.iso(v['amend'])}, before the first registration {D.iso(v['first'])}",
    )


def err_rep_id_sex(doc: Doc, rng: random.Random):
    rid = doc.v["rep_id"]
    doc.v["rep_id"] = rid[:3] + str(int(rid[3]) ^ 1) + rid[4:]
    return (
        "legal_representative_id_number",
        "correct",
        "id_sex_digit",
        "the representative's ID encodes the other sex than the one printed",
    )


def err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["enterprise_code", "legal_representative", "head_office_address", "enterprise_name"])
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank"


def err_placeholder(doc: Doc, rng: random.Random):
    key, txt = rng.choice(
        [
            ("head_office_address", "…"),
            ("legal_representative_id_number", "xxxxxxxxxxxx"),
            ("legal_representative", "Họ và tên"),
            ("head_office_address", "Chưa cập nhật"),
        ]
    )
    doc.overrides[key] = (txt, txt)
    return key, "clean", "placeholder", f"placeholder '{txt}' in {key}"


def err_legacy(doc: Doc, rng: random.Random):
    enc = rng.choice(["tcvn3", "vni"])
    key = rng.choice(["legal_representative", "head_office_address"])
    val = doc.v["rep"].upper() if key == "legal_representative" else doc.v["office"]
    txt = D.to_tcvn3(val) if enc == "tcvn3" else D.to_vni(val)
    doc.overrides[key] = (txt, txt)
    return key, "clean", f"legacy_{enc}", f"{key} printed in {enc.upper()} legacy encoding"


def err_defunct_agency(doc: Doc, rng: random.Random):
    v = doc.v
    v["n"] = v["n"] or 1
    v["first"] = D.ymd(D.rand_date(rng, dt.date(2014, 1, 1), dt.date(2024, 6, 1)))
    amend = D.rand_date(rng, dt.date(2025, 7, 10), dt.date(2026, 11, 20))
    v["amend"] = D.ymd(amend)
    v["province"] = "Cà Mau"
    v["office"] = D.address_new(
        rng, next((u for u in [D.pick_new_unit(rng) for _ in range(20)] if u.province_code == "96"), None)
    )
    v["agency"] = ["SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH CÀ MAU", "PHÒNG ĐĂNG KÝ KINH DOANH"]
    return (
        "issuing_agency",
        "live",
        "defunct_agency",
        f"Sở Kế hoạch và Đầu tư no longer exists on {D.iso(v['amend'])} (merged into Sở Tài chính 03/2025)",
    )


def err_outdated_unit(doc: Doc, rng: random.Random):
    v = doc.v
    v["n"] = v["n"] or 1
    v["first"] = D.ymd(D.rand_date(rng, dt.date(2014, 1, 1), dt.date(2024, 6, 1)))
    amend = D.rand_date(rng, dt.date(2025, 7, 10), dt.date(2026, 11, 20))
    v["amend"] = D.ymd(amend)
    v["province"] = "Cà Mau"
    v["agency"] = _agency(amend, "Cà Mau")
    o = D.pick_old_unit(rng)
    while o.province_code not in ("95", "96"):
        o = D.pick_old_unit(rng)
    v["office"] = D.address_old(rng, o)
    return (
        "head_office_address",
        "live",
        "outdated_unit",
        f"head office uses pre-reform units on an amendment dated {D.iso(v['amend'])}",
    )


ERRORS = {
    "correct": [err_mst, err_capital_words, err_amend_before_first, err_rep_id_sex],
    "complete": [err_blank],
    "clean": [err_placeholder, err_legacy],
    "live": [err_defunct_agency, err_outdated_unit],
}


# --- drawing --------------------------------------------------------------------------------------
def render(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    p, v = doc.p, doc.v
    page = new_page(rng, doc.variant, serif_bias=0.8)
    layout = rng.choice(["classic", "table_rep", "compact", "inline_rep"])
    doc.variant["layout"] = layout
    W = page.right - page.left
    pt = page.base_pt - 0.5
    ag = p.get("issuing_agency", "")
    lines = v["agency"] if ag == " ".join(v["agency"]) else [ag]
    header_columns(
        page, [(ln, i == len(lines) - 1) for i, ln in enumerate(lines)], pt - 1, rng, left_frac=0.44
    )
    page.y += page.mm(6)
    page.center("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", pt + 3, bold=True)
    page.center(v["kind"][0], pt + 1, bold=True)
    page.gap(3)
    code = p.get("enterprise_code", "")
    if layout == "compact" and code.isdigit():
        # code in boxes, one digit each
        page.y += page.line_h()
        f = page.font(pt, bold=True)
        lab = "Mã số doanh nghiệp: "
        page.text(page.left + W * 0.2, page.y, lab, f)
        x = page.left + W * 0.2 + page.tw(lab, f)
        bw = page.mm(6)
        for ch in code:
            page.draw.rectangle(
                [x, page.y - page.mm(5), x + bw, page.y + page.mm(1.5)],
                outline=(20, 20, 20),
                width=max(1, page.px(0.7)),
            )
            page.text(x + bw / 2, page.y, ch, f, anchor="ms")
            x += bw
    else:
        page.center(f"Mã số doanh nghiệp: {code}", pt + 1, bold=True)
    page.center(f"Đăng ký lần đầu: {p.get('first_registration_date', '')}", pt, italic=True)
    if v["n"]:
        page.center(
            f"Đăng ký thay đổi lần thứ: {p.get('amendment_number', '')}, {p.get('amendment_date', '')}",
            pt,
            italic=True,
        )
    page.gap(4)
    what = v["kind"][3]
    page.paragraph(f"1. {what}", bold=True, indent_mm=0)
    page.field(
        f"{what} viết bằng tiếng Việt",
        p.get("enterprise_name", ""),
        rng.choice(["beside", "above"]),
        value_bold=True,
    )
    page.field(f"{what} viết bằng tiếng nước ngoài", v["foreign"], "beside")
    page.field(f"{what} viết tắt", v["abbr"], "beside")
    page.paragraph("2. Địa chỉ trụ sở chính", bold=True, indent_mm=0)
    page.paragraph(p.get("head_office_address", ""), indent_mm=0)
    page.field("Điện thoại", v["phone"], "beside")
    page.paragraph("3. Vốn điều lệ", bold=True, indent_mm=0)
    cap = p.get("charter_capital_vnd", "")
    page.field("Vốn điều lệ", cap, "beside")
    page.field("Bằng chữ", v.get("capital_words") or money_words(v["capital"]), "beside")
    page.paragraph(
        rng.choice(
            [
                "4. Người đại diện theo pháp luật của công ty",
                "4. Người đại diện theo pháp luật",
                "4. Thông tin về người đại diện theo pháp luật",
            ]
        ),
        bold=True,
        indent_mm=0,
    )
    sex = "Nữ" if v["rep_female"] else "Nam"
    rows = [
        ("Họ và tên", p.get("legal_representative", "")),
        ("Giới tính", sex),
        ("Chức danh", v["rep_title"]),
        ("Sinh ngày", D.fmt_slash(v["rep_dob"])),
        ("Dân tộc", "Kinh"),
        ("Quốc tịch", "Việt Nam"),
        (
            "Loại giấy tờ pháp lý của cá nhân",
            "Thẻ căn cước"
            if D.as_date(v["amend"] or v["first"]) >= D.CAN_CUOC_LAW_DATE and rng.random() < 0.6
            else "Thẻ căn cước công dân",
        ),
        ("Số giấy tờ pháp lý của cá nhân", p.get("legal_representative_id_number", "")),
        ("Địa chỉ liên lạc", v["rep_addr"]),
    ]
    if layout == "table_rep":
        page.table(rows, col_frac=0.4)
    elif layout == "inline_rep":
        # the 2021+ certificate: several items per line, with the ID's issue date and place
        last = D.as_date(v["amend"] or v["first"])
        lo = max(dt.date(2016, 6, 1), D.add_years(D.as_date(v["rep_dob"]), 14))
        idt = D.rand_date(rng, lo, last) if lo < last else lo  # a card issued before the certificate
        f = page.font()

        def row(items: list[tuple[str, str]]) -> None:
            page.y += page.line_h()
            x = page.left + page.mm(4)
            for lab, val in items:
                head = lab + ": "
                page.text(x, page.y, head, f)
                x += page.tw(head, f)
                page.text(x, page.y, val, page.font(bold=lab == "* Họ và tên"))
                x += page.tw(val, f) + page.mm(10)

        row([("* Họ và tên", p.get("legal_representative", "")), ("Giới tính", sex)])
        row([("Chức danh", v["rep_title"])])
        row([("Sinh ngày", D.fmt_slash(v["rep_dob"])), ("Dân tộc", "Kinh"), ("Quốc tịch", "Việt Nam")])
        row([("Loại giấy tờ pháp lý của cá nhân", rows[6][1])])
        row([("Số giấy tờ pháp lý của cá nhân", p.get("legal_representative_id_number", ""))])
        row([("Ngày cấp", D.fmt_slash(D.ymd(idt))), ("Nơi cấp", "Cục Cảnh sát QLHC về TTXH")])
        page.field("Địa chỉ thường trú", v["rep_addr"], "beside", x0=page.left + page.mm(4))
    else:
        for lab, val in rows:
            page.field(lab, val, "beside", x0=page.left + page.mm(4))
    page.gap(6)
    cx = page.left + W * 0.7
    page.center("TRƯỞNG PHÒNG", pt, bold=True, cx=cx)
    ys = page.y + page.mm(13)
    signature(page, cx, ys, rng)
    red_seal(page, cx - page.mm(15), ys, rng)
    page.y = ys + page.mm(12)
    page.center(D.person_name(rng, rng.random() < 0.4), pt, bold=True, cx=cx)
    img, ids = capture(page.img, rng, doc.variant)
    doc.variant["damage"] = ids
    return [img], ["page1"]
