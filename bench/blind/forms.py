"""application_form: tờ khai / đơn (hộ tịch TT 04/2020, cư trú CT01, căn cước CC01, đất đai, generic đơn)."""

from __future__ import annotations

import datetime as dt
import random

from PIL import Image

from . import data as D
from .common import Doc, capture, date_style, fmt_date, motto, new_page
from .render import Page, signature

FORMS = [
    # (title, form code line, recipient kind, family)
    ("TỜ KHAI ĐĂNG KÝ KHAI SINH", "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP", "ubnd", "hotich"),
    ("TỜ KHAI ĐĂNG KÝ KẾT HÔN", "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP", "ubnd", "hotich"),
    (
        "TỜ KHAI CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH",
        "Mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP",
        "ubnd",
        "hotich",
    ),
    (
        "TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",
        "Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA",
        "ca",
        "ct01",
    ),
    ("TỜ KHAI CĂN CƯỚC", "Mẫu CC01 ban hành kèm theo Thông tư số 16/2024/TT-BCA", "ca", "ct01"),
    ("ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT", "Mẫu số 11/ĐK", "vpdk", "don"),
    ("ĐƠN ĐỀ NGHỊ XÁC NHẬN THÔNG TIN CƯ TRÚ", "", "ca", "don"),
    ("ĐƠN ĐỀ NGHỊ HỖ TRỢ", "", "ubnd", "don"),
]


def _recipient(rng: random.Random, kind: str, day: dt.date) -> tuple[str, str]:
    """(recipient as printed, place for the date line)."""
    if day >= D.REFORM_DATE:
        u = D.pick_new_unit(rng)
        ward, prov = D._lower_unit(u.ward), D._lower_unit(u.province)
        place = u.ward.split(" ", 1)[1]
    else:
        o = D.pick_old_unit(rng)
        ward, prov = D._lower_unit(o.ward), D._lower_unit(o.province)
        place = o.ward.split(" ", 1)[1]
    if place.split()[0].isdigit():
        place = D.bare_province(prov.replace("tỉnh ", "Tỉnh ").replace("thành phố ", "Thành phố "))
    if kind == "ca":
        rec = f"Công an {ward}"
    elif kind == "vpdk":
        rec = (
            f"Văn phòng Đăng ký đất đai {prov}"
            if rng.random() < 0.5
            else f"Chi nhánh Văn phòng Đăng ký đất đai {prov}"
        )
    else:
        rec = f"Ủy ban nhân dân {ward}" + (f", {prov}" if rng.random() < 0.4 else "")
    return rec, place


def make(rng: random.Random) -> dict:
    title, code, rk, fam = rng.choice(FORMS)
    day = D.rand_date(rng, dt.date(2021, 3, 1), dt.date(2026, 11, 25))
    if "TỜ KHAI CĂN CƯỚC" in title and day < D.CAN_CUOC_LAW_DATE:
        day = D.rand_date(rng, D.CAN_CUOC_LAW_DATE, dt.date(2026, 11, 25))
    female = rng.random() < 0.5
    dob = D.rand_date(rng, dt.date(1955, 1, 1), D.add_years(day, -18))
    rec, place = _recipient(rng, rk, day)
    return {
        "title": title,
        "code": code,
        "family": fam,
        "day": D.ymd(day),
        "recipient": rec,
        "place": place,
        "name": D.person_name(rng, female),
        "female": female,
        "dob": D.ymd(dob),
        "id": D.personal_id(rng, D.random_prov3(rng, dob), dob.year, female),
        "address": D.address_for_date(rng, day),
        "phone": "0" + rng.choice(["9", "8", "3", "7"]) + f"{rng.randint(0, 99999999):08d}",
        "child": D.person_name(rng, rng.random() < 0.5),
        "child_dob": D.ymd(D.rand_date(rng, day - dt.timedelta(days=50), day - dt.timedelta(days=2))),
    }


