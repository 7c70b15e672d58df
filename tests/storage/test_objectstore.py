"""ObjectStore against a real JuiceFS S3 gateway."""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storage import localserver
from storage.errors import (
    InvalidKey,
    KeyConflict,
    ObjectNotFound,
    StoreAccessDenied,
    StoreUnavailable,
)
from storage.objectstore import ObjectStore

ODD_KEYS = [
    "inbox/HS 001/Hồ sơ #1 %20+x.pdf",
    "inbox/giấy chứng nhận quyền sử dụng đất.png",
    "inbox/a+b=c&d?e;f.tif",
    "inbox/100%/ổ ## ++.jpg",
    "inbox/ leading and trailing ",
]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_put_stat_get_list_delete(s3_server, bucket: str) -> None:
    store: ObjectStore = s3_server.store
    info = store.put(bucket, "inbox/HS-001/a.pdf", b"%PDF-1.7 one", content_type="application/pdf")
    store.put(bucket, "inbox/HS-002/b.png", b"png bytes", content_type="image/png")
    store.put(bucket, "other/c.txt", b"c", content_type="text/plain")

    assert info.size == 12 and info.etag == hashlib.md5(b"%PDF-1.7 one").hexdigest()
    st = store.stat(bucket, "inbox/HS-001/a.pdf")
    assert (st.etag, st.size, st.content_type) == (info.etag, 12, "application/pdf")
    assert st.last_modified is not None and st.last_modified.tzinfo is not None
    assert store.get(bucket, "inbox/HS-001/a.pdf") == b"%PDF-1.7 one"
    assert store.exists(bucket, "inbox/HS-002/b.png")

    listed = {o.key: o for o in store.list(bucket, "inbox/")}
    assert set(listed) == {"inbox/HS-001/a.pdf", "inbox/HS-002/b.png"}
    assert listed["inbox/HS-001/a.pdf"].etag == info.etag
    assert list(store.list(bucket, "inbox/", recursive=False)) == []  # only "directories" there
    assert sorted(store.list_prefixes(bucket, "inbox/")) == ["inbox/HS-001/", "inbox/HS-002/"]

    store.delete(bucket, "inbox/HS-001/a.pdf")
    assert not store.exists(bucket, "inbox/HS-001/a.pdf")
    store.delete(bucket, "inbox/HS-001/a.pdf")  # deleting twice is not an error
    assert [o.key for o in store.list(bucket)] == ["inbox/HS-002/b.png", "other/c.txt"]


def test_ensure_bucket_is_idempotent(s3_server, bucket: str) -> None:
    s3_server.store.ensure_bucket(bucket)
    s3_server.store.put(bucket, "k", b"v")
    s3_server.store.ensure_bucket(bucket)
    assert s3_server.store.get(bucket, "k") == b"v"


def test_copy_is_server_side_and_keeps_bytes(s3_server, bucket: str) -> None:
    store: ObjectStore = s3_server.store
    data = bytes(range(256)) * 4096  # 1 MiB, not text
    src = store.put(
        bucket,
        "inbox/HS-001/scan.tif",
        data,
        content_type="image/tiff",
        metadata={"dossier": "HS-001"},
    )
    kept = store.copy(bucket, "inbox/HS-001/scan.tif", bucket, "processed/HS-001/scan.tif")
    assert sha(store.get(bucket, "processed/HS-001/scan.tif")) == sha(data)
    assert kept.size == src.size and kept.etag == src.etag
    assert kept.content_type == "image/tiff" and kept.metadata == {"dossier": "HS-001"}

    replaced = store.copy(
        bucket,
        "inbox/HS-001/scan.tif",
        bucket,
        "archive/HS-001/scan.tif",
        metadata={"sha256": sha(data), "source": "inbox/HS-001/scan.tif"},
    )
    assert replaced.metadata == {"sha256": sha(data), "source": "inbox/HS-001/scan.tif"}
    assert replaced.content_type == "image/tiff"  # REPLACE would drop it unless resent
    assert sha(store.get(bucket, "archive/HS-001/scan.tif")) == sha(data)
    # the original is untouched
    assert store.stat(bucket, "inbox/HS-001/scan.tif").metadata == {"dossier": "HS-001"}


