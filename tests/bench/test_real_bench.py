"""The metric and the hand-written fill-in of ``bench real`` (bench/bench_real.py)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from bench.real import metrics
from bench.real.render import (
    DEV_FONTS,
    HELDOUT_FONTS,
    FillIn,
    corpus_pages,
    fill_in,
    find_header,
    font_path,
    render,
    truth_with_fill_in,
)

HEADER = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n_______\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 11 /TB-UBND"


def test_normalization_is_nfc_collapses_space_and_drops_rule_lines():
    decomposed = unicodedata.normalize("NFD", "Quảng  Ngãi,\tngày 08\n\n___\n – – \n—\nTHÔNG BÁO")
    assert metrics.normalize_page(decomposed) == "Quảng Ngãi, ngày 08 THÔNG BÁO"
    # A line that has text besides dashes is kept.
    assert metrics.page_lines("Độc lập - Tự do - Hạnh phúc\n-") == ["Độc lập - Tự do - Hạnh phúc"]


def test_page_cer_counts_reading_order_and_line_cer_does_not():
    truth = "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 11 /TB-UBND"
    swapped = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nỦY BAN NHÂN DÂN\nSố: 11 /TB-UBND"
    merged = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 11 /TB-UBND"
    assert metrics.page_errors(truth, truth)[0] == 0
    errors, chars = metrics.page_errors(truth, swapped)
    assert chars == len(metrics.normalize_page(truth)) and errors >= 15
    assert metrics.line_errors(truth, swapped)[0] == 0
    # Merged columns read in the right order cost nothing with reading order counted...
    assert metrics.page_errors(truth, merged)[0] == 0
    # ...and the bag of words does not see order at all.
    assert metrics.f1(*metrics.bag_of_words(truth, swapped)) == 1.0
    assert metrics.page_errors(truth, "")[0] == chars


def test_rule_lines_do_not_count_on_either_side():
    assert metrics.page_errors("Số: 11\n______\nTHÔNG BÁO", "Số: 11\nTHÔNG BÁO\n–––––") == (
        0,
        len("Số: 11 THÔNG BÁO"),
    )


def test_header_errors_take_the_best_prefix_of_the_output():
    body = "\n".join(f"Điều {i}. Nội dung của điều thứ {i} trong quyết định này." for i in range(30))
    errors, chars, lines = metrics.header_errors(HEADER, HEADER + "\n" + body)
    assert (errors, lines) == (0, 4)  # the rule line is not a line
    # Stamp text read into the header costs its characters.
    errors, _, _ = metrics.header_errors(HEADER, "ĐẾN Số: 4817\n" + HEADER + "\n" + body)
    assert errors == len("ĐẾN Số: 4817 ")
    assert metrics.header_errors(HEADER, "")[0] == chars


def test_leak_counts_stamp_words_beyond_the_page_text():
    truth = "Số: 11 /TB-UBND\nNgày 03/01/2025, Phó Chủ tịch"
    assert metrics.leaked("ĐẾN Số: 4817 Ngày: 3/3", truth, truth) == (0, 5)
    assert metrics.leaked("ĐẾN Số: 4817 Ngày: 3/3", truth, "ĐẾN Số: 4817\n" + truth) == (3, 5)


def test_truth_gets_the_digits_written_into_blank_fields():
    truth = "Số:\n\nHà Nội, ngày\n\n/2025/TT-BTC\n\ntháng\n\nnăm 2025\nNghị định ngày 15 tháng 5"
    fill = FillIn(number="66", day="20", month="11", year="2025", number_suffix="2025/TT-BTC")
    out = truth_with_fill_in(truth, fill)
    assert out.startswith("Số: 66\n\nHà Nội, ngày 20\n\n/2025/TT-BTC\n\ntháng 11\n\nnăm 2025")
    assert out.endswith("Nghị định ngày 15 tháng 5")
    assert (fill.document_number, fill.issue_date) == ("66/2025/TT-BTC", "2025-11-20")
    # Printed digits written over by hand: the truth is the text layer as it is.
    printed = FillIn(
        number="11", number_printed=True, day="08", month_printed="01", year="2025", number_suffix="TB-UBND"
    )
    assert (
        truth_with_fill_in("Số: 11 /TB-UBND\nngày 08 tháng 01", printed)
        == "Số: 11 /TB-UBND\nngày 08 tháng 01"
    )
    assert printed.issue_date == "2025-01-08"


def test_font_groups_are_disjoint_and_installed():
    assert not set(DEV_FONTS) & set(HELDOUT_FONTS) and len(HELDOUT_FONTS) >= 2
    missing = []
    for rel in [*DEV_FONTS.values(), *HELDOUT_FONTS.values()]:
        try:
            font_path(rel)
        except FileNotFoundError:
            missing.append(rel)
    if missing:
        pytest.skip(f"handwriting fonts missing ({missing}): scripts/install-bench-deps.sh")


def _page(corpora: Path, page_id: str):
    root = corpora / "vi_real_admin_pdfs"
    if not root.is_dir():
        pytest.skip("vi_real_admin_pdfs missing")
    return next(p for p in corpus_pages(root) if p.id == page_id)


def test_printed_number_and_day_are_whited_out_and_written_by_hand(corpora):
    ref = _page(corpora, "tb_ubnd_quangngai_11_2025_p1")  # "Số: 11 /TB-UBND", "ngày 08 tháng 01 năm 2025"
    dpi = 100
    clean, chars, height = render(ref.pdf, ref.page, dpi)
    header = find_header(chars, height)
    assert header.number and header.number.printed == "11" and header.number_suffix == "TB-UBND"
    assert header.day and header.day.printed == "08" and header.year == "2025"
    erased = clean.copy()
    fill = fill_in(erased, header, height, dpi, font_path(DEV_FONTS["dkg"]), seed=1, write=False)
    assert (fill.document_number, fill.issue_date) == ("11/TB-UBND", "2025-01-08")
    assert len(fill.erased) == 4  # two digits of the number, two of the day
    before, after = np.asarray(clean.convert("L")), np.asarray(erased.convert("L"))
    for left, top, right, bottom in fill.erased:
        assert before[top:bottom, left:right].min() < 128  # printed ink was there
        assert after[top:bottom, left:right].min() == 255  # and is gone
    written = clean.copy()
    fill_in(written, header, height, dpi, font_path(DEV_FONTS["dkg"]), seed=1)
    box = np.asarray(written.convert("L"))
    left, top = min(e[0] for e in fill.erased[:2]), min(e[1] for e in fill.erased[:2])
    right, bottom = max(e[2] for e in fill.erased[:2]), max(e[3] for e in fill.erased[:2])
    assert (box[top:bottom, left:right] < 160).sum() > 10  # the pen wrote the number there
    assert truth_with_fill_in(ref.truth, fill) == ref.truth


def test_blank_fields_of_a_draft_are_filled_in_and_put_in_the_truth(corpora):
    ref = _page(corpora, "tt_btc_duthao1_2025_p1")  # "Số: /2025/TT-BTC", "ngày tháng năm 2025"
    dpi = 100
    image, chars, height = render(ref.pdf, ref.page, dpi)
    header = find_header(chars, height)
    fill = fill_in(image, header, height, dpi, font_path(HELDOUT_FONTS["klee"]), seed=3)
    assert fill.number.isdigit() and not fill.number_printed and fill.erased == []
    assert fill.document_number == f"{fill.number}/2025/TT-BTC"
    assert fill.issue_date == f"2025-{int(fill.month):02d}-{int(fill.day):02d}"
    truth = truth_with_fill_in(ref.truth, fill)
    assert f"Số: {fill.number}" in truth and f"ngày {fill.day}" in truth and f"tháng {fill.month}" in truth
    assert f"Số: {fill.number}" not in ref.truth
    # Same seed, same page: the same digits (renders are cached by that).
    again = fill_in(
        render(ref.pdf, ref.page, dpi)[0], header, height, dpi, font_path(HELDOUT_FONTS["klee"]), seed=3
    )
    assert (again.number, again.day, again.month) == (fill.number, fill.day, fill.month)


def test_insertions_count_text_the_truth_does_not_have():
    truth = "THÔNG BÁO\nKết luận của Phó Chủ tịch"
    assert metrics.insertions(truth, truth) == 0
    assert metrics.insertions(truth, "ĐẾN 4817\n" + truth) == len("ĐẾN 4817 ")
    assert metrics.insertions(truth, "THÔNG\nKết luận") == 0  # deletions are not insertions
