"""Administrative documents (quyết định, công văn, thông báo) with exact ground truth.

``make_spec(rng, kind)`` draws FICTIONAL content for one document of ``kind`` (``KINDS``);
``render_admin(spec)`` lays it out on an A4 page at 200–300 DPI in the NĐ 30/2020/NĐ-CP
layout (two-column national header, agency block, ``Số: …``, place-and-date line, title,
trích yếu, body, Nơi nhận and signature block) and returns the image and its transcript.
``RENDERERS`` maps the doc types ``administrative_decision`` (quyết định) and
``official_letter`` (công văn with V/v, thông báo) to their drawing.

Agencies and places are Cà Mau's (domain-vn Appendix A); people, numbers, dates and
subjects are FICTIONAL.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image, ImageFont

from .common import (
    A4_INCHES,
    COMMUNES,
    GIVEN,
    MIDDLE,
    MOTTO,
    SLOGAN,
    SURNAMES,
    RenderedPage,
    SampleRenderer,
    Sheet,
    date_in_words,
    load_font,
)

__all__ = [
    "AGENCIES",
    "DOC_TYPE",
    "KINDS",
    "RENDERERS",
    "Agency",
    "SampleSpec",
    "draw_admin",
    "make_spec",
    "render_admin",
]

KINDS = ("quyet_dinh", "cong_van", "thong_bao")
DOC_TYPE = {
    "quyet_dinh": "administrative_decision",
    "cong_van": "official_letter",
    "thong_bao": "official_letter",
}


@dataclass(frozen=True)
class Agency:
    header: tuple[str, ...]  # lines printed top-left; the last agency is the issuer
    name: str  # issuing_agency as the extractor should read it
    code: str  # agency code in numbers
    place: str  # địa danh of the date line
    units: tuple[str, ...]  # drafting units for công văn numbers
    head: str  # "CHỦ TỊCH" / "GIÁM ĐỐC"
    collective: str | None  # "ỦY BAN NHÂN DÂN" for TM. signatures (collective bodies)
    short: str  # how the body refers to it


_DEPARTMENTS = (
    ("SỞ TÀI CHÍNH", "STC", ("NS", "TCDN", "VP")),
    ("SỞ XÂY DỰNG", "SXD", ("QLXD", "VP")),
    ("SỞ NỘI VỤ", "SNV", ("CCVC", "VP")),
    ("SỞ TƯ PHÁP", "STP", ("HCTP", "VP")),
    ("SỞ Y TẾ", "SYT", ("NVY", "VP")),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", ("GDTrH", "VP")),
    ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SNNMT", ("QLĐĐ", "VP")),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", ("CĐS", "VP")),
)


def _agencies() -> list[Agency]:
    out = [
        Agency(
            ("ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU"),
            "ỦY BAN NHÂN DÂN TỈNH CÀ MAU",
            "UBND",
            "Cà Mau",
            ("VP", "KT", "NC", "KGVX"),
            "CHỦ TỊCH",
            "ỦY BAN NHÂN DÂN",
            "Ủy ban nhân dân tỉnh",
        )
    ]
    for unit, name in COMMUNES:
        upper = f"{unit} {name.upper()}"
        out.append(
            Agency(
                ("ỦY BAN NHÂN DÂN", upper),
                f"ỦY BAN NHÂN DÂN {upper}",
                "UBND",
                name,
                ("VP",),
                "CHỦ TỊCH",
                "ỦY BAN NHÂN DÂN",
                f"Ủy ban nhân dân {unit.lower()}",
            )
        )
    for name, code, units in _DEPARTMENTS:
        out.append(
            Agency(
                ("UBND TỈNH CÀ MAU", name),
                name,
                code,
                "Cà Mau",
                units,
                "GIÁM ĐỐC",
                None,
                "Sở " + name[3:].capitalize(),
            )
        )
    return out


AGENCIES = _agencies()

_QD_SUBJECTS = (
    "Về việc phê duyệt Kế hoạch sửa chữa trụ sở làm việc năm {y}",
    "Về việc thành lập Tổ công tác số hóa hồ sơ thủ tục hành chính",
    "Về việc ban hành Quy chế tiếp nhận và trả kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa",
    "Về việc giao chỉ tiêu làm sạch dữ liệu hộ tịch năm {y}",
    "Phê duyệt danh mục dữ liệu dùng chung của {short}",
    "Ban hành Kế hoạch kiểm tra công tác văn thư, lưu trữ năm {y}",
    "Về việc công nhận kết quả rà soát hộ nghèo, hộ cận nghèo năm {y}",
)
_CV_SUBJECTS = (
    "V/v đề nghị cung cấp số liệu phục vụ báo cáo chuyển đổi số quý {q} năm {y}",
    "V/v triển khai làm sạch dữ liệu hộ tịch trên địa bàn",
    "V/v tăng cường phòng, chống sạt lở bờ sông mùa mưa năm {y}",
    "V/v góp ý dự thảo Kế hoạch số hóa hồ sơ lưu trữ",
    "V/v rà soát, cập nhật dữ liệu đất đai phục vụ cấp giấy chứng nhận",
)
_TB_SUBJECTS = (
    "Về việc tạm ngừng tiếp nhận hồ sơ trực tuyến để nâng cấp hệ thống",
    "Kết luận của Chủ tịch Ủy ban nhân dân tại cuộc họp giao ban tháng {m}",
    "Về việc lịch tiếp công dân định kỳ tháng {m} năm {y}",
    "Về việc điều chỉnh thời gian làm việc của Bộ phận Một cửa",
)
_GROUNDS = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Căn cứ Nghị định số 47/2024/NĐ-CP ngày 09 tháng 5 năm 2024 của Chính phủ quy định danh mục cơ sở dữ liệu quốc gia;",
)
_SENTENCES = (
    "Các cơ quan, đơn vị chủ động rà soát hồ sơ, bảo đảm dữ liệu đúng, đủ, sạch, sống trước khi cập nhật vào hệ thống.",
    "Bộ phận Một cửa có trách nhiệm tiếp nhận, số hóa hồ sơ và trả kết quả đúng hạn cho tổ chức, cá nhân.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước được giao trong dự toán năm.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh kịp thời để được hướng dẫn.",
    "Thời gian thực hiện kể từ ngày ký đến hết ngày 31 tháng 12 năm hiện hành.",
    "Văn phòng có trách nhiệm theo dõi, tổng hợp kết quả thực hiện và báo cáo định kỳ hằng quý.",
    "Việc khai thác, sử dụng dữ liệu phải bảo đảm an toàn thông tin và bảo vệ dữ liệu cá nhân theo quy định.",
)


@dataclass(frozen=True)
class SampleSpec:
    kind: str
    agency: Agency
    number: str
    issue_date: date
    subject_printed: str  # as printed, with "V/v" / "Về việc" when present
    signer_lines: tuple[str, ...]
    signer_name: str
    authority_line: str | None
    paragraphs: tuple[str, ...]
    recipients: tuple[str, ...]
    dpi: int

    @property
    def doc_type(self) -> str:
        return DOC_TYPE[self.kind]

    @property
    def kind_code(self) -> str:
        return {"quyet_dinh": "QĐ", "cong_van": "CV", "thong_bao": "TB"}[self.kind]

    def date_line(self) -> str:
        return f"{self.agency.place}, {date_in_words(self.issue_date)}"

    def expected_fields(self) -> dict[str, str]:
        subject = self.subject_printed
        for prefix in ("V/v ", "Về việc "):
            if subject.startswith(prefix):
                subject = subject[len(prefix) :]
        return {
            "document_number": self.number,
            "document_kind": self.kind_code,
            "issuing_agency": self.agency.name,
            "issue_place": self.agency.place,
            "issue_date": self.issue_date.isoformat(),
            "subject": subject.rstrip("."),
            "signer_name": self.signer_name,
            "signer_title": " ".join(self.signer_lines),
        }


def make_spec(rng: random.Random, kind: str) -> SampleSpec:
    agency = rng.choice(AGENCIES)
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
    y, m, q = day.year, day.month, (day.month - 1) // 3 + 1
    n = rng.randint(1, 400)
    n_txt = f"{n:02d}"
    unit = rng.choice(agency.units)
    if kind == "cong_van":
        number = f"{n_txt}/{agency.code}-{unit}"
        subject = rng.choice(_CV_SUBJECTS)
    elif kind == "quyet_dinh":
        number = f"{n_txt}/QĐ-{agency.code}"
        subject = rng.choice(_QD_SUBJECTS)
    else:
        number = f"{n_txt}/TB-{agency.code}"
        subject = rng.choice(_TB_SUBJECTS)
    subject = subject.format(y=y, m=m, q=q, short=agency.short)
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    deputy = rng.random() < 0.5
    head = agency.head
    signer_lines: tuple[str, ...]
    if agency.collective and not deputy:
        signer_lines = (f"TM. {agency.collective}", head)
    elif deputy:
        signer_lines = (f"KT. {head}", f"PHÓ {head}")
    else:
        signer_lines = (head,)
    authority = None
    if kind == "quyet_dinh":
        authority = f"{head} {agency.name}" if agency.collective is None or deputy else agency.name
    picks = rng.sample(_SENTENCES, 6)
    body = [" ".join(picks[k : k + 2]) for k in range(0, 6, 2)]
    if kind == "quyet_dinh":
        body[2] += (
            " Chánh Văn phòng và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này."
        )
        paragraphs = (
            *rng.sample(_GROUNDS, 2),
            "QUYẾT ĐỊNH:",
            *(f"Điều {i}. {s}" for i, s in enumerate(body, start=1)),
        )
        recipients = ("- Như Điều 3;", "- Lưu: VT.")
    else:
        paragraphs = tuple(body)
        recipients = ("- Như trên;", f"- Lưu: VT, {unit}.")
    return SampleSpec(
        kind=kind,
        agency=agency,
        number=number,
        issue_date=day,
        subject_printed=subject,
        signer_lines=signer_lines,
        signer_name=name,
        authority_line=authority,
        paragraphs=paragraphs,
        recipients=recipients,
        dpi=rng.choice((200, 240, 300)),
    )


# --- rendering -----------------------------------------------------------------------------
class _Canvas(Sheet):
    """An A4 page with NĐ 30's margins (left 30 mm, right 15 mm, top and bottom 20 mm)."""

    def __init__(self, dpi: int):
        super().__init__(round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi), dpi)
        self.left, self.right = self.mm(30), self.w - self.mm(15)
        self.top, self.bottom = self.mm(20), self.h - self.mm(20)

    def font(self, style: str, pt: float) -> ImageFont.FreeTypeFont:
        return load_font(style, self.px(pt))

    def fit(self, text: str, style: str, pt: float, width: int) -> ImageFont.FreeTypeFont:
        f = self.font(style, pt)
        while f.getlength(text) > width and pt > 8:
            pt -= 0.5
            f = self.font(style, pt)
        return f

    def text(
        self, x: float, y: int, s: str, f: ImageFont.FreeTypeFont, align: str = "left", width: int = 0
    ) -> int:
        tw = f.getlength(s)
        if align == "center":
            x = x + (width - tw) / 2
        self.put(round(x), y, s, f)
        return y + round(f.size * 1.32)

    def wrap(self, s: str, f: ImageFont.FreeTypeFont, width: int) -> list[str]:
        words, lines, cur = s.split(), [], ""
        for w in words:
            cand = f"{cur} {w}".strip()
            if f.getlength(cand) <= width or not cur:
                cur = cand
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        return lines

    def rule(self, cx: float, y: int, length: float) -> int:
        self.draw.line(
            [(round(cx - length / 2), y), (round(cx + length / 2), y)], fill=0, width=max(1, self.dpi // 150)
        )
        return y + self.mm(2)


def render_admin(spec: SampleSpec) -> tuple[Image.Image, str]:
    """Draw one page; return the grayscale image and its line-by-line transcript."""
    c = _Canvas(spec.dpi)
    tw = c.right - c.left
    lw = round(tw * 0.40)  # left header column
    rx, rw = c.left + lw + c.mm(4), tw - lw - c.mm(4)
    lcx, rcx = c.left + lw / 2, rx + rw / 2
    gap = c.mm(1)

    # Left: agency block, rule, number (and V/v for a công văn).
    y = c.top
    for i, line in enumerate(spec.agency.header):
        last = i == len(spec.agency.header) - 1
        f = c.font("bold" if last else "regular", 12.5)
        for part in c.wrap(line, f, lw):
            y = c.text(c.left, y, part, f, "center", lw)
    y_left = c.rule(lcx, y + gap, lw * 0.35)
    # Right: national motto, rule.
    y = c.top
    y = c.text(rx, y, MOTTO, c.fit(MOTTO, "bold", 12.5, rw), "center", rw)
    fs = c.fit(SLOGAN, "bold", 13.5, rw)
    y = c.text(rx, y, SLOGAN, fs, "center", rw)
    y_right = c.rule(rcx, y + gap, fs.getlength(SLOGAN))
    y = max(y_left, y_right) + c.mm(2)
    f13 = c.font("regular", 13)
    y_num = c.text(c.left, y, f"Số: {spec.number}", f13, "center", lw)
    c.text(rx, y, spec.date_line(), c.fit(spec.date_line(), "italic", 13.5, rw), "center", rw)
    y = y_num
    if spec.kind == "cong_van":
        f12 = c.font("regular", 12)
        for part in c.wrap(spec.subject_printed, f12, lw):
            y = c.text(c.left, y, part, f12, "center", lw)
    y += c.mm(8)

    # Title and trích yếu (quyết định, thông báo).
    if spec.kind != "cong_van":
        title = "QUYẾT ĐỊNH" if spec.kind == "quyet_dinh" else "THÔNG BÁO"
        y = c.text(c.left, y, title, c.font("bold", 14), "center", tw)
        fb = c.font("bold", 14)
        for part in c.wrap(spec.subject_printed, fb, round(tw * 0.8)):
            y = c.text(c.left, y, part, fb, "center", tw)
        y = c.rule(c.left + tw / 2, y + gap, tw * 0.25) + c.mm(3)
    if spec.authority_line:
        fb = c.font("bold", 14)
        for part in c.wrap(spec.authority_line, fb, round(tw * 0.85)):
            y = c.text(c.left, y, part, fb, "center", tw)
        y += c.mm(3)
    if spec.kind == "cong_van":
        y = c.text(
            c.left, y, "Kính gửi: Các cơ quan, đơn vị trên địa bàn.", c.font("regular", 14), "center", tw
        )
        y += c.mm(3)

    # Body, stopping early enough to leave room for the footer.
    fbody, fital, fbold = c.font("regular", 13.5), c.font("italic", 13.5), c.font("bold", 14)
    footer_h = c.mm(65)
    for para in spec.paragraphs:
        if para == "QUYẾT ĐỊNH:":
            if y + fbold.size * 2 > c.bottom - footer_h:
                break
            y = c.text(c.left, y + c.mm(1), para, fbold, "center", tw) + c.mm(1)
            continue
        f = fital if para.startswith("Căn cứ") else fbody
        indent = c.mm(10)
        lines = c.wrap(para, f, tw - indent)
        if y + len(lines) * round(f.size * 1.32) > c.bottom - footer_h:
            break
        for k, line in enumerate(lines):
            y = c.text(c.left + (indent if k == 0 else 0), y, line, f, "left")
        y += c.mm(1.5)
    if spec.kind != "quyet_dinh":
        y = c.text(c.left + c.mm(10), y, "Trân trọng./.", fbody, "left")

    # Footer: Nơi nhận (left) and signature block (right).
    y += c.mm(6)
    ysig = y
    y = c.text(c.left, y, "Nơi nhận:", c.font("bolditalic", 12), "left")
    f11 = c.font("regular", 11)
    for r in spec.recipients:
        y = c.text(c.left, y, r, f11, "left")
    fs = c.font("bold", 13)
    sx, sw = rx, rw
    y = ysig
    for line in spec.signer_lines:
        y = c.text(sx, y, line, c.fit(line, "bold", 13, sw), "center", sw)
    _scribble(c, rcx, y + c.mm(4), c.mm(28), c.mm(8))
    y += c.mm(22)
    c.text(sx, y, spec.signer_name, fs, "center", sw)

    return c.img, c.transcript(tolerance=c.px(5), right_from=round(c.left + tw * 0.5))


def _scribble(c: _Canvas, cx: float, cy: float, w: float, h: float) -> None:
    pts = [(cx - w / 2 + w * t / 40, cy + h / 2 * math.sin(t * 0.9) * (1 - t / 60)) for t in range(41)]
    c.draw.line(pts, fill=90, width=max(1, c.dpi // 120))


def draw_admin(rng: random.Random, kind: str) -> RenderedPage:
    """One page of ``kind`` (``KINDS``), drawn from ``rng``."""
    spec = make_spec(rng, kind)
    img, transcript = render_admin(spec)
    return RenderedPage(img, transcript, spec.doc_type, spec.dpi, spec.expected_fields(), (0.72, 0.8))


# The doc types drawn here and their layouts, rotating: an official letter is a công văn or
# a thông báo.
RENDERERS = {
    "administrative_decision": SampleRenderer(("quyet_dinh",), draw_admin),
    "official_letter": SampleRenderer(("cong_van", "thong_bao"), draw_admin),
}