def test_copy_across_buckets(s3_server, bucket: str) -> None:
    store: ObjectStore = s3_server.store
    other = bucket[:-1] + ("x" if bucket[-1] != "x" else "y")
    store.ensure_bucket(other)
    store.put(bucket, "a/b.pdf", b"abc", content_type="application/pdf")
    store.copy(bucket, "a/b.pdf", other, "a/b.pdf")
    assert store.get(other, "a/b.pdf") == b"abc"


@pytest.mark.parametrize("key", ODD_KEYS)
def test_odd_keys_round_trip(s3_server, bucket: str, key: str, tmp_path: Path) -> None:
    store: ObjectStore = s3_server.store
    payload = key.encode("utf-8")
    store.put(bucket, key, payload, content_type="application/octet-stream")
    assert store.get(bucket, key) == payload
    assert [o.key for o in store.list(bucket, "inbox/")] == [key]
    assert store.stat(bucket, key).size == len(payload)
    copied = store.copy(bucket, key, bucket, "processed/" + key.removeprefix("inbox/"))
    assert store.get(bucket, copied.key) == payload
    store.download(bucket, key, tmp_path / "out.bin")
    assert (tmp_path / "out.bin").read_bytes() == payload


def test_nfc_and_nfd_keys_are_different_objects(s3_server, bucket: str) -> None:
    nfc = unicodedata.normalize("NFC", "inbox/Hồ sơ.pdf")
    nfd = unicodedata.normalize("NFD", "inbox/Hồ sơ.pdf")
    s3_server.store.put(bucket, nfc, b"nfc")
    s3_server.store.put(bucket, nfd, b"nfd")
    assert s3_server.store.get(bucket, nfc) == b"nfc"
    assert s3_server.store.get(bucket, nfd) == b"nfd"
    assert sorted(o.key for o in s3_server.store.list(bucket)) == sorted([nfc, nfd])


def test_non_ascii_metadata_round_trips(s3_server, bucket: str) -> None:
    meta = {"original-name": "Giấy khai sinh.pdf", "dossier": "HS-001"}
    info = s3_server.store.put(bucket, "k.pdf", b"x", metadata=meta)
    assert info.metadata == meta
    assert s3_server.store.stat(bucket, "k.pdf").metadata == meta


def test_download_streams_to_file_atomically(s3_server, bucket: str, tmp_path: Path) -> None:
    data = b"\x00\xff" * 700_000  # more than one stream chunk
    s3_server.store.put(bucket, "big.bin", data)
    target = tmp_path / "sub" / "big.bin"
    s3_server.store.download(bucket, "big.bin", target)
    assert sha(target.read_bytes()) == sha(data)
    with pytest.raises(ObjectNotFound):
        s3_server.store.download(bucket, "missing.bin", tmp_path / "missing.bin")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["big.bin", "sub"]  # no partial files


def test_missing_objects_and_buckets_raise_object_not_found(s3_server, bucket: str) -> None:
    store: ObjectStore = s3_server.store
    with pytest.raises(ObjectNotFound):
        store.get(bucket, "nope.pdf")
    with pytest.raises(ObjectNotFound):
        store.stat(bucket, "nope.pdf")
    with pytest.raises(ObjectNotFound, match=r"nope\.pdf"):
        store.copy(bucket, "nope.pdf", bucket, "dst.pdf")
    with pytest.raises(ObjectNotFound):
        store.get("no-such-bucket-sohoa", "x")
    with pytest.raises(ObjectNotFound):
        list(store.list("no-such-bucket-sohoa"))
    assert not store.exists(bucket, "nope.pdf")


