"""Tone marks put back from the word list (ocr/tones.py), on the real packaged list."""

from __future__ import annotations

import pytest

from ocr.postcorrect import TONES_ENGINE_SUFFIX, postcorrect_blocks
from ocr.result import Block, Line, Word
from ocr.tones import FUNCTION_WORDS, LONE_FUNCTION_WORDS, lexicon, place_tone, restore_tones, split_tone


def fix(text: str) -> str:
    return " ".join(restore_tones(text.split()))


def test_the_packaged_word_list_loads_once_with_its_compounds():
    words = lexicon()
    assert len(words.words) > 20_000
    assert ("\u0301", "\u0300") not in words.words[("thâm", "quyên")]  # keys are toneless
    assert ("\u0309", "\u0300") in words.words[("thâm", "quyên")]  # thẩm quyền
    assert lexicon() is words


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        # the tone of one syllable of a compound, as Tesseract misread it on real pages
        ("xác định thâm quyền giải quyết", "xác định thẩm quyền giải quyết"),
        ("các tô chức, cá nhân", "các tổ chức, cá nhân"),
        ("hợp tác quôc tế.", "hợp tác quốc tế."),
        ("kinh doanh bảo hiêm", "kinh doanh bảo hiểm"),
        ("bô sung một số điều", "bổ sung một số điều"),
        # case and punctuation kept
        ("(thâm quyền)", "(thẩm quyền)"),
    ],
)
def test_a_misread_tone_inside_a_compound_is_put_back(read, restored):
    assert fix(read) == restored


@pytest.mark.parametrize(
    "text",
    [
        # read right: nothing to do
        "Ủy ban nhân dân tỉnh Quảng Ngãi quyết định thành lập Hội đồng thẩm định",
        # a function word stands alone: "tại khoản" is not "tài khoản", "cấp tỉnh" stays
        "theo quy định tại khoản 1 Điều 5",
        "ở cấp tỉnh, cấp xã",
        # two tones of one word never change together ("trong đó" is not "tròng đỏ")
        "trong đó có các nội dung",
        # a tone change must make strictly more of the line into words: "văn hoa" is a word
        "văn hoa",
        # regression (blind forms): a capital starts a name or a place, which is never changed
        "Họ và tên: NGUYỄN THỊ BÍCH",
        "Ấp Tân Phong, huyện Thới Bình, tỉnh Thanh Hóa",
        "Trần Thanh Hiền, Châu Đức Hữu Trí, Đỗ Thị Ngọc",
        # regression (vi_synth_forms): nor is a word that holds a capital evidence for its neighbour
        "Khu công nghiệp Tân Tạo, quận Bình Tân, thành phố Hồ Chí Minh",
        # regression (blind forms): numerals are values ("ngày sáu" is not "ngày sau")
        "bằng chữ: ngày sáu, tháng bảy",
        # a syllable already in a word as read keeps its tone ("hiệu lực" stays though "có hiếu"
        # and "lực kế" are words)
        "Quyết định có hiệu lực kế từ ngày",
        # regression: two changes that only re-cut the line ("có hiếu | lực kế") do not pay
        "Quyết định này có hiệu lực kể từ ngày ký.",
        # digits and mixed tokens are never touched
        "Số: 12/2025/QĐ-UBND",
        "",
    ],
)
def test_what_was_read_is_kept_unless_a_word_says_otherwise(text):
    assert fix(text) == text


