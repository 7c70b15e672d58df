"""đủ (complete): the type is known, its required and recommended fields are there."""

from __future__ import annotations

import re

from .base import Context, rule
from .fields import RECOMMENDED_FIELDS, REQUIRED_FIELDS, SIGNER_FIELDS


@rule(
    "complete.doc_type.known",
    "complete",
    "warning",
    reason="Without a document type no field can be required or checked",
    vi="Không xác định được loại giấy tờ",
    en="Document type could not be determined",
)
def doc_type_known(ctx: Context):
    return 1, ([(None, ctx.doc_type, "")] if ctx.doc_type not in REQUIRED_FIELDS else [])


@rule(
    "complete.required_fields.present",
    "complete",
    "error",
    reason="R-F1: the fields required for the document type (REQUIRED_FIELDS) are all present",
    vi="Thiếu trường bắt buộc",
    en="Required field missing",
)
def required_fields_present(ctx: Context):
    # An unread field is on the document (the machine missed it): correct.field.unread sends
    # the record to review; only what the document lacks is judged here.
    required = REQUIRED_FIELDS.get(ctx.doc_type, ())
    return len(required), [(k, "", "") for k in required if k not in ctx.fields and k not in ctx.unread]


@rule(
    "complete.recommended_fields.present",
    "complete",
    "warning",
    reason="NĐ 30/2020: place, kind and signer are part of every document; missing ones are "
    "usually under a seal or signature and need a look",
    vi="Thiếu trường nên có",
    en="Recommended field missing",
)
def recommended_fields_present(ctx: Context):
    wanted = RECOMMENDED_FIELDS.get(ctx.doc_type, ())
    no_block = ctx.extraction.notes.get("signature_block") is False or (
        ctx.text is not None and not _SIGNATURE_BLOCK.search(ctx.text)
    )
    if any(k in ctx.unread for k in SIGNER_FIELDS) or (
        no_block and not any(k in ctx.fields for k in SIGNER_FIELDS)
    ):
        # the signature block is not on the pages (page 1 of a longer document scanned alone):
        # no gap in what they show; there but unread (under the seal) is correct.signer.unread
        wanted = tuple(k for k in wanted if k not in SIGNER_FIELDS)
    return len(wanted), [(k, "", "") for k in wanted if k not in ctx.fields and k not in ctx.unread]


# What shows a page holds the signature block (NĐ 30/2020 PL I): "Nơi nhận" or an authority line.
_SIGNATURE_BLOCK = re.compile(r"(?im)^\s*(?:n[ơo]i nh[ậa]n\b|(?:TM|KT|TL|TUQ|Q)\s*\.\s*\S)")


@rule(
    "complete.form_lines.filled",
    "complete",
    "warning",
    reason="A đơn / tờ khai (TT 04/2020/TT-BTP, TT 01/2022/TT-BTP, TT 66/2023/TT-BCA forms) prints "
    "the lines that say who applies (ngày sinh, số định danh, nơi cư trú); one printed and left "
    "blank is a form not filled in: the clerk asks for it",
    vi="Dòng thông tin người yêu cầu in trên tờ khai nhưng để trống",
    en="A line of the applicant's details is printed on the form but left blank",
)
def form_lines_filled(ctx: Context):
    if ctx.doc_type != "application_form":
        return 0, []
    blank = [
        k for k in ctx.extraction.notes.get("blank_lines", ()) if k not in ctx.fields and k not in ctx.unread
    ]
    return 1, [(k, "", "") for k in blank]
