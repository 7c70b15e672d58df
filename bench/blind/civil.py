"""birth_certificate and marriage_certificate (forms of TT 04/2020/TT-BTP and TT 01/2022/TT-BTP)."""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image

from . import data as D
from .common import Doc, capture, date_style, fmt_date, header_columns, motto, new_page
from .render import Page, red_seal, signature

ETHNIC = ["Kinh"] * 8 + ["Khmer", "Hoa"]


def _registrar(rng: random.Random, day: dt.date) -> tuple[str, str]:
    """(registration place as printed, province code of the 63-list or the 34-list)."""
    if day >= D.REFORM_DATE:
        u = D.pick_new_unit(rng)
        place = f"Ủy ban nhân dân {D._lower_unit(u.ward)}, {D._lower_unit(u.province)}"
        return place, "0" + u.province_code
    o = D.pick_old_unit(rng)
    place = (
        f"Ủy ban nhân dân {D._lower_unit(o.ward)}, {D._lower_unit(o.district)}, {D._lower_unit(o.province)}"
    )
    return place, "0" + o.province_code


def _book(rng: random.Random, day: dt.date) -> str | None:
    r = rng.random()
    if r < 0.45:
        return f"{rng.randint(1, 3):02d}/{day.year}"
    if r < 0.8:
        return f"{rng.randint(1, 5):02d}"
    return None


# ------------------------------------------------------------------------------ birth certificate
def _birth_places(rng: random.Random, reg: dt.date) -> tuple[str, str]:
    """(nơi sinh, quê quán) named as on the registration date."""
    if rng.random() < 0.6:
        pob = rng.choice(
            [
                "Bệnh viện Đa khoa tỉnh Cà Mau",
                "Bệnh viện Sản - Nhi tỉnh Cà Mau",
                "Bệnh viện Đa khoa Bạc Liêu" if reg < D.REFORM_DATE else "Bệnh viện Đa khoa khu vực Bạc Liêu",
                "Trung tâm Y tế huyện Trần Văn Thời"
                if reg < D.REFORM_DATE
                else "Trung tâm Y tế khu vực Trần Văn Thời",
            ]
        )
    else:
        pob = D.short_place(rng, reg)
    return pob, D.short_place(rng, reg)


def make_birth(rng: random.Random) -> dict:
    female = rng.random() < 0.5
    modern = rng.random() < 0.85
    dob = (
        D.rand_date(rng, dt.date(2016, 3, 1), dt.date(2026, 10, 1))
        if modern
        else D.rand_date(rng, dt.date(1996, 1, 1), dt.date(2015, 12, 1))
    )
    reg = min(dob + dt.timedelta(days=rng.randint(2, 55)), D.REFERENCE_DATE - dt.timedelta(days=5))
    place, prov3 = _registrar(rng, reg)
    father = D.person_name(rng, False)
    surname = father.split()[0]
    name = D.person_name(rng, female)
    name = surname + " " + " ".join(name.split()[1:])
    mother = D.person_name(rng, True)
    by_m = dob.year - rng.randint(19, 38)
    by_f = by_m - rng.randint(-2, 8)
    pob, origin = _birth_places(rng, reg)
    return {
        "female": female,
        "name": name,
        "dob": D.ymd(dob),
        "reg": D.ymd(reg),
        "reg_place": place,
        "pid": D.personal_id(rng, prov3, dob.year, female) if modern else None,
        "mother": mother,
        "by_m": by_m,
        "father": father,
        "by_f": by_f,
        "ethnic": rng.choice(ETHNIC),
        "pob": pob,
        "origin": origin,
        "number": str(rng.randint(1, 480)),
        "book": _book(rng, reg),
        "mother_res": D.address_for_date(rng, reg),
        "declarant": None,
    }


