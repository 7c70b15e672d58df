"""Sample pages with exact ground truth, for the demo, tests and benchmarks.

``generate(out_dir, count, seed=0, formats=("png", "jpg", "pdf"), damage=False, types=None,
damage_kinds=None)`` renders ``count`` one-page documents at 200–300 DPI and writes, beside
them, ``truth.jsonl``: one line per file with its ``doc_type`` and the expected normalized
field values (fields.md keys). ``sohoa samples --out DIR`` is the command-line entry.

- Without ``types`` (the demo's and flow tests' call) kinds rotate quyết định → công văn
  (with V/v) → thông báo starting at ``seed``: A4 pages in the NĐ 30/2020/NĐ-CP layout
  (two-column national header, agency block, ``Số: …``, place-and-date line, title, trích
  yếu, body, Nơi nhận and signature block).
- ``types=ALL_TYPES`` rotates every doc type of fields.md; the form-like types are drawn by
  ``form_samples.py`` (ID card front and back, giấy khai sinh, kết hôn, GCN QSDĐ, GCN ĐKDN,
  đơn / tờ khai).

Agencies and places are Cà Mau's (domain-vn Appendix A); people, numbers, dates and subjects
are FICTIONAL. The same seed gives the same pages and truth. Files are image-only: PNG, JPEG,
PDF (PIL's PDF writer, no text layer) and TIFF.

Damage: ``damage=True`` alone adds light scan damage (rotation ≤ 1°, gaussian noise, JPEG
quality 60). With ``damage_kinds`` (a subset of ``DAMAGE_KINDS``: skew, blur, noise,
low_dpi, jpeg, rotation by a quarter turn, a red seal stamped over text) each page gets one
kind in rotation, over a slight skew and grain; ``truth.damage`` records what was done.

Fonts: DejaVu Serif (Debian ``fonts-dejavu-core``, or ``fonts-dejavu-extra`` for italics).
Missing styles fall back to the regular serif face; with no serif font at all a
``FontNotFoundError`` names the package to install (Pillow's built-in font has no
Vietnamese glyphs, so there is no silent fallback).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import textwrap
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "ALL_TYPES",
    "DAMAGE_KINDS",
    "KINDS",
    "FontNotFoundError",
    "SampleSpec",
    "SampleTruth",
    "damage_page",
    "generate",
    "make_spec",
    "render",
]

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
FONT_FILES = {
    "regular": ("DejaVuSerif.ttf",),
    "bold": ("DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf"),
    "italic": ("DejaVuSerif-Italic.ttf", "DejaVuSerif.ttf"),
    "bolditalic": ("DejaVuSerif-BoldItalic.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf"),
}
KINDS = ("quyet_dinh", "cong_van", "thong_bao")
DOC_TYPE = {
    "quyet_dinh": "administrative_decision",
    "cong_van": "official_letter",
    "thong_bao": "official_letter",
}
A4_INCHES = (8.27, 11.69)
# Every doc type of fields.md, in the order ``generate(types=ALL_TYPES)`` rotates them.
ALL_TYPES = (
    "citizen_id",
    "birth_certificate",
    "marriage_certificate",
    "land_use_certificate",
    "business_registration",
    "application_form",
    "administrative_decision",
    "official_letter",
)


class FontNotFoundError(RuntimeError):
    pass


@cache
def _font_path(style: str) -> str:
    for name in FONT_FILES[style]:
        for d in FONT_DIRS:
            if (d / name).is_file():
                return str(d / name)
    raise FontNotFoundError(
        "DejaVu Serif not found in "
        + ", ".join(map(str, FONT_DIRS))
        + ": install the Debian package fonts-dejavu-core (apt-get install fonts-dejavu-core)"
    )


@lru_cache(maxsize=256)
def _font(style: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_path(style), size_px)


# --- fictional content ---------------------------------------------------------------------
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


_COMMUNES = (
    ("XÃ", "Khánh Bình"),
    ("XÃ", "Đầm Dơi"),
    ("XÃ", "Năm Căn"),
    ("XÃ", "Cái Nước"),
    ("XÃ", "Thới Bình"),
    ("XÃ", "U Minh"),
    ("XÃ", "Trần Văn Thời"),
    ("XÃ", "Hồng Dân"),
    ("XÃ", "Hòa Bình"),
    ("XÃ", "Phú Tân"),
    ("XÃ", "Sông Đốc"),
    ("XÃ", "Đất Mũi"),
    ("PHƯỜNG", "Tân Thành"),
    ("PHƯỜNG", "An Xuyên"),
    ("PHƯỜNG", "Giá Rai"),
    ("PHƯỜNG", "Bạc Liêu"),
)
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
    for unit, name in _COMMUNES:
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
_SURNAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lâm",
    "Trương",
    "Quách",
    "Tạ",
    "Châu",
)
_MIDDLE = (
    "Văn",
    "Thị",
    "Minh",
    "Thanh",
    "Quốc",
    "Hồng",
    "Ngọc",
    "Hoài",
    "Đức",
    "Kim",
    "Bảo",
    "Thị Mỹ",
    "Văn Út",
    "Hoàng",
)
_GIVEN = (
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hải",
    "Hạnh",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nhung",
    "Phúc",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trí",
    "Uyên",
    "Vinh",
    "Yến",
    "Thuỷ",
    "Hoà",
    "Khải",
    "Nghĩa",
    "Phượng",
    "Tuấn",
)

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
        d = self.issue_date
        month = f"{d.month:02d}" if d.month <= 2 else str(d.month)  # NĐ 30: months 1–2 with 0
        return f"{self.agency.place}, ngày {d.day:02d} tháng {month} năm {d.year}"

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


@dataclass
class SampleTruth:
    file: str  # relative to out_dir
    doc_type: str
    format: str
    dpi: int
    seed: int
    index: int
    damage: dict | None
    fields: dict[str, str]
    text: str  # the printed text, line by line (columns separated by 4 spaces)
    width: int = 0
    height: int = 0
    render_seconds: float = field(default=0.0, repr=False)

    def export(self) -> dict:
        out = asdict(self)
        out.pop("render_seconds")
        return out


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
    name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
    deputy = rng.random() < 0.5
    head = agency.head
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
            tuple(rng.sample(_GROUNDS, 2))
            + ("QUYẾT ĐỊNH:",)
            + tuple(f"Điều {i}. {s}" for i, s in enumerate(body, start=1))
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
class _Canvas:
    def __init__(self, dpi: int):
        self.dpi = dpi
        self.w, self.h = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
        self.img = Image.new("L", (self.w, self.h), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.left, self.right = self.mm(30), self.w - self.mm(15)
        self.top, self.bottom = self.mm(20), self.h - self.mm(20)
        self.lines: list[tuple[int, int, str, int]] = []  # (y, x, text, size) for the transcript

    def mm(self, v: float) -> int:
        return round(v * self.dpi / 25.4)

    def px(self, pt: float) -> int:
        return max(8, round(pt * self.dpi / 72))

    def font(self, style: str, pt: float) -> ImageFont.FreeTypeFont:
        return _font(style, self.px(pt))

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
        self.draw.text((round(x), y), s, font=f, fill=0)
        self.lines.append((y, round(x), s, f.size))
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


def render(spec: SampleSpec) -> tuple[Image.Image, str]:
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
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    y = c.text(rx, y, motto, c.fit(motto, "bold", 12.5, rw), "center", rw)
    slogan = "Độc lập - Tự do - Hạnh phúc"
    fs = c.fit(slogan, "bold", 13.5, rw)
    y = c.text(rx, y, slogan, fs, "center", rw)
    y_right = c.rule(rcx, y + gap, fs.getlength(slogan))
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

    transcript = _transcript(c.lines, tolerance=c.px(5), right_from=round(c.left + tw * 0.5))
    return c.img, transcript


def _scribble(c: _Canvas, cx: float, cy: float, w: float, h: float) -> None:
    pts = [(cx - w / 2 + w * t / 40, cy + h / 2 * math.sin(t * 0.9) * (1 - t / 60)) for t in range(41)]
    c.draw.line(pts, fill=90, width=max(1, c.dpi // 120))


def _transcript(lines: list[tuple[int, int, str, int]], tolerance: int, right_from: int) -> str:
    """Lines in reading order, in the convention of ``extractors.textdoc``: texts drawn at
    the same height are joined by 4 spaces (a column gap), a row with only right-column
    text starts with 4 spaces, and a blank line marks a vertical gap (a new block)."""
    rows: list[list] = []
    for y, x, s, size in lines:
        for row in rows:
            if abs(row[0] - y) < tolerance:
                row[1].append((x, s))
                row[2] = max(row[2], size)
                break
        else:
            rows.append([y, [(x, s)], size])
    rows.sort(key=lambda r: r[0])
    out = []
    prev_y, prev_size = None, 0
    for y, parts, size in rows:
        if prev_y is not None and y - prev_y > 1.5 * prev_size:
            out.append("")
        parts.sort()
        lead = "    " if parts[0][0] >= right_from else ""
        out.append(lead + "    ".join(s for _, s in parts))
        prev_y, prev_size = y, size
    return "\n".join(out)


def _damage(img: Image.Image, rng: random.Random, seed_int: int) -> tuple[Image.Image, dict]:
    angle = round(rng.uniform(-1.0, 1.0), 2)
    img = img.rotate(angle, resample=Image.BILINEAR, fillcolor=255)  # ≤ 1°: bilinear is enough
    sigma = round(rng.uniform(4.0, 9.0), 1)
    arr = np.asarray(img, dtype=np.float32)
    h, w = arr.shape
    # Scanner grain: gaussian noise drawn at half resolution (2×2 grains), 4× cheaper.
    small = np.random.default_rng(seed_int).standard_normal(((h + 1) // 2, (w + 1) // 2), dtype=np.float32)
    noise = small.repeat(2, axis=0).repeat(2, axis=1)[:h, :w]
    arr += noise * sigma
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=60)
    buf.seek(0)
    img = Image.open(buf)
    img.load()
    return img, {"rotation_deg": angle, "noise_sigma": sigma, "jpeg_quality": 60}


def _save(img: Image.Image, path: Path, fmt: str, dpi: int, damaged: bool) -> None:
    if fmt == "png":
        img.save(path, "PNG", dpi=(dpi, dpi), compress_level=1 if damaged else 3)
    elif fmt in ("jpg", "jpeg"):
        img.save(path, "JPEG", dpi=(dpi, dpi), quality=60 if damaged else 90)
    elif fmt == "pdf":
        img.save(path, "PDF", resolution=float(dpi))
    elif fmt in ("tif", "tiff"):
        img.save(path, "TIFF", dpi=(dpi, dpi), compression="tiff_deflate")
    else:
        raise ValueError(f"unsupported sample format: {fmt!r} (png, jpg, pdf, tif)")


# Scan damage of ``generate(..., damage_kinds=…)``: each damaged page gets one of these (in
# rotation), on top of a slight skew and scanner grain.
DAMAGE_KINDS = ("skew", "blur", "noise", "low_dpi", "jpeg", "rotation", "stamp")


def _stamp(img: Image.Image, at: tuple[float, float], dpi: int, rng: random.Random) -> Image.Image:
    """A red round seal over the text near ``at`` (fractions of the page)."""
    rgb = img.convert("RGB")
    layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    r = round(dpi * 0.6)
    cx, cy = (
        round(at[0] * rgb.width + rng.uniform(-0.4, 0.4) * r),
        round(at[1] * rgb.height + rng.uniform(-0.4, 0.4) * r),
    )
    red = (205, 30, 40, 150)
    w = max(2, dpi // 60)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=w)
    d.ellipse(
        (cx - round(r * 0.8), cy - round(r * 0.8), cx + round(r * 0.8), cy + round(r * 0.8)),
        outline=red,
        width=w,
    )
    f = _font("bold", max(10, r // 6))
    for k, ch in enumerate("ỦY BAN NHÂN DÂN * CÀ MAU *"):
        a = math.radians(200 + k * 360 / 26)
        d.text(
            (cx + round(r * 0.9 * math.cos(a)) - 5, cy + round(r * 0.9 * math.sin(a)) - 5),
            ch,
            font=f,
            fill=red,
        )
    star = [
        (
            cx + r * 0.3 * math.cos(math.radians(-90 + 144 * k)),
            cy + r * 0.3 * math.sin(math.radians(-90 + 144 * k)),
        )
        for k in range(5)
    ]
    d.polygon(star, fill=red)
    return Image.alpha_composite(rgb.convert("RGBA"), layer).convert("RGB")


def damage_page(
    img: Image.Image,
    kind: str,
    rng: random.Random,
    seed_int: int,
    dpi: int,
    stamp_at: tuple[float, float] = (0.7, 0.85),
) -> tuple[Image.Image, dict, int]:
    """Apply one kind of scan damage (plus slight skew and grain) → (image, record, dpi)."""
    from PIL import ImageFilter

    info: dict = {"kind": kind}
    if kind == "stamp":
        img = _stamp(img, stamp_at, dpi, rng)
    angle = round(rng.uniform(-2.5, 2.5) if kind == "skew" else rng.uniform(-0.6, 0.6), 2)
    fill = (255, 255, 255) if img.mode == "RGB" else 255
    img = img.rotate(angle, resample=Image.BILINEAR, fillcolor=fill, expand=kind == "skew")
    info["skew_deg"] = angle
    if kind == "blur":
        radius = round(rng.uniform(0.8, 1.3) * dpi / 300, 2)
        img = img.filter(ImageFilter.GaussianBlur(radius))
        info["blur_radius"] = radius
    sigma = round(rng.uniform(10.0, 18.0) if kind == "noise" else rng.uniform(2.0, 5.0), 1)
    arr = np.asarray(img, dtype=np.float32)
    small = np.random.default_rng(seed_int).standard_normal(arr.shape[:2], dtype=np.float32)
    arr = arr + (small[..., None] if arr.ndim == 3 else small) * sigma
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), img.mode)
    info["noise_sigma"] = sigma
    if kind == "low_dpi":
        new_dpi = max(120, round(dpi * 0.55)) if dpi > 150 else dpi
        img = img.resize(
            (round(img.width * new_dpi / dpi), round(img.height * new_dpi / dpi)), Image.BILINEAR
        )
        info["dpi_from"], dpi = dpi, new_dpi
    if kind == "rotation":
        quarter = rng.choice((90, 270))
        img = img.rotate(quarter, expand=True)
        info["rotation_deg"] = quarter
    quality = rng.randint(30, 45) if kind == "jpeg" else 75
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    img = Image.open(buf)
    img.load()
    info["jpeg_quality"] = quality
    return img, info, dpi


def generate(
    out_dir: Path,
    count: int,
    seed: int = 0,
    formats: tuple[str, ...] = ("png", "jpg", "pdf"),
    damage: bool = False,
    types: tuple[str, ...] | None = None,
    damage_kinds: tuple[str, ...] | None = None,
) -> list[SampleTruth]:
    """Render ``count`` pages into ``out_dir`` (formats rotate) and write ``truth.jsonl``.

    ``types`` (doc types of fields.md, or the admin kinds ``quyet_dinh``/``cong_van``/
    ``thong_bao``) rotate; by default the three admin kinds, starting at ``seed``.
    ``damage_kinds`` (a subset of ``DAMAGE_KINDS``, rotating) gives each damaged page one
    kind of damage; without it ``damage=True`` applies the light default damage.
    """
    import time

    from .forms import FORM_TYPES, make_form, render_form

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = tuple(f.lower().lstrip(".") for f in formats) or ("png",)
    truths: list[SampleTruth] = []
    admin_alias = {"administrative_decision": ("quyet_dinh",), "official_letter": ("cong_van", "thong_bao")}
    for i in range(count):
        t0 = time.perf_counter()
        rng = random.Random(f"sohoa-samples:{seed}:{i}")
        if types:
            kind = types[i % len(types)]
            if kind in admin_alias:
                opts = admin_alias[kind]
                kind = opts[(i // len(types)) % len(opts)]
        else:
            kind = KINDS[(seed + i) % len(KINDS)]
        if kind in FORM_TYPES:
            form = make_form(rng, kind)
            img, transcript = render_form(form)
            doc_type, dpi, fields_truth, stamp_at = kind, form.dpi, form.truth, form.stamp_at
        elif kind in KINDS:
            spec = make_spec(rng, kind)
            img, transcript = render(spec)
            doc_type, dpi, fields_truth, stamp_at = (
                spec.doc_type,
                spec.dpi,
                spec.expected_fields(),
                (0.72, 0.8),
            )
        else:
            raise ValueError(f"unknown sample type {kind!r}: {KINDS + FORM_TYPES}")
        dmg = None
        if damage and damage_kinds:
            dk = damage_kinds[i % len(damage_kinds)]
            img, dmg, dpi = damage_page(img, dk, rng, seed * 1_000_003 + i, dpi, stamp_at)
        elif damage:
            img, dmg = _damage(img, rng, seed * 1_000_003 + i)
        fmt = formats[i % len(formats)]
        name = f"{i:04d}_{kind}.{fmt}"
        _save(img, out_dir / name, fmt, dpi, damage)
        truths.append(
            SampleTruth(
                file=name,
                doc_type=doc_type,
                format=fmt,
                dpi=dpi,
                seed=seed,
                index=i,
                damage=dmg,
                fields=fields_truth,
                text=transcript,
                width=img.width,
                height=img.height,
                render_seconds=time.perf_counter() - t0,
            )
        )
    with open(out_dir / "truth.jsonl", "w", encoding="utf-8") as fh:
        for t in truths:
            fh.write(json.dumps(t.export(), ensure_ascii=False) + "\n")
    return truths


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or "").split("\n\n")[0])
    p.add_argument("out_dir", type=Path)
    p.add_argument("--count", type=int, default=9)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--formats", default="png,jpg,pdf")
    p.add_argument("--damage", action="store_true")
    p.add_argument("--all-types", action="store_true")
    a = p.parse_args(argv)
    types = ALL_TYPES if a.all_types else None
    truths = generate(
        a.out_dir,
        a.count,
        a.seed,
        tuple(a.formats.split(",")),
        a.damage,
        types,
        DAMAGE_KINDS if a.damage and a.all_types else None,
    )
    print(f"{len(truths)} files and truth.jsonl in {a.out_dir}")


if __name__ == "__main__":
    main()