@pytest.mark.parametrize(
    ("read", "restored"),
    [
        # a stop-ending syllable takes sắc or nặng only: forced, even in a name, and free, so
        # "quôc tê" is one change, not two (real pages: quốc read "quôc" 20 times)
        ("hợp tác quôc tê", "hợp tác quốc tế"),
        ("Quôc hội khóa XV", "Quốc hội khóa XV"),
        # alone, the list's count of words holding each tone decides
        ("đê xuât,", "đề xuất,"),
        # a lone "đề" between two syllables and in no compound is the function word "để"
        ("nguồn lực đề phát triển", "nguồn lực để phát triển"),
        ("kinh phí đề thực hiện", "kinh phí để thực hiện"),
        ("số vê việc", "số về việc"),
        ("từ ngày ký đên nay", "từ ngày ký đến nay"),
        # "đây" is no function word where "thúc đẩy" says otherwise (real pages: 34 times)
        ("nhằm thúc đây phát triển", "nhằm thúc đẩy phát triển"),
        ("đây mạnh cải cách", "đẩy mạnh cải cách"),
        # both tones of a word misread (real pages: "thâm đình", "tông thê")
        ("hoạt động thâm đình", "hoạt động thẩm định"),
        ("mang tính tông thê để", "mang tính tổng thể để"),
        # ... unless a syllable already sits in a word as read ("đối số" is one)
        ("tạo và chuyên đối số", "tạo và chuyên đối số"),
        ("một số điêu của Luật", "một số điều của Luật"),
        # a lower-case word with the capital of a toned vowel inside
        ("tẠi khoản 2 Điều 3, sỐ,", "tại khoản 2 Điều 3, số,"),
        ("theo sỐ liệu", "theo số liệu"),
        # a law's article before its number
        ("theo Điêu 5 và điêu 6", "theo Điều 5 và điều 6"),
    ],
)
def test_tones_a_syllable_cannot_have_or_a_function_word_alone(read, restored):
    assert fix(read) == restored


@pytest.mark.parametrize(
    "text",
    [
        # compounds keep "đề", also with a misread neighbour ("vân đề" is "vấn đề") or across a
        # word the list lacks ("đề ra")
        "các vấn đề phát sinh",
        "đã đề ra nhiệm vụ",
        "trên cơ sở đề nghị của",
        # at a line's end the compound may go on in the next line: left alone
        "kế hoạch đề",
        # "sau đây", "tại đây" are read right
        "các nội dung sau đây",
        # English words with stop endings are no misread Vietnamese
        "robot chat",
    ],
)
def test_lone_and_stop_rules_keep_what_is_right(text):
    assert fix(text) == text


def test_lone_function_words_map_to_their_function_word():
    assert set(LONE_FUNCTION_WORDS.values()) - FUNCTION_WORDS == {"số", "điều"}  # nouns that stand alone too
    assert "đây" not in FUNCTION_WORDS


def test_function_words_are_lower_case_syllables():
    assert all(w == w.lower() and " " not in w for w in FUNCTION_WORDS)
    assert {"tại", "trong", "tỉnh", "sáu", "bảy"} <= FUNCTION_WORDS


@pytest.mark.parametrize(
    ("base", "tone", "expected"),
    [
        ("hoa", "\u0301", "hóa"),  # two final vowels: the first (traditional placement)
        ("thuy", "\u0309", "thủy"),
        ("cua", "\u0309", "của"),
        ("hoang", "\u0300", "hoàng"),  # a final consonant: the second
        ("quy", "\u0301", "quý"),  # the u of qu- is the consonant's
        ("giưa", "\u0303", "giữa"),  # the i of gi- too
        ("ngươi", "\u0300", "người"),  # ươ: on the ơ
        ("quôc", "\u0301", "quốc"),  # a marked vowel takes it
        ("Hoa", "\u0300", "Hòa"),
        ("tôt", "", "tôt"),
        ("nh", "\u0301", "nh"),  # no vowel: unchanged
    ],
)
def test_tone_placement(base, tone, expected):
    assert place_tone(base, tone) == expected
    if tone and expected != base:
        assert split_tone(expected) == (base, tone)


def test_postcorrection_counts_tones_apart_and_records_them_as_provenance():
    words = tuple(
        Word(text, (i * 50, 0, i * 50 + 40, 20), 0.96, "tesseract")
        for i, text in enumerate(["Ngày", "17I06/2021", "các", "tô", "chức"])
    )
    blocks = (Block((Line(words),)),)

    fixed, digits, toned = postcorrect_blocks(blocks, digits=True, tones=True)
    out = fixed[0].lines[0].words
    assert [w.text for w in out] == ["Ngày", "17/06/2021", "các", "tổ", "chức"]
    assert (digits, toned) == (1, 1)
    assert out[3].engine == "tesseract" + TONES_ENGINE_SUFFIX
    assert out[3].bbox == words[3].bbox and out[3].confidence == words[3].confidence
    assert [w.engine for w in out if w.text != "tổ"] == ["tesseract"] * 4

    unchanged, digits, toned = postcorrect_blocks(blocks, digits=True, tones=False)
    assert [w.text for w in unchanged[0].lines[0].words][3] == "tô"
    assert toned == 0