def fields_birth(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    st = date_style(rng)
    doc.variant["date_style"] = st
    doc.set("registration_number", v["number"], v["number"])
    if v["book"]:
        doc.set("book_number", v["book"], v["book"])
    doc.set("full_name", v["name"].upper() if rng.random() < 0.6 else v["name"], v["name"])
    doc.set_date("date_of_birth", v["dob"], fmt_date(v["dob"], st))
    doc.set("sex", "Nữ" if v["female"] else "Nam", "Nữ" if v["female"] else "Nam")
    doc.set("ethnicity", v["ethnic"], v["ethnic"])
    doc.set("nationality", "Việt Nam", "Việt Nam")
    doc.set("place_of_birth", v["pob"], v["pob"])
    doc.set("place_of_origin", v["origin"], v["origin"])
    if v["pid"]:
        doc.set("personal_id_number", v["pid"], v["pid"])
    doc.set("mother_name", v["mother"].upper() if rng.random() < 0.4 else v["mother"], v["mother"])
    doc.set("mother_birth_year", str(v["by_m"]), str(v["by_m"]))
    doc.set("father_name", v["father"].upper() if rng.random() < 0.4 else v["father"], v["father"])
    doc.set("father_birth_year", str(v["by_f"]), str(v["by_f"]))
    doc.set_date("registration_date", v["reg"], fmt_date(v["reg"], rng.choice([st, "words"])))
    doc.set("registration_place", v["reg_place"], v["reg_place"])
    doc.aliases["registration_place"] = [
        v["reg_place"].replace("Ủy ban nhân dân ", "", 1),
        v["reg_place"].replace("Ủy ban nhân dân", "UBND", 1),
    ]


def _flip_sex_digit(pid: str) -> str:
    return pid[:3] + str(int(pid[3]) ^ 1) + pid[4:]


def b_err_pid_sex(doc: Doc, rng: random.Random):
    _ensure_pid(doc, rng)
    doc.v["pid"] = _flip_sex_digit(doc.v["pid"])
    return (
        "personal_id_number",
        "correct",
        "id_sex_digit",
        "digit 4 of the personal ID contradicts the child's sex",
    )


def _ensure_pid(doc: Doc, rng: random.Random) -> None:
    while not doc.v["pid"]:  # certificates from before 2016 carry no personal ID: draw a newer one
        doc.v = make_birth(rng)


def b_err_pid_year(doc: Doc, rng: random.Random):
    _ensure_pid(doc, rng)
    pid = doc.v["pid"]
    yy = (doc.v["dob"][0] + rng.choice([-2, -1, 1, 2])) % 100
    doc.v["pid"] = pid[:4] + f"{yy:02d}" + pid[6:]
    return (
        "personal_id_number",
        "correct",
        "id_year_digits",
        f"digits 5-6 of the personal ID ({yy:02d}) contradict the year of birth {doc.v['dob'][0]}",
    )


def b_err_reg_before_birth(doc: Doc, rng: random.Random):
    dob = D.as_date(doc.v["dob"])
    reg = dob - dt.timedelta(days=rng.randint(20, 400))
    doc.v["reg"] = D.ymd(reg)
    if reg < D.REFORM_DATE <= dob:
        doc.v["reg_place"], prov3 = _registrar(rng, reg)
        if doc.v["pid"]:
            doc.v["pid"] = prov3 + doc.v["pid"][3:]
        doc.v["pob"], doc.v["origin"] = _birth_places(rng, reg)
    return (
        "registration_date",
        "correct",
        "registered_before_birth",
        f"registered {D.iso(doc.v['reg'])}, before the birth {D.iso(doc.v['dob'])}",
    )


def b_err_impossible(doc: Doc, rng: random.Random):
    y = doc.v["dob"][0]
    doc.v["dob"] = rng.choice([(y, 2, 30), (y, 4, 31), (y, 6, 31), (y, 9, 31), (y, 11, 31)])
    return (
        "date_of_birth",
        "correct",
        "impossible_date",
        f"date of birth {D.iso(doc.v['dob'])} does not exist",
    )


def b_err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["full_name", "date_of_birth", "registration_date"])
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank on the certificate"


def b_err_placeholder(doc: Doc, rng: random.Random):
    key, txt = rng.choice(
        [
            ("place_of_birth", "…"),
            ("place_of_birth", "không rõ"),
            ("date_of_birth", f"00/00/{doc.v['dob'][0]}"),
            ("father_name", "x"),
        ]
    )
    doc.overrides[key] = (txt, txt)
    return key, "clean", "placeholder", f"placeholder '{txt}' in {key}"


