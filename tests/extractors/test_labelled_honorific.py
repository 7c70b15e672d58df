"""Regression (vi_synth_forms_nomvn, contracts): "Họ và tên: Ông/Bà Bùi Thanh Hà" lost the
name, its slash taken for a bilingual label's gloss. Fictional names."""

from __future__ import annotations

import pytest

from extractors.forms import read_labelled_values
from extractors.textdoc import document_from_text


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Họ và tên: Ông/Bà Bùi Thanh Hà", "Bùi Thanh Hà"),
        ("Họ và tên: Ông / Bà Phan Văn Mạnh", "Phan Văn Mạnh"),
        ("Họ và tên: Ông Phan Văn Mạnh", "Phan Văn Mạnh"),
    ],
)
def test_an_honorific_before_a_name_is_no_gloss(line: str, name: str) -> None:
    values = read_labelled_values(document_from_text(f"{line}\nNgày sinh: 12/05/1959"))
    assert ("full_name", name) in [(k, v.value) for k, v in values]


def test_a_label_with_its_english_gloss_still_gives_no_value() -> None:
    # the line under holds the value; "Surname, middle name and given name" is no name
    values = read_labelled_values(
        document_from_text("Họ, chữ đệm và tên / Surname, middle name and given name\nNGUYỄN THỊ MAI")
    )
    assert ("full_name", "Surname Middle Name And Given Name") not in [(k, v.value) for k, v in values]
