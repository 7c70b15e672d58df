"""A thin client over the ``minio`` SDK that speaks plain values and typed errors.

Works against MinIO in production and the JuiceFS S3 gateway in dev/tests. Every
minio/urllib3 exception is translated to :mod:`storage.errors`, so callers can tell
"retry later" (``StoreUnavailable``) from "quarantine" (anything else).
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import urllib3
from minio import Minio
from minio.commonconfig import COPY, REPLACE, CopySource
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError
from minio.helpers import DictType

from storage import listing
from storage.errors import (
    InvalidKey,
    KeyConflict,
    ObjectNotFound,
    StoreAccessDenied,
    StoreError,
    StoreUnavailable,
)
from storage.keys import Location, check_bucket, safe_key

__all__ = ["Location", "ObjectInfo", "ObjectStore", "VersionChanged", "safe_key"]


class VersionChanged(StoreError):
    """The key now holds another version than the one asked for (its ETag changed): the
    object was replaced since it was listed. Not transient: the old version is gone."""


_NOT_FOUND = {"NoSuchKey", "NoSuchBucket", "NoSuchObject", "NoSuchVersion", "ResourceNotFound"}
_DENIED = {
    "AccessDenied",
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "InvalidToken",
    "ExpiredToken",
    "AllAccessDisabled",
    "AccountProblem",
}
_BUSY = {"ServiceUnavailable", "SlowDown", "RequestTimeout", "XMinioServerNotInitialized"}
# MinIO's own codes, and the causes JuiceFS puts in a 500 for the same file/directory clash.
_CONFLICT_CODES = {"XMinioParentIsObject", "XMinioObjectExistsAsDirectory"}
_CONFLICT_CAUSES = ("not a directory", "is a directory", "file exists")
_META_PREFIX = "x-amz-meta-"
_META_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_RFC2047 = re.compile(r"^=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=$")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ObjectInfo:
    bucket: str
    key: str
    etag: str
    size: int
    last_modified: datetime | None
    version_id: str | None = None
    # Kept out of the hash so ObjectInfo stays usable in sets and as a dict key.
    metadata: dict[str, str] = field(default_factory=dict, hash=False)
    content_type: str | None = None


def _translate(exc: BaseException, bucket: str, key: str | None) -> StoreError:
    where = f"{bucket}/{key}" if key is not None else bucket
    if isinstance(exc, S3Error):
        code = exc.code or ""
        status = exc.response.status if exc.response is not None else 0
        detail = f"{where}: {code}: {exc.message}"
        if code in _NOT_FOUND:
            return ObjectNotFound(detail)
        if code == "PreconditionFailed" or status == 412:  # If-Match on another ETag
            return VersionChanged(detail)
        if code in _DENIED or status == 403:
            return StoreAccessDenied(detail)
        if code in _CONFLICT_CODES or (
            code == "InternalError" and any(c in (exc.message or "") for c in _CONFLICT_CAUSES)
        ):
            return KeyConflict(detail)
        if code in _BUSY or status >= 500:
            return StoreUnavailable(detail)
        if code == "InvalidBucketName":
            return InvalidKey(detail)
        return StoreError(detail)
    if isinstance(exc, ServerError):
        if exc.status_code == 404:  # HEAD has no body, so no code
            return ObjectNotFound(f"{where}: HTTP 404")
        if exc.status_code == 403:
            return StoreAccessDenied(f"{where}: HTTP 403")
        if exc.status_code == 412:
            return VersionChanged(f"{where}: HTTP 412 (another version)")
        if exc.status_code >= 500:
            return StoreUnavailable(f"{where}: HTTP {exc.status_code}")
        return StoreError(f"{where}: {exc}")
    if isinstance(exc, InvalidResponseError):
        status = getattr(exc, "_code", 0) or 0
        cls = StoreUnavailable if status >= 500 else StoreError
        return cls(f"{where}: {exc}")
    if isinstance(exc, (urllib3.exceptions.HTTPError, OSError)):
        # Connection refused, reset, timeouts, and retries exhausted on 5xx.
        return StoreUnavailable(f"{where}: {exc}")
    if isinstance(exc, ValueError):  # the SDK's own argument checks
        return InvalidKey(f"{where}: {exc}")
    return StoreError(f"{where}: {exc}")


@contextmanager
def _mapped(bucket: str, key: str | None = None) -> Iterator[None]:
    try:
        yield
    except StoreError:
        raise
    except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
        raise _translate(exc, bucket, key) from exc


def _encode_metadata(metadata: Mapping[str, str] | None) -> DictType:
    """Prefix user metadata; non-ASCII values go as RFC 2047 (what AWS does too)."""
    headers: DictType = {}
    for name, value in (metadata or {}).items():
        lowered = name.lower()
        if not _META_KEY.match(lowered):
            raise InvalidKey(f"metadata name must be [a-z0-9_-]: {name!r}")
        text = str(value)
        if not text.isascii() or any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
            text = "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="
        headers[_META_PREFIX + lowered] = text
    return headers


def _decode_metadata(headers: Mapping[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in (headers or {}).items():
        lowered = name.lower()
        if not lowered.startswith(_META_PREFIX):
            continue
        if not isinstance(value, str):  # a repeated header arrives as a list
            value = ",".join(value)
        match = _RFC2047.match(value)
        if match:
            with suppress(binascii.Error, UnicodeDecodeError):  # not ours: keep the raw header
                value = base64.b64decode(match.group(1), validate=True).decode("utf-8")
        out[lowered[len(_META_PREFIX) :]] = value
    return out


class ObjectStore:
    """S3 operations on one endpoint (``host:port``)."""

    def __init__(
        self,
        endpoint: str,
        access_key: str,
        secret_key: str,
        *,
        secure: bool = False,
        region: str = "us-east-1",
        retries: int = 3,
        timeout: float = 60.0,
    ) -> None:
        for scheme, is_secure in (("http://", False), ("https://", True)):
            if endpoint.startswith(scheme):
                endpoint, secure = endpoint[len(scheme) :].rstrip("/"), is_secure
        self.endpoint = endpoint
        self.secure = secure
        self.region = region
        # minio-py's default client retries 500 five times (~6 s) and then raises a bare
        # MaxRetryError, losing the reason. Here 500 is not retried at this level: JuiceFS
        # uses it for a deterministic file/directory clash (KeyConflict), and other 500s
        # surface at once as StoreUnavailable for the caller's own retry policy. Gateway
        # and overload answers (502-504) and connection errors are retried here, and
        # raise_on_status=False lets the SDK still parse the last answer's error code.
        self._http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=min(10.0, timeout), read=timeout),
            maxsize=10,
            retries=urllib3.Retry(
                total=retries,
                backoff_factor=0.2,
                status_forcelist=[502, 503, 504],
                raise_on_status=False,
            ),
        )
        self._client = Minio(
            endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=secure,
            region=region,  # saves a GetBucketLocation round trip per bucket
            http_client=self._http,
        )

    def __repr__(self) -> str:
        return f"ObjectStore({self.endpoint!r}, secure={self.secure})"

    # -- buckets -----------------------------------------------------------------

    def ensure_bucket(self, bucket: str) -> None:
        check_bucket(bucket)
        with _mapped(bucket):
            if self._client.bucket_exists(bucket):
                return
            try:
                self._client.make_bucket(bucket, location=self.region)
            except S3Error as exc:
                # Another process created it between our check and our call.
                if exc.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                    raise

    # -- reading -----------------------------------------------------------------

    def list(self, bucket: str, prefix: str = "", *, recursive: bool = True) -> Iterator[ObjectInfo]:
        """Objects under ``prefix``; "directories" of a non-recursive listing are skipped
        (see :meth:`list_prefixes`). Listings carry no user metadata."""
        check_bucket(bucket)
        with _mapped(bucket, prefix):
            for page in listing.pages(self._client, bucket, prefix, "" if recursive else "/"):
                yield from (_listed(bucket, e) for e in page.objects if not e.key.endswith("/"))

    def list_prefixes(self, bucket: str, prefix: str = "") -> Iterator[str]:
        """The immediate sub-prefixes (ending in "/") under ``prefix``, e.g. dossier folders."""
        check_bucket(bucket)
        with _mapped(bucket, prefix):
            for page in listing.pages(self._client, bucket, prefix, "/"):
                yield from page.prefixes

    def listen(
        self, bucket: str, prefix: str = "", *, events: tuple[str, ...] = ("s3:ObjectCreated:*",)
    ) -> Iterator[tuple[str, str]]:
        """Bucket notifications as they happen: yields (event name, object key).

        MinIO's listen API (the local JuiceFS gateway speaks it too). Lossy by nature: what
        happens while nobody listens is never delivered, so the polling sweep stays on.
        The iterator ends when the server closes the stream; the caller reconnects.
        """
        check_bucket(bucket)
        with (
            _mapped(bucket, prefix),
            self._client.listen_bucket_notification(bucket, prefix=prefix, events=events) as stream,
        ):
            for event in stream:
                for record in event.get("Records") or ():
                    key = record.get("s3", {}).get("object", {}).get("key")
                    if key:
                        yield record.get("eventName", ""), key

    def stat(self, bucket: str, key: str) -> ObjectInfo:
        check_bucket(bucket)
        with _mapped(bucket, key):
            st = self._client.stat_object(bucket, key)
        return ObjectInfo(
            bucket=bucket,
            key=key,
            etag=(st.etag or "").strip('"'),
            size=st.size or 0,
            last_modified=st.last_modified,
            version_id=st.version_id,
            metadata=_decode_metadata(st.metadata),
            content_type=st.content_type,
        )

    def exists(self, bucket: str, key: str) -> bool:
        try:
            self.stat(bucket, key)
        except ObjectNotFound:
            return False
        return True

    def get(self, bucket: str, key: str, *, etag: str | None = None) -> bytes:
        """The object's bytes; with ``etag``, only that version (``If-Match``), else
        :class:`VersionChanged`."""
        check_bucket(bucket)
        headers: DictType | None = {"If-Match": f'"{etag}"'} if etag else None
        with _mapped(bucket, key):
            response = self._client.get_object(bucket, key, request_headers=headers)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

    def download(self, bucket: str, key: str, path: Path) -> None:
        """Stream to ``path`` through a temp file, so a failed download leaves no partial file."""
        check_bucket(bucket)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with _mapped(bucket, key):
            response = self._client.get_object(bucket, key)
        fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=path.parent)
        try:
            expected = int(response.headers.get("content-length", "-1"))
            written = 0
            with os.fdopen(fd, "wb") as out:
                for chunk in self._chunks(response, bucket, key):
                    out.write(chunk)
                    written += len(chunk)
            if expected >= 0 and written != expected:
                raise StoreUnavailable(f"{bucket}/{key}: got {written} of {expected} bytes")
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        finally:
            response.close()
            response.release_conn()

    @staticmethod
    def _chunks(response: urllib3.BaseHTTPResponse, bucket: str, key: str) -> Iterator[bytes]:
        # Network errors mid-body are mapped here; local disk errors stay OSError.
        with _mapped(bucket, key):
            yield from response.stream(_CHUNK)

    # -- writing -----------------------------------------------------------------

    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        metadata: dict[str, str] | None = None,
    ) -> ObjectInfo:
        check_bucket(bucket)
        safe_key(key)
        headers = _encode_metadata(metadata)
        with _mapped(bucket, key):
            result = self._client.put_object(
                bucket,
                key,
                io.BytesIO(data),
                len(data),
                content_type=content_type,
                metadata=headers or None,
            )
        return ObjectInfo(
            bucket=bucket,
            key=key,
            etag=(result.etag or "").strip('"'),
            size=len(data),
            last_modified=result.last_modified,
            version_id=result.version_id,
            metadata=_decode_metadata(headers),
            content_type=content_type,
        )

    def copy(
        self,
        src_bucket: str,
        src_key: str,
        dst_bucket: str,
        dst_key: str,
        *,
        metadata: dict[str, str] | None = None,
        match_etag: str | None = None,
    ) -> ObjectInfo:
        """Server-side copy: the bytes never pass through this process.

        Without ``metadata`` the source's metadata and content type are kept; with it,
        the metadata is replaced and the content type still kept. With ``match_etag`` the
        copy happens only if the source is still that version (``x-amz-copy-source-if-match``),
        else :class:`VersionChanged`.
        """
        check_bucket(src_bucket)
        check_bucket(dst_bucket)
        safe_key(dst_key)
        headers: DictType | None = None
        directive = COPY
        if metadata is not None:
            source = self.stat(src_bucket, src_key)
            # REPLACE drops the content type too unless it is sent again.
            headers = {"Content-Type": source.content_type or "application/octet-stream"}
            headers.update(_encode_metadata(metadata))
            directive = REPLACE
        with _mapped(dst_bucket, dst_key):
            try:
                self._client.copy_object(
                    dst_bucket,
                    dst_key,
                    CopySource(src_bucket, src_key, match_etag=match_etag or None),
                    metadata=headers,
                    metadata_directive=directive,
                )
            except S3Error as exc:
                if exc.code in _NOT_FOUND or exc.code == "PreconditionFailed":  # the source's fault
                    raise _translate(exc, src_bucket, src_key) from exc
                raise
        return self.stat(dst_bucket, dst_key)

    def delete(self, bucket: str, key: str, *, etag: str | None = None) -> bool:
        """Delete an object; deleting a missing object is not an error (S3 semantics).

        With ``etag``, only that version: if the key holds another version now (replaced
        since it was read) it is kept and False is returned. S3 has no conditional delete
        here, so this is a check then a delete; the window between the two is one round trip.
        """
        check_bucket(bucket)
        if etag is not None:
            try:
                if self.stat(bucket, key).etag != etag:
                    return False
            except ObjectNotFound:
                return True
        with _mapped(bucket, key):
            self._client.remove_object(bucket, key)
        return True

    # -- health ------------------------------------------------------------------

    def presigned_get_url(self, bucket: str, key: str, expires: timedelta) -> str:
        """A presigned GET URL (S3 signature v4, computed locally: no request is made)."""
        return self._client.presigned_get_object(bucket, key, expires=expires)

    def healthy(self, timeout: float = 2.0) -> bool:
        """True when the server's liveness endpoint answers 200; never raises."""
        return probe_live(self.endpoint, secure=self.secure, timeout=timeout)


def _listed(bucket: str, entry: listing.Entry) -> ObjectInfo:
    return ObjectInfo(
        bucket=bucket, key=entry.key, etag=entry.etag, size=entry.size, last_modified=entry.last_modified
    )


def probe_live(endpoint: str, *, secure: bool = False, timeout: float = 2.0) -> bool:
    """GET ``/minio/health/live`` once, without retries."""
    url = f"{'https' if secure else 'http'}://{endpoint}/minio/health/live"
    try:
        response = urllib3.request("GET", url, timeout=timeout, retries=False, redirect=False)
    except (urllib3.exceptions.HTTPError, OSError):
        return False
    return response.status == 200
