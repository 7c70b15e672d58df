"""ListObjectsV2, page by page, read fast: a sweep lists 10^5 inbox objects every minute.

minio-py's ``list_objects`` parses each entry with namespaced XPath look-ups and
``strptime`` (~0.1 ms an object: 10 s of CPU for 100,000, on the core the S3 server
needs) and asks for the next page only after the caller has consumed this one. Here each
page's entries are read by a single pass over the XML, and the next page is requested
(its continuation token is near the top of the raw bytes) while this one is being parsed,
so the server and the parser work at the same time.

The request itself is minio-py's, signed and retried by its client (``_execute`` is its
internal entry point for a bucket-level GET; pinned in uv.lock, covered by the listing
tests).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote_plus
from xml.sax.saxutils import unescape

from minio import Minio

from storage.errors import StoreError

_NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"
_NEXT_TOKEN = re.compile(rb"<NextContinuationToken>([^<]+)</NextContinuationToken>")
PAGE_SIZE = 1000  # the S3 maximum


@dataclass(frozen=True)
class Entry:
    key: str
    etag: str
    size: int
    last_modified: datetime | None


@dataclass(frozen=True)
class Page:
    objects: list[Entry]
    prefixes: list[str]  # common prefixes ("folders") of a listing with a delimiter
    truncated: bool
    next_token: str | None


def _fetch(client: Minio, bucket: str, prefix: str, delimiter: str, token: str | None) -> bytes:
    query: dict[str, str | list[str] | tuple[str]] = {  # kiểu tham số truy vấn của chính minio
        "list-type": "2",
        "delimiter": delimiter,
        "encoding-type": "url",
        "max-keys": str(PAGE_SIZE),
        "prefix": prefix,
    }
    if token:
        query["continuation-token"] = token
    return client._execute("GET", bucket, query_params=query).data


def parse_page(data: bytes) -> Page:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:  # a proxy's error page, a cut-off answer
        raise StoreError(f"listing page is not a ListObjectsV2 answer: {exc}; starts {data[:80]!r}") from exc
    url_encoded = (root.findtext(_NS + "EncodingType") or "") == "url"

    def text(value: str | None) -> str:
        value = value or ""
        return unquote_plus(value) if url_encoded else value

    objects, prefixes = [], []
    truncated, token = False, None
    for element in root:
        tag = element.tag[len(_NS) :] if element.tag.startswith(_NS) else element.tag
        if tag == "Contents":
            fields = {child.tag[len(_NS) :]: child.text for child in element}
            key = text(fields.get("Key"))
            modified = fields.get("LastModified")
            objects.append(
                Entry(
                    key,
                    (fields.get("ETag") or "").strip('"'),
                    int(fields.get("Size") or 0),
                    datetime.fromisoformat(modified) if modified else None,
                )
            )
        elif tag == "CommonPrefixes":
            prefixes.append(text(element.findtext(_NS + "Prefix")))
        elif tag == "IsTruncated":
            truncated = (element.text or "").strip().lower() == "true"
        elif tag == "NextContinuationToken":
            token = element.text
    return Page(objects, prefixes, truncated, token)


def _next_token(data: bytes) -> str | None:
    """The continuation token of a raw page, without parsing it (it comes before the entries)."""
    if b"<IsTruncated>true</IsTruncated>" not in data:
        return None
    found = _NEXT_TOKEN.search(data)
    return unescape(found.group(1).decode()) if found else None


def pages(client: Minio, bucket: str, prefix: str = "", delimiter: str = "") -> Iterator[Page]:
    """Every page of the listing, the next one requested while the current one is parsed."""
    with ThreadPoolExecutor(1, thread_name_prefix="sohoa-list") as prefetch:
        pending: Future[bytes] | None = prefetch.submit(_fetch, client, bucket, prefix, delimiter, None)
        while pending is not None:
            data = pending.result()
            token = _next_token(data)
            pending = prefetch.submit(_fetch, client, bucket, prefix, delimiter, token) if token else None
            page = parse_page(data)
            if page.truncated and pending is None:
                if not page.next_token:
                    raise StoreError(
                        f"s3://{bucket}/{prefix}: a truncated listing page without a continuation token"
                    )
                pending = prefetch.submit(_fetch, client, bucket, prefix, delimiter, page.next_token)
            yield page