def b_err_legacy(doc: Doc, rng: random.Random):
    key = rng.choice(["mother_name", "father_name"])
    enc = rng.choice(["tcvn3", "vni"])
    val = doc.v["mother" if key == "mother_name" else "father"]
    txt = D.to_tcvn3(val) if enc == "tcvn3" else D.to_vni(val)
    doc.overrides[key] = (txt, txt)
    return key, "clean", f"legacy_{enc}", f"{key} printed in {enc.upper()} legacy encoding"


def _outdated_place(rng: random.Random) -> tuple[str, str]:
    o = D.pick_old_unit(rng)
    while o.province_code not in ("95", "96"):
        o = D.pick_old_unit(rng)
    return (
        f"Ủy ban nhân dân {D._lower_unit(o.ward)}, {D._lower_unit(o.district)}, {D._lower_unit(o.province)}",
        "0" + o.province_code,
    )


def b_err_outdated_unit(doc: Doc, rng: random.Random):
    v = doc.v
    dob = D.rand_date(rng, dt.date(2025, 8, 1), dt.date(2026, 10, 1))
    reg = dob + dt.timedelta(days=rng.randint(3, 40))
    v["dob"], v["reg"] = D.ymd(dob), D.ymd(min(reg, D.REFERENCE_DATE - dt.timedelta(days=3)))
    v["pob"], v["origin"] = _birth_places(rng, D.as_date(v["reg"]))
    v["reg_place"], _ = _outdated_place(rng)
    v["pid"] = D.personal_id(
        rng, "096", dob.year, v["female"]
    )  # Bạc Liêu and Cà Mau register as 96 after the merger
    v["by_m"] = dob.year - rng.randint(19, 38)
    v["by_f"] = v["by_m"] - rng.randint(-2, 8)
    return (
        "registration_place",
        "live",
        "outdated_unit",
        f"registration place names a district-level unit on {D.iso(v['reg'])}, after the 2-tier reform",
    )


ERRORS_BIRTH = {
    "correct": [b_err_pid_sex, b_err_pid_year, b_err_reg_before_birth, b_err_impossible],
    "complete": [b_err_blank],
    "clean": [b_err_placeholder, b_err_legacy],
    "live": [b_err_outdated_unit],
}


def _field_style(rng: random.Random) -> str:
    return rng.choices(["beside", "dotted", "hand", "above", "broken"], [4, 3, 3, 1, 1])[0]


def _numbers_block(page: Page, doc: Doc, rng: random.Random, where: str) -> None:
    p = doc.p
    f = page.font()
    num = f"Số: {p.get('registration_number', '')}"
    book = f"Quyển số: {p['book_number']}" if "book_number" in p else ""
    if where == "right":
        page.y += page.line_h()
        page.text(page.right, page.y, num + (("    " + book) if book else ""), f, anchor="rs")
    elif where == "two":
        page.y += page.line_h()
        page.text(page.left, page.y, num, f)
        if book:
            page.text(page.right, page.y, book, f, anchor="rs")
    else:
        page.y += page.line_h()
        page.text((page.left + page.right) / 2, page.y, num, f, anchor="ms")
        if book:
            page.y += page.line_h()
            page.text((page.left + page.right) / 2, page.y, book, f, anchor="ms")


def _header_civil(page: Page, doc: Doc, rng: random.Random, title: str, style: str) -> None:
    pt = page.base_pt
    if style == "two_col":
        parts = doc.p.get("registration_place", "Ủy ban nhân dân").replace("Ủy ban nhân dân ", "").split(", ")
        header_columns(
            page, [("ỦY BAN NHÂN DÂN", True), (parts[0].upper(), True)], pt - 0.5, rng, left_frac=0.4
        )
        page.y += page.mm(2)
        _numbers_block(page, doc, rng, "two")
        page.gap(4)
        page.center(title, pt + 5, bold=True)
    else:
        if rng.random() < 0.3:
            page.y += page.line_h()
            page.text(
                page.right,
                page.y,
                rng.choice(["BẢN SAO", "Bản chính"]),
                page.font(pt - 1, bold=True),
                anchor="rs",
            )
        motto(page, None, pt)
        page.gap(5)
        page.center(title, pt + 6, bold=True)
        _numbers_block(page, doc, rng, rng.choice(["right", "center"]))
    page.gap(4)


