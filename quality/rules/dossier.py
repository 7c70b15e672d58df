"""Dossier-level rules (đủ, R-F2): every component document the procedure requires is there.

The procedure is known from the application form's title (mã TTHC when printed). Dossiers
whose procedure is not recognised are not judged (evaluated = 0), never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from extractors.registry import (
    BIRTH_REGISTRATION,
    ENTERPRISE_CHANGE,
    LAND_CERTIFICATE_REISSUE,
    MARRIAGE_REGISTRATION,
    TYPES,
)

from ..reference import match_key
from ..types import RuleOutcome
from .base import Failure, Rule


@dataclass(frozen=True)
class Procedure:
    code: str  # mã TTHC (CSDL quốc gia về TTHC) or a descriptive key
    name_vi: str
    name_en: str
    title_keys: tuple[str, ...]  # match keys looked for in the form title
    required: Mapping[str, int]  # doc_type → how many


def _keys(*phrases: str) -> tuple[str, ...]:
    return tuple(match_key(p) for p in phrases)


def _documents(code: str) -> dict[str, int]:
    """The thành phần hồ sơ of a procedure, from the registry (each type lists its dossiers):
    the form first (it names the procedure), the identity cards last, as one-stop checklists
    list them."""
    members = [t for t in TYPES if code in t.dossiers]
    members.sort(key=lambda t: (t.name != "application_form", t.name == "citizen_id"))
    return {t.name: t.dossiers[code] for t in members}


PROCEDURES: tuple[Procedure, ...] = (
    Procedure(
        BIRTH_REGISTRATION,
        "Đăng ký khai sinh",
        "Birth registration",
        _keys("khai sinh"),
        _documents(BIRTH_REGISTRATION),
    ),
    Procedure(
        MARRIAGE_REGISTRATION,
        "Đăng ký kết hôn",
        "Marriage registration",
        _keys("kết hôn"),
        _documents(MARRIAGE_REGISTRATION),
    ),
    Procedure(
        LAND_CERTIFICATE_REISSUE,
        "Cấp đổi, cấp lại giấy chứng nhận quyền sử dụng đất",
        "Re-issue of a land-use certificate",
        _keys("cấp đổi", "cấp lại", "quyền sử dụng đất", "đăng ký biến động"),
        _documents(LAND_CERTIFICATE_REISSUE),
    ),
    Procedure(
        ENTERPRISE_CHANGE,
        "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        "Change of enterprise registration",
        _keys("thay đổi nội dung đăng ký doanh nghiệp", "đăng ký doanh nghiệp"),
        _documents(ENTERPRISE_CHANGE),
    ),
)


@dataclass(frozen=True)
class Dossier:
    """What the dossier rule looks at: its documents and the procedure their form names."""

    documents: tuple[tuple[str, Mapping[str, str]], ...]  # (doc_type, {field: value})
    procedure: Procedure | None


@dataclass(frozen=True)
class DossierRule(Rule[Dossier]):
    """A rule over a whole dossier: its message names the procedure and the count that falls short."""

    def message(self, field: str | None, value: str, detail: str) -> str:
        return f"{self.message_vi} — {self.message_en} [{detail}]"

    def describe(self) -> dict:
        d = super().describe()
        return {
            "id": d.pop("id"),
            "criterion": d.pop("criterion"),
            "severity": d.pop("severity"),
            "scope": "dossier",
            **d,
        }


def procedure_of(form_titles: Iterable[str]) -> Procedure | None:
    for title in form_titles:
        key = match_key(title)
        for p in PROCEDURES:
            if any(k in key for k in p.title_keys):
                return p
    return None


def _required_documents(dossier: Dossier) -> tuple[int, list[Failure]]:
    proc = dossier.procedure
    if proc is None:
        return 0, []
    have = Counter(t for t, _ in dossier.documents)
    return len(proc.required), [
        (
            None,
            f"{doc_type} {have[doc_type]}/{n}",
            f"{proc.code} {proc.name_vi}: {doc_type} {have[doc_type]}/{n}",
        )
        for doc_type, n in proc.required.items()
        if have[doc_type] < n
    ]


required_documents = DossierRule(
    "complete.dossier.required_documents",
    "complete",
    "warning",
    "R-F2: the dossier holds every thành phần hồ sơ the procedure (mã TTHC) requires "
    "(NĐ 118/2025/NĐ-CP one-stop; Luật Dữ liệu Đ.11)",
    "Hồ sơ thiếu thành phần giấy tờ bắt buộc của thủ tục",
    "Dossier lacks a document the procedure requires",
    _required_documents,
)
RULE_ID = required_documents.id
# The catalogue entry, as before the rule was a ``Rule`` (reports read it by key).
RULE = required_documents.describe()


def check_dossier(documents: Iterable[tuple[str, Mapping[str, str]]]) -> tuple[Procedure | None, RuleOutcome]:
    """``documents``: (doc_type, {field: value}) of one dossier. Returns the procedure found
    and the outcome of ``complete.dossier.required_documents``."""
    docs = tuple(documents)
    proc = procedure_of(f.get("form_title", "") for t, f in docs if t == "application_form")
    return proc, required_documents(Dossier(docs, proc))
