"""Sample pages of the form-like types (fields.md) with exact ground truth.

``make_form(rng, doc_type) -> FormSpec`` draws FICTIONAL values for one document and lays
it out as rows of text cells like the real form: national motto, agency block, title,
``Số: …``, labelled values (``Label: value``; on the ID card the label above the value and
bilingual glosses; on the đơn dotted leaders and, sometimes, no ``:``), the husband | wife
table of the marriage certificate, a place-and-date line and a signature block.
``render_form(spec)`` draws it in DejaVu Serif (A4 at 200–300 DPI; the ID card as front and
back on one scan) and returns the image and a transcript in ``textdoc`` conventions.

``FormSpec.truth`` holds each field's expected normalized value (fields.md formats).
``RENDERERS`` maps each form-like doc type to ``draw_form`` (spec, then page).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from PIL import Image

from extractors.normalize import format_decimal, mst_check_ok

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

__all__ = ["FORM_TYPES", "RENDERERS", "FormSpec", "draw_form", "make_form", "render_form"]

FORM_TYPES = (
    "citizen_id",
    "birth_certificate",
    "marriage_certificate",
    "land_use_certificate",
    "business_registration",
    "application_form",
)


@dataclass(frozen=True)
class Cell:
    text: str
    x0: float = 0.0  # fractions of the content width
    x1: float = 1.0
    align: str = "left"
    style: str = "regular"
    pt: float = 13.0


@dataclass
class FormSpec:
    doc_type: str
    rows: list  # list[list[Cell] | float]; a float is a vertical gap in mm
    truth: dict[str, str]
    dpi: int
    card: bool = False
    stamp_at: tuple[float, float] = (0.7, 0.85)  # where a seal would be (fractions of the page)
    back_rows: list = field(default_factory=list)  # the card's back


# --- fictional people and places -------------------------------------------------------------
def _person(rng: random.Random, sex: str | None = None, born: tuple[int, int] = (1950, 2004)):
    sex = sex or rng.choice(("Nam", "Nữ"))
    male = ("Văn", "Văn Út", "Đức", "Quốc", "Minh", "Hoàng")
    middle = rng.choice([m for m in MIDDLE if (m not in male if sex == "Nữ" else not m.startswith("Thị"))])
    name = f"{rng.choice(SURNAMES)} {middle} {rng.choice(GIVEN)}"
    dob = date(born[0], 1, 1) + timedelta(days=rng.randrange(0, (born[1] - born[0]) * 365))
    return name, sex, dob


def _pid(rng: random.Random, sex: str, dob: date, province: str = "096") -> str:
    g = (0 if dob.year < 2000 else 2) + (1 if sex == "Nữ" else 0)
    return f"{province}{g}{dob.year % 100:02d}{rng.randrange(0, 10**6):06d}"


def _commune(rng: random.Random) -> tuple[str, str]:
    unit, name = rng.choice(COMMUNES)
    return ("xã" if unit == "XÃ" else "phường"), name


def _place(rng: random.Random) -> str:
    unit, name = _commune(rng)
    return f"{unit} {name}"


def _address(rng: random.Random) -> str:
    unit, name = _commune(rng)
    hamlet = rng.choice(("ấp Tân Hưng", "ấp Bà Hính", "khóm 3", "ấp Cây Dương", "ấp Đường Đào", "khóm 7"))
    return f"{hamlet}, {unit} {name}, tỉnh Cà Mau"


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _mst(rng: random.Random) -> str:
    while True:
        head = "20" + "".join(str(rng.randrange(10)) for _ in range(7))
        total = sum(w * int(n) for w, n in zip((31, 29, 23, 19, 17, 13, 7, 5, 3), head, strict=True))
        if total % 11 in (0, 1):  # 0: no code; 1: check digit would be 10
            continue
        code = head + str(10 - total % 11)
        if mst_check_ok(code):
            return code


def _motto_header(left: list[str], left_bold_last: bool = True) -> list:
    rows = []
    right = [Cell(MOTTO, 0.42, 1.0, "center", "bold", 12), Cell(SLOGAN, 0.42, 1.0, "center", "bold", 13)]
    for i in range(max(len(left), 2)):
        row = []
        if i < len(left):
            style = "bold" if (left_bold_last and i == len(left) - 1) else "regular"
            row.append(Cell(left[i], 0.0, 0.40, "center", style, 12))
        if i < 2:
            row.append(right[i])
        rows.append(row)
    return rows


def _motto_only() -> list:
    return [[Cell(MOTTO, 0, 1, "center", "bold", 13)], [Cell(SLOGAN, 0, 1, "center", "bold", 13)]]


def _lv(label: str, value: str, pt: float = 13, x0: float = 0.0, x1: float = 1.0, sep: str = ": ") -> Cell:
    return Cell(f"{label}{sep}{value}", x0, x1, "left", "regular", pt)


def _sign_block(place: str, d: date, agency_lines: list[str], signer: str) -> list:
    rows: list = [[Cell(f"{place}, {date_in_words(d)}", 0.45, 1.0, "center", "italic", 13)]]
    for line in agency_lines:
        rows.append([Cell(line, 0.45, 1.0, "center", "bold", 12.5)])
    rows.append(16.0)
    rows.append([Cell(signer, 0.45, 1.0, "center", "bold", 13)])
    return rows


# --- the types -------------------------------------------------------------------------------
def _citizen_id(rng: random.Random) -> FormSpec:
    name, sex, dob = _person(rng, born=(1960, 2005))
    gen = rng.choice(("2021", "2024", "2021", "2024", "cmnd"))
    issue = date(2021, 3, 1) + timedelta(days=rng.randrange(0, 1500))
    if gen == "2024":
        issue = date(2024, 7, 1) + timedelta(days=rng.randrange(0, 500))
    age_at_issue = issue.year - dob.year
    milestone = next(a for a in (25, 40, 60, 200) if a > age_at_issue + 1)
    expiry = date(dob.year + milestone, dob.month, min(dob.day, 28)) if milestone < 200 else None
    origin = f"{_place(rng)}, tỉnh Cà Mau"
    residence = _address(rng)
    pid = _pid(rng, sex, dob)
    truth = {"full_name": name, "date_of_birth": dob.isoformat(), "sex": sex}
    pt = 8.0
    front: list = [
        [Cell(MOTTO, 0.22, 1.0, "center", "bold", 7.5)],
        [Cell(SLOGAN, 0.22, 1.0, "center", "bold", 7.5)],
    ]
    back: list = []
    if gen == "cmnd":
        legacy = f"3{rng.randrange(10**7, 10**8)}"
        front += [
            [Cell("GIẤY CHỨNG MINH NHÂN DÂN", 0.22, 1.0, "center", "bold", 9)],
            [Cell(f"Số {legacy}", 0.22, 1.0, "center", "bold", 9)],
            [_lv("Họ tên", name.upper(), pt, 0.22)],
            [_lv("Sinh ngày", _dmy(dob), pt, 0.22)],
            [_lv("Nguyên quán", origin, pt, 0.22)],
            [_lv("Nơi ĐKHK thường trú", residence, pt, 0.22)],
        ]
        back += [
            [_lv("Dân tộc", "Kinh", pt, 0.0, 0.45), Cell("Tôn giáo: Không", 0.5, 1, "left", "regular", pt)],
            [_lv("Dấu vết riêng và dị hình", "Nốt ruồi cách 2 cm trên mép trái", pt)],
            [
                Cell(
                    f"Ngày {issue.day:02d} tháng {issue.month:02d} năm {issue.year}",
                    0.4,
                    1,
                    "center",
                    "italic",
                    pt,
                )
            ],
            [Cell("GIÁM ĐỐC CA TỈNH CÀ MAU", 0.4, 1, "center", "bold", pt)],
        ]
        truth.pop("sex")
        truth.update(
            {
                "legacy_id_number": legacy,
                "place_of_origin": origin,
                "place_of_residence": residence,
                "issue_date": issue.isoformat(),
            }
        )
    elif gen == "2021":
        front += [
            [Cell("CĂN CƯỚC CÔNG DÂN", 0.22, 1.0, "center", "bold", 10)],
            [Cell(f"Số / No.: {pid}", 0.22, 1.0, "center", "bold", 9)],
            [Cell("Họ và tên / Full name:", 0.22, 1.0, "left", "regular", pt)],
            [Cell(name.upper(), 0.22, 1.0, "left", "bold", 9)],
            [_lv("Ngày sinh / Date of birth", _dmy(dob), pt, 0.22)],
            [
                _lv("Giới tính / Sex", sex, pt, 0.22, 0.58),
                _lv("Quốc tịch / Nationality", "Việt Nam", pt, 0.6),
            ],
            [Cell("Quê quán / Place of origin:", 0.22, 1.0, "left", "regular", pt)],
            [Cell(origin, 0.22, 1.0, "left", "regular", pt)],
            [_lv("Nơi thường trú / Place of residence", residence, pt, 0.22)],
        ]
        if expiry:
            front.append([Cell(f"Có giá trị đến: {_dmy(expiry)}", 0.0, 0.5, "left", "italic", 7)])
        back += [
            [
                _lv(
                    "Đặc điểm nhân dạng / Personal identification",
                    "Sẹo chấm cách 1 cm dưới đuôi mắt phải",
                    pt,
                )
            ],
            [_lv("Ngày, tháng, năm / Date, month, year", _dmy(issue), pt, 0.3)],
            [Cell("CỤC TRƯỞNG CỤC CẢNH SÁT", 0.3, 1, "center", "bold", pt)],
            [Cell("QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", 0.3, 1, "center", "bold", pt)],
        ]
        truth.update(
            {
                "id_number": pid,
                "nationality": "Việt Nam",
                "place_of_origin": origin,
                "place_of_residence": residence,
                "issue_date": issue.isoformat(),
            }
        )
        if expiry:
            truth["expiry_date"] = expiry.isoformat()
    else:
        front += [
            [Cell("CĂN CƯỚC", 0.22, 1.0, "center", "bold", 11)],
            [Cell("Số định danh cá nhân / Personal identification number:", 0.22, 1.0, "left", "regular", 7)],
            [Cell(pid, 0.22, 1.0, "left", "bold", 10)],
            [Cell("Họ, chữ đệm và tên khai sinh / Full name:", 0.22, 1.0, "left", "regular", pt)],
            [Cell(name.upper(), 0.22, 1.0, "left", "bold", 9)],
            [_lv("Ngày, tháng, năm sinh / Date of birth", _dmy(dob), pt, 0.22)],
            [
                _lv("Giới tính / Sex", sex, pt, 0.22, 0.58),
                _lv("Quốc tịch / Nationality", "Việt Nam", pt, 0.6),
            ],
        ]
        back += [
            [_lv("Nơi cư trú / Place of residence", residence, pt)],
            [_lv("Nơi đăng ký khai sinh / Place of birth", origin, pt)],
            [_lv("Ngày, tháng, năm cấp / Date of issue", _dmy(issue), pt, 0.0, 1.0)],
        ]
        if expiry:
            back.append([_lv("Ngày, tháng, năm hết hạn / Date of expiry", _dmy(expiry), pt, 0.0, 1.0)])
        back.append([Cell("BỘ CÔNG AN", 0.6, 1, "center", "bold", pt)])
        truth.update(
            {
                "id_number": pid,
                "nationality": "Việt Nam",
                "place_of_residence": residence,
                "place_of_birth_registration": origin,
                "issue_date": issue.isoformat(),
            }
        )
        if expiry:
            truth["expiry_date"] = expiry.isoformat()
    return FormSpec("citizen_id", front, truth, 400, card=True, back_rows=back, stamp_at=(0.15, 0.2))


def _registry_header(rng: random.Random) -> tuple[list, str, str, str]:
    unit, name = _commune(rng)
    agency = ["ỦY BAN NHÂN DÂN", f"{unit.upper()} {name.upper()}"]
    place_name = f"Ủy ban nhân dân {unit} {name}, tỉnh Cà Mau"
    return _motto_header(agency), place_name, name, unit


def _birth_certificate(rng: random.Random) -> FormSpec:
    head, reg_place, place, _ = _registry_header(rng)
    name, sex, dob = _person(rng, born=(2015, 2025))
    reg = dob + timedelta(days=rng.randrange(3, 60))
    mother = _person(rng, "Nữ", (1980, 2001))
    father = _person(rng, "Nam", (1976, 1999))
    num = str(rng.randint(1, 450))
    book = f"{rng.randint(1, 3):02d}/{reg.year}"
    pid = _pid(rng, sex, dob)
    birthplace = rng.choice(
        (f"Trạm Y tế {_place(rng)}, tỉnh Cà Mau", "Bệnh viện Đa khoa tỉnh Cà Mau", "Bệnh viện Sản Nhi Cà Mau")
    )
    origin = f"{_place(rng)}, tỉnh Cà Mau"
    res = _address(rng)
    rows = [
        *head,
        6.0,
        [Cell("GIẤY KHAI SINH", 0, 1, "center", "bold", 16)],
        [
            Cell(f"Số: {num}", 0.0, 0.45, "left", "regular", 13),
            Cell(f"Quyển số: {book}", 0.55, 1, "left", "regular", 13),
        ],
        4.0,
        [_lv("Họ, chữ đệm, tên", name.upper())],
        [_lv("Ngày, tháng, năm sinh", _dmy(dob))],
        [Cell("Ghi bằng chữ: " + _date_words(dob), 0.05, 1, "left", "italic", 12)],
        [
            _lv("Giới tính", sex, 13, 0, 0.3),
            _lv("Dân tộc", "Kinh", 13, 0.33, 0.62),
            _lv("Quốc tịch", "Việt Nam", 13, 0.65),
        ],
        [_lv("Nơi sinh", birthplace)],
        [_lv("Quê quán", origin)],
        [_lv("Số định danh cá nhân", pid)],
        3.0,
        [_lv("Họ, chữ đệm, tên người mẹ", mother[0].upper())],
        [
            _lv("Năm sinh", str(mother[2].year), 13, 0, 0.3),
            _lv("Dân tộc", "Kinh", 13, 0.33, 0.62),
            _lv("Quốc tịch", "Việt Nam", 13, 0.65),
        ],
        [_lv("Nơi cư trú", res)],
        3.0,
        [_lv("Họ, chữ đệm, tên người cha", father[0].upper())],
        [
            _lv("Năm sinh", str(father[2].year), 13, 0, 0.3),
            _lv("Dân tộc", "Kinh", 13, 0.33, 0.62),
            _lv("Quốc tịch", "Việt Nam", 13, 0.65),
        ],
        [_lv("Nơi cư trú", res)],
        3.0,
        [_lv("Nơi đăng ký khai sinh", reg_place)],
        [_lv("Ngày, tháng, năm đăng ký", _dmy(reg))],
        8.0,
    ]
    signer = _person(rng)[0]
    rows += _sign_block(place, reg, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], signer)
    truth = {
        "registration_number": num,
        "book_number": book,
        "full_name": name,
        "date_of_birth": dob.isoformat(),
        "sex": sex,
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "place_of_birth": birthplace,
        "place_of_origin": origin,
        "personal_id_number": pid,
        "mother_name": mother[0],
        "mother_birth_year": str(mother[2].year),
        "father_name": father[0],
        "father_birth_year": str(father[2].year),
        "registration_date": reg.isoformat(),
        "registration_place": reg_place,
    }
    return FormSpec("birth_certificate", rows, truth, rng.choice((200, 250, 300)))


_DIG = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_MONTHS = ("một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")


def _two_digits(n: int) -> str:
    if n < 10:
        return _DIG[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_DIG[tens]} mươi"
    if unit == 0:
        return head
    tail = {1: "mốt" if tens > 1 else "một", 5: "lăm", 4: "tư" if tens > 1 else "bốn"}.get(unit, _DIG[unit])
    return f"{head} {tail}"


def _date_words(d: date) -> str:
    y = d.year
    thousands, rest = divmod(y, 1000)
    hundreds, rest = divmod(rest, 100)
    year = f"{_DIG[thousands]} nghìn {_DIG[hundreds]} trăm"
    if rest:
        year += (" lẻ " if rest < 10 else " ") + _two_digits(rest)
    return f"ngày {_two_digits(d.day)}, tháng {_MONTHS[d.month - 1]}, năm {year}"


def _marriage_certificate(rng: random.Random) -> FormSpec:
    head, reg_place, place, _ = _registry_header(rng)
    h = _person(rng, "Nam", (1975, 2000))
    w = _person(rng, "Nữ", (1978, 2002))
    reg = date(max(h[2].year + 21, w[2].year + 19, 2020), 1, 1) + timedelta(days=rng.randrange(0, 1800))
    hid, wid = _pid(rng, "Nam", h[2]), _pid(rng, "Nữ", w[2])
    num = str(rng.randint(1, 200))
    book = f"{rng.randint(1, 2):02d}/{reg.year}"
    C = (0.0, 0.27), (0.29, 0.63), (0.66, 1.0)

    def row(label, a, b, style="regular"):
        return [
            Cell(label, *C[0], "left", "regular", 12),
            Cell(a, *C[1], "left", style, 12),
            Cell(b, *C[2], "left", style, 12),
        ]

    rows = [
        *head,
        6.0,
        [Cell("GIẤY CHỨNG NHẬN KẾT HÔN", 0, 1, "center", "bold", 16)],
        [
            Cell(f"Số: {num}", 0.0, 0.45, "left", "regular", 13),
            Cell(f"Quyển số: {book}", 0.55, 1, "left", "regular", 13),
        ],
        5.0,
        [
            Cell("Thông tin", *C[0], "left", "bold", 12),
            Cell("Chồng", *C[1], "center", "bold", 12),
            Cell("Vợ", *C[2], "center", "bold", 12),
        ],
        3.0,
        row("Họ, chữ đệm, tên:", h[0].upper(), w[0].upper(), "bold"),
        row("Ngày, tháng, năm sinh:", _dmy(h[2]), _dmy(w[2])),
        row("Dân tộc:", "Kinh", "Kinh"),
        row("Quốc tịch:", "Việt Nam", "Việt Nam"),
        row("Giấy tờ tùy thân:", f"CCCD số {hid}", f"CCCD số {wid}"),
        6.0,
        [_lv("Nơi đăng ký", reg_place)],
        [_lv("Ngày, tháng, năm đăng ký", _dmy(reg))],
        6.0,
        [Cell("Chồng", 0.0, 0.25, "center", "bold", 12), Cell("Vợ", 0.27, 0.5, "center", "bold", 12)],
    ]
    signer = _person(rng)[0]
    rows += _sign_block(place, reg, ["CHỦ TỊCH"], signer)
    truth = {
        "registration_number": num,
        "book_number": book,
        "husband_name": h[0],
        "husband_date_of_birth": h[2].isoformat(),
        "husband_id_number": hid,
        "wife_name": w[0],
        "wife_date_of_birth": w[2].isoformat(),
        "wife_id_number": wid,
        "registration_date": reg.isoformat(),
        "registration_place": reg_place,
    }
    return FormSpec("marriage_certificate", rows, truth, rng.choice((200, 250, 300)))


_PURPOSES = (
    "Đất ở tại nông thôn",
    "Đất trồng cây lâu năm",
    "Đất nuôi trồng thủy sản",
    "Đất ở tại đô thị",
    "Đất trồng lúa",
)
_ORIGINS = (
    "Nhà nước giao đất có thu tiền sử dụng đất",
    "Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất",
    "Nhận chuyển nhượng đất được Công nhận quyền sử dụng đất",
    "Nhận thừa kế quyền sử dụng đất",
)


def _land_use_certificate(rng: random.Random) -> FormSpec:
    name, sex, dob = _person(rng, born=(1950, 1995))
    pid = _pid(rng, sex, dob)
    serial = rng.choice(("AA", "AK", "BĐ", "CS", "DB")) + " " + str(rng.randrange(10**7, 10**8))
    register = rng.choice(("CH", "CS", "VP")) + " " + f"{rng.randrange(1, 99999):05d}"
    parcel, sheet = str(rng.randint(1, 999)), str(rng.randint(1, 60))
    addr = _address(rng)
    area = round(rng.uniform(80, 5000), 1)
    area_txt = f"{area:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    purpose = rng.choice(_PURPOSES)
    term = (
        "Lâu dài"
        if "ở" in purpose
        else f"Đến ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2040, 2074)}"
    )
    origin = rng.choice(_ORIGINS)
    issue = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 2000))
    agency = rng.choice(
        (
            ["TM. ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            ["VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI", "GIÁM ĐỐC"],
        )
    )
    honor = "Ông" if sex == "Nam" else "Bà"
    rows = [
        *_motto_only(),
        6.0,
        [Cell("GIẤY CHỨNG NHẬN", 0, 1, "center", "bold", 17)],
        [Cell("QUYỀN SỬ DỤNG ĐẤT, QUYỀN SỞ HỮU TÀI SẢN GẮN LIỀN VỚI ĐẤT", 0, 1, "center", "bold", 12.5)],
        [Cell(f"Số phát hành: {serial}", 0.55, 1, "left", "regular", 12)],
        5.0,
        [Cell("1. Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất", 0, 1, "left", "bold", 13)],
        [_lv(honor, name.upper(), 13, 0.0, 0.6), _lv("Năm sinh", str(dob.year), 13, 0.64)],
        [_lv("CCCD số", pid)],
        [_lv("Địa chỉ thường trú", _address(rng))],
        4.0,
        [Cell("2. Thửa đất", 0, 1, "left", "bold", 13)],
        [_lv("a) Thửa đất số", parcel, 13, 0.0, 0.45), _lv("b) Tờ bản đồ số", sheet, 13, 0.5)],
        [_lv("c) Địa chỉ", addr)],
        [
            _lv("d) Diện tích", f"{area_txt} m²", 13, 0.0, 0.45),
            Cell("(bằng chữ: xem sổ địa chính)", 0.5, 1, "left", "italic", 12),
        ],
        [_lv("đ) Hình thức sử dụng", "Sử dụng riêng")],
        [_lv("e) Mục đích sử dụng", purpose)],
        [_lv("g) Thời hạn sử dụng", term)],
        [_lv("h) Nguồn gốc sử dụng", origin)],
        8.0,
    ]
    rows += (
        _sign_block("Cà Mau", issue, agency[:1], _person(rng)[0])[:2]
        + [[Cell(a, 0.45, 1, "center", "bold", 12.5)] for a in agency[1:]]
        + [16.0, [Cell(_person(rng)[0], 0.45, 1, "center", "bold", 13)]]
    )
    rows += [6.0, [_lv("Số vào sổ cấp GCN", register, 12, 0.0, 0.45)]]
    truth = {
        "serial_number": serial,
        "register_number": register,
        "holder_name": name,
        "holder_id_number": pid,
        "parcel_number": parcel,
        "map_sheet_number": sheet,
        "address": addr,
        "area_m2": format_decimal(area),
        "land_use_purpose": purpose,
        "land_use_term": term,
        "land_use_origin": origin,
        "issue_date": issue.isoformat(),
        "issuing_agency": agency[0].removeprefix("TM. "),
    }
    return FormSpec("land_use_certificate", rows, truth, rng.choice((200, 250, 300)))


_BUSINESS = (
    "Thủy sản Cà Mau Xanh",
    "Thương mại Dịch vụ Năm Căn",
    "Xây dựng Đất Mũi",
    "Nông sản Minh Phát",
    "Vận tải Sông Đốc",
    "Công nghệ Bạc Liêu Số",
    "Du lịch Rừng Đước",
    "Chế biến Tôm Khánh Bình",
)


def _business_registration(rng: random.Random) -> FormSpec:
    kind = rng.choice(("CÔNG TY TRÁCH NHIỆM HỮU HẠN", "CÔNG TY CỔ PHẦN"))
    ename = f"{kind} {rng.choice(_BUSINESS).upper()}"
    code = _mst(rng)
    first = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 2500))
    amend_n = rng.randint(1, 6)
    amend = first + timedelta(days=rng.randrange(200, 1500))
    capital = rng.choice((500, 1000, 1500, 2000, 5000, 10000)) * 1_000_000
    cap_txt = f"{capital:,}".replace(",", ".") + " đồng"
    rep, sex, dob = _person(rng, born=(1960, 1998))
    pid = _pid(rng, sex, dob)
    addr = f"Số {rng.randint(1, 300)}, " + _address(rng)
    head = ["SỞ TÀI CHÍNH TỈNH CÀ MAU", "PHÒNG ĐĂNG KÝ KINH DOANH"]
    rows = [
        *_motto_header(head),
        6.0,
        [Cell("GIẤY CHỨNG NHẬN ĐĂNG KÝ DOANH NGHIỆP", 0, 1, "center", "bold", 15)],
        [Cell(kind, 0, 1, "center", "bold", 13)],
        [Cell(f"Mã số doanh nghiệp: {code}", 0, 1, "center", "bold", 13)],
        [Cell(f"Đăng ký lần đầu: {date_in_words(first)}", 0, 1, "center", "italic", 12.5)],
        [
            Cell(
                f"Đăng ký thay đổi lần thứ: {amend_n}, {date_in_words(amend)}", 0, 1, "center", "italic", 12.5
            )
        ],
        5.0,
        [Cell("1. Tên công ty", 0, 1, "left", "bold", 13)],
        [_lv("Tên công ty viết bằng tiếng Việt", ename)],
        [_lv("Tên công ty viết tắt", code[-4:] + " CO., LTD")],
        [Cell("2. Địa chỉ trụ sở chính", 0, 1, "left", "bold", 13)],
        [Cell(addr, 0, 1, "left", "regular", 13)],
        [
            _lv("Điện thoại", "0290 3" + f"{rng.randrange(10**5, 10**6)}", 13, 0, 0.5),
            _lv("Email", "lienhe@example.vn", 13, 0.52),
        ],
        [Cell("3. Vốn điều lệ", 0, 1, "left", "bold", 13)],
        [_lv("Vốn điều lệ", cap_txt)],
        [Cell("4. Thông tin về người đại diện theo pháp luật", 0, 1, "left", "bold", 13)],
        [_lv("* Họ và tên", rep.upper(), 13, 0, 0.62), _lv("Giới tính", sex, 13, 0.65)],
        [_lv("Chức danh", "Giám đốc")],
        [
            _lv("Sinh ngày", _dmy(dob), 13, 0, 0.45),
            _lv("Dân tộc", "Kinh", 13, 0.48, 0.7),
            _lv("Quốc tịch", "Việt Nam", 13, 0.72),
        ],
        [_lv("Loại giấy tờ pháp lý của cá nhân", "Căn cước công dân")],
        [_lv("Số giấy tờ pháp lý của cá nhân", pid)],
        8.0,
    ]
    rows += _sign_block("Cà Mau", amend, ["TRƯỞNG PHÒNG"], _person(rng)[0])
    truth = {
        "enterprise_code": code,
        "enterprise_name": ename,
        "head_office_address": addr,
        "charter_capital_vnd": str(capital),
        "legal_representative": rep,
        "legal_representative_id_number": pid,
        "first_registration_date": first.isoformat(),
        "amendment_number": str(amend_n),
        "amendment_date": amend.isoformat(),
        "issuing_agency": " ".join(head),
    }
    # the head office address is under its heading, not after a label: read it as a labelled
    # value by the extractor's heading rule
    return FormSpec("business_registration", rows, truth, rng.choice((200, 250, 300)))


_FORMS = (
    ("ĐƠN ĐỀ NGHỊ", "CẤP BẢN SAO TRÍCH LỤC HỘ TỊCH"),
    ("ĐƠN XIN XÁC NHẬN CƯ TRÚ",),
    ("TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ",),
    ("ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP XÂY DỰNG",),
    ("GIẤY ĐỀ NGHỊ", "ĐĂNG KÝ HỘ KINH DOANH"),
)


def _application_form(rng: random.Random) -> FormSpec:
    title = rng.choice(_FORMS)
    unit, cname = _commune(rng)
    recipient = f"Ủy ban nhân dân {unit} {cname}"
    name, sex, dob = _person(rng, born=(1950, 2004))
    pid = _pid(rng, sex, dob)
    addr = _address(rng)
    tel = "09" + "".join(str(rng.randrange(10)) for _ in range(8))
    tel_txt = f"{tel[:4]} {tel[4:7]} {tel[7:]}"
    req = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))
    leader = "." * rng.randint(8, 30)
    colon = ": " if rng.random() < 0.7 else " "
    rows = (
        _motto_only()
        + [8.0]
        + [[Cell(t, 0, 1, "center", "bold", 15)] for t in title]
        + [
            6.0,
            [Cell(f"Kính gửi: {recipient}", 0.1, 1, "left", "regular", 13)],
            5.0,
            [_lv("Họ, chữ đệm, tên người yêu cầu", name.upper() + " " + leader, sep=colon)],
            [
                _lv("Ngày, tháng, năm sinh", _dmy(dob) + " " + leader, 13, 0, 0.55, sep=colon),
                _lv("Giới tính", sex, 13, 0.6),
            ],
            [_lv("Số định danh cá nhân", pid + " " + leader, sep=colon)],
            [_lv("Nơi cư trú", addr, sep=colon)],
            [_lv("Số điện thoại", tel_txt + " " + leader, sep=colon)],
            [_lv("Nội dung đề nghị", "cấp bản sao giấy tờ, xác nhận thông tin theo quy định " + leader)],
            [
                Cell(
                    "Tôi xin cam đoan những nội dung khai trên đây là đúng sự thật.",
                    0.05,
                    1,
                    "left",
                    "regular",
                    13,
                )
            ],
            8.0,
            [Cell(f"{cname}, {date_in_words(req)}", 0.45, 1, "center", "italic", 13)],
            [Cell("NGƯỜI YÊU CẦU", 0.45, 1, "center", "bold", 13)],
            [Cell("(Ký, ghi rõ họ tên)", 0.45, 1, "center", "italic", 11)],
            16.0,
            [Cell(name, 0.45, 1, "center", "bold", 13)],
        ]
    )
    truth = {
        "form_title": " ".join(title),
        "recipient": recipient,
        "applicant_name": name,
        "applicant_id_number": pid,
        "date_of_birth": dob.isoformat(),
        "address": addr,
        "phone": tel,
        "request_date": req.isoformat(),
    }
    return FormSpec("application_form", rows, truth, rng.choice((200, 250, 300)))


_MAKERS = {
    "citizen_id": _citizen_id,
    "birth_certificate": _birth_certificate,
    "marriage_certificate": _marriage_certificate,
    "land_use_certificate": _land_use_certificate,
    "business_registration": _business_registration,
    "application_form": _application_form,
}


def make_form(rng: random.Random, doc_type: str) -> FormSpec:
    return _MAKERS[doc_type](rng)


# --- rendering -------------------------------------------------------------------------------
class _Page(Sheet):
    def __init__(self, w: int, h: int, dpi: int, margins: tuple[int, int, int, int]):
        super().__init__(w, h, dpi)
        self.left, self.top, self.right, self.bottom = margins

    def draw_rows(self, rows: list, y: int) -> int:
        tw = self.right - self.left
        for row in rows:
            if isinstance(row, float):
                y += self.mm(row)
                continue
            height = 0
            for cell in row:
                x0, x1 = self.left + cell.x0 * tw, self.left + cell.x1 * tw
                pt = cell.pt
                font = load_font(cell.style, self.px(pt))
                while font.getlength(cell.text) > (x1 - x0) and pt > cell.pt * 0.85:
                    pt -= 0.5
                    font = load_font(cell.style, self.px(pt))
                # still too long: wrap at word boundaries (a value running onto the next line)
                parts, cur = [], ""
                for word in cell.text.split(" "):
                    cand = f"{cur} {word}".strip()
                    if cur and font.getlength(cand) > (x1 - x0):
                        parts.append(cur)
                        cur = word
                    else:
                        cur = cand
                parts.append(cur)
                yy = y
                for part in parts:
                    x = x0 + ((x1 - x0) - font.getlength(part)) / 2 if cell.align == "center" else x0
                    self.put(round(x), yy, part, font)
                    yy += round(font.size * 1.45)
                height = max(height, yy - y)
            y += height
        return y


def render_form(spec: FormSpec) -> tuple[Image.Image, str]:
    dpi = spec.dpi
    if spec.card:
        cw, ch = round(85.6 / 25.4 * dpi), round(53.98 / 25.4 * dpi)
        pad = round(8 / 25.4 * dpi)
        page = _Page(
            cw + 2 * pad, 2 * ch + 3 * pad, dpi, (pad + round(0.05 * cw), pad, pad + round(0.95 * cw), 0)
        )
        for k in range(2):
            y0 = pad + k * (ch + pad)
            page.draw.rounded_rectangle(
                (pad, y0, pad + cw, y0 + ch), radius=round(0.04 * cw), outline=120, width=3
            )
        # the photo box on the front
        page.draw.rectangle(
            (pad + round(0.05 * cw), pad + round(0.35 * ch), pad + round(0.2 * cw), pad + round(0.75 * ch)),
            outline=150,
            width=2,
        )
        page.draw_rows(spec.rows, pad + round(0.05 * ch))
        page.draw_rows(spec.back_rows, 2 * pad + ch + round(0.08 * ch))
        img = page.img
    else:
        w, h = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
        mm = dpi / 25.4
        page = _Page(w, h, dpi, (round(25 * mm), round(18 * mm), w - round(15 * mm), h - round(15 * mm)))
        page.draw_rows(spec.rows, page.top)
        img = page.img
    return img, page.transcript(
        tolerance=page.px(4), right_from=round(page.left + (page.right - page.left) * 0.5)
    )


def draw_form(rng: random.Random, doc_type: str) -> RenderedPage:
    """One page of the form-like ``doc_type`` (``FORM_TYPES``), drawn from ``rng``."""
    form = make_form(rng, doc_type)
    img, transcript = render_form(form)
    return RenderedPage(img, transcript, form.doc_type, form.dpi, form.truth, form.stamp_at)


# Each form-like doc type has one layout, named as the type.
RENDERERS = {doc_type: SampleRenderer((doc_type,), draw_form) for doc_type in FORM_TYPES}
