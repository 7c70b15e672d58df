"""Object keys and bucket locations, validated before they reach the server.

Keys come from archivists' folder names, so they are checked here: a key must not
climb out of the prefix it is joined to, and must survive the round trip through a
filesystem-backed gateway (JuiceFS maps ``/`` to directories, so empty or ``.``
segments would be silently normalized away).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.errors import InvalidKey

MAX_KEY_BYTES = 1024  # S3 limit on a full object key, in UTF-8 bytes
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_IPV4 = re.compile(r"^\d+\.\d+\.\d+\.\d+$")


def _utf8_len(text: str) -> int:
    try:
        return len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:  # lone surrogates cannot be sent at all
        raise InvalidKey(f"key is not valid Unicode: {text!r}") from exc


def _check_segments(text: str, what: str) -> None:
    if _CONTROL.search(text):
        raise InvalidKey(f"{what} contains a control character: {text!r}")
    if text.startswith("/"):
        raise InvalidKey(f"{what} must not start with '/': {text!r}")
    for segment in text.split("/"):
        if segment in ("", ".", ".."):
            raise InvalidKey(f"{what} has an empty, '.' or '..' segment: {text!r}")


def safe_key(relative: str) -> str:
    """Return ``relative`` unchanged if it is a safe object key, else raise InvalidKey.

    Rejected: empty keys, a leading ``/``, ``..``/``.``/empty segments (this also
    rejects a trailing ``/``), control characters, more than 1024 UTF-8 bytes.
    Spaces, Vietnamese letters, ``#``, ``%``, ``+`` are fine (the SDK escapes them).
    The key is not Unicode-normalized: NFC and NFD spellings are different objects.
    """
    if not isinstance(relative, str) or not relative:
        raise InvalidKey(f"empty or non-string key: {relative!r}")
    if _utf8_len(relative) > MAX_KEY_BYTES:
        raise InvalidKey(f"key longer than {MAX_KEY_BYTES} UTF-8 bytes")
    _check_segments(relative, "key")
    return relative


def check_bucket(name: str) -> str:
    """Validate an S3 bucket name (3-63 lowercase letters, digits, '.', '-')."""
    if not isinstance(name, str) or not _BUCKET.match(name) or ".." in name or _IPV4.match(name):
        raise InvalidKey(f"invalid bucket name: {name!r}")
    return name


@dataclass(frozen=True)
class Location:
    """A bucket plus a key prefix, written ``bucket/prefix/`` in settings."""

    bucket: str
    prefix: str  # "" or ends with "/"

    def __post_init__(self) -> None:
        check_bucket(self.bucket)
        if self.prefix:
            if not self.prefix.endswith("/"):
                raise InvalidKey(f"prefix must end with '/': {self.prefix!r}")
            _check_segments(self.prefix[:-1], "prefix")

    @classmethod
    def parse(cls, text: str) -> Location:
        """Parse ``"sohoa/inbox/"``, ``"sohoa/inbox"``, ``"sohoa"`` or ``"s3://sohoa/inbox/"``."""
        body = text.strip()
        if body.startswith("s3://"):
            body = body[len("s3://") :]
        bucket, _, prefix = body.partition("/")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        return cls(bucket=bucket, prefix=prefix)

    def key(self, relative: str) -> str:
        """Join a relative key under the prefix; raises InvalidKey if it could escape."""
        full = self.prefix + safe_key(relative)
        if _utf8_len(full) > MAX_KEY_BYTES:
            raise InvalidKey(f"key longer than {MAX_KEY_BYTES} UTF-8 bytes")
        return full

    def relative(self, key: str) -> str:
        """Inverse of :meth:`key`; raises InvalidKey for a key outside the prefix."""
        if not key.startswith(self.prefix) or len(key) == len(self.prefix):
            raise InvalidKey(f"key {key!r} is not under {self}")
        return key[len(self.prefix) :]

    def child(self, sub: str) -> Location:
        """A sub-location, e.g. ``Location.parse("sohoa/inbox/").child("HS-001")``."""
        return Location(self.bucket, self.prefix + safe_key(sub.rstrip("/")) + "/")

    def __str__(self) -> str:
        return f"{self.bucket}/{self.prefix}"
