"""Where an object goes after processing: archive, quarantine, derivatives.

Originals are never overwritten (invariant 3): if a different version of the same file was
archived before, the new one gets the first 12 hex digits of its sha256 in its name. The rule
is deterministic, so a run that died between the warehouse commit and the move computes the
same key again and finishes the move.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import PurePosixPath

from storage.errors import InvalidKey
from storage.objectstore import Location, ObjectStore

SHA_META = "sohoa-sha256"  # object metadata key holding the content hash of an original


def dossier_code_of(relative_key: str) -> str:
    """The folder the archivist dropped the file in (``inbox/<dossier-code>/…``)."""
    head, sep, _ = relative_key.partition("/")
    return head if sep else "unfiled"


def unsafe_reason(settings, relative_key: str) -> str | None:
    """Why this inbox key cannot be mirrored under the other prefixes, or None if it can.

    Control characters, ``.``/``..`` segments and keys that grow past the 1024-byte S3 limit
    once another prefix and a suffix are added would let a key escape or break its prefix.
    """
    try:
        for role in ("archive", "quarantine", "derived"):
            settings.location(role).key(versioned(relative_key, "0" * 64) + ".reason.json")
    except InvalidKey as exc:
        return str(exc)
    return None


def unsafe_relative(sha256: str, relative_key: str) -> str:
    """A safe stand-in name for an unsafe key: content and key hashes (two keys with the same
    bytes stay two files, each with its own reason), and the extension if it is plain."""
    suffix = PurePosixPath(relative_key).suffix
    plain = suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,5}", suffix) else ""
    key_hash = hashlib.sha256(relative_key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"_unsafe-keys/{sha256[:20]}-{key_hash}{plain}"


def versioned(relative_key: str, sha256: str) -> str:
    path = PurePosixPath(relative_key)
    return str(path.with_name(f"{path.stem}.{sha256[:12]}{path.suffix}"))


def free_key(store: ObjectStore, location: Location, relative_key: str, sha256: str) -> str:
    """The key for this content under ``location``: the plain name unless another version holds it."""
    key = location.key(relative_key)
    if not store.exists(location.bucket, key):
        return key
    if store.stat(location.bucket, key).metadata.get(SHA_META) == sha256:
        return key  # this very content is already there: idempotent
    return location.key(versioned(relative_key, sha256))


def derived_keys(derived: Location, relative_key: str, sha256: str) -> dict[str, str]:
    base = versioned(relative_key, sha256)
    return {
        "json": derived.key(base + ".json"),
        "hocr": derived.key(base + ".hocr"),
        "pdf": derived.key(base + ".searchable.pdf"),
    }


def reason_document(
    *,
    source_bucket: str,
    source_key: str,
    etag: str,
    sha256: str | None,
    code: str,
    message: str,
    pipeline_version: str,
    quarantined_as: str,
) -> bytes:
    return json.dumps(
        {
            "source": {"bucket": source_bucket, "key": source_key, "etag": etag, "sha256": sha256},
            "quarantined_as": quarantined_as,
            "error": {"code": code, "message": message},
            "pipeline_version": pipeline_version,
            "at": datetime.now(UTC).isoformat(),
        },
        ensure_ascii=False,
        indent=2,
    ).encode("utf-8")
