"""Typed errors raised by the storage package.

Callers (the flows) decide retry versus quarantine from the type alone, so no
minio, urllib3 or SQLAlchemy exception leaks out of ``storage``.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class of every storage failure: of the object store, and of the warehouse
    (:class:`WarehouseError`), which callers tell apart by type, never by message."""

    #: True when retrying the same call later may succeed.
    transient: bool = False


class ObjectNotFound(StoreError):
    """The bucket or the object does not exist."""


class StoreUnavailable(StoreError):
    """Connection refused, timeout, 5xx or database lock: try again later."""

    transient = True


class StoreAccessDenied(StoreError):
    """Wrong credentials or missing permission."""


class InvalidKey(StoreError):
    """A key or bucket name that is malformed or escapes its prefix."""


class KeyConflict(StoreError):
    """The key collides with an existing object or "directory".

    The JuiceFS gateway stores objects as files, so it cannot hold both ``a/b``
    and ``a/b/c``; it answers 500 for that, which is not worth retrying.
    """


class WarehouseError(StoreError):
    """A failure of the warehouse database (SQLite or PostgreSQL), not of the object store."""


class WarehouseUnavailable(WarehouseError):
    """Connection refused or lost, server restarting, lock timeout: try again later. The
    message names the database (``warehouse unavailable: <url without password>: …``)."""

    transient = True
