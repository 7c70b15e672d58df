"""The fast ListObjectsV2 reader (storage/listing.py): a recorded page replayed, and long
listings with odd keys against the real gateway, compared with minio-py's own reader."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from storage import listing
from storage.errors import StoreError
from storage.objectstore import ObjectStore

# A page as the JuiceFS gateway (MinIO's code) sends it, with encoding-type=url.
RECORDED_PAGE = b"""<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>sohoa</Name><Prefix>inbox%2F</Prefix><KeyCount>3</KeyCount><MaxKeys>2</MaxKeys><Delimiter>%2F</Delimiter><IsTruncated>true</IsTruncated><NextContinuationToken>aW5ib3gvYi5wZGY=</NextContinuationToken><EncodingType>url</EncodingType><Contents><Key>inbox%2FH%E1%BB%93+s%C6%A1+%231+%2520%2Bx.pdf</Key><LastModified>2026-11-28T16:11:26.749Z</LastModified><ETag>&#34;0a1b2c&#34;</ETag><Size>12</Size><StorageClass>STANDARD</StorageClass></Contents><Contents><Key>inbox%2Fctl%01char.png</Key><LastModified>2026-11-28T16:11:27.000Z</LastModified><ETag>&#34;ffee&#34;</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents><CommonPrefixes><Prefix>inbox%2FHS-001%2F</Prefix></CommonPrefixes></ListBucketResult>"""


def test_recorded_page_is_read_with_decoded_keys_etags_dates_and_token() -> None:
    page = listing.parse_page(RECORDED_PAGE)
    assert [e.key for e in page.objects] == ["inbox/Hồ sơ #1 %20+x.pdf", "inbox/ctl\x01char.png"]
    assert [e.etag for e in page.objects] == ["0a1b2c", "ffee"]
    assert [e.size for e in page.objects] == [12, 0]
    assert page.objects[0].last_modified == datetime(2026, 11, 28, 16, 11, 26, 749000, tzinfo=UTC)
    assert page.prefixes == ["inbox/HS-001/"]
    assert page.truncated and page.next_token == "aW5ib3gvYi5wZGY="
    assert listing._next_token(RECORDED_PAGE) == page.next_token


def test_a_page_that_is_not_xml_is_a_typed_store_error() -> None:
    with pytest.raises(StoreError, match="not a ListObjectsV2 answer"):
        listing.parse_page(b"<html><body>502 Bad Gateway</body>")


def test_three_pages_with_odd_keys_equal_minio_own_listing(s3_server, bucket: str) -> None:
    store: ObjectStore = s3_server.store
    odd = [
        "in/HS 001/Hồ sơ #1 %20+x.pdf",
        "in/a+b=c&d?e;f.tif",
        "in/100%/ổ ## ++.jpg",
        "in/ leading and trailing ",
        "in/<tag>&amp;.pdf",
    ]
    keys = odd + [f"in/HS-{n % 3:03d}/p{n:05d}.png" for n in range(2 * listing.PAGE_SIZE + 17)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda k: store.put(bucket, k, k.encode()[-7:]), keys))

    ours = [(o.key, o.etag, o.size, o.last_modified) for o in store.list(bucket, "in/")]
    theirs = [
        (o.object_name, o.etag.strip('"'), o.size, o.last_modified)
        for o in store._client.list_objects(bucket, prefix="in/", recursive=True)
    ]
    assert len(ours) == len(keys)
    assert ours == theirs  # same keys, same order, same ETags, sizes and dates
    assert sorted(store.list_prefixes(bucket, "in/")) == sorted(
        {"in/HS 001/", "in/100%/", "in/HS-000/", "in/HS-001/", "in/HS-002/"}
    )
