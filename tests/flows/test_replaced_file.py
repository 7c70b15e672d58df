"""An archivist replaces a file while the sweep works on it.

The replacement is real (a second PUT to the same key on the real gateway); only its moment
is chosen by the test, through a fault point of the sweep (flows/faults.py ``hooked``): after
the claim and before the read, during OCR, just before the warehouse commit, and between the
commit and the move of the original.

Expected: each content version ends exactly once. The version read is processed and archived
under the plain name; the newer one stays in the inbox (never deleted by the move of the old
one), is processed by the next sweep, supersedes the first document by a link (the first row
stays) and is archived beside it as ``name.<sha12>.ext``. A version replaced before it could
be read is gone from the store (no versioning): its ledger row ends quarantined with the
reason ``version_gone``, and its name is not used for the newer bytes.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import select

from flows import faults
from flows.sweep import run_sweep
from flows.warehouse import open_warehouse
from storage.errors import ObjectNotFound
from storage.objectstore import VersionChanged
from storage.warehouse.models import Document, IngestLedger

TODAY = date(2026, 11, 28)
REL = "D-REPL/giay-to.png"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def one_by_one(settings):
    return settings.model_copy(update={"max_parallel_documents": 1, "retry_delays": [0.2, 0.2, 0.2]})


@pytest.fixture
def versions(sample_dir) -> tuple[bytes, bytes]:
    pngs = sorted(sample_dir.rglob("*.png"))
    assert len(pngs) >= 2
    return pngs[0].read_bytes(), pngs[1].read_bytes()


def _listing(settings, role: str) -> dict[str, bytes]:
    store, loc = settings.object_store(), settings.location(role)
    return {loc.relative(o.key): store.get(loc.bucket, o.key) for o in store.list(loc.bucket, loc.prefix)}


def _ledger(settings) -> list[IngestLedger]:
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        return list(s.scalars(select(IngestLedger).order_by(IngestLedger.id)))


def _documents(settings) -> list[Document]:
    with open_warehouse(settings.resolved_warehouse_url)() as s:
        return list(s.scalars(select(Document).order_by(Document.id)))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("point", "warehouse_url"),
    [
        ("during_ocr", "sqlite"),
        ("before_commit", "sqlite"),
        ("after_commit", "sqlite"),
        ("after_commit", "postgresql"),  # one point is enough on PostgreSQL: keeps the suite short
    ],
    indirect=["warehouse_url"],
)
def test_replaced_while_processing_both_versions_kept(one_by_one, versions, point):
    settings, (old, new) = one_by_one, versions
    store, inbox = settings.object_store(), settings.location("inbox")
    key = inbox.key(REL)
    store.put(inbox.bucket, key, old, content_type="image/png")
    replaced = []

    def replace() -> None:
        if not replaced:
            replaced.append(store.put(inbox.bucket, key, new, content_type="image/png"))

    with faults.hooked(point, replace):
        first = run_sweep(settings, trigger="cli", today=TODAY)
    assert len(replaced) == 1
    assert first.count("processed") == 1 and first.count("failed") == 0
    # The move of the old version left the new one in the inbox, untouched.
    assert _listing(settings, "inbox") == {REL: new}
    assert _listing(settings, "archive") == {REL: old}

    second = run_sweep(settings, trigger="cli", today=TODAY)
    assert second.count("processed") == 1 and second.count("failed") == 0

    newer = REL.replace(".png", f".{_sha(new)[:12]}.png")
    assert _listing(settings, "inbox") == {}
    assert _listing(settings, "archive") == {REL: old, newer: new}, "archive keeps both versions"
    rows = _ledger(settings)
    assert [(r.key, r.status, r.sha256) for r in rows] == [(key, "done", _sha(old)), (key, "done", _sha(new))]
    assert rows[0].etag != rows[1].etag and rows[1].etag == replaced[0].etag
    docs = _documents(settings)
    assert [(d.ledger_id, d.source_sha256, d.archive_key) for d in docs] == [
        (rows[0].id, _sha(old), settings.location("archive").key(REL)),
        (rows[1].id, _sha(new), settings.location("archive").key(newer)),
    ]
    assert docs[0].supersedes_id is None and docs[1].supersedes_id == docs[0].id, "superseded by a link"

    third = run_sweep(settings, trigger="cli", today=TODAY)
    assert third.outcomes == {} and len(_documents(settings)) == 2, "nothing twice"


@pytest.mark.slow
@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("change", ["replaced", "deleted"])
def test_changed_between_listing_and_reading(one_by_one, versions, change):
    settings, (old, new) = one_by_one, versions
    store, inbox = settings.object_store(), settings.location("inbox")
    key = inbox.key(REL)
    listed = store.put(inbox.bucket, key, old, content_type="image/png")

    def change_it() -> None:
        if change == "replaced":
            store.put(inbox.bucket, key, new, content_type="image/png")
        else:
            store.delete(inbox.bucket, key)

    with faults.hooked("before_read", change_it):
        first = run_sweep(settings, trigger="cli", today=TODAY)
    assert first.count("quarantined") == 1 and first.count("processed") == 0
    [row] = _ledger(settings)
    assert (row.etag, row.status, row.error_code, row.sha256) == (
        listed.etag,
        "quarantined",
        "version_gone",
        None,
    )
    reasons = _listing(settings, "quarantine")
    assert list(reasons) == [REL.replace(".png", f".{listed.etag[:12]}.png") + ".reason.json"]
    assert b"version_gone" in next(iter(reasons.values()))
    assert _documents(settings) == [], "the newer bytes are not stored under the old version's row"
    assert _listing(settings, "inbox") == ({REL: new} if change == "replaced" else {})

    second = run_sweep(settings, trigger="cli", today=TODAY)
    if change == "deleted":
        assert second.outcomes == {}
        return
    assert second.count("processed") == 1
    docs = _documents(settings)
    assert [(d.source_sha256, d.supersedes_id) for d in docs] == [(_sha(new), None)]
    assert _listing(settings, "archive") == {REL: new}
    assert _listing(settings, "inbox") == {}
    assert [r.status for r in _ledger(settings)] == ["quarantined", "done"]


@pytest.mark.parametrize("warehouse_url", ["sqlite"], indirect=True)
def test_store_reads_copies_and_deletes_only_the_version_asked_for(settings):
    """The object store's conditional calls, on the real gateway."""
    store, inbox = settings.object_store(), settings.location("inbox")
    key = inbox.key("D-REPL/a.png")
    first = store.put(inbox.bucket, key, b"first version", content_type="image/png")
    second = store.put(inbox.bucket, key, b"second version", content_type="image/png")

    assert store.get(inbox.bucket, key, etag=second.etag) == b"second version"
    with pytest.raises(VersionChanged):
        store.get(inbox.bucket, key, etag=first.etag)
    with pytest.raises(VersionChanged):
        store.copy(inbox.bucket, key, inbox.bucket, inbox.key("copy.png"), match_etag=first.etag)
    assert not store.exists(inbox.bucket, inbox.key("copy.png"))
    store.copy(inbox.bucket, key, inbox.bucket, inbox.key("copy.png"), match_etag=second.etag)

    assert store.delete(inbox.bucket, key, etag=first.etag) is False
    assert store.get(inbox.bucket, key) == b"second version", "the newer version is kept"
    assert store.delete(inbox.bucket, key, etag=second.etag) is True
    with pytest.raises(ObjectNotFound):
        store.get(inbox.bucket, key, etag=second.etag)