def fields(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    st = date_style(rng)
    doc.variant["date_style"] = st
    doc.set("form_title", v["title"], v["title"])
    doc.set("recipient", v["recipient"], v["recipient"])
    doc.set("applicant_name", v["name"].upper() if rng.random() < 0.5 else v["name"], v["name"])
    doc.set("applicant_id_number", v["id"], v["id"])
    doc.set_date("date_of_birth", v["dob"], fmt_date(v["dob"], st))
    doc.set("address", v["address"], v["address"])
    doc.set("phone", v["phone"], v["phone"])
    doc.set_date("request_date", v["day"], D.fmt_words_line(v["day"], nd30=rng.random() < 0.5))


# --- planted errors -------------------------------------------------------------------------------
def err_id_sex(doc: Doc, rng: random.Random):
    doc.v["family"] = "ct01"  # the form that prints the sex beside the ID
    doc.v["title"], doc.v["code"] = FORMS[3][0], FORMS[3][1]
    i = doc.v["id"]
    doc.v["id"] = i[:3] + str(int(i[3]) ^ 1) + i[4:]
    return (
        "applicant_id_number",
        "correct",
        "id_sex_digit",
        "digit 4 of the applicant's ID contradicts the sex declared on the form",
    )


def err_id_year(doc: Doc, rng: random.Random):
    i = doc.v["id"]
    yy = (doc.v["dob"][0] + rng.choice([-4, -1, 1, 2])) % 100
    doc.v["id"] = i[:4] + f"{yy:02d}" + i[6:]
    return (
        "applicant_id_number",
        "correct",
        "id_year_digits",
        f"digits 5-6 of the applicant's ID ({yy:02d}) contradict the birth year {doc.v['dob'][0]}",
    )


def err_impossible(doc: Doc, rng: random.Random):
    y = doc.v["dob"][0]
    doc.v["dob"] = rng.choice([(y, 2, 30), (y, 4, 31), (y, 13, 12), (y, 6, 31)])
    return (
        "date_of_birth",
        "correct",
        "impossible_date",
        f"date of birth {D.iso(doc.v['dob'])} does not exist",
    )


def err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["applicant_name", "applicant_id_number", "date_of_birth", "address"])
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank on the form"


def err_placeholder(doc: Doc, rng: random.Random):
    key, txt = rng.choice(
        [
            ("date_of_birth", f"…/…/{doc.v['dob'][0]}"),
            ("date_of_birth", f"00/00/{doc.v['dob'][0]}"),
            ("address", "không"),
            ("applicant_id_number", "x"),
            ("phone", "0000000000"),
        ]
    )
    doc.overrides[key] = (txt, txt)
    return key, "clean", "placeholder", f"placeholder '{txt}' in {key}"


def err_legacy(doc: Doc, rng: random.Random):
    enc = rng.choice(["tcvn3", "vni"])
    key = rng.choice(["applicant_name", "address"])
    val = doc.v["name"] if key == "applicant_name" else doc.v["address"]
    txt = D.to_tcvn3(val) if enc == "tcvn3" else D.to_vni(val)
    doc.overrides[key] = (txt, txt)
    return key, "clean", f"legacy_{enc}", f"{key} typed in {enc.upper()} legacy encoding"


def err_outdated_unit(doc: Doc, rng: random.Random):
    v = doc.v
    day = D.rand_date(rng, dt.date(2025, 8, 1), dt.date(2026, 11, 25))
    v["day"] = D.ymd(day)
    o = D.pick_old_unit(rng)
    while o.province_code not in ("95", "96"):
        o = D.pick_old_unit(rng)
    if rng.random() < 0.5:
        v["address"] = D.address_old(rng, o)
        v["recipient"], v["place"] = _recipient(rng, "ubnd", day)
        return (
            "address",
            "live",
            "outdated_unit",
            f"address uses pre-reform units (huyện, old province) on a form dated {D.iso(v['day'])}",
        )
    v["recipient"] = f"Ủy ban nhân dân {D._lower_unit(o.district)}"
    v["place"] = "Cà Mau"
    v["address"] = D.address_new(rng)
    return (
        "recipient",
        "live",
        "outdated_unit",
        f"form addressed to a district People's Committee on {D.iso(v['day'])}, after districts were abolished",
    )


