"""administrative_decision and official_letter (NĐ 30/2020/NĐ-CP layout, several header styles)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from PIL import Image

from . import data as D
from .common import Doc, capture, header_columns, new_page
from .render import Page, red_seal, signature


@dataclass
class Agency:
    lines: list[str]  # header block as printed, top to bottom
    body_lines: int  # how many of the last lines name the issuing body itself
    code: str  # agency code in document numbers (UBND, STC …)
    place: str  # địa danh
    chair: str  # "CHỦ TỊCH" / "GIÁM ĐỐC"
    deputy: str
    collective: str | None  # "TM. ỦY BAN NHÂN DÂN" for collegial bodies
    authority_line: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU" (decisions)
    units: list[str]  # drafting units for công văn numbers


SO = [
    # (name, code, valid from, valid until)
    ("SỞ TÀI CHÍNH", "STC", dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT", dt.date(2000, 1, 1), D.SO_MERGER_DATE),
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT", dt.date(2000, 1, 1), D.SO_MERGER_DATE),
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SNNMT", D.SO_MERGER_DATE, dt.date(2100, 1, 1)),
    ("SỞ NỘI VỤ", "SNV", dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    ("SỞ TƯ PHÁP", "STP", dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    ("SỞ Y TẾ", "SYT", dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
]


def _up(s: str) -> str:
    return s.upper()


def pick_agency(rng: random.Random, day: dt.date, *, force: str | None = None) -> Agency:
    kind = (
        force
        or rng.choices(["province", "commune", "so", "district"], [3, 3, 3, 2 if day < D.REFORM_DATE else 0])[
            0
        ]
    )
    if day >= D.REFORM_DATE:
        u = D.pick_new_unit(rng)
        prov, commune, district = u.province, u.ward, None
    else:
        o = D.pick_old_unit(rng)
        prov, commune, district = o.province, o.ward, o.district
    prov_short = D.bare_province(prov)
    prov_word = "THÀNH PHỐ" if prov.startswith("Thành phố") else "TỈNH"
    if kind == "province":
        lines = rng.choice(
            [
                ["ỦY BAN NHÂN DÂN", f"{prov_word} {_up(prov_short)}"],
                [f"UBND {prov_word} {_up(prov_short)}"],
                ["UỶ BAN NHÂN DÂN", f"{prov_word} {_up(prov_short)}"],
            ]
        )
        return Agency(
            lines,
            len(lines),
            "UBND",
            prov_short,
            "CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "TM. ỦY BAN NHÂN DÂN",
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN {prov_word} {_up(prov_short)}",
            ["VP", "KT", "NC", "KTTH", "TH", "XD"],
        )
    if kind == "district" and district:
        dname = _up(district)
        lines = ["ỦY BAN NHÂN DÂN", dname]
        place = (
            district.split(" ", 1)[1]
            if not district.startswith("Thành phố") and not district.startswith("Thị xã")
            else district.split(" ", 2)[2]
        )
        return Agency(
            lines,
            2,
            "UBND",
            place,
            "CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "TM. ỦY BAN NHÂN DÂN",
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN {dname}",
            ["VP", "TCKH", "TNMT", "LĐTBXH"],
        )
    if kind == "commune":
        cname = _up(commune)
        lines = rng.choice([["ỦY BAN NHÂN DÂN", cname], [f"UBND {cname}"]])
        if rng.random() < 0.3 and day >= D.REFORM_DATE:
            lines = [f"{prov_word} {_up(prov_short)}", *lines]  # some communes print the province above
            body = len(lines) - 1
        else:
            body = len(lines)
        place = commune.split(" ", 1)[1]
        if place.split()[0].isdigit():
            place = commune
        return Agency(
            lines,
            body,
            "UBND",
            place,
            "CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "TM. ỦY BAN NHÂN DÂN",
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN {cname}",
            ["VP", "KT", "VHXH"],
        )
    so = [s for s in SO if s[2] <= day < s[3]]
    name, code, _, _ = rng.choice(so)
    parent = rng.choice(
        [f"UBND {prov_word} {_up(prov_short)}", f"ỦY BAN NHÂN DÂN {prov_word} {_up(prov_short)}"]
    )
    return Agency(
        [parent, name],
        1,
        code,
        prov_short,
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        None,
        f"GIÁM ĐỐC {name}",
        ["VP", "KHTC", "TCCB", "NS", "QLĐĐ", "PC"],
    )


DECISION_SUBJECTS = [
    "Về việc phê duyệt danh sách hộ nghèo, hộ cận nghèo năm {y}",
    "Về việc thành lập Tổ công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Về việc công nhận ấp, khóm đạt chuẩn văn hóa năm {y}",
    "Về việc giao chỉ tiêu kế hoạch làm giàu, làm sạch cơ sở dữ liệu đất đai",
    "Ban hành Quy chế làm việc của Tổ chuyển đổi số cộng đồng",
    "Phê duyệt Kế hoạch rà soát, chuẩn hóa dữ liệu hộ tịch năm {y}",
    "Về việc kiện toàn Ban Chỉ đạo thực hiện Đề án 06",
    "Về việc phân bổ kinh phí hỗ trợ sản xuất nông nghiệp năm {y}",
    "Về việc điều chỉnh, bổ sung danh mục thủ tục hành chính",
]
LETTER_SUBJECTS = [
    "triển khai làm sạch dữ liệu dân cư theo Đề án 06",
    "đề nghị cung cấp thông tin hồ sơ địa chính",
    "góp ý dự thảo Kế hoạch chuyển đổi số năm {y}",
    "rà soát, cập nhật danh mục thủ tục hành chính",
    "tăng cường số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "báo cáo tình hình thực hiện nhiệm vụ quý IV năm {y}",
    "chuẩn bị tổ chức hội nghị sơ kết công tác cải cách hành chính",
]
OTHER_KINDS = {
    "TB": (
        "THÔNG BÁO",
        [
            "Kết luận của Chủ tịch tại cuộc họp giao ban tháng {m}",
            "Về việc tiếp nhận hồ sơ trực tuyến toàn trình",
            "Lịch tiếp công dân định kỳ năm {y}",
        ],
    ),
    "TTr": (
        "TỜ TRÌNH",
        [
            "Về việc đề nghị phê duyệt dự toán kinh phí số hóa hồ sơ",
            "Đề nghị công nhận kết quả rà soát hộ nghèo năm {y}",
        ],
    ),
    "KH": (
        "KẾ HOẠCH",
        [
            "Triển khai làm giàu, làm sạch cơ sở dữ liệu đất đai năm {y}",
            "Thực hiện công tác cải cách hành chính năm {y}",
        ],
    ),
    "BC": (
        "BÁO CÁO",
        [
            "Kết quả thực hiện nhiệm vụ chuyển đổi số năm {y}",
            "Tình hình giải quyết thủ tục hành chính quý {qr} năm {y}",
        ],
    ),
    "GM": ("GIẤY MỜI", ["Dự hội nghị triển khai Kế hoạch số hóa dữ liệu hộ tịch"]),
}
RECIPIENTS = [
    "Ủy ban nhân dân các xã, phường",
    "Sở Tư pháp",
    "Văn phòng Đăng ký đất đai tỉnh",
    "Công an tỉnh",
    "Các phòng, ban chuyên môn",
    "Trung tâm Phục vụ hành chính công",
]


def make(rng: random.Random, doc_type: str) -> dict:
    day = D.rand_date(rng, dt.date(2021, 1, 5), dt.date(2026, 11, 25))
    ag = pick_agency(rng, day)
    if doc_type == "administrative_decision":
        kind = "QĐ"
        subject = rng.choice(DECISION_SUBJECTS).format(y=day.year)
        title = "QUYẾT ĐỊNH"
    else:
        kind = rng.choices(["CV", "TB", "TTr", "KH", "BC", "GM"], [6, 2, 2, 1, 1, 1])[0]
        if kind == "CV":
            subject = rng.choice(LETTER_SUBJECTS).format(y=day.year)
            title = None
        else:
            title, subs = OTHER_KINDS[kind]
            subject = rng.choice(subs).format(
                y=day.year, m=day.month, qr=("I", "II", "III", "IV")[(day.month - 1) // 3]
            )
    n = rng.choice([rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 2999)])
    legal = doc_type == "administrative_decision" and ag.code == "UBND" and rng.random() < 0.2
    if kind == "CV":
        number = f"{n:02d}/{ag.code}-{rng.choice(ag.units)}"
    elif legal:
        number = f"{n:02d}/{day.year}/QĐ-{ag.code}"
    else:
        number = f"{n:02d}/{kind}-{ag.code}"
    deputy = rng.random() < 0.55
    # a Sở's letters are often signed "TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG" (thừa lệnh)
    tl = ag.collective is None and doc_type == "official_letter" and rng.random() < 0.35
    return {
        "day": D.ymd(day),
        "agency": ag,
        "kind": kind,
        "title": title,
        "subject": subject,
        "number": number,
        "deputy": deputy and not tl,
        "tl": tl,
        "signer": D.person_name(rng, rng.random() < 0.3),
        "recipient": rng.choice(RECIPIENTS),
        "recipients": rng.sample(RECIPIENTS, rng.choice([1, 2, 3])),
    }


def fields(doc: Doc, rng: random.Random) -> None:
    v = doc.v
    ag: Agency = v["agency"]
    doc.set("document_number", v["number"], v["number"])
    doc.set("document_kind", v["kind"], v["kind"])
    full = " ".join(ag.lines)
    body = " ".join(ag.lines[-ag.body_lines :])
    doc.set("issuing_agency", full, full)
    if body != full:
        doc.aliases["issuing_agency"] = [body]
    doc.set("issue_place", ag.place, ag.place)
    doc.set_date("issue_date", v["day"], D.fmt_words_line(v["day"]))
    if v["kind"] == "CV":
        doc.set("subject", "V/v " + v["subject"], v["subject"])
        doc.aliases["subject"] = ["V/v " + v["subject"]]
    else:
        doc.set("subject", v["subject"], v["subject"])
        if v["subject"].startswith("Về việc "):
            doc.aliases["subject"] = [v["subject"][len("Về việc ") :]]
    title = "CHÁNH VĂN PHÒNG" if v.get("tl") else (ag.deputy if v["deputy"] else ag.chair)
    doc.set("signer_title", title, title)
    auth = (
        ([ag.collective] if ag.collective else [])
        + (["KT. " + ag.chair] if v["deputy"] else [])
        + (["TL. " + ag.chair] if v.get("tl") else [])
        + [title]
    )
    doc.aliases["signer_title"] = [" ".join(auth)]
    doc.v["authority"] = auth
    doc.set("signer_name", v["signer"], v["signer"])


# --- planted errors ---------------------------------------------------------------------------
def err_malformed_number(doc: Doc, rng: random.Random):
    num = doc.v["number"]
    n, _, rest = num.partition("/")
    bad = rng.choice(
        [
            num.replace("-", "", 1) if "-" in rest else num + "UBND",
            n + "-" + rest,
            rest + "/" + n,
            num.replace("/", "//", 1),
        ]
    )
    doc.v["number"] = bad
    return (
        "document_number",
        "correct",
        "malformed_number",
        f"number '{bad}' does not follow NĐ 30/2020 (Số/Loại-Cơ quan)",
    )


def err_impossible_date(doc: Doc, rng: random.Random):
    y = doc.v["day"][0]
    doc.v["day"] = rng.choice([(y, 4, 31), (y, 6, 31), (y, 9, 31), (y, 11, 31), (y, 2, 30)])
    return "issue_date", "correct", "impossible_date", f"issue date {D.iso(doc.v['day'])} does not exist"


def err_blank(doc: Doc, rng: random.Random):
    key = rng.choice(["document_number", "signer_name", "subject"])
    if key == "document_number":
        doc.v["number_blank"] = True
    doc.overrides[key] = ("", None)
    return key, "complete", "blank_required", f"{key} left blank"


def err_placeholder(doc: Doc, rng: random.Random):
    txt = rng.choice(["Họ và tên", "xxx", "(Ký, ghi rõ họ tên)", "Nguyễn Văn A"])
    doc.overrides["signer_name"] = (txt, txt)
    return "signer_name", "clean", "placeholder", f"template placeholder '{txt}' left as the signer's name"


def err_legacy(doc: Doc, rng: random.Random):
    enc = rng.choice(["tcvn3", "vni"])
    name = doc.v["signer"]
    txt = D.to_tcvn3(name) if enc == "tcvn3" else D.to_vni(name)
    doc.overrides["signer_name"] = (txt, txt)
    return "signer_name", "clean", f"legacy_{enc}", f"signer name printed in {enc.upper()} legacy encoding"


def err_defunct_agency(doc: Doc, rng: random.Random):
    day = D.rand_date(rng, dt.date(2025, 7, 15), dt.date(2026, 11, 25))
    doc.v["day"] = D.ymd(day)
    if rng.random() < 0.5:
        old = pick_agency(rng, dt.date(2025, 1, 10), force="district")
        what = f"{' '.join(old.lines)} no longer exists on {D.iso(doc.v['day'])} (no district level from 01/07/2025)"
    else:
        name, code = rng.choice(
            [("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT"), ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT")]
        )
        old = Agency(
            ["UBND TỈNH CÀ MAU", name],
            1,
            code,
            "Cà Mau",
            "GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            None,
            f"GIÁM ĐỐC {name}",
            ["VP", "KHTC"],
        )
        what = f"{name} no longer exists on {D.iso(doc.v['day'])} (merged from 01/03/2025)"
    doc.v["agency"] = old
    n = doc.v["number"].split("/")[0]
    doc.v["number"] = (
        f"{n}/{old.code}-{rng.choice(old.units)}"
        if doc.v["kind"] == "CV"
        else f"{n}/{doc.v['kind']}-{old.code}"
    )
    return "issuing_agency", "live", "defunct_agency", what


ERRORS = {
    "correct": [err_malformed_number, err_impossible_date],
    "complete": [err_blank],
    "clean": [err_placeholder, err_legacy],
    "live": [err_defunct_agency],
}


# --- drawing ------------------------------------------------------------------------------------
BODY_DECISION = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày {law};",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Theo đề nghị của Chánh Văn phòng tại Tờ trình số {n}/TTr-VP.",
]
ARTICLES = [
    "Điều 1. Phê duyệt nội dung kèm theo Quyết định này, làm cơ sở để các cơ quan, đơn vị tổ chức thực hiện.",
    "Điều 2. Giao các cơ quan, đơn vị có liên quan căn cứ nhiệm vụ được giao triển khai thực hiện, định kỳ báo cáo kết quả.",
    "Điều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký.",
]
BODY_LETTER = [
    "Thực hiện chỉ đạo của cấp trên về việc nâng cao chất lượng dữ liệu phục vụ giải quyết thủ tục hành chính, đề nghị các cơ quan, đơn vị khẩn trương rà soát, cập nhật và báo cáo kết quả.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh về Văn phòng để tổng hợp, báo cáo xem xét, giải quyết.",
    "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./.",
]


def _header(page: Page, doc: Doc, rng: random.Random, style: str) -> None:
    v, p = doc.v, doc.p
    ag: Agency = v["agency"]
    W = page.right - page.left
    pt = page.base_pt
    left = [(ln, i >= len(ag.lines) - ag.body_lines) for i, ln in enumerate(ag.lines)]
    lcx, rcx, _ = header_columns(page, left, pt, rng, left_frac=rng.uniform(0.38, 0.44))
    page.y += page.mm(3)
    # number and date
    number = p.get("document_number", "")
    if v.get("number_blank"):
        # the numeral was never written in: "Số:      /QĐ-UBND"
        number = "      /" + v["number"].split("/", 1)[1] if "/" in v["number"] else ""
    f = page.font(pt)
    fi = page.font(pt, italic=True)
    yline = page.y + page.line_h()
    num_hand = style == "handwritten_number" and not v.get("number_blank") and "/" in number
    if num_hand:
        n, rest = number.split("/", 1)
        s1 = "Số:        /" + rest
        x = lcx - page.tw(s1, f) / 2
        page.text(x, yline, "Số:", f)
        page.text(x + page.tw("Số:        ", f), yline, "/" + rest, f)
        page.handwriting(x + page.tw("Số: ", f), yline, n)
    else:
        spaced = rng.random() < 0.3 and "/" in number
        shown = number.replace("/", " /", 1) if spaced else number
        page.text(lcx, yline, f"Số: {shown}", f, anchor="ms")
    date_txt = f"{p.get('issue_place', '')}, {p.get('issue_date', '')}"
    if style == "handwritten_number":
        t = v["day"]
        pre = (
            f"{p.get('issue_place', '')}, ngày      tháng {t[1]:02d} năm {t[0]}"
            if t[1] <= 2
            else f"{p.get('issue_place', '')}, ngày      tháng {t[1]} năm {t[0]}"
        )
        x = rcx - page.tw(pre, fi) / 2
        page.text(x, yline, pre, fi)
        page.handwriting(x + page.tw(f"{p.get('issue_place', '')}, ngày ", fi), yline, f"{t[2]:02d}")
    else:
        page.text(rcx, yline, date_txt, fi, anchor="ms")
    page.y = yline
    if v["kind"] == "CV":
        # trích yếu under the number, inside the left column
        fs = page.font(pt - 1)
        lines = page.wrap(p.get("subject", ""), fs, W * 0.42)
        for ln in lines:
            page.y += page.line_h(pt - 1)
            page.text(lcx, page.y, ln, fs, anchor="ms")
    page.gap(6)


def _esign_box(page: Page, doc: Doc, rng: random.Random) -> None:
    """The stamp of an electronically signed copy, top right (as on the scans in vi_real_admin_scans)."""
    v = doc.v
    ag: Agency = v["agency"]
    try:
        t = D.as_date(v["day"]) + __import__("datetime").timedelta(days=rng.randint(0, 2))
        when = f"{t.day:02d}.{t.month:02d}.{t.year} {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +07:00"
    except ValueError:
        when = f"{v['day'][2]:02d}.{v['day'][1]:02d}.{v['day'][0]} 08:15:00 +07:00"
    body = (
        " ".join(ag.lines[-ag.body_lines :]).replace("UBND ", "ỦY BAN NHÂN DÂN ").replace("UỶ BAN", "ỦY BAN")
    )
    if body.startswith("ỦY BAN NHÂN DÂN "):
        rest = body[len("ỦY BAN NHÂN DÂN ") :].title()
        for a, b in (
            ("Thành Phố", "Thành phố"),
            ("Thị Xã", "Thị xã"),
            ("Thị Trấn", "Thị trấn"),
            ("Đặc Khu", "Đặc khu"),
        ):
            rest = rest.replace(a, b)
        who = "Ủy ban nhân dân " + D._lower_unit(rest)
    else:
        who = body[:1] + body[1:].lower()
        who = "Sở " + who[3:].capitalize() if who.startswith("Sở ") else who
    slug = D.strip_diacritics(ag.place).lower().replace(" ", "")
    lines = [f"Ký bởi: {who}", f"Email: vanthu@{slug}.gov.vn", f"Thời gian ký: {when}"]
    f = page.font(page.base_pt - 4.5)
    w = max(page.tw(s, f) for s in lines) + page.mm(4)
    x1 = page.right
    x0 = x1 - w
    y0 = page.mm(6)
    col = (30, 60, 170) if rng.random() < 0.5 else (200, 30, 40)
    lh = page.line_h(page.base_pt - 4.5)
    page.draw.rectangle(
        [x0, y0, x1, y0 + lh * len(lines) + page.mm(2)], outline=col, width=max(1, page.px(0.8))
    )
    for i, s in enumerate(lines):
        page.text(x0 + page.mm(2), y0 + page.mm(1) + lh * (i + 0.8), s, f, fill=col)
    page.y = max(page.y, y0 + lh * len(lines) + page.mm(4))


def _signature_block(page: Page, doc: Doc, rng: random.Random) -> None:
    v, p = doc.v, doc.p
    W = page.right - page.left
    cx = page.left + W * 0.7
    pt = page.base_pt
    y0 = page.y
    for ln in v["authority"][:-1]:
        page.center(ln, pt, bold=True, cx=cx)
    page.center(p.get("signer_title", v["authority"][-1]) or v["authority"][-1], pt, bold=True, cx=cx)
    ys = page.y + page.mm(14)
    if p.get("signer_name", None) != "" or rng.random() < 0.5:
        signature(page, cx, ys, rng)
    if rng.random() < 0.75:
        red_seal(page, cx - page.mm(rng.uniform(12, 20)), ys, rng)
    page.y = ys + page.mm(14)
    name = p.get("signer_name", "")
    if name:
        page.center(name, pt, bold=True, cx=cx)
    # nơi nhận on the left
    yb = y0 + page.line_h()
    fs = page.font(pt - 2.5)
    page.text(page.left, yb, "Nơi nhận:", page.font(pt - 1.5, bold=True, italic=True))
    for i, r in enumerate(["- Như trên;", "- Lưu: VT, " + rng.choice(["VP", "TH", "KT"]) + "."]):
        page.text(page.left, yb + (i + 1) * page.line_h(pt - 2.5), r, fs)


def render(doc: Doc, rng: random.Random) -> tuple[list[Image.Image], list[str]]:
    v, p = doc.v, doc.p
    page = new_page(rng, doc.variant, serif_bias=0.9)
    style = rng.choices(["standard", "handwritten_number", "esigned"], [3, 1, 2])[0]
    doc.variant["layout"] = f"nd30_{style}"
    if style == "esigned":
        _esign_box(page, doc, rng)
    _header(page, doc, rng, style)
    pt = page.base_pt
    if v["kind"] != "CV":
        page.center(v["title"], pt + 2, bold=True)
        f = page.font(pt + 0.5, bold=True)
        for ln in page.wrap(p.get("subject", ""), f, (page.right - page.left) * 0.8):
            page.center(ln, pt + 0.5, bold=True)
        page.hline(
            (page.left + page.right) / 2 - page.mm(15),
            (page.left + page.right) / 2 + page.mm(15),
            page.y + page.px(9),
        )
        page.gap(4)
    if v["kind"] == "QĐ":
        page.center(v["agency"].authority_line, pt + 0.5, bold=True)
        page.gap(2)
        law = "16 tháng 6 năm 2025" if D.as_date(v["day"]) >= D.REFORM_DATE else "19 tháng 6 năm 2015"
        for para in BODY_DECISION:
            page.paragraph(para.format(law=law, n=rng.randint(10, 300)), italic=True)
        page.center("QUYẾT ĐỊNH:", pt + 1, bold=True)
        for a in ARTICLES:
            page.paragraph(a)
    else:
        if v["kind"] in ("CV", "GM"):
            page.gap(2)
            rec = v["recipients"]
            if len(rec) == 1 or v["kind"] == "GM":
                page.center(f"Kính gửi: {rec[0]}.", pt + 0.5)
            else:
                # several recipients, one per line after a dash
                f = page.font(pt + 0.5)
                x = (page.left + page.right) / 2 - page.tw("Kính gửi: " + max(rec, key=len), f) / 2
                for i, r in enumerate(rec):
                    page.y += page.line_h()
                    if i == 0:
                        page.text(x, page.y, "Kính gửi:", f)
                    page.text(
                        x + page.tw("Kính gửi: ", f), page.y, f"- {r}{';' if i < len(rec) - 1 else '.'}", f
                    )
            page.gap(2)
        for para in BODY_LETTER:
            page.paragraph(para)
    page.gap(6)
    _signature_block(page, doc, rng)
    img, ids = capture(page.img, rng, doc.variant)
    doc.variant["damage"] = ids
    return [img], ["page1"]