def test_wrong_credentials_raise_access_denied(s3_server, bucket: str) -> None:
    s3_server.store.put(bucket, "k", b"v")
    intruder = ObjectStore(s3_server.endpoint, s3_server.access_key, "wrong-secret-123")
    with pytest.raises(StoreAccessDenied):
        intruder.get(bucket, "k")
    with pytest.raises(StoreAccessDenied):
        intruder.put(bucket, "k2", b"v")
    assert not s3_server.store.exists(bucket, "k2")


def test_file_directory_clash_is_a_key_conflict_not_transient(s3_server, bucket: str) -> None:
    # JuiceFS answers 500 ("not a directory") here; it must not look retryable.
    s3_server.store.put(bucket, "a/b", b"file")
    with pytest.raises(KeyConflict) as caught:
        s3_server.store.put(bucket, "a/b/c", b"nested")
    assert caught.value.transient is False
    with pytest.raises(KeyConflict):
        s3_server.store.put(bucket, "a", b"parent")


@pytest.mark.parametrize("key", ["../x", "/abs", "a//b", "a\x00b", "dir/"])
def test_put_and_copy_reject_unsafe_keys(s3_server, bucket: str, key: str) -> None:
    with pytest.raises(InvalidKey):
        s3_server.store.put(bucket, key, b"x")
    s3_server.store.put(bucket, "ok", b"x")
    with pytest.raises(InvalidKey):
        s3_server.store.copy(bucket, "ok", bucket, key)


def test_invalid_bucket_names_and_metadata_names(s3_server) -> None:
    with pytest.raises(InvalidKey):
        s3_server.store.ensure_bucket("Bad_Bucket")
    with pytest.raises(InvalidKey):
        s3_server.store.put("ok-bucket", "k", b"x", metadata={"bad name": "v"})


def test_stopped_server_raises_store_unavailable(tmp_path: Path) -> None:
    cfg = localserver.LocalServerConfig(data_dir=tmp_path / "gw", port=localserver.free_port())
    localserver.start(cfg)
    store = ObjectStore(cfg.endpoint, cfg.access_key, cfg.secret_key, retries=1)
    try:
        store.ensure_bucket("short-lived")
        store.put("short-lived", "k", b"v")
        assert store.healthy()
    finally:
        assert localserver.stop(cfg) is True
    assert not store.healthy()
    with pytest.raises(StoreUnavailable) as caught:
        store.get("short-lived", "k")
    assert caught.value.transient is True
    with pytest.raises(StoreUnavailable):
        list(store.list("short-lived"))
    with pytest.raises(StoreUnavailable):
        store.put("short-lived", "k2", b"v")


class _FailingS3(BaseHTTPRequestHandler):
    """An upstream that always fails: 500 with an S3 XML error, or 503 with no body.

    The real gateway cannot be made to produce a generic 5xx on demand, so this tiny
    HTTP server stands in for a sick upstream (the SDK and urllib3 stay real).
    """

    hits = 0

    def _fail(self) -> None:
        type(self).hits += 1
        if self.path.endswith("/five-hundred"):
            body = (
                b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code>'
                b"<Message>We encountered an internal error.</Message></Error>"
            )
            self.send_response(500)
            self.send_header("Content-Type", "application/xml")
        else:
            body = b""
            self.send_response(503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_HEAD = _fail

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def failing_upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FailingS3)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    _FailingS3.hits = 0
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_server_errors_are_transient_store_unavailable(failing_upstream: str) -> None:
    store = ObjectStore(failing_upstream, "sohoa", "sohoa-dev-secret", retries=1)
    with pytest.raises(StoreUnavailable, match="InternalError"):
        store.get("bkt", "five-hundred")
    assert _FailingS3.hits == 1  # a 500 is not retried blindly (it may be a KeyConflict)
    with pytest.raises(StoreUnavailable, match="503"):
        store.stat("bkt", "overloaded")
    assert _FailingS3.hits == 1 + 2  # 503 is retried, then reported
    assert not store.healthy()