def _inline(page: Page, items: list[tuple[str, str]], style: str) -> None:
    """Several short fields on one line: 'Giới tính: Nam   Dân tộc: Kinh   Quốc tịch: Việt Nam'."""
    f = page.font()
    page.y += page.line_h()
    W = page.right - page.left
    slot = W / len(items)
    for i, (lab, val) in enumerate(items):
        x = page.left + i * slot
        head = lab + ": "
        page.text(x, page.y, head, f)
        xv = x + page.tw(head, f)
        if style == "hand" and val:
            xe = page.handwriting(xv, page.y, val)
        else:
            page.text(xv, page.y, val, f)
            xe = xv + page.tw(val, f)
        if style in ("dotted", "hand"):
            page.dots(xe + page.mm(1), page.left + (i + 1) * slot - page.mm(3), page.y)


def render_birth(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    p, v = doc.p, doc.v
    page = new_page(rng, doc.variant, serif_bias=0.85)
    layout = rng.choice(["form2020", "form2022", "table", "parents_columns"])
    style = _field_style(rng)
    doc.variant.update({"layout": layout, "field_style": style})
    _header_civil(
        page, doc, rng, "GIẤY KHAI SINH", "two_col" if layout in ("form2022", "parents_columns") else "center"
    )
    name_lab = rng.choice(["Họ, chữ đệm, tên", "Họ, chữ đệm và tên"]) if layout != "table" else "Họ và tên"
    dob_lab = rng.choice(["Ngày, tháng, năm sinh", "Sinh ngày"])
    words = ""
    if p.get("date_of_birth") and "date_of_birth" in doc.gt and doc.gt["date_of_birth"][5:7] != "00":
        try:
            D.as_date(v["dob"])
            words = D.date_in_words(v["dob"])
        except ValueError:
            words = ""
    if layout == "table":
        rows = [
            (name_lab, p.get("full_name", "")),
            (dob_lab, p.get("date_of_birth", "") + (f" ({words})" if words and rng.random() < 0.5 else "")),
            ("Giới tính", p["sex"]),
            ("Dân tộc", p["ethnicity"]),
            ("Quốc tịch", p["nationality"]),
            ("Nơi sinh", p.get("place_of_birth", "")),
            ("Quê quán", p["place_of_origin"]),
        ]
        if "personal_id_number" in p:
            rows.append(("Số định danh cá nhân", p["personal_id_number"]))
        rows += [
            ("Họ và tên mẹ", p.get("mother_name", "")),
            ("Năm sinh của mẹ", p["mother_birth_year"]),
            ("Họ và tên cha", p.get("father_name", "")),
            ("Năm sinh của cha", p["father_birth_year"]),
            ("Nơi đăng ký khai sinh", p.get("registration_place", "")),
            ("Ngày, tháng, năm đăng ký", p.get("registration_date", "")),
        ]
        if rng.random() < 0.5:
            order = rows[:7]
            rng.shuffle(order)
            rows = order + rows[7:]
        page.table(rows, col_frac=rng.uniform(0.3, 0.4))
    else:
        page.field(name_lab, p.get("full_name", ""), style, value_bold=True)
        page.field(dob_lab, p.get("date_of_birth", ""), style)
        if words:
            page.field("Ghi bằng chữ", words, "beside" if style == "broken" else style, pt=page.base_pt - 1)
        _inline(
            page,
            [("Giới tính", p["sex"]), ("Dân tộc", p["ethnicity"]), ("Quốc tịch", p["nationality"])],
            style,
        )
        page.field("Nơi sinh", p.get("place_of_birth", ""), style)
        page.field("Quê quán", p["place_of_origin"], style)
        if "personal_id_number" in p:
            page.field("Số định danh cá nhân", p["personal_id_number"], style)
        page.gap(2)
        if layout == "parents_columns":
            # mother and father side by side, labels above their values
            W = page.right - page.left
            y0, ys = page.y, []
            for col, (who, key, by) in enumerate(
                (("mẹ", "mother_name", "mother_birth_year"), ("cha", "father_name", "father_birth_year"))
            ):
                page.y = y0
                x0 = page.left + col * W / 2 + (page.mm(3) if col else 0)
                x1 = page.left + (col + 1) * W / 2 - page.mm(3)
                page.y += page.line_h()
                page.text(x0, page.y, f"Thông tin người {who}", page.font(bold=True))
                page.field("Họ, chữ đệm, tên", p.get(key, ""), "above", x0=x0, x1=x1, value_bold=True)
                page.field("Năm sinh", p[by], "beside", x0=x0, x1=x1)
                page.field("Dân tộc", "Kinh", "beside", x0=x0, x1=x1)
                page.field("Nơi cư trú", v["mother_res"], "above", x0=x0, x1=x1)
                ys.append(page.y)
            page.y = max(ys)
        for who, key, by in (
            ()
            if layout == "parents_columns"
            else (("mẹ", "mother_name", "mother_birth_year"), ("cha", "father_name", "father_birth_year"))
        ):
            lab = rng.choice(
                [f"Họ, chữ đệm, tên người {who}", f"Họ và tên {who}", f"Họ, chữ đệm và tên người {who}"]
            )
            page.field(lab, p.get(key, ""), style)
            _inline(page, [("Năm sinh", p[by]), ("Dân tộc", "Kinh"), ("Quốc tịch", "Việt Nam")], style)
            page.field("Nơi cư trú", v["mother_res"], style)
        page.gap(2)
        page.field(
            rng.choice(["Nơi đăng ký khai sinh", "Nơi đăng ký", "Cơ quan đăng ký"]),
            p.get("registration_place", ""),
            style,
        )
        page.field(
            rng.choice(["Ngày, tháng, năm đăng ký", "Ngày đăng ký"]), p.get("registration_date", ""), style
        )
    page.gap(8)
    W = page.right - page.left
    page.center("NGƯỜI THỰC HIỆN", page.base_pt, bold=True, cx=page.left + W * 0.22, advance=False)
    page.center("NGƯỜI KÝ GIẤY KHAI SINH", page.base_pt, bold=True, cx=page.left + W * 0.72)
    page.center(
        "(Ký, ghi rõ họ, chữ đệm, tên, chức vụ, đóng dấu)",
        page.base_pt - 2,
        italic=True,
        cx=page.left + W * 0.72,
    )
    y_sig = page.y + page.mm(14)
    signature(page, page.left + W * 0.22, y_sig, rng)
    signature(page, page.left + W * 0.72, y_sig, rng)
    red_seal(page, page.left + W * 0.66, y_sig, rng)
    page.y = y_sig + page.mm(12)
    page.center(D.person_name(rng, True), page.base_pt, bold=True, cx=page.left + W * 0.22, advance=False)
    page.center(D.person_name(rng, False), page.base_pt, bold=True, cx=page.left + W * 0.72)
    img, ids = capture(page.img, rng, doc.variant)
    doc.variant["damage"] = ids
    return [img], ["page1"]


# --------------------------------------------------------------------------- marriage certificate
def make_marriage(rng: random.Random) -> dict:
    reg = D.rand_date(rng, dt.date(2016, 6, 1), dt.date(2026, 11, 20))
    h_dob = D.rand_date(rng, D.add_years(reg, -45), D.add_years(reg, -21))
    w_dob = D.rand_date(rng, D.add_years(reg, -40), D.add_years(reg, -19))
    place, _ = _registrar(rng, reg)
    return {
        "reg": D.ymd(reg),
        "reg_place": place,
        "number": str(rng.randint(1, 260)),
        "book": _book(rng, reg),
        "h_name": D.person_name(rng, False),
        "w_name": D.person_name(rng, True),
        "h_dob": D.ymd(h_dob),
        "w_dob": D.ymd(w_dob),
        "h_id": D.personal_id(rng, D.random_prov3(rng, h_dob), h_dob.year, False),
        "w_id": D.personal_id(rng, D.random_prov3(rng, w_dob), w_dob.year, True),
        "h_res": D.address_for_date(rng, reg),
        "w_res": D.address_for_date(rng, reg),
        "h_eth": rng.choice(ETHNIC),
        "w_eth": rng.choice(ETHNIC),
    }


def fields_marriage(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    st = date_style(rng)
    doc.variant["date_style"] = st
    doc.set("registration_number", v["number"], v["number"])
    if v["book"]:
        doc.set("book_number", v["book"], v["book"])
    up = rng.random() < 0.5
    doc.set("husband_name", v["h_name"].upper() if up else v["h_name"], v["h_name"])
    doc.set("wife_name", v["w_name"].upper() if up else v["w_name"], v["w_name"])
    doc.set_date("husband_date_of_birth", v["h_dob"], fmt_date(v["h_dob"], st))
    doc.set_date("wife_date_of_birth", v["w_dob"], fmt_date(v["w_dob"], st))
    doc.set("husband_id_number", v["h_id"], v["h_id"])
    doc.set("wife_id_number", v["w_id"], v["w_id"])
    doc.set_date("registration_date", v["reg"], fmt_date(v["reg"], rng.choice([st, "words"])))
    doc.set("registration_place", v["reg_place"], v["reg_place"])
    doc.aliases["registration_place"] = [
        v["reg_place"].replace("Ủy ban nhân dân ", "", 1),
        v["reg_place"].replace("Ủy ban nhân dân", "UBND", 1),
    ]


def m_err_underage(doc: Doc, rng: random.Random):
    v = doc.v
    reg = D.as_date(v["reg"])
    if rng.random() < 0.5:
        v["h_dob"] = D.ymd(
            D.rand_date(rng, D.add_years(reg, -19) + dt.timedelta(days=30), D.add_years(reg, -18))
        )
        v["h_id"] = (
            v["h_id"][:3]
            + str(D.century_sex_digit(v["h_dob"][0], False))
            + f"{v['h_dob'][0] % 100:02d}"
            + v["h_id"][6:]
        )
        return (
            "husband_date_of_birth",
            "correct",
            "under_legal_age",
            "husband under 20 on the registration date",
        )
    v["w_dob"] = D.ymd(D.rand_date(rng, D.add_years(reg, -17) + dt.timedelta(days=30), D.add_years(reg, -16)))
    v["w_id"] = (
        v["w_id"][:3]
        + str(D.century_sex_digit(v["w_dob"][0], True))
        + f"{v['w_dob'][0] % 100:02d}"
        + v["w_id"][6:]
    )
    return "wife_date_of_birth", "correct", "under_legal_age", "wife under 18 on the registration date"


def m_err_id_sex(doc: Doc, rng: random.Random):
    doc.v["w_id"] = _flip_sex_digit(doc.v["w_id"])
    return "wife_id_number", "correct", "id_sex_digit", "the wife's personal ID encodes a male holder"


def m_err_id_year(doc: Doc, rng: random.Random):
    hid = doc.v["h_id"]
    yy = (doc.v["h_dob"][0] + rng.choice([-3, -1, 1, 4])) % 100
    doc.v["h_id"] = hid[:4] + f"{yy:02d}" + hid[6:]
    return (
        "husband_id_number",
        "correct",
        "id_year_digits",
        f"the husband's ID year digits ({yy:02d}) contradict his birth year {doc.v['h_dob'][0]}",
    )


def m_err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["husband_name", "wife_name", "registration_date", "wife_date_of_birth"])
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank"


def m_err_placeholder(doc: Doc, rng: random.Random):
    key, txt = rng.choice(
        [
            ("wife_date_of_birth", f"00/00/{doc.v['w_dob'][0]}"),
            ("husband_id_number", "…………"),
            ("husband_id_number", "x"),
            ("wife_name", "Họ và tên"),
        ]
    )
    doc.overrides[key] = (txt, txt)
    return key, "clean", "placeholder", f"placeholder '{txt}' in {key}"


def m_err_legacy(doc: Doc, rng: random.Random):
    key = rng.choice(["husband_name", "wife_name"])
    enc = rng.choice(["tcvn3", "vni"])
    val = doc.v["h_name" if key == "husband_name" else "w_name"]
    txt = D.to_tcvn3(val) if enc == "tcvn3" else D.to_vni(val)
    doc.overrides[key] = (txt, txt)
    return key, "clean", f"legacy_{enc}", f"{key} printed in {enc.upper()} legacy encoding"


def m_err_outdated_unit(doc: Doc, rng: random.Random):
    v = doc.v
    reg = D.rand_date(rng, dt.date(2025, 8, 1), dt.date(2026, 11, 20))
    v["reg"] = D.ymd(reg)
    v["reg_place"] = _outdated_place(rng)[0]
    return (
        "registration_place",
        "live",
        "outdated_unit",
        f"registration place names a district-level unit on {D.iso(v['reg'])}, after the 2-tier reform",
    )


ERRORS_MARRIAGE = {
    "correct": [m_err_underage, m_err_id_sex, m_err_id_year],
    "complete": [m_err_blank],
    "clean": [m_err_placeholder, m_err_legacy],
    "live": [m_err_outdated_unit],
}


def _table3(
    page: Page, header: tuple[str, str, str], rows: list[tuple[str, str, str]], fr: tuple[float, float]
) -> None:
    x0, x3 = page.left, page.right
    x1 = x0 + (x3 - x0) * fr[0]
    x2 = x1 + (x3 - x1) * fr[1]
    f, fb = page.font(), page.font(bold=True)
    lh, pad = page.line_h(), page.mm(1.5)
    lw = max(1, page.px(0.7))
    top = page.y + page.mm(2)
    y = top
    page.draw.line([(x0, y), (x3, y)], fill=(20, 20, 20), width=lw)
    for r, row in enumerate([header, *rows]):
        cells = []
        for (a, b), s in zip(((x0, x1), (x1, x2), (x2, x3)), row, strict=True):
            cells.append(page.wrap(s, fb if r == 0 else f, b - a - 2 * pad) if s else [""])
        n = max(len(c) for c in cells)
        for (a, _), c in zip(((x0, x1), (x1, x2), (x2, x3)), cells, strict=True):
            for i, s in enumerate(c):
                if s:
                    page.text(a + pad, y + pad + lh * (i + 0.8), s, fb if r == 0 else f)
        y += n * lh + 2 * pad
        page.draw.line([(x0, y), (x3, y)], fill=(20, 20, 20), width=lw)
    for x in (x0, x1, x2, x3):
        page.draw.line([(x, top), (x, y)], fill=(20, 20, 20), width=lw)
    page.y = y


def render_marriage(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    p, v = doc.p, doc.v
    page = new_page(rng, doc.variant, serif_bias=0.85)
    layout = rng.choice(["table3", "side_by_side", "sections"])
    style = _field_style(rng)
    doc.variant.update({"layout": layout, "field_style": style})
    _header_civil(page, doc, rng, "GIẤY CHỨNG NHẬN KẾT HÔN", rng.choice(["two_col", "center"]))
    id_lab = rng.choice(["Số định danh cá nhân", "Giấy tờ tùy thân", "Số CCCD"])
    with_issue = rng.random() < 0.4

    def id_val(k: str) -> str:
        val = p.get(k, "")
        if id_lab == "Giấy tờ tùy thân" and val and val.isdigit():
            if with_issue:
                # the card's own issue date and place follow the number on many certificates
                reg = D.as_date(v["reg"]) if all(v["reg"]) else D.REFERENCE_DATE
                d = D.rand_date(
                    rng, min(reg, dt.date(2021, 6, 1)) - dt.timedelta(days=1500), reg - dt.timedelta(days=30)
                )
                d = max(d, dt.date(2016, 6, 1))
                return f"Căn cước công dân số {val}, cấp ngày {D.fmt_slash(D.ymd(d))}, nơi cấp: Cục Cảnh sát QLHC về TTXH"
            return f"Căn cước công dân số {val}"
        return val

    wife_first = rng.random() < 0.5
    sides = [("wife", "Vợ", "Bên nữ"), ("husband", "Chồng", "Bên nam")]
    if not wife_first:
        sides.reverse()
    if layout == "table3":
        h1, h2 = (s[2] if rng.random() < 0.5 else s[1] for s in sides)
        hdr = ("Thông tin", h1, h2)
        rows = [
            ("Họ, chữ đệm, tên", p.get(f"{sides[0][0]}_name", ""), p.get(f"{sides[1][0]}_name", "")),
            (
                "Ngày, tháng, năm sinh",
                p.get(f"{sides[0][0]}_date_of_birth", ""),
                p.get(f"{sides[1][0]}_date_of_birth", ""),
            ),
            (
                "Dân tộc",
                v["w_eth"] if sides[0][0] == "wife" else v["h_eth"],
                v["h_eth"] if sides[0][0] == "wife" else v["w_eth"],
            ),
            ("Quốc tịch", "Việt Nam", "Việt Nam"),
            (
                "Nơi cư trú",
                v["w_res"] if sides[0][0] == "wife" else v["h_res"],
                v["h_res"] if sides[0][0] == "wife" else v["w_res"],
            ),
            (id_lab, id_val(f"{sides[0][0]}_id_number"), id_val(f"{sides[1][0]}_id_number")),
        ]
        _table3(page, hdr, rows, (rng.uniform(0.22, 0.3), 0.5))
    elif layout == "side_by_side":
        W = page.right - page.left
        y0 = page.y
        ys = []
        for col, (who, word, _) in enumerate(sides):
            page.y = y0
            x0 = page.left + col * W / 2 + (page.mm(3) if col else 0)
            x1 = page.left + (col + 1) * W / 2 - page.mm(3)
            page.field(
                f"Họ, chữ đệm, tên {word.lower()}",
                p.get(f"{who}_name", ""),
                "above",
                x0=x0,
                x1=x1,
                value_bold=True,
            )
            page.field(
                "Ngày, tháng, năm sinh",
                p.get(f"{who}_date_of_birth", ""),
                "beside" if style in ("above", "broken") else style,
                x0=x0,
                x1=x1,
            )
            page.field("Dân tộc", v["w_eth" if who == "wife" else "h_eth"], "beside", x0=x0, x1=x1)
            page.field("Quốc tịch", "Việt Nam", "beside", x0=x0, x1=x1)
            page.field("Nơi cư trú", v["w_res" if who == "wife" else "h_res"], "above", x0=x0, x1=x1)
            page.field(id_lab, id_val(f"{who}_id_number"), "above", x0=x0, x1=x1)
            ys.append(page.y)
        page.y = max(ys)
    else:
        for who, word, side in sides:
            page.gap(2)
            page.y += page.line_h()
            page.text(
                page.left,
                page.y,
                rng.choice([f"Thông tin người {word.lower()}:", f"{side}:"]),
                page.font(bold=True),
            )
            page.field("Họ, chữ đệm, tên", p.get(f"{who}_name", ""), style, value_bold=True)
            page.field("Ngày, tháng, năm sinh", p.get(f"{who}_date_of_birth", ""), style)
            _inline(
                page,
                [("Dân tộc", v["w_eth" if who == "wife" else "h_eth"]), ("Quốc tịch", "Việt Nam")],
                style,
            )
            page.field("Nơi cư trú", v["w_res" if who == "wife" else "h_res"], style)
            page.field(id_lab, id_val(f"{who}_id_number"), style)
    page.gap(3)
    page.field(
        rng.choice(["Nơi đăng ký", "Nơi đăng ký kết hôn", "Cơ quan đăng ký"]),
        p.get("registration_place", ""),
        "beside" if style in ("above",) else style,
    )
    page.field(
        rng.choice(["Ngày, tháng, năm đăng ký", "Ngày đăng ký"]),
        p.get("registration_date", ""),
        "beside" if style in ("above",) else style,
    )
    page.gap(6)
    W = page.right - page.left
    for i, lab in enumerate(["Chồng", "Vợ"] if not wife_first else ["Vợ", "Chồng"]):
        page.center(lab, page.base_pt, bold=True, cx=page.left + W * (0.12 + 0.26 * i), advance=False)
    page.center("NGƯỜI KÝ GIẤY CHỨNG NHẬN", page.base_pt, bold=True, cx=page.left + W * 0.75)
    y_sig = page.y + page.mm(14)
    for i in range(2):
        signature(page, page.left + W * (0.12 + 0.26 * i), y_sig, rng)
    signature(page, page.left + W * 0.75, y_sig, rng)
    red_seal(page, page.left + W * 0.7, y_sig, rng)
    img, ids = capture(page.img, rng, doc.variant)
    doc.variant["damage"] = ids
    return [img], ["page1"]
