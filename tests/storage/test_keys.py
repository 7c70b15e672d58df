"""Key validation and bucket locations (no server needed)."""

from __future__ import annotations

import pytest

from storage.errors import InvalidKey, StoreError, StoreUnavailable
from storage.objectstore import Location, safe_key

ODD_BUT_SAFE = [
    "inbox/HS-001/Hồ sơ #1 %20+x.pdf",
    "a b/c  d.tif",
    "giấy chứng nhận/quyền sử dụng đất.png",
    "x+y=z&q?.jpg",
    "trailing space ",
    "é" * 512,  # exactly 1024 UTF-8 bytes
]

ESCAPES = [
    "",
    "/etc/passwd",
    "../outside.pdf",
    "inbox/../../secret",
    "a/./b",
    "a//b",
    "dir/",
    "nul\x00byte",
    "new\nline",
    "tab\there",
    "del\x7f",
    "c1\x85control",
    "x" * 1025,
    "é" * 513,  # 1026 UTF-8 bytes
    "lone\ud800surrogate",
]


@pytest.mark.parametrize("key", ODD_BUT_SAFE)
def test_safe_key_keeps_odd_keys_unchanged(key: str) -> None:
    assert safe_key(key) == key


@pytest.mark.parametrize("key", ESCAPES)
def test_safe_key_rejects_escapes(key: str) -> None:
    with pytest.raises(InvalidKey):
        safe_key(key)


@pytest.mark.parametrize(
    ("text", "bucket", "prefix"),
    [
        ("sohoa/inbox/", "sohoa", "inbox/"),
        ("sohoa/inbox", "sohoa", "inbox/"),
        ("sohoa", "sohoa", ""),
        ("sohoa/", "sohoa", ""),
        ("s3://sohoa/inbox/2025/", "sohoa", "inbox/2025/"),
        ("  sohoa/hồ sơ/ ", "sohoa", "hồ sơ/"),
    ],
)
def test_location_parse(text: str, bucket: str, prefix: str) -> None:
    loc = Location.parse(text)
    assert (loc.bucket, loc.prefix) == (bucket, prefix)


@pytest.mark.parametrize("text", ["ab", "Sohoa/inbox/", "bad_bucket/x/", "sohoa/../x/", "sohoa//x/"])
def test_location_parse_rejects_bad_bucket_or_prefix(text: str) -> None:
    with pytest.raises(InvalidKey):
        Location.parse(text)


def test_location_key_and_relative_are_inverse() -> None:
    loc = Location.parse("sohoa/inbox/")
    key = loc.key("HS-001/Hồ sơ #1.pdf")
    assert key == "inbox/HS-001/Hồ sơ #1.pdf"
    assert loc.relative(key) == "HS-001/Hồ sơ #1.pdf"
    assert Location.parse("sohoa").key("a.pdf") == "a.pdf"
    assert str(loc.child("HS-001")) == "sohoa/inbox/HS-001/"


@pytest.mark.parametrize("relative", ["../processed/x.pdf", "/x.pdf", "a/../../b"])
def test_location_key_refuses_to_escape_its_prefix(relative: str) -> None:
    with pytest.raises(InvalidKey):
        Location.parse("sohoa/inbox/").key(relative)


def test_location_key_counts_prefix_in_length_limit() -> None:
    loc = Location.parse("sohoa/inbox/")
    loc.key("x" * (1024 - len("inbox/")))
    with pytest.raises(InvalidKey):
        loc.key("x" * (1025 - len("inbox/")))


@pytest.mark.parametrize("key", ["processed/x.pdf", "inbox/", "inboxx/a"])
def test_location_relative_rejects_keys_outside(key: str) -> None:
    with pytest.raises(InvalidKey):
        Location.parse("sohoa/inbox/").relative(key)


def test_error_hierarchy_and_transience() -> None:
    assert issubclass(InvalidKey, StoreError)
    assert StoreUnavailable("x").transient is True
    assert InvalidKey("x").transient is False