ERRORS = {
    "correct": [err_id_sex, err_id_year, err_impossible],
    "complete": [err_blank],
    "clean": [err_placeholder, err_legacy],
    "live": [err_outdated_unit],
}


# --- drawing --------------------------------------------------------------------------------------
def _id_boxes(page: Page, label: str, value: str, hand: bool) -> None:
    f = page.font()
    page.y += page.line_h() * 1.2
    page.text(page.left, page.y, label + ":", f)
    x = page.left + page.tw(label + ": ", f) + page.mm(2)
    bw = page.mm(6.5)
    for i in range(12):
        page.draw.rectangle(
            [x + i * bw, page.y - page.mm(5.5), x + (i + 1) * bw, page.y + page.mm(1.5)],
            outline=(30, 30, 30),
            width=max(1, page.px(0.7)),
        )
    if value:
        if hand and value.isdigit():
            for i, ch in enumerate(value[:12]):
                page.handwriting(x + i * bw + bw * 0.22, page.y - page.px(1), ch)
        elif value.isdigit():
            for i, ch in enumerate(value[:12]):
                page.text(x + i * bw + bw / 2, page.y, ch, f, anchor="ms")
        else:
            page.text(x + page.mm(1), page.y, value, f)


def render(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    p, v = doc.p, doc.v
    page = new_page(rng, doc.variant, serif_bias=0.8)
    style = rng.choices(["dotted", "hand", "beside", "above", "broken"], [3, 4, 2, 1, 1])[0]
    fam = v["family"]
    doc.variant.update({"layout": fam, "field_style": style})
    pt = page.base_pt
    if v["code"]:
        page.y += page.line_h(pt - 2)
        page.text(page.right, page.y, v["code"], page.font(pt - 2.5, italic=True), anchor="rs")
    motto(page, None, pt)
    page.gap(5)
    f = page.font(pt + 2, bold=True)
    for ln in page.wrap(p.get("form_title", ""), f, (page.right - page.left) * 0.9):
        page.center(ln, pt + 2, bold=True)
    page.gap(3)
    page.center(f"Kính gửi: {p.get('recipient', '')}", pt)
    page.gap(3)
    hand = style == "hand"
    n = 0

    def num(lbl: str) -> str:
        nonlocal n
        if fam != "ct01":
            return lbl
        n += 1
        return f"{n}. {lbl}"

    name_lab = {
        "hotich": rng.choice(["Họ, chữ đệm, tên người yêu cầu", "Họ, chữ đệm và tên người yêu cầu"]),
        "ct01": "Họ, chữ đệm và tên",
        "don": rng.choice(["Tôi tên là", "Họ và tên"]),
    }[fam]
    page.field(num(name_lab), p.get("applicant_name", ""), style, value_bold=not hand)
    dob_lab = rng.choice(["Ngày, tháng, năm sinh", "Sinh ngày", "Ngày sinh"])
    if fam == "ct01":
        # date of birth and sex on one line
        f0 = page.font()
        page.y += page.line_h()
        head = num(dob_lab) + ": "
        page.text(page.left, page.y, head, f0)
        xv = page.left + page.tw(head, f0)
        dv = p.get("date_of_birth", "")
        if hand and dv:
            xe = page.handwriting(xv, page.y, dv)
        else:
            page.text(xv, page.y, dv, f0)
            xe = xv + page.tw(dv, f0)
        page.dots(xe + page.mm(1), page.left + (page.right - page.left) * 0.58, page.y)
        sx = page.left + (page.right - page.left) * 0.6
        sl = num("Giới tính") + ": "
        page.text(sx, page.y, sl, f0)
        sv = "Nữ" if v["female"] else "Nam"
        if hand:
            page.handwriting(sx + page.tw(sl, f0), page.y, sv)
        else:
            page.text(sx + page.tw(sl, f0), page.y, sv, f0)
        _id_boxes(page, num("Số định danh cá nhân"), p.get("applicant_id_number", ""), hand)
        page.field(num("Số điện thoại liên hệ"), p.get("phone", ""), style)
        page.field(num("Email"), "", "dotted")
        page.field(num(rng.choice(["Nơi thường trú", "Nơi cư trú"])), p.get("address", ""), style)
        page.field(
            num("Nội dung đề nghị"),
            rng.choice(
                [
                    "Đăng ký thường trú",
                    "Điều chỉnh thông tin trong Cơ sở dữ liệu về cư trú",
                    "Cấp thẻ căn cước",
                ]
            ),
            style,
        )
    else:
        page.field(dob_lab, p.get("date_of_birth", ""), style)
        id_lab = rng.choice(
            ["Số định danh cá nhân", "Số CCCD", "Giấy tờ tùy thân: Căn cước công dân số", "Số căn cước"]
        )
        if rng.random() < 0.3:
            _id_boxes(page, id_lab, p.get("applicant_id_number", ""), hand)
        else:
            page.field(id_lab, p.get("applicant_id_number", ""), style)
        page.field(rng.choice(["Nơi cư trú", "Địa chỉ thường trú", "Địa chỉ"]), p.get("address", ""), style)
        page.field(
            rng.choice(["Số điện thoại", "Điện thoại liên hệ", "Điện thoại"]), p.get("phone", ""), style
        )
        if fam == "hotich":
            page.field("Quan hệ với người được cấp", rng.choice(["Cha", "Mẹ", "Bản thân"]), style)
            page.paragraph("Đề nghị cơ quan đăng ký cho người có tên dưới đây:", indent_mm=0)
            page.field("Họ, chữ đệm, tên", v["child"], style)
            # the person the request is about has a birth date too: not the applicant's
            page.field("Ngày, tháng, năm sinh", D.fmt_slash(v["child_dob"]), style)
        else:
            page.paragraph(
                "Nội dung đề nghị: "
                + rng.choice(
                    [
                        "đề nghị cơ quan xem xét, giải quyết theo quy định.",
                        "xin xác nhận thông tin để bổ sung hồ sơ.",
                        "đăng ký biến động do chuyển nhượng quyền sử dụng đất.",
                    ]
                ),
                indent_mm=0,
            )
    page.paragraph(
        "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.",
        indent_mm=8,
    )
    page.gap(5)
    W = page.right - page.left
    cx = page.left + W * 0.68
    t = v["day"]
    fi = page.font(italic=True)
    page.y += page.line_h()
    place = v["place"]
    if style in ("hand", "dotted"):
        # "……, ngày … tháng … năm 20…" filled by hand
        tpl = "{p}, ngày {d} tháng {m} năm {y}"
        pre = f"{place}, ngày "
        x = cx - page.tw(tpl.format(p=place, d="     ", m="     ", y=t[0]), fi) / 2
        page.text(x, page.y, pre, fi)
        x += page.tw(pre, fi)
        parts = p.get("request_date", "").split()
        # parts: ngày DD tháng M năm YYYY
        d_, m_, y_ = (parts[1], parts[3], parts[5]) if len(parts) == 6 else ("", "", str(t[0]))
        x = page.handwriting(x, page.y, d_)
        page.text(x, page.y, " tháng ", fi)
        x += page.tw(" tháng ", fi)
        x = page.handwriting(x, page.y, m_)
        page.text(x, page.y, " năm ", fi)
        x += page.tw(" năm ", fi)
        page.handwriting(x, page.y, y_) if rng.random() < 0.5 else page.text(x, page.y, y_, fi)
    else:
        page.text(cx, page.y, f"{place}, {p.get('request_date', '')}", fi, anchor="ms")
    page.center(rng.choice(["NGƯỜI KÊ KHAI", "NGƯỜI YÊU CẦU", "NGƯỜI LÀM ĐƠN"]), pt, bold=True, cx=cx)
    page.center("(Ký, ghi rõ họ tên)", pt - 1.5, italic=True, cx=cx)
    ys = page.y + page.mm(12)
    signature(page, cx, ys, rng)
    page.y = ys + page.mm(10)
    page.center(v["name"], pt, bold=False, cx=cx) if rng.random() < 0.5 and p.get("applicant_name") else None
    img, ids = capture(page.img, rng, doc.variant)
    doc.variant["damage"] = ids
    return [img], ["page1"]
