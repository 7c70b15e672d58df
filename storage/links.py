"""Time-limited links to stored objects (page images for auditors' reports)."""

from __future__ import annotations

from datetime import timedelta

from storage.errors import StoreError
from storage.objectstore import ObjectStore


def presigned_get(store: ObjectStore, bucket: str, key: str, *, expires: timedelta = timedelta(days=7)) -> str:
    """A presigned GET URL (S3 signature v4, computed locally: no request is made)."""
    try:
        return store.presigned_get_url(bucket, key, expires)
    except Exception as exc:  # bad key or credentials: the caller falls back to s3://
        raise StoreError(f"cannot sign s3://{bucket}/{key}: {exc}") from exc
